"""The Prefect settings every process the product starts gets first: offline, and the home's own database."""

from __future__ import annotations

import os

import pytest
from linkedin_ssi.flows import prefect_env
from linkedin_ssi.flows.cli import main


@pytest.fixture
def clean_env(monkeypatch):
    """An environment where the user set no Prefect setting (restored after the test)."""
    for key in [k for k in os.environ if k.startswith("PREFECT_") or k == "DO_NOT_TRACK"]:
        monkeypatch.delenv(key)
    monkeypatch.setattr(prefect_env, "_ours", None)
    return monkeypatch


def test_each_home_gets_its_own_prefect_folder(clean_env, tmp_path):
    applied = prefect_env.configure(tmp_path / "a")
    assert applied == {**prefect_env.DEFAULTS, "PREFECT_HOME": str(tmp_path / "a" / "prefect")}
    assert (tmp_path / "a" / "prefect").is_dir()
    # A second home in the same process (tests call main() many times) moves it: it was ours, not the user's.
    assert prefect_env.configure(tmp_path / "b") == {"PREFECT_HOME": str(tmp_path / "b" / "prefect")}
    assert os.environ["PREFECT_HOME"] == str(tmp_path / "b" / "prefect")


def test_the_users_own_settings_win(clean_env, tmp_path):
    clean_env.setenv("PREFECT_HOME", str(tmp_path / "shared"))
    clean_env.setenv("PREFECT_SERVER_ANALYTICS_ENABLED", "true")
    applied = prefect_env.configure(tmp_path / "a")
    assert "PREFECT_HOME" not in applied and "PREFECT_SERVER_ANALYTICS_ENABLED" not in applied
    assert os.environ["PREFECT_HOME"] == str(tmp_path / "shared")
    assert not (tmp_path / "a").exists()


def test_commands_that_do_not_run_prefect_create_no_prefect_folder(clean_env, tmp_path):
    assert main(["status", "--home", str(tmp_path / "typo")]) == 0
    assert "PREFECT_HOME" not in os.environ and not (tmp_path / "typo" / "prefect").exists()
    assert os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] == "false"


def test_a_server_we_start_is_offline_and_tells_its_ui_its_own_port(clean_env):
    clean_env.setenv("PREFECT_UI_API_URL", "http://127.0.0.1:4200/api")
    env = prefect_env.server_env(4299)
    assert {
        k: env[k]
        for k in (
            "PREFECT_SERVER_API_HOST",
            "PREFECT_SERVER_API_PORT",
            "PREFECT_UI_API_URL",
            "PREFECT_SERVER_ANALYTICS_ENABLED",
            "DO_NOT_TRACK",
        )
    } == {
        "PREFECT_SERVER_API_HOST": "127.0.0.1",
        "PREFECT_SERVER_API_PORT": "4299",
        "PREFECT_UI_API_URL": "http://127.0.0.1:4299/api",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "DO_NOT_TRACK": "1",
    }
