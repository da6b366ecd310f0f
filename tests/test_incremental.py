"""The incremental, per-member build equals the full rebuild, row for row, for every table and view of the warehouse,
after a seeded random sequence of loads, reloads, SSI imports and a member's deletion; and it computes only the
members whose lake files changed."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import duckdb
import pytest
from linkedin_ssi.ingest.load import load_export
from linkedin_ssi.ingest.ssi_store import import_ssi_file
from linkedin_ssi.models.params import AnalysisParams
from linkedin_ssi.models.partitions import BUCKETS, bucket_of, read_meta
from linkedin_ssi.models.warehouse import build_database, needs_build, warehouse_path
from linkedin_ssi.presenting.publish import publish

from tests.support import forget_member, monthly_exports, snapshot

MEMBERS, MONTHS, SCALE, SEED = 3, 3, 0.05, 11
# One window and lag, few permutations: the statistics' cost stays small and every code path still runs (member tests,
# permutation p-values, pooled rows).
PARAMS = AnalysisParams(windows=(28,), lags=(0,), max_permutations=500)


@pytest.fixture(scope="module")
def team(tmp_path_factory) -> dict[str, list[Path]]:
    """Each member's monthly exports, oldest first."""
    return monthly_exports(tmp_path_factory.mktemp("team"), MEMBERS, SCALE, SEED, MONTHS)


def full_rebuild(home: Path, scratch: Path) -> dict[str, list[str]]:
    """Return the snapshot of a warehouse built from nothing out of a copy of `home`'s lake."""
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(home / "lake", scratch / "lake")
    built = build_database(scratch, PARAMS, scratch / "full.duckdb")
    assert not built.incremental
    return snapshot(built.path)


def assert_same(incremental: dict[str, list[str]], full: dict[str, list[str]]) -> None:
    assert incremental.keys() == full.keys()
    differ = [name for name in full if incremental[name] != full[name]]
    assert not differ, f"incremental build differs from the full rebuild in {differ}"


def test_incremental_equals_full_after_random_loads_reloads_imports_and_a_deletion(team, tmp_path, monkeypatch):
    import linkedin_ssi.models.partitions as partitions

    # Few rows per bucket: the larger tables get more than 32 buckets (as a big team's do), kept by every later build.
    monkeypatch.setattr(partitions, "ROWS_PER_BUCKET", 1)
    rng = random.Random(SEED)
    home, scratch = tmp_path / "home", tmp_path / "scratch"
    members = sorted(team)
    loaded = {m: 0 for m in members}  # exports loaded per member (oldest first)
    imported: set[str] = set()
    # Every kind of change at least once, in a seeded random order; the deletion last but one, then a load after it.
    ops = ["load", "load", "reload", "ssi"]
    rng.shuffle(ops)
    ops = ["load", "ssi", *ops, "forget", "load", "nothing"]
    gone: set[str] = set()
    for step, op in enumerate(ops):
        live = [m for m in members if m not in gone]
        if op == "load":
            member = rng.choice([m for m in live if loaded[m] < MONTHS] or live)
            load_export(home, team[member][min(loaded[member], MONTHS - 1)])
            loaded[member] += 1
            expect = {member}
        elif op == "reload":
            member = rng.choice([m for m in live if loaded[m]])
            load_export(home, team[member][rng.randrange(loaded[member])], reload=True)
            expect = {member}
        elif op == "ssi":
            member = rng.choice([m for m in live if m not in imported])
            import_ssi_file(home, team[member][0].parent / "ssi_scores.csv", member)
            imported.add(member)
            expect = {member}
        elif op == "forget":
            member = rng.choice([m for m in live if loaded[m]])
            forget_member(home, member)
            gone.add(member)
            expect = set()  # a member with nothing left has no parts to compute
        else:
            expect = set()
        assert needs_build(home) == (op != "nothing"), (step, op)
        published = publish(home, PARAMS)
        meta = read_meta(warehouse_path(home))
        assert meta is not None and not needs_build(home)
        assert max(meta.parts.buckets.values(), default=32) > 32
        assert_same(snapshot(warehouse_path(home)), full_rebuild(home, scratch))
        if step:  # the first publish has nothing to start from: it computes everyone
            assert published.members_built == sorted(expect), (step, op)
    with duckdb.connect(str(warehouse_path(home)), read_only=True) as con:
        members_left = {r[0] for r in con.execute("select distinct member from raw.exports").fetchall()}
    assert members_left == {m for m in members if loaded[m]} - gone


