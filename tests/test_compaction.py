"""Lake compaction (ingest/compaction.py): a member's six monthly exports, compacted into one file per table, read
exactly the rows they read before, lineage included; status, re-ingest and reload are unchanged; files replaced are
deleted only once nothing reads them; a compaction killed at any point leaves a lake that reads the same rows."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from linkedin_ssi.flows.cli import main
from linkedin_ssi.flows.status import collect_status
from linkedin_ssi.ingest.compaction import collect_retired, compact, member_paths, split_export
from linkedin_ssi.ingest.lake import (
    lake_health,
    manifests_dir,
    member_files,
    member_key,
    read_manifests,
    table_files,
)
from linkedin_ssi.ingest.load import load_export
from linkedin_ssi.ingest.privacy import PrivacyOptions
from linkedin_ssi.models.lake_scan import member_manifests
from linkedin_ssi.models.partitions import read_manifest_entries
from linkedin_ssi.models.warehouse import lake_files_read, warehouse_path
from linkedin_ssi.synthetic.synth import write_synthetic

MEMBERS, MONTHS, SCALE, SEED = 2, 6, 0.05, 11
NEVER = "[scale]\ncompact_after = 100\n"  # a home whose loads never compact on their own


def zips_by_member(zips: list[Path]) -> dict[str, list[Path]]:
    """Return {member folder: its ZIPs, oldest first} (the archive names carry the date as MM-DD-YYYY)."""
    out: dict[str, list[Path]] = {}
    for z in zips:
        out.setdefault(z.parent.name, []).append(z)
    return {m: sorted(zs, key=lambda z: z.stem[-4:] + z.stem[-10:-5]) for m, zs in out.items()}


@pytest.fixture(scope="module")
def history(tmp_path_factory) -> dict[str, list[Path]]:
    return zips_by_member(write_synthetic(tmp_path_factory.mktemp("months"), MEMBERS, SCALE, SEED, months=MONTHS))


@pytest.fixture(scope="module")
def plain(history, tmp_path_factory) -> Path:
    """A home where every export of the team is loaded and nothing is compacted."""
    home = tmp_path_factory.mktemp("plain") / "home"
    home.mkdir()
    (home / "settings.toml").write_text(NEVER)
    for zips in history.values():
        for z in zips:
            assert load_export(home, z).status == "loaded"
    return home


def copy_home(home: Path, target: Path) -> Path:
    return Path(shutil.copytree(home, target))


def raw_rows(home: Path) -> dict[str, tuple[list[str], list[tuple]]]:
    """Return {table: (columns, every row sorted)} of what the lake reads for every loaded export, lineage
    included: what the warehouse's raw views read."""
    out = {}
    with duckdb.connect() as con:
        for table, files in sorted(table_files(home, read_manifests(home)).items()):
            source = f"read_parquet([{', '.join(repr(str(p)) for p in files)}], union_by_name = true)"
            columns = sorted(c[0] for c in con.execute(f"select * from {source} limit 0").description)
            select = ", ".join(f'"{c}"' for c in columns)
            out[table] = (columns, con.execute(f"select {select} from {source} order by all").fetchall())
    return out


def files_per_table(home: Path) -> dict[str, dict[str, int]]:
    """Return {member: {table: files the lake reads for it}}."""
    members = sorted({m["member"] for m in read_manifests(home)})
    return {m: {t: len(ps) for t, ps in member_files(home, m).items()} for m in members}


def lake_parquet(home: Path) -> set[Path]:
    return {p for p in (home / "lake").rglob("*.parquet") if ".tmp" not in str(p)}


def in_use(home: Path) -> set[Path]:
    return {p for ps in table_files(home, read_manifests(home)).values() for p in ps}


