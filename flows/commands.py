"""What each `linkedin-ssi` command does: parse nothing, print results, return an exit code."""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import asdict, replace
from pathlib import Path

from linkedin_ssi.flows.progress import Progress, shown

from linkedin_ssi.infra.locking import home_lock
from linkedin_ssi.infra.resources import SAMPLE_EXPORT, SAMPLE_SSI
from linkedin_ssi.infra.settings import load_settings, resolve_home

# Messages and steps for a person, on stderr (bars on a terminal); stdout carries results only.
PROGRESS = Progress()


# Exit code of a load with a problem a person must know (a file kept as text or skipped, a column not typed, a
# 0-byte file), documented in the README and --help.
LOADED_WITH_PROBLEMS_EXIT = 3


def _progress(message: str) -> None:
    PROGRESS.say(message)


def _missing(paths: list[Path]) -> bool:
    """Return True (after one error line per path) when a path does not exist. Checked before any work: a
    typo must not leave half the exports loaded, or an empty warehouse built."""
    missing = [p for p in paths if not p.exists()]
    for path in missing:
        print(f"error: {path}: no such file or folder; nothing was loaded", file=sys.stderr)
    return bool(missing)


def cmd_ingest(args: argparse.Namespace) -> int:
    from linkedin_ssi.flows.job import plan_job, run_job

    if _missing(args.paths):
        return 1
    job = plan_job(
        load_settings(args.home),
        args.paths,
        member=args.member,
        reload=args.reload,
        include_sensitive=args.include_sensitive,
        redact=args.redact,
        workers=args.workers,
    )
    with shown(PROGRESS):  # shown: bars of an export that failed are stopped
        result = run_job(job, say=_progress, on_step=PROGRESS)
    if args.json:
        published = result.published
        print(
            json.dumps(
                {
                    "home": str(job.home),
                    "results": [asdict(x.result) for x in result.loads if x.result],
                    "failures": [{"source": x.source, "error": x.error} for x in result.loads if x.error],
                    "warehouse": str(published.warehouse) if published else None,
                    "report": str(published.report) if published else None,
                },
                indent=1,
            )
        )
    return exit_code(result.failed, result.problems)


def exit_code(failed: bool, problems: list[str]) -> int:
    """Return 1 when an export failed, 3 when every export loaded but with problems (scripts and the inbox can
    tell), else 0."""
    if failed:
        return 1
    return LOADED_WITH_PROBLEMS_EXIT if problems else 0


def cmd_ssi(args: argparse.Namespace) -> int:
    if args.ssi_command is None:  # `linkedin-ssi ssi` alone: no --home was parsed either
        print("usage: linkedin-ssi ssi {import,add} ... (see linkedin-ssi ssi import --help)", file=sys.stderr)
        return 2
    if args.ssi_command == "add":
        from linkedin_ssi.flows.ssi_add import add_date

        try:  # argument mistakes are found before the lock is taken and before anything is read
            args.date = add_date(args)
        except ValueError as e:
            print(f"error: {e}", file=sys.stderr)
            return 2
    from linkedin_ssi.models.params import AnalysisParams

    settings = load_settings(args.home)
    params = AnalysisParams.from_settings(settings)  # a bad setting stops the command before anything is stored
    with home_lock(settings.home, on_wait=_progress):
        return _ssi(args, settings.home, params)


