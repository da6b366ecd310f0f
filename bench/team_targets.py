"""Issue 13's targets, every one measured in one run as a user runs the pipeline, each printed met / not met.

    .venv/bin/python bench/team_targets.py                          # a team of 50 members x 12 months, heavy included
    .venv/bin/python bench/team_targets.py --members 30 --skip-heavy
    .venv/bin/python bench/team_targets.py --members 1000 --growth 100,300   # the issue's size, and the growth table

A team of M members x 12 monthly exports at scale 0.05 (`synth --members M --months 12`, cached in bench/.cache/) is
loaded with the CLI (`linkedin-ssi ingest --workers 2`, one process per command, start-up included), all but the
newest export of the first member; then, each a new CLI process: `ssi import`, `compact`, `build` (every member
computed: the full rebuild), the held-back export `ingest`ed into that home (the incremental publish: warehouse,
Parquet exports, report) and the same export into an empty home, side by side. On that home, no-op `run`s
(bench/noop_run.py's measurement). Small exports: `load_many` of a batch of the team's exports in a fresh process,
CPU per export (bench/small_exports.py's measurement). The heavy export: `linkedin-ssi ingest` of it into an empty
home (load + build in one process, as a user runs it: its wall time and peak RSS) against the DuckDB floor's process
(bench/run_bench.py's steps, also measured apart; `--skip-heavy` to leave it out). `--growth` runs the team steps at
more sizes for the cost growth table; sizes not run are printed as not measured.

Prints the targets table and the growth table and writes the "Issue 13 targets" section of bench/RESULTS.md
(replacing it), unless `--no-results`. Wall times depend on the other sessions sharing the machine: the load average
is printed with them, and the comparisons (incremental vs empty home) are measured one right after the other.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
CACHE = BENCH / ".cache"
CLI = [sys.executable, "-m", "linkedin_ssi.flows.cli"]
ISSUE_SIZES = (100, 300, 1000)
SCALE = "0.05"

# The issue's targets.
INCREMENTAL_WALL_S = 3.0
INCREMENTAL_VS_EMPTY = 2.0
SMALL_CPU_MS = 50.0
NOOP_CPU_S, NOOP_WALL_S = 1.0, 3.0
HEAVY_FLOOR_RATIO = 1.8
HEAVY_PEAK_MB = 1.2 * 1024

COMPUTED = re.compile(r"(\d+) member\(s\) computed")

# `--quick-load`: the team's load, SSI import and compaction in one bench process each, without the publish each
# CLI command ends with (at 1,000 members every publish before `build` is a full one), so `build` is the first.
QUICK_STEP = """
import json, sys, time
from pathlib import Path

def main():
    step, home, listing, workers = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4])
    paths = [Path(p) for p in json.loads(listing.read_text())]
    if step == "load":
        from linkedin_ssi.ingest.load import load_many
        errors = [e for _, _, e in load_many(home, paths, workers=workers) if e]
        if errors:
            raise SystemExit(f"{len(errors)} export(s) failed: {errors[:3]}")
    elif step == "ssi":
        from linkedin_ssi.ingest.ssi_store import import_ssi_file
        for path in paths:
            import_ssi_file(home, path)
    else:
        from linkedin_ssi.ingest.compaction import compact
        compact(home)

if __name__ == "__main__":  # load_many's workers are spawned: they import this file
    main()
