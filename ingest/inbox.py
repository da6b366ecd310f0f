"""The drop folder: `<home>/inbox/` ZIPs are claimed, loaded, archived content-addressed, or failed with a reason.

Rules (each decided from the file itself, no Prefect here):
- a file modified in the last `settle_seconds`, or whose size changed since the previous look, is still
  being written: left for a later run;
- a settled file that is not a readable ZIP (truncated download, an HTML error page, another format)
  can never be processed: moved to `<home>/failed/` with `<name>.reason.txt` beside it;
- a complete ZIP is claimed by moving it to `<home>/archive/<sha256>.zip` (same bytes, same name, so
  the same export dropped twice is recognised), then loaded from there;
- a claimed ZIP that fails to load is moved from the archive to `failed/` with its reason;
- an archived ZIP that is not yet in the lake (a crash between claim and load) is loaded again.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

SETTLE_SECONDS = 10.0


@dataclass
class InboxScan:
    """What the inbox holds right now."""

    ready: list[Path] = field(default_factory=list)  # complete ZIPs to claim
    waiting: list[tuple[Path, str]] = field(default_factory=list)  # still being written: (file, why)
    rejected: list[tuple[Path, str]] = field(default_factory=list)  # can never be processed: (file, why)


@dataclass
class Claimed:
    """A ZIP moved from the inbox into the archive."""

    original_name: str
    archive_path: Path
    sha256: str
    duplicate: bool  # the same bytes were archived before


def inbox_dir(home: Path) -> Path:
    return home / "inbox"


def _is_zip(path: Path) -> str | None:
    """Return why `path` is not a complete ZIP, or None if it is one."""
    try:
        with zipfile.ZipFile(path) as zf:
            if not zf.infolist():
                return "the ZIP archive is empty"
    except zipfile.BadZipFile as e:
        return f"not a readable ZIP archive ({e})"
    except OSError as e:
        return f"cannot be read ({e.strerror})"
    return None


def scan_inbox(home: Path, settle_seconds: float = SETTLE_SECONDS, now: float | None = None) -> InboxScan:
    """Return the inbox's files sorted into ready, waiting and rejected (nothing is moved)."""
    scan = InboxScan()
    folder = inbox_dir(home)
    if not folder.is_dir():
        return scan
    now = time.time() if now is None else now
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.is_dir():
            continue
        stat = path.stat()
        age = now - stat.st_mtime
        if age < settle_seconds:  # still being written: not worth opening yet
            scan.waiting.append(
                (path, f"modified {age:.0f} s ago; waiting until it has not changed for {settle_seconds:.0f} s")
            )
        elif (problem := _is_zip(path)) is None:
            scan.ready.append(path)
        else:
            scan.rejected.append((path, problem))
    return scan


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def claim(home: Path, path: Path) -> Claimed:
    """Move a ready inbox ZIP into the content-addressed archive; return where it went.

    If the same bytes are already archived, the inbox copy is removed and `duplicate` is True.
    """
    sha = _sha256(path)
    archive = home / "archive"
    archive.mkdir(parents=True, exist_ok=True)
    target = archive / f"{sha}.zip"
    duplicate = target.exists()
    if duplicate:
        path.unlink()
    else:
        os.replace(path, target)
        (archive / f"{sha}.json").write_text(
            json.dumps({"original_name": path.name, "claimed_at": datetime.now(UTC).isoformat()})
        )
    return Claimed(path.name, target, sha, duplicate)


def _archive_meta(archive_path: Path) -> dict:
    meta = archive_path.with_suffix(".json")
    return json.loads(meta.read_text()) if meta.exists() else {}


def original_name(archive_path: Path) -> str:
    """Return the name a ZIP had in the inbox (its archive file name if unknown)."""
    return _archive_meta(archive_path).get("original_name", archive_path.name)


def fail(home: Path, path: Path, reason: str, name: str | None = None) -> Path:
    """Move `path` to `<home>/failed/` with a `.reason.txt` beside it; return the new path."""
    failed = home / "failed"
    failed.mkdir(parents=True, exist_ok=True)
    target = failed / (name or path.name)
    if target.exists():
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        target = failed / f"{target.stem}-{stamp}{target.suffix}"
    reason_file = target.with_name(target.name + ".reason.txt")
    reason_file.write_text(reason.rstrip() + "\n")
    os.replace(path, target)
    meta = path.with_suffix(".json")
    if path.parent.name == "archive" and meta.exists():
        meta.unlink()
    return target


