"""Whose export it is and when it was made, from the export's own rows: LinkedIn names neither (Profile.csv has
no URL, and file names are unreliable)."""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, datetime
from typing import cast

import polars as pl
from linkedin_ssi.ingest.registry import profile_slug

# Tables whose timestamps tell when the export was made (events and learning can lie in the future).
_ACTIVITY_TIMES = {
    "messages": "sent_at",
    "invitations": "sent_at",
    "shares": "shared_at",
    "comments": "commented_at",
    "reactions": "reacted_at",
    "votes": "voted_at",
    "search_queries": "searched_at",
    "endorsements_received": "endorsed_at",
    "endorsements_given": "endorsed_at",
    "company_follows": "followed_at",
    "member_follows": "followed_at",
    "rich_media": "uploaded_at",
}


def normalise_profile_url(url: str | None) -> str | None:
    """Return `https://www.linkedin.com/in/<slug>` with the slug decoded and lower-cased (registry.profile_slug),
    or None."""
    slug = profile_slug(url)
    return f"https://www.linkedin.com/in/{slug}" if slug else None


def identify_member(tables: dict[str, pl.DataFrame]) -> tuple[str | None, str | None]:
    """Return (display name, owner profile URL) inferred from the export's own data.

    The owner's URL is not in Profile.csv. In order: the inviter of OUTGOING / invitee of INCOMING
    invitations; the sender URL of messages whose FROM is the Profile.csv name; the sender of
    drafts (always the owner's), else the participant present in the most conversations. The name comes from
    Profile.csv, else from the FROM of the owner's own messages or OUTGOING invitations.
    """
    name = None
    if (profile := tables.get("profile")) is not None and profile.height:
        row = profile.row(0, named=True)
        name = " ".join(p.strip() for p in (row["first_name"], row["last_name"]) if p) or None
    votes: Counter[str] = Counter()
    inv = tables.get("invitations")
    if inv is not None and inv.height:
        for direction, column in (("OUTGOING", "inviter_profile_url"), ("INCOMING", "invitee_profile_url")):
            for url in inv.filter(pl.col("direction") == direction)[column].drop_nulls().to_list():
                if u := normalise_profile_url(url):
                    votes[u] += 1
    msg = tables.get("messages")
    if not votes and msg is not None and msg.height:
        if name:
            for url in msg.filter(pl.col("from_name").str.strip_chars() == name)["sender_profile_url"].drop_nulls():
                if u := normalise_profile_url(url):
                    votes[u] += 1
        if not votes:
            for conv in (
                msg.filter(pl.col("conversation_id").is_not_null())
                .group_by("conversation_id")
                .agg(pl.col("sender_profile_url"), pl.col("recipient_profile_urls"))
                .iter_rows(named=True)
            ):
                urls = set(conv["sender_profile_url"]) | {
                    u for joined in conv["recipient_profile_urls"] if joined for u in joined.split(",")
                }
                votes.update({n for u in urls if u and (n := normalise_profile_url(u))})
            # Drafts are only ever the owner's own: their sender outweighs any conversation count.
            drafts = msg.filter(pl.col("conversation_id").is_null() | pl.col("is_message_draft").fill_null(False))
            for u in drafts["sender_profile_url"].drop_nulls():
                if n := normalise_profile_url(u):
                    votes[n] += 1000
    url = min(votes, key=lambda u: (-votes[u], u)) if votes else None
    if name is None and url and msg is not None and msg.height:
        own = msg.filter(
            pl.col("sender_profile_url").map_elements(normalise_profile_url, return_dtype=pl.String) == url
        )
        names = Counter(n.strip() for n in own["from_name"].drop_nulls())
        name = names.most_common(1)[0][0] if names else None
    if name is None and inv is not None and inv.height:
        names = Counter(n.strip() for n in inv.filter(pl.col("direction") == "OUTGOING")["from_name"].drop_nulls())
        name = names.most_common(1)[0][0] if names else None
    return name, url


def member_key(name: str | None, url: str | None, export_id: str) -> str:
    """Return the member's key: the profile slug, else the name as a slug, else `unknown-<export id>`."""
    if url:
        return url.rsplit("/", 1)[-1]
    if name:
        return re.sub(r"[^\w]+", "-", name.casefold()).strip("-")
    return f"unknown-{export_id[:8]}"


def exported_at(tables: dict[str, pl.DataFrame], source_name: str) -> datetime | None:
    """Return when the export was made: its newest activity timestamp, else the date in its name, else None."""
    # Series.max() is typed as any Python scalar; these columns are Datetime, so a value is a datetime or None.
    maxima = [f[c].max() for t, c in _ACTIVITY_TIMES.items() if (f := tables.get(t)) is not None and f.height]
    newest = [cast(datetime, n) for n in maxima if n is not None]
    if newest:
        return max(newest)
    m = re.search(r"(\d{2})-(\d{2})-(\d{4})", source_name)  # Basic_LinkedInDataExport_MM-DD-YYYY
    if m:
        return datetime(int(m.group(3)), int(m.group(1)), int(m.group(2)), tzinfo=UTC)
    return None
