"""The hostile-input corpus: each case fails with one line naming the file and the reason, lands in failed/
with that reason, stores nothing, and leaves what was loaded before it unchanged."""

import json
import os
import shutil
import time
import zipfile
from pathlib import Path

import duckdb
import pytest
from linkedin_ssi.flows.cli import main
from linkedin_ssi.ingest.errors import ExportError
from linkedin_ssi.ingest.inbox import collect_inbox, load_archived
from linkedin_ssi.presenting.publish import publish

import hostile
from hostile import good_files
from support import write_export
from test_load import export_files

CASES = [
    ("not_a_zip", "export.zip: not a readable ZIP archive (File is not a zip file)"),
    ("truncated", "export.zip: not a readable ZIP archive (File is not a zip file)"),
    ("bad_crc", "export.zip: Connections.csv is damaged (Bad CRC-32 for file 'Connections.csv')"),
    (
        "encrypted",
        "export.zip: Profile.csv is encrypted; download the export again (LinkedIn's archives have no password)",
    ),
    ("empty_zip", "export.zip: the export is empty (no files in it)"),
    (
        "no_linkedin_files",
        "export.zip: no LinkedIn export files in it (such as Connections.csv, Profile.csv or "
        "messages.csv) — is this a LinkedIn data export?",
    ),
    ("path_traversal", "export.zip: unsafe path '../evil.csv' in archive (absolute or '..'); refusing to read it"),
    ("absolute_path", "export.zip: unsafe path '/etc/evil.csv' in archive (absolute or '..'); refusing to read it"),
    ("symlink", "export.zip: entry 'Shares.csv' is a symbolic link; refusing to read it"),
    ("duplicate_names", "export.zip: entry 'Profile.csv' appears twice in the archive"),
    ("zip_bomb", "export.zip: Reactions.csv would inflate 1,029 times (limit 200); refusing a likely ZIP bomb"),
]


# One odd file in an otherwise good export: the export loads (exit 3), the file is kept as text or skipped.
ONE_FILE_CASES = [
    (
        "missing_columns",
        "Connections.csv",
        'kept as text: column "Last Name" missing (header: First Name,URL,Connected On)',
    ),
    ("unknown_encoding", "Connections.csv", "skipped: UTF-32 text; LinkedIn writes UTF-8 (or UTF-16 in old exports)"),
    ("huge_field", "messages.csv", "kept as text: line 2 has a field of 10,485,760 characters (limit 1,000,000)"),
    ("many_fields", "Connections.csv", "kept as text: line 2 has 10,000 fields (limit 1,000)"),
    (
        "foreign_date_format",
        "Invitations.csv",
        "kept as text: column \"Sent At\": values like '2026-03-07 13:07:00' do "
        "not match '%m/%d/%y, %I:%M %p' (2 of 2 rows): a date format this version does not know",
    ),
    ("html_as_csv", "Connections.csv", "kept as text: is an HTML page, not a CSV (an error page saved as .csv?)"),
]


@pytest.fixture(scope="module")
def template_home(tmp_path_factory):
    base = tmp_path_factory.mktemp("template")
    home = base / "home"
    assert main(["ingest", str(write_export(base / "good", export_files())), "--home", str(home)]) == 0
    return home


@pytest.fixture
def loaded_home(template_home, tmp_path):
    """A home with one good export already loaded (a copy, so each case starts from the same state), published in its
    new place (a copied home's build record names the old one: its first build would be a full one)."""
    home = Path(shutil.copytree(template_home, tmp_path / "home"))
    publish(home)
    return home


def drop_in_inbox(home: Path, bad: Path):
    """Move `bad` into the home's inbox as a user would (a minute old, so settled); return the inbox's work."""
    inbox = home / "inbox"
    inbox.mkdir()
    dropped = inbox / bad.name
    bad.rename(dropped)
    os.utime(dropped, (time.time() - 60, time.time() - 60))
    return collect_inbox(home, settle_seconds=10)


