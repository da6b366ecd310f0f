"""What is loaded: exports per member, per-file row accounting and quarantine counts."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from models.lake import read_manifests
from models.ssi_store import ssi_files
from models.warehouse import warehouse_path


def collect_status(home: Path) -> dict:
    """Return the status of a home as a JSON-ready dict (read from the lake's manifests)."""
    manifests = read_manifests(home)
    members: dict[str, dict] = {}
    for m in manifests:
        files = [f for f in m["files"] if f["status"] != "ignored"]
        entry = {
            "export_id": m["export_id"],
            "exported_at": m["exported_at"],
            "source_name": m["source_name"],
            "rows_read": sum(f["rows_read"] for f in files),
            "rows_loaded": sum(f["rows_loaded"] for f in files),
            "rows_quarantined": sum(f["rows_quarantined"] for f in files),
            "files": [
                {k: f[k] for k in ("file", "table", "status", "rows_read", "rows_loaded", "rows_quarantined", "warnings")}
                for f in m["files"]
            ],
        }
        member = members.setdefault(m["member"], {"member": m["member"], "name": m["member_name"],
                                                   "profile_url": m["member_profile_url"], "exports": []})
        member["exports"].append(entry)
    ssi = ssi_files(home)
    captures = sum(pl.scan_parquet(p).select(pl.len()).collect().item() for p in ssi)
    wh = warehouse_path(home)
    return {
        "ssi_imports": len(ssi),
        "ssi_captures": captures,
        "home": str(home),
        "warehouse": str(wh) if wh.exists() else None,
        "exports": len(manifests),
        "members": list(members.values()),
        "rows_read": sum(e["rows_read"] for m in members.values() for e in m["exports"]),
        "rows_loaded": sum(e["rows_loaded"] for m in members.values() for e in m["exports"]),
        "rows_quarantined": sum(e["rows_quarantined"] for m in members.values() for e in m["exports"]),
    }


def format_status(status: dict, verbose: bool = False) -> str:
    """Return the status as text for a terminal."""
    lines = [f"home: {status['home']}", f"warehouse: {status['warehouse'] or '(not built yet)'}",
             f"exports loaded: {status['exports']} for {len(status['members'])} member(s)",
             f"SSI scores: {status['ssi_captures']} capture(s) from {status['ssi_imports']} import(s)"
             + ("" if status["ssi_captures"] else " — add them with `linkedin-ssi ssi import FILE`")]
    if not status["exports"]:
        lines.append("nothing loaded yet: run `linkedin-ssi ingest PATH` with a LinkedIn export ZIP or folder")
    for member in status["members"]:
        lines.append(f"\nmember {member['member']} ({member['name'] or 'name unknown'})")
        for e in member["exports"]:
            lines.append(f"  export {e['export_id']} made {e['exported_at'] or '?'} from {e['source_name']}: "
                         f"{e['rows_read']} read = {e['rows_loaded']} loaded + {e['rows_quarantined']} quarantined")
            for f in e["files"]:
                if f["status"] == "ignored" and not verbose:
                    continue
                flag = "  <-- quarantined rows" if f["rows_quarantined"] else ""
                lines.append(f"    {f['file']:<48} {f['table'] or '-':<24} {f['status']:<11} "
                             f"{f['rows_read']:>7} = {f['rows_loaded']:>7} + {f['rows_quarantined']:>5}{flag}")
    return "\n".join(lines)