"""


@dataclass
class Timed:
    """One CLI process: wall seconds, CPU seconds (it and every process it waited for), its stderr."""

    wall: float
    cpu: float
    stderr: str = ""


def cli(args: list[str], cwd: Path) -> Timed:
    """Run `linkedin-ssi ARGS` in a new process from `cwd`; return its wall and CPU time (SystemExit if it fails)."""
    from noop_run import user_env

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([*CLI, *args], cwd=cwd, env=user_env(), capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        raise SystemExit(f"linkedin-ssi {' '.join(args[:3])} ... exited {done.returncode}:\n{done.stderr[-3000:]}")
    print(f"{wall:8.2f} s wall {cpu:8.2f} s CPU  linkedin-ssi {' '.join(args[:2])} ...", flush=True)
    return Timed(wall, cpu, done.stderr)


def team_exports(members: int, months: int, seed: int) -> tuple[Path, list[Path]]:
    """Return (the folder, the ZIPs member by member, each member's oldest first), generated into the cache unless
    already there (the listing is kept: ZIP names sort by month-day, not by date)."""
    from small_exports import _synth_fingerprint

    folder = CACHE / f"targets-{_synth_fingerprint()}-{members}x{months}-{SCALE}-{seed}"
    listing = folder / "zips.json"
    if listing.exists():
        return folder, [folder / p for p in json.loads(listing.read_text())]
    shutil.rmtree(folder, ignore_errors=True)
    print(f"generating {members} members x {months} months at scale {SCALE} ...", flush=True)
    from linkedin_ssi.synthetic.synth import write_synthetic

    zips = write_synthetic(folder, members, SCALE, seed, months=months)
    listing.write_text(json.dumps([str(z.relative_to(folder)) for z in zips]))
    return folder, zips


def lake_files(home: Path) -> int:
    """Return the lake's Parquet data files (the ones read and any replaced ones not yet deleted)."""
    return sum(1 for p in (home / "lake").rglob("*.parquet") if ".tmp" not in str(p))


def read_files(home: Path, member: str | None = None) -> tuple[int, int]:
    """Return (the Parquet files the lake reads for every member, or `member`; the most of them any one member
    has for one table)."""
    from linkedin_ssi.ingest.lake import member_files, read_manifests

    manifests = read_manifests(home)
    members = [member] if member else sorted({m["member"] for m in manifests})
    counts = [len(f) for m in members for f in member_files(home, m, manifests).values()]
    return sum(counts), max(counts, default=0)


def folder_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.exists() else 0


@dataclass
class Team:
    """The team steps at one size."""

    members: int
    months: int
    exports: int = 0
    load: Timed | None = None
    ssi: Timed | None = None
    compact: Timed | None = None
    build: Timed | None = None
    incremental: Timed | None = None
    empty: Timed | None = None
    computed: str = "?"
    files_loaded: int = 0  # files read after the load (which compacts on its own beyond [scale] compact_after)
    files_compacted: int = 0  # files read after `compact`
    files_on_disk: int = 0  # after `compact`: with the replaced ones, deleted after a publish and a grace period
    per_table_compacted: int = 0
    per_table_after_new: int = 0
    warehouse_mb: float = 0.0
    quick: bool = False  # loaded, imported and compacted without a publish per step (`--quick-load`)
    home: Path = field(default=Path())
    zips: list[Path] = field(default_factory=list)


def quick_step(step: str, home: Path, paths: list[Path], workers: int) -> Timed:
    """Run one QUICK_STEP (`load`, `ssi` or `compact`) over `paths` in a new process; return its wall and CPU time."""
    script, listing = CACHE / "quick_step.py", CACHE / f"quick-{step}.json"
    script.write_text(QUICK_STEP)
    listing.write_text(json.dumps([str(p) for p in paths]))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(script), step, str(home), str(listing), str(workers)], capture_output=True, text=True
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"quick {step} exited {done.returncode}:\n{done.stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    what = f"{step} of {len(paths):,}" if paths else step
    print(f"{wall:8.2f} s wall {cpu:8.2f} s CPU  {what} (in a bench process, no publish)", flush=True)
    return Timed(wall, cpu)


