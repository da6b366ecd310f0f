"""Parse one export into typed, validated tables plus quarantine and a per-file ledger.

`parse_export` is a pure function of the export's bytes (and an optional member override):
it reads nothing else and writes nothing, so it can run in parallel, anywhere.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import PurePosixPath
from typing import Iterator
from urllib.parse import unquote, urlsplit

import polars as pl

from linkedin_ssi.ingest import dialects
from linkedin_ssi.ingest.archive import Entry, Export
from linkedin_ssi.ingest.articles import parse_article
from linkedin_ssi.ingest.coerce import Rejected, coerce, split_records
from linkedin_ssi.ingest.fast_csv import read_fast
from linkedin_ssi.ingest.decode import decode_bytes
from linkedin_ssi.ingest.errors import ExportError, ExportFormatError
from linkedin_ssi.ingest.privacy import SENSITIVE_FILES, PrivacyOptions, apply_privacy
from linkedin_ssi.ingest.registry import ARTICLES_TABLE, BY_FILE, BY_TABLE, PLACEHOLDERS, TableSpec, norm_file, norm_header, snake
from linkedin_ssi.ingest.contracts import ARTICLE_COLUMNS, ContractColumnError, validate

HEADER_SCAN_LINES = 10
# Hostile-input bounds: LinkedIn's longest fields (message bodies, job descriptions) are tens of kB.
MAX_FIELDS = 1_000
_HTML_PAGE = re.compile(r"^\s*<(!doctype\s+html|html|head|body)\b", re.IGNORECASE)
PARSER_VERSION = "1"

QUARANTINE_SCHEMA = {
    "table_name": pl.String, "source_file": pl.String, "source_line": pl.Int64, "column_name": pl.String,
    "reason": pl.String, "raw_record": pl.String,
}
# A file whose structure or date format is not recognised is kept whole, one row per physical line, so that
# nothing is lost until a later parser (`ingest --reload`) can type it.
KEPT_AS_TEXT_SCHEMA = {
    "table_name": pl.String, "source_file": pl.String, "source_line": pl.Int64, "line": pl.String, "reason": pl.String,
}
KEPT_AS_TEXT_TABLE = "kept_as_text"
_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"

# Tables whose timestamps tell when the export was made (events and learning can lie in the future).
_ACTIVITY_TIMES = {
    "messages": "sent_at", "invitations": "sent_at", "shares": "shared_at", "comments": "commented_at",
    "reactions": "reacted_at", "votes": "voted_at", "search_queries": "searched_at",
    "endorsements_received": "endorsed_at", "endorsements_given": "endorsed_at", "company_follows": "followed_at",
    "member_follows": "followed_at", "rich_media": "uploaded_at",
}


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
        return [*(f"{f.file}: {f.status.replace('_', ' ')}: {f.reason}" for f in self.files
                  if f.status in ("kept_as_text", "skipped")),
                *(f"{f.file}: {p}" for f in self.files for p in f.problems)]

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


def _find_header(text: str, delimiter: str, spec: TableSpec | None, file_name: str) -> tuple[int, list[str]] | None:
    """Return (physical line, cells) of the header row among the first lines, None for an empty file."""
    head = "\n".join(text.splitlines()[: HEADER_SCAN_LINES * 4])
    candidates = []
    for line, cells in dialects.read_standard(head, delimiter):
        candidates.append((line, cells))
        if len(candidates) >= HEADER_SCAN_LINES:
            break
    if not candidates:
        return None
    if spec is None:
        return candidates[0]
    for line, cells in candidates:
        normalised = {norm_header(c) for c in cells}
        if any({norm_header(s) for s in sig} <= normalised for sig in spec.signatures):
            return line, [c.strip().lstrip("\ufeff") for c in cells]
    wanted = " and ".join(repr(s) for s in spec.signatures[0])
    raise ExportFormatError(f"{file_name}: no header row with {wanted} in the first {HEADER_SCAN_LINES} lines")


def _unique_header(cells: list[str]) -> list[str]:
    """Return header names made unique and non-empty (Ad_Targeting repeats names; Learning ends with ',')."""
    seen: Counter[str] = Counter()
    out = []
    for i, c in enumerate(cells):
        name = c.strip() or f"column_{i + 1}"
        seen[name] += 1
        out.append(name if seen[name] == 1 else f"{name}_{seen[name]}")
    return out


def _records(text: str, delimiter: str, dialect: str, header_line: int) -> list[tuple[int, list[str]]]:
    if delimiter == "\t" or dialect == "standard":
        return [r for r in dialects.read_standard(text, delimiter) if r[0] > header_line]
    if dialect == "comments":
        return list(dialects.read_comments(text, header_line))
    return list(dialects.read_first_comma(text, header_line))


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


def _generic(header: list[str], records: list[tuple[int, list[str]]], file: str) -> tuple[pl.DataFrame, list[Rejected]]:
    """Return an all-text frame for a file the registry does not know, keeping every column."""
    names = [snake(h) for h in header]
    names = _unique_header(names)
    width = len(header)
    good = [(ln, f) for ln, f in records if len(f) == width]
    rejected = [Rejected(ln, "*", f"record has {len(f)} fields, header has {width}", dict(enumerate(f)))
                for ln, f in records if len(f) != width]
    data = {n: pl.Series([f[i] if f[i] != "" else None for _, f in good], dtype=pl.String) for i, n in enumerate(names)}
    data["_source_line"] = pl.Series([ln for ln, _ in good], dtype=pl.Int64)
    return pl.DataFrame(data), rejected


def generic_table_name(file_name: str) -> str:
    """Return the raw table name for a CSV the registry does not know (`Duolingo.csv` -> `duolingo`)."""
    stem = re.sub(r"_\d+$", "", PurePosixPath(file_name).stem)
    return snake(stem)


def _normalise_profile_url(url: str | None) -> str | None:
    """Return `https://www.linkedin.com/in/<slug>` with the slug decoded and case-folded, or None."""
    if not url:
        return None
    url = url.strip()
    if "://" not in url:
        url = "https://" + url
    parts = urlsplit(url)
    m = re.match(r"^/in/([^/?#]+)", parts.path)
    if not m:
        return None
    return f"https://www.linkedin.com/in/{unquote(m.group(1)).casefold()}"


def _identify_member(tables: dict[str, pl.DataFrame]) -> tuple[str | None, str | None]:
    """Return (display name, owner profile URL) inferred from the export's own data.

    The owner's URL is not in Profile.csv. In order: the inviter of OUTGOING / invitee of INCOMING
    invitations; the sender URL of messages whose FROM is the Profile.csv name; the sender of
    drafts (always the owner's), else the participant present in the most conversations. The name comes from
    Profile.csv, else from the FROM of the owner's own messages or OUTGOING invitations.
    """
    name = None
    if (profile := tables.get("profile")) is not None and profile.height:
        row = profile.row(0, named=True)
        name = " ".join(p.strip() for p in (row["first_name"], row["last_name"]) if p) or None
    votes: Counter[str] = Counter()
    inv = tables.get("invitations")
    if inv is not None and inv.height:
        for direction, column in (("OUTGOING", "inviter_profile_url"), ("INCOMING", "invitee_profile_url")):
            for url in inv.filter(pl.col("direction") == direction)[column].drop_nulls().to_list():
                if u := _normalise_profile_url(url):
                    votes[u] += 1
    msg = tables.get("messages")
    if not votes and msg is not None and msg.height:
        if name:
            for url in msg.filter(pl.col("from_name").str.strip_chars() == name)["sender_profile_url"].drop_nulls():
                if u := _normalise_profile_url(url):
                    votes[u] += 1
        if not votes:
            for conv in msg.filter(pl.col("conversation_id").is_not_null()).group_by("conversation_id").agg(
                pl.col("sender_profile_url"), pl.col("recipient_profile_urls")
            ).iter_rows(named=True):
                urls = set(conv["sender_profile_url"]) | {
                    u for joined in conv["recipient_profile_urls"] if joined for u in joined.split(",")}
                votes.update({n for u in urls if u and (n := _normalise_profile_url(u))})
            # Drafts are only ever the owner's own: their sender outweighs any conversation count.
            drafts = msg.filter(pl.col("conversation_id").is_null() | pl.col("is_message_draft").fill_null(False))
            for u in drafts["sender_profile_url"].drop_nulls():
                if n := _normalise_profile_url(u):
                    votes[n] += 1000
    url = min(votes, key=lambda u: (-votes[u], u)) if votes else None
    if name is None and url and msg is not None and msg.height:
        own = msg.filter(pl.col("sender_profile_url").map_elements(_normalise_profile_url, return_dtype=pl.String) == url)
        names = Counter(n.strip() for n in own["from_name"].drop_nulls())
        name = names.most_common(1)[0][0] if names else None
    if name is None and inv is not None and inv.height:
        names = Counter(n.strip() for n in inv.filter(pl.col("direction") == "OUTGOING")["from_name"].drop_nulls())
        name = names.most_common(1)[0][0] if names else None
    return name, url


def _member_key(name: str | None, url: str | None, export_id: str) -> str:
    if url:
        return url.rsplit("/", 1)[-1]
    if name:
        return re.sub(r"[^\w]+", "-", name.casefold()).strip("-")
    return f"unknown-{export_id[:8]}"


def _exported_at(tables: dict[str, pl.DataFrame], source_name: str) -> datetime | None:
    newest = [f[c].max() for t, c in _ACTIVITY_TIMES.items() if (f := tables.get(t)) is not None and f.height]
    newest = [n for n in newest if n is not None]
    if newest:
        return max(newest)
    m = re.search(r"(\d{2})-(\d{2})-(\d{4})", source_name)  # Basic_LinkedInDataExport_MM-DD-YYYY
    if m:
        return datetime(int(m.group(3)), int(m.group(1)), int(m.group(2)), tzinfo=timezone.utc)
    return None


def _check_bounds(records: list[tuple[int, list[str]]], file: str) -> None:
    """Raise ExportFormatError for a record with thousands of fields (no LinkedIn file has over 40)."""
    for line, fields in records:
        if len(fields) > MAX_FIELDS:
            raise ExportFormatError(f"{file}: line {line} has {len(fields):,} fields (limit {MAX_FIELDS:,})")


HEAD_BYTES = 256 * 1024  # enough for any header, preamble included


def _fast_body(data: bytes, spec: TableSpec | None) -> tuple[str, int] | None:
    """Return (encoding, byte offset where the text starts) when `data` can take the fast reader, else None."""
    if spec is None or spec.dialect != "standard" or data.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00")):
        return None
    return ("utf-8-sig", 3) if data.startswith(b"\xef\xbb\xbf") else ("utf-8", 0)


def _line_offset(data: bytes, start: int, line: int) -> int | None:
    """Return the byte offset where physical line `line` + 1 begins (None if the data ends first)."""
    at = start
    for _ in range(line):
        at = data.find(b"\n", at)
        if at == -1:
            return None
        at += 1
    return at


def _parse_csv(entry: Entry, spec: TableSpec | None, base: str) -> tuple[str, FileReport, pl.DataFrame | None, list[Rejected]]:
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
    found = _find_header(text, head.delimiter, spec, entry.path)
    if found is None:
        report.status = "empty"
        return table, report, None, []
    header_line, header = found
    header = _unique_header(header)
    report.header_line, report.header = header_line, header
    parsed = None
    if fast and head.encoding in ("utf-8", "utf-8-sig") and not head.warnings:
        offset = _line_offset(data, fast[1], header_line)
        if offset is not None:
            parsed = read_fast(data, offset, header_line, len(header))
            report.encoding = fast[0]
            if parsed is not None:
                data = None  # polars holds its own copy now: free the inflated bytes before typing
    if parsed is not None:
        raw_frame, lines = parsed
        rejected: list[Rejected] = []
        report.rows_read = raw_frame.height
    else:
        decoded = decode_bytes(data, entry.path) if fast else head
        report.encoding = decoded.encoding
        report.warnings += decoded.warnings
        records = _records(decoded.text, decoded.delimiter, spec.dialect if spec else "standard", header_line)
        _check_bounds(records, entry.path)
        report.rows_read = len(records)
        if spec is None:
            frame, rejected = _generic(header, records, entry.path)
            return table, report, frame, rejected
        raw_frame, lines, rejected = split_records(records, len(header), header)
    result = coerce(spec, header, raw_frame, lines, entry.path, base, rejected)
    report.warnings += result.warnings
    report.problems += result.problems
    if not report.rows_read and report.status == "loaded":
        report.status = "empty"
    return table, report, result.frame, result.rejected


def _strip_file(message: str, file: str) -> str:
    """Return an error message without its leading `<file>: ` (the ledger names the file itself)."""
    return message[len(file) + 2:] if message.startswith(f"{file}: ") else message


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
    return report, pl.DataFrame({
        "table_name": [table] * n, "source_file": [entry.path] * n,
        "source_line": pl.int_range(1, n + 1, eager=True, dtype=pl.Int64) if n else [],
        "line": lines, "reason": [reason] * n,
    }, schema=KEPT_AS_TEXT_SCHEMA)


def _articles_frame(rows: list[dict]) -> pl.DataFrame:
    """Return the articles rows with the contract's dtypes (never inferred: a draft's NULL link stays String)."""
    schema = {k: t for k, (t, _, _) in ARTICLE_COLUMNS.items()} | {"_source_line": pl.Int64, "_source_file": pl.String}
    return pl.DataFrame(rows, schema=schema)


def _stepped(entries: tuple[Entry, ...], reports: list[FileReport], stage: str, on_step) -> Iterator[Entry]:
    """Yield the entries; once the caller is done with one, tell `on_step` about the ledger row it added."""
    for done, entry in enumerate(entries, start=1):
        yield entry
        if on_step:
            on_step(stage, done, len(entries), describe_file(reports[-1]))


def describe_file(report: FileReport) -> str:
    """Return what a progress line says about one file, e.g. `Connections.csv: loaded, 188 rows read, 2 set aside`."""
    text = f"{report.file}: {report.status.replace('_', ' ')}"
    if report.status in ("loaded", "generic"):
        # Read, not loaded: the contracts, which may still set rows aside, run after every file is read.
        text += f", {report.rows_read:,} row{'s' if report.rows_read != 1 else ''} read"
    if report.rows_quarantined:
        text += f", {report.rows_quarantined:,} set aside"
    return text


def parse_export(export: Export, member: str | None = None, privacy: PrivacyOptions = PrivacyOptions(),
                 on_step=None) -> ParsedExport:
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
            reports.append(FileReport(entry.path, table, "skipped", reason=f"{reason} (a redacted load keeps no "
                                      "unparsed text; the archive still has it)"))
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
            reports.append(FileReport(entry.path, None, "withheld", warnings=[
                f"not loaded: holds {SENSITIVE_FILES[base]} (load it with --include-sensitive)"]))
            continue
        if spec is None and privacy.redact:
            reports.append(FileReport(entry.path, None, "withheld", warnings=[
                "not loaded: a redacted warehouse keeps only the files the registry knows how to redact"]))
            continue
        table_name = spec.table if spec else generic_table_name(path.name)
        try:
            table, report, frame, rejected = _parse_csv(entry, spec, path.stem)
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
            frame = frame.with_columns(pl.lit(entry.path).alias("_source_file"))
            frames.setdefault(table, []).append(frame)
        if rejected:
            rejected_frames.append(_rejected_frame(table, entry.path, rejected))
        report.rows_quarantined = len(rejected)

    if not any(r.table in BY_TABLE or r.table == ARTICLES_TABLE for r in reports):
        raise ExportError(f"{export.source.name}: no LinkedIn export files in it (such as Connections.csv, Profile.csv "
                          "or messages.csv) — is this a LinkedIn data export?")
    tables = {t: pl.concat(fs, how="diagonal_relaxed") for t, fs in frames.items()}
    if articles:
        tables[ARTICLES_TABLE] = _articles_frame(articles)
    name, url = _identify_member(tables)
    tables = apply_privacy(tables, privacy, name, url)
    member_key = member or _member_key(name, url, export.export_id)
    exported_at = _exported_at(tables, export.source.name)
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
            rejected_frames.append(failures.select(
                pl.lit(table).alias("table_name"), pl.col("_source_file").alias("source_file"),
                pl.col("_source_line").alias("source_line"), pl.col("column").alias("column_name"), "reason",
                pl.col("raw_record"),
            ).cast(QUARANTINE_SCHEMA))
            for file, n in Counter(failures["_source_file"].to_list()).items():
                by_file[file].rows_quarantined += n
        if frame.height or not broken:  # a table whose every file was kept as text has no rows to store
            validated[table] = frame
    for table, frame in validated.items():
        for file, n in Counter(frame["_source_file"].to_list()).items():
            by_file[file].rows_loaded = n
    if kept_frames:
        validated[KEPT_AS_TEXT_TABLE] = pl.concat(kept_frames).with_columns(lineage[:3])
    if broken_files:  # a file kept whole as text has no rows in the quarantine: its lines are all kept
        rejected_frames = [f.filter(~pl.col("source_file").is_in(sorted(broken_files))) for f in rejected_frames]
    quarantine = (pl.concat(rejected_frames) if rejected_frames else pl.DataFrame(schema=QUARANTINE_SCHEMA)).with_columns(
        pl.lit(export.export_id).alias("_export_id"), pl.lit(member_key).alias("_member")
    )
    return ParsedExport(export.export_id, member_key, name, url, exported_at, export.source.name, validated,
                        quarantine, reports, privacy)


def _validate_by_file(table: str, frame: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame, dict[str, str]]:
    """Return (rows that pass the table's contract, row failures with file/line/raw record, {file: problem}
    for files whose columns break the contract as a whole); the rows of such files are in neither frame."""
    try:
        good, failures = validate(table, frame)
        return good, _with_positions(failures, frame), {}
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
    no_failures = pl.DataFrame(schema={"_row": pl.Int64, "column": pl.String, "reason": pl.String,
                                       "_source_file": pl.String, "_source_line": pl.Int64, "raw_record": pl.String})
    return pl.concat(goods) if goods else frame.clear(), pl.concat(fails) if fails else no_failures, broken


def _with_positions(failures: pl.DataFrame, frame: pl.DataFrame) -> pl.DataFrame:
    """Return `failures` (one row per failing row of `frame`, by position `_row`) with that row's file, line and
    typed values as JSON. Only the failing rows are encoded: encoding a million messages would double the load."""
    picked = (frame.with_row_index("_row").with_columns(pl.col("_row").cast(pl.Int64))
              .filter(pl.col("_row").is_in(failures["_row"].implode())))
    values = [c for c in picked.columns if not c.startswith("_")]
    raw = (picked.select(pl.struct(values).struct.json_encode().alias("raw_record")) if values
           else pl.DataFrame({"raw_record": pl.Series([None] * picked.height, dtype=pl.String)}))
    return failures.join(picked.select("_row", "_source_file", "_source_line").hstack(raw), on="_row", how="left")

