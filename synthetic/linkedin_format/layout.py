"""How a file's text becomes its bytes: line endings, the last line's newline, a trailing blank line, and the
legacy UTF-16LE encoding (linkedin-export-format.md §1).

A generator builds each file's text with `\\n` line breaks (inside quoted fields too) and gives it a `Layout`;
`ExportFile` carries the text, possibly as a stream of chunks, to `archive.write_zip` or `archive.write_folder`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

UTF16_BOM = b"\xff\xfe"


@dataclass(frozen=True)
class Layout:
    """The byte-level layout of one file.

    - `eol`: `\\n`, or `\\r\\n` (2021-2024 activity files); applied to every line break, inside fields too;
    - `final_eol`: False when the last record has no newline (Connections, Company Follows, Email Addresses);
    - `extra_blank_line`: the file ends with an empty line (`Profile Summary.csv`, Hashtag_Follows.csv);
    - `utf16`: the legacy twins (`Endorsement Received Info.csv`): UTF-16LE with the BOM `FF FE` (such a file is
      always TAB-separated with every field quoted: `quoting.q_all`, delimiter `\t`).
    """

    eol: str = "\n"
    final_eol: bool = True
    extra_blank_line: bool = False
    utf16: bool = False

    def encode(self, chunks: Iterable[str]) -> Iterator[bytes]:
        """Yield the bytes of the text `chunks` (`\\n` line breaks, the last record ending with one) in this
        layout, one bytes object per chunk: a big file is never held whole."""
        pending: str | None = None
        first = True
        for chunk in chunks:
            if pending is not None:
                yield self._bytes(pending, first)
                first = False
            pending = chunk
        if pending is not None:
            yield self._bytes(self.finish(pending), first)

    def finish(self, text: str) -> str:
        """Return the file's last chunk of text (ending with a newline) ended as this layout says: that newline
        dropped (`final_eol` False), or a blank line added (`extra_blank_line`)."""
        if not self.final_eol:
            return text[:-1] if text.endswith("\n") else text
        return text + "\n" if self.extra_blank_line else text

    def _bytes(self, text: str, first: bool) -> bytes:
        if self.eol != "\n":
            text = text.replace("\n", self.eol)
        if self.utf16:
            return (UTF16_BOM if first else b"") + text.encode("utf-16-le")
        return text.encode("utf-8")

    def describe(self) -> str:
        """Return the layout in words, e.g. `UTF-8, no BOM, CRLF` (the sample's README lists it per file)."""
        parts = [
            "UTF-16LE + BOM `FF FE`, TAB-separated, all fields quoted" if self.utf16 else "UTF-8, no BOM",
            "CRLF" if self.eol == "\r\n" else "LF",
        ]
        if self.extra_blank_line:
            parts.append("ends with an extra blank line")
        elif not self.final_eol:
            parts.append("**no trailing newline**")
        return ", ".join(parts)


PLAIN = Layout()  # UTF-8, LF line endings, a newline after the last record: most files' layout


@dataclass
class ExportFile:
    """One file of an export: its path inside the export (`Jobs/Saved Jobs.csv`), its text as chunks with `\\n`
    line breaks, its layout, and the records a correct reader must find in it."""

    path: str
    records: int
    chunks: Iterable[str]
    layout: Layout = Layout()

    def encoded(self) -> Iterator[bytes]:
        """Yield the file's bytes, chunk by chunk."""
        return self.layout.encode(self.chunks)


def chunked(rows: Iterable[str], header: str = "", size: int = 20_000) -> Iterator[str]:
    """Yield `header`, then the rows joined `size` at a time (large enough to amortise each write, small enough
    to keep memory flat)."""
    if header:
        yield header
    buf: list[str] = []
    for row in rows:
        buf.append(row)
        if len(buf) >= size:
            yield "".join(buf)
            buf.clear()
    if buf:
        yield "".join(buf)
