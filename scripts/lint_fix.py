"""The lint pass as one command (`make lint-fix`): format every file, apply ruff's fixes, and record what is left.

ruff and mypy were adopted (issue #11) while the code was being edited on several branches; this pass then formatted
and fixed the tree, and what needed a person was fixed by hand. When a future ruff or mypy upgrade finds more, this
records it in *pending* blocks at the end of pyproject.toml that `make lint` honours (per-file ruff ignores, modules
whose mypy errors are not reported yet), absent while nothing is pending; the blocks only shrink.

    python scripts/lint_fix.py            format and fix the checkout, then rewrite the pending blocks to what is
                                          left (only what needs a person) and list it
    python scripts/lint_fix.py --dry-run  the same on a temporary copy of the checkout: counts only, nothing changed
    python scripts/lint_fix.py --record   rewrite the pending blocks from what ruff and mypy find now, fixing nothing
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
# Fixes ruff calls unsafe, reviewed for this codebase as keeping behaviour: a lambda bound to a name becomes a def
# (E731), an unused loop variable gets a leading underscore (B007), an unused assignment whose value has no side
# effect is dropped (F841), `"%06x" % n` becomes `"{:06x}".format(n)` (UP031). Not UP036: it would delete
# `doctor`'s check for an old Python, which is for a person to decide.
REVIEWED_UNSAFE = ["E731", "B007", "F841", "UP031"]
BLOCKS = {
    "ruff": ("# BEGIN lint-pending: ruff", "# END lint-pending: ruff"),
    "mypy": ("# BEGIN lint-pending: mypy", "# END lint-pending: mypy"),
}


def run(*command: str, cwd: Path, check: bool = False) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=check)


def without_block(text: str, name: str) -> str:
    begin, end = BLOCKS[name]
    return re.sub(rf"\n*{re.escape(begin)}.*?{re.escape(end)}\n", "\n", text, flags=re.S)


def with_block(text: str, name: str, body: list[str]) -> str:
    """Return pyproject's text with the named pending block replaced by `body` (removed when `body` is empty)."""
    text = without_block(text, name).rstrip("\n") + "\n"
    if not body:
        return text
    begin, end = BLOCKS[name]
    return text + "\n" + "\n".join([begin, *body, end]) + "\n"


@contextmanager
def pyproject_without(cwd: Path, name: str) -> Iterator[None]:
    """Within the block, `cwd`'s pyproject.toml lacks the named pending block (restored after)."""
    pyproject = cwd / "pyproject.toml"
    text = pyproject.read_text()
    pyproject.write_text(without_block(text, name))
    try:
        yield
    finally:
        pyproject.write_text(text)


def ruff_findings(cwd: Path) -> tuple[list[str], dict[str, Counter]]:
    """Return (files `ruff format` would change, {file: Counter(rule)} of `ruff check`), ignoring the pending block."""
    with pyproject_without(cwd, "ruff"):
        fmt = run(str(BIN / "ruff"), "format", "--check", "--output-format", "concise", ".", cwd=cwd)
        check = run(str(BIN / "ruff"), "check", "--output-format", "json", ".", cwd=cwd)
    # One line per file: `path:line:col: unformatted: File would be reformatted`.
    unformatted = sorted({line.split(":")[0] for line in fmt.stdout.splitlines() if ": unformatted: " in line})
    rules: dict[str, Counter] = defaultdict(Counter)
    for finding in json.loads(check.stdout or "[]"):
        rules[str(Path(finding["filename"]).resolve().relative_to(cwd.resolve()))][finding["code"]] += 1
    return unformatted, dict(rules)


def mypy_findings(cwd: Path) -> dict[str, Counter]:
    """Return {module: Counter(error code)} of mypy on the package tree, ignoring the pending block."""
    package_dir = tomllib.loads((cwd / "pyproject.toml").read_text())["tool"]["setuptools"]["package-dir"]
    with pyproject_without(cwd, "mypy"):
        done = run(str(BIN / "python"), "scripts/mypy_tree.py", cwd=cwd)
    errors: dict[str, Counter] = defaultdict(Counter)
    for line in done.stdout.splitlines():
        found = re.match(r"(?P<file>[^:]+\.py):\d+: error: .*\[(?P<code>[\w-]+)\]$", line)
        if found:
            errors[module_name(found["file"], package_dir)][found["code"]] += 1
    return dict(errors)


def module_name(file: str, package_dir: dict[str, str]) -> str:
    """Return the installed module name of checkout file `file` (`ingest/parse.py` -> `linkedin_ssi.ingest.parse`)."""
    parts = Path(file).with_suffix("").parts
    for package, folder in sorted(package_dir.items(), key=lambda kv: -len(Path(kv[1]).parts)):
        prefix = Path(folder).parts
        if parts[: len(prefix)] == prefix:
            return ".".join([package, *parts[len(prefix) :]]).removesuffix(".__init__")
    return ".".join(parts)