def _ssi(args: argparse.Namespace, home: Path, params) -> int:
    from linkedin_ssi.flows.forget import finish_forget, resume_forget
    from linkedin_ssi.flows.job import outputs_stale, publish_outputs
    from linkedin_ssi.flows.ssi_add import add_rows
    from linkedin_ssi.ingest.errors import ExportError
    from linkedin_ssi.ingest.ssi_store import check_member, import_ssi_file, store_scores

    # A forget a crash cut short is finished first (published without its member), whatever happens next.
    if (forgetting := resume_forget(home, _progress)) is not None:
        publish_outputs(home, params, _progress, PROGRESS)
        finish_forget(home, forgetting)
    try:
        note = check_member(home, args.member, args.new_member)
    except ExportError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    results, failures = [], []
    if args.ssi_command == "import":
        for path in args.files:
            try:
                result = import_ssi_file(home, path, args.member)
            except ExportError as e:
                failures.append({"source": str(path), "error": str(e)})
                print(f"error: {e}", file=sys.stderr)
                continue
            results.append(result)
            for warning in result.warnings:
                _progress(f"warning: {warning}")
            scores = f"{result.rows} score{'' if result.rows == 1 else 's'}"
            _progress(f"{path}: {result.status} ({result.source_format}, {scores} for {', '.join(result.members)})")
    else:
        try:
            rows, source, source_format, total = add_rows(args, _progress)
            result = store_scores(home, rows, source, source_format, [], args.member)
        except ExportError as e:
            print(f"error: {e}", file=sys.stderr)
            return 1
        results.append(result)
        _progress(f"recorded SSI {total:g} on {args.date} for {', '.join(result.members)}")
    if note and results:
        _progress(f"note: {note}")
    # Nothing stored (every file rejected): nothing to publish either.
    published = publish_outputs(home, params, _progress, PROGRESS) if results and outputs_stale(home) else None
    if args.json:
        print(
            json.dumps(
                {
                    "results": [asdict(r) for r in results],
                    "failures": failures,
                    "warehouse": str(published.warehouse) if published else None,
                    "report": str(published.report) if published else None,
                },
                indent=1,
            )
        )
    return 1 if failures else 0


def cmd_build(args: argparse.Namespace) -> int:
    from linkedin_ssi.flows.job import ALWAYS, plan_job, run_job
    from linkedin_ssi.flows.outcome import next_steps
    from linkedin_ssi.presenting.outcome import read_outcome

    job = replace(plan_job(load_settings(args.home), publish=ALWAYS, correction=args.correction), full=True)
    home = job.home
    with shown(PROGRESS):
        published = run_job(job, say=_progress, on_step=PROGRESS).published
    assert published is not None, "a job planned with publish=ALWAYS always publishes"
    outcome = read_outcome(published.warehouse)
    # An empty home still builds (an empty warehouse, and a report that says what to load) and exits 0: nothing
    # failed, and the outputs agree with what is loaded. It says so, with what to do next.
    empty = not outcome.exports and not outcome.scores
    steps = next_steps(outcome, home) if not outcome.exports or not outcome.scores else []
    summary = {
        "warehouse": str(published.warehouse),
        "exports_dir": str(published.exports_dir),
        "report": str(published.report),
        "exports_loaded": published.exports,
        "tables": published.tables,
        "nothing_loaded": empty,
        "outcome": outcome.as_dict(),
        "next_steps": steps,
    }
    if args.json:
        print(json.dumps(summary, indent=1))
    else:
        marts = {k: v for k, v in published.tables.items() if k.startswith("marts.")}
        lines = [f"nothing is loaded in {home}: the warehouse and the report are empty"] if empty else []
        lines += [
            f"warehouse: {published.warehouse}",
            f"Parquet: {published.exports_dir}",
            *(f"  {name}: {rows} rows" for name, rows in marts.items()),
            f"report: {published.report}",
            *(f"next: {step}" for step in steps),
        ]
        print("\n".join(lines))
    return 0


def cmd_compact(args: argparse.Namespace) -> int:
    from linkedin_ssi.flows.job import collect_retired_files
    from linkedin_ssi.ingest.compaction import compact
    from linkedin_ssi.ingest.lake import read_manifests

    home = resolve_home(args.home)
    with home_lock(home, on_wait=_progress):
        if args.member and args.member not in {m["member"] for m in read_manifests(home)}:
            print(f"error: {home}: no export of member {args.member!r} is loaded", file=sys.stderr)
            return 1
        started = time.monotonic()
        done = compact(home, {args.member} if args.member else None)
        seconds = time.monotonic() - started
        collect_retired_files(home)
    if args.json:
        print(json.dumps({"compacted": [asdict(c) for c in done], "seconds": round(seconds, 3)}, indent=1))
    elif not done:
        who = f"member {args.member}" if args.member else "every member"
        print(f"nothing to compact in {home}: {who} has one lake file per table")
    else:
        before, after = sum(c.files_before for c in done), sum(c.files_after for c in done)
        print(
            f"compacted {len(done)} member(s) in {seconds:.1f} s: {before:,} lake files -> {after:,} "
            "(the replaced files are deleted after the next publish and a grace period)"
        )
    return 0


CHECK_DISAGREES_EXIT = 4


