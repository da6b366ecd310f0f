"""write_parts' incremental rewrite of one bucket, on a table of two members who share a bucket."""

from __future__ import annotations

from itertools import count

import duckdb
import polars as pl
import pytest
from linkedin_ssi.models.partitions import bucket_of, write_parts


def two_members_of_one_bucket() -> tuple[str, str]:
    """Return two member keys whose rows share a bucket."""
    seen: dict[int, str] = {}
    for i in count():
        member = f"member-{i}"
        if bucket_of(member) in seen:
            return seen[bucket_of(member)], member
        seen[bucket_of(member)] = member
    raise AssertionError("unreachable")


def test_a_bucket_is_kept_as_it_is_when_the_member_has_no_row_before_or_after(tmp_path):
    ann, bob = two_members_of_one_bucket()
    bucket = bucket_of(ann)
    con = duckdb.connect()
    con.register("ann_rows", pl.DataFrame({"member": [ann, ann], "x": [1, 2]}))
    con.execute("create table t as select * from ann_rows")
    first = write_parts(con, {"t": "member"}, tmp_path / "b1")
    old = first.files[("t", bucket)]
    # Bob's build: no row of his in t, none in the old part either: the part is reused, not rewritten or retired.
    con.execute("create or replace table t as select * from ann_rows limit 0")
    kept = write_parts(con, {"t": "member"}, tmp_path / "b2", members={bob}, previous=first)
    assert kept.files[("t", bucket)] == old and kept.rows[("t", bucket)] == 2 and old not in kept.retired
    assert list((tmp_path / "b2" / "t").iterdir()) == []
    # Bob with a row: the bucket is written again with Ann's rows and his, the old part retired.
    con.register("bob_rows", pl.DataFrame({"member": [bob], "x": [3]}))
    con.execute("create or replace table t as select * from bob_rows")
    written = write_parts(con, {"t": "member"}, tmp_path / "b3", members={bob}, previous=first)
    new = written.files[("t", bucket)]
    assert new != old and old in written.retired and written.rows[("t", bucket)] == 3
    assert sorted(duckdb.sql(f"select member, x from '{new}'").fetchall()) == sorted([(ann, 1), (ann, 2), (bob, 3)])


def test_an_incremental_write_gives_the_same_parts_on_one_thread_or_several(tmp_path, monkeypatch):
    import linkedin_ssi.models.partitions as partitions

    ann, bob = two_members_of_one_bucket()
    con = duckdb.connect()
    for k in range(6):  # tables written two at a time, each on its own cursor of the build's database
        con.register("rows", pl.DataFrame({"member": [ann, ann, bob], "x": [k, k + 1, k + 2]}))
        con.execute(f"create table t{k} as select * from rows")
    tables = {f"t{k}": "member" for k in range(6)}
    first = write_parts(con, tables, tmp_path / "full")
    for k in range(6):
        con.execute(f"delete from t{k} where member = '{ann}'")
    written = {}
    for threads in (1, 2):
        monkeypatch.setattr(partitions, "WRITE_THREADS", threads)
        parts = write_parts(con, tables, tmp_path / f"threads-{threads}", members={bob}, previous=first)
        written[threads] = (
            {k: duckdb.sql(f"select * from '{p}' order by all").fetchall() for k, p in parts.files.items()},
            parts.rows,
            sorted(parts.retired),
        )
    assert written[1] == written[2]
    contents, rows, retired = written[2]
    bucket = bucket_of(bob)
    # Ann's rows from the old part, Bob's from the build (only Bob was built).
    assert contents[("t3", bucket)] == sorted([(ann, 3), (ann, 4), (bob, 5)]) and rows[("t3", bucket)] == 3
    assert retired == sorted(first.files.values())


