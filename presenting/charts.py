"""The report's charts as SVG trees (`presenting.svg.Node`): time series, scatters, confidence-interval bars, the
correlation heatmap and its legend, the coverage timeline and the score around sharing gaps.

Each function returns one Node to be written by the template `svg.html.j2`; where there is nothing to draw it
returns the placeholder paragraph instead (`empty`), so a template never has to ask.
"""

from __future__ import annotations

from datetime import date, timedelta

from linkedin_ssi.presenting.formatting import day, num
from linkedin_ssi.presenting.svg import (
    Node,
    coord,
    date_label,
    date_ticks,
    diverging_colour,
    line,
    nice_ticks,
    scale,
    svg,
    text,
    tick_labels,
    titled,
)

TOTAL_COLOUR = "#333333"
# Okabe-Ito colours, distinguishable with the common colour-vision deficiencies: one per member in a pooled scatter.
MEMBER_PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"]
# Most members a pooled scatter names in its legend (the one-page report's most: presenting.report.TEAM_ABOVE).
LEGEND_MEMBERS = 12


def empty(message: str) -> Node:
    """Return the placeholder paragraph shown instead of a chart with nothing to draw."""
    return Node("p", {"class": "empty"}, text=message)


def line_chart(
    series: list[tuple[str, str, list[tuple[date, float | None]]]],
    label: str,
    width: int = 560,
    height: int = 250,
    y_domain: tuple[float, float] | None = None,
) -> Node:
    """Return a time-series chart of `series` [(name, colour, [(date, value)])] with axes and a legend (a None value
    is not drawn).

    `y_domain` fixes the y axis (so charts of different members can be compared at a glance); it is widened, never
    clipped, if a value falls outside it.
    """
    points = [(d, v) for _, _, pts in series for d, v in pts if v is not None]
    if not points:
        return empty("No values to plot.")
    left, right, top, bottom = 44, 12, 12, 50
    d0, d1 = min(d for d, _ in points), max(d for d, _ in points)
    if d0 == d1:
        d0, d1 = d0 - timedelta(days=3), d1 + timedelta(days=3)
    lo, hi = min(v for _, v in points), max(v for _, v in points)
    if y_domain:
        lo, hi = min(lo, y_domain[0]), max(hi, y_domain[1])
    ticks_y = nice_ticks(lo, hi, 4)
    sx = scale(d0.toordinal(), d1.toordinal(), left, width - right)
    sy = scale(ticks_y[0], ticks_y[-1], height - bottom, top)
    parts = _y_grid(ticks_y, sy, left, width - right)
    xt = date_ticks(d0, d1, 6)
    for t in xt:
        x = sx(t.toordinal())
        parts.append(line(x, x, height - bottom, height - bottom + 4, "axis"))
        parts.append(text(x, height - bottom + 16, date_label(t, xt), "middle", 10))
    parts.append(line(left, width - right, height - bottom, height - bottom, "axis"))
    for name, colour, pts in series:
        pts = [(d, v) for d, v in pts if v is not None]
        path = " ".join(f"{sx(d.toordinal()):.1f},{sy(v):.1f}" for d, v in pts)
        parts.append(Node("polyline", {"fill": "none", "stroke": colour, "stroke-width": "2", "points": path}))
        for d, v in pts:
            parts.append(
                titled(
                    "circle",
                    f"{name} · {day(d)}: {num(v)}",
                    cx=f"{sx(d.toordinal()):.1f}",
                    cy=f"{sy(v):.1f}",
                    r="2.6",
                    fill=colour,
                )
            )
    x = left
    for name, colour, _ in series:  # legend under the axis labels
        parts.append(Node("rect", {"x": coord(x), "y": height - 18, "width": "12", "height": "4", "fill": colour}))
        parts.append(text(x + 16, height - 12, name, size=11))
        x += 24 + 6.5 * len(name)
    return svg(width, height, parts, label)


