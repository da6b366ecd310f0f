"""Running the steps and measuring them: each step in a fresh interpreter whose wall time and peak RSS the parent
takes (`os.wait4` gives that one child's `ru_maxrss`); the exports generated once into `bench/.cache/` and reused
while the generator's code is unchanged; the whole benchmark run (`measure_all`)."""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
CACHE = BENCH / ".cache"
RUN_BENCH = BENCH / "run_bench.py"  # the entry point; `--step NAME` runs one step in the child


@dataclass
class Measure:
    """One subprocess run: what it reported, its wall time and peak RSS (MB), or why it failed."""

    name: str
    wall: float
    peak_mb: float
    report: dict = field(default_factory=dict)
    error: str | None = None

    @property
    def seconds(self) -> float | None:
        """The operation's own time (imports and interpreter start excluded), None if it failed."""
        return self.report.get("seconds") if self.error is None else None


def run_step(name: str, log_dir: Path, **options: str) -> Measure:
    """Run `STEPS[name]` in a fresh interpreter; return its measure (errors are recorded, not raised)."""
    argv = [sys.executable, str(RUN_BENCH), "--step", name]
    for key, value in options.items():
        argv += [f"--{key.replace('_', '-')}", str(value)]
    log_dir.mkdir(parents=True, exist_ok=True)
    out_path, err_path = log_dir / f"{name}.out", log_dir / f"{name}.err"
    env = {**os.environ, "PYTHONPATH": str(REPO), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    with out_path.open("wb") as out, err_path.open("wb") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=err, env=env, cwd=REPO)
        # wait4 returns this child's own rusage; RUSAGE_CHILDREN would be the max over all children so far.
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    measure = Measure(name, wall, usage.ru_maxrss / 1024)
    lines = out_path.read_text().strip().splitlines()
    if proc.returncode != 0 or not lines:
        tail = [ln for ln in err_path.read_text(errors="replace").strip().splitlines() if ln.strip()][-1:] or [
            "no output"
        ]
        measure.error = f"exit {proc.returncode}: {tail[0][:300]}"
    else:
        measure.report = json.loads(lines[-1])
    return measure


def _synth_fingerprint() -> str:
    """Return a hash of the generator's sources (synth.py and the shared writer it uses): a cached export is reused
    only if it was written by the same code."""
    sources = sorted((REPO / "synthetic").rglob("*.py"))
    return hashlib.sha256(b"".join(p.read_bytes() for p in sources)).hexdigest()[:10]


def ensure_export(scale: str, seed: int, era: str, logs: Path) -> tuple[Path, Measure | None]:
    """Return the ZIP for `scale`, generated into the cache unless already there, and the generation measure
    (None when the cached copy was reused)."""
    folder = CACHE / f"synth-{_synth_fingerprint()}" / f"{era}-seed{seed}-{scale.replace(':', '_')}"
    found = sorted(folder.glob("*/*.zip"))
    if found and (found[0].parent / "counts.json").exists():
        return found[0], None
    shutil.rmtree(folder, ignore_errors=True)
    print(f"generating the {scale} export ({era} layout, seed {seed}) ...", flush=True)
    measure = run_step(
        "generate", logs / f"generate-{scale.replace(':', '_')}", scale=scale, seed=seed, era=era, out=folder
    )
    if measure.error:
        raise SystemExit(f"generating {scale} failed: {measure.error}")
    return Path(measure.report["zip"]), measure


def counts_of(zip_path: Path) -> dict:
    """Return the generator's counts.json for an export: records per file, bytes, era."""
    return json.loads((zip_path.parent / "counts.json").read_text())


def run_pipeline(zip_path: Path, work: Path, logs: Path) -> tuple[Measure, Measure]:
    """Load then build into a fresh home; return the two measures."""
    home = work / "home"
    shutil.rmtree(home, ignore_errors=True)
    load = run_step("pipeline-load", logs, zip=zip_path, home=home)
    if load.error is None:
        build = run_step("pipeline-build", logs, home=home)
    else:
        build = Measure("pipeline-build", 0, 0, error="not run: the load failed")
    shutil.rmtree(home, ignore_errors=True)
    return load, build


