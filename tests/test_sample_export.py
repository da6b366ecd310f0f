"""The bundled sample export, zipped at run time: every file's record count as its README states, and the
quirks the README maps to a file and line, asserted on the loaded warehouse."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import duckdb
import pytest
from linkedin_ssi.flows.cli import main

from support import SAMPLE

UTC = UTC


@pytest.fixture(scope="module")
def con(sample_zip, tmp_path_factory):
    home = tmp_path_factory.mktemp("sample") / "home"
    assert main(["ingest", str(sample_zip), "--home", str(home), "--include-sensitive"]) == 0
    with duckdb.connect(str(home / "warehouse" / "linkedin.duckdb"), read_only=True) as c:
        yield c


def rows(con, sql, *params):
    return con.execute(sql, list(params)).fetchall()


def readme_counts() -> dict[str, int]:
    """Return {file: records} from the sample README's Files table."""
    text = (SAMPLE / "README.md").read_text()
    return {
        m.group(1): int(m.group(2)) for m in re.finditer(r"^\| `([^`]+\.csv)` \|[^|]*\|[^|]*\| (\d+) \|$", text, re.M)
    }


def test_every_file_loads_exactly_the_records_the_readme_lists(con):
    counts = readme_counts()
    assert len(counts) == 43
    ledger = {
        f: (read, loaded, q)
        for f, read, loaded, q in rows(
            con,
            "select source_file, rows_read, rows_loaded, rows_quarantined from raw.load_ledger "
            "where table_name is not null",
        )
    }
    assert {f: ledger[f] for f in counts} == {f: (n, n, 0) for f, n in counts.items()}
    assert rows(con, "select source_file, status from raw.load_ledger where status = 'ignored' order by 1") == [
        ("__MACOSX/._Connections.csv", "ignored")
    ]


def test_member_and_export_identity(con):
    assert rows(con, "select member, member_name, member_profile_url, exported_at from raw.exports") == [
        (
            "avery-example",
            "Avery Example",
            "https://www.linkedin.com/in/avery-example",
            datetime(2026, 10, 14, 19, 55, 49, tzinfo=UTC),
        )
    ]


def test_connections_quirks(con):
    line = (
        "select first_name, last_name, profile_url, company, position, connected_at::date "
        "from raw.linkedin__connections where _source_line = ?"
    )
    assert rows(con, line, 61)[0][2] == "https://www.linkedin.com/in/zo%C3%AB-lambert-5e2b19"
    assert rows(con, line, 76)[0][0] == "Priya "
    assert rows(con, line, 76)[0][4] == "Director, Data Platform"
    assert rows(con, line, 108)[0][3] == "Brightline Data, Inc."
    assert rows(con, line, 128)[0][1] == "Whitfield 🌱"
    assert rows(con, line, 149)[0][3] == 'The "Quiet Hours" Collective'
    assert rows(con, line, 164)[0][1] == "Smith, PhD"
    assert [rows(con, line, n)[0] for n in (58, 114, 163)] == [
        (None, None, None, None, None, date(2026, 6, 7)),
        (None, None, None, None, None, date(2024, 2, 12)),
        (None, None, None, None, None, date(2019, 11, 30)),
    ]
    assert rows(
        con, "select count(*), count(*) filter (where is_hidden_member) from staging.stg_linkedin__connections"
    ) == [(188, 3)]
    assert rows(con, "select profile_slug from staging.stg_linkedin__connections where _source_line = 61") == [
        ("zoë-lambert-5e2b19",)
    ]


def test_invitation_quirks(con):
    assert rows(con, "select inviter_profile_url from raw.linkedin__invitations where _source_line = 75") == [
        ("https://www.linkedin.com/in/joão-galvão-2b8c4d",)
    ]
    assert rows(con, "select message from raw.linkedin__invitations where _source_line = 92") == [
        ("Hi Avery, loved your talk on metric trees, would be great to connect.",)
    ]
    assert rows(con, "select sent_at, has_sent_at_tz from raw.linkedin__invitations where _source_line = 86") == [
        (datetime(2026, 6, 2, 16, 41, tzinfo=UTC), False)
    ]
    assert rows(con, "select direction, count(*) from staging.stg_linkedin__invitations group by 1 order by 1") == [
        ("INCOMING", 41),
        ("OUTGOING", 81),
    ]


def test_message_quirks(con):
    line = "select content from raw.linkedin__messages where _source_file = 'messages.csv' and _source_line = ?"
    assert rows(con, line, 49) == [("\ufeffThanks, sent it over just now.",)]
    assert rows(con, line, 478) == [('Have you seen the "metrics tree" template Lena shared? It is "very" good.',)]
    assert rows(con, line, 523) == [("Hi Avery,\n\nthanks for the intro!\nTalk soon",)]
    assert rows(con, line, 636) == [("Congrats on the launch,\nlet's catch up soon",)]
    sponsored = rows(
        con,
        "select has_html, is_possibly_sponsored, content_text like '%&amp;%' from "
        "staging.stg_linkedin__messages where _source_line = 159",
    )
    assert sponsored == [(True, True, False)]
    assert rows(con, "select subject from raw.linkedin__messages where _source_line = 426") == [
        ("Senior Analytics Engineer role at Halcyon Bio",)
    ]
    assert rows(con, "select to_names from raw.linkedin__messages where _source_line = 544") == [
        ("Jane Doe, Ph.D., Dara Ilunga, Chidi Oduya",)
    ]
    drafts = rows(
        con,
        "select _source_line, folder, conversation_id is null from staging.stg_linkedin__messages "
        "where is_draft order by 1",
    )
    assert drafts == [(280, "INBOX", False), (579, "ARCHIVE", False), (635, None, True), (636, None, True)]
    assert rows(con, "select channel, count(*) from raw.linkedin__messages group by 1 order by 1") == [
        ("coach", 2),
        ("messages", 446),
    ]
    assert (
        rows(con, "select count(*) from staging.stg_linkedin__messages where is_from_owner and channel = 'messages'")
        == rows(
            con,
            "select count(*) from raw.linkedin__messages where from_name = 'Avery Example' and channel = 'messages'",
        )
        == [(217,)]
    )


