"""Lake compaction: a member's per-export Parquet files merged into one file per table, lineage kept.

Every export writes one file per table (lake.write_export): a member's twelve monthly exports make twelve files per
table, a team's lake hundreds of thousands. `compact_member` merges a member's files of each table into one
(`<table>/c-<member key>-<n>.parquet`; the rows are the same rows, with their `_export_id`, `_source_file` and
`_source_line`), and records which exports it holds in `compactions/<member key>.json`: one group per compacted
file set, each export with the `files_written` its manifest had. The manifests are never changed: they stay the
immutable record of what each export loaded, so `status`, re-ingest ("already loaded") and lineage read what they
always read; `lake.table_files` reads a group's compacted files instead of its exports' own files while every
export of the group still has the manifest the group recorded.

Crash-safe: the compacted files are written aside and moved into place under new names (nothing reads them yet),
then the record is switched with one rename; a crash at any point leaves a lake that reads exactly the same rows.
A reload of a compacted export first splits it out (`split_export`): its old rows go to a group of their own, so the
group with the other exports stays valid once the reload's new manifest invalidates the split-out one.

Files that compaction replaces are never deleted at once (the published warehouse reads the lake by path): they are
listed under `retired/`, and `collect_retired` deletes them once a warehouse built after their retirement is
published and a grace period has passed, and never while the lake still reads them.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import polars as pl
from filelock import FileLock
from linkedin_ssi.ingest.lake import (
    compactions_dir,
    member_files,
    member_key,
    read_manifest,
    read_manifests,
    read_record,
    table_files,
    valid_groups,
)

from linkedin_ssi.infra.faults import checkpoint

# Files compaction replaced stay this long after the publish that stopped reading them: a reader that opened the
# warehouse before that publish keeps querying its views over them meanwhile.
RETIRED_GRACE_SECONDS = 600.0


@dataclass
class Compacted:
    """One member's compaction: the exports it holds, the lake files read before and after."""

    member: str
    exports: int
    files_before: int
    files_after: int


def retired_dir(home: Path) -> Path:
    return home / "lake" / "retired"


@contextmanager
def _member_lock(home: Path, member: str) -> Iterator[Path]:
    """Hold the member's compaction lock (two worker processes reloading two exports of one member must not rewrite
    its record at the same time: the home's lock is held by their parent); yield the member's scratch folder,
    emptied of what a killed compaction left."""
    locks = compactions_dir(home) / ".locks"
    locks.mkdir(parents=True, exist_ok=True)
    with FileLock(str(locks / f"{member_key(member)}.lock")):
        for left in (home / "lake").glob(f".tmp-compact-{member_key(member)}-*"):
            shutil.rmtree(left, ignore_errors=True)
        tmp = home / "lake" / f".tmp-compact-{member_key(member)}-{os.getpid()}"
        try:
            yield tmp
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


def _write_group_files(frames: dict[str, pl.LazyFrame], tmp: Path, name: str) -> dict[str, Path]:
    """Write each table's rows to `tmp/<table>--<name>`; return {table: path}."""
    out = {}
    tmp.mkdir(parents=True, exist_ok=True)
    for table, frame in sorted(frames.items()):
        path = tmp / f"{table}--{name}"  # one folder: fewer to remove (a slow call on some file systems)
        frame.sink_parquet(path, compression="zstd")
        out[table] = path
    return out


def _concat(paths: list[Path]) -> pl.LazyFrame:
    """Return the rows of `paths` in order, as one frame; a column some files lack is null in their rows (what the
    warehouse's `union_by_name` read gives)."""
    frames = [pl.scan_parquet(p) for p in paths]
    return frames[0] if len(frames) == 1 else pl.concat(frames, how="diagonal_relaxed")


