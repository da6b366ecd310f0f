"""The layers import one way: the import-linter contracts in pyproject.toml ([tool.importlinter]) hold.

import-linter reads modules from disk. The editable install maps the layers (`ingest/`, `models/`, ...) under
`linkedin_ssi` through an import hook that static tools do not run, so each test lays out the wheel's tree first
(scripts/package_tree.py, links to the checkout's files) and lints that.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from support import REPO

CONTRACTS = 4


def package_tree(target: Path) -> Path:
    """Return `target`, laid out by scripts/package_tree.py (a script, not a module of the package)."""
    spec = importlib.util.spec_from_file_location("package_tree", REPO / "scripts" / "package_tree.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.package_tree(target)


def lint_imports(tree: Path) -> subprocess.CompletedProcess:
    """Return the finished run of the venv's lint-imports over `tree` with the repository's contracts."""
    # COLUMNS: import-linter wraps its report at the terminal's width, which would split the lines asserted on.
    env = {**os.environ, "PYTHONPATH": str(tree), "COLUMNS": "250", "NO_COLOR": "1"}
    return subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache", "--no-logo", str(REPO / "pyproject.toml")],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def broken_contracts(run: subprocess.CompletedProcess) -> str:
    """Return the report's broken-contracts section (what to read when a contract breaks), else all it printed."""
    out = run.stdout + run.stderr
    return out[out.index("Broken contracts") :] if "Broken contracts" in out else out


def test_the_layers_import_one_way(tmp_path):
    run = lint_imports(package_tree(tmp_path / "tree"))
    assert run.returncode == 0, broken_contracts(run)
    assert f"Contracts: {CONTRACTS} kept, 0 broken." in run.stdout


@pytest.mark.parametrize(
    "layer, statement, contract, message",
    [
        (
            "ingest",
            "from linkedin_ssi.presenting import report",
            "layers: flows > presenting > models > ingest > infra, each importing only the layers after it BROKEN",
            "linkedin_ssi.ingest is not allowed to import linkedin_ssi.presenting",
        ),
        (
            "synthetic",
            "from linkedin_ssi.models import params",
            "synthetic imports only ingest and infra BROKEN",
            "linkedin_ssi.synthetic is not allowed to import linkedin_ssi.models",
        ),
        (
            "models",
            "from linkedin_ssi.synthetic import synth",
            "no layer but flows imports synthetic (tests and benchmarks use it too) BROKEN",
            "linkedin_ssi.models is not allowed to import linkedin_ssi.synthetic",
        ),
        (
            "presenting",
            "import prefect",
            "only flows imports Prefect: core code is plain Python (architecture.md §4.5) BROKEN",
            "linkedin_ssi.presenting is not allowed to import prefect",
        ),
    ],
)
def test_an_import_against_a_contract_fails_the_check_and_names_it(tmp_path, layer, statement, contract, message):
    tree = package_tree(tmp_path / "tree")
    # A new file in the tree's own folder: the checkout is not touched (the tree's modules are links to it).
    (tree / "linkedin_ssi" / layer / "planted.py").write_text(statement + "\n")
    run = lint_imports(tree)
    assert run.returncode == 1, run.stdout + run.stderr
    assert f"Contracts: {CONTRACTS - 1} kept, 1 broken." in run.stdout
    assert contract in run.stdout
    assert f"{message}:" in run.stdout
    assert f"linkedin_ssi.{layer}.planted -> {statement.split()[1]}" in run.stdout, broken_contracts(run)
