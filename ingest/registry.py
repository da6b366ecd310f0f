"""The one place that maps LinkedIn export files to warehouse tables, and says everything about their columns.

Adding a LinkedIn file is one `TableSpec`; adding a column is one `Col`: its headers, type and date formats, its
description (the warehouse's COMMENT ON COLUMN), what its contract checks, and what privacy does with it. Header
names are matched after `norm_header` (case, spaces and underscores removed), so `SharedURL`/`SharedUrl` and
`Share Commentary`/`ShareCommentary` are the same column; other renames are listed as aliases. Columns are
mapped by name, never by position. Files not listed here are kept as generic raw tables.

`stored_columns(spec)` is what a table stores (a `Column` each: name, dtype, description, checks, privacy), read by
the parser (ingest.coerce), the contracts (ingest.contracts), privacy (ingest.privacy) and the warehouse build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import unquote

import polars as pl

# Date formats by file and column, from linkedin-export-format.md §3. Each is (strptime format, has_time_zone).
UTC_DASH = ("%Y-%m-%d %H:%M:%S UTC", True)
UTC_SLASH = ("%Y/%m/%d %H:%M:%S UTC", True)
UTC_JAVA = ("%a %b %d %H:%M:%S UTC %Y", True)
LOCAL_DASH = ("%Y-%m-%d %H:%M:%S", False)  # Shares, Comments, Reactions...: no zone given; presumed UTC
LOCAL_ISO_T = ("%Y-%m-%dT%H:%M:%S", False)  # messages, ~2019-11 to 2020-02
US_SHORT = ("%m/%d/%y, %I:%M %p", False)  # Invitations "3/7/26, 1:07 PM"; Recommendations "03/05/21, 09:12 AM"
LEARNING_UTC = ("%Y-%m-%d %H:%M UTC", True)

# What `--redact` does to a column (ingest.privacy.Redactor): hash each name, each profile URL's slug, or the text.
NAME, URL, TEXT = "name", "url", "text"
UTC = "UTC"


@dataclass(frozen=True)
class Column:
    """One column of a raw table as stored: name, dtype and description, the contract's checks, and privacy."""

    name: str
    dtype: pl.DataType
    description: str
    nullable: bool = True
    isin: tuple[str, ...] = ()  # contract: one of these
    startswith: str = ""  # contract: values start with this
    pattern: str = ""  # contract: values match this regular expression
    redact: str = ""  # NAME, URL or TEXT: replaced by a keyed hash under --redact
    sensitive: bool = False  # contact details: emptied unless --include-sensitive
    derive: str = ""  # a column the file does not hold: the parser's derivation (ingest.coerce.DERIVATIONS)


@dataclass(frozen=True)
class Col:
    """One typed column: `name` in the warehouse, `headers` it may be called in the file.

    kind: text | timestamp | date | month | bool | events_range | rich_media_sentence.
    `formats` are tried in order; the first that parses wins.
    """

    name: str
    headers: tuple[str, ...]
    description: str
    kind: str = "text"
    formats: tuple[tuple[str, bool], ...] = ()
    required: bool = False  # the header must be present (a file without it is unrecognisable)
    not_null: bool = False  # a row with an empty value is quarantined
    isin: tuple[str, ...] = ()
    true_values: tuple[str, ...] = ("yes", "true")
    label: str = ""  # the header as LinkedIn writes it, for messages
    placeholders: tuple[str, ...] = ()  # text LinkedIn writes for "none" in a text column (Learning notes: 'N/A')
    startswith: str = ""  # contract: every value starts with this (a URL column: "http")
    pattern: str = ""  # contract: every value matches this regular expression
    redact: str = ""  # NAME, URL or TEXT: other people's names, profile URLs and private text, hashed under --redact
    sensitive: bool = False  # contact details, emptied unless --include-sensitive
    repair: str = ""  # a fix-up of LinkedIn's mangling of the text (ingest.coerce.REPAIRS)