def test_a_large_table_gets_more_buckets_and_keeps_them_in_incremental_builds(tmp_path, monkeypatch):
    import linkedin_ssi.models.partitions as partitions

    # 1 row per bucket wanted: 40 members' rows need 64 buckets, a table of 3 rows keeps 32.
    monkeypatch.setattr(partitions, "ROWS_PER_BUCKET", 1)
    members = [f"member-{i}" for i in range(40)]
    con = duckdb.connect()
    con.register("rows", pl.DataFrame({"member": members, "x": list(range(40))}))
    con.execute("create table big as select * from rows")
    con.execute("create table small as select * from rows limit 3")
    full = write_parts(con, {"big": "member", "small": "member"}, tmp_path / "full")
    assert full.buckets == {"big": 64} and full.buckets_of("small") == 32
    assert {b for (t, b) in full.files if t == "big"} == {bucket_of(m, 64) for m in members}
    for (table, bucket), path in full.files.items():
        count = full.buckets_of(table)
        held = members if table == "big" else members[:3]
        assert {r[0] for r in duckdb.sql(f"select member from '{path}'").fetchall()} == {
            m for m in held if bucket_of(m, count) == bucket
        }
    # Whole buckets of 32 hold whole buckets of 64 (groups of whole buckets stay whole).
    assert all(bucket_of(m, 256) % 32 == bucket_of(m, 64) % 32 == bucket_of(m) for m in members)
    # One member changed: its bucket among 64 is rewritten, the count kept (never decided again by rows).
    con.execute("create or replace table big as select 'member-7' as member, 100 as x")
    con.execute("create or replace table small as select * from rows where member = 'member-7'")
    again = write_parts(con, {"big": "member", "small": "member"}, tmp_path / "inc", {"member-7"}, full)
    assert again.buckets == {"big": 64} and {b for (t, b) in again.files if t == "big"} == {bucket_of("member-7", 64)}
    merged = partitions.merge(full, again)
    assert merged.buckets == {"big": 64}
    rows = duckdb.sql(
        f"select * from read_parquet({[p for (t, _), p in merged.files.items() if t == 'big']}) order by x"
    ).fetchall()
    assert rows == [(m, i) for i, m in enumerate(members) if m != "member-7"] + [("member-7", 100)]
    # The count is part of the build record.
    record = duckdb.connect(str(tmp_path / "w.duckdb"))
    partitions.write_meta(record, merged, {}, {}, "f")
    record.close()
    meta = partitions.read_meta(tmp_path / "w.duckdb")
    assert meta is not None and meta.parts.buckets == {"big": 64} and meta.parts.files == merged.files


def test_an_incremental_write_that_fails_on_one_table_raises_its_error_after_the_others_end(tmp_path, monkeypatch):
    import linkedin_ssi.models.partitions as partitions

    ann, bob = two_members_of_one_bucket()
    con = duckdb.connect()
    con.register("rows", pl.DataFrame({"member": [ann, bob], "x": [1, 2]}))
    tables = {}
    for k in range(4):
        con.execute(f"create table t{k} as select * from rows")
        tables[f"t{k}"] = "member"
    first = write_parts(con, tables, tmp_path / "full")
    real, ended = partitions._rewrite_buckets, []

    def failing(cursor, table, *args):
        if table == "t1":
            raise OSError(28, "No space left on device")
        written = real(cursor, table, *args)
        ended.append(table)
        return written

    monkeypatch.setattr(partitions, "_rewrite_buckets", failing)
    with pytest.raises(OSError, match="No space left on device"):
        write_parts(con, tables, tmp_path / "inc", members={bob}, previous=first)
    assert sorted(ended) == ["t0", "t2", "t3"]  # every other table ended before the cursors closed


def test_member_columns_finds_each_tables_member_column_in_one_look():
    from linkedin_ssi.models.partitions import member_columns

    con = duckdb.connect()
    con.execute("create schema s")
    con.execute("create table s.a as select 'm' as _member, 'x' as member, 1 as v")  # _member comes first
    con.execute("create table s.b as select 'm' as member, 1 as v")
    con.execute("create view s.c as select member, v from s.b")
    con.execute("create table s.d as select 1 as v")  # no member: left out
    assert member_columns(con, ["s.d", "s.c", "s.b", "s.a", "s.missing"]) == {
        "s.c": "member",
        "s.b": "member",
        "s.a": "_member",
    }


def test_collect_retired_deletes_old_retired_parts_and_old_folders_no_part_lives_in(tmp_path):
    import os

    from linkedin_ssi.models.partitions import RETIRE_AFTER, Parts, collect_retired, parts_root

    root = parts_root(tmp_path)
    now = 1_000_000_000.0
    folders = {}
    for name in ("live", "schemas-only", "retired-recently", "retired-long-ago", "unread-old", "unread-new"):
        folders[name] = root / name
        (folders[name] / "t").mkdir(parents=True)
        (folders[name] / "t" / "bucket-00.parquet").write_bytes(b"part")
    for name, folder in folders.items():
        # A build folder's age is its modification time: only the new one was made within the hour.
        age = 0 if name == "unread-new" else RETIRE_AFTER + 1
        os.utime(folder, (now - age, now - age))
    part = lambda name: str(folders[name] / "t" / "bucket-00.parquet")  # noqa: E731
    parts = Parts(
        files={("t", 0): part("live")},
        schemas={"t": str(folders["schemas-only"] / "t.columns.parquet")},
        retired={part("retired-recently"): now - 10, part("retired-long-ago"): now - RETIRE_AFTER},
    )
    kept = collect_retired(tmp_path, parts, now=now)
    assert kept.retired == {part("retired-recently"): now - 10}
    assert kept.files == parts.files and kept.schemas == parts.schemas
    assert sorted(p.name for p in root.iterdir()) == ["live", "retired-recently", "schemas-only", "unread-new"]
    # The folder of the part retired long ago held nothing else alive: it went with its part.
    assert not (folders["retired-long-ago"] / "t" / "bucket-00.parquet").exists()
