"""Reporting a benchmark run: the tables printed at the end and `bench/RESULTS.md` (machine, export, figures,
the issue's targets, the linear-cost series)."""

from __future__ import annotations

import os
import platform
from datetime import datetime
from importlib import metadata
from pathlib import Path

from harness import REPO, Measure, Run

RESULTS = REPO / "bench" / "RESULTS.md"
PACKAGES = ("duckdb", "polars", "pyarrow", "pandera", "pandas", "numpy", "prefect")
# The targets for the heavy export.
TARGET_FLOOR_RATIO = 2.0
TARGET_RUN_RATIO = 4.0
TARGET_PEAK_RSS_MB = 1536.0


def machine() -> dict[str, str]:
    """Return the machine description for RESULTS.md."""
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem_kb = next(
        int(ln.split()[1]) for ln in Path("/proc/meminfo").read_text().splitlines() if ln.startswith("MemTotal")
    )
    versions = []
    for package in PACKAGES:
        try:
            versions.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{package} (not installed)")
    return {
        "nproc": str(os.cpu_count()),
        "CPU": cpu,
        "RAM": f"{mem_kb / 1024 / 1024:.1f} GiB",
        "OS": f"{platform.system()} {platform.release()}",
        "Python": platform.python_version(),
        "packages": ", ".join(versions),
    }


def fmt_s(x: float | None) -> str:
    """Return seconds with two decimals, `–` when not measured."""
    return "–" if x is None else f"{x:.2f}"


def fmt_ratio(a: float | None, b: float | None) -> str:
    """Return a / b as `1.54×`, `–` when either is missing."""
    return "–" if not a or not b else f"{a / b:.2f}×"


def measure_row(label: str, what: str, m: Measure) -> list[str]:
    """Return one row of the main table for a measure (a failure shows its error instead of a time)."""
    if m.error:
        return [label, what, f"FAILED ({m.error})", f"{m.wall:.2f}", f"{m.peak_mb:.0f}", ""]
    rows = m.report.get("rows")
    return [label, what, fmt_s(m.seconds), f"{m.wall:.2f}", f"{m.peak_mb:.0f}", "" if rows is None else f"{rows:,}"]


def result_rows(run: Run) -> list[list[str]]:
    """Return the main table: step, what it does, op seconds, process wall, peak RSS, rows."""
    rows = [
        measure_row("(a) pipeline load", "load_export: parse + validate + lake", run.load),
        measure_row("(a) pipeline build", "build + analysis + Parquet + report", run.build),
    ]
    if run.pipeline_seconds is not None:
        rows.append(
            [
                "(a) pipeline total",
                "load + build",
                fmt_s(run.pipeline_seconds),
                f"{run.pipeline_wall:.2f}",
                f"{run.pipeline_peak:.0f}",
                f"{run.load.report.get('rows', 0):,}",
            ]
        )
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

    def verdict(ok):
        return "–" if ok is None else ("met" if ok else "MISSED")

    rows = [
        [
            f"ingest ≤ {TARGET_FLOOR_RATIO:g}× floor",
            fmt_ratio(load, f),
            verdict(load / f <= TARGET_FLOOR_RATIO if load and f else None),
        ]
    ]
    if n:
        rows.append(["ingest faster than naive", fmt_ratio(load, n) + " of naive", verdict(load < n if load else None)])
    else:
        rows.append(["ingest faster than naive", "naive not measured", "–"])
    rows.append(
        [
            f"full run ≤ {TARGET_RUN_RATIO:g}× floor",
            fmt_ratio(total, f),
            verdict(total / f <= TARGET_RUN_RATIO if total and f else None),
        ]
    )
    peak = f"{run.pipeline_peak:.0f} MB (load {run.load.peak_mb:.0f}, build {run.build.peak_mb:.0f})"
    rows.append(
        [
            f"peak RSS < {TARGET_PEAK_RSS_MB / 1024:g} GB",
            peak,
            "met" if run.pipeline_peak < TARGET_PEAK_RSS_MB else "MISSED",
        ]
    )
    return rows


def scaling_rows(run: Run) -> list[list[str]]:
    """Return the linear-cost table: scale, records, load/build seconds, seconds per million rows, peak RSS."""
    rows = []
    for scale, counts, load, build in run.scaling:
        records = counts["total_records"]
        total = None if load.seconds is None or build.seconds is None else load.seconds + build.seconds
        seconds = [load.seconds, build.seconds, total]
        per_million = ["–" if x is None else f"{x / records * 1e6:.2f}" for x in seconds]
        rows.append(
            [scale, f"{records:,}", *map(fmt_s, seconds), *per_million, f"{max(load.peak_mb, build.peak_mb):.0f}"]
        )
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

SCALING_HEADER = [
    "scale",
    "records",
    "load (s)",
    "build (s)",
    "total (s)",
    "load s/M rows",
    "build s/M rows",
    "total s/M rows",
    "peak RSS (MB)",
]


def export_section(run: Run) -> str:
    """Return the Markdown description of the export that was measured."""
    c = run.counts
    csv_mb = sum(c["bytes"].values()) / 1e6
    lines = [
        f"`{run.scale}` (seed {c['seed']}, {c['era']} layout, member `{c['member']}`): "
        f"{c['total_records']:,} records in {len(c['files'])} CSV files, {csv_mb:.1f} MB of CSV in a "
        f"{c['zip_bytes'] / 1e6:.1f} MB ZIP (zlib level 6)."
    ]
    if run.generation:
        lines.append(
            f"Generated by `linkedin_ssi.synthetic.synth.write_synthetic` in {run.generation.seconds:.1f} s "
            f"(process {run.generation.wall:.1f} s, peak RSS {run.generation.peak_mb:.0f} MB)."
        )
    else:
        lines.append("Reused from `bench/.cache/` (generation not timed in this run).")
    big = sorted(c["files"].items(), key=lambda kv: -c["bytes"][kv[0]])
    lines.append("")
    lines.append(
        table(["file", "records", "MB"], [[f"`{k}`", f"{v:,}", f"{c['bytes'][k] / 1e6:.1f}"] for k, v in big if v])
    )
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
