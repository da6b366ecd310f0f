"""Choose the model runner with numbers: dbt-duckdb, SQLMesh and the home-made runner on one team home.

    .venv/bin/python bench/runner_compare.py --quick     # 10 members x 2 months, a few minutes
    .venv/bin/python bench/runner_compare.py             # 100 members x 3 months at scale 0.05

Builds (once, cached in bench/.cache/) a team home with our pipeline (`linkedin-ssi synth --months`, then
`linkedin-ssi ingest` and `ssi import`), holding back one member's newest export. Generates from `sql/` a dbt-duckdb
project and a SQLMesh project, partitioned by member (bench/runner_projects.py), installs each framework into its
own venv under bench/.cache/runners-venv/ (pinned below; never a dependency of the package), and measures, each
step in a fresh process as a user runs it:

1. the full build of every model,
2. a no-op (nothing changed),
3. an incremental build: the held-back export is loaded into the lake, then only its member's partitions rebuilt,

with wall time and CPU (user + system, from `os.wait4`), start-up (imports + project parsing) apart; then checks that
each runner's incremental result equals a full build, table for table, row for row. Appends the section "Model
runner: dbt-duckdb, SQLMesh, home-made" to bench/RESULTS.md (unless --no-results).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
CACHE = BENCH / ".cache"
VENVS = CACHE / "runners-venv"
sys.path.insert(0, str(BENCH))

import runner_projects as rp  # noqa: E402  (beside this script)

# Pinned: the newest releases that install here. dbt-core 1.12 needs dbt-core-experimental-parser, whose build
# downloads a wheel from GitHub (no network but the package registries here); 1.11.16 is the newest without it.
# SQLMesh 0.236.4 requires duckdb<2 (`duckdb!=0.10.3,<2,>=0.10.0`): it gets the newest 1.x, ours is 2.0.1.
RUNNER_PINS = {
    "dbt": ["dbt-core==1.11.16", "dbt-duckdb==1.11.1", "duckdb==2.0.1"],
    "sqlmesh": ["sqlmesh==0.236.4"],
}
QUIET_ENV = {
    # Offline: no usage statistics, no version checks.
    "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    "DO_NOT_TRACK": "1",
    "SQLMESH__DISABLE_ANONYMIZED_ANALYTICS": "1",
    "TZ": "UTC",
}
LOAD_ONE = """
import sys, time
from pathlib import Path
t = time.perf_counter()
from linkedin_ssi.ingest.load import load_export
started = time.perf_counter()
load_export(Path(sys.argv[1]), Path(sys.argv[2]))
print(time.perf_counter() - started)
"""
HOME_MADE_STARTUP = """
import duckdb
from linkedin_ssi.models.sql_runner import load_models, order_models
order_models(load_models())
"""
# The home-made no-op: the lake's exports against those the database was built from (what `needs_build` compares).
HOME_MADE_NOOP = """
import sys
from pathlib import Path
import duckdb
lake = {p.stem for p in (Path(sys.argv[1]) / "lake" / "manifests").glob("*.json")}
with duckdb.connect(sys.argv[2], read_only=True) as con:
    built = {r[0] for r in con.execute("select export_id from raw.exports").fetchall()}
