"""A scheduled `linkedin-ssi run` that finds nothing new, as a user runs it (the CLI entry point, a new process each
time), side by side with the whole flow it ran before (`run --rebuild`), and with a running `serve` for the home.

    .venv/bin/python bench/noop_run.py [--runs 5] [--full-runs 3] [--no-serve] [--no-results]

Prints, per path, the median wall time and CPU time (user + system of the CLI process and every process it waited
for: `getrusage(RUSAGE_CHILDREN)`) and the targets' verdicts: under 1 s of CPU and under 3 s of wall time. Without a
`serve`, the flow run is recorded by a detached process the CLI does not wait for; its own wall and CPU (with the
temporary Prefect server it starts) are read from `<home>/prefect/record-run.log` and printed beside. Replaces the
"No-op scheduled runs" section of bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
CLI = [sys.executable, "-m", "linkedin_ssi.flows.cli"]
TARGET_CPU, TARGET_WALL = 1.0, 3.0
RECORDED = re.compile(r"recorded (\d+) flow run\(s\) \(([\d.]+) s, ([\d.]+) s of CPU\)")


def user_env() -> dict[str, str]:
    """The environment of a user who never configured Prefect (each home has its own Prefect database), but for the
    temporary server's start-up timeout: 3 minutes, not 20 s, on a machine other sessions keep busy."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    return env | {"PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180"}


def timed(args: list[str], cwd: Path) -> tuple[float, float, subprocess.CompletedProcess]:
    """Run `args`; return (wall seconds, CPU seconds of it and what it waited for, the finished process)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(args, cwd=cwd, env=user_env(), capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} exited {done.returncode}:\n{done.stderr[-3000:]}")
    print(f"{wall:6.2f} s wall {cpu:6.2f} s CPU  {' '.join(args[3:])}", file=sys.stderr, flush=True)
    return wall, cpu, done


def prepare(work: Path) -> Path:
    """Return a home with the bundled sample export and SSI history loaded and published (no Prefect)."""
    from linkedin_ssi.infra.resources import SAMPLE_EXPORT, SAMPLE_SSI

    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    home = work / "home"
    timed([*CLI, "ingest", str(SAMPLE_EXPORT), "--home", str(home)], work)
    timed([*CLI, "ssi", "import", str(SAMPLE_SSI), "--home", str(home)], work)
    return home


def recorder_runs(home: Path) -> list[tuple[float, float]]:
    """Return (wall, CPU) of each detached recording in `home`'s record-run.log."""
    log = home / "prefect" / "record-run.log"
    return [(float(w), float(c)) for _, w, c in RECORDED.findall(log.read_text())] if log.exists() else []


def wait_recorded(home: Path, count: int, seconds: float = 300) -> None:
    """Wait until `count` detached recordings are logged and nothing is queued (so the next run is not timed against
    a recorder still busy)."""
    deadline = time.monotonic() + seconds
    while len(recorder_runs(home)) < count or (home / "prefect" / "pending-runs.jsonl").exists():
        if time.monotonic() > deadline:
            raise SystemExit(f"the detached recorder did not record within {seconds} s: see {home}/prefect")
        time.sleep(0.5)


def noop_runs(home: Path, runs: int, background: bool) -> list[tuple[float, float]]:
    """Return (wall, CPU) of `runs` no-op `run`s; with `background`, wait for each one's detached recorder."""
    out = []
    for _ in range(runs):
        done_before = len(recorder_runs(home))
        wall, cpu, done = timed([*CLI, "run", "--home", str(home)], home.parent)
        assert "nothing new: the published warehouse is up to date" in done.stderr, done.stderr
        out.append((wall, cpu))
        if background:
            wait_recorded(home, done_before + 1)
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def with_serve(home: Path, runs: int) -> list[tuple[float, float]]:
    """Return (wall, CPU) of `runs` no-op `run`s while `serve` runs for the home (its server records them)."""
    log = home.parent / "serve.log"
    serve = subprocess.Popen(
        [*CLI, "serve", "--home", str(home), "--port", str(free_port()), "--no-watch", "--interval", "3600"],
        cwd=home.parent,
        env=user_env(),
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 180
        while "serving:" not in log.read_text():
            if serve.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"serve did not start:\n{log.read_text()[-3000:]}")
            time.sleep(0.5)
        return noop_runs(home, runs, background=False)
    finally:
        serve.send_signal(signal.SIGTERM)  # SIGINT is ignored by a process started in a shell's background
        serve.wait(timeout=60)


