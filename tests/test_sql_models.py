"""Each SQL model on a few inline rows, with results computed by hand."""

from datetime import UTC, date, datetime

import polars as pl
import pytest

from model_harness import run_model

UTC = UTC


def ts(*args):
    return datetime(*args, tzinfo=UTC)


def test_connections_newest_export_wins_and_hidden_members_are_numbered_per_day():
    raw = pl.DataFrame(
        {
            "first_name": ["Ann", "Ann", None, None, None],
            "last_name": ["Lee", "Lee-Old", None, None, None],
            "profile_url": [
                "https://www.linkedin.com/in/Ann-Lee",
                "https://www.linkedin.com/in/ann-lee/",
                None,
                None,
                None,
            ],
            "connected_at": [ts(2026, 1, 5)] * 2 + [ts(2022, 6, 7)] * 3,
            "_export_id": ["new", "old", "new", "old", "old"],
            "_member": ["m"] * 5,
            "_source_line": [5, 5, 6, 6, 7],
            "_exported_at": [ts(2026, 9, 1), ts(2026, 3, 1), ts(2026, 9, 1), ts(2026, 3, 1), ts(2026, 3, 1)],
        }
    )
    snapshots = run_model("staging.stg_linkedin__connection_snapshots", {"raw.linkedin__connections": raw})
    rows = run_model(
        "staging.stg_linkedin__connections",
        {"staging.stg_linkedin__connection_snapshots": pl.DataFrame(snapshots)},
        "connection_key",
    )
    assert [
        (r["connection_key"], r["last_name"], r["_export_id"], r["is_hidden_member"], r["is_in_latest_export"])
        for r in rows
    ] == [
        ("ann-lee", "Lee", "new", False, True),
        ("hidden|2022-06-07|1", None, "new", True, True),
        # The old export had two hidden members that day; the newer one lists only one.
        ("hidden|2022-06-07|2", None, "old", True, False),
    ]


def test_ssi_scores_keep_the_latest_capture_of_each_day():
    raw = pl.DataFrame(
        {
            "member": ["m", "m", "m"],
            "score_date": [date(2026, 4, 6)] * 2 + [date(2026, 4, 13)],
            "captured_at": [ts(2026, 4, 6, 8), ts(2026, 4, 6, 18), None],
            "total": [50.0, 52.0, 55.0],
            "brand": [12.0, 13.0, 14.0],
            "people": [12.0] * 3,
            "insights": [13.0] * 3,
            "relationships": [13.0, 14.0, 16.0],
            "_imported_at": [ts(2026, 5, 1)] * 3,
            "source_line": [2, 3, 4],
            "raw_record": ["{}"] * 3,
        }
    )
    rows = run_model("staging.stg_ssi__scores", {"raw.ssi__scores": raw}, "score_date")
    assert [(r["score_date"], r["total"], r["captures_that_day"]) for r in rows] == [
        (date(2026, 4, 6), 52.0, 2),
        (date(2026, 4, 13), 55.0, 1),
    ]


def test_windows_end_the_day_before_the_score_shifted_by_the_lag():
    rows = run_model(
        "intermediate.int_score_windows_aligned",
        {
            "staging.stg_ssi__scores": {"member": ["m"], "score_date": [date(2026, 4, 13)]},
            "config.params": pl.DataFrame({"windows": [[7, 28]], "lags": [[0, 7]]}),
        },
        "window_days, lag_days",
    )
    assert [(r["window_days"], r["lag_days"], r["window_start_on"], r["window_end_on"]) for r in rows] == [
        (7, 0, date(2026, 4, 6), date(2026, 4, 12)),
        (7, 7, date(2026, 3, 30), date(2026, 4, 5)),
        (28, 0, date(2026, 3, 16), date(2026, 4, 12)),
        (28, 7, date(2026, 3, 9), date(2026, 4, 5)),
    ]