print("nothing to do" if lake == built else "rebuild")
"""

# SQLMesh's `run` as it happens at the next tick of the models' cron (`execution_time`), in a fresh process.
SQLMESH_NEXT_RUN = """
import sys
from sqlmesh import Context
status = Context(paths=[sys.argv[1]]).run(execution_time=sys.argv[2])
print(status)
sys.exit(0 if str(status).endswith("SUCCESS") else 1)
"""


def run(cmd: list[str], log: Path, cwd: Path = CACHE, env: dict | None = None) -> dict:
    """Run `cmd` in a fresh process, stdout and stderr to `log`; return {wall, cpu, rss_mb, rc, out}.

    The working folder is outside the checkout (dbt writes `logs/` there).
    """
    started = time.perf_counter()
    with open(log, "w") as out:
        proc = subprocess.Popen(
            cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, **QUIET_ENV, **(env or {})}
        )
        _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    text = log.read_text(errors="replace")
    return {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "rss_mb": usage.ru_maxrss / 1024,
        "rc": proc.returncode,
        "out": text,
    }


def checked(result: dict, what: str) -> dict:
    """Return `result`, or raise naming `what` and the end of its output when it failed."""
    if result["rc"] != 0:
        raise RuntimeError(f"{what} failed (exit {result['rc']}):\n{result['out'][-3000:]}")
    return result


def ensure_venv(name: str) -> Path:
    """Return the bin folder of the runner venv `name`, created and installed (pinned) when missing or stale."""
    venv = VENVS / name
    marker = venv / "pins.json"
    if marker.exists() and json.loads(marker.read_text()) == RUNNER_PINS[name]:
        return venv / "bin"
    shutil.rmtree(venv, ignore_errors=True)
    print(f"installing {' '.join(RUNNER_PINS[name])} into {venv.relative_to(REPO)} ...", flush=True)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run(
        [str(venv / "bin" / "pip"), "install", "-q", "--disable-pip-version-check", *RUNNER_PINS[name]], check=True
    )
    marker.write_text(json.dumps(RUNNER_PINS[name]))
    return venv / "bin"


def venv_facts(bin_dir: Path) -> dict:
    """Return {packages, mb, versions} of a runner venv: what adopting the framework installs."""
    listed = subprocess.run(
        [str(bin_dir / "pip"), "list", "--format", "json", "--disable-pip-version-check"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    packages = {p["name"].lower(): p["version"] for p in json.loads(listed)}
    site = next((bin_dir.parent / "lib").glob("python*/site-packages"))
    size = sum(f.stat().st_size for f in site.rglob("*") if f.is_file())
    return {"packages": len(set(packages) - {"pip", "setuptools"}), "mb": size / 1e6, "versions": packages}


def prepare_team(members: int, months: int, scale: str, seed: int) -> tuple[Path, Path, str]:
    """Return (the team home, the held-back export, its member): every member's `months` monthly exports loaded
    and their SSI histories imported, except the first member's newest export. Cached in bench/.cache/."""
    cache = CACHE / f"runners-team-{members}x{months}-{scale}-{seed}"
    cli = str(REPO / ".venv" / "bin" / "linkedin-ssi")
    done = cache / "done.json"
    if not done.exists():
        shutil.rmtree(cache, ignore_errors=True)
        cache.mkdir(parents=True)
        print(f"writing {members} members x {months} months at scale {scale} ...", flush=True)
        subprocess.run(
            [
                cli,
                "synth",
                str(cache / "src"),
                "--members",
                str(members),
                "--months",
                str(months),
                "--scale",
                scale,
                "--seed",
                str(seed),
            ],
            check=True,
            capture_output=True,
        )
        member_dirs = sorted(p for p in (cache / "src").iterdir() if p.is_dir())
        extra = sorted(member_dirs[0].glob("*.zip"))[-1]
        zips = [z for d in member_dirs for z in sorted(d.glob("*.zip")) if z != extra]
        print(f"loading {len(zips)} exports (linkedin-ssi ingest --workers 2) ...", flush=True)
        home = cache / "home"
        done_ingest = subprocess.run(
            [cli, "ingest", "--home", str(home), "--workers", "2", *map(str, zips)], capture_output=True, text=True
        )
        if done_ingest.returncode not in (0, 3):
            raise RuntimeError(f"ingest failed: {done_ingest.stderr[-2000:]}")
        subprocess.run(
            [cli, "ssi", "import", "--home", str(home), *[str(d / "ssi_scores.csv") for d in member_dirs]],
            check=True,
            capture_output=True,
        )
        done.write_text(json.dumps({"extra": str(extra), "member": member_dirs[0].name, "exports": len(zips)}))
    facts = json.loads(done.read_text())
    return cache / "home", Path(facts["extra"]), facts["member"]


