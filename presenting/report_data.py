"""What the report shows, read once from the warehouse: the marts (and the analysis parameters), nothing else.

Every query here names a `marts.*` table or `config.params`: the report is one more reader of the published tables,
like the Parquet files and a notebook, so anything it shows can be checked against them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import duckdb

# How many proxies each pillar's card lists (marts.strongest_cells ranks them all).
TOP_PROXIES = 3
# The verdicts of a cell that survives the multiple-testing correction (models/stats.py writes them).
FLAGGED_VERDICTS = ["positive association", "negative association"]


@dataclass
class ClaimsData:
    """What the claims section shows (lists of row dicts): the claims' verdicts and the evidence drawn beside them."""

    min_n: int = 10
    outcome_days: int = 28
    claims: list[dict] = field(default_factory=list)  # marts.claim_tests
    scores: list[dict] = field(default_factory=list)  # member, score_date, total
    gaps: list[dict] = field(default_factory=list)  # marts.sharing_gaps
    notes: list[dict] = field(default_factory=list)  # marts.invitation_notes
    outcomes: list[dict] = field(default_factory=list)  # marts.score_outcomes with a value
    cadence: list[dict] = field(default_factory=list)  # member, month, shared: months with sharing
    rates: list[dict] = field(default_factory=list)  # member, month, acceptance, reply_rate: months with either
    completeness: list[dict] = field(default_factory=list)  # marts.profile_completeness


@dataclass
class ReportData:
    """Everything the report shows (lists of row dicts, in the order they are shown)."""

    params: dict | None = None
    exports: list[dict] = field(default_factory=list)  # marts.loaded_exports
    files: list[dict] = field(default_factory=list)  # marts.loaded_files
    coverage: list[dict] = field(default_factory=list)  # marts.source_coverage
    scores: list[dict] = field(default_factory=list)  # marts.ssi_scores
    correlations: list[dict] = field(default_factory=list)  # marts.pillar_correlations, with is_flagged
    strongest: list[dict] = field(default_factory=list)  # marts.strongest_cells, the top TOP_PROXIES per pillar
    pairs: list[dict] = field(default_factory=list)  # marts.strongest_cell_pairs
    pairs_total: dict[tuple, int] = field(default_factory=dict)  # (member, pillar) -> its pairs, when `pairs` samples
    catalog: list[dict] = field(default_factory=list)  # marts.proxy_catalog
    claims: ClaimsData | None = None

    @cached_property
    def pairs_by_cell(self) -> dict[tuple, list[dict]]:
        """Return `pairs` grouped by (member, pillar), in their order: one pass, not one scan per chart (a team's
        report draws a scatter per member and pillar)."""
        out: dict[tuple, list[dict]] = {}
        for p in self.pairs:
            out.setdefault((p["member"], p["pillar"]), []).append(p)
        return out


def read_rows(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> list[dict]:
    """Return the query's rows as dicts; [] when a table it reads does not exist (an empty or older warehouse)."""
    try:
        cursor = con.execute(sql, params or [])
    except duckdb.CatalogException:
        return []
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row)) for row in cursor.fetchall()]


def open_warehouse(warehouse: Path) -> duckdb.DuckDBPyConnection:
    """Return the warehouse opened read-only for the report (the caller closes it)."""
    con = duckdb.connect(str(warehouse), read_only=True)
    # Otherwise a missing table would be looked up among this module's Python variables (e.g. `params`).
    con.execute("set python_enable_replacements = false")
    return con


def load_report_data(warehouse: Path) -> ReportData:
    """Return the report's data, read from the warehouse file opened read-only (and closed again)."""
    con = open_warehouse(warehouse)
    try:
        return read_report_data(con)
    finally:
        con.close()


