"""The command's process-wide settings (linkedin_ssi.infra.runtime): made before numpy is imported, the user's own
BLAS setting kept."""

from __future__ import annotations

import os
import subprocess
import sys

# Run in a fresh interpreter: the settings are process-wide, and numpy reads its thread count once, at import.
PROBE = """
import gc, os, sys
import linkedin_ssi.flows.cli as cli
numpy_before = "numpy" in sys.modules
try:
    cli.main(["--version"])
except SystemExit:  # argparse's, after printing the version
    pass
print(numpy_before, os.environ.get("OPENBLAS_NUM_THREADS"), gc.get_threshold())
"""


def _probe(env: dict[str, str]) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True, timeout=120
    ).stdout
    return out.strip().splitlines()[-1].split(" ", 2)


def test_the_command_sets_one_blas_thread_before_numpy_is_imported():
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    assert _probe(env) == ["False", "1", "(50000, 20, 20)"]


def test_the_users_blas_setting_is_kept():
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "4"}
    assert _probe(env) == ["False", "4", "(50000, 20, 20)"]
