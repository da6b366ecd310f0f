"""The drop-folder rules, on the plain functions the Prefect flows wrap."""

import os
import time
from pathlib import Path

import pytest
from linkedin_ssi.ingest.errors import ExportError
from linkedin_ssi.ingest.inbox import collect_inbox, load_archived, scan_inbox
from linkedin_ssi.ingest.lake import read_manifests

from support import write_export, zip_folder
from test_load import export_files


def drop(
    home: Path, tmp_path: Path, name: str = "Basic_LinkedInDataExport_10-02-2026.zip", age: float = 60, **kw
) -> Path:
    """Return an export ZIP placed in the inbox, last modified `age` seconds ago."""
    inbox = home / "inbox"
    inbox.mkdir(parents=True, exist_ok=True)
    path = zip_folder(write_export(tmp_path / f"src-{name}", export_files(**kw)), inbox / name)
    os.utime(path, (time.time() - age, time.time() - age))
    return path


def test_a_complete_zip_is_claimed_archived_by_content_and_loaded(home, tmp_path):
    dropped = drop(home, tmp_path)
    work = collect_inbox(home, settle_seconds=10)
    assert not dropped.exists()
    assert [p.parent.name for p in work.to_load] == ["archive"]
    assert len(work.to_load[0].stem) == 64  # sha256 of the bytes
    result = load_archived(home, work.to_load[0])
    assert (result.status, result.member) == ("loaded", "avery-example")
    assert collect_inbox(home).to_load == []  # loaded: nothing left to do


def test_a_file_still_being_written_is_left_for_a_later_run(home, tmp_path):
    fresh = drop(home, tmp_path, age=0)
    partial = home / "inbox" / "partial.zip"
    partial.write_bytes(fresh.read_bytes()[:100])  # a download in progress: not yet a valid ZIP
    work = collect_inbox(home, settle_seconds=10)
    assert work.to_load == [] and work.failed == []
    assert sorted(name for name, _ in work.waiting) == ["Basic_LinkedInDataExport_10-02-2026.zip", "partial.zip"]
    assert fresh.exists() and partial.exists()


def test_a_file_that_can_never_load_goes_to_failed_with_its_reason(home, tmp_path):
    inbox = home / "inbox"
    inbox.mkdir(parents=True)
    page = inbox / "export.zip"
    page.write_text("<html><body>Your download link has expired</body></html>")
    os.utime(page, (time.time() - 60, time.time() - 60))
    work = collect_inbox(home, settle_seconds=10)
    assert work.failed == [("export.zip", "not a readable ZIP archive (File is not a zip file)")]
    assert not page.exists()
    assert (home / "failed" / "export.zip.reason.txt").read_text() == (
        "export.zip: not a readable ZIP archive (File is not a zip file)\n"
    )


def test_a_zip_that_fails_to_load_moves_from_the_archive_to_failed(home, tmp_path):
    inbox = home / "inbox"
    inbox.mkdir(parents=True)
    zip_folder(write_export(tmp_path / "bad", {"Contacts-export.csv": "garbage\n"}), inbox / "mine.zip")
    os.utime(inbox / "mine.zip", (time.time() - 60, time.time() - 60))
    work = collect_inbox(home, settle_seconds=10)
    with pytest.raises(ExportError) as e:
        load_archived(home, work.to_load[0])
    message = (
        "mine.zip: no LinkedIn export files in it (such as Connections.csv, Profile.csv or messages.csv) — is "
        "this a LinkedIn data export?"
    )
    assert str(e.value) == message
    assert list((home / "archive").glob("*.zip")) == []
    assert (home / "failed" / "mine.zip").exists()
    assert (home / "failed" / "mine.zip.reason.txt").read_text() == message + "\n"
    assert read_manifests(home) == []


def test_the_same_export_dropped_twice_is_not_processed_again(home, tmp_path):
    first = drop(home, tmp_path)
    data = first.read_bytes()
    load_archived(home, collect_inbox(home).to_load[0])
    again = home / "inbox" / "copy (1).zip"
    again.write_bytes(data)
    os.utime(again, (time.time() - 60, time.time() - 60))
    work = collect_inbox(home)
    assert work.duplicates == ["copy (1).zip"]
    assert work.to_load == []
    assert not again.exists()
    assert len(read_manifests(home)) == 1


def test_a_claimed_zip_whose_load_was_interrupted_is_loaded_by_the_next_run(home, tmp_path):
    drop(home, tmp_path)
    claimed = collect_inbox(home).to_load  # claimed, then the process died before loading
    assert collect_inbox(home).to_load == claimed


def test_scan_reports_ages_without_moving_anything(home, tmp_path):
    drop(home, tmp_path, age=3)
    scan = scan_inbox(home, settle_seconds=10)
    assert [(p.name, why) for p, why in scan.waiting] == [
        ("Basic_LinkedInDataExport_10-02-2026.zip", "modified 3 s ago; waiting until it has not changed for 10 s")
    ]


def test_a_run_that_finds_nothing_new_reads_no_archived_export_and_does_not_rebuild(home, tmp_path, monkeypatch):
    from linkedin_ssi.models.warehouse import needs_build
    from linkedin_ssi.presenting.publish import publish

    drop(home, tmp_path)
    load_archived(home, collect_inbox(home).to_load[0])
    publish(home)

    def refuse(*args, **kwargs):
        raise AssertionError("an archived export was opened again")

    monkeypatch.setattr("linkedin_ssi.ingest.archive.open_export", refuse)
    assert collect_inbox(home).to_load == []
    assert needs_build(home) is False