def needs_build_cost(home: Path) -> tuple[float, float]:
    """Return (wall, CPU) of a process that only imports models.warehouse and calls needs_build(home), minus a bare
    interpreter's: the share of the no-op that is the outputs check, which another change replaces."""
    check = (
        "from pathlib import Path; from linkedin_ssi.models.warehouse import needs_build; "
        f"assert not needs_build(Path({str(home)!r}))"
    )
    wall, cpu, _ = timed([sys.executable, "-c", check], home.parent)
    bare_wall, bare_cpu, _ = timed([sys.executable, "-c", "pass"], home.parent)
    return wall - bare_wall, cpu - bare_cpu


def median(pairs: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(w for w, _ in pairs), statistics.median(c for _, c in pairs)


def verdict(ok: bool) -> str:
    return "met" if ok else "not met"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="no-op runs per path (default: 5)")
    parser.add_argument("--full-runs", type=int, default=3, help="runs of the whole flow, --rebuild (default: 3)")
    parser.add_argument("--no-serve", action="store_true", help="skip the path with a running serve")
    parser.add_argument("--no-results", action="store_true", help="print only; leave bench/RESULTS.md alone")
    args = parser.parse_args()

    home = prepare(BENCH / ".cache" / "noop")
    # The first Prefect run in a home creates its database (migrations): paid once, before anything is timed.
    timed([*CLI, "run", "--home", str(home), "--rebuild"], home.parent)
    full = [timed([*CLI, "run", "--home", str(home), "--rebuild"], home.parent)[:2] for _ in range(args.full_runs)]
    noop = noop_runs(home, args.runs, background=True)
    recorders = recorder_runs(home)[-args.runs :]
    served = [] if args.no_serve else with_serve(home, args.runs)
    check = needs_build_cost(home)

    full_wall, full_cpu = median(full)
    noop_wall, noop_cpu = median(noop)
    rec_wall, rec_cpu = median(recorders)
    rows = [
        (
            "`run --rebuild`: the whole flow, a temporary Prefect server (what `run` did before)",
            full,
            full_wall,
            full_cpu,
        ),
        ("`run`, nothing new; its flow run recorded by a detached process", noop, noop_wall, noop_cpu),
    ]
    if served:
        rows.append(("`run`, nothing new, `serve` running: recorded on its server at once", served, *median(served)))
    lines = [
        "## No-op scheduled runs",
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} with `.venv/bin/python bench/noop_run.py "
        f"--runs {args.runs} --full-runs {args.full_runs}` (load average at the end: "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores: other sessions share the machine). A home with the "
        "sample export and SSI history published; each run is `python -m linkedin_ssi.flows.cli run --home H` in a new "
        "process, as a user or a scheduler starts it. CPU = user + system of that process and of every process it "
        "waited for (`getrusage(RUSAGE_CHILDREN)`). Medians.",
        "",
        "| path | runs | wall (s) | CPU (s) | wall vs the whole flow |",
        "|---|---|---|---|---|",
        *(f"| {name} | {len(p)} | {w:.2f} | {c:.2f} | {w / full_wall:.3f}× |" for name, p, w, c in rows),
        f"| (the detached recorder, after the run has returned: Prefect's temporary server started, the run posted, "
        f"the server stopped) | {len(recorders)} | {rec_wall:.1f} | {rec_cpu:.1f} | not waited for |",
        f"| (of the no-op: importing models.warehouse and `needs_build`, the outputs check another change replaces) "
        f"| 1 | {check[0]:.2f} | {check[1]:.2f} | |",
        "",
        "| target | measured | verdict |",
        "|---|---|---|",
        f"| no-op `run` under {TARGET_CPU:g} s of CPU | {noop_cpu:.2f} s | {verdict(noop_cpu < TARGET_CPU)} |",
        f"| no-op `run` under {TARGET_WALL:g} s of wall time | {noop_wall:.2f} s | "
        f"{verdict(noop_wall < TARGET_WALL)} |",
    ]
    if served:
        s_wall, s_cpu = median(served)
        lines += [
            f"| the same with `serve` running: under {TARGET_CPU:g} s of CPU | {s_cpu:.2f} s | "
            f"{verdict(s_cpu < TARGET_CPU)} |",
            f"| the same with `serve` running: under {TARGET_WALL:g} s of wall time | {s_wall:.2f} s | "
            f"{verdict(s_wall < TARGET_WALL)} |",
        ]
    lines += [
        "",
        "Each run (wall, CPU): "
        + json.dumps({name.split(":")[0]: [[round(w, 2), round(c, 2)] for w, c in p] for name, p, _, _ in rows}),
    ]
    print("\n".join(lines))
    if not args.no_results:
        results = BENCH / "RESULTS.md"
        text = results.read_text() if results.exists() else ""
        head, _, rest = text.partition("\n## No-op scheduled runs")
        tail = rest[rest.find("\n## ", 1) :] if "\n## " in rest[1:] else ""
        results.write_text(head.rstrip() + "\n\n" + "\n".join(lines) + "\n" + tail)
    return 0


if __name__ == "__main__":
    sys.exit(main())
