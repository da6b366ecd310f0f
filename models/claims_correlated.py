"""The claims answered with correlations and an event study (issue 12, claims 2, 4 and 5).

Correlations reuse `models.stats.analyse` (Spearman, n_eff for overlapping windows, Holm over the claim's own
tests, pooled 'all' rows within members), so they follow the same rules as `marts.pillar_correlations`. A claim of
*no* effect (posting frequency) is supported only by equivalence: the 90% interval of r within ±equivalence_r.
"""

from __future__ import annotations

import math

import duckdb
import numpy as np
import polars as pl
from linkedin_ssi.models.claim_stats import (
    CONTRADICTED,
    INCONCLUSIVE,
    INSUFFICIENT,
    SUPPORTED,
    claim_row,
    correlation_tost_p,
    correlation_verdict,
    method_label,
    more_needed,
    more_scores_for_correlation,
    t_ppf,
    t_sf,
)
from linkedin_ssi.models.params import AnalysisParams
from linkedin_ssi.models.stats import (
    SUMS_SCHEMA,
    TEST_KEYS,
    analyse_members,
    analyse_pooled,
    fisher_ci,
    spearman_test,
)

POOLED = "all"
YEARS_OF_SCORES = 156  # three years of weekly scores: beyond this "record more" is no advice
OUTCOMES = ("invitations_received", "messages_from_new_people", "replies_received", "acceptance_rate")
QUALITY = ("mean_text_length", "media_or_link_share", "article_words")
CORRELATION_METHOD = (
    "Spearman correlation over recorded scores, Fisher z interval on the effective sample size "
    "(overlapping windows), p Holm-corrected over the claim's tests"
)
CORRELATION_METHOD = CORRELATION_METHOD.replace("Fisher z interval", "{one}% Fisher z interval")
EQUIVALENCE_METHOD = CORRELATION_METHOD.replace("{one}% Fisher z interval", "{two}% Fisher z interval (equivalence)")
BETWEEN_METHOD = "Spearman correlation across members (each member's latest score), {one}% Fisher z interval"
PERSISTENCE_METHOD = (
    "Event study: mean brand pillar after each article minus before it, averaged over articles; {one}% t interval"
)


def _long(frame: pl.DataFrame, x: str, y: str, proxy: str, measure: str, pillar: str) -> pl.DataFrame:
    """Return `frame`'s non-null (x, y) pairs as the long frame `models.stats.analyse` reads."""
    return frame.filter(pl.col(x).is_not_null() & pl.col(y).is_not_null()).select(
        pl.col("member"),
        pl.lit(pillar).alias("pillar"),
        pl.lit(proxy).alias("proxy"),
        pl.lit(0, dtype=pl.Int64).alias("window_days"),
        pl.lit(0, dtype=pl.Int64).alias("lag_days"),
        pl.lit(measure).alias("measure"),
        pl.col("score_date"),
        pl.col(x).cast(pl.Float64).alias("x"),
        pl.col(y).cast(pl.Float64).alias("y"),
    )


Cells = dict[tuple, dict]  # analyse()'s Spearman rows keyed by (member, proxy, measure)


def _keyed(rows: pl.DataFrame) -> Cells:
    out = rows.filter(pl.col("method") == "spearman")
    return {(r["member"], r["proxy"], r["measure"]): r for r in out.iter_rows(named=True)}


def member_cells(parts: list[pl.DataFrame], params: AnalysisParams) -> tuple[Cells, pl.DataFrame]:
    """Return (each member's Spearman cells, the sums the pooled cells are made of: SUMS_SCHEMA); the parts form one
    Holm family per member."""
    long = pl.concat(parts) if parts else pl.DataFrame()
    if long.height == 0:
        return {}, pl.DataFrame(schema=SUMS_SCHEMA)
    rows, sums = analyse_members(long, params)
    return _keyed(rows), sums


def pooled_cells(sums: pl.DataFrame, parts, params: AnalysisParams) -> Cells:
    """Return the pooled 'all' Spearman cells (none with fewer than 2 members) from every member's `sums`; `parts()`
    returns the family's long frames, read only when a cell needs a permutation test (its series)."""
    if sums.height == 0:
        return {}

    def observations(wanted: list[tuple]) -> pl.DataFrame:
        cells = pl.struct(TEST_KEYS[1:])
        long = pl.concat(parts())
        return long.filter(cells.is_in([dict(zip(TEST_KEYS[1:], c)) for c in wanted]))

    return _keyed(analyse_pooled(sums, params, observations))


