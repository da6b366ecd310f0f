"""Test the claims people make about the SSI on the member's own data (issue 12) and store `marts.claim_tests`.

The SQL models compute the per-member inputs (intermediate.int_sharing_gaps_found, int_score_intervals_classified,
int_invitation_notes_counted, int_score_outcomes_followed, int_post_quality_measured, int_article_scores_compared,
int_profile_completeness_aligned); this module turns them into one row per member (and 'all' for a team), claim,
pillar or outcome, and measure. Claims 1 and 3 are here; the correlation claims (2, 4, 5) are in
`models.claims_correlated`. Settings come from `config.params` (AnalysisParams), never from the SQL.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import duckdb
import numpy as np
import polars as pl
from linkedin_ssi.ingest.ssi_columns import PILLARS
from linkedin_ssi.models.claim_stats import (
    CONTRADICTED,
    INCONCLUSIVE,
    INSUFFICIENT,
    SUPPORTED,
    VERDICTS,
    claim_row,
    fisher_p,
    method_label,
    more_needed,
    newcombe_interval,
    tost,
)
from linkedin_ssi.models.params import AnalysisParams

POOLED = "all"
CLAIMS = (
    "sharing_gap",
    "posting_frequency",
    "article_quality",
    "article_persistence",
    "invitation_note",
    "profile_completeness",
    "ssi_value",
)
SCORE_PARTS = ("total", *PILLARS)

CLAIM_SCHEMA: dict[str, pl.DataType] = {
    "member": pl.String(),
    "claim": pl.String(),
    "pillar": pl.String(),
    "measure": pl.String(),
    "period": pl.String(),
    "n": pl.Int64(),
    "estimate": pl.Float64(),
    "ci_low": pl.Float64(),
    "ci_high": pl.Float64(),
    "p_value": pl.Float64(),
    "verdict": pl.String(),
    "unit": pl.String(),
    "method": pl.String(),
    "detail": pl.String(),
}

TABLE_DOC = (
    "One row per member (or all: the team), claim, pillar or outcome, measure and period: the claims people "
    "make about the SSI tested on the member's own data, with the estimate, its confidence interval, a "
    "p-value and a verdict (supported, contradicted, inconclusive, insufficient data). Inconclusive is not "
    "no effect; associations are not causes. grain: member, claim, pillar, measure, period"
)
CLAIM_DOCS = {
    "member": "Member, or 'all' for the team (pooled within members, or between members for ssi_value).",
    "claim": "sharing_gap (1), posting_frequency, article_quality, article_persistence (2), invitation_note (3), "
    "profile_completeness (4), ssi_value (5).",
    "pillar": "SSI pillar or total the claim is about; for ssi_value the outcome (invitations_received, "
    "messages_from_new_people, replies_received, acceptance_rate); for invitation_note 'acceptance'.",
    "measure": "What was compared: gap_vs_active, note_vs_no_note, level or change (of the SSI or the activity), a "
    "quality measure (mean_text_length, media_or_link_share, article_words), after_vs_before, "
    "between_members.",
    "period": "Month (YYYY-MM) for the per-month rows of invitation_note; NULL for the whole history.",
    "n": "Observations behind the estimate: gaps, requests, recorded scores, articles or members.",
    "estimate": "Difference in points (sharing_gap, article_persistence), in percentage points (invitation_note) or a "
    "Spearman correlation; NULL with insufficient data.",
    "ci_low": "Lower bound of the confidence interval: 1 - 2 alpha (90% by default) for equivalence claims (two "
    "one-sided tests), else 1 - alpha (95%); method says which.",
    "ci_high": "Upper bound of the confidence interval.",
    "p_value": "TOST p for the equivalence claims (sharing_gap, posting_frequency), Fisher's exact p "
    "(invitation_note), t test p (article_persistence), else the correlation's Holm-corrected p over the "
    "claim's tests.",
    "verdict": "supported, contradicted, inconclusive (the data cannot tell yet: not the same as no effect) or "
    "insufficient data (below the claim's minimum).",
    "unit": "points, percentage points, or r (a correlation).",
    "method": "How the estimate and interval were computed.",
    "detail": "One sentence: what the data says, or what would settle an inconclusive claim.",
}


# --------------------------------------------------------------------------------------------------------------
# Claim 1: "going 3-4 weeks without sharing does not make my score drop markedly" (an equivalence question)
# --------------------------------------------------------------------------------------------------------------

SHARING_METHOD = (
    "Two one-sided tests: score change across each sharing gap minus the mean change over the member's "
    "active periods of the same length; {two}% t interval"
)


@dataclass(frozen=True)
class GapPiece:
    """The gaps of one length compared with the active periods of that length: how many gaps, the sum of their
    differences (gap change − mean active change), the variance of that sum and its degrees of freedom."""

    gaps: int
    difference_sum: float
    variance: float
    df: float


def _non_overlapping(starts: list, ends: list) -> int:
    """Return how many of the intervals (sorted by start) can be taken without overlapping (greedy): rolling
    intervals share days, so only this many carry independent information."""
    count, free_from = 0, None
    for start, end in sorted(zip(starts, ends)):
        if free_from is None or start >= free_from:
            count, free_from = count + 1, end
    return count


def gap_pieces(intervals: pl.DataFrame, part: str, min_comparisons: int) -> tuple[list[GapPiece], int, int]:
    """Return (pieces, gaps found, most active comparisons for a gap) for one member and score part.

    The g gaps of one length L are compared with the m active intervals of exactly that length: each difference is
    gap change − mean active change. With s² the variance of the active changes (a gap change is assumed as noisy
    as an active one) and k the number of non-overlapping active intervals (rolling ones share days), the sum of
    the g differences has variance g·s² + g²·s²/k (they share the same mean) and s² has k − 1 degrees of freedom.
    Lengths with fewer than `min_comparisons` (or 2) active intervals are not used.
    """
    column = f"{part}_change"
    gaps = intervals.filter((pl.col("kind") == "gap") & pl.col(column).is_not_null())
    active = intervals.filter((pl.col("kind") == "active") & pl.col(column).is_not_null())
    pieces, comparisons = [], 0
    for length in sorted(set(gaps["interval_days"].to_list())):
        changes_of_gaps = gaps.filter(pl.col("interval_days") == length)[column].to_numpy().astype(float)
        same = active.filter(pl.col("interval_days") == length)
        changes = same[column].to_numpy().astype(float)
        comparisons = max(comparisons, changes.size)
        if changes.size < max(2, min_comparisons):
            continue
        k = _non_overlapping(same["start_date"].to_list(), same["end_date"].to_list())
        g, s2 = changes_of_gaps.size, float(np.var(changes, ddof=1))
        pieces.append(
            GapPiece(g, float((changes_of_gaps - changes.mean()).sum()), g * s2 + g * g * s2 / k, max(1.0, k - 1.0))
        )
    return pieces, intervals.filter(pl.col("kind") == "gap").height, comparisons


def sharing_gap_row(
    member: str, part: str, pieces: list[GapPiece], gaps: int, comparisons: int, params: AnalysisParams
) -> dict:
    """Return the claim 1 row for one member (or the team) and score part from its gap pieces."""
    method = method_label(SHARING_METHOD, params)
    margin = params.equivalence_margin_total if part == "total" else params.equivalence_margin
    if not pieces:
        if gaps == 0:
            detail = (
                f"No sharing gap of {params.gap_min_days}+ days lies between two recorded scores: record weekly "
                f"scores through a break of {params.gap_min_days}+ days from posting."
            )
        else:
            detail = (
                f"{gaps} gap(s) found but only {comparisons} active period(s) of the same length to compare: "
                f"record weekly scores through at least {params.min_comparisons} active periods as long as "
                "the gap."
            )
        return claim_row(member, "sharing_gap", part, "gap_vs_active", INSUFFICIENT, "points", method, detail, n=gaps)
    g = sum(p.gaps for p in pieces)
    estimate = sum(p.difference_sum for p in pieces) / g
    se = float(np.sqrt(sum(p.variance for p in pieces))) / g
    result = tost(estimate, se, sum(p.df for p in pieces), margin, params.alpha)
    if result.verdict == SUPPORTED:
        detail = (
            f"Across {g} gap(s) the score moved {estimate:+.2f} points against active periods of the same length, "
            f"within ±{margin:g} points: no marked drop."
        )
    elif result.verdict == CONTRADICTED:
        detail = f"Across {g} gap(s) the score dropped by more than {margin:g} points against active periods."
    elif result.ci_low > margin:
        detail = (
            f"Across {g} gap(s) the score rose by more than {margin:g} points against active periods: no drop, "
            "but not an unchanged score either (something else moved it)."
        )
    else:
        more = more_needed(g, (result.ci_high - result.ci_low) / 2, margin - abs(estimate))
        detail = (
            f"The interval reaches beyond ±{margin:g} points: record weekly scores through about {more} more "
            f"sharing gap(s) of {params.gap_min_days}+ days."
            if more
            else f"The score moved {estimate:+.2f} points, beyond the ±{margin:g} margin, but the interval also "
            "reaches inside it: record weekly scores through more gaps to tell."
        )
    return claim_row(
        member,
        "sharing_gap",
        part,
        "gap_vs_active",
        result.verdict,
        "points",
        method,
        detail,
        n=g,
        estimate=result.estimate,
        ci_low=result.ci_low,
        ci_high=result.ci_high,
        p_value=result.p_value,
    )


def member_gap_pieces(intervals: pl.DataFrame, params: AnalysisParams) -> dict[str, tuple]:
    """Return {score part: (pieces, gaps found, most active comparisons)} of one member's intervals."""
    return {part: gap_pieces(intervals, part, params.min_comparisons) for part in SCORE_PARTS}


