"""Prefect settings this product needs, applied before Prefect is imported or any process is started.

Offline by design: no telemetry, no analytics (without these, Prefect prints telemetry tracebacks on a
closed network, and a server it starts tries to reach Prefect's servers), no promotional content in the
UI; plain functions called outside a flow log nothing to the API. Every process the product starts (the
Prefect server of `serve`, the temporary server of `run`, flow-run and worker processes) inherits these
from the environment, which is why they are set in `os.environ` first thing in `main()`.

Each home keeps its own Prefect database (PREFECT_HOME = `<home>/prefect`), so the UI of one home lists
only that home's runs. A user's own settings (environment) win: we only fill in what is unset; set
PREFECT_HOME yourself to share one Prefect database between homes.
"""

from __future__ import annotations

import os
from pathlib import Path

DEFAULTS = {
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_SERVER_UI_SHOW_PROMOTIONAL_CONTENT": "false",
    "PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW": "ignore",
    "PREFECT_UI_ENABLED": "true",
    # Flow and task state lines would bury the product's own progress and summary on the terminal; they
    # still reach the Prefect UI (`serve`). PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL=INFO shows them again.
    "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL": "WARNING",
    # The temporary server of `run` starts in about 9 s on a quiet machine; on a busy 2-core one it took longer than
    # Prefect's 20 s default (two test processes starting theirs at once) and the command failed. Waiting longer costs
    # nothing when it starts sooner.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
}
PREFECT_DIR = "prefect"

# The PREFECT_HOME this process set itself (None: not set by us), so a second call for another home
# (tests call `main()` several times in one process) moves it instead of mistaking it for the user's.
_ours: str | None = None


def prefect_home(home: Path) -> Path:
    """Return the folder holding `home`'s own Prefect database: `<home>/prefect`."""
    return Path(home) / PREFECT_DIR


def configure(home: Path | None = None) -> dict[str, str]:
    """Set the offline defaults above, and PREFECT_HOME for `home` (created), in the environment where the user
    has not; return the settings this call applied (name -> value).

    Only commands that run Prefect pass a home, so e.g. `status` of a mistyped home creates nothing.
    """
    global _ours
    applied = {}
    for key, value in DEFAULTS.items():
        if key not in os.environ:
            os.environ[key] = applied[key] = value
    if home is not None and os.environ.get("PREFECT_HOME", _ours) == _ours:
        folder = prefect_home(home)
        # Prefect does not create it: its temporary server times out on a missing folder.
        folder.mkdir(parents=True, exist_ok=True)
        os.environ["PREFECT_HOME"] = applied["PREFECT_HOME"] = _ours = str(folder)
    return applied


def api_url() -> str | None:
    """Return the Prefect server the user named (PREFECT_API_URL), or None: each run then starts a temporary one."""
    return os.environ.get("PREFECT_API_URL") or None


def prefect_folder() -> str | None:
    """Return the PREFECT_HOME this process runs with (its Prefect database's folder), or None when unset."""
    return os.environ.get("PREFECT_HOME")


def use_server(url: str) -> None:
    """Point this process, and every flow-run process it starts, at the Prefect server at `url`."""
    os.environ["PREFECT_API_URL"] = url
    # The runner checks for scheduled and triggered runs every 10 s by default; 2 s keeps a drop responsive.
    os.environ.setdefault("PREFECT_RUNNER_POLL_FREQUENCY", "2")


def server_env(port: int) -> dict[str, str]:
    """Return the environment for a Prefect server this product starts on 127.0.0.1:`port`.

    `prefect server start --port` alone serves the API on that port but tells the UI (`/ui-settings`) to
    call the API at the default port 4200, so the UI shows "Can't connect" and no runs: the server's own
    settings must name the port too. The server is ours and on loopback, so its UI's API URL is too,
    whatever PREFECT_UI_API_URL the environment holds.
    """
    configure()
    api_url = f"http://127.0.0.1:{port}/api"
    return {
        **os.environ,
        "PREFECT_SERVER_API_HOST": "127.0.0.1",
        "PREFECT_SERVER_API_PORT": str(port),
        "PREFECT_UI_API_URL": api_url,
        "PREFECT_API_URL": api_url,
    }