@dataclass(frozen=True)
class TableSpec:
    """How one kind of export file becomes one raw table `raw.linkedin__<table>`."""

    table: str
    files: tuple[str, ...]  # base names (numbered chunks `_123` are matched too)
    signatures: tuple[tuple[str, ...], ...]  # header cells that identify the header row (any one set)
    columns: tuple[Col, ...]
    description: str
    dialect: str = "standard"  # standard | comments | first_comma
    natural_key: tuple[str, ...] = ()  # documents how staging de-duplicates across exports
    derived: tuple[Column, ...] = field(default_factory=tuple)  # columns the parser adds (messages' channel, ...)


def has_time(fmt: str) -> bool:
    """Return True when a strptime format reads a time of day."""
    return any(d in fmt for d in ("%H", "%I"))


def timestamp_flag(col: Col) -> str | None:
    """Return the name of the 'zone was given' flag column for a timestamp column, if it needs one."""
    if col.kind == "timestamp" and any(not has_tz for _, has_tz in col.formats):
        return f"has_{col.name}_tz"
    return None


def time_flag(col: Col) -> str | None:
    """Return the name of the 'a time of day was given' flag for a timestamp column whose eras differ
    (2018 Connections give a time, later ones only the day), else None."""
    if col.kind == "timestamp" and len({has_time(f) for f, _ in col.formats}) == 2:
        return f"has_{col.name}_time"
    return None


_TIMESTAMP = pl.Datetime("us", UTC)
_KIND_DTYPES = {
    "timestamp": _TIMESTAMP,
    "date": pl.Date(),
    "month": pl.Date(),
    "bool": pl.Boolean(),
    "rich_media_sentence": _TIMESTAMP,
    "text": pl.String(),
}


def _stored(col: Col) -> tuple[Column, ...]:
    """Return the columns one Col stores: its value (with its checks and privacy), then what its kind adds."""
    if col.kind == "events_range":  # one text cell, two timestamps
        return (
            Column("starts_at", _TIMESTAMP, "Event start, from 'Event Time' (no time zone given; stored as UTC)."),
            Column("ends_at", _TIMESTAMP, "Event end, from 'Event Time' (no time zone given; stored as UTC)."),
        )
    out = [
        Column(
            col.name,
            _KIND_DTYPES[col.kind],
            col.description,
            nullable=not col.not_null,
            isin=col.isin,
            startswith=col.startswith,
            pattern=col.pattern,
            redact=col.redact,
            sensitive=col.sensitive,
        )
    ]
    if flag := timestamp_flag(col):
        out.append(
            Column(
                flag,
                pl.Boolean(),
                f"True when LinkedIn wrote a time zone for {col.name}; false when it gave none and UTC is assumed.",
            )
        )
    if flag := time_flag(col):
        out.append(
            Column(
                flag,
                pl.Boolean(),
                f"True when LinkedIn wrote a time of day for {col.name}; false when it gave only the day (00:00).",
            )
        )
    if col.kind == "rich_media_sentence":
        out.append(
            Column(
                "media_kind",
                pl.String(),
                "What was uploaded ('feed photo', 'profile photo', 'video', ...), from the sentence.",
            )
        )
    return tuple(out)


UNMAPPED = Column(
    "_unmapped",
    pl.String(),
    "JSON of columns the file had that the registry does not know (new LinkedIn columns); NULL if none.",
)
# Lineage on every row of every LinkedIn table, added by the parser and the lake writer.
LINEAGE = (
    Column("_export_id", pl.String(), "Content hash of the export archive this row was read from.", nullable=False),
    Column("_member", pl.String(), "Member the export belongs to (profile slug, or --member).", nullable=False),
    Column("_source_file", pl.String(), "Path of the file inside the export.", nullable=False),
    Column("_source_line", pl.Int64(), "1-based physical line where the record starts in that file.", nullable=False),
    # The export time is unknown for an export with no dated activity at all.
    Column("_exported_at", _TIMESTAMP, "When the export was made (its newest activity timestamp)."),
)
# A registry table's lineage columns, after its data columns, in this order in the lake and in the raw tables: the
# warehouse's raw view of a lake file written so reads it as it is, and an individual's raw parts are its lake files.
RAW_LINEAGE_ORDER = ("_source_line", *(c.name for c in LINEAGE if c.name != "_source_line"))