def test_invitations_are_accepted_when_the_invitee_connects_on_or_after_the_request():
    invitations = pl.DataFrame(
        {
            "_member": ["m"] * 4,
            "is_outgoing": [True, True, True, False],
            "sent_at": [ts(2026, 5, 1, 9), ts(2026, 5, 2, 9), ts(2026, 5, 3, 9), ts(2026, 5, 4, 9)],
            "invitee_slug": ["zoë", None, "old-friend", "me"],
            "to_name": ["Zoë L", "Bo Chen", "Old Friend", "Me"],
        }
    )
    connections = pl.DataFrame(
        {
            "_member": ["m"] * 3,
            "profile_slug": ["zoë", "bo-chen", "old-friend"],
            "first_name": ["Zoë", "Bo", "Old"],
            "last_name": ["L", "Chen", "Friend"],
            "connected_on": [date(2026, 5, 4), date(2026, 5, 2), date(2024, 1, 1)],
            "is_hidden_member": [False] * 3,
        }
    )
    rows = run_model(
        "intermediate.int_invitations_matched",
        {"staging.stg_linkedin__invitations": invitations, "staging.stg_linkedin__connections": connections},
        "sent_at",
    )
    assert [(r["to_name"], r["sent_on"], r["accepted_on"]) for r in rows] == [
        ("Zoë L", date(2026, 5, 1), date(2026, 5, 4)),  # matched by slug
        ("Bo Chen", date(2026, 5, 2), date(2026, 5, 2)),  # no URL (older export): matched by name
        ("Old Friend", date(2026, 5, 3), None),  # connected years before the request: not this one
    ]


def test_replies_are_the_members_next_message_in_the_same_conversation():
    messages = pl.DataFrame(
        {
            "_member": ["m"] * 9,
            "channel": ["messages"] * 9,
            # c4: the member's message in the same second as Cy's is not an answer to it; the one a day later is.
            "conversation_id": ["c1", "c1", "c1", "c2", "c3", "c4", "c4", "c4", "c1"],
            "sent_at": [ts(2026, 5, 1, 9), ts(2026, 5, 1, 10), ts(2026, 5, 3, 8), ts(2026, 5, 2), ts(2026, 5, 2)]
            + [ts(2026, 5, 4), ts(2026, 5, 4), ts(2026, 5, 5), None],
            "from_name": ["Ann", "Me", "Ann", "Bo", "Ad", "Cy", "Me", "Me", "Ann"],
            "content_hash": ["a", "b", "c", "d", "e", "f", "g", "h", "i"],
            "is_from_owner": [False, True, False, False, False, False, True, True, False],
            "is_draft": [False] * 9,
            "is_possibly_sponsored": [False, False, False, False, True, False, False, False, False],
            "_source_line": [2, 3, 4, 5, 6, 7, 8, 9, 10],
            "_export_id": ["e1"] * 9,
            "sender_slug": ["ann", "me", "ann", "bo", None, "cy", "me", "me", "ann"],
        }
    )
    rows = run_model(
        "intermediate.int_messages_replied",
        {"staging.stg_linkedin__messages": messages},
        "sent_at, conversation_id",
        through=("intermediate.int_messages_threaded",),
    )
    assert [(r["conversation_id"], r["received_on"], r["replied_at"]) for r in rows] == [
        ("c1", date(2026, 5, 1), ts(2026, 5, 1, 10)),
        ("c2", date(2026, 5, 2), None),
        ("c1", date(2026, 5, 3), None),
        ("c4", date(2026, 5, 4), ts(2026, 5, 5)),
        ("c1", None, None),  # no time: nothing is later
    ]


