"""pandera (polars) contracts: one per raw LinkedIn table, generated from the registry.

The parser types values; the contract decides which typed rows are acceptable (required values
present, enums respected, URLs shaped like URLs, lineage complete). Rows that fail are returned
with a reason for the quarantine table. Every column, its checks and its description (the warehouse's
COMMENT ON COLUMN) come from the registry's columns (ingest.registry.stored_columns).

Most frames pass: `passes` decides that with one polars select compiled from the same registry columns, and
pandera (imported only then: it costs half a second to import) validates only a frame that may fail, so what is
quarantined and why stays pandera's.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING

import polars as pl
from linkedin_ssi.ingest.registry import (
    ARTICLE_COLUMNS,
    ARTICLES_DESCRIPTION,
    ARTICLES_TABLE,
    BY_TABLE,
    LINEAGE,
    Column,
    TableSpec,
    docs_of,
    stored_columns,
)

if TYPE_CHECKING:
    import pandera.polars as pa

# A CSV the registry does not know: the table and each of its columns.
GENERIC_DESCRIPTION = "A CSV the registry does not know, kept as text so nothing is lost."
GENERIC_COLUMN_DESCRIPTION = "Text as written in the file (column name snake_cased)."


def describe_columns(spec: TableSpec) -> dict[str, str]:
    """Return {column: description} for every column of a raw table, lineage included."""
    return docs_of(stored_columns(spec) + LINEAGE)


def _column(column: Column) -> pa.Column:
    """Return the pandera column of a registry column: its dtype, nullability and checks."""
    import pandera.polars as pa

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
    import pandera.polars as pa

    return pa.DataFrameSchema(
        {c.name: _column(c) for c in ARTICLE_COLUMNS + LINEAGE},
        name="raw.linkedin__articles",
        strict=True,
        description=ARTICLES_DESCRIPTION,
    )


def _generic_columns(columns: tuple[str, ...]) -> tuple[Column, ...]:
    """Return the registry-style columns of a file the registry does not know: every column text, then lineage."""
    text = tuple(Column(c, pl.String(), GENERIC_COLUMN_DESCRIPTION) for c in columns if not c.startswith("_"))
    return text + LINEAGE


@lru_cache(maxsize=1024)  # a hostile archive may hold many unknown files
def generic_contract(table: str, columns: tuple[str, ...]) -> pa.DataFrameSchema:
    """Return the contract of a file the registry does not know: every column text, lineage complete."""
    import pandera.polars as pa

    cols = {c.name: _column(c) for c in _generic_columns(columns)}
    return pa.DataFrameSchema(cols, name=f"raw.linkedin__{table}", strict=True, description=GENERIC_DESCRIPTION)


@cache
def contract(table: str) -> pa.DataFrameSchema:
    """Return the pandera schema named after raw table `table`."""
    import pandera.polars as pa

    spec = BY_TABLE[table]
    columns = {c.name: _column(c) for c in stored_columns(spec) + LINEAGE}
    return pa.DataFrameSchema(
        columns, name=f"raw.linkedin__{table}", strict=True, ordered=False, description=spec.description
    )


def table_contract(table: str, columns: tuple[str, ...] = ()) -> pa.DataFrameSchema:
    """Return the contract for any raw table: registry tables, articles, or a generic file's columns."""
    if table in BY_TABLE:
        return contract(table)
    if table == ARTICLES_TABLE:
        return articles_contract()
    return generic_contract(table, columns)


def _contract_columns(table: str, columns: tuple[str, ...]) -> tuple[Column, ...]:
    """Return the registry columns table_contract builds the table's pandera columns from, in the same order."""
    if table in BY_TABLE:
        return stored_columns(BY_TABLE[table]) + LINEAGE
    if table == ARTICLES_TABLE:
        return ARTICLE_COLUMNS + LINEAGE
    return _generic_columns(columns)


@dataclass(frozen=True, eq=False)
class _Plan:
    """What a contract asks of a frame, for the fast path: the columns and their exact dtypes (the contracts are
    strict: no other column), and one boolean aggregate per row-level rule (non-null, each check) that is true
    when every row keeps it."""

    dtypes: dict[str, pl.DataType]
    rules: tuple[pl.Expr, ...]


def _rules(column: Column) -> list[pl.Expr]:
    """Return the fast path's rules for one column, as pandera runs them (see _column): a non-nullable column has
    no NULL; str_startswith, str_matches (the pattern anchored at the start, the same Rust regex engine) and isin
    hold for every value, a NULL value passing every check (pandera's ignore_na)."""
    value = pl.col(column.name)
    rules = []
    if not column.nullable:
        # pandera counts NaN as null in a float column.
        rules.append(value.is_not_null() & value.is_not_nan() if column.dtype.is_float() else value.is_not_null())
    checks = []
    if column.startswith:
        checks.append(value.str.starts_with(column.startswith))
    if column.pattern:
        checks.append(value.str.contains(column.pattern if column.pattern.startswith("^") else f"^{column.pattern}"))
    if column.isin:
        checks.append(value.is_in(list(column.isin)))
    rules.extend(ok | ok.is_null() for ok in checks)
    return [rule.all() for rule in rules]


@lru_cache(maxsize=1024)
def _plan(table: str, columns: tuple[str, ...]) -> _Plan:
    """Return the fast path's plan for a table (`columns`: the frame's, which a generic table's contract uses)."""
    # A dict, as table_contract builds its columns: a name given twice is its last definition.
    by_name = {c.name: c for c in _contract_columns(table, columns)}
    rules = [rule for c in by_name.values() for rule in _rules(c)]
    return _Plan({n: c.dtype for n, c in by_name.items()}, tuple(r.alias(f"rule_{i}") for i, r in enumerate(rules)))


def passes(table: str, frame: pl.DataFrame) -> bool:
    """Return True when `frame` certainly passes the table's contract (pandera's full validation would raise
    nothing); False when it may not, and pandera must decide and say why.

    One polars select decides for the whole frame, where pandera runs several per column and check: for the many
    small files of a team's exports that was most of the load's CPU. True only for frames pandera accepts: the
    same columns, each of exactly the contract's dtype (pandera's dtype check accepts that dtype), and every rule
    kept; pandera's own data checks are the same expressions over the same columns.
    """
    schema = frame.schema
    plan = _plan(table, tuple(schema))
    if len(schema) != len(plan.dtypes) or any(plan.dtypes.get(n) != dtype for n, dtype in schema.items()):
        return False
    if not plan.rules:
        return True
    try:
        return all(frame.select(plan.rules).row(0))
    except pl.exceptions.PolarsError:
        return False


_NO_FAILURES = pl.DataFrame(schema={"_row": pl.Int64, "column": pl.String, "reason": pl.String})


class ContractColumnError(Exception):
    """A contract failure about a whole column (wrong dtype, missing column), not about rows; str() is one line."""


def validate(table: str, frame: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Return (rows that pass the table's contract, failures) where failures has one row per
    failing row: `_row` (position in `frame`), `column` and `reason`.

    Raises ContractColumnError (one line, e.g. `article_url: dtype('String') failed (got Null)`) when a
    failure is not about specific rows: the caller decides what happens to the file.
    """
    if passes(table, frame):
        return frame, _NO_FAILURES
    import pandera.polars as pa

    schema = table_contract(table, tuple(frame.columns))
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as e:
        cases = e.failure_cases
    else:
        return frame, _NO_FAILURES
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
