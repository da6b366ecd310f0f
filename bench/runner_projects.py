"""The same SQL models as a dbt-duckdb project, a SQLMesh project and a home-made per-member runner, for
`bench/runner_compare.py`.

Every project is generated from `sql/` (`models.sql_runner.load_models`), so the three runners build the same
SELECTs over the same raw layer:

- references `schema.table` become `{{ ref('table') }}` / `{{ source('raw', 'table') }}` for dbt, and stay model
  names for SQLMesh (whose model names are `schema.table` already); only code is rewritten, never comments, so a
  comment that names another model adds no dependency;
- a model whose output has a member column (`_member` in staging, `member` above) is partitioned by member: a dbt
  incremental model (`incremental_strategy='delete+insert'`, `unique_key` the member column) whose inputs are
  filtered to the members named by the var `members`; a SQLMesh `INCREMENTAL_BY_PARTITION` model
  (`partitioned_by` the member column) whose inputs are filtered to the members listed in the table
  `raw.changed_members`; the home-made runner deletes and re-inserts the same member rows;
- a model without a member column (static catalogues, `config.params` readers) is rebuilt whole every run; a
  `-- materialized: view` model stays a view;
- the macros of `sql/macros.sql` are DuckDB macros, created by the raw layer script (below) in the database the
  runner builds into, so the models call them unchanged;
- the models that read the marts Python writes between the SQL models (`marts.pillar_correlations`,
  `marts.claim_tests`: `models/analysis.py`, `models/claims.py`) are left out of every project.

The raw layer (`write_raw_layer`, run with the project's own interpreter) is one SQL script: the raw views over the
lake's Parquet as the warehouse build makes them, the ledgers and parameters written to Parquet beside it, the
macros, and `raw.changed_members`. A runner's database applies it with its own DuckDB, whatever its version.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

DBT_SCHEMA_MACRO = """{% macro generate_schema_name(custom_schema_name, node) -%}
{{ custom_schema_name | trim if custom_schema_name else target.schema }}
{%- endmacro %}
"""
# An input of a partitioned model, filtered to the changed members on an incremental run. Without the var `members`
# an incremental run recomputes every member; with `members: []` it recomputes none (the no-op).
DBT_MEMBER_MACRO = """{% macro m(rel, col) -%}
{%- set members = var('members', none) -%}
{%- if col and is_incremental() and members is not none -%}
(select * from {{ rel }} where {{ col }} in (
{%- for x in members %}'{{ x | replace("'", "''") }}'{% if not loop.last %}, {% endif %}{% endfor -%}
{%- if members | length == 0 %}null{% endif %}))
{%- else -%}{{ rel }}{%- endif -%}
{%- endmacro %}
"""

_REF = re.compile(r"\b(raw|config|staging|intermediate|marts)\.([a-z_][a-z0-9_]*)\b")


def rewrite_refs(sql: str, replace) -> str:
    """Return `sql` with every `schema.table` outside `--` comments replaced by `replace(schema, table)`."""
    lines = []
    for line in sql.splitlines():
        code, sep, comment = line.partition("--")
        lines.append(_REF.sub(lambda m: replace(m.group(1), m.group(2)), code) + sep + comment)
    return "\n".join(lines) + "\n"


def member_column(columns: list[str]) -> str | None:
    """Return the member column of a table with these columns (`_member` in raw and staging, `member` above)."""
    return "_member" if "_member" in columns else "member" if "member" in columns else None


def project_models(warehouse_columns: dict[str, list[str]]) -> tuple[list[dict], list[str]]:
    """Return (the models to translate, in build order, each {name, schema, table, sql, kind, member}; the models
    left out because they read a mart that Python writes).

    `warehouse_columns` maps every `schema.table` of a built warehouse to its columns: a model's member column is
    taken from its output, an input's from its own columns.
    """
    from linkedin_ssi.models.sql_runner import load_models, models_reading, order_models
    from linkedin_ssi.models.warehouse import ANALYSIS_MARTS

    models = load_models()
    left_out = models_reading(models, set(ANALYSIS_MARTS))
    kept = []
    for model in order_models(models):
        if model.name in left_out:
            continue
        schema, table = model.name.split(".")
        member = member_column(warehouse_columns.get(model.name, []))
        kind = "view" if model.materialized == "view" else "partitioned" if member else "full"
        kept.append(
            {"name": model.name, "schema": schema, "table": table, "sql": model.sql, "kind": kind, "member": member}
        )
    return kept, sorted(left_out)


def write_dbt_project(
    folder: Path, models: list[dict], columns: dict[str, list[str]], database: Path, threads: int
) -> None:
    """Write a dbt-duckdb project into `folder` building `models` into `database`."""
    (folder / "models").mkdir(parents=True, exist_ok=True)
    (folder / "macros").mkdir(exist_ok=True)
    (folder / "dbt_project.yml").write_text(
        "name: ssi_bench\nversion: '1.0'\nconfig-version: 2\nprofile: ssi_bench\nmodel-paths: [models]\n"
        "macro-paths: [macros]\ntarget-path: target\n"
    )
    (folder / "profiles.yml").write_text(
        "ssi_bench:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n"
        f"      path: {json.dumps(str(database))}\n      threads: {threads}\n      schema: main\n"
        "      settings: {TimeZone: UTC, memory_limit: 1GB, preserve_insertion_order: false}\n"
    )
    (folder / "macros" / "schemas.sql").write_text(DBT_SCHEMA_MACRO)
    (folder / "macros" / "members.sql").write_text(DBT_MEMBER_MACRO)
    names = {m["name"] for m in models}
    sources: dict[str, set[str]] = {}

    def replace(schema: str, table: str) -> str:
        col = member_column(columns.get(f"{schema}.{table}", []))
        arg = f"'{col}'" if col else "none"
        if f"{schema}.{table}" in names:
            return f"{{{{ m(ref('{table}'), {arg}) }}}}"
        sources.setdefault(schema, set()).add(table)
        return f"{{{{ m(source('{schema}', '{table}'), {arg}) }}}}"

    for model in models:
        if model["kind"] == "partitioned":
            config = f"materialized='incremental', incremental_strategy='delete+insert', unique_key='{model['member']}'"
        else:
            config = f"materialized='{'view' if model['kind'] == 'view' else 'table'}'"
        path = folder / "models" / model["schema"] / f"{model['table']}.sql"
        path.parent.mkdir(exist_ok=True)
        path.write_text(
            f"{{{{ config({config}, schema='{model['schema']}') }}}}\n" + rewrite_refs(model["sql"], replace)
        )
    lines = ["version: 2", "sources:"]
    for schema, tables in sorted(sources.items()):
        lines += [f"  - name: {schema}", f"    schema: {schema}", "    tables:"]
        lines += [f"      - name: {t}" for t in sorted(tables)]
    (folder / "models" / "sources.yml").write_text("\n".join(lines) + "\n")


def write_sqlmesh_project(folder: Path, models: list[dict], columns: dict[str, list[str]], database: Path) -> None:
    """Write a SQLMesh project into `folder` building `models` into `database` (state kept in the same file)."""
    (folder / "models").mkdir(parents=True, exist_ok=True)
    (folder / "config.yaml").write_text(
        "gateways:\n  local:\n    connection:\n      type: duckdb\n"
        f"      database: {json.dumps(str(database))}\n"
        "      connector_config: {TimeZone: UTC, memory_limit: 1GB, preserve_insertion_order: false}\n"
        "default_gateway: local\nmodel_defaults:\n  dialect: duckdb\n"
    )
    names = {m["name"]: m for m in models}

    for model in models:
        partitioned = model["kind"] == "partitioned"

        def replace(schema: str, table: str, partitioned: bool = partitioned) -> str:
            col = member_column(columns.get(f"{schema}.{table}", []))
            if partitioned and col:
                return f"(select * from {schema}.{table} where {col} in (select member from raw.changed_members))"
            return f"{schema}.{table}"

        kind = (
            f"INCREMENTAL_BY_PARTITION,\n  partitioned_by {model['member']}"
            if partitioned
            else "VIEW"
            if model["kind"] == "view"
            else "FULL"
        )
        header = f"MODEL (\n  name {model['name']},\n  kind {kind}\n);\n\n"
        (folder / "models" / f"{model['name']}.sql").write_text(header + rewrite_refs(model["sql"], replace))
    del names


# Run in a child with the project's interpreter: argv = home, folder for the script and its Parquet, JSON list of the
# changed members (null: every member). Prints the script's path.
WRITE_RAW_LAYER = """
import json, sys
from pathlib import Path
import duckdb
from linkedin_ssi.ingest.lake import read_manifests, table_files
from linkedin_ssi.models.params import AnalysisParams
from linkedin_ssi.models.warehouse import _load_raw_layer

