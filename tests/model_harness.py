"""Run one SQL model on a few inline rows (dbt unit-test style): only the tables it reads exist."""

from __future__ import annotations

import duckdb
import polars as pl
from linkedin_ssi.models.sql_runner import SQL_DIR, load_models


def run_model(
    name: str, inputs: dict[str, pl.DataFrame | dict], order_by: str | None = None, through: tuple[str, ...] = ()
) -> list[dict]:
    """Return the rows `sql/<schema>/<table>.sql` produces from `inputs` ({'schema.table': frame or columns}), after
    building the models `through` (in order) from them: a model's narrow input view (e.g. the conversation models'
    intermediate.int_messages_threaded) is fed the staging rows it is made of."""
    models = load_models()
    model = models[name]
    con = duckdb.connect()
    con.execute("set TimeZone = 'UTC'")
    for schema in ("raw", "config", "staging", "intermediate", "marts"):
        con.execute(f"create schema {schema}")
    con.execute((SQL_DIR / "macros.sql").read_text())
    for table, data in inputs.items():
        frame = data if isinstance(data, pl.DataFrame) else pl.DataFrame(data)
        con.register("input_frame", frame)
        con.execute(f"create table {table} as select * from input_frame")
        con.unregister("input_frame")
    for between in through:
        missing = models[between].refs - set(inputs)
        assert not missing, f"{between} also reads {sorted(missing)}"
        con.execute(f"create table {between} as {models[between].sql}")
    missing = model.refs - set(inputs) - set(through)
    assert not missing, f"{name} also reads {sorted(missing)}"
    sql = f"select * from ({model.sql}) as model" + (f" order by {order_by}" if order_by else "")
    cursor = con.execute(sql)
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row)) for row in cursor.fetchall()]
