#!/usr/bin/env python3
"""Benchmark the ingest of a heavy LinkedIn export against a floor and a naive baseline, on this machine.

Run from the repository root (see bench/README.md):

    .venv/bin/python bench/run_bench.py            # full run: heavy export + scales 0.25 / 0.5 / 1
    .venv/bin/python bench/run_bench.py --quick    # smoke run: heavy:0.1 only

Every measured step runs in a fresh Python subprocess; its wall time and peak RSS are taken by the parent
(`os.wait4` gives that one child's `ru_maxrss`), and the child reports the time of the operation itself
(imports excluded) on its last stdout line as JSON. Steps:

- pipeline load:  `ingest.load.load_export` (parse + validate + lake) and the SSI history import;
- pipeline build: `models.publish.publish` (DuckDB warehouse, marts, correlations, Parquet exports, report);
- floor:          extract the ZIP's CSVs to a temporary folder, DuckDB `read_csv` each into an on-disk DuckDB
                  file, nothing else;
- naive:          pandas `read_csv` of each CSV straight from the ZIP, each frame copied into an on-disk DuckDB
                  file (skipped, with a message, when pandas is not installed).

The pipeline is also run at 0.25 and 0.5 of the heavy export (1.0 is the heavy run itself) to check that its
cost per million rows stays flat. Results are printed and written to bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
CACHE = BENCH / ".cache"
RESULTS = BENCH / "RESULTS.md"
PACKAGES = ("duckdb", "polars", "pyarrow", "pandera", "pandas", "numpy", "prefect")
# The targets for the heavy export.
TARGET_FLOOR_RATIO = 2.0
TARGET_RUN_RATIO = 4.0
TARGET_PEAK_RSS_MB = 1536.0

if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


# ------------------------------------------------------------------------------------------------------------
# Child steps: each runs in its own process and prints one JSON line last
# ------------------------------------------------------------------------------------------------------------


def step_generate(args: argparse.Namespace) -> dict:
    """Write one synthetic export at `--scale` into `--out`; return the generation time."""
    from linkedin_ssi.synthetic.synth import write_synthetic

    started = time.perf_counter()
    (zip_path,) = write_synthetic(Path(args.out), 1, args.scale, args.seed, eras=[args.era])
    return {"seconds": time.perf_counter() - started, "zip": str(zip_path)}


def step_pipeline_load(args: argparse.Namespace) -> dict:
    """Load the export into a fresh home (parse, validate, write the lake), then import its SSI history."""
    t0 = time.perf_counter()
    from linkedin_ssi.ingest.load import load_export
    from linkedin_ssi.ingest.ssi_store import import_ssi_file

    t1 = time.perf_counter()
    result = load_export(Path(args.home), Path(args.zip))
    t2 = time.perf_counter()
    import_ssi_file(Path(args.home), Path(args.zip).parent / "ssi_scores.csv")
    t3 = time.perf_counter()
    return {"import_seconds": t1 - t0, "seconds": t2 - t1, "ssi_seconds": t3 - t2, "rows": result.rows_loaded,
            "quarantined": result.rows_quarantined, "status": result.status, "member": result.member}


def step_pipeline_build(args: argparse.Namespace) -> dict:
    """The rest of the full run: build the warehouse and the analysis, publish the Parquet files, write the report."""
    t0 = time.perf_counter()
    from linkedin_ssi.presenting.publish import publish

    t1 = time.perf_counter()
    built = publish(Path(args.home))
    return {"import_seconds": t1 - t0, "seconds": time.perf_counter() - t1, "exports": built.exports}


def _csv_names(zf: zipfile.ZipFile) -> list[str]:
    return [n for n in zf.namelist() if n.lower().endswith(".csv")]


def step_floor(args: argparse.Namespace) -> dict:
    """Extract the CSVs, then DuckDB `read_csv` each (auto-detected, all text) into an on-disk database."""
    import duckdb

    work = Path(args.work)
    t0 = time.perf_counter()
    with zipfile.ZipFile(args.zip) as zf:
        names = _csv_names(zf)
        for name in names:
            zf.extract(name, work / "csv")
    t1 = time.perf_counter()
    con = duckdb.connect(str(work / "floor.duckdb"))
    con.execute("set enable_progress_bar = false")
    rows, errors = 0, []
    for i, name in enumerate(names):
        path = str(work / "csv" / name)
        try:
            rows += con.execute("create table t%d as select * from read_csv(?, all_varchar = true)" % i,
                                [path]).fetchone()[0]
        except duckdb.Error:
            # A file the sniffer cannot read as-is: the most forgiving reader (rows may be dropped).
            rows += con.execute("create table t%d as select * from read_csv(?, all_varchar = true, strict_mode = false,"
                                " ignore_errors = true)" % i, [path]).fetchone()[0]
            errors.append(name)
    con.execute("checkpoint")
    con.close()
    t2 = time.perf_counter()
    return {"seconds": t2 - t0, "extract_seconds": t1 - t0, "duckdb_seconds": t2 - t1, "rows": rows,
            "forgiving_reader": errors}


def step_naive(args: argparse.Namespace) -> dict:
    """pandas `read_csv` of each CSV member from the ZIP, each frame copied into an on-disk DuckDB file."""
    import duckdb
    import pandas as pd

    t0 = time.perf_counter()
    con = duckdb.connect(str(Path(args.work) / "naive.duckdb"))
    con.execute("set enable_progress_bar = false")
    rows, errors = 0, []
    with zipfile.ZipFile(args.zip) as zf:
        for i, name in enumerate(_csv_names(zf)):
            # What a quick script does: skip the Connections preamble, read text, drop lines that do not parse.
            skip = 3 if Path(name).name == "Connections.csv" else 0
            try:
                with zf.open(name) as fh:
                    frame = pd.read_csv(fh, dtype=str, keep_default_na=False, on_bad_lines="skip", skiprows=skip)
            except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as e:
                errors.append(f"{name}: {type(e).__name__}")
                continue
            con.register("frame", frame)
            con.execute("create table t%d as select * from frame" % i)
            con.unregister("frame")
            rows += len(frame)
            del frame
    con.execute("checkpoint")
    con.close()
    return {"seconds": time.perf_counter() - t0, "rows": rows, "errors": errors}


STEPS = {"generate": step_generate, "pipeline-load": step_pipeline_load, "pipeline-build": step_pipeline_build,
         "floor": step_floor, "naive": step_naive}


# ------------------------------------------------------------------------------------------------------------
# Parent: run steps in subprocesses and measure them
# ------------------------------------------------------------------------------------------------------------


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
    argv = [sys.executable, str(Path(__file__).resolve()), "--step", name]
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
        tail = [l for l in err_path.read_text(errors="replace").strip().splitlines() if l.strip()][-1:] or ["no output"]
        measure.error = f"exit {proc.returncode}: {tail[0][:300]}"
    else:
        measure.report = json.loads(lines[-1])
    return measure


def _synth_fingerprint() -> str:
    """A hash of the generator's source: a cached export is reused only if it was written by the same code."""
    return hashlib.sha256((REPO / "ingest" / "synth.py").read_bytes()).hexdigest()[:10]