def _spearman(parts: list[pl.DataFrame], params: AnalysisParams) -> Cells:
    """Return analyse()'s Spearman rows keyed by (member, proxy, measure), the pooled ones included; the parts form one
    Holm family."""
    cells, sums = member_cells(parts, params)
    return cells | pooled_cells(sums, lambda: parts, params)


def correlation_row(
    member: str,
    claim: str,
    pillar: str,
    measure: str,
    cell: dict | None,
    params: AnalysisParams,
    no_effect: bool,
    what: str,
) -> dict:
    """Return a claim row from an analyse() Spearman cell (None: no observation at all)."""
    method = method_label(EQUIVALENCE_METHOD if no_effect else CORRELATION_METHOD, params)
    n = 0 if cell is None else cell["n"]
    if cell is None or cell["verdict"] == "insufficient data":
        detail = (
            f"{n} recorded score(s) with {what}; the test needs {params.min_n}: record "
            f"{params.min_n - n} more weekly score(s)."
        )
        return claim_row(member, claim, pillar, measure, INSUFFICIENT, "r", method, detail, n=n)
    if cell["verdict"] == "no variation":
        detail = f"{what.capitalize()} did not vary over the {n} recorded scores, so they cannot tell."
        return claim_row(member, claim, pillar, measure, INCONCLUSIVE, "r", method, detail, n=n)
    r, n_eff = cell["estimate"], cell["n_eff"]
    low, high = fisher_ci(r, n_eff, "spearman", 2 * params.alpha) if no_effect else (cell["ci_low"], cell["ci_high"])
    verdict = correlation_verdict(low, high, cell["q_value"], params.alpha, params.equivalence_r, no_effect)
    if verdict == INCONCLUSIVE:
        more = more_scores_for_correlation(r, n, n_eff, params.alpha, params.equivalence_r if no_effect else None)
        detail = (
            f"r = {r:.2f} over {n} scores ({what}): a link this weak would take years of weekly scores to show."
            if more and more > YEARS_OF_SCORES
            else f"r = {r:.2f} over {n} scores ({what}): about {more} more weekly score(s) would tell, if r held."
            if more
            else f"r = {r:.2f} over {n} scores ({what}) lies beyond ±{params.equivalence_r:g}, but it is not "
            f"significant after the correction (q = {cell['q_value']:.3f}): keep recording weekly scores."
            if no_effect and cell["q_value"] is not None
            else f"r = {r:.2f} over {n} scores ({what}) lies beyond ±{params.equivalence_r:g}, but the interval is "
            "too wide to call it: keep recording weekly scores."
            if no_effect
            else f"r = {r:.2f} over {n} scores ({what}): no sign of a link yet."
        )
    else:
        detail = f"r = {r:.2f} over {n} scores ({what}), interval {low:.2f} to {high:.2f}."
    # An equivalence claim reports the p of its own test (TOST), consistent with its interval.
    p_value = correlation_tost_p(r, n_eff, params.equivalence_r) if no_effect else cell["q_value"]
    return claim_row(
        member,
        claim,
        pillar,
        measure,
        verdict,
        "r",
        method,
        detail,
        n=n,
        estimate=r,
        ci_low=low,
        ci_high=high,
        p_value=p_value,
    )


def _covered_with_change(frame: pl.DataFrame, column: str) -> pl.DataFrame:
    """Return the covered rows with `<column>_change`: the change since the member's previous score of the same
    regime, NULL when that score's window was not covered (a change across an uncovered score is not computed)."""
    previous = pl.col(column).shift(1).over("member", "regime_number")
    was_covered = pl.col("is_covered").shift(1).over("member", "regime_number")
    return (
        frame.sort("member", "score_date")
        .with_columns(pl.when(was_covered).then(pl.col(column) - previous).alias(f"{column}_change"))
        .filter(pl.col("is_covered"))
    )


def _members_and_team(members: list[str]) -> list[str]:
    return members + ([POOLED] if len(members) > 1 else [])


