"""The `linkedin-ssi` command line."""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from pathlib import Path

from linkedin_ssi.ingest.pillars import PILLAR_LABELS

from linkedin_ssi.infra.runtime import tune_process
from linkedin_ssi.infra.settings import HOME_ENV

EPILOG_INGEST = """examples:
  linkedin-ssi ingest ~/Downloads/Complete_LinkedInDataExport_10-15-2026.zip
  linkedin-ssi ingest export-alice.zip export-bob/ --home /srv/team-ssi
  linkedin-ssi ingest old_export.zip --member alice-example --json

Each export is read once: the same archive (even renamed, zipped or not) is recognised and skipped.
One odd file never refuses an export: a file whose columns or date format this version does not
recognise is kept whole as text (raw.kept_as_text) and named in a one-line warning; rows that break
a contract are quarantined with a reason (see `linkedin-ssi status`). Every PATH is checked first: a
missing one stops the command before anything is loaded. Then the warehouse, the Parquet files and the
report are published together. Progress (per file, per model, per batch of members tested) goes to stderr;
--json output stays clean.

exit codes: 0 loaded; 1 an export was refused (unreadable or unsafe archive, no LinkedIn file in it);
3 loaded, with a problem named in a `warning:` line: a file kept as text or skipped (`ingest --reload`
types it once a newer version knows its shape), a column not known (its values kept in _unmapped, not
typed: renamed?), or a LinkedIn file of 0 bytes."""

EPILOG_CHECK = """examples:
  linkedin-ssi check ~/Downloads/Complete_LinkedInDataExport_10-15-2026.zip
  linkedin-ssi check export-folder/ --json | jq '.files[] | select(.agrees | not)'

Reads the export exactly as `ingest` would, writes nothing (no home needed), and prints per file:
the era or variant recognised, the records found by an independent count (Python's csv module over
the decoded text; for Comments and SearchQueries, the lines that can start a record), and the rows
the pipeline would load, quarantine or keep as text. Run it before sending an export to a trainer.

exit codes: 0 every count agrees; 1 the export would be refused; 4 a count disagrees (please report it)."""

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
naming the file, line and field; nothing from that file is stored. So does a file without score rows,
and an unknown column ("peopel") in a file that lacks a pillar. A --member that is not yet in the home
is refused as a likely typo (close names are suggested) unless --new-member is given. The warehouse,
the Parquet files and the report are then published again."""

EPILOG_SSI_ADD = """examples:
  linkedin-ssi ssi add --date 2026-10-19 --total 65 --brand 19.4 --people 15.1 --insights 14.9 --relationships 15.6
  linkedin-ssi ssi add --date 2026-10-19 --brand 19 --people 15 --insights 15 --relationships 16 --member avery-example
  linkedin-ssi ssi add --paste            # paste the text of linkedin.com/sales/ssi, then Ctrl-D
  pbpaste | linkedin-ssi ssi add --paste --date 2026-10-19

--paste reads the text copied from https://www.linkedin.com/sales/ssi (select all, copy): the SSI, the
four pillars and the industry and network ranks ("Top 12%"); the date is today unless --date says otherwise.
A --member that is not yet in the home is refused (typos would start a new member) unless --new-member.
The warehouse, the Parquet files and the report are then published again."""

EPILOG_BUILD = """examples:
  linkedin-ssi build
  linkedin-ssi build --home /srv/team-ssi --correction bh

Rebuilds staging, the pillar proxies and the correlation analysis from what is loaded, and publishes
<home>/warehouse/linkedin.duckdb, one Parquet folder per mart in <home>/exports/ and the report
<home>/reports/report.html together (all or none). On a home where nothing is loaded it says so,
publishes empty outputs, says what to load, and exits 0: nothing failed.
Windows, lags, minimum n and the correction come from <home>/settings.toml, section [analysis]."""

EPILOG_FORGET = """examples:
  linkedin-ssi forget --member avery-example              # shows what will be removed, asks [y/N]
  linkedin-ssi forget --member avery-example --yes --json --home /srv/team-ssi

