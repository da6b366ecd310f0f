"""`linkedin-ssi forget --member M`: a two-member team (two monthly exports each, claimed through the inbox, and
one SSI file shared by both) forgets one member. Every table keeps the other member's rows exactly and holds no
row of the forgotten one; the lake, the shared SSI file and the archive keep only the other member; the prompt,
--yes, the refusals; a forget killed at each of its steps is finished by the next command that takes the lock."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import polars as pl
import pytest
from linkedin_ssi.flows.cli import main
from linkedin_ssi.flows.doctor import run_checks
from linkedin_ssi.flows.job import plan_job, run_job
from linkedin_ssi.ingest.forget import JOURNAL, plan_forget, remove_records
from linkedin_ssi.ingest.inbox import collect_inbox, load_archived
from linkedin_ssi.ingest.lake import read_manifests
from linkedin_ssi.ingest.load import load_export
from linkedin_ssi.ingest.ssi_store import import_ssi_file, ssi_files, store_scores
from linkedin_ssi.synthetic.synth import write_synthetic

from linkedin_ssi.infra.settings import load_settings

MEMBERS, MONTHS, SCALE, SEED = 2, 2, 0.05, 11


class Terminal(io.StringIO):
    """Standard input as a person at a terminal: isatty() is True, the answer is the text given."""

    def isatty(self) -> bool:
        return True


@pytest.fixture(scope="module")
def team(tmp_path_factory) -> dict:
    """A published home holding two members, their exports claimed through the inbox and their SSI scores in one
    shared file; returns the home, each member's ZIPs and the shared file."""
    root = tmp_path_factory.mktemp("forget")
    zips = write_synthetic(root / "team", MEMBERS, SCALE, SEED, months=MONTHS)
    by_member: dict[str, list[Path]] = {}
    for z in zips:
        by_member.setdefault(z.parent.name, []).append(z)
    gone, kept = sorted(by_member)
    shared = root / "team_ssi.csv"
    lines = [(root / "team" / m / "ssi_scores.csv").read_text().splitlines() for m in (gone, kept)]
    shared.write_text("\n".join(lines[0] + lines[1][1:]) + "\n")  # one header, both members' rows
    home = root / "base"
    (home / "inbox").mkdir(parents=True)
    for z in zips:
        copy = Path(shutil.copy(z, home / "inbox" / f"{z.parent.name}-{z.name}"))
        os.utime(copy, (time.time() - 60, time.time() - 60))  # settled: claimed by the next look at the inbox
    for archived in collect_inbox(home, settle_seconds=0).to_load:
        assert load_archived(home, archived).status == "loaded"
    assert import_ssi_file(home, shared).members == [gone, kept]
    assert main(["build", "--home", str(home)]) == 0
    return {"home": home, "gone": gone, "kept": kept, "zips": by_member, "shared": shared}


def copy_home(team: dict, target: Path) -> Path:
    return Path(shutil.copytree(team["home"], target, symlinks=True))


def member_tables(home: Path) -> dict[str, str]:
    """Return {schema.table: its member column} for every table and view of the published warehouse that has one."""
    with duckdb.connect(str(home / "warehouse" / "linkedin.duckdb"), read_only=True) as con:
        rows = con.execute(
            "select schema_name || '.' || table_name, min(column_name) from duckdb_columns() "
            # meta: the build record (which files a build read, by path), not data.
            "where not internal and schema_name <> 'meta' and column_name in ('_member', 'member') "
            "group by 1 order by 1"
        ).fetchall()
    return dict(rows)


def member_rows(home: Path, member: str) -> dict[str, tuple]:
    """Return {table: (rows, checksum)} of `member`'s rows in every table and view that has a member column."""
    tables = member_tables(home)
    with duckdb.connect(str(home / "warehouse" / "linkedin.duckdb"), read_only=True) as con:
        return {
            t: con.execute(
                f"select count(*), coalesce(sum(hash(x::varchar)), 0)::varchar from {t} as x where {col} = ?",
                [member],
            ).fetchone()
            for t, col in tables.items()
        }


