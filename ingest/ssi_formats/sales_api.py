"""The `sales_api_json` format: LinkedIn's `salesApiSsi` response, saved with its capture time (docs/ssi.md §1.7).

Accepted as `{"captured_at": ..., "response": {...}}`, an array of those, `{"captures": [those]}`, or a bare
response with a `captured_at`/`date` key added next to `memberScore` (the response itself carries no date).
"""

from __future__ import annotations

from typing import Any

from linkedin_ssi.ingest.ssi_formats.values import day_and_instant, to_count, to_json, to_number
from linkedin_ssi.ingest.ssi_validate import Where

_PILLAR_ENUM = {
    "PROFESSIONAL_BRAND": "brand",
    "FIND_RIGHT_PEOPLE": "people",
    "INSIGHT_ENGAGEMENT": "insights",
    "STRONG_RELATIONSHIP": "relationships",
}


_GROUP_TYPES = {"INDUSTRY": "industry", "NETWORK": "network"}


_CAPTURE_KEYS = ("captured_at", "capturedAt", "date")


def read_sales_api(doc: Any, name: str) -> list[dict[str, Any]]:
    """Return one record per saved salesApiSsi response, dated by the `captured_at`/`date` key saved with it."""
    items = doc["captures"] if isinstance(doc, dict) and "captures" in doc else doc
    single = not isinstance(items, list)  # a lone object: no record number to point at
    records = []
    for i, item in enumerate([items] if single else items, 1):
        where = Where(name, None if single else i, "record")
        if not isinstance(item, dict):
            raise where.error(None, "expected an object")
        response = item.get("response", item)  # a bare response has its capture keys next to memberScore
        if not isinstance(response, dict) or not isinstance(response.get("memberScore"), dict):
            raise where.error("memberScore", "missing")
        when = next((item[k] for k in _CAPTURE_KEYS if item.get(k) is not None), None)
        if when is None:
            raise where.error(
                None,
                "salesApiSsi response has no capture date; save it as "
                '{"captured_at": "<ISO timestamp>", "response": {...}}',
            )
        score_date, captured_at = day_and_instant(when, "captured_at", where)
        rec = _sales_scores(response, where)
        rec.update(
            score_date=score_date,
            captured_at=captured_at,
            member=item.get("member"),
            precision="float",
            source_line=i,
            raw_record=to_json(item),
        )
        records.append(rec)
    return records


def _sales_scores(response: dict[str, Any], where: Where) -> dict[str, Any]:
    """Return the canonical score fields of one salesApiSsi response."""
    member_score = response["memberScore"]
    rec = {"total": to_number(member_score.get("overall"), "total", where)}
    rec.update(sales_pillars(member_score.get("subScores"), where))
    for group in response.get("groupScore") or []:
        group_type = group.get("groupType") if isinstance(group, dict) else None
        kind = _GROUP_TYPES.get(group_type) if isinstance(group_type, str) else None
        if kind is None:  # TEAM (Sales Navigator teams) has no canonical column; it stays in raw_record.
            continue
        rec[f"{kind}_rank"] = to_number(group.get("rank"), f"{kind}_rank", where)
        rec[f"{kind}_group_size"] = to_count(group.get("groupSize"), f"{kind}_group_size", where)
        rec[f"{kind}_avg_total"] = to_number((group.get("score") or {}).get("overall"), f"{kind}_avg_total", where)
        if kind == "industry":
            rec["industry_name"] = group.get("industry")
    return rec


def sales_pillars(sub_scores: Any, where: Where) -> dict[str, float | None]:
    """Return {pillar: score} keyed by each entry's `pillar` enum.

    Never by array position: the API does not promise an order, and the trackers that index subScores[0..3]
    (SocialEdge's parseSSI, linkedin_ssi_selenium) mislabel pillars whenever it changes.
    """
    pillars: dict[str, float | None] = {}
    for sub in sub_scores or []:
        enum = sub.get("pillar") if isinstance(sub, dict) else None
        pillar = _PILLAR_ENUM.get(enum) if isinstance(enum, str) else None
        if pillar is None:
            raise where.error("subScores", f"unknown pillar {enum!r}")
        if pillar in pillars:
            raise where.error(pillar, f"pillar {enum} appears twice")
        pillars[pillar] = to_number(sub.get("score"), pillar, where)
    return pillars