def stored_names(col: Col) -> tuple[str, ...]:
    """Return the names of the columns one Col stores: its value, then what its kind adds (flags, parts)."""
    return tuple(c.name for c in _stored(col))


def stored_columns(spec: TableSpec) -> tuple[Column, ...]:
    """Return the typed columns a spec's table stores, in order (lineage, LINEAGE, comes after them)."""
    return (*(c for col in spec.columns for c in _stored(col)), *spec.derived, UNMAPPED)


def schema_of(columns: tuple[Column, ...]) -> dict[str, pl.DataType]:
    """Return {name: dtype} of `columns`, in order."""
    return {c.name: c.dtype for c in columns}


def docs_of(columns: tuple[Column, ...]) -> dict[str, str]:
    """Return {name: description} of `columns`, in order."""
    return {c.name: c.description for c in columns}


@lru_cache(maxsize=4096)  # every file's header is matched against its spec's aliases: the same few cells
def norm_header(h: str) -> str:
    """Return a header cell normalised for matching: no BOM/quotes/spaces/underscores, case-folded."""
    return re.sub(r"[\s_]+", "", h.strip().lstrip("\ufeff").strip('"')).casefold()


_CHUNK = re.compile(r"^(?P<base>.+?)(?:_\d+)?\.csv$", re.IGNORECASE)


def norm_file(name: str) -> str | None:
    """Return the normalised base name of a CSV (`Comments_34875879.csv` -> `comments`), None if not a CSV."""
    m = _CHUNK.match(name)
    if not m:
        return None
    return re.sub(r"[\s_]+", "", m.group("base")).casefold()


def snake(name: str) -> str:
    """Return a snake_case identifier for a file or header name (`Ad_Targeting` -> `ad_targeting`)."""
    s = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    s = re.sub(r"[^0-9a-zA-Z]+", "_", s).strip("_").lower()
    return s or "column"


_PROFILE = re.compile(r"/in/([^/?#]+)")


def profile_slug(url: str | None) -> str | None:
    """Return the profile slug of a LinkedIn profile URL, percent-decoded and lower-cased, or None.

    `https://www.linkedin.com/in/Zo%C3%AB-x/?q` and `www.linkedin.com/in/zoë-x` both give `zoë-x`: the key that
    recognises a person across files and exports. The SQL macro `profile_slug` (sql/macros.sql) does the same in the
    warehouse (tests/test_columns.py checks that they agree). Lower-casing is per character, as DuckDB's `lower`
    does it (not Python's casefold, which turns 'ß' into 'ss'), so keys made here and there match.
    """
    m = _PROFILE.search(url or "")
    slug = "".join(_lower(c) for c in unquote(m.group(1))) if m else ""
    return slug or None


def _lower(char: str) -> str:
    # Python lower-cases 'İ' to two characters (i + a combining dot); DuckDB, per character, to 'i'.
    lowered = char.lower()
    return lowered if len(lowered) == 1 else char.casefold()[0]


def _c(name, headers, description, **kw) -> Col:
    if isinstance(headers, str):
        headers = (headers,)
    return Col(name, tuple(norm_header(h) for h in headers), description, label=headers[0], **kw)