def warehouse_columns(warehouse: Path) -> dict[str, list[str]]:
    """Return every `schema.table` of a built warehouse with its columns."""
    import duckdb

    columns: dict[str, list[str]] = {}
    with duckdb.connect(str(warehouse), read_only=True) as con:
        for schema, table, column in con.execute(
            "select schema_name, table_name, column_name from duckdb_columns() order by schema_name, table_name, "
            "column_index"
        ).fetchall():
            columns.setdefault(f"{schema}.{table}", []).append(column)
    return columns


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--members", type=int, default=100)
    parser.add_argument("--months", type=int, default=3)
    parser.add_argument("--scale", default="0.05")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--threads", type=int, default=1, help="dbt threads (default 1: models one after another)")
    parser.add_argument("--quick", action="store_true", help="10 members x 2 months: a smoke run")
    parser.add_argument("--no-results", action="store_true", help="do not write bench/RESULTS.md")
    args = parser.parse_args()
    if args.quick:
        args.members, args.months = 10, 2
    began = time.perf_counter()
    bins = {name: ensure_venv(name) for name in RUNNER_PINS}
    base, extra, member = prepare_team(args.members, args.months, args.scale, args.seed)

    work = CACHE / "runners-work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    logs = work / "logs"
    logs.mkdir()
    home = work / "home"
    shutil.copytree(base, home)
    py = str(REPO / ".venv" / "bin" / "python")
    columns = warehouse_columns(home / "warehouse" / "linkedin.duckdb")
    models, left_out = rp.project_models(columns)
    models_file = work / "models.json"
    models_file.write_text(json.dumps(models))

    def raw_layer(name: str, changed: list[str] | None) -> Path:
        out = checked(
            run([py, "-c", rp.WRITE_RAW_LAYER, str(home), str(work / name), json.dumps(changed)], logs / f"{name}.log"),
            f"raw layer {name}",
        )
        return Path(out["out"].strip().splitlines()[-1])

    print(f"team: {args.members} members x {args.months} months; held back {extra.name} of {member}", flush=True)
    raw_before = raw_layer("raw-before", None)
    load = checked(run([py, "-c", LOAD_ONE, str(home), str(extra)], logs / "load.log"), "loading the export")
    raw_after = raw_layer("raw-after", [member])
    raw_all = raw_layer("raw-after-all", None)

    def apply(python: str, database: Path, script: Path, label: str) -> dict:
        return checked(
            run([python, "-c", rp.APPLY_RAW_LAYER, str(database), str(script)], logs / f"{label}.log"),
            f"{label}: raw layer",
        )

    results: dict[str, dict] = {}

    # The reference: every model from scratch on the state after the load (home-made full build).
    reference = work / "reference.duckdb"
    apply(py, reference, raw_all, "reference-raw")
    home_made = [py, "-c", rp.HOME_MADE]
    checked(
        run([*home_made, str(reference), str(models_file), "full", str(BENCH)], logs / "reference.log"),
        "reference build",
    )

    # Home-made: sql_runner.run_models for the full build; per member delete + insert for the incremental one.
    db = work / "home_made.duckdb"
    r: dict = {"database": db, "command": "python: models.sql_runner"}
    r["startup"] = run([py, "-c", HOME_MADE_STARTUP], logs / "home-startup.log")
    r["raw"] = apply(py, db, raw_before, "home-raw-before")
    r["full"] = run([*home_made, str(db), str(models_file), "full", str(BENCH)], logs / "home-full.log")
    r["noop"] = run([py, "-c", HOME_MADE_NOOP, str(base), str(db)], logs / "home-noop.log")
    r["raw_after"] = apply(py, db, raw_after, "home-raw-after")
    r["incremental"] = run(
        [*home_made, str(db), str(models_file), "members", str(BENCH)], logs / "home-incremental.log"
    )
    results["home-made"] = r

    # dbt-duckdb: `dbt build`; the var `members` names the changed members (none: the no-op).
    project = work / "dbt_project"
    db = work / "dbt.duckdb"
    rp.write_dbt_project(project, models, columns, db, args.threads)
    dbt = [str(bins["dbt"] / "dbt")]
    where = ["--project-dir", str(project), "--profiles-dir", str(project)]
    r = {"database": db}
    r["raw"] = apply(str(bins["dbt"] / "python"), db, raw_before, "dbt-raw-before")
    r["full"] = run([*dbt, "build", *where], logs / "dbt-full.log")
    r["startup"] = run([*dbt, "parse", *where], logs / "dbt-parse.log")
    r["noop"] = run([*dbt, "build", *where, "--vars", "{members: []}"], logs / "dbt-noop.log")
    r["raw_after"] = apply(str(bins["dbt"] / "python"), db, raw_after, "dbt-raw-after")
    r["incremental"] = run(
        [*dbt, "build", *where, "--vars", json.dumps({"members": [member]})], logs / "dbt-incremental.log"
    )
    results["dbt-duckdb"] = r

    # SQLMesh: `plan --auto-apply` builds; `run` evaluates what its cron says is due. An INCREMENTAL_BY_PARTITION
    # model is due once per cron interval (@daily), so the incremental build is the run at the next tick;
    # restating instead (`plan --restate-model`) rebuilds the whole table, not the changed partitions.
    project = work / "sqlmesh_project"
    db = work / "sqlmesh_build.duckdb"  # not sqlmesh.duckdb: that catalog would clash with the state schema `sqlmesh`
    rp.write_sqlmesh_project(project, models, columns, db)
    sqlmesh = [str(bins["sqlmesh"] / "sqlmesh"), "-p", str(project)]
    r = {"database": db}
    r["raw"] = apply(str(bins["sqlmesh"] / "python"), db, raw_before, "sqlmesh-raw-before")
    r["full"] = run([*sqlmesh, "plan", "--auto-apply", "--no-prompts"], logs / "sqlmesh-full.log")
    r["startup"] = run([*sqlmesh, "info"], logs / "sqlmesh-info.log")
    r["noop"] = run([*sqlmesh, "run"], logs / "sqlmesh-noop.log")
    r["noop_plan"] = run([*sqlmesh, "plan", "--auto-apply", "--no-prompts"], logs / "sqlmesh-noop-plan.log")
    r["raw_after"] = apply(str(bins["sqlmesh"] / "python"), db, raw_after, "sqlmesh-raw-after")
    tomorrow = time.strftime("%Y-%m-%d 00:05:00", time.gmtime(time.time() + 86400))
    r["incremental"] = run(
        [str(bins["sqlmesh"] / "python"), "-c", SQLMESH_NEXT_RUN, str(project), tomorrow],
        logs / "sqlmesh-incremental.log",
    )
    results["SQLMesh"] = r

    # Ours as users run it today: every command rebuilds everything (and runs the analysis and publishes).
    cli_home = work / "cli-home"
    shutil.copytree(base, cli_home)
    cli = str(REPO / ".venv" / "bin" / "linkedin-ssi")
    ours = {
        "startup": run([cli, "--version"], logs / "cli-version.log"),
        "full": run([cli, "build", "--home", str(cli_home)], logs / "cli-build.log"),
        "incremental": run([cli, "ingest", "--home", str(cli_home), str(extra)], logs / "cli-ingest.log"),
        "noop": run([cli, "ingest", "--home", str(cli_home), str(extra)], logs / "cli-ingest-again.log"),
    }

    compared = json.loads(
        checked(
            run(
                [
                    py,
                    "-c",
                    rp.COMPARE,
                    str(reference),
                    json.dumps({k: str(v["database"]) for k, v in results.items()}),
                    str(models_file),
                ],
                logs / "compare.log",
            ),
            "comparison",
        )["out"].splitlines()[-1]
    )
    facts = {name: venv_facts(b) for name, b in bins.items()}
    lines = report(
        args, results, ours, compared, facts, load, models, left_out, extra, member, time.perf_counter() - began
    )
    print("\n".join(lines))
    if not args.no_results:
        write_section(lines)
    failed = [f"{k} {s}" for k, v in results.items() for s in ("full", "noop", "incremental") if v[s]["rc"] != 0]
    if failed:
        print(f"failed: {', '.join(failed)} (logs in {logs.relative_to(REPO)})", file=sys.stderr)
    return 1 if failed or any(c["differing"] for c in compared.values()) else 0


