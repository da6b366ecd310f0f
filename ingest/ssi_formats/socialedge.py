"""The `socialedge` format: the SocialEdge extension's export, the legacy array of `{date, parsed, raw}` or the
`{schema_version: 1, ssi_history, ...}` object (docs/ssi.md §2.1)."""

from __future__ import annotations

from typing import Any

from linkedin_ssi.ingest.ssi_formats.sales_api import sales_pillars
from linkedin_ssi.ingest.ssi_formats.values import day_and_instant, to_count, to_json, to_number
from linkedin_ssi.ingest.ssi_validate import SsiFormatError, Where

_SOCIALEDGE_PILLARS = {
    "prof_brand": "brand",
    "find_right_people": "people",
    "insight_engagement": "insights",
    "relationship": "relationships",
}


def read_socialedge(doc: Any, name: str, warnings: list[str]) -> list[dict[str, Any]]:
    """Return one record per SocialEdge history entry (legacy array or the schema_version 1 object).

    `daily_activities` and `activity_catalog` (the user's activity diary) are not SSI scores and are not read here.
    """
    wrapped = isinstance(doc, dict) and "ssi_history" in doc
    entries = doc["ssi_history"] if wrapped else doc if isinstance(doc, list) else [doc]
    if not isinstance(entries, list):
        raise SsiFormatError(name, "ssi_history: expected an array")
    if wrapped and doc.get("schema_version") != 1:
        warnings.append(f"{name}: schema_version {doc.get('schema_version')!r} is not 1; read as version 1")
    records, repaired = [], []
    for i, entry in enumerate(entries, 1):
        where = Where(name, i, "record")
        parsed = entry.get("parsed") if isinstance(entry, dict) else None
        if not isinstance(parsed, dict):
            raise where.error("parsed", "missing")
        # SocialEdge's `date` is new Date().toISOString()'s day, i.e. the UTC day of the capture.
        score_date, captured_at = day_and_instant(entry.get("date"), "date", where)
        rec: dict[str, Any] = {"total": to_number(parsed.get("overall"), "total", where)}
        rec.update({f: to_number(parsed.get(key), f, where) for key, f in _SOCIALEDGE_PILLARS.items()})
        for kind in ("industry", "network"):
            group = parsed.get(kind) or {}
            rec[f"{kind}_rank"] = to_number(group.get("top"), f"{kind}_rank", where)
            rec[f"{kind}_group_size"] = to_count(group.get("people_amount"), f"{kind}_group_size", where)
            rec[f"{kind}_avg_total"] = to_number(group.get("ssi"), f"{kind}_avg_total", where)
        rec["industry_name"] = (parsed.get("industry") or {}).get("name")
        # SocialEdge's parseSSI reads subScores by array position; when the raw response is kept, its pillar
        # enums are the truth.
        raw = entry.get("raw")
        if isinstance(raw, dict) and isinstance(raw.get("memberScore"), dict):
            by_enum = sales_pillars(raw["memberScore"].get("subScores"), where)
            if any(rec[p] != v for p, v in by_enum.items()):
                rec.update(by_enum)
                repaired.append(str(i))
        rec.update(
            score_date=score_date, captured_at=captured_at, precision="float", source_line=i, raw_record=to_json(entry)
        )
        records.append(rec)
    if repaired:
        which = f"{name}: record{'s' if len(repaired) > 1 else ''} {', '.join(repaired)}"
        warnings.append(
            f"{which}: parsed pillars differ from raw.memberScore.subScores "
            "(SocialEdge reads them by array position); used raw's pillar enums"
        )
    return records
