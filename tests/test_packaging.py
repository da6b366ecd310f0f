"""Install conveniences stay true: every dependency is pinned in constraints.txt within its range, the notebook extra
brings JupyterLab, and the README says how to open the notebook."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from linkedin_ssi.infra import locking
from support import REPO, needs_repo

# Each test here reads the repository's pyproject.toml, constraints.txt or README.md.
pytestmark = needs_repo


def pins() -> dict[str, str]:
    lines = (REPO / "constraints.txt").read_text().splitlines()
    return {
        canonicalize_name(name): version
        for name, _, version in (line.partition("==") for line in lines if line and not line.startswith("#"))
    }


def test_every_dependency_and_extra_is_pinned_within_its_range():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    requirements = project["dependencies"] + [r for extra in project["optional-dependencies"].values() for r in extra]
    pinned = pins()
    for text in requirements:
        req = Requirement(text)
        name = canonicalize_name(req.name)
        assert name in pinned, f"{req.name} is not pinned in constraints.txt"
        assert req.specifier.contains(pinned[name]), f"{req.name}=={pinned[name]} is outside {req.specifier}"


def test_the_notebook_extra_brings_jupyterlab_and_the_readme_says_how_to_open_it():
    extras = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["optional-dependencies"]
    assert any(Requirement(r).name == "jupyterlab" for r in extras["notebook"])
    readme = (REPO / "README.md").read_text()
    assert ".venv/bin/pip install -c constraints.txt -e '.[notebook]'" in readme
    assert ".venv/bin/jupyter lab notebooks/" in readme
    assert "### macOS and Windows" in readme


def test_the_lock_needs_no_fcntl():
    dependencies = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["dependencies"]
    assert any(Requirement(r).name == "filelock" for r in dependencies)
    tree = ast.parse(Path(locking.__file__).read_text())
    imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    imported |= {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert "fcntl" not in imported and "filelock" in imported
