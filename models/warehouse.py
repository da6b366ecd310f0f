"""Build the DuckDB warehouse from the lake into a fresh file, and write its marts as Parquet.

`presenting.publish` builds next to the published file and `os.replace`s it into place: a reader holding
the old file keeps a consistent snapshot, new readers see the new build, and a crash mid-build leaves
the published warehouse untouched.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl
from linkedin_ssi.ingest.coerce import output_schema
from linkedin_ssi.ingest.contracts import GENERIC_COLUMN_DESCRIPTION, GENERIC_DESCRIPTION, describe_columns
from linkedin_ssi.ingest.lake import read_manifests, table_files
from linkedin_ssi.ingest.ledger_tables import (
    EXPORTS_COLUMNS,
    KEPT_AS_TEXT_LINEAGE,
    KEPT_AS_TEXT_SCHEMA,
    LEDGER_TABLES,
    LOAD_LEDGER_COLUMNS,
    QUARANTINE_LINEAGE,
    QUARANTINE_SCHEMA,
)
from linkedin_ssi.ingest.parse import KEPT_AS_TEXT_TABLE
from linkedin_ssi.ingest.registry import ARTICLE_COLUMNS, ARTICLES_DESCRIPTION, LINEAGE, TABLES, docs_of, schema_of
from linkedin_ssi.ingest.ssi_columns import SSI_COLUMNS, SSI_DESCRIPTION, SSI_IMPORT_LINEAGE
from linkedin_ssi.ingest.ssi_store import ssi_files
from linkedin_ssi.models.analysis import build_correlations
from linkedin_ssi.models.claims import build_claim_tests
from linkedin_ssi.models.params import AnalysisParams, write_params
from linkedin_ssi.models.sql_runner import SQL_DIR, Model, load_models, models_reading, run_models

from linkedin_ssi.infra.faults import checkpoint

WAREHOUSE_NAME = "linkedin.duckdb"
# The marts the analysis writes from Python (models/analysis.py, models/claims.py), between the SQL models.
ANALYSIS_MARTS = ("marts.pillar_correlations", "marts.claim_tests")
BUILD_MEMORY_LIMIT = "1GB"


@dataclass
class BuildResult:
    """What a build produced."""

    path: Path
    exports: int
    tables: dict[str, int]


def warehouse_path(home: Path) -> Path:
    return home / "warehouse" / WAREHOUSE_NAME


def _q(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _empty(schema: dict) -> pl.DataFrame:
    return pl.DataFrame(schema=schema)


def _load_raw(con: duckdb.DuckDBPyConnection, name: str, files: list[Path], empty: pl.DataFrame) -> None:
    """Create `raw.<name>`: a view over the lake's Parquet files (immutable, so a view is as stable as a copy,
    and a million-message export is not written twice), or an empty table of the right shape."""
    if files:
        paths = ", ".join(_q(str(p.resolve())) for p in files)
        con.execute(f"create view raw.{name} as select * from read_parquet([{paths}], union_by_name = true)")
    else:
        con.register("empty_frame", empty)
        con.execute(f"create table raw.{name} as select * from empty_frame")
        con.unregister("empty_frame")


def _comment_table(con, qualified: str, description: str, columns: dict[str, str]) -> None:
    schema, name = qualified.split(".")
    is_view = con.execute(
        "select count(*) from duckdb_views() where schema_name = ? and view_name = ?", [schema, name]
    ).fetchone()[0]
    con.execute(f"comment on {'view' if is_view else 'table'} {qualified} is {_q(description)}")
    existing = {
        r[0]
        for r in con.execute(
            "select column_name from duckdb_columns() where schema_name = ? and table_name = ?", qualified.split(".")
        ).fetchall()
    }
    for column, doc in columns.items():
        if column in existing:
            con.execute(f'comment on column {qualified}."{column}" is {_q(doc)}')


def _ledgers(manifests: list[dict]) -> tuple[pl.DataFrame, pl.DataFrame]:
    schema = schema_of(EXPORTS_COLUMNS)
    exports = pl.DataFrame(
        [{k: m.get(k) for k in schema} for m in manifests],
        schema=schema | {"exported_at": pl.String},  # the manifest's ISO text, parsed below
    ).with_columns(pl.col("exported_at").str.to_datetime(time_zone="UTC").cast(schema["exported_at"]))
    rows = [
        {
            "export_id": m["export_id"],
            "member": m["member"],
            "source_file": f["file"],
            "table_name": f["table"],
            "status": f["status"],
            "rows_read": f["rows_read"],
            "rows_loaded": f["rows_loaded"],
            "rows_quarantined": f["rows_quarantined"],
            "rows_kept_as_text": f.get("rows_kept_as_text", 0),
            "reason": f.get("reason"),
            "encoding": f["encoding"],
            "header_line": f["header_line"],
            "warnings": "; ".join(f["warnings"]) or None,
        }
        for m in manifests
        for f in m["files"]
    ]
    ledger = pl.DataFrame(rows, schema=schema_of(LOAD_LEDGER_COLUMNS))
    return exports, ledger


def lake_files_read(path: Path) -> set[Path]:
    """Return the lake files the raw views of the warehouse at `path` read (none without a warehouse, or when it cannot
    be opened): what a compaction's retired files must not include."""
    if not path.exists():
        return set()
    try:
        with duckdb.connect(str(path), read_only=True) as con:
            views = con.execute("select sql from duckdb_views() where schema_name = 'raw'").fetchall()
    except duckdb.Error:
        return set()
    return {Path(m.replace("''", "'")) for (sql,) in views for m in re.findall(r"'((?:[^']|'')+?\.parquet)'", sql)}