def record(cwd: Path) -> tuple[list[str], dict[str, Counter], dict[str, Counter]]:
    """Rewrite the pending blocks of `cwd`'s pyproject.toml from what ruff and mypy find now; return the findings."""
    unformatted, rules = ruff_findings(cwd)
    errors = mypy_findings(cwd)
    ruff_body = [
        "# Files written before ruff was adopted (issue #11): `make lint-fix` formats and fixes them, then",
        "# rewrites this block to what needs a person. New files get no entry here.",
    ]
    if unformatted:
        ruff_body += ["[tool.ruff.format]", "exclude = ["] + [f'    "{f}",' for f in unformatted] + ["]"]
    if rules:
        ruff_body += ["", "[tool.ruff.lint.extend-per-file-ignores]"]
        ruff_body += [f'"{f}" = [{", ".join(json.dumps(c) for c in sorted(rules[f]))}]' for f in sorted(rules)]
    mypy_body = (
        [
            "# Modules with mypy errors when mypy was adopted (issue #11): checked, errors not reported yet.",
            "# Fix a module and remove it here; `python scripts/lint_fix.py --dry-run` lists what each has.",
            "[[tool.mypy.overrides]]",
            "module = [",
        ]
        + [f'    "{m}",' for m in sorted(errors)]
        + ["]", "ignore_errors = true"]
    )
    pyproject = cwd / "pyproject.toml"
    text = with_block(pyproject.read_text(), "ruff", ruff_body if unformatted or rules else [])
    pyproject.write_text(with_block(text, "mypy", mypy_body if errors else []))
    return unformatted, rules, errors


def fix(cwd: Path) -> None:
    """Drop the ruff pending block, apply ruff's safe and reviewed fixes, then format every file."""
    pyproject = cwd / "pyproject.toml"
    pyproject.write_text(without_block(pyproject.read_text(), "ruff"))
    ruff = [str(BIN / "ruff"), "check", "--fix", "--exit-zero", "."]
    run(*ruff, cwd=cwd, check=True)
    run(*ruff, "--unsafe-fixes", "--select", ",".join(REVIEWED_UNSAFE), cwd=cwd, check=True)
    # Once more: a reviewed fix can open the way to a safe one (`"%x" % n` -> `.format` -> an f-string, UP032).
    run(*ruff, cwd=cwd, check=True)
    run(str(BIN / "ruff"), "format", ".", cwd=cwd, check=True)


def summary(title: str, unformatted: list[str], rules: dict[str, Counter], errors: dict[str, Counter]) -> str:
    by_rule = sum(rules.values(), Counter())
    by_code = sum(errors.values(), Counter())
    lines = [
        f"{title}:",
        f"  ruff format would change {len(unformatted)} file(s)",
        f"  ruff check: {sum(by_rule.values())} finding(s) in {len(rules)} file(s): "
        + ", ".join(f"{code} {n}" for code, n in by_rule.most_common()),
        f"  mypy: {sum(by_code.values())} error(s) in {len(errors)} module(s): "
        + ", ".join(f"{code} {n}" for code, n in by_code.most_common()),
    ]
    lines += [f"    {m}: " + ", ".join(f"{c} {n}" for c, n in errors[m].most_common()) for m in sorted(errors)]
    return "\n".join(lines)


def checkout_copy(target: Path) -> Path:
    """Return `target`, a copy of the checkout's files (tracked, and new ones not ignored by git)."""
    listed = run("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT, check=True).stdout
    for rel in filter(None, listed.split("\0")):
        source = ROOT / rel
        if source.is_file():
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / rel, follow_symlinks=False)
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--dry-run", action="store_true", help="work on a temporary copy; change nothing")
    mode.add_argument("--record", action="store_true", help="rewrite the pending blocks, fixing nothing")
    args = parser.parse_args()
    if args.record:
        print(summary("recorded as pending", *record(ROOT)))
        return 0
    with tempfile.TemporaryDirectory(prefix="lint-fix-") as scratch:
        cwd = checkout_copy(Path(scratch)) if args.dry_run else ROOT
        before = ruff_findings(cwd) + (mypy_findings(cwd),)
        fix(cwd)
        after = record(cwd)
        print(summary("before", *before))
        print(summary("after the fixes (left for a person, now the pending blocks)", *after))
        if not args.dry_run:
            print("\nchanged files: git status; check them with `make lint` and `make test`")
    return 0


if __name__ == "__main__":
    sys.exit(main())
