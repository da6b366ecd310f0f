"""`linkedin-ssi run` on a home where nothing is new: answered before Prefect is imported, and still recorded as a
completed `process-inbox` flow run (flows/record_run.py); with something new, or stale outputs, the whole flow as
before. (With a running `serve`, the record goes to its server at once: tests/test_serve.py.)"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest
from linkedin_ssi.flows import record_run
from linkedin_ssi.flows.cli import main
from linkedin_ssi.flows.job import FLOW_NAME, NOTHING_NEW, nothing_new
from linkedin_ssi.presenting.publish import publish

# The CLI in a fresh process, then which Prefect modules that process imported.
RUN_AND_LIST_PREFECT = """
import json, sys
from linkedin_ssi.flows.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "prefect": sorted(m for m in sys.modules if m.split(".")[0] == "prefect")}))
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory, sample_zip) -> Path:
    """A home with the sample export loaded and everything published (by `ingest`: no Prefect)."""
    home = tmp_path_factory.mktemp("noop") / "home"
    assert main(["ingest", str(sample_zip), "--home", str(home)]) == 0
    return home


@pytest.fixture
def up_to_date(built, tmp_path) -> Path:
    """A copy of `built` for one test to change, published again in its new place (a copied home's build record and
    views name the old place: its first build is a full one)."""
    home = Path(shutil.copytree(built, tmp_path / "home"))
    publish(home)
    return home


def settled(path: Path) -> Path:
    os.utime(path, (time.time() - 60, time.time() - 60))
    return path


def test_an_up_to_date_home_has_nothing_new(up_to_date):
    scan = nothing_new(up_to_date, (), 10.0)
    assert scan is not None and (scan.ready, scan.waiting, scan.rejected) == ([], [], [])


def test_a_file_still_being_written_is_nothing_new_yet(up_to_date):
    (up_to_date / "inbox").mkdir()
    (up_to_date / "inbox" / "export.zip").write_bytes(b"PK")
    scan = nothing_new(up_to_date, (), 10.0)
    assert scan is not None and [p.name for p, _ in scan.waiting] == ["export.zip"]


@pytest.mark.parametrize(
    "change",
    [
        "a path given",
        "a complete ZIP in the inbox",
        "a file in the inbox that can never load",
        "an archived ZIP not loaded",
        "the warehouse missing",
        "the lake changed since the build",
        "settings.toml changed since the build",
    ],
)
def test_anything_to_do_is_something_new(up_to_date, sample_zip, change):
    inbox, paths = up_to_date / "inbox", ()
    inbox.mkdir()
    if change == "a path given":
        paths = (sample_zip,)
    elif change == "a complete ZIP in the inbox":
        settled(Path(shutil.copy(sample_zip, inbox / "export.zip")))
    elif change == "a file in the inbox that can never load":
        (inbox / "notes.zip").write_text("not a zip")
        settled(inbox / "notes.zip")
    elif change == "an archived ZIP not loaded":  # claimed, then the run died before loading it
        (up_to_date / "archive").mkdir()
        shutil.copy(sample_zip, up_to_date / "archive" / f"{'0' * 64}.zip")
    elif change == "the warehouse missing":
        (up_to_date / "warehouse" / "linkedin.duckdb").unlink()
    elif change == "the lake changed since the build":
        [manifest] = (up_to_date / "lake" / "manifests").glob("*.json")
        manifest.unlink()
    else:
        (up_to_date / "settings.toml").write_text("[analysis]\ncorrection = 'bh'\n")
    assert nothing_new(up_to_date, paths, 10.0) is None


def prefect_runs(database: Path, home: Path) -> list[tuple]:
    """Return (flow, state, message, tags) of each flow run recorded in `database` for `home`."""
    if not database.exists():
        return []
    try:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as con:
            rows = con.execute(
                "select f.name, r.state_type, s.message, r.tags, r.parameters from flow_run r "
                "join flow f on f.id = r.flow_id join flow_run_state s on s.id = r.state_id"
            ).fetchall()
    except sqlite3.OperationalError:  # Prefect is still creating its tables
        return []
    return [(f, t, m, json.loads(tags)) for f, t, m, tags, p in rows if json.loads(p).get("home") == str(home)]


