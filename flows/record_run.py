"""Record a `run` that found nothing new as a completed `process-inbox` flow run, without Prefect's engine in `run`.

A scheduled `run` on an up-to-date home does no work; starting Prefect's temporary server (7-8 s) only to record it
would cost many times the run itself. So `run` queues the record (one JSON line in `<home>/prefect/pending-runs.jsonl`)
and then either
- posts it at once over the REST API of the Prefect server of this home's running `serve` (serve_state), or of
  $PREFECT_API_URL: a few milliseconds; or
- starts this module detached (`python -m linkedin_ssi.flows.record_run --home H`), which starts Prefect's temporary
  server, posts every queued record, and stops it, while `run` has long returned.
A record that cannot be posted stays queued (the next run posts it) and the reason is appended to
`<home>/prefect/record-run.log`: none is lost silently. Each record carries its own idempotency key, so one posted
twice (an answer lost after the server stored it) is still one flow run.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import traceback
import urllib.request
import uuid
from datetime import UTC, datetime
from pathlib import Path

from linkedin_ssi.flows.prefect_env import api_url as configured_api_url
from linkedin_ssi.flows.prefect_env import configure, prefect_home
from linkedin_ssi.flows.serve_state import healthy, process_alive, serving_api

PENDING = "pending-runs.jsonl"
LOG = "record-run.log"
TAG = "nothing-new"


def pending_path(home: Path) -> Path:
    """Return the queue of flow runs still to record: `<home>/prefect/pending-runs.jsonl`."""
    return prefect_home(home) / PENDING


def log(home: Path, line: str) -> None:
    """Append a time-stamped `line` to `<home>/prefect/record-run.log`."""
    path = prefect_home(home) / LOG
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as out:
        out.write(f"{datetime.now(UTC).isoformat(timespec='seconds')} pid {os.getpid()}: {line.rstrip()}\n")


def new_record(flow_name: str, parameters: dict, message: str, started: datetime, inbox: dict | None) -> dict:
    """Return the record of one completed flow run: its flow, parameters, final message, start and end times (UTC),
    the inbox's work, and a key that makes posting it twice harmless."""
    return {
        "key": str(uuid.uuid4()),
        "flow": flow_name,
        "parameters": parameters,
        "message": message,
        "started": started.isoformat(),
        "ended": datetime.now(UTC).isoformat(),
        "inbox": inbox,
    }


def _append(path: Path, records: list[dict]) -> None:
    # One write per call, O_APPEND: lines of concurrent runs never interleave.
    if not records:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, "".join(json.dumps(r) + "\n" for r in records).encode())
    finally:
        os.close(fd)


def queue(home: Path, record: dict) -> None:
    """Add `record` to `home`'s queue of flow runs to record."""
    _append(pending_path(home), [record])


def has_pending(home: Path) -> bool:
    """Return True when `home` has flow runs queued to record (or claimed by a recorder that died)."""
    folder = prefect_home(home)
    return pending_path(home).exists() or any(_abandoned(folder))


def _abandoned(folder: Path) -> list[Path]:
    claimed = folder.glob(f"{PENDING}.*")
    return [p for p in claimed if not process_alive(int(p.name.rsplit(".", 1)[-1]))]


def _claim(home: Path) -> list[dict]:
    """Take every queued record (and those claimed by a recorder that died) for this process; return them."""
    folder = prefect_home(home)
    mine = folder / f"{PENDING}.{os.getpid()}"
    records = []
    for path in [pending_path(home), *_abandoned(folder)]:
        try:
            os.replace(path, mine)  # atomic: two recorders never post the same lines
        except FileNotFoundError:
            continue
        records += [json.loads(line) for line in mine.read_text().splitlines() if line.strip()]
        mine.unlink()
    return records


def _call(api_url: str, method: str, path: str, body: dict) -> dict:
    request = urllib.request.Request(
        f"{api_url.rstrip('/')}{path}",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
        method=method,
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read() or b"{}")


