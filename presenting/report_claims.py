"""The report section "The claims, tested on your data" (issue 12), and what the export says on day one.

Kept apart from `presenting.report` (which only calls `load_claims` and `claims_section`). Reads `marts.claim_tests`
and the intermediate tables behind it; draws one chart per claim family: the score around each sharing gap,
acceptance with and without a note, and the SSI against each outcome. Every text from the data goes through `_e`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

import duckdb

from linkedin_ssi.presenting.report import (TOTAL_COLOUR, _day, _e, _empty, _num, _rows, _scale, _section, _svg, _text, _who,
                           date_ticks, line_chart, nice_ticks, scatter_plot, tick_labels, _tick_label)

CLAIM_WORDS = {
    "sharing_gap": "Going 3–4 weeks without sharing anything does not make my score drop markedly.",
    "posting_frequency": "How often I publish has no influence on my brand score.",
    "article_quality": "Meaningful posts and articles lift my brand score (quality, not quantity).",
    "article_persistence": "An article from months ago still lifts my brand score.",
    "invitation_note": "A short personal note with a connection request gets more requests accepted.",
    "profile_completeness": "A complete profile raises the brand pillar.",
    "ssi_value": "A higher SSI is worth something: it goes with more of what I want from LinkedIn.",
}
VERDICT_CLASS = {"supported": "seen-yes", "contradicted": "seen-no", "inconclusive": "seen-partly",
                 "insufficient data": ""}
OUTCOME_WORDS = {"invitations_received": "invitations received", "messages_from_new_people": "messages from new people",
                 "replies_received": "replies to my messages", "acceptance_rate": "acceptance of my requests"}


@dataclass
class ClaimsData:
    """What the claims section shows, read once from the warehouse (lists of row dicts)."""

    min_n: int = 10
    claims: list[dict] = field(default_factory=list)
    scores: list[dict] = field(default_factory=list)
    gaps: list[dict] = field(default_factory=list)
    notes: list[dict] = field(default_factory=list)
    outcomes: list[dict] = field(default_factory=list)
    cadence: list[dict] = field(default_factory=list)
    rates: list[dict] = field(default_factory=list)
    completeness: list[dict] = field(default_factory=list)


def load_claims(con: duckdb.DuckDBPyConnection) -> ClaimsData:
    """Return the claims section's data from an open warehouse connection (empty lists for missing tables)."""
    params = _rows(con, "select min_n from config.params")
    return ClaimsData(
        min_n=params[0]["min_n"] if params else 10,
        claims=_rows(con, "select * from marts.claim_tests"),
        scores=_rows(con, "select member, score_date, total from marts.ssi_scores order by member, score_date"),
        gaps=_rows(con, "select _member as member, gap_start_on, gap_end_on, gap_days, is_open_ended "
                        "from intermediate.int_sharing_gaps_found order by 1, 2"),
        notes=_rows(con, "select _member as member, sent_month, has_note, requests_count, accepted_count "
                         "from intermediate.int_invitation_notes_counted order by 1, 2"),
        outcomes=_rows(con, "select member, score_date, outcome, total, value from "
                            "intermediate.int_score_outcomes_followed where value is not null order by 1, 2"),
        cadence=_rows(con, "select _member as member, date_trunc('month', activity_on)::date as month, "
                           "count(*) as shared from intermediate.int_activity_events_unioned "
                           "where activity_kind in ('post', 'repost', 'article_published') group by all order by 1, 2"),
        rates=_rows(con, """
            select member, month, max(acceptance) as acceptance, max(reply_rate) as reply_rate from (
                select _member as member, date_trunc('month', sent_on)::date as month,
                       count(accepted_on) / count(*) as acceptance, null::double as reply_rate
                from intermediate.int_invitations_matched group by all
                union all
                select _member, date_trunc('month', received_on)::date, null,
                       count(replied_at) / count(*) from intermediate.int_messages_replied group by all
            ) group by all order by 1, 2"""),
        completeness=_rows(con, "select _member as member, exported_on, items_filled, completeness "
                                "from intermediate.int_profile_completeness_scored order by 1, 2"),
    )


def _verdict(row: dict) -> str:
    verdict = row.get("verdict") or ""
    return f'<span class="badge {VERDICT_CLASS.get(verdict, "")}">{_e(verdict)}</span>'


