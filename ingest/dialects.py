"""Split decoded text into records, one reader per LinkedIn quoting dialect.

Every reader yields `(line, fields)`: `line` is the 1-based physical line where the record
starts, so a quarantined row can be found in the original file. Blank lines are skipped.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator

Record = tuple[int, list[str]]

# Python's csv module refuses fields over 128 KiB by default; LinkedIn message bodies and
# article-like comments can be longer. The hostile-input limits live in the archive reader.
csv.field_size_limit(64 * 1024 * 1024)


def read_standard(text: str, delimiter: str = ",") -> Iterator[Record]:
    """Return records of a well-formed CSV/TSV (minimal or full quoting, `""` doubling)."""
    reader = csv.reader(
        io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"', doublequote=True, strict=False
    )
    start = 1
    for row in reader:
        if any(row):  # skips blank lines and rows of only commas
            yield start, row
        start = reader.line_num + 1


_COMMENT_START = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},")


def _unquote_comment(field: str) -> str:
    """Strip a quoted Comments field and undo both escapings LinkedIn used (`""` and, in 2025, `\\"`)."""
    if len(field) >= 2 and field.startswith('"') and field.endswith('"'):
        field = field[1:-1]
        return field.replace('\\"', '"').replace('""', '"')
    return field


def read_comments(text: str, header_line: int) -> Iterator[Record]:
    """Return Comments.csv records, rebuilt without trusting its quoting.

    2021–2024 files leave newline-only messages unquoted and 2025 files escape quotes as `\\"`,
    so no CSV parser reads both. A record always starts with a `YYYY-MM-DD HH:MM:SS,` timestamp:
    split there, then take the first two commas as field separators.
    """
    lines = text.splitlines(keepends=True)
    current: list[str] = []
    start = 0

    def flush() -> Iterator[Record]:
        if current:
            record = "".join(current).rstrip("\r\n")
            parts = record.split(",", 2)
            if len(parts) == 3:
                parts[2] = _unquote_comment(parts[2].replace("\r\n", "\n"))
            yield start, parts

    for number, line in enumerate(lines[header_line:], start=header_line + 1):
        if _COMMENT_START.match(line):
            yield from flush()
            current, start = [line], number
        elif current:
            current.append(line)
        elif line.strip():
            # Text before the first timestamped record: yield as-is so it is quarantined, not lost.
            yield number, [line.rstrip("\r\n")]
    yield from flush()


def read_first_comma(text: str, header_line: int) -> Iterator[Record]:
    """Return SearchQueries.csv records: split each line at the first comma only.

    2025 exports stop quoting, so a query containing commas becomes 3–4 fields; earlier files
    quote such queries, which is undone here.
    """
    for number, line in enumerate(text.splitlines()[header_line:], start=header_line + 1):
        if not line.strip():
            continue
        parts = line.split(",", 1)
        if len(parts) == 2 and len(parts[1]) >= 2 and parts[1].startswith('"') and parts[1].endswith('"'):
            parts[1] = parts[1][1:-1].replace('""', '"')
        yield number, parts
