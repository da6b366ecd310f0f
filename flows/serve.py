"""`linkedin-ssi serve`: a local Prefect server, the deployments, and an inbox watcher, until stopped.

Schedules only fire against a real Prefect server (an ephemeral one registers deployments but never
runs them), so serve starts one on loopback, or reuses this home's one already answering there, or uses
the server the user names. Prefect has no file trigger: a watchfiles loop sees a new inbox file within
a second, waits until it stops changing, then asks for an inbox run.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from linkedin_ssi.flows.prefect_env import api_url as configured_api_url
from linkedin_ssi.flows.prefect_env import prefect_folder, server_env, use_server
from linkedin_ssi.flows.serve_state import clear_state, write_state
from linkedin_ssi.flows.serve_state import healthy as _healthy

if TYPE_CHECKING:  # Prefect is imported only when serving starts
    from prefect.deployments.runner import RunnerDeployment


def _server_home(api_url: str) -> str | None:
    """Return the PREFECT_HOME of the Prefect server at `api_url` (its admin settings), or None if it does not say."""
    try:
        with urllib.request.urlopen(f"{api_url.rstrip('/')}/admin/settings", timeout=5) as response:
            return json.loads(response.read()).get("home")
    except (OSError, ValueError):
        return None


def start_server(port: int, log: Path, wait: float = 90.0) -> tuple[subprocess.Popen, str]:
    """Start `prefect server start` on 127.0.0.1:`port` with this product's settings (offline, the UI told
    its port, the PREFECT_HOME in the environment); return (process, API URL) once it is healthy."""
    api_url = f"http://127.0.0.1:{port}/api"
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env=server_env(port),
        )
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the Prefect server exited with code {process.returncode}; see {log}")
        if _healthy(api_url):
            return process, api_url
        time.sleep(0.5)
    process.terminate()
    raise RuntimeError(f"the Prefect server did not answer on {api_url} within {wait:.0f} s; see {log}")


class InboxWatcher(threading.Thread):
    """Watches `<home>/inbox` and calls `trigger()` once a changed file has been quiet for `settle` seconds."""

    def __init__(self, inbox: Path, settle: float, trigger, say) -> None:
        super().__init__(name="inbox-watcher", daemon=True)
        self.inbox, self.settle, self.trigger, self.say = inbox, settle, trigger, say
        self.stop_event = threading.Event()

    def run(self) -> None:
        import watchfiles

        self.inbox.mkdir(parents=True, exist_ok=True)
        pending_since: float | None = None
        for changes in watchfiles.watch(
            self.inbox, stop_event=self.stop_event, yield_on_timeout=True, rust_timeout=500, debounce=200
        ):
            # Only new or rewritten files matter: a run's own claim deletes files from the inbox.
            if any(
                change != watchfiles.Change.deleted and not Path(name).name.startswith(".") for change, name in changes
            ):
                pending_since = time.monotonic()
            if pending_since is not None and time.monotonic() - pending_since >= self.settle:
                pending_since = None
                self.say("inbox changed: starting an inbox run")
                try:
                    self.trigger()
                except Exception as e:  # the watcher must survive a failed trigger
                    # and must not lose the file: a file dropped as serve starts can come before serve has registered
                    # the deployment (run_deployment then raises ObjectNotFound); try again once settled again.
                    self.say(
                        f"could not start an inbox run: {type(e).__name__}: {e}; trying again in {self.settle:g} s"
                    )
                    pending_since = time.monotonic()


def _flush_logs() -> None:
    """Send buffered run logs to the server while it is still up (else they fail at exit)."""
    try:
        from prefect.logging.handlers import APILogWorker

        APILogWorker.drain_all(timeout=10)
    except Exception:  # nothing to flush, or the server is already gone
        pass


def serve(
    settings, interval: int | None, cron: str | None, api_url: str | None, port: int, settle: float, watch: bool, say
) -> int:
    """Serve the job flow's deployments for `settings`' home until SIGINT/SIGTERM; return the exit code."""
    home = settings.home
    server = None
    api_url = api_url or configured_api_url()
    if api_url:
        if not _healthy(api_url):
            say(f"error: no Prefect server answers at {api_url}/health; start it or drop --api-url")
            return 1
        say(f"using the Prefect server at {api_url}")
    else:
        local = f"http://127.0.0.1:{port}/api"
        if _healthy(local):
            other = _server_home(local)
            if other != prefect_folder():
                say(
                    f"error: 127.0.0.1:{port} is the Prefect server of another home (its Prefect folder is "
                    f"{other or 'unknown'}); its UI would not show this home's runs. Stop it, or choose a free "
                    f"--port"
                )
                return 1
            api_url = local
            say(f"reusing this home's Prefect server already running at {local}")
        else:
            say(f"starting a Prefect server on 127.0.0.1:{port} (log: {home / 'logs' / 'prefect-server.log'}) ...")
            server, api_url = start_server(port, home / "logs" / "prefect-server.log")
    use_server(api_url)
    # A `run` of this home meanwhile records its flow runs here, or runs its flow here, instead of starting a server.
    write_state(home, api_url)
    say(f"Prefect UI: {api_url.removesuffix('/api')}  (flow runs, logs and artifacts)")

    def stop(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    watcher = None
    try:
        from linkedin_ssi.flows.job import ALWAYS, FLOW_NAME
        from linkedin_ssi.flows.pipeline import on_dask
        from prefect import serve as prefect_serve
        from prefect.deployments import run_deployment

        flow = on_dask(settings.scale.dask_address)
        schedule = {"cron": cron} if cron else {"interval": timedelta(seconds=interval or 300)}
        # One flow, three deployments: the inbox run publishes only when something is new; the others always.
        # (Prefect's async_dispatch types to_deployment `RunnerDeployment | Coroutine`; called outside an event loop,
        # as here, it returns the RunnerDeployment: hence the ignores.)
        deployments: list[RunnerDeployment] = [
            flow.to_deployment(name="inbox", parameters={"home": str(home), "settle_seconds": settle}, **schedule),  # type: ignore[list-item]
            flow.to_deployment(name="pipeline", parameters={"home": str(home), "publish": ALWAYS}),  # type: ignore[list-item]
            flow.to_deployment(name="build", parameters={"home": str(home), "inbox": False, "publish": ALWAYS}),  # type: ignore[list-item]
        ]
        if watch:
            # Registered before the watcher starts: a file dropped at once (or a busy machine) must not find the
            # inbox deployment missing, which `prefect_serve` below would register only later.
            for deployment in deployments:
                deployment.apply()
            watcher = InboxWatcher(home / "inbox", settle, lambda: run_deployment(f"{FLOW_NAME}/inbox", timeout=0), say)
            watcher.start()
        when = f"cron {cron}" if cron else f"every {interval or 300} s"
        say(
            f"serving: inbox run {when}{' and on every new file' if watch else ''}; pipeline and build on demand. "
            f"Drop export ZIPs in {home / 'inbox'}. Stop with Ctrl-C."
        )
        prefect_serve(*deployments, print_starting_message=False)
    except KeyboardInterrupt:
        say("stopping ...")
    finally:
        clear_state(home)
        if watcher:
            watcher.stop_event.set()
        _flush_logs()
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
        say("stopped")
    return 0
