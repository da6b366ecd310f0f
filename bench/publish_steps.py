"""Time the steps of one incremental publish of a home, in this process: where a changed member's publish goes.

    .venv/bin/python bench/publish_steps.py HOME [--member M]

Marks one member's first lake manifest as changed (its modification time: the next build computes that member again,
nothing else is touched), publishes, and prints each step's wall and CPU seconds (user and system, every thread) in the
order they ended (nested steps first), then the total. Run it twice and read the second: the first publish after a
new version of the SQL models rebuilds every member. Wall times: compare runs side by side.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import resource
import time
from pathlib import Path

STEPS = {
    "linkedin_ssi.models.warehouse": [
        "build_members",
        "_load_raw_layer",
        "run_models",
        "write_parts",
        "collect_retired",
        "_assemble",
        "_pooled_after",
        "write_meta",
        "build_database",
    ],
    "linkedin_ssi.models.analysis": ["build_member_correlations", "build_correlations"],
    "linkedin_ssi.models.claims": ["build_member_claims", "build_claim_tests"],
    "linkedin_ssi.presenting.mart_files": ["stage_marts", "publish_marts"],
    "linkedin_ssi.presenting.report": ["stage_report"],
    "linkedin_ssi.presenting.report_team": ["stage_team"],
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("home", type=Path)
    parser.add_argument("--member", help="the member to mark changed (default: the first manifest's)")
    args = parser.parse_args()
    from linkedin_ssi.infra.runtime import tune_process

    tune_process()  # as the command does, before numpy is imported
    import importlib

    manifests = sorted((args.home / "lake" / "manifests").glob("*.json"))
    if args.member:
        manifests = [m for m in manifests if json.loads(m.read_text()).get("member") == args.member]
    if not manifests:
        raise SystemExit(f"{args.home}: no lake manifest{' of ' + args.member if args.member else ''}")
    os.utime(manifests[0])
    times: list[tuple[str, float]] = []
    for module_name, names in STEPS.items():
        module = importlib.import_module(module_name)
        for name in names:
            original = getattr(module, name)

            @functools.wraps(original)
            def timed(*a, __original=original, __name=name, **k):
                started, cpu = time.perf_counter(), _cpu()
                try:
                    return __original(*a, **k)
                finally:
                    times.append((__name, time.perf_counter() - started, _cpu() - cpu))

            setattr(module, name, timed)
    from linkedin_ssi.presenting.publish import publish

    started, cpu = time.perf_counter(), _cpu()
    published = publish(args.home)
    total, cpu = time.perf_counter() - started, _cpu() - cpu
    print("   wall      CPU")
    for name, seconds, used in times:
        print(f"{seconds:7.2f} s {used:6.2f} s  {name}")
    print(
        f"{total:7.2f} s {cpu:6.2f} s  publish: {', '.join(published.members_built)} computed, "
        f"incremental={published.incremental}"
    )
    return 0


def _cpu() -> float:
    """Return this process's CPU seconds so far, user and system, every thread (DuckDB's and the writers')."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


if __name__ == "__main__":
    raise SystemExit(main())
