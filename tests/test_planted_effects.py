"""The "honest method" check: planted effects are found, trends and noise are not (docs/ssi.md §4).

Synthetic data, 3 members × 30 weekly SSI observations, proxies = trailing activity windows over
daily Poisson counts whose weekly rate varies (bursty, like real activity):

(a) insights pillar driven by its 'comments' proxy: insights = 6 + 0.35·comments(7-day window, lag 0)
    + AR(1) noise (φ = 0.6, innovation sd 1.5 points), so the change in the pillar follows the change
    in the proxy. Per-member correlation of the changes is typically 0.7–0.95.
(b) 'total_connections', a cumulative count that trends upward, against a brand pillar that trends
    upward on its own (+0.13 points a week + AR(1) noise): no link at all, but the levels of the two
    correlate at r ≈ 0.9 — the spurious-regression trap.
(c) a pure-noise 'people' pillar (AR(1), φ = 0.7) with four unrelated bursty proxies.

Grid: windows (7, 28) × lags (0, 7) × measures (level, change); score dates whose window is not
covered by the activity history are dropped, as the real alignment does. Everything is seeded.

How often does this design pass by luck? Over simulation seeds 0–199 (default AnalysisParams):
a 'people' cell was flagged in 3.5 % of the simulations (≈1 % per family; Holm bounds it at 5 %
per family, four families); the trend-only pair was flagged in none; the pooled planted cells
were found in 100 % and in at least 2 of 3 members (both methods) in 95 %. All assertions of
this file hold for 89.5 % of the seeds; SEED was fixed before looking at its result.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import polars as pl
import pytest
from linkedin_ssi.models.params import AnalysisParams
from linkedin_ssi.models.stats import analyse, permutation_pvalue
from scipy import stats

SEED = 2026
MEMBERS = ("ana", "ben", "cho")
N_SCORES = 30
WINDOWS = (7, 28)
LAGS = (0, 7)
FIRST_SCORE_DAY = 21  # activity history starts 21 days before the first score date
NULL_PROXIES = ("invitations", "messages", "reactions", "posts")
START = date(2026, 1, 5)


def ar1(rng: np.random.Generator, n: int, phi: float, sd: float) -> np.ndarray:
    u = np.empty(n)
    u[0] = rng.normal(0, sd / np.sqrt(1 - phi**2))
    for i in range(1, n):
        u[i] = phi * u[i - 1] + rng.normal(0, sd)
    return u


def bursty_counts(rng: np.random.Generator, days: int, mean_per_day: float) -> np.ndarray:
    """Daily Poisson counts whose rate changes weekly (gamma, shape 2)."""
    weekly_rate = rng.gamma(2.0, mean_per_day / 2.0, days // 7 + 1)
    return rng.poisson(np.repeat(weekly_rate, 7)[:days])


def trailing(counts: np.ndarray, window: int, lag: int, day: int) -> float | None:
    """Activity in (day − lag − window, day − lag]; None when the window is not covered."""
    lo, hi = day - lag - window + 1, day - lag
    return float(counts[lo : hi + 1].sum()) if lo >= 0 else None


def simulate(seed: int = SEED) -> pl.DataFrame:
    rng = np.random.default_rng(seed)
    days = FIRST_SCORE_DAY + 7 * (N_SCORES - 1) + 1
    score_days = np.arange(FIRST_SCORE_DAY, days, 7)
    week = np.arange(N_SCORES)
    rows = []
    for member in MEMBERS:
        counts = {"comments": bursty_counts(rng, days, 1.5)}
        for proxy in NULL_PROXIES:
            counts[proxy] = bursty_counts(rng, days, rng.uniform(0.5, 3.0))
        total_connections = 400 + np.cumsum(rng.poisson(2.0, days))

        comments_7_0 = np.array([trailing(counts["comments"], 7, 0, d) for d in score_days])
        pillars = {
            "insights": 6 + 0.35 * comments_7_0 + ar1(rng, N_SCORES, 0.6, 1.5),  # (a) planted
            "brand": 7 + 0.13 * week + ar1(rng, N_SCORES, 0.7, 0.35),  # (b) independent trend
            "people": 10 + ar1(rng, N_SCORES, 0.7, 0.6),  # (c) noise
        }
        pillars = {k: np.clip(v, 0, 25).round(2) for k, v in pillars.items()}  # SSI shows 2 decimals

        pairs = [("insights", "comments"), ("brand", "total_connections")]
        pairs += [("people", proxy) for proxy in NULL_PROXIES]
        for pillar, proxy in pairs:
            y = pillars[pillar]
            for window in WINDOWS:
                for lag in LAGS:
                    if proxy == "total_connections":  # cumulative: the count as of day − lag
                        x = [float(total_connections[d - lag]) for d in score_days]
                    else:
                        x = [trailing(counts[proxy], window, lag, d) for d in score_days]
                    covered = [i for i, v in enumerate(x) if v is not None]
                    for prev, i in zip([None, *covered[:-1]], covered):
                        base = (member, pillar, proxy, window, lag)
                        when = START + timedelta(days=int(score_days[i]))
                        rows.append((*base, "level", when, x[i], float(y[i])))
                        if prev is not None:  # change since the previous covered score date
                            rows.append((*base, "change", when, x[i] - x[prev], float(y[i] - y[prev])))
    schema = ["member", "pillar", "proxy", "window_days", "lag_days", "measure", "score_date", "x", "y"]
    return pl.DataFrame(rows, schema=schema, orient="row")


@pytest.fixture(scope="module")
def long() -> pl.DataFrame:
    return simulate()


@pytest.fixture(scope="module")
def result(long) -> pl.DataFrame:
    return analyse(long, AnalysisParams())


FLAGGED = pl.col("verdict").is_in(["positive association", "negative association"])


def test_grid_is_complete(long, result):
    assert long.get_column("member").n_unique() == 3
    cells = 2 * 2 * 2 * (2 + len(NULL_PROXIES))  # windows × lags × measures × proxies
    assert result.height == (3 + 1) * cells * 2  # members + pooled, two methods
    assert result.filter(pl.col("verdict") == "insufficient data").height == 0
    # coverage: a 28-day window with lag 7 is not covered for the first two score dates
    n = result.filter(pl.col("member") == "ana", pl.col("proxy") == "comments", pl.col("window_days") == 28,
                      pl.col("lag_days") == 7, pl.col("measure") == "level")["n"]  # fmt: skip
    assert set(n) == {28}


def test_planted_effect_is_found(result):
    planted = result.filter(
        pl.col("pillar") == "insights", pl.col("proxy") == "comments",
        pl.col("window_days") == 7, pl.col("lag_days") == 0, pl.col("measure") == "change",
    )  # fmt: skip
    pooled = planted.filter(pl.col("member") == "all")
    assert pooled.height == 2
    assert set(pooled["verdict"]) == {"positive association"}, pooled
    assert (pooled["ci_low"] > 0).all()
    for method in ("spearman", "pearson"):
        per_member = planted.filter(pl.col("member") != "all", pl.col("method") == method)
        found = per_member.filter(pl.col("verdict") == "positive association").height
        assert found >= 2, per_member  # most members
        assert (per_member["estimate"] > 0.5).all()


def test_null_pillar_is_never_flagged(result):
    null = result.filter(pl.col("pillar") == "people")
    assert null.height == 4 * 2 * 2 * 2 * len(NULL_PROXIES) * 2
    assert null.filter(FLAGGED).height == 0, null.filter(FLAGGED)


def test_trend_only_pair_is_never_flagged(long, result):
    trend = result.filter(pl.col("pillar") == "brand", pl.col("proxy") == "total_connections")
    assert trend.height == 4 * 2 * 2 * 2 * 2
    assert trend.filter(FLAGGED).height == 0, trend.filter(FLAGGED)

    # The trap is real: the levels correlate strongly, and naive tests (n = n_eff, no correction)
    # would call it overwhelming. The effective n is what defuses it.
    levels = trend.filter(pl.col("measure") == "level", pl.col("member") != "all", pl.col("method") == "pearson")
    assert (levels["estimate"] > 0.8).all()
    assert (levels["n_eff"] < 10).all()
    one = long.filter(pl.col("member") == "ana", pl.col("pillar") == "brand", pl.col("window_days") == 7,
                      pl.col("lag_days") == 0, pl.col("measure") == "level").sort("score_date")  # fmt: skip
    x, y = one["x"].to_numpy(), one["y"].to_numpy()
    assert stats.pearsonr(x, y).pvalue < 1e-6
    assert permutation_pvalue(x, y, "pearson", n_eff=None, n_permutations=5_000, seed=1) < 1e-3


def test_deterministic(long, result):
    again = analyse(long.sample(fraction=1.0, shuffle=True, seed=3), AnalysisParams())
    assert again.equals(result)
