"""A fast reader for well-formed CSV (RFC 4180 quoting): numpy finds the records, polars parses them.

Python's csv module needs the whole file as one str (4 bytes a character once a single emoji appears)
plus a list per row: about 10x the file in memory for a large messages.csv. Here the bytes are
scanned once with numpy: a newline ends a record when the number of quotes before it is even (a
doubled quote adds two), which gives each record's first physical line, blank lines, and the number
of separators outside quotes, i.e. the field count. polars then parses the bytes directly.

The reader answers None whenever its checks disagree (a record with the wrong number of fields,
stray quotes, invalid UTF-8, polars and numpy counting different records); the caller then uses
the Python reader, which sets such rows aside one by one.
"""

from __future__ import annotations

import numpy as np
import polars as pl

NEWLINE, QUOTE, COMMA, CR = 10, 34, 44, 13


def _positions(arr: np.ndarray, byte: int) -> np.ndarray:
    return np.flatnonzero(arr == byte)


def read_fast(data: bytes, offset: int, header_line: int, width: int) -> tuple[pl.DataFrame, pl.Series] | None:
    """Return (string columns c0..c{width-1}, physical line of each record) for the records of `data` that
    start at byte `offset` (just after the header, physical line `header_line`), with blank and all-empty
    records dropped; None to fall back. Nothing is copied: numpy and polars both read `data` in place."""
    first_line = header_line + 1
    if offset >= len(data):
        return pl.DataFrame(schema={f"c{i}": pl.String for i in range(width)}), pl.Series("line", [], dtype=pl.Int64)
    arr = np.frombuffer(data, dtype=np.uint8, offset=offset)
    newlines = _positions(arr, NEWLINE)
    quotes = _positions(arr, QUOTE)
    ends = newlines[np.searchsorted(quotes, newlines) % 2 == 0]  # newlines that end a record
    if len(quotes) % 2:
        return None  # an unbalanced quote: not RFC 4180
    starts = np.concatenate(([0], ends + 1))
    stops = np.concatenate((ends, [len(arr)]))
    if starts[-1] >= len(arr):  # the file ends with a newline: no record after it
        starts, stops = starts[:-1], stops[:-1]
    lengths = stops - starts
    last_byte = arr[np.maximum(stops - 1, 0)]
    blank = (lengths == 0) | ((lengths == 1) & (last_byte == CR))
    commas = _positions(arr, COMMA)
    separators = commas[np.searchsorted(quotes, commas) % 2 == 0]
    fields = np.bincount(np.searchsorted(ends, separators), minlength=len(starts))[: len(starts)] + 1
    if np.any(fields[~blank] != width):
        return None
    del commas, separators, quotes
    try:
        # The lines before the records (header, Connections' Notes: preamble) hold no quoted line break, so
        # skipping them by line count lands on the first record; the record count below checks it did.
        frame = pl.read_csv(data, has_header=False, quote_char='"', skip_rows=header_line,
                            schema={f"c{i}": pl.String for i in range(width)})
    except (pl.exceptions.ComputeError, pl.exceptions.SchemaError, pl.exceptions.NoDataError):
        return None
    if frame.height != len(starts):
        return None
    lines = pl.Series("line", first_line + np.searchsorted(newlines, starts), dtype=pl.Int64)
    empty = frame.select(pl.all_horizontal(pl.all().is_null() | (pl.all() == ""))).to_series()
    keep = ~(pl.Series(blank) | empty)
    return frame.filter(keep), lines.filter(keep)
