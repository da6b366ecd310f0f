"""Forget a member: plan what of theirs the home holds, write it to a journal, then delete it (no Prefect here).

A member's data lives in four places: their exports' manifests (`lake/manifests/<export_id>.json`), their exports'
Parquet files (`lake/<table>/<export_id>[-<version>].parquet`, the quarantine and kept-as-text included), their
recorded SSI scores (`lake/ssi/<import_id>.parquet`: a file of theirs alone, or a shared file holding several
members), and the inbox's archived ZIPs of their exports (`archive/<sha256>.zip` and its `.json`).

Crash safety comes from the journal, `<home>/.forget-pending.json`: the full list of what is to go, written (and
flushed) before anything is deleted. Deletion then runs in two steps, each idempotent, so a journal left by a
crash is finished by simply running both again (`pending_forget`):
- `remove_records`: the manifests first (so the exports stop existing for every reader of the lake), then the
  archived ZIPs (an archived ZIP whose export is not in the lake is loaded again by the next inbox run, so they go
  before any command reads the inbox), then the SSI scores (files of the member alone removed; shared files
  rewritten without the member's rows, atomically);
- the caller then publishes: the new warehouse no longer reads anything of the member;
- `remove_data`: the member's lake Parquet files. They go after the publish because the
  published warehouse's raw views read the lake's Parquet by path: deleting them first would break the old
  warehouse's readers until the new one is in place.
`clear_journal` ends the forget.
"""

from __future__ import annotations

import difflib
import json
import os
import shutil
from dataclasses import asdict, dataclass, field
from pathlib import Path

import polars as pl
from linkedin_ssi.ingest.compaction import member_paths
from linkedin_ssi.ingest.errors import ExportError
from linkedin_ssi.ingest.lake import compactions_dir, manifests_dir, member_key, read_manifests
from linkedin_ssi.ingest.ssi_store import ssi_dir, ssi_files

from linkedin_ssi.infra.faults import checkpoint

JOURNAL = ".forget-pending.json"

# Folders of lake/ that are not per-export tables: the manifests and the SSI imports are planned on their own.
NOT_TABLES = {"manifests", "ssi"}


@dataclass
class ForgetPlan:
    """Everything of one member a home holds; paths are relative to the home (the journal survives a moved home)."""

    member: str
    exports: list[str] = field(default_factory=list)  # export ids
    manifests: list[str] = field(default_factory=list)
    lake_files: list[str] = field(default_factory=list)  # every table's Parquet, quarantine and kept-as-text files
    ssi_removed: list[str] = field(default_factory=list)  # SSI files that hold only this member's scores
    ssi_rewritten: list[str] = field(default_factory=list)  # shared SSI files, rewritten without this member's rows
    ssi_scores: int = 0  # this member's recorded scores (rows) across those files
    archived: list[str] = field(default_factory=list)  # archive/<sha256>.zip of their exports, and its .json

    @property
    def archived_zips(self) -> int:
        """Return how many archived ZIPs (not counting their .json notes) the plan removes."""
        return sum(p.endswith(".zip") for p in self.archived)

    def counts(self) -> str:
        """Return the one-line count of what the plan removes ('2 exports, 40 lake files, 30 SSI scores, ...')."""
        return (
            f"{plural(len(self.exports), 'export')}, {plural(len(self.lake_files), 'lake file')}, "
            f"{plural(self.ssi_scores, 'SSI score')}, {plural(self.archived_zips, 'archived ZIP')}"
        )

    def as_dict(self) -> dict:
        """Return the plan as plain data (the journal, `forget --json`)."""
        return asdict(self)


