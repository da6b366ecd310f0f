"""The warehouse's member partitions: every per-member table as Parquet files by member bucket, and their record.

A build computes the SQL models either for the whole team at once (a full build) or only for the members whose lake
files changed (an incremental build; see models.lake_scan). Each per-member table is stored as at most `BUCKETS`
Parquet files under `<home>/warehouse/parts/<build id>/<table>/`, a member's rows always in the bucket its name hashes
to: few enough files that the published views bind in milliseconds, and an incremental build rewrites only the buckets
of the members that changed (the bucket's other members' rows copied as they were, the changed members' rows new).
Part files are written once and never changed; the published warehouse's views list them by path. A part a newer
build replaced is retired (recorded with the time) and deleted only `RETIRE_AFTER` later, so a reader still holding
an older warehouse file keeps working.

What the published warehouse was built from lives in its `meta` schema (`meta.parts`, `meta.lake_files`,
`meta.manifests`, `meta.ssi_files`, `meta.retired`, `meta.build`): the next build reads it instead of the lake's
thousands of manifests.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

import duckdb
from linkedin_ssi.models.lake_scan import Entries

PARTS = "parts"
# Long enough for any reader that opened the previous warehouse to finish its queries.
RETIRE_AFTER = 3600.0
# The column a per-member table is partitioned on, in order of preference.
MEMBER_COLUMNS = ("_member", "member")
# Buckets per table: a view over a few dozen files binds in milliseconds (one file per member of a 1,000-member team
# takes seconds per view), and one member's change rewrites 1/BUCKETS of the team's rows.
BUCKETS = 32
# A full build gives a large table more buckets (doubling up to MAX_BUCKETS) until each holds about ROWS_PER_BUCKET
# rows: a 1,000-member team's 35 million observations in 32 buckets made every incremental build read and write a
# million rows per big table for one member. Powers of two times BUCKETS: each of those buckets lies within one of the
# 32 (a hash modulo 256, taken modulo 32, is the hash modulo 32), so groups of whole 32-buckets stay whole.
ROWS_PER_BUCKET = 100_000
MAX_BUCKETS = 256
# Tables an incremental build writes at once (`write_parts`).
WRITE_THREADS = 2
META_COLUMN_DOCS = {
    "table_name": "Qualified table the file belongs to (a per-member table, or a raw table of the lake).",
    "bucket": "Member bucket (models.partitions.bucket_of) whose rows the part holds.",
    "path": "Absolute path of the Parquet file.",
    "member_column": "The table's member column (_member or member).",
    "rows": "Rows in the part.",
    "member": "Member the lake files belong to.",
    "retired_at": "When a newer build replaced the file (seconds since 1970); it is deleted an hour later.",
    "name": "File name in the lake folder (compaction records prefixed compactions/).",
    "mtime_ns": "The file's modification time when the build read it (nanoseconds since 1970).",
    "size": "The file's size in bytes when the build read it.",
    "members": "Members the file holds rows of.",
    "buckets": "Member buckets of the table (models.partitions.bucket_of): 32, or more for a large table.",
    "fingerprint": "Hash of the SQL models, the package version and the analysis parameters.",
}
META_DOCS = {
    "parts": "Build record: one row per per-member table and member bucket, the Parquet part holding its rows.",
    "part_schemas": "Build record: a 0-row Parquet file of each per-member table's columns.",
    "lake_files": "Build record: the lake files each member's raw rows were read from (into the raw parts).",
    "retired": "Build record: part files replaced by a newer build, deleted an hour after (readers of older copies).",
    "manifests": "Build record: the lake manifests this build read (name, modification time, size, member).",
    "ssi_files": "Build record: the SSI files this build read (name, modification time, size, members).",
    "build": "Build record: the fingerprint of the SQL models, parameters and version the parts were built with.",
}


def bucket_of(member: str, buckets: int = BUCKETS) -> int:
    """Return the bucket of `member`'s rows among `buckets`: the same on every machine and run (not Python's salted
    `hash`)."""
    return int.from_bytes(hashlib.blake2b(member.encode(), digest_size=4).digest(), "little") % buckets


def buckets_for(rows: int) -> int:
    """Return the buckets a full build gives a table of `rows` rows (see ROWS_PER_BUCKET)."""
    buckets = BUCKETS
    while buckets < MAX_BUCKETS and rows > buckets * ROWS_PER_BUCKET:
        buckets *= 2
    return buckets


@dataclass
class Parts:
    """Where each bucket of members' rows of each per-member table is, and the lake files each member's raw views
    read."""

    files: dict[tuple[str, int], str] = field(default_factory=dict)  # (table, bucket) -> part path
    schemas: dict[str, str] = field(default_factory=dict)  # table -> a 0-row Parquet file of its columns
    columns: dict[str, str] = field(default_factory=dict)  # table -> its member column
    lake: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # (member, raw table) -> lake files
    retired: dict[str, float] = field(default_factory=dict)  # path -> when it was replaced (epoch seconds)
    rows: dict[tuple[str, int], int] = field(default_factory=dict)  # (table, bucket) -> rows in its part
    buckets: dict[str, int] = field(default_factory=dict)  # table -> its bucket count, when not BUCKETS

    def without_lake(self, members: set[str]) -> Parts:
        """Return these parts without `members`' lake lists (their new ones come with their new parts)."""
        lake = {k: v for k, v in self.lake.items() if k[0] not in members}
        return Parts(
            dict(self.files),
            dict(self.schemas),
            dict(self.columns),
            lake,
            dict(self.retired),
            dict(self.rows),
            dict(self.buckets),
        )

    def buckets_of(self, table: str) -> int:
        """Return how many member buckets `table` is stored in."""
        return self.buckets.get(table, BUCKETS)

    def retire_all(self) -> dict[str, float]:
        """Return the retired files plus every part and schema file of these parts, retired now."""
        now = time.time()
        return self.retired | dict.fromkeys([*self.files.values(), *self.schemas.values()], now)

    def table_files(self, table: str) -> list[str]:
        """Return the part files of `table`, then its 0-row schema file (the columns when no member has a row).

        The schema file last: DuckDB estimates a multi-file scan's rows from its first file, and a first file of 0
        rows made every join with a per-member view build its hash table on the view's side (a publish's pooled
        strongest-cell pairs: 0.70 s instead of 0.05 s)."""
        return [*sorted(p for (t, _), p in self.files.items() if t == table), self.schemas[table]]

    def table_rows(self) -> dict[str, int]:
        """Return {per-member table: rows over every member}."""
        out = dict.fromkeys(self.schemas, 0)
        for (table, _), n in self.rows.items():
            out[table] += n
        return out

    def lake_files(self) -> dict[str, list[str]]:
        """Return {raw table: every member's lake files}."""
        out: dict[str, list[str]] = {}
        for (_, table), paths in sorted(self.lake.items()):
            out.setdefault(table, []).extend(paths)
        return out