def test_compacting_keeps_every_row_its_lineage_the_status_and_the_ledger(plain, history, tmp_path):
    home = copy_home(plain, tmp_path / "home")
    before, status, manifests = raw_rows(home), collect_status(home), read_manifests(home)
    assert all(tables["connections"] == MONTHS for tables in files_per_table(home).values())
    assert main(["compact", "--home", str(home)]) == 0
    assert raw_rows(home) == before
    assert sum(len(rows) for _, rows in before.values()) > 2000
    assert {"_export_id", "_source_file", "_source_line"} <= set(before["connections"][0])
    assert all(n == 1 for tables in files_per_table(home).values() for n in tables.values())
    assert collect_status(home) == status
    assert read_manifests(home) == manifests  # the per-export record is untouched
    health = lake_health(home)
    assert (health.exports, health.members, health.missing) == (MEMBERS * MONTHS, MEMBERS, [])
    assert health.files == sum(len(t) for t in files_per_table(home).values())
    # Re-ingesting an export already loaded is still a no-op.
    member, zips = sorted(history.items())[0]
    assert load_export(home, zips[2]).status == "already loaded"
    assert main(["compact", "--home", str(home)]) == 0  # nothing left to compact
    assert raw_rows(home) == before


def test_a_new_export_adds_one_file_and_compacting_again_folds_it_in(plain, history, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (home / "settings.toml").write_text(NEVER)
    member, zips = sorted(history.items())[0]
    for z in zips[:-1]:
        load_export(home, z)
    assert [c.files_after for c in compact(home)] and set(files_per_table(home)[member].values()) == {1}
    load_export(home, zips[-1])
    counts = files_per_table(home)[member]
    assert set(counts.values()) <= {1, 2} and counts["connections"] == 2  # the compacted file + the new export's
    reference = tmp_path / "reference"
    reference.mkdir()
    for z in zips:
        load_export(reference, z)
    assert raw_rows(home) == raw_rows(reference)
    [done] = compact(home)
    assert (done.member, done.exports, done.files_after) == (member, MONTHS, len(counts))
    assert set(files_per_table(home)[member].values()) == {1}
    assert raw_rows(home) == raw_rows(reference)


def test_a_reload_after_compaction_gives_the_rows_of_a_reload_without(plain, history, tmp_path):
    member, zips = sorted(history.items())[1]
    reloaded = {}
    for compacted in (False, True):
        home = copy_home(plain, tmp_path / f"home-{compacted}")
        if compacted:
            compact(home)
        before = raw_rows(home)
        # Another privacy option, so the reload's rows differ from the first load's (e-mail addresses kept).
        result = load_export(home, zips[3], privacy=PrivacyOptions(include_sensitive=True), reload=True)
        assert result.status == "loaded"
        reloaded[compacted] = raw_rows(home)
        assert reloaded[compacted]["connections"] != before["connections"]
        assert collect_status(home)["exports"] == MEMBERS * MONTHS
    assert reloaded[True] == reloaded[False]
    # The member's other exports stay compacted; the reloaded export reads its own new files until compacted again.
    home = tmp_path / "home-True"
    assert files_per_table(home)[member]["connections"] == 2
    compact(home)
    assert set(files_per_table(home)[member].values()) == {1}
    assert raw_rows(home) == reloaded[False]
    assert collect_retired(home, older_than=0) and raw_rows(home) == reloaded[False]
    assert lake_parquet(home) == in_use(home)


def test_a_compacted_file_is_never_read_for_some_of_its_exports_only(plain, tmp_path):
    home = copy_home(plain, tmp_path / "home")
    compact(home)
    manifests = read_manifests(home)
    member = manifests[0]["member"]
    with pytest.raises(ValueError, match=rf"compacted with {MONTHS - 1} other export\(s\) of {member} "):
        table_files(home, manifests[:1])
    mine = [m for m in manifests if m["member"] == member]
    assert table_files(home, mine) == member_files(home, member)
    # Forgetting a member finds all of its files: the compacted ones, the ones they replaced, and the record.
    everything = member_paths(home, member)
    assert {p for ps in member_files(home, member).values() for p in ps} < set(everything)
    assert {home / "lake" / f for m in mine for f in m["files_written"]} < set(everything)
    assert home / "lake" / "compactions" / f"{member_key(member)}.json" in everything
    assert not set(everything) & set(member_paths(home, manifests[-1]["member"]))
    assert all(len(paths) == 1 for paths in member_files(home, member).values())


def test_replaced_files_are_deleted_only_after_a_later_publish_and_the_grace_period(plain, tmp_path, capsys):
    home = copy_home(plain, tmp_path / "home")
    before, files_before = raw_rows(home), lake_parquet(home)
    compact(home)
    replaced = files_before - in_use(home)
    assert replaced == files_before  # every per-export file is replaced, and still there
    assert lake_parquet(home) >= files_before
    assert lake_health(home).retired == len(replaced)
    main(["doctor", "--home", str(home)])
    assert (
        f"[info] lake: {len(replaced)} file(s) replaced by compaction, waiting to be deleted "
        f"({len(in_use(home))} file(s) read)"
    ) in capsys.readouterr().out
    assert collect_retired(home) == []  # within the grace period
    assert collect_retired(home, older_than=0, published_at=time.time() - 3600) == []  # published before: still read
    deleted = collect_retired(home, older_than=0, published_at=time.time() + 1)
    assert set(deleted) == replaced
    assert lake_parquet(home) == in_use(home)
    assert raw_rows(home) == before
    assert (lake_health(home).retired, lake_health(home).missing) == (0, [])
    assert not list((home / "lake" / "retired").glob("*.json"))


def test_loads_compact_a_member_beyond_the_threshold_and_the_warehouse_reads_the_same(plain, history, tmp_path):
    home = tmp_path / "home"
    member, zips = sorted(history.items())[0]
    reference = tmp_path / "reference"
    reference.mkdir()
    (reference / "settings.toml").write_text(NEVER)
    for target in (home, reference):
        assert main(["ingest", *map(str, zips), "--home", str(target)]) == 0
    assert set(files_per_table(home)[member].values()) == {1}  # 6 exports > compact_after = 4
    assert files_per_table(reference)[member]["connections"] == MONTHS
    with duckdb.connect(str(home / "warehouse" / "linkedin.duckdb"), read_only=True) as a:
        with duckdb.connect(str(reference / "warehouse" / "linkedin.duckdb"), read_only=True) as b:
            columns = sorted(c[0] for c in a.execute("select * from raw.linkedin__connections limit 0").description)
            query = f"select {', '.join(columns)} from raw.linkedin__connections order by all"
            tables = a.execute("select count(*) from duckdb_tables() where schema_name = 'marts'").fetchone()
            assert tables == b.execute("select count(*) from duckdb_tables() where schema_name = 'marts'").fetchone()
            assert a.execute(query).fetchall() == b.execute(query).fetchall()
            # The build read the member's compacted file (the raw layer is the build's parts, made from it).
            paths = a.execute(
                "select path from meta.lake_files where member = ? and table_name = 'connections'", [member]
            ).fetchall()
            assert len(paths) == 1 and "/c-" in paths[0][0]


def test_files_a_published_warehouse_reads_are_kept_whatever_their_age(plain, tmp_path):
    home = copy_home(plain, tmp_path / "home")
    assert main(["build", "--home", str(home)]) == 0
    warehouse = home / "warehouse" / "linkedin.duckdb"
    # The raw layer is the build's own parts: the published warehouse reads no lake file. A warehouse of an earlier
    # version read the per-export files through its raw views: those are kept while it is the published one.
    assert lake_files_read(warehouse) == set()
    read = lake_parquet(home)
    assert len(read) > MEMBERS * MONTHS
    compact(home)
    later = time.time() + 1  # as if a warehouse that still reads them had been published after the compaction
    assert collect_retired(home, older_than=0, published_at=later, published_reads=lambda: read) == []
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("select count(*) from raw.linkedin__connections").fetchone() == (
            len(raw_rows(home)["connections"][1]),
        )
    assert main(["build", "--home", str(home)]) == 0
    assert lake_files_read(warehouse) == set()
    deleted = collect_retired(home, older_than=0, published_reads=lambda: lake_files_read(warehouse))
    assert set(deleted) == read
    assert lake_parquet(home) == in_use(home)


POINTS = ["compact:written", "compact:moving", "compact:before-record", "compact:switched"]


def cli(home: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "linkedin_ssi.flows.cli", *args, "--home", str(home)]
    return subprocess.run(
        command, cwd=home.parent, env={**os.environ, **(env or {})}, capture_output=True, text=True, timeout=300
    )


@pytest.mark.parametrize("point", POINTS)
def test_a_killed_compaction_leaves_the_same_rows_and_the_next_one_completes(point, plain, tmp_path):
    home = copy_home(plain, tmp_path / "home")
    before = raw_rows(home)
    killed = cli(home, "compact", env={"LINKEDIN_SSI_CRASH_AT": point})
    assert killed.returncode == -9, killed.stderr[-2000:]
    assert raw_rows(home) == before
    assert lake_health(home).missing == []
    rerun = cli(home, "compact")
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert raw_rows(home) == before
    assert all(n == 1 for tables in files_per_table(home).values() for n in tables.values())
    collect_retired(home, older_than=0)
    assert lake_parquet(home) == in_use(home)  # nothing left behind, not even the killed run's files
    assert raw_rows(home) == before


@pytest.mark.parametrize("point", ["compact:moving", "compact:switched"])
def test_a_reload_killed_while_splitting_its_export_out_leaves_the_same_rows(point, plain, history, tmp_path):
    member, zips = sorted(history.items())[0]
    home = copy_home(plain, tmp_path / "home")
    compact(home)
    before = raw_rows(home)
    killed = cli(home, "ingest", str(zips[1]), "--reload", env={"LINKEDIN_SSI_CRASH_AT": point})
    assert killed.returncode == -9, killed.stderr[-2000:]
    assert raw_rows(home) == before
    assert cli(home, "ingest", str(zips[1]), "--reload").returncode == 0
    assert raw_rows(home) == before  # loaded again with the same options: the same rows
    [reloaded] = [m for m in read_manifests(home) if m["member"] == member and m["source_name"] == zips[1].name]
    assert not split_export(home, reloaded["export_id"])  # already out of the group the others share
    assert json.loads(next((home / "lake" / "compactions").glob("*.json")).read_text())["member"]


def test_compact_names_a_member_that_has_no_export_and_says_when_nothing_is_to_do(plain, tmp_path, capsys):
    home = copy_home(plain, tmp_path / "home")
    assert main(["compact", "--member", "nobody", "--home", str(home)]) == 1
    assert capsys.readouterr().err == f"error: {home}: no export of member 'nobody' is loaded\n"
    member = read_manifests(home)[0]["member"]
    assert main(["compact", "--member", member, "--home", str(home), "--json"]) == 0
    [done] = json.loads(capsys.readouterr().out)["compacted"]
    assert (done["member"], done["exports"]) == (member, MONTHS)
    assert set(files_per_table(home)[member].values()) == {1}
    assert main(["compact", "--member", member, "--home", str(home)]) == 0
    said = capsys.readouterr().out
    assert said == f"nothing to compact in {home}: member {member} has one lake file per table\n"


def test_a_members_manifests_are_read_without_reading_the_others(plain, history, tmp_path):
    # The compaction check after each export must not read a team's whole history: the published build's record
    # names the other members' manifests, which are never opened (here they are no longer JSON at all).
    home = copy_home(plain, tmp_path / "home")
    assert main(["build", "--home", str(home)]) == 0
    member = sorted(history)[0]
    expected = [m for m in read_manifests(home) if m["member"] == member]
    known = read_manifest_entries(warehouse_path(home))
    for path in manifests_dir(home).glob("*.json"):
        if json.loads(path.read_text())["member"] != member:
            st = path.stat()
            path.write_bytes(b"x" * st.st_size)  # the same size and time: the record still matches it
            os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert len(expected) == MONTHS and member_manifests(home, {member}, known) == expected
    with pytest.raises(json.JSONDecodeError):
        member_manifests(home, {member}, None)  # without a record every manifest is read
