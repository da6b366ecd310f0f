"""A team loaded and built on one machine, and on a Dask LocalCluster of 2 workers, side by side; and the memory of one
member's build partition.

    .venv/bin/python bench/dask_build.py --members 50 --months 3 --scale 0.05

Each mode is one `linkedin-ssi run PATHS` in a fresh process on a fresh home (every member's SSI history imported
first, not timed): locally with `--workers 2`, then with `--dask-address` of a `distributed.LocalCluster(n_workers=2,
threads_per_worker=1)` started before (an existing cluster, as a team would have). Both pay Prefect's temporary server.
Prints the wall time, exports per hour and the build's share, the peak RSS of one member's build (`build_members` of
the member with the largest exports, in its own process) and of the whole team's, the machine and its load average;
appends a section to bench/RESULTS.md unless --no-results. The exports are cached in bench/.cache/ (git-ignored).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
CLI = Path(sys.executable).with_name("linkedin-ssi")
# The analysis of the bench (the build's statistics scale with windows x lags x permutations, the same in both modes).
SETTINGS = "[analysis]\nwindows = [28, 90]\nlags = [0]\nmax_permutations = 2000\n"
ONE_MEMBER = """
import json, resource, sys, tempfile, time
from pathlib import Path
from linkedin_ssi.infra.settings import load_settings
from linkedin_ssi.models.lake_scan import scan_lake
from linkedin_ssi.models.params import AnalysisParams
from linkedin_ssi.models.warehouse import build_members
import linkedin_ssi.models.analysis  # the statistics' imports: part of the baseline, not of the member
home, member = Path(sys.argv[1]), sys.argv[2]  # member "": the whole team in one process
params = AnalysisParams.from_settings(load_settings(home))
scan = scan_lake(home)
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t = time.perf_counter()
with tempfile.TemporaryDirectory() as target:
    build_members(home, scan, {member} if member else None, params, Path(target) / "parts")
seconds = time.perf_counter() - t
print(json.dumps({"baseline_mb": before / 1024, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "seconds": seconds}))
"""


def team(members: int, months: int, scale: str, seed: int) -> dict[str, list[Path]]:
    """Return each member's exports (cached), generating them when missing."""
    from linkedin_ssi.synthetic.synth import write_synthetic

    cache = BENCH / ".cache" / f"dask-team-{members}x{months}-{scale}-{seed}"
    zips = sorted(cache.glob("*/*.zip"))
    if len(zips) != members * months:
        shutil.rmtree(cache, ignore_errors=True)
        print(f"generating {members} members x {months} months at scale {scale} ...", flush=True)
        zips = write_synthetic(cache, members, scale, seed, months=months)
    out: dict[str, list[Path]] = {}
    for z in zips:
        out.setdefault(z.parent.name, []).append(z)
    return out


def fresh_home(name: str, exports: dict[str, list[Path]]) -> Path:
    """Return a new home holding every member's SSI history and the bench's analysis settings."""
    from linkedin_ssi.ingest.ssi_store import import_ssi_file

    home = BENCH / ".cache" / name
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    (home / "settings.toml").write_text(SETTINGS)
    for member, zips in sorted(exports.items()):
        import_ssi_file(home, zips[0].parent / "ssi_scores.csv", member)
    return home


def run(home: Path, zips: list[Path], extra: list[str]) -> dict:
    """Return {wall, build} seconds of one `linkedin-ssi run` loading `zips` into `home`."""
    started = time.perf_counter()
    done = subprocess.run(
        [str(CLI), "run", *map(str, zips), "--home", str(home), "--settle-seconds", "0", *extra],
        cwd=BENCH / ".cache",
        # A loaded, shared machine can take longer than Prefect's default 20 s to start its temporary server.
        env=os.environ | {"PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180"},
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - started
    if done.returncode:
        sys.exit(f"linkedin-ssi run failed ({done.returncode}):\n{done.stderr[-3000:]}")
    build = re.search(r"published \(([\d.]+) s", done.stderr)
    return {"wall": wall, "build": float(build.group(1)) if build else float("nan")}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--members", type=int, default=50)
    parser.add_argument("--months", type=int, default=3)
    parser.add_argument("--scale", default="0.05")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-results", action="store_true", help="do not append to bench/RESULTS.md")
    args = parser.parse_args()
    import distributed

    exports = team(args.members, args.months, args.scale, args.seed)
    zips = sorted(z for zs in exports.values() for z in zs)
    load_before = os.getloadavg()
    local = run(fresh_home("dask-home-local", exports), zips, ["--workers", "2"])
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:
        home = fresh_home("dask-home-cluster", exports)
        cluster = run(home, zips, ["--dask-address", c.scheduler_address])
    load_after = os.getloadavg()
    sizes = {m: sum(z.stat().st_size for z in zs) for m, zs in exports.items()}
    biggest = max(sizes, key=lambda m: sizes[m])
    one, whole = (
        json.loads(
            subprocess.run(
                [sys.executable, "-W", "ignore", "-c", ONE_MEMBER, str(home), member],
                capture_output=True,
                text=True,
                check=True,
            ).stdout.splitlines()[-1]
        )
        for member in (biggest, "")
    )
    machine = f"{os.cpu_count()} cores ({platform.processor() or platform.machine()})"
    rows = [
        ("one machine (`--workers 2`)", local),
        ("LocalCluster, 2 workers x 1 thread (`--dask-address`)", cluster),
    ]
    lines = [
        f"## A team on one machine and on a Dask LocalCluster ({args.members} members x {args.months} months)",
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {machine}, load average "
        f"{load_before[0]:.1f} before and {load_after[0]:.1f} after (the machine is shared), with "
        f"`.venv/bin/python bench/dask_build.py --members {args.members} --months {args.months} --scale {args.scale}`: "
        f"{len(zips)} exports at scale {args.scale}, each member's SSI history imported first; one "
        "`linkedin-ssi run PATHS` per mode (Prefect's temporary server included), analysis "
        f"`{SETTINGS.splitlines()[1]}; {SETTINGS.splitlines()[2]}; {SETTINGS.splitlines()[3]}`.",
        "",
        "| mode | run wall (s) | of which build + publish (s) | exports per hour |",
        "|---|---:|---:|---:|",
        *(f"| {name} | {r['wall']:.1f} | {r['build']:.1f} | {len(zips) / r['wall'] * 3600:,.0f} |" for name, r in rows),
        "",
        "One member's build partition (`build_members` of the largest member, "
        f"{sizes[biggest] / 1e6:.2f} MB of ZIPs, in its own process): {one['seconds']:.2f} s, "
        f"peak RSS {one['peak_mb']:.0f} MB "
        f"({one['baseline_mb']:.0f} MB of it the interpreter and imports). The whole team's in one process (what one "
        f"group holds when the cluster has one worker thread): {whole['seconds']:.2f} s, peak RSS "
        f"{whole['peak_mb']:.0f} MB ({whole['baseline_mb']:.0f} MB baseline), "
        f"{(whole['peak_mb'] - whole['baseline_mb']) / args.members:.1f} MB per member.",
        "",
    ]
    print("\n".join(lines))
    if not args.no_results:
        with (BENCH / "RESULTS.md").open("a") as f:
            f.write("\n" + "\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
