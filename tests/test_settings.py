"""settings.toml and LINKEDIN_SSI_* variables: the commented example documents exactly what the code reads, the
environment wins over the file and a flag over both, and errors are one plain line."""

from __future__ import annotations

import dataclasses
import re
import shutil

import pytest
from linkedin_ssi.flows.cli import main
from linkedin_ssi.flows.job import plan_job
from linkedin_ssi.models.params import AnalysisParams

from linkedin_ssi.infra.settings import SECTIONS, SettingsError, load_settings, resolve_home
from support import REPO, SAMPLE, needs_repo

EXAMPLE = REPO / "settings.example.toml"


def documented_keys(text: str) -> dict[str, set[str]]:
    """Return {section: keys} of a settings file, counting commented-out `# key = value` lines as documented."""
    keys: dict[str, set[str]] = {}
    section = None
    for line in text.splitlines():
        if m := re.fullmatch(r"\[(\w+)\]", line.strip()):
            section = m.group(1)
            keys[section] = set()
        elif section and (m := re.fullmatch(r"#?\s*(\w+)\s*=.*", line.strip())):
            keys[section].add(m.group(1))
    return keys


@needs_repo
def test_the_example_documents_every_setting_the_code_reads_and_nothing_else():
    documented = documented_keys(EXAMPLE.read_text(encoding="utf-8"))
    assert documented == {section: set(model.model_fields) for section, model in SECTIONS.items()}
    assert set(SECTIONS["analysis"].model_fields) == {f.name for f in dataclasses.fields(AnalysisParams)}


def read(home):
    """Return (analysis parameters, privacy, scale) as a command sees them."""
    settings = load_settings(home)
    return AnalysisParams.from_settings(settings), settings.privacy, settings.scale


@needs_repo
def test_the_example_loads_through_the_real_reader_and_holds_the_defaults(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    shutil.copy(EXAMPLE, home / "settings.toml")
    params, privacy, scale = read(home)
    assert params == AnalysisParams()
    assert (privacy.include_sensitive, privacy.redact) == (False, False)
    assert (scale.workers, scale.dask_address) == (1, None)
    # The commented-out examples are valid too once uncommented.
    text = re.sub(r"(?m)^# (\w+ = .*)$", r"\1", EXAMPLE.read_text(encoding="utf-8"))
    (home / "settings.toml").write_text(text, encoding="utf-8")
    assert (read(home)[2].workers, read(home)[2].dask_address) == (1, "tcp://10.0.0.5:8786")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('[analysis]\nmin_n = "ten"\n', '[analysis] min_n: expected an integer, got "ten"'),
        ("[analysis]\nalpha = true\n", "[analysis] alpha: expected a number, got true"),
        (
            '[analysis]\nwindows = [7, "28"]\n',
            '[analysis] windows: expected a list of integers, e.g. [7, 28], got [7, "28"]',
        ),
        ('[analysis]\ncorrection = "bonferroni"\n', '[analysis] correction: expected "holm" or "bh", got "bonferroni"'),
        ("[analysis]\nmin_n = 2\n", "[analysis] min_n must be at least 4, not 2"),
        ('[privacy]\nredact = "yes"\n', '[privacy] redact: expected true or false, got "yes"'),
        ("[scale]\nworkers = 0\n", "[scale] workers: expected an integer of 1 or more, got 0"),
        ("[scale]\ndask_address = 8786\n", "[scale] dask_address: expected a quoted text, got 8786"),
        ("[analisys]\nmin_n = 10\n", "unknown section [analisys] (known: [analysis], [privacy], [scale])"),
        ("[scale]\nworker = 2\n", "[scale] unknown setting(s): worker (known: compact_after, dask_address, workers)"),
        ("[analysis\n", "not valid TOML (Expected ']' at the end of a table declaration (at line 1, column 10))"),
    ],
)
def test_settings_errors_name_the_file_and_show_no_class_name(tmp_path, capsys, text, problem):
    home = tmp_path / "home"
    home.mkdir()
    (home / "settings.toml").write_text(text, encoding="utf-8")
    with pytest.raises(SettingsError) as info:
        read(home)
    assert str(info.value) == f"{home / 'settings.toml'}: {problem}"
    assert main(["build", "--home", str(home)]) == 1
    err = capsys.readouterr().err.strip()
    assert err == f"error: {home / 'settings.toml'}: {problem}  (run with --debug for the traceback)"
    assert "Error" not in err.split(":")[0]