def test_a_conversation_starts_once_by_time_then_line_then_export():
    messages = pl.DataFrame(
        {
            "_member": ["m"] * 6,
            "channel": ["messages"] * 6,
            # c1: two first messages in the same second, the earlier line wins; c2: the same second and line in two
            # exports (an older export alone keeps one of them), the first export id wins; c3: no time sorts last.
            "conversation_id": ["c1", "c1", "c2", "c2", "c3", "c3"],
            "sent_at": [ts(2026, 5, 1), ts(2026, 5, 1), ts(2026, 5, 2), ts(2026, 5, 2), None, ts(2026, 5, 9)],
            "_source_line": [7, 4, 5, 5, 2, 3],
            "_export_id": ["e1", "e1", "e2", "e1", "e1", "e1"],
            "from_name": ["Ann", "Bo", "Cy", "Cy", "Di", "Di"],
            "content_hash": ["a", "b", "c", "d", "e", "f"],
            "is_from_owner": [False] * 6,
            "is_draft": [False] * 6,
            "is_possibly_sponsored": [False] * 6,
            "sender_slug": [None] * 6,
        }
    )
    rows = run_model("intermediate.int_messages_threaded", {"staging.stg_linkedin__messages": messages}, "content_hash")
    assert [(r["content_hash"], r["is_conversation_start"]) for r in rows] == [
        ("a", False),
        ("b", True),
        ("c", False),
        ("d", True),
        ("e", False),
        ("f", True),
    ]


def test_coverage_spans_merge_overlapping_exports_and_keep_gaps():
    exports = pl.DataFrame(
        {
            "export_id": ["e1", "e2", "e3"],
            "member": ["m"] * 3,
            "exported_at": [ts(2026, 3, 31), ts(2026, 6, 30), ts(2026, 12, 31)],
        }
    )
    ledger = pl.DataFrame(
        {
            "export_id": ["e1", "e2", "e3", "e1"],
            "table_name": ["invitations", "invitations", "invitations", "connections"],
            "status": ["loaded"] * 4,
        }
    )
    invitations = pl.DataFrame(
        {"_export_id": ["e1", "e2", "e3"], "sent_at": [ts(2026, 1, 1), ts(2026, 3, 1), ts(2026, 10, 1)]}
    )

    def empty_ts():
        return pl.DataFrame(
            {"_export_id": pl.Series([], dtype=pl.String), "t": pl.Series([], dtype=pl.Datetime("us", "UTC"))}
        )

    inputs = {"raw.exports": exports, "raw.load_ledger": ledger, "raw.linkedin__invitations": invitations}
    for table, column in [
        ("shares", "shared_at"),
        ("comments", "commented_at"),
        ("reactions", "reacted_at"),
        ("votes", "voted_at"),
        ("search_queries", "searched_at"),
        ("member_follows", "followed_at"),
        ("company_follows", "followed_at"),
        ("endorsements_received", "endorsed_at"),
        ("endorsements_given", "endorsed_at"),
        ("recommendations_received", "created_at"),
        ("recommendations_given", "created_at"),
        ("rich_media", "uploaded_at"),
        ("articles", "created_at"),
    ]:
        inputs[f"raw.linkedin__{table}"] = empty_ts().rename({"t": column})
    inputs["raw.linkedin__messages"] = empty_ts().rename({"t": "sent_at"}).with_columns(channel=pl.lit("messages"))
    sources = run_model("staging.stg_linkedin__export_sources", inputs, "_export_id, source_table")
    assert [(r["_export_id"], r["source_table"], r["has_file"], r["first_at"]) for r in sources] == [
        ("e1", "connections", True, None),
        ("e1", "invitations", True, ts(2026, 1, 1)),
        ("e2", "invitations", True, ts(2026, 3, 1)),
        ("e3", "invitations", True, ts(2026, 10, 1)),
    ]
    rows = run_model(
        "intermediate.int_source_coverage_spanned",
        {"staging.stg_linkedin__export_sources": pl.DataFrame(sources)},
        "source_table, span_number",
    )
    assert [(r["source_table"], r["span_number"], r["covered_from"], r["covered_to"]) for r in rows] == [
        ("connections", 1, date(1900, 1, 1), date(2026, 3, 31)),
        ("invitations", 1, date(2026, 1, 1), date(2026, 6, 30)),  # e1 and e2 overlap: one span
        ("invitations", 2, date(2026, 10, 1), date(2026, 12, 31)),  # July-September is not covered
    ]