home, out, changed = Path(sys.argv[1]), Path(sys.argv[2]), json.loads(sys.argv[3])
out.mkdir(parents=True, exist_ok=True)
con = duckdb.connect()
con.execute("set TimeZone = 'UTC'")
manifests = read_manifests(home)
_load_raw_layer(con, home, manifests, table_files(home, manifests), AnalysisParams())
if changed is None:
    changed = sorted({m["member"] for m in manifests})
q = lambda t: "'" + t.replace("'", "''") + "'"
lines = ["create schema if not exists raw;", "create schema if not exists config;"]
for schema, name, sql in con.execute(
    "select schema_name, view_name, sql from duckdb_views() where not internal and schema_name in ('raw', 'config')"
).fetchall():
    lines.append("create or replace view" + sql.strip().rstrip(";")[len("create view"):] + ";")
for schema, name in con.execute(
    "select schema_name, table_name from duckdb_tables() where schema_name in ('raw', 'config')"
).fetchall():
    path = (out / f"{schema}.{name}.parquet").resolve()
    con.execute(f"copy {schema}.{name} to {q(str(path))} (format parquet)")
    lines.append(f"create or replace view {schema}.{name} as select * from read_parquet({q(str(path))});")
values = " union all ".join(f"select {q(m)} as member" for m in changed) or "select null::varchar as member where false"
lines.append(f"create or replace table raw.changed_members as {values};")
from linkedin_ssi.infra.resources import SQL_DIR
lines.append((SQL_DIR / "macros.sql").read_text())
(out / "raw_layer.sql").write_text("\\n".join(lines) + "\\n")
print(out / "raw_layer.sql")
"""

# Run in a child with a runner's interpreter: argv = database, raw layer script. Applies the script.
APPLY_RAW_LAYER = """
import sys, time
import duckdb
t = time.perf_counter()
con = duckdb.connect(sys.argv[1])
con.execute(open(sys.argv[2]).read())
con.close()
print(time.perf_counter() - t)
"""

# The home-made runner, run in a child with the project's interpreter: argv = database, models JSON file, mode
# (`full`: every model from scratch, as `models.sql_runner.run_models` does; `members`: delete and re-insert the
# members of raw.changed_members in each partitioned model, rebuild the others).
HOME_MADE = """
import json, sys, time
import duckdb
t = time.perf_counter()
from linkedin_ssi.models.sql_runner import load_models, run_models
sys.path.insert(0, sys.argv[4])
from runner_projects import member_column, rewrite_refs
database, models, mode = sys.argv[1], json.loads(open(sys.argv[2]).read()), sys.argv[3]
con = duckdb.connect(database)
con.execute("set TimeZone = 'UTC'")
con.execute("set memory_limit = '1GB'")
con.execute("set preserve_insertion_order = false")
started = time.perf_counter()
if mode == "full":
    kept = {m["name"] for m in models}
    for schema in ("staging", "intermediate", "marts"):
        con.execute(f"create schema if not exists {schema}")
    run_models(con, {n: m for n, m in load_models().items() if n in kept})