def failed_reasons(home: Path) -> list[str]:
    """Return the reason of each file moved to `<home>/failed/` (the text of its `.reason.txt`), by file name."""
    folder = home / "failed"
    return [p.read_text().strip() for p in sorted(folder.glob("*.reason.txt"))] if folder.is_dir() else []


def archived_zips(home: Path) -> list[Path]:
    """Return every archived ZIP (oldest first)."""
    folder = home / "archive"
    return sorted(folder.glob("*.zip"), key=lambda p: p.stat().st_mtime) if folder.is_dir() else []


def unloaded_archives(home: Path) -> list[Path]:
    """Return the archived ZIPs a run would still open: those whose sidecar does not name an export in the lake
    (a crash between the claim and the load, or a ZIP claimed by a version that did not record the export)."""
    from linkedin_ssi.ingest.lake import has_export

    def loaded(archived: Path) -> bool:
        export_id = _archive_meta(archived).get("export_id")
        return export_id is not None and has_export(home, export_id)

    return [p for p in archived_zips(home) if not loaded(p)]


@dataclass
class InboxWork:
    """What a run must load, and what it did to the inbox on the way."""

    to_load: list[Path] = field(default_factory=list)  # archived ZIPs not yet in the lake
    duplicates: list[str] = field(default_factory=list)  # dropped again: recognised, not processed again
    waiting: list[tuple[str, str]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (inbox name, reason), moved to failed/


def collect_inbox(home: Path, settle_seconds: float = SETTLE_SECONDS) -> InboxWork:
    """Sort the inbox, fail what can never load, claim complete ZIPs; return the archived ZIPs to load.

    An archived ZIP whose export is not in the lake (a crash after the claim) is returned again.
    """
    from linkedin_ssi.ingest.archive import open_export
    from linkedin_ssi.ingest.errors import ExportError
    from linkedin_ssi.ingest.lake import has_export

    from linkedin_ssi.infra.faults import checkpoint

    work = InboxWork()
    scan = scan_inbox(home, settle_seconds)
    work.waiting = [(p.name, why) for p, why in scan.waiting]
    for path, why in scan.rejected:
        fail(home, path, f"{path.name}: {why}")
        work.failed.append((path.name, why))
    for path in scan.ready:
        claimed = claim(home, path)
        checkpoint("inbox:claimed")
        if claimed.duplicate:
            work.duplicates.append(claimed.original_name)
    for archived in archived_zips(home):
        known = _archive_meta(archived).get("export_id")
        if known and has_export(home, known):
            continue  # loaded before: not even its directory is read again
        try:
            export_id = open_export(archived).export_id
        except ExportError as e:
            name = original_name(archived)
            fail(home, archived, str(e).replace(archived.name, name, 1), name)
            work.failed.append((name, str(e)))
            continue
        if not has_export(home, export_id):
            work.to_load.append(archived)
        else:  # other bytes of an export already loaded: noted, so a later run need not open it again
            archived.with_suffix(".json").write_text(json.dumps({**_archive_meta(archived), "export_id": export_id}))
    return work


def load_archived(
    home: Path, archived: Path, member: str | None = None, privacy=None, reload: bool = False, on_step=None
):
    """Load one archived ZIP; on a load error move it to failed/ with the reason and re-raise.

    Returns the LoadResult of ingest.load.load_export (with `reload`, see there). `on_step` (see load_export) hears
    of each file, under the name the user dropped.
    """
    from linkedin_ssi.ingest.errors import ExportError
    from linkedin_ssi.ingest.load import load_export

    name = original_name(archived)
    named = (lambda stage, done, total, item: on_step(f"reading {name}", done, total, item)) if on_step else None
    try:
        result = load_export(home, archived, member, privacy, reload, display_name=name, on_step=named)
    except ExportError as e:
        message = str(e).replace(archived.name, name, 1)
        fail(home, archived, message, name)
        raise ExportError(message) from None
    meta = archived.with_suffix(".json")
    # Files kept as text or skipped are recorded beside the archive, so a later look can tell (and --reload them).
    meta.write_text(json.dumps({**_archive_meta(archived), "export_id": result.export_id, "problems": result.problems}))
    result.source = name  # reports name the file the user dropped, not its archive hash
    return result