def test_share_comment_and_search_quirks(con):
    share = "select commentary from raw.linkedin__shares where _source_line = ?"
    assert rows(con, share, 6) == [(None,)]
    assert rows(con, share, 9) == [("Line one\n\nLine two",)]
    assert rows(con, share, 27) == [('We call it the "two-pizza dashboard" rule, and it works.',)]
    assert rows(con, share, 35)[0][0].startswith(
        "Our warehouse bill dropped 30% after we turned off 60 unused tables.\n"
    )
    comment = "select message from raw.linkedin__comments where _source_file = ? and _source_line = ?"
    assert rows(con, comment, "Comments_34875879.csv", 4) == [('Love the "boring tech" framing, very true',)]
    assert rows(con, comment, "Comments_34875879.csv", 9) == [('As my old manager used to say, "measure twice"',)]
    assert rows(con, comment, "Comments_34875879.csv", 13) == [("Great write-up!\nSaving this one.",)]
    assert rows(con, comment, "Comments_34875880.csv", 5) == [
        ("Congrats on the launch\nWell deserved\nSee you in Porto",)
    ]
    assert rows(con, comment, "Comments_34875880.csv", 13) == [('She called it "the metrics tree" and it stuck',)]
    assert rows(con, comment, "Comments_34875880.csv", 19) == [("Thanks, Lena!\nThis helps a lot",)]
    assert rows(con, comment, "Comments_34875880.csv", 26) == [("Happy to help\nPing me anytime",)]
    query = "select query from raw.linkedin__search_queries where _source_line = ?"
    assert [rows(con, query, n)[0][0] for n in (7, 42, 122)] == [
        "data engineer, lisbon",
        "head of data, fintech, remote",
        "Porto, Portugal analytics meetup",
    ]
    assert dict(rows(con, "select reaction_type, count(*) from raw.linkedin__reactions group by 1")) == {
        "LIKE": 334,
        "PRAISE": 66,
        "EMPATHY": 51,
        "APPRECIATION": 25,
        "INTEREST": 60,
        "ENTERTAINMENT": 19,
        "MAYBE": 12,
    }
    assert rows(con, "select option_text from raw.linkedin__votes where _source_line = 35") == [
        ("Spreadsheets, honestly",)
    ]


def test_profile_and_other_file_quirks(con):
    assert rows(con, "select organization from raw.linkedin__company_follows where _source_line = 16") == [
        ("Tailwind Freight, Ltd.",)
    ]
    assert rows(con, "select status from raw.linkedin__member_follows where _source_line = 6") == [("Unfollow",)]
    assert rows(con, "select media_description from raw.linkedin__rich_media where _source_line = 3") == [
        ("Team offsite in Sintra\nBest crew, best views",)
    ]
    assert rows(con, "select media_kind, uploaded_at from raw.linkedin__rich_media where _source_line = 15") == [
        ("profile photo", datetime(2026, 3, 14, 19, 1, tzinfo=UTC))
    ]
    assert rows(con, "select finished_on from raw.linkedin__positions where _source_line = 2") == [(None,)]
    assert rows(con, "select started_on, finished_on from raw.linkedin__positions where _source_line = 5") == [
        (date(2016, 1, 1), date(2018, 1, 1))
    ]
    assert rows(con, "select skill_name from raw.linkedin__skills where _source_line = 7") == [
        ("Extract, Transform, Load (ETL)",)
    ]
    assert rows(
        con,
        "select endorser_slug from staging.stg_linkedin__endorsements_received where _source_line = 14 "
        "and _source_file = 'Endorsement_Received_Info.csv'",
    ) == [("zoë-lambert-5e2b19",)]
    assert rows(
        con,
        "select endorsed_at, skill_name, endorser_first_name, endorser_last_name, endorsement_status, "
        "display_status from raw.linkedin__endorsements_received "
        "where _source_file = 'Endorsement Received Info.csv' order by _source_line limit 1",
    ) == [(datetime(2021, 4, 12, 8, 15, 2, tzinfo=UTC), "SQL", "Chidi", "Brandao", "ACCEPTED", "VISIBLE")]
    assert rows(con, "select created_at from raw.linkedin__recommendations_received where _source_line = 2") == [
        (datetime(2026, 3, 5, 9, 12, tzinfo=UTC),)
    ]
    assert rows(con, "select starts_at, ends_at from raw.linkedin__events where _source_line = 3") == [
        (datetime(2026, 3, 12, 18, 30, tzinfo=UTC), datetime(2026, 3, 12, 20, 0, tzinfo=UTC))
    ]
    assert rows(con, "select count(*), count(last_watched_at) from raw.linkedin__learning") == [
        (8, 8 - rows(con, "select count(*) from raw.linkedin__learning where last_watched_at is null")[0][0])
    ]
    assert [
        c
        for (c,) in rows(
            con,
            "select column_name from duckdb_columns() where table_name = 'linkedin__ad_targeting' "
            "and column_name like 'company_names%' or column_name like 'job_titles%' order by 1",
        )
    ] == ["company_names", "company_names_2", "company_names_3", "job_titles", "job_titles_2"]
    assert rows(con, "select title, is_published, published_at is null from raw.linkedin__articles order by 1") == [
        ("Draft title", False, True),
        ("Why our dashboards got boring (on purpose)", True, False),
    ]