def cmd_forget(args: argparse.Namespace) -> int:
    from linkedin_ssi.flows.forget import describe, forget_member
    from linkedin_ssi.models.params import AnalysisParams

    settings = load_settings(args.home)
    home = settings.home
    params = AnalysisParams.from_settings(settings)  # a bad setting stops the command before anything is removed

    def confirm(plan) -> bool:
        """Return True when --yes was given or the person answers y; refuse (one line) when nobody can answer."""
        if args.yes:
            return True
        if not sys.stdin.isatty():
            raise ForgetRefused(
                f"forget: standard input is not a terminal, so nobody can confirm removing {plan.counts()} of "
                f"{plan.member}; pass --yes"
            )
        sys.stderr.write(describe(home, plan) + f"\nforget {plan.member}? [y/N] ")
        sys.stderr.flush()
        return sys.stdin.readline().strip().lower() in ("y", "yes")

    from linkedin_ssi.ingest.errors import ExportError

    try:
        with shown(PROGRESS):
            done = forget_member(home, args.member, params, _progress, confirm, PROGRESS)
    except (ExportError, ForgetRefused) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(done.as_dict(), indent=1))
    elif done.plan is None:
        print(f"nothing removed: {args.member} is still in {home}")
    else:
        print(
            "\n".join(
                [
                    f"forgot {done.plan.member}: removed {done.plan.counts()}",
                    f"warehouse: {done.published.warehouse}" if done.published else "",
                    f"report: {done.published.report}" if done.published else "",
                ]
            ).rstrip()
        )
    return 0 if done.plan is not None else 1


class ForgetRefused(Exception):
    """`forget` without --yes where nobody can answer the prompt; str() says to pass --yes."""


def cmd_check(args: argparse.Namespace) -> int:
    from linkedin_ssi.ingest.audit import check_export, checks_json, format_checks
    from linkedin_ssi.ingest.privacy import PrivacyOptions

    _, checks = check_export(args.path, PrivacyOptions(include_sensitive=args.include_sensitive))
    print(
        json.dumps(checks_json(str(args.path), checks), indent=1)
        if args.json
        else format_checks(str(args.path), checks)
    )
    return 0 if all(c.agrees for c in checks) else CHECK_DISAGREES_EXIT


def cmd_status(args: argparse.Namespace) -> int:
    from linkedin_ssi.flows.status import collect_status, format_status

    status = collect_status(resolve_home(args.home))
    print(json.dumps(status, indent=1) if args.json else format_status(status, args.verbose))
    return 0


def _has_warehouse(home: Path) -> bool:
    """Return True when `home` has a published warehouse; else say how to make one (one error line)."""
    from linkedin_ssi.models.warehouse import warehouse_path

    if warehouse_path(home).exists():
        return True
    from linkedin_ssi.flows.status import demo_beside

    demo = demo_beside(home)
    hint = f" (the demo that `linkedin-ssi run` made is in {demo}: add --home {demo})" if demo else ""
    print(
        f"error: {home}: no warehouse yet; run `linkedin-ssi run` or `linkedin-ssi ingest PATH` first{hint}",
        file=sys.stderr,
    )
    return False


def cmd_report(args: argparse.Namespace) -> int:
    from linkedin_ssi.models.warehouse import warehouse_path
    from linkedin_ssi.presenting.publish import report_path
    from linkedin_ssi.presenting.report import write_report

    home = resolve_home(args.home)
    if not _has_warehouse(home):
        return 1
    path = write_report(warehouse_path(home), report_path(home))
    print(json.dumps({"report": str(path)}) if args.json else f"report: {path}")
    return 0


