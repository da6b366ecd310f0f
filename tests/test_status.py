"""`linkedin-ssi status`: short per member by default, every file and the staging reconciliation with -v."""

import json
import os
import time

import pytest
from linkedin_ssi.flows.cli import main
from linkedin_ssi.ingest.inbox import collect_inbox, load_archived

from support import write_export, zip_folder
from test_load import export_files

SEARCHES = (
    "Time,Search Query\n2026/03/01 10:00:00 UTC,data engineer\n2026/03/01 10:00:00 UTC,data engineer\n"
    "2026/03/02 11:00:00 UTC,dbt\n"
)
ODD_VOTES = "Date,Link\nx,y\n"
VOTES_REASON = "no header row with 'Date' and 'Link' and 'OptionText' in the first 10 lines"


@pytest.fixture(scope="module")
def two_exports(tmp_path_factory):
    """A member with two exports: the same searches (one repeated within each file), and an odd Votes.csv."""
    d = tmp_path_factory.mktemp("status")
    older = write_export(d / "Basic_LinkedInDataExport_03-10-2026", export_files() | {"SearchQueries.csv": SEARCHES})
    newer = write_export(
        d / "Complete_LinkedInDataExport_04-10-2026",
        export_files(connections=("ann", "bob", "cy"))
        | {
            "SearchQueries.csv": SEARCHES,
            "Votes.csv": ODD_VOTES,
            "Invitations.csv": export_files()["Invitations.csv"].replace("3/7/26", "4/7/26"),
        },
    )
    home = d / "home"
    assert main(["ingest", str(older), str(newer), "--home", str(home)]) == 3
    return home


def test_status_is_short_by_default_per_member(two_exports, capsys):
    capsys.readouterr()
    assert main(["status", "--home", str(two_exports)]) == 0
    assert capsys.readouterr().out.splitlines()[2:] == [
        "exports loaded: 2 for 1 member(s)",
        "SSI scores: 0 capture(s) from 0 import(s) — add them with `linkedin-ssi ssi import FILE`",
        "",
        "member avery-example (Avery Example): 2 exports, 15 rows loaded, 0 quarantined, 1 problem",
        f"  Complete_LinkedInDataExport_04-10-2026: Votes.csv: kept as text: {VOTES_REASON}",
        "",
        "(`linkedin-ssi status -v` lists every file and how staging reconciles with what was loaded)",
    ]


def test_status_verbose_lists_files_and_why_staging_differs(two_exports, capsys):
    capsys.readouterr()
    assert main(["status", "--home", str(two_exports), "-v"]) == 0
    out = capsys.readouterr().out.splitlines()
    votes = next(line for line in out if line.strip().startswith("Votes.csv")).split()
    assert votes[:8] == ["Votes.csv", "votes", "kept_as_text", "2", "=", "0", "+", "0"]
    assert next(line for line in out if "Complete_LinkedInDataExport_04-10-2026 (" in line).endswith(
        "10 read = 8 loaded + 0 quarantined + 2 kept as text"
    )
    staging = out[out.index("staging (all members): rows loaded -> rows in staging: why they differ") + 1 :]
    assert [line.split() for line in staging] == [
        [
            "staging.stg_linkedin__connections",
            "5",
            "->",
            "3:",
            "0",
            "repeated",
            "within",
            "an",
            "export,",
            "2",
            "the",
            "same",
            "record",
            "in",
            "other",
            "exports",
        ],
        [
            "staging.stg_linkedin__invitations",
            "2",
            "->",
            "2:",
            "0",
            "repeated",
            "within",
            "an",
            "export,",
            "0",
            "the",
            "same",
            "record",
            "in",
            "other",
            "exports",
        ],
        [
            "staging.stg_linkedin__profiles",
            "2",
            "->",
            "1:",
            "0",
            "repeated",
            "within",
            "an",
            "export,",
            "1",
            "the",
            "same",
            "record",
            "in",
            "other",
            "exports",
        ],
        # 'data engineer' twice in each export, 'dbt' once in each: 6 rows, 2 searches.
        [
            "staging.stg_linkedin__search_queries",
            "6",
            "->",
            "2:",
            "2",
            "repeated",
            "within",
            "an",
            "export,",
            "2",
            "the",
            "same",
            "record",
            "in",
            "other",
            "exports",
        ],
    ]


def test_status_json_carries_problems_and_kept_rows(two_exports, capsys):
    capsys.readouterr()
    assert main(["status", "--home", str(two_exports), "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert (status["rows_read"], status["rows_loaded"], status["rows_quarantined"], status["rows_kept_as_text"]) == (
        17,
        15,
        0,
        2,
    )
    assert [e["problems"] for e in status["members"][0]["exports"]] == [
        [],
        [f"Votes.csv: kept as text: {VOTES_REASON}"],
    ]


def test_status_names_an_inbox_export_by_the_file_the_user_dropped(home, tmp_path, capsys):
    inbox = home / "inbox"
    inbox.mkdir(parents=True)
    dropped = zip_folder(write_export(tmp_path / "e", export_files()), inbox / "my export (1).zip")
    os.utime(dropped, (time.time() - 60, time.time() - 60))
    load_archived(home, collect_inbox(home, settle_seconds=10).to_load[0])
    capsys.readouterr()
    assert main(["status", "--home", str(home), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["members"][0]["exports"][0]["source_name"] == "my export (1).zip"
