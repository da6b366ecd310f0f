"""Builders of hostile inputs: each returns the path of a file a user (or an attacker) might drop."""

from __future__ import annotations

import base64
import random
import struct
import zipfile
from pathlib import Path

from test_load import export_files


def _zip(path: Path, files: dict[str, bytes | str], compression=zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression) as zf:
        for name, data in files.items():
            zf.writestr(name, data.encode() if isinstance(data, str) else data)
    return path


def good_files(**overrides) -> dict[str, bytes | str]:
    return {**export_files("Blake", "Sample", "blake-sample", ("cy",)), **overrides}


def not_a_zip(d: Path) -> Path:
    p = d / "export.zip"
    p.write_text("PK? no: just text")
    return p


def truncated(d: Path) -> Path:
    whole = _zip(d / "whole.zip", good_files()).read_bytes()
    p = d / "export.zip"
    p.write_bytes(whole[: len(whole) // 2])
    return p


def bad_crc(d: Path) -> Path:
    p = _zip(d / "export.zip", good_files(), zipfile.ZIP_STORED)
    data = bytearray(p.read_bytes())
    at = data.index(b"First Name,Last Name,URL")  # inside Connections.csv's stored bytes
    data[at] = ord("f")
    p.write_bytes(bytes(data))
    return p


def encrypted(d: Path) -> Path:
    p = _zip(d / "export.zip", good_files(), zipfile.ZIP_STORED)
    data = bytearray(p.read_bytes())
    # Set the "encrypted" general-purpose flag in every local and central header.
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (at := data.find(signature, start)) != -1:
            flags = struct.unpack_from("<H", data, at + offset)[0]
            struct.pack_into("<H", data, at + offset, flags | 0x1)
            start = at + 4
    p.write_bytes(bytes(data))
    return p


def empty_zip(d: Path) -> Path:
    return _zip(d / "export.zip", {})


def no_linkedin_files(d: Path) -> Path:
    return _zip(d / "export.zip", {"holiday/photo.jpg": b"\xff\xd8\xff\xe0 not really a jpeg", "notes.txt": "hello"})


def path_traversal(d: Path) -> Path:
    return _zip(d / "export.zip", {**good_files(), "../evil.csv": "a\n1\n"})


def absolute_path(d: Path) -> Path:
    return _zip(d / "export.zip", {**good_files(), "/etc/evil.csv": "a\n1\n"})


def symlink(d: Path) -> Path:
    p = d / "export.zip"
    with zipfile.ZipFile(p, "w") as zf:
        for name, data in good_files().items():
            zf.writestr(name, data)
        info = zipfile.ZipInfo("Shares.csv")
        info.external_attr = 0o120777 << 16  # a symbolic link to /etc/passwd
        zf.writestr(info, "/etc/passwd")
    return p


def duplicate_names(d: Path) -> Path:
    p = d / "export.zip"
    with zipfile.ZipFile(p, "w") as zf:
        for name, data in good_files().items():
            zf.writestr(name, data)
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            zf.writestr("Profile.csv", "First Name,Last Name,Headline\nEve,Impostor,x\n")
    return p


def zip_bomb(d: Path) -> Path:
    return _zip(d / "export.zip", {**good_files(), "Reactions.csv": b"\0" * (64 * 1024 * 1024)})


def missing_columns(d: Path) -> Path:
    return _zip(d / "export.zip", good_files(**{"Connections.csv": "First Name,URL,Connected On\nAnn,,05 Mar 2026\n"}))


def unknown_encoding(d: Path) -> Path:
    text = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\nAnn,Lee,,,,,05 Mar 2026\n"
    return _zip(d / "export.zip", good_files(**{"Connections.csv": text.encode("utf-32")}))


def huge_field(d: Path) -> Path:
    header = "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER\n"
    noise = base64.b64encode(random.Random(1).randbytes(8 * 1024 * 1024)).decode()[: 10 * 1024 * 1024]
    row = f"2-abc,,Cy,,Blake Sample,2026-03-01 10:00:00 UTC,,{noise},INBOX\n"
    return _zip(d / "export.zip", good_files(**{"messages.csv": header + row}))


def many_fields(d: Path) -> Path:
    text = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" + ",".join(["x"] * 10_000) + "\n"
    return _zip(d / "export.zip", good_files(**{"Connections.csv": text}))


def foreign_date_format(d: Path) -> Path:
    text = (
        "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
        "Blake Sample,Dana Doe,2026-03-07 13:07:00,,OUTGOING,https://www.linkedin.com/in/blake-sample,\n"
        "Blake Sample,Eli Roe,2026-03-08 09:00:00,,OUTGOING,https://www.linkedin.com/in/blake-sample,\n"
    )
    return _zip(d / "export.zip", good_files(**{"Invitations.csv": text}))


def html_as_csv(d: Path) -> Path:
    page = "<!DOCTYPE html>\n<html><head><title>Error</title></head><body>Something went wrong</body></html>\n"
    return _zip(d / "export.zip", good_files(**{"Connections.csv": page}))
