"""The marts as Parquet for notebooks: one folder per mart, `<home>/exports/<mart>/`, of one or more Parquet files.

A per-member mart is stored by the build as one Parquet part per member bucket (models/partitions.py); its export
folder holds hard links to those parts (`part-NN.parquet`) and a 0-row `columns.parquet` (so a mart with no row still
has its columns), so a team's next export costs a few links, not a rewrite of every member's rows. A mart computed
for the whole team at each publish (the claims, the catalog) is written as `data.parquet`; a mart of member parts and
the team's pooled 'all' rows (`pillar_correlations`, `strongest_cells`, `strongest_cell_pairs`) has the pooled rows in
`all.parquet` beside the links.

Read a mart whole with `pl.read_parquet("<home>/exports/<mart>/*.parquet")` (or `pd.read_parquet(folder)`, or DuckDB's
`read_parquet('<folder>/*.parquet')`); the files share one schema and their row order means nothing.

Publishing replaces each file with one `os.replace` and then removes the files the new build no longer has: a
reader listing a folder mid-publish sees every member either as before or as after (a member's rows are in one file),
never half of one member.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb
from linkedin_ssi.models.partitions import Parts
from linkedin_ssi.models.warehouse import POOLED_PREFIX, mart_sources

from linkedin_ssi.infra.faults import checkpoint

COLUMNS_FILE = "columns.parquet"  # 0 rows: the mart's columns when no member has a row
DATA_FILE = "data.parquet"  # a mart computed for the whole team
POOLED_FILE = "all.parquet"  # the pooled rows beside a mart's member parts


def _q(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _link(source: str, target: Path) -> None:
    """Hard-link `source` (an immutable part) to `target`; copy where the file system cannot link (another device)."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _link_parts(parts: Parts, table: str, folder: Path) -> int:
    """Link `table`'s parts into `folder` (its schema file as COLUMNS_FILE); return the rows they hold."""
    _link(parts.schemas[table], folder / COLUMNS_FILE)
    rows = 0
    for (name, bucket), path in sorted(parts.files.items()):
        if name == table:
            _link(path, folder / f"part-{bucket:02d}.parquet")
            rows += parts.rows.get((name, bucket), 0)
    return rows


def _copy(con: duckdb.DuckDBPyConnection, select: str, path: Path) -> int:
    """Write the rows of `select` to `path`; return how many."""
    con.execute(f"copy ({select}) to {_q(str(path))} (format parquet, compression zstd)")
    checkpoint("publish:parquet")
    return con.execute(f"select count(*) from read_parquet({_q(str(path))})").fetchall()[0][0]


def stage_marts(warehouse: Path, parts: Parts, target: Path, on_step=None) -> list[Path]:
    """Write every mart of `warehouse` (opened read-only) as a folder under `target`; return the folders.

    `parts` is the build's parts (BuildResult.parts): per-member marts are linked from them. `on_step(stage, done,
    total, item)` is called after each mart.
    """
    target.mkdir(parents=True, exist_ok=True)
    folders = []
    with duckdb.connect(str(warehouse), read_only=True) as con:
        marts = [
            r[0]
            for r in con.execute(
                "select table_name from duckdb_tables() where schema_name = 'marts' union all "
                "select view_name from duckdb_views() where schema_name = 'marts' and not internal order by 1"
            ).fetchall()
        ]
        pooled_tables = {
            f"intermediate.{r[0]}"
            for r in con.execute(
                "select table_name from duckdb_tables() where schema_name = 'intermediate' "
                "and starts_with(table_name, ?)",
                [POOLED_PREFIX.split(".")[1]],
            ).fetchall()
        }
        for done, mart in enumerate(marts, start=1):
            qualified = f"marts.{mart}"
            folder = target / mart
            folder.mkdir()
            # A mart of member parts plus the team's pooled rows (the correlations, the models after the analysis).
            members, pooled = mart_sources(qualified)
            if members in parts.schemas and pooled in pooled_tables:
                rows = _link_parts(parts, members, folder)
                rows += _copy(con, f"select * from {pooled}", folder / POOLED_FILE)
                files = "linked, pooled rows written"
            elif qualified in parts.schemas:
                rows, files = _link_parts(parts, qualified, folder), "linked"
            else:
                rows, files = _copy(con, f"select * from {qualified}", folder / DATA_FILE), "written"
            folders.append(folder)
            if on_step:
                count = len(list(folder.iterdir()))
                on_step(
                    "writing Parquet",
                    done,
                    len(marts),
                    f"{mart}/: {rows:,} row{'' if rows == 1 else 's'} in {count} file{'' if count == 1 else 's'} "
                    f"({files})",
                )
    return folders


def publish_marts(staged: list[Path], exports_dir: Path) -> list[Path]:
    """Move each staged mart folder's files into `exports_dir/<mart>/` (one `os.replace` each), then remove the files
    and the single `<mart>.parquet` of earlier versions that the new build no longer has; return the mart folders."""
    published = []
    for folder in staged:
        final = exports_dir / folder.name
        final.mkdir(exist_ok=True)
        names = set()
        for path in sorted(folder.iterdir()):
            os.replace(path, final / path.name)
            names.add(path.name)
        for stale in final.iterdir():
            if stale.name not in names:
                stale.unlink()
        # Before member folders, each mart was one file: a notebook must not read a stale one.
        (exports_dir / f"{folder.name}.parquet").unlink(missing_ok=True)
        published.append(final)
    return published
