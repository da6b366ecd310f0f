"""One writer per home at a time: a lock file that a second run waits for, or skips on, and says so."""

from __future__ import annotations

import fcntl
import os
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator


class HomeBusy(Exception):
    """Another run holds the home's lock; str() says which process and since when."""


@contextmanager
def home_lock(home: Path, wait: float = 600.0, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold `<home>/.lock` for the duration of the block.

    Waits up to `wait` seconds for another run to finish (calling `on_wait` once with a message),
    then raises HomeBusy. `wait=0` skips at once. The lock is released by the kernel if the
    process dies, so a crash never leaves the home locked.
    """
    home.mkdir(parents=True, exist_ok=True)
    path = home / ".lock"
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        deadline = time.monotonic() + wait
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = path.read_text().strip() or "another process"
                if time.monotonic() >= deadline:
                    raise HomeBusy(f"{home}: another run is in progress ({holder}); try again when it has finished")
                if on_wait and not told:
                    on_wait(f"another run is in progress ({holder}); waiting for it to finish")
                    told = True
                time.sleep(0.2)
        os.ftruncate(fd, 0)
        os.write(fd, f"pid {os.getpid()} since {time.strftime('%Y-%m-%d %H:%M:%S')}".encode())
        yield
    finally:
        os.close(fd)
