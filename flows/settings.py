"""Where the product keeps its files; the only place that reads the environment."""

from __future__ import annotations

import os
from pathlib import Path

HOME_ENV = "LINKEDIN_SSI_HOME"
REPO_ROOT = Path(__file__).resolve().parent.parent
SAMPLE_EXPORT = REPO_ROOT / "data" / "sample_export"


def resolve_home(home: str | None) -> Path:
    """Return the home folder: --home, else $LINKEDIN_SSI_HOME, else ./data."""
    return Path(home or os.environ.get(HOME_ENV) or "data").expanduser().resolve()
