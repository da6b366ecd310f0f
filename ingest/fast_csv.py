"""A fast reader for well-formed CSV (RFC 4180 quoting): polars parses the bytes, numpy checks the result.

Python's csv module needs the whole file as one str (4 bytes a character once a single emoji appears)
plus a list per row: about 10x the file in memory for a large messages.csv. Here polars parses the
bytes in place, and the checks the Python reader makes for free are rebuilt from its output:

- each record's first physical line: records before it, plus the line breaks inside their values;
- each record's field count: the commas on its physical lines, minus the commas inside its values,
  plus one (numpy counts the commas per line in two passes over the bytes).

The reader answers None whenever a check fails (a record with the wrong number of fields, stray quotes,
invalid UTF-8, line counts that do not add up); the caller then uses the Python reader, which sets such
rows aside one by one with their reason.
"""

from __future__ import annotations

import numpy as np
import polars as pl

NEWLINE, COMMA = 10, 44
# Bytes scanned at a time: each chunk costs two boolean arrays of its size (128 MB with 64 MB chunks) while the
# file's bytes and polars' frame are held, at the load's peak.
CHUNK = 8 * 1024 * 1024


def _commas_per_line(arr: np.ndarray) -> tuple[np.ndarray, int]:
    """Return (commas on each physical line, number of newlines), scanning in bounded chunks."""
    newline_count = 0
    pieces = [np.zeros(1, dtype=np.int64)]
    for start in range(0, len(arr), CHUNK):
        chunk = arr[start : start + CHUNK]
        newlines = np.flatnonzero(chunk == NEWLINE)
        commas = np.flatnonzero(chunk == COMMA)
        # The commas before each newline, by a search of the newlines among the commas (a message file has twenty
        # commas a line: searching the commas among the newlines instead cost a fifth of the messages' parse).
        before = np.searchsorted(commas, newlines)
        per_line = np.diff(before, prepend=0, append=len(commas))
        pieces[-1][-1] += per_line[0]  # the line continuing from the previous chunk
        if len(newlines):
            pieces.append(per_line[1:])
        newline_count += len(newlines)
    return np.concatenate(pieces), newline_count


def read_fast(data: bytes, offset: int, header_line: int, width: int) -> tuple[pl.DataFrame, pl.Series] | None:
    """Return (string columns c0..c{width-1}, physical line of each record) for the records of `data` that
    start at byte `offset` (just after the header, physical line `header_line`), with blank and all-empty
    records dropped; None to fall back. polars and numpy both read `data` in place."""
    columns = [f"c{i}" for i in range(width)]
    if offset >= len(data):
        return pl.DataFrame(schema={c: pl.String for c in columns}), pl.Series("line", [], dtype=pl.Int64)
    try:
        # The lines before the records (header, Connections' Notes: preamble) hold no quoted line break, so
        # skipping them by line count lands on the first record; the line count below checks it did.
        frame = pl.read_csv(
            data, has_header=False, quote_char='"', skip_rows=header_line, schema={c: pl.String for c in columns}
        )
    except (pl.exceptions.ComputeError, pl.exceptions.SchemaError, pl.exceptions.NoDataError):
        return None
    arr = np.frombuffer(data, dtype=np.uint8, offset=offset)
    per_line, newline_count = _commas_per_line(arr)
    physical_lines = newline_count + (0 if arr[-1] == NEWLINE else 1)
    inner = frame.select(
        pl.sum_horizontal(pl.all().str.count_matches("\n", literal=True).fill_null(0)).alias("newlines"),
        pl.sum_horizontal(pl.all().str.count_matches(",", literal=True).fill_null(0)).alias("commas"),
        pl.all_horizontal(pl.all().is_null() | (pl.all() == "")).alias("empty"),
    )
    breaks = inner["newlines"].to_numpy().astype(np.int64)
    span = breaks + 1  # physical lines each record covers
    if int(span.sum()) != physical_lines:
        return None  # polars and the bytes disagree on where records are
    first = np.concatenate(([0], np.cumsum(span)[:-1]))  # index of each record's first physical line
    cumulative = np.concatenate(([0], np.cumsum(per_line[:physical_lines])))
    record_commas = cumulative[first + span] - cumulative[first]
    fields = record_commas - inner["commas"].to_numpy() + 1
    empty = inner["empty"].to_numpy()
    blank = empty & (fields == 1)
    if np.any(fields[~blank] != width):
        return None
    lines = pl.Series("line", header_line + 1 + first, dtype=pl.Int64)
    if not empty.any():
        # A filter that keeps every row still copies the frame: a million messages' worth more at the load's peak.
        return frame, lines
    keep = pl.Series(~empty)
    return frame.filter(keep), lines.filter(keep)