def ensure_export(scale: str, seed: int, era: str, logs: Path) -> tuple[Path, Measure | None]:
    """Return the ZIP for `scale`, generated into the cache unless already there, and the generation measure
    (None when the cached copy was reused)."""
    folder = CACHE / f"synth-{_synth_fingerprint()}" / f"{era}-seed{seed}-{scale.replace(':', '_')}"
    found = sorted(folder.glob("*/*.zip"))
    if found and (found[0].parent / "counts.json").exists():
        return found[0], None
    shutil.rmtree(folder, ignore_errors=True)
    print(f"generating the {scale} export ({era} layout, seed {seed}) ...", flush=True)
    measure = run_step("generate", logs / f"generate-{scale.replace(':', '_')}", scale=scale, seed=seed, era=era,
                       out=folder)
    if measure.error:
        raise SystemExit(f"generating {scale} failed: {measure.error}")
    return Path(measure.report["zip"]), measure


def counts_of(zip_path: Path) -> dict:
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
    try:
        metadata.version("pandas")
    except metadata.PackageNotFoundError:
        return False
    return True


# ------------------------------------------------------------------------------------------------------------
# Reporting
# ------------------------------------------------------------------------------------------------------------


def machine() -> dict[str, str]:
    """Return the machine description for RESULTS.md."""
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem_kb = next(int(l.split()[1]) for l in Path("/proc/meminfo").read_text().splitlines() if l.startswith("MemTotal"))
    versions = []
    for package in PACKAGES:
        try:
            versions.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{package} (not installed)")
    return {"nproc": str(os.cpu_count()), "CPU": cpu, "RAM": f"{mem_kb / 1024 / 1024:.1f} GiB",
            "OS": f"{platform.system()} {platform.release()}", "Python": platform.python_version(),
            "packages": ", ".join(versions)}