def needs_build(home: Path) -> bool:
    """Return True when the published warehouse does not reflect the lake: missing, unreadable, or built
    from other exports or SSI imports (e.g. a run died after loading but before publishing)."""
    path = warehouse_path(home)
    if not path.exists():
        return True
    lake_exports = {m["export_id"] for m in read_manifests(home)}
    lake_ssi = {p.stem for p in ssi_files(home)}
    try:
        with duckdb.connect(str(path), read_only=True) as con:
            built_exports = {r[0] for r in con.execute("select export_id from raw.exports").fetchall()}
            built_ssi = {r[0] for r in con.execute("select distinct _import_id from raw.ssi__scores").fetchall()}
    except duckdb.Error:
        return True
    return built_exports != lake_exports or built_ssi != lake_ssi


def warehouse_counts(path: Path) -> tuple[int, int]:
    """Return (tables, recorded SSI scores) of the warehouse file at `path`, opened read-only, once its raw views
    have reached the lake. Raises duckdb.Error when it cannot be opened or a view cannot read its Parquet (a moved
    home)."""
    with duckdb.connect(str(path), read_only=True) as con:
        tables_row = con.execute("select count(*) from duckdb_tables() where not internal").fetchone()
        scores_row = con.execute("select count(*) from staging.stg_ssi__scores").fetchone()
        assert tables_row is not None and scores_row is not None, "a count(*) without group by returns one row"
        tables, scores = tables_row[0], scores_row[0]
        con.execute("select count(*) from raw.linkedin__connections").fetchone()  # the views reach the lake
    return tables, scores


def remove_abandoned(folder: Path, pattern: str) -> None:
    """Delete files or folders matching `pattern` in `folder` whose name ends `-<pid>` of a process that no
    longer exists: half-built outputs left by runs that died."""
    for path in folder.glob(pattern):
        pid = path.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not Path(f"/proc/{pid}").exists():
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            path.unlink(missing_ok=True)
            Path(str(path) + ".wal").unlink(missing_ok=True)


