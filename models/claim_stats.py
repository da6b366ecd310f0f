"""Statistics for the claim tests (issue 12): proportions, equivalence and the verdict rules.

Pure functions on numbers; `models.claims` feeds them the per-member inputs the SQL models compute.

Verdict words (the mart's `verdict`): 'supported', 'contradicted', 'inconclusive', 'insufficient data'.
"Inconclusive" is not "no effect": it says the data cannot tell yet.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import special

# scipy.stats' distributions are these special functions (scipy 1.17: norm._ppf is ndtri, t._sf is stdtr(df, −x),
# t._ppf is stdtrit); calling them directly gives the same floats without importing scipy.stats, which costs
# about a second of every publish's start-up.


def norm_ppf(q: float) -> float:
    """Return the standard normal quantile of q (scipy.stats.norm.ppf)."""
    return float(special.ndtri(q))


def norm_cdf(x: float) -> float:
    """Return P(Z ≤ x) for a standard normal Z (scipy.stats.norm.cdf)."""
    return float(special.ndtr(x))


def norm_sf(x: float) -> float:
    """Return P(Z > x) for a standard normal Z (scipy.stats.norm.sf)."""
    return float(special.ndtr(-x))


def t_ppf(q: float, df: float) -> float:
    """Return the quantile q of Student's t with df degrees of freedom (scipy.stats.t.ppf)."""
    return float(special.stdtrit(df, q))


def t_cdf(x: float, df: float) -> float:
    """Return P(T ≤ x) for Student's t with df degrees of freedom (scipy.stats.t.cdf)."""
    return float(special.stdtr(df, x))


def t_sf(x: float, df: float) -> float:
    """Return P(T > x) for Student's t with df degrees of freedom (scipy.stats.t.sf)."""
    return float(special.stdtr(df, -x))


SUPPORTED, CONTRADICTED, INCONCLUSIVE, INSUFFICIENT = "supported", "contradicted", "inconclusive", "insufficient data"
VERDICTS = (SUPPORTED, CONTRADICTED, INCONCLUSIVE, INSUFFICIENT)


def claim_row(
    member: str,
    claim: str,
    pillar: str,
    measure: str,
    verdict: str,
    unit: str,
    method: str,
    detail: str,
    n: int = 0,
    estimate=None,
    ci_low=None,
    ci_high=None,
    p_value=None,
    period=None,
) -> dict:
    """Return one mart row as a dict (NaN numbers become NULL)."""
    clean = [
        None if v is None or (isinstance(v, float) and math.isnan(v)) else float(v)
        for v in (estimate, ci_low, ci_high, p_value)
    ]
    return {
        "member": member,
        "claim": claim,
        "pillar": pillar,
        "measure": measure,
        "period": period,
        "n": int(n),
        "estimate": clean[0],
        "ci_low": clean[1],
        "ci_high": clean[2],
        "p_value": clean[3],
        "verdict": verdict,
        "unit": unit,
        "method": method,
        "detail": detail,
    }


def method_label(template: str, params) -> str:
    """Return a method description with its interval levels filled in.

    {one} = 100(1 − alpha), {two} = 100(1 − 2·alpha).
    """
    return template.format(one=f"{100 * (1 - params.alpha):g}", two=f"{100 * (1 - 2 * params.alpha):g}")


def wilson_interval(successes: int, n: int, alpha: float = 0.05) -> tuple[float, float]:
    """Return the Wilson score interval (level 1 − alpha) for a proportion successes/n; (0, 1) when n = 0."""
    if n <= 0:
        return 0.0, 1.0
    z = norm_ppf(1 - alpha / 2)
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    # Clip rounding noise: the bounds are exactly 0 at p = 0 and 1 at p = 1.
    return max(0.0, centre - half), min(1.0, centre + half)


def newcombe_interval(a: int, n1: int, b: int, n2: int, alpha: float = 0.05) -> tuple[float, float, float]:
    """Return (difference, low, high): p1 − p2 = a/n1 − b/n2 with Newcombe's hybrid score interval
    (Newcombe 1998, method 10: Wilson score bounds of each proportion combined by the square-and-add rule)."""
    if n1 <= 0 or n2 <= 0:
        raise ValueError("both groups need at least one observation")
    p1, p2 = a / n1, b / n2
    l1, u1 = wilson_interval(a, n1, alpha)
    l2, u2 = wilson_interval(b, n2, alpha)
    d = p1 - p2
    return d, d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2), d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)


def fisher_p(a: int, n1: int, b: int, n2: int) -> float:
    """Return the two-sided Fisher exact p-value of the 2×2 table [[a, n1 − a], [b, n2 − b]]: the probability,
    given the margins, of the tables no more likely than the observed one (scipy.stats.fisher_exact's definition;
    likelihoods within a relative 1e-7 count as equal, R's fisher.test rule, so rounding cannot split ties)."""
    k = a + b
    j = np.arange(max(0, k - n2), min(n1, k) + 1, dtype=float)
    # log of C(n1, j)·C(n2, k − j): each table's probability up to the common factor 1/C(n1 + n2, k).
    log_w = -(special.gammaln(j + 1) + special.gammaln(n1 - j + 1) + special.gammaln(k - j + 1))
    log_w -= special.gammaln(n2 - k + j + 1)
    observed = log_w[int(a - j[0])]
    w = np.exp(log_w - log_w.max())
    return float(min(1.0, w[log_w <= observed + math.log1p(1e-7)].sum() / w.sum()))