def fmt_s(x: float | None) -> str:
    return "–" if x is None else f"{x:.2f}"


def fmt_ratio(a: float | None, b: float | None) -> str:
    return "–" if not a or not b else f"{a / b:.2f}×"


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


def measure_row(label: str, what: str, m: Measure) -> list[str]:
    """Return one row of the main table for a measure (a failure shows its error instead of a time)."""
    if m.error:
        return [label, what, f"FAILED ({m.error})", f"{m.wall:.2f}", f"{m.peak_mb:.0f}", ""]
    rows = m.report.get("rows")
    return [label, what, fmt_s(m.seconds), f"{m.wall:.2f}", f"{m.peak_mb:.0f}", "" if rows is None else f"{rows:,}"]


def result_rows(run: Run) -> list[list[str]]:
    """Return the main table: step, what it does, op seconds, process wall, peak RSS, rows."""
    rows = [measure_row("(a) pipeline load", "load_export: parse + validate + lake", run.load),
            measure_row("(a) pipeline build", "build + analysis + Parquet + report", run.build)]
    if run.pipeline_seconds is not None:
        rows.append(["(a) pipeline total", "load + build", fmt_s(run.pipeline_seconds), f"{run.pipeline_wall:.2f}",
                     f"{run.pipeline_peak:.0f}", f"{run.load.report.get('rows', 0):,}"])
    rows.append(measure_row("(b) floor", "extract CSVs + DuckDB read_csv into a .duckdb file", run.floor))
    naive = "pandas read_csv from the ZIP -> DuckDB"
    if run.naive is None:
        rows.append(["(c) naive", naive, f"skipped: {run.naive_skipped}", "", "", ""])
    else:
        rows.append(measure_row("(c) naive", naive, run.naive))
    return rows


def ratio_rows(run: Run) -> list[list[str]]:
    """Return the targets table: target, measured, verdict.

    As the issue words them: *ingest* is parse, validate, load and lineage (the load step); the *full run*
    adds the build, the analysis, publishing and the report (Prefect's own start-up is not in it).
    """
    load, f = run.load.seconds, run.floor.seconds
    total = run.pipeline_seconds
    n = run.naive.seconds if run.naive else None
    verdict = lambda ok: "–" if ok is None else ("met" if ok else "MISSED")
    rows = [[f"ingest ≤ {TARGET_FLOOR_RATIO:g}× floor", fmt_ratio(load, f),
             verdict(load / f <= TARGET_FLOOR_RATIO if load and f else None)]]
    if n:
        rows.append(["ingest faster than naive", fmt_ratio(load, n) + " of naive", verdict(load < n if load else None)])
    else:
        rows.append(["ingest faster than naive", "naive not measured", "–"])
    rows.append([f"full run ≤ {TARGET_RUN_RATIO:g}× floor", fmt_ratio(total, f),
                 verdict(total / f <= TARGET_RUN_RATIO if total and f else None)])
    peak = f"{run.pipeline_peak:.0f} MB (load {run.load.peak_mb:.0f}, build {run.build.peak_mb:.0f})"
    rows.append([f"peak RSS < {TARGET_PEAK_RSS_MB / 1024:g} GB", peak,
                 "met" if run.pipeline_peak < TARGET_PEAK_RSS_MB else "MISSED"])
    return rows


