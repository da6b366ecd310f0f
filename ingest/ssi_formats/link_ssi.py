"""The `link_ssi` format: the link_ssi extension's CSV, `Date,CapturedAt,Total,Brand,People,Insights,Relationships`
with integer scores (it `parseInt()`s every value, and is known to write Brand = Total; docs/ssi.md §2.1).

It is read as a plain CSV (`plain_csv`); this module only tells it apart, so its rows get their own
`source_format` (and the integer trackers' sum tolerance in `ssi_validate`).
"""

from __future__ import annotations

from typing import Any

LINK_SSI_HEADER = ["Date", "CapturedAt", "Total", "Brand", "People", "Insights", "Relationships"]


def is_link_ssi(header: list[str], records: list[dict[str, Any]]) -> bool:
    """Return whether a plain CSV is link_ssi's: exactly its header, and integer scores on every row."""
    # link_ssi writes exactly this header and parseInt()s every score; a hand-made CSV that happens to share the
    # header but has decimals is read as a plain CSV.
    return header == LINK_SSI_HEADER and all(r["precision"] == "int" for r in records)
