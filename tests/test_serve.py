"""`linkedin-ssi serve` for real, as a new user meets it: a local Prefect server on a non-default port whose UI
(in headless Chromium) lists the runs, a file dropped in the inbox processed within seconds, nothing sent over the
network by any process (server included), the home's own Prefect database, and a clean stop on SIGTERM.

One `serve` runs for the whole module (a fresh Prefect database costs about 15 s to start); the tests run in order
and the last one stops it."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from test_report import find_chromium

NETGUARD = Path(__file__).parent / "netguard"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


def api(port: int, path: str, body: dict | None = None):
    """Return the decoded JSON answer of the Prefect API on `port` (POST when `body` is given)."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", data=data, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=10) as r:
        return json.loads(r.read())


def completed_runs(port: int) -> list[dict]:
    return api(port, "/api/flow_runs/filter", {"flow_runs": {"state": {"type": {"any_": ["COMPLETED"]}}}})


def product_env(net_log: Path) -> dict:
    """The environment of a user who never configured Prefect, with every non-loopback connection refused
    (and recorded in `net_log`) in every Python process started from it."""
    env = {**os.environ, "PYTHONPATH": str(NETGUARD), "NETGUARD_LOG": str(net_log)}
    for key in [k for k in env if k.startswith("PREFECT_") or k == "DO_NOT_TRACK"]:
        env.pop(key)
    return env


@dataclass
class Served:
    process: subprocess.Popen
    home: Path
    port: int
    log: Path
    net_log: Path
    code: int | None = None

    def output(self) -> str:
        return self.log.read_text()

    def stop(self) -> int:
        if self.code is None:
            self.process.send_signal(signal.SIGTERM)
            self.code = self.process.wait(timeout=60)
        return self.code


def start_serve(home: Path, port: int, log: Path, net_log: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "linkedin_ssi.flows.cli",
            "serve",
            "--home",
            str(home),
            "--port",
            str(port),
            "--interval",
            "3600",
            "--settle-seconds",
            "1",
            *extra,
        ],
        cwd=home.parent,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        env=product_env(net_log),
    )