def plural(count: int, noun: str) -> str:
    """Return '1 export', '2 exports'."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def journal_path(home: Path) -> Path:
    return Path(home) / JOURNAL


def home_members(home: Path) -> list[str]:
    """Return every member of the home: those with exports in the lake and those with recorded SSI scores."""
    from linkedin_ssi.ingest.ssi_store import known_members, ssi_members

    return sorted(set(known_members(home)) | set(ssi_members(home)))


def plan_forget(home: Path, member: str) -> ForgetPlan:
    """Return what forgetting `member` removes from `home` (nothing is changed). Raises ExportError (one line, with
    the home's members) when `member` is not a member of the home."""
    home = Path(home)
    members = home_members(home)
    if member not in members:
        # A member key is a profile slug ('avery-example-1a2b'): people type its start.
        starting = [m for m in members if m.startswith(member)]
        close = list(dict.fromkeys(starting + difflib.get_close_matches(member, members, n=3, cutoff=0.6)))[:3]
        hint = f" (did you mean {' or '.join(repr(c) for c in close)}?)" if close else ""
        listed = ", ".join(members) if members else "none: nothing is loaded"
        raise ExportError(f'{home}: no member "{member}"{hint}; members: {listed}')
    plan = ForgetPlan(member)
    manifests = [m for m in read_manifests(home) if m["member"] == member]
    plan.exports = sorted(m["export_id"] for m in manifests)
    plan.manifests = [_rel(home, manifests_dir(home) / f"{e}.json") for e in plan.exports]
    plan.lake_files = _lake_files(home, manifests)
    plan.archived = sorted(_archived(home, set(plan.exports)))
    for path in ssi_files(home):
        members_of = pl.scan_parquet(path).select(pl.col("member")).collect()["member"]
        theirs = int((members_of == member).sum())
        if theirs == 0:
            continue
        plan.ssi_scores += theirs
        (plan.ssi_removed if theirs == len(members_of) else plan.ssi_rewritten).append(_rel(home, path))
    return plan


def _rel(home: Path, path: Path) -> str:
    return path.relative_to(home).as_posix()


def _lake_files(home: Path, manifests: list[dict]) -> list[str]:
    """Return the lake files of these exports: those their manifests list, and every other version of them
    (`--reload` writes `<export_id>-<version>.parquet` beside the files the old warehouse still reads)."""
    lake = home / "lake"
    ids = {m["export_id"] for m in manifests}
    found = {f"lake/{rel}" for m in manifests for rel in m["files_written"] if (lake / rel).exists()}
    # Compacted files holding these exports' rows (ingest.compaction); the record itself goes with the manifests.
    for member in {m["member"] for m in manifests}:
        found |= {_rel(home, p) for p in member_paths(home, member, manifests) if p.suffix == ".parquet"}
    # One listing per folder, not one glob per export: a team's lake holds thousands of files per table.
    for folder in (p for p in lake.iterdir() if p.is_dir() and p.name not in NOT_TABLES) if lake.is_dir() else ():
        if folder.name.startswith(".tmp-"):  # an interrupted write of one of these exports: never read, goes too
            if folder.name.removeprefix(".tmp-").split("-", 1)[0] in ids:
                found.add(_rel(home, folder))
            continue
        for path in folder.iterdir():
            if path.suffix == ".parquet" and path.stem.split("-", 1)[0] in ids:
                found.add(_rel(home, path))
    return sorted(found)


def _archived(home: Path, export_ids: set[str]) -> list[str]:
    """Return the archived ZIPs (and their .json notes) whose loaded export is one of `export_ids`."""
    from linkedin_ssi.ingest.archive import open_export
    from linkedin_ssi.ingest.inbox import archived_zips

    out = []
    for archived in archived_zips(home):
        meta = archived.with_suffix(".json")
        export_id = json.loads(meta.read_text()).get("export_id") if meta.exists() else None
        if export_id is None:  # claimed but its note does not say (an older version, a crash before loading)
            try:
                export_id = open_export(archived).export_id
            except ExportError:
                continue
        if export_id in export_ids:
            out += [_rel(home, archived)] + ([_rel(home, meta)] if meta.exists() else [])
    return out


def write_journal(home: Path, plan: ForgetPlan) -> None:
    """Write the plan to `<home>/.forget-pending.json` (a temporary name flushed to disk, then renamed), so a crash
    during the deletions leaves a list that the next command finishes."""
    path = journal_path(home)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        json.dump(plan.as_dict(), fh, indent=1)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    checkpoint("forget:journal-written")


def pending_forget(home: Path) -> ForgetPlan | None:
    """Return the plan of a forget that did not finish (a crash), or None when there is none."""
    path = journal_path(home)
    if not path.exists():
        return None
    return ForgetPlan(**json.loads(path.read_text()))


def remove_records(home: Path, plan: ForgetPlan) -> None:
    """Remove the member's manifests (their exports stop existing), their archived ZIPs, then their SSI scores: files
    of theirs alone are deleted, shared files rewritten without their rows. Safe to run again after a crash."""
    home = Path(home)
    for i, rel in enumerate(plan.manifests):
        (home / rel).unlink(missing_ok=True)
        if i == 0:
            checkpoint("forget:manifests")
    # The compaction record next: with the exports gone its groups are void, and no build should read it again.
    (compactions_dir(home) / f"{member_key(plan.member)}.json").unlink(missing_ok=True)
    for rel in plan.archived:
        (home / rel).unlink(missing_ok=True)
    for rel in plan.ssi_removed:
        (home / rel).unlink(missing_ok=True)
    for rel in plan.ssi_rewritten:
        _rewrite_without(home / rel, plan.member)
    checkpoint("forget:records-removed")


def _rewrite_without(path: Path, member: str) -> None:
    """Replace the SSI file at `path` by a copy without `member`'s rows (temporary name, flushed, renamed: a reader
    sees the old file or the new one). Keeps the file's name, so the other members' `_import_id` stays the same."""
    if not path.exists():
        return
    rows = pl.read_parquet(path)
    kept = rows.filter(pl.col("member") != member)
    if kept.height == rows.height:  # already rewritten (a forget finished after a crash)
        return
    tmp = path.with_name(f".{path.name}.forget.tmp")  # a dot name: `ssi_files` never lists it
    kept.write_parquet(tmp)
    with tmp.open("rb") as fh:
        os.fsync(fh.fileno())
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)


def remove_data(home: Path, plan: ForgetPlan) -> None:
    """Delete the member's lake Parquet files (after the publish that stopped reading them)."""
    home = Path(home)
    for i, rel in enumerate(plan.lake_files):
        path = home / rel
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        if i == 0:
            checkpoint("forget:data")
    # A shared SSI file's rewrite may have been cut short: its temporary goes too.
    for tmp in ssi_dir(home).glob(".*.forget.tmp") if ssi_dir(home).is_dir() else ():
        tmp.unlink(missing_ok=True)


def clear_journal(home: Path) -> None:
    """End the forget: remove the journal."""
    journal_path(home).unlink(missing_ok=True)
