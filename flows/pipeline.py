"""Prefect flows: thin wrappers that sequence the plain functions of ingest/ and models/.

No SQL or DataFrame logic lives here. Tasks pass paths and small summaries (never frames), so
they use NO_CACHE instead of hashing inputs. Loading retries only transient I/O errors: a
malformed export fails at once with its one-line reason.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from linkedin_ssi.flows.prefect_env import configure

configure()

from prefect import flow, get_run_logger, task, unmapped  # noqa: E402
from prefect.artifacts import create_markdown_artifact  # noqa: E402
from prefect.cache_policies import NO_CACHE  # noqa: E402
from prefect.task_runners import ThreadPoolTaskRunner  # noqa: E402

from linkedin_ssi.infra.settings import load_params  # noqa: E402
from linkedin_ssi.ingest.errors import ExportError  # noqa: E402
from linkedin_ssi.infra.locking import home_lock  # noqa: E402
from linkedin_ssi.models.warehouse import needs_build  # noqa: E402


def _transient(task, task_run, state) -> bool:
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


@task(name="collect-inbox", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=2, retry_condition_fn=_transient)
def collect_inbox_task(home: str, settle_seconds: float) -> dict:
    """Sort the inbox, fail what can never load, claim complete ZIPs; return the work (paths as strings)."""
    from linkedin_ssi.ingest.inbox import collect_inbox

    work = collect_inbox(Path(home), settle_seconds)
    logger = get_run_logger()
    for name, why in work.waiting:
        logger.info("inbox: %s is still being written (%s); left for a later run", name, why)
    for name, why in work.failed:
        logger.warning("inbox: %s moved to failed/: %s", name, why)
    for name in work.duplicates:
        logger.info("inbox: %s was already processed (same bytes); removed from the inbox", name)
    return {"to_load": [str(p) for p in work.to_load], "waiting": work.waiting, "failed": work.failed,
            "duplicates": work.duplicates}


@task(name="load-export", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=2, retry_condition_fn=_transient)
def load_export_task(home: str, path: str, member: str | None, from_archive: bool,
                     include_sensitive: bool | None = None, redact: bool | None = None) -> dict:
    """Load one export into the lake; return its summary, or {'status': 'failed', 'error': ...}."""
    from linkedin_ssi.infra.settings import load_privacy
    from linkedin_ssi.ingest.inbox import load_archived
    from linkedin_ssi.ingest.load import load_export

    from linkedin_ssi.flows.progress import for_task

    logger = get_run_logger()
    privacy = load_privacy(Path(home), include_sensitive, redact)
    try:
        result = (load_archived if from_archive else load_export)(Path(home), Path(path), member, privacy,
                                                                  on_step=for_task())
    except ExportError as e:
        logger.error("%s", e)
        return {"source": path, "status": "failed", "error": str(e)}
    logger.info("%s: %s export %s of %s: %s rows loaded, %s quarantined", path, result.status, result.export_id,
                result.member, result.rows_loaded, result.rows_quarantined)
    for problem in result.problems:
        logger.warning("%s: %s", Path(path).name, problem)
    return asdict(result)


@task(name="publish", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=2, retry_condition_fn=_transient)
def publish_task(home: str) -> dict:
    """Rebuild the warehouse and the analysis, write the Parquet files and the report, and publish all three
    together (models.publish); return their paths and the table row counts."""
    from linkedin_ssi.flows.progress import for_task
    from linkedin_ssi.presenting.publish import publish

    published = publish(Path(home), load_params(Path(home)), on_step=for_task())
    get_run_logger().info("published the warehouse %s (%s exports), %s Parquet files in %s and the report %s",
                          published.warehouse, published.exports, len(published.parquet), published.exports_dir,
                          published.report)
    return {"path": str(published.warehouse), "exports": published.exports, "tables": published.tables,
            "exports_dir": str(published.exports_dir), "report": str(published.report)}


@task(name="summarise", cache_policy=NO_CACHE)
def summary_task(home: str, loads: list[dict], inbox: dict | None) -> dict:
    """Publish the load report and the correlation summary as Prefect artifacts; return the summary."""
    from linkedin_ssi.flows.summaries import correlation_markdown, load_markdown

    markdown = load_markdown(Path(home), loads, inbox)
    create_markdown_artifact(markdown=markdown, key="load-report", description="Exports loaded in this run")
    create_markdown_artifact(markdown=correlation_markdown(Path(home)), key="correlation-summary",
                             description="Strongest pillar associations after correction")
    return {"loads": loads, "inbox": inbox}


def _load_all(home: str, paths: list[str], member: str | None, from_archive: bool,
              include_sensitive: bool | None = None, redact: bool | None = None) -> list[dict]:
    if not paths:
        return []
    futures = load_export_task.map(unmapped(home), paths, unmapped(member), unmapped(from_archive),
                                   unmapped(include_sensitive), unmapped(redact))
    return [f.result() for f in futures]


@flow(name="ingest-exports", task_runner=ThreadPoolTaskRunner(max_workers=4))
def ingest_flow(home: str, paths: list[str], member: str | None = None) -> list[dict]:
    """Load exports given by path, in parallel, then publish; return each load's summary."""
    with home_lock(Path(home), on_wait=get_run_logger().info):
        loads = _load_all(home, paths, member, from_archive=False)
        if needs_build(Path(home)):
            publish_task(home)
    return loads


@flow(name="process-inbox", task_runner=ThreadPoolTaskRunner(max_workers=4))
def inbox_flow(home: str, settle_seconds: float = 10.0, member: str | None = None) -> dict:
    """Claim and load what was dropped in <home>/inbox; rebuild, publish and report only if anything was new."""
    with home_lock(Path(home), on_wait=get_run_logger().info):
        inbox = collect_inbox_task(home, settle_seconds)
        loads = _load_all(home, inbox["to_load"], member, from_archive=True)
        if needs_build(Path(home)):
            publish_task(home)
            summary_task(home, loads, inbox)
        else:
            get_run_logger().info("nothing new: the published warehouse is up to date; no rebuild")
    return {"inbox": inbox, "loads": loads}


@flow(name="build")
def build_flow(home: str) -> dict:
    """Rebuild models and analysis from what is loaded and publish the warehouse, Parquet and report; return them."""
    with home_lock(Path(home), on_wait=get_run_logger().info):
        return publish_task(home)


@flow(name="pipeline", task_runner=ThreadPoolTaskRunner(max_workers=4))
def pipeline_flow(home: str, paths: list[str] | None = None, member: str | None = None,
                  settle_seconds: float = 10.0, include_sensitive: bool | None = None,
                  redact: bool | None = None) -> dict:
    """The main job: process the inbox and any given exports, build, analyse, publish, report."""
    with home_lock(Path(home), on_wait=get_run_logger().info):
        inbox = collect_inbox_task(home, settle_seconds)
        loads = _load_all(home, inbox["to_load"], member, True, include_sensitive, redact)
        loads += _load_all(home, list(paths or []), member, False, include_sensitive, redact)
        published = publish_task(home)
        summary_task(home, loads, inbox)
    return {"inbox": inbox, "loads": loads, "warehouse": published["path"], "report": published["report"],
            "exports_dir": published["exports_dir"]}
