"""Opening exports: ZIP, folder, `X.zip/` folder, one top folder, junk, and the content-based export id."""

import struct
import zipfile
from pathlib import Path

import pytest
from linkedin_ssi.ingest.archive import open_export
from linkedin_ssi.ingest.errors import ExportError

from support import write_export, zip_folder

FILES = {"Profile.csv": "First Name,Last Name,Headline\nAvery,Example,Seller\n", "Jobs/Saved Jobs.csv": "Saved Date\n"}


def test_zip_folder_and_renamed_zip_have_the_same_export_id(tmp_path: Path):
    folder = write_export(tmp_path / "export", FILES)
    a = zip_folder(folder, tmp_path / "Basic_LinkedInDataExport_01-02-2026.zip")
    b = tmp_path / "renamed.zip"
    b.write_bytes(a.read_bytes())
    ids = {open_export(p).export_id for p in (folder, a, b)}
    assert len(ids) == 1


def test_one_top_folder_and_macos_junk_are_stripped(tmp_path: Path):
    top = "Complete_LinkedInDataExport_03-01-2026.zip"
    folder = write_export(
        tmp_path / "outer",
        {f"{top}/{k}": v for k, v in FILES.items()}
        | {f"__MACOSX/{top}/._Profile.csv": b"\x00\x05\x16\x07", f"{top}/.DS_Store": b"x"},
    )
    export = open_export(folder)
    assert [e.path for e in export.entries] == ["Jobs/Saved Jobs.csv", "Profile.csv"]
    assert sorted(export.ignored) == [f"{top}/.DS_Store", f"__MACOSX/{top}/._Profile.csv"]
    assert export.export_id == open_export(write_export(tmp_path / "flat", FILES)).export_id


def test_folder_named_like_a_zip_is_read_as_a_folder(tmp_path: Path):
    folder = write_export(tmp_path / "Basic_LinkedInDataExport_12-24-2025.zip", FILES)
    assert [e.path for e in open_export(folder).entries] == ["Jobs/Saved Jobs.csv", "Profile.csv"]


def test_not_a_zip_is_a_one_line_error(tmp_path: Path):
    bad = tmp_path / "export.zip"
    bad.write_text("<html>Download expired</html>")
    with pytest.raises(ExportError, match=r"^export.zip: not a readable ZIP archive \(File is not a zip file\)$"):
        open_export(bad)


def test_path_traversal_entries_are_refused(tmp_path: Path):
    bad = tmp_path / "evil.zip"
    with zipfile.ZipFile(bad, "w") as zf:
        zf.writestr("../x.csv", "a\n1\n")
    with pytest.raises(ExportError) as e:
        open_export(bad)
    assert str(e.value) == "evil.zip: unsafe path '../x.csv' in archive (absolute or '..'); refusing to read it"


def test_missing_path_and_empty_export(tmp_path: Path):
    with pytest.raises(ExportError, match="no such file or folder"):
        open_export(tmp_path / "nope.zip")
    (tmp_path / "empty").mkdir()
    with pytest.raises(ExportError) as e:
        open_export(tmp_path / "empty")
    assert str(e.value) == "empty: the export is empty (no files in it)"


def test_declared_sizes_over_the_limits_are_refused_before_inflating(tmp_path: Path):
    from linkedin_ssi.ingest.archive import ArchiveLimits

    folder = write_export(
        tmp_path / "export",
        {"Profile.csv": "First Name,Last Name,Headline\n" + "a,b,c\n" * 400, "Skills.csv": "Name\n" + "x\n" * 400},
    )
    zipped = zip_folder(folder, tmp_path / "e.zip")
    with pytest.raises(ExportError) as e:
        open_export(zipped, ArchiveLimits(max_member_bytes=1000))
    assert str(e.value) == (
        "e.zip: Profile.csv declares 2,430 bytes, over the 1,000-byte limit per file; refusing the archive"
    )
    with pytest.raises(ExportError) as e:
        open_export(zipped, ArchiveLimits(max_total_bytes=3000))
    assert str(e.value) == "e.zip: the archive declares over 3,000 bytes in total; refusing it"
    with pytest.raises(ExportError) as e:
        open_export(zipped, ArchiveLimits(max_ratio=2, ratio_applies_above=100))
    assert str(e.value).startswith("e.zip: Profile.csv would inflate ")
    assert str(e.value).endswith(" times (limit 2); refusing a likely ZIP bomb")


