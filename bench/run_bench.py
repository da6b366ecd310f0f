#!/usr/bin/env python3
"""Benchmark the ingest of a heavy LinkedIn export against a floor and a naive baseline, on this machine.

Run from the repository root (see bench/README.md):

    .venv/bin/python bench/run_bench.py            # full run: heavy export + scales 0.25 / 0.5 / 1
    .venv/bin/python bench/run_bench.py --quick    # smoke run: heavy:0.1 only

Every measured step runs in a fresh Python subprocess; its wall time and peak RSS are taken by the parent
(`os.wait4` gives that one child's `ru_maxrss`), and the child reports the time of the operation itself
(imports excluded) on its last stdout line as JSON. Steps:

- pipeline load:  `linkedin_ssi.ingest.load.load_export` (parse + validate + lake) and the SSI history import;
- pipeline build: `linkedin_ssi.presenting.publish.publish` (DuckDB warehouse, marts, correlations, Parquet
                  exports, report);
- floor:          extract the ZIP's CSVs to a temporary folder, DuckDB `read_csv` each into an on-disk DuckDB
                  file, nothing else;
- naive:          pandas `read_csv` of each CSV straight from the ZIP, each frame copied into an on-disk DuckDB
                  file (skipped, with a message, when pandas is not installed).

The pipeline is also run at 0.25 and 0.5 of the heavy export (1.0 is the heavy run itself) to check that its
cost per million rows stays flat. Results are printed and written to bench/RESULTS.md.

The steps are `bench/steps.py`, running and measuring them `bench/harness.py`, the tables and RESULTS.md
`bench/results.py`; this file parses the options and runs either the whole benchmark or one step (`--step`).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from harness import CACHE, REPO, measure_all
from results import (
    MAIN_HEADER,
    RATIO_HEADER,
    RESULTS,
    SCALING_HEADER,
    print_table,
    ratio_rows,
    result_rows,
    scaling_rows,
    write_results,
)
from steps import STEPS

if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Return the options (the parent's, or a child's `--step` and its arguments)."""
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="smoke run: the heavy:0.1 export only, no scaling series")
    p.add_argument(
        "--keep-cache",
        action="store_true",
        help="keep the generated exports in bench/.cache/ (reused by later runs); default: delete them",
    )
    p.add_argument("--seed", type=int, default=20261125, help="generator seed (default 20261125)")
    p.add_argument(
        "--era",
        default="2026",
        help="layout of the benchmark export: 2021, 2023, 2024-12, 2025 or 2026 (default, the current one)",
    )
    p.add_argument("--no-results", action="store_true", help="print only; do not write bench/RESULTS.md")
    # Internal: run one step in this process (the parent calls itself with these).
    p.add_argument("--step", choices=sorted(STEPS), help=argparse.SUPPRESS)
    for name in ("scale", "out", "zip", "home", "work"):
        p.add_argument(f"--{name}", help=argparse.SUPPRESS)
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run one step (`--step`: its report as the last stdout line) or the whole benchmark; return the exit code."""
    args = parse_args(argv)
    if args.step:
        print(json.dumps(STEPS[args.step](args)))
        return 0
    started = datetime.now(UTC)
    t0 = time.perf_counter()
    CACHE.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="run-", dir=CACHE))
    notes: list[str] = []
    try:
        run = measure_all(args, work, notes)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if not args.keep_cache:
            shutil.rmtree(CACHE, ignore_errors=True)
    elapsed = time.perf_counter() - t0
    print()
    print_table(MAIN_HEADER, result_rows(run))
    print()
    print_table(RATIO_HEADER, ratio_rows(run))
    if run.scaling:
        print()
        print_table(SCALING_HEADER, scaling_rows(run))
    for note in notes:
        print(f"note: {note}")
    given = argv if argv is not None else sys.argv[1:]
    command = " ".join([".venv/bin/python bench/run_bench.py", *given])
    if not args.no_results:
        write_results(run, command, started, elapsed, notes)
        print(f"\nwrote {RESULTS.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
