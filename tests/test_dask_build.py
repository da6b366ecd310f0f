"""A team's warehouse built on a Dask cluster (the members computed in groups of whole buckets, one build-members task
per group on a `distributed.LocalCluster`) equals the local build row for row, every table and view: for the first,
full build and for an incremental one after more exports."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from linkedin_ssi.ingest.ssi_store import import_ssi_file
from linkedin_ssi.models.params import AnalysisParams
from linkedin_ssi.models.partitions import bucket_of
from linkedin_ssi.models.warehouse import build_database, member_groups, warehouse_path

from linkedin_ssi.infra.settings import load_settings
from tests.support import monthly_exports, snapshot

MEMBERS, MONTHS, SCALE, SEED = 5, 2, 0.05, 13
# One window and lag, few permutations: the statistics stay cheap and every code path still runs.
SETTINGS = "[analysis]\nwindows = [28]\nlags = [0]\nmax_permutations = 500\n"


@pytest.fixture(scope="module")
def team(tmp_path_factory) -> dict[str, list[Path]]:
    """Each member's monthly exports, oldest first."""
    return monthly_exports(tmp_path_factory.mktemp("team"), MEMBERS, SCALE, SEED, MONTHS)


def local_build(home: Path, scratch: Path) -> dict[str, list[str]]:
    """Return the snapshot of a warehouse built in this process, from nothing, out of a copy of `home`'s lake."""
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(home / "lake", scratch / "lake")
    params = AnalysisParams.from_settings(load_settings(home))
    built = build_database(scratch, params, scratch / "local.duckdb")
    assert not built.incremental
    return snapshot(built.path)


def assert_same(cluster: dict[str, list[str]], local: dict[str, list[str]]) -> None:
    assert cluster.keys() == local.keys()
    differ = [name for name in local if cluster[name] != local[name]]
    assert not differ, f"the build on the cluster differs from the local build in {differ}"


def test_members_split_into_groups_of_whole_buckets():
    members = {f"m{i}" for i in range(40)}
    groups = member_groups(members, 3)
    assert len(groups) == 3 and set().union(*groups) == members
    buckets = [{bucket_of(m) for m in g} for g in groups]
    assert all(not (a & b) for i, a in enumerate(buckets) for b in buckets[i + 1 :])
    assert max(map(len, groups)) - min(map(len, groups)) <= max(
        sum(1 for m in members if bucket_of(m) == b) for b in range(32)
    )
    assert member_groups({"a"}, 4) == [{"a"}] and member_groups(set(), 4) == []


def test_a_team_built_on_a_dask_cluster_equals_the_local_build(team, tmp_path):
    distributed = pytest.importorskip("distributed")
    import linkedin_ssi.flows.prefect_env

    linkedin_ssi.flows.prefect_env.configure()
    from linkedin_ssi.flows.pipeline import on_dask
    from prefect.client.orchestration import get_client
    from prefect.testing.utilities import prefect_test_harness

    home, scratch = tmp_path / "home", tmp_path / "scratch"
    home.mkdir()
    (home / "settings.toml").write_text(SETTINGS)
    members = sorted(team)
    assert len(member_groups(set(members), 2)) == 2  # the team spans buckets: two groups, one per worker
    # Two more exports of members in different buckets: the incremental build splits too.
    a = members[0]
    b = next(m for m in members if bucket_of(m) != bucket_of(a))
    for member in members:
        import_ssi_file(home, team[member][0].parent / "ssi_scores.csv", member)
    with prefect_test_harness(server_startup_timeout=120):
        with distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster:
            flow = on_dask(cluster.scheduler_address)
            first = flow(str(home), [str(team[m][0]) for m in members], inbox=False)
            full = snapshot(warehouse_path(home))
            assert_same(full, local_build(home, scratch))
            second = flow(str(home), [str(team[a][1]), str(team[b][1])], inbox=False)
            incremental = snapshot(warehouse_path(home))
            assert_same(incremental, local_build(home, scratch))
        with get_client(sync_client=True) as client:
            tasks = sorted(t.name.rsplit("-", 1)[0] for t in client.read_task_runs())
    assert [r["status"] for r in first["loads"] + second["loads"]] == ["loaded"] * (MEMBERS + 2)
    assert tasks.count("build-members") == 4  # two groups per build, on the cluster
    assert (
        full != incremental and len(full["raw.exports"]) == MEMBERS and len(incremental["raw.exports"]) == MEMBERS + 2
    )
