"""The product's settings: one typed object, read in one place, from `<home>/settings.toml` and the environment.

`load_settings(home)` returns a `Settings`: the home (--home, else $LINKEDIN_SSI_HOME, else ./data) and the sections
of `settings.toml`, [analysis], [privacy] and [scale]. Each key can also be set as an environment variable,
`LINKEDIN_SSI_<SECTION>__<KEY>` (e.g. `LINKEDIN_SSI_SCALE__WORKERS=2`), which wins over the file; a command-line
flag wins over both (the command applies it). `settings.example.toml` documents exactly these keys (a test keeps
them in step). A value of the wrong kind, an unknown section or key, or malformed TOML raises `SettingsError`, one
line naming the file (or the variable), the section, the key and the problem.

The [analysis] section holds only what the file sets: the defaults and the rules across values (min_n at least 4,
...) belong to the analysis, `models.params.AnalysisParams`, so this layer imports nothing above it.

`FaultPoints` are the crash and concurrency tests' hooks (`infra.faults`): environment only, never in the file.
"""

from __future__ import annotations

import json
import os
import tomllib
import typing
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, EnvSettingsSource, PydanticBaseSettingsSource, SettingsConfigDict

ENV_PREFIX = "LINKEDIN_SSI_"
HOME_ENV = f"{ENV_PREFIX}HOME"
SETTINGS_FILE = "settings.toml"
DEFAULT_HOME = "data"


class SettingsError(ValueError):
    """The settings cannot be used; str() is one line naming the file (or variable), the section, the key and the
    problem."""


def _expects(text: str, default: Any = None, **constraints: Any) -> Any:
    """Return a field whose wrong-kind error says 'expected <text>' (the words settings.example.toml uses)."""
    return Field(default, json_schema_extra={"expected": text}, **constraints)


class _Section(BaseModel):
    # Strict: TOML has real integers, booleans and lists, so `true` is not a number and "10" is not an integer.
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


INTEGER_LIST = "a list of integers, e.g. [7, 28]"


class AnalysisSettings(_Section):
    """[analysis] as set by the file or the environment; None is 'not set' (models.params.AnalysisParams has the
    defaults and the rules across values)."""

    windows: list[int] | None = _expects(INTEGER_LIST)
    lags: list[int] | None = _expects(INTEGER_LIST)
    min_n: int | None = _expects("an integer")
    alpha: float | None = _expects("a number")
    correction: Literal["holm", "bh"] | None = None
    analytic_min_n_eff: float | None = _expects("a number")
    max_permutations: int | None = _expects("an integer")
    seed: int | None = _expects("an integer")
    # The claims (README, "The claims, tested on your data").
    gap_min_days: int | None = _expects("an integer")
    equivalence_margin: float | None = _expects("a number")
    equivalence_margin_total: float | None = _expects("a number")
    equivalence_r: float | None = _expects("a number")
    claim_window_days: int | None = _expects("an integer")
    outcome_days: int | None = _expects("an integer")
    persistence_days: int | None = _expects("an integer")
    min_comparisons: int | None = _expects("an integer")
    min_per_group: int | None = _expects("an integer")
    min_articles: int | None = _expects("an integer")
    team_min_members: int | None = _expects("an integer")
    # TOML dates, or text that the analysis rules then check (and name, if it is not a date).
    regime_breaks: list[date | str] | None = _expects("a list of dates, e.g. [2017-02-10]")

    def given(self) -> dict[str, Any]:
        """Return {key: value} of the keys that are set (lists as lists, dates as dates)."""
        return {k: v for k, v in self if v is not None}


class PrivacySettings(_Section):
    """[privacy]: what is loaded from an export."""

    include_sensitive: bool = _expects("true or false", False)
    redact: bool = _expects("true or false", False)


class ScaleSettings(_Section):
    """[scale]: how exports are parsed: `workers` local processes, or the Dask scheduler at `dask_address`; and
    when a member's lake files are compacted (more than `compact_after` files for a table)."""

    workers: Annotated[int, Field(ge=1)] = _expects("an integer of 1 or more", 1)
    dask_address: str | None = _expects("a quoted text")
    compact_after: Annotated[int, Field(ge=1)] = _expects("an integer of 1 or more", 4)


