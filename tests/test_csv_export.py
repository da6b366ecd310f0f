"""`linkedin-ssi export --csv DIR`: one spreadsheet-ready CSV per mart (and staging table), readable by the
user only."""

from __future__ import annotations

import csv
import json
import stat
from pathlib import Path

import duckdb
import pytest
from linkedin_ssi.flows.cli import main

MARTS = [
    "claim_tests",
    "connection_changes",
    "correlation_counts",
    "invitation_notes",
    "loaded_exports",
    "loaded_files",
    "monthly_activity",
    "pillar_correlations",
    "pillar_proxies",
    "profile_completeness",
    "proxy_catalog",
    "score_outcomes",
    "sharing_gaps",
    "source_coverage",
    "ssi_scores",
    "strongest_cell_pairs",
    "strongest_cells",
]


@pytest.fixture(scope="module")
def home(demo_home) -> Path:
    """The session's demo: the sample export and SSI history loaded (exporting CSV only reads it)."""
    return demo_home


def read(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def count(home: Path, table: str) -> int:
    with duckdb.connect(str(home / "warehouse" / "linkedin.duckdb"), read_only=True) as con:
        return con.execute(f"select count(*) from {table}").fetchone()[0]


def test_one_csv_per_mart_with_every_row_spreadsheet_ready_and_private(home, tmp_path, capsys):
    out = tmp_path / "csv"
    assert main(["export", "--csv", str(out), "--home", str(home)]) == 0
    assert sorted(p.name for p in out.iterdir()) == [f"{m}.csv" for m in MARTS]
    printed = capsys.readouterr().out.splitlines()
    assert f"{out / 'ssi_scores.csv'}: 28 rows" in printed
    for mart in MARTS:
        path = out / f"{mart}.csv"
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel needs the BOM to read UTF-8
        assert len(read(path)) == count(home, f"marts.{mart}") + 1
    scores = read(out / "ssi_scores.csv")
    assert scores[0][:4] == ["member", "score_date", "total", "brand"]
    assert scores[1][:3] == ["avery-example", "2026-04-06", "54.82"]
    changes = read(out / "pillar_correlations.csv")
    assert changes[0][:3] == ["member", "pillar", "proxy"]


def test_staging_tables_on_request_with_utc_timestamps(home, tmp_path, capsys):
    out = tmp_path / "csv"
    assert main(["export", "--csv", str(out), "--staging", "--home", str(home), "--json"]) == 0
    files = json.loads(capsys.readouterr().out)["files"]
    assert {f["table"] for f in files} >= {
        "marts.ssi_scores",
        "staging.stg_linkedin__connections",
        "staging.stg_linkedin__messages",
    }
    assert all(f["rows"] == count(home, f["table"]) for f in files)
    messages = read(out / "staging" / "stg_linkedin__messages.csv")
    sent_at = messages[0].index("sent_at")
    assert all(len(row[sent_at]) == 19 and row[sent_at][10] == " " for row in messages[1:])  # 2026-10-01 08:30:00
    assert stat.S_IMODE((out / "staging" / "stg_linkedin__messages.csv").stat().st_mode) == 0o600


def test_export_errors_are_one_line(tmp_path, home, capsys):
    assert main(["export", "--csv", str(tmp_path / "csv"), "--home", str(tmp_path / "empty")]) == 1
    assert capsys.readouterr().err.strip() == (
        f"error: {tmp_path / 'empty'}: no warehouse yet; run `linkedin-ssi run` or `linkedin-ssi ingest PATH` first"
    )
    (tmp_path / "file").write_text("x")
    assert main(["export", "--csv", str(tmp_path / "file"), "--home", str(home)]) == 1
    assert capsys.readouterr().err.strip() == (
        f"error: {tmp_path / 'file'}: exists and is not a folder; give a folder for the CSV files  "
        "(run with --debug for the traceback)"
    )
