"""The one Prefect flow: the job of `flows/job.py`, each of its steps run as a Prefect task.

`linkedin-ssi run` calls the flow in its own process; `serve` deploys it three ways (the scheduled inbox run, a full
run, a rebuild). The flow body is `run_job`; the tasks call the job's own step functions, so no step is written
twice. Tasks pass paths and small results (never frames), so they use NO_CACHE instead of hashing inputs. Loading
retries only transient I/O errors: a malformed export fails at once with its one-line reason.

Exports are loaded in parallel by the job's one local mechanism (`ingest.load.load_many`: `workers` processes),
inside one task. Given a task runner that distributes (`on_dask`: prefect-dask's DaskTaskRunner), the flow maps
one task per export over it instead; each Dask worker writes its export's Parquet into the home's lake, so every
worker must see the home's folder. The publish task then maps one build-members task per group of members (whole
member buckets, one group per worker thread) over it, each writing its parts into the home's warehouse folder.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict

from linkedin_ssi.flows.prefect_env import configure

configure()

from linkedin_ssi.flows.job import (  # noqa: E402
    FLOW_NAME,
    WHEN_STALE,
    Job,
    JobResult,
    Load,
    Say,
    Steps,
    collect,
    load_exports,
    plan_job,
    publish_outputs,
    run_job,
    say_loaded,
)
from linkedin_ssi.flows.progress import for_task, showing  # noqa: E402
from linkedin_ssi.ingest.errors import ExportError  # noqa: E402
from linkedin_ssi.ingest.inbox import SETTLE_SECONDS, InboxWork  # noqa: E402
from prefect import Flow, Task, flow, get_run_logger, task, unmapped  # noqa: E402
from prefect.artifacts import create_markdown_artifact  # noqa: E402
from prefect.cache_policies import NO_CACHE, CachePolicy  # noqa: E402
from prefect.client.schemas.objects import State, TaskRun  # noqa: E402
from prefect.context import FlowRunContext  # noqa: E402
from prefect.task_runners import ThreadPoolTaskRunner  # noqa: E402
from prefect.tasks import RetryConditionCallable  # noqa: E402

from linkedin_ssi.infra.settings import load_settings  # noqa: E402

if TYPE_CHECKING:
    from linkedin_ssi.models.partitions import Parts
    from linkedin_ssi.models.warehouse import MemberGroup
    from linkedin_ssi.presenting.publish import Published


def _transient(task: Task[..., Any], task_run: TaskRun, state: State) -> bool:
    """Retry OS-level I/O errors (a busy disk, a file briefly locked), never a bad export."""
    try:
        state.result()
    except ExportError:
        return False
    except OSError:
        return True
    except Exception:
        return False
    return False


def _say() -> Say:
    """Return where the job's lines go: the command line's stderr when the flow runs in its process (`run`), else
    the run's log, errors and warnings as warnings (runs `serve` starts, seen in the Prefect UI)."""
    shown = showing()
    if shown is not None:
        return shown.say
    logger = get_run_logger()
    return lambda line: (logger.warning if line.startswith(("error:", "warning:")) else logger.info)("%s", line)


class _TaskOptions(TypedDict):
    """The options the retried tasks share, typed so that `@task(**_RETRIED)` matches one of Prefect's overloads."""

    cache_policy: CachePolicy
    retries: int
    retry_delay_seconds: float
    retry_condition_fn: RetryConditionCallable


_RETRIED: _TaskOptions = {
    "cache_policy": NO_CACHE,
    "retries": 2,
    "retry_delay_seconds": 2,
    "retry_condition_fn": _transient,
}


@task(name="collect-inbox", **_RETRIED)
def collect_inbox_task(home: Path, settle_seconds: float) -> InboxWork:
    """Sort the inbox, fail what can never load, claim complete ZIPs; return the InboxWork."""
    return collect(home, settle_seconds, _say())


@task(name="load-exports", **_RETRIED)
def load_exports_task(job: Job, paths: list[Path], from_archive: bool) -> list[Load]:
    """Load exports into the lake in `job.workers` local processes; return each one's Load."""
    return load_exports(job, paths, from_archive, _say(), for_task())


@task(name="load-export", **_RETRIED)
def load_export_task(job: Job, path: Path, from_archive: bool) -> Load:
    """Load one export into the lake, on whichever worker the task runner chose; return its Load."""
    from linkedin_ssi.ingest.inbox import load_archived
    from linkedin_ssi.ingest.load import load_one

    return Load.of(
        load_one(job.home, path, job.member, job.privacy(), job.reload, loader=load_archived if from_archive else None)
    )


@task(name="build-members", **_RETRIED)
def build_members_task(group: MemberGroup) -> Parts:
    """Compute one group of members' parts of the warehouse, on whichever worker the task runner chose; return them."""
    from linkedin_ssi.models.warehouse import build_group

    return build_group(group)


