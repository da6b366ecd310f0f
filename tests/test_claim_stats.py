"""The claim statistics against independent references: Wilson bounds by root-finding, Newcombe's published
worked examples (Newcombe 1998, Table II, method 10), scipy's Fisher test, and TOST from its definition."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from linkedin_ssi.models.claim_stats import (
    CONTRADICTED,
    INCONCLUSIVE,
    SUPPORTED,
    correlation_verdict,
    fisher_p,
    more_needed,
    newcombe_interval,
    norm_cdf,
    norm_ppf,
    norm_sf,
    t_cdf,
    t_ppf,
    t_sf,
    tost,
    wilson_interval,
)
from scipy import optimize, stats

Z = stats.norm.ppf(0.975)


def wilson_reference(x: int, n: int) -> tuple[float, float]:
    """The Wilson bounds as defined: the proportions π with |p − π| = z·sqrt(π(1 − π)/n), found by root-finding."""
    p = x / n
    f = lambda pi: (p - pi) ** 2 - Z * Z * pi * (1 - pi) / n  # noqa: E731
    # f(p) = 0 at p = 0 or 1 (the bound itself): bracket the other root just inside.
    low = 0.0 if x == 0 else optimize.brentq(f, 0.0, p - 1e-12 if x == n else p, xtol=1e-14)
    high = 1.0 if x == n else optimize.brentq(f, p + 1e-12 if x == 0 else p, 1.0, xtol=1e-14)
    return low, high


def newcombe_reference(a: int, n1: int, b: int, n2: int) -> tuple[float, float]:
    (l1, u1), (l2, u2) = wilson_reference(a, n1), wilson_reference(b, n2)
    p1, p2 = a / n1, b / n2
    return p1 - p2 - math.hypot(p1 - l1, u2 - p2), p1 - p2 + math.hypot(u1 - p1, p2 - l2)


def test_wilson_and_newcombe_match_the_reference_on_random_inputs():
    rng = np.random.default_rng(12)
    for _ in range(300):
        n1, n2 = (int(v) for v in rng.integers(1, 120, 2))
        a, b = int(rng.integers(0, n1 + 1)), int(rng.integers(0, n2 + 1))
        assert wilson_interval(a, n1) == pytest.approx(wilson_reference(a, n1), abs=1e-9)
        d, low, high = newcombe_interval(a, n1, b, n2)
        assert d == pytest.approx(a / n1 - b / n2)
        assert (low, high) == pytest.approx(newcombe_reference(a, n1, b, n2), abs=1e-9)


@pytest.mark.parametrize(
    "a, n1, b, n2, low, high",
    [
        # Newcombe RG (1998), Statistics in Medicine 17:873-890, Table II, method 10.
        (56, 70, 48, 80, 0.0524, 0.3339),
        (9, 10, 3, 10, 0.1705, 0.8090),
        (5, 56, 0, 29, -0.0381, 0.1926),
        (0, 10, 0, 20, -0.1611, 0.2775),
        (0, 10, 0, 10, -0.2775, 0.2775),
        (10, 10, 0, 20, 0.6791, 1.0000),
        (10, 10, 0, 10, 0.6075, 1.0000),
    ],
)
def test_newcombe_interval_reproduces_the_published_examples(a, n1, b, n2, low, high):
    _, lo, hi = newcombe_interval(a, n1, b, n2)
    assert (round(lo, 4), round(hi, 4)) == (low, high)


def test_fisher_p_is_scipys_two_sided_exact_test_and_the_hypergeometric_sum():
    rng = np.random.default_rng(3)
    for _ in range(100):
        n1, n2 = (int(v) for v in rng.integers(1, 60, 2))
        a, b = int(rng.integers(0, n1 + 1)), int(rng.integers(0, n2 + 1))
        expected = stats.fisher_exact([[a, n1 - a], [b, n2 - b]]).pvalue
        assert fisher_p(a, n1, b, n2) == pytest.approx(expected, rel=1e-12)
        # From its definition: tables with the same margins no more likely than the observed one.
        h = stats.hypergeom(n1 + n2, a + b, n1)
        support = np.arange(max(0, a + b - n2), min(n1, a + b) + 1)
        probs = h.pmf(support)
        assert fisher_p(a, n1, b, n2) == pytest.approx(min(1.0, probs[probs <= h.pmf(a) * (1 + 1e-7)].sum()), rel=1e-6)


def test_fisher_p_on_large_tables_is_scipys():
    # A member who sent thousands of invitations: the log-space weights keep scipy's value (and take milliseconds).
    for a, n1, b, n2 in [(2500, 5000, 2400, 5000), (30, 4000, 9, 3000), (0, 2000, 5, 10), (700, 700, 0, 900)]:
        expected = stats.fisher_exact([[a, n1 - a], [b, n2 - b]]).pvalue
        assert fisher_p(a, n1, b, n2) == pytest.approx(expected, rel=1e-9)


@settings(max_examples=300, deadline=None)
@given(
    q=st.floats(min_value=1e-12, max_value=1 - 1e-12),
    x=st.floats(min_value=-40, max_value=40),
    df=st.floats(min_value=0.5, max_value=1e4),
)
def test_distribution_helpers_are_scipy_stats_distributions_to_the_last_bit(q, x, df):
    assert (norm_ppf(q), norm_cdf(x), norm_sf(x)) == (stats.norm.ppf(q), stats.norm.cdf(x), stats.norm.sf(x))
    assert (t_ppf(q, df), t_cdf(x, df), t_sf(x, df)) == (stats.t.ppf(q, df), stats.t.cdf(x, df), stats.t.sf(x, df))


def test_tost_is_the_two_one_sided_tests_and_the_90_percent_interval():
    rng = np.random.default_rng(7)
    for _ in range(300):
        est, se, df, margin = rng.normal(0, 3), rng.uniform(0.05, 2), float(rng.integers(1, 40)), rng.uniform(0.5, 4)
        r = tost(est, se, df, margin)
        t = stats.t.ppf(0.95, df)
        assert (r.ci_low, r.ci_high) == pytest.approx((est - t * se, est + t * se))
        p_lower = 1 - stats.t.cdf((est + margin) / se, df)
        p_upper = stats.t.cdf((est - margin) / se, df)
        assert r.p_value == pytest.approx(max(p_lower, p_upper), abs=1e-12)
        # Both one-sided tests reject at 5% exactly when the 90% interval lies inside the margin.
        assert (r.verdict == SUPPORTED) == (p_lower < 0.05 and p_upper < 0.05)
        assert (r.verdict == CONTRADICTED) == (est + t * se < -margin)


def test_tost_verdicts_on_hand_made_cases():
    assert tost(0.1, 0.5, 20, 2).verdict == SUPPORTED  # 90% CI about [-0.76, 0.96]
    assert tost(-5.0, 0.5, 20, 2).verdict == CONTRADICTED  # [-5.86, -4.14]: a marked drop
    assert tost(0.1, 2.0, 20, 2).verdict == INCONCLUSIVE  # [-3.35, 3.55]: "no significant drop" is not "no drop"
    assert tost(-2.5, 0.5, 20, 2).verdict == INCONCLUSIVE  # [-3.36, -1.64] reaches inside the margin


def test_correlation_verdicts_separate_effect_and_no_effect_claims():
    # An effect claim needs a significant positive interval; a no-effect claim needs equivalence.
    assert correlation_verdict(0.2, 0.8, 0.01, 0.05, 0.3, False) == SUPPORTED
    assert correlation_verdict(-0.2, 0.6, 0.30, 0.05, 0.3, False) == INCONCLUSIVE
    assert correlation_verdict(-0.2, 0.25, 0.80, 0.05, 0.3, False) == CONTRADICTED  # no meaningful association
    assert correlation_verdict(-0.2, 0.25, 0.80, 0.05, 0.3, True) == SUPPORTED
    assert correlation_verdict(-0.2, 0.6, 0.30, 0.05, 0.3, True) == INCONCLUSIVE  # not significant is not none
    assert correlation_verdict(0.4, 0.9, 0.001, 0.05, 0.3, True) == CONTRADICTED


def test_more_needed_scales_the_interval_as_one_over_root_n():
    assert more_needed(4, 2.0, 1.0) == 12  # half-width 2 -> 1 needs 4x the data: 16, so 12 more
    assert more_needed(4, 2.0, 0.0) is None  # the estimate sits on the margin: no amount of data settles it


def test_correlation_tost_p_agrees_with_the_equivalence_interval():
    from linkedin_ssi.models.claim_stats import correlation_tost_p
    from linkedin_ssi.models.stats import fisher_ci

    rng = np.random.default_rng(9)
    for _ in range(300):
        r, n_eff = float(rng.uniform(-0.95, 0.95)), float(rng.uniform(4, 400))
        low, high = fisher_ci(r, n_eff, "spearman", alpha=0.10)
        p = correlation_tost_p(r, n_eff, 0.3)
        assert (p < 0.05) == (-0.3 < low and high < 0.3)
    assert correlation_tost_p(0.0, 3.0, 0.3) == 1.0
