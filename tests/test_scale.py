"""Scale: many members in worker processes, and the per-export step on a Dask cluster."""

import json
from pathlib import Path

import duckdb
import pytest
from linkedin_ssi.flows.cli import main
from linkedin_ssi.ingest.load import load_many
from linkedin_ssi.synthetic.synth import write_synthetic


@pytest.fixture(scope="module")
def team(tmp_path_factory) -> list[Path]:
    return write_synthetic(tmp_path_factory.mktemp("team"), members=4, scale=0.05, seed=11)


def manifests(home: Path) -> dict:
    out = {}
    for path in (home / "lake" / "manifests").glob("*.json"):
        m = json.loads(path.read_text())
        out[m["export_id"]] = (m["member"], m["tables"])
    return out


def test_two_workers_load_exactly_what_one_worker_loads(team, tmp_path):
    one = load_many(tmp_path / "one", team, workers=1)
    two = load_many(tmp_path / "two", team, workers=2)
    assert [(p, r.export_id, r.rows_loaded, e) for p, r, e in two] == [
        (p, r.export_id, r.rows_loaded, e) for p, r, e in one
    ]
    assert manifests(tmp_path / "two") == manifests(tmp_path / "one")
    assert len(manifests(tmp_path / "one")) == 4


def test_ingest_with_workers_builds_one_warehouse_for_the_team(team, tmp_path, capsys):
    home = tmp_path / "home"
    assert main(["ingest", *map(str, team), "--home", str(home), "--workers", "2"]) == 0
    assert "loading 4 exports with 2 worker processes" in capsys.readouterr().err
    with duckdb.connect(str(home / "warehouse" / "linkedin.duckdb"), read_only=True) as con:
        members = [m for (m,) in con.execute("select member from raw.exports order by 1").fetchall()]
    assert len(members) == 4 and len(set(members)) == 4


def test_the_per_export_loads_and_the_member_builds_run_on_a_dask_cluster(team, tmp_path):
    distributed = pytest.importorskip("distributed")
    import linkedin_ssi.flows.prefect_env

    linkedin_ssi.flows.prefect_env.configure()
    from linkedin_ssi.flows.pipeline import on_dask
    from prefect.testing.utilities import prefect_test_harness

    home = tmp_path / "home"
    with prefect_test_harness(server_startup_timeout=120):
        with distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster:
            flow = on_dask(cluster.scheduler_address)
            result = flow(str(home), [str(z) for z in team], inbox=False)
        from prefect.client.orchestration import get_client

        with get_client(sync_client=True) as client:
            tasks = sorted(t.name.rsplit("-", 1)[0] for t in client.read_task_runs())
    assert [r["status"] for r in result["loads"]] == ["loaded"] * 4
    # One task per export, and one per group of members to build (a group per worker thread), on the cluster.
    assert tasks == ["build-members"] * 2 + ["load-export"] * 4 + ["publish", "summarise"]
    assert len(manifests(home)) == 4
    with duckdb.connect(str(home / "warehouse" / "linkedin.duckdb"), read_only=True) as con:
        assert con.execute("select count(*) from raw.exports").fetchone() == (4,)


def test_a_team_warehouse_has_each_member_and_the_pooled_within_member_analysis(team, tmp_path):
    home = tmp_path / "home"
    assert main(["ingest", *map(str, team[:2]), "--home", str(home)]) == 0
    for export in team[:2]:
        assert main(["ssi", "import", str(export.parent / "ssi_scores.csv"), "--home", str(home)]) == 0
    with duckdb.connect(str(home / "warehouse" / "linkedin.duckdb"), read_only=True) as con:
        members = {m for (m,) in con.execute("select distinct member from marts.pillar_correlations").fetchall()}
        pooled = con.execute(
            "select count(*), count(estimate) from marts.pillar_correlations where member = 'all'"
        ).fetchone()
    assert members == {export.parent.name for export in team[:2]} | {"all"}
    assert pooled[0] > 0 and pooled[1] > 0
