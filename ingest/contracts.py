"""pandera (polars) contracts: one per raw LinkedIn table, generated from the registry.

The parser types values; the contract decides which typed rows are acceptable (required values
present, enums respected, URLs shaped like URLs, lineage complete). Rows that fail are returned
with a reason for the quarantine table. Every column, its checks and its description (the warehouse's
COMMENT ON COLUMN) come from the registry's columns (ingest.registry.stored_columns).
"""

from __future__ import annotations

from functools import cache

import pandera.polars as pa
import polars as pl
from linkedin_ssi.ingest.registry import (
    ARTICLE_COLUMNS,
    ARTICLES_DESCRIPTION,
    BY_TABLE,
    LINEAGE,
    Column,
    TableSpec,
    docs_of,
    stored_columns,
)

# A CSV the registry does not know: the table and each of its columns.
GENERIC_DESCRIPTION = "A CSV the registry does not know, kept as text so nothing is lost."
GENERIC_COLUMN_DESCRIPTION = "Text as written in the file (column name snake_cased)."


def describe_columns(spec: TableSpec) -> dict[str, str]:
    """Return {column: description} for every column of a raw table, lineage included."""
    return docs_of(stored_columns(spec) + LINEAGE)


def _column(column: Column) -> pa.Column:
    """Return the pandera column of a registry column: its dtype, nullability and checks."""
    checks = []
    if column.startswith:
        checks.append(pa.Check.str_startswith(column.startswith))
    if column.pattern:
        checks.append(pa.Check.str_matches(column.pattern))
    if column.isin:
        checks.append(pa.Check.isin(list(column.isin)))
    return pa.Column(column.dtype, checks=checks, nullable=column.nullable, description=column.description)


def articles_contract() -> pa.DataFrameSchema:
    """Return the contract of raw.linkedin__articles (one row per HTML page under Articles/)."""
    return pa.DataFrameSchema(
        {c.name: _column(c) for c in ARTICLE_COLUMNS + LINEAGE},
        name="raw.linkedin__articles",
        strict=True,
        description=ARTICLES_DESCRIPTION,
    )


def generic_contract(table: str, columns: tuple[str, ...]) -> pa.DataFrameSchema:
    """Return the contract of a file the registry does not know: every column text, lineage complete."""
    cols = {
        c: pa.Column(pl.String(), nullable=True, description=GENERIC_COLUMN_DESCRIPTION)
        for c in columns
        if not c.startswith("_")
    }
    cols.update({c.name: _column(c) for c in LINEAGE})
    return pa.DataFrameSchema(cols, name=f"raw.linkedin__{table}", strict=True, description=GENERIC_DESCRIPTION)


@cache
def contract(table: str) -> pa.DataFrameSchema:
    """Return the pandera schema named after raw table `table`."""
    spec = BY_TABLE[table]
    columns = {c.name: _column(c) for c in stored_columns(spec) + LINEAGE}
    return pa.DataFrameSchema(
        columns, name=f"raw.linkedin__{table}", strict=True, ordered=False, description=spec.description
    )


def table_contract(table: str, columns: tuple[str, ...] = ()) -> pa.DataFrameSchema:
    """Return the contract for any raw table: registry tables, articles, or a generic file's columns."""
    if table in BY_TABLE:
        return contract(table)
    if table == "articles":
        return articles_contract()
    return generic_contract(table, columns)


class ContractColumnError(Exception):
    """A contract failure about a whole column (wrong dtype, missing column), not about rows; str() is one line."""


def validate(table: str, frame: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Return (rows that pass the table's contract, failures) where failures has one row per
    failing row: `_row` (position in `frame`), `column` and `reason`.

    Raises ContractColumnError (one line, e.g. `article_url: dtype('String') failed (got Null)`) when a
    failure is not about specific rows: the caller decides what happens to the file.
    """
    schema = table_contract(table, tuple(frame.columns))
    empty = pl.DataFrame(schema={"_row": pl.Int64, "column": pl.String, "reason": pl.String})
    try:
        schema.validate(frame, lazy=True)
        return frame, empty
    except pa.errors.SchemaErrors as e:
        cases = e.failure_cases
    whole = cases.filter(pl.col("index").is_null())
    if whole.height:
        raise ContractColumnError(
            "; ".join(
                f"{r['column'] or 'table'}: {r['check']} failed (got {r['failure_case']})"
                for r in whole.unique(["column", "check"], maintain_order=True).iter_rows(named=True)
            )
        )
    cases = cases.with_columns(
        reason=pl.concat_str(
            pl.col("column"),
            pl.lit(": "),
            pl.when(pl.col("failure_case").is_null())
            .then(pl.lit("empty value"))
            .otherwise(pl.lit("'") + pl.col("failure_case") + pl.lit("'")),
            pl.lit(" fails "),
            pl.col("check"),
        )
    )
    failures = (
        cases.group_by(pl.col("index").cast(pl.Int64).alias("_row"), maintain_order=True)
        .agg(pl.col("column").unique(maintain_order=True).str.join(","), pl.col("reason").str.join("; "))
        .sort("_row")
    )
    bad = failures["_row"]
    good = frame.with_row_index("_r").filter(~pl.col("_r").cast(pl.Int64).is_in(bad.implode())).drop("_r")
    return good, failures
