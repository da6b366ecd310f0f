"""`linkedin-ssi serve` for real: a local Prefect server, a file dropped in the inbox processed within seconds,
and a clean stop on SIGTERM."""

import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request

from conftest import REPO


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


def test_serve_processes_a_dropped_export_and_stops_on_sigterm(tmp_path, sample_zip):
    home, port = tmp_path / "home", free_port()
    log = (tmp_path / "serve.log").open("w")
    serve = subprocess.Popen([sys.executable, "-m", "flows.cli", "serve", "--home", str(home), "--port", str(port),
                              "--interval", "3600", "--settle-seconds", "1"], cwd=REPO, stdout=log,
                             stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        while not healthy(port):
            assert serve.poll() is None, (tmp_path / "serve.log").read_text()[-3000:]
            assert time.monotonic() < deadline, "the Prefect server did not start"
            time.sleep(0.5)
        while "serving:" not in (tmp_path / "serve.log").read_text():
            assert time.monotonic() < deadline
            time.sleep(0.5)
        (home / "inbox").mkdir(parents=True, exist_ok=True)
        shutil.copy(sample_zip, home / "inbox" / ".partial")
        (home / "inbox" / ".partial").rename(home / "inbox" / "export.zip")
        dropped = time.monotonic()
        while not (home / "reports" / "report.html").exists():
            assert time.monotonic() - dropped < 90, (tmp_path / "serve.log").read_text()[-3000:]
            time.sleep(0.5)
        assert list((home / "archive").glob("*.zip"))
    finally:
        serve.send_signal(signal.SIGTERM)
        code = serve.wait(timeout=60)
    text = (tmp_path / "serve.log").read_text()
    assert code == 0, text[-3000:]
    assert f"starting a Prefect server on 127.0.0.1:{port}" in text
    assert "inbox changed: starting an inbox run" in text
    assert text.rstrip().endswith("stopped"), text[-1000:]
    assert "Error logging to API" not in text
    assert not healthy(port)
