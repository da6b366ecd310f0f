"""How staging reconciles with what was loaded: per table, rows loaded, rows in staging and why they differ."""

from __future__ import annotations

from pathlib import Path

import duckdb


def staging_reconciliation(warehouse: Path) -> list[dict]:
    """Return, per raw table with a staging model, rows loaded, rows in staging and why they differ:
    repeats within one export's files (LinkedIn repeats search queries, multi-image shares...) and the same
    record in several exports. Read from the staging models' `_copies` / `_exports_with_copy` columns."""
    out = []
    with duckdb.connect(str(warehouse), read_only=True) as con:
        # The raw tables are views over the lake by absolute path: each must still reach its files.
        for (view,) in con.execute("select view_name from duckdb_views() where schema_name = 'raw'").fetchall():
            con.execute(f"select count(*) from raw.{view}").fetchone()
        models = con.execute(
            "select table_name, list(column_name) from duckdb_columns() where schema_name = 'staging' "
            "and table_name like 'stg_linkedin__%' group by 1 order by 1"
        ).fetchall()
        for model, columns in models:
            if "_copies" in columns:
                counts = con.execute(
                    f"select count(*), coalesce(sum(_copies), 0), coalesce(sum(_copies - _exports_with_copy), 0), "
                    f"coalesce(sum(_exports_with_copy - 1), 0) from staging.{model}"
                ).fetchone()
                assert counts is not None, "aggregates without group by return one row"
                staged, loaded, within, across = counts
            elif model == "stg_linkedin__messages":
                # Messages skip the window (a million rows): what staging dropped is older exports' copies.
                loaded_row = con.execute("select count(*) from raw.linkedin__messages").fetchone()
                staged_row = con.execute(f"select count(*) from staging.{model}").fetchone()
                assert loaded_row is not None and staged_row is not None, "a count(*) without group by returns one row"
                loaded, staged = loaded_row[0], staged_row[0]
                within, across = 0, loaded - staged
            else:
                continue
            out.append(
                {
                    "model": f"staging.{model}",
                    "rows_loaded": int(loaded),
                    "rows_in_staging": int(staged),
                    "repeated_within_an_export": int(within),
                    "same_record_in_other_exports": int(across),
                }
            )
    return out