Removes everything of the member from the home: their exports (manifests and every lake file: tables,
quarantine, files kept as text), their recorded SSI scores (a file of theirs alone is removed; a file shared
with other members is rewritten without their rows), and the inbox's archived ZIPs of their exports; then
publishes the warehouse, the Parquet files and the report without them. Not removed: Prefect's run history
(flow-run logs in <home>/prefect), CSV files written with `export --csv`, files in <home>/failed/, and copies
outside the home. A crash part-way is finished by the next command that takes the home's lock (run, ingest,
build, ssi, forget). Loading the same export again afterwards loads it again.

exit codes: 0 forgotten; 1 not a member of the home (the members are listed; nothing touched), the prompt
answered no, or no terminal to ask on and no --yes."""

EPILOG_RUN = """examples:
  linkedin-ssi run                          # an empty home: the bundled sample, in ./data/demo
  linkedin-ssi run --home ~/ssi             # process ~/ssi/inbox, rebuild, publish, report
  linkedin-ssi run ~/Downloads/Basic_LinkedInDataExport_10-02-2026.zip

Ends with a summary: exports loaded, SSI scores recorded, associations found, where the warehouse,
the Parquet files and the report are, and the next step when something is missing (e.g. no SSI
scores yet). Exits non-zero when an export failed (its one-line reason is printed; an inbox file
that can never load goes to <home>/failed/). Progress goes to stderr; --json output stays clean."""

EPILOG_SERVE = """examples:
  linkedin-ssi serve                                  # local server on 127.0.0.1:4200, inbox every 5 min
  linkedin-ssi serve --cron '0 7 * * *' --home ~/ssi   # a daily run at 07:00, plus on every new file
  linkedin-ssi serve --api-url http://127.0.0.1:4200/api

Open the Prefect UI at http://127.0.0.1:4200 (or your --port) to see runs, logs and the load report
artifacts. Each home has its own Prefect database in <home>/prefect (PREFECT_HOME), so the UI lists this
home's runs only; a server of another home already on the port is refused. Nothing is sent over the network."""

EPILOG_EXPORT = """examples:
  linkedin-ssi export --csv ~/ssi-csv                 # one CSV per mart: ssi_scores.csv, pillar_correlations.csv, ...
  linkedin-ssi export --csv ~/ssi-csv --staging       # also every staging table, in ~/ssi-csv/staging/
  linkedin-ssi export --csv /srv/share/ssi --home /srv/team-ssi --json

Reads the published warehouse (run `linkedin-ssi build` or `run` first); files are UTF-8 with a byte-order mark
(Excel opens accented names correctly), timestamps in UTC, readable by you only (0600)."""

EPILOG_SYNTH = """examples:
  linkedin-ssi synth /tmp/team --members 200 --scale 0.25 --seed 7
  linkedin-ssi synth /tmp/heavy --members 1 --scale heavy --seed 1"""

EPILOG_DOCTOR = """examples:
  linkedin-ssi doctor
  linkedin-ssi doctor --home /srv/team-ssi --json"""

EPILOG_COMPACT = """examples:
  linkedin-ssi compact
  linkedin-ssi compact --member avery-example --home /srv/team-ssi

Loads compact a member on their own once a table has more than [scale] compact_after files (default 4).
The files compaction replaces are deleted after the next publish and a grace period, never at once."""

EPILOG_REPORT = """examples:
  linkedin-ssi report
  linkedin-ssi report --home /srv/team-ssi && xdg-open /srv/team-ssi/reports/report.html"""


# Commands that start Prefect (a server, flow runs): they get PREFECT_HOME = <home>/prefect.
PREFECT_COMMANDS = ("run", "serve")


def _home_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--home", help=f"folder for the lake, warehouse and reports (default: ${HOME_ENV} or ./data)")
    p.add_argument("--json", action="store_true", help="print the result as JSON (for scripts)")


def _new_member_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--new-member",
        action="store_true",
        help="--member names a member this home does not have yet (without it, an unknown --member is "
        "refused as a likely typo)",
    )


def _workers_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--workers", type=int, help="exports parsed in parallel processes (default: settings [scale], else 1)"
    )


def _privacy_args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--include-sensitive",
        action="store_true",
        default=None,
        help="also load the résumé text, e-mail addresses, phone numbers and IP addresses "
        "(default: settings [privacy], else not loaded)",
    )
    p.add_argument(
        "--redact",
        action="store_true",
        default=None,
        help="store message bodies, invitation notes and other people's names as keyed hashes, so the "
        "warehouse can be shared (default: settings [privacy], else off)",
    )


