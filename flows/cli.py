"""The `linkedin-ssi` command line."""

from __future__ import annotations

import argparse
import json
import sys
import time
import traceback
from dataclasses import asdict
from datetime import date
from pathlib import Path

from flows.settings import HOME_ENV, SAMPLE_EXPORT, SAMPLE_SSI, load_params, resolve_home

EPILOG_INGEST = """examples:
  linkedin-ssi ingest ~/Downloads/Complete_LinkedInDataExport_10-15-2026.zip
  linkedin-ssi ingest export-alice.zip export-bob/ --home /srv/team-ssi
  linkedin-ssi ingest old_export.zip --member alice-example --json

Each export is read once: the same archive (even renamed, zipped or not) is recognised and skipped.
A file LinkedIn's format does not explain stops that export with a one-line error; rows that break
a contract are quarantined with a reason (see `linkedin-ssi status`)."""

EPILOG_STATUS = """examples:
  linkedin-ssi status
  linkedin-ssi status --home /srv/team-ssi --json | jq '.members[].exports[].rows_quarantined'"""

EPILOG_SSI_IMPORT = """examples:
  linkedin-ssi ssi import my_ssi.csv
  linkedin-ssi ssi import socialedge_2026-10-01.json --member avery-example
  linkedin-ssi ssi import ssi_2026-05-19.csv salesApiSsi-capture.json

Formats are detected from the content: a plain CSV (date,total,brand,people,insights,relationships
[,industry_rank,network_rank,member]), LinkedIn's salesApiSsi JSON, the SocialEdge export, the link_ssi
CSV, and the Portuguese long CSV (linkedin-ssi-data). A bad row rejects the whole file with one line
naming the file, line and field; nothing from that file is stored."""

EPILOG_SSI_ADD = """examples:
  linkedin-ssi ssi add --date 2026-10-19 --total 65 --brand 19.4 --people 15.1 --insights 14.9 --relationships 15.6
  linkedin-ssi ssi add --date 2026-10-19 --brand 19 --people 15 --insights 15 --relationships 16 --member avery-example"""

EPILOG_BUILD = """examples:
  linkedin-ssi build
  linkedin-ssi build --home /srv/team-ssi --correction bh

Rebuilds staging, the pillar proxies and the correlation analysis from what is loaded, publishes
<home>/warehouse/linkedin.duckdb atomically and one Parquet file per mart in <home>/exports/.
Windows, lags, minimum n and the correction come from <home>/settings.toml, section [analysis]."""

EPILOG_RUN = """examples:
  linkedin-ssi run                 # loads the bundled sample export into ./data/demo
  linkedin-ssi run --home ~/ssi    # builds the warehouse of an existing home"""


