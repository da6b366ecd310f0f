"""One writer per home at a time: a lock file that a second run waits for, or skips on, and says so.

The lock is `filelock`'s (flock on Linux and macOS, msvcrt on Windows), so the product runs where `fcntl` does not
exist. Who holds it is written to a file beside it, `.lock.holder`: filelock truncates the lock file itself when it
takes the lock, and on Windows a locked file cannot be read by the process that waits for it.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout


class HomeBusy(Exception):
    """Another run holds the home's lock; str() says which process and since when."""


def _holder(home: Path) -> str:
    """Return who holds the lock ('pid 123 since ...'), or 'another process' when it has not said yet."""
    try:
        return (home / ".lock.holder").read_text().strip() or "another process"
    except OSError:
        return "another process"


def _say_holder(home: Path) -> None:
    """Write this process as the holder (to a temporary name, then renamed: a waiter never reads half of it)."""
    path, tmp = home / ".lock.holder", home / f".lock.holder.{os.getpid()}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(f"pid {os.getpid()} since {time.strftime('%Y-%m-%d %H:%M:%S')}")
    os.replace(tmp, path)


@contextmanager
def home_lock(home: Path, wait: float = 600.0, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold `<home>/.lock` for the duration of the block.

    Waits up to `wait` seconds for another run to finish (calling `on_wait` once with a message),
    then raises HomeBusy. `wait=0` skips at once. The lock is released by the operating system if
    the process dies, so a crash never leaves the home locked.
    """
    home.mkdir(parents=True, exist_ok=True)
    # Not thread-local and not shared: each `home_lock` is its own holder, as two processes are.
    lock = FileLock(home / ".lock", mode=0o600, thread_local=False)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        if wait <= 0:
            raise HomeBusy(
                f"{home}: another run is in progress ({_holder(home)}); try again when it has finished"
            ) from None
        if on_wait:
            on_wait(f"another run is in progress ({_holder(home)}); waiting for it to finish")
        try:
            lock.acquire(timeout=wait, poll_interval=0.2)
        except Timeout:
            raise HomeBusy(
                f"{home}: another run is in progress ({_holder(home)}); try again when it has finished"
            ) from None
    try:
        _say_holder(home)
        yield
    finally:
        # Before releasing: the next holder's own line must not be removed after it has written it.
        (home / ".lock.holder").unlink(missing_ok=True)
        lock.release()