def _y_grid(ticks: list[float], sy, x0: float, x1: float) -> list[Node]:
    """Return a horizontal grid line and a label at each y tick."""
    parts = []
    for t, label in zip(ticks, tick_labels(ticks)):
        parts.append(line(x0, x1, sy(t), sy(t), "grid"))
        parts.append(text(x0 - 6, sy(t) + 4, label, "end", 10))
    return parts


def cell_summary(row: dict) -> str:
    """Return a correlation cell described for its tooltip: where it is, its estimate and CI, n, q and verdict."""
    lines = [
        f"{row['pillar']} / {row['proxy']} · {row['window_days']}-day window, lag {row['lag_days']} · "
        f"{row['method']} {row['measure']}"
    ]
    if row.get("estimate") is not None:
        lines.append(f"estimate {num(row['estimate'])}, 95% CI [{num(row.get('ci_low'))}, {num(row.get('ci_high'))}]")
    lines.append(
        f"n = {row.get('n') if row.get('n') is not None else 0}, n_eff = {num(row.get('n_eff'), 1)}, "
        f"q = {num(row.get('q_value'), 3)}"
    )
    lines.append(str(row.get("verdict")))
    return "\n".join(lines)


def ci_bar(row: dict, width: int = 130, height: int = 22) -> Node:
    """Return a small error bar of the row's estimate and 95% CI on a −1..1 axis; the dot is filled when the cell
    survived the correction (`is_flagged`)."""
    sx = scale(-1, 1, 8, width - 8)
    mid = height / 2
    colour = diverging_colour(row["estimate"]) if abs(row["estimate"]) > 0.25 else "#666666"
    lo, hi = row.get("ci_low"), row.get("ci_high")
    parts = [line(sx(-1), sx(1), mid, mid, "axis", stroke_opacity="0.35"), line(sx(0), sx(0), 2, height - 2, "zero")]
    if lo is not None and hi is not None:
        parts.append(line(sx(lo), sx(hi), mid, mid, stroke=colour, stroke_width="2.5"))
        for v in (lo, hi):
            parts.append(line(sx(v), sx(v), mid - 5, mid + 5, stroke=colour, stroke_width="2"))
    parts.append(
        titled(
            "circle",
            cell_summary(row),
            cx=f"{sx(row['estimate']):.1f}",
            cy=coord(mid),
            r="4.5",
            fill=colour if row["is_flagged"] else "#ffffff",
            stroke=colour,
            stroke_width="2",
        )
    )
    return svg(width, height, parts, f"estimate {num(row['estimate'])} with its 95% CI", "ci")


def ci_scale(width: int = 130) -> Node:
    """Return the −1 / 0 / +1 axis labels that head the column of `ci_bar`s."""
    sx = scale(-1, 1, 8, width - 8)
    labels = [text(sx(v), 11, num(v, 0) if v <= 0 else "+1", "middle", 10) for v in (-1, 0, 1)]
    return svg(width, 14, labels, "correlation scale from −1 to +1", "ci")


