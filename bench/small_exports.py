"""Small exports benchmark: the CPU cost of loading one small export, as a team's batch of them is loaded.

    .venv/bin/python bench/small_exports.py                 # 200 exports at --scale 0.05, side by side with the floor
    .venv/bin/python bench/small_exports.py --exports 50 --no-results

Synthesises N small exports (`linkedin-ssi synth --members N --scale 0.05`, about 230 rows each; cached in
bench/.cache/), then, each in a fresh process:

- pipeline: `ingest.load.load_many(home, zips, workers=1)`: open, parse, type, validate, write the lake;
- floor: extract each ZIP's CSVs to a folder and DuckDB `read_csv(..., all_varchar = true)` each into one on-disk
  database (no typing, no quirks, no validation: what reading the same files costs at the least).

CPU is the child's user + system time (`os.wait4`), so it counts every thread and the process's start-up; per
export it is that total divided by N (start-up amortised over the batch). The start-up (interpreter, imports,
before the first export) is also reported apart, as is the per-export cost without it. Prints "met" or "not met"
for the target (at most 50 ms of CPU per small export) and writes a "Small exports" section to bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import tomllib
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
CACHE = BENCH / ".cache"
TARGET_MS = 50.0

PIPELINE = """
import json, resource, sys, time
from pathlib import Path
start = resource.getrusage(resource.RUSAGE_SELF)
import linkedin_ssi
from linkedin_ssi.ingest.load import load_many
zips = [Path(p) for p in json.loads(Path(sys.argv[2]).read_text())]
ready = resource.getrusage(resource.RUSAGE_SELF)
t = time.perf_counter()
results = load_many(Path(sys.argv[1]), zips, workers=1)
seconds = time.perf_counter() - t
print(json.dumps({
    "startup_cpu": ready.ru_utime + ready.ru_stime,
    "seconds": seconds,
    "loaded": sum(r is not None for _, r, _ in results),
    "errors": [e for _, _, e in results if e],
    "rows_read": sum(r.rows_read for _, r, _ in results if r),
    "rows_loaded": sum(r.rows_loaded for _, r, _ in results if r),
    "package": linkedin_ssi.__file__,
}))
"""

FLOOR = """
import json, resource, sys, time, zipfile
from pathlib import Path
import duckdb
work = Path(sys.argv[1])
zips = [Path(p) for p in json.loads(Path(sys.argv[2]).read_text())]
ready = resource.getrusage(resource.RUSAGE_SELF)
t = time.perf_counter()
con = duckdb.connect(str(work / "floor.duckdb"))
con.execute("set enable_progress_bar = false")
rows = tables = 0
for n, path in enumerate(zips):
    folder = work / "csv" / str(n)
    with zipfile.ZipFile(path) as zf:
        names = [m for m in zf.namelist() if m.lower().endswith(".csv")]
        for name in names:
            zf.extract(name, folder)
    for name in names:
        try:
            rows += con.execute(
                f"create table t{tables} as select * from read_csv(?, all_varchar = true)", [str(folder / name)]
            ).fetchone()[0]
        except duckdb.Error:  # a file the sniffer cannot read as-is (a placeholder line): count it as read
            pass
        tables += 1
con.execute("checkpoint")
con.close()
print(json.dumps({"startup_cpu": ready.ru_utime + ready.ru_stime, "seconds": time.perf_counter() - t,
                  "rows": rows, "files": tables}))
