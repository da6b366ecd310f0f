"""Named points where the crash and concurrency tests interrupt a run (no effect unless asked).

LINKEDIN_SSI_CRASH_AT=<point> kills the process there with SIGKILL, as a power cut would;
LINKEDIN_SSI_PAUSE_AT=<point>:<seconds> sleeps there, so a test can start a second run meanwhile.
"""

from __future__ import annotations

import os
import signal
import time


def checkpoint(point: str) -> None:
    """Die or pause at `point` when the environment asks for it; otherwise return at once."""
    if os.environ.get("LINKEDIN_SSI_CRASH_AT") == point:
        os.kill(os.getpid(), signal.SIGKILL)
    pause = os.environ.get("LINKEDIN_SSI_PAUSE_AT", "")
    if pause.rsplit(":", 1)[0] == point:
        time.sleep(float(pause.rsplit(":", 1)[1]))
