"""The header rows LinkedIn writes, as column lists, for the files both generators write; the Connections
`Notes:` preamble; the fixed values of a few fields.

Where an era changes a header, a function takes what changed (linkedin-export-format.md §2). Join a list with
`quoting.join_fields` and the file's quoting (2026 messages.csv quotes its header too).
"""

from __future__ import annotations

# Connections.csv opens with these three lines, byte for byte (§2.1): `Notes:`, one quoted sentence, a blank line.
CONNECTIONS_PREAMBLE = (
    "Notes:",
    '"When exporting your connection data, you may notice that some of the email addresses are missing. '
    "You will only see email addresses for connections who have allowed their connections to see or download "
    "their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn "
    'more here https://www.linkedin.com/help/linkedin/answer/261"',
    "",
)


def connections(with_url: bool) -> list[str]:
    """Return Connections.csv's columns; `URL` arrived in mid-2023."""
    return [
        "First Name",
        "Last Name",
        *(["URL"] if with_url else []),
        "Email Address",
        "Company",
        "Position",
        "Connected On",
    ]


def invitations(with_urls: bool) -> list[str]:
    """Return Invitations.csv's columns; the camelCase profile URL columns arrived in 2023."""
    return [
        "From",
        "To",
        "Sent At",
        "Message",
        "Direction",
        *(["inviterProfileUrl", "inviteeProfileUrl"] if with_urls else []),
    ]


_MESSAGES_2023 = [
    "CONVERSATION ID",
    "CONVERSATION TITLE",
    "FROM",
    "SENDER PROFILE URL",
    "TO",
    "RECIPIENT PROFILE URLS",
    "DATE",
    "SUBJECT",
    "CONTENT",
    "FOLDER",
]
# messages.csv per era (§2.3): 9 columns in 2021, RECIPIENT PROFILE URLS from 2023, the draft flags in late 2024,
# ATTACHMENTS instead from 2025.
MESSAGES = {
    "2021": [c for c in _MESSAGES_2023 if c != "RECIPIENT PROFILE URLS"],
    "2023": _MESSAGES_2023,
    "2024-12": [*_MESSAGES_2023, "IS MESSAGE DRAFT", "IS CONVERSATION DRAFT"],
    "2025": [*_MESSAGES_2023, "ATTACHMENTS"],
    "2026": [*_MESSAGES_2023, "ATTACHMENTS"],
}
# Every column any era has, in one header (the bundled sample uses it, so one file exercises all of them).
MESSAGES_UNION = [*MESSAGES["2025"], "IS MESSAGE DRAFT", "IS CONVERSATION DRAFT"]


def shares(url_case: str) -> list[str]:
    """Return Shares.csv's columns; `url_case` is `URL` (before late 2024) or `Url` (`SharedUrl,MediaUrl`)."""
    return ["Date", "ShareLink", "ShareCommentary", f"Shared{url_case}", f"Media{url_case}", "Visibility"]


def endorsements_received(with_url: bool) -> list[str]:
    """Return Endorsement_Received_Info.csv's columns; the scheme-less `Endorser Public Url` arrived in 2023."""
    return [
        "Endorsement Date",
        "Skill Name",
        "Endorser First Name",
        "Endorser Last Name",
        *(["Endorser Public Url"] if with_url else []),
        "Endorsement Status",
    ]


COMMENTS = ["Date", "Link", "Message"]
REACTIONS = ["Date", "Type", "Link"]
VOTES = ["Date", "Link", "OptionText"]
SEARCH_QUERIES = ["Time", "Search Query"]
MEMBER_FOLLOWS = ["Date", "Status", "FullName"]
COMPANY_FOLLOWS = ["Organization", "Followed On"]
RICH_MEDIA = ["Date/Time", "Media Description", "Media Link"]  # Rich_Media.csv, late 2024 on
RICH_MEDIA_POINTERS = ["Type", "Link"]  # the older `Rich Media.csv`: where to download videos and documents
PROFILE = [
    "First Name",
    "Last Name",
    "Maiden Name",
    "Address",
    "Birth Date",
    "Headline",
    "Summary",
    "Industry",
    "Zip Code",
    "Geo Location",
    "Twitter Handles",
    "Websites",
    "Instant Messengers",
]
PROFILE_SUMMARY = ["Profile Summary"]  # the whole file is this header and a blank line
POSITIONS = ["Company Name", "Title", "Description", "Location", "Started On", "Finished On"]
EDUCATION = ["School Name", "Start Date", "End Date", "Notes", "Degree Name", "Activities"]
SKILLS = ["Name"]

# Reactions.csv's Type: every kind of reaction LinkedIn has had (MAYBE is the retired "Curious").
REACTION_TYPES = ("LIKE", "PRAISE", "EMPATHY", "APPRECIATION", "INTEREST", "ENTERTAINMENT", "MAYBE")
# A file LinkedIn writes instead of an empty CSV (no header), e.g. LearningCoachMessages.csv, without a newline.
NO_CONVERSATIONS = "No conversations found"
