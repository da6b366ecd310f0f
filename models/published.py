"""Where the published warehouse is, and whether it shows what the lake holds.

Cheap on purpose: a scheduled `run` asks before it starts anything else (flows.job.nothing_new), so this module and its
imports stay clear of polars and the statistics. The answer comes from the lake's folder listings and the build
record in the warehouse's `meta` schema (models.lake_scan, models.partitions), never from reading every manifest.
"""

from __future__ import annotations

from pathlib import Path

from linkedin_ssi.ingest.lake import manifests_dir, ssi_dir
from linkedin_ssi.models.lake_scan import scan_lake
from linkedin_ssi.models.partitions import read_meta

WAREHOUSE_NAME = "linkedin.duckdb"


def warehouse_path(home: Path) -> Path:
    return Path(home) / "warehouse" / WAREHOUSE_NAME


def needs_build(home: Path) -> bool:
    """Return True when the published warehouse does not reflect the lake: missing, unreadable, built before member
    partitions or in another place, or from other exports or SSI imports (e.g. a run died after loading but before
    publishing). Lists the lake's folders and reads only what changed since the build (models.lake_scan)."""
    meta = read_meta(warehouse_path(home))
    if meta is None:
        return True
    return bool(scan_lake(home, meta.manifests, meta.ssi).dirty)


def anything_loaded(home: Path) -> bool:
    """Return True when the lake holds an export or an SSI import, or a warehouse was published."""
    return (
        any(manifests_dir(home).glob("*.json")) or any(ssi_dir(home).glob("*.parquet")) or warehouse_path(home).exists()
    )