def fingerprint(home: Path) -> dict:
    """Return {table: (rows, checksum)} of every table and view of the published warehouse."""
    with duckdb.connect(str(home / "warehouse" / "linkedin.duckdb"), read_only=True) as con:
        tables = con.execute(
            "select schema_name || '.' || table_name from duckdb_tables() where not internal and schema_name <> 'meta' "
            "union all select schema_name || '.' || view_name from duckdb_views() where not internal order by 1"
        ).fetchall()
        return {
            t: con.execute(f"select count(*), coalesce(sum(hash(x::varchar)), 0)::varchar from {t} as x").fetchone()
            for (t,) in tables
        }


def files_under(home: Path, *folders: str) -> set[str]:
    """Return every file under the home's `folders`, relative to the home."""
    return {
        p.relative_to(home).as_posix()
        for f in folders
        if (home / f).is_dir()
        for p in (home / f).rglob("*")
        if p.is_file()
    }


def export_ids(home: Path, member: str) -> list[str]:
    return sorted(m["export_id"] for m in read_manifests(home) if m["member"] == member)


def ssi_members(home: Path) -> list[list[str]]:
    """Return, per stored SSI file, the members of its rows in order."""
    return [
        pl.read_parquet(p)["member"].unique(maintain_order=True).to_list()
        for p in sorted((home / "lake" / "ssi").glob("*.parquet"))
    ]


@pytest.fixture(scope="module")
def forgotten(team, tmp_path_factory) -> dict:
    """The team's home after `forget --member <gone> --json`, answered y: the home, the command's JSON and what the home
    held before."""
    home = copy_home(team, tmp_path_factory.mktemp("forgotten") / "home")
    gone = team["gone"]
    before = {
        "gone_ids": export_ids(home, gone),
        "kept_ids": export_ids(home, team["kept"]),
        "kept_rows": member_rows(home, team["kept"]),
        "lake": files_under(home, "lake"),
        "archive": files_under(home, "archive"),
        "gone_scores": pl.read_parquet(next((home / "lake" / "ssi").glob("*.parquet")))
        .filter(pl.col("member") == gone)
        .height,
    }
    out = io.StringIO()
    # Answered at the prompt here (the crash tests below pass --yes): both end in the same home.
    saved, sys.stdout, sys.stdin = (sys.stdout, sys.stdin), out, Terminal("y\n")
    try:
        code = main(["forget", "--member", gone, "--json", "--home", str(home)])
    finally:
        sys.stdout, sys.stdin = saved
    assert code == 0
    return {"home": home, "result": json.loads(out.getvalue()), "before": before}


def test_the_other_members_rows_are_unchanged_in_every_table(team, forgotten):
    home, before = forgotten["home"], forgotten["before"]
    tables = member_tables(home)
    # Every layer carries the member: raw, staging, intermediate and marts tables are all checked.
    assert {t.split(".")[0] for t in tables} >= {"raw", "staging", "intermediate", "marts"}
    after = member_rows(home, team["kept"])
    assert after == before["kept_rows"]
    assert sum(rows for rows, _ in after.values()) > 0


def test_no_table_holds_a_row_of_the_forgotten_member(team, forgotten):
    home = forgotten["home"]
    assert {t: rows for t, (rows, _) in member_rows(home, team["gone"]).items() if rows} == {}
    # Nor a table without a member column: the member's slug appears nowhere in the warehouse's text.
    with duckdb.connect(str(home / "warehouse" / "linkedin.duckdb"), read_only=True) as con:
        assert con.execute("select member from raw.exports").fetchall() == [(team["kept"],)] * MONTHS


def test_no_part_file_of_the_warehouse_holds_the_forgotten_member_any_more(team, forgotten):
    # The parts the forget's build replaced held the member's rows (their messages too, in the raw parts): they are
    # deleted at once, not an hour later like a build's usual replaced parts.
    home, gone = forgotten["home"], team["gone"]
    holding = []
    for path in sorted((home / "warehouse" / "parts").rglob("*.parquet")):
        columns = pl.read_parquet_schema(path)
        column = next((c for c in ("_member", "member") if c in columns), None)
        if column and pl.read_parquet(path, columns=[column]).filter(pl.col(column) == gone).height:
            holding.append(path.relative_to(home).parts[2:])
    assert holding == []
    assert len(list((home / "warehouse" / "parts").rglob("*.parquet"))) > 100  # the kept member's parts are there


