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
from collections.abc import Iterable
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
    as_tables: frozenset[str] = frozenset(),
) -> list[str]:
    """Build every model as a table (or view); return the qualified names built, in order.

    `sources` maps a model to a SELECT that replaces its SQL and makes it a view (a per-member model over its
    Parquet parts, models.partitions). `document=False` skips the comments (a build nobody reads but the parts).
    `as_tables`: views built as tables in this run (a view several models read, computed once for them).
    `on_built(done, name)` is called after each model (for progress). Raises RuntimeError naming the model
    file when its SQL fails.
    """
    models = models if models is not None else load_models()
    sources = sources or {}
    built: list[tuple[Model, str]] = []
    for model in order_models(models):
        kind, sql = ("view", sources[model.name]) if model.name in sources else (model.materialized, model.sql)
        kind = "table" if model.name in as_tables else kind
        try:
            con.execute(f"create or replace {kind} {model.name} as\n{sql}")
        except duckdb.Error as e:
            raise RuntimeError(f"{model.path.relative_to(model.path.parents[2])}: {e}") from None
        built.append((model, kind))
        if on_built:
            on_built(len(built), model.name)
    if document:
        _document(con, built)
    return [model.name for model, _ in built]


def _document(con: duckdb.DuckDBPyConnection, built: list[tuple[Model, str]]) -> None:
    """Comment the `built` models (in build order) and their columns: a column without a doc of its own inherits the
    comment of the same column in a model it reads. One look at the catalog and one batch of statements (a lookup and
    a statement per column cost a publish about half a second)."""
    names = {model.name for model, _ in built}
    schemas = sorted({n.split(".")[0] for model, _ in built for n in (model.name, *model.refs)})
    catalog: dict[str, list[tuple[str, str | None]]] = {}
    for schema, table, column, comment in con.execute(
        f"select schema_name, table_name, column_name, comment from duckdb_columns() "
        f"where schema_name in ({', '.join(_quote(s) for s in schemas)}) order by column_index"
    ).fetchall():
        catalog.setdefault(f"{schema}.{table}", []).append((column, comment))
    documented: dict[str, dict[str, str]] = {}  # the models built here, as this run comments them
    statements = []
    for model, kind in built:
        inherited: dict[str, str] = {}
        for ref in sorted(model.refs):
            comments: Iterable[tuple[str, str]]
            if ref in names:  # built here (earlier: refs come first): its comments are the ones written below
                comments = documented.get(ref, {}).items()
            else:
                comments = ((c, doc) for c, doc in catalog.get(ref, []) if doc is not None)
            for column, doc in comments:
                inherited.setdefault(column, doc)
        statements.append(f"comment on {kind} {model.name} is {_quote(model.description)}")
        docs = {
            c: text for c, _ in catalog.get(model.name, []) if (text := model.column_docs.get(c) or inherited.get(c))
        }
        statements += [f'comment on column {model.name}."{c}" is {_quote(doc)}' for c, doc in docs.items()]
        documented[model.name] = docs
    if statements:
        con.execute(";\n".join(statements))
