"""What the loader keeps of private data: sensitive files and columns withheld, and optional redaction.

By default the résumé text (Private_identity_asset.csv), e-mail addresses, phone numbers and IP
addresses are not loaded (`include_sensitive` loads them). With `redact`, message bodies,
invitation notes and other people's names and profile URLs are replaced by keyed hashes (HMAC-SHA256
with a key kept in the home), so equal values stay equal — joins, de-duplication and every proxy
still work — while the text is gone. The member's own name and URL stay readable.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass
from functools import cache

import polars as pl
from linkedin_ssi.ingest.registry import ARTICLES_TABLE, BY_TABLE, profile_slug, stored_columns

# Files that hold mainly contact details, IP addresses or documents (base names, normalised like the registry).
SENSITIVE_FILES = {
    "privateidentityasset": "résumé text",
    "emailaddresses": "e-mail addresses",
    "phonenumbers": "phone numbers",
    "whatsappphonenumbers": "phone numbers",
    "registration": "IP addresses",
    "logins": "IP addresses",
    "securitychallenges": "IP addresses",
    "contacts": "e-mail addresses and phone numbers",
    "importedcontacts": "e-mail addresses and phone numbers",
    "receipts": "billing details",
    "receiptsv2": "billing details",
    "verifications": "identity documents",
    "jobapplications": "e-mail addresses and phone numbers",
}
_SENSITIVE_COLUMN = re.compile(r"e-?mail|phone|(^|_)ip(_|$)|ip_address", re.IGNORECASE)


@cache
def _privacy(table: str) -> tuple[frozenset[str], dict[str, str]]:
    """Return (sensitive columns, {column: redaction kind}) of a registry table, from its columns
    (`Col.sensitive`, `Col.redact`); none for other tables."""
    spec = BY_TABLE.get(table)
    columns = stored_columns(spec) if spec is not None else ()
    return frozenset(c.name for c in columns if c.sensitive), {c.name: c.redact for c in columns if c.redact}


@dataclass(frozen=True)
class PrivacyOptions:
    """How much private data to load."""

    include_sensitive: bool = False
    redact: bool = False
    key: bytes = b""  # the home's redaction key (required with redact)


def is_sensitive_column(name: str) -> bool:
    """Return True for a generic column that holds e-mail addresses, phone numbers or IP addresses."""
    return bool(_SENSITIVE_COLUMN.search(name))


class Redactor:
    """Keyed hashing that keeps the member's own name and profile URL readable."""

    def __init__(self, key: bytes, owner_name: str | None, owner_url: str | None) -> None:
        self.key = key
        self.owner_name = (owner_name or "").strip().casefold()
        self.owner_slug = profile_slug(owner_url)

    def digest(self, value: str) -> str:
        return hmac.new(self.key, value.strip().casefold().encode(), hashlib.sha256).hexdigest()[:16]

    def name(self, value: str | None) -> str | None:
        if value is None:
            return None
        return "".join(
            p if p == ", " or p.strip().casefold() == self.owner_name else f"h-{self.digest(p)}"
            for p in re.split(r"(, )", value)
        )

    def url(self, value: str | None) -> str | None:
        if value is None:
            return None
        out = []
        for part in value.split(","):
            slug = profile_slug(part)
            if slug is None:  # not a profile URL (an attachment link): hash it whole
                out.append(f"h-{self.digest(part)}")
            elif slug == self.owner_slug:
                out.append(part)
            else:
                out.append(f"https://www.linkedin.com/in/h-{self.digest(slug)}")
        return ",".join(out)

    def text(self, value: str | None) -> str | None:
        return None if value is None else f"h-{self.digest(value)} ({len(value)} characters)"


def apply_privacy(
    tables: dict[str, pl.DataFrame], options: PrivacyOptions, owner_name: str | None, owner_url: str | None
) -> dict[str, pl.DataFrame]:
    """Return the tables with sensitive columns emptied (unless included) and, with redact, private text hashed."""
    out = {}
    redactor = Redactor(options.key, owner_name, owner_url) if options.redact else None
    for table, frame in tables.items():
        changes = []
        sensitive, redacted = _privacy(table)
        if not options.include_sensitive:
            changes += [
                pl.lit(None, dtype=pl.String).alias(c)
                for c in frame.columns
                if c in sensitive or (not c.startswith("_") and table_is_generic(table) and is_sensitive_column(c))
            ]
        if redactor is not None:
            if "_unmapped" in frame.columns:
                changes.append(pl.lit(None, dtype=pl.String).alias("_unmapped"))
            for c in frame.columns:
                kind = redacted.get(c)
                if kind:
                    changes.append(pl.col(c).map_elements(getattr(redactor, kind), return_dtype=pl.String))
        out[table] = frame.with_columns(changes) if changes else frame
    return out


def table_is_generic(table: str) -> bool:
    """Return True for a table made from a CSV the registry does not know."""
    return table not in BY_TABLE and table != ARTICLES_TABLE
