"""What is loaded: exports per member, row accounting, problems, and (with -v) why staging differs from raw."""

from __future__ import annotations

from pathlib import Path

import duckdb
from linkedin_ssi.ingest.lake import read_manifests
from linkedin_ssi.ingest.ssi_store import count_captures, ssi_files
from linkedin_ssi.models.reconciliation import staging_reconciliation
from linkedin_ssi.models.warehouse import warehouse_path

_FILE_KEYS = (
    "file",
    "table",
    "status",
    "rows_read",
    "rows_loaded",
    "rows_quarantined",
    "rows_kept_as_text",
    "reason",
    "problems",
    "warnings",
)


def _problems(files: list[dict]) -> list[str]:
    """Return the problems of an export's files, as `ingest` printed them (older manifests have no `problems`)."""
    return [
        *(
            f"{f['file']}: {f['status'].replace('_', ' ')}: {f.get('reason')}"
            for f in files
            if f["status"] in ("kept_as_text", "skipped")
        ),
        *(f"{f['file']}: {p}" for f in files for p in f.get("problems") or []),
    ]


def collect_status(home: Path) -> dict:
    """Return the status of a home as a JSON-ready dict (read from the lake's manifests and the warehouse)."""
    manifests = read_manifests(home)
    members: dict[str, dict] = {}
    for m in manifests:
        files = [{k: f.get(k, 0 if k.startswith("rows_") else None) for k in _FILE_KEYS} for f in m["files"]]
        counted = [f for f in files if f["status"] != "ignored"]
        entry = {
            "export_id": m["export_id"],
            "exported_at": m["exported_at"],
            "source_name": m["source_name"],
            **{
                k: sum(f[k] for f in counted)
                for k in ("rows_read", "rows_loaded", "rows_quarantined", "rows_kept_as_text")
            },
            "problems": _problems(files),
            "files": files,
        }
        member = members.setdefault(
            m["member"],
            {"member": m["member"], "name": m["member_name"], "profile_url": m["member_profile_url"], "exports": []},
        )
        member["exports"].append(entry)
    for member in members.values():
        for k in ("rows_loaded", "rows_quarantined", "rows_kept_as_text"):
            member[k] = sum(e[k] for e in member["exports"])
    ssi = ssi_files(home)
    captures = count_captures(ssi)
    wh = warehouse_path(home)
    exports = [e for m in members.values() for e in m["exports"]]
    return {
        "ssi_imports": len(ssi),
        "ssi_captures": captures,
        "home": str(home),
        "warehouse": str(wh) if wh.exists() else None,
        "exports": len(manifests),
        "members": list(members.values()),
        **{
            k: sum(e[k] for e in exports) for k in ("rows_read", "rows_loaded", "rows_quarantined", "rows_kept_as_text")
        },
        "demo": str(demo) if (demo := demo_beside(home)) else None,
        **_staging(wh),
    }


def demo_beside(home: Path) -> Path | None:
    """Return `<home>/demo` when `linkedin-ssi run` built the bundled demo there (an empty home's run does), else
    None: a new user's next commands on the default home should find it."""
    from linkedin_ssi.models.warehouse import warehouse_path

    demo = Path(home) / "demo"
    return demo if warehouse_path(demo).exists() else None


def _staging(warehouse: Path) -> dict:
    """Return {'staging': reconciliation rows, 'warehouse_problem': None or one line}."""
    if not warehouse.exists():
        return {"staging": [], "warehouse_problem": None}
    try:
        return {"staging": staging_reconciliation(warehouse), "warehouse_problem": None}
    except duckdb.Error:  # e.g. a moved home: the raw views point at the old lake path
        return {
            "staging": [],
            "warehouse_problem": "the warehouse cannot read the lake (was the home moved?): run "
            "`linkedin-ssi build` (`linkedin-ssi doctor` explains)",
        }


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def format_status(status: dict, verbose: bool = False) -> str:
    """Return the status as text for a terminal: per member, exports, rows and problems; with `verbose`,
    every file of every export and how staging reconciles with what was loaded."""
    lines = [
        f"home: {status['home']}",
        f"warehouse: {status['warehouse'] or '(not built yet)'}"
        + (f" — {status['warehouse_problem']}" if status.get("warehouse_problem") else ""),
        f"exports loaded: {status['exports']} for {len(status['members'])} member(s)",
        f"SSI scores: {status['ssi_captures']} capture(s) from {status['ssi_imports']} import(s)"
        + ("" if status["ssi_captures"] else " — add them with `linkedin-ssi ssi import FILE`"),
    ]
    if not status["exports"]:
        lines.append("nothing loaded yet: run `linkedin-ssi ingest PATH` with a LinkedIn export ZIP or folder")
        if status["demo"]:
            lines.append(
                f"the demo that `linkedin-ssi run` made is in {status['demo']}: "
                f"linkedin-ssi status --home {status['demo']}"
            )
    for member in status["members"]:
        problems = [(e["source_name"], p) for e in member["exports"] for p in e["problems"]]
        lines.append(
            f"\nmember {member['member']} ({member['name'] or 'name unknown'}): "
            f"{_plural(len(member['exports']), 'export')}, {member['rows_loaded']:,} rows loaded, "
            f"{member['rows_quarantined']:,} quarantined, {_plural(len(problems), 'problem')}"
        )
        for source, problem in problems:
            lines.append(f"  {source}: {problem}")
        if not verbose:
            continue
        for e in member["exports"]:
            kept = f" + {e['rows_kept_as_text']} kept as text" if e["rows_kept_as_text"] else ""
            lines.append(
                f"  export {e['source_name']} ({e['export_id']}) made {e['exported_at'] or '?'}: "
                f"{e['rows_read']} read = {e['rows_loaded']} loaded + {e['rows_quarantined']} quarantined{kept}"
            )
            for f in e["files"]:
                flag = "  <-- quarantined rows" if f["rows_quarantined"] else ""
                flag += f"  <-- {f['status'].replace('_', ' ')}: {f['reason']}" if f["reason"] else ""
                lines.append(
                    f"    {f['file']:<48} {f['table'] or '-':<24} {f['status']:<12} "
                    f"{f['rows_read']:>7} = {f['rows_loaded']:>7} + {f['rows_quarantined']:>5}"
                    f" + {f['rows_kept_as_text']:>5}{flag}"
                )
    if verbose and status["staging"]:
        lines.append("\nstaging (all members): rows loaded -> rows in staging: why they differ")
        for s in (s for s in status["staging"] if s["rows_loaded"]):
            lines.append(
                f"  {s['model']:<48} {s['rows_loaded']:>8,} -> {s['rows_in_staging']:>8,}: "
                f"{s['repeated_within_an_export']:,} repeated within an export, "
                f"{s['same_record_in_other_exports']:,} the same record in other exports"
            )
    if not verbose and status["members"]:
        lines.append("\n(`linkedin-ssi status -v` lists every file and how staging reconciles with what was loaded)")
    return "\n".join(lines)
