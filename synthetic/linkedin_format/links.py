"""The shapes of LinkedIn's links and ids: profile URLs and slugs, feed links, activity and conversation ids,
signed media and attachment links.

Each function takes the invented parts (ids, tokens) from the caller, so each generator keeps drawing its random
values in its own order (the same seed must keep giving the same bytes).
"""

from __future__ import annotations

import base64
import random
import re
import unicodedata
import uuid

PROFILE_PREFIX = "https://www.linkedin.com/in/"
FEED_UPDATE_PREFIX = "https://www.linkedin.com/feed/update/"
# The suffix after `<uuid>_` in a conversation id (observed values).
CONVERSATION_SUFFIXES = ("000", "010", "100", "110", "001", "011")


def ascii_slug(text: str) -> str:
    """Return a lower-case ASCII slug, words joined by `-` (`Zoë Lambert` -> `zoe-lambert`)."""
    flat = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", flat.lower()).strip("-")


def profile_url(slug: str, scheme: bool = True) -> str:
    """Return `https://www.linkedin.com/in/<slug>`; without `scheme`, `www.linkedin.com/in/<slug>` as the
    Endorsement files write it (§2.14). The slug is written as given (Connections percent-encode a non-ASCII
    slug, Invitations do not)."""
    url = PROFILE_PREFIX + slug
    return url if scheme else url.removeprefix("https://")


def feed_update_url(kind: str, target: str | int, encoded: bool = True) -> str:
    """Return a feed link to `urn:li:<kind>:<target>` (kind `activity`, `ugcPost`, `share`, `groupPost`...),
    the URN percent-encoded as most files write it, or raw as Votes.csv and Saved_Items.csv do (§2.7)."""
    urn = f"urn%3Ali%3A{kind}%3A{target}" if encoded else f"urn:li:{kind}:{target}"
    return FEED_UPDATE_PREFIX + urn


def comment_reaction_url(post: str | int, comment: str | int) -> str:
    """Return the link of a reaction to a comment: the post's link with `?commentUrn=` (§2.6)."""
    return f"{feed_update_url('activity', post)}?commentUrn=urn%3Ali%3Acomment%3A(activity%3A{post}%2C{comment})"


def activity_id(epoch_ms: int, low_bits: int) -> int:
    """Return a 19-digit LinkedIn id: the Unix time in milliseconds in the high bits, 22 low bits below."""
    return (epoch_ms << 22) | low_bits


def conversation_id(rng: random.Random, suffix: str | None = None) -> str:
    """Return `2-` + base64(`<uuid4>_<3 digits>`), a messages.csv CONVERSATION ID; the uuid is drawn from `rng`,
    then the suffix (unless given) from `CONVERSATION_SUFFIXES`."""
    u = uuid.UUID(int=rng.getrandbits(128), version=4)
    if suffix is None:
        suffix = rng.choice(CONVERSATION_SUFFIXES)
    return "2-" + base64.b64encode(f"{u}_{suffix}".encode()).decode()


def attachment_url(kind: str, asset: str, epoch_ms: int, m_token: str, t_token: str) -> str:
    """Return a messages.csv ATTACHMENTS link (`kind` `image` or `vid`), signed with the given tokens."""
    return (
        f"https://www.linkedin.com/dms/prv/{kind}/v2/D4D06AQ{asset}/messaging-attachmentFile/0/{epoch_ms}"
        f"?m=AQ{m_token}&ne=1&v=beta&t={t_token}"
    )


def media_url(asset: str, variant: str, epoch_ms: int, expires: int, t_token: str) -> str:
    """Return a signed media.licdn.com link (Shares' MediaUrl, Rich_Media's Media Link): `asset` is the id
    (`D4D22AQ...`), `variant` the rendition (`feedshare-shrink_800`, `image-shrink_1280`, ...)."""
    return f"https://media.licdn.com/dms/image/v2/{asset}/{variant}/0/{epoch_ms}?e={expires}&v=beta&t={t_token}"
