"""The job as plain Python (flows/job.py): what `ingest` and `build` run directly, and the Prefect flow wraps."""

import os
import re
import shutil
import subprocess
import sys
import time

from linkedin_ssi.flows.job import ALWAYS, plan_job, run_job

from linkedin_ssi.infra.settings import load_settings
from support import SAMPLE


def test_the_job_claims_the_inbox_loads_publishes_and_a_second_run_rebuilds_nothing(sample_zip, tmp_path):
    home = tmp_path / "home"
    (home / "inbox").mkdir(parents=True)
    shutil.copy(sample_zip, home / "inbox" / "export.zip")
    (home / "inbox" / "notes.zip").write_text("not a zip")
    for name in ("export.zip", "notes.zip"):
        os.utime(home / "inbox" / name, (time.time() - 60, time.time() - 60))

    said: list[str] = []
    result = run_job(plan_job(load_settings(home), inbox=True), say=said.append)

    assert [(load.source, load.result.status, load.result.member) for load in result.loads] == [
        ("export.zip", "loaded", "avery-example")
    ]
    assert result.failed and result.problems == []  # the inbox's notes.zip could never load
    assert said[:2] == [
        f"error: notes.zip: not a readable ZIP archive (File is not a zip file) (moved to {home / 'failed'})",
        f"reading 1 export(s) into {home} ...",
    ]
    assert re.fullmatch(
        r"\[1/1\] export\.zip: export \w{20} of avery-example: 45 files, 2125 rows loaded, "
        r"0 quarantined \(\d+\.\d s\)",
        said[2],
    )
    assert said[3] == "building the warehouse, proxies and correlations, then the Parquet files and the report ..."
    assert said[4].startswith("published (") and len(said) == 5
    assert result.published.report.read_text().startswith("<!DOCTYPE html>")
    assert result.as_dict()["inbox"]["failed"] == [("notes.zip", "not a readable ZIP archive (File is not a zip file)")]

    again: list[str] = []
    second = run_job(plan_job(load_settings(home), inbox=True), say=again.append)
    assert (second.loads, second.published, second.failed) == ([], None, False)
    assert again == ["nothing new: the published warehouse is up to date; no rebuild"]

    rebuilt = run_job(plan_job(load_settings(home), publish=ALWAYS), say=[].append)
    assert rebuilt.published.exports == 1


def test_ingest_and_build_never_import_prefect(tmp_path):
    # Prefect's import alone costs seconds; only `run` and `serve` need it.
    script = (
        "import sys\nfrom linkedin_ssi.flows.cli import main\n"
        f"assert main(['ingest', {str(SAMPLE)!r}, '--home', {str(tmp_path)!r}]) == 0\n"
        f"assert main(['build', '--home', {str(tmp_path)!r}]) == 0\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('prefect', 'prefect_dask')))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.splitlines()[-1] == "[]"