def build_database(home: Path, params: AnalysisParams, path: Path, on_step=None) -> BuildResult:
    """Build a fresh warehouse file at `path` from the lake (exports and SSI scores) and run the analysis;
    return what was built. Publishes nothing (see `presenting.publish`); on failure `path` is deleted.

    `on_step(stage, done, total, item)` is called after each step: the raw tables, the SQL models, the analysis
    (correlations, then claims), and the SQL models that read the analysis (`split_models`).
    """
    home = Path(home)
    path.unlink(missing_ok=True)
    manifests = read_manifests(home)
    files = table_files(home, manifests)
    models = load_models()
    total = len(models) + 3  # the raw layer, each SQL model, the correlations, the claims
    con = duckdb.connect(str(path))
    try:
        # Casting a UTC timestamp to a date must give the UTC day, whatever the machine's zone.
        con.execute("set TimeZone = 'UTC'")
        # Bounded memory (spilling to disk beyond it) and no ordering guarantees DuckDB does not need here.
        con.execute(f"set memory_limit = '{BUILD_MEMORY_LIMIT}'")
        con.execute("set preserve_insertion_order = false")
        con.execute("set enable_progress_bar = false")
        _load_raw_layer(con, home, manifests, files, params)
        checkpoint("build:raw-loaded")
        if on_step:
            on_step(
                "building",
                1,
                total,
                f"raw tables from {len(manifests)} export(s) and {len(ssi_files(home))} SSI import(s)",
            )

        before, after = split_models(models)
        done = 1  # the raw layer

        def model_built(_: int, name: str) -> None:
            nonlocal done
            done += 1
            if on_step:
                on_step("building", done, total, _described(con, name))

        run_models(con, before, on_built=model_built)
        tests = build_correlations(con, params)
        done += 1
        if on_step:
            on_step("building", done, total, f"marts.pillar_correlations: {tests:,} tests")
        claims = build_claim_tests(con, params)
        done += 1
        if on_step:
            on_step("building", done, total, f"marts.claim_tests: {claims:,} rows")
        run_models(con, after, on_built=model_built)
        counts = {
            f"{s}.{t}": n
            for s, t, n in con.execute(
                "select schema_name, table_name, estimated_size from duckdb_tables() order by 1, 2"
            ).fetchall()
        }
        con.execute("checkpoint")
    except BaseException:
        con.close()
        path.unlink(missing_ok=True)
        raise
    con.close()
    return BuildResult(path, len(manifests), counts)


def split_models(models: dict[str, Model]) -> tuple[dict[str, Model], dict[str, Model]]:
    """Return (the models built before the analysis, the models built after it): a model that reads an analysis
    mart (e.g. marts.strongest_cells reads marts.pillar_correlations) waits for it."""
    after = models_reading(models, set(ANALYSIS_MARTS))
    return ({n: m for n, m in models.items() if n not in after}, {n: m for n, m in models.items() if n in after})


def _described(con: duckdb.DuckDBPyConnection, name: str) -> str:
    """Return `name: N rows` for a table, or `name (view)`: what a progress line says about a model."""
    # fetchall, not fetchone: an undrained result blocks the connection (DuckDB 2).
    rows = con.execute(
        "select estimated_size from duckdb_tables() where schema_name = ? and table_name = ?", name.split(".")
    ).fetchall()
    return f"{name}: {rows[0][0]:,} row{'' if rows[0][0] == 1 else 's'}" if rows else f"{name} (view)"


