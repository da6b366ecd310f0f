"""The loader's own raw tables, what it records about the exports: their columns, types and descriptions, once.

raw.exports and raw.load_ledger are built from the lake's manifests (models.warehouse), raw.quarantine and
raw.kept_as_text from the parser's frames (ingest.parse) plus lineage added by the lake writer. The LinkedIn tables'
columns are in ingest.registry.
"""

from __future__ import annotations

import polars as pl
from linkedin_ssi.ingest.registry import Column, schema_of

EXPORTS_DESCRIPTION = "One row per loaded export (the load ledger's header)."
EXPORTS_COLUMNS = (
    Column("export_id", pl.String(), "Content hash of the archive (same archive, same id, whatever its name)."),
    Column("member", pl.String(), "Member key (profile slug inferred from the export, or --member)."),
    Column("member_name", pl.String(), "Name from Profile.csv."),
    Column("member_profile_url", pl.String(), "Owner's profile URL inferred from Invitations/messages."),
    Column("exported_at", pl.Datetime("us", "UTC"), "Newest activity timestamp in the export."),
    Column("source_name", pl.String(), "File or folder name the export was loaded from (first load)."),
    Column("parser_version", pl.String(), "Version of the parser that read it."),
)

LOAD_LEDGER_DESCRIPTION = "One row per file per export: rows read = rows loaded + rows quarantined + rows kept as text."
LOAD_LEDGER_COLUMNS = (
    Column("export_id", pl.String(), "Export the file belongs to."),
    Column("member", pl.String(), "Member the export belongs to."),
    Column("source_file", pl.String(), "Path inside the export."),
    Column("table_name", pl.String(), "Raw table the rows went to (NULL for ignored files)."),
    Column(
        "status",
        pl.String(),
        "loaded, generic (unknown CSV kept as text columns), empty, placeholder, withheld, "
        "ignored, kept_as_text (structure or date format not recognised: every line in raw.kept_as_text) or "
        "skipped (not text at all; nothing stored).",
    ),
    Column(
        "rows_read", pl.Int64(), "Data records read (blank lines are not records); for a file kept as text, its lines."
    ),
    Column("rows_loaded", pl.Int64(), "Records stored in the raw table."),
    Column("rows_quarantined", pl.Int64(), "Records set aside in raw.quarantine."),
    Column(
        "rows_kept_as_text",
        pl.Int64(),
        "Lines stored in raw.kept_as_text (files whose shape this version does not recognise).",
    ),
    Column("reason", pl.String(), "Why the file was kept as text or skipped (e.g. 'column \"Connected On\" missing')."),
    Column("encoding", pl.String(), "utf-8, utf-8-sig, utf-16 or cp1252."),
    Column("header_line", pl.Int64(), "Physical line of the header row (4 after the Connections Notes: preamble)."),
    Column("warnings", pl.String(), "Notes for the user (unknown columns, fallback encodings, ...)."),
)

QUARANTINE_DESCRIPTION = "Rows that failed to parse or broke a contract, with the reason; never silently dropped."
# What the parser builds; the lake writer adds QUARANTINE_LINEAGE.
QUARANTINE_COLUMNS = (
    Column("table_name", pl.String(), "Raw table the row was meant for."),
    Column("source_file", pl.String(), "Path inside the export."),
    Column("source_line", pl.Int64(), "1-based physical line where the record starts."),
    Column("column_name", pl.String(), "Column(s) at fault ('*' when the record's shape is wrong)."),
    Column("reason", pl.String(), "Why the row was set aside."),
    Column(
        "raw_record",
        pl.String(),
        "The record (JSON): as read for a value that did not parse, as typed for a contract failure.",
    ),
)
QUARANTINE_LINEAGE = (
    Column("_export_id", pl.String(), "Export the row came from."),
    Column("_member", pl.String(), "Member the export belongs to."),
)

KEPT_AS_TEXT_DESCRIPTION = (
    "Files kept whole, one row per physical line, because their structure, date format or "
    "contract was not recognised; `ingest --reload` with a newer version types them."
)
# A file whose structure or date format is not recognised is kept whole, one row per physical line, so that
# nothing is lost until a later parser (`ingest --reload`) can type it. The lake writer adds KEPT_AS_TEXT_LINEAGE.
KEPT_AS_TEXT_COLUMNS = (
    Column("table_name", pl.String(), "Raw table the file would have gone to (by its name)."),
    Column("source_file", pl.String(), "Path inside the export."),
    Column("source_line", pl.Int64(), "1-based physical line number."),
    Column("line", pl.String(), "The line as decoded, without its line break (a CR before it is kept)."),
    Column("reason", pl.String(), "Why the file was not typed."),
)
KEPT_AS_TEXT_LINEAGE = (
    Column("_export_id", pl.String(), "Export the line came from."),
    Column("_member", pl.String(), "Member the export belongs to."),
    Column("_exported_at", pl.Datetime("us", "UTC"), "When the export was made."),
)

QUARANTINE_SCHEMA = schema_of(QUARANTINE_COLUMNS)
KEPT_AS_TEXT_SCHEMA = schema_of(KEPT_AS_TEXT_COLUMNS)

# raw.<table>: (description, every column the table has).
LEDGER_TABLES = {
    "raw.exports": (EXPORTS_DESCRIPTION, EXPORTS_COLUMNS),
    "raw.load_ledger": (LOAD_LEDGER_DESCRIPTION, LOAD_LEDGER_COLUMNS),
    "raw.quarantine": (QUARANTINE_DESCRIPTION, QUARANTINE_COLUMNS + QUARANTINE_LINEAGE),
    "raw.kept_as_text": (KEPT_AS_TEXT_DESCRIPTION, KEPT_AS_TEXT_COLUMNS + KEPT_AS_TEXT_LINEAGE),
}
