"""The wheel holds the package and its data, nothing else: one top-level name, the SQL models, the whole sample
export, the license; never the default home's runtime files, even when the checkout's data/ has them.

The wheel is the one under test when `make test AGAINST=wheel` gives it (LINKEDIN_SSI_WHEEL), else one built here
from a copy of the checkout with runtime files planted in its data/ (scripts/test_wheel.py plants them either way).
"""

from __future__ import annotations

import email.parser
import os
import subprocess
import sys
import tomllib
import zipfile
from importlib import metadata
from pathlib import Path

import pytest

import linkedin_ssi
from support import REPO, needs_repo, wheel_only

pytestmark = needs_repo


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    if os.environ.get("LINKEDIN_SSI_WHEEL"):
        return Path(os.environ["LINKEDIN_SSI_WHEEL"])
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "test_wheel.py"), "--build-only", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return Path(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def names(wheel) -> list[str]:
    with zipfile.ZipFile(wheel) as zf:
        return zf.namelist()


@pytest.fixture(scope="module")
def project() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text())["project"]


def files_under(folder: Path, pattern: str = "**/*") -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.glob(pattern) if p.is_file()}


def test_the_only_top_level_name_is_linkedin_ssi(names, project):
    assert {n.split("/")[0] for n in names} == {"linkedin_ssi", f"linkedin_ssi-{project['version']}.dist-info"}


def test_every_sql_model_is_in_the_wheel(names):
    sql = {n.removeprefix("linkedin_ssi/sql/") for n in names if n.startswith("linkedin_ssi/sql/")}
    assert {f for f in sql if f.endswith(".sql")} == files_under(REPO / "sql", "**/*.sql")
    assert "staging/stg_linkedin__connections.sql" in sql and "macros.sql" in sql


def test_the_sample_data_is_whole_and_nothing_of_a_home_comes_with_it(names):
    shipped = {n.removeprefix("linkedin_ssi/sample_data/") for n in names if n.startswith("linkedin_ssi/sample_data/")}
    sample = {f"sample_export/{f}" for f in files_under(REPO / "data" / "sample_export")}
    assert any(f.startswith("sample_export/Articles/") and f.endswith(".html") for f in sample)
    # Exactly the sample: no demo/, lake/, warehouse/, inbox/, settings.toml, redaction.key, ... of a home.
    assert shipped == sample | {"__init__.py", "sample_ssi_scores.csv"}


def test_the_metadata_names_the_license_the_version_and_the_command(wheel, names, project):
    dist_info = f"linkedin_ssi-{project['version']}.dist-info"
    with zipfile.ZipFile(wheel) as zf:
        meta = email.parser.Parser().parsestr(zf.read(f"{dist_info}/METADATA").decode())
        entry_points = zf.read(f"{dist_info}/entry_points.txt").decode()
        license_text = zf.read(f"{dist_info}/licenses/LICENSE").decode()
    assert meta["Name"] == "linkedin-ssi" and meta["Version"] == project["version"]
    assert meta["License-Expression"] == "MIT" and meta["License-File"] == "LICENSE"
    assert license_text == (REPO / "LICENSE").read_text() and license_text.startswith("MIT License")
    assert meta["Requires-Python"] == ">=3.11"
    assert "linkedin-ssi = linkedin_ssi.flows.cli:main" in entry_points


@wheel_only
def test_the_package_under_test_is_the_installed_wheel(project):
    # Not the checkout's files: the suite is run from a copy of tests/ and nothing puts the checkout on sys.path.
    assert not Path(linkedin_ssi.__file__).resolve().is_relative_to(REPO)
    installed = metadata.distribution("linkedin-ssi")
    assert installed.version == project["version"]
    assert {f.parts[0] for f in installed.files if f.parts[0] != ".."} == {
        "linkedin_ssi",
        f"linkedin_ssi-{project['version']}.dist-info",
    }
