"""Run the correlation analysis inside a build: read the paired observations, test, store the mart."""

from __future__ import annotations

import duckdb
import polars as pl
from linkedin_ssi.models.params import AnalysisParams
from linkedin_ssi.models.stats import analyse

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


def build_correlations(con: duckdb.DuckDBPyConnection, params: AnalysisParams) -> int:
    """Create `marts.pillar_correlations` from `intermediate.int_proxy_observations_paired`; return its row count."""
    long = con.sql("select * from intermediate.int_proxy_observations_paired").pl()
    long = long.with_columns(pl.col("window_days").cast(pl.Int64), pl.col("lag_days").cast(pl.Int64))
    result = _complete_grid(con, analyse(long, params))
    con.register("correlations_frame", result)
    con.execute(
        "create or replace table marts.pillar_correlations as select * from correlations_frame "
        "order by member, pillar, proxy, window_days, lag_days, measure, method"
    )
    con.unregister("correlations_frame")
    con.execute(
        "comment on table marts.pillar_correlations is 'One row per member (or all), pillar, proxy, window, lag, "
        "measure and method: the correlation between the proxy and the pillar score, with n, n_eff, 95% CI, "
        "p-value, corrected q-value and a verdict. Descriptive associations, not causal effects.'"
    )
    for column, doc in CORRELATION_DOCS.items():
        con.execute(f"comment on column marts.pillar_correlations.{column} is '{doc.replace(chr(39), chr(39) * 2)}'")
    return result.height