def test_a_run_with_nothing_new_says_so_without_prefect_and_records_its_flow_run(up_to_date, tmp_path):
    prefect = tmp_path / "prefect"
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"} | {"PREFECT_HOME": str(prefect)}
    done = subprocess.run(
        [sys.executable, "-c", RUN_AND_LIST_PREFECT, "run", "--home", str(up_to_date)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    *summary, imported = done.stdout.strip().splitlines()
    assert json.loads(imported) == {"code": 0, "prefect": []}, done.stderr
    assert done.stderr.splitlines() == [
        NOTHING_NEW,
        f"recording the flow run in the background (log: {up_to_date / 'prefect' / 'record-run.log'})",
    ]
    assert summary[1:3] == [
        "exports: 0 loaded in this run; 1 in the warehouse (1 member)",
        "SSI scores: 0 recorded",
    ]

    # The detached recorder starts Prefect's temporary server on the home's database and records the run.
    log = up_to_date / "prefect" / "record-run.log"
    deadline = time.monotonic() + 240
    while "recorded 1 flow run(s)" not in (log.read_text() if log.exists() else ""):
        assert "failed" not in (log.read_text() if log.exists() else ""), log.read_text()
        assert time.monotonic() < deadline, log.read_text() if log.exists() else "no record-run.log"
        time.sleep(1)
    assert prefect_runs(prefect / "prefect.db", up_to_date) == [(FLOW_NAME, "COMPLETED", NOTHING_NEW, ["nothing-new"])]
    assert not record_run.has_pending(up_to_date)


def test_a_record_that_cannot_be_posted_stays_queued_and_is_logged(tmp_path):
    home = tmp_path / "home"
    record = record_run.new_record(FLOW_NAME, {"home": str(home)}, NOTHING_NEW, datetime.now(UTC), None)
    record_run.queue(home, record)
    with pytest.raises(OSError):
        record_run.drain(home, "http://127.0.0.1:9/api")  # nothing listens on port 9
    assert [json.loads(line) for line in record_run.pending_path(home).read_text().splitlines()] == [record]
    [line] = (home / "prefect" / "record-run.log").read_text().splitlines()
    assert line.split(": ", 1)[1].startswith("could not record 1 flow run(s) at http://127.0.0.1:9/api (URLError: ")
    assert line.endswith("; queued")
    from linkedin_ssi.flows.doctor import run_checks

    [check] = [c for c in run_checks(home) if c.name == "flow runs"]
    assert (check.level, check.finding) == (
        "warn",
        f"1 run(s) that found nothing new are not yet recorded in Prefect ({record_run.pending_path(home)})",
    )


@pytest.fixture
def patient_prefect():
    """Prefect's temporary server given 3 minutes to start (20 s by default), for a machine shared by busy sessions."""
    from prefect.settings import PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS, temporary_settings

    with temporary_settings(updates={PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS: 180}):
        yield


@pytest.mark.usefixtures("patient_prefect")
def test_a_run_with_a_new_inbox_zip_loads_and_publishes(up_to_date, tmp_path, capsys):
    from linkedin_ssi.synthetic.synth import write_synthetic

    [other] = write_synthetic(tmp_path / "synth", 1, 0.05, 5)
    (up_to_date / "inbox").mkdir()
    settled(Path(shutil.copy(other, up_to_date / "inbox" / other.name)))
    assert main(["run", "--home", str(up_to_date), "--json"]) in (0, 3)
    out = json.loads(capsys.readouterr().out)
    assert (out["nothing_new"], [r["status"] for r in out["loads"]]) == (False, ["loaded"])
    with duckdb.connect(out["warehouse"], read_only=True) as con:
        assert con.execute("select count(*) from raw.exports").fetchone() == (2,)


@pytest.mark.usefixtures("patient_prefect")
def test_a_run_on_a_stale_home_rebuilds(up_to_date, capsys):
    (up_to_date / "warehouse" / "linkedin.duckdb").unlink()
    assert main(["run", "--home", str(up_to_date), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["nothing_new"], out["loads"]) == (False, [])
    with duckdb.connect(out["warehouse"], read_only=True) as con:
        assert con.execute("select count(*) from raw.exports").fetchone() == (1,)
