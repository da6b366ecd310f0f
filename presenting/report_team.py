"""A team's report: an index page (`report.html`) and one page per member (`members/<member>.html`).

Above `report.TEAM_ABOVE` members one page holding every member's charts and ledgers would be unusable (hundreds of
MB at 1,000 members) and would cost the whole team at every publish. So the index shows the team (the summary, the
pooled 'all' claims, strongest cells and grid, the catalog, and a table of the members, read as aggregates grouped by
member) and links to each member's page, which is the single-page report of that member alone (its rows read with
`where member = ?`), its SSI charts on the SSI's own scale (0-100, 0-25) so that it depends on no other member.

An incremental publish renders the pages of the members its build computed (and of members without a page yet);
every other member's page is left as it was published. Pages of members no longer in the warehouse are removed.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

import duckdb
from linkedin_ssi.ingest.ssi_columns import PILLAR_LABELS
from linkedin_ssi.models.warehouse import remove_abandoned
from linkedin_ssi.presenting import charts
from linkedin_ssi.presenting.report_claims import by_member, claims_section
from linkedin_ssi.presenting.report_data import (
    ClaimsData,
    ReportData,
    TeamData,
    load_team_data,
    read_report_data,
    read_rows,
)
from linkedin_ssi.presenting.report_page import (
    MEMBERS_DIR,
    StagedReport,
    page_href,
    page_name,
    render_report,
    stage_file,
)
from linkedin_ssi.presenting.report_sections import (
    CORRECTIONS,
    FIXED_RANGES,
    PILLAR_COLOURS,
    catalog_cards,
    group,
    heatmaps,
    strongest_cards,
)
from linkedin_ssi.presenting.templating import render

# Members read per query when pages are rendered: few queries for a whole team, a bounded number of rows in memory.
BATCH = 50
# Most pairs a pooled scatter of the index draws: its cost and size stay flat however large the team.
POOLED_POINTS = 500
# The lists of ReportData that hold rows of one member each (split by the `member` column).
MEMBER_LISTS = ("exports", "files", "coverage", "scores", "correlations", "strongest", "pairs")


def split_by_member(data: ReportData, members: list[str]) -> dict[str, ReportData]:
    """Return `data` (several members' rows) as one ReportData per member of `members`, in one pass over each list."""
    claims = by_member(data.claims) if data.claims is not None else {}
    out = {
        m: ReportData(
            params=data.params,
            catalog=data.catalog,
            claims=(claims.get(m) or ClaimsData(data.claims.min_n, data.claims.outcome_days))
            if data.claims is not None
            else None,
        )
        for m in members
    }
    for name in MEMBER_LISTS:
        for member, rows in group(getattr(data, name)).items():
            if member in out:
                setattr(out[member], name, rows)
    return out


def member_pages(
    con: duckdb.DuckDBPyConnection, members: list[str], generated: datetime, back: str
) -> Iterator[tuple[str, str]]:
    """Yield (member, its page) for `members`, read `BATCH` members per query: one batch's rows and one page in
    memory at a time, however large the team."""
    catalog = read_rows(con, "select * from marts.proxy_catalog")
    for start in range(0, len(members), BATCH):
        batch = members[start : start + BATCH]
        data = read_report_data(con, batch, catalog=False)
        data.catalog = catalog
        for member, own in split_by_member(data, batch).items():
            yield member, render_report(own, generated, FIXED_RANGES, back=back)


def team_summary(team: TeamData) -> dict:
    """Return the numbers of the index's summary paragraph (as report_sections.summary for one page)."""
    t, params = team.totals, team.pooled.params or {}
    correction = str(params.get("correction") or "unknown")
    return {
        "members": [r["member"] for r in team.members],
        "exports": t.get("exports", 0),
        "made": (t["made_from"], t["made_to"]) if t.get("made_from") is not None else None,
        "scores": t.get("scores", 0),
        "scored": (t["scored_from"], t["scored_to"]) if t.get("scored_from") is not None else None,
        "cells": t.get("cells", 0),
        "tested": t.get("tested", 0),
        "flagged": t.get("flagged", 0),
        "grid_flagged": t.get("grid_flagged", 0),
        "correction": CORRECTIONS.get(correction, correction),
        "alpha": params.get("alpha"),
    }


def render_index(team: TeamData, generated: datetime) -> str:
    """Return the team's index page: summary, pooled claims, the members table, the pooled strongest cells and
    grid, and the catalog."""
    pooled = team.pooled
    names = {r["member"]: r["member_name"] for r in team.members if r.get("member_name")}
    members = [{**r, "href": page_href(r["member"])} for r in team.members]
    claims = claims_section(pooled.claims, names, pooled_only=True) if pooled.claims is not None else None
    return str(
        render(
            "team.html.j2",
            generated=generated,
            team=True,
            summary=team_summary(team),
            names=names,
            members=members,
            claims=claims,
            data=pooled,
            has_scores=bool(team.totals.get("scores")),
            # The pooled scatter plots centred levels: not on the SSI's own scale.
            strongest=strongest_cards(pooled, None, POOLED_POINTS),
            heatmaps=heatmaps(pooled),
            legend=charts.heatmap_legend(),
            ci_scale=charts.ci_scale(),
            catalog=catalog_cards(pooled),
            pillar_labels=PILLAR_LABELS,
            pillar_colours=PILLAR_COLOURS,
        )
    )


def stage_team(
    con: duckdb.DuckDBPyConnection,
    target: Path,
    members: list[str],
    changed: list[str] | None,
    generated: datetime,
    on_page=None,
) -> StagedReport:
    """Write a team's report beside its published files (`target`: the index); return it staged. Pages are rendered
    for `changed` members (every member when None) and for members without a published page; the others are kept.
    `on_page(done, total, path)` is called after each page is staged, the index last (a full build of a large team
    renders a page per member: a minute at 1,000 members)."""
    folder = target.parent / MEMBERS_DIR
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)  # the pages are the user's only, like every output
    remove_abandoned(folder, ".*.publishing-*")
    names = {m: page_name(m) for m in members}
    published = {p.name for p in folder.glob("*.html")}
    wanted = set(members if changed is None else changed)
    todo = [m for m in members if m in wanted or names[m] not in published]
    staged = StagedReport(target)
    try:
        for member, page in member_pages(con, todo, generated, back=f"../{quote(target.name)}"):
            final = folder / names[member]
            staged.pages.append((stage_file(final, page), final))
            if on_page:
                on_page(len(staged.pages), len(todo) + 1, str(final))
        staged.rendered = todo
        staged.kept = len(members) - len(todo)
        staged.stale = sorted(folder / name for name in published - set(names.values()))
        staged.staged_index = stage_file(target, render_index(load_team_data(con, members, POOLED_POINTS), generated))
        if on_page:
            on_page(len(todo) + 1, len(todo) + 1, str(target))
    except BaseException:
        staged.discard()
        raise
    return staged
