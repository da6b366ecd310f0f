"""Write the published warehouse as CSV files, one per table, for people who live in spreadsheets.

The files are made to open well in Excel, LibreOffice and Numbers: UTF-8 with a byte-order mark (without it Excel
on Windows reads accented names as cp1252 mojibake), a header row, timestamps as `YYYY-MM-DD HH:MM:SS` in UTC
(what the `_at` columns hold), booleans as true/false, empty cells for NULL. Like every output they are readable by
the user only (0600), and each is written to a temporary name and renamed, so a reader never sees half a file.
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
from linkedin_ssi.ingest.errors import ExportError

# Excel and LibreOffice sheets hold 1,048,576 rows, the header included.
SPREADSHEET_ROWS = 1_048_575
_BATCH = 10_000


@dataclass
class CsvFile:
    """One CSV written: the table it holds, where, and how many data rows."""

    table: str
    path: str
    rows: int


def _cell(value) -> object:
    """Return a value as a spreadsheet reads it best (see the module docstring)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC)
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, (list, tuple, dict)):
        return str(value)
    return value


def _tables(con: duckdb.DuckDBPyConnection, staging: bool) -> list[tuple[str, str]]:
    """Return [(schema, table)]: the marts, then (with `staging`) the staging tables and views."""
    schemas = ["marts", "staging"] if staging else ["marts"]
    rows = con.execute(
        "select schema_name, table_name from duckdb_tables() where schema_name in ? and not internal "
        "union all select schema_name, view_name from duckdb_views() where schema_name in ? and not internal",
        [schemas, schemas],
    ).fetchall()
    return sorted(rows, key=lambda r: (schemas.index(r[0]), r[1]))


def _write_table(con: duckdb.DuckDBPyConnection, qualified: str, path: Path) -> int:
    """Write one table to `path` (0600, atomically); return its data rows."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    rows = 0
    try:
        with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as f:
            writer = csv.writer(f)
            cursor = con.execute(f"select * from {qualified}")
            writer.writerow([d[0] for d in cursor.description])
            while batch := cursor.fetchmany(_BATCH):
                writer.writerows([_cell(v) for v in row] for row in batch)
                rows += len(batch)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return rows


def export_csv(warehouse: Path, outdir: Path, staging: bool = False) -> list[CsvFile]:
    """Write one CSV per mart to `outdir` (and, with `staging`, one per staging table to `outdir/staging/`);
    return the files written. Raises ExportError (one line) when `outdir` cannot be a folder."""
    outdir = Path(outdir)
    if outdir.exists() and not outdir.is_dir():
        raise ExportError(f"{outdir}: exists and is not a folder; give a folder for the CSV files")
    written = []
    with duckdb.connect(str(warehouse), read_only=True) as con:
        con.execute("set TimeZone = 'UTC'")
        for schema, table in _tables(con, staging):
            folder = outdir if schema == "marts" else outdir / schema
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            path = folder / f"{table}.csv"
            written.append(CsvFile(f"{schema}.{table}", str(path), _write_table(con, f"{schema}.{table}", path)))
    return written
