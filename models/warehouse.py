"""Build the DuckDB warehouse from the lake into a fresh file, and write its marts as Parquet.

`presenting.publish` builds next to the published file and `os.replace`s it into place: a reader holding
the old file keeps a consistent snapshot, new readers see the new build, and a crash mid-build leaves
the published warehouse untouched.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from importlib.metadata import version
from pathlib import Path

import duckdb
import polars as pl
from linkedin_ssi.ingest.coerce import output_schema
from linkedin_ssi.ingest.contracts import GENERIC_COLUMN_DESCRIPTION, GENERIC_DESCRIPTION, describe_columns
from linkedin_ssi.ingest.lake import manifests_dir, member_files, ssi_dir, table_files
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
from linkedin_ssi.ingest.registry import (
    ARTICLE_COLUMNS,
    ARTICLES_DESCRIPTION,
    LINEAGE,
    RAW_LINEAGE_ORDER,
    TABLES,
    docs_of,
    schema_of,
)
from linkedin_ssi.ingest.ssi_columns import SSI_COLUMNS, SSI_DESCRIPTION, SSI_IMPORT_LINEAGE
from linkedin_ssi.models.lake_scan import LakeScan, scan_lake
from linkedin_ssi.models.params import AnalysisParams, write_params
from linkedin_ssi.models.partitions import (
    Parts,
    bucket_of,
    collect_retired,
    member_columns,
    merge,
    new_build_dir,
    parquet_select,
    read_meta,
    write_meta,
    write_parts,
)

# Re-exported: the build and its callers name the published warehouse from here.
from linkedin_ssi.models.published import WAREHOUSE_NAME, needs_build, warehouse_path  # noqa: F401
from linkedin_ssi.models.sql_runner import SQL_DIR, Model, load_models, models_reading, run_models

from linkedin_ssi.infra.faults import checkpoint

# The marts the analysis writes from Python (models/analysis.py, models/claims.py), between the SQL models.
ANALYSIS_MARTS = ("marts.pillar_correlations", "marts.claim_tests")
BUILD_MEMORY_LIMIT = "1GB"
# The loader's ledgers, partitioned by member like the models (each export's rows belong to its member).
LEDGER_PARTS = ("raw.exports", "raw.load_ledger")
# The analysis' per-member tables (models/analysis.py MEMBER_TESTS, MEMBER_SUMS): computed with the member, pooled
# at publish. Named here: models.analysis imports the statistics (scipy, about 1 s), which only a build needs.
ANALYSIS_PARTS = (
    "intermediate.int_member_correlations",
    "intermediate.int_correlation_sums",
    # models/claims.py: each member's claim rows and what the team's rows are pooled from.
    "intermediate.int_member_claims",
    "intermediate.int_claim_gap_pieces",
    "intermediate.int_claim_gap_counts",
    "intermediate.int_claim_sums",
)
# Marts that are their member table's parts plus the team's pooled rows (models/analysis.py): the Parquet export links
# the parts and writes the pooled rows (presenting/mart_files.py).
POOLED_CORRELATIONS = "intermediate.int_pooled_correlations"  # models/analysis.py POOLED_TESTS
POOLED_MARTS = {"marts.pillar_correlations": ("intermediate.int_member_correlations", POOLED_CORRELATIONS)}
# The tables of the pooled rows of the models after the analysis: POOLED_PREFIX + the model's name (`_pooled_after`).
POOLED_PREFIX = "intermediate.int_pooled_"
# The folder beside the warehouse file where the member tests' permutation streams are kept (models.stats).
PERMUTATIONS = "permutations"
# The pooled pairs (models after the analysis): what `_reused_observations` carries over from the published build.
PAIRS = "marts.strongest_cell_pairs"
OBSERVATIONS = "intermediate.int_proxy_observations_paired"
POOLED_CELLS = f"{POOLED_PREFIX}strongest_cells"
POOLED_PAIRS = f"{POOLED_PREFIX}{PAIRS.removeprefix('marts.')}"
PAIR_COLUMNS = "pillar, proxy, window_days, lag_days, measure, score_date, x, y"
REUSED_PAIRS = "reused_pooled_pairs"
# Bumped when the parts' layout changes: a warehouse of another format is rebuilt in full.
PARTS_FORMAT = 3  # 2: the claims' per-member tables; 3: the raw layer and the models after the analysis


@dataclass
class BuildResult:
    """What a build produced."""

    path: Path
    exports: int
    tables: dict[str, int]
    members_built: list[str] = field(default_factory=list)  # the members whose parts this build computed
    incremental: bool = False  # False: every member was computed (no usable previous build, or `full`)
    parts: Parts = field(default_factory=Parts)  # the per-member tables' Parquet parts the warehouse's views read


def _q(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _empty(schema: dict) -> pl.DataFrame:
    return pl.DataFrame(schema=schema)


def _load_raw(
    con: duckdb.DuckDBPyConnection,
    name: str,
    files: list[Path],
    empty: pl.DataFrame,
    where: str = "",
    unknown_first: bool = False,
) -> Path | None:
    """Create `raw.<name>`: a view over Parquet `files` (a build's: the members' lake files; a publish's: the raw
    parts `build_members` copied from them), or an empty table of the right shape. `where` (SQL)
    keeps some rows only (one member's SSI scores in a shared file). Columns: `empty`'s in its order, the others by
    name, after them (before them with `unknown_first`: a generic table's data columns before its lineage).

    Return the file when the view is exactly one file's rows and columns as they are (its raw part can be that file,
    `write_parts`' `links`), else None."""
    if files:
        # Absolute paths (a relative home would tie the views to the working folder), not resolved: one syscall
        # per lake file adds up over a team's thousands.
        paths = ", ".join(_q(os.path.abspath(p)) for p in files)
        # Not hive partitioning: a full build's raw parts are `_bucket=NN/part_0.parquet` (no `_bucket` column).
        source = f"read_parquet([{paths}], union_by_name = true, hive_partitioning = false) {where}"
        con.execute(f"create view raw.{name} as select * from {source}")
        # union_by_name takes the first file's column order, which differs between eras: a member's raw table must
        # have the same columns in the same order whichever files come first (alone, or with the whole team, from the
        # lake or from the build's parts): the known columns in their order, then the others by name.
        columns = [
            r[0]
            for r in con.execute(
                "select column_name from duckdb_columns() where schema_name = 'raw' and table_name = ? "
                "order by column_index",
                [name],
            ).fetchall()
        ]
        known = [c for c in empty.columns if c in columns]
        unknown = sorted(c for c in columns if c not in empty.columns)
        ordered = unknown + known if unknown_first else known + unknown
        if ordered != columns:
            listed = ", ".join(f'"{c}"' for c in ordered)
            con.execute(f"create or replace view raw.{name} as select {listed} from {source}")
        elif len(files) == 1 and not where:
            return Path(os.path.abspath(files[0]))
    else:
        con.register("empty_frame", empty)
        con.execute(f"create table raw.{name} as select * from empty_frame")
        con.unregister("empty_frame")
    return None


def _comment_tables(con: duckdb.DuckDBPyConnection, tables: list[tuple[str, str, dict[str, str]]]) -> None:
    """Comment each raw (table or view, description, {column: doc}) and those of its columns it has, with one look at
    the catalog and one batch of statements (a lookup per table cost a publish about 0.4 s)."""
    views = {n for (n,) in con.execute("select view_name from duckdb_views() where schema_name = 'raw'").fetchall()}
    existing: dict[str, set[str]] = {}
    for name, column in con.execute(
        "select table_name, column_name from duckdb_columns() where schema_name = 'raw'"
    ).fetchall():
        existing.setdefault(f"raw.{name}", set()).add(column)
    statements = []
    for qualified, description, columns in tables:
        kind = "view" if qualified.split(".")[1] in views else "table"
        statements.append(f"comment on {kind} {qualified} is {_q(description)}")
        statements += [
            f'comment on column {qualified}."{column}" is {_q(doc)}'
            for column, doc in columns.items()
            if column in existing.get(qualified, set())
        ]
    con.execute(";\n".join(statements))


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
    be opened): what a compaction's retired files must not include. This version's warehouses read their own raw
    parts (none); one of an earlier version read the lake by path."""
    if not path.exists():
        return set()
    try:
        with duckdb.connect(str(path), read_only=True) as con:
            views = con.execute("select sql from duckdb_views() where schema_name = 'raw'").fetchall()
    except duckdb.Error:
        return set()
    found = {Path(m.replace("''", "'")) for (sql,) in views for m in re.findall(r"'((?:[^']|'')+?\.parquet)'", sql)}
    # raw.exports and raw.load_ledger read the warehouse's own parts (models.partitions), not the lake.
    lake = path.resolve().parent.parent / "lake"
    return {p for p in found if p.is_relative_to(lake)}


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


def build_fingerprint(params: AnalysisParams) -> str:
    """Return what a build's parts depend on besides the lake: the SQL models, the macros, the package version and
    the analysis parameters (the models read config.params). Parts of another fingerprint are rebuilt in full."""
    digest = hashlib.sha256(f"{PARTS_FORMAT}|{version('linkedin-ssi')}|{sorted(asdict(params).items())}".encode())
    for path in sorted(SQL_DIR.rglob("*.sql")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def _connect(path: str, temp_dir: Path) -> duckdb.DuckDBPyConnection:
    """Return a DuckDB connection set up for building: UTC, bounded memory spilling to `temp_dir`, no ordering
    guarantees DuckDB does not need here."""
    con = duckdb.connect(path)
    # Casting a UTC timestamp to a date must give the UTC day, whatever the machine's zone.
    con.execute("set TimeZone = 'UTC'")
    con.execute(f"set memory_limit = '{BUILD_MEMORY_LIMIT}'")
    con.execute(f"set temp_directory = {_q(str(temp_dir))}")
    con.execute("set preserve_insertion_order = false")
    con.execute("set enable_progress_bar = false")
    return con


def build_members(
    home: Path,
    scan: LakeScan,
    members: set[str] | None,
    params: AnalysisParams,
    target: Path,
    previous: Parts | None = None,
    on_step=None,
) -> Parts:
    """Compute the SQL models that come before the analysis for `members` (the whole team when None; members gone from
    the lake are computed as empty) from their lake files and SSI scores, and write every per-member table as Parquet
    parts under `target` (models.partitions.write_parts: only `members`' buckets, the rest copied from `previous`);
    return the parts written.

    A member's rows are computed from that member's data only, so the parts of a member are the same whether it was
    built alone or with the whole team (tests/test_incremental.py holds the build to it).
    """
    manifests = [json.loads((manifests_dir(home) / n).read_text()) for n in scan.manifest_names(members)]
    ssi = [ssi_dir(home) / n for n in scan.ssi_names(members)]
    before, after = split_models(load_models())
    con = _connect(":memory:", target)
    try:
        plain = _load_raw_layer(
            con, table_files(home, manifests), _ledgers(manifests), ssi, params, members, document=False
        )
        checkpoint("build:raw-loaded")

        def model_built(done: int, name: str) -> None:
            if on_step:
                on_step("building", done, len(before), _described(con, name))

        run_models(con, before, on_built=model_built, document=False, as_tables=shared_views(before))
        # Imported here, after the SQL models: `build_database` started importing them on a thread meanwhile.
        from linkedin_ssi.models.analysis import build_member_correlations
        from linkedin_ssi.models.claims import build_member_claims
        from linkedin_ssi.models.stats import save_permutations, use_permutation_folder

        use_permutation_folder(warehouse_path(home).parent / PERMUTATIONS)

        def tested(done: int, total: int) -> None:
            if on_step:
                on_step("testing correlations", done, total, f"{done:,} of {total:,} member(s)")

        build_member_correlations(con, params, tested)
        build_member_claims(con, params)
        save_permutations()
        # The models after the analysis, for these members, over their own tests: a member's rows rank its own cells
        # (the pooled 'all' rows are a publish's, `_pooled_after`).
        con.execute(f"create or replace view marts.pillar_correlations as select * from {ANALYSIS_PARTS[0]}")
        run_models(con, after, document=False)
        # The raw layer too: a publish reads 32 bucket files per raw table instead of every member's lake files.
        raw = [
            f"raw.{r[0]}"
            for r in con.execute(
                "select table_name from duckdb_tables() where schema_name = 'raw' union all "
                "select view_name from duckdb_views() where schema_name = 'raw' and not internal order by 1"
            ).fetchall()
        ]
        models = before | after
        computed = [*raw, *(n for n, m in models.items() if m.materialized == "table"), *ANALYSIS_PARTS]
        tables = member_columns(con, computed)

        def written(done: int, total: int, table: str) -> None:
            if on_step:
                on_step("writing parts", done, total, table)

        parts = write_parts(con, tables, target, members, previous, links=plain, on_table=written)
    finally:
        con.close()
    # Each member's lake files by table (compacted ones included: lake.member_files).
    parts.lake = {
        (member, table): [str(p) for p in paths]
        for member in sorted({m["member"] for m in manifests})
        for table, paths in member_files(home, member, manifests).items()
    }
    return parts


@dataclass
class MemberGroup:
    """One share of a build's member computation (`build_group`): members of whole buckets, independent of every other
    group's, so groups run anywhere that sees the home's folder (a Dask worker) and their parts merge."""

    home: Path
    scan: LakeScan
    members: set[str]
    params: AnalysisParams
    target: Path
    previous: Parts


def build_group(group: MemberGroup) -> Parts:
    """Return the parts `build_members` writes for `group` (a module-level function: a Dask worker unpickles it)."""
    # A retried group (a worker lost half-way) starts again in an empty folder: its parts are its own alone.
    shutil.rmtree(group.target, ignore_errors=True)
    group.target.mkdir(parents=True)
    return build_members(group.home, group.scan, group.members, group.params, group.target, group.previous)


# Runs `build_group` over the groups, each wherever it likes (flows.pipeline: one Prefect task per group on the Dask
# cluster); returns their parts in the groups' order.
MapGroups = Callable[[list[MemberGroup]], list[Parts]]


def member_groups(members: set[str], groups: int) -> list[set[str]]:
    """Return `members` split into at most `groups` non-empty sets of whole buckets (a bucket's part file is written by
    one group only), balanced by member count: the largest bucket to the smallest group first."""
    buckets: dict[int, set[str]] = {}
    for member in members:
        buckets.setdefault(bucket_of(member), set()).add(member)
    out: list[set[str]] = [set() for _ in range(max(1, min(groups, len(buckets))))]
    for _, in_bucket in sorted(buckets.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        min(out, key=len).update(in_bucket)
    return [g for g in out if g]


def _compute_members(
    home: Path,
    scan: LakeScan,
    members: set[str] | None,
    params: AnalysisParams,
    base: Parts,
    target: Path,
    on_step=None,
    map_groups: MapGroups | None = None,
    groups: int = 1,
) -> Parts:
    """Return `base` merged with the parts of `members` (every member when None) computed under `target`: in this
    process, or split into `groups` groups of whole buckets run by `map_groups`, each in its own subfolder."""
    wanted = scan.members if members is None else members
    split = member_groups(wanted, groups) if map_groups and groups > 1 else []
    if len(split) < 2:
        return merge(base, build_members(home, scan, members, params, target, base, on_step))
    jobs = [MemberGroup(home, scan, g, params, target / f"group-{i}", base) for i, g in enumerate(split)]
    assert map_groups is not None
    built = map_groups(jobs)
    if on_step:
        on_step("building", len(jobs), len(jobs), f"{len(wanted)} member(s) in {len(jobs)} groups")
    parts = merge(base, built[0])
    for group in built[1:]:
        # The groups of one build write the same table schemas: the first group's stand for all (none retired).
        parts = merge(parts, replace(group, schemas=parts.schemas))
    return parts


def build_database(
    home: Path,
    params: AnalysisParams,
    path: Path,
    on_step=None,
    full: bool = False,
    map_groups: MapGroups | None = None,
    groups: int = 1,
) -> BuildResult:
    """Build a fresh warehouse file at `path` and run the analysis; return what was built. Publishes nothing (see
    `presenting.publish`); on failure `path` is deleted and the published warehouse's parts are untouched.

    Incremental unless `full` (or the published warehouse was built by other SQL models, parameters or version): only
    the members whose lake files changed since the published build are computed again (`build_members`); every other
    member's parts are reused as they are. The pooled analysis and the models after it are always computed again,
    from every member's parts. `on_step(stage, done, total, item)` is called after each step.

    With `map_groups` and `groups` > 1 the members to compute are split into up to `groups` groups of whole member
    buckets, run by `map_groups` (e.g. on a Dask cluster); the result is the same as computing them in this process.
    """
    _import_statistics_meanwhile()
    home = Path(home).resolve()
    path.unlink(missing_ok=True)
    published = warehouse_path(home)
    fingerprint = build_fingerprint(params)
    previous = read_meta(published)
    incremental = previous is not None and previous.fingerprint == fingerprint and not full
    scan = scan_lake(home, *((previous.manifests, previous.ssi) if incremental and previous else (None, None)))
    if previous is None:
        base = Parts()
    elif incremental:
        base = previous.parts.without_lake(scan.dirty)
    else:  # every part of the published build is replaced
        base = Parts(retired=previous.parts.retire_all())
    parts = base
    members = scan.dirty if incremental else scan.members
    if scan.dirty or not parts.schemas:
        target = new_build_dir(published.parent)
        only = scan.dirty if incremental else None
        parts = _compute_members(home, scan, only, params, base, target, on_step, map_groups, groups)
    parts = collect_retired(published.parent, parts)
    con = _connect(str(path), published.parent)
    try:
        # One transaction for the whole warehouse file: its thousands of catalog changes (views, comments) each wrote
        # and flushed the write-ahead log on their own otherwise.
        con.execute("begin transaction")
        _assemble(con, home, scan, parts, params, on_step, Previous(published, members) if incremental else None)
        write_meta(con, parts, scan.manifests, scan.ssi, fingerprint)
        # A commit larger than the threshold is written straight into the database file: with the default (16 MB)
        # the whole new file went to the write-ahead log first and was copied into the file by the checkpoint.
        con.execute("set checkpoint_threshold = '0 bytes'")
        con.execute("commit")
        con.execute("checkpoint")  # nothing left to do, unless the commit kept a log after all
        counts = _row_counts(con, parts)
    except BaseException:
        con.close()
        path.unlink(missing_ok=True)
        raise
    con.close()
    return BuildResult(path, len(scan.manifest_names()), counts, sorted(members & scan.members), incremental, parts)


def _row_counts(con: duckdb.DuckDBPyConnection, parts: Parts) -> dict[str, int]:
    """Return {table or view: rows} of the warehouse just committed in `con`: its own tables' (after the commit: DuckDB
    counts a table made in the open transaction as empty), the per-member tables' from their parts, and the marts of
    member rows and pooled rows (`mart_sources`) as the two added up."""
    counts = dict(
        con.execute(
            "select schema_name || '.' || table_name, estimated_size from duckdb_tables() where schema_name <> 'meta'"
        ).fetchall()
    )
    counts |= parts.table_rows()
    for mart in {*(n for n in counts if n.startswith("marts.")), *POOLED_MARTS}:
        members, pooled = mart_sources(mart)
        if members in counts or pooled in counts:
            counts[mart] = counts.get(members, 0) + counts.get(pooled, 0)
    return dict(sorted(counts.items()))


def pooled_table(model: str) -> str:
    """Return the table of the team's pooled rows of a model after the analysis (`_pooled_after`)."""
    return f"{POOLED_PREFIX}{model.split('.')[1]}"


def mart_sources(mart: str) -> tuple[str, str]:
    """Return (its per-member table, its pooled table) of a mart made of members' rows and the team's pooled rows (the
    correlations, the models after the analysis); for any other mart, itself and a table that does not exist."""
    return POOLED_MARTS.get(mart, (mart, pooled_table(mart)))


def _import_statistics() -> None:
    try:
        import linkedin_ssi.models.analysis  # noqa: F401
        import linkedin_ssi.models.claims  # noqa: F401
    except ImportError:  # the build's own import says what is missing
        pass


def _import_statistics_meanwhile() -> None:
    """Start importing the analysis (scipy: about half a second) on a thread of its own: DuckDB releases the GIL while
    it computes the members' models, so the import costs a build little wall time. The build's own `import` waits for
    this one to end (Python's per-module import lock)."""
    threading.Thread(target=_import_statistics, name="import-statistics", daemon=True).start()


def _assemble(
    con: duckdb.DuckDBPyConnection,
    home: Path,
    scan: LakeScan,
    parts: Parts,
    params: AnalysisParams,
    on_step=None,
    previous: Previous | None = None,
) -> None:
    """Create the published warehouse's objects in `con`: the raw layer over the lake, every per-member model as a
    view over its parts, the other models computed over those views, the analysis, and the models after it (with
    `previous`, an incremental build's: see `_pooled_after`)."""
    from linkedin_ssi.models.analysis import build_correlations, document_member_tables  # the statistics: builds only
    from linkedin_ssi.models.claims import build_claim_tests, document_claim_tables

    models = load_models()
    before, after = split_models(models)
    raw_files, ssi_parts = raw_part_files(parts)
    _load_raw_layer(con, raw_files, parts, ssi_parts, params)
    if on_step:
        on_step(
            "publishing",
            1,
            4,
            f"raw tables over {len(scan.manifest_names())} export(s) and {len(scan.ssi)} SSI import(s)",
        )
    sources = {name: parquet_select(parts.table_files(name)) for name in before if name in parts.schemas}
    run_models(con, before, sources=sources)
    for name in ANALYSIS_PARTS:
        con.execute(f"create view {name} as {parquet_select(parts.table_files(name))}")
    document_member_tables(con, "view")
    document_claim_tables(con, "view")
    if on_step:
        on_step(
            "publishing",
            2,
            4,
            f"{len(sources)} per-member models over their parts, {len(before) - len(sources)} computed",
        )
    tests = build_correlations(con, params)
    claims = build_claim_tests(con, params)
    if on_step:
        on_step("publishing", 3, 4, f"marts.pillar_correlations: {tests:,} tests, marts.claim_tests: {claims:,} rows")
    _pooled_after(con, parts, after, previous)
    if on_step:
        on_step("publishing", 4, 4, f"{len(after)} models over the analysis")


@dataclass
class Previous:
    """The published warehouse an incremental build follows, and the members it computed again (changed, added or
    gone): what the pooled pairs can be carried over from (`_reused_observations`)."""

    path: Path
    members: set[str]


def _pooled_after(
    con: duckdb.DuckDBPyConnection, parts: Parts, after: dict[str, Model], previous: Previous | None = None
) -> None:
    """Create the models after the analysis as views: the members' rows from their parts (`build_members`) and the
    team's pooled 'all' rows, computed here over the pooled tests only and kept in `intermediate.int_pooled_<model>`.
    With `previous`, the pooled pairs of unchanged strongest cells are carried over (`_reused_observations`)."""
    from linkedin_ssi.models.analysis import correlations_view

    con.execute(f"create or replace view marts.pillar_correlations as select * from {POOLED_CORRELATIONS}")
    run_models(con, {n: m for n, m in after.items() if n != PAIRS}, document=False)
    if PAIRS in after:
        pairs = after[PAIRS]
        reused = _reused_observations(con, parts, previous) if previous else None
        if reused:
            pairs = replace(pairs, sql=pairs.sql.replace(OBSERVATIONS, reused))
        run_models(con, {PAIRS: pairs}, document=False)
        if reused:
            con.execute(f"drop view {reused}")
            con.unregister(REUSED_PAIRS)
    sources = {}
    for name in after:
        pooled = pooled_table(name)
        con.execute(f"create table {pooled} as select * from {name}")
        con.execute(f"drop table {name}")
        members = (
            parquet_select(parts.table_files(name)) if name in parts.schemas else f"select * from {pooled} limit 0"
        )
        sources[name] = f"{members} union all by name select * from {pooled}"
    correlations_view(con)
    run_models(con, after, sources=sources)
    # One batch of statements (one each: about 250 per publish).
    statements = []
    for name in after:
        pooled = pooled_table(name)
        statements.append(f"comment on table {pooled} is {_q(f'The team pooled (all) rows of {name}.')}")
        for column, comment in con.execute(
            "select column_name, comment from duckdb_columns() where schema_name = ? and table_name = ? "
            "and comment is not null",
            name.split("."),
        ).fetchall():
            statements.append(f'comment on column {pooled}."{column}" is {_q(comment)}')
    con.execute(";\n".join(statements))


def _reused_observations(con: duckdb.DuckDBPyConnection, parts: Parts, previous: Previous) -> str | None:
    """When the team's strongest cells (`marts.strongest_cells`' pooled rank-1 rows, just computed in `con`) are the
    ones `previous.path` published, create a temporary view of just the observations their pooled pairs need: the
    published pooled pairs of every member not in `previous.members`, and those members' observations from their new
    parts. Return its name, or None (other cells, or no usable published warehouse): the pairs then read every
    observation, the team's 35 million at 1,000 members x 12 (0.6 s of each publish).

    The same rows as the full scan: an unchanged member's observations are the ones the published pairs were made
    of (an incremental build has the published build's SQL, parameters and version)."""
    cells = "select distinct pillar, proxy, window_days, lag_days, measure from {} where strength_rank = 1"
    now = set(con.execute(cells.format("marts.strongest_cells")).fetchall())
    try:
        with duckdb.connect(str(previous.path), read_only=True) as old:
            if set(old.execute(cells.format(POOLED_CELLS)).fetchall()) != now:
                return None
            kept = old.sql(
                f"select pair_member as member, {PAIR_COLUMNS} from {POOLED_PAIRS} "
                "where not list_contains(?::varchar[], pair_member)",
                params=[sorted(previous.members)],
            ).to_arrow_table()
    except duckdb.Error:  # none published, or one without the pooled tables: every observation is read
        return None
    count = parts.buckets_of(OBSERVATIONS)
    files = sorted(
        {parts.files[key] for m in previous.members if (key := (OBSERVATIONS, bucket_of(m, count))) in parts.files}
    )
    listed = ", ".join(_q(m) for m in sorted(previous.members))
    con.register(REUSED_PAIRS, kept)
    name = "pooled_pairs_observations"
    con.execute(
        f"create temp view {name} as select * from {REUSED_PAIRS} union all by name "
        f"select member, {PAIR_COLUMNS} from ({parquet_select([*files, parts.schemas[OBSERVATIONS]])}) "
        f"where list_contains([{listed}]::varchar[], member)"
    )
    return name


def shared_views(models: dict[str, Model]) -> frozenset[str]:
    """Return the views of `models` that two or more of them read: a member build computes each once, as a table of
    its connection only (not a part: the published warehouse keeps them views). The three conversation models each
    read a recruiter's million messages again through intermediate.int_messages_threaded otherwise (about 1 s each)."""
    return frozenset(
        name
        for name, model in models.items()
        if model.materialized == "view" and sum(name in other.refs for other in models.values()) > 1
    )


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


def raw_part_files(parts: Parts) -> tuple[dict[str, list[Path]], list[Path]]:
    """Return ({lake table: the part files of its raw table}, the part files of raw.ssi__scores): what `_load_raw_layer`
    reads at a publish. A table no member has lake files of any more (a generic one of a forgotten member) is left
    out, as a build from the lake would."""
    in_lake = set(parts.lake_files())
    known = {s.table for s in TABLES} | {"articles", "quarantine", KEPT_AS_TEXT_TABLE}
    files: dict[str, list[Path]] = {}
    for name in parts.schemas:
        if name.startswith("raw.linkedin__"):
            table = name.removeprefix("raw.linkedin__")
        elif name in ("raw.quarantine", f"raw.{KEPT_AS_TEXT_TABLE}"):
            table = name.removeprefix("raw.")
        else:
            continue
        if table in known or table in in_lake:
            files[table] = [Path(p) for p in parts.table_files(name)]
    ssi = [Path(p) for p in parts.table_files("raw.ssi__scores")] if "raw.ssi__scores" in parts.schemas else []
    return files, ssi


def _load_raw_layer(
    con: duckdb.DuckDBPyConnection,
    files: dict[str, list[Path]],
    ledgers: tuple[pl.DataFrame, pl.DataFrame] | Parts,
    ssi: list[Path],
    params: AnalysisParams,
    members: set[str] | None = None,
    document: bool = True,
) -> dict[str, Path]:
    """Create the raw and config schemas: views over `files` (lake files, or a publish's raw parts), the ledgers
    (raw.exports and raw.load_ledger: frames made from manifests, or views over the `Parts` a build wrote of them),
    the SSI scores (of `members` only, when given), the parameters. Return {raw table: its one file} for the raw
    tables that are one file as it is (`_load_raw`). `document=False`: no comments (a member build's tables are
    written as parts, which keep none)."""
    for schema in ("raw", "config", "staging", "intermediate", "marts"):
        con.execute(f"create schema if not exists {schema}")
    lineage = schema_of(LINEAGE)
    plain: dict[str, Path | None] = {}
    comments: list[tuple[str, str, dict[str, str]]] = []
    for spec in TABLES:
        plain[f"raw.linkedin__{spec.table}"] = _load_raw(
            con,
            f"linkedin__{spec.table}",
            files.get(spec.table, []),
            _empty({**output_schema(spec), **{c: lineage[c] for c in RAW_LINEAGE_ORDER}}),
        )
        comments.append((f"raw.linkedin__{spec.table}", spec.description, describe_columns(spec)))
    _load_raw(
        con,
        "linkedin__articles",
        files.get("articles", []),
        _empty({**schema_of(ARTICLE_COLUMNS), "_source_line": pl.Int64, "_source_file": pl.String, **lineage}),
    )
    comments.append(("raw.linkedin__articles", ARTICLES_DESCRIPTION, docs_of(ARTICLE_COLUMNS + LINEAGE)))
    known = {s.table for s in TABLES} | {"articles", "quarantine", KEPT_AS_TEXT_TABLE}
    generic = sorted(t for t in files if t not in known)
    for table in generic:
        plain[f"raw.linkedin__{table}"] = _load_raw(
            con, f"linkedin__{table}", files[table], _empty({"_source_line": pl.Int64, **lineage}), unknown_first=True
        )
    if generic and document:
        # The generic tables' columns, in one look at the catalog (one per table: 45 of them at 1,000 members).
        columns: dict[str, list[str]] = {}
        for table, column in con.execute(
            "select table_name, column_name from duckdb_columns() where schema_name = 'raw' and table_name in ? "
            "order by table_name, column_index",
            [[f"linkedin__{t}" for t in generic]],
        ).fetchall():
            columns.setdefault(table, []).append(column)
        for table in generic:
            docs = {c: GENERIC_COLUMN_DESCRIPTION for c in columns.get(f"linkedin__{table}", [])} | docs_of(LINEAGE)
            comments.append((f"raw.linkedin__{table}", GENERIC_DESCRIPTION, docs))
    if isinstance(ledgers, Parts):
        for name in LEDGER_PARTS:
            con.execute(f"create view {name} as {parquet_select(ledgers.table_files(name))}")
    else:
        exports, ledger = ledgers
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
        comments.append((name, description, docs_of(ledger_columns)))
    con.execute(
        "create table raw.generic_tables as select unnest(?::varchar[]) as table_name",
        [[f"raw.linkedin__{t}" for t in generic]],
    )
    comments.append(
        (
            "raw.generic_tables",
            "Raw tables made from CSVs the registry does not know.",
            {"table_name": "Qualified name of the generic raw table."},
        )
    )
    only = f"where member in ({', '.join(_q(m) for m in sorted(members))})" if members is not None else ""
    _load_raw(con, "ssi__scores", ssi, _empty(schema_of(SSI_COLUMNS + SSI_IMPORT_LINEAGE)), only)
    comments.append(("raw.ssi__scores", SSI_DESCRIPTION, docs_of(SSI_COLUMNS + SSI_IMPORT_LINEAGE)))
    if document:
        _comment_tables(con, comments)
    write_params(con, params)
    con.execute((SQL_DIR / "macros.sql").read_text())
    return {name: path for name, path in plain.items() if path is not None}