PROFILE = "First Name,Last Name,Headline\n" + "".join(f"Avery{i},Example,Seller of things {i}\n" for i in range(300))


def _deflated(path: Path, declared: int | None = None, crc: int | None = None, garble: bool = False) -> Path:
    """Write a one-file deflated ZIP of PROFILE, then lie in both its headers: the size `declared`, the CRC `crc`;
    `garble` overwrites the compressed bytes with zeros (an invalid deflate stream of the same length)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("Profile.csv", PROFILE)
    data = bytearray(path.read_bytes())
    local, central = data.index(b"PK\x03\x04"), data.index(b"PK\x01\x02")
    # (signature, offset of CRC-32 in it, offset of the uncompressed size)
    for at, crc_at, size_at in ((local, 14, 22), (central, 16, 24)):
        if crc is not None:
            struct.pack_into("<I", data, at + crc_at, crc)
        if declared is not None:
            struct.pack_into("<I", data, at + size_at, declared)
    if garble:
        name_len, extra_len = struct.unpack_from("<HH", data, local + 26)
        start = local + 30 + name_len + extra_len
        size = struct.unpack_from("<I", data, local + 18)[0]
        data[start : start + size] = bytes(size)
    path.write_bytes(bytes(data))
    return path


@pytest.fixture(params=["isal", "zlib"])
def inflater(request, monkeypatch):
    """Each test runs with ISA-L's inflate (installed by pyproject) and with the standard library's (the fallback)."""
    import zlib

    from linkedin_ssi.ingest import archive

    if request.param == "zlib":
        monkeypatch.setattr(archive, "inflate", zlib)
    else:
        assert archive.inflate.__name__ == "isal.isal_zlib"
    return request.param


def _read_all(path: Path) -> list[bytes]:
    return [entry.read() for entry in open_export(path).entries]


def test_a_deflated_member_inflates_to_its_bytes(tmp_path: Path, inflater):
    assert _read_all(_deflated(tmp_path / "e.zip")) == [PROFILE.encode()]


@pytest.mark.parametrize(
    ("lie", "message"),
    [
        ({"crc": 12345}, "e.zip: Profile.csv is damaged (Bad CRC-32 for file 'Profile.csv')"),
        ({"declared": 1000}, "e.zip: Profile.csv inflates beyond its declared size; refusing it"),
        (
            {"declared": len(PROFILE) + 100},
            f"e.zip: Profile.csv is damaged or truncated (inflates to {len(PROFILE):,} bytes of the "
            f"{len(PROFILE) + 100:,} declared)",
        ),
    ],
)
def test_a_deflated_member_that_lies_is_refused_naming_it(tmp_path: Path, inflater, lie, message):
    with pytest.raises(ExportError) as e:
        _read_all(_deflated(tmp_path / "e.zip", **lie))
    assert str(e.value) == message


def test_a_deflated_member_that_does_not_inflate_is_damaged(tmp_path: Path, inflater):
    with pytest.raises(ExportError) as e:
        _read_all(_deflated(tmp_path / "e.zip", garble=True))
    # The reason in brackets is the inflater's own words (ISA-L's and zlib's differ).
    assert str(e.value).startswith("e.zip: Profile.csv is damaged or truncated (")


def test_an_empty_deflated_member_is_empty_with_or_without_a_stream(tmp_path: Path, inflater):
    # Python's zipfile writes an empty deflated file as a 2-byte stream; some archivers write no stream at all (the
    # empty stored file below, relabelled deflated: 0 compressed bytes), which zipfile also reads as empty.
    with_stream = tmp_path / "a.zip"
    with zipfile.ZipFile(with_stream, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("Profile.csv", PROFILE)
        zf.writestr("Skills.csv", b"")
    without = tmp_path / "b.zip"
    with zipfile.ZipFile(without, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("Skills.csv", b"")
    data = bytearray(without.read_bytes())
    for signature, method_at in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        struct.pack_into("<H", data, data.index(signature) + method_at, zipfile.ZIP_DEFLATED)
    without.write_bytes(bytes(data))
    assert zipfile.ZipFile(without).read("Skills.csv") == b""  # what zipfile makes of it
    assert _read_all(with_stream) == [PROFILE.encode(), b""]
    assert _read_all(without) == [b""]
