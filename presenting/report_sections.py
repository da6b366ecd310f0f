"""What each section of the report needs from `ReportData`, arranged for its template: rows grouped per member and
pillar, charts drawn, the sentences' numbers chosen. No markup here (the templates write it, escaping as they go).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from datetime import date, timedelta
from typing import Any

from linkedin_ssi.ingest.ssi_columns import PILLAR_LABELS, PILLARS
from linkedin_ssi.presenting import charts
from linkedin_ssi.presenting.formatting import p_value
from linkedin_ssi.presenting.report_data import ReportData

# Okabe-Ito colours: distinguishable with the common colour-vision deficiencies.
PILLAR_COLOURS = {"brand": "#0072B2", "people": "#E69F00", "insights": "#009E73", "relationships": "#CC79A7"}
CORRECTIONS = {"holm": "Holm (family-wise error)", "bh": "Benjamini–Hochberg (false discovery rate)"}
# The SSI's own scale: a team's member pages draw on it, so a member's page does not depend on the other members.
FIXED_RANGES = ((0.0, 100.0), (0.0, 25.0))

Range = tuple[float, float] | None


def group(rows: Iterable[dict], key: Callable[[dict], Hashable] = lambda r: r["member"]) -> dict[Any, list[dict]]:
    """Return `rows` grouped by `key` (the member by default), each group in the rows' order: one pass over the rows,
    where a scan per member would cost members × rows (a team's report)."""
    out: dict[Any, list[dict]] = {}
    for row in rows:
        out.setdefault(key(row), []).append(row)
    return out


def pillar_rank(pillar: str) -> int:
    """Return the pillar's position in LinkedIn's order (unknown pillars last)."""
    return PILLARS.index(pillar) if pillar in PILLARS else len(PILLARS)


def member_names(data: ReportData) -> dict[str, str]:
    """Return {member key: display name from the member's newest export that has one}."""
    return {row["member"]: row["member_name"] for row in data.exports if row.get("member_name")}


def correlation_units(correlations: list[dict]) -> list[str]:
    """Return the members of the correlation grid, the pooled 'all' last."""
    units = sorted({r["member"] for r in correlations})
    return [u for u in units if u != "all"] + (["all"] if "all" in units else [])


def shared_range(scores: list[dict], columns) -> tuple[float, float] | None:
    """Return (lowest, highest) of `columns` over every member's scores: one axis range for all members, so the
    same height means the same score in every member's chart. None without values."""
    values = [r[c] for r in scores for c in columns if r.get(c) is not None]
    return (min(values), max(values)) if values else None


def summary(data: ReportData) -> dict:
    """Return the numbers of the summary paragraph: members, exports and the dates they were made, scores, and how
    many correlation cells were tested and flagged under which correction."""
    tested = sum(1 for r in data.correlations if r.get("estimate") is not None)
    flagged = [r for r in data.correlations if r["is_flagged"]]
    params = data.params or {}
    made = [r["exported_at"] for r in data.exports if r.get("exported_at") is not None]
    correction = str(params.get("correction") or "unknown")
    return {
        "members": sorted({r["member"] for r in data.scores} | {r["member"] for r in data.exports}),
        "exports": len(data.exports),
        "made": (min(made), max(made)) if made else None,
        "scores": len(data.scores),
        "scored": (min(days), max(days)) if (days := [r["score_date"] for r in data.scores]) else None,
        "cells": len(data.correlations),
        "tested": tested,
        "flagged": len(flagged),
        "grid_flagged": sum(1 for r in flagged if r["method"] == "spearman" and r["measure"] == "change"),
        "correction": CORRECTIONS.get(correction, correction),
        "alpha": params.get("alpha"),
    }


def score_ranges(data: ReportData) -> tuple[Range, Range]:
    """Return the axis ranges of the total and of the pillars shared by every member of `data`."""
    return shared_range(data.scores, ["total"]), shared_range(data.scores, PILLARS)


def ssi_charts(data: ReportData, ranges: tuple[Range, Range]) -> list[tuple[str, charts.Node, charts.Node]]:
    """Return [(member, chart of the total, chart of the pillars)], every member's charts on the same axes
    `ranges` (of the total, of the pillars)."""
    total_range, pillar_range = ranges
    out = []
    for member, rows in sorted(group(data.scores).items()):
        total = [("SSI total (0–100)", charts.TOTAL_COLOUR, [(r["score_date"], r["total"]) for r in rows])]
        pillars = [(p, PILLAR_COLOURS[p], [(r["score_date"], r.get(p)) for r in rows]) for p in PILLARS]
        out.append(
            (
                member,
                charts.line_chart(total, f"SSI total of {member}", y_domain=total_range),
                charts.line_chart(pillars, f"SSI pillars of {member}", y_domain=pillar_range),
            )
        )
    return out


def correction_note(cell: dict, alpha: float) -> str:
    """Return why an unflagged cell whose own p or CI looks significant is still 'no evidence' ('' otherwise):
    the correction over the `family_tests` of the member's grid."""
    if cell["is_flagged"] or cell.get("p_value") is None:
        return ""
    p, tests = cell["p_value"], cell["family_tests"]
    if p < alpha:
        return f"not significant after correcting for {tests:,} tests (raw p {p_value(p)})"
    lo, hi = cell.get("ci_low"), cell.get("ci_high")
    if lo is not None and hi is not None and (lo > 0 or hi < 0):
        return (
            f"not significant even before correcting for {tests:,} tests (raw p {p_value(p)}; "
            "the interval is approximate)"
        )
    return ""


def strongest_cards(
    data: ReportData, pillar_range: Range, max_points: int | None = None
) -> list[tuple[str, list[dict]]]:
    """Return [(unit, one card per pillar)]: each card has the pillar, its strongest cells (with their CI bar and
    correction note), the best cell's scatter of the pairs it was computed on (a level cell's on `pillar_range`; at
    most `max_points` of them, evenly spread, `sampled` then says how many of how many), and the window it read."""
    alpha = (data.params or {}).get("alpha") or 0.05
    strongest = group(data.strongest, lambda c: (c["member"], c["pillar"]))
    units = []
    for unit in correlation_units(data.correlations):
        cards = []
        for pillar in PILLARS:
            cells = [
                {**c, "bar": charts.ci_bar(c), "note": correction_note(c, alpha)}
                for c in strongest.get((unit, pillar), [])
            ]
            card: dict[str, Any] = {"pillar": pillar, "cells": cells}
            if cells:
                best = cells[0]
                card["window"] = window_words(best)
                pairs = data.pairs_by_cell.get((best["member"], best["pillar"]), [])
                total = data.pairs_total.get((best["member"], best["pillar"]), len(pairs))
                if max_points and total > max_points:
                    # A team's pooled cell pairs every member's scores: thousands of dots say no more than a sample
                    # (already sampled when read with `max_pairs`: then this keeps them all).
                    pairs = pairs[:: -(-len(pairs) // max_points)]
                    card["sampled"] = (len(pairs), total)
                card["scatter"] = best_scatter(best, pairs, pillar_range)
            cards.append(card)
        units.append((unit, cards))
    return units


def window_words(cell: dict) -> str:
    """Return the cell's window as a sentence reads it: 'the 28 days ending 7 days before the score'."""
    lag = cell["lag_days"]
    return f"the {cell['window_days']} days " + (
        "before the score" if not lag else f"ending {lag} day{'s' if lag != 1 else ''} before the score"
    )


def best_scatter(best: dict, pairs: list[dict], pillar_range: tuple[float, float] | None) -> charts.Node:
    """Return the scatter of `pairs` (marts.strongest_cell_pairs rows) behind a pillar's best cell: changes around 0
    for a change cell (a level range would squash them), levels on the pillar's shared range otherwise."""
    points = [(p["x"], p["y"], p["score_date"], p["pair_member"]) for p in pairs]
    window = f"{best['window_days']}-day window, lag {best['lag_days']}"
    if best["measure"] == "change":
        return charts.scatter_plot(
            points, f"change in {best['proxy']} ({window})", f"change in {best['pillar']} score", changes=True
        )
    return charts.scatter_plot(points, f"{best['proxy']} ({window})", f"{best['pillar']} score", y_domain=pillar_range)


def heatmaps(data: ReportData) -> list[tuple[str, charts.Node]]:
    """Return [(unit, heatmap of its Spearman/change cells)], proxies in the catalog's order within each pillar."""
    grid = [r for r in data.correlations if r["method"] == "spearman" and r["measure"] == "change"]
    catalog_order = [(r["pillar"], r["proxy"]) for r in data.catalog if r.get("kind") == "proxy"]
    catalog_order.sort(key=lambda k: pillar_rank(k[0]))  # stable: keeps the catalog's order inside a pillar
    out = []
    by_unit = group(grid)
    for unit in correlation_units(grid):
        rows = by_unit[unit]
        present = {(r["pillar"], r["proxy"]) for r in rows}
        # Proxies the catalog does not list (an older warehouse) still get a row, after the listed ones.
        order = [k for k in catalog_order if k in present] + sorted(
            present - set(catalog_order), key=lambda k: (pillar_rank(k[0]), k[1])
        )
        out.append((unit, charts.heatmap(unit, rows, order)))
    return out


def catalog_cards(data: ReportData) -> list[dict]:
    """Return one card per pillar of the catalog: the proxies measured and the SSI inputs with what the export
    shows of them."""
    return [
        {
            "pillar": pillar,
            "proxies": [r for r in data.catalog if r["pillar"] == pillar and r.get("kind") == "proxy"],
            "blind_spots": [r for r in data.catalog if r["pillar"] == pillar and r.get("kind") != "proxy"],
        }
        for pillar in sorted({r["pillar"] for r in data.catalog}, key=pillar_rank)
    ]


def score_reach(data: ReportData, scores: list[dict]) -> tuple[date, date] | None:
    """Return the first and last day any of a member's score windows can reach (`scores`: the member's rows of
    marts.ssi_scores), or None without scores."""
    days = [r["score_date"] for r in scores]
    if not days:
        return None
    params = data.params or {}
    reach = max(params.get("windows") or [0]) + max(params.get("lags") or [0])
    return min(days) - timedelta(days=reach + 1), max(days) - timedelta(days=1)


def coverage_timelines(data: ReportData) -> list[tuple[str, charts.Node | None]]:
    """Return [(member, timeline of the spans its exports cover)]; None when no span can be drawn (an export with
    no dated activity at all has no known export time)."""
    out = []
    scores = group(data.scores)
    for member, rows in sorted(group(data.coverage).items()):
        spans = [s for s in rows if s["covered_from"] and s["covered_to"]]
        out.append(
            (member, charts.coverage_timeline(spans, score_reach(data, scores.get(member, []))) if spans else None)
        )
    return out


def ledgers(data: ReportData) -> list[tuple[dict, list[dict]]]:
    """Return [(export, its files in the load ledger)]."""
    files = group(data.files, lambda f: f["export_id"])
    return [(x, files.get(x["export_id"], [])) for x in data.exports]


def sections(data: ReportData, ranges: tuple[Range, Range] | None = None) -> dict:
    """Return the context of every section's template; the SSI charts' axes are `ranges` (of the total, of the
    pillars), by default the range of every member's scores in `data`."""
    ranges = ranges or score_ranges(data)
    return {
        "data": data,
        "has_scores": bool(data.scores),
        "names": member_names(data),
        "summary": summary(data),
        "ssi": ssi_charts(data, ranges),
        "strongest": strongest_cards(data, ranges[1]),
        "heatmaps": heatmaps(data),
        "legend": charts.heatmap_legend(),
        "ci_scale": charts.ci_scale(),
        "catalog": catalog_cards(data),
        "timelines": coverage_timelines(data),
        "ledgers": ledgers(data),
        "pillar_labels": PILLAR_LABELS,
        "pillar_colours": PILLAR_COLOURS,
    }