def _by_member(frame: pl.DataFrame, column: str, members: list[str]) -> dict[str, pl.DataFrame]:
    """Return {member: its rows} for `members` in one pass (an empty frame for a member without rows)."""
    parts = {key[0]: part for key, part in frame.partition_by(column, as_dict=True).items()} if frame.height else {}
    return {m: parts.get(m, frame.clear()) for m in members}


def sharing_gap_rows(intervals: pl.DataFrame, members: list[str], params: AnalysisParams) -> list[dict]:
    """Return claim 1 rows: per member and score part, then the team ('all': every member's gaps pooled)."""
    rows: list[dict] = []
    pooled: defaultdict[str, tuple[list[GapPiece], int, int]] = defaultdict(lambda: ([], 0, 0))
    for member, mine in _by_member(intervals, "member", members).items():
        for part, (pieces, gaps, comparisons) in member_gap_pieces(mine, params).items():
            rows.append(sharing_gap_row(member, part, pieces, gaps, comparisons, params))
            p, gp, cp = pooled[part]
            pooled[part] = (p + pieces, gp + gaps, cp + comparisons)
    if len(members) > 1:
        rows += [sharing_gap_row(POOLED, part, *pooled[part], params) for part in SCORE_PARTS]
    return rows


# --------------------------------------------------------------------------------------------------------------
# Claim 3: "a short personal note makes more requests accepted" (no SSI needed)
# --------------------------------------------------------------------------------------------------------------

