"""`linkedin-ssi ssi import|add`: stored once, rejected whole, filed under the right member."""

import io
import json
from pathlib import Path

import duckdb
import pytest
from linkedin_ssi.flows.cli import main

from support import SAMPLE_SCORES, write_export
from test_load import export_files
from test_ssi_paste import PAGE  # the SSI page as a browser copies it

SCORES = SAMPLE_SCORES


def scores(home: Path):
    with duckdb.connect(str(home / "warehouse" / "linkedin.duckdb"), read_only=True) as con:
        return con.execute(
            "select member, score_date::varchar, total from staging.stg_ssi__scores order by member, score_date"
        ).fetchall()


def test_import_files_the_scores_under_the_only_member_and_twice_is_once(tmp_path, home, capsys):
    assert main(["ingest", str(write_export(tmp_path / "e", export_files())), "--home", str(home)]) == 0
    assert main(["ssi", "import", str(SCORES), "--home", str(home)]) == 0
    capsys.readouterr()
    assert main(["ssi", "import", str(SCORES), "--home", str(home), "--json"]) == 0
    assert [r["status"] for r in json.loads(capsys.readouterr().out)["results"]] == ["already imported"]
    rows = scores(home)
    assert len(rows) == 28
    capsys.readouterr()
    assert main(["status", "--home", str(home), "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert (status["ssi_imports"], status["ssi_captures"]) == (1, 28)
    assert rows[0] == ("avery-example", "2026-04-06", 54.82)
    assert len(list((home / "lake" / "ssi").glob("*.parquet"))) == 1


def test_a_bad_row_rejects_the_whole_file_and_keeps_what_was_stored(tmp_path, home, capsys):
    assert main(["ssi", "import", str(SCORES), "--home", str(home), "--member", "avery-example"]) == 0
    bad = tmp_path / "scores.csv"
    bad.write_text(
        "date,total,brand,people,insights,relationships\n2026-10-19,60,15,15,15,15\n2026-10-26,70,31,13,13,13\n"
    )
    capsys.readouterr()
    assert main(["ssi", "import", str(bad), "--home", str(home), "--member", "avery-example"]) == 1
    assert capsys.readouterr().err.strip().splitlines()[-1] == "error: scores.csv: line 3: brand: 31.0 is outside 0–25"
    assert len(scores(home)) == 28
    assert len(list((home / "lake" / "ssi").glob("*.parquet"))) == 1


def test_scores_of_unknown_owner_need_a_member_when_several_are_loaded(tmp_path, home, capsys):
    a = write_export(tmp_path / "a", export_files())
    b = write_export(tmp_path / "b", export_files("Blake", "Sample", "blake-sample", ("cy",)))
    assert main(["ingest", str(a), str(b), "--home", str(home)]) == 0
    capsys.readouterr()
    assert main(["ssi", "import", str(SCORES), "--home", str(home)]) == 1
    assert capsys.readouterr().err.strip() == (
        f"error: {SCORES}: the scores do not say whose they are; pass --member (members: avery-example, blake-sample)"
    )


def test_add_records_one_observation_and_defaults_the_total_to_the_pillar_sum(home):
    assert (
        main(
            [
                "ssi",
                "add",
                "--home",
                str(home),
                "--member",
                "m",
                "--date",
                "2026-10-19",
                "--brand",
                "19.4",
                "--people",
                "15.1",
                "--insights",
                "14.9",
                "--relationships",
                "15.6",
            ]
        )
        == 0
    )
    assert scores(home) == [("m", "2026-10-19", 65.0)]


def stored(home: Path) -> list[Path]:
    return sorted((home / "lake" / "ssi").glob("*")) if (home / "lake" / "ssi").exists() else []


def test_a_header_only_file_is_an_error_and_nothing_is_built(tmp_path, home, capsys):
    empty = tmp_path / "scores.csv"
    empty.write_text("date,total,brand,people,insights,relationships\n")
    assert main(["ssi", "import", str(empty), "--home", str(home)]) == 1
    assert capsys.readouterr().err.strip() == "error: scores.csv: no scores in the file (only a header)"
    assert stored(home) == [] and not (home / "warehouse").exists()


def test_a_misspelt_pillar_header_is_refused_with_exit_1(tmp_path, home, capsys):
    bad = tmp_path / "scores.csv"
    bad.write_text("date,total,brand,peopel,insights,relationships\n2026-10-19,60,15,15,15,15\n")
    assert main(["ssi", "import", str(bad), "--home", str(home), "--member", "m"]) == 1
    assert capsys.readouterr().err.strip() == (
        'error: scores.csv: unknown column "peopel" (did you mean "people"?); a people pillar column is required '
        "(expected one of: people, find_right_people, find_the_right_people)"
    )
    assert stored(home) == []


def test_an_unknown_member_is_refused_unless_new_member(tmp_path, home, capsys):
    assert main(["ingest", str(write_export(tmp_path / "e", export_files())), "--home", str(home)]) == 0
    capsys.readouterr()
    assert main(["ssi", "import", str(SCORES), "--home", str(home), "--member", "avery-exmaple"]) == 1
    assert capsys.readouterr().err.strip() == (
        f'error: --member "avery-exmaple" matches no member of {home} (did you mean "avery-example"?); '
        "pass --new-member to add it (members: avery-example)"
    )
    assert (
        main(
            [
                "ssi",
                "add",
                "--home",
                str(home),
                "--member",
                "zed",
                "--date",
                "2026-10-19",
                "--brand",
                "19",
                "--people",
                "15",
                "--insights",
                "15",
                "--relationships",
                "16",
            ]
        )
        == 1
    )
    assert capsys.readouterr().err.strip() == (
        f'error: --member "zed" matches no member of {home}; pass --new-member to add it (members: avery-example)'
    )
    assert stored(home) == []
    assert (
        main(
            [
                "ssi",
                "add",
                "--home",
                str(home),
                "--member",
                "zed",
                "--new-member",
                "--date",
                "2026-10-19",
                "--brand",
                "19",
                "--people",
                "15",
                "--insights",
                "15",
                "--relationships",
                "16",
            ]
        )
        == 0
    )
    assert "note: adding a new member zed (members so far: avery-example)" in capsys.readouterr().err
    # A member known only from its recorded scores is known too.
    assert (
        main(
            [
                "ssi",
                "add",
                "--home",
                str(home),
                "--member",
                "zed",
                "--date",
                "2026-10-20",
                "--brand",
                "19",
                "--people",
                "15",
                "--insights",
                "15",
                "--relationships",
                "16",
            ]
        )
        == 0
    )
    assert scores(home) == [("zed", "2026-10-19", 65.0), ("zed", "2026-10-20", 65.0)]


def test_the_first_member_of_an_empty_home_is_accepted_and_said_so(home, capsys):
    assert main(["ssi", "import", str(SCORES), "--home", str(home), "--member", "avery-example"]) == 0
    assert f"note: avery-example is the first member of {home}" in capsys.readouterr().err
    assert len(scores(home)) == 28


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("19/10/2026", '--date: "19/10/2026" is not a date; use YYYY-MM-DD, e.g. 2026-10-19'),
        ("10/19/2026", '--date: "10/19/2026" is not a date; use YYYY-MM-DD, e.g. 2026-10-19'),
        ("2026-02-30", '--date: "2026-02-30" is not a date; use YYYY-MM-DD, e.g. 2026-10-19'),
        ("yesterday", '--date: "yesterday" is not a date; use YYYY-MM-DD, e.g. 2026-10-19'),
    ],
)
def test_add_says_which_date_format_it_wants(home, capsys, value, message):
    assert (
        main(
            [
                "ssi",
                "add",
                "--home",
                str(home),
                "--member",
                "m",
                "--date",
                value,
                "--brand",
                "19",
                "--people",
                "15",
                "--insights",
                "15",
                "--relationships",
                "16",
            ]
        )
        == 2
    )
    assert capsys.readouterr().err.strip() == f"error: {message}"
    assert not home.exists()


