"""What the tests share that is not a fixture: where the files they read are, and helpers that write test exports.

The tests run against the package as installed: from the checkout (an editable install), or from a copy of tests/
against a wheel installed elsewhere (`make test AGAINST=wheel`, CI). So the bundled sample comes from the package
(`linkedin_ssi.infra.resources`), and the repository's own documents (README.md, pyproject.toml, notebooks/, ...)
from REPO: `$LINKEDIN_SSI_REPO` when set, else the folder that holds tests/. (Fixtures live in conftest.py.)
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

import linkedin_ssi
from linkedin_ssi.infra.resources import SAMPLE_EXPORT, SAMPLE_SSI

TESTS = Path(__file__).resolve().parent
REPO = Path(os.environ.get("LINKEDIN_SSI_REPO") or TESTS.parent).resolve()
# The sample export and SSI history as the package ships them.
SAMPLE = SAMPLE_EXPORT
SAMPLE_SCORES = SAMPLE_SSI
ERAS = TESTS / "fixtures" / "eras"
# True when the code under test is the checkout's own files (editable install), false against an installed wheel.
IN_CHECKOUT = Path(linkedin_ssi.__file__).resolve().is_relative_to(REPO)

needs_repo = pytest.mark.skipif(
    not (REPO / "pyproject.toml").is_file(),
    reason=f"reads the repository's documents, not found at {REPO}: set LINKEDIN_SSI_REPO to a checkout",
)
wheel_only = pytest.mark.skipif(IN_CHECKOUT, reason="checks the installed wheel; the tests run against the checkout")


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


def forget_member(home: Path, member: str) -> None:
    """Remove `member`'s exports, archived ZIPs, SSI scores and lake files from `home` as `linkedin-ssi forget` does,
    without publishing (the caller publishes)."""
    from linkedin_ssi.ingest.forget import clear_journal, plan_forget, remove_data, remove_records, write_journal

    plan = plan_forget(home, member)
    write_journal(home, plan)
    remove_records(home, plan)
    remove_data(home, plan)
    clear_journal(home)


WAREHOUSE_SCHEMAS = ("raw", "config", "staging", "intermediate", "marts")


def snapshot(warehouse: Path) -> dict[str, list[str]]:
    """Return every table and view of the warehouse (but its build record) as its rows' reprs, sorted: exact values,
    whatever order a view returns them in."""
    import duckdb

    with duckdb.connect(str(warehouse), read_only=True) as con:
        names = [
            f"{s}.{t}"
            for s, t in con.execute(
                "select schema_name, table_name from duckdb_tables() where schema_name in ? union all "
                "select schema_name, view_name from duckdb_views() where schema_name in ? and not internal",
                [list(WAREHOUSE_SCHEMAS), list(WAREHOUSE_SCHEMAS)],
            ).fetchall()
        ]
        return {name: sorted(map(repr, con.execute(f"select * from {name}").fetchall())) for name in sorted(names)}


def monthly_exports(folder: Path, members: int, scale: float, seed: int, months: int) -> dict[str, list[Path]]:
    """Write a synthetic team's monthly histories under `folder`; return each member's exports, oldest first (by the
    export day their counts file records)."""
    import json

    from linkedin_ssi.synthetic.synth import write_synthetic

    out: dict[str, list[Path]] = {}
    for z in write_synthetic(folder, members, scale, seed, months=months):
        out.setdefault(z.parent.name, []).append(z)
    day = lambda p: json.loads(p.with_suffix(".counts.json").read_text())["export_day"]  # noqa: E731
    return {m: sorted(zips, key=day) for m, zips in out.items()}


def copy_warehouse(warehouse: Path, folder: Path, *statements: str) -> Path:
    """Return a copy of the warehouse with `statements` applied (the demo's own file stays untouched)."""
    import shutil

    import duckdb

    folder.mkdir(parents=True, exist_ok=True)
    path = shutil.copy(warehouse, folder / "linkedin.duckdb")
    with duckdb.connect(str(path)) as con:
        # The published marts are views over Parquet parts (models.partitions): tables here, for statements to edit.
        views = con.execute("select view_name from duckdb_views() where schema_name = 'marts'").fetchall()
        for (view,) in views:
            con.execute(f"create table marts._copy as select * from marts.{view}")
            con.execute(f"drop view marts.{view}")
            con.execute(f"alter table marts._copy rename to {view}")
        for statement in statements:
            con.execute(statement)
    return Path(path)
