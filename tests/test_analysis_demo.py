"""The bundled demo end to end: sample export + sample SSI history -> proxies, correlations, Parquet."""

import json
import shutil

import duckdb
import polars as pl
import pytest
from linkedin_ssi.flows.cli import main
from linkedin_ssi.models.partitions import bucket_of


@pytest.fixture(scope="module")
def demo(demo_home):
    """The session's demo home, read only."""
    return demo_home


@pytest.fixture
def own_demo(demo_home, tmp_path):
    """A copy of the demo home, for a test that changes its settings (its builds point the views at the copy)."""
    return shutil.copytree(demo_home, tmp_path / "demo")


def q(home, sql):
    with duckdb.connect(str(home / "warehouse" / "linkedin.duckdb"), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_run_on_an_empty_home_uses_the_sample_and_says_so(tmp_path, capsys):
    assert main(["run", "--home", str(tmp_path / "h"), "--json"]) == 0
    captured = capsys.readouterr()
    assert (
        f"nothing loaded in {tmp_path / 'h'} and its inbox is empty: running on the bundled sample export "
        "and sample SSI scores"
    ) in captured.err
    assert json.loads(captured.out)["exports_dir"] == str(tmp_path / "h" / "demo" / "exports")


def test_demo_correlations_are_real_and_recover_the_planted_activity(demo):
    grid = q(
        demo,
        "select count(*), count(distinct proxy), count(estimate) from marts.pillar_correlations "
        "where member = 'avery-example'",
    )
    # 25 pillar-proxy pairs x 4 windows x 3 lags x 2 measures x 2 methods.
    assert grid[0][:2] == (1200, 24)
    assert grid[0][2] > 900
    flagged = {
        (p, x)
        for p, x in q(
            demo, "select distinct pillar, proxy from marts.pillar_correlations where verdict = 'positive association'"
        )
    }
    # The sample's SSI history was generated from trailing 28-day posting, searching, engaging and networking.
    assert ("brand", "posts") in flagged
    assert ("people", "search_queries") in flagged
    assert ("relationships", "new_connections") in flagged
    # The cumulative connection count trends with the relationships pillar, but is never reported as moving it.
    assert ("relationships", "total_connections") not in flagged
    assert q(
        demo, "select count(*) from marts.pillar_correlations where verdict like '%association' and q_value >= 0.05"
    ) == [(0,)]


def test_every_recorded_score_is_aligned_and_proxies_are_null_where_the_export_does_not_reach(demo):
    assert q(demo, "select count(*), min(score_date), max(score_date) from marts.ssi_scores") == [
        (28, __import__("datetime").date(2026, 4, 6), __import__("datetime").date(2026, 10, 12))
    ]
    # Invitations.csv starts 2026-03-20: a 90-day window ending in April reaches before it.
    assert q(
        demo,
        "select is_covered, value from marts.pillar_proxies where proxy = 'acceptance_rate' "
        "and score_date = '2026-04-06' and window_days = 90 and lag_days = 0",
    ) == [(False, None)]


def test_parquet_exports_match_the_marts(demo):
    folders = sorted(p.name for p in (demo / "exports").iterdir())
    assert folders == [
        mart
        for mart in (
            "claim_tests",
            "connection_changes",
            "correlation_counts",
            "invitation_notes",
            "loaded_exports",
            "loaded_files",
            "monthly_activity",
            "pillar_correlations",
            "pillar_proxies",
            "profile_completeness",
            "proxy_catalog",
            "score_outcomes",
            "sharing_gaps",
            "source_coverage",
            "ssi_scores",
            "strongest_cell_pairs",
            "strongest_cells",
        )
    ]
    # The member rows are the build's parts, linked; the pooled 'all' rows are written beside them.
    [(member,)] = q(demo, "select distinct member from marts.pillar_correlations where member <> 'all'")
    assert sorted(p.name for p in (demo / "exports" / "pillar_correlations").iterdir()) == [
        "all.parquet",
        "columns.parquet",
        f"part-{bucket_of(member):02d}.parquet",
    ]
    frame = pl.read_parquet(demo / "exports" / "pillar_correlations" / "*.parquet")
    assert frame.height == q(demo, "select count(*) from marts.pillar_correlations")[0][0]
    assert frame.columns == [
        "member",
        "pillar",
        "proxy",
        "window_days",
        "lag_days",
        "measure",
        "method",
        "n",
        "n_eff",
        "estimate",
        "ci_low",
        "ci_high",
        "p_value",
        "q_value",
        "p_method",
        "verdict",
    ]


def test_correction_comes_from_settings(own_demo, tmp_path):
    demo = own_demo
    (demo / "settings.toml").write_text('[analysis]\ncorrection = "bh"\nwindows = [28]\nlags = [0]\n')
    try:
        assert main(["build", "--home", str(demo)]) == 0
        assert q(demo, "select windows, lags, correction from config.params") == [([28], [0], "bh")]
        assert q(demo, "select distinct window_days, lag_days from marts.pillar_correlations") == [(28, 0)]
    finally:
        (demo / "settings.toml").unlink()
        assert main(["build", "--home", str(demo)]) == 0


def test_bad_settings_name_the_file(own_demo, capsys):
    demo = own_demo
    (demo / "settings.toml").write_text("[analysis]\nwindow = [28]\n")
    try:
        assert main(["build", "--home", str(demo)]) == 1
    finally:
        (demo / "settings.toml").unlink()
    assert (
        capsys.readouterr()
        .err.strip()
        .endswith(
            f"error: {demo / 'settings.toml'}: [analysis] unknown setting(s): window (known: alpha, "
            "analytic_min_n_eff, claim_window_days, correction, equivalence_margin, equivalence_margin_total, "
            "equivalence_r, gap_min_days, lags, max_permutations, min_articles, min_comparisons, min_n, min_per_group, "
            "outcome_days, persistence_days, regime_breaks, seed, team_min_members, windows)  "
            "(run with --debug for the traceback)"
        )
    )