def test_pillar_proxies_count_in_window_and_are_null_outside_coverage():
    windows = pl.DataFrame(
        {
            "member": ["m", "m"],
            "score_date": [date(2026, 4, 13), date(2026, 4, 20)],
            "window_days": [7, 7],
            "lag_days": [0, 0],
            "window_start_on": [date(2026, 4, 6), date(2026, 4, 13)],
            "window_end_on": [date(2026, 4, 12), date(2026, 4, 19)],
        }
    )
    mapping = pl.DataFrame(
        {
            "pillar": ["insights", "relationships", "relationships", "brand"],
            "proxy": ["comments", "acceptance_rate", "total_connections", "profile_completeness"],
            "activity_kind": ["comment", None, None, None],
            "source_table": ["comments", "invitations", "connections", "profile"],
            "measure_kind": ["count", "rate", "cumulative", "level"],
        }
    )
    events = pl.DataFrame(
        {
            "_member": ["m"] * 4,
            "proxy": ["comments"] * 4,
            "pillar": ["insights"] * 4,
            "activity_on": [date(2026, 4, 5), date(2026, 4, 6), date(2026, 4, 12), date(2026, 4, 13)],
        }
    )
    coverage = pl.DataFrame(
        {
            "_member": ["m"] * 3,
            "source_table": ["comments", "invitations", "connections"],
            "covered_from": [date(2026, 1, 1), date(2026, 4, 10), date(1900, 1, 1)],
            "covered_to": [date(2026, 4, 30)] * 3,
        }
    )
    invitations = pl.DataFrame(
        {
            "_member": ["m"] * 3,
            "sent_on": [date(2026, 4, 14), date(2026, 4, 15), date(2026, 4, 16)],
            "accepted_on": [date(2026, 4, 15), date(2026, 4, 25), None],
        }
    )
    connections = pl.DataFrame(
        {"_member": ["m"] * 3, "connected_on": [date(2020, 1, 1), date(2026, 4, 12), date(2026, 4, 13)]}
    )
    completeness = pl.DataFrame({"_member": ["m"], "exported_on": [date(2026, 4, 15)], "completeness": [0.75]})
    replied = pl.DataFrame(
        {
            "_member": pl.Series([], dtype=pl.String),
            "received_on": pl.Series([], dtype=pl.Date),
            "replied_at": pl.Series([], dtype=pl.Datetime("us", "UTC")),
        }
    )
    rows = run_model(
        "intermediate.int_pillar_proxies_measured",
        {
            "intermediate.int_score_windows_aligned": windows,
            "intermediate.int_activity_pillars_mapped": mapping,
            "intermediate.int_source_coverage_spanned": coverage,
            "intermediate.int_activity_events_unioned": events,
            "intermediate.int_invitations_matched": invitations,
            "intermediate.int_messages_replied": replied,
            "intermediate.int_profile_completeness_scored": completeness,
            "staging.stg_linkedin__connections": connections,
        },
        "proxy, score_date",
    )
    assert [(r["proxy"], r["score_date"], r["is_covered"], r["value"]) for r in rows] == [
        # Invitations coverage starts 2026-04-10: the first window (from 04-06) cannot be measured.
        ("acceptance_rate", date(2026, 4, 13), False, None),
        ("acceptance_rate", date(2026, 4, 20), True, 1 / 3),  # 3 sent in 04-13..04-19, 1 accepted by 04-19
        ("comments", date(2026, 4, 13), True, 2.0),  # 04-06 and 04-12; 04-05 and 04-13 are outside
        ("comments", date(2026, 4, 20), True, 1.0),
        ("profile_completeness", date(2026, 4, 13), False, None),  # the only export is later: unknown then
        ("profile_completeness", date(2026, 4, 20), True, 0.75),
        ("total_connections", date(2026, 4, 13), True, 2.0),
        ("total_connections", date(2026, 4, 20), True, 3.0),
    ]