NOTE_METHOD = (
    "Difference of acceptance rates with a Newcombe hybrid score interval (method 10, {one}%); Fisher's exact p"
)


def invitation_note_row(
    member: str, with_note: tuple[int, int], without: tuple[int, int], params: AnalysisParams, period: str | None = None
) -> dict:
    """Return the claim 3 row from (accepted, sent) with a note and without one."""
    method = method_label(NOTE_METHOD, params)
    (a, n1), (b, n2) = with_note, without
    if n1 < params.min_per_group or n2 < params.min_per_group:
        detail = (
            f"Send at least {params.min_per_group} requests with a note and {params.min_per_group} without "
            f"(so far {n1} with, {n2} without); no SSI is needed."
        )
        return claim_row(
            member,
            "invitation_note",
            "acceptance",
            "note_vs_no_note",
            INSUFFICIENT,
            "percentage points",
            method,
            detail,
            n=n1 + n2,
            period=period,
        )
    d, low, high = newcombe_interval(a, n1, b, n2, params.alpha)
    if low > 0:
        verdict = SUPPORTED
    elif high < 0:
        verdict = CONTRADICTED
    else:
        verdict = INCONCLUSIVE
    rates = f"with a note {a}/{n1} ({100 * a / n1:.0f}%) were accepted, without {b}/{n2} ({100 * b / n2:.0f}%)"
    if verdict == INCONCLUSIVE:
        more = more_needed(min(n1, n2), (high - low) / 2, abs(d))
        detail = (
            f"Requests {rates}: send about {more} more of each kind to tell."
            if more
            else f"Requests {rates}: the same rate so far, so no amount of data would show a difference yet."
        )
    else:
        detail = f"Requests {rates}."
    return claim_row(
        member,
        "invitation_note",
        "acceptance",
        "note_vs_no_note",
        verdict,
        "percentage points",
        method,
        detail,
        n=n1 + n2,
        estimate=100 * d,
        ci_low=100 * low,
        ci_high=100 * high,
        p_value=fisher_p(a, n1, b, n2),
        period=period,
    )


