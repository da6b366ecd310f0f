"""Named points where the crash and concurrency tests interrupt a run (no effect unless asked).

LINKEDIN_SSI_CRASH_AT=<point> kills the process there with SIGKILL, as a power cut would;
LINKEDIN_SSI_PAUSE_AT=<point>:<seconds> sleeps there, so a test can start a second run meanwhile.
Both are read by `infra.settings.FaultPoints`, at each point: a test sets them for one process.
"""

from __future__ import annotations

import os
import signal
import time
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from linkedin_ssi.infra.settings import FaultPoints

# settings.ENV_PREFIX + the two names: spelt out so that loading an export does not import the settings (pydantic).
_VARIABLES = {"LINKEDIN_SSI_CRASH_AT", "LINKEDIN_SSI_PAUSE_AT"}


@cache
def _fault_points(asked: tuple[tuple[str, str], ...]) -> FaultPoints:
    """Return the fault points for one state of the environment (FaultPoints reads it again; `asked` is the key)."""
    from linkedin_ssi.infra.settings import FaultPoints

    return FaultPoints()


def checkpoint(point: str) -> None:
    """Die or pause at `point` when the environment asks for it; otherwise return at once."""
    # Building the settings object costs milliseconds, and a load passes several points per export: build it once
    # per state of the two variables (names matched case-insensitively, as pydantic-settings does).
    asked = tuple(sorted((k.upper(), v) for k, v in os.environ.items() if k.upper() in _VARIABLES))
    if not asked:
        return
    faults = _fault_points(asked)
    if faults.crash_at == point:
        os.kill(os.getpid(), signal.SIGKILL)
    if seconds := faults.pause(point):
        time.sleep(seconds)