else:
    columns = {}
    for s, t_, c in con.execute("select schema_name, table_name, column_name from duckdb_columns()").fetchall():
        columns.setdefault(f"{s}.{t_}", []).append(c)
    changed = "(select member from raw.changed_members)"
    for model in models:
        name = model["name"]
        if model["kind"] != "partitioned":
            what = "view" if model["kind"] == "view" else "table"
            con.execute(f"create or replace {what} {name} as\\n{model['sql']}")
            continue
        def replace(schema, table):
            col = member_column(columns.get(f"{schema}.{table}", []))
            return f"(select * from {schema}.{table} where {col} in {changed})" if col else f"{schema}.{table}"
        sql = rewrite_refs(model["sql"], replace)
        con.execute("begin")
        con.execute(f"delete from {name} where {model['member']} in {changed}")
        con.execute(f"insert into {name} by name\\n{sql}")
        con.execute("commit")
con.close()
print(json.dumps({"seconds": time.perf_counter() - started, "import_seconds": started - t}))
"""

# Compare, in a child with the project's interpreter: argv = reference database, JSON {label: database}, models JSON.
# Prints {label: {table: rows differing}} (rows in one and not the other, both ways, duplicates counted).
COMPARE = """
import json, sys
import duckdb
reference, others, models = sys.argv[1], json.loads(sys.argv[2]), json.loads(open(sys.argv[3]).read())
con = duckdb.connect()
con.execute("set TimeZone = 'UTC'")
con.execute("set enable_progress_bar = false")  # stdout is the result
from pathlib import Path
ref = Path(reference).stem
con.execute(f"attach '{reference}' as {ref} (read_only)")
out = {}
for label, path in others.items():
    # Attached under its own name: SQLMesh's and dbt's views name their database.
    other = Path(path).stem
    con.execute(f"attach '{path}' as {other} (read_only)")
    diffs = {}
    for model in models:
        name = model["name"]
        try:
            n = con.execute(
                f"select (select count(*) from (select * from {ref}.{name} except all select * from {other}.{name}))"
                f" + (select count(*) from (select * from {other}.{name} except all select * from {ref}.{name}))"
            ).fetchone()[0]
        except duckdb.Error as e:
            n = str(e).splitlines()[0]
        if n:
            diffs[name] = n
    out[label] = {"differing": diffs}
    con.execute(f"detach {other}")
print(json.dumps(out))
"""
