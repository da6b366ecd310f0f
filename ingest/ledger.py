"""The load ledger's row for one file of an export (`raw.load_ledger`), and how progress lines describe it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class FileReport:
    """What happened to one file of the export: the ledger row."""

    file: str
    table: str | None
    status: str  # loaded | empty | placeholder | generic | withheld | ignored | kept_as_text | skipped
    rows_read: int = 0
    rows_loaded: int = 0
    rows_quarantined: int = 0
    rows_kept_as_text: int = 0  # physical lines kept whole in raw.kept_as_text (status kept_as_text)
    reason: str | None = None  # why a file was kept as text or skipped, without the file name
    problems: list[str] = field(default_factory=list)  # loaded, but a person must know (a column not typed, 0 bytes)
    encoding: str | None = None
    header_line: int | None = None
    header: list[str] | None = None
    warnings: list[str] = field(default_factory=list)


def describe_file(report: FileReport) -> str:
    """Return what a progress line says about one file, e.g. `Connections.csv: loaded, 188 rows read, 2 set aside`."""
    text = f"{report.file}: {report.status.replace('_', ' ')}"
    if report.status in ("loaded", "generic"):
        # Read, not loaded: the contracts, which may still set rows aside, run after every file is read.
        text += f", {report.rows_read:,} row{'s' if report.rows_read != 1 else ''} read"
    if report.rows_quarantined:
        text += f", {report.rows_quarantined:,} set aside"
    return text