MESSAGE_COLUMNS = (
    _c("conversation_id", "CONVERSATION ID", "LinkedIn's conversation id (`2-` + base64); empty for orphan drafts."),
    _c(
        "conversation_title",
        "CONVERSATION TITLE",
        "Title of group chats, InMail and sponsored conversations.",
        redact=TEXT,
    ),
    _c("from_name", "FROM", "Sender display name.", required=True, redact=NAME),
    _c(
        "sender_profile_url",
        "SENDER PROFILE URL",
        "Sender's profile URL; empty for hidden members and sponsored senders.",
        redact=URL,
    ),
    _c("to_names", "TO", "Recipient display names joined with ', '.", required=True, redact=NAME),
    _c(
        "recipient_profile_urls",
        "RECIPIENT PROFILE URLS",
        "Recipient profile URLs joined with ',' (2023+).",
        redact=URL,
    ),
    _c(
        "sent_at",
        "DATE",
        "When the message was sent (UTC).",
        kind="timestamp",
        required=True,
        not_null=True,
        formats=(UTC_DASH, LOCAL_ISO_T, US_SHORT),
    ),
    _c("subject", "SUBJECT", "Subject (InMail and old-style messages).", redact=TEXT),
    _c("content", "CONTENT", "Message body as LinkedIn wrote it (may be HTML).", required=True, redact=TEXT),
    _c("folder", "FOLDER", "INBOX, ARCHIVE, SPAM or empty (drafts); 2018: INBOX, SENT, ARCHIVED."),
    _c("attachments", "ATTACHMENTS", "Attachment URLs joined with ',' (2025+).", redact=TEXT),
    _c("is_message_draft", "IS MESSAGE DRAFT", "The message is an unsent draft (Dec 2024+ exports).", kind="bool"),
    _c(
        "is_conversation_draft",
        "IS CONVERSATION DRAFT",
        "The whole conversation is a draft (Dec 2024+ exports).",
        kind="bool",
    ),
    _c("direction", "Direction", "INCOMING or OUTGOING (2018 exports only).", isin=("INCOMING", "OUTGOING")),
)

TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        "connections",
        ("Connections",),
        (("First Name", "Connected On"),),
        (
            _c(
                "first_name",
                "First Name",
                "Connection's first name (not trimmed, as LinkedIn wrote it).",
                required=True,
                redact=NAME,
            ),
            _c(
                "last_name",
                "Last Name",
                "Connection's last name; may carry credentials ('Smith, PhD').",
                required=True,
                redact=NAME,
            ),
            _c(
                "profile_url",
                "URL",
                "Connection's profile URL (mid-2023+); slug may be percent-encoded.",
                startswith="http",
                redact=URL,
            ),
            _c("email_address", "Email Address", "Only present when the connection allows it.", sensitive=True),
            # An employer narrows a person down as a name does.
            _c("company", "Company", "Connection's current employer at export time.", redact=NAME),
            _c("position", "Position", "Connection's current title at export time."),
            _c(
                "connected_at",
                "Connected On",
                "When the connection was made (no time zone; stored as UTC): the time of "
                "day only in 2018 exports ('3/14/17, 9:05 AM'; see has_connected_at_time), else midnight of the day.",
                kind="timestamp",
                required=True,
                not_null=True,
                formats=(("%d %b %Y", False), US_SHORT, ("%d-%b-%y", False)),
            ),
            _c("address", "Address", "Legacy (≤2017) column."),
            _c("websites", "Websites", "Legacy (≤2017) column."),
            _c("instant_messengers", "Instant Messengers", "Legacy (≤2017) column."),
        ),
        "1st-degree connections, one row per connection per export. Rows with only a date are hidden/closed members.",
        natural_key=("connection_key",),
    ),
    TableSpec(
        "invitations",
        ("Invitations",),
        (("From", "To", "Sent At", "Direction"),),
        (
            _c("from_name", "From", "Inviter display name.", required=True, redact=NAME),
            _c("to_name", "To", "Invitee display name.", required=True, redact=NAME),
            _c(
                "sent_at",
                "Sent At",
                "When the invitation was sent (LinkedIn gives no time zone; stored as UTC).",
                kind="timestamp",
                required=True,
                not_null=True,
                formats=(US_SHORT,),
            ),
            _c("message", "Message", "Optional invitation note.", redact=TEXT),
            _c(
                "direction",
                "Direction",
                "INCOMING or OUTGOING.",
                required=True,
                not_null=True,
                isin=("INCOMING", "OUTGOING"),
            ),
            _c(
                "inviter_profile_url",
                "inviterProfileUrl",
                "Inviter profile URL (2023-09+).",
                startswith="http",
                redact=URL,
            ),
            _c(
                "invitee_profile_url",
                "inviteeProfileUrl",
                "Invitee profile URL (2023-09+).",
                startswith="http",
                redact=URL,
            ),
        ),
        "Connection requests sent and received; LinkedIn keeps only the last 6–9 months.",
        natural_key=("direction", "sent_at", "from_name", "to_name"),
    ),
    TableSpec(
        "messages",
        ("messages", "guide_messages", "coach_messages", "learning_coach_messages", "learning_role_play_messages"),
        (("FROM", "TO", "DATE", "CONTENT"),),
        MESSAGE_COLUMNS,
        "Direct messages, InMail and sponsored messages, plus LinkedIn's coach/guide side files (see `channel`).",
        natural_key=("conversation_id", "sent_at", "from_name", "content_hash"),
        derived=(
            Column(
                "channel",
                pl.String(),
                "Which file: 'messages' or a side file ('guide', 'coach', 'learning_coach', ...).",
                derive="message_channel",
            ),
            Column(
                "content_text",
                pl.String(),
                "CONTENT with HTML tags and entities turned into plain text.",
                redact=TEXT,
                derive="html_text",
            ),
            Column("has_html", pl.Boolean(), "CONTENT is HTML (sponsored, InMail campaigns).", derive="html_text"),
        ),
    ),
    TableSpec(
        "shares",
        ("Shares",),
        (("Date", "ShareCommentary"),),
        (
            _c(
                "shared_at",
                "Date",
                "When the post was published (no zone given before 2018's UTC; presumed UTC).",
                kind="timestamp",
                required=True,
                not_null=True,
                formats=(LOCAL_DASH, UTC_SLASH),
            ),
            _c("share_url", ("ShareLink", "Share Link"), "Link to the post (URN percent-encoded)."),
            _c(
                "commentary",
                "ShareCommentary",
                'Post text, with LinkedIn\'s `"`⏎`"` line-break mangling undone.',
                required=True,
                repair="share_line_breaks",
            ),
            _c("shared_url", ("SharedUrl", "Shared URL"), "Linked article or URL."),
            _c("media_url", ("MediaUrl", "Media URL"), "Image or video thumbnail URL."),
            _c("visibility", "Visibility", "Audience (MEMBER_NETWORK in modern exports)."),
            _c("share_title", "Share Title", "2018 legacy column."),
            _c("share_description", "Share Description", "2018 legacy column."),
            _c("share_type", "Type", "2018 legacy column."),
        ),
        "Posts and reshares the member published.",
        natural_key=("share_url", "shared_at"),
    ),
    TableSpec(
        "comments",
        ("Comments",),
        (("Date", "Link", "Message"),),
        (
            _c(
                "commented_at",
                "Date",
                "When the comment was written (no zone given; presumed UTC).",
                kind="timestamp",
                required=True,
                not_null=True,
                formats=(LOCAL_DASH,),
            ),
            _c("post_url", "Link", "Post commented on.", required=True),
            _c(
                "message",
                "Message",
                "Comment text, with both of LinkedIn's broken quoting eras repaired.",
                required=True,
            ),
        ),
        "Comments the member wrote.",
        dialect="comments",
        natural_key=("commented_at", "post_url", "message_hash"),
    ),
    TableSpec(
        "reactions",
        ("Reactions", "Likes"),
        (("Date", "Type", "Link"),),
        (
            _c(
                "reacted_at",
                "Date",
                "When the reaction was given (no zone given; presumed UTC).",
                kind="timestamp",
                required=True,
                not_null=True,
                formats=(LOCAL_DASH,),
            ),
            _c(
                "reaction_type",
                "Type",
                "LIKE, PRAISE, EMPATHY, APPRECIATION, INTEREST, ENTERTAINMENT, MAYBE (unknown kept).",
                required=True,
                pattern=r"^[A-Z_]+$",
            ),
            _c("post_url", "Link", "Post or comment reacted to.", required=True),
        ),
        "Reactions (likes) the member gave.",
        natural_key=("reacted_at", "post_url"),
    ),
    TableSpec(
        "votes",
        ("Votes",),
        (("Date", "Link", "OptionText"),),
        (
            _c(
                "voted_at",
                "Date",
                "When the vote was cast (no zone given; presumed UTC).",
                kind="timestamp",
                required=True,
                not_null=True,
                formats=(LOCAL_DASH,),
            ),
            _c("post_url", "Link", "Poll post (not percent-encoded here).", required=True),
            _c("option_text", "OptionText", "Option chosen."),
        ),
        "Poll votes.",
        natural_key=("voted_at", "post_url"),
    ),
    TableSpec(
        "search_queries",
        ("SearchQueries", "Search Queries"),
        (("Time", "Search Query"),),
        (
            _c(
                "searched_at",
                "Time",
                "When the search was run (UTC).",
                kind="timestamp",
                required=True,
                not_null=True,
                formats=(UTC_SLASH,),
            ),
            # Searches are often for people by name.
            _c(
                "query",
                "Search Query",
                "The search text (commas kept; 2025 exports do not quote it).",
                required=True,
                redact=TEXT,
            ),
        ),
        "Searches the member ran.",
        dialect="first_comma",
        natural_key=("searched_at", "query"),
    ),
    TableSpec(
        "profile",
        ("Profile",),
        (("First Name", "Last Name", "Headline"),),
        (
            _c("first_name", "First Name", "Member's first name.", required=True),
            _c("last_name", "Last Name", "Member's last name.", required=True),
            _c("maiden_name", "Maiden Name", "Maiden name."),
            _c("address", "Address", "Address."),
            _c("birth_date", "Birth Date", "Birth date as written ('Aug 21': no year in 2023+ exports)."),
            _c("headline", "Headline", "Profile headline.", required=True),
            _c("summary", "Summary", "About section."),
            _c("industry", "Industry", "Industry (also the SSI industry group)."),
            _c("zip_code", "Zip Code", "Postal code (free text)."),
            _c("geo_location", "Geo Location", "City, region, country (free text)."),
            _c("twitter_handles", "Twitter Handles", "[TYPE:value,...] list."),
            _c("websites", "Websites", "[TYPE:url,...] list."),
            _c("instant_messengers", "Instant Messengers", "[TYPE:value,...] list."),
            _c("country", "Country", "2018 legacy column."),
            _c("contact_instructions", "Contact Instructions", "2018 legacy column."),
        ),
        "The member's profile (one row per export).",
        natural_key=("_member",),
    ),
    TableSpec(
        "positions",
        ("Positions",),
        (("Company Name", "Title", "Started On"),),
        (
            _c("company_name", "Company Name", "Employer.", required=True),
            _c("title", "Title", "Job title."),
            _c("description", "Description", "Role description."),
            _c("location", "Location", "Location."),
            _c(
                "started_on",
                "Started On",
                "First day of the start month (or year, when only a year is given).",
                kind="month",
                required=True,
            ),
            _c(
                "finished_on",
                "Finished On",
                "First day of the end month/year; empty for a current position.",
                kind="month",
            ),
        ),
        "Positions on the member's profile.",
        natural_key=("company_name", "title", "started_on"),
    ),
    TableSpec(
        "education",
        ("Education",),
        (("School Name", "Degree Name"),),
        (
            _c("school_name", "School Name", "School.", required=True),
            _c("started_on", ("Start Date",), "Start (month or year precision).", kind="month"),
            _c("finished_on", ("End Date",), "End (month or year precision).", kind="month"),
            _c("notes", "Notes", "Notes."),
            _c("degree_name", "Degree Name", "Degree."),
            _c("activities", "Activities", "Activities and societies."),
        ),
        "Education on the member's profile.",
        natural_key=("school_name", "degree_name", "started_on"),
    ),
    TableSpec(
        "skills",
        ("Skills",),
        (("Name",),),
        (_c("skill_name", "Name", "Skill.", required=True, not_null=True),),
        "Skills on the member's profile.",
        natural_key=("skill_name",),
    ),
    TableSpec(
        "endorsements_received",
        ("Endorsement_Received_Info", "Endorsement Received Info"),
        (("Endorsement Date", "Skill Name", "Endorser First Name"),),
        (
            _c(
                "endorsed_at",
                "Endorsement Date",
                "When the endorsement was given (UTC).",
                kind="timestamp",
                required=True,
                not_null=True,
                formats=(UTC_SLASH,),
            ),
            _c("skill_name", "Skill Name", "Skill endorsed.", required=True),
            _c("endorser_first_name", "Endorser First Name", "Endorser first name.", redact=NAME),
            _c("endorser_last_name", "Endorser Last Name", "Endorser last name.", redact=NAME),
            _c(
                "endorser_profile_url",
                "Endorser Public Url",
                "Endorser profile (LinkedIn omits the scheme).",
                redact=URL,
            ),
            _c("endorsement_status", "Endorsement Status", "ACCEPTED (PENDING/HIDDEN reported)."),
            _c("display_status", "Display Status", "Legacy UTF-16 file column."),
        ),
        "Endorsements the member received (modern file and the legacy UTF-16 one).",
        natural_key=("endorsed_at", "skill_name", "endorser_first_name", "endorser_last_name"),
    ),
    TableSpec(
        "endorsements_given",
        ("Endorsement_Given_Info", "Endorsement Given Info"),
        (("Endorsement Date", "Skill Name", "Endorsee First Name"),),
        (
            _c(
                "endorsed_at",
                "Endorsement Date",
                "When the endorsement was given (UTC).",
                kind="timestamp",
                required=True,
                not_null=True,
                formats=(UTC_SLASH,),
            ),
            _c("skill_name", "Skill Name", "Skill endorsed.", required=True),
            _c("endorsee_first_name", "Endorsee First Name", "Endorsee first name.", redact=NAME),
            _c("endorsee_last_name", "Endorsee Last Name", "Endorsee last name.", redact=NAME),
            _c(
                "endorsee_profile_url",
                "Endorsee Public Url",
                "Endorsee profile (LinkedIn omits the scheme).",
                redact=URL,
            ),
            _c("endorsement_status", "Endorsement Status", "ACCEPTED (PENDING/HIDDEN reported)."),
        ),
        "Endorsements the member gave.",
        natural_key=("endorsed_at", "skill_name", "endorsee_first_name", "endorsee_last_name"),
    ),
    *(
        TableSpec(
            f"recommendations_{kind}",
            (f"Recommendations_{kind.title()}", f"Recommendations {kind.title()}"),
            (("First Name", "Last Name", "Text"),),
            (
                _c("first_name", "First Name", f"{who} first name.", required=True, redact=NAME),
                _c("last_name", "Last Name", f"{who} last name.", required=True, redact=NAME),
                _c("company", "Company", f"{who} company."),
                _c("job_title", "Job Title", f"{who} title."),
                _c("text", "Text", "Recommendation text.", required=True, redact=TEXT),
                _c(
                    "created_at",
                    "Creation Date",
                    "When it was written (no zone given; stored as UTC).",
                    kind="timestamp",
                    formats=(US_SHORT,),
                ),
                _c("status", "Status", "VISIBLE (received); empty (given)."),
            ),
            f"Recommendations the member {kind} ({who.lower()} is the other person).",
            natural_key=("first_name", "last_name", "created_at"),
        )
        for kind, who in (("received", "Recommender"), ("given", "Recommendee"))
    ),
    TableSpec(
        "company_follows",
        ("Company Follows",),
        (("Organization", "Followed On"),),
        (
            _c("organization", "Organization", "Company followed.", required=True, not_null=True),
            _c(
                "followed_at",
                "Followed On",
                "When the follow started (UTC).",
                kind="timestamp",
                required=True,
                formats=(UTC_JAVA,),
            ),
        ),
        "Companies the member follows.",
        natural_key=("organization",),
    ),
    TableSpec(
        "member_follows",
        ("Member_Follows",),
        (("Date", "Status", "FullName"),),
        (
            _c(
                "followed_at",
                "Date",
                "When the follow changed (no zone given; presumed UTC).",
                kind="timestamp",
                required=True,
                not_null=True,
                formats=(LOCAL_DASH,),
            ),
            _c("status", "Status", "Active or Unfollow.", required=True, isin=("Active", "Unfollow")),
            _c("full_name", "FullName", "Member followed.", required=True, redact=NAME),
        ),
        "Members the member follows or unfollowed.",
        natural_key=("full_name", "followed_at"),
    ),
    TableSpec(
        "rich_media",
        ("Rich_Media", "Rich Media"),
        (("Date/Time", "Media Link"), ("Type", "Link")),
        (
            _c(
                "uploaded_at",
                "Date/Time",
                "Upload time, parsed from LinkedIn's sentence ('You uploaded a … (GMT)').",
                kind="rich_media_sentence",
            ),
            _c("media_description", "Media Description", "Post text of the upload (' -' when empty)."),
            _c("media_url", "Media Link", "Signed, expiring media URL."),
            _c("pointer_type", "Type", "≤2024-03 pointer file: what can be downloaded."),
            _c("pointer_url", "Link", "≤2024-03 pointer file: where to download it."),
        ),
        "Photos, videos and documents uploaded (2024-12+), or the older pointer rows (≤2024-03).",
        natural_key=("uploaded_at", "media_kind", "pointer_type"),
    ),
    TableSpec(
        "learning",
        ("Learning",),
        (("Content Title", "Content Type"),),
        (
            _c("content_title", "Content Title", "Course or video title.", required=True),
            _c("content_description", "Content Description", "Description (may contain HTML)."),
            _c("content_type", "Content Type", "Course, Video, Learning Path, ..."),
            _c(
                "last_watched_at",
                "Content Last Watched Date (if viewed)",
                "Last watched (UTC).",
                kind="timestamp",
                formats=(LEARNING_UTC,),
            ),
            _c(
                "completed_at",
                "Content Completed At (if completed)",
                "Completed (UTC).",
                kind="timestamp",
                formats=(LEARNING_UTC,),
            ),
            _c("is_saved", "Content Saved", "Saved for later.", kind="bool"),
            _c("notes", "Notes taken on videos (if taken)", "Notes ('N/A' becomes empty).", placeholders=("N/A",)),
        ),
        "LinkedIn Learning activity.",
        natural_key=("content_title", "content_type"),
    ),
    TableSpec(
        "events",
        ("Events",),
        (("Event Name", "Event Time"),),
        (
            _c("event_name", "Event Name", "Event.", required=True),
            _c(
                "event_time",
                "Event Time",
                "Start and end, parsed from the 'start - end' range (no time zone).",
                kind="events_range",
                required=True,
            ),
            _c("status", "Status", "APPROVED or RELINQUISHED."),
            _c("external_url", "External Url", "Event URL (scheme sometimes missing)."),
        ),
        "Events the member registered for.",
        natural_key=("event_name", "starts_at"),
    ),
)


