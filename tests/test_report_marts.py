"""The marts the report reads, each on a few inline rows with results worked out by hand: the strongest cells and
their pairs, the exports with their ledger totals, the coverage spans, the month-by-month activity of day one, and
the blind spots as separate answer and detail."""

from __future__ import annotations

from datetime import UTC, date, datetime

import polars as pl

from model_harness import run_model

CELL = {
    "method": "spearman",
    "n": 20,
    "n_eff": 12.0,
    "ci_low": None,
    "ci_high": None,
    "p_value": 0.5,
    "q_value": 1.0,
    "p_method": "analytic",
}


def correlations(rows: list[tuple]) -> pl.DataFrame:
    """Return marts.pillar_correlations rows from (member, pillar, proxy, window, lag, measure, estimate, verdict)."""
    keys = ("member", "pillar", "proxy", "window_days", "lag_days", "measure", "estimate", "verdict")
    cells = [{**CELL, **dict(zip(keys, row))} for row in rows]
    for cell in cells:  # a cell without an estimate was not tested: no p-value, not in the family
        cell["p_value"] = None if cell["estimate"] is None else cell["p_value"]
    return pl.DataFrame(cells)


def strongest(rows: list[tuple]) -> list[tuple]:
    result = run_model(
        "marts.strongest_cells", {"marts.pillar_correlations": correlations(rows)}, "member, pillar, strength_rank"
    )
    return [
        (
            r["member"],
            r["pillar"],
            r["strength_rank"],
            r["proxy"],
            r["window_days"],
            r["measure"],
            r["estimate"],
            r["is_flagged"],
            r["family_tests"],
        )
        for r in result
    ]


def test_strongest_cells_keep_each_proxys_best_cell_ranked_by_size():
    rows = strongest(
        [
            ("m", "brand", "posts", 7, 0, "level", 0.30, "no evidence"),
            ("m", "brand", "posts", 28, 0, "change", -0.50, "no evidence"),  # posts' best: |−0.50| beats 0.30
            ("m", "brand", "articles", 7, 0, "level", 0.40, "no evidence"),
            ("m", "brand", "media", 7, 0, "level", None, "insufficient data"),  # no estimate: never a candidate
        ]
    )
    assert rows == [
        ("m", "brand", 1, "posts", 28, "change", -0.50, False, 3),
        ("m", "brand", 2, "articles", 7, "level", 0.40, False, 3),
    ]


def test_a_flagged_cell_shuts_out_the_pillars_unflagged_ones_even_when_they_are_larger():
    rows = strongest(
        [
            ("m", "people", "searches", 7, 0, "change", 0.45, "positive association"),
            ("m", "people", "follows", 7, 0, "level", 0.90, "no evidence"),
            ("m", "people", "searches", 28, 0, "level", 0.95, "no evidence"),  # larger, but not flagged
            ("m", "brand", "posts", 7, 0, "level", 0.20, "no evidence"),  # another pillar keeps its unflagged cells
        ]
    )
    assert rows == [
        ("m", "brand", 1, "posts", 7, "level", 0.20, False, 4),
        ("m", "people", 1, "searches", 7, "change", 0.45, True, 4),
    ]


def test_equal_estimates_are_ranked_by_proxy_then_window_and_each_member_counts_its_own_tests():
    rows = strongest(
        [
            ("m", "insights", "reactions", 28, 0, "level", -0.6, "no evidence"),
            ("m", "insights", "comments", 28, 0, "level", 0.6, "no evidence"),
            ("m", "insights", "comments", 7, 0, "level", 0.6, "no evidence"),
            ("all", "insights", "comments", 7, 0, "level", 0.1, "no evidence"),
        ]
    )
    assert rows == [
        ("all", "insights", 1, "comments", 7, "level", 0.1, False, 1),
        ("m", "insights", 1, "comments", 7, "level", 0.6, False, 3),
        ("m", "insights", 2, "reactions", 28, "level", -0.6, False, 3),
    ]


def test_the_pairs_behind_the_best_cell_are_the_members_own_or_everyones_for_all():
    best = pl.DataFrame(
        {
            "member": ["m", "all", "m"],
            "pillar": ["brand", "brand", "people"],
            "strength_rank": [1, 1, 2],
            "proxy": ["posts", "posts", "searches"],
            "window_days": [28, 28, 7],
            "lag_days": [0, 0, 0],
            "measure": ["change", "change", "level"],
        }
    )
    pairs = pl.DataFrame(
        {
            "member": ["m", "m", "n", "m", "m"],
            "pillar": ["brand", "brand", "brand", "brand", "people"],
            "proxy": ["posts", "posts", "posts", "posts", "searches"],
            "window_days": [28, 28, 28, 7, 7],
            "lag_days": [0] * 5,
            "measure": ["change", "change", "change", "change", "level"],
            "score_date": [
                date(2026, 4, 13),
                date(2026, 4, 20),
                date(2026, 4, 13),
                date(2026, 4, 13),
                date(2026, 4, 13),
            ],
            "x": [1.0, -2.0, 3.0, 9.0, 9.0],
            "y": [0.5, -0.25, 1.0, 9.0, 9.0],
        }
    )
    rows = run_model(
        "marts.strongest_cell_pairs",
        {"marts.strongest_cells": best, "intermediate.int_proxy_observations_paired": pairs},
        "member, pair_member, score_date",
    )
    # The 7-day cell is not the best one, and rank 2 has no scatter: neither brings pairs.
    assert [(r["member"], r["pair_member"], r["score_date"], r["x"], r["y"]) for r in rows] == [
        ("all", "m", date(2026, 4, 13), 1.0, 0.5),
        ("all", "m", date(2026, 4, 20), -2.0, -0.25),
        ("all", "n", date(2026, 4, 13), 3.0, 1.0),
        ("m", "m", date(2026, 4, 13), 1.0, 0.5),
        ("m", "m", date(2026, 4, 20), -2.0, -0.25),
    ]


