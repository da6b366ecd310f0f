"""Every era's fixture export parses to exactly the records its EXPECTED.md lists (written from the format spec,
independently of the parser), and loads end to end with nothing quarantined."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import pytest
from linkedin_ssi.flows.cli import main
from linkedin_ssi.ingest.archive import open_export
from linkedin_ssi.ingest.coerce import REPAIRS
from linkedin_ssi.ingest.csv_file import read_records
from linkedin_ssi.ingest.decode import decode_bytes
from linkedin_ssi.ingest.headers import find_header, unique_header
from linkedin_ssi.ingest.parse import parse_export
from linkedin_ssi.ingest.registry import BY_FILE, norm_file, norm_header

from support import ERAS, zip_folder

ERA_NAMES = ["2018", "2021", "2022", "2023", "2024-12", "2025", "2025-12-basic", "2026"]
MEMBERS = {
    "2018": ("casey-northwood", "Casey Northwood", None),
    "2021": ("rowena-quill", "Rowena Quill", "https://www.linkedin.com/in/rowena-quill"),
    "2022": ("henrietta-vale", "Henrietta Vale", "https://www.linkedin.com/in/henrietta-vale"),
    "2023": ("tobias-marlowe-8a1f", "Tobias Marlowe", "https://www.linkedin.com/in/tobias-marlowe-8a1f"),
    "2024-12": ("ingrid-solberg-ames", "Ingrid Solberg-Ames", "https://www.linkedin.com/in/ingrid-solberg-ames"),
    "2025": ("kwame-asante-boyd", "Kwame Asante-Boyd", "https://www.linkedin.com/in/kwame-asante-boyd"),
    "2025-12-basic": ("adaeze-nwosu-hart", "Adaeze Nwosu-Hart", "https://www.linkedin.com/in/adaeze-nwosu-hart"),
    "2026": ("lucia-marenco", "Lucía Marenco", "https://www.linkedin.com/in/lucia-marenco"),
}

CONNECTED_2018 = datetime(2018, 10, 3, 17, 42, tzinfo=UTC)


def expected_files(era: str) -> dict[str, tuple[list[str], list[list[str]]]]:
    """Return {file path: (header, records)} from an era's EXPECTED.md (CSV sections only)."""
    text = (ERAS / era / "EXPECTED.md").read_text()
    out = {}
    for section in re.split(r"^## ", text, flags=re.M)[1:]:
        name = section.split("`")[1]
        header = re.search(r"^Header: (\[.*\])$", section, re.M)
        block = re.search(r"```json\n(.*?)```", section, re.S)
        if header and block:
            out[name] = (
                json.loads(header.group(1)),
                [json.loads(ln) for ln in block.group(1).splitlines() if ln.strip()],
            )
    return out


CASES = [(era, name) for era in ERA_NAMES for name in expected_files(era)]


@pytest.mark.parametrize(("era", "name"), CASES, ids=[f"{e}:{n.rsplit('/', 1)[-1]}" for e, n in CASES])
def test_era_file_parses_to_the_expected_records(era, name):
    data = (ERAS / era / name).read_bytes()
    spec = BY_FILE.get(norm_file(Path(name).name))
    decoded = decode_bytes(data, name)
    line, header = find_header(decoded.text, decoded.delimiter, spec, name)
    records = read_records(decoded.text, decoded.delimiter, spec.dialect if spec else "standard", line)
    fields = [[f.replace("\r\n", "\n") for f in fs] for _, fs in records]
    for col in spec.columns if spec is not None else ():
        if col.repair:  # the parser's text repairs (Shares' line breaks) are part of what the file says
            i = [norm_header(h) for h in header].index(col.headers[0])
            for f in fields:
                f[i] = REPAIRS[col.repair](f[i])
    want_header, want_records = expected_files(era)[name]
    assert unique_header(header) == want_header
    assert fields == want_records


@pytest.fixture(scope="module")
def era_homes(tmp_path_factory):
    """Load every era (zipped) into its own home; return {era: home}."""
    homes = {}
    for era in ERA_NAMES:
        base = tmp_path_factory.mktemp(era)
        assert (
            main(
                [
                    "ingest",
                    str(zip_folder(ERAS / era, base / f"{era}.zip")),
                    "--home",
                    str(base / "home"),
                    "--include-sensitive",
                ]
            )
            == 0
        )
        homes[era] = base / "home"
    return homes


