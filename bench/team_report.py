"""A team's report benchmark: what the HTML report costs when one member of a team sends a new export.

    .venv/bin/python bench/team_report.py                     # 60 members x 3 months at scale 0.05, with SSI
    .venv/bin/python bench/team_report.py --members 200 --repeat 1

Synthesises a team (`linkedin-ssi synth --members N --months M --scale S`, cached in bench/.cache/), loads every
export but the first member's newest and every member's SSI history, and publishes once (cached too). Then, side by
side in one run, `--repeat` times, each in a fresh process on a copy of that home:

- incremental publish (this checkout): load the held-back export and `publish` the home; the report step (from the
  last Parquet file written to the report written, as `publish`'s progress reports it) renders the index and the
  changed member's page;
- after, every page (this checkout): `write_report` of the resulting warehouse from nothing (what `linkedin-ssi
  report` and a full build do): the team's index and every member's page;
- before (`--baseline`, a git revision: the presenting layer as it was): `write_report` of the same warehouse, the
  one page holding every member, as every publish wrote it.

Prints the medians (wall and CPU seconds, the files and their size) and the ratios; no RESULTS.md section is
written (the figures go in the README's report section by hand).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from small_exports import CACHE, REPO, baseline_tree, run_child

SETUP = """
import json, sys
from pathlib import Path
from linkedin_ssi.ingest.load import load_export
from linkedin_ssi.ingest.ssi_store import import_ssi_file
from linkedin_ssi.presenting.publish import publish
home, exports, held = Path(sys.argv[1]), json.loads(Path(sys.argv[2]).read_text()), sys.argv[3]
for member, zips in exports.items():
    for z in zips:
        if z != held:
            load_export(home, Path(z))
    import_ssi_file(home, Path(zips[0]).parent / "ssi_scores.csv", member)
published = publish(home)
print(json.dumps({"members": len(published.members_built)}))
"""

INCREMENTAL = """
import json, sys, time
from pathlib import Path
from linkedin_ssi.ingest.load import load_export
from linkedin_ssi.presenting.publish import publish
home, held = Path(sys.argv[1]), Path(sys.argv[2])
load_export(home, held)
marks = {}
def on_step(stage, done, total, item):
    marks[stage] = time.perf_counter()
started = time.perf_counter()
published = publish(home, on_step=on_step)
print(json.dumps({"publish": time.perf_counter() - started,
                  "report": marks["writing the report"] - marks["writing Parquet"],
                  "built": published.members_built, "incremental": published.incremental}))
"""

WRITE = """
import json, resource, sys, time
from pathlib import Path
from linkedin_ssi.presenting.report import write_report
ready = resource.getrusage(resource.RUSAGE_SELF)
started = time.perf_counter()
target = write_report(Path(sys.argv[1]), Path(sys.argv[2]))
files = [p for p in target.parent.rglob("*.html")]
print(json.dumps({"seconds": time.perf_counter() - started, "files": len(files),
                  "mb": sum(p.stat().st_size for p in files) / 1e6, "index_mb": target.stat().st_size / 1e6,
                  "startup_cpu": ready.ru_utime + ready.ru_stime}))
