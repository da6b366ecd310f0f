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

SETTINGS_FILE = "settings.toml"
SAMPLE_SSI = REPO_ROOT / "data" / "sample_ssi_scores.csv"


def _section(home: Path, name: str, known: set[str] | None = None) -> dict:
    """Return section [name] of `<home>/settings.toml` ({} without the file); ValueError names the file if malformed."""
    import tomllib

    path = home / SETTINGS_FILE
    if not path.exists():
        return {}
    try:
        values = dict(tomllib.loads(path.read_text()).get(name, {}))
    except tomllib.TOMLDecodeError as e:
        raise ValueError(f"{path}: not valid TOML ({e})") from None
    unknown = sorted(set(values) - known) if known is not None else []
    if unknown:
        raise ValueError(f"{path}: [{name}] unknown setting(s): {', '.join(unknown)} (known: {', '.join(sorted(known))})")
    return values


def load_params(home: Path, overrides: dict | None = None):
    """Return the analysis parameters: defaults, then `<home>/settings.toml` [analysis], then `overrides`.

    Raises ValueError naming the settings file when it is malformed.
    """
    from models.params import AnalysisParams

    path = home / SETTINGS_FILE
    values = _section(home, "analysis")
    values.update({k: v for k, v in (overrides or {}).items() if v is not None})
    try:
        return AnalysisParams.from_mapping(values)
    except (TypeError, ValueError) as e:
        raise ValueError(f"{path}: [analysis] {e}") from None


def load_privacy(home: Path, include_sensitive: bool | None = None, redact: bool | None = None):
    """Return the PrivacyOptions for loading into `home`: `<home>/settings.toml` [privacy], then the flags."""
    from ingest.load import privacy_options

    values = _section(home, "privacy", {"include_sensitive", "redact"})
    include = include_sensitive if include_sensitive is not None else bool(values.get("include_sensitive", False))
    red = redact if redact is not None else bool(values.get("redact", False))
    return privacy_options(home, include, red)


def load_scale(home: Path, workers: int | None = None, dask_address: str | None = None) -> dict:
    """Return {'workers', 'dask_address'}: `<home>/settings.toml` [scale], then the flags (default: 1 worker, no Dask)."""
    values = _section(home, "scale", {"workers", "dask_address"})
    chosen = {"workers": int(workers if workers is not None else values.get("workers", 1)),
              "dask_address": dask_address if dask_address is not None else values.get("dask_address")}
    if chosen["workers"] < 1:
        raise ValueError(f"workers must be 1 or more, not {chosen['workers']}")
    return chosen