def post(api_url: str, record: dict) -> str:
    """Create `record`'s flow run, Running from its start to Completed at its end, with its load report artifact,
    on the Prefect server at `api_url`; return the flow run's id."""
    from linkedin_ssi.presenting.run_summary import load_markdown

    flow = _call(api_url, "POST", "/flows/", {"name": record["flow"]})
    run = _call(
        api_url,
        "POST",
        "/flow_runs/",
        {
            "flow_id": flow["id"],
            "parameters": record["parameters"],
            "tags": [TAG],
            "idempotency_key": record["key"],
            # The server stamps each state as it receives it; a run recorded late says when it really ran.
            "context": {"ran_from": record["started"], "ran_to": record["ended"]},
            "state": {"type": "RUNNING", "name": "Running"},
        },
    )
    if run["state"]["type"] != "COMPLETED":  # not posted before (idempotency)
        _call(
            api_url,
            "POST",
            f"/flow_runs/{run['id']}/set_state",
            {
                "state": {"type": "COMPLETED", "name": "Completed", "message": record["message"]},
                "force": True,
            },
        )
        _call(
            api_url,
            "POST",
            "/artifacts/",
            {
                "key": "load-report",
                "type": "markdown",
                "data": load_markdown([], record.get("inbox")),
                "description": "Exports loaded in this run",
                "flow_run_id": run["id"],
            },
        )
    return run["id"]


def drain(home: Path, api_url: str) -> int:
    """Post every queued record of `home` to the Prefect server at `api_url`; return how many were posted. Those
    that could not be go back in the queue, with the reason in the log, and the error is raised."""
    records = _claim(home)
    for n, record in enumerate(records):
        try:
            post(api_url, record)
        except Exception as e:
            _append(pending_path(home), records[n:])
            log(home, f"could not record {len(records) - n} flow run(s) at {api_url} ({type(e).__name__}: {e}); queued")
            raise
    return len(records)


def record(home: Path, record: dict) -> str:
    """Queue `record` and post it: at once to this home's `serve` server (or $PREFECT_API_URL) when one answers,
    else from a detached recorder; return where it went, for a person."""
    queue(home, record)
    api_url = serving_api(home) or configured_api_url()
    if api_url and healthy(api_url, timeout=1.0):
        try:
            drain(home, api_url)
            return f"recorded as a flow run at {api_url.removesuffix('/api')}"
        except Exception:  # queued again and logged: the detached recorder tries again
            pass
    spawn(home)
    return f"recording the flow run in the background (log: {prefect_home(home) / LOG})"


def spawn(home: Path) -> None:
    """Start the recorder for `home` detached (its own session, no terminal): `run` does not wait for it."""
    out = prefect_home(home) / LOG
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("ab") as sink:
        subprocess.Popen(
            [sys.executable, "-m", "linkedin_ssi.flows.record_run", "--home", str(home)],
            stdin=subprocess.DEVNULL,
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            close_fds=True,
        )


def record_queued(home: Path) -> int:
    """Post `home`'s queued records through Prefect's temporary server (started and stopped here) or
    $PREFECT_API_URL; return how many were posted."""
    if not has_pending(home):  # another recorder took them: no server to start
        return 0
    api_url = serving_api(home) or configured_api_url()
    if api_url:
        return drain(home, api_url)
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()
    try:
        server.start(timeout=120)
        return drain(home, server.api_url)
    finally:
        server.stop()  # also a server that did not answer in time: its process is ended, not left behind


def _cpu() -> str:
    """Return ', N s of CPU': this process's and the server's it started and waited for (what recording in the
    background costs); empty where the resource module is missing (Windows)."""
    try:
        import resource
    except ImportError:
        return ""
    usage = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    return f", {sum(u.ru_utime + u.ru_stime for u in usage):.1f} s of CPU"


def main(argv: list[str] | None = None) -> int:
    """Record `--home`'s queued flow runs; return the exit code (failures are in `<home>/prefect/record-run.log`)."""
    parser = argparse.ArgumentParser(prog="python -m linkedin_ssi.flows.record_run")
    parser.add_argument("--home", required=True, type=Path)
    home = parser.parse_args(argv).home
    os.umask(0o077)
    configure(home)
    started = time.monotonic()
    try:
        posted = record_queued(home)
    except Exception:
        log(home, "the recorder failed; the runs stay queued for the next run:\n" + traceback.format_exc())
        return 1
    if posted:
        log(home, f"recorded {posted} flow run(s) ({time.monotonic() - started:.1f} s{_cpu()})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
