"""The `csv` format: any CSV whose header names a date and at least one score, with the synonyms of `columns`;
`,`, `;` or tab separated, whichever recognises more header cells; decimal commas only in `;` files."""

from __future__ import annotations

from typing import Any

from linkedin_ssi.ingest.ssi_formats.columns import from_values, header_field, map_header
from linkedin_ssi.ingest.ssi_formats.link_ssi import is_link_ssi
from linkedin_ssi.ingest.ssi_formats.values import csv_rows
from linkedin_ssi.ingest.ssi_validate import Where


def read_plain_csv(text: str, header_line: str, name: str, warnings: list[str]) -> tuple[str, list[dict[str, Any]]]:
    """Return (format, records) of a plain CSV whose first non-blank line is `header_line`: `link_ssi` when it is
    that tracker's file, else `csv`."""
    # `;` files come from spreadsheets set to a decimal-comma locale, so only they may use "12,5".
    delimiter = max((",", ";", "\t"), key=lambda d: sum(header_field(c) is not None for c in header_line.split(d)))
    rows = list(csv_rows(text, delimiter))
    (header_at, header), data = rows[0], rows[1:]
    fields = map_header(header, Where(name, header_at), warnings)
    records = []
    for line, cells in data:
        values = {f: cells[i] if i < len(cells) else "" for i, f in fields.items()}
        raw = dict(zip(header, cells, strict=False))
        records.append(from_values(values, Where(name, line), raw, decimal_comma=delimiter == ";"))
    return ("link_ssi" if is_link_ssi(header, records) else "csv"), records
