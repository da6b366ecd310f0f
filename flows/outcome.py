"""What a published warehouse holds, in the few numbers a person acts on, and the next step when something is missing.

`linkedin-ssi run` ends with these lines (and `--json` carries the same numbers); `build` uses them to say that
nothing is loaded.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

import duckdb

# How to record a score, as the next step says it. (`ssi add --paste`, reading the SSI page's text, is being
# added with the claims work: point this at it then.)
# Copy the text of linkedin.com/sales/ssi and paste it: ten seconds a week.
RECORD_A_SCORE = "linkedin-ssi ssi add --paste"


@dataclass
class Outcome:
    """The published warehouse in numbers."""

    exports: int = 0
    members: int = 0
    scores: int = 0  # recorded SSI scores (one per member per day)
    first_score: str | None = None
    last_score: str | None = None
    scores_per_member: dict[str, int] = field(default_factory=dict)
    tests: int = 0  # rows of marts.pillar_correlations (the grid the correction runs over)
    associations: int = 0  # of those, surviving the multiple-testing correction
    min_n: int = 10
    claims: int | None = None  # rows of marts.claim_tests, when the warehouse has the claims model
    claims_tested: int | None = None  # of those, with a verdict other than 'insufficient data'

    def as_dict(self) -> dict:
        return asdict(self)


def _one(con: duckdb.DuckDBPyConnection, sql: str) -> tuple | None:
    """Return the query's first row, or None when a table it reads does not exist (an older or empty warehouse)."""
    try:
        return con.execute(sql).fetchone()
    except duckdb.CatalogException:
        return None


def read_outcome(warehouse: Path) -> Outcome:
    """Return the numbers of the warehouse file (opened read-only); an empty Outcome if it does not exist."""
    if not Path(warehouse).exists():
        return Outcome()
    with duckdb.connect(str(warehouse), read_only=True) as con:
        exports, members = _one(con, "select count(*), count(distinct member) from raw.exports") or (0, 0)
        scores, first, last = _one(con, "select count(*), min(score_date)::varchar, max(score_date)::varchar "
                                        "from marts.ssi_scores") or (0, None, None)
        per_member = dict(con.execute("select member, count(*) from marts.ssi_scores group by 1 order by 1")
                          .fetchall()) if scores else {}
        tests, associations = _one(con, "select count(*), count(*) filter (where verdict like '%association')"
                                         " from marts.pillar_correlations") or (0, 0)
        min_n = (_one(con, "select min_n from config.params") or (10,))[0]
        # The claims model (marts.claim_tests) is written separately; counted as soon as a build has it.
        claims = _one(con, "select count(*), count(*) filter (where verdict <> 'insufficient data') "
                           "from marts.claim_tests")
    return Outcome(exports, members, scores, first, last, per_member, tests, associations, min_n,
                   *(claims if claims else (None, None)))


def next_steps(outcome: Outcome, home: Path, report: Path | None = None) -> list[str]:
    """Return what the person should do next, most important first (one sentence each, with the command)."""
    steps = []
    if not outcome.exports:
        steps.append(f"no LinkedIn export loaded yet: drop your export ZIP into {Path(home) / 'inbox'} and run "
                     "`linkedin-ssi run`, or run `linkedin-ssi ingest PATH`")
    if not outcome.scores:
        steps.append(f"no SSI scores yet: record one with `{RECORD_A_SCORE}` (paste the text of "
                     "linkedin.com/sales/ssi), or import a history with `linkedin-ssi ssi import FILE`")
    else:
        short = {m: n for m, n in outcome.scores_per_member.items() if n < outcome.min_n}
        for member, n in short.items():
            steps.append(f"{member} has {n} recorded SSI score{'s' if n != 1 else ''}; the correlations need "
                         f"{outcome.min_n}: record one a week ({outcome.min_n - n} more)")
        if not short and outcome.exports and not outcome.associations:
            steps.append("no association survives the correction yet: keep recording a score a week; more scores "
                         "narrow the intervals")
    if report is not None and outcome.exports:
        steps.append(f"open the report: {report}")
    return steps


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def summary_lines(outcome: Outcome, loaded_now: int | None = None) -> list[str]:
    """Return the numbers as short lines: exports, SSI scores, associations (and claims, when tested)."""
    now = f"{loaded_now} loaded in this run; " if loaded_now is not None else ""
    lines = [f"exports: {now}{outcome.exports} in the warehouse ({_plural(outcome.members, 'member')})",
             f"SSI scores: {outcome.scores:,} recorded" + (f" ({outcome.first_score} to {outcome.last_score})"
                                                          if outcome.scores else ""),
             f"associations: {outcome.associations:,} of {_plural(outcome.tests, 'test')} survive the "
             "multiple-testing correction"]
    if outcome.claims is not None:
        lines.append(f"claims: {outcome.claims_tested} of {outcome.claims} tested on your data")
    return lines
