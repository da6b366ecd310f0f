"""pandera (polars) contracts: one per raw LinkedIn table, generated from the registry.

The parser types values; the contract decides which typed rows are acceptable (required values
present, enums respected, URLs shaped like URLs, lineage complete). Rows that fail are returned
with a reason for the quarantine table. Every column, its checks and its description (the warehouse's
COMMENT ON COLUMN) come from the registry's columns (ingest.registry.stored_columns).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

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


@lru_cache(maxsize=1024)  # a hostile archive may hold many unknown files
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


# The fast path (passes) knows these pandera builtin checks; a contract using any other is validated by pandera alone.
_CHECK_EXPRESSIONS = {
    "str_startswith": lambda column, kwargs: column.str.starts_with(kwargs["string"]),
    # pandera anchors the pattern at the start (re.match semantics), with the same Rust regex engine.
    "str_matches": lambda column, kwargs: column.str.contains(_anchored(kwargs["pattern"])),
    "isin": lambda column, kwargs: column.is_in(list(kwargs["allowed_values"])),
}
_CHECK_KWARGS = {"str_startswith": {"string"}, "str_matches": {"pattern"}, "isin": {"allowed_values"}}


def _anchored(pattern: str | re.Pattern) -> str:
    """Return the pattern as pandera's str_matches runs it: anchored at the start."""
    text = pattern.pattern if isinstance(pattern, re.Pattern) else pattern
    return text if text.startswith("^") else f"^{text}"


@dataclass(frozen=True, eq=False)
class _Plan:
    """What a schema asks of a frame, compiled for the fast path: column dtypes, and one boolean aggregate per
    row-level rule (non-null, each check) that is true when every row keeps it."""

    strict: bool
    dtypes: dict[str, Any]  # column -> pandera dtype
    rules: tuple[pl.Expr, ...]


_PLANS: dict[int, tuple[pa.DataFrameSchema, _Plan | None]] = {}


def _plan(schema: pa.DataFrameSchema) -> _Plan | None:
    """Return the compiled plan of `schema` (cached per schema object), or None when the schema uses a feature the
    fast path does not reproduce exactly (then pandera alone decides)."""
    cached = _PLANS.get(id(schema))
    if cached is not None and cached[0] is schema:
        return cached[1]
    plan = _compile(schema)
    _PLANS[id(schema)] = (schema, plan)  # keeps the schema alive, so its id cannot be reused by another
    return plan


def _compile(schema: pa.DataFrameSchema) -> _Plan | None:
    if (
        schema.strict not in (True, False)
        or schema.checks
        or schema.parsers
        or schema.unique
        or schema.coerce
        or schema.add_missing_columns
        or schema.drop_invalid_rows
        or schema.unique_column_names
    ):
        return None
    dtypes: dict[str, Any] = {}
    rules: list[pl.Expr] = []
    for name, column in schema.columns.items():
        if (
            column.regex
            or not column.required
            or column.unique
            or column.coerce
            or column.default is not None
            or column.parsers
            or column.drop_invalid_rows
            or column.dtype is None
        ):
            return None
        dtypes[name] = column.dtype
        value = pl.col(name)
        if not column.nullable:
            # pandera counts NaN as null in a float column.
            is_float = column.dtype.type.is_float()
            rules.append((value.is_not_null() & value.is_not_nan() if is_float else value.is_not_null()).all())
        for check in column.checks:
            build = _CHECK_EXPRESSIONS.get(check.name)
            if (
                build is None
                or set(check._check_kwargs) != _CHECK_KWARGS[check.name]
                or check.element_wise
                or check.groupby is not None
            ):
                return None
            ok = build(value, check._check_kwargs)
            # ignore_na (pandera's default): a null value passes every check; otherwise a null result fails.
            rules.append((ok | ok.is_null()).all() if check.ignore_na else ok.fill_null(False).all())
    return _Plan(bool(schema.strict), dtypes, tuple(rule.alias(f"rule_{i}") for i, rule in enumerate(rules)))


@lru_cache(maxsize=1024)
def _columns_pass(plan: _Plan, columns: tuple[tuple[str, pl.DataType], ...]) -> bool:
    """Return True when the frame's columns are the schema's (all present; no others if strict) with its dtypes;
    cached: the exports of a team repeat the same few layouts."""
    present = dict(columns)
    if any(name not in present for name in plan.dtypes):
        return False
    if plan.strict and len(present) != len(plan.dtypes):
        return False
    return all(dtype.check(present[name]) for name, dtype in plan.dtypes.items())


def passes(schema: pa.DataFrameSchema, frame: pl.DataFrame) -> bool:
    """Return True when `frame` certainly passes `schema` (pandera's full validation would raise nothing); False
    when it may not, and pandera must decide and say why.

    One polars select decides for the whole frame, where pandera runs several per column and check: for the many
    small files of a team's exports that is most of the load's CPU. The answer only ever skips pandera on frames
    it would accept, so what is quarantined and why stays pandera's.
    """
    plan = _plan(schema)
    if plan is None:
        return False
    if not _columns_pass(plan, tuple(frame.schema.items())):
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
    schema = table_contract(table, tuple(frame.columns))
    if passes(schema, frame):
        return frame, _NO_FAILURES
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
