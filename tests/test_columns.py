"""Each fact about a column is stated once: the registry's columns carry the descriptions, checks and privacy of
every raw table; the profile slug and the pillar names have one Python definition, and the SQL's own copies agree."""

from __future__ import annotations

import duckdb
import pandera.polars as pa
import polars as pl
import pytest
from linkedin_ssi.ingest.contracts import contract, describe_columns
from linkedin_ssi.ingest.privacy import PrivacyOptions, apply_privacy
from linkedin_ssi.ingest.registry import BY_TABLE, NAME, TABLES, TEXT, URL, profile_slug, stored_columns
from linkedin_ssi.ingest.ssi_columns import PILLAR_LABELS, PILLARS
from linkedin_ssi.models.sql_runner import load_models

from linkedin_ssi.infra.resources import SQL_DIR

URLS = [
    "https://www.linkedin.com/in/Zo%C3%AB-x/?q",
    "www.linkedin.com/in/zoë-x",
    "linkedin.com/in/ann-lee#about",
    "https://www.linkedin.com/in/STRA%C3%9FE-1",
    "https://www.linkedin.com/in/%C4%B0lker-y",
    "https://www.linkedin.com/in/ΟΔΥΣΣΕΥΣ",
    "https://www.linkedin.com/in/a%20b/",
    "https://www.linkedin.com/in/",
    "https://www.linkedin.com/company/acme",
    "https://example.com/x",
    "",
    None,
]


def test_profile_slugs_are_the_same_in_python_and_in_the_warehouse_macro():
    with duckdb.connect() as con:
        con.execute((SQL_DIR / "macros.sql").read_text())
        in_sql = [con.execute("select profile_slug(?)", [u]).fetchone()[0] for u in URLS]
    assert (
        [profile_slug(u) for u in URLS]
        == in_sql
        == ["zoë-x", "zoë-x", "ann-lee", "straße-1", "ilker-y", "οδυσσευσ", "a b", None, None, None, None, None]
    )


def test_the_sql_names_the_pillars_as_python_does():
    doc = load_models()["intermediate.int_activity_pillars_mapped"].column_docs["pillar"]
    assert doc == "SSI pillar: " + ", ".join(f"{p} ({PILLAR_LABELS[p]})" for p in PILLARS) + "."


def test_redaction_and_withheld_columns_are_read_off_the_registry_columns():
    redacted = {(s.table, c.name): c.redact for s in TABLES for c in stored_columns(s) if c.redact}
    assert redacted == {
        ("connections", "first_name"): NAME,
        ("connections", "last_name"): NAME,
        ("connections", "profile_url"): URL,
        ("connections", "company"): NAME,
        ("invitations", "from_name"): NAME,
        ("invitations", "to_name"): NAME,
        ("invitations", "message"): TEXT,
        ("invitations", "inviter_profile_url"): URL,
        ("invitations", "invitee_profile_url"): URL,
        ("messages", "from_name"): NAME,
        ("messages", "to_names"): NAME,
        ("messages", "sender_profile_url"): URL,
        ("messages", "recipient_profile_urls"): URL,
        ("messages", "content"): TEXT,
        ("messages", "content_text"): TEXT,
        ("messages", "subject"): TEXT,
        ("messages", "conversation_title"): TEXT,
        ("messages", "attachments"): TEXT,
        ("endorsements_received", "endorser_first_name"): NAME,
        ("endorsements_received", "endorser_last_name"): NAME,
        ("endorsements_received", "endorser_profile_url"): URL,
        ("endorsements_given", "endorsee_first_name"): NAME,
        ("endorsements_given", "endorsee_last_name"): NAME,
        ("endorsements_given", "endorsee_profile_url"): URL,
        ("recommendations_received", "first_name"): NAME,
        ("recommendations_received", "last_name"): NAME,
        ("recommendations_received", "text"): TEXT,
        ("recommendations_given", "first_name"): NAME,
        ("recommendations_given", "last_name"): NAME,
        ("recommendations_given", "text"): TEXT,
        ("member_follows", "full_name"): NAME,
        ("search_queries", "query"): TEXT,
    }
    assert {(s.table, c.name) for s in TABLES for c in stored_columns(s) if c.sensitive} == {
        ("connections", "email_address")
    }


def test_privacy_does_what_the_registry_says_of_each_column():
    frame = pl.DataFrame(
        {
            "first_name": ["Ann"],
            "profile_url": ["https://www.linkedin.com/in/ann-lee"],
            "email_address": ["ann@example.com"],
            "position": ["CTO"],
        }
    )
    withheld = apply_privacy({"connections": frame}, PrivacyOptions(), None, None)["connections"]
    assert withheld.row(0) == ("Ann", "https://www.linkedin.com/in/ann-lee", None, "CTO")
    redacted = apply_privacy(
        {"connections": frame}, PrivacyOptions(redact=True, key=b"k" * 32), None, "https://www.linkedin.com/in/me"
    )["connections"].row(0, named=True)
    assert redacted["first_name"].startswith("h-") and redacted["position"] == "CTO"
    assert redacted["profile_url"].startswith("https://www.linkedin.com/in/h-")


@pytest.mark.parametrize(
    "table, column, checks",
    [
        ("connections", "profile_url", [pa.Check.str_startswith("http")]),
        ("reactions", "reaction_type", [pa.Check.str_matches(r"^[A-Z_]+$")]),
        ("member_follows", "status", [pa.Check.isin(["Active", "Unfollow"])]),
        ("invitations", "direction", [pa.Check.isin(["INCOMING", "OUTGOING"])]),
        ("messages", "content_text", []),
    ],
)
def test_contracts_check_what_the_registry_columns_say(table, column, checks):
    declared = contract(table).columns[column]
    assert [repr(c) for c in declared.checks] == [repr(c) for c in checks]
    assert declared.description == describe_columns(BY_TABLE[table])[column]
