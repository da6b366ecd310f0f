"""Correlate per-pillar activity proxies with SSI scores, honestly (docs/ssi.md §4).

Pure functions on numpy / scipy / polars. `analyse` takes the aligned *long* frame (one row per
aligned observation: ``member, pillar, proxy, window_days, lag_days, measure, score_date, x, y``)
and returns one row per test cell and method. The rules below are the method; the README quotes them.

Tests and observations
    A *test* is one (member, pillar, proxy, window_days, lag_days, measure); its observations are
    its rows sorted by ``score_date`` (``x`` = proxy, ``y`` = pillar score or their changes, as the
    caller aligned them). Each test is reported twice, ``method`` = 'spearman' (the default,
    robust to skewed counts and ceilings) and 'pearson'. ``n`` = number of observations.

Effective sample size (``n_eff``)
    Bretherton et al. (1999): ``n_eff = n·(1 − r1x·r1y)/(1 + r1x·r1y)`` with r1 the lag-1
    autocorrelation of each ordered series (``lag1_autocorr``: the standard sample ACF,
    ``Σ(x_t − x̄)(x_{t+1} − x̄) / Σ(x_t − x̄)²``), clipped to [2, n]. It is computed on the raw
    ordered x and y of the test (for the 'change' measure on the changes) and shared by both
    methods. When r1 is undefined (n < 3, or a constant series) no correction is possible and
    ``n_eff = n`` (for n < 2, ``n_eff = n``; a constant series gets the 'no variation' verdict
    anyway). Overlapping windows (score dates closer than W) and trends make r1 large and n_eff
    small; a negative product (one series alternating) would give n_eff > n and is clipped to n.

Estimates
    Pearson r on the observations; Spearman ρ = Pearson r on average ranks (ties share the
    mean rank), identical to ``scipy.stats.spearmanr`` / ``pearsonr``.

Confidence interval (level 1 − alpha, per cell, not adjusted for multiplicity)
    Fisher z: ``tanh(atanh(r) ± z_{1−alpha/2}·SE)`` with ``SE = 1/sqrt(n_eff − 3)`` for Pearson
    and ``SE = sqrt(1.06/(n_eff − 3))`` for Spearman (Fieller et al. 1957; Bonett & Wright
    2000). When ``n_eff ≤ 3`` the interval is [−1, 1]. With n_eff = n the Pearson interval is
    scipy's ``pearsonr(x, y).confidence_interval()``.

p-value (two-sided; ``p_method``)
    * 'analytic' when ``n_eff ≥ analytic_min_n_eff``: t test with ``df = n_eff − 2``,
      ``t = r·sqrt(df/(1 − r²))`` (computed as ``betainc(df/2, 1/2, 1 − r²)``); with n_eff = n it
      is scipy's ``pearsonr`` p-value. Used for Spearman too.
    * 'permutation' otherwise: a Monte-Carlo permutation test that accounts for dependence.
      y is permuted B times (seeded) and ``|r_perm|`` is compared with the observed statistic
      deflated by the variance inflation that autocorrelation causes,
      ``stat = |r_obs|·sqrt((n_eff − 1)/(n − 1))`` (with n_eff = n a plain permutation test);
      ``p = (1 + #{|r_perm| ≥ stat})/(B + 1)`` (ties within 1e-12 relative count as ≥, as in
      ``scipy.stats.permutation_test``). Spearman permutes ranks. Sequentially (Besag & Clifford 1991,
      "Sequential Monte Carlo p-values", Biometrika 78:301–304): a test whose h-th exceedance (h = 200)
      comes at permutation L < B stops there with ``p = h/L``, a valid p-value with about 7% relative
      Monte-Carlo error; only tests with p below about h/B run all B permutations, and they get the
      formula above. Most tests have large p, so this cuts the permutations drawn by 3–10×.
      B is chosen so that the smallest reachable p, 1/(B + 1), is below the smallest corrected
      threshold alpha/m with a factor-2 margin: ``B = min(max_permutations, ceil(2·m/alpha))``, m = number
      of tests (non-null p, both methods, both measures) in the family. If the cap makes
      ``1/(B + 1) < alpha/m`` impossible a ``PermutationBudgetWarning`` gives the numbers.
      Permutations are shared: a member test of n observations reads the first B rows of one
      stream of permutations of n positions, seeded by ``params.seed`` and n (so results do not
      depend on row order, on which other tests are in the frame or on the member), drawn once per
      process and shared by every test of that length in every member; every test sharing it is
      evaluated with one matrix product per distinct y vector. A pooled test permutes within each
      member's block, from a stream seeded by its members and score dates.
      Measured with ``python -m linkedin_ssi.models.stats 1`` (1 member × 4 pillars × 6 proxies × 4 windows
      × 4 lags × 2 measures × 2 methods = 1,536 tests, n = 25–30, B = 61,440, 1,430 of them
      permutation tests): 0.79 s on this machine (2 shared cores, load 4; 2.61 s before the
      sequential stop and the shared streams, side by side); ``python -m linkedin_ssi.models.stats 3``
      (3 members + pooled rows, 6,144 tests, 4,272 permutation tests): 2.06 s (8.43 s before).

Multiple testing (``q_value``)
    ``adjust_pvalues`` over the member's *family*: all its non-null p of the grid (every pillar,
    proxy, window, lag, both measures, both methods), with ``params.correction`` — 'holm'
    (family-wise error, default) or 'bh' (Benjamini–Hochberg false discovery rate). The pooled
    'all' rows are a family of their own. NaN p stay NaN and do not count in m.

Verdict
    'insufficient data' when ``n < min_n`` (estimate, CI, p, q and p_method NULL);
    'no variation' when x or y is constant (same NULLs); otherwise 'positive association' /
    'negative association' when ``q_value < alpha`` (sign of the estimate), else 'no evidence'.
    An association is not a causal weight (§4.6); levels of trending series are context only.

Pooled rows (member = 'all', emitted for every cell when the frame has ≥ 2 members)
    Within-member analysis per cell: Pearson on x and y demeaned per member; Spearman on ranks
    taken within each member, then demeaned; the permutation test permutes y within each member.
    Only members whose x and y both vary in that cell contribute (the others carry no
    within-member information); ``n`` counts their observations.
    ``n_eff = Σ_members n_eff_member − number of members`` (each member's mean costs one degree
    of freedom) and is plugged into the formulas above unchanged (df = n_eff − 2, SE with
    n_eff − 3: one degree of freedom conservative). The permutation deflation compares n_eff with
    what it would be without autocorrelation, ``sqrt((n_eff − 1)/(n − M − 1))`` for M members,
    so that without autocorrelation it is a plain within-member permutation test.

Output: the columns of ``OUTPUT_SCHEMA`` in that order (``window_days``/``lag_days`` keep the
input dtype), sorted by member (pooled rows last) and the test keys. Invalid input (missing
columns, nulls, non-finite x/y, unknown measure, duplicate (test, score_date), a member called
'all' next to others) raises ValueError.

Known limits: the sample r1 understates the persistence of short trending series (a centred
series of n values has r1 ≤ cos(2π/(n + 1)), 0.84 for n = 10), so n_eff for levels of two trends
can still be too large; this is why changes are the primary measure (§4.2). Only lag-1
dependence is modelled (Bretherton), not the full autocorrelation function.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import threading
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import polars as pl
from linkedin_ssi.models.params import AnalysisParams
from scipy import special

__all__ = [
    "PermutationBudgetWarning",
    "lag1_autocorr",
    "effective_n",
    "adjust_pvalues",
    "analyse",
    "correlation",
    "fisher_ci",
    "analytic_pvalue",
    "permutation_pvalue",
    "OUTPUT_SCHEMA",
]

METHODS = ("spearman", "pearson")
MEASURES = ("level", "change")
CORRECTIONS = ("holm", "bh")
TEST_KEYS = ["member", "pillar", "proxy", "window_days", "lag_days", "measure"]
INPUT_COLUMNS = [*TEST_KEYS, "score_date", "x", "y"]
POOLED = "all"
SPEARMAN_VAR_FACTOR = 1.06  # Fieller et al. (1957): var(atanh ρ_s) ≈ 1.06/(n − 3)
_TIE_RTOL = 1e-12  # |r_perm| ≥ stat·(1 − _TIE_RTOL) counts as "at least as extreme"
_CHUNK = 4096  # permutations generated and evaluated per block
# A member test's blocks start smaller and double up to _CHUNK: most tests have a large p and stop at their h-th
# exceedance within a few hundred permutations (p = 0.5: about 400), so a first block of 4,096 evaluated them up to
# ten times too far. The rows are the stream's whatever the blocks (a pooled test's blocks stay _CHUNK: its draws
# interleave).
_FIRST_CHUNK = 512


def _blocks(n_perm: int):
    """Yield (start, end) of the member-test blocks covering n_perm permutations: _FIRST_CHUNK rows, doubling up to
    _CHUNK."""
    start, size = 0, _FIRST_CHUNK
    while start < n_perm:
        end = min(start + size, n_perm)
        yield start, end
        start, size = end, min(2 * size, _CHUNK)


_STOP_EXCEEDANCES = 200  # h of the sequential permutation p-value (Besag & Clifford 1991): ~7% relative error


class PermutationBudgetWarning(UserWarning):
    """max_permutations is too small for a permutation p-value to survive the correction."""


OUTPUT_SCHEMA: dict[str, pl.DataType] = {
    "member": pl.String(),
    "pillar": pl.String(),
    "proxy": pl.String(),
    "window_days": pl.Int64(),
    "lag_days": pl.Int64(),
    "measure": pl.String(),
    "method": pl.String(),
    "n": pl.Int64(),
    "n_eff": pl.Float64(),
    "estimate": pl.Float64(),
    "ci_low": pl.Float64(),
    "ci_high": pl.Float64(),
    "p_value": pl.Float64(),
    "q_value": pl.Float64(),
    "p_method": pl.String(),
    "verdict": pl.String(),
}


# --------------------------------------------------------------------------------------------
# Small building blocks
# --------------------------------------------------------------------------------------------


def lag1_autocorr(x: np.ndarray) -> float:
    """Sample lag-1 autocorrelation Σ(x_t − x̄)(x_{t+1} − x̄) / Σ(x_t − x̄)² of an ordered series.

    NaN when it is undefined: fewer than 3 values, or a constant series.
    """
    x = np.asarray(x, dtype=float)
    if x.size < 3 or np.ptp(x) == 0:
        return float("nan")
    d = x - x.mean()
    den = float(d @ d)
    if den == 0:
        return float("nan")
    return float(d[:-1] @ d[1:]) / den


def effective_n(x: np.ndarray, y: np.ndarray) -> float:
    """Bretherton et al. (1999) effective sample size n·(1 − r1x·r1y)/(1 + r1x·r1y), clipped to [2, n].

    When either lag-1 autocorrelation is undefined (n < 3 or a constant series) no correction is
    possible and n is returned (for n < 2, n itself: the clip to [2, n] is empty).
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    if x.shape != y.shape or x.ndim != 1:
        raise ValueError(f"x and y must be 1-D of equal length, got {x.shape} and {y.shape}")
    n = x.size
    if n < 2:
        return float(n)
    rx, ry = lag1_autocorr(x), lag1_autocorr(y)
    if math.isnan(rx) or math.isnan(ry):
        return float(n)
    prod = rx * ry
    n_eff = n * (1.0 - prod) / (1.0 + prod) if prod > -1.0 else float(n)
    return float(min(max(n_eff, 2.0), float(n)))


