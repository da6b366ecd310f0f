"""The canonical SSI row every format is read into (`raw.ssi__scores`), and the frame that holds them."""

from __future__ import annotations

from typing import Any

import polars as pl

from linkedin_ssi.ingest.ssi_validate import SCORES


SCHEMA: dict[str, pl.DataType] = {
    "member": pl.String(),
    "score_date": pl.Date(),
    "captured_at": pl.Datetime("us", "UTC"),
    **{f: pl.Float64() for f in SCORES},
    "industry_rank": pl.Float64(),
    "network_rank": pl.Float64(),
    "industry_name": pl.String(),
    "industry_group_size": pl.Int64(),
    "network_group_size": pl.Int64(),
    "industry_avg_total": pl.Float64(),
    "network_avg_total": pl.Float64(),
    "precision": pl.String(),
    "is_pillar_equal_total": pl.Boolean(),
    "source_format": pl.String(),
    "source_file": pl.String(),
    "source_line": pl.Int64(),
    "raw_record": pl.String(),
}


FLOATS = [name for name, dtype in SCHEMA.items() if dtype == pl.Float64()]


COUNTS = ("industry_group_size", "network_group_size")


def to_frame(records: list[dict[str, Any]]) -> pl.DataFrame:
    """Return the records as a frame with exactly SCHEMA's columns, types and order."""
    return pl.DataFrame([{c: rec.get(c) for c in SCHEMA} for rec in records], schema=SCHEMA)
