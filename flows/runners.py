"""Which Prefect task runner maps the per-export step: threads, local processes, or a Dask cluster."""

from __future__ import annotations


def task_runner(workers: int = 1, dask_address: str | None = None):
    """Return the task runner for `workers` local processes, or the Dask cluster at `dask_address`.

    One worker uses threads (no process start-up cost). Several use separate processes, since parsing
    is CPU-bound Python and threads share one interpreter lock. With a scheduler address, the same
    tasks run unchanged on that Dask cluster (prefect-dask); every worker must see the home's folder.
    """
    if dask_address:
        from prefect_dask import DaskTaskRunner

        return DaskTaskRunner(address=dask_address)
    if workers > 1:
        from prefect.task_runners import ProcessPoolTaskRunner

        return ProcessPoolTaskRunner(max_workers=workers)
    from prefect.task_runners import ThreadPoolTaskRunner

    return ThreadPoolTaskRunner(max_workers=1)