def scaling_rows(run: Run) -> list[list[str]]:
    """Return the linear-cost table: scale, records, load/build seconds, seconds per million rows, peak RSS."""
    rows = []
    for scale, counts, load, build in run.scaling:
        records = counts["total_records"]
        total = None if load.seconds is None or build.seconds is None else load.seconds + build.seconds
        seconds = [load.seconds, build.seconds, total]
        per_million = ["–" if x is None else f"{x / records * 1e6:.2f}" for x in seconds]
        rows.append([scale, f"{records:,}", *map(fmt_s, seconds), *per_million,
                     f"{max(load.peak_mb, build.peak_mb):.0f}"])
    return rows


def table(header: list[str], rows: list[list[str]]) -> str:
    """Return a Markdown table."""
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(str(c).replace("|", "\\|") for c in r) + " |" for r in rows]
    return "\n".join(out)


def print_table(header: list[str], rows: list[list[str]]) -> None:
    """Print an aligned plain-text table."""
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
    for r in [header, ["-" * w for w in widths], *rows]:
        print("  ".join(str(c).ljust(w) for c, w in zip(r, widths)))


MAIN_HEADER = ["step", "what", "op time (s)", "process wall (s)", "peak RSS (MB)", "rows"]
RATIO_HEADER = ["target", "measured", "verdict"]
SCALING_HEADER = ["scale", "records", "load (s)", "build (s)", "total (s)", "load s/M rows", "build s/M rows",
                  "total s/M rows", "peak RSS (MB)"]


def export_section(run: Run) -> str:
    """Return the Markdown description of the export that was measured."""
    c = run.counts
    csv_mb = sum(c["bytes"].values()) / 1e6
    lines = [f"`{run.scale}` (seed {c['seed']}, {c['era']} layout, member `{c['member']}`): "
             f"{c['total_records']:,} records in {len(c['files'])} CSV files, {csv_mb:.1f} MB of CSV in a "
             f"{c['zip_bytes'] / 1e6:.1f} MB ZIP (zlib level 6)."]
    if run.generation:
        lines.append(f"Generated by `ingest.synth.write_synthetic` in {run.generation.seconds:.1f} s "
                     f"(process {run.generation.wall:.1f} s, peak RSS {run.generation.peak_mb:.0f} MB).")
    else:
        lines.append("Reused from `bench/.cache/` (generation not timed in this run).")
    big = sorted(c["files"].items(), key=lambda kv: -c["bytes"][kv[0]])
    lines.append("")
    lines.append(table(["file", "records", "MB"],
                       [[f"`{k}`", f"{v:,}", f"{c['bytes'][k] / 1e6:.1f}"] for k, v in big if v]))
    return "\n".join(lines)


def write_results(run: Run, command: str, started: datetime, elapsed: float, notes: list[str]) -> None:
    """Write bench/RESULTS.md."""
    m = machine()
    parts = [
        "# Ingest benchmark: results",
        "",
        f"Measured {started:%Y-%m-%d %H:%M} UTC by `bench/run_bench.py` (whole run {elapsed / 60:.1f} min). "
        "Regenerate with the command below; see `bench/README.md` for how to read the figures.",
        "",
        "```sh",
        command,
        "```",
        "",
        "## Machine",
        "",
        table(["", ""], [[k, v] for k, v in m.items()]),
        "",
        "## The export",
        "",
        export_section(run),
        "",
        "## Figures",
        "",
        "*op time*: the operation alone, timed inside its fresh subprocess (interpreter start and imports excluded); "
        "*process wall*: the whole subprocess; *peak RSS*: that subprocess's `ru_maxrss` (from `os.wait4`).",
        "",
        table(MAIN_HEADER, result_rows(run)),
        "",
        "## Targets (from the issue)",
        "",
        "Ratios use op times. The pipeline's peak RSS is the larger of its two processes (load, build).",
        "",
        table(RATIO_HEADER, ratio_rows(run)),
        "",
        "## Linear cost",
        "",
        "The pipeline at fractions of the heavy export (1.0 is the run above). Flat seconds per million rows "
        "mean a linear cost.",
        "",
        table(SCALING_HEADER, scaling_rows(run)) if run.scaling else "Not measured in this run (`--quick`).",
        "",
    ]
    if notes:
        parts += ["## Notes", "", *[f"- {n}" for n in notes], ""]
    RESULTS.write_text("\n".join(parts))