def pandas_available() -> bool:
    """Return whether pandas is installed (the naive baseline needs it)."""
    try:
        metadata.version("pandas")
    except metadata.PackageNotFoundError:
        return False
    return True


@dataclass
class Run:
    """Everything measured in one benchmark run."""

    scale: str
    zip_path: Path
    counts: dict
    generation: Measure | None
    load: Measure
    build: Measure
    floor: Measure
    naive: Measure | None
    naive_skipped: str | None
    scaling: list[tuple[str, dict, Measure, Measure]]

    @property
    def pipeline_seconds(self) -> float | None:
        if self.load.seconds is None or self.build.seconds is None:
            return None
        return self.load.seconds + self.build.seconds

    @property
    def pipeline_wall(self) -> float:
        return self.load.wall + self.build.wall

    @property
    def pipeline_peak(self) -> float:
        return max(self.load.peak_mb, self.build.peak_mb)


def measure_all(args: argparse.Namespace, work: Path, notes: list[str]) -> Run:
    """Generate (or reuse) the exports and run every measurement; return the run."""
    main_scale = "heavy:0.1" if args.quick else "heavy"
    logs = work / "logs"
    zip_path, generation = ensure_export(main_scale, args.seed, args.era, logs)
    counts = counts_of(zip_path)
    print(
        f"export: {zip_path} ({counts['total_records']:,} records, {sum(counts['bytes'].values()) / 1e6:.0f} MB CSV)",
        flush=True,
    )
    print("(a) pipeline load + build ...", flush=True)
    load, build = run_pipeline(zip_path, work, logs / "pipeline")
    print("(b) floor ...", flush=True)
    floor = run_step("floor", logs / "floor", zip=zip_path, work=_fresh(work / "floor"))
    shutil.rmtree(work / "floor", ignore_errors=True)
    naive, skipped = None, None
    if pandas_available():
        print("(c) naive ...", flush=True)
        naive = run_step("naive", logs / "naive", zip=zip_path, work=_fresh(work / "naive"))
        shutil.rmtree(work / "naive", ignore_errors=True)
    else:
        skipped = "pandas is not installed (install it with `.venv/bin/pip install pandas`)"
        print(f"(c) naive: SKIPPED: {skipped}", flush=True)
    scaling = []
    if not args.quick:
        for fraction in ("0.25", "0.5"):
            scale = f"heavy:{fraction}"
            z, _ = ensure_export(scale, args.seed, args.era, logs)
            print(f"(d) pipeline at {scale} ...", flush=True)
            part_load, part_build = run_pipeline(z, work, logs / f"pipeline-{fraction}")
            scaling.append((fraction, counts_of(z), part_load, part_build))
        scaling.append(("1", counts, load, build))
    for m in (load, build, floor, naive):
        if m is not None and m.error:
            notes.append(f"`{m.name}` failed: {m.error} (full log kept only during the run)")
    if load.error is None and load.report.get("rows") != counts["total_records"]:
        notes.append(
            f"the pipeline loaded {load.report.get('rows'):,} rows; the generator wrote "
            f"{counts['total_records']:,} (see counts.json)"
        )
    if load.report.get("quarantined"):
        notes.append(f"the pipeline quarantined {load.report['quarantined']:,} rows of the export")
    if floor.report.get("forgiving_reader"):
        notes.append(
            f"floor: DuckDB's sniffer failed on {', '.join(floor.report['forgiving_reader'])}; read with "
            "`strict_mode = false, ignore_errors = true`"
        )
    if naive is not None and naive.report.get("errors"):
        notes.append(f"naive: pandas could not read {', '.join(naive.report['errors'])}")
    return Run(main_scale, zip_path, counts, generation, load, build, floor, naive, skipped, scaling)


def _fresh(path: Path) -> Path:
    """Return `path`, an empty folder."""
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path
