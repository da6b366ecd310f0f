"""`linkedin-ssi doctor`: what this machine and this home look like, and what to do about it."""

from __future__ import annotations

import importlib.metadata
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

REQUIRED = (
    "polars",
    "duckdb",
    "pyarrow",
    "pandera",
    "prefect",
    "numpy",
    "scipy",
    "watchfiles",
    "filelock",
    "pydantic-settings",
)


@dataclass
class Check:
    """One finding: level is ok, info, warn or fail."""

    name: str
    level: str
    finding: str
    advice: str = ""


def _python() -> Check:
    # No check for an old Python: pip installs this package only on the `requires-python` it declares (>=3.11), and
    # `linkedin-ssi` could not import on an older one anyway (infra/settings.py imports tomllib, new in 3.11).
    version = ".".join(map(str, sys.version_info[:3]))
    return Check("python", "ok", f"Python {version} at {sys.executable}")


def _packages() -> Check:
    found, missing = [], []
    for name in REQUIRED:
        try:
            found.append(f"{name} {importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            missing.append(name)
    if missing:
        return Check(
            "packages", "fail", f"missing: {', '.join(missing)}", "run `make run` (it installs them into .venv)"
        )
    return Check("packages", "ok", ", ".join(found))


def _home(home: Path) -> list[Check]:
    if not home.exists():
        return [
            Check(
                "home",
                "info",
                f"{home} does not exist yet",
                "it is created on the first `linkedin-ssi ingest`, `run` or `ssi import`",
            )
        ]
    checks = []
    writable = os.access(home, os.W_OK)
    free = shutil.disk_usage(home).free / 2**30
    checks.append(
        Check(
            "home",
            "ok" if writable else "fail",
            f"{home} ({free:.1f} GiB free)",
            "" if writable else "the home is not writable: choose another --home",
        )
    )
    if free < 1:
        checks.append(Check("disk", "warn", f"only {free:.2f} GiB free", "a large export needs a few times its size"))
    return checks


def _lake(home: Path) -> list[Check]:
    from linkedin_ssi.ingest.forget import pending_forget
    from linkedin_ssi.ingest.lake import lake_health

    lake = lake_health(home)
    if not lake.exports and pending_forget(home) is None:
        return [
            Check("lake", "info", "no export loaded yet", "run `linkedin-ssi ingest PATH` or drop a ZIP in the inbox")
        ]
    broken = lake.missing
    checks = [
        Check(
            "lake",
            "fail" if broken else "ok",
            f"{lake.exports} export(s) of {lake.members} member(s)"
            + (f"; {len(broken)} file(s) listed but missing: {', '.join(broken[:3])}" if broken else ""),
            "re-ingest the affected exports (the lake was changed by hand?)" if broken else "",
        )
    ]
    if lake.rows_quarantined:
        checks.append(
            Check(
                "quarantine",
                "warn",
                f"{lake.rows_quarantined} row(s) set aside",
                "see `linkedin-ssi status` and the raw.quarantine table for the reasons",
            )
        )
    if (forgetting := pending_forget(home)) is not None:
        checks.append(
            Check(
                "forget",
                "warn",
                f"the forget of {forgetting.member} was interrupted ({forgetting.counts()} still listed in "
                f"{home / '.forget-pending.json'})",
                "run `linkedin-ssi build` (or any command that loads or builds): it finishes the forget first",
            )
        )
    if lake.retired:
        checks.append(
            Check(
                "lake",
                "info",
                f"{lake.retired} file(s) replaced by compaction, waiting to be deleted ({lake.files} file(s) read)",
                "harmless: deleted after the next publish and a grace period (readers of the previous "
                "warehouse may still read them)",
            )
        )
    if lake.unfinished:
        checks.append(
            Check(
                "lake",
                "info",
                f"{lake.unfinished} unfinished write(s) from an interrupted run",
                "harmless: they are never read, and the next load of that export replaces them",
            )
        )
    return checks


def _warehouse(home: Path) -> Check:
    import duckdb
    from linkedin_ssi.models.warehouse import warehouse_counts, warehouse_path

    path = warehouse_path(home)
    if not path.exists():
        return Check("warehouse", "info", "not built yet", "run `linkedin-ssi build` (or `run`)")
    try:
        tables, scores = warehouse_counts(path)
    except duckdb.Error as e:
        return Check("warehouse", "fail", f"{path} cannot be opened: {e}", "run `linkedin-ssi build` to rebuild it")
    advice = "" if scores else "import recorded SSI scores: `linkedin-ssi ssi import FILE`"
    return Check(
        "warehouse", "ok" if scores else "warn", f"{path}: {tables} tables, {scores} recorded SSI scores", advice
    )


def _inbox(home: Path) -> list[Check]:
    from linkedin_ssi.ingest.inbox import failed_reasons, scan_inbox

    scan = scan_inbox(home)
    checks = [
        Check(
            "inbox",
            "ok",
            f"{len(scan.ready)} ready, {len(scan.waiting)} still being written, "
            f"{len(scan.rejected)} that can never load",
            "run `linkedin-ssi run` or `linkedin-ssi serve` to process it" if scan.ready else "",
        )
    ]
    failed = failed_reasons(home)
    if failed:
        checks.append(
            Check(
                "failed",
                "warn",
                f"{len(failed)} file(s) in {home / 'failed'}: " + "; ".join(failed[:3]),
                "fix or replace them, then drop them in the inbox again",
            )
        )
    return checks


def _prefect() -> Check:
    from linkedin_ssi.flows.prefect_env import api_url

    url = api_url()
    if not url:
        return Check(
            "prefect",
            "info",
            "no PREFECT_API_URL: each `run` starts a temporary local server (about 10 s)",
            "for schedules and the UI, run `linkedin-ssi serve`",
        )
    from linkedin_ssi.flows.serve import _healthy

    if _healthy(url):
        return Check("prefect", "ok", f"server answering at {url}")
    return Check(
        "prefect",
        "fail",
        f"PREFECT_API_URL={url} does not answer",
        "start the server, or unset PREFECT_API_URL to use a temporary one",
    )


def _recording(home: Path) -> list[Check]:
    """Return where this home's runs are recorded when its `serve` runs, and the flow runs still waiting to be
    recorded (flows/record_run.py), if any."""
    from linkedin_ssi.flows.record_run import LOG, pending_path
    from linkedin_ssi.flows.serve_state import serving_api

    checks = []
    if serving := serving_api(home):
        checks.append(Check("serve", "ok", f"this home's `serve` is running; its Prefect server at {serving}"))
    pending = pending_path(home)
    if pending.exists():
        count = len(pending.read_text().splitlines())
        checks.append(
            Check(
                "flow runs",
                "warn",
                f"{count} run(s) that found nothing new are not yet recorded in Prefect ({pending})",
                f"see {pending.with_name(LOG)}; the next `linkedin-ssi run` records them",
            )
        )
    return checks


def _settings(home: Path) -> Check:
    """Return whether `<home>/settings.toml` is absent (defaults), usable, or broken (its one-line error)."""
    from linkedin_ssi.models.params import AnalysisParams

    from linkedin_ssi.infra.settings import SETTINGS_FILE, SettingsError, load_settings, read_file

    path = home / SETTINGS_FILE
    if not path.exists():
        return Check(
            "settings",
            "info",
            f"no {path}: the defaults are used",
            "copy settings.example.toml (in the repository) there to change them",
        )
    try:
        AnalysisParams.from_settings(load_settings(home))  # the rules across values too, as every command checks
        sections = read_file(path)
    except SettingsError as e:
        return Check("settings", "fail", str(e), "fix it (settings.example.toml documents every key), or remove it")
    return Check("settings", "ok", f"{path}: " + (", ".join(f"[{s}]" for s in sections) or "empty"))


def run_checks(home: Path) -> list[Check]:
    """Return every check's finding for this machine and `home`."""
    checks = [_python(), _packages(), *_home(home)]
    if home.exists():
        checks += [_settings(home), *_lake(home), _warehouse(home), *_inbox(home), *_recording(home)]
    checks.append(_prefect())
    return checks
