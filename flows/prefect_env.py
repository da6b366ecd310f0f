"""Prefect settings this product needs, applied before Prefect is imported.

Offline by design: no telemetry, no analytics (without these, Prefect prints telemetry
tracebacks on a closed network); plain functions called outside a flow log nothing to the API.
A user's own settings (environment or profile) win: we only fill in what is unset.
"""

from __future__ import annotations

import os

DEFAULTS = {
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW": "ignore",
    "PREFECT_UI_ENABLED": "true",
}


def configure() -> None:
    """Set the defaults above in the environment where they are not set."""
    for key, value in DEFAULTS.items():
        os.environ.setdefault(key, value)