def adjust_pvalues(p: np.ndarray, method: str) -> np.ndarray:
    """Multiplicity-adjusted p-values: 'holm' (step-down, family-wise) or 'bh' (step-up, FDR).

    NaNs stay NaN and are not counted in m. Adjusted values are capped at 1 and monotone in p.
    """
    p = np.asarray(p, dtype=float)
    out = np.full(p.shape, np.nan)
    ok = ~np.isnan(p)
    vals = p[ok]
    m = vals.size
    if m == 0:
        return out
    if np.any((vals < 0) | (vals > 1)):
        raise ValueError("p-values must lie in [0, 1]")
    order = np.argsort(vals, kind="mergesort")
    s = vals[order]
    rank = np.arange(1, m + 1)
    if method == "holm":
        adj = np.maximum.accumulate(np.minimum(1.0, (m - rank + 1) * s))
    elif method == "bh":
        adj = np.minimum.accumulate(np.minimum(1.0, s * m / rank)[::-1])[::-1]
    else:
        raise ValueError(f"method must be one of {CORRECTIONS}, got {method!r}")
    res = np.empty(m)
    res[order] = adj
    out[ok] = res
    return out


def _unit(d: np.ndarray) -> np.ndarray | None:
    """d / ‖d‖ (d already centred), or None when d is all zero."""
    norm = float(np.sqrt(d @ d))
    if norm == 0.0 or not np.isfinite(norm):
        return None
    return d / norm


