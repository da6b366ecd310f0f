"""Write the warehouse as a self-contained HTML report: the claims tested, SSI history, strongest proxies, the
correlation grid, what the export can and cannot see, and data coverage.

The page loads nothing from anywhere: the stylesheet is inline and every chart is inline SVG, so the file can be
mailed, archived or opened offline; tooltips are SVG <title> elements (no JavaScript).

An individual's (or a small team's, up to `TEAM_ABOVE` members) report is one page, `report.html`; a larger team's is
an index page plus one page per member (`report_team`), and a publish renders only the pages of the members its build
computed. The parts:

- `report_data`: the queries (marts and config.params only), read once into `ReportData`;
- `report_page`: one page (`render_report`) and the staged files a publish renames into place; `report_team`: a
  team's index and member pages;
- `report_sections`, `report_claims`: each section's rows, sentences and charts, arranged for its template;
- `charts` and `svg`: the charts, as SVG element trees;
- `templates/*.html.j2` and `templates/report.css`: the markup and the stylesheet, written by Jinja2 with
  autoescaping, so every text from the data (member names, proxies, file names) is escaped wherever it lands.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from linkedin_ssi.presenting.report_data import open_warehouse, read_report_data, report_members
from linkedin_ssi.presenting.report_page import MEMBERS_DIR, StagedReport, render_report, stage_file

__all__ = ["TEAM_ABOVE", "render_report", "stage_report", "write_report"]

# Members above which the report is a team's index plus a page per member (at or below it, one page as for one
# member: a dozen members' charts still read well on one page).
TEAM_ABOVE = 12


def stage_report(warehouse: Path, target: Path, changed: list[str] | None = None, on_page=None) -> StagedReport:
    """Write the report of `warehouse` (opened read-only) beside `target` without publishing it; return it staged
    (`commit` publishes it). For a team above `TEAM_ABOVE` members, only the pages of `changed` members (and of
    members without a page) are rendered, every member's when `changed` is None; at or below it, one page, and the
    member pages of an earlier team report are removed at `commit`. `on_page(done, total, path)` is called after
    each page is staged (a team's index last)."""
    from linkedin_ssi.models.warehouse import remove_abandoned

    warehouse, target = Path(warehouse), Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_abandoned(target.parent, f".{target.name}.publishing-*")
    generated = datetime.now(UTC)
    con = open_warehouse(warehouse)
    try:
        members = report_members(con)
        if len(members) > TEAM_ABOVE:
            from linkedin_ssi.presenting.report_team import stage_team

            return stage_team(con, target, members, changed, generated, on_page)
        page = render_report(read_report_data(con), generated)
    finally:
        con.close()
    folder = target.parent / MEMBERS_DIR
    stale = sorted(folder.glob("*.html")) if folder.is_dir() else []
    staged = StagedReport(target, stage_file(target, page), stale=stale, rendered=members)
    if on_page:
        on_page(1, 1, str(target))
    return staged


def write_report(warehouse: Path, target: Path, changed: list[str] | None = None) -> Path:
    """Write the HTML report of `warehouse` (opened read-only) to `target` (a team's member pages beside it, in
    `members/`), each file atomically and the index last; return `target`. `changed`: see `stage_report`."""
    staged = stage_report(warehouse, target, changed)
    try:
        staged.commit()
    finally:
        staged.discard()
    return target
