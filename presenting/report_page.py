"""One page of the report, and the report's files staged beside their published places until a publish renames them.

A page is the single report of one warehouse (`render_report`): an individual's whole report, or one member's page of
a team's report (the same sections, that member's rows only). Every file is written to a temporary name in its final
folder (`stage_file`) and renamed over its published name by `StagedReport.commit`, so a reader never sees half a
page; the index (`report.html`) is renamed last.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from linkedin_ssi.presenting.report_claims import claims_section
from linkedin_ssi.presenting.report_data import ReportData
from linkedin_ssi.presenting.report_sections import Range, sections
from linkedin_ssi.presenting.templating import render

# A team's member pages live in this folder next to the index.
MEMBERS_DIR = "members"
# Longer names (in bytes, once quoted) are hashed: file systems allow 255 bytes, and a few more for the temporary name.
LONGEST_NAME = 150


def render_report(
    data: ReportData, generated: datetime, ranges: tuple[Range, Range] | None = None, back: str | None = None
) -> str:
    """Return the whole HTML page for `data`, stamped with the time it was `generated`: the SSI charts on `ranges`
    (by default the range of every member's scores in `data`), with a link to `back` (a member's page: its index)."""
    context = sections(data, ranges)
    claims = claims_section(data.claims, context["names"]) if data.claims is not None else None
    return str(render("report.html.j2", generated=generated, claims=claims, back=back, team=False, **context))


def page_name(member: str) -> str:
    """Return the file name of `member`'s page: the key percent-quoted (no '/', and no '.', so never '..' nor a
    hidden file), or '%~' and its hash when it is empty or too long (quoting never writes '%~': no clash)."""
    stem = quote(member, safe="").replace(".", "%2E")
    if not stem or len(stem) > LONGEST_NAME:
        stem = "%~" + hashlib.sha256(member.encode()).hexdigest()[:32]
    return f"{stem}.html"


def page_href(member: str) -> str:
    """Return the link from the index to `member`'s page (the file name quoted once more for the URL: '%' is
    '%25')."""
    return f"{MEMBERS_DIR}/{quote(page_name(member), safe='')}"


def stage_file(target: Path, text: str) -> Path:
    """Write `text` to `.<name>.publishing-<pid>` beside `target`, readable by the user only like every output
    (models.warehouse.remove_abandoned finds it after a crash); return its path."""
    staged = target.with_name(f".{target.name}.publishing-{os.getpid()}")
    staged.unlink(missing_ok=True)  # this process's own leftover: no other live process has the pid
    fd = os.open(staged, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
    except BaseException:
        staged.unlink(missing_ok=True)
        raise
    return staged


@dataclass
class StagedReport:
    """A report written beside its published files, not yet visible: `commit` publishes it, `discard` drops it."""

    index: Path  # the published report.html
    staged_index: Path | None = None
    pages: list[tuple[Path, Path]] = field(default_factory=list)  # (staged, published) member pages
    stale: list[Path] = field(default_factory=list)  # published member pages to remove (members no longer shown)
    rendered: list[str] = field(default_factory=list)  # members whose pages were rendered
    kept: int = 0  # member pages left as they were published

    def commit(self) -> None:
        """Rename the member pages into place, then the index, then remove the stale pages (and the members folder
        when nothing is left in it): a reader following a link of the new index finds its page."""
        assert self.staged_index is not None, "a report is staged with its index"
        for staged, final in self.pages:
            os.replace(staged, final)
        os.replace(self.staged_index, self.index)
        for path in self.stale:
            path.unlink(missing_ok=True)
        folder = self.index.parent / MEMBERS_DIR
        if self.stale and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()

    def discard(self) -> None:
        """Delete whatever is still staged (nothing after `commit`)."""
        for staged, _ in self.pages:
            staged.unlink(missing_ok=True)
        if self.staged_index is not None:
            self.staged_index.unlink(missing_ok=True)