"""


def team_exports(members: int, months: int, scale: str, seed: int) -> dict[str, list[str]]:
    """Return {member: its exports, oldest first}, written into the cache unless already there."""
    folder = CACHE / f"team-report-{members}x{months}-{scale}-{seed}"
    listing = folder / "exports.json"
    if not listing.exists():
        shutil.rmtree(folder, ignore_errors=True)
        out = folder / "team"
        cli = [str(Path(sys.executable).parent / "linkedin-ssi"), "synth", str(out), "--members", str(members)]
        cli += ["--months", str(months), "--scale", scale, "--seed", str(seed), "--json"]
        subprocess.run(cli, check=True, capture_output=True, cwd=REPO)
        day = lambda p: json.loads(p.with_suffix(".counts.json").read_text())["export_day"]  # noqa: E731
        team: dict[str, list[Path]] = {}
        for z in out.glob("*/*.zip"):
            team.setdefault(z.parent.name, []).append(z)
        listing.write_text(json.dumps({m: [str(z) for z in sorted(zs, key=day)] for m, zs in sorted(team.items())}))
    return json.loads(listing.read_text())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=60)
    parser.add_argument("--months", type=int, default=3)
    parser.add_argument("--scale", default="0.05")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--baseline", default="8f0ff74", help="git revision of the 'before' report (default: before the team's pages)"
    )
    args = parser.parse_args()

    exports = team_exports(args.members, args.months, args.scale, args.seed)
    held = exports[sorted(exports)[0]][-1]
    # The build record names the home's folder (a home moved elsewhere is rebuilt in full): every run restores the
    # published team into the same folder it was built in.
    folder = CACHE / f"team-report-{args.members}x{args.months}-{args.scale}-{args.seed}"
    home, saved = folder / "home", folder / "home.saved"
    if not saved.is_dir():
        shutil.rmtree(home, ignore_errors=True)
        with tempfile.NamedTemporaryFile("w", suffix=".json") as listing:
            listing.write(json.dumps(exports))
            listing.flush()
            print(f"setting up the team's home in {home} ...", file=sys.stderr)
            run_child(SETUP, [str(home), listing.name, held])
        shutil.copytree(home, saved, symlinks=True)
    before_tree = baseline_tree(args.baseline)
    # The package tree links the .py files only: the report's templates are package data.
    templates = before_tree / "linkedin_ssi" / "presenting" / "templates"
    if not templates.exists():
        templates.symlink_to(before_tree.parent / "presenting" / "templates")

    rows: dict[str, list[dict]] = {"incremental": [], "after": [], "before": []}
    for n in range(args.repeat):
        with tempfile.TemporaryDirectory(dir=CACHE) as tmp:
            shutil.rmtree(home, ignore_errors=True)
            shutil.copytree(saved, home, symlinks=True)
            inc = run_child(INCREMENTAL, [str(home), held])
            assert inc["incremental"] and len(inc["built"]) == 1, inc
            rows["incremental"].append(inc)
            warehouse = str(home / "warehouse" / "linkedin.duckdb")
            # Alternate the order, so neither always runs on a warmer cache.
            order = [("after", None), ("before", before_tree)]
            for name, tree in order if n % 2 == 0 else order[::-1]:
                rows[name].append(run_child(WRITE, [warehouse, str(Path(tmp) / name / "report.html")], tree))
            print(f"run {n + 1}/{args.repeat} done", file=sys.stderr)

    def med(name: str, key: str) -> float:
        return statistics.median(r[key] for r in rows[name])

    before, after, report = med("before", "seconds"), med("after", "seconds"), med("incremental", "report")
    lines = [
        f"A team's report: {args.members} members x {args.months} months at scale {args.scale} with SSI histories "
        f"(median of {args.repeat}, side by side; before: {args.baseline})",
        f"- incremental publish of one member's new export: publish {med('incremental', 'publish'):.2f} s wall, "
        f"of which the report step {report:.2f} s (the index and 1 member's page)",
        f"- after, every page (`linkedin-ssi report`, a full build): {after:.2f} s wall, "
        f"{med('after', 'cpu') - med('after', 'startup_cpu'):.2f} s CPU; {rows['after'][0]['files']} files, "
        f"{med('after', 'mb'):.1f} MB (index {med('after', 'index_mb'):.2f} MB); "
        f"peak RSS {med('after', 'peak_mb'):.0f} MB",
        f"- before, the one page of every member: {before:.2f} s wall, "
        f"{med('before', 'cpu') - med('before', 'startup_cpu'):.2f} s CPU; {med('before', 'mb'):.1f} MB; "
        f"peak RSS {med('before', 'peak_mb'):.0f} MB",
        f"- before / incremental report step: {before / report:.1f}x; before / after every page: {before / after:.2f}x",
    ]
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