def test_observations_pair_levels_and_changes_between_consecutive_scores():
    proxies = pl.DataFrame(
        {
            "member": ["m"] * 4,
            "pillar": ["insights"] * 4,
            "proxy": ["comments"] * 4,
            "window_days": [7] * 4,
            "lag_days": [0] * 4,
            "score_date": [date(2026, 4, 6), date(2026, 4, 13), date(2026, 4, 20), date(2026, 4, 27)],
            "value": [3.0, 5.0, None, 4.0],
        }
    )
    scores = pl.DataFrame(
        {
            "member": ["m"] * 4,
            "score_date": proxies["score_date"],
            "brand": [1.0] * 4,
            "people": [1.0] * 4,
            "relationships": [1.0] * 4,
            "insights": [10.0, 12.5, 12.0, 11.0],
        }
    )
    rows = run_model(
        "intermediate.int_proxy_observations_paired",
        {
            "intermediate.int_pillar_proxies_measured": proxies,
            "staging.stg_ssi__scores": scores,
            "config.params": pl.DataFrame({"regime_breaks": [[date(2017, 2, 10)]]}),
        },
        "measure desc, score_date",
    )
    assert [(r["measure"], r["score_date"], r["x"], r["y"]) for r in rows] == [
        ("level", date(2026, 4, 6), 3.0, 10.0),
        ("level", date(2026, 4, 13), 5.0, 12.5),
        ("level", date(2026, 4, 27), 4.0, 11.0),
        # 04-20 is uncovered, so neither 04-20 nor 04-27 has a change.
        ("change", date(2026, 4, 13), 2.0, 2.5),
    ]


def test_messages_keep_the_newest_copy_and_older_exports_add_only_what_newer_ones_lack():
    exports = pl.DataFrame(
        {
            "export_id": ["e1", "e2", "e3"],
            "member": ["m"] * 3,
            "member_name": ["Me Myself"] * 3,
            "member_profile_url": ["https://www.linkedin.com/in/me"] * 3,
            "exported_at": [ts(2026, 1, 1), ts(2026, 6, 1), ts(2026, 9, 1)],
        }
    )

    def msg(export, line, content, sent, sender="https://www.linkedin.com/in/ann", name="Ann", text=None):
        return {
            "_export_id": export,
            "_member": "m",
            "_source_line": line,
            "channel": "messages",
            "conversation_id": "c1",
            "sent_at": sent,
            "from_name": name,
            "content": content,
            "content_text": text or content,
            "sender_profile_url": sender,
            "direction": None,
            "folder": "INBOX",
            "is_message_draft": None,
            "has_html": text is not None,
            "conversation_title": None,
        }

    raw = pl.DataFrame(
        [
            msg("e3", 2, "hello", ts(2026, 5, 1)),
            msg("e2", 7, "hello", ts(2026, 5, 1)),
            msg("e1", 3, "hello", ts(2026, 5, 1)),
            msg("e1", 4, "old only", ts(2025, 12, 1)),
            msg("e2", 8, "old only", ts(2025, 12, 1)),  # truncated from e3
            msg("e3", 3, "mine", ts(2026, 8, 1), "https://www.linkedin.com/in/Me", "Me Myself"),
            # The same message as HTML in an old export, and as text with a real line break (and a trailing space in
            # the sender's name) in the newest: one message.
            msg("e1", 5, "<p>Two</p><p>lines</p>", ts(2026, 2, 1), text="Two\nlines"),
            msg("e3", 4, "Two\nlines ", ts(2026, 2, 1), name="Ann "),
            # Two different messages in the same second stay two.
            msg("e3", 5, "ok", ts(2026, 3, 1)),
            msg("e3", 6, "ok!", ts(2026, 3, 1)),
        ]
    )
    rows = run_model(
        "staging.stg_linkedin__messages", {"raw.linkedin__messages": raw, "raw.exports": exports}, "sent_at, content"
    )
    assert [(r["content"], r["_export_id"], r["is_from_owner"], r["is_draft"]) for r in rows] == [
        ("old only", "e2", False, False),
        ("Two\nlines ", "e3", False, False),
        ("ok", "e3", False, False),
        ("ok!", "e3", False, False),
        ("hello", "e3", False, False),
        ("mine", "e3", True, False),
    ]


def _frame(**columns):
    return pl.DataFrame(columns)


