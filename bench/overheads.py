"""Fixed costs kept out of the hot path: Prefect's start-up, and a scheduled run that finds nothing new.

    .venv/bin/python bench/overheads.py

Appends an "Overheads" section to bench/RESULTS.md.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
PREFECT_NOOP = """
import time
t = time.perf_counter()
import linkedin_ssi.flows.prefect_env
linkedin_ssi.flows.prefect_env.configure()
from prefect import flow
@flow
def noop():
    return 1
noop()
print(time.perf_counter() - t)
"""


def prefect_startup() -> float:
    """Return the seconds a trivial flow run costs in a fresh process without a Prefect server."""
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    out = subprocess.run(
        [sys.executable, "-c", PREFECT_NOOP], cwd=REPO, env=env, capture_output=True, text=True, check=True
    )
    return float(out.stdout.strip().splitlines()[-1])


def idle_run(exports: int) -> tuple[float, float]:
    """Return (seconds of the first inbox run that loads `exports` exports and publishes, seconds of the next run,
    which finds nothing new): the job a scheduled run does (flows.job.run_job), without Prefect's own start-up."""
    sys.path.insert(0, str(REPO))
    from linkedin_ssi.flows.job import plan_job, run_job
    from linkedin_ssi.synthetic.synth import write_synthetic

    from linkedin_ssi.infra.settings import load_settings

    work = BENCH / ".cache" / "idle"
    shutil.rmtree(work, ignore_errors=True)
    home = work / "home"
    (home / "inbox").mkdir(parents=True)
    for z in write_synthetic(work / "src", exports, 0.1, 3):
        shutil.copy(z, home / "inbox" / f"{z.parent.name}.zip")
        os.utime(home / "inbox" / f"{z.parent.name}.zip", (time.time() - 60, time.time() - 60))
    t = time.perf_counter()
    loaded = run_job(plan_job(load_settings(home), inbox=True), say=lambda line: None)
    first = time.perf_counter() - t
    t = time.perf_counter()
    again = run_job(plan_job(load_settings(home), inbox=True), say=lambda line: None)
    idle = time.perf_counter() - t
    assert len(loaded.loads) == exports and (again.loads, again.published) == ([], None)
    return first, idle


def main() -> int:
    startup = [prefect_startup() for _ in range(2)]
    first, idle = idle_run(50)
    lines = [
        "## Overheads",
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} with `.venv/bin/python bench/overheads.py`.",
        "",
        "| what | seconds |",
        "|---|---|",
        f"| Prefect start-up: a trivial flow run in a fresh process, temporary server (2 runs) | "
        f"{startup[0]:.1f}, {startup[1]:.1f} |",
        f"| an inbox pass that loads 50 dropped exports and builds | {first:.1f} |",
        f"| the next pass, which finds nothing new (no export re-read, no rebuild) | {idle:.3f} |",
        "",
        "Prefect's start-up is paid once per `run` (or not at all under `serve`, whose server stays up); it is "
        "kept out of the figures above.",
    ]
    print("\n".join(lines))
    results = BENCH / "RESULTS.md"
    text = results.read_text() if results.exists() else ""
    head, _, rest = text.partition("\n## Overheads")
    tail = rest[rest.find("\n## ", 1) :] if "\n## " in rest[1:] else ""
    results.write_text(head.rstrip() + "\n\n" + "\n".join(lines) + "\n" + tail)
    return 0


if __name__ == "__main__":
    sys.exit(main())
