"""Publish a home's outputs together: the warehouse, the Parquet files for notebooks and the HTML report.

Every command that publishes (ingest, build, ssi import, ssi add, run, and the flows `serve` runs) calls
`publish`, so the three outputs always come from the same build. All three are first prepared beside their
published places, then renamed into place, the warehouse last: a failure before the renames changes nothing
a reader sees. A crash between the renames (nothing but renames happen there) leaves the old warehouse next to
the new Parquet files and report; when new data was loaded, `needs_build` notices and the next run publishes
all three again (otherwise the next `build` does).
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from linkedin_ssi.models.params import AnalysisParams
from linkedin_ssi.models.published import warehouse_path

from linkedin_ssi.infra.faults import checkpoint

if TYPE_CHECKING:  # the build (polars, the loader's schemas) is imported by `publish` only: `report_path` is cheap
    from linkedin_ssi.models.warehouse import MapGroups

REPORT_NAME = "report.html"


@dataclass
class Published:
    """What a publish wrote: the three outputs and what the build held."""

    warehouse: Path
    exports_dir: Path
    parquet: list[Path]  # one folder per mart (presenting/mart_files.py)
    report: Path
    exports: int  # exports in the warehouse
    tables: dict[str, int]  # qualified table -> rows
    members_built: list[str]  # the members whose parts were computed (every member unless incremental)
    incremental: bool  # only the members whose lake files changed were computed


def report_path(home: Path) -> Path:
    return Path(home) / "reports" / REPORT_NAME


def publish(
    home: Path,
    params: AnalysisParams | None = None,
    on_step=None,
    full: bool = False,
    map_groups: MapGroups | None = None,
    groups: int = 1,
) -> Published:
    """Rebuild the warehouse from the lake, write the Parquet files and the report from that build, and
    publish all three; return what was published. On any failure nothing published changes.

    `on_step(stage, done, total, item)` is called after each step (stages: building, writing Parquet,
    writing the report). `map_groups` and `groups`: where the members are computed (models.warehouse.build_database).
    """
    from linkedin_ssi.models.warehouse import build_database, remove_abandoned
    from linkedin_ssi.presenting.mart_files import publish_marts, stage_marts
    from linkedin_ssi.presenting.report import stage_report

    home = Path(home)
    final, exports_dir, report = warehouse_path(home), home / "exports", report_path(home)
    for folder in (final.parent, exports_dir, report.parent):
        folder.mkdir(parents=True, exist_ok=True)
    pid = os.getpid()
    remove_abandoned(final.parent, f".{final.name}.building-*")
    remove_abandoned(exports_dir, ".publishing-*")
    remove_abandoned(report.parent, f".{report.name}.publishing-*")
    building = final.with_name(f".{final.name}.building-{pid}")
    staged_parquet = exports_dir / f".publishing-{pid}"
    staged_report = None
    try:
        built = build_database(home, params or AnalysisParams(), building, on_step, full, map_groups, groups)
        shutil.rmtree(staged_parquet, ignore_errors=True)
        staged = stage_marts(building, built.parts, staged_parquet, on_step)

        # A team's report renders the pages of the members this build computed only (presenting.report_team).
        def page_staged(done: int, total: int, path: str) -> None:
            if on_step:
                on_step("writing the report", done, total, path)

        staged_report = stage_report(building, report, built.members_built if built.incremental else None, page_staged)
        checkpoint("build:before-publish")
        # The warehouse last: until it is replaced, `needs_build` says the outputs are stale.
        published = publish_marts(staged, exports_dir)
        staged_report.commit()  # the member pages, then the index
        os.replace(building, final)
    finally:
        building.unlink(missing_ok=True)
        if staged_report is not None:
            staged_report.discard()
        shutil.rmtree(staged_parquet, ignore_errors=True)
    return Published(
        final, exports_dir, published, report, built.exports, built.tables, built.members_built, built.incremental
    )