def only(members: list[str] | None, conjunction: str = "where") -> tuple[str, list]:
    """Return the SQL condition that keeps `members`' rows ('' for every member) and its parameters: one member is
    `member = ?` (pushed down to the Parquet parts' statistics), several `member in (...)`."""
    if members is None:
        return "", []
    if len(members) == 1:
        return f" {conjunction} member = ?", list(members)
    return f" {conjunction} member in ({', '.join('?' * len(members))})", list(members)


def read_report_data(
    con: duckdb.DuckDBPyConnection, members: list[str] | None = None, catalog: bool = True, max_pairs: int = 0
) -> ReportData:
    """Return the report's data from an open warehouse: every member's rows, or only `members`' (a team's member
    pages, or its index with ['all']); the catalog only when `catalog`; at most about `max_pairs` pairs per member
    and pillar, evenly spread (all of them when 0), and then how many there are (`pairs_total`)."""
    where, ps = only(members)
    also, _ = only(members, "and")
    params = read_rows(con, "select * from config.params")
    return ReportData(
        params=params[0] if params else None,
        exports=read_rows(con, f"select * from marts.loaded_exports{where} order by member, exported_at", ps),
        files=read_rows(con, f"select * from marts.loaded_files{where} order by export_id, source_file", ps),
        coverage=read_rows(
            con, f"select * from marts.source_coverage{where} order by member, source_table, span_number", ps
        ),
        scores=read_rows(con, f"select * from marts.ssi_scores{where} order by member, score_date", ps),
        correlations=read_rows(
            con,
            "select *, coalesce(verdict in ?, false) as is_flagged "
            f"from marts.pillar_correlations{where} "
            "order by member, pillar, proxy, window_days, lag_days, measure, method",
            [FLAGGED_VERDICTS, *ps],
        ),
        strongest=read_rows(
            con,
            f"select * from marts.strongest_cells where strength_rank <= ?{also} "
            "order by member, pillar, strength_rank",
            [TOP_PROXIES, *ps],
        ),
        pairs=read_rows(
            con,
            f"select * from marts.strongest_cell_pairs{where} order by member, pillar, score_date, pair_member",
            ps,
        )
        if not max_pairs
        else read_rows(
            con,
            # Every step-th pair in the order the chart reads them, as report_sections.strongest_cards samples them.
            "select * exclude (i, n) from (select *, "
            "row_number() over (partition by member, pillar order by score_date, pair_member) - 1 as i, "
            f"count(*) over (partition by member, pillar) as n from marts.strongest_cell_pairs{where}) "
            "where i % ((n + ? - 1) // ?) = 0 order by member, pillar, score_date, pair_member",
            [*ps, max_pairs, max_pairs],
        ),
        pairs_total={
            (r["member"], r["pillar"]): r["n"]
            for r in read_rows(
                con, f"select member, pillar, count(*) as n from marts.strongest_cell_pairs{where} group by all", ps
            )
        }
        if max_pairs
        else {},
        # No order by: the catalog's insertion order is the mapping's reading order (posts before articles).
        catalog=read_rows(con, "select * from marts.proxy_catalog") if catalog else [],
        claims=load_claims(con, members, params),
    )


def load_claims(
    con: duckdb.DuckDBPyConnection, members: list[str] | None = None, params: list[dict] | None = None
) -> ClaimsData:
    """Return the claims section's data from an open warehouse connection (empty lists for missing tables): every
    member's rows, or only `members`'. `params`: config.params already read."""
    if params is None:
        params = read_rows(con, "select * from config.params")
    where, ps = only(members)
    also, _ = only(members, "and")
    defaults = ClaimsData()
    return ClaimsData(
        min_n=params[0].get("min_n", defaults.min_n) if params else defaults.min_n,
        outcome_days=params[0].get("outcome_days", defaults.outcome_days) if params else defaults.outcome_days,
        claims=read_rows(con, f"select * from marts.claim_tests{where}", ps),
        scores=read_rows(
            con, f"select member, score_date, total from marts.ssi_scores{where} order by member, score_date", ps
        ),
        gaps=read_rows(con, f"select * from marts.sharing_gaps{where} order by member, gap_start_on", ps),
        notes=read_rows(con, f"select * from marts.invitation_notes{where} order by member, sent_month", ps),
        outcomes=read_rows(
            con,
            f"select * from marts.score_outcomes where value is not null{also} order by member, score_date",
            ps,
        ),
        cadence=read_rows(
            con,
            "select member, month, shared_count as shared from marts.monthly_activity "
            f"where shared_count > 0{also} order by member, month",
            ps,
        ),
        rates=read_rows(
            con,
            "select member, month, acceptance_rate as acceptance, reply_rate "
            f"from marts.monthly_activity where (acceptance_rate is not null or reply_rate is not null){also} "
            "order by member, month",
            ps,
        ),
        completeness=read_rows(
            con, f"select * from marts.profile_completeness{where} order by member, exported_on", ps
        ),
    )


