"""Test the package as a user has it (`make test AGAINST=wheel`, what CI runs).

1. build a wheel from a copy of the checkout, after planting runtime files in the copy's data/ (the default home),
   which must not end up in the wheel;
2. install it with the test extra into a new virtual environment outside the checkout (constraints.txt pins);
3. lint the checkout with that environment's ruff and mypy (`make lint`), so CI needs no second environment;
4. from empty temporary folders: `linkedin-ssi --version`, `run` (the bundled demo), `build`; and check that only
   `linkedin_ssi` is importable (not the checkout's `flows`, `ingest`, ...);
5. run the test suite from a copy of tests/ outside the checkout against the installed package, the repository's
   documents found through LINKEDIN_SSI_REPO and the wheel through LINKEDIN_SSI_WHEEL (tests/test_wheel.py).

    python3 scripts/test_wheel.py [--keep] [pytest arguments...]
    python3 scripts/test_wheel.py --build-only OUTDIR     build the wheel (steps 1) into OUTDIR and print its path

Runs with any Python 3.11+ that has `venv`; everything else comes from the new environment.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Runtime folders and files of the default home (data/), as `run`, `ingest`, `serve` and `ssi import` leave them.
RUNTIME_FILES = [
    "demo/warehouse/linkedin.duckdb",
    "demo/lake/messages/abc.parquet",
    "lake/manifests/abc.json",
    "lake/quarantine/abc.parquet",
    "warehouse/linkedin.duckdb",
    "exports/ssi_scores/part-07.parquet",
    "warehouse/parts/1796133789635072831-30957/raw.linkedin__messages/bucket-11.parquet",
    "reports/members/avery-example.html",
    "reports/report.html",
    "inbox/new.zip",
    "archive/0123abcd.zip",
    "failed/bad.zip.reason.txt",
    "prefect/prefect.db",
    "settings.toml",
    "redaction.key",
    ".lock",
]
# The checkout's top-level folders that are layers of the package: importable only as linkedin_ssi.<name>.
CHECKOUT_FOLDERS = ["flows", "ingest", "models", "presenting", "synthetic", "sql", "data"]


def step(message: str, started: list[float]) -> None:
    now = time.monotonic()
    print(f"[test_wheel {now - started[0]:5.0f} s] {message}", flush=True)


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    print("+ " + " ".join(map(str, command)), flush=True)
    return subprocess.run(list(map(str, command)), check=True, **kwargs)


def checkout_copy(target: Path) -> Path:
    """Return `target`, holding the checkout's files: tracked ones and new ones git does not ignore."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for rel in filter(None, listed.split("\0")):
        if (ROOT / rel).is_file():
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, target / rel)
    return target


def build_wheel(python: Path, out: Path, scratch: Path) -> Path:
    """Return the wheel built from a copy of the checkout whose data/ also holds a home's runtime files."""
    source = checkout_copy(scratch / "source")
    for rel in RUNTIME_FILES:
        (source / "data" / rel).parent.mkdir(parents=True, exist_ok=True)
        (source / "data" / rel).write_text("runtime data: must never be packaged\n")
    out.mkdir(parents=True, exist_ok=True)
    run([python, "-m", "pip", "wheel", "--quiet", "--disable-pip-version-check", "--no-deps", "-w", out, source])
    (wheel,) = out.glob("linkedin_ssi-*.whl")
    return wheel


def new_venv(path: Path) -> Path:
    """Return the Python of a new virtual environment at `path`, made from the base interpreter of this one."""
    run([getattr(sys, "_base_executable", sys.executable), "-m", "venv", path])
    return path / "bin" / "python"


