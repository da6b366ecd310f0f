"""Turn a file's bytes into text, choosing the encoding and delimiter LinkedIn used for it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Decoded:
    """Decoded text plus how it was decoded; `warnings` go to the load report."""

    text: str
    encoding: str
    delimiter: str
    warnings: list[str] = field(default_factory=list)


def decode_bytes(data: bytes, file_name: str) -> Decoded:
    """Return the text of a LinkedIn CSV.

    - `FF FE` / `FE FF` BOM: the legacy UTF-16 writer, TAB-separated, every field quoted.
    - otherwise UTF-8; only a *leading* BOM is stripped (message bodies can contain U+FEFF).
    - bytes that are not UTF-8: cp1252 (an Excel re-save), with a warning.
    """
    from linkedin_ssi.ingest.errors import ExportFormatError

    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise ExportFormatError(f"{file_name}: UTF-32 text; LinkedIn writes UTF-8 (or UTF-16 in old exports)")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return Decoded(data.decode("utf-16"), "utf-16", "\t")
        except UnicodeDecodeError as e:
            raise ExportFormatError(f"{file_name}: broken UTF-16 text ({e.reason} at byte {e.start})") from None
    if b"\x00" in data[:65536]:
        raise ExportFormatError(f"{file_name}: contains binary data (NUL bytes), not CSV text")
    try:
        text = data.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError as e:
        if not _cp1252_ok(data):
            raise ExportFormatError(
                f"{file_name}: not UTF-8, UTF-16 or cp1252 text (byte 0x{data[e.start]:02x} at offset {e.start})"
            ) from None
        text = data.decode("cp1252", errors="strict")
        return Decoded(text, "cp1252", ",", [f"{file_name}: not valid UTF-8; decoded as cp1252 (re-saved by Excel?)"])
    if text.startswith("\ufeff"):
        text = text[1:]
        encoding = "utf-8-sig"
    return Decoded(text, encoding, ",")


def _cp1252_ok(data: bytes) -> bool:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True