def _load_raw_layer(
    con: duckdb.DuckDBPyConnection,
    home: Path,
    manifests: list[dict],
    files: dict[str, list[Path]],
    params: AnalysisParams,
) -> None:
    """Create the raw and config schemas: views over the lake, the ledgers, the SSI scores, the parameters."""
    for schema in ("raw", "config", "staging", "intermediate", "marts"):
        con.execute(f"create schema if not exists {schema}")
    lineage = schema_of(LINEAGE)
    for spec in TABLES:
        _load_raw(
            con,
            f"linkedin__{spec.table}",
            files.get(spec.table, []),
            _empty({**output_schema(spec), "_source_line": pl.Int64, **lineage}),
        )
        _comment_table(con, f"raw.linkedin__{spec.table}", spec.description, describe_columns(spec))
    _load_raw(
        con,
        "linkedin__articles",
        files.get("articles", []),
        _empty({**schema_of(ARTICLE_COLUMNS), "_source_line": pl.Int64, "_source_file": pl.String, **lineage}),
    )
    _comment_table(con, "raw.linkedin__articles", ARTICLES_DESCRIPTION, docs_of(ARTICLE_COLUMNS + LINEAGE))
    known = {s.table for s in TABLES} | {"articles", "quarantine", KEPT_AS_TEXT_TABLE}
    generic = sorted(t for t in files if t not in known)
    for table in generic:
        _load_raw(con, f"linkedin__{table}", files[table], _empty({}))
        columns = [
            r[0]
            for r in con.execute(
                "select column_name from duckdb_columns() where schema_name = 'raw' and table_name = ?",
                [f"linkedin__{table}"],
            ).fetchall()
        ]
        docs = {c: GENERIC_COLUMN_DESCRIPTION for c in columns} | docs_of(LINEAGE)
        _comment_table(con, f"raw.linkedin__{table}", GENERIC_DESCRIPTION, docs)
    exports, ledger = _ledgers(manifests)
    con.register("exports_frame", exports)
    con.execute("create table raw.exports as select * from exports_frame")
    con.register("ledger_frame", ledger)
    con.execute("create table raw.load_ledger as select * from ledger_frame")
    _load_raw(con, "quarantine", files.get("quarantine", []), _empty(QUARANTINE_SCHEMA | schema_of(QUARANTINE_LINEAGE)))
    _load_raw(
        con,
        KEPT_AS_TEXT_TABLE,
        files.get(KEPT_AS_TEXT_TABLE, []),
        _empty(KEPT_AS_TEXT_SCHEMA | schema_of(KEPT_AS_TEXT_LINEAGE)),
    )
    for name, (description, ledger_columns) in LEDGER_TABLES.items():
        _comment_table(con, name, description, docs_of(ledger_columns))
    con.execute(
        "create table raw.generic_tables as select unnest(?::varchar[]) as table_name",
        [[f"raw.linkedin__{t}" for t in generic]],
    )
    _comment_table(
        con,
        "raw.generic_tables",
        "Raw tables made from CSVs the registry does not know.",
        {"table_name": "Qualified name of the generic raw table."},
    )
    _load_raw(con, "ssi__scores", ssi_files(home), _empty(schema_of(SSI_COLUMNS + SSI_IMPORT_LINEAGE)))
    _comment_table(con, "raw.ssi__scores", SSI_DESCRIPTION, docs_of(SSI_COLUMNS + SSI_IMPORT_LINEAGE))
    write_params(con, params)
    con.execute((SQL_DIR / "macros.sql").read_text())


def write_parquet(warehouse: Path, target: Path, on_step=None) -> list[Path]:
    """Write one Parquet file per mart of `warehouse` into the folder `target`; return the files.

    `on_step(stage, done, total, item)` is called after each file.
    """
    target.mkdir(parents=True, exist_ok=True)
    written = []
    with duckdb.connect(str(warehouse), read_only=True) as con:
        marts = con.execute(
            "select table_name, estimated_size from duckdb_tables() where schema_name = 'marts' order by 1"
        ).fetchall()
        for done, (mart, rows) in enumerate(marts, start=1):
            path = target / f"{mart}.parquet"
            con.execute(f"copy marts.{mart} to '{path}' (format parquet, compression zstd)")
            written.append(path)
            checkpoint("publish:parquet")
            if on_step:
                on_step("writing Parquet", done, len(marts), f"{mart}.parquet: {rows:,} row{'' if rows == 1 else 's'}")
    return written