def average_ranks(v: np.ndarray) -> np.ndarray:
    """Return the 1-based ranks of the finite values `v`, ties sharing their average rank: `scipy.stats.rankdata(v,
    method="average")`, the same floats, without its per-call overhead (a team's analysis ranks millions of short
    series, and that overhead was most of its time)."""
    order = np.argsort(v, kind="mergesort")
    ordered = v[order]
    starts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
    counts = np.diff(np.append(starts, v.size))
    ranks = np.empty(v.size)
    ranks[order] = np.repeat(starts + (counts + 1) / 2.0, counts)
    return ranks


def _transform(v: np.ndarray, method: str) -> np.ndarray:
    v = np.asarray(v, float)
    return average_ranks(v) if method == "spearman" else v


def correlation(x: np.ndarray, y: np.ndarray, method: str = "pearson") -> float:
    """Pearson r, or Spearman ρ (= Pearson r on average ranks). NaN if x or y is constant."""
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, got {method!r}")
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    if x.size < 2 or np.ptp(x) == 0 or np.ptp(y) == 0:
        return float("nan")
    xt, yt = _transform(x, method), _transform(y, method)
    xu, yu = _unit(xt - xt.mean()), _unit(yt - yt.mean())
    if xu is None or yu is None:
        return float("nan")
    return float(np.clip(xu @ yu, -1.0, 1.0))


