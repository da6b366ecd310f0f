"""Store recorded SSI scores in the lake: one Parquet file per imported file (or manual entry).

`lake/ssi/<import_id>.parquet` holds every capture as read (the raw history); the warehouse
build turns them into `raw.ssi__scores` and `staging.stg_ssi__scores` (one score per member per
day, the latest capture winning). A file is written to a temporary name and renamed, so an
import is either fully visible or not at all.
"""

from __future__ import annotations

import difflib
import hashlib
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import polars as pl
from linkedin_ssi.ingest.errors import ExportError
from linkedin_ssi.ingest.lake import ssi_dir


@dataclass
class SsiStoreResult:
    """What an SSI import stored."""

    source: str
    import_id: str
    status: str  # imported | already imported
    source_format: str
    rows: int
    members: list[str]
    warnings: list[str]


def known_members(home: Path) -> list[str]:
    """Return the members that have exports in the lake."""
    from linkedin_ssi.ingest.lake import read_manifests

    return sorted({m["member"] for m in read_manifests(home)})


def ssi_members(home: Path) -> list[str]:
    """Return the members that have recorded SSI scores in the lake."""
    files = ssi_files(home)
    if not files:
        return []
    return sorted(m for m in pl.scan_parquet(files).select("member").unique().collect()["member"].to_list() if m)


def check_member(home: Path, member: str | None, new_member: bool = False) -> str | None:
    """Return a note for the user (or None) when `member` may be used in `home`; raise ExportError when not.

    A `--member` that matches none of the home's members (exports in the lake, recorded SSI scores) is refused
    unless `new_member` is set: a typo would otherwise silently start a second member. A home with no member yet
    accepts the first one, and says so.
    """
    if member is None:
        return None
    members = sorted(set(known_members(home)) | set(ssi_members(home)))
    if member in members:
        return None
    if not members:
        return f"{member} is the first member of {home}"
    if new_member:
        return f"adding a new member {member} (members so far: {', '.join(members)})"
    close = difflib.get_close_matches(member, members, n=3, cutoff=0.6)
    quoted = " or ".join(f'"{c}"' for c in close)
    hint = f" (did you mean {quoted}?)" if close else ""
    raise ExportError(
        f'--member "{member}" matches no member of {home}{hint}; pass --new-member to add it '
        f"(members: {', '.join(members)})"
    )


def _resolve_member(rows: pl.DataFrame, member: str | None, home: Path, source: str) -> pl.DataFrame:
    if member:
        return rows.with_columns(pl.lit(member).alias("member"))
    if rows["member"].null_count() == 0:
        return rows
    members = known_members(home)
    if len(members) == 1:
        return rows.with_columns(pl.col("member").fill_null(members[0]))
    listed = ", ".join(members) if members else "none loaded yet"
    raise ExportError(f"{source}: the scores do not say whose they are; pass --member (members: {listed})")


def store_scores(
    home: Path,
    rows: pl.DataFrame,
    source: str,
    source_format: str,
    warnings: list[str],
    member: str | None = None,
    content: bytes | None = None,
) -> SsiStoreResult:
    """Write validated canonical SSI rows to the lake; return what was stored.

    `content` (the file's bytes) makes the import id a content hash, so importing the same file
    twice stores it once; manual entries pass None and get a time-based id.
    """
    rows = _resolve_member(rows, member, home, source)
    if content is not None:
        import_id = hashlib.sha256(content + (member or "").encode()).hexdigest()[:20]
    else:
        import_id = "manual-" + datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    target = ssi_dir(home) / f"{import_id}.parquet"
    members = sorted(set(rows["member"].to_list()))
    if target.exists():
        stored = set(pl.scan_parquet(target).select("member").unique().collect()["member"].to_list())
        if not (forgotten := [m for m in members if m not in stored]):
            return SsiStoreResult(source, import_id, "already imported", source_format, rows.height, members, warnings)
        # `forget` rewrote this shared file without a member: importing it again brings back that member's rows
        # only, under an id of their own (the file keeps its id, which the other members' rows carry).
        rows = rows.filter(pl.col("member").is_in(forgotten))
        import_id += "-" + hashlib.sha256("\n".join(forgotten).encode()).hexdigest()[:8]
        target, members = ssi_dir(home) / f"{import_id}.parquet", forgotten
        if target.exists():
            return SsiStoreResult(source, import_id, "already imported", source_format, rows.height, members, warnings)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    rows.with_columns(
        pl.lit(import_id).alias("_import_id"), pl.lit(datetime.now(UTC)).dt.cast_time_unit("us").alias("_imported_at")
    ).write_parquet(tmp)
    os.replace(tmp, target)
    return SsiStoreResult(source, import_id, "imported", source_format, rows.height, members, warnings)


def import_ssi_file(home: Path, path: Path, member: str | None = None) -> SsiStoreResult:
    """Read, validate and store one SSI file; raises SsiFormatError (one line) and stores nothing on bad input."""
    from linkedin_ssi.ingest.ssi_formats import read_ssi_file

    path = Path(path)
    if not path.is_file():
        raise ExportError(f"{path}: no such file")
    result = read_ssi_file(path, member)
    return store_scores(home, result.rows, str(path), result.source_format, result.warnings, member, path.read_bytes())


def ssi_files(home: Path) -> list[Path]:
    """Return the stored SSI import files (complete ones only: temporaries start with a dot)."""
    return sorted(ssi_dir(home).glob("[!.]*.parquet"))


def count_captures(files: list[Path]) -> int:
    """Return how many SSI captures the stored import `files` hold (rows, read from the Parquet metadata)."""
    return sum(pl.scan_parquet(p).select(pl.len()).collect().item() for p in files)
