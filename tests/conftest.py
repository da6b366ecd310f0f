"""Shared fixtures: tests zip checked-in folders at run time and load them into a temporary home."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import zipfile
from pathlib import Path

import pytest

# Prefect's INFO lines (flow and task states, "Stopping temporary server") would flood the test output and,
# at exit, write to streams pytest has already closed; warnings and errors still show.
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
# The product gives each home its own Prefect database (<home>/prefect) unless PREFECT_HOME is set. Tests use a
# new temporary home each, and a fresh Prefect database costs about 5 s of migrations per process that starts
# Prefect on it; so the session shares one, as a user who sets PREFECT_HOME would (tests/test_serve.py clears it
# to check the per-home database).
if "PREFECT_HOME" not in os.environ:
    os.environ["PREFECT_HOME"] = tempfile.mkdtemp(prefix="linkedin-ssi-tests-prefect-")
    atexit.register(shutil.rmtree, os.environ["PREFECT_HOME"], ignore_errors=True)

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "data" / "sample_export"
ERAS = Path(__file__).resolve().parent / "fixtures" / "eras"


def zip_folder(folder: Path, target: Path, skip_readme: bool = True) -> Path:
    """Return `target`, a ZIP of every file under `folder` (paths relative to it)."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for f in sorted(folder.rglob("*")):
            if f.is_file() and not (skip_readme and f.name in ("README.md", "EXPECTED.md")):
                zf.write(f, f.relative_to(folder).as_posix())
    return target


def write_export(folder: Path, files: dict[str, str | bytes]) -> Path:
    """Return `folder` after writing `files` ({relative path: text or bytes}) into it, bytes exact."""
    for rel, content in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return folder


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


@pytest.fixture(scope="session")
def sample_zip(tmp_path_factory) -> Path:
    return zip_folder(SAMPLE, tmp_path_factory.mktemp("zips") / "Complete_LinkedInDataExport_10-15-2026.zip")