def fisher_ci(r: float, n_eff: float, method: str = "pearson", alpha: float = 0.05) -> tuple[float, float]:
    """Fisher-z (1 − alpha) interval for r with SE 1/sqrt(n_eff − 3) (× sqrt(1.06) for Spearman).

    [−1, 1] when n_eff ≤ 3. With n_eff = n the Pearson interval equals scipy's.
    """
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, got {method!r}")
    if not n_eff > 3:
        return (-1.0, 1.0)
    var = (SPEARMAN_VAR_FACTOR if method == "spearman" else 1.0) / (n_eff - 3.0)
    h = special.ndtri(0.5 + (1.0 - alpha) / 2.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.arctanh(r)
        lo = float(np.tanh(z - h * math.sqrt(var)))
        hi = float(np.tanh(z + h * math.sqrt(var)))
    return (lo, hi)


def analytic_pvalue(r: float, n_eff: float) -> float:
    """Two-sided t-test p for a correlation, df = n_eff − 2, t = r·sqrt(df/(1 − r²)).

    Computed as the regularised incomplete beta I_{1−r²}(df/2, 1/2) (exact identity).
    """
    df = n_eff - 2.0
    if not df > 0 or not np.isfinite(r):
        return float("nan")
    return float(special.betainc(df / 2.0, 0.5, max(0.0, 1.0 - r * r)))


def spearman_test(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Return (ρ, two-sided p) of `scipy.stats.spearmanr(x, y)` for two non-constant series, the same floats: ρ is
    the correlation matrix entry of the average ranks and p the t test with n − 2 degrees of freedom (scipy.stats
    is not imported: it costs a publish about a second of start-up)."""
    ranked = np.vstack([average_ranks(np.asarray(x, float)), average_ranks(np.asarray(y, float))])
    rs = np.corrcoef(ranked)[1, 0]
    dof = ranked.shape[1] - 2
    with np.errstate(divide="ignore"):
        t = rs * np.sqrt(max(dof / ((rs + 1.0) * (1.0 - rs)), 0.0))
    return float(rs), float(2 * special.stdtr(dof, -abs(t)))


def _deflation(n_eff: float, n_white: float) -> float:
    """sqrt((n_eff − 1)/(n_white − 1)): observed |r| rescaled to the permutation null's variance."""
    if n_white <= 1:
        return 1.0
    return math.sqrt(max(n_eff - 1.0, 0.0) / (n_white - 1.0))


def _stable_seed(seed: int, key: object) -> np.random.SeedSequence:
    digest = hashlib.blake2b(repr(key).encode("utf-8"), digest_size=16).digest()
    words = [int.from_bytes(digest[i : i + 4], "little") for i in range(0, 16, 4)]
    return np.random.SeedSequence([int(seed) & 0xFFFFFFFF, *words])


# A member test's permutations depend on its length only: one stream per (seed, n), cached per process, so the
# tests of one length share them in every member (the analysis of a team draws them once per length, not once per
# member and score-date set: drawing was most of a team build's time). Each test is still a Monte-Carlo permutation
# test of its own data; tests sharing draws have correlated Monte-Carlo errors, as the tests of one score-date set
# always had. Pooled tests permute within every member's block, so they keep their own stream per key.
_PERMUTATIONS: dict[tuple[int, int], tuple[np.random.Generator, np.ndarray]] = {}
_PERMUTATIONS_MAX_BYTES = 128 * 2**20  # the cache's bound: lengths beyond it are drawn again on each use
_PERMUTATIONS_LOCK = threading.Lock()


# The streams are also kept on disk (`use_permutation_folder`: a home's warehouse/permutations/): a new process (every
# publish) drew its members' streams again otherwise, about 0.7 s of a one-member publish. A file holds the rows drawn
# and the generator's state after them, so a longer read extends it exactly as one long draw would.
_PERMUTATIONS_DIR: Path | None = None
_PERMUTATIONS_ON_DISK: dict[tuple[int, int], int] = {}  # (seed, size) -> rows its file holds (read or written)
# The folder's bound, the cache's (a file beyond it is never read back); a 100-member team's full build wrote 97 MB.
_PERMUTATIONS_DISK_MAX_BYTES = _PERMUTATIONS_MAX_BYTES
_STREAM_FORMAT = 1  # in the file names: bumped if the drawing changes


def use_permutation_folder(folder: Path | None) -> None:
    """Read and write this process's member-test permutation streams in `folder` (None: in memory only)."""
    global _PERMUTATIONS_DIR
    with _PERMUTATIONS_LOCK:
        _PERMUTATIONS_DIR = folder
        _PERMUTATIONS_ON_DISK.clear()


def _stream_file(folder: Path, key: tuple[int, int]) -> Path:
    return folder / f"stream-v{_STREAM_FORMAT}-{key[0]}-{key[1]}.npz"


def _read_stream(key: tuple[int, int]) -> tuple[np.random.Generator, np.ndarray] | None:
    """Return (the generator after the rows, the rows) of `key`'s stream from the folder, or None when it has no
    usable file (none, unreadable, not of this length, or too large for the cache). Called under _PERMUTATIONS_LOCK."""
    if _PERMUTATIONS_DIR is None:
        return None
    try:
        path = _stream_file(_PERMUTATIONS_DIR, key)
        # A file holds as many rows as any process drew: the cache's bound holds for what is read back too.
        if sum(p.nbytes for _, p in _PERMUTATIONS.values()) + path.stat().st_size > _PERMUTATIONS_MAX_BYTES:
            return None
        with np.load(path) as stored:
            perms, state = stored["perms"], json.loads(str(stored["state"]))
        if perms.ndim != 2 or perms.shape[1] != key[1] or perms.dtype != _index_dtype(key[1]):
            return None
        rng = np.random.Generator(np.random.PCG64())
        rng.bit_generator.state = state
    except Exception:  # a missing, truncated or foreign file: the stream is drawn again (the same rows)
        return None
    _PERMUTATIONS_ON_DISK[key] = perms.shape[0]
    return rng, perms


def save_permutations() -> int:
    """Write the streams this process drew further than their files hold to the folder (`use_permutation_folder`),
    each atomically, while the folder stays within _PERMUTATIONS_DISK_MAX_BYTES; return how many were written."""
    with _PERMUTATIONS_LOCK:
        folder = _PERMUTATIONS_DIR
        grown = [
            (key, perms, json.dumps(rng.bit_generator.state))
            for key, (rng, perms) in _PERMUTATIONS.items()
            if perms.shape[0] > _PERMUTATIONS_ON_DISK.get(key, 0)
        ]
    if folder is None or not grown:
        return 0
    folder.mkdir(parents=True, exist_ok=True)
    used = sum(f.stat().st_size for f in folder.glob("stream-*.npz"))
    written = 0
    for key, perms, state in grown:
        path = _stream_file(folder, key)
        old = path.stat().st_size if path.exists() else 0
        if used - old + perms.nbytes > _PERMUTATIONS_DISK_MAX_BYTES:
            continue
        # Written beside and renamed: a reader (another process of the team's build) sees a whole file or none.
        partial = path.with_name(f".{path.stem}-{os.getpid()}-{threading.get_ident()}.npz")
        try:
            np.savez(partial, perms=perms, state=np.array(state))
            os.replace(partial, path)
        except OSError:  # a full or read-only disk: the streams are drawn again next time
            partial.unlink(missing_ok=True)
            continue
        used += path.stat().st_size - old
        with _PERMUTATIONS_LOCK:
            _PERMUTATIONS_ON_DISK[key] = perms.shape[0]
        written += 1
    return written


def _index_dtype(size: int) -> type:
    """Return the smallest unsigned integer type indexing `size` positions (the cache holds millions of indices)."""
    return np.uint8 if size <= 256 else np.uint16 if size <= 65536 else np.intp


def _draw_permutations(rng: np.random.Generator, rows: int, size: int) -> np.ndarray:
    """Return `rows` uniformly random permutations of range(size) (argsort of uniform draws: 2-3× faster than
    shuffling, and drawing k rows then m more gives the same rows as drawing k + m at once)."""
    return np.argsort(rng.random((rows, size)), axis=1).astype(_index_dtype(size))


def _length_chunks(size: int, n_perm: int, seed: int):
    """Yield the first n_perm permutations of the (seed, size) stream (see _PERMUTATIONS) in blocks (`_blocks`),
    drawn only as far as the caller reads: kept in the process's cache while it holds them within
    _PERMUTATIONS_MAX_BYTES, else drawn afresh from the stream's start (the same rows)."""
    key = (int(seed), int(size))

    def fresh() -> tuple[np.random.Generator, np.ndarray]:
        rng = np.random.default_rng(_stable_seed(seed, ("length", size)))
        return rng, np.empty((0, size), _index_dtype(size))

    with _PERMUTATIONS_LOCK:
        others = sum(p.nbytes for k, (_, p) in _PERMUTATIONS.items() if k != key)
    if others + n_perm * size * np.dtype(_index_dtype(size)).itemsize > _PERMUTATIONS_MAX_BYTES:
        rng = fresh()[0]
        for start, end in _blocks(n_perm):
            yield _draw_permutations(rng, end - start, size)
        return
    for start, end in _blocks(n_perm):
        # Threads of one process (a Dask worker's) share the cache: a stream is extended by one at a time, so its
        # rows are the same whichever thread draws them.
        with _PERMUTATIONS_LOCK:
            rng, perms = _PERMUTATIONS[key] if key in _PERMUTATIONS else (_read_stream(key) or fresh())
            if perms.shape[0] < end:
                perms = np.concatenate([perms, _draw_permutations(rng, end - perms.shape[0], size)])
            _PERMUTATIONS[key] = (rng, perms)
        yield perms[start:end]


def _permutation_chunks(sizes: tuple[int, ...], n_perm: int, seed: int, key: object):
    """Yield (b × N) index blocks permuting positions within each consecutive block of `sizes`: a single block from
    its length's shared stream, several (a pooled test) from a stream of their own seeded by `key`."""
    if len(sizes) == 1:
        yield from _length_chunks(sizes[0], n_perm, seed)
        return
    rng = np.random.default_rng(_stable_seed(seed, key))
    offsets = np.concatenate([[0], np.cumsum(sizes)])
    done = 0
    while done < n_perm:
        b = min(_CHUNK, n_perm - done)
        idx = np.empty((b, int(offsets[-1])), dtype=np.intp)
        for o, s in zip(offsets[:-1], sizes):
            idx[:, o : o + s] = np.argsort(rng.random((b, s)), axis=1) + o
        yield idx
        done += b


def _permutation_pvalues(
    sizes: tuple[int, ...],
    n_perm: int,
    seed: int,
    key: object,
    jobs: list[tuple[np.ndarray, np.ndarray, np.ndarray]],
) -> list[np.ndarray]:
    """Return, for each job (y_unit, X_unit k×N, stat k), the k sequential permutation p-values of
    |y_unit[perm] · X_unit_j| ≥ stat_j (Besag & Clifford 1991, see the module docstring): h/L for a test whose h-th
    exceedance came at permutation L, else (1 + exceedances)/(n_perm + 1)."""
    h = _STOP_EXCEEDANCES
    counts = [np.zeros(len(stat), dtype=np.int64) for _, _, stat in jobs]
    pvalues = [np.full(len(stat), np.nan) for _, _, stat in jobs]
    thresholds = [stat * (1.0 - _TIE_RTOL) for _, _, stat in jobs]
    running = [np.arange(len(stat)) for _, _, stat in jobs]
    done = 0
    for idx in _permutation_chunks(sizes, n_perm, seed, key):
        for c, p, (yu, xmat, _), thr, run in zip(counts, pvalues, jobs, thresholds, running):
            if run.size == 0:
                continue
            seen = c[run] + np.cumsum(np.abs(yu[idx] @ xmat[run].T) >= thr[run], axis=0)
            stops = seen[-1] >= h
            if stops.any():
                # the permutation (1-based) at which the h-th exceedance came
                at = done + np.argmax(seen[:, stops] >= h, axis=0) + 1
                p[run[stops]] = h / at
            c[run] = seen[-1]
        done += idx.shape[0]
        running = [run[np.isnan(p[run])] for p, run in zip(pvalues, running)]
        if not any(run.size for run in running):
            break  # every test has stopped: the rest of the stream is never drawn
    for c, p in zip(counts, pvalues):
        p[np.isnan(p)] = (1.0 + c[np.isnan(p)]) / (n_perm + 1.0)
    return pvalues


def permutation_pvalue(
    x: np.ndarray,
    y: np.ndarray,
    method: str = "pearson",
    n_eff: float | None = None,
    n_permutations: int = 100_000,
    seed: int = 20261125,
) -> float:
    """Monte-Carlo permutation p for one series pair, exactly as `analyse` computes it.

    stat = |r|·sqrt((n_eff − 1)/(n − 1)) (n_eff defaults to n: a plain permutation test);
    p = (1 + #{|r_perm| ≥ stat})/(B + 1).
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    r = correlation(x, y, method)
    if not np.isfinite(r):
        return float("nan")
    n = x.size
    n_eff = float(n) if n_eff is None else float(n_eff)
    xt, yt = _transform(x, method), _transform(y, method)
    xu, yu = _unit(xt - xt.mean()), _unit(yt - yt.mean())
    # correlation() is NaN when either centred series is all zero, and r is finite here.
    assert xu is not None and yu is not None, "a finite correlation has no constant series"
    stat = np.array([abs(r) * _deflation(n_eff, n)])
    (p,) = _permutation_pvalues((n,), n_permutations, seed, ("single",), [(yu, xu[None, :], stat)])
    return float(p[0])


# --------------------------------------------------------------------------------------------
# analyse
# --------------------------------------------------------------------------------------------


@dataclass
class _Test:
    member: str  # family
    cell: tuple  # (pillar, proxy, window_days, lag_days, measure)
    n: int
    n_eff: float
    n_white: float = 0.0  # n_eff if there were no autocorrelation (n, or n − M when pooled)
    status: str = "ok"  # 'ok' | 'insufficient data' | 'no variation'
    perm_key: tuple = ()  # identifies the permutation stream: a member test's length, a pooled test's blocks
    sizes: tuple[int, ...] = ()
    xu: dict = field(default_factory=dict)  # method -> centred unit x
    yu: dict = field(default_factory=dict)
    r: dict = field(default_factory=dict)
    centred: dict = field(default_factory=dict)  # method -> (centred transformed x, y) of a member test


def _validate(long: pl.DataFrame) -> None:
    missing = [c for c in INPUT_COLUMNS if c not in long.columns]
    if missing:
        raise ValueError(f"long frame lacks columns {missing}")
    nulls = long.select(pl.col(INPUT_COLUMNS).null_count()).row(0)
    bad = [c for c, k in zip(INPUT_COLUMNS, nulls) if k]
    if bad:
        raise ValueError(f"long frame has nulls in {bad}")
    measures = set(long.get_column("measure").unique().to_list())
    if not measures <= set(MEASURES):
        raise ValueError(f"measure must be in {MEASURES}, got {sorted(measures - set(MEASURES))}")
    xy = long.select(pl.col("x").cast(pl.Float64), pl.col("y").cast(pl.Float64)).to_numpy()
    if not np.isfinite(xy).all():
        raise ValueError("x and y must be finite")
    if long.select(pl.struct([*TEST_KEYS, "score_date"]).is_duplicated().any()).item():
        raise ValueError("long frame has duplicate (test, score_date) rows")


def _member_test(member, cell, x, y, params) -> _Test:
    n = x.size
    t = _Test(member=member, cell=cell, n=n, n_eff=effective_n(x, y), n_white=float(n))
    t.perm_key = ("length", n)  # a member test's permutations depend on its length only (_PERMUTATIONS)
    t.sizes = (n,)
    if n < params.min_n:
        t.status = "insufficient data"
    elif np.ptp(x) == 0 or np.ptp(y) == 0:
        t.status = "no variation"
    else:
        _correlate(t, [(x, y)])
    return t


def _correlate(t: _Test, groups: list[tuple[np.ndarray, np.ndarray]]) -> None:
    """Fill t's unit vectors and r per method from (x, y) groups, each centred on its own mean (one group for
    a member; one per member for the pooled within-member test); mark 'no variation' when a side is constant."""
    for method in METHODS:
        xs, ys = [], []
        for x, y in groups:
            xt, yt = _transform(x, method), _transform(y, method)
            xs.append(xt - xt.mean())
            ys.append(yt - yt.mean())
        if len(groups) == 1:  # a member test: its sums (`_sums`) reuse the centred values
            t.centred[method] = (xs[0], ys[0])
        xu, yu = _unit(np.concatenate(xs)), _unit(np.concatenate(ys))
        if xu is None or yu is None:
            t.status = "no variation"
            return
        t.xu[method], t.yu[method] = xu, yu
        t.r[method] = float(np.clip(xu @ yu, -1.0, 1.0))


def _pooled_test(cell, parts, params) -> _Test:
    """parts: [(member, dates, x, y, member n_eff)] for one cell, member-sorted."""
    n_all = sum(p[2].size for p in parts)
    use = [p for p in parts if p[2].size >= 2 and np.ptp(p[2]) > 0 and np.ptp(p[3]) > 0]
    n = sum(p[2].size for p in use)
    m = len(use)
    n_eff = float(sum(p[4] for p in use) - m)
    t = _Test(member=POOLED, cell=cell, n=n if use else n_all, n_eff=n_eff if use else float("nan"))
    t.n_white = float(n - m)
    t.sizes = tuple(p[2].size for p in use)
    t.perm_key = (POOLED, tuple((p[0], p[1].tobytes()) for p in use))
    if n_all < params.min_n:
        t.status = "insufficient data"
        return t
    if not use:
        t.status = "no variation"
        return t
    if n < params.min_n:
        t.status = "insufficient data"
        return t
    _correlate(t, [(x, y) for _, _, x, y, _ in use])
    return t


def _empty_output(long: pl.DataFrame | None = None) -> pl.DataFrame:
    schema = dict(OUTPUT_SCHEMA)
    if long is not None:
        for c in ("window_days", "lag_days"):
            if c in long.columns:
                schema[c] = long.schema[c]
    return pl.DataFrame(schema=schema)


def _prepared(long: pl.DataFrame) -> tuple[list[tuple], np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Return (each test's key, its rows' bounds, days, x, y) of a validated long frame, sorted by test and day."""
    df = long.select(
        pl.col(TEST_KEYS[:-1]),
        pl.col("measure"),
        pl.col("score_date").cast(pl.Date).to_physical().cast(pl.Int64).alias("_day"),
        pl.col("x").cast(pl.Float64),
        pl.col("y").cast(pl.Float64),
    ).sort([*TEST_KEYS, "_day"])
    new_group = pl.any_horizontal([pl.col(k) != pl.col(k).shift(1) for k in TEST_KEYS]).fill_null(True)
    starts = np.flatnonzero(df.select(new_group).to_series().to_numpy())
    bounds = np.append(starts, df.height)
    keys = df.select(TEST_KEYS).gather(starts).rows()
    return keys, bounds, df.get_column("_day").to_numpy(), df.get_column("x").to_numpy(), df.get_column("y").to_numpy()


def _sums(t: _Test, x: np.ndarray, y: np.ndarray) -> dict:
    """Return what the pooled test needs of one member test: its size, n_eff, whether it takes part (two or more
    observations, neither side constant) and, per method, the sums of the centred transformed x·y, x², y²."""
    use = x.size >= 2 and bool(np.ptp(x) > 0) and bool(np.ptp(y) > 0)
    row = {"member": t.member, **dict(zip(TEST_KEYS[1:], t.cell)), "n": t.n, "n_eff": t.n_eff, "use": use}
    for method in METHODS:
        if method in t.centred:
            xc, yc = t.centred[method]
        else:
            xt, yt = _transform(x, method), _transform(y, method)
            xc, yc = xt - xt.mean(), yt - yt.mean()
        row |= {f"sxy_{method}": float(xc @ yc), f"sxx_{method}": float(xc @ xc), f"syy_{method}": float(yc @ yc)}
    return row


SUMS_SCHEMA = {
    "member": pl.String,
    "pillar": pl.String,
    "proxy": pl.String,
    "window_days": pl.Int64,
    "lag_days": pl.Int64,
    "measure": pl.String,
    "n": pl.Int64,
    "n_eff": pl.Float64,
    "use": pl.Boolean,
    **{f"{s}_{m}": pl.Float64 for m in METHODS for s in ("sxy", "sxx", "syy")},
}


def analyse_members(long: pl.DataFrame, params: AnalysisParams) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Return (one row per member test and method, as `analyse` gives them, without the pooled rows; the sums each
    member test contributes to the pooled rows, SUMS_SCHEMA). A member's rows depend on that member's observations
    only (its own family, its own permutations), so members can be analysed apart and their rows combined."""
    _validate(long)
    if long.height == 0:
        return _empty_output(long), pl.DataFrame(schema=SUMS_SCHEMA)
    keys, bounds, days, xs, ys = _prepared(long)
    tests, sums = [], []
    for i, key in enumerate(keys):
        a, b = bounds[i], bounds[i + 1]
        t = _member_test(key[0], tuple(key[1:]), xs[a:b], ys[a:b], params)
        tests.append(t)
        sums.append(_sums(t, xs[a:b], ys[a:b]))
    return _finish(tests, params, long), pl.DataFrame(sums, schema=SUMS_SCHEMA)


SUM_COLUMNS = [f"{s}_{m}" for m in METHODS for s in ("sxy", "sxx", "syy")]


def _cell_sums(sums: pl.DataFrame) -> pl.DataFrame:
    """Return one row per cell of the members' `sums` added up (over the members whose test takes part, `use`):
    n_all, n, m (members used), n_eff_sum, sizes (each used member's n) and the sums of SUM_COLUMNS. One grouped
    pass: a team's sums hold a row per member and cell (over a million for 1,000 members)."""
    used = pl.col("use")
    # Each cell's rows added up in member order (the same floats whatever order the rows come in), the cells in the
    # order they first appear among the members' rows sorted by member and cell. Sorted by member alone, then the
    # cells by their first member: a sort of the million rows by all six keys took twice as long.
    return (
        sums.sort("member")
        .group_by(TEST_KEYS[1:], maintain_order=True)
        .agg(
            pl.col("member").first().alias("_first"),
            pl.col("n").sum().alias("n_all"),
            pl.col("n").filter(used).sum().alias("n"),
            used.sum().alias("m"),
            pl.col("n_eff").filter(used).sum().alias("n_eff_sum"),
            pl.col("n").filter(used).alias("sizes"),
            *(pl.col(c).filter(used).sum() for c in SUM_COLUMNS),
        )
        .sort(["_first", *TEST_KEYS[1:]])
        .drop("_first")
    )


def _pooled_from_sums(row: dict, params: AnalysisParams) -> _Test:
    """Return the pooled within-member test of one cell from its members' added-up sums (`_cell_sums`; `_pooled_test`
    without the series: the same n, n_eff and status, and r = Σxy/√(Σx²·Σy²) of the member-centred values, which is
    what the unit vectors of the concatenated series give)."""
    m, n_all, n = row["m"], row["n_all"], row["n"]
    t = _Test(
        member=POOLED,
        cell=tuple(row[k] for k in TEST_KEYS[1:]),
        n=n if m else n_all,
        n_eff=float(row["n_eff_sum"] - m) if m else float("nan"),
    )
    t.n_white = float(n - m)
    t.sizes = tuple(row["sizes"])
    if n_all < params.min_n or (m and n < params.min_n):
        t.status = "insufficient data"
    elif not m:
        t.status = "no variation"
    else:
        for method in METHODS:
            sxx, syy = row[f"sxx_{method}"], row[f"syy_{method}"]
            if not (sxx > 0 and syy > 0 and math.isfinite(sxx * syy)):
                t.status = "no variation"
                break
            t.r[method] = float(np.clip(row[f"sxy_{method}"] / math.sqrt(sxx * syy), -1.0, 1.0))
    return t


def analyse_pooled(sums: pl.DataFrame, params: AnalysisParams, observations) -> pl.DataFrame:
    """Return the pooled 'all' rows (one per cell and method, their own family) from every member's sums
    (`analyse_members`), or no row with fewer than 2 members. `observations(cells)` returns the long frame of the given
    cells ((pillar, proxy, window_days, lag_days, measure) tuples): read only for a cell whose pooled n_eff is too
    small for the analytic p-value, since a permutation test needs the series themselves."""
    members = set(sums.get_column("member").unique().to_list())
    if len(members) < 2:
        return _empty_output()
    if POOLED in members:
        raise ValueError(f"member name {POOLED!r} is reserved for the pooled rows")
    tests = {t.cell: t for t in (_pooled_from_sums(row, params) for row in _cell_sums(sums).iter_rows(named=True))}
    permuted = [c for c, t in tests.items() if t.status == "ok" and t.n_eff < params.analytic_min_n_eff]
    if permuted:
        long = observations(permuted)
        keys, bounds, days, xs, ys = _prepared(long)
        parts: dict[tuple, list] = {}
        for i, key in enumerate(keys):
            a, b = bounds[i], bounds[i + 1]
            t = _member_test(key[0], tuple(key[1:]), xs[a:b], ys[a:b], params)
            parts.setdefault(tuple(key[1:]), []).append((key[0], days[a:b], xs[a:b], ys[a:b], t.n_eff))
        for cell in permuted:
            tests[cell] = _pooled_test(cell, parts[cell], params)
    return _finish(list(tests.values()), params)


def analyse(long: pl.DataFrame, params: AnalysisParams) -> pl.DataFrame:
    """One row per (member, pillar, proxy, window_days, lag_days, measure, method), plus pooled
    member='all' rows when there are ≥ 2 members. See the module docstring for every rule."""
    rows, sums = analyse_members(long, params)
    if long.height == 0:
        return rows
    cells = pl.struct(TEST_KEYS[1:])
    pooled = analyse_pooled(
        sums, params, lambda wanted: long.filter(cells.is_in([dict(zip(TEST_KEYS[1:], c)) for c in wanted]))
    )
    out = pl.concat([rows, pooled.cast(rows.schema)]) if pooled.height else rows
    return out.sort(
        [pl.col("member") == POOLED, "member", "pillar", "proxy", "window_days", "lag_days", "measure", "method"]
    )


def _finish(tests: list[_Test], params: AnalysisParams, long: pl.DataFrame | None = None) -> pl.DataFrame:
    """Return the rows of `tests`: estimates, intervals, p-values (analytic or permutation) and q-values per family."""
    # rows: (test, method) with p/CI filled below
    n_rows = 2 * len(tests)
    est = np.full(n_rows, np.nan)
    lo = np.full(n_rows, np.nan)
    hi = np.full(n_rows, np.nan)
    pv = np.full(n_rows, np.nan)
    pmeth: list[str | None] = [None] * n_rows
    family_rows: dict[str, list[int]] = {}
    perm_rows: dict[str, list[int]] = {}
    for ti, t in enumerate(tests):
        for mi, method in enumerate(METHODS):
            row = 2 * ti + mi
            if t.status != "ok":
                continue
            r = t.r[method]
            est[row] = r
            lo[row], hi[row] = fisher_ci(r, t.n_eff, method, params.alpha)
            family_rows.setdefault(t.member, []).append(row)
            if t.n_eff >= params.analytic_min_n_eff:
                pv[row] = analytic_pvalue(r, t.n_eff)
                pmeth[row] = "analytic"
            else:
                perm_rows.setdefault(t.member, []).append(row)
                pmeth[row] = "permutation"

    # permutation tests, per family (B depends on the family size m)
    for fam, rows in perm_rows.items():
        m = len(family_rows[fam])
        n_perm = int(min(params.max_permutations, math.ceil(2 * m / params.alpha)))
        if m >= params.alpha * (n_perm + 1):
            warnings.warn(
                f"member {fam!r}: {m} tests at alpha={params.alpha} ({params.correction}) need "
                f"1/(B+1) < alpha/m = {params.alpha / m:.3g}, i.e. B ≥ {math.ceil(m / params.alpha)} "
                f"permutations (ceil(2m/alpha) = {math.ceil(2 * m / params.alpha)} planned), but "
                f"max_permutations={params.max_permutations} caps B at {n_perm}: the smallest "
                f"permutation p-value {1 / (n_perm + 1):.3g} cannot pass the correction",
                PermutationBudgetWarning,
                stacklevel=2,
            )
        # group rows by permutation matrix, then by identical y vector
        groups: dict[tuple, dict[tuple, list[int]]] = {}
        for row in rows:
            t, method = tests[row // 2], METHODS[row % 2]
            yu = t.yu[method]
            groups.setdefault(t.perm_key, {}).setdefault((yu.size, yu.tobytes()), []).append(row)
        for pkey, ygroups in groups.items():
            sizes = tests[next(iter(ygroups.values()))[0] // 2].sizes
            jobs, job_rows = [], []
            for yrows in ygroups.values():
                t0, method0 = tests[yrows[0] // 2], METHODS[yrows[0] % 2]
                xmat = np.stack([tests[r // 2].xu[METHODS[r % 2]] for r in yrows])
                stat = np.array([abs(est[r]) * _deflation(tests[r // 2].n_eff, tests[r // 2].n_white) for r in yrows])
                jobs.append((t0.yu[method0], xmat, stat))
                job_rows.append(yrows)
            for yrows, p in zip(job_rows, _permutation_pvalues(sizes, n_perm, params.seed, pkey, jobs)):
                pv[yrows] = p

    qv = np.full(n_rows, np.nan)
    for rows in family_rows.values():
        qv[rows] = adjust_pvalues(pv[rows], params.correction)

    out: dict[str, list] = {c: [] for c in OUTPUT_SCHEMA}
    for ti, t in enumerate(tests):
        pillar, proxy, window, lag, measure = t.cell
        for mi, method in enumerate(METHODS):
            row = 2 * ti + mi
            if t.status != "ok":
                verdict = t.status
            elif qv[row] < params.alpha:
                verdict = "positive association" if est[row] > 0 else "negative association"
            else:
                verdict = "no evidence"
            vals = {
                "member": t.member, "pillar": pillar, "proxy": proxy, "window_days": window,
                "lag_days": lag, "measure": measure, "method": method, "n": t.n,
                "n_eff": t.n_eff, "estimate": est[row], "ci_low": lo[row], "ci_high": hi[row],
                "p_value": pv[row], "q_value": qv[row], "p_method": pmeth[row], "verdict": verdict,
            }  # fmt: skip
            for column, v in vals.items():
                out[column].append(None if isinstance(v, float) and math.isnan(v) else v)

    schema = _empty_output(long).schema
    return pl.DataFrame(out, schema=schema).sort(
        [pl.col("member") == POOLED, "member", "pillar", "proxy", "window_days", "lag_days", "measure", "method"]
    )


# --------------------------------------------------------------------------------------------
# Benchmark: python -m linkedin_ssi.models.stats [members]
# --------------------------------------------------------------------------------------------


def _benchmark_frame(members: int = 1, seed: int = 1) -> pl.DataFrame:
    """A realistic grid: weekly scores for 30 weeks, 4 pillars × 6 proxies × 4 windows × 4 lags × 2 measures."""
    import datetime as dt

    rng = np.random.default_rng(seed)
    rows = []
    start = dt.date(2026, 1, 5)
    for mi in range(members):
        member = f"member-{mi}"
        for pillar in ("brand", "people", "insights", "relationships"):
            y = 12 + np.cumsum(rng.normal(0, 0.4, 30))
            for proxy in range(6):
                for window in (7, 28, 56, 90):
                    for lag in (0, 1, 3, 7):
                        # longer windows are covered for fewer score dates
                        first = {7: 0, 28: 1, 56: 2, 90: 4}[window]
                        x = rng.poisson(window / 7 * 3, 30).astype(float)
                        for measure in MEASURES:
                            xv, yv = (x, y) if measure == "level" else (np.diff(x), np.diff(y))
                            off = 0 if measure == "level" else 1
                            for i in range(first, xv.size):
                                rows.append((member, pillar, f"proxy{proxy}", window, lag, measure,
                                             start + dt.timedelta(days=7 * (i + off)), xv[i], yv[i]))  # fmt: skip
    return pl.DataFrame(rows, schema=INPUT_COLUMNS, orient="row")


if __name__ == "__main__":  # pragma: no cover
    import sys
    import time

    k = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    frame = _benchmark_frame(k)
    t0 = time.perf_counter()
    res = analyse(frame, AnalysisParams())
    dt_s = time.perf_counter() - t0
    print(res.group_by("member", "p_method").len().sort("member", "p_method"))
    # !r: the counts are ints, whose repr is their str; polars types Series.min() as any literal, bytes included.
    print(f"{res.height} tests ({k} member(s){' + pooled' if k > 1 else ''}), "
          f"n = {frame.group_by(TEST_KEYS).len()['len'].min()!r}–{frame.group_by(TEST_KEYS).len()['len'].max()!r}: "
          f"{dt_s:.2f} s")  # fmt: skip