# ------------------------------------------------------------------------------------------------------------
# Main
# ------------------------------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="smoke run: the heavy:0.1 export only, no scaling series")
    p.add_argument("--keep-cache", action="store_true",
                   help="keep the generated exports in bench/.cache/ (reused by later runs); default: delete them")
    p.add_argument("--seed", type=int, default=20261125, help="generator seed (default 20261125)")
    p.add_argument("--era", default="2026",
                   help="layout of the benchmark export: 2021, 2023, 2024-12, 2025 or 2026 (default, the current one)")
    p.add_argument("--no-results", action="store_true", help="print only; do not write bench/RESULTS.md")
    # Internal: run one step in this process (the parent calls itself with these).
    p.add_argument("--step", choices=sorted(STEPS), help=argparse.SUPPRESS)
    for name in ("scale", "out", "zip", "home", "work"):
        p.add_argument(f"--{name}", help=argparse.SUPPRESS)
    return p.parse_args(argv)


def measure_all(args: argparse.Namespace, work: Path, notes: list[str]) -> Run:
    """Generate (or reuse) the exports and run every measurement; return the run."""
    main_scale = "heavy:0.1" if args.quick else "heavy"
    logs = work / "logs"
    zip_path, generation = ensure_export(main_scale, args.seed, args.era, logs)
    counts = counts_of(zip_path)
    print(f"export: {zip_path} ({counts['total_records']:,} records, {sum(counts['bytes'].values()) / 1e6:.0f} MB CSV)",
          flush=True)
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
            l, b = run_pipeline(z, work, logs / f"pipeline-{fraction}")
            scaling.append((fraction, counts_of(z), l, b))
        scaling.append(("1", counts, load, build))
    for m in (load, build, floor, naive):
        if m is not None and m.error:
            notes.append(f"`{m.name}` failed: {m.error} (full log kept only during the run)")
    if load.error is None and load.report.get("rows") != counts["total_records"]:
        notes.append(f"the pipeline loaded {load.report.get('rows'):,} rows; the generator wrote "
                     f"{counts['total_records']:,} (see counts.json)")
    if load.report.get("quarantined"):
        notes.append(f"the pipeline quarantined {load.report['quarantined']:,} rows of the export")
    if floor.report.get("forgiving_reader"):
        notes.append(f"floor: DuckDB's sniffer failed on {', '.join(floor.report['forgiving_reader'])}; read with "
                     "`strict_mode = false, ignore_errors = true`")
    if naive is not None and naive.report.get("errors"):
        notes.append(f"naive: pandas could not read {', '.join(naive.report['errors'])}")
    return Run(main_scale, zip_path, counts, generation, load, build, floor, naive, skipped, scaling)


def _fresh(path: Path) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.step:
        print(json.dumps(STEPS[args.step](args)))
        return 0
    started = datetime.now(timezone.utc)
    t0 = time.perf_counter()
    CACHE.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="run-", dir=CACHE))
    notes: list[str] = []
    try:
        run = measure_all(args, work, notes)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if not args.keep_cache:
            shutil.rmtree(CACHE, ignore_errors=True)
    elapsed = time.perf_counter() - t0
    print()
    print_table(MAIN_HEADER, result_rows(run))
    print()
    print_table(RATIO_HEADER, ratio_rows(run))
    if run.scaling:
        print()
        print_table(SCALING_HEADER, scaling_rows(run))
    for note in notes:
        print(f"note: {note}")
    given = argv if argv is not None else sys.argv[1:]
    command = " ".join([".venv/bin/python bench/run_bench.py", *given])
    if not args.no_results:
        write_results(run, command, started, elapsed, notes)
        print(f"\nwrote {RESULTS.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
