"""The lake: per-export Parquet files plus a JSON manifest, written once and never changed.

Layout under `<home>/lake/`:
    <table>/<export_id>.parquet       typed rows + lineage
    quarantine/<export_id>.parquet    rows set aside, with the reason
    manifests/<export_id>.json        the load ledger; written last, so its presence means "complete"
    <table>/c-<member key>-<n>.parquet  a member's exports compacted into one file per table (ingest/compaction.py)
    compactions/<member key>.json     which exports (as their manifests list them) each compacted file holds
    retired/<n>.json                  files compaction replaced, deleted later (compaction.collect_retired)
An export is first written to `lake/.tmp-<export_id>/` and moved into place file by file, manifest
last: a crash leaves either nothing visible or a complete export.

The manifests are the immutable per-export record and stay as written, compacted or not; which files hold an export's
rows is resolved by `table_files`: the compacted file of a group whose every export still has the manifest the
group recorded, else the files the manifest lists. A compacted file only ever holds whole groups of current exports,
so a reader never filters rows: a reload first splits the export out of its group (compaction.split_export).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from linkedin_ssi.infra.faults import checkpoint

if TYPE_CHECKING:  # the parser (polars, pandera) is not needed to look at the lake: `run` checks it before loading
    from linkedin_ssi.ingest.parse import ParsedExport


def manifests_dir(home: Path) -> Path:
    return home / "lake" / "manifests"


def ssi_dir(home: Path) -> Path:
    """Return the folder of the recorded SSI scores (ingest.ssi_store writes them)."""
    return home / "lake" / "ssi"


def has_export(home: Path, export_id: str) -> bool:
    """Return True when the export is already complete in the lake."""
    return (manifests_dir(home) / f"{export_id}.json").exists()


def write_export(home: Path, parsed: ParsedExport, version: str = "") -> Path:
    """Write a parsed export to the lake atomically; return its manifest path.

    Lake files are never overwritten (the published warehouse reads them through views): a reloaded
    export gets files with a `version` suffix, and its new manifest switches to them in one rename.
    """
    stem = f"{parsed.export_id}{'-' + version if version else ''}"
    lake = home / "lake"
    # Per process: two workers given the same export (dropped twice) must not write into each other's folder.
    tmp = lake / f".tmp-{parsed.export_id}-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    moves: list[tuple[Path, Path]] = []
    # Temporary files lie flat in `tmp` (`<table>.parquet`): a folder per table cost a mkdir and an rmdir each.
    sinks = []
    for table, frame in sorted(parsed.tables.items()):
        path = tmp / f"{table}.parquet"
        sinks.append(frame.lazy().sink_parquet(path, compression="zstd", lazy=True))
        moves.append((path, lake / table / f"{stem}.parquet"))
    qpath = tmp / "quarantine.parquet"
    sinks.append(parsed.quarantine.lazy().sink_parquet(qpath, compression="zstd", lazy=True))
    moves.append((qpath, lake / "quarantine" / f"{stem}.parquet"))
    # One run of polars' engine writes every file (the same bytes as write_parquet, which starts it once per file:
    # for a small export, a quarter of the cost of writing it).
    import polars as pl  # writing only: looking at the lake (a no-op run's check) needs no polars

    pl.collect_all(sinks)
    manifest = parsed.manifest()
    manifest["files_written"] = [str(dst.relative_to(lake)) for _, dst in moves]
    mpath = tmp / f"{parsed.export_id}.json"
    mpath.write_text(json.dumps(manifest, indent=1, ensure_ascii=False, default=str))
    checkpoint("lake:written")
    for i, (src, dst) in enumerate(moves):
        dst.parent.mkdir(parents=True, exist_ok=True)
        os.replace(src, dst)
        if i == 0:
            checkpoint("lake:moving")
    final = manifests_dir(home) / mpath.name
    final.parent.mkdir(parents=True, exist_ok=True)
    _fsync_files(moves)
    checkpoint("lake:before-manifest")
    os.replace(mpath, final)
    shutil.rmtree(tmp, ignore_errors=True)
    return final


def _fsync_files(moves: list[tuple[Path, Path]]) -> None:
    """Flush the moved files to disk before the manifest makes them visible."""
    for _, dst in moves:
        fd = os.open(dst, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def has_exports(home: Path) -> bool:
    """Return whether the lake holds any complete export (one directory listing; `read_manifests` reads them all)."""
    folder = manifests_dir(home)
    return folder.is_dir() and next(folder.glob("*.json"), None) is not None


def read_manifests(home: Path) -> list[dict]:
    """Return every complete export's manifest, oldest export first."""
    out = []
    for path in sorted(manifests_dir(home).glob("*.json")):
        out.append(json.loads(path.read_text()))
    return sorted(out, key=lambda m: (m["member"], m["exported_at"] or "", m["export_id"]))


def compactions_dir(home: Path) -> Path:
    return home / "lake" / "compactions"


