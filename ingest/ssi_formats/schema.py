"""The canonical SSI row every format is read into (`raw.ssi__scores`), and the frame that holds them."""

from __future__ import annotations

from typing import Any

import polars as pl
from linkedin_ssi.ingest.registry import schema_of
from linkedin_ssi.ingest.ssi_columns import SSI_COLUMNS

# Its columns are described in ingest.ssi_columns (the warehouse's comments on raw.ssi__scores).
SCHEMA: dict[str, pl.DataType] = schema_of(SSI_COLUMNS)


FLOATS = [name for name, dtype in SCHEMA.items() if dtype == pl.Float64()]


COUNTS = ("industry_group_size", "network_group_size")


def to_frame(records: list[dict[str, Any]]) -> pl.DataFrame:
    """Return the records as a frame with exactly SCHEMA's columns, types and order."""
    return pl.DataFrame([{c: rec.get(c) for c in SCHEMA} for rec in records], schema=SCHEMA)
