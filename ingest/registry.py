"""The one place that maps LinkedIn export files to warehouse tables.

Adding a LinkedIn file is one `TableSpec`. Header names are matched after `norm_header`
(case, spaces and underscores removed), so `SharedURL`/`SharedUrl` and `Share Commentary`/
`ShareCommentary` are the same column; other renames are listed as aliases. Columns are
mapped by name, never by position. Files not listed here are kept as generic raw tables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Date formats by file and column, from linkedin-export-format.md §3. Each is (strptime format, has_time_zone).
UTC_DASH = ("%Y-%m-%d %H:%M:%S UTC", True)
UTC_SLASH = ("%Y/%m/%d %H:%M:%S UTC", True)
UTC_JAVA = ("%a %b %d %H:%M:%S UTC %Y", True)
LOCAL_DASH = ("%Y-%m-%d %H:%M:%S", False)  # Shares, Comments, Reactions...: no zone given; presumed UTC
LOCAL_ISO_T = ("%Y-%m-%dT%H:%M:%S", False)  # messages, ~2019-11 to 2020-02
US_SHORT = ("%m/%d/%y, %I:%M %p", False)  # Invitations "3/7/26, 1:07 PM"; Recommendations "03/05/21, 09:12 AM"
LEARNING_UTC = ("%Y-%m-%d %H:%M UTC", True)


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
    post: str = ""  # name of a row fix-up in ingest.coerce (e.g. Shares line breaks)
    extra: tuple[str, ...] = field(default_factory=tuple)  # derived columns added by the parser


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


def _c(name, headers, description, **kw) -> Col:
    if isinstance(headers, str):
        headers = (headers,)
    return Col(name, tuple(norm_header(h) for h in headers), description, label=headers[0], **kw)


MESSAGE_COLUMNS = (
    _c("conversation_id", "CONVERSATION ID", "LinkedIn's conversation id (`2-` + base64); empty for orphan drafts."),
    _c("conversation_title", "CONVERSATION TITLE", "Title of group chats, InMail and sponsored conversations."),
    _c("from_name", "FROM", "Sender display name.", required=True),
    _c("sender_profile_url", "SENDER PROFILE URL", "Sender's profile URL; empty for hidden members and sponsored senders."),
    _c("to_names", "TO", "Recipient display names joined with ', '.", required=True),
    _c("recipient_profile_urls", "RECIPIENT PROFILE URLS", "Recipient profile URLs joined with ',' (2023+)."),
    _c("sent_at", "DATE", "When the message was sent (UTC).", kind="timestamp", required=True, not_null=True,
       formats=(UTC_DASH, LOCAL_ISO_T, US_SHORT)),
    _c("subject", "SUBJECT", "Subject (InMail and old-style messages)."),
    _c("content", "CONTENT", "Message body as LinkedIn wrote it (may be HTML).", required=True),
    _c("folder", "FOLDER", "INBOX, ARCHIVE, SPAM or empty (drafts); 2018: INBOX, SENT, ARCHIVED."),
    _c("attachments", "ATTACHMENTS", "Attachment URLs joined with ',' (2025+)."),
    _c("is_message_draft", "IS MESSAGE DRAFT", "The message is an unsent draft (Dec 2024+ exports).", kind="bool"),
    _c("is_conversation_draft", "IS CONVERSATION DRAFT", "The whole conversation is a draft (Dec 2024+ exports).", kind="bool"),
    _c("direction", "Direction", "INCOMING or OUTGOING (2018 exports only).", isin=("INCOMING", "OUTGOING")),
)

TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        "connections", ("Connections",), (("First Name", "Connected On"),),
        (
            _c("first_name", "First Name", "Connection's first name (not trimmed, as LinkedIn wrote it).", required=True),
            _c("last_name", "Last Name", "Connection's last name; may carry credentials ('Smith, PhD').", required=True),
            _c("profile_url", "URL", "Connection's profile URL (mid-2023+); slug may be percent-encoded."),
            _c("email_address", "Email Address", "Only present when the connection allows it."),
            _c("company", "Company", "Connection's current employer at export time."),
            _c("position", "Position", "Connection's current title at export time."),
            _c("connected_at", "Connected On", "When the connection was made (no time zone; stored as UTC): the time of "
               "day only in 2018 exports ('3/14/17, 9:05 AM'; see has_connected_at_time), else midnight of the day.",
               kind="timestamp", required=True, not_null=True, formats=(("%d %b %Y", False), US_SHORT, ("%d-%b-%y", False))),
            _c("address", "Address", "Legacy (≤2017) column."),
            _c("websites", "Websites", "Legacy (≤2017) column."),
            _c("instant_messengers", "Instant Messengers", "Legacy (≤2017) column."),
        ),
        "1st-degree connections, one row per connection per export. Rows with only a date are hidden/closed members.",
        natural_key=("connection_key",),
    ),
    TableSpec(
        "invitations", ("Invitations",), (("From", "To", "Sent At", "Direction"),),
        (
            _c("from_name", "From", "Inviter display name.", required=True),
            _c("to_name", "To", "Invitee display name.", required=True),
            _c("sent_at", "Sent At", "When the invitation was sent (LinkedIn gives no time zone; stored as UTC).",
               kind="timestamp", required=True, not_null=True, formats=(US_SHORT,)),
            _c("message", "Message", "Optional invitation note."),
            _c("direction", "Direction", "INCOMING or OUTGOING.", required=True, not_null=True, isin=("INCOMING", "OUTGOING")),
            _c("inviter_profile_url", "inviterProfileUrl", "Inviter profile URL (2023-09+)."),
            _c("invitee_profile_url", "inviteeProfileUrl", "Invitee profile URL (2023-09+)."),
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
        extra=("channel", "content_text", "has_html"),
    ),
    TableSpec(
        "shares", ("Shares",), (("Date", "ShareCommentary"),),
        (
            _c("shared_at", "Date", "When the post was published (no zone given before 2018's UTC; presumed UTC).",
               kind="timestamp", required=True, not_null=True, formats=(LOCAL_DASH, UTC_SLASH)),
            _c("share_url", ("ShareLink", "Share Link"), "Link to the post (URN percent-encoded)."),
            _c("commentary", "ShareCommentary", "Post text, with LinkedIn's `\"`⏎`\"` line-break mangling undone.", required=True),
            _c("shared_url", ("SharedUrl", "Shared URL"), "Linked article or URL."),
            _c("media_url", ("MediaUrl", "Media URL"), "Image or video thumbnail URL."),
            _c("visibility", "Visibility", "Audience (MEMBER_NETWORK in modern exports)."),
            _c("share_title", "Share Title", "2018 legacy column."),
            _c("share_description", "Share Description", "2018 legacy column."),
            _c("share_type", "Type", "2018 legacy column."),
        ),
        "Posts and reshares the member published.",
        natural_key=("share_url", "shared_at"),
        post="shares",
    ),
    TableSpec(
        "comments", ("Comments",), (("Date", "Link", "Message"),),
        (
            _c("commented_at", "Date", "When the comment was written (no zone given; presumed UTC).", kind="timestamp",
               required=True, not_null=True, formats=(LOCAL_DASH,)),
            _c("post_url", "Link", "Post commented on.", required=True),
            _c("message", "Message", "Comment text, with both of LinkedIn's broken quoting eras repaired.", required=True),
        ),
        "Comments the member wrote.",
        dialect="comments",
        natural_key=("commented_at", "post_url", "message_hash"),
    ),
    TableSpec(
        "reactions", ("Reactions", "Likes"), (("Date", "Type", "Link"),),
        (
            _c("reacted_at", "Date", "When the reaction was given (no zone given; presumed UTC).", kind="timestamp",
               required=True, not_null=True, formats=(LOCAL_DASH,)),
            _c("reaction_type", "Type", "LIKE, PRAISE, EMPATHY, APPRECIATION, INTEREST, ENTERTAINMENT, MAYBE (unknown kept).",
               required=True),
            _c("post_url", "Link", "Post or comment reacted to.", required=True),
        ),
        "Reactions (likes) the member gave.",
        natural_key=("reacted_at", "post_url"),
    ),
    TableSpec(
        "votes", ("Votes",), (("Date", "Link", "OptionText"),),
        (
            _c("voted_at", "Date", "When the vote was cast (no zone given; presumed UTC).", kind="timestamp",
               required=True, not_null=True, formats=(LOCAL_DASH,)),
            _c("post_url", "Link", "Poll post (not percent-encoded here).", required=True),
            _c("option_text", "OptionText", "Option chosen."),
        ),
        "Poll votes.",
        natural_key=("voted_at", "post_url"),
    ),
    TableSpec(
        "search_queries", ("SearchQueries", "Search Queries"), (("Time", "Search Query"),),
        (
            _c("searched_at", "Time", "When the search was run (UTC).", kind="timestamp", required=True, not_null=True,
               formats=(UTC_SLASH,)),
            _c("query", "Search Query", "The search text (commas kept; 2025 exports do not quote it).", required=True),
        ),
        "Searches the member ran.",
        dialect="first_comma",
        natural_key=("searched_at", "query"),
    ),
    TableSpec(
        "profile", ("Profile",), (("First Name", "Last Name", "Headline"),),
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
        "positions", ("Positions",), (("Company Name", "Title", "Started On"),),
        (
            _c("company_name", "Company Name", "Employer.", required=True),
            _c("title", "Title", "Job title."),
            _c("description", "Description", "Role description."),
            _c("location", "Location", "Location."),
            _c("started_on", "Started On", "First day of the start month (or year, when only a year is given).",
               kind="month", required=True),
            _c("finished_on", "Finished On", "First day of the end month/year; empty for a current position.", kind="month"),
        ),
        "Positions on the member's profile.",
        natural_key=("company_name", "title", "started_on"),
    ),
    TableSpec(
        "education", ("Education",), (("School Name", "Degree Name"),),
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
        "skills", ("Skills",), (("Name",),),
        (_c("skill_name", "Name", "Skill.", required=True, not_null=True),),
        "Skills on the member's profile.",
        natural_key=("skill_name",),
    ),
    TableSpec(
        "endorsements_received", ("Endorsement_Received_Info", "Endorsement Received Info"),
        (("Endorsement Date", "Skill Name", "Endorser First Name"),),
        (
            _c("endorsed_at", "Endorsement Date", "When the endorsement was given (UTC).", kind="timestamp",
               required=True, not_null=True, formats=(UTC_SLASH,)),
            _c("skill_name", "Skill Name", "Skill endorsed.", required=True),
            _c("endorser_first_name", "Endorser First Name", "Endorser first name."),
            _c("endorser_last_name", "Endorser Last Name", "Endorser last name."),
            _c("endorser_profile_url", "Endorser Public Url", "Endorser profile (LinkedIn omits the scheme)."),
            _c("endorsement_status", "Endorsement Status", "ACCEPTED (PENDING/HIDDEN reported)."),
            _c("display_status", "Display Status", "Legacy UTF-16 file column."),
        ),
        "Endorsements the member received (modern file and the legacy UTF-16 one).",
        natural_key=("endorsed_at", "skill_name", "endorser_first_name", "endorser_last_name"),
    ),
    TableSpec(
        "endorsements_given", ("Endorsement_Given_Info", "Endorsement Given Info"),
        (("Endorsement Date", "Skill Name", "Endorsee First Name"),),
        (
            _c("endorsed_at", "Endorsement Date", "When the endorsement was given (UTC).", kind="timestamp",
               required=True, not_null=True, formats=(UTC_SLASH,)),
            _c("skill_name", "Skill Name", "Skill endorsed.", required=True),
            _c("endorsee_first_name", "Endorsee First Name", "Endorsee first name."),
            _c("endorsee_last_name", "Endorsee Last Name", "Endorsee last name."),
            _c("endorsee_profile_url", "Endorsee Public Url", "Endorsee profile (LinkedIn omits the scheme)."),
            _c("endorsement_status", "Endorsement Status", "ACCEPTED (PENDING/HIDDEN reported)."),
        ),
        "Endorsements the member gave.",
        natural_key=("endorsed_at", "skill_name", "endorsee_first_name", "endorsee_last_name"),
    ),
    *(
        TableSpec(
            f"recommendations_{kind}", (f"Recommendations_{kind.title()}", f"Recommendations {kind.title()}"),
            (("First Name", "Last Name", "Text"),),
            (
                _c("first_name", "First Name", f"{who} first name.", required=True),
                _c("last_name", "Last Name", f"{who} last name.", required=True),
                _c("company", "Company", f"{who} company."),
                _c("job_title", "Job Title", f"{who} title."),
                _c("text", "Text", "Recommendation text.", required=True),
                _c("created_at", "Creation Date", "When it was written (no zone given; stored as UTC).", kind="timestamp",
                   formats=(US_SHORT,)),
                _c("status", "Status", "VISIBLE (received); empty (given)."),
            ),
            f"Recommendations the member {kind} ({who.lower()} is the other person).",
            natural_key=("first_name", "last_name", "created_at"),
        )
        for kind, who in (("received", "Recommender"), ("given", "Recommendee"))
    ),
    TableSpec(
        "company_follows", ("Company Follows",), (("Organization", "Followed On"),),
        (
            _c("organization", "Organization", "Company followed.", required=True, not_null=True),
            _c("followed_at", "Followed On", "When the follow started (UTC).", kind="timestamp", required=True,
               formats=(UTC_JAVA,)),
        ),
        "Companies the member follows.",
        natural_key=("organization",),
    ),
    TableSpec(
        "member_follows", ("Member_Follows",), (("Date", "Status", "FullName"),),
        (
            _c("followed_at", "Date", "When the follow changed (no zone given; presumed UTC).", kind="timestamp",
               required=True, not_null=True, formats=(LOCAL_DASH,)),
            _c("status", "Status", "Active or Unfollow.", required=True),
            _c("full_name", "FullName", "Member followed.", required=True),
        ),
        "Members the member follows or unfollowed.",
        natural_key=("full_name", "followed_at"),
    ),
    TableSpec(
        "rich_media", ("Rich_Media", "Rich Media"), (("Date/Time", "Media Link"), ("Type", "Link")),
        (
            _c("uploaded_at", "Date/Time", "Upload time, parsed from LinkedIn's sentence ('You uploaded a … (GMT)').",
               kind="rich_media_sentence"),
            _c("media_description", "Media Description", "Post text of the upload (' -' when empty)."),
            _c("media_url", "Media Link", "Signed, expiring media URL."),
            _c("pointer_type", "Type", "≤2024-03 pointer file: what can be downloaded."),
            _c("pointer_url", "Link", "≤2024-03 pointer file: where to download it."),
        ),
        "Photos, videos and documents uploaded (2024-12+), or the older pointer rows (≤2024-03).",
        natural_key=("uploaded_at", "media_kind", "pointer_type"),
        extra=("media_kind",),
    ),
    TableSpec(
        "learning", ("Learning",), (("Content Title", "Content Type"),),
        (
            _c("content_title", "Content Title", "Course or video title.", required=True),
            _c("content_description", "Content Description", "Description (may contain HTML)."),
            _c("content_type", "Content Type", "Course, Video, Learning Path, ..."),
            _c("last_watched_at", "Content Last Watched Date (if viewed)", "Last watched (UTC).", kind="timestamp",
               formats=(LEARNING_UTC,)),
            _c("completed_at", "Content Completed At (if completed)", "Completed (UTC).", kind="timestamp",
               formats=(LEARNING_UTC,)),
            _c("is_saved", "Content Saved", "Saved for later.", kind="bool"),
            _c("notes", "Notes taken on videos (if taken)", "Notes ('N/A' becomes empty).", placeholders=("N/A",)),
        ),
        "LinkedIn Learning activity.",
        natural_key=("content_title", "content_type"),
    ),
    TableSpec(
        "events", ("Events",), (("Event Name", "Event Time"),),
        (
            _c("event_name", "Event Name", "Event.", required=True),
            _c("event_time", "Event Time", "Start and end, parsed from the 'start - end' range (no time zone).",
               kind="events_range", required=True),
            _c("status", "Status", "APPROVED or RELINQUISHED."),
            _c("external_url", "External Url", "Event URL (scheme sometimes missing)."),
        ),
        "Events the member registered for.",
        natural_key=("event_name", "starts_at"),
    ),
)

BY_FILE: dict[str, TableSpec] = {norm_file(f + ".csv"): spec for spec in TABLES for f in spec.files}
BY_TABLE: dict[str, TableSpec] = {spec.table: spec for spec in TABLES}

# Text of placeholder files LinkedIn writes instead of an empty CSV.
PLACEHOLDERS = ("No conversations found",)

ARTICLES_TABLE = "articles"
