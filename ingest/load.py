"""Load one export into the lake: open, recognise, parse, write. No Prefect here."""

from __future__ import annotations

import os
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path

from linkedin_ssi.ingest.archive import open_export
from linkedin_ssi.ingest.compaction import split_export
from linkedin_ssi.ingest.errors import ExportError
from linkedin_ssi.ingest.lake import has_export, write_export
from linkedin_ssi.ingest.parse import parse_export
from linkedin_ssi.ingest.privacy import PrivacyOptions


@dataclass
class LoadResult:
    """The outcome of loading one export (what `ingest` prints and `--json` returns)."""

    source: str
    export_id: str
    status: str  # loaded | already loaded
    member: str | None = None
    exported_at: str | None = None
    files: int = 0
    rows_read: int = 0
    rows_loaded: int = 0
    rows_quarantined: int = 0
    rows_kept_as_text: int = 0
    problems: list[str] = field(default_factory=list)  # ParsedExport.problems(): what a person must know
    notes: list[str] = field(default_factory=list)  # loaded fine, worth saying (a file re-saved in cp1252 by Excel)


def privacy_options(home: Path, include_sensitive: bool = False, redact: bool = False) -> PrivacyOptions:
    """Return the privacy options for loading into `home`; with `redact`, the home's key (created once, 0600)."""
    if not redact:
        return PrivacyOptions(include_sensitive, False)
    key_file = home / "redaction.key"
    if not key_file.exists():
        home.mkdir(parents=True, exist_ok=True)
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32))
    return PrivacyOptions(include_sensitive, True, bytes.fromhex(key_file.read_text().strip()))


def load_export(
    home: Path,
    path: Path,
    member: str | None = None,
    privacy: PrivacyOptions | None = None,
    reload: bool = False,
    *,
    display_name: str | None = None,
    on_step=None,
) -> LoadResult:
    """Parse the export at `path` and write it to `<home>/lake`; return what happened.

    An export already in the lake (same content, whatever its name) is recognised and not read
    again, unless `reload` (e.g. to load it again with other privacy options): its new manifest then
    replaces the old one in a single rename. `on_step(stage, done, total, item)` is called after each file.
    Raises ExportError with a one-line message when the export cannot be loaded; nothing of it is then stored.
    """
    export = open_export(path)
    if has_export(home, export.export_id) and not reload:
        return LoadResult(str(path), export.export_id, "already loaded")
    try:
        parsed = parse_export(export, member, privacy or PrivacyOptions(), on_step)
    except ExportError as e:
        # Errors about a file inside the export also name the export, so the user knows which archive.
        name = Path(path).name
        raise (e if str(e).startswith(f"{name}: ") else ExportError(f"{name}: {e}")) from None
    if display_name:  # the file the user dropped in the inbox, not its content-addressed archive name
        parsed.source_name = display_name
    # A reload writes new files (a time-stamped version) instead of replacing the ones the warehouse reads; a
    # compacted export is first split out of its member's compacted files, which hold the other exports' rows too.
    again = reload and has_export(home, export.export_id)
    if again:
        split_export(home, export.export_id)
    write_export(home, parsed, f"r{time.time_ns()}" if again else "")
    files = [f for f in parsed.files if f.status != "ignored"]
    return LoadResult(
        str(path),
        parsed.export_id,
        "loaded",
        parsed.member,
        parsed.exported_at.isoformat() if parsed.exported_at else None,
        len(files),
        sum(f.rows_read for f in files),
        sum(f.rows_loaded for f in files),
        sum(f.rows_quarantined for f in files),
        sum(f.rows_kept_as_text for f in files),
        parsed.problems(),
        [w for f in files for w in f.warnings if "decoded as cp1252" in w],
    )


Loaded = tuple[str, "LoadResult | None", "str | None"]  # (path, result, None), or (path, None, the one-line error)


def load_one(
    home: Path,
    path: Path,
    member: str | None = None,
    privacy: PrivacyOptions | None = None,
    reload: bool = False,
    on_step=None,
    loader=None,
) -> Loaded:
    """Load one export with `loader` (load_export, or inbox.load_archived for a claimed ZIP); return (path, result,
    None), or (path, None, its one-line error) when it cannot be loaded."""
    try:
        return str(path), (loader or load_export)(home, path, member, privacy, reload, on_step=on_step), None
    except ExportError as e:
        return str(path), None, str(e)


def _load_job(job: tuple) -> Loaded:
    """Worker entry point (a top-level function, so a spawned process can find it): load_one(*job)."""
    return load_one(*job)


def load_many(
    home: Path,
    paths: list[Path],
    member: str | None = None,
    privacy: PrivacyOptions | None = None,
    workers: int = 1,
    progress=None,
    reload: bool = False,
    on_step=None,
    loader=None,
) -> list[Loaded]:
    """Load many exports, `workers` at a time in separate processes; return (path, result, error) per export,
    in the order given. Each export is parsed independently and written to the lake under its own id.

    This is the product's one way of loading exports in parallel on this machine: `ingest`, and the job that
    `run` and `serve` start, both come here (a Dask cluster, `--dask-address`, maps `load_one` instead).
    `loader` is load_export (default) or inbox.load_archived. `progress(n, count, (path, result, error))` is
    called after each export; `on_step(stage, done, total, item)` after each file of an export loaded in this
    process (one worker: steps cannot cross processes).
    """
    jobs = [(home, Path(p), member, privacy or PrivacyOptions(), reload, None, loader) for p in paths]
    if workers <= 1 or len(jobs) <= 1:
        results = []
        for i, job in enumerate(jobs, start=1):
            results.append(load_one(*job[:5], on_step, loader))
            if progress:
                progress(i, len(jobs), results[-1])
        return results
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    # spawn, not fork: polars and DuckDB run threads, which fork does not copy safely.
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = {pool.submit(_load_job, job): i for i, job in enumerate(jobs)}
        done: dict[int, Loaded] = {}
        for n, future in enumerate(as_completed(futures), start=1):
            done[futures[future]] = future.result()
            if progress:
                progress(n, len(jobs), done[futures[future]])
    return [done[i] for i in range(len(jobs))]
