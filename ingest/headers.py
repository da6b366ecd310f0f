"""Find the header row of an export CSV: among the first lines, the row holding one of the file's signatures
(Connections.csv may or may not open with its `Notes:` preamble), and make its names unique."""

from __future__ import annotations

from collections import Counter

from linkedin_ssi.ingest import dialects
from linkedin_ssi.ingest.errors import ExportFormatError
from linkedin_ssi.ingest.registry import TableSpec, norm_header

HEADER_SCAN_LINES = 10


def find_header(text: str, delimiter: str, spec: TableSpec | None, file_name: str) -> tuple[int, list[str]] | None:
    """Return (physical line, cells) of the header row among the first lines, None for an empty file."""
    head = "\n".join(text.splitlines()[: HEADER_SCAN_LINES * 4])
    candidates = []
    for line, cells in dialects.read_standard(head, delimiter):
        candidates.append((line, cells))
        if len(candidates) >= HEADER_SCAN_LINES:
            break
    if not candidates:
        return None
    if spec is None:
        return candidates[0]
    for line, cells in candidates:
        normalised = {norm_header(c) for c in cells}
        if any({norm_header(s) for s in sig} <= normalised for sig in spec.signatures):
            return line, [c.strip().lstrip("\ufeff") for c in cells]
    wanted = " and ".join(repr(s) for s in spec.signatures[0])
    raise ExportFormatError(f"{file_name}: no header row with {wanted} in the first {HEADER_SCAN_LINES} lines")


def unique_header(cells: list[str]) -> list[str]:
    """Return header names made unique and non-empty (Ad_Targeting repeats names; Learning ends with ',')."""
    seen: Counter[str] = Counter()
    out = []
    for i, c in enumerate(cells):
        name = c.strip() or f"column_{i + 1}"
        seen[name] += 1
        out.append(name if seen[name] == 1 else f"{name}_{seen[name]}")
    return out