def scatter_plot(
    points: list[tuple],
    x_label: str,
    y_label: str,
    width: int = 300,
    height: int = 240,
    y_domain: tuple[float, float] | None = None,
    changes: bool = False,
) -> Node:
    """Return a scatter of [(x, y, date, member)] with axes, one colour per member (and a legend when pooled).

    `y_domain` fixes the y axis (the same pillar range for every member); `changes` words the tooltips as changes.
    """
    if not points:
        return empty("No covered observations to plot.")
    left, right, top, bottom = 46, 12, 12, 40
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    y_lo, y_hi = y_domain if y_domain else (min(ys), max(ys))
    tx, ty = nice_ticks(min(xs), max(xs), 5), nice_ticks(min(y_lo, min(ys)), max(y_hi, max(ys)), 4)
    sx = scale(tx[0], tx[-1], left, width - right)
    sy = scale(ty[0], ty[-1], height - bottom, top)
    members = sorted({p[3] for p in points})
    colour = {m: MEMBER_PALETTE[i % len(MEMBER_PALETTE)] for i, m in enumerate(members)}
    parts = _y_grid(ty, sy, left, width - right)
    for t, label in zip(tx, tick_labels(tx)):
        parts.append(line(sx(t), sx(t), top, height - bottom, "grid"))
        parts.append(text(sx(t), height - bottom + 14, label, "middle", 10))
    parts.append(text((left + width - right) / 2, height - 6, x_label, "middle", 11))
    middle = (top + height - bottom) / 2
    parts.append(text(12, middle, y_label, "middle", 11, transform=f"rotate(-90 12 {middle:.1f})"))
    # Pooled points: say which colour is whom, under the axis title, wrapped to the width (not for a larger team,
    # whose colours repeat: a legend of hundreds of names would say nothing).
    if 1 < len(members) <= LEGEND_MEMBERS:
        x, y = left, height + 8
        for m in members:
            step = 24 + 6 * len(m)
            if x > left and x + step > width:
                x, y = left, y + 16
            parts.append(Node("circle", {"cx": x + 4, "cy": y, "r": "4", "fill": colour[m]}))
            parts.append(text(x + 12, y + 4, m, size=10))
            x += step
        height = y + 10
    change = " change" if changes else ""
    for x, y, d, m in points:
        parts.append(
            titled(
                "circle",
                f"{m} · {day(d)}: proxy{change} {num(x)}, score{change} {num(y)}",
                cx=f"{sx(x):.1f}",
                cy=f"{sy(y):.1f}",
                r="3.6",
                fill=colour[m],
                fill_opacity="0.75",
            )
        )
    return svg(width, height, parts, f"{x_label} against {y_label}")


def heatmap(unit: str, rows: list[dict], order: list[tuple[str, str]]) -> Node:
    """Return the grid of one member's cells (rows = pillar/proxy in `order`, columns = window × lag), one
    `rect.hm-cell` per row of `rows`; flagged cells (`is_flagged`) are outlined, cells without data hatched
    (insufficient data) or grey (no variation)."""
    windows = sorted({r["window_days"] for r in rows})
    lags = sorted({r["lag_days"] for r in rows})
    cw, ch, group_gap, pillar_gap = 46, 19, 8, 8
    label_w, top = 300, 46
    col_x = {}
    x = label_w
    for w in windows:
        for lag in lags:
            col_x[(w, lag)] = x
            x += cw
        x += group_gap
    width = x + 4
    row_y, y, previous = {}, top, None
    for pillar, proxy in order:
        if previous is not None and pillar != previous:
            y += pillar_gap
        row_y[(pillar, proxy)] = y
        y += ch
        previous = pillar
    height = y + 6
    parts = []
    for w in windows:  # two header rows: the window over its lags
        first = col_x[(w, lags[0])]
        span = cw * len(lags)
        parts.append(text(first + span / 2, 16, f"{w}-day window", "middle", 11, font_weight="600"))
        parts.append(line(first + 2, first + span - 2, 22, 22, "axis"))
        for lag in lags:
            parts.append(text(col_x[(w, lag)] + cw / 2, 37, f"lag {lag}", "middle", 10))
    previous = None
    for pillar, proxy in order:
        y0 = row_y[(pillar, proxy)]
        if pillar != previous:
            parts.append(text(4, y0 + 13, pillar, size=11, font_weight="600"))
            previous = pillar
        parts.append(text(label_w - 8, y0 + 13, proxy, "end", 11))
    outlines = []
    for r in rows:
        x0, y0 = col_x[(r["window_days"], r["lag_days"])], row_y[(r["pillar"], r["proxy"])]
        verdict = r.get("verdict") or ""
        if r.get("estimate") is not None:
            fill, label = diverging_colour(r["estimate"]), num(r["estimate"])
            ink = "#ffffff" if abs(r["estimate"]) > 0.6 else "#222222"
        elif verdict == "insufficient data":
            fill, label, ink = "url(#hatch)", "", "#222222"
        else:
            fill, label, ink = "#d4d4d4", "–", "#555555"
        parts.append(
            titled(
                "rect",
                cell_summary(r),
                class_="hm-cell",
                data_member=unit,
                data_verdict=verdict,
                x=x0 + 1,
                y=y0 + 1,
                width=cw - 2,
                height=ch - 2,
                fill=fill,
            )
        )
        if label:
            parts.append(text(x0 + cw / 2, y0 + 13, label, "middle", 10, fill=ink, pointer_events="none"))
        if r["is_flagged"]:  # drawn last so neighbouring cells never cover the outline
            outlines.append(
                Node(
                    "rect",
                    {
                        "class": "hm-flag",
                        "x": coord(x0 + 1.5),
                        "y": coord(y0 + 1.5),
                        "width": cw - 3,
                        "height": ch - 3,
                        "fill": "none",
                        "stroke": "#111111",
                        "stroke-width": "2.5",
                        "pointer-events": "none",
                    },
                )
            )
    return svg(width, height, parts + outlines, f"correlation grid of {unit}", "chart heatmap")


