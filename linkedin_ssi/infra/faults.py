"""Named points where the crash and concurrency tests interrupt a run (no effect unless asked).

LINKEDIN_SSI_CRASH_AT=<point> kills the process there with SIGKILL, as a power cut would;
LINKEDIN_SSI_PAUSE_AT=<point>:<seconds> sleeps there, so a test can start a second run meanwhile.
Both are read by `infra.settings.FaultPoints`, at each point: a test sets them for one process.
"""

from __future__ import annotations

import os
import signal
import time

from linkedin_ssi.infra.settings import FaultPoints


def checkpoint(point: str) -> None:
    """Die or pause at `point` when the environment asks for it; otherwise return at once."""
    faults = FaultPoints()
    if faults.crash_at == point:
        os.kill(os.getpid(), signal.SIGKILL)
    if seconds := faults.pause(point):
        time.sleep(seconds)
