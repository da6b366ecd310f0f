"""Run the plain `.sql` models under `sql/` in dependency order.

`sql/<schema>/<name>.sql` builds `<schema>.<name>` from one SELECT. References are written as
`schema.table`, so the order comes from the text itself (graphlib), with no templating. The
header comment is the model's documentation:

    -- stg_linkedin__connections
    -- One row per 1st-degree connection per member; the newest export wins.
    -- grain: _member, connection_key
    -- columns:
    --   connection_key: How the connection is recognised across exports.

A `-- materialized: view` line makes the model a view instead of a table (for a large table whose
consumers read only a few columns). Lines before `-- columns:` (after the name) become the table
comment; `--   name: text` lines
become column comments. Columns without one inherit the comment of a same-named column in a
table the model reads (tables taken in name order).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from graphlib import TopologicalSorter
from pathlib import Path

import duckdb

from linkedin_ssi.infra.resources import SQL_DIR

SCHEMAS = ("staging", "intermediate", "marts")
_REF = re.compile(r"\b(raw|config|staging|intermediate|marts)\.([a-z_][a-z0-9_]*)\b")


@dataclass
class Model:
    """One SQL model: its qualified name, SELECT text, docs, and the tables it reads."""

    name: str
    path: Path
    sql: str
    description: str
    column_docs: dict[str, str] = field(default_factory=dict)
    refs: set[str] = field(default_factory=set)
    materialized: str = "table"  # or "view" (header line `-- materialized: view`)


def _strip_comments(sql: str) -> str:
    return re.sub(r"--[^\n]*", "", sql)


def load_models(sql_dir: Path = SQL_DIR) -> dict[str, Model]:
    """Return every model under `sql_dir`, keyed by `schema.table`."""
    models = {}
    for schema in SCHEMAS:
        for path in sorted((sql_dir / schema).glob("*.sql")):
            text = path.read_text()
            name = f"{schema}.{path.stem}"
            header = []
            for line in text.splitlines():
                if not line.startswith("--"):
                    break
                header.append(line[2:].rstrip())
            desc, cols, in_cols, materialized = [], {}, False, "table"
            for line in header[1:]:
                if line.strip().startswith("materialized:"):
                    materialized = line.split(":", 1)[1].strip()
                elif line.strip() == "columns:":
                    in_cols = True
                elif in_cols and (m := re.match(r"^\s+([a-z_][a-z0-9_]*):\s*(.+)$", line)):
                    cols[m.group(1)] = m.group(2).strip()
                elif in_cols and cols and line.startswith("     "):
                    last = next(reversed(cols))
                    cols[last] += " " + line.strip()
                elif not in_cols:
                    desc.append(line.strip())
            refs = {f"{s}.{t}" for s, t in _REF.findall(_strip_comments(text))} - {name}
            models[name] = Model(name, path, text, " ".join(d for d in desc if d), cols, refs, materialized)
    return models


def order_models(models: dict[str, Model]) -> list[Model]:
    """Return models sorted so that each comes after the models it reads."""
    graph = {name: {r for r in m.refs if r in models} for name, m in models.items()}
    return [models[n] for n in TopologicalSorter(graph).static_order()]


def models_reading(models: dict[str, Model], tables: set[str]) -> set[str]:
    """Return the names of the models that read any of `tables`, directly or through other models."""
    reading: set[str] = set()
    for model in order_models(models):
        if model.refs & (tables | reading):
            reading.add(model.name)
    return reading


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def run_models(
    con: duckdb.DuckDBPyConnection,
    models: dict[str, Model] | None = None,
    on_built=None,
    *,
    sources: dict[str, str] | None = None,
    document: bool = True,
) -> list[str]:
    """Build every model as a table (or view); return the qualified names built, in order.

    `sources` maps a model to a SELECT that replaces its SQL and makes it a view (a per-member model over its
    Parquet parts, models.partitions). `document=False` skips the comments (a build nobody reads but the parts).
    `on_built(done, name)` is called after each model (for progress). Raises RuntimeError naming the model
    file when its SQL fails.
    """
    models = models if models is not None else load_models()
    sources = sources or {}
    built = []
    for model in order_models(models):
        kind, sql = ("view", sources[model.name]) if model.name in sources else (model.materialized, model.sql)
        try:
            con.execute(f"create or replace {kind} {model.name} as\n{sql}")
        except duckdb.Error as e:
            raise RuntimeError(f"{model.path.relative_to(model.path.parents[2])}: {e}") from None
        if not document:
            built.append(model.name)
            if on_built:
                on_built(len(built), model.name)
            continue
        con.execute(f"comment on {kind} {model.name} is {_quote(model.description)}")
        inherited = _inherited_docs(con, model)
        for (column,) in con.execute(
            "select column_name from duckdb_columns() where schema_name = ? and table_name = ?",
            model.name.split("."),
        ).fetchall():
            doc = model.column_docs.get(column) or inherited.get(column)
            if doc:
                con.execute(f'comment on column {model.name}."{column}" is {_quote(doc)}')
        built.append(model.name)
        if on_built:
            on_built(len(built), model.name)
    return built


def _inherited_docs(con: duckdb.DuckDBPyConnection, model: Model) -> dict[str, str]:
    docs: dict[str, str] = {}
    for ref in sorted(model.refs):
        schema, table = ref.split(".")
        for column, comment in con.execute(
            "select column_name, comment from duckdb_columns() "
            "where schema_name = ? and table_name = ? and comment is not null",
            [schema, table],
        ).fetchall():
            docs.setdefault(column, comment)
    return docs