def run_team(members: int, months: int, seed: int, workers: int, quick: bool = False) -> Team:
    """Load a team of `members` x `months` through the CLI (`quick`: without a publish per step, QUICK_STEP) and
    measure the full rebuild and one more export."""
    folder, zips = team_exports(members, months, seed)
    new = zips[months - 1]  # the first member's newest export: held back, then the incremental one
    base = [z for z in zips if z != new]
    work = CACHE / f"targets-work-{members}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    home, empty = work / "home", work / "empty"
    team = Team(members, months, exports=len(zips), home=home, zips=zips)
    print(f"team of {members} x {months}: loading {len(base)} exports ...", flush=True)
    rel = [str(z.relative_to(folder)) for z in base]
    ssi = sorted(str(p.relative_to(folder)) for p in folder.glob("*/ssi_scores.csv"))
    if quick:
        team.load = quick_step("load", home, base, workers)
        team.files_loaded = read_files(home)[0]
        team.ssi = quick_step("ssi", home, [folder / p for p in ssi], workers)
        team.compact = quick_step("compact", home, [], workers)
    else:
        team.load = cli(["ingest", *rel, "--home", str(home), "--workers", str(workers)], folder)
        team.files_loaded = read_files(home)[0]
        team.ssi = cli(["ssi", "import", *ssi, "--home", str(home)], folder)
        team.compact = cli(["compact", "--home", str(home)], work)
    team.quick = quick
    team.files_compacted, team.per_table_compacted = read_files(home)
    team.files_on_disk = lake_files(home)
    team.build = cli(["build", "--home", str(home)], work)
    # Side by side: the held-back export into the team's home, then into an empty one.
    team.incremental = cli(["ingest", str(new), "--home", str(home)], work)
    found = COMPUTED.search(team.incremental.stderr)
    team.computed = found.group(1) if found else "? (no 'member(s) computed' line)"
    team.empty = cli(["ingest", str(new), "--home", str(empty)], work)
    from linkedin_ssi.ingest.lake import read_manifests

    member = next(m["member"] for m in read_manifests(empty))
    team.per_table_after_new = read_files(home, member)[1]
    team.warehouse_mb = folder_bytes(home / "warehouse") / 1e6
    shutil.rmtree(empty, ignore_errors=True)
    return team


def measure_small(zips: list[Path], count: int) -> dict:
    """Return small_exports.py's measures of loading `count` of the team's exports in one fresh process."""
    from small_exports import FLOOR, PIPELINE, run_child

    batch = zips[:count]
    work = CACHE / "targets-small"
    shutil.rmtree(work, ignore_errors=True)
    (work / "floor").mkdir(parents=True)
    listing = work / "zips.json"
    listing.write_text(json.dumps([str(z) for z in batch]))
    print(f"small exports: loading {len(batch)} in a fresh process, then the floor ...", flush=True)
    pipe = run_child(PIPELINE, [str(work / "home"), str(listing)])
    floor = run_child(FLOOR, [str(work / "floor"), str(listing)])
    if pipe["errors"] or pipe["loaded"] != len(batch):
        raise SystemExit(f"small exports: {pipe['loaded']} of {len(batch)} loaded: {pipe['errors'][:3]}")
    shutil.rmtree(work, ignore_errors=True)
    n = len(batch)
    return {
        "n": n,
        "cpu_ms": pipe["cpu"] / n * 1000,
        "floor_ms": floor["cpu"] / n * 1000,
        "rows": pipe["rows_read"] / n,
    }


def measure_noop(home: Path, runs: int) -> dict:
    """Return noop_run.py's measures (medians) of `runs` no-op `run`s on the team's home, each flow run recorded."""
    from noop_run import median, noop_runs

    print(f"no-op: {runs} `run`s on the team's home ...", flush=True)
    wall, cpu = median(noop_runs(home, runs, background=True))
    return {"runs": runs, "wall": wall, "cpu": cpu}


