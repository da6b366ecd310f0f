"""Open an export given as a ZIP, an unzipped folder, or a folder named like `X.zip/`.

An export is read as a flat list of `Entry`s (relative path + a way to read the bytes).
LinkedIn puts files at the root with a few sub-folders; users add one top folder when
they unzip, and macOS adds `__MACOSX/`. Matching is done later on base names, so the
layout does not matter beyond stripping one common top folder for display.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import stat
import types
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from linkedin_ssi.ingest.errors import ExportError

inflate: types.ModuleType = zlib  # where `isal` has no wheel, the standard library's: the same bytes, slower
try:  # ISA-L's inflate: zlib's API, 2.5x its speed (pyproject installs it where it has wheels)
    from isal import isal_zlib

    inflate = isal_zlib
except ImportError:
    pass


@dataclass(frozen=True)
class ArchiveLimits:
    """Bounds that stop a ZIP bomb before it is inflated (documented in the README).

    A real heavy export (a million messages) is about 400 MB of CSV compressed about 3.5:1;
    CSV rarely compresses beyond 20:1. Declared sizes are checked before anything is read,
    and bytes are counted while inflating, so a lying header cannot get past either.
    """

    max_member_bytes: int = 2 * 1024**3
    max_total_bytes: int = 8 * 1024**3
    max_ratio: float = 200.0
    ratio_applies_above: int = 1024**2  # tiny members (a 2-line CSV) can have any ratio


LIMITS = ArchiveLimits()

# Junk that archivers add; never part of LinkedIn's export.
_IGNORED_PARTS = {"__MACOSX"}
_IGNORED_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini"}


@dataclass(frozen=True)
class Entry:
    """One file of an export: `path` is relative to the export root, POSIX style."""

    path: str
    size: int
    read: Callable[[], bytes]

    @property
    def name(self) -> str:
        return PurePosixPath(self.path).name


@dataclass(frozen=True)
class Export:
    """An opened export: where it came from, its files, and its content hash."""

    source: Path
    entries: tuple[Entry, ...]
    export_id: str
    ignored: tuple[str, ...]  # paths skipped as archiver junk, reported in the manifest


def _is_ignored(path: str) -> bool:
    parts = PurePosixPath(path).parts
    return any(p in _IGNORED_PARTS for p in parts) or parts[-1] in _IGNORED_NAMES or parts[-1].startswith("._")


def _safe_relpath(name: str, source: Path) -> str:
    """Return a normalised relative path, refusing absolute paths and `..` (zip-slip)."""
    p = PurePosixPath(name.replace("\\", "/"))
    if p.is_absolute() or ".." in p.parts or (p.parts and p.parts[0].endswith(":")):
        raise ExportError(f"{source.name}: unsafe path {name!r} in archive (absolute or '..'); refusing to read it")
    return str(p)


def _strip_common_top(paths: list[str]) -> str:
    """Return the single top folder all paths share ('' if none), e.g. `Complete_LinkedInDataExport_03-01-2026/`."""
    tops = {PurePosixPath(p).parts[0] for p in paths if len(PurePosixPath(p).parts) > 1}
    at_root = [p for p in paths if len(PurePosixPath(p).parts) == 1]
    if len(tops) == 1 and not at_root:
        return tops.pop()
    return ""


def _read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, source: Path, limits: ArchiveLimits) -> bytes:
    """Return a member's bytes, inflating at most its declared size, with errors named after the entry."""
    try:
        if info.compress_type == zipfile.ZIP_DEFLATED:
            return _inflate(zf, info, source, limits)
        with zf.open(info) as fh:
            # zipfile never inflates past the declared size, which _check_limits has already bounded; one
            # read() fills a single buffer (reading in chunks and joining would hold the file twice).
            out = fh.read(min(info.file_size, limits.max_member_bytes) + 1)
            if len(out) > min(info.file_size, limits.max_member_bytes):
                raise ExportError(f"{source.name}: {info.filename} inflates beyond its declared size; refusing it")
    except zipfile.BadZipFile as e:
        raise ExportError(f"{source.name}: {info.filename} is damaged ({e})") from None
    except (zlib.error, EOFError) as e:
        raise ExportError(f"{source.name}: {info.filename} is damaged or truncated ({e})") from None
    except RuntimeError as e:  # zipfile's "File ... is encrypted, password required"
        raise ExportError(f"{source.name}: {info.filename} cannot be read ({e})") from None
    return out


def _inflate(zf: zipfile.ZipFile, info: zipfile.ZipInfo, source: Path, limits: ArchiveLimits) -> bytes:
    """Return a deflated member's bytes, inflated by ISA-L where installed (2.5x zlib's speed: a second less for a
    million messages) and checked as zipfile checks them: at most the declared size, the whole stream, its CRC-32.

    zipfile reads the compressed bytes (it checks the local header and finds where they start): the member is
    opened as if stored, without a CRC to check, since the CRC is the inflated bytes'."""
    raw_info = copy.copy(info)
    raw_info.compress_type, raw_info.file_size = zipfile.ZIP_STORED, info.compress_size
    del raw_info.CRC
    with zf.open(raw_info) as fh:
        compressed = fh.read()
    if len(compressed) < info.compress_size:
        raise EOFError(f"{len(compressed):,} of {info.compress_size:,} compressed bytes")
    if not compressed and not info.file_size:
        # An empty file some archivers write as deflated with no stream at all (zipfile reads it as empty too).
        return _checked(b"", info)
    bound = min(info.file_size, limits.max_member_bytes)
    inflater = inflate.decompressobj(-15)
    try:
        out = inflater.decompress(compressed, bound + 1)  # inflates no further than one byte past the bound
    except inflate.error as e:  # ISA-L's error is not a zlib.error: said as zlib's is
        raise zlib.error(str(e)) from None
    del compressed
    if len(out) > bound:
        raise ExportError(f"{source.name}: {info.filename} inflates beyond its declared size; refusing it")
    if not inflater.eof or len(out) < info.file_size:
        raise EOFError(f"inflates to {len(out):,} bytes of the {info.file_size:,} declared")
    return _checked(out, info)


