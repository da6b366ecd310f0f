"""Every command that publishes refreshes every output (warehouse, Parquet, report) or none, and says what it did:
`run` ends with numbers a person can act on and the next step; `build` on an empty home says nothing is loaded;
`ingest` of a missing path does nothing; `report` prints its line once."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import duckdb
import pytest
from linkedin_ssi.flows.cli import main
from linkedin_ssi.ingest.registry import BY_TABLE
from linkedin_ssi.models.partitions import bucket_of
from linkedin_ssi.presenting.report import write_report

from support import SAMPLE_SCORES, write_export
from test_load import export_files

SCORES = SAMPLE_SCORES
# Every time stamp of the page (the header's and the footer's): a publish and a render a minute apart differ there only.
GENERATED = re.compile(r"Generated \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC")


def outputs(home: Path) -> dict:
    """Return {path: bytes} of the published outputs: the warehouse, the Parquet files and the report."""
    files = [
        home / "warehouse" / "linkedin.duckdb",
        *sorted((home / "exports").glob("*/*.parquet")),
        home / "reports" / "report.html",
    ]
    return {p.relative_to(home): p.read_bytes() for p in files if p.exists()}


def report_shows_the_warehouse(home: Path, tmp_path: Path) -> bool:
    """Return True when the published report is the one the published warehouse renders (bar its time stamp)."""
    fresh = write_report(home / "warehouse" / "linkedin.duckdb", tmp_path / "fresh.html").read_text()
    published = (home / "reports" / "report.html").read_text()
    return GENERATED.sub("", fresh) == GENERATED.sub("", published)


def parquet_rows(home: Path, mart: str) -> int:
    return duckdb.sql(f"select count(*) from '{home / 'exports' / mart}/*.parquet'").fetchall()[0][0]


@pytest.fixture
def loaded(tmp_path) -> Path:
    home = tmp_path / "home"
    assert main(["ingest", str(write_export(tmp_path / "e", export_files())), "--home", str(home)]) == 0
    return home


def test_ingest_publishes_the_report_too(loaded, tmp_path):
    assert set(outputs(loaded)) >= {
        Path("warehouse/linkedin.duckdb"),
        Path("exports/ssi_scores/columns.parquet"),
        Path("exports/claim_tests/data.parquet"),
        Path("reports/report.html"),
    }
    assert report_shows_the_warehouse(loaded, tmp_path)


def test_ssi_import_refreshes_the_parquet_files_and_the_report(loaded, tmp_path):
    before = outputs(loaded)
    assert main(["ssi", "import", str(SCORES), "--home", str(loaded)]) == 0
    after = outputs(loaded)
    assert after[Path("reports/report.html")] != before[Path("reports/report.html")]
    assert report_shows_the_warehouse(loaded, tmp_path)
    assert parquet_rows(loaded, "ssi_scores") == 28


def test_ssi_add_refreshes_the_parquet_files_and_the_report(loaded, tmp_path):
    assert (
        main(
            [
                "ssi",
                "add",
                "--date",
                "2026-10-19",
                "--brand",
                "19.4",
                "--people",
                "15.1",
                "--insights",
                "14.9",
                "--relationships",
                "15.6",
                "--home",
                str(loaded),
            ]
        )
        == 0
    )
    assert report_shows_the_warehouse(loaded, tmp_path)
    assert parquet_rows(loaded, "ssi_scores") == 1


def test_a_publish_that_fails_half_way_changes_no_output(loaded, monkeypatch, capsys):
    assert main(["ssi", "import", str(SCORES), "--home", str(loaded)]) == 0
    before = outputs(loaded)

    def broken(warehouse, target, changed=None, on_page=None):
        raise OSError(f"{target}: disk full")

    monkeypatch.setattr("linkedin_ssi.presenting.report.stage_report", broken)
    capsys.readouterr()
    assert main(["build", "--home", str(loaded), "--correction", "bh"]) == 1
    assert capsys.readouterr().err.strip().splitlines()[-1].startswith("error (OSError): ")
    assert outputs(loaded) == before  # the new warehouse and Parquet files were not published without the report
    leftovers = [p.name for p in loaded.rglob("*") if "publishing" in p.name or "building" in p.name]
    assert leftovers == []


def test_ingest_of_a_missing_path_loads_and_builds_nothing(tmp_path, capsys):
    home, good = tmp_path / "home", write_export(tmp_path / "e", export_files())
    assert main(["ingest", str(good), str(tmp_path / "typo.zip"), "--home", str(home)]) == 1
    assert capsys.readouterr().err == f"error: {tmp_path / 'typo.zip'}: no such file or folder; nothing was loaded\n"
    assert not home.exists()


def test_build_on_an_empty_home_says_nothing_is_loaded_and_exits_zero(tmp_path, capsys):
    from linkedin_ssi.flows.outcome import RECORD_A_SCORE

    home = tmp_path / "empty"
    assert main(["build", "--home", str(home)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"nothing is loaded in {home}: the warehouse and the report are empty"
    assert out[-2:] == [
        f"next: no LinkedIn export loaded yet: drop your export ZIP into {home / 'inbox'} and run `linkedin-ssi run`, "
        "or run `linkedin-ssi ingest PATH`",
        f"next: no SSI scores yet: record one with `{RECORD_A_SCORE}` (paste the text of linkedin.com/sales/ssi), "
        "or import a history with `linkedin-ssi ssi import FILE`",
    ]
    assert (home / "reports" / "report.html").exists()
    assert main(["build", "--home", str(home), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["nothing_loaded"] is True


def test_report_prints_its_line_once(loaded, capsys):
    capsys.readouterr()
    assert main(["report", "--home", str(loaded)]) == 0
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == (f"report: {loaded / 'reports' / 'report.html'}\n", "")


def test_run_ends_with_numbers_and_the_next_step(tmp_path, capsys):
    home = tmp_path / "h"
    assert main(["run", "--home", str(home)]) == 0
    captured = capsys.readouterr()
    out, err = captured.out.splitlines(), captured.err.splitlines()
    demo = home / "demo"
    # Progress on stderr, from the flow's tasks too: each file of the sample, each model.
    assert "  reading sample_export [8/46] Connections.csv: loaded, 188 rows read" in err
    assert "  testing correlations [1/1] 1 of 1 member(s)" in err
    assert "  publishing [3/4] marts.pillar_correlations: 1,200 tests, marts.claim_tests: 30 rows" in err
    assert re.fullmatch(r"done in \d+\.\d s", out[0])
    assert out[1:] == [
        "exports: 1 loaded in this run; 1 in the warehouse (1 member)",
        "SSI scores: 28 recorded (2026-04-06 to 2026-10-12)",
        "associations: 17 of 1,200 tests survive the multiple-testing correction",
        "claims: 18 of 30 tested on your data",
        f"warehouse: {demo / 'warehouse' / 'linkedin.duckdb'}",
        f"Parquet for notebooks: {demo / 'exports'}",
        f"report: {demo / 'reports' / 'report.html'}",
        f"next: open the report: {demo / 'reports' / 'report.html'}",
    ]


def test_next_steps_say_what_is_missing():
    from linkedin_ssi.flows.outcome import RECORD_A_SCORE, next_steps
    from linkedin_ssi.presenting.outcome import Outcome

    home = Path("/h")
    assert next_steps(Outcome(exports=1, members=1, scores=0), home) == [
        f"no SSI scores yet: record one with `{RECORD_A_SCORE}` (paste the text of linkedin.com/sales/ssi), "
        "or import a history with `linkedin-ssi ssi import FILE`"
    ]
    few = Outcome(exports=2, members=2, scores=13, scores_per_member={"ann": 12, "bob": 1}, tests=10, min_n=10)
    assert next_steps(few, home, Path("/h/reports/report.html")) == [
        "bob has 1 recorded SSI score; the correlations need 10: record one a week (9 more)",
        "open the report: /h/reports/report.html",
    ]
    enough = Outcome(exports=1, members=1, scores=12, scores_per_member={"ann": 12}, tests=10)
    assert next_steps(enough, home) == [
        "no association survives the correction yet: keep recording a score a week; more scores narrow the intervals"
    ]


def test_run_with_an_odd_file_loads_the_export_exits_3_and_names_the_file(tmp_path, capsys):
    home = tmp_path / "h"
    odd = write_export(tmp_path / "odd", export_files() | {"Votes.csv": "Date,Link\nx,y\n"})
    assert main(["run", str(odd), "--home", str(home)]) == 3
    captured = capsys.readouterr()
    assert (
        "warning: odd: Votes.csv: kept as text: no header row with 'Date' and 'Link' and 'OptionText' in the first "
        "10 lines"
    ) in captured.err.splitlines()
    out = captured.out.splitlines()
    assert out[1] == "exports: 1 loaded in this run; 1 in the warehouse (1 member)"
    # The summary a person reads says it too, not only stderr among the progress lines.
    assert (
        "problem: odd: Votes.csv: kept as text: no header row with 'Date' and 'Link' and 'OptionText' in the "
        "first 10 lines"
    ) in out


def test_member_marts_are_linked_from_the_build_and_stale_files_go(loaded):
    exports = loaded / "exports"
    (exports / "ssi_scores.parquet").write_bytes(b"a mart's single file, as versions before member folders wrote it")
    (exports / "ssi_scores" / "part-99.parquet").write_bytes(b"a bucket the new build does not have")
    assert main(["ssi", "import", str(SCORES), "--home", str(loaded)]) == 0
    with duckdb.connect(str(loaded / "warehouse" / "linkedin.duckdb"), read_only=True) as con:
        [(member,)] = con.execute("select distinct member from marts.ssi_scores").fetchall()
        mart = con.execute("select * from marts.ssi_scores order by score_date").fetchall()
        [(view,)] = con.execute(
            "select sql from duckdb_views() where schema_name = 'marts' and view_name = 'ssi_scores'"
        ).fetchall()
    assert not (exports / "ssi_scores.parquet").exists()
    part = exports / "ssi_scores" / f"part-{bucket_of(member):02d}.parquet"
    assert sorted(p.name for p in (exports / "ssi_scores").iterdir()) == ["columns.parquet", part.name]
    # The export is the very part file the warehouse's view reads (a hard link), not a copy.
    parts = [Path(p) for p in re.findall(r"'([^']+\.parquet)'", view)]
    assert part.stat().st_ino in {p.stat().st_ino for p in parts}
    frame = duckdb.sql(f"select * from '{exports / 'ssi_scores'}/*.parquet' order by score_date").fetchall()
    assert frame == mart and len(frame) == 28


def test_an_individuals_raw_tables_read_the_lake_files_themselves(loaded):
    # One member, one lake file per table, its columns in the raw order: the raw part is a hard link to the lake
    # file (1.3 million messages are not written again), and the raw table is that file's rows.
    lake = {p.parent.name: p for p in (loaded / "lake").glob("*/*.parquet") if p.parent.name != "manifests"}
    with duckdb.connect(str(loaded / "warehouse" / "linkedin.duckdb"), read_only=True) as con:
        views = dict(con.execute("select view_name, sql from duckdb_views() where schema_name = 'raw'").fetchall())
        rows = con.execute("select * from raw.linkedin__connections").fetchall()
    linked = {
        table
        for table, path in lake.items()
        for part in re.findall(r"'([^']+/bucket-\d+\.parquet)'", views.get(f"linkedin__{table}", ""))
        if Path(part).stat().st_ino == path.stat().st_ino
    }
    assert linked == {t for t in lake if t in BY_TABLE} and "connections" in linked
    assert rows == duckdb.sql(f"select * from '{lake['connections']}'").fetchall() and len(rows) > 0


def test_views_over_parts_list_a_part_with_rows_first(loaded):
    # DuckDB estimates a multi-file scan's rows from its first file: with the 0-row schema file first, every join
    # with a per-member view built its hash table on the view's side (a team's publish: 0.70 s instead of 0.05 s).
    with duckdb.connect(str(loaded / "warehouse" / "linkedin.duckdb"), read_only=True) as con:
        views = con.execute(
            "select schema_name || '.' || view_name, sql from duckdb_views() where not internal"
        ).fetchall()
    listed = {name: re.findall(r"'([^']+\.parquet)'", sql) for name, sql in views}
    over_parts = {name: files for name, files in listed.items() if len(files) > 1}
    assert "staging.stg_linkedin__connections" in over_parts and "raw.linkedin__connections" in over_parts
    assert {name: files[0] for name, files in over_parts.items() if files[0].endswith(".columns.parquet")} == {}
    assert all(files[-1].endswith(".columns.parquet") for files in over_parts.values())


def test_raw_parts_are_copied_where_the_file_system_has_no_hard_links(tmp_path, monkeypatch):
    import linkedin_ssi.models.partitions as partitions

    real_link = os.link

    def no_links(src, dst, **kwargs):  # the lake on a file system the warehouse cannot hard-link into
        if "lake" in Path(src).parts:
            raise OSError(95, "Operation not supported")
        real_link(src, dst, **kwargs)

    monkeypatch.setattr(partitions.os, "link", no_links)
    home = tmp_path / "home"
    assert main(["ingest", str(write_export(tmp_path / "e", export_files())), "--home", str(home)]) == 0
    (lake,) = (home / "lake" / "connections").glob("*.parquet")
    with duckdb.connect(str(home / "warehouse" / "linkedin.duckdb"), read_only=True) as con:
        [(view,)] = con.execute(
            "select sql from duckdb_views() where schema_name = 'raw' and view_name = 'linkedin__connections'"
        ).fetchall()
        rows = con.execute("select * from raw.linkedin__connections").fetchall()
    (part,) = re.findall(r"'([^']+/bucket-\d+\.parquet)'", view)
    assert Path(part).stat().st_ino != lake.stat().st_ino
    assert rows == duckdb.sql(f"select * from '{lake}'").fetchall() and len(rows) > 0


def test_a_view_several_models_read_is_computed_once_per_member_build_and_published_as_a_view(
    sample_zip, tmp_path, monkeypatch
):
    import linkedin_ssi.models.warehouse as warehouse
    from linkedin_ssi.models.sql_runner import load_models

    # The three conversation models each read a recruiter's million messages through int_messages_threaded: once,
    # not three times; the events and the replies are read by several models each, and not worth a part.
    shared = {
        "intermediate.int_activity_events_unioned",
        "intermediate.int_messages_replied",
        "intermediate.int_messages_threaded",
    }
    assert warehouse.shared_views(load_models()) == shared
    kinds = []
    counts: dict[str, list[int]] = {}  # each shared view's rows, as a table, after each run of models
    real = warehouse.run_models

    def spy(con, models=None, *args, **kwargs):
        built = real(con, models, *args, **kwargs)
        found = con.execute(
            "select table_name from duckdb_tables() where schema_name = 'intermediate' "
            "and 'intermediate.' || table_name in ?",
            [sorted(shared)],
        ).fetchall()
        kinds.extend(found)
        for (table,) in found:
            counts.setdefault(table, []).append(
                con.execute(f"select count(*) from intermediate.{table}").fetchall()[0][0]
            )
        return built

    monkeypatch.setattr(warehouse, "run_models", spy)
    loaded = tmp_path / "home"  # the sample export: it has direct messages, received and answered
    assert main(["ingest", str(sample_zip), "--home", str(loaded)]) == 0
    # A table in the member build's connection (its models before and after the analysis saw it), never a part.
    assert kinds and {k for (k,) in kinds} == {name.split(".")[1] for name in shared}
    with duckdb.connect(str(loaded / "warehouse" / "linkedin.duckdb"), read_only=True) as con:
        con.execute("set TimeZone = 'UTC'")
        views = {
            v
            for (v,) in con.execute(
                "select view_name from duckdb_views() where schema_name = 'intermediate'"
            ).fetchall()
        }
        for name in shared:
            table = name.split(".")[1]
            assert table in views
            assert con.execute("select count(*) from meta.parts where table_name = ?", [name]).fetchall() == [(0,)]
            # The published view holds what the member build computed (the same rows after each run of models).
            [(published,)] = con.execute(f"select count(*) from {name}").fetchall()
            assert set(counts[table]) == {published} and published > 0