def _arms(frame: pl.DataFrame) -> tuple[tuple[int, int], tuple[int, int]]:
    """Return ((accepted, sent) with a note, (accepted, sent) without) of invitation counts."""
    out = {}
    for has_note in (True, False):
        part = frame.filter(pl.col("has_note") == has_note)
        out[has_note] = (int(part["accepted_count"].sum()), int(part["requests_count"].sum()))
    return out[True], out[False]


def member_note_rows(mine: pl.DataFrame, member: str, params: AnalysisParams) -> list[dict]:
    """Return one member's claim 3 rows: the whole history, then each month."""
    rows = [invitation_note_row(member, *_arms(mine), params)]
    for month, in_month in sorted(mine.partition_by("sent_month", as_dict=True).items()) if mine.height else []:
        rows.append(invitation_note_row(member, *_arms(in_month), params, period=month[0].strftime("%Y-%m")))
    return rows


def invitation_note_rows(counts: pl.DataFrame, members: list[str], params: AnalysisParams) -> list[dict]:
    """Return claim 3 rows: per member the whole history then each month, then the team (counts pooled)."""
    rows = []
    for member, mine in _by_member(counts, "_member", members).items():
        rows += member_note_rows(mine, member, params)
    if len(members) > 1:
        rows.append(invitation_note_row(POOLED, *_arms(counts.filter(pl.col("_member").is_in(members))), params))
    return rows


# --------------------------------------------------------------------------------------------------------------
# The mart
# --------------------------------------------------------------------------------------------------------------


# The per-member tables (computed with the member, stored as parts like every per-member model) and what the team's
# rows are pooled from.
MEMBER_CLAIMS = "intermediate.int_member_claims"
GAP_PIECES = "intermediate.int_claim_gap_pieces"
GAP_COUNTS = "intermediate.int_claim_gap_counts"
CLAIM_SUMS = "intermediate.int_claim_sums"
PIECES_SCHEMA = {
    "member": pl.String(),
    "part": pl.String(),
    "piece": pl.Int64(),
    "gaps": pl.Int64(),
    "difference_sum": pl.Float64(),
    "variance": pl.Float64(),
    "df": pl.Float64(),
}
COUNTS_SCHEMA = {"member": pl.String(), "part": pl.String(), "gaps": pl.Int64(), "comparisons": pl.Int64()}
MEMBER_TABLE_DOCS = {
    MEMBER_CLAIMS: "Each member's claim rows (the member rows of marts.claim_tests), computed with the member.",
    GAP_PIECES: "Each member's sharing gaps by length against active periods of that length (claim 1): what the "
    "team's pooled row adds up.",
    GAP_COUNTS: "Each member's sharing gaps found and most active comparisons per score part (claim 1).",
    CLAIM_SUMS: "Each member's per-cell sums of the correlated claims (2, 4, 5): what the team's pooled rows are "
    "made of.",
}


def _frame(con: duckdb.DuckDBPyConnection, table: str) -> pl.DataFrame:
    return con.sql(f"select * from {table}").pl()