def test_add_without_pillars_names_what_is_missing(home, capsys):
    assert main(["ssi", "add", "--home", str(home), "--date", "2026-10-19", "--brand", "19"]) == 2
    assert capsys.readouterr().err.strip() == (
        "error: ssi add: --people, --insights, --relationships are required "
        "(or --paste to read the text of linkedin.com/sales/ssi)"
    )


def test_add_paste_records_the_page_today_or_on_the_date_given(home, capsys, monkeypatch):
    from datetime import date

    monkeypatch.setattr("sys.stdin", io.StringIO(PAGE))
    assert main(["ssi", "add", "--paste", "--home", str(home), "--member", "m"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO(PAGE.replace("65", "64").replace("19,4", "18,4")))
    assert main(["ssi", "add", "--paste", "--date", "2026-10-19", "--home", str(home), "--member", "m"]) == 0
    with duckdb.connect(str(home / "warehouse" / "linkedin.duckdb"), read_only=True) as con:
        rows = con.execute(
            "select score_date, total, brand, people, insights, relationships, industry_rank, "
            "network_rank, source_format from raw.ssi__scores order by score_date"
        ).fetchall()
    assert rows == [
        (date(2026, 10, 19), 64.0, 18.4, 15.1, 14.9, 15.6, 12.0, 5.0, "ssi_page"),
        (date.today(), 65.0, 19.4, 15.1, 14.9, 15.6, 12.0, 5.0, "ssi_page"),
    ]


def test_add_paste_with_a_missing_pillar_stores_nothing(home, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(PAGE.replace("Find the right people\n15,1\n", "")))
    assert main(["ssi", "add", "--paste", "--home", str(home), "--member", "m"]) == 1
    assert capsys.readouterr().err.strip() == (
        "error: pasted text: no score found for Find the right people; copy the whole page at "
        "https://www.linkedin.com/sales/ssi (select all, copy) and paste it again"
    )
    monkeypatch.setattr("sys.stdin", io.StringIO(PAGE.replace("19,4", "29,4")))
    assert main(["ssi", "add", "--paste", "--home", str(home), "--member", "m"]) == 1
    assert capsys.readouterr().err.strip() == "error: pasted text: brand: 29.4 is outside 0–25"
    assert stored(home) == [] and not (home / "warehouse").exists()


def test_add_paste_refuses_pillar_options_too(home, capsys):
    assert main(["ssi", "add", "--paste", "--brand", "19", "--home", str(home)]) == 2
    assert capsys.readouterr().err.strip() == (
        "error: ssi add: --paste reads every score from the pasted text; drop --brand"
    )
