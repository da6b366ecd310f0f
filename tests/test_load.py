"""Loading whole exports: header finding, quarantine accounting, idempotency, members, history."""

import json
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest
from linkedin_ssi.flows.cli import main
from linkedin_ssi.ingest.archive import open_export
from linkedin_ssi.ingest.parse import parse_export

from support import write_export, zip_folder

PREAMBLE = (
    'Notes:\n"When exporting your connection data, you may notice that some of the email addresses are missing. You '
    "will only see email addresses for connections who have allowed their connections to see or download their email "
    "address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more here "
    'https://www.linkedin.com/help/linkedin/answer/261"\n\n'
)
CONN_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
PROFILE = (
    "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,Geo Location,"
    "Twitter Handles,Websites,Instant Messengers\n{first},{last},,,,Seller,,Software,,,,,\n"
)
INVITES = (
    "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
    '{first} {last},Dana Doe,"3/7/26, 1:07 PM",,OUTGOING,https://www.linkedin.com/in/{slug},'
    "https://www.linkedin.com/in/dana-doe\n"
)


def export_files(first="Avery", last="Example", slug="avery-example", connections=("ann", "bob")):
    rows = "".join(f"{c.title()},Person,https://www.linkedin.com/in/{c},,Acme,CEO,05 Mar 2026\n" for c in connections)
    return {
        "Profile.csv": PROFILE.format(first=first, last=last),
        "Invitations.csv": INVITES.format(first=first, last=last, slug=slug),
        "Connections.csv": PREAMBLE + CONN_HEADER + rows.rstrip("\n"),
    }


def db(home: Path):
    return duckdb.connect(str(home / "warehouse" / "linkedin.duckdb"), read_only=True)


@pytest.mark.parametrize("prefix", [PREAMBLE, "", "\ufeff\n\n"], ids=["preamble", "no-preamble", "bom+blank-lines"])
def test_connections_header_is_found_wherever_it_is(tmp_path, prefix):
    folder = write_export(tmp_path / "e", {"Connections.csv": prefix + CONN_HEADER + ",,,,,,07 Jun 2022"})
    parsed = parse_export(open_export(folder))
    report = next(f for f in parsed.files if f.file == "Connections.csv")
    assert report.header_line == prefix.count("\n") + 1
    assert parsed.tables["connections"].select(
        "first_name", "connected_at", "has_connected_at_time", "_source_line"
    ).rows() == [(None, datetime(2022, 6, 7, tzinfo=UTC), False, prefix.count("\n") + 2)]


def test_unrecognisable_file_is_kept_as_text_and_the_rest_loads(tmp_path):
    files = export_files()
    files["Connections.csv"] = "Name,Date\nAnn,2020\n"
    parsed = parse_export(open_export(write_export(tmp_path / "e", files)))
    report = next(f for f in parsed.files if f.file == "Connections.csv")
    assert (report.status, report.table, report.rows_read, report.rows_kept_as_text, report.rows_loaded) == (
        "kept_as_text",
        "connections",
        2,
        2,
        0,
    )
    assert parsed.problems() == [
        "Connections.csv: kept as text: no header row with 'First Name' and 'Connected On' in the first 10 lines"
    ]
    assert parsed.tables["kept_as_text"].select("table_name", "source_file", "source_line", "line").rows() == [
        ("connections", "Connections.csv", 1, "Name,Date"),
        ("connections", "Connections.csv", 2, "Ann,2020"),
    ]
    assert "connections" not in parsed.tables
    assert parsed.tables["invitations"].height == 1 and parsed.tables["profile"].height == 1


def test_missing_required_column_keeps_the_file_as_text_naming_the_column(tmp_path):
    folder = write_export(tmp_path / "e", {"Connections.csv": "First Name,URL,Connected On\nAnn,,05 Mar 2026\n"})
    parsed = parse_export(open_export(folder))
    assert parsed.problems() == [
        'Connections.csv: kept as text: column "Last Name" missing (header: First Name,URL,Connected On)'
    ]
    assert parsed.tables["kept_as_text"]["line"].to_list() == ["First Name,URL,Connected On", "Ann,,05 Mar 2026"]


def test_an_export_of_nothing_but_unrecognised_linkedin_files_still_keeps_them(tmp_path):
    # A LinkedIn file name is recognisable even when its shape is new: keep it rather than refuse the export.
    parsed = parse_export(open_export(write_export(tmp_path / "e", {"Invitations.csv": "When,Who\n2026,Ann\n"})))
    assert [(f.file, f.status) for f in parsed.files] == [("Invitations.csv", "kept_as_text")]