def test_parts_are_bucketed_by_member_and_a_change_rewrites_only_its_bucket(team, tmp_path):
    home = tmp_path / "home"
    for member in sorted(team):
        load_export(home, team[member][0])
    publish(home, PARAMS)
    before = read_meta(warehouse_path(home))
    assert before is not None
    buckets = {b for (_, b) in before.parts.files}
    assert buckets == {bucket_of(m) for m in team} and all(0 <= b < BUCKETS for b in buckets)
    member = sorted(team)[0]
    load_export(home, team[member][1])
    publish(home, PARAMS)
    after = read_meta(warehouse_path(home))
    assert after is not None
    changed = {key for key, path in after.parts.files.items() if before.parts.files.get(key) != path}
    assert changed and {b for (_, b) in changed} == {bucket_of(member)}
    # The replaced parts are retired, not deleted: a reader of the previous warehouse still reads them.
    replaced = [before.parts.files[key] for key in changed if key in before.parts.files]
    assert replaced and all(p in after.parts.retired and Path(p).exists() for p in replaced)
    # A full build writes `_bucket=NN/part_0.parquet`: no `_bucket` column may come from those paths, in a view or in
    # a bucket rewritten from one.
    with duckdb.connect(str(warehouse_path(home)), read_only=True) as con:
        bucket_columns = con.execute(
            "select schema_name, table_name from duckdb_columns() where column_name = '_bucket'"
        ).fetchall()
    assert bucket_columns == []
    for key in changed:
        part = after.parts.files[key]
        assert "_bucket" not in [c[0] for c in duckdb.sql(f"select * from read_parquet('{part}') limit 0").description]


def test_the_pooled_pairs_of_unchanged_strongest_cells_are_carried_over_and_equal_the_full_scan(
    team, tmp_path, monkeypatch
):
    import os

    import linkedin_ssi.models.warehouse as warehouse

    home = tmp_path / "home"
    for member in sorted(team):
        load_export(home, team[member][0])
        import_ssi_file(home, team[member][0].parent / "ssi_scores.csv", member)
    publish(home, PARAMS)
    reused: list[str | None] = []
    real = warehouse._reused_observations
    monkeypatch.setattr(warehouse, "_reused_observations", lambda *a: reused.append(real(*a)) or reused[-1])
    # One member's lake file touched: computed again, the same observations, so the same strongest cells.
    member = sorted(team)[0]
    manifest = next(
        p for p in sorted((home / "lake" / "manifests").glob("*.json")) if f'"member": "{member}"' in p.read_text()
    )
    os.utime(manifest)
    assert publish(home, PARAMS).members_built == [member]
    assert reused and reused[-1] is not None  # carried over, not a scan of every observation
    with duckdb.connect(str(warehouse_path(home)), read_only=True) as con:
        pairs = con.execute(
            "select count(distinct pair_member), count(*) from marts.strongest_cell_pairs where member = 'all'"
        ).fetchall()[0]
    assert pairs[0] == len(team) and pairs[1] > 0  # every member's pairs, the changed one's from its new parts
    assert_same(snapshot(warehouse_path(home)), full_rebuild(home, tmp_path / "scratch"))
    # A month more of that member: carried over or scanned, the same rows as a full build.
    load_export(home, team[member][1])
    publish(home, PARAMS)
    assert len(reused) == 2
    assert_same(snapshot(warehouse_path(home)), full_rebuild(home, tmp_path / "scratch"))