def heatmap_legend() -> Node:
    """Return the legend of the heatmap: the colour scale and the three special cell styles."""
    stops = [
        Node("stop", {"offset": f"{(v + 1) / 2:.2f}", "stop-color": diverging_colour(v)})
        for v in (-1, -0.5, -0.25, 0, 0.25, 0.5, 1)
    ]
    gradient = Node("linearGradient", {"id": "hm-scale", "x1": "0", "x2": "1", "y1": "0", "y2": "0"}, children=stops)
    parts = [
        Node("defs", children=[gradient]),
        text(0, 12, "estimate (Spearman ρ)", size=11, font_weight="600"),
        Node("rect", {"x": "0", "y": "20", "width": "180", "height": "12", "fill": "url(#hm-scale)", "stroke": "#999"}),
    ]
    for v in (-1, 0, 1):
        parts.append(text(180 * (v + 1) / 2, 46, num(v, 0), "middle", 10))
    swatches = [
        ({"fill": "#f7f7f7", "stroke": "#111111", "stroke-width": "2.5"}, "flagged after correction"),
        ({"fill": "url(#hatch)", "stroke": "#999"}, "insufficient data"),
        ({"fill": "#d4d4d4", "stroke": "#999"}, "no variation"),
    ]
    for i, (style, label) in enumerate(swatches):
        y = 62 + i * 24
        parts.append(Node("rect", {"x": "1.5", "y": y, "width": "40", "height": "16", **style}))
        parts.append(text(50, y + 12, label, size=11))
    return svg(200, 140, parts, "heatmap legend", "chart legend")