def clean_env(**extra: str) -> dict[str, str]:
    """This process's environment without what would point the product or Python elsewhere, plus `extra`."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONPATH", "PYTHONHOME", "LINKEDIN_SSI_HOME", "VIRTUAL_ENV", "PREFECT_HOME", "PREFECT_API_URL")
    }
    return {**env, **extra}


def smoke(venv: Path, scratch: Path, version: str) -> None:
    """Run the installed command from empty folders, as a user would, and check what it leaves."""
    cli, python = venv / "bin" / "linkedin-ssi", venv / "bin" / "python"
    env = clean_env()

    def command(*args: object, cwd: Path) -> str:
        """Return what the command printed on stdout; its progress is shown only if it fails."""
        begun = time.monotonic()
        done = subprocess.run(list(map(str, args)), cwd=cwd, env=env, capture_output=True, text=True)
        shown = " ".join(str(a) for a in args).replace(str(venv / "bin") + "/", "")
        if done.returncode != 0:
            raise AssertionError(f"`{shown}` in {cwd} exited {done.returncode}:\n{done.stdout}{done.stderr}")
        print(f"  {shown}: exit 0 in {time.monotonic() - begun:.1f} s (in {cwd})", flush=True)
        return done.stdout

    printed = command(cli, "--version", cwd=scratch).strip()
    assert printed == f"linkedin-ssi {version}", printed

    demo_dir = scratch / "empty-run"
    demo_dir.mkdir()
    command(cli, "run", cwd=demo_dir)
    demo = demo_dir / "data" / "demo"
    for published in ("warehouse/linkedin.duckdb", "reports/report.html", "exports/pillar_correlations/all.parquet"):
        assert (demo / published).is_file(), f"`linkedin-ssi run` left no {demo / published}"
    command(cli, "build", "--home", demo, cwd=demo_dir)

    build_dir = scratch / "empty-build"
    build_dir.mkdir()
    command(cli, "build", cwd=build_dir)
    assert (build_dir / "data" / "warehouse" / "linkedin.duckdb").is_file()

    # Only linkedin_ssi is installed: the checkout's layer folders are not importable under their own names.
    for name in CHECKOUT_FOLDERS:
        found = subprocess.run([python, "-c", f"import {name}"], cwd=scratch, env=env, capture_output=True, text=True)
        assert found.returncode != 0 and "ModuleNotFoundError" in found.stderr, f"`import {name}` works in the venv"
    print(f"  import {', '.join(CHECKOUT_FOLDERS)}: ModuleNotFoundError each, as it should", flush=True)
    where = command(python, "-c", "import linkedin_ssi; print(linkedin_ssi.__file__)", cwd=scratch).strip()
    assert Path(where).resolve().is_relative_to(venv.resolve()), f"linkedin_ssi imported from {where}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-only", type=Path, metavar="OUTDIR", help="only build the wheel into OUTDIR")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (printed) for a look")
    args, pytest_args = parser.parse_known_args()
    started = [time.monotonic()]
    work = Path(tempfile.mkdtemp(prefix="linkedin-ssi-wheel-"))
    try:
        if args.build_only:
            print(build_wheel(Path(sys.executable), args.build_only.resolve(), work))
            return 0
        version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
        step(f"new virtual environment in {work / 'venv'}", started)
        python = new_venv(work / "venv")
        step("building the wheel from a copy of the checkout (runtime files planted in its data/)", started)
        wheel = build_wheel(python, work / "dist", work)
        step(f"installing {wheel.name}[test] (constraints.txt)", started)
        quiet = [] if sys.stdout.isatty() else ["--quiet"]
        run(
            [
                python,
                "-m",
                "pip",
                "install",
                *quiet,
                "--disable-pip-version-check",
                "-c",
                ROOT / "constraints.txt",
                f"{wheel}[test]",
            ]
        )
        venv = work / "venv"
        (venv / ".installed").touch()
        step("make lint, with the new environment's tools", started)
        run(["make", "--no-print-directory", "lint", f"VENV={venv}"], cwd=ROOT)
        step("the installed command from empty folders: --version, run, build; only linkedin_ssi importable", started)
        smoke(venv, work, version)
        step("the test suite, from a copy of tests/ outside the checkout, against the installed package", started)
        suite = work / "suite"
        shutil.copytree(ROOT / "tests", suite / "tests", ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copy(ROOT / "pyproject.toml", suite / "pyproject.toml")  # pytest's own settings
        env = clean_env(LINKEDIN_SSI_REPO=str(ROOT), LINKEDIN_SSI_WHEEL=str(wheel))
        code = subprocess.run(
            [python, "-m", "pytest", "-q", "-p", "no:cacheprovider", *pytest_args], cwd=suite, env=env
        ).returncode
        step(f"done: pytest exited {code}", started)
        return code
    except (subprocess.CalledProcessError, AssertionError) as e:
        step(f"failed: {e}", started)
        return 1
    finally:
        if args.keep:
            print(f"kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