def _estimate(row: dict) -> str:
    if row.get("estimate") is None:
        return "–"
    digits = 2 if row.get("unit") == "r" else 1
    unit = {"points": " pts", "percentage points": " pp", "r": ""}.get(row.get("unit"), "")
    ci = (f' <span class="muted">[{_e(_num(row["ci_low"], digits))}, {_e(_num(row["ci_high"], digits))}]</span>'
          if row.get("ci_low") is not None else "")
    label = "r = " if row.get("unit") == "r" else ""
    return f"{label}{_e(_num(row['estimate'], digits))}{unit}{ci}"


def claims_table(rows: list[dict]) -> str:
    """Return the table of one member's claims: the claim in words, what was compared, verdict, estimate, n, detail."""
    body, seen = [], set()
    for row in rows:
        if row.get("period"):
            continue  # the monthly rows of claim 3 are drawn in its chart
        words = "" if row["claim"] in seen else _e(CLAIM_WORDS.get(row["claim"], row["claim"]))
        seen.add(row["claim"])
        what = OUTCOME_WORDS.get(row["pillar"], row["pillar"])
        body.append(f'<tr><td>{words}</td><td class="proxy">{_e(what)} · {_e(row["measure"])}</td>'
                    f'<td>{_verdict(row)}</td><td class="num">{_estimate(row)}</td><td class="num">{row["n"]}</td>'
                    f'<td>{_e(row["detail"])}</td></tr>')
    return ('<table class="data"><thead><tr><th>claim</th><th>tested on</th><th>verdict</th>'
            '<th class="num">estimate [CI]</th><th class="num">n</th><th>what it says, or what would settle it</th>'
            f'</tr></thead><tbody>{"".join(body)}</tbody></table>')


def gap_chart(scores: list[dict], gaps: list[dict], label: str, width: int = 560, height: int = 230) -> str:
    """Return the SSI total over time with each sharing gap shaded."""
    points = [(r["score_date"], r["total"]) for r in scores if r["total"] is not None]
    if not points:
        return _empty("No recorded scores to draw the gaps against.")
    # Only the gaps the scores can speak about: older ones would squeeze the score line into a corner.
    gaps = [g for g in gaps if g["gap_end_on"] >= points[0][0] and g["gap_start_on"] <= points[-1][0]]
    left, right, top, bottom = 44, 12, 12, 34
    d0 = min([d for d, _ in points] + [g["gap_start_on"] for g in gaps])
    d1 = max([d for d, _ in points] + [g["gap_end_on"] for g in gaps])
    if d0 == d1:
        d0, d1 = d0 - timedelta(days=3), d1 + timedelta(days=3)
    ty = nice_ticks(min(v for _, v in points), max(v for _, v in points), 4)
    sx, sy = _scale(d0.toordinal(), d1.toordinal(), left, width - right), _scale(ty[0], ty[-1], height - bottom, top)
    parts = []
    for g in gaps:
        x0, x1 = sx(g["gap_start_on"].toordinal()), sx(g["gap_end_on"].toordinal() + 1)
        parts.append(f'<rect x="{x0:.1f}" y="{top}" width="{max(1.0, x1 - x0):.1f}" height="{height - bottom - top}" '
                     f'fill="#e9e2f5"><title>{g["gap_days"]} days without sharing from {_e(_day(g["gap_start_on"]))}'
                     f'</title></rect>')
    for t, text in zip(ty, tick_labels(ty)):
        parts.append(f'<line class="grid" x1="{left}" x2="{width - right}" y1="{sy(t):.1f}" y2="{sy(t):.1f}"/>')
        parts.append(_text(left - 6, sy(t) + 4, _e(text), "end", 10))
    xt = date_ticks(d0, d1, 6)
    for t in xt:
        parts.append(_text(sx(t.toordinal()), height - bottom + 16, _e(_tick_label(t, xt)), "middle", 10))
    path = " ".join(f"{sx(d.toordinal()):.1f},{sy(v):.1f}" for d, v in points)
    parts.append(f'<polyline fill="none" stroke="{TOTAL_COLOUR}" stroke-width="2" points="{path}"/>')
    parts += [f'<circle cx="{sx(d.toordinal()):.1f}" cy="{sy(v):.1f}" r="2.5" fill="{TOTAL_COLOUR}">'
              f'<title>{_e(_day(d))}: {_e(_num(v))}</title></circle>' for d, v in points]
    return _svg(width, height, "".join(parts), label)


def note_chart(notes: list[dict], label: str) -> str:
    """Return acceptance per month of requests with and without a note."""
    series = []
    for has_note, name, colour in ((True, "with a note", "#009E73"), (False, "without a note", "#999999")):
        pts = [(r["sent_month"], 100 * r["accepted_count"] / r["requests_count"]) for r in notes
               if r["has_note"] == has_note and r["requests_count"]]
        if pts:
            series.append((name, colour, pts))
    return line_chart(series, label, width=460, height=220) if series else _empty("No requests sent.")