def test_loaded_exports_total_the_files_read_and_count_ignored_files_apart():
    exported = datetime(2026, 10, 14, tzinfo=UTC)
    exports = pl.DataFrame(
        {
            "export_id": ["e1", "e2"],
            "member": ["m", "m"],
            "member_name": ["M", "M"],
            "exported_at": [exported, exported],
            "source_name": ["a.zip", "b.zip"],
        }
    )
    ledger = pl.DataFrame(
        {
            "export_id": ["e1", "e1", "e1"],
            "status": ["loaded", "kept_as_text", "ignored"],
            "rows_read": [10, 4, 0],
            "rows_loaded": [8, 0, 0],
            "rows_quarantined": [2, 0, 0],
            "rows_kept_as_text": [0, 4, 0],
        }
    )
    rows = run_model(
        "intermediate.int_export_loads_totalled",
        {"staging.stg_linkedin__exports": exports, "staging.stg_linkedin__load_ledger": ledger},
        "export_id",
    )
    assert [
        (
            r["export_id"],
            r["files_read"],
            r["files_ignored"],
            r["rows_read"],
            r["rows_loaded"],
            r["rows_quarantined"],
            r["rows_kept_as_text"],
        )
        for r in rows
    ] == [("e1", 2, 1, 14, 8, 2, 4), ("e2", 0, 0, 0, 0, 0, 0)]  # an export with no ledger rows still shows, with zeros


def test_source_coverage_marks_the_all_history_sentinel():
    spans = pl.DataFrame(
        {
            "_member": ["m", "m"],
            "source_table": ["connections", "shares"],
            "span_number": [1, 1],
            "covered_from": [date(1900, 1, 1), date(2026, 3, 3)],
            "covered_to": [date(2026, 10, 14)] * 2,
        }
    )
    rows = run_model("marts.source_coverage", {"intermediate.int_source_coverage_spanned": spans}, "source_table")
    assert [(r["member"], r["source_table"], r["covers_all_history"]) for r in rows] == [
        ("m", "connections", True),
        ("m", "shares", False),
    ]


def test_monthly_activity_joins_sharing_requests_and_replies_by_month():
    events = pl.DataFrame(
        {
            "_member": ["m"] * 4,
            "activity_kind": ["post", "repost", "comment", "article_published"],
            "activity_on": [date(2026, 3, 2), date(2026, 3, 20), date(2026, 3, 21), date(2026, 5, 1)],
        }
    )
    invitations = pl.DataFrame(
        {
            "_member": ["m"] * 3,
            "sent_on": [date(2026, 4, 1), date(2026, 4, 2), date(2026, 5, 9)],
            "accepted_on": [date(2026, 4, 3), None, None],
        }
    )
    replied = pl.DataFrame(
        {
            "_member": ["m"] * 2,
            "received_on": [date(2026, 4, 5), date(2026, 4, 6)],
            "replied_at": [datetime(2026, 4, 5, 9, tzinfo=UTC), None],
        }
    )
    rows = run_model(
        "marts.monthly_activity",
        {
            "intermediate.int_activity_events_unioned": events,
            "intermediate.int_invitations_matched": invitations,
            "intermediate.int_messages_replied": replied,
        },
        "month",
    )
    assert [
        (
            r["month"],
            r["shared_count"],
            r["requests_sent_count"],
            r["requests_accepted_count"],
            r["acceptance_rate"],
            r["messages_received_count"],
            r["messages_answered_count"],
            r["reply_rate"],
        )
        for r in rows
    ] == [
        (date(2026, 3, 1), 2, 0, 0, None, 0, 0, None),  # the comment is not sharing
        (date(2026, 4, 1), 0, 2, 1, 0.5, 2, 1, 0.5),
        (date(2026, 5, 1), 1, 1, 0, 0.0, 0, 0, None),
    ]


def test_blind_spots_keep_the_answer_and_its_detail_apart():
    listed = run_model("intermediate.int_pillar_blind_spots_listed", {})
    catalog = run_model(
        "marts.proxy_catalog",
        {
            "intermediate.int_pillar_blind_spots_listed": pl.DataFrame(listed),
            "intermediate.int_activity_pillars_mapped": pl.DataFrame(
                {
                    "pillar": ["people"],
                    "proxy": ["search_queries"],
                    "source_table": ["search_queries"],
                    "measure_kind": ["count"],
                    "definition": ["Searches run."],
                }
            ),
        },
    )
    spots = {r["signal"]: r for r in catalog if r["kind"] == "blind_spot"}
    assert {r["seen_in_export"] for r in spots.values()} == {"yes", "partly", "no"}
    days = spots["days active"]
    assert (days["seen_in_export"], days["seen_detail"]) == ("no", "Logins.csv keeps only a few recent logins")
    assert days["description"] == "days active — in the export: no: Logins.csv keeps only a few recent logins"
    views = spots["profile views (who you viewed, who viewed you)"]
    assert (views["seen_detail"], views["description"]) == (
        None,
        "profile views (who you viewed, who viewed you) — in the export: no",
    )
    (proxy,) = [r for r in catalog if r["kind"] == "proxy"]
    assert (proxy["proxy"], proxy["description"], proxy["signal"], proxy["seen_in_export"]) == (
        "search_queries",
        "Searches run.",
        None,
        None,
    )