def test_doctor_names_a_broken_settings_file(tmp_path, capsys):
    home = tmp_path / "home"
    home.mkdir()
    assert main(["doctor", "--home", str(home)]) == 0
    assert f"[info] settings: no {home / 'settings.toml'}: the defaults are used" in capsys.readouterr().out
    (home / "settings.toml").write_text('[analysis]\nmin_n = "ten"\n')
    assert main(["doctor", "--home", str(home)]) == 1
    assert (
        f'[FAIL] settings: {home / "settings.toml"}: [analysis] min_n: expected an integer, got "ten"'
        in capsys.readouterr().out
    )


def test_a_rule_across_analysis_values_stops_every_command_before_it_starts(tmp_path, capsys):
    # Found when the file is read, not deep inside a build (where Prefect would log a traceback with class names).
    home = tmp_path / "home"
    home.mkdir()
    (home / "settings.toml").write_text("[analysis]\nmin_n = 2\n")
    assert main(["ingest", str(SAMPLE), "--home", str(home)]) == 1
    err = capsys.readouterr().err
    assert err.strip().splitlines()[-1] == (
        f"error: {home / 'settings.toml'}: [analysis] min_n must be at least 4, not 2  "
        "(run with --debug for the traceback)"
    )
    assert "Traceback" not in err and not (home / "lake").exists()


def test_the_environment_wins_over_the_file_and_a_flag_over_both(tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    (home / "settings.toml").write_text("[scale]\nworkers = 3\n[analysis]\nmin_n = 12\nwindows = [7]\n")
    monkeypatch.setenv("LINKEDIN_SSI_HOME", str(home))
    monkeypatch.setenv("LINKEDIN_SSI_SCALE__WORKERS", "2")
    monkeypatch.setenv("LINKEDIN_SSI_ANALYSIS__WINDOWS", "[28, 56]")
    monkeypatch.setenv("LINKEDIN_SSI_PRIVACY__REDACT", "true")
    settings = load_settings()
    assert settings.home == home and resolve_home() == home
    assert (settings.scale.workers, settings.privacy.redact) == (2, True)
    params = AnalysisParams.from_settings(settings)
    assert (params.windows, params.min_n) == ((28, 56), 12)
    job = plan_job(settings, workers=1, redact=False, correction="bh")
    assert (job.workers, job.redact, job.params.correction, job.params.windows) == (1, False, "bh", (28, 56))
    assert load_settings(tmp_path / "other").home == tmp_path / "other"  # --home wins over LINKEDIN_SSI_HOME


@pytest.mark.parametrize(
    ("name", "value", "problem"),
    [
        ("LINKEDIN_SSI_SCALE__WORKERS", "0", "[scale] workers: expected an integer of 1 or more, got 0"),
        (
            "LINKEDIN_SSI_ANALYSIS__WINDOWS",
            "7,28",
            '[analysis] windows: expected a list of integers, e.g. [7, 28], got "7,28"',
        ),
        ("LINKEDIN_SSI_ANALYSIS__MIN_N", "2", "[analysis] min_n must be at least 4, not 2"),
    ],
)
def test_a_bad_environment_variable_is_named_instead_of_the_file(tmp_path, monkeypatch, capsys, name, value, problem):
    monkeypatch.setenv(name, value)
    assert main(["build", "--home", str(tmp_path / "home")]) == 1
    assert capsys.readouterr().err.strip() == f"error: {name}: {problem}  (run with --debug for the traceback)"
    assert not (tmp_path / "home").exists()


def test_a_flag_below_one_worker_is_refused_in_one_line(tmp_path, capsys):
    export = REPO / "data" / "sample_export"
    assert main(["ingest", str(export), "--workers", "0", "--home", str(tmp_path / "home")]) == 1
    assert (
        capsys.readouterr().err.strip()
        == "error: --workers: must be 1 or more, not 0  (run with --debug for the traceback)"
    )
    assert not (tmp_path / "home").exists()