"""


def run_child(code: str, args: list[str], pythonpath: Path | None = None) -> dict:
    """Run `code` in a fresh Python process (importing the package from `pythonpath` when given); return its JSON
    report plus `cpu` (user + system of the whole process, from os.wait4), `wall` and `peak_mb` (its ru_maxrss)."""
    env = dict(os.environ, PYTHONPATH=str(pythonpath)) if pythonpath else None
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-c", code, *args],
            cwd=REPO if pythonpath is None else CACHE,
            env=env,
            stdout=out,
            stderr=err,
        )
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode:
            raise SystemExit(f"child failed (exit {proc.returncode}):\n{err.read()[-2000:]}")
        report = json.loads(out.read().strip().splitlines()[-1])
    return report | {"cpu": usage.ru_utime + usage.ru_stime, "wall": wall, "peak_mb": usage.ru_maxrss / 1024}


def baseline_tree(ref: str) -> Path:
    """Return the package tree of git revision `ref` (its files as `git archive` gives them, laid out by its own
    scripts/package_tree.py, plus its package data: the SQL models, the report's templates, the sample), to import
    the baseline with PYTHONPATH: the editable install's hook comes after it. `linkedin-ssi ingest` runs from it."""
    sha = subprocess.run(["git", "rev-parse", ref], cwd=REPO, capture_output=True, text=True, check=True).stdout
    folder = CACHE / f"baseline-{sha.strip()[:12]}"
    if not (folder / "tree" / ".complete").exists():
        shutil.rmtree(folder, ignore_errors=True)
        archive = subprocess.run(["git", "archive", sha.strip()], cwd=REPO, capture_output=True, check=True).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(folder, filter="data")
        subprocess.run([sys.executable, "scripts/package_tree.py", "tree"], cwd=folder, check=True, capture_output=True)
        _copy_package_data(folder, folder / "tree")
        (folder / "tree" / ".complete").touch()
    return folder / "tree"


def _copy_package_data(checkout: Path, tree: Path) -> None:
    """Copy the files pyproject's [tool.setuptools.package-data] lists (package_tree.py lays out modules only)."""
    setuptools = tomllib.loads((checkout / "pyproject.toml").read_text())["tool"]["setuptools"]
    for package, patterns in setuptools.get("package-data", {}).items():
        source = checkout / setuptools["package-dir"][package]
        target = tree / Path(*package.split("."))
        for pattern in patterns:
            for path in source.glob(pattern):
                if path.is_file():
                    (target / path.relative_to(source)).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(path, target / path.relative_to(source))


def _synth_fingerprint() -> str:
    """Return a hash of the generator's sources: cached exports are reused only if the same code wrote them."""
    sources = sorted((REPO / "synthetic").rglob("*.py"))
    return hashlib.sha256(b"".join(p.read_bytes() for p in sources)).hexdigest()[:10]


def ensure_exports(count: int, scale: str, seed: int) -> list[Path]:
    """Return `count` small exports (one per member), written into the cache unless already there."""
    folder = CACHE / f"small-{_synth_fingerprint()}-{count}-{scale}-{seed}"
    zips = sorted(folder.glob("*/*.zip"))
    if len(zips) == count:
        return zips
    shutil.rmtree(folder, ignore_errors=True)
    print(f"generating {count} exports at scale {scale} ...", flush=True)
    subprocess.run(
        [sys.executable, "-m", "linkedin_ssi.flows.cli", "synth", str(folder), "--members", str(count)]
        + ["--scale", scale, "--seed", str(seed), "--json"],
        cwd=REPO,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return sorted(folder.glob("*/*.zip"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--exports", type=int, default=200, help="how many small exports (default 200)")
    parser.add_argument("--scale", default="0.05", help="synth scale of each (default 0.05: about 230 rows)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--no-results", action="store_true", help="do not write the section of bench/RESULTS.md")
    parser.add_argument(
        "--baseline", metavar="REF", help="also load the exports with git revision REF's code (e.g. main), alongside"
    )
    args = parser.parse_args()

    zips = ensure_exports(args.exports, args.scale, args.seed)
    n = len(zips)
    work = CACHE / "small-work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    listing = work / "zips.json"
    listing.write_text(json.dumps([str(z) for z in zips]))
    print(f"loading {n} exports in a fresh process (1 worker), then the DuckDB floor ...", flush=True)
    pipe = run_child(PIPELINE, [str(work / "home"), str(listing)])
    (work / "floor").mkdir()
    floor = run_child(FLOOR, [str(work / "floor"), str(listing)])
    if pipe["errors"] or pipe["loaded"] != n:
        raise SystemExit(f"only {pipe['loaded']} of {n} exports loaded: {pipe['errors'][:3]}")
    base = None
    if args.baseline:
        print(f"loading them again with {args.baseline}'s code ...", flush=True)
        tree = baseline_tree(args.baseline)
        base = run_child(PIPELINE, [str(work / "home-baseline"), str(listing)], pythonpath=tree)
        if not Path(base["package"]).is_relative_to(tree):
            raise SystemExit(f"the baseline imported {base['package']}, not the tree at {tree}")

    def per_export(m: dict) -> tuple[float, float, float]:
        """(CPU ms per export, start-up amortised; without start-up; wall ms per export of the operation)."""
        return m["cpu"] / n * 1000, (m["cpu"] - m["startup_cpu"]) / n * 1000, m["seconds"] / n * 1000

    p_all, p_work, p_wall = per_export(pipe)
    f_all, f_work, f_wall = per_export(floor)
    verdict = "met" if p_all <= TARGET_MS else "not met"
    zip_mb = sum(z.stat().st_size for z in zips) / 1e6
    lines = [
        "## Small exports (issue 13)",
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {os.cpu_count()} cores "
        f"({platform.processor() or platform.machine()}; shared, so CPU time, not wall, is the measure) with "
        f"`.venv/bin/python bench/small_exports.py --exports {args.exports} --scale {args.scale} --seed {args.seed}"
        f"{' --baseline ' + args.baseline if args.baseline else ''}`: "
        f"{n} exports (`synth --members {n} --scale {args.scale}`, {pipe['rows_read'] / n:.0f} rows and "
        f"{zip_mb / n * 1000:.0f} kB of ZIP each on average), each process fresh, CPU = user + system of the whole "
        "process (`os.wait4`, every thread).",
        "",
        "| | CPU per export (ms), start-up amortised | start-up CPU (s) | CPU per export without start-up (ms) "
        "| wall per export (ms) | process CPU (s) | process wall (s) | peak RSS (MB) |",
        "|---|---|---|---|---|---|---|---|",
        f"| pipeline: `load_many`, 1 worker | **{p_all:.1f}** | {pipe['startup_cpu']:.2f} | {p_work:.1f} | "
        f"{p_wall:.1f} | {pipe['cpu']:.1f} | {pipe['wall']:.1f} | {pipe['peak_mb']:.0f} |",
        f"| floor: extract + DuckDB `read_csv` | {f_all:.1f} | {floor['startup_cpu']:.2f} | {f_work:.1f} | "
        f"{f_wall:.1f} | {floor['cpu']:.1f} | {floor['wall']:.1f} | {floor['peak_mb']:.0f} |",
    ]
    if base is not None:
        b_all, b_work, b_wall = per_export(base)
        lines.append(
            f"| baseline: `load_many` as of `{args.baseline}` | {b_all:.1f} | {base['startup_cpu']:.2f} | "
            f"{b_work:.1f} | {b_wall:.1f} | {base['cpu']:.1f} | {base['wall']:.1f} | {base['peak_mb']:.0f} |"
        )
    lines += [
        "",
        f"Rows: {pipe['rows_read']:,} read and {pipe['rows_loaded']:,} loaded by the pipeline; "
        f"{floor['rows']:,} read by the floor from {floor['files']:,} CSV files. "
        f"Pipeline / floor, CPU per export: {p_all / f_all:.1f}x."
        + (f" Baseline / pipeline: {b_all / p_all:.1f}x." if base is not None else ""),
        "",
        f"Target: at most {TARGET_MS:.0f} ms of CPU per small export (start-up amortised): "
        f"**{verdict}** ({p_all:.1f} ms).",
    ]
    print("\n".join(lines))
    if not args.no_results:
        results = BENCH / "RESULTS.md"
        text = results.read_text() if results.exists() else ""
        section = "\n".join(lines) + "\n"
        head, found, rest = text.partition("\n## Small exports (issue 13)")
        if found:  # replace the previous run's section, keep what follows it
            after = rest.find("\n## ")
            text = head.rstrip() + "\n\n" + section + ("\n" + rest[after + 1 :] if after != -1 else "")
        elif "\n## Team mode" in text:  # before team_bench's section: it rewrites everything from its heading on
            before, _, after = text.partition("\n## Team mode")
            text = before.rstrip() + "\n\n" + section + "\n## Team mode" + after
        else:
            text = text.rstrip() + "\n\n" + section
        results.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
