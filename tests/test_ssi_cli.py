"""`linkedin-ssi ssi import|add`: stored once, rejected whole, filed under the right member."""

import json
from pathlib import Path

import duckdb

from conftest import REPO, write_export
from flows.cli import main
from test_load import export_files

SCORES = REPO / "data" / "sample_ssi_scores.csv"


def scores(home: Path):
    with duckdb.connect(str(home / "warehouse" / "linkedin.duckdb"), read_only=True) as con:
        return con.execute("select member, score_date::varchar, total from staging.stg_ssi__scores "
                           "order by member, score_date").fetchall()


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
    bad.write_text("date,total,brand,people,insights,relationships\n2026-10-19,60,15,15,15,15\n"
                   "2026-10-26,70,31,13,13,13\n")
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
        f"error: {SCORES}: the scores do not say whose they are; pass --member (members: avery-example, blake-sample)")


def test_add_records_one_observation_and_defaults_the_total_to_the_pillar_sum(home):
    assert main(["ssi", "add", "--home", str(home), "--member", "m", "--date", "2026-10-19", "--brand", "19.4",
                 "--people", "15.1", "--insights", "14.9", "--relationships", "15.6"]) == 0
    assert scores(home) == [("m", "2026-10-19", 65.0)]
