"""SIGKILL at several points of an ingest and a build: nothing published is damaged, and the next run ends
exactly where an uninterrupted run would. Two runs at once: the second waits, says so, and both succeed."""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from linkedin_ssi.flows.cli import main

from support import write_export
from test_load import export_files

POINTS = [
    "lake:written",
    "lake:moving",
    "lake:before-manifest",
    "build:raw-loaded",
    "build:before-publish",
    "publish:parquet",
]


def cli(home: Path, *args: str, env: dict | None = None, wait: bool = True):
    command = [sys.executable, "-m", "linkedin_ssi.flows.cli", *args, "--home", str(home)]
    full_env = {**os.environ, **(env or {})}
    if wait:
        return subprocess.run(command, cwd=home.parent, env=full_env, capture_output=True, text=True, timeout=300)
    return subprocess.Popen(
        command, cwd=home.parent, env=full_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def fingerprint(home: Path) -> dict:
    """Return {table: (rows, checksum)} of every table of the published warehouse (but its build record, `meta`:
    file paths and times, which differ between two homes holding the same data)."""
    with duckdb.connect(str(home / "warehouse" / "linkedin.duckdb"), read_only=True) as con:
        tables = con.execute(
            "select schema_name || '.' || table_name from duckdb_tables() where not internal and schema_name <> 'meta' "
            "union all select schema_name || '.' || view_name from duckdb_views() where not internal "
            "order by 1"
        ).fetchall()
        return {
            t: con.execute(f"select count(*), coalesce(sum(hash(x::varchar)), 0)::varchar from {t} as x").fetchone()
            for (t,) in tables
        }


def lake_files(home: Path) -> set:
    return {p.relative_to(home) for p in (home / "lake").rglob("*") if p.is_file() and ".tmp" not in str(p)}


@pytest.fixture(scope="module")
def base(tmp_path_factory, sample_zip):
    """A home with one small export loaded, and the result of loading the sample into a copy of it uninterrupted."""
    root = tmp_path_factory.mktemp("crash")
    home = root / "base"
    assert (
        main(
            [
                "ingest",
                str(write_export(root / "first", export_files("Blake", "Sample", "blake-sample"))),
                "--home",
                str(home),
            ]
        )
        == 0
    )
    reference = Path(shutil.copytree(home, root / "reference"))
    assert main(["ingest", str(sample_zip), "--home", str(reference)]) == 0
    return home, fingerprint(home), fingerprint(reference), lake_files(reference)


@pytest.mark.parametrize("point", POINTS)
def test_a_killed_ingest_damages_nothing_and_the_next_run_completes(point, base, sample_zip, tmp_path):
    home_template, before, after, reference_lake = base
    home = Path(shutil.copytree(home_template, tmp_path / "home"))
    killed = cli(home, "ingest", str(sample_zip), env={"LINKEDIN_SSI_CRASH_AT": point})
    assert killed.returncode == -9, killed.stderr[-2000:]
    # What readers see is whole: the old build, or (killed while writing Parquet) the complete new one.
    assert fingerprint(home) in (before, after)
    rerun = cli(home, "ingest", str(sample_zip))
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert fingerprint(home) == after
    assert lake_files(home) == {p for p in reference_lake}
    assert not list((home / "warehouse").glob(".*building*"))


def test_two_runs_at_once_wait_for_each_other_and_both_succeed(tmp_path, sample_zip):
    home = tmp_path / "home"
    first = cli(home, "ingest", str(sample_zip), env={"LINKEDIN_SSI_PAUSE_AT": "lake:written:3"}, wait=False)
    time.sleep(1.5)  # the first run holds the home's lock while it pauses
    other = write_export(tmp_path / "other", export_files("Blake", "Sample", "blake-sample"))
    second = cli(home, "ingest", str(other))
    out, err = first.communicate(timeout=300)
    assert first.returncode == 0, err[-2000:]
    assert second.returncode == 0, second.stderr[-2000:]
    assert "another run is in progress (pid" in second.stderr
    assert "waiting for it to finish" in second.stderr
    with duckdb.connect(str(home / "warehouse" / "linkedin.duckdb"), read_only=True) as con:
        assert con.execute("select member from raw.exports order by 1").fetchall() == [
            ("avery-example",),
            ("blake-sample",),
        ]
