"""The Prefect flows end to end on the sample export, under prefect_test_harness (a throwaway server)."""

import os
import shutil
import time
from pathlib import Path

import duckdb
import pytest

import linkedin_ssi.flows.prefect_env

linkedin_ssi.flows.prefect_env.configure()

from prefect.testing.utilities import prefect_test_harness  # noqa: E402

from linkedin_ssi.flows.pipeline import inbox_flow, pipeline_flow  # noqa: E402


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

    result = pipeline_flow(str(home), [], None, 10.0)

    assert [(r["status"], r["member"]) for r in result["loads"]] == [("loaded", "avery-example")]
    assert [tuple(f) for f in result["inbox"]["failed"]] == [
        ("notes.zip", "not a readable ZIP archive (File is not a zip file)")]
    assert (home / "failed" / "notes.zip.reason.txt").exists()
    assert list((home / "inbox").iterdir()) == []
    assert Path(result["report"]).read_text().startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in (home / "exports").glob("*.parquet"))[:2] == ["claim_tests.parquet",
                                                                              "connection_changes.parquet"]
    with duckdb.connect(result["warehouse"], read_only=True) as con:
        assert con.execute("select member from raw.exports").fetchall() == [("avery-example",)]

    # The run published its load report and correlation summary as Prefect artifacts.
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        artifacts = {a.key: a.data for a in client.read_artifacts()}
    assert "| Complete_LinkedInDataExport_10-15-2026.zip | avery-example | loaded |" in artifacts["load-report"]
    assert "failed: `notes.zip`: not a readable ZIP archive" in artifacts["load-report"]
    assert artifacts["correlation-summary"].startswith("# Correlation summary")

    # A scheduled run that finds nothing new does not rebuild.
    mtime = Path(result["warehouse"]).stat().st_mtime_ns
    again = inbox_flow(str(home), 10.0)
    assert again["loads"] == [] and again["inbox"]["to_load"] == []
    assert Path(result["warehouse"]).stat().st_mtime_ns == mtime
