"""The `linkedin-ssi` command line."""

from __future__ import annotations

import argparse
import json
import sys
import time
import traceback
from dataclasses import asdict
from pathlib import Path

from flows.settings import HOME_ENV, SAMPLE_EXPORT, resolve_home

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
        _progress("building the warehouse ...")
        built = build_warehouse(home)
        _progress(f"warehouse: {built.path}")
    if args.json:
        print(json.dumps({"home": str(home), "results": [asdict(r) for r in results], "failures": failures,
                          "warehouse": str(built.path) if built else None}, indent=1))
    return 1 if failures else 0


def cmd_status(args: argparse.Namespace) -> int:
    from flows.status import collect_status, format_status

    status = collect_status(resolve_home(args.home))
    print(json.dumps(status, indent=1) if args.json else format_status(status, args.verbose))
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from flows.status import collect_status, format_status
    from ingest.load import load_export
    from models.lake import read_manifests
    from models.warehouse import build_warehouse

    home = resolve_home(args.home)
    if not read_manifests(home):
        home = home / "demo"
        _progress(f"nothing loaded in {home.parent}: running on the bundled sample export in {home}")
        if not read_manifests(home):
            load_export(home, SAMPLE_EXPORT)
    _progress("building the warehouse ...")
    built = build_warehouse(home)
    status = collect_status(home)
    if args.json:
        print(json.dumps(status, indent=1))
    else:
        print(format_status(status))
        print(f"\nwarehouse: {built.path}\nlake (Parquet): {home / 'lake'}")
    return 0


COMMANDS = {"ingest": cmd_ingest, "status": cmd_status, "run": cmd_run}


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
