"""Progress a person can see, on stderr: rich progress bars on a terminal, one plain line per step otherwise.

stdout is kept for results, so `--json` output stays clean. Core code (ingest/, models/) reports steps through
a plain callback, `on_step(stage, done, total, item)`; a `Progress` is such a callback and shows them. Inside a
flow, `for_task()` returns the command line's `Progress` when the flow runs in its process (`linkedin-ssi run`),
else a callback that writes to the flow run's log (runs started by `serve`, seen in the Prefect UI).
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # rich is imported when bars are first shown
    from rich.progress import Progress as Bars
    from rich.progress import TaskID


class Progress:
    """Shows messages and steps on stderr (looked up at each call, so a redirected stderr is followed)."""

    def __init__(self, terminal: bool | None = None) -> None:
        self._terminal = terminal  # None: whether stderr is a terminal, asked at each call
        self._bars: Bars | None = None  # a rich Progress while some stage is unfinished on a terminal
        self._tasks: dict[str, TaskID] = {}
        self._lock = threading.Lock()

    def _is_terminal(self) -> bool:
        if self._terminal is not None:
            return self._terminal
        return hasattr(sys.stderr, "isatty") and sys.stderr.isatty()

    def say(self, message: str) -> None:
        """Print one line (above the bars, if any are shown)."""
        with self._lock:
            if self._bars is not None:
                self._bars.console.print(message, markup=False, highlight=False, soft_wrap=True)
            else:
                print(message, file=sys.stderr, flush=True)

    def __call__(self, stage: str, done: int, total: int, item: str) -> None:
        """Show that step `done` of `total` of `stage` has finished; `item` says what it was, with its counts."""
        with self._lock:
            if not self._is_terminal():
                print(f"  {stage} [{done}/{total}] {item}", file=sys.stderr, flush=True)
                return
            if self._bars is None:
                self._bars = _bars()
                self._bars.start()
            task = self._tasks.get(stage)
            if task is None:
                task = self._tasks[stage] = self._bars.add_task(stage, total=total, item=item)
            self._bars.update(task, completed=done, total=total, item=item)
            if done >= total:  # a finished stage makes room; the command says what it amounted to
                self._bars.remove_task(task)
                del self._tasks[stage]
                if not self._tasks:
                    self._close()

    def close(self) -> None:
        """Stop showing bars (a stage that failed half-way)."""
        with self._lock:
            self._tasks.clear()
            self._close()

    def _close(self) -> None:
        if self._bars is not None:
            self._bars.stop()
            self._bars = None


def _bars() -> Bars:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as Bars

    return Bars(
        TextColumn("  {task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[item]}"),
        console=Console(stderr=True),
        transient=True,
    )


# The command line's Progress while a flow runs in its process (tasks run in threads of that process).
_active: Progress | None = None


@contextmanager
def shown(progress: Progress) -> Iterator[Progress]:
    """Make `progress` the one flows in this process report to, for the block; stop its bars after it."""
    global _active
    _active = progress
    try:
        yield progress
    finally:
        _active = None
        progress.close()


def showing() -> Progress | None:
    """Return the command line's Progress while a flow runs in its process (`linkedin-ssi run`), else None."""
    return _active


def for_task():
    """Return the step callback for code running in a Prefect task: the command line's Progress, or the run log."""
    if _active is not None:
        return _active
    from prefect import get_run_logger

    logger = get_run_logger()
    return lambda stage, done, total, item: logger.info("%s [%d/%d] %s", stage, done, total, item)
