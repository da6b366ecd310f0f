"""Progress a person can see: `make` says what the install is doing, loads and builds report each file and model
(plain lines when stderr is not a terminal, checked here exactly), and `--json` output stays clean."""

from __future__ import annotations

import json
import os
import pty
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from linkedin_ssi.flows.cli import main
from linkedin_ssi.models.sql_runner import load_models, order_models
from linkedin_ssi.models.warehouse import split_models

from support import REPO, needs_repo, write_export
from test_load import export_files


def make_install(tmp_path: Path, terminal: bool) -> tuple[str, str]:
    """Run the Makefile's install step with a stand-in pip; return (what make printed, how pip was called)."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    pip = venv / "bin" / "pip"
    pip.write_text(f'#!/bin/sh\necho "$*" > {tmp_path / "pip.args"}\n')
    pip.chmod(0o755)
    command = ["make", "--no-print-directory", "-B", f"VENV={venv}", "PYTHON=true", f"{venv}/.installed"]
    if not terminal:
        done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        return done.stdout, (tmp_path / "pip.args").read_text()
    leader, follower = pty.openpty()
    done = subprocess.run(command, cwd=REPO, stdout=follower, stderr=follower, timeout=60)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal is closed once make has exited
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert done.returncode == 0
    return b"".join(chunks).decode().replace("\r\n", "\n"), (tmp_path / "pip.args").read_text()


@needs_repo
def test_make_says_what_the_install_does_and_how_long_it_takes(tmp_path):
    printed, pip_args = make_install(tmp_path, terminal=False)
    assert printed.splitlines()[:2] == [
        "setting up " + str(tmp_path / "venv") + ": installing linkedin-ssi and its dependencies (Prefect, polars, "
        "DuckDB, pyarrow, ...);",
        "this usually takes 2 to 3 minutes the first time, and is skipped afterwards",
    ]
    assert printed.splitlines()[-1] == f"installed: {tmp_path / 'venv' / 'bin' / 'linkedin-ssi'}"
    assert pip_args.split()[0] == "install" and "--quiet" in pip_args.split()  # a log gets no progress bars


@needs_repo
def test_make_shows_pips_progress_on_a_terminal(tmp_path):
    printed, pip_args = make_install(tmp_path, terminal=True)
    assert "this usually takes 2 to 3 minutes the first time" in printed
    assert "--quiet" not in pip_args.split()


def test_ingest_reports_each_file_and_each_model_in_plain_lines(tmp_path, capsys):
    home, export = tmp_path / "home", write_export(tmp_path / "alice", export_files())
    assert main(["ingest", str(export), "--home", str(home)]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[:4] == [
        f"reading 1 export(s) into {home} ...",
        "  reading alice [1/3] Connections.csv: loaded, 2 rows read",
        "  reading alice [2/3] Invitations.csv: loaded, 1 row read",
        "  reading alice [3/3] Profile.csv: loaded, 1 row read",
    ]
    assert re.fullmatch(
        rf"\[1/1\] {re.escape(str(export))}: export \w+ of avery-example: 3 files, 4 rows loaded, "
        r"0 quarantined \(\d+\.\d s\)",
        err[4],
    )
    assert err[5] == "building the warehouse, proxies and correlations, then the Parquet files and the report ..."
    before, after = split_models(load_models())
    # The models that read the analysis (e.g. marts.strongest_cells) are built after it.
    models, late = [m.name for m in order_models(before)], [m.name for m in order_models(after)]
    assert "marts.strongest_cells" in late
    # The members' models first (only the members whose data changed: here, the only one), then the publish.
    building = [line for line in err if line.startswith("  building [")]
    assert [re.sub(r"[:( ].*", "", line.split("] ", 1)[1]) for line in building] == models
    assert building[models.index("staging.stg_linkedin__connections")] == (
        f"  building [{1 + models.index('staging.stg_linkedin__connections')}/{len(models)}] "
        "staging.stg_linkedin__connections: 2 rows"
    )
    assert building[models.index("staging.stg_linkedin__messages")].endswith("staging.stg_linkedin__messages (view)")
    # A full build (the home's first) writes every table's parts, each a step: minutes for a large team.
    parts = [line for line in err if line.startswith("  writing parts [")]
    written = [line.split("] ", 1)[1] for line in parts]
    assert parts == [f"  writing parts [{i}/{len(parts)}] {t}" for i, t in enumerate(written, start=1)]
    assert len(set(written)) == len(written) and {"raw.linkedin__connections", "marts.strongest_cells"} <= set(written)
    assert err.index(parts[0]) > err.index(building[-1])
    publishing = [line for line in err if line.startswith("  publishing [")]
    assert publishing[0] == "  publishing [1/4] raw tables over 1 export(s) and 0 SSI import(s)"
    assert re.fullmatch(r"  publishing \[2/4\] \d+ per-member models over their parts, \d+ computed", publishing[1])
    assert publishing[2:] == [
        "  publishing [3/4] marts.pillar_correlations: 0 tests, marts.claim_tests: 23 rows",
        f"  publishing [4/4] {len(late)} models over the analysis",
    ]
    marts = [m.removeprefix("marts.") for m in models + late if m.startswith("marts.")] + [
        "pillar_correlations",
        "claim_tests",
    ]
    parquet = [line for line in err if line.startswith("  writing Parquet [")]
    assert [line.split("] ", 1)[1].split("/:")[0] for line in parquet] == sorted(marts)
    assert parquet[sorted(marts).index("ssi_scores")] == (
        f"  writing Parquet [{sorted(marts).index('ssi_scores') + 1}/{len(marts)}] ssi_scores/: 0 rows in 1 file "
        "(linked)"
    )
    assert parquet[0] == f"  writing Parquet [1/{len(marts)}] claim_tests/: 23 rows in 1 file (written)"
    assert err[-2] == f"  writing the report [1/1] {home / 'reports' / 'report.html'}"
    assert re.fullmatch(
        rf"published \(\d+\.\d s; every member computed\): warehouse {re.escape(str(home))}/warehouse/linkedin.duckdb, "
        rf"Parquet in {re.escape(str(home))}/exports, report {re.escape(str(home))}/reports/report.html",
        err[-1],
    )


def test_json_output_stays_clean_while_progress_goes_to_stderr(tmp_path, capsys):
    home = tmp_path / "home"
    assert main(["ingest", str(write_export(tmp_path / "alice", export_files())), "--home", str(home), "--json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["report"] == str(home / "reports" / "report.html")
    assert "  reading alice [1/3] Connections.csv: loaded, 2 rows read" in captured.err.splitlines()


def test_a_file_with_bad_rows_says_how_many_were_set_aside(capsys):
    from linkedin_ssi.flows.progress import Progress

    Progress(terminal=False)("reading x.zip", 2, 9, "Invitations.csv: loaded, 3 rows read, 1 set aside")
    assert capsys.readouterr().err == "  reading x.zip [2/9] Invitations.csv: loaded, 3 rows read, 1 set aside\n"
