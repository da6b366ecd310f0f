"""Which Prefect server this home's running `serve` uses, so that a `run` can use it too instead of starting one.

`serve` writes `<home>/prefect/serve.json` (its API URL and its pid) once its server answers, and removes it when it
stops; a `serve` killed outright leaves it behind, so a reader trusts it only while that pid lives and the server
answers. No Prefect import here: `run` reads this before deciding whether Prefect is needed at all.
"""

from __future__ import annotations

import json
import os
import urllib.request
from pathlib import Path

from linkedin_ssi.flows.prefect_env import prefect_home

SERVE_STATE = "serve.json"


def state_path(home: Path) -> Path:
    """Return where `home`'s running `serve` records its server: `<home>/prefect/serve.json`."""
    return prefect_home(home) / SERVE_STATE


def healthy(api_url: str, timeout: float = 2.0) -> bool:
    """Return True when the Prefect server at `api_url` answers its health check within `timeout` seconds."""
    try:
        with urllib.request.urlopen(f"{api_url.rstrip('/')}/health", timeout=timeout) as response:
            return response.status == 200
    except OSError:
        return False


def write_state(home: Path, api_url: str) -> Path:
    """Record that this process serves `home` with the Prefect server at `api_url`; return the file written."""
    path = state_path(home)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{SERVE_STATE}-{os.getpid()}")
    temporary.write_text(json.dumps({"api_url": api_url, "pid": os.getpid()}))
    os.replace(temporary, path)  # a reader sees the whole file or none
    return path


def clear_state(home: Path) -> None:
    """Remove the record of this process's `serve` (another process's record is left alone)."""
    path = state_path(home)
    try:
        if json.loads(path.read_text()).get("pid") == os.getpid():
            path.unlink()
    except (OSError, ValueError):
        pass


def process_alive(pid: int) -> bool:
    """Return True when process `pid` exists (always on Windows, where os.kill(pid, 0) would signal it)."""
    if os.name != "posix":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, someone else's
        return True
    return True


def serving_api(home: Path, timeout: float = 1.0) -> str | None:
    """Return the API URL of the Prefect server of `home`'s running `serve`, or None when no `serve` runs for it
    (no record, its process gone, or its server not answering within `timeout` seconds)."""
    try:
        state = json.loads(state_path(home).read_text())
        api_url, pid = str(state["api_url"]), int(state["pid"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return api_url if process_alive(pid) and healthy(api_url, timeout) else None