def _demo_home(home: Path, paths: list[Path]) -> tuple[Path, int]:
    """Return the home to run on and how many exports were loaded into it here: (`home`, 0), or (`<home>/demo`,
    1 the first time) seeded with the bundled sample when `home` has no exports, an empty inbox and no paths
    were given."""
    from linkedin_ssi.ingest.inbox import scan_inbox
    from linkedin_ssi.ingest.lake import has_exports, read_manifests

    scan = scan_inbox(home, settle_seconds=0)
    # A directory listing, not every manifest read: a team's scheduled run has thousands.
    if paths or has_exports(home) or scan.ready or scan.waiting or scan.rejected:
        return home, 0
    # Only now the loader (polars, pandera): a home with exports, the scheduled run's, never needs it here.
    from linkedin_ssi.ingest.load import load_export
    from linkedin_ssi.ingest.ssi_store import import_ssi_file, ssi_files

    demo = home / "demo"
    _progress(
        f"nothing loaded in {home} and its inbox is empty: running on the bundled sample export and sample "
        f"SSI scores in {demo}"
    )
    seeded = 0
    with home_lock(demo, on_wait=_progress):
        if not read_manifests(demo):
            load_export(demo, SAMPLE_EXPORT, on_step=PROGRESS)
            seeded = 1
        if not ssi_files(demo):
            import_ssi_file(demo, SAMPLE_SSI)
    return demo, seeded


def cmd_run(args: argparse.Namespace) -> int:
    from datetime import UTC, datetime

    from linkedin_ssi.flows.job import ALWAYS, nothing_new, plan_job

    if _missing(args.paths):
        return 1
    began = datetime.now(UTC)
    with shown(PROGRESS):
        home, seeded = _demo_home(resolve_home(args.home), args.paths)
    settings = load_settings(home)
    # The flow reads them again in its run; checked here too, so a bad setting stops before Prefect starts.
    plan_job(settings, args.paths, include_sensitive=args.include_sensitive, redact=args.redact, workers=args.workers)
    parameters = {
        "home": str(home),
        "paths": [str(p) for p in args.paths],
        "member": args.member,
        "settle_seconds": args.settle_seconds,
        "include_sensitive": args.include_sensitive,
        "redact": args.redact,
        "workers": args.workers,
        "publish": ALWAYS,
    }
    # A scheduled run usually finds nothing new: it is answered before Prefect is imported (README, "Running it").
    scan = None if seeded or args.rebuild else nothing_new(home, args.paths, args.settle_seconds)
    if scan is not None:
        return _run_nothing_new(args, home, scan, parameters, began)
    from linkedin_ssi.flows.prefect_env import api_url, use_server
    from linkedin_ssi.flows.serve_state import serving_api

    serving = None if api_url() else serving_api(home)
    if serving:  # this home's `serve` is running: its server records the run, no temporary one is started
        use_server(serving)
        _progress(f"using the Prefect server of this home's serve at {serving.removesuffix('/api')}")
    else:
        _progress(
            "starting Prefect (a temporary local server: about 10 s, 15 s the first time in a home; set "
            "PREFECT_API_URL to use a running one)"
        )
    started = time.monotonic()
    from linkedin_ssi.flows.pipeline import on_dask

    flow = on_dask(args.dask_address or settings.scale.dask_address)
    with shown(PROGRESS):  # the job's lines (each export, error, warning, the build) go to stderr as they happen
        result = flow(**parameters)
    return _run_summary(args, home, result, seeded, started)


def _run_nothing_new(args: argparse.Namespace, home: Path, scan, parameters: dict, began) -> int:
    """Say that `run` found nothing new, record it as a completed flow run (flows.record_run: at once on the
    server of this home's `serve`, else in the background), print the usual summary; return 0."""
    from linkedin_ssi.flows.job import FLOW_NAME, NOTHING_NEW, waiting_line
    from linkedin_ssi.flows.record_run import new_record, record
    from linkedin_ssi.models.published import warehouse_path
    from linkedin_ssi.presenting.publish import report_path

    started = time.monotonic()
    waiting = [(path.name, why) for path, why in scan.waiting]
    for name, why in waiting:
        _progress(waiting_line(name, why))
    _progress(NOTHING_NEW)
    inbox = {"to_load": [], "waiting": waiting, "failed": [], "duplicates": []}
    _progress(record(home, new_record(FLOW_NAME, parameters, NOTHING_NEW, began, inbox)))
    result = {
        "warehouse": str(warehouse_path(home)),
        "exports_dir": str(home / "exports"),
        "report": str(report_path(home)),
        "loads": [],
        "inbox": inbox,
        "problems": [],
        "failed": False,
    }
    return _run_summary(args, home, result, 0, started, nothing_new=True)


