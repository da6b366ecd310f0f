"""The claim SQL models (issue 12), each on a few inline rows with results computed by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import polars as pl

from model_harness import run_model

UTC = UTC
D = date


def ts(*args):
    return datetime(*args, tzinfo=UTC)


def params(**overrides) -> pl.DataFrame:
    values = {
        "regime_breaks": [[]],
        "gap_min_days": [21],
        "claim_window_days": [28],
        "outcome_days": [28],
        "persistence_days": [56],
    }
    values.update({k: [v] for k, v in overrides.items()})
    return pl.DataFrame(values, schema_overrides={"regime_breaks": pl.List(pl.Date)})


def scores(member: str, days: list[date], total: list[float], brand: list[float] | None = None) -> dict:
    brand = brand or [t / 4 for t in total]
    return {
        "member": [member] * len(days),
        "score_date": days,
        "total": total,
        "brand": brand,
        "people": [t / 4 for t in total],
        "insights": [t / 4 for t in total],
        "relationships": [t / 4 for t in total],
    }


def regimes(
    member: str, days: list[date], total: list[float], regime: list[int] | None = None, brand: list[float] | None = None
) -> pl.DataFrame:
    """A hand-made intermediate.int_score_regimes_numbered."""
    frame = pl.DataFrame(scores(member, days, total, brand)).with_columns(
        pl.Series("regime_number", regime or [0] * len(days), dtype=pl.Int64)
    )
    return frame.with_columns(
        *[
            (pl.col(c) - pl.col(c).shift(1).over("regime_number")).alias(f"{c}_change")
            for c in ("total", "brand", "people", "insights", "relationships")
        ],
        pl.col("score_date").shift(1).over("regime_number").alias("previous_score_date"),
    )


def test_regimes_split_at_each_break_and_changes_never_straddle_one():
    rows = run_model(
        "intermediate.int_score_regimes_numbered",
        {
            "staging.stg_ssi__scores": scores("m", [D(2017, 2, 3), D(2017, 2, 10), D(2017, 2, 17)], [60.0, 55.0, 57.0]),
            "config.params": params(regime_breaks=[D(2015, 1, 26), D(2017, 2, 10)]),
        },
        "score_date",
    )
    assert [(r["regime_number"], r["previous_score_date"], r["total_change"]) for r in rows] == [
        (1, None, None),
        (2, None, None),  # the 2017-02-10 drop is LinkedIn's formula, not the member
        (2, D(2017, 2, 10), 2.0),
    ]


def _events(member: str, days: list[date], kind: str = "post") -> pl.DataFrame:
    return pl.DataFrame({"_member": [member] * len(days), "activity_on": days, "activity_kind": [kind] * len(days)})


def _shares_span(member: str, start: date, end: date) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "_member": [member],
            "source_table": ["shares"],
            "span_number": [1],
            "covered_from": [start],
            "covered_to": [end],
        }
    )


def test_sharing_gaps_are_runs_of_gap_min_days_without_posts_inside_the_coverage():
    events = pl.concat(
        [
            _events("m", [D(2026, 1, 1), D(2026, 1, 10), D(2026, 2, 10), D(2026, 2, 11)]),
            _events("m", [D(2026, 1, 20)], "comment"),  # a comment is not sharing
            _events("m", [D(2026, 3, 20)], "article_published"),  # an article is
        ]
    )
    rows = run_model(
        "intermediate.int_sharing_gaps_found",
        {
            "intermediate.int_activity_events_unioned": events,
            "intermediate.int_source_coverage_spanned": _shares_span("m", D(2025, 12, 1), D(2026, 4, 30)),
            "config.params": params(),
        },
        "gap_start_on",
    )
    assert [(r["gap_start_on"], r["gap_end_on"], r["gap_days"], r["is_open_ended"]) for r in rows] == [
        (D(2026, 1, 11), D(2026, 2, 9), 30, False),  # Jan 1 -> Jan 10 is 8 quiet days: too short
        (D(2026, 2, 12), D(2026, 3, 19), 36, False),
        (D(2026, 3, 21), D(2026, 4, 30), 41, True),  # no sharing up to the export
    ]


def test_score_intervals_take_the_widest_bracket_of_a_gap_and_same_length_active_pairs():
    weeks = [D(2026, 1, 5) + timedelta(days=7 * k) for k in range(10)]  # Mondays, Jan 5 .. Mar 9
    totals = [50.0, 51.0, 52.0, 53.0, 53.0, 52.0, 51.0, 50.0, 52.0, 54.0]
    gaps = pl.DataFrame(
        {
            "_member": ["m"],
            "gap_start_on": [D(2026, 2, 2)],
            "gap_end_on": [D(2026, 3, 1)],
            "gap_days": [28],
            "is_open_ended": [False],
        }
    )
    posts = [D(2026, 1, 5) + timedelta(days=d) for d in range(0, 28, 2)] + [D(2026, 3, 2), D(2026, 3, 5)]
    rows = run_model(
        "intermediate.int_score_intervals_classified",
        {
            "intermediate.int_score_regimes_numbered": regimes("m", weeks, totals),
            "intermediate.int_sharing_gaps_found": gaps,
            "intermediate.int_source_coverage_spanned": _shares_span("m", D(2025, 12, 1), D(2026, 3, 31)),
            "intermediate.int_activity_events_unioned": _events("m", posts),
            "config.params": params(),
        },
        "kind desc, start_date",
    )
    assert [
        (r["kind"], r["start_date"], r["end_date"], r["interval_days"], r["sharing_count"], r["total_change"])
        for r in rows
    ] == [
        # Scores Feb 2 .. Mar 2 bracket the quiet Feb 2 - Mar 1: the score changed 53 -> 52.
        ("gap", D(2026, 2, 2), D(2026, 3, 2), 28, 0, -1.0),
        # 28-day pairs overlapping no gap day: only Jan 5 -> Feb 2 (Mar 2 -> Mar 30 has no score).
        ("active", D(2026, 1, 5), D(2026, 2, 2), 28, 14, 3.0),
    ]


def test_invitation_notes_are_counted_per_month_with_acceptance():
    matched = pl.DataFrame(
        {
            "_member": ["m"] * 5,
            "sent_on": [D(2026, 5, 1), D(2026, 5, 2), D(2026, 5, 3), D(2026, 5, 30), D(2026, 6, 1)],
            "message": ["Hi Ann, we met in Porto.", "  ", None, "Hello!", None],
            "accepted_on": [D(2026, 5, 2), None, D(2026, 5, 9), None, D(2026, 6, 1)],
        }
    )
    rows = run_model(
        "intermediate.int_invitation_notes_counted",
        {"intermediate.int_invitations_matched": matched},
        "sent_month, has_note",
    )
    assert [(r["sent_month"], r["has_note"], r["requests_count"], r["accepted_count"]) for r in rows] == [
        (D(2026, 5, 1), False, 2, 1),  # a blank note is no note
        (D(2026, 5, 1), True, 2, 1),
        (D(2026, 6, 1), False, 1, 1),
    ]


def test_outcomes_count_what_follows_each_score_and_are_null_outside_coverage():
    score_days = [D(2026, 5, 4), D(2026, 6, 1)]
    coverage = pl.DataFrame(
        {
            "_member": ["m", "m"],
            "source_table": ["invitations", "messages"],
            "span_number": [1, 1],
            "covered_from": [D(2026, 1, 1), D(2026, 1, 1)],
            "covered_to": [D(2026, 6, 20)] * 2,
        }
    )
    invitations = pl.DataFrame(
        {
            "_member": ["m"] * 3,
            "is_outgoing": [False, False, True],
            "sent_at": [ts(2026, 5, 3, 9), ts(2026, 5, 10, 9), ts(2026, 5, 12, 9)],
        }
    )
    matched = pl.DataFrame(
        {"_member": ["m"] * 2, "sent_on": [D(2026, 5, 12), D(2026, 5, 20)], "accepted_on": [D(2026, 5, 13), None]}
    )
    messages = pl.DataFrame(
        {
            "_member": ["m"] * 6,
            "channel": ["messages"] * 6,
            "is_draft": [False] * 6,
            "conversation_id": ["c1", "c1", "c1", "c2", "c3", "c3"],
            "sent_at": [ts(2026, 4, 1), ts(2026, 5, 5), ts(2026, 5, 6), ts(2026, 5, 7), ts(2026, 5, 8), ts(2026, 5, 9)],
            "from_name": ["Ann", "Me", "Ann", "Ann", "Bo", "Me"],
            "sender_slug": ["ann", "me", "ann", "ann", "bo", "me"],
            "is_from_owner": [False, True, False, False, False, True],
            "is_possibly_sponsored": [False] * 6,
            "_source_line": [2, 3, 4, 5, 6, 7],
            "_export_id": ["e1"] * 6,
            "content_hash": ["a", "b", "c", "d", "e", "f"],
        }
    )
    rows = run_model(
        "intermediate.int_score_outcomes_followed",
        {
            "intermediate.int_score_regimes_numbered": regimes("m", score_days, [50.0, 52.0]),
            "intermediate.int_source_coverage_spanned": coverage,
            "staging.stg_linkedin__invitations": invitations,
            "intermediate.int_invitations_matched": matched,
            "staging.stg_linkedin__messages": messages,
            "config.params": params(),
        },
        "score_date, outcome",
        through=("intermediate.int_messages_threaded",),
    )
    assert [(r["score_date"], r["outcome"], r["window_end_on"], r["value"]) for r in rows] == [
        (D(2026, 5, 4), "acceptance_rate", D(2026, 5, 31), 0.5),
        (D(2026, 5, 4), "invitations_received", D(2026, 5, 31), 1.0),  # May 3 is before the score
        # Ann wrote before (April); c2 is a new conversation but not a new person; Bo is new.
        (D(2026, 5, 4), "messages_from_new_people", D(2026, 5, 31), 1.0),
        (D(2026, 5, 4), "replies_received", D(2026, 5, 31), 1.0),  # Ann answering the member on May 6
        # June 1 - 28 reaches past the exports (June 20): not covered.
        (D(2026, 6, 1), "acceptance_rate", D(2026, 6, 28), None),
        (D(2026, 6, 1), "invitations_received", D(2026, 6, 28), None),
        (D(2026, 6, 1), "messages_from_new_people", D(2026, 6, 28), None),
        (D(2026, 6, 1), "replies_received", D(2026, 6, 28), None),
    ]


def test_post_quality_measures_the_window_before_each_score():
    shares = pl.DataFrame(
        {
            "_member": ["m"] * 4,
            "shared_at": [ts(2026, 5, 1, 9), ts(2026, 5, 20, 9), ts(2026, 5, 25, 9), ts(2026, 6, 1, 9)],
            "commentary": ["abcd", "abcdefgh", None, "x"],
            "is_reshare": [False, False, True, False],
            "has_link": [True, False, True, False],
            "has_media": [False, False, False, False],
        }
    )
    articles = pl.DataFrame(
        {"_member": ["m"], "published_at": [ts(2026, 5, 10, 9)], "is_published": [True], "word_count": [800]}
    )
    rows = run_model(
        "intermediate.int_post_quality_measured",
        {
            "intermediate.int_score_regimes_numbered": regimes("m", [D(2026, 6, 1)], [50.0]),
            "staging.stg_linkedin__shares": shares,
            "staging.stg_linkedin__articles": articles,
            "intermediate.int_source_coverage_spanned": _shares_span("m", D(2026, 4, 1), D(2026, 6, 30)),
            "config.params": params(),
        },
    )
    # Window May 4 - May 31: the May 20 post (8 characters, no link) and the May 10 article; the reshare and the
    # posts of May 1 and June 1 fall outside.
    assert [
        (
            r["window_start_on"],
            r["window_end_on"],
            r["is_covered"],
            r["posts_and_articles"],
            r["mean_text_length"],
            r["media_or_link_share"],
            r["article_words"],
        )
        for r in rows
    ] == [(D(2026, 5, 4), D(2026, 5, 31), True, 2, 8.0, 0.0, 800)]


def test_article_persistence_compares_brand_before_and_months_after_within_the_regime():
    days = [D(2026, 1, 5) + timedelta(days=7 * k) for k in range(16)]
    brand = [10.0 + k for k in range(16)]
    articles = pl.DataFrame(
        {
            "_member": ["m", "m"],
            "article_key": ["a", "b"],
            "published_at": [ts(2026, 1, 20, 9), ts(2026, 4, 1, 9)],
            "is_published": [True, True],
        }
    )
    rows = run_model(
        "intermediate.int_article_scores_compared",
        {
            "staging.stg_linkedin__articles": articles,
            "intermediate.int_score_regimes_numbered": regimes("m", days, [b * 4 for b in brand], brand=brand),
            "config.params": params(),
        },
        "article_key",
    )
    # Article a (Jan 20): before = scores Dec 23 - Jan 20 (Jan 5, 12, 19: brand 10, 11, 12);
    # after = Mar 17 - Apr 14 (Mar 23, 30, Apr 6, 13: brand 21 - 24). Article b (Apr 1): before = Mar 9 - 30
    # (brand 19 - 22), and no scores 8 weeks later.
    assert [
        (r["article_key"], r["before_count"], r["before_brand"], r["after_count"], r["after_brand"]) for r in rows
    ] == [("a", 3, 11.0, 4, 22.5), ("b", 4, 20.5, 0, None)]


def test_profile_completeness_is_the_newest_export_before_the_score():
    completeness = pl.DataFrame(
        {"_member": ["m", "m"], "exported_on": [D(2026, 5, 4), D(2026, 5, 20)], "completeness": [0.5, 0.875]}
    )
    rows = run_model(
        "intermediate.int_profile_completeness_aligned",
        {
            "intermediate.int_score_regimes_numbered": regimes(
                "m", [D(2026, 5, 4), D(2026, 5, 11), D(2026, 5, 25)], [40.0, 44.0, 48.0]
            ),
            "intermediate.int_profile_completeness_scored": completeness,
        },
        "score_date",
    )
    assert [(r["score_date"], r["completeness"], r["completeness_change"], r["brand_change"]) for r in rows] == [
        (D(2026, 5, 4), None, None, None),  # the May 4 export may have been made after the score that day
        (D(2026, 5, 11), 0.5, None, 1.0),
        (D(2026, 5, 25), 0.875, 0.375, 1.0),
    ]


def test_correlation_pairs_never_straddle_a_regime_break():
    days = [D(2017, 1, 23), D(2017, 1, 30), D(2017, 2, 13), D(2017, 2, 20), D(2017, 2, 27)]
    proxies = pl.DataFrame(
        {
            "member": ["m"] * 5,
            "pillar": ["insights"] * 5,
            "proxy": ["comments"] * 5,
            "window_days": [7] * 5,
            "lag_days": [0] * 5,
            "score_date": days,
            "value": [1.0, 2.0, 3.0, 4.0, 6.0],
        }
    )
    scores = pl.DataFrame(
        {
            "member": ["m"] * 5,
            "score_date": days,
            "brand": [1.0] * 5,
            "people": [1.0] * 5,
            "relationships": [1.0] * 5,
            "insights": [10.0, 11.0, 5.0, 6.0, 8.0],
        }
    )
    rows = run_model(
        "intermediate.int_proxy_observations_paired",
        {
            "intermediate.int_pillar_proxies_measured": proxies,
            "staging.stg_ssi__scores": scores,
            "config.params": params(regime_breaks=[D(2017, 2, 10)]),
        },
        "measure desc, score_date",
    )
    assert [(r["measure"], r["score_date"], r["x"], r["y"]) for r in rows] == [
        ("level", D(2017, 1, 23), 1.0, 10.0),
        ("level", D(2017, 1, 30), 2.0, 11.0),
        # Feb 13's window (Feb 6 - 12) straddles the Feb 10 break: left out.
        ("level", D(2017, 2, 20), 4.0, 6.0),
        ("level", D(2017, 2, 27), 6.0, 8.0),
        # Jan 30 -> Feb 13 crosses the break (a 6-point drop made by LinkedIn): no change across it.
        ("change", D(2017, 1, 30), 1.0, 1.0),
        ("change", D(2017, 2, 27), 2.0, 2.0),
    ]


def test_a_gap_bracket_never_straddles_a_regime_break():
    weeks = [D(2026, 1, 5) + timedelta(days=7 * k) for k in range(10)]
    gaps = pl.DataFrame(
        {
            "_member": ["m"],
            "gap_start_on": [D(2026, 2, 2)],
            "gap_end_on": [D(2026, 3, 1)],
            "gap_days": [28],
            "is_open_ended": [False],
        }
    )
    posts = [D(2026, 1, 5) + timedelta(days=d) for d in range(0, 28, 2)]
    inputs = {
        "intermediate.int_sharing_gaps_found": gaps,
        "intermediate.int_source_coverage_spanned": _shares_span("m", D(2025, 12, 1), D(2026, 3, 31)),
        "intermediate.int_activity_events_unioned": _events("m", posts),
        "config.params": params(),
    }
    # Without a break the gap's bracket is Feb 2 -> Mar 2 (28 days).
    rows = run_model(
        "intermediate.int_score_intervals_classified",
        {**inputs, "intermediate.int_score_regimes_numbered": regimes("m", weeks, [50.0] * 10)},
    )
    assert [(r["start_date"], r["end_date"]) for r in rows if r["kind"] == "gap"] == [(D(2026, 2, 2), D(2026, 3, 2))]
    # A break on Feb 16 (the 7th score starts regime 1): inside the gap, Feb 2 -> Feb 9 and Feb 16 -> Mar 2 are
    # shorter than gap_min_days, so the gap has no bracket rather than one across the break.
    rows = run_model(
        "intermediate.int_score_intervals_classified",
        {**inputs, "intermediate.int_score_regimes_numbered": regimes("m", weeks, [50.0] * 10, [0] * 6 + [1] * 4)},
    )
    assert [r for r in rows if r["kind"] == "gap"] == []