def posting_frequency_parts(quality: pl.DataFrame) -> list[pl.DataFrame]:
    """Return the long frames of claim 2's frequency family: posts per window against the brand pillar."""
    covered = _covered_with_change(quality, "posts_and_articles")
    return [
        _long(covered, "posts_and_articles", "brand", "posts_and_articles", "level", "brand"),
        _long(covered, "posts_and_articles_change", "brand_change", "posts_and_articles", "change", "brand"),
    ]


def article_quality_parts(quality: pl.DataFrame) -> list[pl.DataFrame]:
    """Return the long frames of claim 2's quality family: each quality measure against the brand pillar."""
    covered = _covered_with_change(quality, "posts_and_articles")
    return [_long(covered, q, "brand", q, "level", "brand") for q in QUALITY]


def posting_unit_rows(unit: str, frequency: Cells, quality: Cells, params: AnalysisParams) -> list[dict]:
    """Return the claim 2 frequency and quality rows of one member (or the team) from its cells."""
    rows = [
        correlation_row(
            unit,
            "posting_frequency",
            "brand",
            measure,
            frequency.get((unit, "posts_and_articles", measure)),
            params,
            True,
            "posts and articles per window",
        )
        for measure in ("level", "change")
    ]
    rows += [
        correlation_row(
            unit,
            "article_quality",
            "brand",
            q,
            quality.get((unit, q, "level")),
            params,
            False,
            q.replace("_", " "),
        )
        for q in QUALITY
    ]
    return rows


def posting_rows(quality: pl.DataFrame, members: list[str], params: AnalysisParams) -> list[dict]:
    """Return claim 2 frequency and quality rows (brand pillar against posts per window and their quality)."""
    frequency = _spearman(posting_frequency_parts(quality), params)
    quality_cells = _spearman(article_quality_parts(quality), params)
    return [
        row for unit in _members_and_team(members) for row in posting_unit_rows(unit, frequency, quality_cells, params)
    ]


def persistence_row(member: str, diffs: np.ndarray, params: AnalysisParams) -> dict:
    """Return the claim 2 persistence row from the per-article brand differences (after − before)."""
    method = method_label(PERSISTENCE_METHOD, params)
    n = diffs.size
    if n < params.min_articles:
        detail = (
            f"{n} article(s) with scores recorded both in the {params.claim_window_days} days before and "
            f"{params.persistence_days}+ days after; the event study needs {params.min_articles}."
        )
        return claim_row(
            member, "article_persistence", "brand", "after_vs_before", INSUFFICIENT, "points", method, detail, n=n
        )
    mean, sd = float(diffs.mean()), float(diffs.std(ddof=1))
    se = sd / math.sqrt(n)
    half = float(t_ppf(1 - params.alpha / 2, n - 1)) * se
    low, high = mean - half, mean + half
    p = float(2 * t_sf(abs(mean) / se, n - 1)) if se > 0 else (0.0 if mean else 1.0)
    margin = params.equivalence_margin
    if low > 0:
        verdict, detail = SUPPORTED, f"The brand pillar stood {mean:+.2f} points higher months after {n} articles."
    elif high < 0 or (-margin < low and high < margin):
        verdict = CONTRADICTED
        detail = f"Months after {n} articles the brand pillar was {mean:+.2f} points off: no lasting lift."
    else:
        verdict = INCONCLUSIVE
        more = more_needed(n, half, abs(mean))
        detail = (
            f"Brand {mean:+.2f} points months after {n} articles: about {more} more articles, with weekly "
            "scores around them, would tell."
            if more
            else f"Brand {mean:+.2f} points months after {n} articles: no difference so far."
        )
    return claim_row(
        member,
        "article_persistence",
        "brand",
        "after_vs_before",
        verdict,
        "points",
        method,
        detail,
        n=n,
        estimate=mean,
        ci_low=low,
        ci_high=high,
        p_value=p,
    )


def persistence_rows(articles: pl.DataFrame, members: list[str], params: AnalysisParams) -> list[dict]:
    """Return claim 2 persistence rows per member and for the team (every member's articles pooled)."""
    usable = articles.filter((pl.col("before_count") > 0) & (pl.col("after_count") > 0)).with_columns(
        (pl.col("after_brand") - pl.col("before_brand")).alias("diff")
    )
    rows = [persistence_row(m, usable.filter(pl.col("_member") == m)["diff"].to_numpy(), params) for m in members]
    if len(members) > 1:
        rows.append(persistence_row(POOLED, usable["diff"].to_numpy(), params))
    return rows


