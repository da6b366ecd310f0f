"""`linkedin-ssi check EXPORT`: what the pipeline would make of an export, against an independent count.

Nothing is written and no home is needed: the export is parsed in memory exactly as `ingest` would
parse it, and each file's records are counted a second way that shares no code with the parser's
readers (a plain `csv` module pass over the decoded text; for the two files whose quoting LinkedIn
breaks, a count of the lines that can start a record). A file where the two counts differ is a
parser bug or a shape this version does not know: the check exits non-zero.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import asdict, dataclass
from pathlib import Path, PurePosixPath

from linkedin_ssi.ingest.archive import Export, open_export
from linkedin_ssi.ingest.decode import decode_bytes
from linkedin_ssi.ingest.errors import ExportFormatError
from linkedin_ssi.ingest.ledger import FileReport
from linkedin_ssi.ingest.parse import parse_export
from linkedin_ssi.ingest.privacy import PrivacyOptions
from linkedin_ssi.ingest.registry import BY_TABLE, norm_header

_TIMESTAMP_LINE = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},")


@dataclass
class FileCheck:
    """One file of the export: how the pipeline would take it and how many records a second count finds."""

    file: str
    table: str | None
    status: str
    variant: str
    independent_count: int | None  # None when there is nothing to count (withheld, ignored, not text)
    rows_read: int
    rows_loaded: int
    rows_quarantined: int
    rows_kept_as_text: int
    reason: str | None
    problems: list[str]  # loaded, but a person must know (a column not typed, 0 bytes)

    @property
    def agrees(self) -> bool:
        """Return True when the independent count equals the rows the pipeline read (or nothing was counted)."""
        return self.independent_count is None or self.independent_count == self.rows_read


def _has(header: list[str] | None, name: str) -> bool:
    return norm_header(name) in {norm_header(h) for h in header or []}


def recognise_variant(report: FileReport) -> str:
    """Return the era or variant of a file, as far as its header and encoding tell (linkedin-export-format.md §2)."""
    h, table = report.header, report.table
    if report.status in ("kept_as_text", "skipped"):
        return "not recognised"
    if report.status in ("withheld", "ignored"):
        return "-"
    if report.status in ("empty", "placeholder"):
        return "no data (header only or placeholder)"
    if table == "articles":
        return "article page (HTML)"
    if table not in BY_TABLE:
        return "not in the registry: kept as a text table"
    legacy = " (legacy UTF-16 TSV)" if report.encoding == "utf-16" else ""
    preamble = ", Notes: preamble" if (report.header_line or 1) > 1 else ""
    if table == "connections":
        return ("mid-2023+ (URL column)" if _has(h, "URL") else "2018 – mid-2023 (no URL column)") + preamble
    if table == "invitations":
        return "2023-09+ (profile URL columns)" if _has(h, "inviterProfileUrl") else "≤ 2023-07 (no profile URLs)"
    if table == "messages":
        for column, era in (
            ("ATTACHMENTS", "2025+ (ATTACHMENTS)"),
            ("IS MESSAGE DRAFT", "Dec 2024 (draft columns)"),
            ("RECIPIENT PROFILE URLS", "mid-2023 – 2024"),
            ("CONVERSATION ID", "2021 – early 2023"),
        ):
            if _has(h, column):
                return era
        return "legacy 2018 – 2020 (no conversation id)"
    if table == "shares":
        if legacy:
            return "2018" + legacy
        return "2024-12+ (SharedUrl)" if "SharedUrl" in (h or []) else "2021 – 2024-03 (SharedURL)"
    if table == "rich_media":
        return "2024-12+ uploads" if _has(h, "Date/Time") else "≤ 2024-03 pointer file"
    if table == "comments":
        return "records rebuilt at their timestamps"
    if table == "search_queries":
        return "split at the first comma" + legacy
    return "standard" + legacy


def independent_count(data: bytes, report: FileReport) -> int | None:
    """Return the number of records in a file counted without the parser's readers, or None when the file
    holds nothing countable (withheld, ignored, skipped, a placeholder)."""
    if report.status in ("withheld", "ignored", "skipped", "placeholder"):
        return None
    if report.table == "articles" and report.status == "loaded":
        return 1
    try:
        decoded = decode_bytes(data, report.file)
    except ExportFormatError:
        return None
    text = decoded.text
    if report.status == "kept_as_text":
        return text.count("\n") + (0 if text.endswith("\n") or not text else 1)
    after = report.header_line or 0
    if report.table == "comments":
        return sum(1 for line in text.splitlines()[after:] if _TIMESTAMP_LINE.match(line))
    if report.table == "search_queries" and decoded.delimiter == ",":
        return sum(1 for line in text.splitlines()[after:] if line.strip())
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=decoded.delimiter)
    count, start = 0, 1
    for row in reader:
        if start > after and any(row):  # blank lines and rows of only commas are not records
            count += 1
        start = reader.line_num + 1
    return count


def check_export(path: Path, privacy: PrivacyOptions = PrivacyOptions()) -> tuple[Export, list[FileCheck]]:
    """Return the opened export and one FileCheck per file, in archive order; nothing is written.

    Raises ExportError (one line) when the export would be refused as a whole.
    """
    export = open_export(Path(path))
    parsed = parse_export(export, None, privacy)
    entries = {e.path: e for e in export.entries}
    checks = []
    for report in parsed.files:
        entry = entries.get(report.file)
        counted = independent_count(entry.read(), report) if entry else None
        checks.append(
            FileCheck(
                report.file,
                report.table,
                report.status,
                recognise_variant(report),
                counted,
                report.rows_read,
                report.rows_loaded,
                report.rows_quarantined,
                report.rows_kept_as_text,
                report.reason,
                report.problems,
            )
        )
    return export, checks


def format_checks(source: str, checks: list[FileCheck]) -> str:
    """Return the check as a table a person can read, ending with the verdict line."""
    rows = [("file", "table", "variant", "count", "read", "load", "quar", "text", "status")]
    for c in checks:
        why = "".join(f" ({w})" for w in [c.reason, *c.problems] if w)
        rows.append(
            (
                c.file,
                c.table or "-",
                c.variant,
                "-" if c.independent_count is None else str(c.independent_count),
                str(c.rows_read),
                str(c.rows_loaded),
                str(c.rows_quarantined),
                str(c.rows_kept_as_text),
                c.status + why + ("" if c.agrees else "  <-- counts differ"),
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(8)]
    lines = [f"{source}: {len(checks)} files"]
    for r in rows:
        lines.append(
            "  ".join(v.rjust(w) if 3 <= i <= 7 else v.ljust(w) for i, (v, w) in enumerate(zip(r, widths)))
            + "  "
            + r[8]
        )
    bad = [c for c in checks if not c.agrees]
    unknown = [c for c in checks if c.status == "generic"]
    text = [c for c in checks if c.status in ("kept_as_text", "skipped") or c.problems]
    verdict = (
        f"{len(bad)} file(s) where the independent count and the pipeline disagree" if bad else "every count agrees"
    )
    lines.append(
        f"{verdict}; {len(text)} file(s) with a problem (kept as text, skipped, a column not typed); "
        f"{len(unknown)} file(s) not in the registry"
        + (f" ({', '.join(PurePosixPath(c.file).name for c in unknown)})" if unknown else "")
    )
    return "\n".join(lines)


def checks_json(source: str, checks: list[FileCheck]) -> dict:
    """Return the check as a JSON-ready dict."""
    return {
        "export": source,
        "agrees": all(c.agrees for c in checks),
        "files": [asdict(c) | {"agrees": c.agrees} for c in checks],
    }