@dataclass(frozen=True)
class Equivalence:
    """A difference tested for equivalence: estimate, the (1 − 2·alpha) interval, the TOST p-value, the verdict."""

    estimate: float
    ci_low: float
    ci_high: float
    p_value: float
    verdict: str


def tost(estimate: float, se: float, df: float, margin: float, alpha: float = 0.05) -> Equivalence:
    """Return the two one-sided tests (TOST) of |difference| < margin for a t-distributed estimate.

    The interval is the (1 − 2·alpha) t interval, so "the whole interval lies within ±margin" is the same
    decision as "both one-sided tests reject at alpha". Verdict: 'supported' when the interval lies within
    ±margin (no marked change), 'contradicted' when it lies entirely below −margin (a marked drop), else
    'inconclusive'. p_value = the larger of the two one-sided p-values (the TOST p).
    """
    if se < 0 or df <= 0 or margin <= 0:
        raise ValueError("se must be ≥ 0, df and margin > 0")
    t = t_ppf(1 - alpha, df)
    low, high = estimate - t * se, estimate + t * se
    if se == 0:
        p = 0.0 if abs(estimate) < margin else 1.0
    else:
        p_lower = t_sf((estimate + margin) / se, df)  # H0: difference ≤ −margin
        p_upper = t_cdf((estimate - margin) / se, df)  # H0: difference ≥ +margin
        p = float(max(p_lower, p_upper))
    if -margin < low and high < margin:
        verdict = SUPPORTED
    elif high < -margin:
        verdict = CONTRADICTED
    else:
        verdict = INCONCLUSIVE
    return Equivalence(float(estimate), float(low), float(high), p, verdict)


def more_needed(current: int, half_width: float, room: float) -> int | None:
    """Return how many more units (gaps, observations) would shrink an interval of `half_width` into `room`
    (the distance from the estimate to the margin), assuming the half-width falls as 1/sqrt(count); None when
    no amount of data can (the estimate itself lies outside the margin)."""
    if room <= 0 or current <= 0:
        return None
    needed = math.ceil(current * (half_width / room) ** 2)
    return max(1, needed - current)


def correlation_tost_p(r: float, n_eff: float, r_margin: float, spearman_factor: float = 1.06) -> float:
    """Return the TOST p-value of |ρ| < r_margin on the Fisher z scale (SE = sqrt(1.06/(n_eff − 3)) for Spearman):
    the larger of the two one-sided p-values, so p < alpha exactly when the (1 − 2·alpha) interval lies within
    ±r_margin. 1 when n_eff ≤ 3 (no interval)."""
    if not n_eff > 3 or not math.isfinite(r):
        return 1.0
    se = math.sqrt(spearman_factor / (n_eff - 3))
    z, zm = math.atanh(max(-0.999999, min(0.999999, r))), math.atanh(r_margin)
    return float(max(norm_sf((z + zm) / se), norm_cdf((z - zm) / se)))


def more_scores_for_correlation(
    r: float, n: int, n_eff: float, alpha: float, r_margin: float | None = None
) -> int | None:
    """Return roughly how many more scores would make the Spearman interval of `r` exclude 0 (or, with `r_margin`,
    fit within ±r_margin at level 1 − 2·alpha), if r stayed as it is: Fisher z needs
    n_eff = 3 + 1.06·(z_crit / distance)², scaled back to scores by today's n/n_eff. None when no amount can."""
    if n <= 0 or n_eff <= 0 or not math.isfinite(r):
        return None
    if r_margin is None:
        distance, z_crit = math.atanh(min(abs(r), 0.999999)), norm_ppf(1 - alpha / 2)
    else:
        distance, z_crit = math.atanh(r_margin) - math.atanh(min(abs(r), 0.999999)), norm_ppf(1 - alpha)
    if distance <= 0:
        return None
    needed_eff = 3 + 1.06 * (z_crit / distance) ** 2
    return max(1, math.ceil(needed_eff * n / n_eff) - n)


def correlation_verdict(
    low: float | None,
    high: float | None,
    q_value: float | None,
    alpha: float,
    r_margin: float,
    claim_is_no_effect: bool,
) -> str:
    """Return the verdict for a correlation claim from its interval and corrected p-value.

    A claim of an effect ("higher SSI goes with more invitations") is supported by a significant positive
    correlation (q < alpha, interval above 0) and contradicted by an interval entirely below 0 or within
    ±r_margin (equivalence: no meaningful association). A claim of no effect ("frequency has no influence")
    is supported only by equivalence (interval within ±r_margin), never by a non-significant p, and
    contradicted by a significant correlation of either sign.
    """
    if low is None or high is None or math.isnan(low) or math.isnan(high):
        return INSUFFICIENT
    within = -r_margin < low and high < r_margin
    significant = q_value is not None and not math.isnan(q_value) and q_value < alpha
    if claim_is_no_effect:
        if within:
            return SUPPORTED
        return CONTRADICTED if significant and (low > 0 or high < 0) else INCONCLUSIVE
    if significant and low > 0:
        return SUPPORTED
    if high < 0 or within:
        return CONTRADICTED
    return INCONCLUSIVE
