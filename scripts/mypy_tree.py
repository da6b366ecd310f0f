"""Run mypy on the installed package's tree and report its findings at the checkout's real files.

mypy cannot follow the editable install's import hook, so it checks the tree `scripts/package_tree.py` lays out
(`linkedin_ssi/<layer>/<module>.py`, links to the checkout's files), where module names are the installed ones.
Its messages then name the links (`build/package_tree/linkedin_ssi/ingest/parse.py`); this rewrites each to the file
a person edits (`ingest/parse.py`). Settings come from pyproject.toml's [tool.mypy]. Exit status: mypy's.

    python scripts/mypy_tree.py [mypy options...]
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from package_tree import ROOT, package_tree  # noqa: E402  (a sibling script, not an installed module)

TREE = ROOT / "build" / "package_tree"


def real_paths(text: str, tree: Path) -> str:
    """Return mypy's output with every path inside `tree` replaced by the checkout file it links to."""

    def real(match: re.Match) -> str:
        link = Path(match.group(0))
        link = link if link.is_absolute() else ROOT / link
        return os.path.relpath(link.resolve(), ROOT) if link.is_symlink() else match.group(0)

    prefixes = {str(tree), os.path.relpath(tree, ROOT)}
    pattern = "|".join(re.escape(p) for p in sorted(prefixes, key=len, reverse=True))
    return re.sub(rf"(?:{pattern})/[\w/]+\.py", real, text)


def main(argv: list[str]) -> int:
    tree = package_tree(TREE)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--config-file",
            str(ROOT / "pyproject.toml"),
            *argv,
            str(tree / "linkedin_ssi"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    sys.stdout.write(real_paths(done.stdout, tree))
    sys.stderr.write(real_paths(done.stderr, tree))
    return done.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
