"""Where the product keeps its files; the only place that reads the environment."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path


HOME_ENV = "LINKEDIN_SSI_HOME"


def resolve_home(home: str | None) -> Path:
    """Return the home folder: --home, else $LINKEDIN_SSI_HOME, else ./data."""
    return Path(home or os.environ.get(HOME_ENV) or "data").expanduser().resolve()

SETTINGS_FILE = "settings.toml"

# Every setting the product reads: {section: {key: kind}}. settings.example.toml documents exactly these (a test
# keeps the two, and models.params.AnalysisParams, in step). A kind is a type name below or a tuple of choices.
SETTINGS: dict[str, dict[str, str | tuple[str, ...]]] = {
    "analysis": {"windows": "integer list", "lags": "integer list", "min_n": "integer", "alpha": "number",
                 "correction": ("holm", "bh"), "analytic_min_n_eff": "number", "max_permutations": "integer",
                 "seed": "integer",
                 # The claims (README, "The claims, tested on your data").
                 "gap_min_days": "integer", "equivalence_margin": "number", "equivalence_margin_total": "number",
                 "equivalence_r": "number", "claim_window_days": "integer", "outcome_days": "integer",
                 "persistence_days": "integer", "min_comparisons": "integer", "min_per_group": "integer",
                 "min_articles": "integer", "team_min_members": "integer", "regime_breaks": "date list"},
    "privacy": {"include_sensitive": "boolean", "redact": "boolean"},
    "scale": {"workers": "positive integer", "dask_address": "text"},
}
_EXPECTED = {"integer": "an integer", "positive integer": "an integer of 1 or more", "number": "a number",
             "boolean": "true or false", "text": "a quoted text", "integer list": "a list of integers, e.g. [7, 28]",
             "date list": "a list of dates, e.g. [2017-02-10]"}


class SettingsError(ValueError):
    """`settings.toml` cannot be used; str() is one line naming the file, the section, the key and the problem."""


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _fits(value, kind: str | tuple[str, ...]) -> bool:
    """Return True when a TOML value has the kind a setting needs."""
    if isinstance(kind, tuple):
        return value in kind
    return {"integer": _is_int(value),
            "positive integer": _is_int(value) and value >= 1,
            "number": _is_int(value) or isinstance(value, float),
            "boolean": isinstance(value, bool),
            "text": isinstance(value, str),
            "integer list": isinstance(value, list) and all(_is_int(v) for v in value),
            # TOML dates, or text that the analysis rules then check (and name, if it is not a date).
            "date list": isinstance(value, list) and all(isinstance(v, (date, str)) for v in value)}[kind]


def _toml(value) -> str:
    """Return a value as it would be written in TOML ("ten", true, [7, "x"]), for error messages."""
    return json.dumps(value, ensure_ascii=False, default=str)


def read_settings(home: Path) -> dict:
    """Return the whole checked settings file ({} without it). Raises SettingsError for malformed TOML, an unknown
    section or key, a value of the wrong kind, or analysis parameters that break a rule."""
    import tomllib

    path = home / SETTINGS_FILE
    if not path.exists():
        return {}
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as e:
        raise SettingsError(f"{path}: not valid TOML ({e})") from None
    except (OSError, UnicodeDecodeError) as e:
        raise SettingsError(f"{path}: cannot be read ({e.strerror if isinstance(e, OSError) else 'not UTF-8 text'})"
                            ) from None
    for name, values in doc.items():
        known = SETTINGS.get(name)
        if known is None or not isinstance(values, dict):
            raise SettingsError(f"{path}: unknown section [{name}] (known: {', '.join(f'[{s}]' for s in SETTINGS)})")
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise SettingsError(f"{path}: [{name}] unknown setting(s): {', '.join(unknown)} "
                                f"(known: {', '.join(sorted(known))})")
        for key, value in values.items():
            kind = known[key]
            if not _fits(value, kind):
                expected = " or ".join(f'"{c}"' for c in kind) if isinstance(kind, tuple) else _EXPECTED[kind]
                raise SettingsError(f"{path}: [{name}] {key}: expected {expected}, got {_toml(value)}")
    if "analysis" in doc:  # the rules across values too (min_n at least 4, ...): every command finds them at start
        from linkedin_ssi.models.params import AnalysisParams

        try:
            AnalysisParams.from_mapping(dict(doc["analysis"]))
        except (TypeError, ValueError) as e:
            raise SettingsError(f"{path}: [analysis] {e}") from None
    return doc


def _section(home: Path, name: str) -> dict:
    """Return section [name] of `<home>/settings.toml`, checked ({} without the file or the section)."""
    return dict(read_settings(home).get(name, {}))


def load_params(home: Path, overrides: dict | None = None):
    """Return the analysis parameters: defaults, then `<home>/settings.toml` [analysis], then `overrides`.

    Raises ValueError naming the settings file when it is malformed.
    """
    from linkedin_ssi.models.params import AnalysisParams

    path = home / SETTINGS_FILE
    values = _section(home, "analysis")
    values.update({k: v for k, v in (overrides or {}).items() if v is not None})
    try:
        return AnalysisParams.from_mapping(values)
    except (TypeError, ValueError) as e:  # a rule across values (e.g. min_n at least 4): still one line, no class
        raise SettingsError(f"{path}: [analysis] {e}") from None


def load_privacy(home: Path, include_sensitive: bool | None = None, redact: bool | None = None):
    """Return the PrivacyOptions for loading into `home`: `<home>/settings.toml` [privacy], then the flags."""
    from linkedin_ssi.ingest.load import privacy_options

    values = _section(home, "privacy")
    include = include_sensitive if include_sensitive is not None else bool(values.get("include_sensitive", False))
    red = redact if redact is not None else bool(values.get("redact", False))
    return privacy_options(home, include, red)


def load_scale(home: Path, workers: int | None = None, dask_address: str | None = None) -> dict:
    """Return {'workers', 'dask_address'}: `<home>/settings.toml` [scale], then the flags (default: 1 worker, no Dask)."""
    values = _section(home, "scale")
    chosen = {"workers": int(workers if workers is not None else values.get("workers", 1)),
              "dask_address": dask_address if dask_address is not None else values.get("dask_address")}
    if chosen["workers"] < 1:  # the settings file is checked on reading: only the flag can get here
        raise SettingsError(f"--workers: must be 1 or more, not {chosen['workers']}")
    return chosen