def _member_block(member: str, names: dict, data: ClaimsData) -> str:
    rows = [r for r in data.claims if r["member"] == member]
    scores = [r for r in data.scores if r["member"] == member]
    parts = [f"<h3>{_who(member, names)}</h3>"]
    if member != "all" and len(scores) < data.min_n:
        parts.append(day_one(member, len(scores), data))
    parts.append(claims_table(rows))
    if member == "all":
        return "".join(parts)
    charts = [f'<div><h5>Score around each sharing gap (shaded)</h5>'
              f'{gap_chart(scores, [g for g in data.gaps if g["member"] == member], f"SSI and sharing gaps of {member}")}</div>',
              f'<div><h5>Acceptance per month, % (with and without a note)</h5>'
              f'{note_chart([r for r in data.notes if r["member"] == member], f"acceptance of {member}")}</div>']
    parts.append(f'<div class="row">{"".join(charts)}</div>')
    outcome_plots = []
    for outcome, words in OUTCOME_WORDS.items():
        pts = [(r["total"], r["value"], r["score_date"], member) for r in data.outcomes
               if r["member"] == member and r["outcome"] == outcome and r["total"] is not None]
        if pts:
            outcome_plots.append(f"<div><h5>SSI against {_e(words)} (next 28 days)</h5>"
                                 f"{scatter_plot(pts, 'SSI total', words, width=260, height=200)}</div>")
    if outcome_plots:
        parts.append(f'<div class="row">{"".join(outcome_plots)}</div>')
    return "".join(parts)


def _month_rates(row: dict) -> str:
    """Return 'YYYY-MM: accepted A%, replied R%' with only the rates the month has."""
    parts = [f"{word} {_num(100 * row[key], 0)}%" for word, key in (("accepted", "acceptance"), ("replied", "reply_rate"))
             if row[key] is not None]
    return f"{row['month']:%Y-%m}: {', '.join(parts)}"


def day_one(member: str, recorded: int, data: ClaimsData) -> str:
    """Return what the export says before there are enough scores: cadence, gaps, rates, completeness, and how
    many more weekly scores the correlation analysis needs."""
    more = data.min_n - recorded
    cadence = ", ".join(f"{r['month']:%Y-%m}: {r['shared']}" for r in data.cadence if r["member"] == member) or "none"
    gaps = ", ".join(f"{r['gap_days']} days from {_day(r['gap_start_on'])}" + (" (ongoing)" if r["is_open_ended"] else "")
                     for r in data.gaps if r["member"] == member) or "none"
    rates = "; ".join(_month_rates(r) for r in data.rates if r["member"] == member) or "none"
    complete = ", ".join(f"{_day(r['exported_on'])}: {r['items_filled']}/8" for r in data.completeness
                         if r["member"] == member) or "no profile in the exports"
    return (f'<div class="card"><h4>Day one: what your export already says</h4><ul>'
            f'<li>{recorded} recorded score(s): the correlation analysis needs {data.min_n}; record {more} more weekly '
            f'score(s) (<code>linkedin-ssi ssi add</code>). The note claim below needs no score at all.</li>'
            f'<li>Posts, reposts and articles per month: {_e(cadence)}.</li>'
            f'<li>Gaps of sharing: {_e(gaps)}.</li>'
            f'<li>Acceptance of your requests and replies to messages you received, per month: {_e(rates)}.</li>'
            f'<li>Profile completeness per export: {_e(complete)}.</li></ul></div>')


def claims_section(data: ClaimsData, names: dict[str, str]) -> str:
    """Return the section "The claims, tested on your data"."""
    body = ['<h2>The claims, tested on your data</h2>',
            '<p class="note">Each claim people repeat about the SSI, checked against your own export and scores. '
            '<strong>supported</strong> and <strong>contradicted</strong> need the whole confidence interval on one '
            'side; <strong>inconclusive</strong> means the data cannot tell yet (no significant difference is not '
            'no effect); <strong>insufficient data</strong> means below the claim\'s minimum. "No marked change" '
            'claims are tested for equivalence (the 90% interval within the margin). These are associations, not '
            'causes: the SSI also moves with what the export cannot see and with LinkedIn\'s formula changes.</p>']
    members = sorted({r["member"] for r in data.claims} - {"all"})
    if not members:
        return _section("claims", body + [_empty("No claims could be tested yet: load an export.")])
    for member in members + (["all"] if any(r["member"] == "all" for r in data.claims) else []):
        body.append(_member_block(member, names, data))
    return _section("claims", body)