def completeness_parts(aligned: pl.DataFrame) -> list[pl.DataFrame]:
    """Return the long frames of claim 4: profile completeness (level and change) against the brand pillar."""
    return [
        _long(aligned, "completeness", "brand", "profile_completeness", "level", "brand"),
        _long(aligned, "completeness_change", "brand_change", "profile_completeness", "change", "brand"),
    ]


def completeness_unit_rows(unit: str, cells: Cells, params: AnalysisParams) -> list[dict]:
    """Return the claim 4 rows of one member (or the team) from its cells."""
    return [
        correlation_row(
            unit,
            "profile_completeness",
            "brand",
            measure,
            cells.get((unit, "profile_completeness", measure)),
            params,
            False,
            "profile completeness",
        )
        for measure in ("level", "change")
    ]


def completeness_rows(aligned: pl.DataFrame, members: list[str], params: AnalysisParams) -> list[dict]:
    """Return claim 4 rows: profile completeness (level and change) against the brand pillar."""
    cells = _spearman(completeness_parts(aligned), params)
    return [row for unit in _members_and_team(members) for row in completeness_unit_rows(unit, cells, params)]


def between_members_row(outcomes: pl.DataFrame, outcome: str, params: AnalysisParams) -> dict:
    """Return the team's cross-sectional claim 5 row: each member's latest covered score against the outcome."""
    method = method_label(BETWEEN_METHOD, params)
    latest = (
        outcomes.filter((pl.col("outcome") == outcome) & pl.col("value").is_not_null())
        .sort("score_date")
        .group_by("member")
        .last()
    )
    n = latest.height
    if n < params.team_min_members:
        detail = (
            f"{n} member(s) with a score and the outcome; a between-members answer needs {params.team_min_members}."
        )
        return claim_row(POOLED, "ssi_value", outcome, "between_members", INSUFFICIENT, "r", method, detail, n=n)
    x, y = latest["total"].to_numpy(), latest["value"].to_numpy()
    if np.ptp(x) == 0 or np.ptp(y) == 0:
        return claim_row(
            POOLED,
            "ssi_value",
            outcome,
            "between_members",
            INCONCLUSIVE,
            "r",
            method,
            f"The SSI or {outcome} is the same for every member.",
            n=n,
        )
    r, p = spearman_test(x, y)
    low, high = fisher_ci(r, n, "spearman", params.alpha)
    verdict = correlation_verdict(low, high, p, params.alpha, params.equivalence_r, False)
    detail = (
        f"Members with a higher SSI had {'more' if r > 0 else 'fewer'} {outcome.replace('_', ' ')} "
        f"(r = {r:.2f}, {n} members)."
        if verdict != INCONCLUSIVE
        else f"r = {r:.2f} across {n} members: more members would tell."
    )
    return claim_row(
        POOLED,
        "ssi_value",
        outcome,
        "between_members",
        verdict,
        "r",
        method,
        detail,
        n=n,
        estimate=r,
        ci_low=low,
        ci_high=high,
        p_value=p,
    )


def ssi_value_parts(outcomes: pl.DataFrame) -> list[pl.DataFrame]:
    """Return the long frames of claim 5: per outcome, the SSI level and change against it."""
    parts = []
    for outcome in OUTCOMES:
        mine = outcomes.filter(pl.col("outcome") == outcome)
        parts += [
            _long(mine, "total", "value", outcome, "level", "total"),
            _long(mine, "total_change", "value", outcome, "change", "total"),
        ]
    return parts


def ssi_value_unit_rows(unit: str, cells: Cells, params: AnalysisParams) -> list[dict]:
    """Return the claim 5 within-member rows of one member (or the team, pooled within members) from its cells."""
    return [
        correlation_row(
            unit,
            "ssi_value",
            outcome,
            measure,
            cells.get((unit, outcome, measure)),
            params,
            False,
            f"{outcome.replace('_', ' ')} in the next {params.outcome_days} days",
        )
        for outcome in OUTCOMES
        for measure in ("level", "change")
    ]