def _version() -> str:
    """Return the installed distribution's version (the one in pyproject.toml)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("linkedin-ssi")
    except PackageNotFoundError:  # running from a checkout that was never installed
        return "unknown (not installed)"


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of every sub-command."""
    parser = argparse.ArgumentParser(
        prog="linkedin-ssi",
        description="Load LinkedIn data exports into a DuckDB warehouse and relate your activity to your SSI.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="run `linkedin-ssi COMMAND --help` for the options and an example of each command",
    )
    parser.add_argument("--debug", action="store_true", help="show the full traceback on errors")
    parser.add_argument("--version", action="version", version=f"linkedin-ssi {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser(
        "ingest",
        help="load export ZIPs or folders into the warehouse",
        description="Load LinkedIn 'Get a copy of your data' exports (ZIP, folder, or X.zip/ folder), "
        "then rebuild the warehouse.",
        epilog=EPILOG_INGEST,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="+", metavar="PATH", type=Path, help="export ZIP file or unzipped folder")
    p.add_argument("--member", help="member key to file the export under (default: inferred from the export)")
    _workers_arg(p)
    p.add_argument(
        "--reload",
        action="store_true",
        help="parse exports again even if already loaded (e.g. with --include-sensitive or --redact)",
    )
    _privacy_args(p)
    _home_arg(p)

    p = sub.add_parser(
        "status",
        help="show exports, row accounting and quarantine counts",
        description="Show what is loaded: per member, exports, rows and problems (files kept as "
        "text or skipped); with -v, per file rows read = loaded + quarantined + kept as text, "
        "and per table rows loaded against rows in staging, with why they differ.",
        epilog=EPILOG_STATUS,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--verbose",
        "-v",
        action="store_true",
        help="list every file of every export, and how staging reconciles with what was loaded",
    )
    _home_arg(p)

    p = sub.add_parser(
        "check",
        help="audit an export without loading it: per file, what would be loaded",
        description="Audit one export (ZIP or folder) without a home: what the pipeline would load, "
        "quarantine or keep as text, against an independent record count.",
        epilog=EPILOG_CHECK,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("path", metavar="EXPORT", type=Path, help="export ZIP file or unzipped folder")
    p.add_argument(
        "--include-sensitive",
        action="store_true",
        help="also count the files that hold e-mail addresses, phone numbers, IPs or résumé text",
    )
    p.add_argument("--json", action="store_true", help="print the result as JSON (for scripts)")

    p = sub.add_parser(
        "ssi",
        help="import or add recorded SSI scores",
        description="Recorded SSI scores (LinkedIn does not put them in the export).",
        epilog="examples:\n  linkedin-ssi ssi import my_ssi.csv\n"
        "  linkedin-ssi ssi add --date 2026-10-19 --brand 19 --people 15 --insights 15 "
        "--relationships 16\n  linkedin-ssi ssi add --paste     # the text of linkedin.com/sales/ssi"
        "\n\nrun `linkedin-ssi ssi import --help` or `linkedin-ssi ssi add --help` for more",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ssi = p.add_subparsers(dest="ssi_command", metavar="SSI_COMMAND")
    q = ssi.add_parser(
        "import",
        help="import SSI scores from tracker files",
        epilog=EPILOG_SSI_IMPORT,
        description="Import recorded SSI scores from files, detecting each file's format.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    q.add_argument("files", nargs="+", metavar="FILE", type=Path, help="SSI history file (CSV or JSON)")
    q.add_argument(
        "--member", help="member the scores belong to (default: the file's member column, or the only member loaded)"
    )
    _new_member_arg(q)
    _home_arg(q)
    q = ssi.add_parser(
        "add",
        help="record one SSI observation by hand",
        epilog=EPILOG_SSI_ADD,
        description="Record one SSI observation (as read on linkedin.com/sales/ssi).",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    # Checked by the command, not argparse: the error then says which format to use, in one line.
    q.add_argument("--date", help="day of the score, YYYY-MM-DD (required unless --paste, which defaults to today)")
    q.add_argument(
        "--paste",
        action="store_true",
        help="read the text copied from linkedin.com/sales/ssi on standard input instead of the options below",
    )
    q.add_argument("--total", type=float, help="total SSI 0-100 (default: the sum of the pillars)")
    for pillar, label in PILLAR_LABELS.items():
        q.add_argument(f"--{pillar}", type=float, help=f"{label}, 0-25 (required unless --paste)")
    q.add_argument("--industry-rank", type=float, help="'Top N%%' in your industry: N")
    q.add_argument("--network-rank", type=float, help="'Top N%%' in your network: N")
    q.add_argument("--member", help="member the score belongs to (default: the only member loaded)")
    _new_member_arg(q)
    _home_arg(q)

    p = sub.add_parser(
        "build",
        help="rebuild models, proxies and the correlation analysis",
        description="Rebuild the warehouse and the analysis from what is loaded, every member computed again (runs, "
        "ingest and imports compute only the members whose data changed).",
        epilog=EPILOG_BUILD,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--correction", choices=("holm", "bh"), help="multiple-testing correction (default: settings, else holm)"
    )
    _home_arg(p)

    p = sub.add_parser(
        "compact",
        help="merge each member's lake files into one per table",
        description="Merge each member's per-export lake files into one Parquet file per table, rows and lineage "
        "unchanged (the manifests, the per-export record of what was loaded, stay as they are).",
        epilog=EPILOG_COMPACT,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--member", help="compact this member only (default: every member)")
    _home_arg(p)

    p = sub.add_parser(
        "run",
        help="the main job: inbox, build, analyse, publish, report",
        description="Process the inbox (and any PATHs given), rebuild the warehouse and the analysis, "
        "publish the Parquet files and write the report, as one Prefect flow run. On a home "
        "with no exports and an empty inbox, run on the bundled sample export and sample "
        "SSI scores in <home>/demo, and say so. When nothing is new (an empty inbox, the "
        "outputs up to date) it says so without starting Prefect, and records the run on the "
        "server of this home's `serve`, or in the background.",
        epilog=EPILOG_RUN,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="*", metavar="PATH", type=Path, help="export ZIPs or folders to load as well")
    p.add_argument("--member", help="member key for the exports loaded in this run (default: inferred)")
    _workers_arg(p)
    p.add_argument(
        "--rebuild",
        action="store_true",
        help="run the whole flow and rebuild even when nothing is new (by default a run that finds the inbox "
        "empty and the outputs up to date stops there, in under a second, and records a flow run)",
    )
    p.add_argument(
        "--dask-address",
        help="run the per-export loads and the per-member build on this Dask scheduler, e.g. tcp://10.0.0.5:8786 "
        "(default: settings [scale] dask_address, else local)",
    )
    _privacy_args(p)
    p.add_argument(
        "--settle-seconds",
        type=float,
        default=10.0,
        help="an inbox file modified more recently than this is still being written (default: 10)",
    )
    _home_arg(p)

    p = sub.add_parser(
        "forget",
        help="remove a member's exports, lake files, SSI scores and warehouse rows",
        description="Remove everything of one member from the home (when someone leaves the team), after a "
        "confirmation that shows what will be removed, then publish the warehouse, the Parquet files and the "
        "report without them.",
        epilog=EPILOG_FORGET,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--member", required=True, help="the member key to forget (as `linkedin-ssi status` lists it)")
    p.add_argument("--yes", "-y", action="store_true", help="do not ask for confirmation (needed without a terminal)")
    _home_arg(p)

    p = sub.add_parser(
        "report",
        help="write the HTML report",
        epilog=EPILOG_REPORT,
        description="Write <home>/reports/report.html from the published warehouse: self-contained, works offline.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _home_arg(p)
    p = sub.add_parser(
        "serve",
        help="run the inbox on a schedule and on every new file, until stopped",
        description="Start (or reuse) a local Prefect server on loopback and serve the deployments: an "
        "inbox run on an interval or cron, plus one within seconds of a new file in "
        "<home>/inbox; pipeline and build on demand from the Prefect UI. Stop with one "
        "Ctrl-C or SIGTERM.",
        epilog=EPILOG_SERVE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    when = p.add_mutually_exclusive_group()
    when.add_argument("--interval", type=int, default=300, help="seconds between scheduled inbox runs (default: 300)")
    when.add_argument("--cron", help="cron schedule for inbox runs instead, e.g. '*/15 * * * *'")
    p.add_argument("--api-url", help="use this Prefect server (default: $PREFECT_API_URL, else a local one)")
    p.add_argument("--port", type=int, default=4200, help="port of the local Prefect server and its UI (default: 4200)")
    p.add_argument(
        "--settle-seconds",
        type=float,
        default=10.0,
        help="how long a new inbox file must stay unchanged before it is processed (default: 10)",
    )
    p.add_argument("--no-watch", action="store_true", help="only scheduled runs; do not watch the inbox")
    p.add_argument("--home", help=f"folder for the lake, warehouse and reports (default: ${HOME_ENV} or ./data)")

    p = sub.add_parser(
        "export",
        help="write the warehouse's tables as CSV files for spreadsheets",
        description="Write one CSV file per mart (and with --staging, per staging table) from the "
        "published warehouse, for Excel, LibreOffice or Numbers.",
        epilog=EPILOG_EXPORT,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--csv", required=True, type=Path, metavar="DIR", help="folder to write the CSV files to")
    p.add_argument(
        "--staging",
        action="store_true",
        help="also write the staging tables (one row per record: connections, messages, ...)",
    )
    _home_arg(p)

    p = sub.add_parser(
        "synth",
        help="write realistic synthetic exports and SSI histories (for tests and benchmarks)",
        description="Write invented but realistic LinkedIn exports (mixed eras and quirks) and matching "
        "SSI histories: OUTDIR/<member>/Complete_LinkedInDataExport_*.zip and ssi_scores.csv.",
        epilog=EPILOG_SYNTH,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("outdir", type=Path, metavar="OUTDIR")
    p.add_argument("--members", type=int, default=1, help="how many members (default: 1)")
    p.add_argument(
        "--scale",
        default="1",
        help="'1' = a normal member, '0.25' a quarter of one, 'heavy' = 1M messages, "
        "'heavy:0.5' half of heavy (default: 1)",
    )
    p.add_argument("--seed", type=int, default=1, help="random seed: the same seed writes the same bytes (default: 1)")
    p.add_argument(
        "--months",
        type=int,
        default=1,
        help="write each member's history as this many monthly exports (growing connections and "
        "messages, Invitations' window, some Basic archives), each with its <zip>.counts.json "
        "(default: 1, a single export)",
    )
    p.add_argument("--json", action="store_true", help="print the result as JSON")

    p = sub.add_parser(
        "doctor",
        help="check the environment and the home, and explain what is found",
        description="Check Python, the packages, the home's folders, the lake, the warehouse, the inbox "
        "and Prefect, and explain each finding.",
        epilog=EPILOG_DOCTOR,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _home_arg(p)
    # `--debug` works after the command too (`linkedin-ssi check x.zip --debug`), where people type it.
    for command in sub.choices.values():
        _debug_arg(command)
        for nested in (a for a in command._actions if isinstance(a, argparse._SubParsersAction)):
            for subcommand in nested.choices.values():
                _debug_arg(subcommand)
    return parser


def _debug_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help="show the full traceback on errors")


def _command(name: str):
    from linkedin_ssi.flows import commands

    return getattr(commands, f"cmd_{name}")


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the process exit code."""
    # Exports hold private messages: everything this program writes is readable by the user only.
    os.umask(0o077)
    tune_process()  # before numpy is imported: it reads its thread count then
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    try:
        from linkedin_ssi.flows.prefect_env import configure

        from linkedin_ssi.infra.settings import resolve_home

        # Before Prefect is imported and before any process is started: they all inherit the offline settings,
        # and the commands that run Prefect get the home's own Prefect database.
        configure(resolve_home(args.home) if args.command in PREFECT_COMMANDS else None)
        return _command(args.command)(args)
    except KeyboardInterrupt:
        print(
            "interrupted; nothing half-written is visible (the lake and warehouse are replaced atomically)",
            file=sys.stderr,
        )
        return 130
    except Exception as e:  # one clear line; the traceback only on request
        if args.debug:
            traceback.print_exc()
        from linkedin_ssi.ingest.errors import ExportError

        from linkedin_ssi.infra.settings import SettingsError

        # The user's own files (exports, SSI files, settings): the message says it all, no class name.
        prefix = "error" if isinstance(e, (ExportError, SettingsError)) else f"error ({type(e).__name__})"
        # One line, always: a message that carries a table or a traceback shows only its first line here.
        first = (str(e).strip().splitlines() or [""])[0]
        print(f"{prefix}: {first}" + ("" if args.debug else "  (run with --debug for the traceback)"), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
