"""Read one CSV of an export into typed rows: decode, find the header, read the records with the file's dialect
(the fast polars path when the file allows it), then type them with the registry's columns."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

import polars as pl
from linkedin_ssi.ingest import dialects
from linkedin_ssi.ingest.archive import Entry
from linkedin_ssi.ingest.coerce import Rejected, coerce, scan_records, split_records
from linkedin_ssi.ingest.decode import decode_bytes
from linkedin_ssi.ingest.errors import ExportFormatError
from linkedin_ssi.ingest.fast_csv import read_fast
from linkedin_ssi.ingest.headers import find_header, unique_header
from linkedin_ssi.ingest.ledger import FileReport
from linkedin_ssi.ingest.registry import PLACEHOLDERS, TableSpec, snake

# Hostile-input bounds: LinkedIn's longest fields (message bodies, job descriptions) are tens of kB.
MAX_FIELDS = 1_000
_HTML_PAGE = re.compile(r"^\s*<(!doctype\s+html|html|head|body)\b", re.IGNORECASE)


def read_records(text: str, delimiter: str, dialect: str, header_line: int) -> list[tuple[int, list[str]]]:
    """Return (physical line, fields) of every record after the header, read with the file's dialect."""
    if delimiter == "\t" or dialect == "standard":
        return [r for r in dialects.read_standard(text, delimiter) if r[0] > header_line]
    if dialect == "comments":
        return list(dialects.read_comments(text, header_line))
    return list(dialects.read_first_comma(text, header_line))


def _generic(header: list[str], records: list[tuple[int, list[str]]], file: str) -> tuple[pl.DataFrame, list[Rejected]]:
    """Return an all-text frame for a file the registry does not know, keeping every column."""
    names = [snake(h) for h in header]
    names = unique_header(names)
    width = len(header)
    good = [(ln, f) for ln, f in records if len(f) == width]
    rejected = [
        Rejected(ln, "*", f"record has {len(f)} fields, header has {width}", {str(i): v for i, v in enumerate(f)})
        for ln, f in records
        if len(f) != width
    ]
    data = {n: pl.Series([f[i] if f[i] != "" else None for _, f in good], dtype=pl.String) for i, n in enumerate(names)}
    data["_source_line"] = pl.Series([ln for ln, _ in good], dtype=pl.Int64)
    return pl.DataFrame(data), rejected


def generic_table_name(file_name: str) -> str:
    """Return the raw table name for a CSV the registry does not know (`Duolingo.csv` -> `duolingo`)."""
    stem = re.sub(r"_\d+$", "", PurePosixPath(file_name).stem)
    return snake(stem)


def _check_bounds(records: list[tuple[int, list[str]]], file: str) -> None:
    """Raise ExportFormatError for a record with thousands of fields (no LinkedIn file has over 40)."""
    for line, fields in records:
        if len(fields) > MAX_FIELDS:
            raise ExportFormatError(f"{file}: line {line} has {len(fields):,} fields (limit {MAX_FIELDS:,})")


HEAD_BYTES = 256 * 1024  # enough for any header, preamble included
# Up to this many values, Python finds the longest field and CRLFs of Python-read records faster than polars.
SCAN_IN_PYTHON_CELLS = 20_000


def _fast_body(data: bytes, spec: TableSpec | None) -> tuple[str, int] | None:
    """Return (encoding, byte offset where the text starts) when `data` can take the fast reader, else None.

    A file that fits in HEAD_BYTES is decoded whole for the header search anyway, and Python's reader reads it
    faster than polars and numpy can start (measured: 0.9 ms against 2.9 ms for a 39 kB messages.csv; the two
    cross near 400 kB); the fast reader gives the same records, so only the cost differs."""
    if len(data) <= HEAD_BYTES:
        return None
    if spec is None or spec.dialect != "standard" or data.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00")):
        return None
    return ("utf-8-sig", 3) if data.startswith(b"\xef\xbb\xbf") else ("utf-8", 0)


def line_offset(data: bytes, start: int, line: int) -> int | None:
    """Return the byte offset where physical line `line` + 1 begins (None if the data ends first)."""
    at = start
    for _ in range(line):
        at = data.find(b"\n", at)
        if at == -1:
            return None
        at += 1
    return at


def parse_csv(
    entry: Entry, spec: TableSpec | None, base: str
) -> tuple[str, FileReport, pl.DataFrame | None, list[Rejected]]:
    """Return (table, report, frame, rejected) for one CSV entry."""
    table = spec.table if spec else generic_table_name(PurePosixPath(entry.path).name)
    report = FileReport(entry.path, table, "generic" if spec is None else "loaded")
    data = entry.read()
    if not data and spec is not None:
        # LinkedIn writes at least a header; a LinkedIn file of 0 bytes is a truncated download or extraction.
        report.problems.append("0 bytes, not even a header: a truncated download? (nothing loaded from it)")
    fast = _fast_body(data, spec)
    # Checks and the header search only need the head of the file; the fast path never decodes the rest.
    if fast and len(data) > HEAD_BYTES:
        cut = data.rfind(b"\n", 0, HEAD_BYTES) + 1 or HEAD_BYTES  # never split a multi-byte character
        head = decode_bytes(data[:cut], entry.path)
    else:
        head = decode_bytes(data, entry.path)
    text = head.text
    if _HTML_PAGE.match(text[:500]):
        raise ExportFormatError(f"{entry.path}: is an HTML page, not a CSV (an error page saved as .csv?)")
    if text.strip() in PLACEHOLDERS and len(data) < HEAD_BYTES:
        report.status = "placeholder"
        return table, report, None, []
    found = find_header(text, head.delimiter, spec, entry.path)
    if found is None:
        report.status = "empty"
        return table, report, None, []
    header_line, header = found
    header = unique_header(header)
    report.header_line, report.header = header_line, header
    parsed = None
    scanned = None
    if fast and head.encoding in ("utf-8", "utf-8-sig") and not head.warnings:
        offset = line_offset(data, fast[1], header_line)
        if offset is not None:
            parsed = read_fast(data, offset, header_line, len(header))
            report.encoding = fast[0]
            if parsed is not None:
                del data  # polars holds its own copy now: free the inflated bytes before typing
    if parsed is not None:
        raw_frame, lines = parsed
        rejected: list[Rejected] = []
        report.rows_read = raw_frame.height
    else:
        decoded = decode_bytes(data, entry.path) if fast else head
        report.encoding = decoded.encoding
        report.warnings += decoded.warnings
        records = read_records(decoded.text, decoded.delimiter, spec.dialect if spec else "standard", header_line)
        _check_bounds(records, entry.path)
        report.rows_read = len(records)
        if spec is None:
            frame, rejected = _generic(header, records, entry.path)
            return table, report, frame, rejected
        raw_frame, lines, rejected = split_records(records, len(header), header)
        if len(records) * len(header) <= SCAN_IN_PYTHON_CELLS:
            scanned = scan_records([f for _, f in records if len(f) == len(header)], len(header))
    assert spec is not None, "the fast reader only runs with a spec, and a generic file returned above"
    result = coerce(spec, header, raw_frame, lines, entry.path, base, rejected, scanned)
    report.warnings += result.warnings
    report.problems += result.problems
    if not report.rows_read and report.status == "loaded":
        report.status = "empty"
    return table, report, result.frame, result.rejected