def ssi_value_rows(outcomes: pl.DataFrame, members: list[str], params: AnalysisParams) -> list[dict]:
    """Return claim 5 rows: per outcome, the SSI level and change against it (per member, pooled within members),
    and the between-members rank correlation for a team."""
    cells = _spearman(ssi_value_parts(outcomes), params)
    rows = [row for unit in _members_and_team(members) for row in ssi_value_unit_rows(unit, cells, params)]
    if len(members) > 1:
        rows += [between_members_row(outcomes, outcome, params) for outcome in OUTCOMES]
    return rows


# Claim families answered by correlations: (the intermediate table they read, its long frames).
FAMILIES = {
    "posting_frequency": ("int_post_quality_measured", posting_frequency_parts),
    "article_quality": ("int_post_quality_measured", article_quality_parts),
    "profile_completeness": ("int_profile_completeness_aligned", completeness_parts),
    "ssi_value": ("int_score_outcomes_followed", ssi_value_parts),
}
CLAIM_SUMS_SCHEMA = {"family": pl.String, **SUMS_SCHEMA}


def _read(con: duckdb.DuckDBPyConnection, table: str) -> pl.DataFrame:
    return con.sql(f"select * from intermediate.{table}").pl()


def correlated_member_rows(
    con: duckdb.DuckDBPyConnection, members: list[str], params: AnalysisParams
) -> tuple[list[dict], pl.DataFrame]:
    """Return (the rows of claims 2, 4 and 5 of `members`, no team row; the sums their pooled rows are made of,
    CLAIM_SUMS_SCHEMA) from the intermediate tables of `con`. A member's rows depend on its own data only."""
    read = {table: _read(con, table) for table in {t for t, _ in FAMILIES.values()}}
    cells, sums = {}, []
    for family, (table, parts) in FAMILIES.items():
        cells[family], family_sums = member_cells(parts(read[table]), params)
        sums.append(family_sums.select(pl.lit(family).alias("family"), pl.all()))
    articles = read_articles(con)
    rows = []
    for member in members:
        rows += posting_unit_rows(member, cells["posting_frequency"], cells["article_quality"], params)
        rows.append(persistence_row(member, articles.get(member, np.array([])), params))
        rows += completeness_unit_rows(member, cells["profile_completeness"], params)
        rows += ssi_value_unit_rows(member, cells["ssi_value"], params)
    return rows, pl.concat(sums).cast(pl.Schema(CLAIM_SUMS_SCHEMA))


def read_articles(con: duckdb.DuckDBPyConnection) -> dict[str, np.ndarray]:
    """Return each member's usable per-article brand differences (after − before), in a fixed order."""
    articles = _read(con, "int_article_scores_compared")
    usable = articles.filter((pl.col("before_count") > 0) & (pl.col("after_count") > 0)).with_columns(
        (pl.col("after_brand") - pl.col("before_brand")).alias("diff")
    )
    usable = usable.sort(usable.columns)
    return {key[0]: part["diff"].to_numpy() for key, part in usable.partition_by("_member", as_dict=True).items()}


def correlated_team_rows(con: duckdb.DuckDBPyConnection, sums: pl.DataFrame, params: AnalysisParams) -> list[dict]:
    """Return the team's ('all') rows of claims 2, 4 and 5 from every member's `sums` (correlated_member_rows) and, for
    the articles, the members' outcomes and a cell needing a permutation test, the intermediate tables of `con` (every
    member's)."""
    cells = {}
    for family, (table, parts) in FAMILIES.items():
        mine = sums.filter(pl.col("family") == family).drop("family")
        cells[family] = pooled_cells(mine, lambda table=table, parts=parts: parts(_read(con, table)), params)
    articles = read_articles(con)
    diffs = np.concatenate([articles[m] for m in sorted(articles)]) if articles else np.array([])
    rows = posting_unit_rows(POOLED, cells["posting_frequency"], cells["article_quality"], params)
    rows.append(persistence_row(POOLED, diffs, params))
    rows += completeness_unit_rows(POOLED, cells["profile_completeness"], params)
    rows += ssi_value_unit_rows(POOLED, cells["ssi_value"], params)
    outcomes = con.sql("select * from intermediate.int_score_outcomes_followed where value is not null").pl()
    rows += [between_members_row(outcomes, outcome, params) for outcome in OUTCOMES]
    return rows
