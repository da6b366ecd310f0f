"""settings.toml: the commented example documents exactly what the code reads, and errors are one plain line."""

from __future__ import annotations

import dataclasses
import re
import shutil

import pytest

from support import REPO, SAMPLE, needs_repo
from linkedin_ssi.flows.cli import main
from linkedin_ssi.infra.settings import SETTINGS, SettingsError, load_params, load_privacy, load_scale
from linkedin_ssi.models.params import AnalysisParams

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
    assert documented == {section: set(keys) for section, keys in SETTINGS.items()}
    assert set(SETTINGS["analysis"]) == {f.name for f in dataclasses.fields(AnalysisParams)}


@needs_repo
def test_the_example_loads_through_the_real_reader_and_holds_the_defaults(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    shutil.copy(EXAMPLE, home / "settings.toml")
    assert load_params(home) == AnalysisParams()
    assert (load_privacy(home).include_sensitive, load_privacy(home).redact) == (False, False)
    assert load_scale(home) == {"workers": 1, "dask_address": None}
    # The commented-out examples are valid too once uncommented.
    text = re.sub(r"(?m)^# (\w+ = .*)$", r"\1", EXAMPLE.read_text(encoding="utf-8"))
    (home / "settings.toml").write_text(text, encoding="utf-8")
    assert load_scale(home) == {"workers": 1, "dask_address": "tcp://10.0.0.5:8786"}


@pytest.mark.parametrize(("text", "problem"), [
    ('[analysis]\nmin_n = "ten"\n', '[analysis] min_n: expected an integer, got "ten"'),
    ("[analysis]\nalpha = true\n", "[analysis] alpha: expected a number, got true"),
    ('[analysis]\nwindows = [7, "28"]\n', '[analysis] windows: expected a list of integers, e.g. [7, 28], got [7, "28"]'),
    ('[analysis]\ncorrection = "bonferroni"\n', '[analysis] correction: expected "holm" or "bh", got "bonferroni"'),
    ("[analysis]\nmin_n = 2\n", "[analysis] min_n must be at least 4, not 2"),
    ('[privacy]\nredact = "yes"\n', '[privacy] redact: expected true or false, got "yes"'),
    ("[scale]\nworkers = 0\n", "[scale] workers: expected an integer of 1 or more, got 0"),
    ("[scale]\ndask_address = 8786\n", "[scale] dask_address: expected a quoted text, got 8786"),
    ("[analisys]\nmin_n = 10\n", "unknown section [analisys] (known: [analysis], [privacy], [scale])"),
    ("[scale]\nworker = 2\n", "[scale] unknown setting(s): worker (known: dask_address, workers)"),
    ("[analysis\n", "not valid TOML (Expected ']' at the end of a table declaration (at line 1, column 10))"),
])
def test_settings_errors_name_the_file_and_show_no_class_name(tmp_path, capsys, text, problem):
    home = tmp_path / "home"
    home.mkdir()
    (home / "settings.toml").write_text(text, encoding="utf-8")
    with pytest.raises(SettingsError) as info:
        load_params(home)
        load_privacy(home)
        load_scale(home)
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
    assert (f'[FAIL] settings: {home / "settings.toml"}: [analysis] min_n: expected an integer, got "ten"'
            in capsys.readouterr().out)


def test_a_rule_across_analysis_values_stops_every_command_before_it_starts(tmp_path, capsys):
    # Found when the file is read, not deep inside a build (where Prefect would log a traceback with class names).
    home = tmp_path / "home"
    home.mkdir()
    (home / "settings.toml").write_text("[analysis]\nmin_n = 2\n")
    assert main(["ingest", str(SAMPLE), "--home", str(home)]) == 1
    err = capsys.readouterr().err
    assert err.strip().splitlines()[-1] == (
        f"error: {home / 'settings.toml'}: [analysis] min_n must be at least 4, not 2  "
        "(run with --debug for the traceback)")
    assert "Traceback" not in err and not (home / "lake").exists()