def test_bad_rows_are_quarantined_with_reasons_and_accounted_for(tmp_path, home):
    files = export_files()
    files["Invitations.csv"] += (
        'X Y,Avery Example,"13/45/26, 1:07 PM",,INCOMING,,\n'
        'X Y,Avery Example,"3/8/26, 2:00 PM",,SIDEWAYS,,\n'
        "too,few,fields\n"
    )
    folder = write_export(tmp_path / "e", files)
    assert main(["ingest", str(folder), "--home", str(home)]) == 0
    with db(home) as con:
        assert con.execute(
            "select table_name, source_file, source_line, column_name, reason from raw.quarantine order by source_line"
        ).fetchall() == [
            (
                "invitations",
                "Invitations.csv",
                3,
                "sent_at",
                "sent_at: '13/45/26, 1:07 PM' does not match '%m/%d/%y, %I:%M %p'",
            ),
            (
                "invitations",
                "Invitations.csv",
                4,
                "direction",
                "direction: 'SIDEWAYS' fails isin(['INCOMING', 'OUTGOING'])",
            ),
            ("invitations", "Invitations.csv", 5, "*", "record has 3 fields, header has 7"),
        ]
        # A contract failure keeps the typed row it refused, as JSON.
        raw = json.loads(con.execute("select raw_record from raw.quarantine where source_line = 4").fetchone()[0])
        assert (raw["from_name"], raw["to_name"], raw["direction"], raw["sent_at"]) == (
            "X Y",
            "Avery Example",
            "SIDEWAYS",
            "2026-03-08T14:00:00+00:00",
        )
        assert con.execute(
            "select rows_read, rows_loaded, rows_quarantined from raw.load_ledger where source_file = 'Invitations.csv'"
        ).fetchall() == [(4, 1, 3)]
        bad = con.execute(
            "select count(*) from raw.load_ledger where rows_read <> rows_loaded + rows_quarantined"
        ).fetchone()
        assert bad == (0,)


