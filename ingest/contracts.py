"""pandera (polars) contracts: one per raw LinkedIn table, generated from the registry.

The parser types values; the contract decides which typed rows are acceptable (required values
present, enums respected, URLs shaped like URLs, lineage complete). Rows that fail are returned
with a reason for the quarantine table. Column descriptions here become DuckDB column comments.
"""

from __future__ import annotations

from functools import cache

import pandera.polars as pa
import polars as pl

from linkedin_ssi.ingest.coerce import output_schema, time_flag, timestamp_flag
from linkedin_ssi.ingest.registry import BY_TABLE, TableSpec

LINEAGE = {
    "_export_id": (pl.String(), "Content hash of the export archive this row was read from."),
    "_member": (pl.String(), "Member the export belongs to (profile slug, or --member)."),
    "_source_file": (pl.String(), "Path of the file inside the export."),
    "_source_line": (pl.Int64(), "1-based physical line where the record starts in that file."),
    "_exported_at": (pl.Datetime("us", "UTC"), "When the export was made (its newest activity timestamp)."),
}
UNMAPPED_DESCRIPTION = "JSON of columns the file had that the registry does not know (new LinkedIn columns); NULL if none."

# Checks beyond "present" and "one of": shapes that a correct parse always produces.
_EXTRA_CHECKS: dict[tuple[str, str], list[pa.Check]] = {
    ("connections", "profile_url"): [pa.Check.str_startswith("http")],
    ("invitations", "inviter_profile_url"): [pa.Check.str_startswith("http")],
    ("invitations", "invitee_profile_url"): [pa.Check.str_startswith("http")],
    ("reactions", "reaction_type"): [pa.Check.str_matches(r"^[A-Z_]+$")],
    ("member_follows", "status"): [pa.Check.isin(["Active", "Unfollow"])],
}


def describe_columns(spec: TableSpec) -> dict[str, str]:
    """Return {column: description} for every column of a raw table, lineage included."""
    out: dict[str, str] = {}
    for col in spec.columns:
        if col.kind == "events_range":
            out["starts_at"] = "Event start, from 'Event Time' (no time zone given; stored as UTC)."
            out["ends_at"] = "Event end, from 'Event Time' (no time zone given; stored as UTC)."
            continue
        out[col.name] = col.description
        if flag := timestamp_flag(col):
            out[flag] = f"True when LinkedIn wrote a time zone for {col.name}; false when it gave none and UTC is assumed."
        if flag := time_flag(col):
            out[flag] = f"True when LinkedIn wrote a time of day for {col.name}; false when it gave only the day (00:00)."
        if col.kind == "rich_media_sentence":
            out["media_kind"] = "What was uploaded ('feed photo', 'profile photo', 'video', ...), from the sentence."
    if spec.table == "messages":
        out.update(
            channel="Which file: 'messages' or a side file ('guide', 'coach', 'learning_coach', ...).",
            content_text="CONTENT with HTML tags and entities turned into plain text.",
            has_html="CONTENT is HTML (sponsored, InMail campaigns).",
        )
    out["_unmapped"] = UNMAPPED_DESCRIPTION
    out.update({k: d for k, (_, d) in LINEAGE.items()})
    return out


ARTICLE_COLUMNS = {
    "file_name": (pl.String(), False, "HTML file name under Articles/ (drafts are named by their creation time)."),
    "title": (pl.String(), True, "Article title (the page's h1)."),
    "article_url": (pl.String(), True, "https://www.linkedin.com/pulse/<slug> when published; an edit link for drafts."),
    "created_at": (pl.Datetime("us", "UTC"), True, "'Created on' time (no zone given; stored as UTC)."),
    "published_at": (pl.Datetime("us", "UTC"), True, "'Published on' time; NULL for drafts ('---')."),
    "is_published": (pl.Boolean(), False, "The article has a publication time."),
    "body_text": (pl.String(), False, "Article text with the HTML removed."),
    "word_count": (pl.Int64(), False, "Words in body_text."),
}


def articles_contract() -> pa.DataFrameSchema:
    """Return the contract of raw.linkedin__articles (one row per HTML page under Articles/)."""
    cols = {n: pa.Column(t, nullable=nullable, description=d) for n, (t, nullable, d) in ARTICLE_COLUMNS.items()}
    for name, (dtype, description) in LINEAGE.items():
        cols[name] = pa.Column(dtype, nullable=name == "_exported_at", description=description)
    return pa.DataFrameSchema(cols, name="raw.linkedin__articles", strict=True,
                              description="Long-form articles (published and drafts) from Articles/.")


def generic_contract(table: str, columns: tuple[str, ...]) -> pa.DataFrameSchema:
    """Return the contract of a file the registry does not know: every column text, lineage complete."""
    cols = {c: pa.Column(pl.String(), nullable=True, description="Text as written in the file.")
            for c in columns if not c.startswith("_")}
    for name, (dtype, description) in LINEAGE.items():
        cols[name] = pa.Column(dtype, nullable=name == "_exported_at", description=description)
    return pa.DataFrameSchema(cols, name=f"raw.linkedin__{table}", strict=True,
                              description="A CSV the registry does not know, kept as text so nothing is lost.")


@cache
def contract(table: str) -> pa.DataFrameSchema:
    """Return the pandera schema named after raw table `table`."""
    spec = BY_TABLE[table]
    by_name = {c.name: c for c in spec.columns}
    descriptions = describe_columns(spec)
    columns = {}
    for name, dtype in output_schema(spec).items():
        col = by_name.get(name)
        checks = list(_EXTRA_CHECKS.get((table, name), []))
        if col is not None and col.isin:
            checks.append(pa.Check.isin(list(col.isin)))
        columns[name] = pa.Column(dtype, checks=checks, nullable=not (col is not None and col.not_null),
                                  description=descriptions.get(name))
    for name, (dtype, description) in LINEAGE.items():
        # The export time is unknown for an export with no dated activity at all.
        columns[name] = pa.Column(dtype, nullable=name == "_exported_at", description=description)
    return pa.DataFrameSchema(columns, name=f"raw.linkedin__{table}", strict=True, ordered=False,
                              description=spec.description)


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
        raise ContractColumnError("; ".join(
            f"{r['column'] or 'table'}: {r['check']} failed (got {r['failure_case']})"
            for r in whole.unique(["column", "check"], maintain_order=True).iter_rows(named=True)))
    cases = cases.with_columns(
        reason=pl.concat_str(pl.col("column"), pl.lit(": "),
                             pl.when(pl.col("failure_case").is_null()).then(pl.lit("empty value"))
                             .otherwise(pl.lit("'") + pl.col("failure_case") + pl.lit("'")),
                             pl.lit(" fails "), pl.col("check"))
    )
    failures = (
        cases.group_by(pl.col("index").cast(pl.Int64).alias("_row"), maintain_order=True)
        .agg(pl.col("column").unique(maintain_order=True).str.join(","), pl.col("reason").str.join("; "))
        .sort("_row")
    )
    bad = failures["_row"]
    good = frame.with_row_index("_r").filter(~pl.col("_r").cast(pl.Int64).is_in(bad.implode())).drop("_r")
    return good, failures