def test_the_lake_the_shared_ssi_file_and_the_archive_keep_only_the_other_member(team, forgotten):
    home, before = forgotten["home"], forgotten["before"]
    gone_ids = before["gone_ids"]
    assert len(gone_ids) == MONTHS
    assert export_ids(home, team["gone"]) == []
    assert export_ids(home, team["kept"]) == before["kept_ids"]
    removed = before["lake"] - files_under(home, "lake")
    ssi_file = next(f for f in before["lake"] if f.startswith("lake/ssi/"))
    # Every removed lake file is one of the forgotten member's exports; the shared SSI file stays (rewritten).
    assert removed and all(Path(f).name.split(".")[0].split("-")[0] in gone_ids for f in removed)
    assert {f for f in files_under(home, "lake") if Path(f).stem.split("-")[0] in gone_ids} == set()
    assert ssi_file in files_under(home, "lake")
    assert ssi_members(home) == [[team["kept"]]]
    archive_before, archive_after = before["archive"], files_under(home, "archive")
    assert len(archive_before) == 2 * MEMBERS * MONTHS  # a ZIP and its note per export
    assert len(archive_after) == 2 * MONTHS
    kept_notes = [json.loads((home / f).read_text()) for f in archive_after if f.endswith(".json")]
    assert sorted(n["export_id"] for n in kept_notes) == before["kept_ids"]
    assert not (home / JOURNAL).exists()


def test_json_says_what_was_removed(team, forgotten):
    result, before = forgotten["result"], forgotten["before"]
    home = forgotten["home"]
    removed_lake = before["lake"] - files_under(home, "lake")
    assert result == {
        "member": team["gone"],
        "forgotten": True,
        "exports": before["gone_ids"],
        "lake_files": len(removed_lake - {f for f in removed_lake if f.startswith("lake/manifests/")}),
        "ssi_scores": before["gone_scores"],
        "ssi_files_removed": [],
        "ssi_files_rewritten": [f for f in sorted(before["lake"]) if f.startswith("lake/ssi/")],
        "archived_zips": sorted(f for f in before["archive"] - files_under(home, "archive") if f.endswith(".zip")),
        "finished_interrupted_forget_of": None,
        "warehouse": str(home / "warehouse" / "linkedin.duckdb"),
        "report": str(home / "reports" / "report.html"),
    }
    assert result["ssi_scores"] > 0


def test_the_same_exports_load_again_after_forget(team, forgotten, tmp_path):
    home = copy_home({"home": forgotten["home"]}, tmp_path / "home")
    results = [load_export(home, z) for z in team["zips"][team["gone"]]]
    assert [r.status for r in results] == ["loaded"] * MONTHS
    assert sorted(r.export_id for r in results) == forgotten["before"]["gone_ids"]


def test_the_shared_ssi_file_imported_again_brings_back_only_the_forgotten_members_scores(team, forgotten, tmp_path):
    home = copy_home({"home": forgotten["home"]}, tmp_path / "home")
    gone, kept = team["gone"], team["kept"]
    again = import_ssi_file(home, team["shared"])
    assert (again.status, again.members, again.rows) == ("imported", [gone], forgotten["before"]["gone_scores"])
    assert sorted(ssi_members(home)) == [[gone], [kept]]
    assert import_ssi_file(home, team["shared"]).status == "already imported"
    assert len(ssi_files(home)) == 2


