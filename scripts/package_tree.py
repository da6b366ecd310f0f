"""Lay out the installed package's tree from the checkout, for the tools that read modules from disk.

The layers keep their top-level folders in the checkout (`ingest/`, `models/`, ...) and are mapped under
`linkedin_ssi` by pyproject's `[tool.setuptools.package-dir]`. An editable install finds them through an import
hook, which static tools do not run: import-linter (grimp) and mypy would see `linkedin_ssi` without its layers.
This writes the tree a wheel would hold, as symbolic links to the checkout's .py files (so a tool's messages
point at the real files), and prints its root: run a tool with `PYTHONPATH=<root>` / `cd <root>`.

    python scripts/package_tree.py build/package_tree
"""

from __future__ import annotations

import shutil
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def package_tree(target: Path) -> Path:
    """Return `target`, replaced by a tree of links `linkedin_ssi/<layer>/<module>.py` -> the checkout's files."""
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    mapping, packages = setuptools["package-dir"], setuptools["packages"]
    shutil.rmtree(target, ignore_errors=True)
    for package in packages:
        # As setuptools does: the longest mapped prefix names the folder, the rest of the name is sub-folders.
        prefix = max((p for p in mapping if package == p or package.startswith(p + ".")), key=len)
        folder = Path(mapping[prefix], *package[len(prefix) :].split(".")[1:])
        out = target.joinpath(*package.split("."))
        out.mkdir(parents=True, exist_ok=True)
        # Only the package's own modules: its sub-folders are packages of their own in the mapping, or data.
        for source in sorted((ROOT / folder).glob("*.py")):
            (out / source.name).symlink_to(source)
    return target


if __name__ == "__main__":
    print(package_tree(Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "build" / "package_tree").resolve()))