def query(home: Path, sql: str, *params):
    with duckdb.connect(str(home / "warehouse" / "linkedin.duckdb"), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


@pytest.mark.parametrize("era", ERA_NAMES)
def test_era_loads_every_expected_record_and_quarantines_nothing(era_homes, era):
    home = era_homes[era]
    expected = {Path(n).name: len(r) for n, (_, r) in expected_files(era).items()}
    ledger = {
        Path(f).name: (loaded, quarantined)
        for f, loaded, quarantined in query(
            home, "select source_file, rows_loaded, rows_quarantined from raw.load_ledger where table_name is not null"
        )
    }
    assert {n: ledger[n] for n in expected} == {n: (c, 0) for n, c in expected.items()}
    assert query(home, "select member, member_name, member_profile_url from raw.exports") == [MEMBERS[era]]


def test_2018_legacy_utf16_and_us_dates(era_homes):
    home = era_homes["2018"]
    assert query(home, "select searched_at, query from raw.linkedin__search_queries order by searched_at") == [
        (datetime(2018, 5, 14, 13, 20, 9, tzinfo=UTC), "Elodie Marchand"),
        (datetime(2018, 10, 2, 7, 55, 30, tzinfo=UTC), "account manager, packaging"),
        (datetime(2018, 10, 30, 21, 4, 11, tzinfo=UTC), "paper suppliers leeds"),
    ]
    rows = query(
        home,
        "select sent_at, has_sent_at_tz, direction, folder, is_from_owner from "
        "staging.stg_linkedin__messages order by sent_at",
    )
    assert [r[2:] for r in rows] == [
        ("INCOMING", "ARCHIVED", False),
        ("OUTGOING", "ARCHIVED", True),
        ("INCOMING", "INBOX", False),
        ("OUTGOING", "SENT", True),
    ]
    assert rows[0][0] == datetime(2018, 3, 22, 16, 47, tzinfo=UTC)
    assert {r[1] for r in rows} == {False}
    # 2018 writes the time of day ('10/3/18, 5:42 PM'): it is kept, and flagged as given.
    assert query(
        home, "select connected_at, has_connected_at_time from raw.linkedin__connections order by _source_line limit 1"
    ) == [(CONNECTED_2018, True)]
    assert query(
        home, "select connected_on from staging.stg_linkedin__connections where connected_at = ?", CONNECTED_2018
    ) == [(date(2018, 10, 3),)]


def test_2024_12_drafts_and_orphan_drafts(era_homes):
    rows = query(
        era_homes["2024-12"],
        "select conversation_id is null, folder, is_message_draft, is_draft "
        "from staging.stg_linkedin__messages order by sent_at",
    )
    assert sorted(rows, key=str) == sorted(
        [
            (False, "ARCHIVE", False, False),
            (True, None, True, True),
            (False, "INBOX", False, False),
            (False, "INBOX", True, True),
            (False, "INBOX", False, False),
            (True, None, True, True),
        ],
        key=str,
    )


def test_2026_nested_articles_and_numbered_chunks(era_homes):
    home = era_homes["2026"]
    assert query(
        home, "select title, article_url, created_at, published_at, is_published from raw.linkedin__articles"
    ) == [
        (
            "Data pipelines are coffee supply chains",
            "https://www.linkedin.com/pulse/data-pipelines-are-coffee-supply-chains-lucia-marenco-x1y2z",
            datetime(2026, 2, 8, 22, 10, tzinfo=UTC),
            datetime(2026, 2, 10, 19, 0, tzinfo=UTC),
            True,
        )
    ]
    assert query(home, "select distinct _source_file from raw.linkedin__comments order by 1") == [
        ("Comments_111.csv",),
        ("Comments_112.csv",),
    ]
    assert query(
        home,
        "select content_text, has_html from raw.linkedin__messages where conversation_title = 'Sponsored Conversation'",
    ) == [("Hola %FIRSTNAME%,\nTry our lakehouse free for 30 days.", True)]


def test_2022_same_name_connections_hidden_member_and_the_accepted_invitation(era_homes):
    home = era_homes["2022"]
    # No URL column before mid-2023: two 'Daniel Okafor's connected on different days stay two connections.
    assert query(
        home,
        "select connected_on, company, connection_key from staging.stg_linkedin__connections "
        "where trim(first_name) = 'Daniel' and last_name = 'Okafor' order by connected_on",
    ) == [
        (date(2021, 3, 14), "Lakeshore Logistics", "name|daniel okafor|2021-03-14|1"),
        (date(2022, 9, 2), "Brightwater Analytics", "name|daniel okafor|2022-09-02|1"),
    ]
    assert query(
        home, "select count(*), count(*) filter (where is_hidden_member) from staging.stg_linkedin__connections"
    ) == [(6, 1)]
    assert query(home, "select connected_on from staging.stg_linkedin__connections where is_hidden_member") == [
        (date(2022, 6, 7),)
    ]
    # `DD Mon YYYY` gives the day only.
    assert query(home, "select distinct has_connected_at_time from raw.linkedin__connections") == [(False,)]
    # The request of 1 Sep 2022 was accepted by the Daniel of 2 Sep 2022 (not the 2021 one).
    assert query(home, "select to_name, accepted_on from intermediate.int_invitations_matched order by sent_at") == [
        ("Oskar Lindgren", None),
        ("Daniel Okafor", date(2022, 9, 2)),
    ]


def test_2022_unquoted_multiline_comment_repeated_search_and_crlf_activity(era_homes):
    home = era_homes["2022"]
    assert query(
        home,
        "select message from raw.linkedin__comments where commented_at = ?",
        datetime(2022, 8, 29, 18, 22, 3, tzinfo=UTC),
    ) == [("Such a good summary\n\nI shared it with my team\nThank you for writing it",)]
    assert query(home, "select count(*) from raw.linkedin__comments") == [(3,)]
    # Same search twice in the same second: two raw rows, one search in staging.
    assert query(home, "select count(*) from raw.linkedin__search_queries") == [(4,)]
    assert query(home, "select query, _copies from staging.stg_linkedin__search_queries order by searched_at") == [
        ("dbt snapshots", 2),
        ("data engineer, remote, gothenburg", 1),
        ("daniel okafor", 1),
    ]
    assert query(home, "select commentary from raw.linkedin__shares order by shared_at desc limit 1") == [
        ('We shipped v2 of our "boring" pipeline.\n\nThanks, team!',)
    ]
    assert query(home, "select post_url, option_text from raw.linkedin__votes order by voted_at") == [
        ("https://www.linkedin.com/feed/update/urn:li:groupPost:4412345-6916123456789012224", "Yes, every sprint"),
        ("https://www.linkedin.com/feed/update/urn:li:ugcPost:6961123456789012480", "Batch (nightly)"),
    ]
    assert query(home, "select full_name, status from raw.linkedin__member_follows order by followed_at") == [
        ("Oskar Lindgren", "Unfollow"),
        ("Mei Tanaka", "Active"),
    ]
    assert query(
        home, "select organization, followed_at from raw.linkedin__company_follows order by followed_at limit 1"
    ) == [("Nordlys Shipping", datetime(2021, 11, 8, 18, 40, 12, tzinfo=UTC))]


def test_2022_sponsored_html_legacy_endorsements_pointer_rich_media_and_learning(era_homes):
    home = era_homes["2022"]
    assert query(
        home, "select from_name, content_text, is_possibly_sponsored from staging.stg_linkedin__messages where has_html"
    ) == [("Northwind Analytics", "Hi Henrietta,\nJoin us on Sept 20 & hear from 30 speakers.", True)]
    # The legacy UTF-16 TSV and the modern file both load; the two endorsements they share count once.
    assert query(
        home, "select _source_file, count(*) from raw.linkedin__endorsements_received group by 1 order by 1"
    ) == [("Endorsement Received Info.csv", 3), ("Endorsement_Received_Info.csv", 3)]
    assert query(
        home, "select skill_name, _copies from staging.stg_linkedin__endorsements_received order by endorsed_at"
    ) == [("Logistics", 1), ("Data Modeling", 2), ("SQL", 2), ("dbt", 1)]
    # `Rich Media.csv` (≤2024-03) only points to a download page: no uploads, no upload time.
    assert query(
        home, "select pointer_type, uploaded_at, media_url from raw.linkedin__rich_media order by _source_line"
    ) == [("Video content can be downloaded at", None, None), ("Documents can be downloaded at", None, None)]
    assert query(
        home,
        "select content_title, last_watched_at, completed_at, is_saved from raw.linkedin__learning "
        "order by _source_line",
    ) == [
        (
            "Advanced SQL for Data Engineers",
            datetime(2022, 8, 14, 20, 31, tzinfo=UTC),
            datetime(2022, 8, 14, 20, 31, tzinfo=UTC),
            False,
        ),
        ("Data Modeling Foundations", datetime(2022, 3, 2, 7, 10, tzinfo=UTC), None, True),
        ("Kafka: Quick Start", None, None, True),
    ]


PHOTO_PATHS = [
    "https://media.licdn.com/dms/image/v2/D4E22AQGinvented01/feedshare-shrink_2048_1536/B4EZinvented01/0/1764785520311",
    "https://media.licdn.com/dms/image/v2/D4E22AQHinvented02/feedshare-shrink_2048_1536/B4EZinvented02/0/1764785520498",
    "https://media.licdn.com/dms/image/v2/D4E22AQFinvented03/feedshare-shrink_1280/B4EZinvented03/0/1764785520702",
    "https://media.licdn.com/dms/image/v2/D4E22AQEinvented04/feedshare-shrink_2048_1536/B4EZinvented04/0/1764785520915",
]


def test_2025_12_basic_four_photo_post_keeps_five_uploads(era_homes):
    home = era_homes["2025-12-basic"]
    rows = query(
        home,
        "select uploaded_at, media_kind, media_path, media_description from staging.stg_linkedin__rich_media "
        "order by _source_line",
    )
    post = datetime(2025, 12, 3, 18, 12, tzinfo=UTC)
    desc = "Robotics meetup recap, part 1\nThanks to everyone who came!"
    assert rows == [(post, "feed photo", p, desc) for p in PHOTO_PATHS] + [
        (
            datetime(2025, 9, 9, 8, 30, tzinfo=UTC),
            "profile photo",
            "https://media.licdn.com/dms/image/v2/D4E03AQInventedPP/profile-displayphoto-shrink_800_800/B4EZinventedPP/0/"
            "1757406600123",
            " -",
        )
    ]
    # media_path is the link without its signed query.
    assert query(
        home,
        "select count(*) from staging.stg_linkedin__rich_media where media_path = split_part(media_url, '?', 1) "
        "and media_url like '%?e=%&v=beta&t=%'",
    ) == [(5,)]


def test_2025_12_basic_side_files_unknown_files_and_sensitive_whatsapp(era_homes):
    home = era_homes["2025-12-basic"]
    ledger = dict(query(home, "select source_file, status from raw.load_ledger"))
    assert {
        f: ledger[f]
        for f in (
            "guide_messages.csv",
            "Profile Summary.csv",
            "Services Marketplace/Providers.csv",
            "SavedJobAlerts.csv",
            "Whatsapp Phone Numbers.csv",
        )
    } == {
        "guide_messages.csv": "empty",
        "Profile Summary.csv": "generic",
        "Services Marketplace/Providers.csv": "generic",
        "SavedJobAlerts.csv": "generic",
        "Whatsapp Phone Numbers.csv": "generic",
    }
    assert query(home, "select secondary_service_category, _source_file from raw.linkedin__providers") == [
        ("Automation Engineering", "Services Marketplace/Providers.csv")
    ]
    assert query(home, "select saved_search_id from raw.linkedin__saved_job_alerts") == [("7301234567",)]
    # Loaded only because the era tests pass --include-sensitive; withheld by default.
    assert query(home, "select number, is_whats_app_number from raw.linkedin__whatsapp_phone_numbers") == [
        ("+44 7700 900461", "true")
    ]
    parsed = parse_export(open_export(ERAS / "2025-12-basic" / "Basic_LinkedInDataExport_12-24-2025.zip"))
    [whatsapp] = [f for f in parsed.files if f.file == "Whatsapp Phone Numbers.csv"]
    assert whatsapp.status == "withheld" and "whatsapp_phone_numbers" not in parsed.tables
    # The percent-encoded Connections slug and the raw non-ASCII Invitations slug are the same person.
    assert query(
        home,
        "select c.first_name, i.direction from staging.stg_linkedin__connections c join "
        "staging.stg_linkedin__invitations i on i.inviter_slug = c.profile_slug",
    ) == [("Zoë", "INCOMING")]
    assert query(home, "select attachments from raw.linkedin__messages where attachments is not null") == [
        (
            "https://www.linkedin.com/dms/prv/image/v2/D4E06AQInventedDiag/messaging-attachmentFile/0/1766137200000"
            "?m=AQInventedM9&ne=1&v=beta&t=InventedT9",
        )
    ]
    assert query(home, "select event_name, starts_at, ends_at from raw.linkedin__events order by starts_at") == [
        (
            "Women in Automation Summit 2025",
            datetime(2025, 3, 12, 9, 0, tzinfo=UTC),
            datetime(2025, 3, 13, 17, 0, tzinfo=UTC),
        ),
        (
            "Lisbon Robotics Night",
            datetime(2025, 11, 20, 18, 30, tzinfo=UTC),
            datetime(2025, 11, 20, 21, 0, tzinfo=UTC),
        ),
    ]


def test_2022_learning_notes_placeholder_is_null(era_homes):
    # Spec §2.19: `Notes taken…` is `N/A` when no notes were taken: the registry marks it as that column's placeholder.
    assert query(era_homes["2022"], "select count(*) from raw.linkedin__learning where notes is not null") == [(0,)]
