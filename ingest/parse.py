"""Parse one export into typed, validated tables plus quarantine and a per-file ledger.

`parse_export` is a pure function of the export's bytes (and an optional member override):
it reads nothing else and writes nothing, so it can run in parallel, anywhere. It dispatches each file and
validates the tables; reading one CSV is `csv_file`, finding its header `headers`, telling whose export it is and
when it was made `owner`, and the ledger row of a file `ledger`.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePosixPath

import polars as pl
from linkedin_ssi.ingest import owner
from linkedin_ssi.ingest.archive import Entry, Export
from linkedin_ssi.ingest.articles import parse_article
from linkedin_ssi.ingest.coerce import Rejected
from linkedin_ssi.ingest.contracts import ContractColumnError, validate
from linkedin_ssi.ingest.csv_file import generic_table_name, parse_csv
from linkedin_ssi.ingest.decode import decode_bytes
from linkedin_ssi.ingest.errors import ExportError, ExportFormatError
from linkedin_ssi.ingest.ledger import FileReport, describe_file
from linkedin_ssi.ingest.ledger_tables import KEPT_AS_TEXT_SCHEMA, QUARANTINE_SCHEMA
from linkedin_ssi.ingest.privacy import SENSITIVE_FILES, PrivacyOptions, apply_privacy
from linkedin_ssi.ingest.registry import (
    ARTICLE_COLUMNS,
    ARTICLES_TABLE,
    BY_FILE,
    BY_TABLE,
    RAW_LINEAGE_ORDER,
    norm_file,
    schema_of,
)

PARSER_VERSION = "1"

KEPT_AS_TEXT_TABLE = "kept_as_text"
_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"


@dataclass
class ParsedExport:
    """Everything one export yields, ready to be written to the lake."""

    export_id: str
    member: str
    member_name: str | None
    member_profile_url: str | None
    exported_at: datetime | None
    source_name: str
    tables: dict[str, pl.DataFrame]  # raw table name -> rows with lineage
    quarantine: pl.DataFrame
    files: list[FileReport]
    privacy: PrivacyOptions = PrivacyOptions()

    def problems(self) -> list[str]:
        """Return one line per problem a person must know: a file kept as text or skipped
        (`Connections.csv: kept as text: ...`), a column loaded but not typed, a 0-byte LinkedIn file."""
        return [
            *(
                f"{f.file}: {f.status.replace('_', ' ')}: {f.reason}"
                for f in self.files
                if f.status in ("kept_as_text", "skipped")
            ),
            *(f"{f.file}: {p}" for f in self.files for p in f.problems),
        ]

    def manifest(self) -> dict:
        """Return the JSON-serialisable load ledger of this export."""
        return {
            "export_id": self.export_id,
            "member": self.member,
            "member_name": self.member_name,
            "member_profile_url": self.member_profile_url,
            "exported_at": self.exported_at.isoformat() if self.exported_at else None,
            "source_name": self.source_name,
            "parser_version": PARSER_VERSION,
            "include_sensitive": self.privacy.include_sensitive,
            "redacted": self.privacy.redact,
            "tables": {t: f.height for t, f in sorted(self.tables.items())},
            "files": [vars(f) for f in self.files],
        }


def _rejected_frame(table: str, file: str, rejected: list[Rejected]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "table_name": [table] * len(rejected),
            "source_file": [file] * len(rejected),
            "source_line": [r.line for r in rejected],
            "column_name": [r.column for r in rejected],
            "reason": [r.reason for r in rejected],
            "raw_record": [json.dumps(r.raw, ensure_ascii=False) for r in rejected],
        },
        schema=QUARANTINE_SCHEMA,
    )


def _strip_file(message: str, file: str) -> str:
    """Return an error message without its leading `<file>: ` (the ledger names the file itself)."""
    return message[len(file) + 2 :] if message.startswith(f"{file}: ") else message


def _keep_as_text(entry: Entry, table: str | None, reason: str) -> tuple[FileReport, pl.DataFrame | None]:
    """Return the ledger row and the lines of a file kept whole as text (status kept_as_text), or a
    `skipped` ledger row and None when the bytes are not text at all (binary, UTF-32)."""
    report = FileReport(entry.path, table, "kept_as_text", reason=reason)
    try:
        decoded = decode_bytes(entry.read(), entry.path)
    except ExportFormatError as e:
        report.status, report.reason = "skipped", _strip_file(str(e), entry.path)
        return report, None
    lines = decoded.text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the newline that ends the last line is not a line of its own
    n = len(lines)
    report.encoding = decoded.encoding
    report.rows_read = report.rows_kept_as_text = n
    return report, pl.DataFrame(
        {
            "table_name": [table] * n,
            "source_file": [entry.path] * n,
            "source_line": pl.int_range(1, n + 1, eager=True, dtype=pl.Int64) if n else [],
            "line": lines,
            "reason": [reason] * n,
        },
        schema=KEPT_AS_TEXT_SCHEMA,
    )


def _articles_frame(rows: list[dict]) -> pl.DataFrame:
    """Return the articles rows with the contract's dtypes (never inferred: a draft's NULL link stays String)."""
    schema = schema_of(ARTICLE_COLUMNS) | {"_source_line": pl.Int64, "_source_file": pl.String}
    return pl.DataFrame(rows, schema=schema)


def _stepped(entries: tuple[Entry, ...], reports: list[FileReport], stage: str, on_step) -> Iterator[Entry]:
    """Yield the entries; once the caller is done with one, tell `on_step` about the ledger row it added."""
    for done, entry in enumerate(entries, start=1):
        yield entry
        if on_step:
            on_step(stage, done, len(entries), describe_file(reports[-1]))


def parse_export(
    export: Export, member: str | None = None, privacy: PrivacyOptions = PrivacyOptions(), on_step=None
) -> ParsedExport:
    """Return the parsed export: typed tables with lineage, quarantined rows, files kept as text and the ledger.

    One odd file never refuses the export: a file whose structure, date format or contract the parser does
    not recognise is kept whole in the `kept_as_text` table and marked in the ledger. Raises ExportError
    (one line naming the file) only when the archive itself cannot be read or nothing in it is a LinkedIn
    file; nothing is returned in that case, so a caller never stores half an export. `on_step(stage, done,
    total, item)` is called after each file.
    """
    frames: dict[str, list[pl.DataFrame]] = {}
    rejected_frames: list[pl.DataFrame] = []
    kept_frames: list[pl.DataFrame] = []
    reports: list[FileReport] = [FileReport(p, None, "ignored", warnings=["archiver metadata"]) for p in export.ignored]
    entries: dict[str, Entry] = {}
    articles: list[dict] = []

    def keep(entry: Entry, table: str | None, reason: str) -> None:
        if privacy.redact:
            # Unparsed text cannot be redacted column by column: a redacted warehouse does not keep it.
            reports.append(
                FileReport(
                    entry.path,
                    table,
                    "skipped",
                    reason=f"{reason} (a redacted load keeps no unparsed text; the archive still has it)",
                )
            )
            return
        report, lines = _keep_as_text(entry, table, reason)
        reports.append(report)
        if lines is not None:
            if not privacy.include_sensitive:  # the same promise as for parsed files: no e-mail addresses
                lines = lines.with_columns(pl.col("line").str.replace_all(_EMAIL, "[e-mail withheld]"))
            kept_frames.append(lines)

    for entry in _stepped(export.entries, reports, f"reading {export.source.name}", on_step):
        path = PurePosixPath(entry.path)
        entries[entry.path] = entry
        if path.suffix.lower() in (".html", ".htm") and "articles" in (p.casefold() for p in path.parts[:-1]):
            try:
                row = parse_article(decode_bytes(entry.read(), entry.path).text, path.name)
            except ExportFormatError as e:
                keep(entry, ARTICLES_TABLE, _strip_file(str(e), entry.path))
                continue
            row["_source_line"] = 1
            row["_source_file"] = entry.path
            articles.append(row)
            reports.append(FileReport(entry.path, ARTICLES_TABLE, "loaded", 1, 1, 0, encoding="utf-8"))
            continue
        base = norm_file(path.name)
        if base is None:
            reports.append(FileReport(entry.path, None, "ignored", warnings=["not a CSV or article page"]))
            continue
        spec = BY_FILE.get(base)
        if base in SENSITIVE_FILES and not privacy.include_sensitive:
            reports.append(
                FileReport(
                    entry.path,
                    None,
                    "withheld",
                    warnings=[f"not loaded: holds {SENSITIVE_FILES[base]} (load it with --include-sensitive)"],
                )
            )
            continue
        if spec is None and privacy.redact:
            reports.append(
                FileReport(
                    entry.path,
                    None,
                    "withheld",
                    warnings=["not loaded: a redacted warehouse keeps only the files the registry knows how to redact"],
                )
            )
            continue
        table_name = spec.table if spec else generic_table_name(path.name)
        try:
            table, report, frame, rejected = parse_csv(entry, spec, path.stem)
        except ExportFormatError as e:
            # A renamed or missing column, a new date format, a file that is not CSV: keep it whole as text.
            keep(entry, table_name, _strip_file(str(e), entry.path))
            continue
        except ExportError:
            raise  # the archive itself cannot be read (damaged, encrypted): no part of it can be trusted
        except Exception as e:  # an unexpected parser failure is about this file only: keep it, say so
            keep(entry, table_name, f"could not be parsed ({type(e).__name__}: {e})")
            continue
        reports.append(report)
        if frame is not None:
            if "_source_file" not in frame.columns:  # a typed file has it already (coerce adds it)
                frame = frame.with_columns(pl.lit(entry.path).alias("_source_file"))
            frames.setdefault(table, []).append(frame)
        if rejected:
            rejected_frames.append(_rejected_frame(table, entry.path, rejected))
        report.rows_quarantined = len(rejected)

    if not any(r.table in BY_TABLE or r.table == ARTICLES_TABLE for r in reports):
        raise ExportError(
            f"{export.source.name}: no LinkedIn export files in it (such as Connections.csv, Profile.csv "
            "or messages.csv) — is this a LinkedIn data export?"
        )
    tables = {t: pl.concat(fs, how="diagonal_relaxed") for t, fs in frames.items()}
    if articles:
        tables[ARTICLES_TABLE] = _articles_frame(articles)
    name, url = owner.identify_member(tables)
    tables = apply_privacy(tables, privacy, name, url)
    member_key = member or owner.member_key(name, url, export.export_id)
    exported_at = owner.exported_at(tables, export.source.name)
    lineage = [
        pl.lit(export.export_id).alias("_export_id"),
        pl.lit(member_key).alias("_member"),
        pl.lit(exported_at, dtype=pl.Datetime("us", "UTC")).alias("_exported_at"),
    ]
    by_file = {r.file: r for r in reports}
    validated: dict[str, pl.DataFrame] = {}
    broken_files: set[str] = set()
    for table, frame in tables.items():
        frame = frame.with_columns(lineage)
        frame, failures, broken = _validate_by_file(table, frame)
        for file, problem in broken.items():
            # A column-level contract failure (wrong dtype, missing column) is about the file, not its rows.
            reports.remove(by_file[file])
            keep(entries[file], table, f"contract: {problem}")
            by_file[file] = reports[-1]
            broken_files.add(file)
        if failures.height:
            # polars types cast()'s mapping keys as a union (str | selector | dtype) and Mapping keys are invariant,
            # so a dict[str, DataType] is refused though polars accepts it.
            rejected_frames.append(
                failures.select(
                    pl.lit(table).alias("table_name"),
                    pl.col("_source_file").alias("source_file"),
                    pl.col("_source_line").alias("source_line"),
                    pl.col("column").alias("column_name"),
                    "reason",
                    pl.col("raw_record"),
                ).cast(QUARANTINE_SCHEMA)  # type: ignore[arg-type]
            )
            for file, n in Counter(failures["_source_file"].to_list()).items():
                by_file[file].rows_quarantined += n
        if frame.height or not broken:  # a table whose every file was kept as text has no rows to store
            if table in BY_TABLE:
                tail = [c for c in RAW_LINEAGE_ORDER if c in frame.columns]
                frame = frame.select([c for c in frame.columns if c not in tail] + tail)
            validated[table] = frame
    for frame in validated.values():
        # Counted by polars: a million messages as a Python list cost a tenth of a second.
        for file, n in frame.group_by("_source_file").len().iter_rows():
            by_file[file].rows_loaded = n
    if kept_frames:
        validated[KEPT_AS_TEXT_TABLE] = pl.concat(kept_frames).with_columns(lineage[:3])
    if broken_files:  # a file kept whole as text has no rows in the quarantine: its lines are all kept
        rejected_frames = [f.filter(~pl.col("source_file").is_in(sorted(broken_files))) for f in rejected_frames]
    quarantine = (
        pl.concat(rejected_frames) if rejected_frames else pl.DataFrame(schema=QUARANTINE_SCHEMA)
    ).with_columns(pl.lit(export.export_id).alias("_export_id"), pl.lit(member_key).alias("_member"))
    return ParsedExport(
        export.export_id,
        member_key,
        name,
        url,
        exported_at,
        export.source.name,
        validated,
        quarantine,
        reports,
        privacy,
    )


# _with_positions' columns: a contract's row failures with where each row came from and its values.
_POSITIONED_FAILURES = {
    "_row": pl.Int64,
    "column": pl.String,
    "reason": pl.String,
    "_source_file": pl.String,
    "_source_line": pl.Int64,
    "raw_record": pl.String,
}
_NO_FAILURES = pl.DataFrame(schema=_POSITIONED_FAILURES)  # never changed in place: polars frames are values here


def _validate_by_file(table: str, frame: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame, dict[str, str]]:
    """Return (rows that pass the table's contract, row failures with file/line/raw record, {file: problem}
    for files whose columns break the contract as a whole); the rows of such files are in neither frame."""
    try:
        good, failures = validate(table, frame)
        return good, _with_positions(failures, frame) if failures.height else _NO_FAILURES, {}
    except ContractColumnError:
        pass  # some file breaks the contract as a whole: find which, one file at a time
    broken: dict[str, str] = {}
    goods, fails = [], []
    for file in frame["_source_file"].unique(maintain_order=True).to_list():
        part = frame.filter(pl.col("_source_file") == file)
        try:
            g, f = validate(table, part)
        except ContractColumnError as e:
            broken[file] = str(e)
            continue
        goods.append(g)
        fails.append(_with_positions(f, part))
    return pl.concat(goods) if goods else frame.clear(), pl.concat(fails) if fails else _NO_FAILURES, broken


def _with_positions(failures: pl.DataFrame, frame: pl.DataFrame) -> pl.DataFrame:
    """Return `failures` (one row per failing row of `frame`, by position `_row`) with that row's file, line and
    typed values as JSON. Only the failing rows are encoded: encoding a million messages would double the load."""
    picked = (
        frame.with_row_index("_row")
        .with_columns(pl.col("_row").cast(pl.Int64))
        .filter(pl.col("_row").is_in(failures["_row"].implode()))
    )
    values = [c for c in picked.columns if not c.startswith("_")]
    raw = (
        picked.select(pl.struct(values).struct.json_encode().alias("raw_record"))
        if values
        else pl.DataFrame({"raw_record": pl.Series([None] * picked.height, dtype=pl.String)})
    )
    return failures.join(picked.select("_row", "_source_file", "_source_line").hstack(raw), on="_row", how="left")