def report_members(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Return the members the report shows (those with an export or a recorded score), sorted."""
    rows = read_rows(con, "select distinct member from marts.loaded_exports")
    rows += read_rows(con, "select distinct member from marts.ssi_scores")
    return sorted({r["member"] for r in rows})


@dataclass
class TeamData:
    """What a team's index page shows: one row per member (aggregates), the team's totals and the pooled rows."""

    members: list[dict] = field(default_factory=list)  # member, member_name, exports, scores, latest SSI, flagged
    totals: dict = field(default_factory=dict)  # exports, made_from/to, scores, scored_from/to, cells, tested, ...
    pooled: ReportData = field(default_factory=ReportData)  # the 'all' rows, the catalog, config.params


def load_team_data(con: duckdb.DuckDBPyConnection, members: list[str], max_pairs: int = 0) -> TeamData:
    """Return a team index's data from an open warehouse: aggregates grouped by member, not every member's rows; at
    most about `max_pairs` of the pooled cells' pairs (see `read_report_data`)."""
    rows: dict[str, dict] = {
        m: {
            "member": m,
            "member_name": None,
            "exports": 0,
            "last_export": None,
            "quarantined": 0,
            "scores": 0,
            "latest_total": None,
            "latest_score_date": None,
            "tested": 0,
            "flagged": 0,
        }
        for m in members
    }
    per_member = [
        # The display name of the member's newest export that has one (as report_sections.member_names picks it).
        "select member, max_by(member_name, exported_at) filter (where member_name is not null) as member_name, "
        "count(*) as exports, max(exported_at) as last_export, coalesce(sum(rows_quarantined), 0) as quarantined "
        "from marts.loaded_exports group by member",
        "select member, count(*) as scores, max_by(total, score_date) as latest_total, "
        "max(score_date) as latest_score_date from marts.ssi_scores group by member",
    ]
    found = [row for sql in per_member for row in read_rows(con, sql)]
    # Per-member counts of the correlation cells, counted with each member's build: one row per member, where the
    # index counted every cell (about two million at 1,000 members) twice per publish.
    found += read_rows(
        con,
        "select member, tested, flagged from marts.correlation_counts where member <> 'all'",
    )
    for row in found:
        if row["member"] in rows:
            rows[row["member"]].update(row)
    totals: dict = {}
    for sql in (
        "select count(*) as exports, min(exported_at) as made_from, max(exported_at) as made_to "
        "from marts.loaded_exports",
        "select count(*) as scores, min(score_date) as scored_from, max(score_date) as scored_to from marts.ssi_scores",
        "select coalesce(sum(cells), 0) as cells, coalesce(sum(tested), 0) as tested, "
        "coalesce(sum(flagged), 0) as flagged, coalesce(sum(grid_flagged), 0) as grid_flagged "
        "from marts.correlation_counts",
    ):
        totals.update(next(iter(read_rows(con, sql)), {}))
    return TeamData(list(rows.values()), totals, read_report_data(con, ["all"], max_pairs=max_pairs))