def _checked(out: bytes, info: zipfile.ZipInfo) -> bytes:
    """Return `out`, the member's inflated bytes, when their CRC-32 is the one its header declares."""
    if inflate.crc32(out) != info.CRC:
        raise zipfile.BadZipFile(f"Bad CRC-32 for file {info.filename!r}")
    return out


def _check_limits(path: Path, infos: list[zipfile.ZipInfo], limits: ArchiveLimits) -> None:
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise ExportError(
                f"{path.name}: {info.filename} is encrypted; download the export again (LinkedIn's "
                "archives have no password)"
            )
        if info.file_size > limits.max_member_bytes:
            raise ExportError(
                f"{path.name}: {info.filename} declares {info.file_size:,} bytes, over the "
                f"{limits.max_member_bytes:,}-byte limit per file; refusing the archive"
            )
        if info.file_size > limits.ratio_applies_above and info.file_size > limits.max_ratio * max(
            info.compress_size, 1
        ):
            raise ExportError(
                f"{path.name}: {info.filename} would inflate {info.file_size / max(info.compress_size, 1):,.0f}"
                f" times (limit {limits.max_ratio:.0f}); refusing a likely ZIP bomb"
            )
        total += info.file_size
        if total > limits.max_total_bytes:
            raise ExportError(
                f"{path.name}: the archive declares over {limits.max_total_bytes:,} bytes in total; refusing it"
            )


def _zip_entries(
    path: Path, limits: ArchiveLimits
) -> tuple[list[tuple[str, int, int, Callable[[], bytes]]], list[str]]:
    try:
        zf = zipfile.ZipFile(path)
    except zipfile.BadZipFile as e:
        raise ExportError(f"{path.name}: not a readable ZIP archive ({e})") from None
    except OSError as e:
        raise ExportError(f"{path.name}: cannot be read ({e.strerror or e})") from None
    items: list[tuple[str, int, int, Callable[[], bytes]]] = []
    ignored, seen = [], set()
    infos = [i for i in zf.infolist() if not i.is_dir()]
    _check_limits(path, infos, limits)
    for info in infos:
        rel = _safe_relpath(info.filename, path)
        if stat.S_ISLNK(info.external_attr >> 16):
            raise ExportError(f"{path.name}: entry {info.filename!r} is a symbolic link; refusing to read it")
        if _is_ignored(rel):
            ignored.append(rel)
            continue
        if rel in seen:
            raise ExportError(f"{path.name}: entry {info.filename!r} appears twice in the archive")
        seen.add(rel)
        items.append((rel, info.file_size, info.CRC, functools.partial(_read_member, zf, info, path, limits)))
    return items, ignored


def _file_crc(f: Path) -> int:
    crc = 0
    with f.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            crc = zlib.crc32(chunk, crc)
    return crc


def _dir_entries(path: Path) -> tuple[list[tuple[str, int, int, Callable[[], bytes]]], list[str]]:
    items, ignored = [], []
    for f in sorted(path.rglob("*")):
        if f.is_symlink():
            ignored.append(str(f.relative_to(path).as_posix()))
            continue
        if not f.is_file():
            continue
        rel = f.relative_to(path).as_posix()
        if _is_ignored(rel):
            ignored.append(rel)
            continue
        items.append((rel, f.stat().st_size, _file_crc(f), f.read_bytes))
    return items, ignored


def open_export(path: str | Path, limits: ArchiveLimits = LIMITS) -> Export:
    """Return the `Export` at `path` (ZIP file or folder) with its files listed and its id computed.

    The export id is a content hash over the files, so the same archive gets the same id
    whatever its file name, and whether it is zipped or unzipped.
    """
    path = Path(path)
    if not path.exists():
        raise ExportError(f"{path}: no such file or folder")
    if path.is_dir():
        raw, ignored = _dir_entries(path)
    else:
        raw, ignored = _zip_entries(path, limits)
    if not raw:
        raise ExportError(f"{path.name}: the export is empty (no files in it)")
    top = _strip_common_top([r[0] for r in raw])
    entries = []
    # The id hashes each file's path, size and CRC-32 (stored in the ZIP's directory, so a ZIP
    # need not be inflated to be recognised; zipfile verifies the CRC when the bytes are read).
    digest = hashlib.sha256()
    for rel, size, crc, reader in sorted(raw, key=lambda t: t[0]):
        short = rel[len(top) + 1 :] if top else rel
        entries.append(Entry(short, size, reader))
        digest.update(f"{short}\0{size}\0{crc}\n".encode())
    return Export(path, tuple(entries), digest.hexdigest()[:20], tuple(ignored))
