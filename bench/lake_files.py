"""Lake compaction benchmark: a team's monthly exports loaded without compacting, then compacted, side by side.

    .venv/bin/python bench/lake_files.py --members 50 --months 12

Loads every member's history (`synth --months`) with `--workers` processes into a home that never compacts on its
own, counts the lake's Parquet files, compacts every member (`ingest.compaction.compact`, what `linkedin-ssi compact`
runs), deletes the replaced files (`collect_retired`) and counts again. Reading every raw table through DuckDB is
timed before and after in the same run, since that is what a full warehouse build pays per file. Appends a
"Lake compaction" section to bench/RESULTS.md. The exports are cached in bench/.cache/ (git-ignored).
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent


def lake_files(home: Path) -> int:
    """Return the number of data files in the lake (Parquet, manifests and compaction records aside)."""
    return sum(1 for p in (home / "lake").rglob("*.parquet") if ".tmp" not in str(p))


def read_everything(home: Path) -> tuple[float, int]:
    """Return (seconds, rows) of reading every raw table's rows once with DuckDB, from the files the lake reads."""
    import duckdb
    from linkedin_ssi.ingest.lake import read_manifests, table_files

    started = time.perf_counter()
    rows = 0
    with duckdb.connect() as con:
        for files in table_files(home, read_manifests(home)).values():
            paths = ", ".join(f"'{p}'" for p in files)
            found = con.execute(f"select count(*) from read_parquet([{paths}], union_by_name = true)").fetchone()
            rows += found[0] if found else 0
    return time.perf_counter() - started, rows


def cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--members", type=int, default=50)
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--scale", default="0.05", help="synth scale of each member (default 0.05)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-results", action="store_true", help="do not append to bench/RESULTS.md")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    from linkedin_ssi.ingest.compaction import collect_retired, compact
    from linkedin_ssi.ingest.load import load_many
    from linkedin_ssi.synthetic.synth import write_synthetic

    cache = BENCH / ".cache" / f"lake-{args.members}x{args.months}-{args.scale}-{args.seed}"
    zips = sorted(cache.glob("*/*.zip"))
    if len(zips) != args.members * args.months:
        shutil.rmtree(cache, ignore_errors=True)
        print(f"generating {args.members} members x {args.months} months at scale {args.scale} ...", flush=True)
        zips = write_synthetic(cache, args.members, args.scale, args.seed, months=args.months)
    home = BENCH / ".cache" / "lake-home"
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    (home / "settings.toml").write_text("[scale]\ncompact_after = 1000000\n")  # the loads leave the lake as it is
    print(f"loading {len(zips)} exports with {args.workers} workers ...", flush=True)
    started = time.perf_counter()
    loaded = load_many(home, zips, workers=args.workers)
    load_seconds = time.perf_counter() - started
    assert all(error is None for _, _, error in loaded), [e for _, _, e in loaded if e]
    files_before = lake_files(home)
    read_before, rows_before = read_everything(home)

    print("compacting ...", flush=True)
    started, cpu_started = time.perf_counter(), cpu()
    done = compact(home)
    compact_seconds, compact_cpu = time.perf_counter() - started, cpu() - cpu_started
    files_kept = lake_files(home)  # the replaced files wait for a publish and the grace period
    started = time.perf_counter()
    deleted = collect_retired(home, older_than=0)
    collect_seconds = time.perf_counter() - started
    files_after = lake_files(home)
    read_after, rows_after = read_everything(home)
    assert rows_after == rows_before, (rows_before, rows_after)

    per_member = compact_seconds / max(1, len(done))
    lines = [
        f"## Lake compaction ({args.members} members x {args.months} months)",
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {os.cpu_count()} cores "
        f"({platform.processor() or platform.machine()}) with `.venv/bin/python bench/lake_files.py --members "
        f"{args.members} --months {args.months} --scale {args.scale} --seed {args.seed} --workers {args.workers}`: "
        f"{len(zips):,} exports ({sum(z.stat().st_size for z in zips) / 1e6:.0f} MB of ZIPs, {rows_before:,} lake "
        f"rows) loaded in {load_seconds:.1f} s, then every member compacted.",
        "",
        "| | lake Parquet files | reading every raw table once (s) |",
        "|---|---:|---:|",
        f"| loaded, not compacted | {files_before:,} | {read_before:.2f} |",
        f"| compacted, replaced files not yet deleted | {files_kept:,} | |",
        f"| compacted, replaced files deleted | {files_after:,} | {read_after:.2f} |",
        "",
        f"Compaction: {len(done)} members in {compact_seconds:.1f} s ({compact_cpu:.1f} s of CPU), "
        f"{per_member * 1000:.0f} ms per member of {args.months} exports; deleting the {len(deleted):,} replaced "
        f"files took {collect_seconds:.2f} s. Reading the compacted lake: {read_before / read_after:.1f}x faster "
        "than the per-export files, measured side by side in this run.",
        "",
    ]
    print("\n".join(lines))
    if not args.no_results:
        with (BENCH / "RESULTS.md").open("a") as out:
            out.write("\n" + "\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
