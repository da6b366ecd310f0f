"""Run the correlation analysis inside a build: read the paired observations, test, store the mart.

Two steps, so that a team's analysis follows its members' changes without redoing every member: each member's tests
(`build_member_correlations`, in the per-member build: their rows and the sums the pooled test needs, both per-member
tables), then the pooled 'all' rows from every member's sums (`build_correlations`, in every publish), and
`marts.pillar_correlations` as the two together.
"""

from __future__ import annotations

import duckdb
import polars as pl
from linkedin_ssi.models.params import AnalysisParams
from linkedin_ssi.models.stats import TEST_KEYS, analyse_members, analyse_pooled

MEMBER_TESTS = "intermediate.int_member_correlations"
MEMBER_SUMS = "intermediate.int_correlation_sums"
POOLED_TESTS = "intermediate.int_pooled_correlations"
ORDER = "member, pillar, proxy, window_days, lag_days, measure, method"

CORRELATION_DOCS = {
    "member": (
        "Member, or 'all' for the pooled within-member analysis of a team "
        "(each member's values centred on their own mean)."
    ),
    "pillar": "SSI pillar.",
    "proxy": "Activity proxy (intermediate.int_activity_pillars_mapped).",
    "window_days": "Trailing window length in days.",
    "lag_days": "Days between the window end and the day before the score.",
    "measure": (
        "level (proxy vs score) or change (change in proxy vs change in score between consecutive recorded scores)."
    ),
    "method": "spearman (rank correlation, the default reading) or pearson.",
    "n": "Observations (recorded scores whose window the export covers).",
    "n_eff": (
        "Effective sample size after autocorrelation (Bretherton et al. 1999): "
        "overlapping windows make neighbours dependent."
    ),
    "estimate": "Correlation coefficient; NULL when the verdict is 'insufficient data' or 'no variation'.",
    "ci_low": "Lower bound of the 95% confidence interval (Fisher z on n_eff).",
    "ci_high": "Upper bound of the 95% confidence interval (Fisher z on n_eff).",
    "p_value": (
        "Two-sided p-value using n_eff: analytic above config.params.analytic_min_n_eff, permutation test below."
    ),
    "q_value": (
        "p-value adjusted over every test in the member's grid (Holm by default, Benjamini-Hochberg as a setting)."
    ),
    "p_method": "analytic or permutation.",
    "verdict": (
        "'positive association' / 'negative association' when q_value < alpha; 'no evidence'; "
        "'insufficient data' below min_n; 'no variation' when a series is constant. Associations, not causes."
    ),
}


def _complete_grid(con: duckdb.DuckDBPyConnection, result: pl.DataFrame) -> pl.DataFrame:
    """Return `result` plus an 'insufficient data' row (n = 0) for every grid cell with no observation at all,
    so a proxy the export never covers shows as a gap instead of vanishing from the grid."""
    grid = con.sql("""
        select s.member, m.pillar, m.proxy, w.window_days::bigint as window_days, l.lag_days::bigint as lag_days,
               me.measure, mt.method
        from (select distinct member from staging.stg_ssi__scores) s
        cross join intermediate.int_activity_pillars_mapped m
        cross join (select unnest(windows) as window_days from config.params) w
        cross join (select unnest(lags) as lag_days from config.params) l
        cross join (values ('level'), ('change')) me(measure)
        cross join (values ('spearman'), ('pearson')) mt(method)
    """).pl()
    keys = ["member", "pillar", "proxy", "window_days", "lag_days", "measure", "method"]
    if result.height:
        grid = grid.with_columns(
            pl.col("window_days").cast(result.schema["window_days"]), pl.col("lag_days").cast(result.schema["lag_days"])
        )
    missing = grid.join(result.select(keys), on=keys, how="anti")
    filler = missing.with_columns(pl.lit(0, dtype=pl.Int64).alias("n"), pl.lit("insufficient data").alias("verdict"))
    return pl.concat([result, filler], how="diagonal_relaxed").select(result.columns or filler.columns)


def _table(con: duckdb.DuckDBPyConnection, name: str, frame: pl.DataFrame, doc: str, order: str = "") -> None:
    con.register("analysis_frame", frame)
    con.execute(f"create or replace table {name} as select * from analysis_frame {order}")
    con.unregister("analysis_frame")
    con.execute(f"comment on table {name} is '{doc.replace(chr(39), chr(39) * 2)}'")


def _observations(
    con: duckdb.DuckDBPyConnection, cells: list[tuple] | None = None, members: list[str] | None = None
) -> pl.DataFrame:
    """Return intermediate.int_proxy_observations_paired (only `cells`, only `members`, when given) as the long
    frame."""
    query, params = "select * from intermediate.int_proxy_observations_paired", []
    if cells is not None:
        # Filtered in DuckDB: a pooled permutation test needs a few cells' series of a team's millions of rows.
        con.register("wanted_cells", pl.DataFrame(cells, schema=TEST_KEYS[1:], orient="row"))
        query += f" semi join wanted_cells using ({', '.join(TEST_KEYS[1:])})"
    if members is not None:
        query += " where member in (select unnest(?::varchar[]))"
        params.append(members)
    try:
        long = con.sql(query, params=params or None).pl()
    finally:
        if cells is not None:
            con.unregister("wanted_cells")
    return long.with_columns(pl.col("window_days").cast(pl.Int64), pl.col("lag_days").cast(pl.Int64))


ANALYSIS_BATCH = 50  # members whose observations the analysis holds at once