def _map_groups(groups: list[MemberGroup]) -> list[Parts]:
    """Run one build-members task per group on the flow's task runner; return their parts in order."""
    return [future.result() for future in build_members_task.map(groups)]


def _cluster_threads() -> int:
    """Return the worker threads of the flow's Dask cluster (prefect-dask's client), or 2 when it cannot tell."""
    context = FlowRunContext.get()
    client = getattr(context.task_runner, "_client", None) if context else None
    try:
        return max(1, sum(client.nthreads().values())) if client is not None else 2
    except Exception:  # a client that lost its scheduler: the build's tasks fail with the real reason
        return 2


@task(name="publish", **_RETRIED)
def publish_task(job: Job, distributed: bool = False) -> Published:
    """Rebuild the warehouse and the analysis and publish it with the Parquet files and the report; return the
    Published. `distributed`: the members are computed in groups, one build-members task each, on the flow's task
    runner (one group per worker thread of the Dask cluster)."""
    if not distributed:
        return publish_outputs(job.home, job.params, _say(), for_task(), job.full)
    return publish_outputs(job.home, job.params, _say(), for_task(), job.full, _map_groups, _cluster_threads())


@task(name="summarise", cache_policy=NO_CACHE)
def summary_task(result: JobResult) -> None:
    """Publish the run's load report and the published warehouse's correlation summary as Prefect artifacts."""
    from linkedin_ssi.presenting.run_summary import correlation_markdown, load_markdown

    create_markdown_artifact(
        markdown=load_markdown([load.as_dict() for load in result.loads], result.inbox_dict()),
        key="load-report",
        description="Exports loaded in this run",
    )
    # run_job summarises only a job that published.
    assert result.published is not None, "summary_task runs only after a publish"
    create_markdown_artifact(
        markdown=correlation_markdown(result.published.warehouse),
        key="correlation-summary",
        description="Strongest pillar associations after correction",
    )


class TaskSteps(Steps):
    """The job's steps as Prefect tasks; with a distributing task runner, one load task per export."""

    def __init__(self, distributed: bool) -> None:
        self.distributed = distributed

    def collect(self, home: Path, settle_seconds: float, say: Say) -> InboxWork:
        return collect_inbox_task(home, settle_seconds)

    def load(self, job: Job, paths: list[Path], from_archive: bool, say: Say, on_step=None) -> list[Load]:
        if not self.distributed:
            return load_exports_task(job, paths, from_archive) if paths else []
        if paths:
            say(f"loading {len(paths)} export(s) on the flow's task runner ...")
        started = time.monotonic()
        loads = [future.result() for future in load_export_task.map(unmapped(job), paths, unmapped(from_archive))]
        for n, load in enumerate(loads, start=1):
            say_loaded(load, n, len(loads), started, say)
        return loads

    def publish(self, job: Job, say: Say, on_step=None) -> Published:
        return publish_task(job, self.distributed)

    def summarise(self, result: JobResult) -> None:
        summary_task(result)


@flow(name=FLOW_NAME)
def job_flow(
    home: str,
    paths: list[str] | None = None,
    member: str | None = None,
    settle_seconds: float = SETTLE_SECONDS,
    include_sensitive: bool | None = None,
    redact: bool | None = None,
    workers: int | None = None,
    inbox: bool = True,
    publish: str = WHEN_STALE,
    correction: str | None = None,
) -> dict:
    """The job (flows.job.run_job) with `home`'s settings, each flag that is not None winning over its setting:
    process the inbox (unless `inbox` is false) and `paths`, then publish (`publish`: 'always', or 'when stale');
    return JobResult.as_dict()."""
    job = plan_job(
        load_settings(home),
        paths or [],
        inbox=inbox,
        settle_seconds=settle_seconds,
        member=member,
        publish=publish,
        include_sensitive=include_sensitive,
        redact=redact,
        workers=workers,
        correction=correction,
    )
    context = FlowRunContext.get()
    assert context is not None, "a flow's body always runs inside its flow run's context"
    distributed = not isinstance(context.task_runner, ThreadPoolTaskRunner)
    return run_job(job, TaskSteps(distributed), _say(), for_task()).as_dict()


def on_dask(address: str | None) -> Flow[..., dict]:
    """Return the flow with its per-export tasks on the Dask scheduler at `address` (prefect-dask), or the flow
    itself without an address."""
    if not address:
        return job_flow
    from prefect_dask import DaskTaskRunner

    # prefect-dask subclasses a bare `TaskRunner`, which by its type variable's default is a
    # TaskRunner[PrefectConcurrentFuture]; with_options declares TaskRunner[PrefectFuture] (invariant), so mypy
    # rejects a runner that Prefect accepts at run time.
    return job_flow.with_options(task_runner=DaskTaskRunner(address=address))  # type: ignore[arg-type]