def _home_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--home", help=f"folder for the lake, warehouse and reports (default: ${HOME_ENV} or ./data)")
    p.add_argument("--json", action="store_true", help="print the result as JSON (for scripts)")


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of every sub-command."""
    parser = argparse.ArgumentParser(
        prog="linkedin-ssi",
        description="Load LinkedIn data exports into a DuckDB warehouse and relate your activity to your SSI.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="run `linkedin-ssi COMMAND --help` for the options and an example of each command",
    )
    parser.add_argument("--debug", action="store_true", help="show the full traceback on errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("ingest", help="load export ZIPs or folders into the warehouse",
                       description="Load LinkedIn 'Get a copy of your data' exports (ZIP, folder, or X.zip/ folder), "
                                   "then rebuild the warehouse.",
                       epilog=EPILOG_INGEST, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="+", metavar="PATH", type=Path, help="export ZIP file or unzipped folder")
    p.add_argument("--member", help="member key to file the export under (default: inferred from the export)")
    _home_arg(p)

    p = sub.add_parser("status", help="show exports, row accounting and quarantine counts",
                       description="Show what is loaded: exports per member, and per file rows read = loaded + quarantined.",
                       epilog=EPILOG_STATUS, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--verbose", "-v", action="store_true", help="also list files that were ignored")
    _home_arg(p)

    p = sub.add_parser("ssi", help="import or add recorded SSI scores",
                       description="Recorded SSI scores (LinkedIn does not put them in the export).",
                       epilog="examples:\n  linkedin-ssi ssi import my_ssi.csv\n"
                              "  linkedin-ssi ssi add --date 2026-10-19 --brand 19 --people 15 --insights 15 "
                              "--relationships 16\n\nrun `linkedin-ssi ssi import --help` or `linkedin-ssi ssi add --help` for more",
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    ssi = p.add_subparsers(dest="ssi_command", metavar="SSI_COMMAND")
    q = ssi.add_parser("import", help="import SSI scores from tracker files", epilog=EPILOG_SSI_IMPORT,
                       description="Import recorded SSI scores from files, detecting each file's format.",
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    q.add_argument("files", nargs="+", metavar="FILE", type=Path, help="SSI history file (CSV or JSON)")
    q.add_argument("--member", help="member the scores belong to (default: the file's member column, or the only member loaded)")
    _home_arg(q)
    q = ssi.add_parser("add", help="record one SSI observation by hand", epilog=EPILOG_SSI_ADD,
                       description="Record one SSI observation (as read on linkedin.com/sales/ssi).",
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    q.add_argument("--date", required=True, type=date.fromisoformat, help="day of the score, YYYY-MM-DD")
    q.add_argument("--total", type=float, help="total SSI 0-100 (default: the sum of the pillars)")
    for pillar, label in (("brand", "Establish your professional brand"), ("people", "Find the right people"),
                          ("insights", "Engage with insights"), ("relationships", "Build relationships")):
        q.add_argument(f"--{pillar}", type=float, required=True, help=f"{label}, 0-25")
    q.add_argument("--industry-rank", type=float, help="'Top N%%' in your industry: N")
    q.add_argument("--network-rank", type=float, help="'Top N%%' in your network: N")
    q.add_argument("--member", help="member the score belongs to (default: the only member loaded)")
    _home_arg(q)

    p = sub.add_parser("build", help="rebuild models, proxies and the correlation analysis",
                       description="Rebuild the warehouse and the analysis from what is loaded.",
                       epilog=EPILOG_BUILD, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--correction", choices=("holm", "bh"), help="multiple-testing correction (default: settings, else holm)")
    _home_arg(p)

    p = sub.add_parser("run", help="the main job: load, build, and say where the results are",
                       description="Build the warehouse from what is loaded. On a home with nothing loaded, load the "
                                   "bundled sample export into <home>/demo first, and say so.",
                       epilog=EPILOG_RUN, formatter_class=argparse.RawDescriptionHelpFormatter)
    _home_arg(p)
    return parser


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def cmd_ingest(args: argparse.Namespace) -> int:
    from ingest.errors import ExportError
    from ingest.load import load_export
    from models.warehouse import build_warehouse

    home = resolve_home(args.home)
    results, failures = [], []
    for i, path in enumerate(args.paths, start=1):
        started = time.monotonic()
        _progress(f"[{i}/{len(args.paths)}] reading {path} ...")
        try:
            result = load_export(home, path, args.member)
        except ExportError as e:
            failures.append({"source": str(path), "error": str(e)})
            print(f"error: {e}", file=sys.stderr)
            continue
        results.append(result)
        if result.status == "already loaded":
            _progress(f"[{i}/{len(args.paths)}] {path}: already loaded as export {result.export_id}; nothing to do")
        else:
            _progress(f"[{i}/{len(args.paths)}] {path}: export {result.export_id} of {result.member}: "
                      f"{result.files} files, {result.rows_loaded} rows loaded, {result.rows_quarantined} quarantined "
                      f"({time.monotonic() - started:.1f} s)")
    built = None
    if any(r.status == "loaded" for r in results) or (results and not (home / "warehouse").exists()):
        built = _build(home)
    if args.json:
        print(json.dumps({"home": str(home), "results": [asdict(r) for r in results], "failures": failures,
                          "warehouse": str(built.path) if built else None}, indent=1))
    return 1 if failures else 0


def _build(home: Path, correction: str | None = None):
    from models.warehouse import build_warehouse

    params = load_params(home, {"correction": correction})
    _progress("building the warehouse, proxies and correlations ...")
    started = time.monotonic()
    built = build_warehouse(home, params)
    _progress(f"warehouse: {built.path} ({time.monotonic() - started:.1f} s)")
    return built


def cmd_ssi(args: argparse.Namespace) -> int:
    from ingest.errors import ExportError
    from models.ssi_store import import_ssi_file, store_scores

    home = resolve_home(args.home)
    if args.ssi_command is None:
        print("usage: linkedin-ssi ssi {import,add} ... (see linkedin-ssi ssi import --help)", file=sys.stderr)
        return 2
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
            _progress(f"{path}: {result.status} ({result.source_format}, {result.rows} scores for "
                      f"{', '.join(result.members)})")
    else:
        from ingest.ssi_formats import manual_row

        pillars = [args.brand, args.people, args.insights, args.relationships]
        total = args.total if args.total is not None else round(sum(pillars), 2)
        try:
            rows = manual_row(args.date, total, *pillars, member=args.member, industry_rank=args.industry_rank,
                              network_rank=args.network_rank)
            result = store_scores(home, rows, "manual entry", "manual", [], args.member)
        except ExportError as e:
            print(f"error: {e}", file=sys.stderr)
            return 1
        results.append(result)
        _progress(f"recorded SSI {total} on {args.date} for {', '.join(result.members)}")
    built = _build(home) if any(r.status == "imported" for r in results) else None
    if args.json:
        print(json.dumps({"results": [asdict(r) for r in results], "failures": failures,
                          "warehouse": str(built.path) if built else None}, indent=1))
    return 1 if failures else 0


def cmd_build(args: argparse.Namespace) -> int:
    home = resolve_home(args.home)
    built = _build(home, args.correction)
    summary = {"warehouse": str(built.path), "exports_dir": str(home / "exports"), "exports_loaded": built.exports,
               "tables": built.tables}
    if args.json:
        print(json.dumps(summary, indent=1))
    else:
        marts = {k: v for k, v in built.tables.items() if k.startswith("marts.")}
        print(f"warehouse: {built.path}\nParquet: {home / 'exports'}\n" +
              "\n".join(f"  {name}: {rows} rows" for name, rows in marts.items()))
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from flows.status import collect_status, format_status

    status = collect_status(resolve_home(args.home))
    print(json.dumps(status, indent=1) if args.json else format_status(status, args.verbose))
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from flows.status import collect_status, format_status
    from ingest.load import load_export
    from models.lake import read_manifests
    from models.ssi_store import import_ssi_file, ssi_files

    home = resolve_home(args.home)
    if not read_manifests(home):
        home = home / "demo"
        _progress(f"nothing loaded in {home.parent}: running on the bundled sample export and sample SSI scores "
                  f"in {home}")
        if not read_manifests(home):
            load_export(home, SAMPLE_EXPORT)
        if not ssi_files(home):
            import_ssi_file(home, SAMPLE_SSI)
    built = _build(home)
    status = collect_status(home)
    if args.json:
        print(json.dumps(status | {"exports_dir": str(home / "exports")}, indent=1))
    else:
        print(format_status(status))
        print(f"\nwarehouse: {built.path}\nParquet for notebooks: {home / 'exports'}\nlake: {home / 'lake'}")
    return 0


COMMANDS = {"ingest": cmd_ingest, "status": cmd_status, "run": cmd_run, "ssi": cmd_ssi, "build": cmd_build}


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the process exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    try:
        return COMMANDS[args.command](args)
    except KeyboardInterrupt:
        print("interrupted; nothing half-written is visible (the lake and warehouse are replaced atomically)",
              file=sys.stderr)
        return 130
    except Exception as e:  # one clear line; the traceback only on request
        if args.debug:
            traceback.print_exc()
        from ingest.errors import ExportError

        prefix = "error" if isinstance(e, ExportError) else f"error ({type(e).__name__})"
        print(f"{prefix}: {e}" + ("" if args.debug else "  (run with --debug for the traceback)"), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