def _switch(home: Path, member: str, groups: list[dict], written: dict[str, Path], retired: list[str]) -> None:
    """Move the written files into place, list `retired` (lake/-relative) under retired/, and switch the member's
    record to `groups` with one rename. Each step is a crash checkpoint; only the rename changes what is read."""
    lake = home / "lake"
    checkpoint("compact:written")
    # Before anything moves, so a crash leaks nothing: collect_retired never deletes a file still read, and it
    # deletes the new files of a switch that never happened (listed as `uncommitted`).
    entry = _retire(home, retired, uncommitted=sorted(written))
    moved = []
    for i, (rel, src) in enumerate(sorted(written.items())):
        dst = lake / rel
        dst.parent.mkdir(parents=True, exist_ok=True)
        os.replace(src, dst)
        moved.append(dst)
        if i == 0:
            checkpoint("compact:moving")
    for path in moved:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    checkpoint("compact:before-record")
    record = compactions_dir(home) / f"{member_key(member)}.json"
    tmp = record.with_name(f".{record.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps({"member": member, "groups": groups}, indent=1, ensure_ascii=False))
    os.replace(tmp, record)
    checkpoint("compact:switched")
    _commit(entry)


def _retire(home: Path, files: list[str], uncommitted: list[str]) -> Path:
    """Write a retirement entry: `files` (lake/-relative) replaced now, and the `uncommitted` new files of a switch
    about to happen; return its path."""
    folder = retired_dir(home)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{time.time_ns()}-{os.getpid()}.json"
    tmp = folder / f".{path.name}.tmp"
    tmp.write_text(json.dumps({"retired_at": time.time(), "files": files, "uncommitted": uncommitted}, indent=1))
    os.replace(tmp, path)
    return path


def _commit(entry: Path) -> None:
    """Drop the `uncommitted` files from a retirement entry: the switch happened, they are the lake's now."""
    doc = json.loads(entry.read_text())
    doc["uncommitted"] = []
    tmp = entry.with_name(f".{entry.name}.tmp")
    tmp.write_text(json.dumps(doc, indent=1))
    os.replace(tmp, entry)


def _stale_files(home: Path, member: str, keep: list[dict]) -> list[str]:
    """Return the compacted files of the member's recorded groups that are not in `keep` (lake/-relative)."""
    kept = {f for g in keep for f in g["files"].values()}
    return sorted({f for g in read_record(home, member) for f in g["files"].values()} - kept)


def compact_member(home: Path, member: str, manifests: list[dict] | None = None) -> Compacted | None:
    """Merge every current export of `member` into one file per table; return what changed, or None when each table
    already has one file. `manifests`: the lake's manifests, when the caller has them."""
    home = Path(home)
    lake = home / "lake"
    with _member_lock(home, member) as tmp:
        mine = [m for m in (manifests if manifests is not None else read_manifests(home)) if m["member"] == member]
        files = member_files(home, member, mine)
        if not mine or all(len(paths) <= 1 for paths in files.values()):
            return None
        token = f"c-{member_key(member)}-{time.time_ns()}.parquet"
        written = _write_group_files({t: _concat(paths) for t, paths in files.items()}, tmp, token)
        group = {
            "exports": {m["export_id"]: m["files_written"] for m in mine},
            "files": {t: f"{t}/{token}" for t in written},
        }
        before = sorted(str(p.relative_to(lake)) for paths in files.values() for p in paths)
        retired = sorted(set(before) | set(_stale_files(home, member, [])))
        _switch(home, member, [group], {group["files"][t]: p for t, p in written.items()}, retired)
    return Compacted(member, len(mine), len(before), len(written))


def split_export(home: Path, export_id: str) -> bool:
    """Before `export_id` is loaded again (`--reload`): move its rows out of its compacted group into a group of their
    own, so that the reload's new manifest invalidates that group only and the member's other exports stay
    compacted; return True when there was a group to split. The lake reads the same rows before and after."""
    home = Path(home)
    lake = home / "lake"
    manifest = read_manifest(home, export_id)
    if manifest is None:
        return False
    member = manifest["member"]
    with _member_lock(home, member) as tmp:
        groups = valid_groups(home, member, {export_id: manifest})
        mine = next((g for g in groups if export_id in g["exports"] and len(g["exports"]) > 1), None)
        if mine is None:
            return False
        rest = [g for g in groups if g is not mine]
        stamp = time.time_ns()
        written: dict[str, Path] = {}
        new_groups = []
        for part, keep in (("o", False), ("e", True)):  # the other exports' rows, then this export's own
            name = f"c-{member_key(member)}-{stamp}{part}.parquet"
            frames = {
                t: pl.scan_parquet(lake / rel).filter((pl.col("_export_id") == export_id) == keep)
                for t, rel in mine["files"].items()
            }
            paths = _write_group_files(frames, tmp, name)
            exports = {e: f for e, f in mine["exports"].items() if (e == export_id) == keep}
            new_groups.append({"exports": exports, "files": {t: f"{t}/{name}" for t in paths}})
            written |= {f"{t}/{name}": p for t, p in paths.items()}
        # The split-out group is read until the reload's manifest replaces the old one: retired, but kept till then.
        retired = sorted(set(mine["files"].values()) | set(new_groups[1]["files"].values()))
        _switch(home, member, rest + new_groups, written, retired)
    return True


def compact(
    home: Path, members: set[str] | None = None, after: int = 1, manifests: list[dict] | None = None
) -> list[Compacted]:
    """Compact each of `members` (every member when None) that has more than `after` files for some table; return
    what changed, member by member. `manifests`: the lake's manifests, when the caller has them (reading 12,000
    takes a few tenths of a second)."""
    by_member: dict[str, list[dict]] = {}
    for m in manifests if manifests is not None else read_manifests(home):
        by_member.setdefault(m["member"], []).append(m)
    done = []
    for member in sorted(by_member if members is None else members & set(by_member)):
        files = table_files(home, by_member[member])
        if any(len(paths) > after for paths in files.values()):
            result = compact_member(home, member, by_member[member])
            if result is not None:
                done.append(result)
    return done


def member_paths(home: Path, member: str, manifests: list[dict] | None = None) -> list[Path]:
    """Return every file in the lake that holds rows of `member`, read now or not: the files its manifests list
    (compaction replaced them, but they stay until collected), every recorded compacted file, and the record itself
    (existing ones, sorted). What forgetting the member removes, besides its manifests: the record first, so that no
    compacted file is read once some of its exports are gone."""
    lake = home / "lake"
    mine = [m for m in (manifests if manifests is not None else read_manifests(home)) if m["member"] == member]
    names = {f for m in mine for f in m["files_written"]} | {
        f for g in read_record(home, member) for f in g["files"].values()
    }
    record = compactions_dir(home) / f"{member_key(member)}.json"
    return sorted(p for p in [*(lake / f for f in names), record] if p.exists())


def collect_retired(
    home: Path,
    older_than: float = RETIRED_GRACE_SECONDS,
    published_at: float | None = None,
    published_reads: Callable[[], set[Path]] | None = None,
) -> list[Path]:
    """Delete the retired files that nothing reads any more; return them. A file goes once it was retired more than
    `older_than` seconds ago and before `published_at` (when the published warehouse, which reads the lake by path,
    was built; None: no warehouse), and neither the lake nor the published warehouse reads it (`published_reads()`:
    the lake files its views name, asked only when something is due). New files of a compaction that died before
    its switch are deleted at once: nothing ever read them."""
    home = Path(home).resolve()  # the warehouse names resolved paths
    lake = home / "lake"
    folder = retired_dir(home)
    now = time.time()
    docs = {e: json.loads(e.read_text()) for e in sorted(folder.glob("*.json"))} if folder.is_dir() else {}

    def due(doc: dict) -> bool:
        return doc["retired_at"] < now - older_than and (published_at is None or doc["retired_at"] < published_at)

    # Most runs find nothing due: they read no manifest (a scheduled run that finds nothing new stays cheap).
    if not any(due(d) or d.get("uncommitted") for d in docs.values()):
        return []
    in_use = {p for paths in table_files(home, read_manifests(home)).values() for p in paths}
    in_use |= {Path(p) for p in (published_reads() if published_reads else ())}
    recorded = {
        lake / f
        for record in compactions_dir(home).glob("*.json")
        for g in json.loads(record.read_text())["groups"]
        for f in g["files"].values()
    }
    deleted = []
    for entry, doc in docs.items():
        keep = []
        for rel in doc["files"]:
            path = lake / rel
            if path in in_use or not due(doc):
                keep.append(rel)
            elif path.exists():
                path.unlink()
                deleted.append(path)
        for rel in doc.get("uncommitted", []):
            path = lake / rel
            if path not in recorded and path.exists():  # the switch never happened: nothing ever read it
                path.unlink()
                deleted.append(path)
        if keep:
            doc["files"], doc["uncommitted"] = keep, []
            tmp = entry.with_name(f".{entry.name}.tmp")
            tmp.write_text(json.dumps(doc, indent=1))
            os.replace(tmp, entry)
        else:
            entry.unlink()
    return deleted
