"""Claim settings and regime breaks come from settings.toml into config.params."""

from __future__ import annotations

import pytest
from linkedin_ssi.models.params import DEFAULT_REGIME_BREAKS, AnalysisParams

from linkedin_ssi.infra.settings import load_settings


def load_params(home):
    return AnalysisParams.from_settings(load_settings(home))


def test_claim_settings_and_regime_breaks_are_read_from_settings_toml(tmp_path):
    (tmp_path / "settings.toml").write_text(
        "[analysis]\ngap_min_days = 28\nequivalence_margin = 1.5\nequivalence_r = 0.2\nteam_min_members = 10\n"
        "regime_breaks = [2017-02-10, 2024-06-01]\n"
    )
    params = load_params(tmp_path)
    assert (
        params.gap_min_days,
        params.equivalence_margin,
        params.equivalence_margin_total,
        params.equivalence_r,
        params.team_min_members,
        params.regime_breaks,
    ) == (28, 1.5, 4.0, 0.2, 10, ("2017-02-10", "2024-06-01"))


def test_defaults_are_the_documented_ones():
    params = AnalysisParams()
    assert (
        params.gap_min_days,
        params.equivalence_margin,
        params.equivalence_margin_total,
        params.equivalence_r,
        params.outcome_days,
        params.team_min_members,
    ) == (21, 2.0, 4.0, 0.3, 28, 8)
    assert params.regime_breaks == DEFAULT_REGIME_BREAKS == ("2015-01-26", "2017-02-10")


@pytest.mark.parametrize(
    "line, message",
    [
        ('regime_breaks = ["10 Feb 2017"]', "regime_breaks must be dates like 2017-02-10, not '10 Feb 2017'"),
        ("gap_min_days = 0", "gap_min_days must be at least 1, not 0"),
        ("equivalence_r = 1.5", "equivalence margins must be positive and equivalence_r between 0 and 1"),
    ],
)
def test_bad_claim_settings_name_the_file_and_the_problem(tmp_path, line, message):
    (tmp_path / "settings.toml").write_text(f"[analysis]\n{line}\n")
    with pytest.raises(ValueError) as e:
        load_params(tmp_path)
    assert str(e.value) == f"{tmp_path / 'settings.toml'}: [analysis] {message}"
