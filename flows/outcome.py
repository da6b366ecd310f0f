"""The next step when something is missing, and the short lines `linkedin-ssi run` ends with, from the numbers of
the published warehouse (presenting.outcome)."""

from __future__ import annotations

from pathlib import Path

from linkedin_ssi.presenting.outcome import Outcome

# How to record a score, as the next step says it. (`ssi add --paste`, reading the SSI page's text, is being
# added with the claims work: point this at it then.)
# Copy the text of linkedin.com/sales/ssi and paste it: ten seconds a week.
RECORD_A_SCORE = "linkedin-ssi ssi add --paste"


def next_steps(outcome: Outcome, home: Path, report: Path | None = None) -> list[str]:
    """Return what the person should do next, most important first (one sentence each, with the command)."""
    steps = []
    if not outcome.exports:
        steps.append(
            f"no LinkedIn export loaded yet: drop your export ZIP into {Path(home) / 'inbox'} and run "
            "`linkedin-ssi run`, or run `linkedin-ssi ingest PATH`"
        )
    if not outcome.scores:
        steps.append(
            f"no SSI scores yet: record one with `{RECORD_A_SCORE}` (paste the text of "
            "linkedin.com/sales/ssi), or import a history with `linkedin-ssi ssi import FILE`"
        )
    else:
        short = {m: n for m, n in outcome.scores_per_member.items() if n < outcome.min_n}
        for member, n in short.items():
            steps.append(
                f"{member} has {n} recorded SSI score{'s' if n != 1 else ''}; the correlations need "
                f"{outcome.min_n}: record one a week ({outcome.min_n - n} more)"
            )
        if not short and outcome.exports and not outcome.associations:
            steps.append(
                "no association survives the correction yet: keep recording a score a week; more scores "
                "narrow the intervals"
            )
    if report is not None and outcome.exports:
        steps.append(f"open the report: {report}")
    return steps


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def summary_lines(outcome: Outcome, loaded_now: int | None = None) -> list[str]:
    """Return the numbers as short lines: exports, SSI scores, associations (and claims, when tested)."""
    now = f"{loaded_now} loaded in this run; " if loaded_now is not None else ""
    lines = [
        f"exports: {now}{outcome.exports} in the warehouse ({_plural(outcome.members, 'member')})",
        f"SSI scores: {outcome.scores:,} recorded"
        + (f" ({outcome.first_score} to {outcome.last_score})" if outcome.scores else ""),
        f"associations: {outcome.associations:,} of {_plural(outcome.tests, 'test')} survive the "
        "multiple-testing correction",
    ]
    if outcome.claims is not None:
        lines.append(f"claims: {outcome.claims_tested} of {outcome.claims} tested on your data")
    return lines
