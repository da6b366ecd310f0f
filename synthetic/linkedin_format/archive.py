"""The containers an export arrives in: LinkedIn's ZIP (`Complete_LinkedInDataExport_MM-DD-YYYY.zip`), or the
folder a user unzips it to.

Both take `layout.ExportFile`s and write each file's bytes as they stream, so a million-row file is never held
whole. The ZIP's bytes depend only on the files and the export day (fixed entry times and modes), so the same
seed gives the same archive.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

from linkedin_ssi.synthetic.linkedin_format.layout import ExportFile

# ZIP64 headers are needed only when an entry may pass 2 GiB; no LinkedIn row is near this many bytes.
_MAX_BYTES_PER_RECORD = 450


def export_zip_name(day: date, kind: str = "Complete") -> str:
    """Return the archive's name as LinkedIn gives it, `Complete_LinkedInDataExport_10-15-2026.zip` (or `Basic_`)."""
    return f"{kind}_LinkedInDataExport_{day.month:02d}-{day.day:02d}-{day.year}.zip"


def _zip_info(name: str, day: date, level: int) -> zipfile.ZipInfo:
    """Return a ZipInfo with a fixed time (09:00 on `day`) and mode, so the archive's bytes depend on nothing else."""
    info = zipfile.ZipInfo(name, date_time=(day.year, day.month, day.day, 9, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    # ZipFile.open(ZipInfo, "w") takes the level from the ZipInfo, not the ZipFile (a private slot before 3.13).
    setattr(info, "compress_level" if hasattr(zipfile.ZipInfo, "compress_level") else "_compresslevel", level)
    return info


def write_zip(
    path: Path,
    files: Iterable[ExportFile],
    day: date,
    level: int = 6,
    on_file: Callable[[ExportFile, int], None] | None = None,
) -> dict[str, int]:
    """Write the files, in order, into a deflated ZIP at `path`; return {file path: uncompressed bytes}.

    `level` is zlib's 0-9 (6, zlib's default, is what archivers use); `on_file(file, bytes)` is called after
    each file is written.
    """
    sizes: dict[str, int] = {}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as zf:
        for f in files:
            big = f.records * _MAX_BYTES_PER_RECORD > (1 << 31) - 1
            written = 0
            with zf.open(_zip_info(f.path, day, level), "w", force_zip64=big) as out:
                for data in f.encoded():
                    out.write(data)
                    written += len(data)
            sizes[f.path] = written
            if on_file:
                on_file(f, written)
    return sizes


def write_folder(folder: Path, files: Iterable[ExportFile], blobs: Iterable[tuple[str, bytes]] = ()) -> None:
    """Write the files, and `blobs` (path inside the export, bytes: binary entries such as `__MACOSX/` junk), under
    `folder` as an unzipped export, creating sub-folders (`Jobs/`, `Articles/Articles/`) as needed."""
    for f in files:
        target = folder / f.path
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as out:
            for data in f.encoded():
                out.write(data)
    for relpath, data in blobs:
        target = folder / relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