def test_activity_events_are_tagged_with_pillar_and_kind():
    mapping = pl.DataFrame(run_model("intermediate.int_activity_pillars_mapped", {}))
    m = ["m"]

    def empty_at(col):
        return _frame(_member=pl.Series([], dtype=pl.String), **{col: pl.Series([], dtype=pl.Datetime("us", "UTC"))})

    inputs = {
        "intermediate.int_activity_pillars_mapped": mapping,
        "staging.stg_linkedin__shares": _frame(
            _member=m * 2,
            shared_at=[ts(2026, 5, 1, 9), ts(2026, 5, 2)],
            is_reshare=[False, True],
            has_link=[True, False],
            has_media=[False, False],
        ),
        "staging.stg_linkedin__articles": _frame(_member=m, published_at=[ts(2026, 5, 3)], is_published=[True]),
        "staging.stg_linkedin__rich_media": empty_at("uploaded_at"),
        "staging.stg_linkedin__endorsements_received": empty_at("endorsed_at"),
        "staging.stg_linkedin__recommendations_received": empty_at("created_at"),
        "staging.stg_linkedin__search_queries": _frame(_member=m, searched_at=[ts(2026, 5, 4, 23, 30)]),
        "staging.stg_linkedin__member_follows": _frame(
            _member=m * 2, followed_at=[ts(2026, 5, 5)] * 2, status=["Active", "Unfollow"]
        ),
        "staging.stg_linkedin__company_follows": empty_at("followed_at"),
        "staging.stg_linkedin__invitations": _frame(
            _member=m * 2, sent_at=[ts(2026, 5, 6)] * 2, is_outgoing=[True, False]
        ),
        "intermediate.int_invitations_matched": _frame(_member=m, accepted_on=[date(2026, 5, 8)]),
        "staging.stg_linkedin__comments": empty_at("commented_at"),
        "staging.stg_linkedin__reactions": empty_at("reacted_at"),
        "staging.stg_linkedin__votes": empty_at("voted_at"),
        "staging.stg_linkedin__messages": _frame(
            _member=m * 3,
            channel=["messages", "messages", "coach"],
            is_draft=[False] * 3,
            conversation_id=["c1", "c1", "c9"],
            sent_at=[ts(2026, 5, 9), ts(2026, 5, 10), ts(2026, 5, 11)],
            _source_line=[3, 2, 2],
            _export_id=["e1"] * 3,
            is_from_owner=[True, False, True],
            from_name=["Me", "Ann", "Me"],
            sender_slug=["me", "ann", "me"],
            content_hash=["a", "b", "c"],
            is_possibly_sponsored=[False] * 3,
        ),
        "staging.stg_linkedin__connections": _frame(_member=m, connected_on=[date(2026, 5, 8)]),
        "staging.stg_linkedin__endorsements_given": empty_at("endorsed_at"),
        "staging.stg_linkedin__recommendations_given": empty_at("created_at"),
    }
    rows = run_model(
        "intermediate.int_activity_events_unioned",
        inputs,
        "activity_at, pillar, proxy",
        through=("intermediate.int_messages_threaded",),
    )
    assert [(r["activity_on"], r["activity_kind"], r["pillar"], r["proxy"]) for r in rows] == [
        (date(2026, 5, 1), "post", "brand", "posts"),
        (date(2026, 5, 1), "post_with_media_or_link", "brand", "posts_with_media_or_link"),
        (date(2026, 5, 2), "repost", "insights", "reposts"),
        (date(2026, 5, 3), "article_published", "brand", "articles_published"),
        (date(2026, 5, 4), "search_query", "people", "search_queries"),
        (date(2026, 5, 5), "member_follow", "people", "member_follows"),  # the Unfollow is not an activity
        (date(2026, 5, 6), "invitation_sent", "people", "invitations_sent"),  # one event, two pillars
        (date(2026, 5, 6), "invitation_sent", "relationships", "invitations_sent"),
        (date(2026, 5, 8), "invitation_accepted", "relationships", "invitations_accepted"),
        (date(2026, 5, 8), "new_connection", "relationships", "new_connections"),
        (date(2026, 5, 9), "message_sent", "insights", "messages_sent"),
        (date(2026, 5, 9), "conversation_started", "relationships", "conversations_started"),
    ]


