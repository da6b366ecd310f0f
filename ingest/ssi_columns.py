"""The recorded SSI scores' columns (the pillars themselves are defined once, in ingest.pillars).

`raw.ssi__scores` stores SSI_COLUMNS (the canonical row every reader in ingest.ssi_formats returns) and
SSI_IMPORT_LINEAGE; the descriptions become the warehouse's column comments, which the staging and intermediate
models inherit. The SQL keeps its own pillar names in one place, intermediate.int_activity_pillars_mapped's
description (tests/test_columns.py checks it against PILLAR_LABELS).
"""

from __future__ import annotations

import polars as pl
from linkedin_ssi.ingest.pillars import PILLAR_LABELS, PILLARS  # noqa: F401 (the SSI columns' pillars)
from linkedin_ssi.ingest.registry import Column

SSI_DESCRIPTION = "Every recorded SSI capture as imported (all captures kept)."
SSI_COLUMNS = (
    Column("member", pl.String(), "Member the score belongs to (from the file, --member, or the only member loaded)."),
    Column("score_date", pl.Date(), "Day the score was recorded (local day of the capture)."),
    Column("captured_at", pl.Datetime("us", "UTC"), "Capture time (UTC) when the tracker recorded one."),
    Column("total", pl.Float64(), "SSI, 0-100 (NULL for formats without it)."),
    *(Column(p, pl.Float64(), f"{PILLAR_LABELS[p]}, 0-25.") for p in PILLARS),
    Column("industry_rank", pl.Float64(), "Top N% in the member's industry (lower is better)."),
    Column("network_rank", pl.Float64(), "Top N% in the member's network (lower is better)."),
    Column("industry_name", pl.String(), "Industry group LinkedIn compares with."),
    Column("industry_group_size", pl.Int64(), "Members in the industry group."),
    Column("network_group_size", pl.Int64(), "Members in the network group."),
    Column("industry_avg_total", pl.Float64(), "Industry group's average SSI."),
    Column("network_avg_total", pl.Float64(), "Network group's average SSI."),
    Column("precision", pl.String(), "float (tracker kept decimals) or int (rounded, like the page's gauge)."),
    Column(
        "is_pillar_equal_total",
        pl.Boolean(),
        "A pillar equals the total: a known tracker bug (link_ssi); kept and flagged.",
    ),
    Column(
        "source_format",
        pl.String(),
        "csv, sales_api_json, socialedge, link_ssi, pt_long_csv, flat_json, manual "
        "(ssi add) or ssi_page (ssi add --paste).",
    ),
    Column("source_file", pl.String(), "File the capture was imported from."),
    Column("source_line", pl.Int64(), "1-based line (CSV) or array position (JSON) of the capture."),
    Column("raw_record", pl.String(), "The capture as read (JSON)."),
)
# Added when the rows are stored (ingest.ssi_store).
SSI_IMPORT_LINEAGE = (
    Column("_import_id", pl.String(), "Content hash of the imported file (or manual-<time>)."),
    Column("_imported_at", pl.Datetime("us", "UTC"), "When it was imported."),
)
