"""Team mode benchmark: load many members' exports in one run with 1 worker, then with 2, side by side.

    .venv/bin/python bench/team_bench.py --members 200 --scale 0.25

Prints the wall time of each and the speed-up, and appends a "Team mode" section to bench/RESULTS.md.
Each measurement runs in a fresh process (interpreter start and imports included: they are part of
what a team pays per run). The exports are cached in bench/.cache/ (git-ignored).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
CHILD = """
import json, sys, time
from pathlib import Path
from linkedin_ssi.ingest.load import load_many
paths = [Path(p) for p in json.loads(sys.argv[3])]
t = time.perf_counter()
results = load_many(Path(sys.argv[1]), paths, workers=int(sys.argv[2]))
print(json.dumps({"seconds": time.perf_counter() - t, "loaded": sum(r is not None for _, r, _ in results),
                  "rows": sum(r.rows_loaded for _, r, _ in results if r)}))
"""


def measure(zips: list[Path], workers: int, home: Path) -> dict:
    """Return {seconds (operation), wall (process), loaded, rows} of loading `zips` with `workers`."""
    shutil.rmtree(home, ignore_errors=True)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(home), str(workers), json.dumps([str(z) for z in zips])],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return result | {"wall": time.perf_counter() - started}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--members", type=int, default=200)
    parser.add_argument("--scale", default="0.25", help="synth scale of each member (default 0.25 of a normal member)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-results", action="store_true", help="do not append to bench/RESULTS.md")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    from linkedin_ssi.synthetic.synth import write_synthetic

    cache = BENCH / ".cache" / f"team-{args.members}-{args.scale}-{args.seed}"
    zips = sorted(cache.glob("*/*.zip"))
    if len(zips) != args.members:
        shutil.rmtree(cache, ignore_errors=True)
        print(f"generating {args.members} members at scale {args.scale} ...", flush=True)
        zips = write_synthetic(cache, args.members, args.scale, args.seed)
    one = measure(zips, 1, BENCH / ".cache" / "team-home-1")
    two = measure(zips, 2, BENCH / ".cache" / "team-home-2")
    speedup = one["seconds"] / two["seconds"]
    lines = [
        f"## Team mode ({args.members} members)",
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {os.cpu_count()} cores "
        f"({platform.processor() or platform.machine()}) with "
        f"`.venv/bin/python bench/team_bench.py --members {args.members} --scale {args.scale} --seed {args.seed}`: "
        f"{one['rows']:,} rows in {len(zips)} exports ({sum(z.stat().st_size for z in zips) / 1e6:.0f} MB of ZIPs), "
        "loaded with `ingest.load.load_many` (parse, validate, lake; the warehouse build is the same single step "
        "either way).",
        "",
        "| workers | load (s) | process wall (s) | exports loaded |",
        "|---|---|---|---|",
        f"| 1 | {one['seconds']:.1f} | {one['wall']:.1f} | {one['loaded']} |",
        f"| 2 | {two['seconds']:.1f} | {two['wall']:.1f} | {two['loaded']} |",
        "",
        f"Speed-up with 2 workers: **{speedup:.2f}×**.",
    ]
    print("\n".join(lines))
    if not args.no_results:
        results = BENCH / "RESULTS.md"
        text = results.read_text() if results.exists() else ""
        text = text.split("\n## Team mode")[0].rstrip() + "\n\n" + "\n".join(lines) + "\n"
        results.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
