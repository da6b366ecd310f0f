"""Each claim on synthetic data with a planted truth, both ways: a member for whom the claim holds and one for whom
it does not, with the verdicts asserted exactly. Claims 1 and 3 run through their SQL models; claims 2, 4 and 5
start from frames shaped like their intermediate tables. Everything is seeded."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import duckdb
import numpy as np
import polars as pl
import pytest
from linkedin_ssi.models.claims import GapPiece, gap_pieces, invitation_note_rows, sharing_gap_rows
from linkedin_ssi.models.claims_correlated import (
    _covered_with_change,
    completeness_rows,
    persistence_rows,
    posting_rows,
    ssi_value_rows,
)
from linkedin_ssi.models.params import AnalysisParams
from linkedin_ssi.models.sql_runner import load_models, run_models

PARAMS = AnalysisParams()
START = date(2025, 1, 6)  # a Monday
PARTS = ("brand", "insights", "people", "relationships", "total")


def run_chain(inputs: dict[str, pl.DataFrame], names: list[str], result: str) -> pl.DataFrame:
    """Return `result` after building the models `names` (in dependency order) on the inline `inputs`."""
    con = duckdb.connect()
    con.execute("set TimeZone = 'UTC'")
    for schema in ("raw", "config", "staging", "intermediate", "marts"):
        con.execute(f"create schema {schema}")
    for table, frame in inputs.items():
        con.register("input_frame", frame)
        con.execute(f"create table {table} as select * from input_frame")
        con.unregister("input_frame")
    models = load_models()
    run_models(con, {n: models[n] for n in names})
    return con.sql(f"select * from {result}").pl()


def config_params() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "regime_breaks": [[]],
            "gap_min_days": [21],
            "claim_window_days": [28],
            "outcome_days": [28],
            "persistence_days": [56],
        },
        schema_overrides={"regime_breaks": pl.List(pl.Date)},
    )


def verdicts(rows: list[dict], member: str, claim: str | None = None, period=None) -> dict[tuple, str]:
    return {
        (r["pillar"], r["measure"]): r["verdict"]
        for r in rows
        if r["member"] == member and (claim is None or r["claim"] == claim) and r["period"] == period
    }


# --------------------------------------------------------------------------------------------------------------
# Claim 1: sharing gaps (through int_score_regimes_numbered, int_sharing_gaps_found, int_score_intervals_classified)
# --------------------------------------------------------------------------------------------------------------

GAPS = ((70, 98), (200, 228), (330, 358))  # quiet days [start, end): posts every other day otherwise


def sharing_member(member: str, rng: np.random.Generator, drop_per_week: float, gaps=GAPS) -> tuple[dict, dict]:
    """Return (events, scores) for 60 weekly scores; during a gap each pillar falls `drop_per_week` points a week and
    recovers at the same pace afterwards (0: the score does not care about gaps)."""
    days = 420
    quiet = np.zeros(days, bool)
    for a, b in gaps:
        quiet[a:b] = True
    posts = [START + timedelta(days=d) for d in range(0, days, 2) if not quiet[d]]
    deficit, level = np.zeros(days + 1), 0.0
    for d in range(days):
        level = level + drop_per_week / 7 if quiet[d] else max(0.0, level - drop_per_week / 7)
        deficit[d + 1] = level
    score_days = list(range(0, days, 7))
    pillars = {
        p: [15.0 - deficit[d] + rng.normal(0, 0.3) for d in score_days]
        for p in ("brand", "people", "insights", "relationships")
    }
    scores = {
        "member": [member] * len(score_days),
        "score_date": [START + timedelta(days=d) for d in score_days],
        **pillars,
        "total": [sum(v) for v in zip(*pillars.values())],
    }
    events = {"_member": [member] * len(posts), "activity_on": posts, "activity_kind": ["post"] * len(posts)}
    return events, scores


def test_sharing_gap_is_supported_for_a_steady_member_and_contradicted_when_gaps_cost_points():
    rng = np.random.default_rng(20261201)
    members = {
        "steady": sharing_member("steady", rng, 0.0),
        "drops": sharing_member("drops", rng, 1.5),
        "no-gaps": sharing_member("no-gaps", rng, 0.0, gaps=()),
    }
    events = pl.concat([pl.DataFrame(e) for e, _ in members.values()])
    scores = pl.concat([pl.DataFrame(s) for _, s in members.values()])
    coverage = pl.DataFrame(
        {
            "_member": list(members),
            "source_table": ["shares"] * 3,
            "span_number": [1] * 3,
            "covered_from": [START] * 3,
            "covered_to": [START + timedelta(days=420)] * 3,
        }
    )
    intervals = run_chain(
        {
            "staging.stg_ssi__scores": scores,
            "intermediate.int_activity_events_unioned": events,
            "intermediate.int_source_coverage_spanned": coverage,
            "config.params": config_params(),
        },
        [
            "intermediate.int_score_regimes_numbered",
            "intermediate.int_sharing_gaps_found",
            "intermediate.int_score_intervals_classified",
        ],
        "intermediate.int_score_intervals_classified",
    )
    # Three gaps per member with gaps, each bracketed by the weekly scores inside it: the second gap (days
    # 199-227, after the post of day 198) holds the scores of days 203 and 224 only, 21 days apart.
    assert sorted(intervals.filter(pl.col("kind") == "gap").select("member", "interval_days").rows()) == [
        ("drops", 21),
        ("drops", 28),
        ("drops", 28),
        ("steady", 21),
        ("steady", 28),
        ("steady", 28),
    ]
    rows = sharing_gap_rows(intervals, sorted(members), PARAMS)
    assert verdicts(rows, "steady") == {(p, "gap_vs_active"): "supported" for p in PARTS}
    assert verdicts(rows, "drops") == {(p, "gap_vs_active"): "contradicted" for p in PARTS}
    assert verdicts(rows, "no-gaps") == {(p, "gap_vs_active"): "insufficient data" for p in PARTS}
    steady = next(r for r in rows if r["member"] == "steady" and r["pillar"] == "brand")
    drops = next(r for r in rows if r["member"] == "drops" and r["pillar"] == "brand")
    assert (steady["n"], drops["n"]) == (3, 3)
    assert -2 < steady["ci_low"] < steady["estimate"] < steady["ci_high"] < 2
    assert drops["ci_high"] < -2  # planted: 6 points lost over a 4-week gap
    # The team pools every member's gaps (one steady, one dropping): the drop shows, diluted.
    assert verdicts(rows, "all")[("brand", "gap_vs_active")] == "contradicted"


# --------------------------------------------------------------------------------------------------------------
# Claim 3: a note with the request (through int_invitations_matched and int_invitation_notes_counted)
# --------------------------------------------------------------------------------------------------------------


def invitation_member(
    member: str, rng: np.random.Generator, with_note: tuple[int, float], without: tuple[int, float]
) -> tuple[list[dict], list[dict]]:
    """Return (invitations, connections): requests sent over 4 months, accepted with the given probabilities."""
    invitations, connections = [], []
    for has_note, (count, p) in ((True, with_note), (False, without)):
        for i in range(count):
            sent = datetime(2026, 3, 2, 9, tzinfo=UTC) + timedelta(hours=int(rng.integers(0, 24 * 120)))
            slug = f"{member}-{'n' if has_note else 'x'}{i}"
            invitations.append(
                {
                    "_member": member,
                    "is_outgoing": True,
                    "sent_at": sent,
                    "invitee_slug": slug,
                    "to_name": slug,
                    "message": "Hi, we met at the meetup." if has_note else None,
                }
            )
            if rng.random() < p:
                connections.append(
                    {
                        "_member": member,
                        "profile_slug": slug,
                        "first_name": slug,
                        "last_name": "",
                        "connected_on": sent.date() + timedelta(days=int(rng.integers(0, 10))),
                        "is_hidden_member": False,
                    }
                )
    return invitations, connections


def test_invitation_note_is_supported_when_notes_help_and_contradicted_when_they_hurt():
    rng = np.random.default_rng(3)
    planted = {
        "helps": ((60, 0.7), (60, 0.3)),
        "hurts": ((60, 0.2), (60, 0.6)),
        "same": ((60, 0.5), (60, 0.5)),
        "few-notes": ((4, 0.9), (60, 0.3)),
    }
    invitations, connections = [], []
    for member, (note, plain) in planted.items():
        i, c = invitation_member(member, rng, note, plain)
        invitations += i
        connections += c
    counts = run_chain(
        {
            "staging.stg_linkedin__invitations": pl.DataFrame(invitations),
            "staging.stg_linkedin__connections": pl.DataFrame(connections),
        },
        ["intermediate.int_invitations_matched", "intermediate.int_invitation_notes_counted"],
        "intermediate.int_invitation_notes_counted",
    )
    rows = invitation_note_rows(counts, sorted(planted), PARAMS)
    overall = {m: verdicts(rows, m, "invitation_note")[("acceptance", "note_vs_no_note")] for m in planted}
    assert overall == {
        "helps": "supported",
        "hurts": "contradicted",
        "same": "inconclusive",
        "few-notes": "insufficient data",
    }
    helps = next(r for r in rows if r["member"] == "helps" and r["period"] is None)
    assert helps["unit"] == "percentage points" and helps["ci_low"] > 0 and helps["p_value"] < 0.001
    # Per month, so a change of habit shows: March to June 2026 (the requests span 120 days from March 2).
    assert sorted({r["period"] for r in rows if r["member"] == "helps" and r["period"]}) == [
        "2026-03",
        "2026-04",
        "2026-05",
        "2026-06",
    ]


# --------------------------------------------------------------------------------------------------------------
# Claims 2, 4 and 5 from frames shaped like their intermediate tables
# --------------------------------------------------------------------------------------------------------------


def weekly(n: int) -> list[date]:
    return [START + timedelta(days=7 * k) for k in range(n)]


def quality_frame(
    member: str, rng: np.random.Generator, frequency_effect: float, quality_effect: float, n: int = 200
) -> pl.DataFrame:
    posts = rng.poisson(6, n)
    length = rng.uniform(20, 400, n)
    brand = 12 + frequency_effect * posts + quality_effect * length + rng.normal(0, 1, n)
    return pl.DataFrame(
        {
            "member": [member] * n,
            "score_date": weekly(n),
            "regime_number": [0] * n,
            "brand": brand,
            "brand_change": np.r_[np.nan, np.diff(brand)],
            "is_covered": [True] * n,
            "posts_and_articles": posts,
            "mean_text_length": length,
            "media_or_link_share": rng.uniform(0, 1, n),
            "article_words": rng.poisson(300, n),
        }
    ).with_columns(pl.col("brand_change").fill_nan(None))


def test_posting_frequency_is_supported_only_by_equivalence_and_quality_by_a_positive_correlation():
    rng = np.random.default_rng(11)
    frame = pl.concat([quality_frame("quantity", rng, 0.8, 0.0), quality_frame("quality", rng, 0.0, 0.02)])
    rows = posting_rows(frame, ["quality", "quantity"], PARAMS)
    # "How often I publish has no influence": true for 'quality' (equivalence: 90% CI of r within ±0.3), false for
    # 'quantity', whose brand follows the number of posts.
    assert verdicts(rows, "quality", "posting_frequency") == {
        ("brand", "level"): "supported",
        ("brand", "change"): "supported",
    }
    assert verdicts(rows, "quantity", "posting_frequency") == {
        ("brand", "level"): "contradicted",
        ("brand", "change"): "contradicted",
    }
    # "Meaningful articles do": the length of the member's own text drives 'quality' only.
    assert verdicts(rows, "quality", "article_quality") == {
        ("brand", "mean_text_length"): "supported",
        ("brand", "media_or_link_share"): "contradicted",
        ("brand", "article_words"): "contradicted",
    }
    assert verdicts(rows, "quantity", "article_quality")[("brand", "mean_text_length")] == "contradicted"


def test_article_persistence_supported_for_a_lasting_lift_and_contradicted_without_one():
    rng = np.random.default_rng(5)
    frame = pl.DataFrame(
        {
            "_member": ["lasting"] * 6 + ["fleeting"] * 6 + ["one-article"],
            "article_key": [f"a{i}" for i in range(13)],
            "published_on": weekly(13),
            "before_count": [4] * 13,
            "before_brand": [14.0] * 13,
            "after_count": [4] * 12 + [0],
            "after_brand": list(14 + rng.normal(3, 0.5, 6)) + list(14 + rng.normal(0, 0.3, 6)) + [None],
        }
    )
    rows = persistence_rows(frame, ["fleeting", "lasting", "one-article"], PARAMS)
    assert {r["member"]: r["verdict"] for r in rows} == {
        "lasting": "supported",
        "fleeting": "contradicted",
        "one-article": "insufficient data",
        "all": "supported",
    }


def test_profile_completeness_supported_when_brand_follows_it():
    rng = np.random.default_rng(8)
    n = 80
    frames = []
    for member, effect in (("follows", 10.0), ("ignores", 0.0)):
        completeness = np.repeat(rng.choice(np.arange(4, 9) / 8, n // 4), 4)  # a new export every 4 weeks
        brand = 8 + effect * completeness + rng.normal(0, 0.5, n)
        frames.append(
            pl.DataFrame(
                {
                    "member": [member] * n,
                    "score_date": weekly(n),
                    "regime_number": [0] * n,
                    "brand": brand,
                    "brand_change": np.r_[np.nan, np.diff(brand)],
                    "completeness": completeness,
                    "completeness_change": np.r_[np.nan, np.diff(completeness)],
                }
            ).with_columns(pl.col("brand_change", "completeness_change").fill_nan(None))
        )
    rows = completeness_rows(pl.concat(frames), ["follows", "ignores"], PARAMS)
    assert verdicts(rows, "follows") == {("brand", "level"): "supported", ("brand", "change"): "supported"}
    # No meaningful association: both intervals lie within ±equivalence_r.
    assert verdicts(rows, "ignores") == {("brand", "level"): "contradicted", ("brand", "change"): "contradicted"}


OUTCOMES = ("invitations_received", "messages_from_new_people", "replies_received", "acceptance_rate")


def outcome_frame(member: str, rng: np.random.Generator, worth: bool, n: int = 40) -> pl.DataFrame:
    total = rng.normal(50, 5, n)
    rows = []
    for outcome in OUTCOMES:
        scale = 0.01 if outcome == "acceptance_rate" else 1.0
        value = (0.5 * total + rng.normal(0, 1, n)) * scale if worth else rng.normal(25, 3, n) * scale
        rows.append(
            pl.DataFrame(
                {
                    "member": [member] * n,
                    "score_date": weekly(n),
                    "outcome": [outcome] * n,
                    "total": total,
                    "total_change": np.r_[np.nan, np.diff(total)],
                    "value": value,
                }
            )
        )
    return pl.concat(rows).with_columns(pl.col("total_change").fill_nan(None))


def test_ssi_value_supported_when_outcomes_follow_the_score_and_not_otherwise():
    rng = np.random.default_rng(21)
    frame = pl.concat([outcome_frame("worth", rng, True), outcome_frame("worthless", rng, False)])
    rows = ssi_value_rows(frame, ["worth", "worthless"], PARAMS)
    assert verdicts(rows, "worth") == {(o, m): "supported" for o in OUTCOMES for m in ("level", "change")}
    # 40 weekly scores cannot show the absence of a link (that would take the interval within ±0.3): inconclusive,
    # never supported.
    assert verdicts(rows, "worthless") == {(o, m): "inconclusive" for o in OUTCOMES for m in ("level", "change")}
    # Two members are too few for a between-members answer.
    assert verdicts(rows, "all")[("invitations_received", "between_members")] == "insufficient data"


def test_ssi_value_between_members_needs_eight_members_and_finds_the_planted_link():
    rng = np.random.default_rng(4)
    team = []
    for i in range(10):
        level = 30 + 4 * i
        team.append(
            pl.DataFrame(
                {
                    "member": [f"m{i}"] * 4,
                    "score_date": weekly(1) * 4,
                    "outcome": list(OUTCOMES),
                    "total": [float(level)] * 4,
                    "total_change": [None] * 4,
                    "value": [level / 5 + rng.normal(0, 0.5) for _ in OUTCOMES],
                },
                schema_overrides={"total_change": pl.Float64},
            )
        )
    frame = pl.concat(team)
    rows = ssi_value_rows(frame, [f"m{i}" for i in range(10)], PARAMS)
    between = {r["pillar"]: (r["verdict"], r["n"]) for r in rows if r["measure"] == "between_members"}
    assert between == {o: ("supported", 10) for o in OUTCOMES}
    # One score per member: each member alone has insufficient data, on the first day.
    assert verdicts(rows, "m0")[("invitations_received", "level")] == "insufficient data"
    shuffled = frame.with_columns(pl.col("value").shuffle(seed=1).over("outcome"))
    few = ssi_value_rows(shuffled.filter(pl.col("member").is_in(["m0", "m1", "m2"])), ["m0", "m1", "m2"], PARAMS)
    assert {r["verdict"] for r in few if r["measure"] == "between_members"} == {"insufficient data"}


def test_gaps_of_one_length_share_the_active_mean_and_its_uncertainty():
    d = lambda k: START + timedelta(days=k)  # noqa: E731
    intervals = pl.DataFrame(
        {
            "kind": ["gap", "gap", "active", "active", "active", "active"],
            "start_date": [d(100), d(200), d(0), d(28), d(56), d(60)],
            "end_date": [d(128), d(228), d(28), d(56), d(84), d(88)],
            "interval_days": [28] * 6,
            "total_change": [-1.0, -3.0, 0.0, 1.0, 2.0, 1.0],
        }
    )
    pieces, gaps, comparisons = gap_pieces(intervals, "total", 3)
    # Active changes 0, 1, 2, 1: mean 1, variance 2/3; 3 of them do not overlap (day 60-88 overlaps 56-84).
    # Differences -2 and -4 (sum -6); the variance of the sum is 2·(2/3) + 4·(2/3)/3 = 20/9; df = 3 - 1.
    assert (gaps, comparisons) == (2, 4)
    assert pieces == [GapPiece(2, -6.0, pytest.approx(20 / 9), 2.0)]


def test_posting_frequency_changes_are_not_taken_across_an_uncovered_score():
    frame = pl.DataFrame(
        {
            "member": ["m"] * 3,
            "score_date": weekly(3),
            "regime_number": [0] * 3,
            "brand": [10.0, 11.0, 12.0],
            "brand_change": [None, 1.0, 1.0],
            "is_covered": [True, False, True],
            "posts_and_articles": [1, 5, 3],
        }
    )
    changed = _covered_with_change(frame, "posts_and_articles")
    assert changed.select("score_date", "posts_and_articles_change").rows() == [
        (START, None),
        (START + timedelta(days=14), None),
    ]