def _run_summary(
    args: argparse.Namespace, home: Path, result: dict, seeded: int, started: float, nothing_new: bool = False
) -> int:
    """Print what a `run` did (its flow's `result`) and what to do next, or the same as JSON; return its exit
    code."""
    from linkedin_ssi.flows.outcome import next_steps, summary_lines
    from linkedin_ssi.presenting.outcome import read_outcome

    outcome = read_outcome(Path(result["warehouse"]))
    loaded_now = seeded + sum(r["status"] == "loaded" for r in result["loads"])
    steps = next_steps(outcome, home, Path(result["report"]))
    summary = {
        "home": str(home),
        "warehouse": result["warehouse"],
        "exports_dir": result["exports_dir"],
        "report": result["report"],
        "loads": result["loads"],
        "inbox": result["inbox"],
        "nothing_new": nothing_new,
        "outcome": outcome.as_dict() | {"exports_loaded_now": loaded_now},
        "next_steps": steps,
        "seconds": round(time.monotonic() - started, 1),
    }
    if args.json:
        from linkedin_ssi.flows.status import collect_status

        print(json.dumps(summary | {"status": collect_status(home)}, indent=1, default=str))
    else:
        print(
            "\n".join(
                [
                    f"done in {summary['seconds']} s",
                    *summary_lines(outcome, loaded_now),
                    *(f"problem: {problem}" for problem in result["problems"]),
                    f"warehouse: {result['warehouse']}",
                    f"Parquet for notebooks: {result['exports_dir']}",
                    f"report: {result['report']}",
                    *(f"next: {step}" for step in steps),
                ]
            )
        )
    return exit_code(result["failed"], result["problems"])


def cmd_export(args: argparse.Namespace) -> int:
    from linkedin_ssi.models.warehouse import warehouse_path
    from linkedin_ssi.presenting.csv_export import SPREADSHEET_ROWS, export_csv

    home = resolve_home(args.home)
    if not _has_warehouse(home):
        return 1
    files = export_csv(warehouse_path(home), args.csv.expanduser(), args.staging)
    if args.json:
        print(json.dumps({"dir": str(args.csv), "files": [asdict(f) for f in files]}, indent=1))
    else:
        for f in files:
            print(f"{f.path}: {f.rows:,} rows")
    for f in files:
        if f.rows > SPREADSHEET_ROWS:
            _progress(f"warning: {f.path}: {f.rows:,} rows; spreadsheets open only the first {SPREADSHEET_ROWS:,}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from linkedin_ssi.flows.serve import serve
    from linkedin_ssi.models.params import AnalysisParams

    settings = load_settings(args.home)
    AnalysisParams.from_settings(settings)  # a bad setting stops serve at start, not each of its runs
    return serve(
        settings, args.interval, args.cron, args.api_url, args.port, args.settle_seconds, not args.no_watch, _progress
    )


def cmd_doctor(args: argparse.Namespace) -> int:
    from linkedin_ssi.flows.doctor import run_checks

    home = resolve_home(args.home)
    checks = run_checks(home)
    if args.json:
        print(json.dumps({"home": str(home), "checks": [asdict(c) for c in checks]}, indent=1))
    else:
        marks = {"ok": "ok  ", "warn": "WARN", "fail": "FAIL", "info": "info"}
        for c in checks:
            print(f"[{marks[c.level]}] {c.name}: {c.finding}")
            if c.advice:
                print(f"       -> {c.advice}")
    return 1 if any(c.level == "fail" for c in checks) else 0


def cmd_synth(args: argparse.Namespace) -> int:
    from linkedin_ssi.synthetic.synth import write_synthetic

    started = time.monotonic()
    zips = write_synthetic(args.outdir, args.members, args.scale, args.seed, progress=_progress, months=args.months)
    summary = {
        "outdir": str(args.outdir),
        "exports": [str(z) for z in zips],
        "ssi_files": [str(z.parent / "ssi_scores.csv") for z in dict.fromkeys(z.parent for z in zips)],
        "seconds": round(time.monotonic() - started, 1),
    }
    if args.json:
        print(json.dumps(summary, indent=1))
    else:
        print(
            f"wrote {len(zips)} export(s) and SSI histories under {args.outdir} ({summary['seconds']} s); "
            "load them with\n"
            f"  linkedin-ssi ingest {args.outdir}/*/*.zip && for f in {args.outdir}/*/ssi_scores.csv; do "
            f'linkedin-ssi ssi import "$f"; done'
        )
    return 0