def test_profile_completeness_counts_the_eight_items_per_export():
    exports = _frame(export_id=["e1"], member=["m"], exported_at=[ts(2026, 4, 15)])
    profile = _frame(
        _export_id=["e1"], headline=["Seller"], summary=[None], industry=["Software"], geo_location=["Lisbon"]
    )
    snapshots = run_model(
        "staging.stg_linkedin__profile_snapshots",
        {
            "raw.exports": exports,
            "raw.linkedin__profile": profile,
            "raw.linkedin__positions": _frame(_export_id=["e1"]),
            "raw.linkedin__education": _frame(_export_id=["e1"]),
            "raw.linkedin__skills": _frame(_export_id=["e1"] * 4),
            "raw.linkedin__rich_media": _frame(_export_id=["e1", "e1"], media_kind=["profile photo", "feed photo"]),
        },
    )
    assert [
        (r["positions_count"], r["education_count"], r["skills_count"], r["profile_photo_count"]) for r in snapshots
    ] == [(1, 1, 4, 1)]
    rows = run_model(
        "intermediate.int_profile_completeness_scored",
        {"staging.stg_linkedin__profile_snapshots": pl.DataFrame(snapshots)},
    )
    # headline, industry, location, a position, an education, a profile photo: 6 of 8 (no summary, 4 skills).
    assert [(r["exported_on"], r["items_filled"], r["completeness"]) for r in rows] == [(date(2026, 4, 15), 6, 0.75)]


def test_ssi_scores_mart_adds_changes_since_the_previous_score():
    scores = _frame(
        member=["m"] * 2,
        score_date=[date(2026, 4, 6), date(2026, 4, 20)],
        total=[50.0, 53.5],
        brand=[12.0, 13.0],
        people=[12.0, 12.5],
        insights=[13.0, 14.0],
        relationships=[13.0, 14.0],
        industry_rank=[10.0, 9.0],
        network_rank=[5.0, 5.0],
    )
    differenced = run_model(
        "intermediate.int_ssi_scores_differenced", {"staging.stg_ssi__scores": scores}, "score_date"
    )
    rows = run_model(
        "marts.ssi_scores", {"intermediate.int_ssi_scores_differenced": pl.DataFrame(differenced)}, "score_date"
    )
    assert rows == differenced
    assert [(r["days_since_previous"], r["total_change"], r["brand_change"], r["people_change"]) for r in rows] == [
        (None, None, None, None),
        (14, 3.5, 1.0, 0.5),
    ]


@pytest.mark.parametrize(
    "model,raw,key,extra",
    [
        ("stg_linkedin__reactions", "linkedin__reactions", {"reacted_at": ts(2026, 5, 1), "post_url": "p1"}, {}),
        (
            "stg_linkedin__search_queries",
            "linkedin__search_queries",
            {"searched_at": ts(2026, 5, 1), "query": "ceo"},
            {},
        ),
        ("stg_linkedin__company_follows", "linkedin__company_follows", {"organization": "Acme"}, {}),
        ("stg_linkedin__skills", "linkedin__skills", {"skill_name": "SQL"}, {}),
        (
            "stg_linkedin__comments",
            "linkedin__comments",
            {"commented_at": ts(2026, 5, 1), "post_url": "p1", "message": "Nice"},
            {},
        ),
    ],
)
def test_simple_staging_models_keep_one_row_per_key_from_the_newest_export(model, raw, key, extra):
    frame = pl.DataFrame(
        [
            {**key, **extra, "_member": "m", "_export_id": "old", "_exported_at": ts(2026, 3, 1), "_source_line": 2},
            {**key, **extra, "_member": "m", "_export_id": "new", "_exported_at": ts(2026, 9, 1), "_source_line": 9},
            {**key, **extra, "_member": "other", "_export_id": "x", "_exported_at": ts(2026, 3, 1), "_source_line": 2},
        ]
    )
    rows = run_model(f"staging.{model}", {f"raw.{raw}": frame}, "_member")
    assert [(r["_member"], r["_export_id"]) for r in rows] == [("m", "new"), ("other", "x")]
