"""Shared fixtures: tests zip checked-in folders at run time and load them into a temporary home.

Plain helpers and paths (zip_folder, write_export, REPO, SAMPLE, ...) are in support.py: import them from there;
conftest.py is for fixtures, which pytest hands to the tests that name them.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from support import SAMPLE, zip_folder

# Prefect's INFO lines (flow and task states, "Stopping temporary server") would flood the test output and,
# at exit, write to streams pytest has already closed; warnings and errors still show.
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
# The product gives each home its own Prefect database (<home>/prefect) unless PREFECT_HOME is set. Tests use a
# new temporary home each, and a fresh Prefect database costs about 5 s of migrations per process that starts
# Prefect on it; so the session shares one, as a user who sets PREFECT_HOME would (tests/test_serve.py clears it
# to check the per-home database).
# Under pytest-xdist each worker process gets its own: two processes migrating one SQLite database at once collide.
_PREFECT_PREFIX = "linkedin-ssi-tests-prefect-"
if "PREFECT_HOME" not in os.environ or (
    os.environ.get("PYTEST_XDIST_WORKER") and Path(os.environ["PREFECT_HOME"]).name.startswith(_PREFECT_PREFIX)
):
    os.environ["PREFECT_HOME"] = tempfile.mkdtemp(prefix=_PREFECT_PREFIX)
    atexit.register(shutil.rmtree, os.environ["PREFECT_HOME"], ignore_errors=True)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


@pytest.fixture(scope="session")
def sample_zip(tmp_path_factory) -> Path:
    return zip_folder(SAMPLE, tmp_path_factory.mktemp("zips") / "Complete_LinkedInDataExport_10-15-2026.zip")


@pytest.fixture(scope="session")
def demo_home(tmp_path_factory) -> Path:
    """Return the bundled demo, built once for the whole session: `run` on an empty home loads the sample export and
    the sample SSI history into <home>/demo and publishes the warehouse, the Parquet files and the report.

    Shared by every test that only reads it (a full run costs about 20 s); a test that changes a home copies it.
    """
    from linkedin_ssi.flows.cli import main

    home = tmp_path_factory.mktemp("demo") / "home"
    assert main(["run", "--home", str(home)]) == 0
    return home / "demo"
