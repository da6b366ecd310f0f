"""What a reviewer hit in a first hour on the merged product: each a one-line answer instead of a crash or a loop."""

import shutil
from datetime import date, timedelta

from linkedin_ssi.flows.cli import main

from support import write_export
from test_load import export_files


def test_ssi_without_a_subcommand_prints_its_usage(capsys):
    assert main(["ssi"]) == 2
    assert capsys.readouterr().err == "usage: linkedin-ssi ssi {import,add} ... (see linkedin-ssi ssi import --help)\n"


def test_debug_works_after_the_command_as_well(tmp_path, capsys):
    not_an_export = tmp_path / "notes.txt"
    not_an_export.write_text("hello")
    assert main(["check", str(not_an_export), "--debug"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Traceback") and err.splitlines()[-1].startswith("error: notes.txt")


def test_a_score_from_the_future_is_refused(tmp_path, capsys):
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    assert (
        main(
            [
                "ssi",
                "add",
                "--date",
                tomorrow,
                "--brand",
                "15",
                "--people",
                "15",
                "--insights",
                "15",
                "--relationships",
                "15",
                "--home",
                str(tmp_path / "h"),
            ]
        )
        == 2
    )
    assert capsys.readouterr().err == (
        f"error: --date: {tomorrow} is in the future; the SSI is recorded on or after the day it is read\n"
    )
    assert not (tmp_path / "h").exists()


def test_status_of_a_moved_home_says_to_build(tmp_path, capsys):
    home = tmp_path / "home"
    assert main(["ingest", str(write_export(tmp_path / "e", export_files())), "--home", str(home)]) == 0
    moved = tmp_path / "moved"
    shutil.move(home, moved)
    capsys.readouterr()
    assert main(["status", "--home", str(moved)]) == 0
    assert capsys.readouterr().out.splitlines()[1] == (
        f"warehouse: {moved / 'warehouse' / 'linkedin.duckdb'} — the warehouse cannot read the lake (was the home "
        "moved?): run `linkedin-ssi build` (`linkedin-ssi doctor` explains)"
    )
    assert main(["build", "--home", str(moved)]) == 0
    capsys.readouterr()
    assert main(["status", "--home", str(moved), "-v"]) == 0
    assert "cannot read the lake" not in capsys.readouterr().out


def test_an_empty_default_home_points_at_the_demo(tmp_path, capsys):
    home = tmp_path / "data"
    assert main(["ingest", str(write_export(tmp_path / "e", export_files())), "--home", str(home / "demo")]) == 0
    capsys.readouterr()
    assert main(["report", "--home", str(home)]) == 1
    assert capsys.readouterr().err == (
        f"error: {home}: no warehouse yet; run `linkedin-ssi run` or `linkedin-ssi ingest PATH` first (the demo that "
        f"`linkedin-ssi run` made is in {home / 'demo'}: add --home {home / 'demo'})\n"
    )
    assert main(["status", "--home", str(home)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        f"the demo that `linkedin-ssi run` made is in {home / 'demo'}: linkedin-ssi status --home {home / 'demo'}"
    )
