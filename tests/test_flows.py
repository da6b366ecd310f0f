"""The Prefect flow end to end on the sample export, under prefect_test_harness (a throwaway server)."""

import os
import shutil
import time
from pathlib import Path

import duckdb
import linkedin_ssi.flows.prefect_env
import pytest

linkedin_ssi.flows.prefect_env.configure()

from linkedin_ssi.flows.job import ALWAYS  # noqa: E402
from linkedin_ssi.flows.pipeline import FLOW_NAME, job_flow  # noqa: E402
from prefect.testing.utilities import prefect_test_harness  # noqa: E402


@pytest.fixture(scope="module", autouse=True)
def harness():
    with prefect_test_harness(server_startup_timeout=120):
        yield


def test_pipeline_processes_the_inbox_builds_publishes_and_reports(sample_zip, tmp_path):
    home = tmp_path / "home"
    (home / "inbox").mkdir(parents=True)
    dropped = home / "inbox" / "Complete_LinkedInDataExport_10-15-2026.zip"
    shutil.copy(sample_zip, dropped)
    os.utime(dropped, (time.time() - 60, time.time() - 60))
    (home / "inbox" / "notes.zip").write_text("not a zip")
    os.utime(home / "inbox" / "notes.zip", (time.time() - 60, time.time() - 60))

    result = job_flow(str(home), [], None, 10.0, publish=ALWAYS)

    assert [(r["status"], r["member"]) for r in result["loads"]] == [("loaded", "avery-example")]
    assert [tuple(f) for f in result["inbox"]["failed"]] == [
        ("notes.zip", "not a readable ZIP archive (File is not a zip file)")
    ]
    assert (home / "failed" / "notes.zip.reason.txt").exists()
    assert list((home / "inbox").iterdir()) == []
    assert Path(result["report"]).read_text().startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in (home / "exports").iterdir())[:2] == ["claim_tests", "connection_changes"]
    with duckdb.connect(result["warehouse"], read_only=True) as con:
        assert con.execute("select member from raw.exports").fetchall() == [("avery-example",)]

    # The run published its load report and correlation summary as Prefect artifacts, and each step was a task.
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        artifacts = {a.key: a.data for a in client.read_artifacts()}
        [run] = client.read_flow_runs()
        tasks = sorted(t.name.rsplit("-", 1)[0] for t in client.read_task_runs())
        flow_name = client.read_flow(run.flow_id).name
    assert (flow_name, run.state.type.value) == (FLOW_NAME, "COMPLETED")
    assert tasks == ["collect-inbox", "load-exports", "publish", "summarise"]
    assert "| Complete_LinkedInDataExport_10-15-2026.zip | avery-example | loaded |" in artifacts["load-report"]
    assert "failed: `notes.zip`: not a readable ZIP archive" in artifacts["load-report"]
    assert artifacts["correlation-summary"].startswith("# Correlation summary")

    # A scheduled run that finds nothing new does not rebuild.
    mtime = Path(result["warehouse"]).stat().st_mtime_ns
    again = job_flow(str(home), settle_seconds=10.0)
    assert again["loads"] == [] and again["inbox"]["to_load"] == []
    assert again["warehouse"] is None
    assert Path(result["warehouse"]).stat().st_mtime_ns == mtime


def test_a_rebuild_leaves_the_inbox_alone(sample_zip, tmp_path):
    home = tmp_path / "home"
    (home / "inbox").mkdir(parents=True)
    dropped = home / "inbox" / "export.zip"
    shutil.copy(sample_zip, dropped)
    os.utime(dropped, (time.time() - 60, time.time() - 60))
    result = job_flow(str(home), inbox=False, publish=ALWAYS)  # what serve's "build" deployment runs
    assert (result["inbox"], result["loads"]) == (None, [])
    assert dropped.exists()
    with duckdb.connect(result["warehouse"], read_only=True) as con:
        assert con.execute("select count(*) from raw.exports").fetchone() == (0,)