def _cell(step: dict | None) -> str:
    """Return `wall (CPU)` of a step, or why it failed."""
    if step is None:
        return ""
    return f"{step['wall']:.2f} ({step['cpu']:.2f})" if step["rc"] == 0 else f"failed (exit {step['rc']})"


def _ratio(a: dict, b: dict) -> str:
    return f"{a['cpu'] / b['cpu']:.1f}x" if a["rc"] == 0 and b["rc"] == 0 and b["cpu"] > 0 else "n/a"


def report(args, results, ours, compared, facts, load, models, left_out, extra, member, seconds) -> list[str]:
    """Return the lines of the RESULTS.md section."""
    command = "--quick" if args.quick else f"--members {args.members} --months {args.months} --scale {args.scale}"
    partitioned = sum(m["kind"] == "partitioned" for m in models)
    views = sum(m["kind"] == "view" for m in models)
    dbt_v, sm_v = facts["dbt"]["versions"], facts["sqlmesh"]["versions"]
    from importlib import metadata

    lines = [
        "## Model runner: dbt-duckdb, SQLMesh, home-made",
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} with "
        f"`.venv/bin/python bench/runner_compare.py {command}` (whole run {seconds / 60:.1f} min) on "
        f"{os.cpu_count()} cores ({platform.processor() or platform.machine()}; shared with other sessions: "
        f"load average {os.getloadavg()[0]:.1f} at the end, so read the ratios, not the seconds).",
        "",
        f"Team home: {args.members} members x {args.months} monthly exports at scale {args.scale} (seed {args.seed}), "
        "loaded by our pipeline (`linkedin-ssi synth --months`, `ingest --workers 2`, `ssi import`) but for one "
        f"export, `{member}/{extra.name}`: the incremental step loads it into the lake "
        f"(`ingest.load.load_export`, {load['wall']:.2f} s in its own process, the same for every runner) and "
        "rebuilds that member's partitions.",
        "",
        f"Models: {len(models)} of the SQL models: {partitioned} partitioned by member (the output has `_member` or "
        f"`member`), {len(models) - partitioned - views} rebuilt whole every run (no member column: catalogues, "
        f"parameters), {views} view. Left out: {', '.join(f'`{n}`' for n in left_out)} (they read "
        "`marts.pillar_correlations`, which Python writes between the SQL models: `models/analysis.py`, "
        "`models/claims.py`). Each step runs in a fresh process (`os.wait4`: CPU = user + system of that process).",
        "",
        "Seconds: wall (CPU).",
        "",
        "| runner | versions | start-up | full build | no-op | incremental | incremental = full build |",
        "|---|---|---|---|---|---|---|",
    ]
    names = {
        "home-made": f"duckdb {metadata.version('duckdb')}",
        "dbt-duckdb": f"dbt-core {dbt_v.get('dbt-core')}, dbt-duckdb {dbt_v.get('dbt-duckdb')}, "
        f"duckdb {dbt_v.get('duckdb')}",
        "SQLMesh": f"sqlmesh {sm_v.get('sqlmesh')}, sqlglot {sm_v.get('sqlglot')}, duckdb {sm_v.get('duckdb')}",
    }
    for name, r in results.items():
        diff = compared[name]["differing"]
        same = "yes, every table" if not diff else f"NO: {len(diff)} tables differ"
        lines.append(
            f"| {name} | {names[name]} | {_cell(r['startup'])} | {_cell(r['full'])} | {_cell(r['noop'])} | "
            f"{_cell(r['incremental'])} | {same} |"
        )
    lines.append(
        f"| `linkedin-ssi` today (every model, analysis, publish) | duckdb {metadata.version('duckdb')} | "
        f"{_cell(ours['startup'])} | {_cell(ours['full'])} | {_cell(ours['noop'])} | {_cell(ours['incremental'])} | "
        "(full rebuild) |"
    )
    sm, home = results["SQLMesh"], results["home-made"]
    lines += [
        "",
        "CPU against the home-made runner, dbt-duckdb / SQLMesh: start-up "
        + ", ".join(f"{_ratio(results[k]['startup'], home['startup'])}" for k in ("dbt-duckdb", "SQLMesh"))
        + "; full build "
        + ", ".join(f"{_ratio(results[k]['full'], home['full'])}" for k in ("dbt-duckdb", "SQLMesh"))
        + "; no-op "
        + ", ".join(f"{_ratio(results[k]['noop'], home['noop'])}" for k in ("dbt-duckdb", "SQLMesh"))
        + "; incremental "
        + ", ".join(f"{_ratio(results[k]['incremental'], home['incremental'])}" for k in ("dbt-duckdb", "SQLMesh"))
        + ".",
        "",
        "What each step runs:",
        "",
        "| runner | start-up | full build | no-op | incremental |",
        "|---|---|---|---|---|",
        "| home-made | import duckdb and `models.sql_runner`, read and order the models | `sql_runner.run_models` "
        "(tables, and the column comments) | the lake's exports against `raw.exports`: nothing to do | per "
        "partitioned model `delete` + `insert` of the changed member's rows (inputs filtered to that member), the "
        "others rebuilt |",
        "| dbt-duckdb | `dbt parse` (partial parsing warm) | `dbt build` (first run: creates every table) | "
        "`dbt build --vars '{members: []}'` | `dbt build --vars '{members: [M]}'` (delete+insert on the member) |",
        f"| SQLMesh | `sqlmesh info` | `sqlmesh plan --auto-apply` (first plan: state, snapshots, backfill) | "
        f"`sqlmesh run` (nothing due); `plan --auto-apply` with no change: {_cell(sm['noop_plan'])} | "
        "`sqlmesh run` at the next cron tick (`Context.run(execution_time=...)`: the models are due once a day) |",
        "| `linkedin-ssi` today | `linkedin-ssi --version` | `linkedin-ssi build` | `linkedin-ssi ingest` of an "
        "export already loaded | `linkedin-ssi ingest` of the held-back export (load + every model + analysis "
        "+ publish) |",
        "",
        "Before each runner's full build and incremental build the raw layer is refreshed (views over the lake, "
        "the ledgers, the macros: one SQL script applied with the runner's own DuckDB): "
        + ", ".join(f"{k} {v['raw_after']['wall']:.2f} s" for k, v in results.items())
        + " (process wall, imports included), not counted above.",
        "",
        "What adopting each costs:",
        "",
        "| | packages installed (own venv) | size installed | runs on our duckdb 2.x | Prefect integration |",
        "|---|---|---|---|---|",
        "| home-made | none beyond ours | none | yes | the flow's own task (as today) |",
        f"| dbt-duckdb | {facts['dbt']['packages']} | {facts['dbt']['mb']:.0f} MB | yes (pins `duckdb>=1.0.0`) | "
        "`prefect-dbt` (runs dbt commands from Prefect tasks; needs dbt-core in the same environment as Prefect) |",
        f"| SQLMesh | {facts['sqlmesh']['packages']} | {facts['sqlmesh']['mb']:.0f} MB | no: requires `duckdb<2` "
        "(measured with the newest 1.x) | none from Prefect; call `Context.run` / `plan` from a task |",
    ]
    return lines


def write_section(lines: list[str]) -> None:
    """Replace (or append) the section in bench/RESULTS.md, keeping the hand-written recommendation after it."""
    results = BENCH / "RESULTS.md"
    text = results.read_text() if results.exists() else ""
    heading = "\n" + lines[0]
    head, found, rest = text.partition(heading)
    tail = ""
    if found:
        following = rest.find("\n## ", 1)
        keep = rest.find("\n### Recommendation")
        if keep != -1 and (following == -1 or keep < following):
            tail = rest[keep:]
        elif following != -1:
            tail = rest[following:]
    results.write_text(head.rstrip() + "\n\n" + "\n".join(lines) + "\n" + tail)


if __name__ == "__main__":
    sys.exit(main())