def test_the_prompt_says_what_will_be_removed_and_no_keeps_everything(team, tmp_path, monkeypatch, capsys):
    home = copy_home(team, tmp_path / "home")
    gone = team["gone"]
    lake, archive, warehouse = files_under(home, "lake"), files_under(home, "archive"), fingerprint(home)
    ids = export_ids(home, gone)
    lake_files = sorted(f for f in lake if Path(f).stem.split("-")[0] in ids and not f.startswith("lake/manifests/"))
    scores = pl.read_parquet(next((home / "lake" / "ssi").glob("*.parquet"))).filter(pl.col("member") == gone).height
    monkeypatch.setattr(sys, "stdin", Terminal("n\n"))
    assert main(["forget", "--member", gone, "--home", str(home)]) == 1
    out, err = capsys.readouterr()
    counts = f"{MONTHS} exports, {len(lake_files)} lake files, {scores} SSI scores, {MONTHS} archived ZIPs"
    assert err.endswith(
        f"forget {gone} in {home}: remove {counts}\n"
        f"  {MONTHS} exports: their manifests and {len(lake_files)} lake files (every table's Parquet, the "
        "quarantine, the files kept as text)\n"
        f"  {scores} recorded SSI scores: 1 shared file rewritten without them\n"
        f"  {MONTHS} archived ZIPs in {home / 'archive'} (with their notes)\n"
        "then publish the warehouse, the Parquet files and the report without them. This cannot be undone.\n"
        f"forget {gone}? [y/N] "
    )
    assert out == f"nothing removed: {gone} is still in {home}\n"
    assert (files_under(home, "lake"), files_under(home, "archive"), fingerprint(home)) == (lake, archive, warehouse)
    assert not (home / JOURNAL).exists()


def test_without_a_terminal_and_without_yes_it_refuses(team, tmp_path, monkeypatch, capsys):
    home = copy_home(team, tmp_path / "home")
    lake = files_under(home, "lake")
    gone = team["gone"]
    monkeypatch.setattr(sys, "stdin", io.StringIO("y\n"))  # piped: nobody is there to read a prompt
    assert main(["forget", "--member", gone, "--home", str(home)]) == 1
    out, err = capsys.readouterr()
    ids = export_ids(home, gone)
    assert err.splitlines()[-1].startswith(
        f"error: forget: standard input is not a terminal, so nobody can confirm removing {len(ids)} exports, "
    )
    assert err.splitlines()[-1].endswith(f" of {gone}; pass --yes")
    assert out == ""
    assert files_under(home, "lake") == lake
    assert not (home / JOURNAL).exists()


def test_an_unknown_member_is_refused_with_the_members_listed(team, tmp_path, capsys):
    home = copy_home(team, tmp_path / "home")
    lake, archive = files_under(home, "lake"), files_under(home, "archive")
    typo = team["gone"][:-1]
    assert main(["forget", "--member", typo, "--yes", "--home", str(home)]) == 1
    out, err = capsys.readouterr()
    assert err == (
        f'error: {home}: no member "{typo}" (did you mean {team["gone"]!r}?); members: {team["gone"]}, {team["kept"]}\n'
    )
    assert main(["forget", "--member", "nobody", "--yes", "--home", str(home)]) == 1
    assert capsys.readouterr().err == f'error: {home}: no member "nobody"; members: {team["gone"]}, {team["kept"]}\n'
    assert (files_under(home, "lake"), files_under(home, "archive")) == (lake, archive)


def cli(home: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "linkedin_ssi.flows.cli", *args, "--home", str(home)]
    return subprocess.run(
        command, cwd=home.parent, env={**os.environ, **(env or {})}, capture_output=True, text=True, timeout=600
    )


# Where the forget is killed, and the command that comes next and must finish it.
CRASHES = [
    ("forget:manifests", "build"),  # one manifest gone, the rest of the records not yet
    ("forget:records-removed", "forget"),  # records gone, nothing published: the same forget again finishes it
    ("forget:data", "ingest"),  # published, one data file deleted
    # One manifest gone, the archived ZIPs still there: the inbox run (what `run` and `serve` do) must not load the
    # forgotten member's exports again from them.
    ("forget:manifests", "inbox"),
    # An SSI import that fails (no such file) still finishes the forget first.
    ("forget:records-removed", "ssi"),
]


