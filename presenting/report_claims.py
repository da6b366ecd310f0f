"""The report section "The claims, tested on your data" (issue 12), and what the export says on day one.

Arranges `ClaimsData` (read from the marts by `presenting.report_data`) for the template `claims.html.j2`: per
member the claims in words, one chart per claim family (the score around each sharing gap, acceptance with and
without a note, the SSI against each outcome) and, while there are too few scores, the day-one card.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from linkedin_ssi.presenting import charts
from linkedin_ssi.presenting.formatting import day, num
from linkedin_ssi.presenting.report_data import ClaimsData
from linkedin_ssi.presenting.templating import render
from markupsafe import Markup

__all__ = ["ClaimsData", "claims_section"]

CLAIM_WORDS = {
    "sharing_gap": "Going 3–4 weeks without sharing anything does not make my score drop markedly.",
    "posting_frequency": "How often I publish has no influence on my brand score.",
    "article_quality": "Meaningful posts and articles lift my brand score (quality, not quantity).",
    "article_persistence": "An article from months ago still lifts my brand score.",
    "invitation_note": "A short personal note with a connection request gets more requests accepted.",
    "profile_completeness": "A complete profile raises the brand pillar.",
    "ssi_value": "A higher SSI is worth something: it goes with more of what I want from LinkedIn.",
}
VERDICT_CLASSES = {
    "supported": "seen-yes",
    "contradicted": "seen-no",
    "inconclusive": "seen-partly",
    "insufficient data": "",
}
OUTCOME_WORDS = {
    "invitations_received": "invitations received",
    "messages_from_new_people": "messages from new people",
    "replies_received": "replies to my messages",
    "acceptance_rate": "acceptance of my requests",
}
UNITS = {"points": " pts", "percentage points": " pp", "r": ""}


def claim_rows(rows: list[dict]) -> list[dict]:
    """Return one member's claims as table rows: the claim in words on its first row only, and what was tested in
    words; the monthly rows of the note claim are left to its chart."""
    out, seen = [], set()
    for row in rows:
        if row.get("period"):
            continue
        words = "" if row["claim"] in seen else CLAIM_WORDS.get(row["claim"], row["claim"])
        seen.add(row["claim"])
        out.append({**row, "words": words, "what": OUTCOME_WORDS.get(row["pillar"], row["pillar"])})
    return out


def note_chart(notes: list[dict], label: str) -> charts.Node:
    """Return acceptance per month, in %, of requests with and without a note (marts.invitation_notes rows)."""
    series = []
    for has_note, name, colour in ((True, "with a note", "#009E73"), (False, "without a note", "#999999")):
        pts = [
            (r["sent_month"], 100 * r["accepted_count"] / r["requests_count"])
            for r in notes
            if r["has_note"] == has_note and r["requests_count"]
        ]
        if pts:
            series.append((name, colour, pts))
    return charts.line_chart(series, label, width=460, height=220) if series else charts.empty("No requests sent.")


def _month_rates(row: dict) -> str:
    """Return 'YYYY-MM: accepted A%, replied R%' with only the rates the month has."""
    rates = (("accepted", "acceptance"), ("replied", "reply_rate"))
    parts = [f"{word} {num(100 * row[key], 0)}%" for word, key in rates if row[key] is not None]
    return f"{row['month']:%Y-%m}: {', '.join(parts)}"


def _gap_words(row: dict) -> str:
    """Return a sharing gap as '30 days from 2026-09-01', '(ongoing)' when sharing had not resumed by the export."""
    return f"{row['gap_days']} days from {day(row['gap_start_on'])}" + (" (ongoing)" if row["is_open_ended"] else "")


def by_member(data: ClaimsData) -> dict[str, ClaimsData]:
    """Return `data` split into one ClaimsData per member: one pass over each list, where a scan per member would
    cost members × rows (a team's report)."""
    out: dict[str, ClaimsData] = {}
    for f in fields(ClaimsData):
        rows = getattr(data, f.name)
        if not isinstance(rows, list):
            continue
        for row in rows:
            mine = out.get(row["member"])
            if mine is None:
                mine = out[row["member"]] = ClaimsData(min_n=data.min_n, outcome_days=data.outcome_days)
            getattr(mine, f.name).append(row)
    return out


def day_one(recorded: int, data: ClaimsData) -> dict:
    """Return what the export says before there are enough scores, as the day-one card's lines: sharing cadence,
    gaps, rates and completeness, and how many more weekly scores the correlation analysis needs (`data`: one
    member's rows)."""
    completeness = [f"{day(r['exported_on'])}: {r['items_filled']}/8" for r in data.completeness]
    return {
        "recorded": recorded,
        "min_n": data.min_n,
        "more": data.min_n - recorded,
        "cadence": ", ".join(f"{r['month']:%Y-%m}: {r['shared']}" for r in data.cadence) or "none",
        "gaps": ", ".join(_gap_words(r) for r in data.gaps) or "none",
        "rates": "; ".join(_month_rates(r) for r in data.rates) or "none",
        "completeness": ", ".join(completeness) or "no profile in the exports",
    }


def member_block(member: str, data: ClaimsData) -> dict:
    """Return one member's part of the section (`data`: that member's rows only, `by_member`): its claims, its
    charts (none for the pooled 'all'), and the day-one card while it has fewer than min_n scores."""
    scores = data.scores
    block: dict[str, Any] = {"member": member, "rows": claim_rows(data.claims), "day_one": None}
    if member == "all":
        return block
    if len(scores) < data.min_n:
        block["day_one"] = day_one(len(scores), data)
    block["gap_chart"] = charts.gap_chart(scores, data.gaps, f"SSI and sharing gaps of {member}")
    block["note_chart"] = note_chart(data.notes, f"acceptance of {member}")
    block["outcome_plots"] = []
    for outcome, words in OUTCOME_WORDS.items():
        pts = [
            (r["total"], r["value"], r["score_date"], member)
            for r in data.outcomes
            if r["outcome"] == outcome and r["total"] is not None
        ]
        if pts:
            block["outcome_plots"].append((words, charts.scatter_plot(pts, "SSI total", words, width=260, height=200)))
    return block


def claims_section(data: ClaimsData, names: dict[str, str], pooled_only: bool = False) -> Markup:
    """Return the section "The claims, tested on your data" as HTML; `names` maps member keys to display names.
    `pooled_only`: `data` holds the team's pooled 'all' rows only (a team's index page)."""
    members = sorted({r["member"] for r in data.claims} - {"all"})
    if any(r["member"] == "all" for r in data.claims) and (members or pooled_only):
        members.append("all")
    split = by_member(data)
    return render(
        "claims.html.j2",
        blocks=[member_block(m, split.get(m, ClaimsData(data.min_n, data.outcome_days))) for m in members],
        names=names,
        verdict_classes=VERDICT_CLASSES,
        units=UNITS,
        outcome_days=data.outcome_days,
    )
