"""The `flat_json` format: JSON objects whose keys are the plain-CSV column names (Linked API's `{ssi, industryTop,
networkTop}` plus a `date`, ssi-tracker's `{ssi_overall_score, ..., date_created}`), one object or an array."""

from __future__ import annotations

from typing import Any

from linkedin_ssi.ingest.ssi_formats.columns import check_unknown_columns, from_values, header_field, map_keys
from linkedin_ssi.ingest.ssi_validate import SCORES, Where


def is_flat(first: dict[str, Any]) -> bool:
    """Return whether a JSON object (the document's first) has a key naming a score."""
    return any(header_field(key) in SCORES for key in first)


def read_flat_json(doc: Any, name: str, warnings: list[str]) -> list[dict[str, Any]]:
    """Return one record per object of the document; an unknown key is a warning, or an error when it may be a
    misspelt pillar (`columns.check_unknown_columns`)."""
    items = doc if isinstance(doc, list) else [doc]
    keys = list(dict.fromkeys(k for item in items if isinstance(item, dict) for k in item))
    warnings += check_unknown_columns(
        [k for k in keys if header_field(k) is None],
        {f for k in keys if (f := header_field(k)) is not None},
        Where(name),
    )
    return [
        from_values(map_keys(item, Where(name, i, "record")), Where(name, i, "record"), raw=item)
        for i, item in enumerate(items, 1)
    ]