def wait_until(condition, seconds: float, served: Served, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert served.process.poll() is None, served.output()[-3000:]
        assert time.monotonic() < deadline, f"{what} within {seconds} s:\n{served.output()[-3000:]}"
        time.sleep(0.5)


@pytest.fixture(scope="module")
def served(tmp_path_factory, sample_zip):
    """`serve` on a free port (not 4200) for a fresh home, after one export was dropped and processed."""
    root = tmp_path_factory.mktemp("serve")
    home, port = root / "home", free_port()
    served = Served(
        start_serve(home, port, root / "serve.log", root / "net.log"), home, port, root / "serve.log", root / "net.log"
    )
    try:
        wait_until(lambda: healthy(port), 120, served, "the Prefect server did not start")
        wait_until(lambda: "serving:" in served.output(), 60, served, "serve did not start serving")
        (home / "inbox").mkdir(parents=True, exist_ok=True)
        shutil.copy(sample_zip, home / "inbox" / ".partial")
        (home / "inbox" / ".partial").rename(home / "inbox" / "export.zip")
        wait_until(
            lambda: (home / "reports" / "report.html").exists() and completed_runs(port),
            120,
            served,
            "no completed inbox run",
        )
        yield served
    finally:
        served.stop()


def test_a_dropped_export_is_processed_within_seconds(served):
    assert (served.home / "reports" / "report.html").exists()
    assert list((served.home / "archive").glob("*.zip"))
    assert "inbox changed: starting an inbox run" in served.output()
    assert [r["name"] for r in completed_runs(served.port)] != []
    assert f"starting a Prefect server on 127.0.0.1:{served.port}" in served.output()


def test_the_ui_is_told_the_api_of_its_own_port(served):
    settings = api(served.port, "/ui-settings")
    assert settings["api_url"] == f"http://127.0.0.1:{served.port}/api"


def test_the_ui_in_chromium_lists_the_runs(served, tmp_path):
    chromium, reason = find_chromium()
    if chromium is None:
        pytest.skip(f"chromium not available: {reason}")
    run = completed_runs(served.port)[0]
    flow = api(served.port, f"/api/flows/{run['flow_id']}")

    def dom(path: str) -> str:
        done = subprocess.run(
            [
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                # Loopback only: anything else goes to a proxy that does not exist.
                "--proxy-server=http://127.0.0.1:9",
                f"--user-data-dir={tmp_path / 'profile'}",
                "--virtual-time-budget=15000",
                "--dump-dom",
                f"http://127.0.0.1:{served.port}{path}",
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr[-2000:]
        return done.stdout

    root = dom("/")  # the UI root: the dashboard, connected to the API
    assert "Dashboard" in root and "Flow Runs" in root
    assert "Unable to connect to Prefect server" not in root
    runs = dom("/v2/runs")  # the runs list, as linked from the root (Prefect's default UI lives under /v2)
    assert "Unable to connect to Prefect server" not in runs
    assert flow["name"] == "process-inbox" and "process-inbox" in runs
    assert run["name"] in runs  # the completed run itself, not only the scheduled ones


def test_the_home_has_its_own_prefect_database(served, tmp_path):
    database = served.home / "prefect" / "prefect.db"
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as con:
        assert ("process-inbox",) in con.execute("select name from flow").fetchall()

    # Another home's serve, on the port of this one, does not borrow its server (and its runs) ...
    other, log = tmp_path / "other", tmp_path / "other.log"
    refused = subprocess.run(
        [sys.executable, "-m", "linkedin_ssi.flows.cli", "serve", "--home", str(other), "--port", str(served.port)],
        cwd=tmp_path,
        env=product_env(tmp_path / "net.log"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert refused.returncode == 1
    assert refused.stderr.strip().splitlines()[-1] == (
        f"error: 127.0.0.1:{served.port} is the Prefect server of another home (its Prefect folder is "
        f"{served.home / 'prefect'}); its UI would not show this home's runs. Stop it, or choose a free --port"
    )

    # ... and on its own port, its UI lists none of this home's runs.
    port = free_port()
    second = Served(
        start_serve(other, port, log, tmp_path / "net.log", "--no-watch"), other, port, log, tmp_path / "net.log"
    )
    try:
        wait_until(lambda: "serving:" in second.output(), 120, second, "the second serve did not start")
        assert completed_runs(port) == []
        assert (other / "prefect" / "prefect.db").exists()
    finally:
        assert second.stop() == 0, second.output()[-2000:]


def test_a_run_with_nothing_new_is_recorded_on_the_server_of_serve_at_once(served, tmp_path):
    # serve says where its server is; a `run` of the home that finds nothing new records its flow run there, at once.
    state = json.loads((served.home / "prefect" / "serve.json").read_text())
    assert state == {"api_url": f"http://127.0.0.1:{served.port}/api", "pid": served.process.pid}
    before = completed_runs(served.port)
    done = subprocess.run(
        [sys.executable, "-m", "linkedin_ssi.flows.cli", "run", "--home", str(served.home)],
        cwd=tmp_path,
        env=product_env(served.net_log),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [
        "nothing new: the published warehouse is up to date; no rebuild",
        f"recorded as a flow run at http://127.0.0.1:{served.port}",
    ]
    [new] = [r for r in completed_runs(served.port) if r["id"] not in {b["id"] for b in before}]
    assert (new["tags"], new["state"]["message"]) == (
        ["nothing-new"],
        "nothing new: the published warehouse is up to date; no rebuild",
    )
    assert api(served.port, f"/api/flows/{new['flow_id']}")["name"] == "process-inbox"
    assert not (served.home / "prefect" / "pending-runs.jsonl").exists()


def test_a_run_with_work_to_do_runs_its_flow_on_the_server_of_serve(served, tmp_path):
    before = {r["id"] for r in completed_runs(served.port)}
    done = subprocess.run(
        [sys.executable, "-m", "linkedin_ssi.flows.cli", "run", "--home", str(served.home), "--rebuild"],
        cwd=tmp_path,
        env=product_env(served.net_log),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert (
        done.stderr.splitlines()[0]
        == f"using the Prefect server of this home's serve at http://127.0.0.1:{served.port}"
    )
    [new] = [r for r in completed_runs(served.port) if r["id"] not in before]
    assert new["tags"] == [] and new["parameters"]["home"] == str(served.home)


def test_nothing_is_sent_over_the_network_and_sigterm_stops_cleanly(served):
    code = served.stop()
    text = served.output()
    assert code == 0, text[-3000:]
    assert not (served.home / "prefect" / "serve.json").exists()  # a later `run` starts its own server again
    assert text.rstrip().endswith("stopped"), text[-1000:]
    assert "Error logging to API" not in text
    assert not healthy(served.port)
    server_log = (served.home / "logs" / "prefect-server.log").read_text()
    assert "Failed to send telemetry" not in server_log and "telemetry" not in text.lower()
    assert not served.net_log.exists() or served.net_log.read_text() == ""


def test_the_watcher_tries_again_when_a_run_could_not_be_started(tmp_path):
    # A file dropped as serve starts can come before serve has registered the deployment: the run must still happen.
    from linkedin_ssi.flows.serve import InboxWatcher

    calls, said = [], []

    def trigger():
        calls.append(time.monotonic())
        if len(calls) == 1:
            raise RuntimeError("not registered yet")

    watcher = InboxWatcher(tmp_path / "inbox", 0.2, trigger, said.append)
    watcher.start()
    try:
        deadline = time.monotonic() + 20
        while not (tmp_path / "inbox").is_dir() and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(1)  # the watch is set up once the folder exists
        (tmp_path / "inbox" / "export.zip").write_bytes(b"PK")
        while len(calls) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        watcher.stop_event.set()
        watcher.join(10)
    assert len(calls) == 2
    assert said == [
        "inbox changed: starting an inbox run",
        "could not start an inbox run: RuntimeError: not registered yet; trying again in 0.2 s",
        "inbox changed: starting an inbox run",
    ]