def _members(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Return the members with anything a claim reads: a score, an invitation or an activity."""
    return sorted(
        {
            r[0]
            for r in con.execute(
                "select member from intermediate.int_score_regimes_numbered union "
                "select _member from intermediate.int_invitations_matched union "
                "select _member from intermediate.int_activity_events_unioned"
            ).fetchall()
        }
        - {POOLED}
    )


def member_claim_tables(con: duckdb.DuckDBPyConnection, params: AnalysisParams) -> dict[str, pl.DataFrame]:
    """Return the per-member claim tables ({MEMBER_CLAIMS, GAP_PIECES, GAP_COUNTS, CLAIM_SUMS: frame}) of every member
    in `con`'s intermediate tables. A member's rows depend on its own data only (its own Holm families), so members
    computed apart give the same rows as computed together."""
    from linkedin_ssi.models.claims_correlated import correlated_member_rows

    members = _members(con)
    intervals = _by_member(_frame(con, "intermediate.int_score_intervals_classified"), "member", members)
    counts = _by_member(_frame(con, "intermediate.int_invitation_notes_counted"), "_member", members)
    rows, pieces, gap_counts = [], [], []
    for member in members:
        for part, (found, gaps, comparisons) in member_gap_pieces(intervals[member], params).items():
            rows.append(sharing_gap_row(member, part, found, gaps, comparisons, params))
            gap_counts.append({"member": member, "part": part, "gaps": gaps, "comparisons": comparisons})
            pieces += [{"member": member, "part": part, "piece": i, **vars(p)} for i, p in enumerate(found)]
        rows += member_note_rows(counts[member], member, params)
    correlated, sums = correlated_member_rows(con, members, params)
    return {
        MEMBER_CLAIMS: pl.DataFrame(rows + correlated, schema=CLAIM_SCHEMA),
        GAP_PIECES: pl.DataFrame(pieces, schema=PIECES_SCHEMA),
        GAP_COUNTS: pl.DataFrame(gap_counts, schema=COUNTS_SCHEMA),
        CLAIM_SUMS: sums,
    }


PIECES_DOCS = {
    "member": "Member whose gaps these are.",
    "part": "SSI total or pillar whose change is compared.",
    "piece": "Number of the gap length among the member's compared lengths (shortest first).",
    "gaps": "Sharing gaps of this length.",
    "difference_sum": "Sum over those gaps of the score change minus the mean change over active periods as long.",
    "variance": "Variance of that sum.",
    "df": "Degrees of freedom of the variance.",
}
COUNTS_DOCS = {
    "member": "Member whose gaps these are.",
    "part": "SSI total or pillar whose change is compared.",
    "gaps": "Sharing gaps found between two recorded scores.",
    "comparisons": "Most active periods of one gap's length to compare it with.",
}


def document_claim_tables(con: duckdb.DuckDBPyConnection, kind: str) -> None:
    """Comment the per-member claim tables (or the published views over their parts) and their columns."""
    from linkedin_ssi.models.analysis import CORRELATION_DOCS, SUMS_DOCS

    sums = (
        {
            "family": "The claim family of the cell (posting_frequency, article_quality, profile_completeness, "
            "ssi_value)."
        }
        | SUMS_DOCS
        | {k: CORRELATION_DOCS[k] for k in ("pillar", "proxy", "window_days", "lag_days", "measure")}
    )
    columns = {MEMBER_CLAIMS: CLAIM_DOCS, GAP_PIECES: PIECES_DOCS, GAP_COUNTS: COUNTS_DOCS, CLAIM_SUMS: sums}
    quote = chr(39)
    for name, doc in MEMBER_TABLE_DOCS.items():
        con.execute(f"comment on {kind} {name} is '{doc.replace(quote, quote * 2)}'")
        for column, text in columns[name].items():
            con.execute(f"comment on column {name}.{column} is '{text.replace(quote, quote * 2)}'")


def build_member_claims(con: duckdb.DuckDBPyConnection, params: AnalysisParams) -> None:
    """Create the per-member claim tables (member_claim_tables) in `con`, documented."""
    for name, frame in member_claim_tables(con, params).items():
        con.register("claim_frame", frame)
        con.execute(f"create or replace table {name} as select * from claim_frame")
        con.unregister("claim_frame")
    document_claim_tables(con, "table")


def team_claim_rows(con: duckdb.DuckDBPyConnection, params: AnalysisParams) -> list[dict]:
    """Return the team's ('all') claim rows, none with fewer than 2 members, from the per-member claim tables of `con`
    (views over every member's parts at a publish) and the intermediate tables they cannot hold (articles, outcomes)."""
    from linkedin_ssi.models.claims_correlated import correlated_team_rows

    members = [r[0] for r in con.execute(f"select distinct member from {MEMBER_CLAIMS}").fetchall()]
    if len(members) < 2:
        return []
    pieces = con.sql(f"select * from {GAP_PIECES} order by member, part, piece").pl()
    totals = con.sql(f"select part, sum(gaps), sum(comparisons) from {GAP_COUNTS} group by part").fetchall()
    found = {part: (int(g), int(c)) for part, g, c in totals}
    rows = []
    for part in SCORE_PARTS:
        mine = pieces.filter(pl.col("part") == part).select("gaps", "difference_sum", "variance", "df")
        gaps, comparisons = found.get(part, (0, 0))
        rows.append(sharing_gap_row(POOLED, part, [GapPiece(*r) for r in mine.iter_rows()], gaps, comparisons, params))
    counts = _frame(con, "intermediate.int_invitation_notes_counted")
    rows.append(invitation_note_row(POOLED, *_arms(counts.filter(pl.col("_member").is_in(members))), params))
    return rows + correlated_team_rows(con, _frame(con, CLAIM_SUMS), params)


def claim_rows(con: duckdb.DuckDBPyConnection, params: AnalysisParams) -> pl.DataFrame:
    """Return every claim row (CLAIM_SCHEMA): the members' rows of the per-member claim tables of `con`
    (build_member_claims) and the team's rows pooled from them."""
    rows = team_claim_rows(con, params)
    team = pl.DataFrame(rows, schema=CLAIM_SCHEMA) if rows else pl.DataFrame(schema=CLAIM_SCHEMA)
    frame = pl.concat([_frame(con, MEMBER_CLAIMS).cast(pl.Schema(CLAIM_SCHEMA)), team])
    order = {c: i for i, c in enumerate(CLAIMS)}
    return (
        frame.with_columns(pl.col("claim").replace_strict(order, return_dtype=pl.Int64).alias("_order"))
        .sort([pl.col("member") == POOLED, "member", "_order", "pillar", "measure", "period"], nulls_last=False)
        .drop("_order")
    )


def build_claim_tests(con: duckdb.DuckDBPyConnection, params: AnalysisParams) -> int:
    """Create `marts.claim_tests` with its table and column comments; return its row count.

    Expects the per-member claim tables (build_member_claims, or views over their parts). Raises ValueError when a row
    breaks the mart's contract (an unknown claim or verdict, an estimate outside its interval): a wrong verdict word
    would silently fall out of every report filter.
    """
    frame = claim_rows(con, params)
    broken = frame.filter(
        ~pl.col("claim").is_in(CLAIMS)
        | ~pl.col("verdict").is_in(VERDICTS)
        | (pl.col("estimate") < pl.col("ci_low") - 1e-9)
        | (pl.col("estimate") > pl.col("ci_high") + 1e-9)
    )
    if broken.height:
        raise ValueError(
            f"marts.claim_tests: {broken.height} row(s) break the contract, e.g. {broken.row(0, named=True)}"
        )
    con.register("claims_frame", frame)
    con.execute("create or replace table marts.claim_tests as select * from claims_frame")
    con.unregister("claims_frame")
    con.execute(f"comment on table marts.claim_tests is '{TABLE_DOC.replace(chr(39), chr(39) * 2)}'")
    for column, doc in CLAIM_DOCS.items():
        con.execute(f"comment on column marts.claim_tests.{column} is '{doc.replace(chr(39), chr(39) * 2)}'")
    return frame.height
