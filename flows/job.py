"""The job, written once: inbox -> load -> build -> publish -> report, as plain Python (no Prefect here).

Every command that loads or rebuilds runs `run_job`: `ingest` and `build` call it directly, and `run` and the runs
`serve` starts call it inside the one Prefect flow (`flows/pipeline.py`), which passes its own `Steps`: tasks that
wrap the same functions. So the order of the steps, the home's lock, when to publish, and what a person is told
are decided here only.

A `Job` is what to do, with every setting already resolved (`plan_job`: a flag wins over the settings, which win
over the defaults), so a bad setting stops a command before anything is read or locked.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from linkedin_ssi.ingest.inbox import SETTLE_SECONDS, InboxScan, InboxWork
from linkedin_ssi.models.params import AnalysisParams

from linkedin_ssi.infra.locking import home_lock
from linkedin_ssi.infra.settings import Settings, SettingsError

if TYPE_CHECKING:  # the loader (polars, pandera) is imported only by a job that loads: `run` checks first
    from linkedin_ssi.ingest.load import Loaded, LoadResult
    from linkedin_ssi.models.warehouse import MapGroups
    from linkedin_ssi.presenting.publish import Published

# The one flow's name in Prefect (flows/pipeline.py), also of the runs `run` records without it (flows/record_run.py):
# the name its runs have had since `serve` first deployed the inbox run, so a home's run history stays one list.
FLOW_NAME = "process-inbox"
NOTHING_NEW = "nothing new: the published warehouse is up to date; no rebuild"

# When a job publishes: always (`run`, `build`), or only when the published outputs do not show what is loaded
# (`ingest`, the inbox runs `serve` schedules: a run that finds nothing new rebuilds nothing).
ALWAYS, WHEN_STALE = "always", "when stale"

Say = Callable[[str], None]  # one line for a person: stderr on the command line, the run's log in a flow


@dataclass(frozen=True)
class Job:
    """One run of the pipeline: where, what to load, how, and when to publish (every setting resolved)."""

    home: Path
    paths: tuple[Path, ...] = ()  # exports given by path, loaded after the inbox's
    inbox: bool = False  # claim and load what was dropped in <home>/inbox first
    settle_seconds: float = SETTLE_SECONDS
    member: str | None = None
    reload: bool = False
    publish: str = WHEN_STALE
    include_sensitive: bool = False
    redact: bool = False
    workers: int = 1
    compact_after: int = 4  # compact a loaded member's lake files beyond this many per table ([scale] compact_after)
    params: AnalysisParams = field(default_factory=AnalysisParams)
    full: bool = False  # compute every member again (`build`), not only the members whose lake files changed

    def privacy(self):
        """Return the PrivacyOptions to load with (under `redact`, the home's key, created once)."""
        from linkedin_ssi.ingest.load import privacy_options

        return privacy_options(self.home, self.include_sensitive, self.redact)


def plan_job(
    settings: Settings,
    paths=(),
    *,
    inbox: bool = False,
    settle_seconds: float = SETTLE_SECONDS,
    member: str | None = None,
    reload: bool = False,
    publish: str = WHEN_STALE,
    include_sensitive: bool | None = None,
    redact: bool | None = None,
    workers: int | None = None,
    correction: str | None = None,
) -> Job:
    """Return the job for `settings`' home; each flag that is not None wins over its setting. Raises SettingsError
    (one line) when the analysis parameters break a rule or --workers is below 1."""
    if publish not in (ALWAYS, WHEN_STALE):
        raise ValueError(f"publish must be {ALWAYS!r} or {WHEN_STALE!r}, not {publish!r}")
    if workers is not None and workers < 1:  # the settings are checked on reading: only the flag can get here
        raise SettingsError(f"--workers: must be 1 or more, not {workers}")
    return Job(
        home=settings.home,
        paths=tuple(Path(p) for p in paths),
        inbox=inbox,
        settle_seconds=settle_seconds,
        member=member,
        reload=reload,
        publish=publish,
        include_sensitive=settings.privacy.include_sensitive if include_sensitive is None else include_sensitive,
        redact=settings.privacy.redact if redact is None else redact,
        workers=settings.scale.workers if workers is None else workers,
        compact_after=settings.scale.compact_after,
        params=AnalysisParams.from_settings(settings, {"correction": correction}),
    )


@dataclass
class Load:
    """One export's outcome: its LoadResult, or the one-line reason it could not be loaded."""

    source: str  # the path given, or the name dropped in the inbox
    result: LoadResult | None = None
    error: str | None = None

    @classmethod
    def of(cls, loaded: Loaded) -> Load:
        path, result, error = loaded
        return cls(result.source if result else path, result, error)

    def as_dict(self) -> dict:
        """Return the LoadResult's fields, or {'source', 'status': 'failed', 'error'} (`--json`, flow results)."""
        if self.result is not None:
            return asdict(self.result)
        return {"source": self.source, "status": "failed", "error": self.error}


@dataclass
class JobResult:
    """What a job did: the inbox's work (None when it was not processed), each load, and what was published."""

    job: Job
    inbox: InboxWork | None
    loads: list[Load]
    published: Published | None  # None when nothing needed publishing

    @property
    def failed(self) -> bool:
        """True when an export could not be loaded (given by path, or dropped in the inbox)."""
        return any(load.error for load in self.loads) or bool(self.inbox and self.inbox.failed)

    @property
    def problems(self) -> list[str]:
        """Return what a person must know about the exports loaded ('<name>: <problem>'), each export's in order."""
        return [f"{Path(load.source).name}: {p}" for load in self.loads if load.result for p in load.result.problems]

    def inbox_dict(self) -> dict | None:
        """Return the inbox's work with paths as text (`--json`, flow results, the load report)."""
        if self.inbox is None:
            return None
        return {
            "to_load": [str(p) for p in self.inbox.to_load],
            "waiting": self.inbox.waiting,
            "failed": self.inbox.failed,
            "duplicates": self.inbox.duplicates,
        }

    def as_dict(self) -> dict:
        """Return the result as plain data: the home, the inbox, each load, whether anything failed, the problems,
        and the published paths (or None)."""
        p = self.published
        return {
            "home": str(self.job.home),
            "inbox": self.inbox_dict(),
            "loads": [load.as_dict() for load in self.loads],
            "failed": self.failed,
            "problems": self.problems,
            "warehouse": str(p.warehouse) if p else None,
            "exports_dir": str(p.exports_dir) if p else None,
            "report": str(p.report) if p else None,
        }


def outputs_stale(home: Path) -> bool:
    """Return True when the published outputs do not show what is loaded (and something is, or was, published):
    a home where nothing was ever loaded or built gets no empty warehouse from a failed load."""
    from linkedin_ssi.models.published import anything_loaded, needs_build

    return anything_loaded(home) and needs_build(home)


def nothing_new(home: Path, paths=(), settle_seconds: float = SETTLE_SECONDS) -> InboxScan | None:
    """Return the inbox's scan when a run of `home` would find nothing to do: no paths given, no complete or refused
    file in the inbox (files still being written are left for a later run anyway), every archived ZIP loaded, the
    settings file not changed since the warehouse was published, and the outputs up to date; else None.

    Cheap by design (`run` asks before it starts Prefect): the inbox's file times and every archive's sidecar, never
    an export's bytes."""
    from linkedin_ssi.ingest.inbox import scan_inbox, unloaded_archives
    from linkedin_ssi.models.published import warehouse_path

    from linkedin_ssi.infra.settings import SETTINGS_FILE

    if paths:
        return None
    scan = scan_inbox(home, settle_seconds)
    if scan.ready or scan.rejected or unloaded_archives(home):
        return None
    warehouse, settings = warehouse_path(home), home / SETTINGS_FILE
    if not warehouse.exists():
        return None
    # The analysis parameters live in settings.toml: a warehouse built before it last changed used older ones.
    if settings.exists() and settings.stat().st_mtime_ns > warehouse.stat().st_mtime_ns:
        return None
    return None if outputs_stale(home) else scan


def waiting_line(name: str, why: str) -> str:
    """Return what a person is told about an inbox file still being written."""
    return f"inbox: {name} is still being written ({why}); left for a later run"


def collect(home: Path, settle_seconds: float, say: Say) -> InboxWork:
    """Sort the inbox, fail what can never load, claim complete ZIPs (ingest.inbox); say what happened to each file;
    return the archived ZIPs to load."""
    from linkedin_ssi.ingest.inbox import collect_inbox

    work = collect_inbox(home, settle_seconds)
    for name, why in work.waiting:
        say(waiting_line(name, why))
    for name, why in work.failed:
        say(f"error: {name}: {why} (moved to {home / 'failed'})")
    for name in work.duplicates:
        say(f"inbox: {name} was already processed (same bytes); removed from the inbox")
    return work


def load_exports(job: Job, paths: list[Path], from_archive: bool, say: Say, on_step=None) -> list[Load]:
    """Load `paths` (claimed inbox ZIPs when `from_archive`) in `job.workers` processes (ingest.load.load_many),
    saying one line per export and one per problem; return each export's Load, in the order given."""
    from linkedin_ssi.ingest.inbox import load_archived
    from linkedin_ssi.ingest.load import load_many

    if not paths:
        return []
    if job.workers > 1 and len(paths) > 1:
        say(f"loading {len(paths)} exports with {job.workers} worker processes ...")
    else:
        say(f"reading {len(paths)} export(s) into {job.home} ...")
    started = time.monotonic()
    loaded = load_many(
        job.home,
        paths,
        job.member,
        job.privacy(),
        job.workers,
        lambda n, count, outcome: say_loaded(Load.of(outcome), n, count, started, say),
        job.reload,
        on_step,
        load_archived if from_archive else None,
    )
    return [Load.of(outcome) for outcome in loaded]


def say_loaded(load: Load, n: int, count: int, started: float, say: Say) -> None:
    """Say how export `n` of `count` went: its counts, each problem (`warning:`) and note, or its error."""
    result = load.result
    if result is None:
        say(f"error: {load.error}")
    elif result.status == "already loaded":
        say(f"[{n}/{count}] {load.source}: already loaded as export {result.export_id}; nothing to do")
    else:
        say(
            f"[{n}/{count}] {load.source}: export {result.export_id} of {result.member}: {result.files} files, "
            f"{result.rows_loaded} rows loaded, {result.rows_quarantined} quarantined "
            f"({time.monotonic() - started:.1f} s)"
        )
        for problem in result.problems:
            say(f"warning: {Path(load.source).name}: {problem}")
        for note in result.notes:
            say(f"note: {Path(load.source).name}: {note}")


def compact_loaded(job: Job, loads: list[Load], say: Say) -> None:
    """Compact the lake files of each member an export was loaded for, when a table has more than
    `job.compact_after` files (ingest.compaction); say what changed."""
    from linkedin_ssi.ingest.compaction import compact
    from linkedin_ssi.models.lake_scan import member_manifests
    from linkedin_ssi.models.partitions import read_manifest_entries
    from linkedin_ssi.models.published import warehouse_path

    members = {load.result.member for load in loads if load.result and load.result.member}
    if not members:
        return
    started = time.monotonic()
    # Only these members' manifests are read (the published build's record names the others' files): the check
    # after each export must not read a team's whole history.
    manifests = member_manifests(job.home, members, read_manifest_entries(warehouse_path(job.home)))
    done = compact(job.home, members, job.compact_after, manifests=manifests)
    if done:
        before, after = sum(c.files_before for c in done), sum(c.files_after for c in done)
        say(
            f"compacted the lake files of {len(done)} member(s): {before:,} files -> {after:,} "
            f"({time.monotonic() - started:.1f} s)"
        )


def collect_retired_files(home: Path) -> None:
    """Delete the lake files compaction retired that the published warehouse no longer reads (after a grace
    period: readers of the warehouse published before may still query them)."""
    from linkedin_ssi.ingest.compaction import collect_retired
    from linkedin_ssi.models.warehouse import lake_files_read, warehouse_path

    published = warehouse_path(home)
    # Under the home's lock nothing is retired during a build: a file retired before the published file was
    # written was retired before that build read the lake. And what its views still name is kept whatever its age.
    collect_retired(
        home,
        published_at=published.stat().st_mtime if published.exists() else None,
        published_reads=lambda: lake_files_read(published),
    )


def publish_outputs(
    home: Path,
    params: AnalysisParams,
    say: Say,
    on_step=None,
    full: bool = False,
    map_groups: MapGroups | None = None,
    groups: int = 1,
) -> Published:
    """Rebuild the warehouse and the analysis (only the members whose lake files changed, unless `full`; on
    `map_groups` in `groups` groups when given), write the Parquet files and the report, and publish all three
    together (presenting.publish); say so; return the Published."""
    from linkedin_ssi.presenting.publish import publish

    say("building the warehouse, proxies and correlations, then the Parquet files and the report ...")
    started = time.monotonic()
    try:
        published = publish(home, params, on_step=on_step, full=full, map_groups=map_groups, groups=groups)
    finally:
        if hasattr(on_step, "close"):  # a Progress: stop its bars, also when the build failed half-way
            on_step.close()
    computed = (
        f"{len(published.members_built)} member(s) computed, the others reused"
        if published.incremental
        else "every member computed"
    )
    say(
        f"published ({time.monotonic() - started:.1f} s; {computed}): warehouse {published.warehouse}, Parquet in "
        f"{published.exports_dir}, report {published.report}"
    )
    return published


class Steps:
    """Runs each step of the job as a plain call. The Prefect flow's subclass runs each as a task instead, and
    its tasks call these same functions."""

    def collect(self, home: Path, settle_seconds: float, say: Say) -> InboxWork:
        return collect(home, settle_seconds, say)

    def load(self, job: Job, paths: list[Path], from_archive: bool, say: Say, on_step=None) -> list[Load]:
        return load_exports(job, paths, from_archive, say, on_step)

    def publish(self, job: Job, say: Say, on_step=None) -> Published:
        return publish_outputs(job.home, job.params, say, on_step, job.full)

    def summarise(self, result: JobResult) -> None:
        """Record the run's summary where its runs are looked at (nothing to do outside Prefect)."""


def run_job(job: Job, steps: Steps | None = None, say: Say = print, on_step=None) -> JobResult:
    """Run `job` under the home's lock: claim the inbox, load its exports and the paths, then publish the warehouse,
    the Parquet files and the report (always, or when stale); return what was done. `say` hears one line per
    event, `on_step(stage, done, total, item)` each file and model."""
    from linkedin_ssi.flows.forget import finish_forget, resume_forget

    steps = steps or Steps()
    with home_lock(job.home, on_wait=say):
        # A forget a crash cut short is finished first; its member's records are gone, so this job publishes.
        forgetting = resume_forget(job.home, say)
        inbox = steps.collect(job.home, job.settle_seconds, say) if job.inbox else None
        loads = steps.load(job, list(inbox.to_load), True, say, on_step) if inbox else []
        loads += steps.load(job, list(job.paths), False, say, on_step)
        compact_loaded(job, loads, say)
        loaded = any(load.result and load.result.status == "loaded" for load in loads)
        published = None
        # An export loaded now changed the lake (a new manifest): the outputs are stale without asking, which reads
        # the build record and lists the lake (0.48 s of a 1,000-member team's next export under cProfile).
        if job.publish == ALWAYS or loaded or forgetting or outputs_stale(job.home):
            published = steps.publish(job, say, on_step)
            finish_forget(job.home, forgetting)
        elif job.inbox:
            say(NOTHING_NEW)
        collect_retired_files(job.home)
        result = JobResult(job, inbox, loads, published)
        if published is not None:
            steps.summarise(result)
    return result
