"""linkedin_ssi.models.stats against scipy on seeded random data, plus the rules of analyse (docs/ssi.md §4)."""

from __future__ import annotations

import math
import warnings
from datetime import date, timedelta

import numpy as np
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from linkedin_ssi.models.params import AnalysisParams
from linkedin_ssi.models.stats import _STOP_EXCEEDANCES as H
from linkedin_ssi.models.stats import (
    OUTPUT_SCHEMA,
    PermutationBudgetWarning,
    adjust_pvalues,
    analyse,
    analytic_pvalue,
    average_ranks,
    correlation,
    effective_n,
    fisher_ci,
    lag1_autocorr,
    permutation_pvalue,
    spearman_test,
)
from scipy import stats

SIZES = (8, 15, 40)
START = date(2026, 1, 5)


def pair(n: int, seed: int, rho: float = 0.4) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=n)
    return x, rho * x + rng.normal(size=n)


def frame(cells: list[dict]) -> pl.DataFrame:
    """Long frame from [{member, pillar, proxy, window_days, lag_days, measure, x, y}] (weekly dates)."""
    rows = []
    for c in cells:
        for i, (xv, yv) in enumerate(zip(c["x"], c["y"])):
            rows.append({
                "member": c.get("member", "ann"), "pillar": c.get("pillar", "brand"),
                "proxy": c.get("proxy", "posts"), "window_days": c.get("window_days", 7),
                "lag_days": c.get("lag_days", 0), "measure": c.get("measure", "change"),
                "score_date": START + timedelta(days=7 * i), "x": float(xv), "y": float(yv),
            })  # fmt: skip
    return pl.DataFrame(rows)


def row(res: pl.DataFrame, method: str, member: str = "ann", **keys) -> dict:
    sel = res.filter(pl.col("member") == member, pl.col("method") == method)
    for k, v in keys.items():
        sel = sel.filter(pl.col(k) == v)
    assert sel.height == 1, sel
    return sel.row(0, named=True)


