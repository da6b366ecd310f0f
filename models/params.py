"""Analysis parameters: the one type of them, built from the settings and written into `config.params`.

`AnalysisParams` holds the defaults and the rules across values; `infra.settings` only reads what the settings
file and the environment set ([analysis]). SQL models read windows and lags from `config.params`; the statistics
(`models.stats.analyse`) and the claims read the rest from the same object. Nothing is templated into SQL, so
changing a parameter never means editing a model.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import date
from typing import Any

import duckdb

from linkedin_ssi.infra.settings import Settings, SettingsError

PARAM_DOCS = {
    "windows": "Trailing window lengths in days over which each proxy is measured.",
    "lags": "Days between a window's end and the day before the score date.",
    "min_n": "Below this many observations a test reports 'insufficient data' instead of a number.",
    "alpha": "Significance level after correction.",
    "correction": (
        "Multiple-testing correction over a member's grid: holm (family-wise, default) or bh (false discovery rate)."
    ),
    "analytic_min_n_eff": (
        "At or above this effective sample size the p-value is analytic (t test on n_eff - 2 df); "
        "below it, a permutation test."
    ),
    "max_permutations": "Upper bound on permutations per test.",
    "seed": "Seed of the permutation tests (results are reproducible).",
    "gap_min_days": "Claim 1: a sharing gap is at least this many days without a post, repost or article.",
    "equivalence_margin": (
        "Claims 1 and 2: a pillar change within plus or minus this many points counts as no marked change."
    ),
    "equivalence_margin_total": "Claim 1: the same margin for the total score (0-100).",
    "equivalence_r": (
        "Claims 2, 4 and 5: a correlation whose confidence interval lies within plus or minus this value "
        "counts as no meaningful association."
    ),
    "claim_window_days": (
        "Claims 2 and 4: trailing window (days before the score) over which posting frequency and quality are measured."
    ),
    "outcome_days": "Claim 5: days after each recorded score over which the outcomes are counted.",
    "persistence_days": (
        "Claim 2 (article_persistence): the brand pillar this many days (to this many plus 28) after an article "
        "is compared with the 28 days up to it."
    ),
    "min_comparisons": "Claim 1: fewest active periods of the same length as a gap needed to compare with it.",
    "min_per_group": "Claim 3: fewest requests with a note and without one (each) for a verdict.",
    "min_articles": "Claim 2 (article_persistence): fewest articles with scores before and after for a verdict.",
    "team_min_members": "Claim 5: fewest members with a score for the between-members rank correlation.",
    "regime_breaks": "Days LinkedIn changed the SSI formula: no window, change or comparison straddles one.",
}

# LinkedIn's documented SSI formula changes (docs/ssi.md §1.6): the 2015 formula update (LinkedIn Sales Blog,
# 26 Jan 2015) and the drop of about 7% for many users on 10 Feb 2017 (Sales for Life).
DEFAULT_REGIME_BREAKS = ("2015-01-26", "2017-02-10")


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
    gap_min_days: int = 21
    equivalence_margin: float = 2.0
    equivalence_margin_total: float = 4.0
    equivalence_r: float = 0.3
    claim_window_days: int = 28
    outcome_days: int = 28
    persistence_days: int = 56
    min_comparisons: int = 3
    min_per_group: int = 10
    min_articles: int = 3
    team_min_members: int = 8
    regime_breaks: tuple[str, ...] = DEFAULT_REGIME_BREAKS

    def __post_init__(self) -> None:
        if self.correction not in ("holm", "bh"):
            raise ValueError(f"correction must be 'holm' or 'bh', not {self.correction!r}")
        if not 0 < self.alpha < 1:
            raise ValueError(f"alpha must be between 0 and 1, not {self.alpha}")
        if self.max_permutations < 1:
            raise ValueError(f"max_permutations must be at least 1, not {self.max_permutations}")
        if not self.windows or any(w < 1 for w in self.windows):
            raise ValueError(f"windows must be positive day counts, not {self.windows!r}")
        if not self.lags or any(lag < 0 for lag in self.lags):
            raise ValueError(f"lags must be zero or more days, not {self.lags!r}")
        if self.min_n < 4:
            raise ValueError(f"min_n must be at least 4, not {self.min_n}")
        for name in (
            "gap_min_days",
            "claim_window_days",
            "outcome_days",
            "persistence_days",
            "min_comparisons",
            "min_per_group",
            "min_articles",
        ):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1, not {getattr(self, name)}")
        if self.team_min_members < 4:
            raise ValueError(f"team_min_members must be at least 4, not {self.team_min_members}")
        if self.equivalence_margin <= 0 or self.equivalence_margin_total <= 0 or not 0 < self.equivalence_r < 1:
            raise ValueError("equivalence margins must be positive and equivalence_r between 0 and 1")
        for day in self.regime_breaks:
            try:
                date.fromisoformat(str(day))
            except ValueError:
                raise ValueError(f"regime_breaks must be dates like 2017-02-10, not {day!r}") from None

    @classmethod
    def from_mapping(cls, values: dict[str, Any]) -> AnalysisParams:
        """Return params from a settings mapping (unknown keys are an error, lists become tuples)."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ValueError(f"unknown analysis setting(s): {', '.join(unknown)} (known: {', '.join(sorted(known))})")
        # Any: a value of any field; __post_init__ checks what each one is.
        converted: dict[str, Any] = {
            k: tuple(str(d) for d in v) if k == "regime_breaks" else tuple(v) if isinstance(v, list) else v
            for k, v in values.items()
        }
        return cls(**converted)

    @classmethod
    def from_settings(cls, settings: Settings, overrides: dict | None = None) -> AnalysisParams:
        """Return the parameters: the defaults, then the settings' [analysis], then `overrides` (flags; None is not
        given). Raises SettingsError, one line naming where the values were set, when a rule across values breaks."""
        values = settings.analysis.given() | {k: v for k, v in (overrides or {}).items() if v is not None}
        try:
            return cls.from_mapping(values)
        except (TypeError, ValueError) as e:
            raise SettingsError(f"{settings.where('analysis')}: [analysis] {e}") from None