SECTIONS: dict[str, type[_Section]] = {"analysis": AnalysisSettings, "privacy": PrivacySettings, "scale": ScaleSettings}


def _home_folder(value: str | Path) -> Path:
    return Path(value).expanduser().resolve()


class HomeSettings(BaseSettings):
    """The home folder alone: --home (passed in), else $LINKEDIN_SSI_HOME, else ./data."""

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, env_ignore_empty=True, extra="ignore", frozen=True)

    home: Path = Path(DEFAULT_HOME)

    @field_validator("home")
    @classmethod
    def _absolute(cls, value: Path) -> Path:
        return _home_folder(value)


def resolve_home(home: str | Path | None = None) -> Path:
    """Return the home folder: `home` (--home), else $LINKEDIN_SSI_HOME, else ./data. Reads no settings file."""
    return (HomeSettings(home=Path(home)) if home else HomeSettings()).home


def _decoded(value: Any) -> Any:
    """Return an environment value as the TOML value it spells (2, true, [7, 28]); other text stays text."""
    if not isinstance(value, str):
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


class _Environment(EnvSettingsSource):
    """LINKEDIN_SSI_<SECTION>__<KEY> variables, decoded like TOML values so the sections stay strict."""

    def __call__(self) -> dict[str, Any]:
        values = super().__call__()
        return {
            name: {k: _decoded(v) for k, v in section.items()} if isinstance(section, dict) else section
            for name, section in values.items()
        }


def read_file(path: Path) -> dict[str, Any]:
    """Return the sections of the settings file at `path` ({} without it). Raises SettingsError for malformed TOML,
    a file that cannot be read, or a name that is not a known section."""
    if not path.exists():
        return {}
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as e:
        raise SettingsError(f"{path}: not valid TOML ({e})") from None
    except (OSError, UnicodeDecodeError) as e:
        raise SettingsError(
            f"{path}: cannot be read ({e.strerror if isinstance(e, OSError) else 'not UTF-8 text'})"
        ) from None
    for name, values in doc.items():
        # Only sections: `home = ...` at the top would otherwise pass as a setting of the file's own place.
        if name not in SECTIONS or not isinstance(values, dict):
            raise SettingsError(f"{path}: unknown section [{name}] (known: {', '.join(f'[{s}]' for s in SECTIONS)})")
    return doc


class _File(PydanticBaseSettingsSource):
    """`<home>/settings.toml`, the home being what the sources before this one chose."""

    def get_field_value(self, field, field_name):  # required by the base class; __call__ reads the whole file
        return None, field_name, False

    def __call__(self) -> dict[str, Any]:
        return read_file(_home_folder(self.current_state.get("home") or DEFAULT_HOME) / SETTINGS_FILE)


class Settings(HomeSettings):
    """Every setting the product reads (see the module docstring for where each comes from)."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX, env_nested_delimiter="__", env_ignore_empty=True, extra="forbid", frozen=True
    )

    analysis: AnalysisSettings = AnalysisSettings()
    privacy: PrivacySettings = PrivacySettings()
    scale: ScaleSettings = ScaleSettings()

    @classmethod
    def settings_customise_sources(
        cls, settings_cls, init_settings, env_settings, dotenv_settings, file_secret_settings
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Return the sources, strongest first: what the caller passes (--home), the environment, the file."""
        return init_settings, _Environment(settings_cls), _File(settings_cls)

    @property
    def file(self) -> Path:
        """The settings file of this home (it may not exist)."""
        return self.home / SETTINGS_FILE

    def where(self, section: str, key: str | None = None) -> str:
        """Return where `section` (or its `key`) was set, for error messages: the environment variables that set
        it, else the settings file."""
        names = [_env_name(section, k) for k in ([key] if key else SECTIONS[section].model_fields)]
        found = [n for n in names if os.environ.get(n)]
        return " and ".join(found) if found else str(self.file)


