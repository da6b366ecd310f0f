"""The bundled sample export and SSI history are the generator's output, byte for byte: regenerating them changes
nothing, so a change to the generator shows up as a change to the committed data (or this test fails)."""

from __future__ import annotations

from pathlib import Path

from linkedin_ssi.synthetic.sample_export import write_sample_export

from support import SAMPLE, SAMPLE_SCORES


def files_of(folder: Path) -> dict[str, bytes]:
    """Return {path relative to `folder`: bytes} for every file under it."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_generator_writes_the_committed_sample_byte_for_byte(tmp_path):
    written = write_sample_export(tmp_path / "sample_export", tmp_path / "sample_ssi_scores.csv")
    committed = files_of(SAMPLE)
    regenerated = files_of(tmp_path / "sample_export")
    assert sorted(regenerated) == sorted(committed)
    assert [path for path in committed if regenerated[path] != committed[path]] == []
    assert (tmp_path / "sample_ssi_scores.csv").read_bytes() == SAMPLE_SCORES.read_bytes()
    # The 43 CSV files of the README's table; the others are two article pages and macOS junk.
    assert (len(written.records), written.other_files, written.ssi_rows) == (43, 3, 28)
    assert (written.records["Connections.csv"], written.records["messages.csv"]) == (188, 446)


def test_a_second_run_in_the_same_process_writes_the_same_bytes(tmp_path):
    write_sample_export(tmp_path / "one", tmp_path / "one.csv")
    write_sample_export(tmp_path / "two", tmp_path / "two.csv")
    assert files_of(tmp_path / "one") == files_of(tmp_path / "two")
    assert (tmp_path / "one.csv").read_bytes() == (tmp_path / "two.csv").read_bytes()


def test_an_existing_folder_is_replaced_whole(tmp_path):
    out = tmp_path / "sample_export"
    (out / "Jobs").mkdir(parents=True)
    (out / "Jobs" / "stale.csv").write_text("left over from an older generator\n")
    write_sample_export(out, tmp_path / "ssi.csv")
    assert not (out / "Jobs" / "stale.csv").exists()
    assert sorted(files_of(out)) == sorted(files_of(SAMPLE))