MEMBER_TESTS_DOC = "Each member's correlation tests (the member rows of marts.pillar_correlations)."
MEMBER_SUMS_DOC = "Per member test: n, n_eff and the centred sums the pooled 'all' test adds up."
SUMS_DOCS = {
    "member": "Member whose test this is.",
    "n": "Observations of the member's test.",
    "n_eff": "The member test's effective sample size (its share of the pooled n_eff).",
    "use": "Whether the test takes part in the pooled one: two or more observations, neither side constant.",
    **{
        f"{s}_{m}": f"Sum of the member-centred {what} ({m}: {'ranks' if m == 'spearman' else 'values'})."
        for m in ("spearman", "pearson")
        for s, what in (("sxy", "proxy x score"), ("sxx", "proxy squared"), ("syy", "score squared"))
    },
}


def document(con: duckdb.DuckDBPyConnection, name: str, kind: str, doc: str, columns: dict[str, str]) -> None:
    """Comment the table or view `name` and those of its `columns` it has."""
    quote = chr(39)
    con.execute(f"comment on {kind} {name} is '{doc.replace(quote, quote * 2)}'")
    for column, text in columns.items():
        con.execute(f"comment on column {name}.{column} is '{text.replace(quote, quote * 2)}'")


def document_member_tables(con: duckdb.DuckDBPyConnection, kind: str) -> None:
    """Comment the analysis' per-member tables (or the published views over their parts)."""
    document(con, MEMBER_TESTS, kind, MEMBER_TESTS_DOC, CORRELATION_DOCS)
    document(
        con,
        MEMBER_SUMS,
        kind,
        MEMBER_SUMS_DOC,
        SUMS_DOCS | {k: CORRELATION_DOCS[k] for k in ("pillar", "proxy", "window_days", "lag_days", "measure")},
    )


def build_member_correlations(con: duckdb.DuckDBPyConnection, params: AnalysisParams, on_batch=None) -> int:
    """Create the per-member tables `intermediate.int_member_correlations` (each member's tests, the grid completed)
    and `intermediate.int_correlation_sums` (what each member test adds to the pooled test); return the tests.
    `on_batch(done, total)` is called after each batch of members is tested (members done, members in all)."""
    members = [
        r[0]
        for r in con.execute(
            "select distinct member from intermediate.int_proxy_observations_paired order by 1"
        ).fetchall()
    ]
    # A batch of members at a time: a member's rows depend on its own observations only, and a whole team's series
    # held at once made a 1,000-member build's analysis take 11.6 GB.
    batches = [members[i : i + ANALYSIS_BATCH] for i in range(0, len(members), ANALYSIS_BATCH)]
    results, done = [], 0
    for batch in batches:
        results.append(analyse_members(_observations(con, members=batch), params))
        done += len(batch)
        if on_batch:
            on_batch(done, len(members))
    if results:
        rows, sums = pl.concat([r for r, _ in results]), pl.concat([s for _, s in results])
    else:
        rows, sums = analyse_members(_observations(con), params)  # no observation: the empty frames' shapes
    rows = _complete_grid(con, rows)
    _table(con, MEMBER_TESTS, rows, MEMBER_TESTS_DOC)
    _table(con, MEMBER_SUMS, sums, MEMBER_SUMS_DOC)
    return rows.height


def build_correlations(con: duckdb.DuckDBPyConnection, params: AnalysisParams) -> int:
    """Create `intermediate.int_pooled_correlations` (the team's pooled 'all' rows, from every member's sums) and
    `marts.pillar_correlations` (a view: the member rows and the pooled rows); return its row count.

    Expects `intermediate.int_member_correlations` and `intermediate.int_correlation_sums` (`build_member_correlations`,
    or views over their parts)."""
    sums = con.sql(f"select * from {MEMBER_SUMS}").pl()
    pooled = analyse_pooled(sums, params, lambda cells: _observations(con, cells))
    member_schema = con.sql(f"select * from {MEMBER_TESTS} limit 0").pl().schema
    _table(con, POOLED_TESTS, pooled.cast(dict(member_schema)), "The team's pooled within-member tests ('all' rows).")
    document(con, POOLED_TESTS, "table", "The team's pooled within-member tests ('all' rows).", CORRELATION_DOCS)
    return correlations_view(con)


def correlations_view(con: duckdb.DuckDBPyConnection) -> int:
    """Create (or replace) `marts.pillar_correlations`, the view of the member rows and the pooled rows, documented;
    return its row count."""
    con.execute(
        f"create or replace view marts.pillar_correlations as select * from {MEMBER_TESTS} "
        f"union all by name select * from {POOLED_TESTS} order by {ORDER}"
    )
    con.execute(
        "comment on view marts.pillar_correlations is 'One row per member (or all), pillar, proxy, window, lag, "
        "measure and method: the correlation between the proxy and the pillar score, with n, n_eff, 95% CI, "
        "p-value, corrected q-value and a verdict. Descriptive associations, not causal effects.'"
    )
    for column, doc in CORRELATION_DOCS.items():
        con.execute(f"comment on column marts.pillar_correlations.{column} is '{doc.replace(chr(39), chr(39) * 2)}'")
    # Counted from its two sources: a count of the view sorts every row first (2 million at 1,000 members: 0.35 s),
    # where the member rows' Parquet parts answer from their metadata.
    count = con.execute(f"select (select count(*) from {MEMBER_TESTS}) + (select count(*) from {POOLED_TESTS})")
    return count.fetchall()[0][0]