def _file_key(name: str) -> str:
    """Return the BY_FILE key of a file name a TableSpec lists (`Comments` -> `comments`)."""
    key = norm_file(name + ".csv")
    assert key is not None, f"{name!r} in TABLES is not a CSV base name"
    return key


BY_FILE: dict[str, TableSpec] = {_file_key(f): spec for spec in TABLES for f in spec.files}
BY_TABLE: dict[str, TableSpec] = {spec.table: spec for spec in TABLES}

# Text of placeholder files LinkedIn writes instead of an empty CSV.
PLACEHOLDERS = ("No conversations found",)

ARTICLES_TABLE = "articles"
ARTICLES_DESCRIPTION = "Long-form articles (published and drafts) from Articles/."
# Articles are HTML pages, one row each (ingest.articles reads them), not a CSV: their columns are listed as stored.
ARTICLE_COLUMNS = (
    Column(
        "file_name",
        pl.String(),
        "HTML file name under Articles/ (drafts are named by their creation time).",
        nullable=False,
    ),
    Column("title", pl.String(), "Article title (the page's h1)."),
    Column(
        "article_url", pl.String(), "https://www.linkedin.com/pulse/<slug> when published; an edit link for drafts."
    ),
    Column("created_at", _TIMESTAMP, "'Created on' time (no zone given; stored as UTC)."),
    Column("published_at", _TIMESTAMP, "'Published on' time; NULL for drafts ('---')."),
    Column("is_published", pl.Boolean(), "The article has a publication time.", nullable=False),
    Column("body_text", pl.String(), "Article text with the HTML removed.", nullable=False),
    Column("word_count", pl.Int64(), "Words in body_text.", nullable=False),
)