def parts_root(warehouse_dir: Path) -> Path:
    return warehouse_dir / PARTS


def new_build_dir(warehouse_dir: Path) -> Path:
    """Return a new, empty folder for one build's part files (named by time and process, so never reused)."""
    path = parts_root(warehouse_dir) / f"{time.time_ns()}-{os.getpid()}"
    path.mkdir(parents=True)
    return path


def member_columns(con: duckdb.DuckDBPyConnection, qualified: list[str]) -> dict[str, str]:
    """Return {table: the column it is partitioned on (`_member` or `member`)} for those of `qualified` that have one
    (a table of no member is left out). One look at the catalog: one per table cost a build about 0.15 s."""
    found: dict[str, set[str]] = {}
    for schema, table, column in con.execute(
        "select schema_name, table_name, column_name from duckdb_columns() where column_name in ?",
        [list(MEMBER_COLUMNS)],
    ).fetchall():
        found.setdefault(f"{schema}.{table}", set()).add(column)
    return {name: next(c for c in MEMBER_COLUMNS if c in found[name]) for name in qualified if name in found}


def _q(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def write_parts(
    con: duckdb.DuckDBPyConnection,
    tables: dict[str, str],
    target: Path,
    members: set[str] | None = None,
    previous: Parts | None = None,
    links: dict[str, Path] | None = None,
    on_table=None,
) -> Parts:
    """Write each of `tables` ({qualified: member column}) of `con` as Parquet parts by member bucket under `target`,
    plus a 0-row file of its columns; return the parts written (and, in `retired`, the previous parts they replace).
    `on_table(done, total, table)` is called after each table of a full build (`members` None: minutes for a large
    team; an incremental build's few buckets take well under a second).
    `links` ({table: a Parquet file holding exactly its rows and columns}): a table of one bucket is a hard link to
    its file instead of a copy (an individual's raw tables are their lake files: 1.3 million messages are not
    written again).

    `members` None: `con` holds the whole team, every bucket is written. Otherwise `con` holds exactly `members`
    (changed, added or gone), and only their buckets are written: each is the `previous` bucket's rows of other members
    plus `con`'s rows. A bucket left with no row has no file (and is absent from the result's `files`).
    """
    parts = Parts(columns=dict(tables))
    now = time.time()
    for table in tables:
        (target / table).mkdir(parents=True)
        parts.schemas[table] = str(target / f"{table}.columns.parquet")
    if members is None:
        for done, (table, column) in enumerate(tables.items(), start=1):
            _write_schema(con, table, Path(parts.schemas[table]))
            _write_all_buckets(con, table, column, target / table, parts, (links or {}).get(table))
            if on_table:
                on_table(done, len(tables), table)
        return parts
    # An incremental build writes a few small files per table, each COPY on one thread: two tables at a time, each
    # on its own cursor of the build's database, keep both cores busy (the results are merged here, in order).
    cursors = [con.cursor() for _ in range(WRITE_THREADS)]
    free = list(cursors)
    lock = threading.Lock()

    def write(item: tuple[str, str]) -> Parts:
        with lock:
            cursor = free.pop()
        try:
            table, column = item
            _write_schema(cursor, table, Path(parts.schemas[table]))
            return _rewrite_buckets(cursor, table, column, target / table, members, previous, now)
        finally:
            with lock:
                free.append(cursor)

    try:
        # Leaving the pool waits for every table it started (a failed one raises here, after the others ended).
        with ThreadPoolExecutor(max_workers=WRITE_THREADS) as pool:
            for written in pool.map(write, tables.items()):
                parts.files.update(written.files)
                parts.rows.update(written.rows)
                parts.retired.update(written.retired)
                parts.buckets.update(written.buckets)
    finally:
        for cursor in cursors:
            cursor.close()
    return parts


def _write_schema(con: duckdb.DuckDBPyConnection, table: str, path: Path) -> None:
    """Write the 0-row Parquet file of `table`'s columns at `path`."""
    con.execute(f"copy (select * from {table} limit 0) to {_q(str(path))} (format parquet)")


def _rewrite_buckets(
    con: duckdb.DuckDBPyConnection,
    table: str,
    column: str,
    folder: Path,
    members: set[str],
    previous: Parts | None,
    now: float,
) -> Parts:
    """Return the parts of `table` written for the buckets of `members` (see `write_parts`): each the `previous`
    bucket's rows of other members plus `con`'s rows of `members`; a bucket where they have no row, before or now,
    is kept as it is."""
    parts = Parts()
    # A table keeps its bucket count from build to build (a full build sets it).
    count = previous.buckets_of(table) if previous and table in previous.schemas else BUCKETS
    if count != BUCKETS:
        parts.buckets[table] = count
    for bucket in sorted({bucket_of(m, count) for m in members}):
        in_bucket = sorted(m for m in members if bucket_of(m, count) == bucket)
        listed = ", ".join(_q(m) for m in in_bucket)
        # A row without a member would have no bucket to live in: the models give every row one.
        select = f"select * from {table} where {column} in ({listed})"
        old = previous.files.get((table, bucket)) if previous else None
        if not con.execute(f"select count(*) from ({select})").fetchall()[0][0] and (
            not old or not _member_rows(con, old, column, listed)
        ):
            # The members have no row here, before or now: the bucket stays as it is (no file rewritten).
            if old and previous:
                parts.files[(table, bucket)], parts.rows[(table, bucket)] = old, previous.rows[(table, bucket)]
            continue
        if old:
            select = (
                f"select * from read_parquet({_q(old)}, hive_partitioning = false) "
                f"where {column} not in ({listed}) union all by name {select}"
            )
            parts.retired[old] = now
        path = folder / f"bucket-{bucket:02d}.parquet"
        copy = f"copy ({select}) to {_q(str(path))} (format parquet, compression zstd)"
        rows = con.execute(copy).fetchall()[0][0]  # COPY answers the rows it wrote
        if rows:
            parts.files[(table, bucket)] = str(path)
            parts.rows[(table, bucket)] = rows
        else:
            path.unlink()
            parts.files[(table, bucket)] = ""  # the bucket is now empty: merge drops it
    return parts


def _member_rows(con: duckdb.DuckDBPyConnection, path: str, column: str, listed: str) -> int:
    """Return the rows of the `listed` members (SQL literals) in the part file at `path`."""
    query = f"select count(*) from read_parquet({_q(path)}, hive_partitioning = false) where {column} in ({listed})"
    return con.execute(query).fetchall()[0][0]


def _write_all_buckets(
    con: duckdb.DuckDBPyConnection, table: str, column: str, folder: Path, parts: Parts, link: Path | None = None
) -> None:
    """Write every bucket of `table` in one partitioned COPY (one statement instead of one per bucket); a table of one
    bucket with a `link` (a file of exactly its rows) becomes a hard link to it where the file system allows."""
    import polars as pl  # builds only: reading the build record (a no-op run's check) needs no polars

    members = [
        r[0] for r in con.execute(f"select distinct {column} from {table} where {column} is not null").fetchall()
    ]
    if not members:
        return
    rows = con.execute(f"select count(*) from {table}").fetchall()[0][0]
    count = buckets_for(rows)
    if count != BUCKETS:
        parts.buckets[table] = count
    buckets = {bucket_of(m, count) for m in members}
    if len(buckets) == 1:
        # One bucket (one member: an individual's home, the heavy export): a plain COPY. The partitioned one below
        # joins and buffers every row (22 s instead of 3 s for 1.3 million messages).
        bucket = buckets.pop()
        path = folder / f"bucket-{bucket:02d}.parquet"
        linked = False
        if link is not None:
            try:
                os.link(link, path)
                linked = True
            except OSError:  # another file system, or one without hard links: copied below
                pass
        if linked:
            rows = con.execute(f"select count(*) from read_parquet({_q(str(path))})").fetchall()[0][0]
        else:
            copy = f"copy (select * from {table}) to {_q(str(path))} (format parquet, compression zstd)"
            rows = con.execute(copy).fetchall()[0][0]
        parts.files[(table, bucket)] = str(path)
        parts.rows[(table, bucket)] = rows
        return
    buckets_frame = pl.DataFrame({"_m": members, "_bucket": [bucket_of(m, count) for m in members]})
    con.register("member_buckets", buckets_frame)
    # A row without a member would have no bucket to live in: the models give every row one.
    con.execute(
        f"copy (select t.*, b._bucket from {table} t join member_buckets b on t.{column} = b._m) "
        f"to {_q(str(folder))} "
        "(format parquet, compression zstd, partition_by (_bucket), filename_pattern 'part_{i}')"
    )
    con.unregister("member_buckets")
    for path in sorted(folder.glob("_bucket=*/*.parquet")):
        bucket = int(path.parent.name.split("=", 1)[1])
        parts.files[(table, bucket)] = str(path)
        parts.rows[(table, bucket)] = con.execute(f"select count(*) from read_parquet({_q(str(path))})").fetchall()[0][
            0
        ]


def merge(base: Parts, new: Parts) -> Parts:
    """Return `base` with `new`'s parts replacing the same buckets' (retiring base's), `new`'s schema files replacing
    base's, and `new`'s lake lists added."""
    now = time.time()
    retired = base.retired | new.retired
    retired |= {p: now for t, p in base.schemas.items() if t in new.schemas and new.schemas[t] != p}
    files = {k: p for k, p in (base.files | new.files).items() if p}
    rows = {k: n for k, n in (base.rows | new.rows).items() if k in files}
    columns, lake, buckets = base.columns | new.columns, base.lake | new.lake, base.buckets | new.buckets
    return Parts(files, base.schemas | new.schemas, columns, lake, retired, rows, buckets)


def parquet_select(paths: list[str], union_by_name: bool = False) -> str:
    """Return the SELECT reading `paths` as one table: the first file's columns (parts of one build fingerprint
    share them, and binding reads one footer instead of all), or matched by name across files."""
    # Never hive partitioning: a full build's parts are `_bucket=NN/part_0.parquet`, and a `_bucket` column taken
    # from their paths would join the table's columns (and, read back into a rewritten bucket, its file).
    listed = ", ".join(_q(p) for p in paths)
    return f"select * from read_parquet([{listed}], union_by_name = {union_by_name}, hive_partitioning = false)"


def write_meta(
    con: duckdb.DuckDBPyConnection, parts: Parts, manifests: Entries, ssi: Entries, fingerprint: str
) -> None:
    """Record in `con`'s `meta` schema what this build was made from (read back by `read_meta`)."""
    import polars as pl

    con.execute("create schema if not exists meta")
    frames = {
        "parts": pl.DataFrame(
            [(t, b, p, parts.columns[t], parts.rows[(t, b)]) for (t, b), p in sorted(parts.files.items())],
            schema={
                "table_name": pl.String,
                "bucket": pl.Int64,
                "path": pl.String,
                "member_column": pl.String,
                "rows": pl.Int64,
            },
            orient="row",
        ),
        "part_schemas": pl.DataFrame(
            [(t, p, parts.columns[t], parts.buckets_of(t)) for t, p in sorted(parts.schemas.items())],
            schema={"table_name": pl.String, "path": pl.String, "member_column": pl.String, "buckets": pl.Int64},
            orient="row",
        ),
        "lake_files": pl.DataFrame(
            [(m, t, p) for (m, t), paths in sorted(parts.lake.items()) for p in paths],
            schema={"member": pl.String, "table_name": pl.String, "path": pl.String},
            orient="row",
        ),
        "retired": pl.DataFrame(
            sorted(parts.retired.items()), schema={"path": pl.String, "retired_at": pl.Float64}, orient="row"
        ),
        "manifests": _entries_frame(manifests),
        "ssi_files": _entries_frame(ssi),
        "build": pl.DataFrame({"fingerprint": [fingerprint]}),
    }
    for name, frame in frames.items():
        con.register("meta_frame", frame)
        con.execute(f"create or replace table meta.{name} as select * from meta_frame")
        con.unregister("meta_frame")
    # One batch of statements (one each took a publish about 0.1 s).
    statements = []
    for name, doc in META_DOCS.items():
        statements.append(f"comment on table meta.{name} is {_q(doc)}")
        for column in frames[name].columns:
            statements.append(f"comment on column meta.{name}.{column} is {_q(META_COLUMN_DOCS[column])}")
    con.execute(";\n".join(statements))


def _entries_frame(entries: Entries):
    import polars as pl
    import pyarrow as pa

    names = sorted(entries)
    # Column by column, the member lists from flat offsets: a team's 12,000 manifests row by row took 0.4 s of every
    # publish.
    offsets = [0]
    for n in names:
        offsets.append(offsets[-1] + len(entries[n][2]))
    flat = pa.array([m for n in names for m in entries[n][2]], pa.string())
    members = pa.ListArray.from_arrays(pa.array(offsets, pa.int32()), flat)
    return pl.DataFrame(
        {
            "name": pl.Series(names, dtype=pl.String),
            "mtime_ns": pl.Series([entries[n][0] for n in names], dtype=pl.Int64),
            "size": pl.Series([entries[n][1] for n in names], dtype=pl.Int64),
            "members": pl.Series(pl.from_arrow(members), dtype=pl.List(pl.String)),
        }
    )


def _entries(con: duckdb.DuckDBPyConnection, table: str) -> Entries:
    return {n: (mt, size, tuple(ms)) for n, mt, size, ms in con.execute(f"select * from meta.{table}").fetchall()}


@dataclass
class Meta:
    """What a published warehouse was built from."""

    fingerprint: str
    parts: Parts
    manifests: Entries
    ssi: Entries


def read_manifest_entries(warehouse: Path) -> Entries | None:
    """Return the manifests (and compaction records) the warehouse at `warehouse` was built from, each with its member,
    or None when it has no record (`models.lake_scan.member_manifests` reads a member's manifests by it)."""
    if not warehouse.exists():
        return None
    try:
        with duckdb.connect(str(warehouse), read_only=True) as con:
            return _entries(con, "manifests")
    except duckdb.Error:
        return None


def read_meta(warehouse: Path) -> Meta | None:
    """Return the `meta` record of the warehouse at `warehouse`, or None when there is none (no warehouse, one built
    before partitions, one that cannot be read, or one of a home copied or moved from elsewhere): the next build is
    then a full one."""
    if not warehouse.exists():
        return None
    try:
        with duckdb.connect(str(warehouse), read_only=True) as con:
            parts = Parts()
            for table, bucket, path, column, rows in con.execute("select * from meta.parts").fetchall():
                parts.files[(table, bucket)] = path
                parts.columns[table] = column
                parts.rows[(table, bucket)] = rows
            for table, path, column, *more in con.execute("select * from meta.part_schemas").fetchall():
                parts.schemas[table] = path
                parts.columns[table] = column
                # A build record from before per-table bucket counts has none: every table in BUCKETS.
                if more and more[0] != BUCKETS:
                    parts.buckets[table] = more[0]
            for member, table, path in con.execute("select * from meta.lake_files").fetchall():
                parts.lake.setdefault((member, table), []).append(path)
            parts.retired = dict(con.execute("select * from meta.retired").fetchall())
            rows = con.execute("select fingerprint from meta.build").fetchall()
            meta = Meta(rows[0][0], parts, _entries(con, "manifests"), _entries(con, "ssi_files"))
    except (duckdb.Error, IndexError):
        return None
    # A home copied or moved elsewhere: its record points into the old place, whose files are not this home's to
    # reuse or delete. The next build is a full one.
    home = str(warehouse.parent.parent.resolve()) + os.sep
    paths = [
        *parts.files.values(),
        *parts.schemas.values(),
        *parts.retired,
        *(p for v in parts.lake.values() for p in v),
    ]
    return meta if all(p.startswith(home) for p in paths) else None


def collect_retired(warehouse_dir: Path, parts: Parts, now: float | None = None) -> Parts:
    """Delete the part files retired more than `RETIRE_AFTER` ago, and build folders no part refers to any more
    (once they are that old: a running build's folder is new); return `parts` without the deleted ones."""
    now = time.time() if now is None else now
    kept: dict[str, float] = {}
    for path, when in parts.retired.items():
        if now - when >= RETIRE_AFTER:
            Path(path).unlink(missing_ok=True)
        else:
            kept[path] = when
    root = parts_root(warehouse_dir)
    # Each build folder a part lives in, by string (a Path per part: 0.10 s of a 100-member team's publish, 0.01 s so).
    prefix = str(root) + os.sep
    live = {
        p[len(prefix) :].split(os.sep, 1)[0]
        for p in [*parts.files.values(), *kept, *parts.schemas.values()]
        if p.startswith(prefix)
    }
    if root.is_dir():
        for folder in root.iterdir():
            if folder.name not in live and now - folder.stat().st_mtime >= RETIRE_AFTER:
                shutil.rmtree(folder, ignore_errors=True)
    return replace(parts, retired=kept)


def purge_unread(warehouse: Path) -> int:
    """Delete now every part file under the published `warehouse`'s parts folder that it does not read (the parts its
    build replaced, whatever their age, and any left by a build whose record is gone, e.g. a copied home's); return how
    many. For `forget`, under the home's lock: a forgotten member's rows must not wait an hour in replaced parts, even
    if a reader of an older warehouse then fails."""
    meta = read_meta(warehouse)
    if meta is None:
        return 0
    live = {*meta.parts.files.values(), *meta.parts.schemas.values()}
    root = parts_root(Path(warehouse).parent)
    gone = [p for p in root.rglob("*.parquet") if str(p) not in live]
    for path in gone:
        path.unlink(missing_ok=True)
    for folder in sorted((d for d in root.rglob("*") if d.is_dir()), key=lambda d: -len(d.parts)):
        if not any(folder.iterdir()):
            folder.rmdir()
    return len(gone)