def measure_heavy(seed: int, era: str) -> dict:
    """Return the heavy export's measures: `linkedin-ssi ingest` of it into an empty home, as a user runs it (the whole
    process: wall seconds, peak RSS), the floor (its whole process, and its operation alone), and run_bench.py's
    pipeline steps (load and build in two processes, each operation alone)."""
    from harness import ensure_export, run_pipeline, run_step
    from noop_run import user_env

    work = CACHE / "targets-heavy"
    logs = work / "logs"
    zip_path, _ = ensure_export("heavy", seed, era, logs)
    print("heavy export: `linkedin-ssi ingest`, the pipeline's load + build steps, then the floor ...", flush=True)
    home = work / "cli-home"
    shutil.rmtree(home, ignore_errors=True)
    logs.mkdir(parents=True, exist_ok=True)
    with (logs / "cli-ingest.err").open("wb") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(
            [*CLI, "ingest", str(zip_path), "--home", str(home)],
            cwd=REPO,
            env=user_env(),
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
        _, status, usage = os.wait4(proc.pid, 0)  # this child's own rusage: its peak RSS
        cli_wall = time.perf_counter() - started
    shutil.rmtree(home, ignore_errors=True)
    if os.waitstatus_to_exitcode(status) != 0:
        tail = (logs / "cli-ingest.err").read_text(errors="replace").strip().splitlines()[-1:] or ["no output"]
        raise SystemExit(f"heavy export: linkedin-ssi ingest exited {os.waitstatus_to_exitcode(status)}: {tail[0]}")
    load, build = run_pipeline(zip_path, work, logs / "pipeline")
    floor_dir = work / "floor"
    shutil.rmtree(floor_dir, ignore_errors=True)
    floor_dir.mkdir(parents=True)
    floor = run_step("floor", logs / "floor", zip=str(zip_path), work=str(floor_dir))
    shutil.rmtree(floor_dir, ignore_errors=True)
    for m in (load, build, floor):
        if m.error:
            raise SystemExit(f"heavy export: {m.name} failed: {m.error}")
    assert load.seconds is not None and build.seconds is not None and floor.seconds is not None
    return {
        "cli_wall": cli_wall,
        "cli_peak_mb": usage.ru_maxrss / 1024,
        "floor_wall": floor.wall,
        "seconds": load.seconds + build.seconds,
        "floor": floor.seconds,
        "peak_mb": max(load.peak_mb, build.peak_mb),
    }


def verdict(ok: bool | None) -> str:
    return "not measured" if ok is None else ("met" if ok else "not met")


def target_rows(team: Team, small: dict, noop: dict, heavy: dict | None, skipped: str) -> list[list[str]]:
    """Return the targets table: target, measured, verdict."""
    inc, empty = team.incremental, team.empty
    assert inc is not None and empty is not None
    size = f"{team.members} x {team.months}"
    rows = [
        [
            f"incremental: export {team.exports:,} of a team of {size} loaded and published within "
            f"{INCREMENTAL_WALL_S:g} s end to end",
            f"{inc.wall:.2f} s wall ({inc.cpu:.2f} s CPU; {team.computed} member(s) computed)",
            verdict(inc.wall <= INCREMENTAL_WALL_S),
        ],
        [
            f"incremental: within {INCREMENTAL_VS_EMPTY:g}x the same export into an empty home",
            f"{inc.wall / empty.wall:.2f}x ({inc.wall:.2f} s vs {empty.wall:.2f} s)",
            verdict(inc.wall <= INCREMENTAL_VS_EMPTY * empty.wall),
        ],
        [
            f"small exports: load CPU per export (scale {SCALE}) at most {SMALL_CPU_MS:g} ms",
            f"{small['cpu_ms']:.1f} ms ({small['n']} exports of ~{small['rows']:.0f} rows; "
            f"floor {small['floor_ms']:.1f} ms)",
            verdict(small["cpu_ms"] <= SMALL_CPU_MS),
        ],
        [
            "lake: after `compact`, 1 file per member per table",
            f"at most {team.per_table_compacted} ({team.files_compacted:,} files read, {team.files_loaded:,} after "
            f"the load, which compacts on its own; {team.files_on_disk:,} on disk until the replaced are deleted)",
            verdict(team.per_table_compacted <= 1),
        ],
        [
            "lake: one export later, 1 + 1 files per member per table",
            f"at most {team.per_table_after_new} for that member",
            verdict(team.per_table_after_new <= 2),
        ],
        [
            f"no-op `run`: under {NOOP_CPU_S:g} s of CPU",
            f"{noop['cpu']:.2f} s (median of {noop['runs']})",
            verdict(noop["cpu"] < NOOP_CPU_S),
        ],
        [
            f"no-op `run`: under {NOOP_WALL_S:g} s of wall time",
            f"{noop['wall']:.2f} s (median of {noop['runs']})",
            verdict(noop["wall"] < NOOP_WALL_S),
        ],
    ]
    if heavy is None:
        rows += [
            [f"heavy export: ingest (load + build) within {HEAVY_FLOOR_RATIO:g}x the floor", skipped, verdict(None)],
            [f"heavy export: peak RSS under {HEAVY_PEAK_MB / 1024:g} GB", skipped, verdict(None)],
        ]
    else:
        # As a user runs it: the `ingest` command's whole process against the floor's whole process (each with its
        # interpreter's start-up and imports); the operations alone (run_bench.py's steps) beside it.
        ratio = heavy["cli_wall"] / heavy["floor_wall"]
        rows += [
            [
                f"heavy export: ingest (load + build) within {HEAVY_FLOOR_RATIO:g}x the floor",
                f"{ratio:.2f}x (`linkedin-ssi ingest` {heavy['cli_wall']:.1f} s vs {heavy['floor_wall']:.1f} s, "
                f"whole processes; the operations alone {heavy['seconds'] / heavy['floor']:.2f}x, "
                f"{heavy['seconds']:.1f} s vs {heavy['floor']:.1f} s)",
                verdict(ratio <= HEAVY_FLOOR_RATIO),
            ],
            [
                f"heavy export: peak RSS under {HEAVY_PEAK_MB / 1024:g} GB",
                f"{heavy['cli_peak_mb']:.0f} MB (`linkedin-ssi ingest`; load and build in two processes: "
                f"{heavy['peak_mb']:.0f} MB)",
                verdict(heavy["cli_peak_mb"] < HEAVY_PEAK_MB),
            ],
        ]
    return rows


def growth_rows(teams: list[Team]) -> list[list[str]]:
    """Return the cost growth table: one row per size measured, and the issue's sizes not measured."""
    by_size = {t.members: t for t in teams}
    rows = []
    for size in sorted(set(by_size) | set(ISSUE_SIZES)):
        t = by_size.get(size)
        if t is None:
            rows.append([f"{size:,} x 12", *["not measured"] * 6])
            continue
        assert t.load and t.build and t.incremental and t.ssi
        rows.append(
            [
                f"{t.members:,} x {t.months}",
                f"{t.exports:,}",
                f"{t.load.wall:.1f}" + (" (no publish)" if t.quick else ""),
                f"{t.build.wall:.1f}",
                f"{t.incremental.wall:.2f}",
                f"{t.files_compacted:,}",
                f"{t.warehouse_mb:.1f}",
            ]
        )
    return rows


GROWTH_HEADER = [
    "team",
    "exports",
    "total load: `ingest` of all, --workers 2 (s)",
    "full rebuild: `build` (s)",
    "incremental publish: `ingest` of one more (s)",
    "lake files read (compacted)",
    "warehouse size (MB)",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--members", type=int, default=50, help="team size for the targets (default 50)")
    parser.add_argument("--months", type=int, default=12, help="monthly exports per member (default 12)")
    parser.add_argument(
        "--growth", default="", help="more team sizes for the growth table, e.g. 100,300,1000 (default: none)"
    )
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--workers", type=int, default=2, help="`ingest --workers` for the team's load (default 2)")
    parser.add_argument("--small", type=int, default=100, help="exports in the small-exports batch (default 100)")
    parser.add_argument("--noop-runs", type=int, default=3, help="no-op `run`s (default 3)")
    parser.add_argument("--skip-heavy", action="store_true", help="leave out the heavy export (generated if missing)")
    parser.add_argument("--heavy-seed", type=int, default=20261125)
    parser.add_argument("--era", default="2026", help="layout of the heavy export (default 2026)")
    parser.add_argument("--no-results", action="store_true", help="print only; leave bench/RESULTS.md alone")
    parser.add_argument(
        "--quick-load",
        action="store_true",
        help="load, import the SSI histories and compact in bench processes without a publish per step (each is a "
        "full build for a new team): `build` is the team's first publish; for the larger sizes",
    )
    args = parser.parse_args()
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    from results import machine, print_table, table

    command = "bench/team_targets.py " + " ".join(sys.argv[1:])
    started = time.time()
    sizes = [args.members] + [int(s) for s in args.growth.split(",") if s.strip() and int(s) != args.members]
    teams = [run_team(args.members, args.months, args.seed, args.workers, args.quick_load)]
    small = measure_small(teams[0].zips, args.small)
    noop = measure_noop(teams[0].home, args.noop_runs)
    skipped = "skipped (--skip-heavy)"
    heavy = None if args.skip_heavy else measure_heavy(args.heavy_seed, args.era)
    for size in sizes[1:]:
        teams.append(run_team(size, args.months, args.seed, args.workers, args.quick_load))
    load_avg = os.getloadavg()
    elapsed = time.time() - started

    targets = target_rows(teams[0], small, noop, heavy, skipped)
    growth = growth_rows(teams)
    print()
    print_table(["target", "measured", "verdict"], targets)
    print()
    print_table(GROWTH_HEADER, growth)
    met = sum(r[2] == "met" for r in targets)
    print(f"\n{met} of {len(targets)} targets met ({sum(r[2] == 'not met' for r in targets)} not met)")
    if args.no_results:
        return 0
    m = machine()
    t = teams[0]
    assert t.load and t.ssi and t.compact and t.build
    lines = [
        "## Issue 13 targets",
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime(started))} (whole run {elapsed / 60:.1f} min; "
        f"load average at the end {load_avg[0]:.1f} / {load_avg[1]:.1f} / {load_avg[2]:.1f} on {m['nproc']} cores "
        "shared with other sessions) with:",
        "",
        "```sh",
        f".venv/bin/python {command}",
        "```",
        "",
        f"Machine: {m['CPU']}, {m['RAM']}, {m['OS']}, Python {m['Python']}; {m['packages']}.",
        "",
        f"Team: {t.members} members x {t.months} monthly exports at scale {SCALE} (seed {args.seed}; the issue's "
        f"size is 1,000 x 12: {'this run' if t.members == 1000 else 'not this run'}). "
        + (
            f"The team is loaded ({t.exports - 1:,} exports, `load_many` with {args.workers} workers, "
            f"{t.load.wall:.1f} s), its SSI histories imported ({t.ssi.wall:.1f} s) and compacted "
            f"({t.compact.wall:.1f} s) in bench processes without a publish per step (`--quick-load`); then every "
            "step is a new `python -m linkedin_ssi.flows.cli` process, start-up included: "
            if t.quick
            else "Every step is a new `python -m linkedin_ssi.flows.cli` process, start-up included: "
            f"`ingest` of {t.exports - 1:,} exports (`--workers {args.workers}`, {t.load.wall:.1f} s), `ssi import` "
            f"({t.ssi.wall:.1f} s), `compact` ({t.compact.wall:.1f} s), "
        )
        + f"`build` ({t.build.wall:.1f} s), then export {t.exports:,} (the first member's "
        "newest, held back) `ingest`ed into that home and into an empty one, one after the other. The no-op `run`s "
        "are on the same home; the small exports are the first of the team's exports, loaded in a fresh process "
        "(CPU = user + system of the process, start-up amortised). Wall times depend on the neighbours.",
        "",
        table(["target", "measured", "verdict"], targets),
        "",
        "### Cost growth",
        "",
        "Wall times of the CLI commands, as above, one team at a time; lake files after `compact`; the warehouse "
        "is the `warehouse/` folder (the DuckDB file and its per-member parts).",
        "",
        table(GROWTH_HEADER, growth),
        "",
    ]
    results = BENCH / "RESULTS.md"
    text = results.read_text() if results.exists() else ""
    head, found, rest = text.partition("\n## Issue 13 targets")
    after = rest.find("\n## ") if found else -1
    text = head.rstrip() + "\n\n" + "\n".join(lines) + ("\n" + rest[after + 1 :] if after != -1 else "")
    results.write_text(text)
    print(f"wrote the 'Issue 13 targets' section of {results}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