def test_reingesting_the_same_export_renamed_changes_nothing(tmp_path, home, capsys):
    folder = write_export(tmp_path / "e", export_files())
    zipped = zip_folder(folder, tmp_path / "copy-with-another-name.zip")
    assert main(["ingest", str(folder), "--home", str(home)]) == 0
    before = sorted(p.relative_to(home) for p in (home / "lake").rglob("*"))
    mtime = (home / "warehouse" / "linkedin.duckdb").stat().st_mtime_ns
    capsys.readouterr()
    assert main(["ingest", str(zipped), "--home", str(home), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [r["status"] for r in out["results"]] == ["already loaded"]
    assert sorted(p.relative_to(home) for p in (home / "lake").rglob("*")) == before
    assert (home / "warehouse" / "linkedin.duckdb").stat().st_mtime_ns == mtime


def test_two_members_side_by_side_and_the_member_override(tmp_path, home):
    a = write_export(tmp_path / "a", export_files())
    b = write_export(tmp_path / "b", export_files("Blake", "Sample", "blake-sample", ("cy",)))
    c = write_export(tmp_path / "c", export_files("Casey", "Other", "casey-other", ("dee",)))
    assert main(["ingest", str(a), str(b), "--home", str(home)]) == 0
    assert main(["ingest", str(c), "--home", str(home), "--member", "team-lead"]) == 0
    with db(home) as con:
        assert con.execute(
            "select member, member_name, member_profile_url from raw.exports order by member"
        ).fetchall() == [
            ("avery-example", "Avery Example", "https://www.linkedin.com/in/avery-example"),
            ("blake-sample", "Blake Sample", "https://www.linkedin.com/in/blake-sample"),
            ("team-lead", "Casey Other", "https://www.linkedin.com/in/casey-other"),
        ]
        assert con.execute(
            "select _member, profile_slug from staging.stg_linkedin__connections order by 1, 2"
        ).fetchall() == [
            ("avery-example", "ann"),
            ("avery-example", "bob"),
            ("blake-sample", "cy"),
            ("team-lead", "dee"),
        ]


def test_a_newer_export_adds_history_and_the_newest_export_wins(tmp_path, home):
    old = export_files(connections=("ann", "bob"))
    new = export_files(connections=("bob", "cat"))
    # The newer export is newer because its newest activity is later.
    new["Invitations.csv"] = new["Invitations.csv"].replace("3/7/26, 1:07 PM", "9/1/26, 8:00 AM")
    new["Connections.csv"] = new["Connections.csv"].replace("Bob,Person", "Bob,Renamed")
    assert main(["ingest", str(write_export(tmp_path / "old", old)), "--home", str(home)]) == 0
    assert main(["ingest", str(write_export(tmp_path / "new", new)), "--home", str(home)]) == 0
    with db(home) as con:
        assert con.execute("select count(*) from raw.exports").fetchone() == (2,)
        assert con.execute(
            "select profile_slug, last_name, is_in_latest_export from staging.stg_linkedin__connections order by 1"
        ).fetchall() == [("ann", "Person", False), ("bob", "Renamed", True), ("cat", "Person", True)]
        assert con.execute(
            "select change, connection_key, to_exported_at from marts.connection_changes order by 1, 2"
        ).fetchall() == [
            ("appeared", "cat", datetime(2026, 9, 1, 8, 0, tzinfo=UTC)),
            ("disappeared", "ann", datetime(2026, 9, 1, 8, 0, tzinfo=UTC)),
        ]
        # Both invitations are kept: the older export holds one the newer one no longer lists.
        assert con.execute("select count(*) from staging.stg_linkedin__invitations").fetchone() == (2,)


def test_a_failed_export_stores_nothing_and_keeps_what_was_loaded(tmp_path, home, capsys):
    good = write_export(tmp_path / "good", export_files())
    bad = write_export(tmp_path / "bad", {"notes.txt": "no LinkedIn file here\n", "Foo.csv": "a\n1\n"})
    assert main(["ingest", str(good), "--home", str(home)]) == 0
    before = sorted(p.relative_to(home) for p in (home / "lake").rglob("*"))
    capsys.readouterr()
    assert main(["ingest", str(bad), "--home", str(home)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1] == (
        "error: bad: no LinkedIn export files in it (such as Connections.csv, Profile.csv or messages.csv)"
        " — is this a LinkedIn data export?"
    )
    assert sorted(p.relative_to(home) for p in (home / "lake").rglob("*")) == before
    with db(home) as con:
        assert con.execute("select member from raw.exports").fetchall() == [("avery-example",)]


def test_an_odd_file_loads_the_export_with_exit_code_3_and_one_line(tmp_path, home, capsys):
    bad = write_export(
        tmp_path / "bad", {**export_files("Blake", "Sample", "blake-sample"), "Connections.csv": "garbage\n"}
    )
    capsys.readouterr()
    assert main(["ingest", str(bad), "--home", str(home)]) == 3
    err = capsys.readouterr().err.strip().splitlines()
    assert (
        "warning: bad: Connections.csv: kept as text: no header row with 'First Name' and 'Connected On' in the "
        "first 10 lines"
    ) in err
    with db(home) as con:
        assert con.execute("select member from raw.exports").fetchall() == [("blake-sample",)]
        assert con.execute(
            "select source_file, source_line, line, reason like 'no header row%' from raw.kept_as_text"
        ).fetchall() == [("Connections.csv", 1, "garbage", True)]
        assert con.execute(
            "select status, rows_read, rows_loaded, rows_quarantined, rows_kept_as_text "
            "from raw.load_ledger where source_file = 'Connections.csv'"
        ).fetchall() == [("kept_as_text", 1, 0, 0, 1)]
        assert con.execute("select count(*) from raw.linkedin__invitations").fetchone() == (1,)


def test_status_json_shows_per_file_accounting(tmp_path, home, capsys):
    folder = write_export(
        tmp_path / "e",
        export_files()
        | {"Duolingo.csv": "Language,Score\nPT,10\n", "LearningCoachMessages.csv": "No conversations found"},
    )
    assert main(["ingest", str(folder), "--home", str(home)]) == 0
    capsys.readouterr()
    assert main(["status", "--home", str(home), "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    files = {
        f["file"]: (f["table"], f["status"], f["rows_read"], f["rows_loaded"], f["rows_quarantined"])
        for f in status["members"][0]["exports"][0]["files"]
    }
    assert files == {
        "Connections.csv": ("connections", "loaded", 2, 2, 0),
        "Duolingo.csv": ("duolingo", "generic", 1, 1, 0),
        "Invitations.csv": ("invitations", "loaded", 1, 1, 0),
        "LearningCoachMessages.csv": ("messages", "placeholder", 0, 0, 0),
        "Profile.csv": ("profile", "loaded", 1, 1, 0),
    }
    with db(home) as con:
        assert con.execute(
            "select * exclude (_source_file, _export_id, _exported_at) from raw.linkedin__duolingo"
        ).fetchall() == [("PT", "10", 2, "avery-example")]
        assert con.execute("select table_name from raw.generic_tables").fetchall() == [("raw.linkedin__duolingo",)]
        # Documented like every raw table: the file's own columns as text, the lineage columns as theirs.
        assert con.execute(
            "select comment from duckdb_views() where schema_name = 'raw' and view_name = 'linkedin__duolingo'"
        ).fetchall() == [("A CSV the registry does not know, kept as text so nothing is lost.",)]
        comments = dict(
            con.execute(
                "select column_name, comment from duckdb_columns() "
                "where schema_name = 'raw' and table_name = 'linkedin__duolingo'"
            ).fetchall()
        )
        assert comments["language"] == comments["score"] == "Text as written in the file (column name snake_cased)."
        assert comments["_member"].startswith("Member")


def test_a_file_kept_as_text_is_typed_by_a_later_version_on_reload(tmp_path, home, capsys, monkeypatch):
    import dataclasses

    import linkedin_ssi.ingest.parse
    from linkedin_ssi.ingest.registry import BY_FILE

    files = export_files()
    files["Invitations.csv"] = files["Invitations.csv"].replace('"3/7/26, 1:07 PM"', "2026-03-07 13:07:00")
    folder = write_export(tmp_path / "e", files)
    assert main(["ingest", str(folder), "--home", str(home)]) == 3
    with db(home) as con:
        assert con.execute("select count(*) from raw.linkedin__invitations").fetchone() == (0,)
        assert (
            con.execute("select line from raw.kept_as_text where source_line = 2")
            .fetchone()[0]
            .startswith("Avery Example,Dana Doe,2026-03-07 13:07:00,")
        )
    # A later version learns the new date format: --reload types the rows that were kept as text.
    spec = BY_FILE["invitations"]
    learned = dataclasses.replace(
        spec,
        columns=tuple(
            dataclasses.replace(c, formats=(*c.formats, ("%Y-%m-%d %H:%M:%S", False))) if c.name == "sent_at" else c
            for c in spec.columns
        ),
    )
    monkeypatch.setitem(linkedin_ssi.ingest.parse.BY_FILE, "invitations", learned)
    assert main(["ingest", str(folder), "--home", str(home), "--reload"]) == 0
    with db(home) as con:
        assert con.execute("select to_name, sent_at from raw.linkedin__invitations").fetchall() == [
            ("Dana Doe", datetime(2026, 3, 7, 13, 7, tzinfo=UTC))
        ]
        assert con.execute("select count(*) from raw.kept_as_text").fetchone() == (0,)


def test_a_contract_failure_about_a_whole_column_keeps_only_that_file_as_text(tmp_path, monkeypatch):
    import linkedin_ssi.ingest.parse
    from linkedin_ssi.ingest.contracts import ContractColumnError

    real = linkedin_ssi.ingest.parse.validate

    def dtype_failure_in_one_chunk(table, frame):
        if table == "comments" and "Comments_2.csv" in frame["_source_file"].to_list():
            raise ContractColumnError("message: dtype('String') failed (got Null)")
        return real(table, frame)

    monkeypatch.setattr(linkedin_ssi.ingest.parse, "validate", dtype_failure_in_one_chunk)
    comments = (
        "Date,Link,Message\n"
        "{junk}2026-03-0{d} 10:00:00,https://www.linkedin.com/feed/update/urn:li:activity:{d},Hi {d}\n"
    )
    files = export_files() | {
        "Comments_1.csv": comments.format(d=1, junk=""),
        "Comments_2.csv": comments.format(d=2, junk="not a record\n"),
    }
    parsed = parse_export(open_export(write_export(tmp_path / "e", files)))
    assert parsed.problems() == ["Comments_2.csv: kept as text: contract: message: dtype('String') failed (got Null)"]
    assert parsed.tables["comments"].select("message", "_source_file").rows() == [("Hi 1", "Comments_1.csv")]
    assert parsed.tables["kept_as_text"].select("source_file", "source_line", "line").rows() == [
        ("Comments_2.csv", 1, "Date,Link,Message"),
        ("Comments_2.csv", 2, "not a record"),
        ("Comments_2.csv", 3, "2026-03-02 10:00:00,https://www.linkedin.com/feed/update/urn:li:activity:2,Hi 2"),
    ]
    # Its malformed line is kept with the rest, not quarantined as well: the ledger still balances.
    assert parsed.quarantine.height == 0
    [report] = [f for f in parsed.files if f.file == "Comments_2.csv"]
    assert (report.rows_read, report.rows_loaded, report.rows_quarantined, report.rows_kept_as_text) == (3, 0, 0, 3)
