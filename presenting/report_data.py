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


def load_report_data(warehouse: Path) -> ReportData:
    """Return the report's data, read from the warehouse file opened read-only (and closed again)."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        # Otherwise a missing table would be looked up among this module's Python variables (e.g. `params`).
        con.execute("set python_enable_replacements = false")
        params = read_rows(con, "select * from config.params")
        return ReportData(
            params=params[0] if params else None,
            exports=read_rows(con, "select * from marts.loaded_exports order by member, exported_at"),
            files=read_rows(con, "select * from marts.loaded_files order by export_id, source_file"),
            coverage=read_rows(con, "select * from marts.source_coverage order by member, source_table, span_number"),
            scores=read_rows(con, "select * from marts.ssi_scores order by member, score_date"),
            correlations=read_rows(
                con,
                "select *, coalesce(verdict in ?, false) as is_flagged "
                "from marts.pillar_correlations "
                "order by member, pillar, proxy, window_days, lag_days, measure, method",
                [FLAGGED_VERDICTS],
            ),
            strongest=read_rows(
                con,
                "select * from marts.strongest_cells where strength_rank <= ? order by member, pillar, strength_rank",
                [TOP_PROXIES],
            ),
            pairs=read_rows(
                con, "select * from marts.strongest_cell_pairs order by member, pillar, score_date, pair_member"
            ),
            # No order by: the catalog's insertion order is the mapping's reading order (posts before articles).
            catalog=read_rows(con, "select * from marts.proxy_catalog"),
            claims=load_claims(con),
        )
    finally:
        con.close()


def load_claims(con: duckdb.DuckDBPyConnection) -> ClaimsData:
    """Return the claims section's data from an open warehouse connection (empty lists for missing tables)."""
    params = read_rows(con, "select * from config.params")
    defaults = ClaimsData()
    return ClaimsData(
        min_n=params[0].get("min_n", defaults.min_n) if params else defaults.min_n,
        outcome_days=params[0].get("outcome_days", defaults.outcome_days) if params else defaults.outcome_days,
        claims=read_rows(con, "select * from marts.claim_tests"),
        scores=read_rows(con, "select member, score_date, total from marts.ssi_scores order by member, score_date"),
        gaps=read_rows(con, "select * from marts.sharing_gaps order by member, gap_start_on"),
        notes=read_rows(con, "select * from marts.invitation_notes order by member, sent_month"),
        outcomes=read_rows(
            con, "select * from marts.score_outcomes where value is not null order by member, score_date"
        ),
        cadence=read_rows(
            con,
            "select member, month, shared_count as shared from marts.monthly_activity "
            "where shared_count > 0 order by member, month",
        ),
        rates=read_rows(
            con,
            "select member, month, acceptance_rate as acceptance, reply_rate "
            "from marts.monthly_activity where acceptance_rate is not null or reply_rate is not null "
            "order by member, month",
        ),
        completeness=read_rows(con, "select * from marts.profile_completeness order by member, exported_on"),
    )