def white_pair_with_full_n_eff(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Deterministically pick white-noise data whose lag-1 autocorrelations have product ≤ 0 (n_eff = n)."""
    for s in range(seed, seed + 1000):
        x, y = pair(n, s)
        if lag1_autocorr(x) * lag1_autocorr(y) <= 0:
            return x, y
    raise AssertionError("no such seed")


# --------------------------------------------------------------------------------------------
# Estimates, CI, p-values against scipy
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("n", SIZES)
def test_estimates_match_scipy(n):
    x, y = pair(n, seed=n)
    assert correlation(x, y, "pearson") == pytest.approx(stats.pearsonr(x, y).statistic, abs=1e-12)
    assert correlation(x, y, "spearman") == pytest.approx(stats.spearmanr(x, y).statistic, abs=1e-12)
    res = analyse(frame([{"x": x, "y": y}]), AnalysisParams(min_n=5))
    assert row(res, "pearson")["estimate"] == pytest.approx(stats.pearsonr(x, y).statistic, abs=1e-12)
    assert row(res, "spearman")["estimate"] == pytest.approx(stats.spearmanr(x, y).statistic, abs=1e-12)


def test_spearman_with_ties_matches_scipy():
    rng = np.random.default_rng(7)
    x = rng.poisson(1.0, 25).astype(float)  # many zeros and ones
    y = np.round(x * 0.5 + rng.normal(size=25), 0)  # ties in y too
    assert len(np.unique(x)) < 8 and len(np.unique(y)) < 12
    expected = stats.spearmanr(x, y).statistic
    assert correlation(x, y, "spearman") == pytest.approx(expected, abs=1e-12)
    res = analyse(frame([{"x": x, "y": y}]), AnalysisParams())
    assert row(res, "spearman")["estimate"] == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize("n", SIZES)
def test_pearson_ci_matches_scipy_when_n_eff_is_n(n):
    x, y = pair(n, seed=100 + n)
    r = stats.pearsonr(x, y)
    ci = r.confidence_interval()
    assert fisher_ci(r.statistic, n, "pearson", 0.05) == pytest.approx((ci.low, ci.high), abs=1e-12)
    # end to end: white noise whose lag-1 product is ≤ 0, so effective_n clips to n
    x, y = white_pair_with_full_n_eff(n, 1000 + n)
    got = row(analyse(frame([{"x": x, "y": y}]), AnalysisParams(min_n=5)), "pearson")
    assert got["n_eff"] == n
    ci = stats.pearsonr(x, y).confidence_interval()
    assert (got["ci_low"], got["ci_high"]) == pytest.approx((ci.low, ci.high), abs=1e-12)


def test_fisher_ci_spearman_variance_and_small_n_eff():
    r, n_eff = 0.6, 12.5
    h = stats.norm.ppf(0.975)
    se = math.sqrt(1.06 / (n_eff - 3))
    expected = (math.tanh(math.atanh(r) - h * se), math.tanh(math.atanh(r) + h * se))
    assert fisher_ci(r, n_eff, "spearman") == pytest.approx(expected, abs=1e-12)
    assert fisher_ci(r, 3.0, "pearson") == (-1.0, 1.0)
    assert fisher_ci(r, 2.5, "spearman") == (-1.0, 1.0)
    # the ssi.md §4.3 table: n = 10, r = 0.6 -> [-0.05, 0.89]
    assert fisher_ci(0.6, 10) == pytest.approx((-0.05, 0.89), abs=0.005)
    # the analyse rows use n_eff, not n
    x, y = pair(30, 3)
    x, y = np.cumsum(x), np.cumsum(y)  # autocorrelated: n_eff < n
    got = row(analyse(frame([{"x": x, "y": y}]), AnalysisParams()), "spearman")
    assert got["n_eff"] < 30
    assert (got["ci_low"], got["ci_high"]) == pytest.approx(fisher_ci(got["estimate"], got["n_eff"], "spearman"))


@pytest.mark.parametrize("n", SIZES)
def test_analytic_p_matches_scipy_when_n_eff_is_n(n):
    x, y = pair(n, seed=200 + n)
    r = stats.pearsonr(x, y)
    assert analytic_pvalue(r.statistic, n) == pytest.approx(r.pvalue, rel=1e-10, abs=1e-15)
    # t-test form with fractional df
    t = 0.3 * math.sqrt(17.5 / (1 - 0.09))
    assert analytic_pvalue(0.3, 19.5) == pytest.approx(2 * stats.t.sf(t, 17.5), rel=1e-10)
    assert analytic_pvalue(1.0, 10) == 0.0
    # end to end, forcing the analytic branch
    x, y = white_pair_with_full_n_eff(n, 2000 + n)
    got = row(analyse(frame([{"x": x, "y": y}]), AnalysisParams(min_n=5, analytic_min_n_eff=0)), "pearson")
    assert got["p_method"] == "analytic"
    assert got["p_value"] == pytest.approx(stats.pearsonr(x, y).pvalue, rel=1e-10)


def _abs_r(x, y, axis=-1):
    x = x - x.mean(axis=axis, keepdims=True)
    y = y - y.mean(axis=axis, keepdims=True)
    return np.abs((x * y).sum(axis) / np.sqrt((x * x).sum(axis) * (y * y).sum(axis)))


@settings(max_examples=300, deadline=None)
@given(
    xs=st.lists(st.integers(0, 6), min_size=3, max_size=60),
    noise=st.integers(0, 2**32 - 1),
)
def test_spearman_test_is_scipys_spearmanr_to_the_last_bit(xs, noise):
    # Ties (counts of 0–6) as activity proxies have them; the pooled ssi_value claim reads (ρ, p) from this.
    x = np.array(xs, dtype=float)
    y = np.round(np.random.default_rng(noise).normal(size=x.size) + 0.3 * x, 1)
    if np.ptp(x) == 0 or np.ptp(y) == 0:
        return
    expected = stats.spearmanr(x, y)
    assert spearman_test(x, y) == (float(expected.statistic), float(expected.pvalue))


@pytest.mark.parametrize("n", SIZES)
@pytest.mark.parametrize("method", ["pearson", "spearman"])
def test_permutation_p_matches_scipy_permutation_test(n, method):
    x, y = pair(n, seed=300 + n, rho=0.5)
    if method == "spearman":
        x, y = stats.rankdata(x), stats.rankdata(y)  # same statistic: |r| on ranks
    B = 100_000
    ours = permutation_pvalue(x, y, method, n_permutations=B, seed=1)
    ref = stats.permutation_test(
        (x, y), _abs_r, permutation_type="pairings", n_resamples=B, alternative="greater", vectorized=True, rng=2
    ).pvalue  # n = 8: 8! = 40,320 < B, so scipy is exact
    if ours * B <= H:  # every permutation drawn: (1 + count)/(B + 1), binomial Monte-Carlo error
        tol = 4.5 * math.sqrt(ref * (1 - ref) * 2 / B) + 2 / B
    else:  # stopped at the H-th exceedance: h/L, relative error about sqrt((1 − p)/H)
        tol = 4.5 * ref * math.sqrt((1 - ref) / H) + 2 / B
    assert ours == pytest.approx(ref, abs=tol)


def test_sequential_permutation_p_stops_at_the_hth_exceedance_and_is_valid_under_the_null():
    # Besag & Clifford (1991): a large p stops at the H-th exceedance (p = H/L for the permutation L it came at),
    # a small one runs all B permutations (p = (1 + count)/(B + 1)); either way P(p ≤ u) ≤ u under the null.
    B = 20_000
    x, y = pair(30, seed=7, rho=0.0)
    p = permutation_pvalue(x, y, n_permutations=B, seed=4)
    assert p > H / B and float(H / p).is_integer()  # stopped: p = H/L
    x, y = pair(30, seed=8, rho=0.9)
    p = permutation_pvalue(x, y, n_permutations=B, seed=4)
    assert p < H / B and float(p * (B + 1) - 1).is_integer()  # ran to the end
    rng = np.random.default_rng(12)
    null = np.array([permutation_pvalue(rng.normal(size=12), rng.normal(size=12), n_permutations=2_000, seed=s)
                     for s in range(600)])  # fmt: skip
    for u in (0.05, 0.2, 0.5):
        assert (null <= u).mean() <= u + 3 * math.sqrt(u * (1 - u) / null.size)


def test_permutation_deflation_and_determinism():
    x, y = pair(20, 5, rho=0.6)
    plain = permutation_pvalue(x, y, n_permutations=20_000, seed=3)
    assert permutation_pvalue(x, y, n_eff=20, n_permutations=20_000, seed=3) == plain
    deflated = permutation_pvalue(x, y, n_eff=8, n_permutations=20_000, seed=3)
    assert deflated > plain  # observed statistic shrunk by sqrt((8 - 1)/(20 - 1))
    # with stat = |r|·sqrt(7/19) the permutation p equals the plain test of a correlation that small
    r = correlation(x, y)
    target = abs(r) * math.sqrt(7 / 19)
    null = np.array([abs(correlation(x, np.random.default_rng(s).permutation(y))) for s in range(4000)])
    assert deflated == pytest.approx((1 + (null >= target).sum()) / 4001, abs=0.03)


def test_analyse_permutation_branch_is_deterministic_and_order_independent():
    rng = np.random.default_rng(11)
    cells = []
    for proxy in ("a", "b", "c"):
        for measure in ("level", "change"):
            x = np.cumsum(rng.normal(size=20))
            cells.append({"proxy": proxy, "measure": measure, "x": x, "y": 0.5 * x + rng.normal(size=20)})
    long = frame(cells)
    s = AnalysisParams()
    a = analyse(long, s)
    b = analyse(long.sample(fraction=1.0, shuffle=True, seed=1), s)
    assert a.equals(b)
    assert set(a["p_method"]) == {"permutation"}
    # B = ceil(2 m / alpha) with m = 12 -> 480: p on the grid (1 + k)/481, or H/L when the H-th exceedance came
    # at permutation L
    p = a["p_value"].to_numpy()
    k, stops = p * 481 - 1, H / p
    assert np.all(np.isclose(k, np.round(k)) | ((p > H / 480) & np.isclose(stops, np.round(stops))))
    # each p agrees (Monte-Carlo) with the single-series helper using the same n_eff
    got = row(a, "pearson", proxy="a", measure="level")
    xs = long.filter(pl.col("proxy") == "a", pl.col("measure") == "level").sort("score_date")
    ref = permutation_pvalue(xs["x"].to_numpy(), xs["y"].to_numpy(), "pearson", got["n_eff"], 50_000, seed=9)
    assert got["p_value"] == pytest.approx(ref, abs=4.5 * math.sqrt(ref * (1 - ref) / 480) + 3 / 481)


def test_analytic_threshold():
    x, y = white_pair_with_full_n_eff(40, 4000)
    res = analyse(frame([{"x": x, "y": y}]), AnalysisParams(analytic_min_n_eff=40))
    assert set(res["p_method"]) == {"analytic"}  # n_eff = 40 ≥ 40
    res = analyse(frame([{"x": x, "y": y}]), AnalysisParams(analytic_min_n_eff=40.5))
    assert set(res["p_method"]) == {"permutation"}


# --------------------------------------------------------------------------------------------
# Multiple testing
# --------------------------------------------------------------------------------------------


def test_holm_hand_computed():
    p = np.array([0.01, 0.04, 0.03, 0.005, np.nan])
    # m = 4; sorted 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 -> running max 0.06
    got = adjust_pvalues(p, "holm")
    assert np.allclose(got[:4], [0.03, 0.06, 0.06, 0.02], atol=1e-15)
    assert np.isnan(got[4])
    assert np.allclose(adjust_pvalues(np.array([0.5, 0.6]), "holm"), [1.0, 1.0])
    assert adjust_pvalues(np.array([np.nan, np.nan]), "holm").tolist() == pytest.approx([np.nan] * 2, nan_ok=True)
    with pytest.raises(ValueError):
        adjust_pvalues(p, "bonferroni")


def test_bh_matches_scipy():
    rng = np.random.default_rng(21)
    p = np.concatenate([rng.uniform(size=40), rng.uniform(0, 0.01, size=10)])
    assert np.allclose(adjust_pvalues(p, "bh"), stats.false_discovery_control(p, method="bh"), atol=1e-14)
    with_nan = np.insert(p, [3, 17, 17], np.nan)
    got = adjust_pvalues(with_nan, "bh")
    assert np.isnan(got).sum() == 3
    assert np.allclose(got[~np.isnan(got)], stats.false_discovery_control(p, method="bh"), atol=1e-14)


def test_q_values_are_the_member_family():
    rng = np.random.default_rng(31)
    cells = []
    for member in ("ann", "bob"):
        for pillar in ("brand", "people"):
            for measure in ("level", "change"):
                x = rng.normal(size=35)
                cells.append({"member": member, "pillar": pillar, "measure": measure, "x": x,
                              "y": 0.6 * x + rng.normal(size=35)})  # fmt: skip
    cells.append({"member": "ann", "proxy": "short", "x": rng.normal(size=5), "y": rng.normal(size=5)})
    long = frame(cells)
    for correction in ("holm", "bh"):
        res = analyse(long, AnalysisParams(correction=correction))
        for member in ("ann", "bob", "all"):
            fam = res.filter(pl.col("member") == member, pl.col("p_value").is_not_null())
            assert fam.height == 8  # 2 pillars × 2 measures × 2 methods; the short cell is not counted
            assert np.allclose(fam["q_value"].to_numpy(), adjust_pvalues(fam["p_value"].to_numpy(), correction))


def test_budget_warning():
    x, y = pair(20, 41)
    with pytest.warns(PermutationBudgetWarning, match=r"max_permutations=30"):
        res = analyse(frame([{"x": x, "y": y}]), AnalysisParams(max_permutations=30, alpha=0.05))
    # m = 2 tests; 1/(30+1) ≥ 0.05/2: the warning is justified, p is still a valid permutation p
    assert set(res["p_method"]) == {"permutation"}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        analyse(frame([{"x": x, "y": y}]), AnalysisParams())  # B = 80: no warning


# --------------------------------------------------------------------------------------------
# Effective n
# --------------------------------------------------------------------------------------------


def ar1(n, phi, seed):
    rng = np.random.default_rng(seed)
    e = rng.normal(size=n)
    out = np.empty(n)
    out[0] = e[0] / math.sqrt(1 - phi**2)
    for i in range(1, n):
        out[i] = phi * out[i - 1] + e[i]
    return out


def test_lag1_autocorr_definition_and_ar1():
    x = ar1(50, 0.6, 1)
    d = x - x.mean()
    assert lag1_autocorr(x) == pytest.approx(sum(d[i] * d[i + 1] for i in range(49)) / sum(d * d), abs=1e-14)
    assert lag1_autocorr(ar1(20_000, 0.6, 2)) == pytest.approx(0.6, abs=0.03)
    assert lag1_autocorr(ar1(20_000, 0.8, 3)) == pytest.approx(0.8, abs=0.03)
    assert math.isnan(lag1_autocorr(np.ones(10)))
    assert math.isnan(lag1_autocorr(np.array([1.0, 2.0])))


def test_effective_n_formula_on_ar1_pair():
    x, y = ar1(200, 0.7, 4), ar1(200, 0.5, 5)
    r1x, r1y = lag1_autocorr(x), lag1_autocorr(y)
    assert 0.55 < r1x < 0.85 and 0.35 < r1y < 0.65
    assert effective_n(x, y) == pytest.approx(200 * (1 - r1x * r1y) / (1 + r1x * r1y), rel=1e-12)
    # long series: close to the population value n(1 - .35)/(1 + .35)
    big = effective_n(ar1(20_000, 0.7, 6), ar1(20_000, 0.5, 7))
    assert big == pytest.approx(20_000 * 0.65 / 1.35, rel=0.05)


def test_effective_n_clipping_and_degenerate_cases():
    t = np.arange(1, 11, dtype=float)
    # one sine period is the largest sample lag-1 autocorrelation a centred series of n = 10 can have
    smooth = np.sin(2 * np.pi * t / 11)
    assert lag1_autocorr(smooth) == pytest.approx(math.cos(2 * np.pi / 11), abs=1e-12)
    assert 10 * (1 - math.cos(2 * np.pi / 11) ** 2) / (1 + math.cos(2 * np.pi / 11) ** 2) < 2
    assert effective_n(smooth, smooth) == 2.0  # formula < 2: clipped up
    alternating = np.array([1.0, -1.0] * 5) + 0.01 * t
    assert lag1_autocorr(alternating) < 0 < lag1_autocorr(t)
    assert effective_n(alternating, t) == 10.0  # formula > n: clipped down
    assert effective_n(np.ones(10), t) == 10.0  # constant: r1 undefined -> n
    assert effective_n(np.array([1.0, 2.0]), np.array([3.0, 1.0])) == 2.0  # n < 3 -> n
    assert effective_n(np.array([1.0]), np.array([2.0])) == 1.0
    with pytest.raises(ValueError):
        effective_n(np.ones(3), np.ones(4))


def test_n_eff_in_analyse_uses_the_ordered_series():
    x, y = ar1(25, 0.8, 8), ar1(25, 0.8, 9)
    long = frame([{"x": x, "y": y, "measure": "change"}])
    got = row(analyse(long.reverse(), AnalysisParams()), "pearson")
    assert got["n"] == 25
    assert got["n_eff"] == pytest.approx(effective_n(x, y), rel=1e-12)


# --------------------------------------------------------------------------------------------
# Verdicts, schema, pooled rows
# --------------------------------------------------------------------------------------------


NULL_COLS = ("estimate", "ci_low", "ci_high", "p_value", "q_value", "p_method")


def test_output_schema_exact():
    x, y = pair(15, 51)
    res = analyse(frame([{"x": x, "y": y}]), AnalysisParams())
    assert dict(res.schema) == OUTPUT_SCHEMA
    assert res.columns == list(OUTPUT_SCHEMA)
    assert res["method"].to_list() == ["pearson", "spearman"]
    empty = analyse(frame([{"x": x, "y": y}]).clear(), AnalysisParams())
    assert empty.height == 0 and empty.columns == list(OUTPUT_SCHEMA)


def test_insufficient_data_and_no_variation():
    rng = np.random.default_rng(61)
    cells = [
        {"proxy": "short", "x": rng.normal(size=9), "y": rng.normal(size=9)},
        {"proxy": "enough", "x": rng.normal(size=10), "y": rng.normal(size=10)},
        {"proxy": "flat_x", "x": np.zeros(20), "y": rng.normal(size=20)},
        {"proxy": "flat_y", "x": rng.normal(size=20), "y": np.full(20, 12.5)},
    ]
    res = analyse(frame(cells), AnalysisParams(min_n=10))
    for proxy, verdict, n in (("short", "insufficient data", 9), ("flat_x", "no variation", 20),
                              ("flat_y", "no variation", 20)):  # fmt: skip
        for method in ("pearson", "spearman"):
            got = row(res, method, proxy=proxy)
            assert got["verdict"] == verdict and got["n"] == n
            assert all(got[c] is None for c in NULL_COLS), got
    enough = row(res, "pearson", proxy="enough")
    assert enough["verdict"] in ("no evidence", "positive association", "negative association")
    assert enough["p_value"] is not None
    # only the two 'enough' tests form the family
    assert res.filter(pl.col("q_value").is_not_null()).height == 2


def test_direction_of_verdict():
    x = np.random.default_rng(71).normal(size=40)  # white noise: n_eff close to n
    res = analyse(frame([{"proxy": "up", "x": x, "y": 2 * x}, {"proxy": "down", "x": x, "y": -x}]), AnalysisParams())
    assert set(res.filter(pl.col("proxy") == "up")["verdict"]) == {"positive association"}
    assert set(res.filter(pl.col("proxy") == "down")["verdict"]) == {"negative association"}


def test_pooled_rows():
    rng = np.random.default_rng(81)
    members = {"ann": 20, "bob": 15, "cyd": 12}
    cells, xs, ys = [], {}, {}
    for i, (member, n) in enumerate(members.items()):
        x = rng.normal(size=n) + 10 * i  # member-specific levels must not create correlation
        y = 0.5 * (x - 10 * i) + rng.normal(size=n) - 5 * i
        xs[member], ys[member] = x, y
        cells.append({"member": member, "x": x, "y": y})
    res = analyse(frame(cells), AnalysisParams())
    assert set(res["member"]) == {"ann", "bob", "cyd", "all"}
    assert res["member"].to_list()[-2:] == ["all", "all"]
    pooled = {m: row(res, m, member="all") for m in ("pearson", "spearman")}
    xd = np.concatenate([xs[m] - xs[m].mean() for m in members])
    yd = np.concatenate([ys[m] - ys[m].mean() for m in members])
    assert pooled["pearson"]["estimate"] == pytest.approx(stats.pearsonr(xd, yd).statistic, abs=1e-12)
    xr = np.concatenate([stats.rankdata(xs[m]) - (members[m] + 1) / 2 for m in members])
    yr = np.concatenate([stats.rankdata(ys[m]) - (members[m] + 1) / 2 for m in members])
    assert pooled["spearman"]["estimate"] == pytest.approx(stats.pearsonr(xr, yr).statistic, abs=1e-12)
    # naive pooling (no demeaning) would be dominated by the member levels
    assert stats.pearsonr(np.concatenate(list(xs.values())), np.concatenate(list(ys.values()))).statistic < 0
    assert pooled["pearson"]["n"] == 47
    n_eff = sum(effective_n(xs[m], ys[m]) for m in members) - 3
    assert pooled["pearson"]["n_eff"] == pytest.approx(n_eff, rel=1e-12)
    assert pooled["pearson"]["verdict"] == "positive association"
    # the pooled rows are their own family (2 tests)
    fam = res.filter(pl.col("member") == "all")
    assert np.allclose(fam["q_value"].to_numpy(), adjust_pvalues(fam["p_value"].to_numpy(), "holm"))


def test_pooled_permutes_within_member_and_skips_flat_members():
    rng = np.random.default_rng(91)
    cells = [{"member": m, "x": np.cumsum(rng.normal(size=12)), "y": np.cumsum(rng.normal(size=12))}
             for m in ("ann", "bob")]  # fmt: skip
    cells.append({"member": "cyd", "x": np.zeros(12), "y": rng.normal(size=12)})  # carries no information
    res = analyse(frame(cells), AnalysisParams())
    got = row(res, "pearson", member="all")
    assert got["n"] == 24  # cyd left out
    assert got["p_method"] == "permutation"  # n_eff < 30
    assert row(res, "pearson", member="cyd")["verdict"] == "no variation"


def test_no_pooled_rows_for_one_member_and_reserved_name():
    x, y = pair(15, 95)
    assert set(analyse(frame([{"x": x, "y": y}]), AnalysisParams())["member"]) == {"ann"}
    with pytest.raises(ValueError, match="reserved"):
        analyse(frame([{"x": x, "y": y}, {"member": "all", "x": x, "y": y}]), AnalysisParams())


def test_input_validation():
    x, y = pair(12, 97)
    long = frame([{"x": x, "y": y}])
    with pytest.raises(ValueError, match="duplicate"):
        analyse(pl.concat([long, long.head(1)]), AnalysisParams())
    with pytest.raises(ValueError, match="lacks"):
        analyse(long.drop("y"), AnalysisParams())
    with pytest.raises(ValueError, match="finite"):
        analyse(long.with_columns(pl.lit(float("nan")).alias("x")), AnalysisParams())
    with pytest.raises(ValueError, match="correction must be 'holm' or 'bh', not 'fdr'"):
        AnalysisParams(correction="fdr")
    with pytest.raises(ValueError, match="alpha must be between 0 and 1, not 1.5"):
        AnalysisParams(alpha=1.5)
    with pytest.raises(ValueError, match="max_permutations must be at least 1, not 0"):
        AnalysisParams(max_permutations=0)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(st.integers(-3, 3).map(float), st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)),
        min_size=1,
        max_size=40,
    )
)
def test_average_ranks_are_scipys_to_the_bit(values):
    v = np.array(values)
    assert np.array_equal(average_ranks(v), stats.rankdata(v, method="average"))


def test_a_lengths_permutations_are_the_same_from_the_cache_extended_or_drawn_afresh(monkeypatch):
    import linkedin_ssi.models.stats as module

    module._PERMUTATIONS.clear()
    first = np.concatenate(list(module._length_chunks(40, 5_000, seed=6)))  # cached
    longer = np.concatenate(list(module._length_chunks(40, 30_000, seed=6)))  # the cache extended
    monkeypatch.setattr(module, "_PERMUTATIONS_MAX_BYTES", 0)  # e.g. a long daily series: never cached
    afresh = np.concatenate(list(module._length_chunks(40, 30_000, seed=6)))
    assert (longer[:5_000] == first).all() and (afresh == longer).all()
    assert (np.sort(afresh, axis=1) == np.arange(40)).all()  # each row a permutation
    x, y = pair(40, seed=21, rho=0.7)  # p far below H/B: every permutation drawn
    uncached = permutation_pvalue(x, y, n_permutations=30_000, seed=6)
    monkeypatch.setattr(module, "_PERMUTATIONS_MAX_BYTES", 128 * 2**20)
    assert permutation_pvalue(x, y, n_permutations=30_000, seed=6) == uncached < H / 30_000


def test_threads_sharing_a_lengths_permutations_get_the_same_p_values():
    # A Dask worker's threads analyse members at once and share the cache: the streams must not depend on who draws.
    from concurrent.futures import ThreadPoolExecutor

    import linkedin_ssi.models.stats as module

    series = [pair(35, seed=400 + i, rho=0.75) for i in range(8)]  # p far below H/B: all B permutations drawn

    def p_values() -> list[float]:
        module._PERMUTATIONS.clear()
        with ThreadPoolExecutor(8) as pool:
            return list(pool.map(lambda xy: permutation_pvalue(*xy, n_permutations=40_000, seed=2), series))

    module._PERMUTATIONS.clear()
    alone = [permutation_pvalue(x, y, n_permutations=40_000, seed=2) for x, y in series]
    assert all(p < H / 40_000 for p in alone)
    assert p_values() == alone and p_values() == alone


def test_a_lengths_permutations_read_back_from_the_folder_are_the_stream_and_extend_it(tmp_path, monkeypatch):
    # A new process (every publish) reads its streams from the home instead of drawing them again: the same rows,
    # and a longer read goes on from the stored generator exactly as one long draw.
    import linkedin_ssi.models.stats as module

    monkeypatch.setattr(module, "_PERMUTATIONS_DIR", None)
    module._PERMUTATIONS.clear()
    drawn = np.concatenate(list(module._length_chunks(30, 50_000, seed=8)))
    module._PERMUTATIONS.clear()
    module.use_permutation_folder(tmp_path)
    first = np.concatenate(list(module._length_chunks(30, 20_000, seed=8)))
    assert module.save_permutations() == 1 and module.save_permutations() == 0  # nothing grew since
    assert [p.name for p in tmp_path.iterdir()] == ["stream-v1-8-30.npz"]
    module._PERMUTATIONS.clear()  # as a new process
    module.use_permutation_folder(tmp_path)
    drawing = module._draw_permutations
    draws: list[int] = []

    def counted(rng, rows, size):
        draws.append(rows)
        return drawing(rng, rows, size)

    monkeypatch.setattr(module, "_draw_permutations", counted)
    again = np.concatenate(list(module._length_chunks(30, 20_000, seed=8)))
    assert draws == [] and (again == first).all() and (first == drawn[:20_000]).all()
    longer = np.concatenate(list(module._length_chunks(30, 50_000, seed=8)))
    assert sum(draws) == 30_000 and (longer == drawn).all()
    # A damaged file is drawn again, with the same rows.
    (tmp_path / "stream-v1-8-30.npz").write_bytes(b"not a stream")
    module._PERMUTATIONS.clear()
    module.use_permutation_folder(tmp_path)
    assert (np.concatenate(list(module._length_chunks(30, 50_000, seed=8))) == drawn).all()
    assert module.save_permutations() == 1  # the damaged file written again
    # A file larger than the cache may hold is not read back: drawn again, only as far as asked, the same rows.
    module._PERMUTATIONS.clear()
    module.use_permutation_folder(tmp_path)
    monkeypatch.setattr(module, "_PERMUTATIONS_MAX_BYTES", 30 * 40_000)  # room for 40,000 rows, the file has 50,000
    draws.clear()
    assert (np.concatenate(list(module._length_chunks(30, 20_000, seed=8))) == drawn[:20_000]).all()
    assert sum(draws) == 20_000
    module.use_permutation_folder(None)
    module._PERMUTATIONS.clear()


def test_the_pooled_sums_are_the_same_floats_in_the_same_order_whatever_order_the_members_rows_come_in():
    from linkedin_ssi.models.stats import _cell_sums, analyse_members

    rng = np.random.default_rng(17)
    cells = [
        {"member": m, "proxy": proxy, "lag_days": lag, "x": rng.normal(size=9) * 1e3, "y": rng.normal(size=9) / 7}
        for m in ("zoe", "ann", "mia", "bob")
        for proxy in ("posts", "comments", "votes")
        for lag in (0, 7)
        if (m, proxy) != ("ann", "posts")  # a cell the first member lacks comes after her cells
    ]
    _, sums = analyse_members(frame(cells), AnalysisParams())
    expected = _cell_sums(sums)
    # Added up in member order: ann, bob, mia, zoe (floats added in another order differ in the last bits).
    posts = expected.filter((pl.col("proxy") == "posts") & (pl.col("lag_days") == 0)).row(0, named=True)
    ordered = sums.filter((pl.col("proxy") == "posts") & (pl.col("lag_days") == 0) & pl.col("use")).sort("member")
    total = 0.0
    for value in ordered.get_column("sxy_pearson"):
        total += value
    assert posts["sxy_pearson"] == total and posts["sizes"] == ordered.get_column("n").to_list()
    assert [(r["proxy"], r["lag_days"]) for r in expected.iter_rows(named=True)] == [
        ("comments", 0), ("comments", 7), ("votes", 0), ("votes", 7), ("posts", 0), ("posts", 7),
    ]  # fmt: skip
    for seed in range(5):
        assert _cell_sums(sums.sample(fraction=1.0, shuffle=True, seed=seed)).equals(expected)


def test_member_test_blocks_start_small_double_and_cover_every_permutation_once():
    from linkedin_ssi.models.stats import _CHUNK, _FIRST_CHUNK, _blocks

    for n_perm in (1, _FIRST_CHUNK, _FIRST_CHUNK + 1, 3 * _CHUNK + 5, 61_440):
        blocks = list(_blocks(n_perm))
        assert blocks[0][0] == 0 and blocks[-1][1] == n_perm
        assert all(a[1] == b[0] for a, b in zip(blocks, blocks[1:]))  # contiguous, no gap, no overlap
        sizes = [end - start for start, end in blocks]
        assert sizes[:-1] == [min(_FIRST_CHUNK * 2**i, _CHUNK) for i in range(len(sizes) - 1)]