def member_key(member: str) -> str:
    """Return the member's name in lake file names: readable, safe in any file system, and unique (a hash)."""
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "_", member)[:40].strip(".")
    return f"{slug}-{hashlib.sha256(member.encode()).hexdigest()[:8]}"


def read_record(home: Path, member: str) -> list[dict]:
    """Return the member's compaction groups ([] when never compacted): each {"exports": {export_id: the
    files_written its manifest had}, "files": {table: lake/-relative path}}."""
    path = compactions_dir(home) / f"{member_key(member)}.json"
    if not path.exists():
        return []
    return json.loads(path.read_text())["groups"]


def read_manifest(home: Path, export_id: str) -> dict | None:
    """Return the export's manifest, or None when the export is not (or no longer) in the lake."""
    path = manifests_dir(home) / f"{export_id}.json"
    return json.loads(path.read_text()) if path.exists() else None


def valid_groups(home: Path, member: str, known: dict[str, dict] | None = None) -> list[dict]:
    """Return the member's compaction groups that hold current exports only: every export of the group still has the
    manifest the group recorded (a reloaded or removed export invalidates its group, which is then never read).
    `known` ({export_id: manifest}) saves reading manifests the caller has."""
    known = known or {}
    out = []
    for group in read_record(home, member):
        current = ((known.get(e) or read_manifest(home, e), files) for e, files in group["exports"].items())
        if all(m is not None and m["files_written"] == files for m, files in current):
            out.append(group)
    return out


def table_files(home: Path, manifests: list[dict]) -> dict[str, list[Path]]:
    """Return {table: [parquet paths]} holding exactly the rows of the given complete exports (never a glob of the
    folder: a half-written export's files are not listed in any manifest). A compacted export's rows are in its
    group's file, shared with the group's other exports: those must be given too (ValueError otherwise: the file
    would bring their rows), as they are when all of a member's exports are, or `member_files`."""
    lake = home / "lake"
    out: dict[str, list[Path]] = {}
    given = {m["export_id"]: m for m in manifests}
    covered: dict[str, dict] = {}  # export_id -> its valid group
    for member in sorted({m["member"] for m in manifests}):
        for valid in valid_groups(home, member, given):
            for e in valid["exports"]:
                covered[e] = valid
    listed: set[int] = set()
    for m in manifests:
        group = covered.get(m["export_id"])
        if group is None:
            files = m["files_written"]
        elif id(group) in listed:
            continue
        else:
            missing = sorted(set(group["exports"]) - set(given))
            if missing:
                raise ValueError(
                    f"export {m['export_id']} is compacted with {len(missing)} other export(s) of {m['member']} "
                    f"(e.g. {missing[0]}): ask for all of them, or for the member (lake.member_files)"
                )
            listed.add(id(group))
            files = sorted(group["files"].values())
        for rel in files:
            table = rel.split("/", 1)[0]
            out.setdefault(table, []).append(lake / rel)
    return out


def member_files(home: Path, member: str, manifests: list[dict] | None = None) -> dict[str, list[Path]]:
    """Return {table: [parquet paths]} holding exactly the rows of every current export of `member` (compacted
    files and the files of exports loaded since). `manifests`: the lake's manifests, when the caller has them."""
    mine = [m for m in (manifests if manifests is not None else read_manifests(home)) if m["member"] == member]
    return table_files(home, mine)


@dataclass
class LakeHealth:
    """What the lake holds and what is wrong with it (`linkedin-ssi doctor`)."""

    exports: int = 0  # complete exports (with a manifest)
    members: int = 0
    rows_quarantined: int = 0
    missing: list[str] = field(default_factory=list)  # files read for the exports but not there (lake/-relative)
    unfinished: int = 0  # `.tmp-*` folders left by interrupted writes: never read, replaced by the next load
    files: int = 0  # the Parquet files the exports are read from (compaction makes it one per member and table)
    retired: int = 0  # files compaction replaced, waiting to be deleted (compaction.collect_retired)


def lake_health(home: Path) -> LakeHealth:
    """Return the lake's exports, members and quarantined rows, the files its manifests list but that are missing
    (the lake changed by hand), and the unfinished writes an interrupted run left."""
    lake = home / "lake"
    manifests = read_manifests(home)
    files = sorted({p for paths in table_files(home, manifests).values() for p in paths})
    retired = {f for path in (lake / "retired").glob("*.json") for f in json.loads(path.read_text())["files"]}
    return LakeHealth(
        exports=len(manifests),
        members=len({m["member"] for m in manifests}),
        rows_quarantined=sum(f["rows_quarantined"] for m in manifests for f in m["files"]),
        missing=[str(p.relative_to(lake)) for p in files if not p.exists()],
        unfinished=len(list(lake.glob(".tmp-*"))),
        files=len(files),
        retired=sum((lake / f).exists() for f in retired),
    )
