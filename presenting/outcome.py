"""What a published warehouse holds, in the few numbers a person acts on (read from its raw tables and marts).

`linkedin-ssi run` ends with these numbers (and `--json` carries them); `build` uses them to say that nothing is
loaded; `flows/outcome.py` turns them into lines and next steps.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

import duckdb


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
        scores, first, last = _one(
            con, "select count(*), min(score_date)::varchar, max(score_date)::varchar from marts.ssi_scores"
        ) or (0, None, None)
        per_member = (
            dict(con.execute("select member, count(*) from marts.ssi_scores group by 1 order by 1").fetchall())
            if scores
            else {}
        )
        tests, associations = _one(
            con, "select count(*), count(*) filter (where verdict like '%association') from marts.pillar_correlations"
        ) or (0, 0)
        min_n = (_one(con, "select min_n from config.params") or (10,))[0]
        # The claims model (marts.claim_tests) is written separately; counted as soon as a build has it.
        claims = _one(
            con, "select count(*), count(*) filter (where verdict <> 'insufficient data') from marts.claim_tests"
        )
    return Outcome(
        exports,
        members,
        scores,
        first,
        last,
        per_member,
        tests,
        associations,
        min_n,
        *(claims if claims else (None, None)),
    )