def write_params(con: duckdb.DuckDBPyConnection, params: AnalysisParams) -> None:
    """Create `config.params` (one row) with its column comments."""
    values = asdict(params)
    con.execute(
        "create or replace table config.params as select ?::integer[] as windows, ?::integer[] as lags, "
        "?::integer as min_n, ?::double as alpha, ?::varchar as correction, ?::double as analytic_min_n_eff, "
        "?::integer as max_permutations, ?::bigint as seed, ?::integer as gap_min_days, "
        "?::double as equivalence_margin, "
        "?::double as equivalence_margin_total, ?::double as equivalence_r, ?::integer as claim_window_days, "
        "?::integer as outcome_days, ?::integer as persistence_days, ?::integer as min_comparisons, "
        "?::integer as min_per_group, ?::integer as min_articles, ?::integer as team_min_members, "
        "?::date[] as regime_breaks",
        [
            list(values["windows"]),
            list(values["lags"]),
            values["min_n"],
            values["alpha"],
            values["correction"],
            values["analytic_min_n_eff"],
            values["max_permutations"],
            values["seed"],
            values["gap_min_days"],
            values["equivalence_margin"],
            values["equivalence_margin_total"],
            values["equivalence_r"],
            values["claim_window_days"],
            values["outcome_days"],
            values["persistence_days"],
            values["min_comparisons"],
            values["min_per_group"],
            values["min_articles"],
            values["team_min_members"],
            [str(d) for d in values["regime_breaks"]],
        ],
    )
    con.execute(
        "comment on table config.params is 'Analysis parameters in force for this build (one row), from settings.'"
    )
    for name, doc in PARAM_DOCS.items():
        con.execute(f"comment on column config.params.{name} is '{doc.replace(chr(39), chr(39) * 2)}'")
