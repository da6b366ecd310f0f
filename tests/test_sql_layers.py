"""Every SQL model reads only its own layer or the one below (architecture.md §3), as the runner itself reads the
references (models/sql_runner.py): staging <- raw, intermediate <- staging, marts <- intermediate, each also from
its own layer; `config.params` (the analysis parameters) everywhere."""

from __future__ import annotations

from linkedin_ssi.models.sql_runner import Model, load_models

# The layers each layer's models may read, besides config.params.
MAY_READ = {
    "staging": {"raw", "staging"},
    "intermediate": {"staging", "intermediate"},
    "marts": {"intermediate", "marts"},
}


def reads_out_of_layer(models: dict[str, Model]) -> dict[str, list[str]]:
    """Return {model: [tables it reads that its layer may not]} for the models that break the rule."""
    out = {}
    for name, model in models.items():
        allowed = MAY_READ[name.split(".")[0]]
        wrong = sorted(r for r in model.refs if r != "config.params" and r.split(".")[0] not in allowed)
        if wrong:
            out[name] = wrong
    return out


def test_every_sql_model_reads_only_its_own_layer_or_the_one_below():
    assert reads_out_of_layer(load_models()) == {}


def test_a_model_reading_across_layers_is_named_with_the_tables_it_should_not_read(tmp_path):
    for schema, name, sql in [
        ("staging", "stg_a", "select * from raw.linkedin__a join staging.stg_b using (k)"),
        ("intermediate", "int_a", "select * from raw.exports join marts.m using (k) join config.params on true"),
        ("marts", "m", "select * from staging.stg_a  -- intermediate.int_a is only a comment\n"),
        ("marts", "n", "select * from marts.m join intermediate.int_a using (k) join config.other on true"),
    ]:
        (tmp_path / schema).mkdir(exist_ok=True)
        (tmp_path / schema / f"{name}.sql").write_text(f"-- {name}\n-- A test model.\n{sql}")
    assert reads_out_of_layer(load_models(tmp_path)) == {
        "intermediate.int_a": ["marts.m", "raw.exports"],
        "marts.m": ["staging.stg_a"],
        "marts.n": ["config.other"],
    }
