"""The measured steps: each runs in its own fresh Python process (`run_bench.py --step NAME`), does one thing and
returns what it measured; `run_bench.main` prints that as the process's last stdout line, in JSON.

- generate:       write the synthetic export (`linkedin_ssi.synthetic.synth.write_synthetic`);
- pipeline load:  `load_export` (parse + validate + lake) and the SSI history import;
- pipeline build: `publish` (DuckDB warehouse, marts, correlations, Parquet exports, report);
- floor:          extract the ZIP's CSVs to a temporary folder, DuckDB `read_csv` each into an on-disk DuckDB
                  file, nothing else;
- naive:          pandas `read_csv` of each CSV straight from the ZIP, each frame copied into an on-disk DuckDB
                  file.

The project's modules are imported inside each step, after its clock starts or before (`import_seconds`), so
that a step pays only for what it uses.
"""

from __future__ import annotations

import argparse
import time
import zipfile
from pathlib import Path


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
    return {
        "import_seconds": t1 - t0,
        "seconds": t2 - t1,
        "ssi_seconds": t3 - t2,
        "rows": result.rows_loaded,
        "quarantined": result.rows_quarantined,
        "status": result.status,
        "member": result.member,
    }


def step_pipeline_build(args: argparse.Namespace) -> dict:
    """The rest of the full run: build the warehouse and the analysis, publish the Parquet files, write the report."""
    t0 = time.perf_counter()
    from linkedin_ssi.presenting.publish import publish

    t1 = time.perf_counter()
    built = publish(Path(args.home))
    return {"import_seconds": t1 - t0, "seconds": time.perf_counter() - t1, "exports": built.exports}


def _csv_names(zf: zipfile.ZipFile) -> list[str]:
    """Return the names of the ZIP's CSV members."""
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
            rows += con.execute(
                f"create table t{i} as select * from read_csv(?, all_varchar = true)", [path]
            ).fetchone()[0]
        except duckdb.Error:
            # A file the sniffer cannot read as-is: the most forgiving reader (rows may be dropped).
            rows += con.execute(
                f"create table t{i} as select * from read_csv(?, all_varchar = true, strict_mode = false,"
                " ignore_errors = true)",
                [path],
            ).fetchone()[0]
            errors.append(name)
    con.execute("checkpoint")
    con.close()
    t2 = time.perf_counter()
    return {
        "seconds": t2 - t0,
        "extract_seconds": t1 - t0,
        "duckdb_seconds": t2 - t1,
        "rows": rows,
        "forgiving_reader": errors,
    }


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
            con.execute(f"create table t{i} as select * from frame")
            con.unregister("frame")
            rows += len(frame)
            del frame
    con.execute("checkpoint")
    con.close()
    return {"seconds": time.perf_counter() - t0, "rows": rows, "errors": errors}


STEPS = {
    "generate": step_generate,
    "pipeline-load": step_pipeline_load,
    "pipeline-build": step_pipeline_build,
    "floor": step_floor,
    "naive": step_naive,
}
