"""The conversation models against a plain-Python reading of their definitions, on random conversations
(hypothesis): the first message of each conversation, and each received message's first later answer."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model_harness import run_model

START = datetime(2026, 5, 1, tzinfo=UTC)

# A message: conversation, minute (None: no time; few minutes, so seconds collide), line, export, from the member?
message = st.tuples(
    st.sampled_from(["c1", "c2", "c3"]),
    st.one_of(st.none(), st.integers(0, 5)),
    st.integers(1, 6),
    st.sampled_from(["e1", "e2"]),
    st.booleans(),
    st.booleans(),
)
# Derandomized: CI runs the same cases every time and a failure reproduces.
EXAMPLES = settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


def _staging(rows: list[tuple]) -> pl.DataFrame:
    """Return staging.stg_linkedin__messages rows (the columns the conversation models read) for `rows`; the content
    hash is the row's index, so each row is told apart."""
    return pl.DataFrame(
        {
            "_member": ["m"] * len(rows),
            "channel": ["messages"] * len(rows),
            "is_draft": [False] * len(rows),
            "conversation_id": [r[0] for r in rows],
            "sent_at": [None if r[1] is None else START + timedelta(minutes=r[1]) for r in rows],
            "_source_line": [r[2] for r in rows],
            "_export_id": [r[3] for r in rows],
            "is_from_owner": [r[4] for r in rows],
            "is_possibly_sponsored": [r[5] for r in rows],
            "from_name": ["Me" if r[4] else "Ann" for r in rows],
            "sender_slug": ["me" if r[4] else "ann" for r in rows],
            "content_hash": [str(i) for i in range(len(rows))],
        },
        schema_overrides={"sent_at": pl.Datetime("us", "UTC")},
    )


def _order(row: tuple) -> tuple:
    """A message's place in its conversation: by time (no time last), then line, then export."""
    return (row[1] is None, row[1] or 0, row[2], row[3])


@EXAMPLES
@given(st.lists(message, max_size=12, unique_by=lambda r: (r[2], r[3])))
def test_each_conversation_starts_once_at_its_first_message(rows):
    # (line, export) is unique: one line of one file is one message, as in the lake.
    got = run_model("intermediate.int_messages_threaded", {"staging.stg_linkedin__messages": _staging(rows)})
    firsts = {min((r for r in rows if r[0] == c), key=_order) for c in {r[0] for r in rows}}
    expected = {str(i) for i, r in enumerate(rows) if r in firsts}
    assert {r["content_hash"] for r in got if r["is_conversation_start"]} == expected
    assert len(got) == len(rows)


@EXAMPLES
@given(st.lists(message, max_size=12, unique_by=lambda r: (r[2], r[3])))
def test_a_received_message_is_answered_by_the_members_first_later_message(rows):
    got = run_model(
        "intermediate.int_messages_replied",
        {"staging.stg_linkedin__messages": _staging(rows)},
        through=("intermediate.int_messages_threaded",),
    )

    def answer(received: tuple) -> datetime | None:
        later = [
            r[1]
            for r in rows
            if r[0] == received[0] and r[4] and r[1] is not None and received[1] is not None and r[1] > received[1]
        ]
        return START + timedelta(minutes=min(later)) if later else None

    expected = {str(i): answer(r) for i, r in enumerate(rows) if not r[4] and not r[5]}
    assert {r["content_hash"]: r["replied_at"] for r in got} == expected