def _env_name(section: str, key: str) -> str:
    return f"{ENV_PREFIX}{section}__{key}".upper()


def _expected(section: str, key: str) -> str | None:
    """Return what `[section] key` expects in words, or None for an unknown key."""
    field = SECTIONS[section].model_fields.get(key)
    if field is None:
        return None
    choices = [
        a
        for arg in typing.get_args(field.annotation)
        for a in typing.get_args(arg)
        if typing.get_origin(arg) is Literal
    ]
    if choices:
        return " or ".join(f'"{c}"' for c in choices)
    # Every field that is not a Literal is declared with _expects(), which puts its words in json_schema_extra.
    extra = field.json_schema_extra
    assert isinstance(extra, dict) and isinstance(extra["expected"], str), f"[{section}] {key} has no _expects()"
    return extra["expected"]


def _toml(value: Any) -> str:
    """Return a value as it would be written in TOML ("ten", true, [7, "x"]), for error messages."""
    return json.dumps(value, ensure_ascii=False, default=str)


def _explain(error: Mapping[str, Any], file: Path) -> str:
    """Return one line for the first problem pydantic found: where, the section, the key, and what was expected."""
    section, key = (tuple(error["loc"]) + (None,))[:2]
    if section not in SECTIONS:  # only a caller's keyword can get here: the file's names are checked on reading
        return f"unknown setting {section!r}"
    env = _env_name(section, str(key)) if key is not None else None
    where = env if env and os.environ.get(env) is not None else str(file)
    if error["type"] == "extra_forbidden":
        known = ", ".join(sorted(SECTIONS[section].model_fields))
        return f"{where}: [{section}] unknown setting(s): {key} (known: {known})"
    if key is None:
        return f"{where}: [{section}] expected a table of settings, got {_toml(error['input'])}"
    # The whole value as written, not the list item pydantic stopped at: `[7, "28"]`, not `"28"`.
    value = _decoded(os.environ[env]) if where == env else read_file(file).get(section, {}).get(key, error["input"])
    return f"{where}: [{section}] {key}: expected {_expected(section, str(key))}, got {_toml(value)}"


def load_settings(home: str | Path | None = None) -> Settings:
    """Return the settings for `home` (--home; None: $LINKEDIN_SSI_HOME, else ./data). Raises SettingsError (one line)
    for malformed TOML, an unknown section or key, or a value of the wrong kind."""
    try:
        return Settings(home=Path(home)) if home else Settings()
    except ValidationError as e:
        errors = e.errors()
        unknown = sorted(
            str(err["loc"][1]) for err in errors if err["type"] == "extra_forbidden" and len(err["loc"]) == 2
        )
        first = errors[0]
        if first["type"] == "extra_forbidden" and len(first["loc"]) == 2 and len(unknown) > 1:
            first = {**first, "loc": (first["loc"][0], ", ".join(unknown))}  # every unknown key of the section at once
        raise SettingsError(_explain(first, resolve_home(home) / SETTINGS_FILE)) from None


class FaultPoints(BaseSettings):
    """Where the crash and concurrency tests interrupt a run (infra.faults): LINKEDIN_SSI_CRASH_AT=<point> and
    LINKEDIN_SSI_PAUSE_AT=<point>:<seconds>. Environment only: a test sets them for one process."""

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, env_ignore_empty=True, extra="ignore", frozen=True)

    crash_at: str | None = None
    pause_at: str | None = None

    @field_validator("pause_at")
    @classmethod
    def _point_and_seconds(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                float(value.rsplit(":", 1)[1])
            except (IndexError, ValueError):
                raise ValueError(f"{ENV_PREFIX}PAUSE_AT must be <point>:<seconds>, not {value!r}") from None
        return value

    def pause(self, point: str) -> float:
        """Return how many seconds to pause at `point` (0: none)."""
        if self.pause_at is None or self.pause_at.rsplit(":", 1)[0] != point:
            return 0.0
        return float(self.pause_at.rsplit(":", 1)[1])