def coverage_timeline(spans: list[dict], score_window: tuple[date, date] | None, width: int = 1100) -> Node:
    """Return a timeline with one row per source table and one bar per covered span (marts.source_coverage rows);
    the period the score windows reach is shaded. Spans older than the axis start are clipped (marked ◀)."""
    label_w, right_w, top, rh = 170, 190, 24, 16
    sources = sorted({s["source_table"] for s in spans})
    end = max(s["covered_to"] for s in spans)
    earliest = min(s["covered_from"] for s in spans)
    # Connections cover all of history: the axis shows the period the analysis uses, older starts are clipped.
    if score_window:
        start, end = score_window[0] - timedelta(days=30), max(end, score_window[1])
    else:
        start = max(earliest, end - timedelta(days=365))
    sx = scale(start.toordinal(), end.toordinal(), label_w, width - right_w)
    height = top + rh * len(sources) + 26
    parts = []
    if score_window:
        x0, x1 = sx(score_window[0].toordinal()), sx(score_window[1].toordinal())
        parts.append(
            titled(
                "rect",
                f"days the score windows reach: {day(score_window[0])} → {day(score_window[1])}",
                x=f"{x0:.1f}",
                y=top - 4,
                width=f"{max(x1 - x0, 1):.1f}",
                height=rh * len(sources) + 4,
                fill="#fff3c4",
            )
        )
        parts.append(text(x0 + 3, 12, "reached by the score windows", size=10, fill="#8a6d00"))
    ticks = date_ticks(start, end, 8)
    for t in ticks:
        x = sx(t.toordinal())
        parts.append(line(x, x, top - 4, top + rh * len(sources), "grid"))
        parts.append(text(x, top + rh * len(sources) + 16, date_label(t, ticks), "middle", 10))
    for i, source in enumerate(sources):
        y = top + i * rh
        own = [s for s in spans if s["source_table"] == source]
        parts.append(text(label_w - 8, y + 11, source, "end", 11))
        for s in own:
            x0, x1 = sx(max(s["covered_from"], start).toordinal()), sx(s["covered_to"].toordinal())
            parts.append(
                titled(
                    "rect",
                    f"{source}: {day(s['covered_from'])} → {day(s['covered_to'])}",
                    x=f"{x0:.1f}",
                    y=y + 3,
                    width=f"{max(x1 - x0, 2):.1f}",
                    height=rh - 6,
                    rx="2",
                    fill="#4a7fb5",
                )
            )
            if s["covered_from"] < start:
                parts.append(text(x0 + 2, y + 11, "◀", "start", 9, fill="#ffffff", pointer_events="none"))
        spans_text = ", ".join(
            f"{'all history' if s['covers_all_history'] else day(s['covered_from'])} → {day(s['covered_to'])}"
            for s in own
        )
        parts.append(text(width - right_w + 8, y + 11, spans_text, size=10, fill="#555"))
    return svg(width, height, parts, "covered span per source", "chart timeline")


def gap_chart(scores: list[dict], gaps: list[dict], label: str, width: int = 560, height: int = 230) -> Node:
    """Return the SSI total over time (marts.ssi_scores rows) with each sharing gap (marts.sharing_gaps) shaded."""
    points = [(r["score_date"], r["total"]) for r in scores if r["total"] is not None]
    if not points:
        return empty("No recorded scores to draw the gaps against.")
    # Only the gaps the scores can speak about: older ones would squeeze the score line into a corner.
    gaps = [g for g in gaps if g["gap_end_on"] >= points[0][0] and g["gap_start_on"] <= points[-1][0]]
    left, right, top, bottom = 44, 12, 12, 34
    d0 = min([d for d, _ in points] + [g["gap_start_on"] for g in gaps])
    d1 = max([d for d, _ in points] + [g["gap_end_on"] for g in gaps])
    if d0 == d1:
        d0, d1 = d0 - timedelta(days=3), d1 + timedelta(days=3)
    ty = nice_ticks(min(v for _, v in points), max(v for _, v in points), 4)
    sx, sy = scale(d0.toordinal(), d1.toordinal(), left, width - right), scale(ty[0], ty[-1], height - bottom, top)
    parts = []
    for g in gaps:
        x0, x1 = sx(g["gap_start_on"].toordinal()), sx(g["gap_end_on"].toordinal() + 1)
        parts.append(
            titled(
                "rect",
                f"{g['gap_days']} days without sharing from {day(g['gap_start_on'])}",
                x=f"{x0:.1f}",
                y=top,
                width=f"{max(1.0, x1 - x0):.1f}",
                height=height - bottom - top,
                fill="#e9e2f5",
            )
        )
    parts += _y_grid(ty, sy, left, width - right)
    xt = date_ticks(d0, d1, 6)
    for t in xt:
        parts.append(text(sx(t.toordinal()), height - bottom + 16, date_label(t, xt), "middle", 10))
    path = " ".join(f"{sx(d.toordinal()):.1f},{sy(v):.1f}" for d, v in points)
    parts.append(Node("polyline", {"fill": "none", "stroke": TOTAL_COLOUR, "stroke-width": "2", "points": path}))
    parts += [
        titled(
            "circle",
            f"{day(d)}: {num(v)}",
            cx=f"{sx(d.toordinal()):.1f}",
            cy=f"{sy(v):.1f}",
            r="2.5",
            fill=TOTAL_COLOUR,
        )
        for d, v in points
    ]
    return svg(width, height, parts, label)
