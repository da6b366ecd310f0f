"""The lake: per-export Parquet files plus a JSON manifest, written once and never changed.

Layout under `<home>/lake/`:
    <table>/<export_id>.parquet       typed rows + lineage
    quarantine/<export_id>.parquet    rows set aside, with the reason
    manifests/<export_id>.json        the load ledger; written last, so its presence means "complete"
An export is first written to `lake/.tmp-<export_id>/` and moved into place file by file, manifest
last: a crash leaves either nothing visible or a complete export.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
from linkedin_ssi.ingest.parse import ParsedExport

from linkedin_ssi.infra.faults import checkpoint


def manifests_dir(home: Path) -> Path:
    return home / "lake" / "manifests"


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


def read_manifests(home: Path) -> list[dict]:
    """Return every complete export's manifest, oldest export first."""
    out = []
    for path in sorted(manifests_dir(home).glob("*.json")):
        out.append(json.loads(path.read_text()))
    return sorted(out, key=lambda m: (m["member"], m["exported_at"] or "", m["export_id"]))


def table_files(home: Path, manifests: list[dict]) -> dict[str, list[Path]]:
    """Return {table: [parquet paths]} for the given complete exports (never a glob of the folder:
    a half-written export's files are not listed in any manifest)."""
    lake = home / "lake"
    out: dict[str, list[Path]] = {}
    for m in manifests:
        for rel in m["files_written"]:
            table = rel.split("/", 1)[0]
            out.setdefault(table, []).append(lake / rel)
    return out


@dataclass
class LakeHealth:
    """What the lake holds and what is wrong with it (`linkedin-ssi doctor`)."""

    exports: int = 0  # complete exports (with a manifest)
    members: int = 0
    rows_quarantined: int = 0
    missing: list[str] = field(default_factory=list)  # files a manifest lists that are not there (lake/-relative)
    unfinished: int = 0  # `.tmp-*` folders left by interrupted writes: never read, replaced by the next load


def lake_health(home: Path) -> LakeHealth:
    """Return the lake's exports, members and quarantined rows, the files its manifests list but that are missing
    (the lake changed by hand), and the unfinished writes an interrupted run left."""
    lake = home / "lake"
    manifests = read_manifests(home)
    return LakeHealth(
        exports=len(manifests),
        members=len({m["member"] for m in manifests}),
        rows_quarantined=sum(f["rows_quarantined"] for m in manifests for f in m["files"]),
        missing=[f for m in manifests for f in m["files_written"] if not (lake / f).exists()],
        unfinished=len(list(lake.glob(".tmp-*"))),
    )