def snapshot(home: Path) -> dict:
    return {
        p.relative_to(home): p.read_bytes()
        for p in sorted(home.rglob("*"))
        if p.is_file() and p.parts[len(home.parts)] in ("lake", "warehouse")
    }


@pytest.mark.parametrize(("case", "message"), CASES, ids=[c for c, _ in CASES])
def test_hostile_file_on_the_command_line(case, message, loaded_home, tmp_path, capsys):
    before = snapshot(loaded_home)
    bad = getattr(hostile, case)(tmp_path)
    capsys.readouterr()
    assert main(["ingest", str(bad), "--home", str(loaded_home)]) == 1
    assert capsys.readouterr().err.strip().splitlines()[-1] == f"error: {message}"
    assert snapshot(loaded_home) == before


@pytest.mark.parametrize(("case", "message"), CASES, ids=[c for c, _ in CASES])
def test_hostile_file_dropped_in_the_inbox_goes_to_failed_with_its_reason(case, message, loaded_home, tmp_path):
    before = snapshot(loaded_home)
    work = drop_in_inbox(loaded_home, getattr(hostile, case)(tmp_path))
    for archived in work.to_load:
        with pytest.raises(ExportError):
            load_archived(loaded_home, archived)
    failed = loaded_home / "failed"
    assert sorted(p.name for p in failed.iterdir()) == ["export.zip", "export.zip.reason.txt"]
    reason = (failed / "export.zip.reason.txt").read_text().strip()
    # The inbox's own check words an unreadable ZIP slightly differently; both name the file and the reason.
    assert reason == message or reason in {
        "export.zip: not a readable ZIP archive (File is not a zip file)",
        "export.zip: the ZIP archive is empty",
    }
    assert list((loaded_home / "inbox").iterdir()) == [] and list((loaded_home / "archive").glob("*.zip")) == []
    assert snapshot(loaded_home) == before


@pytest.mark.parametrize(("case", "file", "problem"), ONE_FILE_CASES, ids=[c for c, _, _ in ONE_FILE_CASES])
def test_one_odd_file_loads_the_rest_of_the_export_with_exit_code_3(case, file, problem, loaded_home, tmp_path, capsys):
    bad = getattr(hostile, case)(tmp_path)
    capsys.readouterr()
    assert main(["ingest", str(bad), "--home", str(loaded_home)]) == 3
    assert f"warning: export.zip: {file}: {problem}" in capsys.readouterr().err.splitlines()
    with duckdb.connect(str(loaded_home / "warehouse" / "linkedin.duckdb"), read_only=True) as con:
        ledger = dict(
            con.execute(
                "select source_file, status from raw.load_ledger l join raw.exports e "
                "on l.export_id = e.export_id where e.member = 'blake-sample'"
            ).fetchall()
        )
        kept = con.execute("select count(*) from raw.kept_as_text where source_file = ?", [file]).fetchone()[0]
    expected = dict.fromkeys(good_files(), "loaded") | {file: problem.split(":")[0].replace(" ", "_")}
    assert ledger == expected
    # Every line of a file kept as text is stored (all of these end with a newline); a skipped file stores none.
    assert kept == (0 if problem.startswith("skipped") else zip_text(bad, file).count("\n"))


def zip_text(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as zf:
        return zf.read(name).decode("utf-8")


def test_one_odd_file_dropped_in_the_inbox_is_archived_and_loaded_with_its_problem_noted(loaded_home, tmp_path):
    work = drop_in_inbox(loaded_home, hostile.missing_columns(tmp_path))
    [result] = [load_archived(loaded_home, archived) for archived in work.to_load]
    problem = 'Connections.csv: kept as text: column "Last Name" missing (header: First Name,URL,Connected On)'
    assert result.problems == [problem]
    assert not (loaded_home / "failed").exists()
    [meta] = (loaded_home / "archive").glob("*.json")
    assert json.loads(meta.read_text())["problems"] == [problem]