@pytest.mark.parametrize(("point", "then"), CRASHES)
def test_a_killed_forget_is_finished_by_the_next_command(point, then, team, forgotten, tmp_path):
    home = copy_home(team, tmp_path / "home")
    gone = team["gone"]
    killed = cli(home, "forget", "--member", gone, "--yes", env={"LINKEDIN_SSI_CRASH_AT": point})
    assert killed.returncode == -9, killed.stderr[-2000:]
    assert json.loads((home / JOURNAL).read_text())["member"] == gone
    warned = [c for c in run_checks(home) if c.name == "forget"]
    assert [(c.level, c.finding.split(" (")[0]) for c in warned] == [("warn", f"the forget of {gone} was interrupted")]
    if then == "build":
        rerun = cli(home, "build")
    elif then == "forget":
        rerun = cli(home, "forget", "--member", gone, "--yes")
        assert f"forgot {gone}: removed" in rerun.stdout
    elif then == "ssi":
        rerun = cli(home, "ssi", "import", str(tmp_path / "missing.csv"))
        assert (rerun.returncode, rerun.stderr.splitlines()[-1]) == (
            1,
            f"error: {tmp_path / 'missing.csv'}: no such file",
        )
        rerun.returncode = 0
    elif then == "ingest":  # an export already loaded: nothing new, but the interrupted forget must still publish
        rerun = cli(home, "ingest", str(team["zips"][team["kept"]][0]))
    else:
        said: list[str] = []
        job = run_job(plan_job(load_settings(home), inbox=True, settle_seconds=0), say=said.append)
        assert (job.loads, job.published is not None) == ([], True)
        rerun = subprocess.CompletedProcess([], 0, "", "\n".join(said))
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert f"finishing the forget of {gone} that was interrupted" in rerun.stderr
    assert not (home / JOURNAL).exists()
    done = forgotten["home"]
    assert files_under(home, "lake") == files_under(done, "lake")
    assert files_under(home, "archive") == files_under(done, "archive")
    assert ssi_members(home) == [[team["kept"]]]
    assert fingerprint(home) == fingerprint(done)


def scores(member: str, day: str) -> pl.DataFrame:
    return pl.DataFrame(
        {"date": [day], "total": [60.0], "brand": [15.0], "people": [15.0], "insights": [15.0], "relationships": [15.0]}
    ).with_columns(pl.col("date").str.to_date(), pl.lit(member).alias("member"))


def test_a_member_with_scores_only_loses_their_files_and_their_rows_in_shared_ones(tmp_path):
    home = tmp_path / "home"
    store_scores(home, scores("ann", "2026-01-05"), "ann.csv", "csv", [], content=b"ann")
    store_scores(
        home, pl.concat([scores("ann", "2026-01-12"), scores("bo", "2026-01-12")]), "t.csv", "csv", [], content=b"t"
    )
    store_scores(home, scores("bo", "2026-01-19"), "bo.csv", "csv", [], content=b"bo")
    own, shared, other = (
        f.relative_to(home).as_posix() for f in sorted(ssi_files(home), key=lambda f: f.stat().st_mtime_ns)
    )
    plan = plan_forget(home, "ann")
    assert (plan.exports, plan.lake_files, plan.archived) == ([], [], [])
    assert (plan.ssi_removed, plan.ssi_rewritten, plan.ssi_scores) == ([own], [shared], 2)
    assert plan.counts() == "0 exports, 0 lake files, 2 SSI scores, 0 archived ZIPs"
    before = pl.read_parquet(home / shared)
    for _ in range(2):  # finishing a forget after a crash runs the same step again: nothing more changes
        remove_records(home, plan)
        assert [f.relative_to(home).as_posix() for f in ssi_files(home)] == sorted([shared, other])
        assert pl.read_parquet(home / shared).equals(before.filter(pl.col("member") == "bo"))
    assert sorted(p.name for p in (home / "lake" / "ssi").iterdir()) == sorted(Path(f).name for f in (shared, other))


def test_every_reloaded_version_of_an_export_is_planned(team, tmp_path):
    home = copy_home(team, tmp_path / "home")
    zip_path = team["zips"][team["gone"]][0]
    export_id = load_export(home, zip_path).export_id
    assert load_export(home, zip_path, reload=True).status == "loaded"
    versions = {Path(f).name for f in plan_forget(home, team["gone"]).lake_files if f.startswith("lake/connections/")}
    assert len(versions) == MONTHS + 1
    assert {v for v in versions if v.startswith(export_id)} == {
        f"{export_id}.parquet",
        *(p.name for p in (home / "lake" / "connections").glob(f"{export_id}-r*.parquet")),
    }
