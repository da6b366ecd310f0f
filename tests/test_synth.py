"""The synthetic export generator: what it writes loads cleanly, exactly as counted, the same for the same seed."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest
from linkedin_ssi.ingest.load import load_export
from linkedin_ssi.ingest.ssi_store import import_ssi_file
from linkedin_ssi.synthetic.synth import ERAS, HEAVY_COUNTS, NORMAL_COUNTS, parse_scale, write_synthetic

MEMBERS, SCALE, SEED = 3, 0.05, 7


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> list[Path]:
    return write_synthetic(tmp_path_factory.mktemp("synth"), members=MEMBERS, scale=SCALE, seed=SEED)


@pytest.fixture(scope="module")
def loaded(written, tmp_path_factory) -> tuple[Path, dict[Path, object]]:
    """Load every generated ZIP into one home; return (home, {zip: LoadResult})."""
    home = tmp_path_factory.mktemp("home")
    return home, {z: load_export(home, z) for z in written}


def counts_of(zip_path: Path) -> dict:
    return json.loads((zip_path.parent / "counts.json").read_text())


def zip_contents(zip_path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(zip_path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def test_writes_a_zip_an_ssi_history_and_counts_per_member(written):
    assert len(written) == MEMBERS
    slugs = [z.parent.name for z in written]
    assert len(set(slugs)) == MEMBERS
    for z in written:
        assert z.name.startswith("Complete_LinkedInDataExport_") and z.suffix == ".zip"
        assert (z.parent / "ssi_scores.csv").is_file()
        counts = counts_of(z)
        assert counts["member"] == z.parent.name and counts["zip"] == z.name
        assert set(counts["files"]) == set(zip_contents(z))
    # Eras are drawn so that consecutive members get different layouts.
    assert len({counts_of(z)["era"] for z in written}) == MEMBERS


def test_every_export_loads_with_nothing_quarantined_and_the_expected_member(loaded):
    _, results = loaded
    for z, result in results.items():
        assert result.status == "loaded"
        assert result.rows_quarantined == 0, z
        assert result.member == counts_of(z)["member"]


def test_rows_loaded_per_file_equal_what_the_generator_wrote(loaded):
    home, results = loaded
    for z, result in results.items():
        manifest = json.loads((home / "lake" / "manifests" / f"{result.export_id}.json").read_text())
        loaded_rows = {f["file"]: f["rows_loaded"] for f in manifest["files"] if f["status"] != "ignored"}
        assert loaded_rows == counts_of(z)["files"], z


def test_the_same_seed_writes_byte_identical_files_and_another_seed_does_not(written, tmp_path):
    again = write_synthetic(tmp_path / "again", members=MEMBERS, scale=SCALE, seed=SEED)
    assert [z.relative_to(z.parents[1]) for z in again] == [z.relative_to(z.parents[1]) for z in written]
    for a, b in zip(written, again):
        assert zip_contents(a) == zip_contents(b)
        assert a.read_bytes() == b.read_bytes()  # fixed ZIP timestamps: the archive itself is reproducible
        assert (a.parent / "ssi_scores.csv").read_bytes() == (b.parent / "ssi_scores.csv").read_bytes()
    other = write_synthetic(tmp_path / "other", members=1, scale=SCALE, seed=SEED + 1)
    assert zip_contents(other[0]) != zip_contents(written[0])


def test_the_ssi_history_imports_for_its_member(loaded, written):
    home, _ = loaded
    for z in written:
        path = z.parent / "ssi_scores.csv"
        result = import_ssi_file(home, path)
        assert (result.status, result.source_format, result.members) == ("imported", "csv", [counts_of(z)["member"]])
        assert result.rows == counts_of(z)["ssi_rows"] == 30
        rows = list(csv.DictReader(io.StringIO(path.read_text())))
        for row in rows:
            pillars = [float(row[k]) for k in ("brand", "people", "insights", "relationships")]
            assert all(0 <= p <= 25 for p in pillars)
            assert float(row["total"]) == round(sum(pillars), 2)


def test_each_era_writes_its_own_layout(tmp_path):
    zips = write_synthetic(tmp_path, members=len(ERAS), scale=SCALE, seed=1, eras=ERAS)
    by_era = {counts_of(z)["era"]: zip_contents(z) for z in zips}
    header_2021 = b"CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER\n"
    assert by_era["2021"]["messages.csv"].startswith(header_2021)
    assert b"inviterProfileUrl" not in by_era["2021"]["Invitations.csv"]
    assert "Rich Media.csv" in by_era["2021"] and "Rich_Media.csv" in by_era["2024-12"]
    assert by_era["2024-12"]["messages.csv"].split(b"\n", 1)[0].endswith(b"IS MESSAGE DRAFT,IS CONVERSATION DRAFT")
    assert b"\r\n" in by_era["2024-12"]["Reactions.csv"] and b"\r\n" not in by_era["2025"]["Reactions.csv"]
    assert by_era["2025"]["messages.csv"].split(b"\n", 1)[0].endswith(b",FOLDER,ATTACHMENTS")
    assert by_era["2026"]["messages.csv"].startswith(b'"CONVERSATION ID","CONVERSATION TITLE",')
    assert sorted(n.split("_")[0] for n in by_era["2026"] if n.startswith(("Comments_", "Shares_"))) == [
        "Comments",
        "Comments",
        "Shares",
    ]
    for files in by_era.values():
        connections = files["Connections.csv"]
        assert connections.startswith(b"Notes:\n") and not connections.endswith(b"\n")


def test_about_five_percent_of_message_bodies_span_lines(tmp_path):
    (z,) = write_synthetic(tmp_path, members=1, scale=1, seed=3, eras=["2025"])
    rows = list(csv.DictReader(io.StringIO(zip_contents(z)["messages.csv"].decode())))
    assert len(rows) == NORMAL_COUNTS["messages"]
    share = sum("\n" in r["CONTENT"] for r in rows) / len(rows)
    assert 0.03 < share < 0.07


def test_scale_grammar():
    assert parse_scale("heavy") == parse_scale("heavy:1") == parse_scale(" HEAVY:1.0 ")
    assert {k: parse_scale("heavy")[k] for k in HEAVY_COUNTS} == HEAVY_COUNTS
    assert {k: parse_scale("heavy:0.25")[k] for k in HEAVY_COUNTS} == {k: v // 4 for k, v in HEAVY_COUNTS.items()}
    assert {k: parse_scale(1)[k] for k in NORMAL_COUNTS} == NORMAL_COUNTS
    assert parse_scale(0.5) == parse_scale("0.5") == parse_scale("normal:0.5")
    for bad in ("huge", "heavy:", "heavy:-1", 0, "nan", True):
        with pytest.raises(ValueError):
            parse_scale(bad)
