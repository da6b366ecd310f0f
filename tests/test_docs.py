"""Docs stay true: every table and column has a description, every command has help with an example."""

import duckdb
import pytest
from linkedin_ssi.flows.cli import build_parser, main

from support import REPO, needs_repo


def test_every_table_and_column_of_the_sample_warehouse_is_described(demo_home):
    home = demo_home
    with duckdb.connect(str(home / "warehouse" / "linkedin.duckdb"), read_only=True) as con:
        undocumented_tables = con.execute(
            "select schema_name || '.' || table_name from duckdb_tables() "
            "where coalesce(comment, '') = '' and not internal "
            "union all select schema_name || '.' || view_name from duckdb_views() where coalesce(comment, '') = '' "
            "and not internal"
        ).fetchall()
        undocumented_columns = con.execute(
            "select schema_name || '.' || table_name || '.' || column_name from duckdb_columns() "
            "where coalesce(comment, '') = '' and not internal"
        ).fetchall()
        tables = con.execute(
            "select (select count(*) from duckdb_tables()) + (select count(*) from duckdb_views() where not internal)"
        ).fetchone()[0]
    assert undocumented_tables == []
    assert undocumented_columns == []
    assert tables > 40


@pytest.mark.parametrize("command", sorted(build_parser()._subparsers._group_actions[0].choices))
def test_every_command_has_help_with_an_example(command, capsys):
    with pytest.raises(SystemExit) as e:
        main([command, "--help"])
    assert e.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: linkedin-ssi {command}")
    assert "examples:" in out


@needs_repo
def test_readme_proxy_tables_match_the_mapping_models():
    from model_harness import run_model

    readme = (REPO / "README.md").read_text()
    for row in run_model("intermediate.int_activity_pillars_mapped", {}):
        line = (
            f"| {row['pillar']} | `{row['proxy']}` | {row['measure_kind']} | {row['source_table']} | "
            f"{row['definition']} |"
        )
        assert line in readme
    for row in run_model("intermediate.int_pillar_blind_spots_listed", {}):
        assert f"| {row['pillar']} | {row['signal']} | {row['in_export']} |" in readme


@needs_repo
def test_readme_table_catalogue_matches_the_warehouse(demo_home):
    from linkedin_ssi.presenting.catalogue import BEGIN, END, catalogue_markdown

    readme = (REPO / "README.md").read_text()
    documented = readme[readme.index(BEGIN) + len(BEGIN) : readme.index(END)].strip()
    with duckdb.connect(str(demo_home / "warehouse" / "linkedin.duckdb"), read_only=True) as con:
        assert documented == catalogue_markdown(con)


@needs_repo
def test_version_is_the_one_in_pyproject(capsys):
    import re
    import tomllib

    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    with pytest.raises(SystemExit) as e:
        main(["--version"])
    assert e.value.code == 0
    assert capsys.readouterr().out.strip() == f"linkedin-ssi {project['version']}"
    assert re.fullmatch(r"\d+\.\d+\.\d+", project["version"])
