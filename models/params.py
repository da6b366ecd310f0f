"""Analysis parameters: read from settings into the warehouse's one-row `config.params` table.

SQL models read windows and lags from `config.params`; the statistics read the rest. Nothing is
templated into SQL, so changing a parameter never means editing a model.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

import duckdb

PARAM_DOCS = {
    "windows": "Trailing window lengths in days over which each proxy is measured.",
    "lags": "Days between a window's end and the day before the score date.",
    "min_n": "Below this many observations a test reports 'insufficient data' instead of a number.",
    "alpha": "Significance level after correction.",
    "correction": "Multiple-testing correction over a member's grid: holm (family-wise, default) or bh (false discovery rate).",
    "analytic_min_n_eff": "At or above this effective sample size the p-value is analytic (t test on n_eff - 2 df); below it, a permutation test.",
    "max_permutations": "Upper bound on permutations per test.",
    "seed": "Seed of the permutation tests (results are reproducible).",
}


@dataclass(frozen=True)
class AnalysisParams:
    """The analysis grid and test settings (defaults documented in the README)."""

    windows: tuple[int, ...] = (7, 28, 56, 90)
    lags: tuple[int, ...] = (0, 1, 7)
    min_n: int = 10
    alpha: float = 0.05
    correction: str = "holm"
    analytic_min_n_eff: float = 30.0
    max_permutations: int = 200_000
    seed: int = 20261125

    def __post_init__(self) -> None:
        if self.correction not in ("holm", "bh"):
            raise ValueError(f"correction must be 'holm' or 'bh', not {self.correction!r}")
        if not self.windows or any(w < 1 for w in self.windows):
            raise ValueError(f"windows must be positive day counts, not {self.windows!r}")
        if not self.lags or any(lag < 0 for lag in self.lags):
            raise ValueError(f"lags must be zero or more days, not {self.lags!r}")
        if self.min_n < 4:
            raise ValueError(f"min_n must be at least 4, not {self.min_n}")

    @classmethod
    def from_mapping(cls, values: dict) -> "AnalysisParams":
        """Return params from a settings mapping (unknown keys are an error, lists become tuples)."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ValueError(f"unknown analysis setting(s): {', '.join(unknown)} (known: {', '.join(sorted(known))})")
        return cls(**{k: tuple(v) if isinstance(v, list) else v for k, v in values.items()})


def write_params(con: duckdb.DuckDBPyConnection, params: AnalysisParams) -> None:
    """Create `config.params` (one row) with its column comments."""
    values = asdict(params)
    con.execute(
        "create or replace table config.params as select ?::integer[] as windows, ?::integer[] as lags, "
        "?::integer as min_n, ?::double as alpha, ?::varchar as correction, ?::double as analytic_min_n_eff, "
        "?::integer as max_permutations, ?::bigint as seed",
        [list(values["windows"]), list(values["lags"]), values["min_n"], values["alpha"], values["correction"],
         values["analytic_min_n_eff"], values["max_permutations"], values["seed"]],
    )
    con.execute("comment on table config.params is 'Analysis parameters in force for this build (one row), from settings.'")
    for name, doc in PARAM_DOCS.items():
        con.execute(f"comment on column config.params.{name} is '{doc.replace(chr(39), chr(39) * 2)}'")
