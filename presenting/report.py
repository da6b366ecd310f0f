"""Render the warehouse as one self-contained HTML report: SSI history, strongest proxies, the correlation grid,
what the export can and cannot see, and data coverage.

The page loads nothing from anywhere: CSS is inline and every chart is SVG drawn here, so the file can be mailed,
archived or opened offline. Tooltips are SVG <title> elements (no JavaScript). Every text that comes from the data
(member names, proxies, file names) goes through `_e` because it comes from user files.
"""

from __future__ import annotations

import html
import math
import os
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import duckdb

from linkedin_ssi.ingest.ssi_columns import PILLAR_LABELS, PILLARS

# Okabe-Ito colours: distinguishable with the common colour-vision deficiencies.
PILLAR_COLOURS = {"brand": "#0072B2", "people": "#E69F00", "insights": "#009E73", "relationships": "#CC79A7"}
TOTAL_COLOUR = "#333333"
TOP_PROXIES = 3
NO_SCORES = "No data yet — run <code>linkedin-ssi ssi import</code> to record your SSI history."
NO_EXPORTS = "No data yet — run <code>linkedin-ssi ingest PATH</code> to load a LinkedIn export."
FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'


# ----------------------------------------------------------------------------------------------------------------------
# Reading the warehouse
# ----------------------------------------------------------------------------------------------------------------------


@dataclass
class ReportData:
    """Everything the report shows, read once from the warehouse (lists of row dicts)."""

    params: dict | None = None
    exports: list[dict] = field(default_factory=list)
    ledger: list[dict] = field(default_factory=list)
    coverage: list[dict] = field(default_factory=list)
    scores: list[dict] = field(default_factory=list)
    correlations: list[dict] = field(default_factory=list)
    catalog: list[dict] = field(default_factory=list)
    # (unit, pillar, proxy, window_days, lag_days, measure) -> [(proxy value or change, pillar score or change,
    # score_date, member)]
    scatter: dict[tuple, list[tuple]] = field(default_factory=dict)
    claims: object = None  # presenting.report_claims.ClaimsData (issue 12's section lives in its own module)


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> list[dict]:
    """Return the query's rows as dicts; [] when a table it reads does not exist (an empty or older warehouse)."""
    try:
        cursor = con.execute(sql, params or [])
    except duckdb.CatalogException:
        return []
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row)) for row in cursor.fetchall()]


def load_report_data(warehouse: Path) -> ReportData:
    """Return the report's data, read from the warehouse file opened read-only (and closed again)."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        # Otherwise a missing table would be looked up among this module's Python variables (e.g. `params`).
        con.execute("set python_enable_replacements = false")
        params = _rows(con, "select * from config.params")
        data = ReportData(
            params=params[0] if params else None,
            exports=_rows(con, "select * from raw.exports order by member, exported_at"),
            ledger=_rows(con, "select * from raw.load_ledger order by export_id, source_file"),
            coverage=_rows(con, "select _member as member, source_table, span_number, covered_from, covered_to "
                                "from intermediate.int_source_coverage_spanned order by 1, 2, 3"),
            scores=_rows(con, "select * from marts.ssi_scores order by member, score_date"),
            correlations=_rows(con, "select * from marts.pillar_correlations "
                                    "order by member, pillar, proxy, window_days, lag_days, measure, method"),
            # No order by: the catalog's insertion order is the mapping's reading order (posts before articles).
            catalog=_rows(con, "select * from marts.proxy_catalog"),
        )
        from linkedin_ssi.presenting.report_claims import load_claims

        data.claims = load_claims(con)
        for unit in correlation_units(data.correlations):
            for pillar in PILLARS:
                best = strongest_cells(data.correlations, unit, pillar)
                if best and best[0]["estimate"] is not None:
                    cell = best[0]
                    key = (unit, pillar, cell["proxy"], cell["window_days"], cell["lag_days"], cell["measure"])
                    data.scatter[key] = _scatter_points(con, *key)
        return data
    finally:
        con.close()


def _scatter_points(con: duckdb.DuckDBPyConnection, unit: str, pillar: str, proxy: str, window: int,
                    lag: int, measure: str = "level") -> list[tuple]:
    """Return [(x, y, score_date, member)] for one cell: the very pairs its correlation was computed on, levels or
    changes between consecutive scores as the cell's `measure` says ('all' pools the members' raw pairs)."""
    rows = _rows(con, """
        select x, y, score_date, member from intermediate.int_proxy_observations_paired
        where pillar = ? and proxy = ? and window_days = ? and lag_days = ? and measure = ?
          and (? = 'all' or member = ?)
        order by score_date, member""", [pillar, proxy, window, lag, measure, unit, unit])
    return [(r["x"], r["y"], r["score_date"], r["member"]) for r in rows]


def correlation_units(correlations: list[dict]) -> list[str]:
    """Return the members of the correlation grid, the pooled 'all' last."""
    units = sorted({r["member"] for r in correlations})
    return [u for u in units if u != "all"] + (["all"] if "all" in units else [])


def is_flagged(row: dict) -> bool:
    """Return True when the cell survives the multiple-testing correction."""
    return str(row.get("verdict") or "").endswith("association")


def strongest_cells(correlations: list[dict], unit: str, pillar: str, top: int = TOP_PROXIES) -> list[dict]:
    """Return up to `top` spearman cells of one pillar, one per proxy (its strongest cell), strongest |estimate|
    first: flagged cells only when any is flagged, else the strongest unflagged ones (the caller says so)."""
    cells = [r for r in correlations if r["member"] == unit and r["pillar"] == pillar
             and r["method"] == "spearman" and r["estimate"] is not None]
    flagged = [r for r in cells if is_flagged(r)]
    best_per_proxy: dict[str, dict] = {}
    for row in sorted(flagged or cells, key=lambda r: -abs(r["estimate"])):
        best_per_proxy.setdefault(row["proxy"], row)
    return list(best_per_proxy.values())[:top]


# ----------------------------------------------------------------------------------------------------------------------
# Small formatting and SVG helpers
# ----------------------------------------------------------------------------------------------------------------------


def _e(value) -> str:
    """Return `value` as HTML-escaped text (quotes too, so it is safe inside attributes)."""
    return html.escape("" if value is None else str(value), quote=True)


def _num(value, digits: int = 2) -> str:
    """Return a number with `digits` decimals and a real minus sign, or an en dash for None/NaN."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{value:.{digits}f}"
    if float(text) == 0:  # no "−0.00" for a tiny negative
        text = f"{0:.{digits}f}"
    return text.replace("-", "−")


def _day(value) -> str:
    """Return a date or timestamp as YYYY-MM-DD (timestamps in UTC)."""
    if value is None:
        return "–"
    if isinstance(value, datetime):
        value = value.astimezone(timezone.utc) if value.tzinfo else value
        return value.strftime("%Y-%m-%d")
    return value.isoformat()


def _stamp(value) -> str:
    """Return a timestamp as 'YYYY-MM-DD HH:MM UTC'."""
    if not isinstance(value, datetime):
        return _day(value)
    value = value.astimezone(timezone.utc) if value.tzinfo else value
    return value.strftime("%Y-%m-%d %H:%M UTC")


def _scale(d0: float, d1: float, r0: float, r1: float):
    """Return a linear map from the domain [d0, d1] to the range [r0, r1] (a flat domain maps to the middle)."""
    if d1 == d0:
        return lambda v: (r0 + r1) / 2
    return lambda v: r0 + (v - d0) * (r1 - r0) / (d1 - d0)


def nice_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    """Return round tick values covering [lo, hi] (about `count` of them)."""
    if hi <= lo:
        lo, hi = lo - 1, hi + 1
    raw = (hi - lo) / max(count, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = math.floor(lo / step) * step
    ticks, v = [], start
    while v <= hi + step * 1e-9:
        ticks.append(round(v, 10))
        v += step
    if ticks[-1] < hi:
        ticks.append(round(v, 10))
    return ticks


def tick_labels(ticks: list[float]) -> list[str]:
    """Return tick labels with just enough decimals for the step between ticks (2.5 -> one decimal)."""
    step = abs(ticks[1] - ticks[0]) if len(ticks) > 1 else 1.0
    digits = 0
    while digits < 4 and abs(step * 10 ** digits - round(step * 10 ** digits)) > 1e-6:
        digits += 1
    return [_num(t, digits) for t in ticks]


def date_ticks(d0: date, d1: date, max_ticks: int = 7) -> list[date]:
    """Return tick dates between d0 and d1: days or weeks for short spans, first-of-month steps for longer ones."""
    span = (d1 - d0).days
    for step in (1, 2, 7, 14):
        if span / step <= max_ticks:
            return [d0 + timedelta(days=i) for i in range(0, span + 1, step)]
    for months in (1, 2, 3, 6, 12, 24, 60, 120):
        if span / (30.44 * months) <= max_ticks:
            break
    ticks, year, month = [], d0.year, d0.month
    while True:
        if (month - 1) % months == 0 or months == 1:
            tick = date(year, month, 1)
            if tick > d1:
                return ticks
            if tick >= d0:
                ticks.append(tick)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _tick_label(d: date, ticks: list[date]) -> str:
    """Return a short date label: 'Apr 2026' for month ticks, '12 Apr' for day ticks."""
    if all(t.day == 1 for t in ticks) and len(ticks) > 1:
        return d.strftime("%b %Y")
    return d.strftime("%d %b").lstrip("0")


def _svg(width: int, height: int, body: str, label: str, css_class: str = "chart") -> str:
    """Return an inline SVG element with an accessible label."""
    return (f'<svg class="{css_class}" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" role="img" aria-label="{_e(label)}">{body}</svg>')


def _text(x: float, y: float, text: str, anchor: str = "start", size: int = 11, extra: str = "") -> str:
    """Return an SVG <text>; `text` must already be escaped."""
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" {extra}>{text}</text>'


def diverging_colour(value: float) -> str:
    """Return a blue (−1) — near-white (0) — red (+1) colour for a correlation."""
    t = max(-1.0, min(1.0, value))
    mid, end = (247, 247, 247), ((178, 24, 43) if t > 0 else (33, 102, 172))
    a = abs(t) ** 0.85  # a little boost so weak but non-zero cells are still tinted
    r, g, b = (round(m + (e - m) * a) for m, e in zip(mid, end))
    return f"#{r:02x}{g:02x}{b:02x}"


# ----------------------------------------------------------------------------------------------------------------------
# Charts
# ----------------------------------------------------------------------------------------------------------------------


def line_chart(series: list[tuple[str, str, list[tuple[date, float]]]], label: str, width: int = 560,
               height: int = 250, y_domain: tuple[float, float] | None = None) -> str:
    """Return an SVG time-series chart of `series` [(name, colour, [(date, value)])] with axes and a legend.

    `y_domain` fixes the y axis (so charts of different members can be compared at a glance); it is widened, never
    clipped, if a value falls outside it.
    """
    points = [(d, v) for _, _, pts in series for d, v in pts if v is not None]
    if not points:
        return '<p class="empty">No values to plot.</p>'
    left, right, top, bottom = 44, 12, 12, 50
    d0, d1 = min(d for d, _ in points), max(d for d, _ in points)
    if d0 == d1:
        d0, d1 = d0 - timedelta(days=3), d1 + timedelta(days=3)
    lo, hi = min(v for _, v in points), max(v for _, v in points)
    if y_domain:
        lo, hi = min(lo, y_domain[0]), max(hi, y_domain[1])
    ticks_y = nice_ticks(lo, hi, 4)
    sx = _scale(d0.toordinal(), d1.toordinal(), left, width - right)
    sy = _scale(ticks_y[0], ticks_y[-1], height - bottom, top)
    parts = []
    for t, text in zip(ticks_y, tick_labels(ticks_y)):
        parts.append(f'<line class="grid" x1="{left}" x2="{width - right}" y1="{sy(t):.1f}" y2="{sy(t):.1f}"/>')
        parts.append(_text(left - 6, sy(t) + 4, _e(text), "end", 10))
    xt = date_ticks(d0, d1, 6)
    for t in xt:
        x = sx(t.toordinal())
        parts.append(f'<line class="axis" x1="{x:.1f}" x2="{x:.1f}" y1="{height - bottom}" y2="{height - bottom + 4}"/>')
        parts.append(_text(x, height - bottom + 16, _e(_tick_label(t, xt)), "middle", 10))
    parts.append(f'<line class="axis" x1="{left}" x2="{width - right}" y1="{height - bottom}" y2="{height - bottom}"/>')
    for name, colour, pts in series:
        pts = [(d, v) for d, v in pts if v is not None]
        path = " ".join(f"{sx(d.toordinal()):.1f},{sy(v):.1f}" for d, v in pts)
        parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{path}"/>')
        for d, v in pts:
            parts.append(f'<circle cx="{sx(d.toordinal()):.1f}" cy="{sy(v):.1f}" r="2.6" fill="{colour}">'
                         f'<title>{_e(name)} · {_e(_day(d))}: {_e(_num(v))}</title></circle>')
    x = left
    for name, colour, _ in series:  # legend under the axis labels
        parts.append(f'<rect x="{x}" y="{height - 18}" width="12" height="4" fill="{colour}"/>')
        parts.append(_text(x + 16, height - 12, _e(name), size=11))
        x += 24 + 6.5 * len(name)
    return _svg(width, height, "".join(parts), label)


def ci_bar(row: dict, width: int = 130, height: int = 22) -> str:
    """Return a small SVG error bar of the row's estimate and 95% CI on a −1..1 axis."""
    sx = _scale(-1, 1, 8, width - 8)
    mid = height / 2
    colour = diverging_colour(row["estimate"]) if abs(row["estimate"]) > 0.25 else "#666666"
    lo, hi = row.get("ci_low"), row.get("ci_high")
    parts = [f'<line class="axis" x1="{sx(-1):.1f}" x2="{sx(1):.1f}" y1="{mid}" y2="{mid}" stroke-opacity="0.35"/>',
             f'<line class="zero" x1="{sx(0):.1f}" x2="{sx(0):.1f}" y1="2" y2="{height - 2}"/>']
    if lo is not None and hi is not None:
        parts.append(f'<line x1="{sx(lo):.1f}" x2="{sx(hi):.1f}" y1="{mid}" y2="{mid}" stroke="{colour}" '
                     f'stroke-width="2.5"/>')
        for v in (lo, hi):
            parts.append(f'<line x1="{sx(v):.1f}" x2="{sx(v):.1f}" y1="{mid - 5}" y2="{mid + 5}" stroke="{colour}" '
                         f'stroke-width="2"/>')
    fill = colour if is_flagged(row) else "#ffffff"
    parts.append(f'<circle cx="{sx(row["estimate"]):.1f}" cy="{mid}" r="4.5" fill="{fill}" stroke="{colour}" '
                 f'stroke-width="2"><title>{_e(_cell_summary(row))}</title></circle>')
    return _svg(width, height, "".join(parts), f"estimate {_num(row['estimate'])} with its 95% CI", "ci")


def ci_scale(width: int = 130) -> str:
    """Return the −1 / 0 / +1 axis labels that head the column of `ci_bar`s."""
    sx = _scale(-1, 1, 8, width - 8)
    labels = "".join(_text(sx(v), 11, _num(v, 0) if v <= 0 else "+1", "middle", 10) for v in (-1, 0, 1))
    return _svg(width, 14, labels, "correlation scale from −1 to +1", "ci")


def scatter_plot(points: list[tuple], x_label: str, y_label: str, width: int = 300, height: int = 240,
                 y_domain: tuple[float, float] | None = None, changes: bool = False) -> str:
    """Return an SVG scatter of [(x, y, date, member)] with axes, one colour per member.

    `y_domain` fixes the y axis (the same pillar range for every member); `changes` words the tooltips as changes.
    """
    if not points:
        return '<p class="empty">No covered observations to plot.</p>'
    left, right, top, bottom = 46, 12, 12, 40
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    y_lo, y_hi = y_domain if y_domain else (min(ys), max(ys))
    tx, ty = nice_ticks(min(xs), max(xs), 5), nice_ticks(min(y_lo, min(ys)), max(y_hi, max(ys)), 4)
    sx = _scale(tx[0], tx[-1], left, width - right)
    sy = _scale(ty[0], ty[-1], height - bottom, top)
    members = sorted({p[3] for p in points})
    palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"]
    colour = {m: palette[i % len(palette)] for i, m in enumerate(members)}
    parts = []
    for t, text in zip(ty, tick_labels(ty)):
        parts.append(f'<line class="grid" x1="{left}" x2="{width - right}" y1="{sy(t):.1f}" y2="{sy(t):.1f}"/>')
        parts.append(_text(left - 6, sy(t) + 4, _e(text), "end", 10))
    for t, text in zip(tx, tick_labels(tx)):
        parts.append(f'<line class="grid" x1="{sx(t):.1f}" x2="{sx(t):.1f}" y1="{top}" y2="{height - bottom}"/>')
        parts.append(_text(sx(t), height - bottom + 14, _e(text), "middle", 10))
    parts.append(_text((left + width - right) / 2, height - 6, _e(x_label), "middle", 11))
    parts.append(_text(12, (top + height - bottom) / 2, _e(y_label), "middle", 11,
                       f'transform="rotate(-90 12 {(top + height - bottom) / 2:.1f})"'))
    if len(members) > 1:  # pooled points: say which colour is whom, under the axis title, wrapped to the width
        x, y = left, height + 8
        for m in members:
            step = 24 + 6 * len(m)
            if x > left and x + step > width:
                x, y = left, y + 16
            parts.append(f'<circle cx="{x + 4}" cy="{y}" r="4" fill="{colour[m]}"/>')
            parts.append(_text(x + 12, y + 4, _e(m), size=10))
            x += step
        height = y + 10
    for x, y, d, m in points:
        parts.append(f'<circle cx="{sx(x):.1f}" cy="{sy(y):.1f}" r="3.6" fill="{colour[m]}" fill-opacity="0.75">'
                     f'<title>{_e(m)} · {_e(_day(d))}: proxy{" change" if changes else ""} {_e(_num(x))}, '
                     f'score{" change" if changes else ""} {_e(_num(y))}</title></circle>')
    return _svg(width, height, "".join(parts), f"{x_label} against {y_label}")


def _cell_summary(row: dict) -> str:
    """Return a one-cell description for tooltips (unescaped)."""
    lines = [f"{row['pillar']} / {row['proxy']} · {row['window_days']}-day window, lag {row['lag_days']} · "
             f"{row['method']} {row['measure']}"]
    if row.get("estimate") is not None:
        lines.append(f"estimate {_num(row['estimate'])}, 95% CI [{_num(row.get('ci_low'))}, {_num(row.get('ci_high'))}]")
    lines.append(f"n = {row.get('n') if row.get('n') is not None else 0}, n_eff = {_num(row.get('n_eff'), 1)}, "
                 f"q = {_num(row.get('q_value'), 3)}")
    lines.append(str(row.get("verdict")))
    return "\n".join(lines)


def heatmap(unit: str, rows: list[dict], proxy_order: list[tuple[str, str]]) -> str:
    """Return the SVG grid of one member's cells (rows = pillar/proxy, columns = window × lag), one
    `rect.hm-cell` per row of `rows`, flagged cells outlined and cells without data hatched or grey."""
    windows = sorted({r["window_days"] for r in rows})
    lags = sorted({r["lag_days"] for r in rows})
    present = {(r["pillar"], r["proxy"]) for r in rows}
    order = [k for k in proxy_order if k in present] + sorted(present - set(proxy_order),
                                                               key=lambda k: (_pillar_rank(k[0]), k[1]))
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
        parts.append(_text(first + span / 2, 16, f"{w}-day window", "middle", 11, 'font-weight="600"'))
        parts.append(f'<line class="axis" x1="{first + 2}" x2="{first + span - 2}" y1="22" y2="22"/>')
        for lag in lags:
            parts.append(_text(col_x[(w, lag)] + cw / 2, 37, f"lag {lag}", "middle", 10))
    previous = None
    for pillar, proxy in order:
        y0 = row_y[(pillar, proxy)]
        if pillar != previous:
            parts.append(_text(4, y0 + 13, _e(pillar), size=11, extra='font-weight="600"'))
            previous = pillar
        parts.append(_text(label_w - 8, y0 + 13, _e(proxy), "end", 11))
    outlines = []
    for r in rows:
        x0, y0 = col_x[(r["window_days"], r["lag_days"])], row_y[(r["pillar"], r["proxy"])]
        verdict = r.get("verdict") or ""
        if r.get("estimate") is not None:
            fill, label = diverging_colour(r["estimate"]), _num(r["estimate"])
            ink = "#ffffff" if abs(r["estimate"]) > 0.6 else "#222222"
        elif verdict == "insufficient data":
            fill, label, ink = "url(#hatch)", "", "#222222"
        else:
            fill, label, ink = "#d4d4d4", "–", "#555555"
        parts.append(f'<rect class="hm-cell" data-member="{_e(unit)}" data-verdict="{_e(verdict)}" x="{x0 + 1}" '
                     f'y="{y0 + 1}" width="{cw - 2}" height="{ch - 2}" fill="{fill}">'
                     f'<title>{_e(_cell_summary(r))}</title></rect>')
        if label:
            parts.append(_text(x0 + cw / 2, y0 + 13, _e(label), "middle", 10, f'fill="{ink}" pointer-events="none"'))
        if is_flagged(r):  # drawn last so neighbouring cells never cover the outline
            outlines.append(f'<rect class="hm-flag" x="{x0 + 1.5}" y="{y0 + 1.5}" width="{cw - 3}" '
                            f'height="{ch - 3}" fill="none" stroke="#111111" stroke-width="2.5" pointer-events="none"/>')
    return _svg(width, height, "".join(parts + outlines), f"correlation grid of {unit}", "chart heatmap")


def heatmap_legend() -> str:
    """Return the SVG legend of the heatmap: the colour scale and the three special cell styles."""
    stops = "".join(f'<stop offset="{(v + 1) / 2:.2f}" stop-color="{diverging_colour(v)}"/>'
                    for v in (-1, -0.5, -0.25, 0, 0.25, 0.5, 1))
    parts = [f'<defs><linearGradient id="hm-scale" x1="0" x2="1" y1="0" y2="0">{stops}</linearGradient></defs>',
             _text(0, 12, "estimate (Spearman ρ)", size=11, extra='font-weight="600"'),
             '<rect x="0" y="20" width="180" height="12" fill="url(#hm-scale)" stroke="#999"/>']
    for v in (-1, 0, 1):
        parts.append(_text(180 * (v + 1) / 2, 46, _num(v, 0), "middle", 10))
    swatches = [('fill="#f7f7f7" stroke="#111111" stroke-width="2.5"', "flagged after correction"),
                ('fill="url(#hatch)" stroke="#999"', "insufficient data"),
                ('fill="#d4d4d4" stroke="#999"', "no variation")]
    for i, (style, text) in enumerate(swatches):
        y = 62 + i * 24
        parts.append(f'<rect x="1.5" y="{y}" width="40" height="16" {style}/>')
        parts.append(_text(50, y + 12, text, size=11))
    return _svg(200, 140, "".join(parts), "heatmap legend", "chart legend")


def _span_start(day: date) -> str:
    """Return a span's first day, or 'all history' for the 1900-01-01 sentinel of files that list everything."""
    return "all history" if day.year <= 1900 else _day(day)


def coverage_timeline(spans: list[dict], score_window: tuple[date, date] | None, width: int = 1100) -> str:
    """Return an SVG timeline with one row per source table and one bar per covered span; the period the score
    windows reach is shaded. Spans older than the axis start are clipped (marked with an arrow)."""
    label_w, right_w, top, rh = 170, 190, 24, 16
    sources = sorted({s["source_table"] for s in spans})
    end = max(s["covered_to"] for s in spans)
    earliest = min(s["covered_from"] for s in spans)
    # Connections start in 1900 ("all of history"): the axis shows the period the analysis uses, older starts
    # are clipped and marked.
    if score_window:
        start, end = score_window[0] - timedelta(days=30), max(end, score_window[1])
    else:
        start = max(earliest, end - timedelta(days=365))
    sx = _scale(start.toordinal(), end.toordinal(), label_w, width - right_w)
    height = top + rh * len(sources) + 26
    parts = []
    if score_window:
        x0, x1 = sx(score_window[0].toordinal()), sx(score_window[1].toordinal())
        parts.append(f'<rect x="{x0:.1f}" y="{top - 4}" width="{max(x1 - x0, 1):.1f}" height="{rh * len(sources) + 4}" '
                     f'fill="#fff3c4"><title>days the score windows reach: {_day(score_window[0])} → '
                     f'{_day(score_window[1])}</title></rect>')
        parts.append(_text(x0 + 3, 12, "reached by the score windows", size=10, extra='fill="#8a6d00"'))
    ticks = date_ticks(start, end, 8)
    for t in ticks:
        x = sx(t.toordinal())
        parts.append(f'<line class="grid" x1="{x:.1f}" x2="{x:.1f}" y1="{top - 4}" y2="{top + rh * len(sources)}"/>')
        parts.append(_text(x, top + rh * len(sources) + 16, _e(_tick_label(t, ticks)), "middle", 10))
    for i, source in enumerate(sources):
        y = top + i * rh
        own = [s for s in spans if s["source_table"] == source]
        parts.append(_text(label_w - 8, y + 11, _e(source), "end", 11))
        for s in own:
            clipped = s["covered_from"] < start
            x0, x1 = sx(max(s["covered_from"], start).toordinal()), sx(s["covered_to"].toordinal())
            parts.append(f'<rect x="{x0:.1f}" y="{y + 3}" width="{max(x1 - x0, 2):.1f}" height="{rh - 6}" rx="2" '
                         f'fill="#4a7fb5"><title>{_e(source)}: {_e(_day(s["covered_from"]))} → '
                         f'{_e(_day(s["covered_to"]))}</title></rect>')
            if clipped:
                parts.append(_text(x0 + 2, y + 11, "◀", "start", 9, 'fill="#ffffff" pointer-events="none"'))
        text = ", ".join(f"{_span_start(s['covered_from'])} → {_day(s['covered_to'])}" for s in own)
        parts.append(_text(width - right_w + 8, y + 11, _e(text), size=10, extra='fill="#555"'))
    return _svg(width, height, "".join(parts), "covered span per source", "chart timeline")


# ----------------------------------------------------------------------------------------------------------------------
# Sections
# ----------------------------------------------------------------------------------------------------------------------


def _pillar_rank(pillar: str) -> int:
    """Return the pillar's position in LinkedIn's order (unknown pillars last)."""
    return PILLARS.index(pillar) if pillar in PILLARS else len(PILLARS)


def _member_names(data: ReportData) -> dict[str, str]:
    """Return {member key: display name from the newest export}."""
    names = {}
    for row in data.exports:
        if row.get("member_name"):
            names[row["member"]] = row["member_name"]
    return names


def _who(member: str, names: dict[str, str]) -> str:
    """Return an escaped display label: 'Name (key)', or the key alone, or the pooled team."""
    if member == "all":
        return "All members (pooled, each centred on their own mean)"
    name = names.get(member)
    return f"{_e(name)} <span class=\"key\">({_e(member)})</span>" if name and name != member else _e(member)


def _empty(message: str) -> str:
    """Return the friendly placeholder shown where a section has no data."""
    return f'<p class="empty">{message}</p>'


def summary_section(data: ReportData, generated: datetime) -> str:
    """Return the title and the one-paragraph summary."""
    names = _member_names(data)
    members = sorted({r["member"] for r in data.scores} | {r["member"] for r in data.exports})
    tested = [r for r in data.correlations if r.get("estimate") is not None]
    flagged = [r for r in data.correlations if is_flagged(r)]
    params = data.params or {}
    correction = {"holm": "Holm (family-wise error)", "bh": "Benjamini–Hochberg (false discovery rate)"}.get(
        params.get("correction"), str(params.get("correction") or "unknown"))
    parts = [f"{len(members)} member{'s' if len(members) != 1 else ''}"
             + (": " + ", ".join(_who(m, names) for m in members) if members else ""),
             f"{len(data.exports)} export{'s' if len(data.exports) != 1 else ''} loaded"]
    made = [r["exported_at"] for r in data.exports if r.get("exported_at") is not None]
    if made:
        parts[-1] += f" (made {_day(min(made))} to {_day(max(made))})"
    if data.scores:
        parts.append(f"{len(data.scores)} recorded SSI scores from {_day(data.scores[0]['score_date'])} to "
                     f"{_day(max(r['score_date'] for r in data.scores))}")
    else:
        parts.append("no recorded SSI scores yet")
    text = "; ".join(parts) + ". "
    if tested:
        grid = [r for r in flagged if r["method"] == "spearman" and r["measure"] == "change"]
        text += (f"Of {len(data.correlations):,} correlation cells ({len(tested):,} with enough data to test), "
                 f"<strong>{len(flagged)} are flagged</strong> as an association after the {_e(correction)} "
                 f"correction at α = {_e(params.get('alpha'))} over each member's whole grid "
                 f"({len(grid)} of them in the Spearman/change grid of section 3).")
    else:
        text += "No correlation could be tested yet: the analysis needs recorded SSI scores and exports that cover them."
    return (f'<header><h1>LinkedIn SSI report</h1><p class="summary">{text}</p>'
            f'<p class="meta">Generated {_e(_stamp(generated))}.</p></header>')


def ssi_section(data: ReportData) -> str:
    """Return section 1: the SSI total and the four pillars over time, per member."""
    body = ['<h2>1. SSI over time</h2>']
    if not data.scores:
        return _section("ssi", body + [_empty(NO_SCORES)])
    names = _member_names(data)
    total_range, pillar_range = shared_range(data.scores, ["total"]), shared_range(data.scores, PILLARS)
    for member in sorted({r["member"] for r in data.scores}):
        rows = [r for r in data.scores if r["member"] == member]
        total = [("SSI total (0–100)", TOTAL_COLOUR, [(r["score_date"], r["total"]) for r in rows])]
        pillars = [(p, PILLAR_COLOURS[p], [(r["score_date"], r.get(p)) for r in rows]) for p in PILLARS]
        body.append(f'<h3>{_who(member, names)}</h3><div class="row">'
                    f'{line_chart(total, f"SSI total of {member}", y_domain=total_range)}'
                    f'{line_chart(pillars, f"SSI pillars of {member}", y_domain=pillar_range)}</div>')
    body.append('<p class="note">Pillars are scored 0–25 each and add up to the total. Every member\'s charts share '
                'the same axes, so their heights can be compared. Hover a point for its value.</p>')
    return _section("ssi", body)


def shared_range(scores: list[dict], columns) -> tuple[float, float] | None:
    """Return (lowest, highest) of `columns` over every member's scores: one axis range for all members, so the
    same height means the same score in every member's chart. None without values."""
    values = [r[c] for r in scores for c in columns if r.get(c) is not None]
    return (min(values), max(values)) if values else None


def strongest_section(data: ReportData) -> str:
    """Return section 2: per pillar, its strongest proxies with estimate, CI, n, n_eff and a scatter of the best."""
    body = ['<h2>2. Strongest proxies per pillar</h2>']
    if not data.scores:
        return _section("strongest", body + [_empty(NO_SCORES)])
    units = correlation_units(data.correlations)
    if not units:
        return _section("strongest", body + [_empty("No correlation has been computed yet: run "
                                                    "<code>linkedin-ssi build</code>.")])
    body.append('<p class="note">Spearman rank correlations (the default reading), the strongest cell of each proxy '
                'over all windows, lags and both measures (<em>level</em>: proxy against score; <em>change</em>: '
                'change in proxy against change in score). Bars are 95% confidence intervals; a filled dot survived '
                'the multiple-testing correction; the intervals themselves are per cell, not corrected, so a bar '
                'clear of 0 can still be <em>no evidence</em> once every test of the grid is counted (the row says '
                'so). The scatter shows the pairs behind the best cell: levels, or changes between consecutive '
                'scores for a <em>change</em> cell.</p>')
    names = _member_names(data)
    alpha = (data.params or {}).get("alpha") or 0.05
    pillar_range = shared_range(data.scores, PILLARS)
    for unit in units:
        tests = sum(1 for r in data.correlations if r["member"] == unit and r.get("p_value") is not None)
        body.append(f'<h3>{_who(unit, names)}</h3>')
        for pillar in PILLARS:
            body.append(_pillar_card(data, unit, pillar, tests, alpha, pillar_range))
    return _section("strongest", body)


def _p(value: float) -> str:
    """Return a p-value as read in a sentence: '= 0.003', or '< 0.001'."""
    return "< 0.001" if value < 0.001 else f"= {value:.3f}"


def correction_note(row: dict, tests: int, alpha: float) -> str:
    """Return why an unflagged cell whose own p or CI looks significant is still 'no evidence' ('' otherwise):
    the correction over the `tests` of the member's grid (unescaped text)."""
    if is_flagged(row) or row.get("p_value") is None:
        return ""
    p = row["p_value"]
    if p < alpha:
        return f"not significant after correcting for {tests:,} tests (raw p {_p(p)})"
    lo, hi = row.get("ci_low"), row.get("ci_high")
    if lo is not None and hi is not None and (lo > 0 or hi < 0):
        return f"not significant even before correcting for {tests:,} tests (raw p {_p(p)}; the interval is approximate)"
    return ""


def _pillar_card(data: ReportData, unit: str, pillar: str, tests: int = 0, alpha: float = 0.05,
                 pillar_range: tuple[float, float] | None = None) -> str:
    """Return one pillar's card: the top cells as a table with CI bars, and the scatter of the best one.

    `tests` is the size of the unit's corrected family (for the rows' notes), `pillar_range` the shared y axis."""
    cells = strongest_cells(data.correlations, unit, pillar)
    head = (f'<div class="card"><h4><span class="dot" style="background:{PILLAR_COLOURS[pillar]}"></span>'
            f'{_e(pillar)} <span class="muted">— {_e(PILLAR_LABELS[pillar])}</span></h4>')
    if not cells:
        return head + _empty("No cell of this pillar has enough covered observations to estimate.") + "</div>"
    note = "" if is_flagged(cells[0]) else (
        '<p class="warn">No Spearman cell of this pillar survives the multiple-testing correction: these are the '
        'strongest cells, all with verdict <em>no evidence</em>. Read them as noise until more scores are '
        'recorded.</p>')
    rows = "".join(
        f'<tr><td class="proxy">{_e(c["proxy"])}</td>'
        f'<td>{_e(c["window_days"])} d · lag {_e(c["lag_days"])} · {_e(c["measure"])}</td>'
        f'<td class="num"><strong>{_e(_num(c["estimate"]))}</strong> '
        f'[{_e(_num(c.get("ci_low")))}, {_e(_num(c.get("ci_high")))}]</td>'
        f'<td>{ci_bar(c)}</td><td class="num">{_e(c.get("n"))}</td><td class="num">{_e(_num(c.get("n_eff"), 1))}</td>'
        f'<td>{_verdict_badge(c)}{_why(correction_note(c, tests, alpha))}</td></tr>'
        for c in cells)
    table = ('<table class="cells"><thead><tr><th>proxy</th><th>window · lag · measure</th>'
             f'<th class="num">estimate [95% CI]</th><th>{ci_scale()}</th><th class="num">n</th>'
             '<th class="num">n_eff</th><th>verdict (q)</th></tr></thead>'
             f'<tbody>{rows}</tbody></table>')
    best = cells[0]
    change = best["measure"] == "change"
    points = data.scatter.get((unit, pillar, best["proxy"], best["window_days"], best["lag_days"], best["measure"]), [])
    window = f"{best['window_days']}-day window, lag {best['lag_days']}"
    if change:  # changes between consecutive scores, around 0: a level range would squash them
        scatter = scatter_plot(points, f"change in {best['proxy']} ({window})", f"change in {pillar} score",
                               changes=True)
    else:
        scatter = scatter_plot(points, f"{best['proxy']} ({window})", f"{pillar} score", y_domain=pillar_range)
    reading = _reading(best, correction_note(best, tests, alpha))
    return (f'{head}{note}<div class="row"><div class="grow">{table}<p class="reading">{reading}</p></div>'
            f'<div>{scatter}</div></div></div>')


def _why(note: str) -> str:
    """Return a row's correction note under its verdict badge ('' without one)."""
    return f'<div class="why">{_e(note)}</div>' if note else ""


def _reading(cell: dict, why: str = "") -> str:
    """Return one escaped plain-language sentence for a cell (cautious wording: an association, not an effect);
    `why` is its correction note, if any."""
    up = cell["estimate"] > 0
    lag = cell["lag_days"]
    window = f"the {cell['window_days']} days " + (
        "before the score" if not lag else f"ending {lag} day{'s' if lag != 1 else ''} before the score")
    if cell["measure"] == "change":
        sentence = (f"Between consecutive recorded scores, <em>{_e(cell['pillar'])}</em> tended to "
                    f"{'rise' if up else 'fall'} more when <code>{_e(cell['proxy'])}</code> over {_e(window)} rose more")
    else:
        sentence = (f"<em>{_e(cell['pillar'])}</em> tended to be {'higher' if up else 'lower'} when "
                    f"<code>{_e(cell['proxy'])}</code> over {_e(window)} was higher")
    sentence += (f" (ρ = {_e(_num(cell['estimate']))}, 95% CI {_e(_num(cell.get('ci_low')))} to "
                 f"{_e(_num(cell.get('ci_high')))}, n = {_e(cell.get('n'))}, n_eff = {_e(_num(cell.get('n_eff'), 1))}).")
    if not is_flagged(cell):
        lead = _e(why[0].upper() + why[1:]) if why else "Not significant after correction"
        sentence = f"{lead} — " + sentence[0].lower() + sentence[1:]
    return sentence


def _verdict_badge(row: dict) -> str:
    """Return the row's verdict as a short coloured badge with its q-value."""
    verdict = row.get("verdict") or ""
    kind = {"positive association": "pos", "negative association": "neg"}.get(verdict, "none")
    return (f'<span class="badge {kind}" title="{_e(verdict)}">{_e(verdict.replace(" association", ""))}</span> '
            f'<span class="muted nowrap">(q = {_e(_num(row.get("q_value"), 3))})</span>')


def heatmap_section(data: ReportData) -> str:
    """Return section 3: the spearman/change correlation grid per member, as a heatmap."""
    body = ['<h2>3. The correlation grid (Spearman, change)</h2>']
    if not data.scores:
        return _section("grid", body + [_empty(NO_SCORES)])
    grid = [r for r in data.correlations if r["method"] == "spearman" and r["measure"] == "change"]
    if not grid:
        return _section("grid", body + [_empty("No correlation has been computed yet: run "
                                               "<code>linkedin-ssi build</code>.")])
    body.append('<p class="note">Each cell relates the change in a proxy over a trailing window (ending <em>lag</em> '
                'days before the score) to the change in its pillar score between consecutive recorded scores. '
                'Hover a cell for n, n_eff, the 95% CI and q. With this many tests some cells look strong by chance: '
                'only outlined cells survive the correction.</p>')
    order = [(r["pillar"], r["proxy"]) for r in data.catalog if r.get("kind") == "proxy"]
    order.sort(key=lambda k: _pillar_rank(k[0]))  # stable: keeps the catalog's order inside a pillar
    names = _member_names(data)
    for unit in correlation_units(grid):
        rows = [r for r in grid if r["member"] == unit]
        body.append(f'<h3>{_who(unit, names)}</h3><div class="row">{heatmap(unit, rows, order)}'
                    f'{heatmap_legend()}</div>')
    return _section("grid", body)


def catalog_section(data: ReportData) -> str:
    """Return section 4: per pillar, what the proxies measure and what the export cannot see."""
    body = ['<h2>4. What each proxy can and cannot see</h2>']
    if not data.catalog:
        return _section("catalog", body + [_empty("The proxy catalog is missing: run <code>linkedin-ssi build</code>.")])
    body.append('<p class="note">A proxy is only measured where the loaded exports cover its whole window. The right '
                'column lists what LinkedIn says the SSI uses, and whether the export shows it at all: a weak '
                'correlation may only mean the pillar moves with something the export cannot see.</p>')
    for pillar in sorted({r["pillar"] for r in data.catalog}, key=_pillar_rank):
        proxies = [r for r in data.catalog if r["pillar"] == pillar and r.get("kind") == "proxy"]
        blind = [r for r in data.catalog if r["pillar"] == pillar and r.get("kind") != "proxy"]
        can = "".join(f'<li><code>{_e(r["proxy"])}</code> <span class="muted">({_e(r.get("measure_kind"))}, from '
                      f'{_e(r.get("source_table"))})</span> {_e(r.get("description"))}</li>' for r in proxies)
        cannot = "".join(_blind_spot_item(r.get("description") or "") for r in blind)
        colour = PILLAR_COLOURS.get(pillar, "#777")
        body.append(f'<div class="card"><h4><span class="dot" style="background:{colour}"></span>{_e(pillar)} '
                    f'<span class="muted">— {_e(PILLAR_LABELS.get(pillar, ""))}</span></h4><div class="row cols">'
                    f'<div><h5>Measured</h5><ul>{can or "<li>none</li>"}</ul></div>'
                    f'<div><h5>SSI inputs, and whether the export shows them</h5><ul class="blind">'
                    f'{cannot or "<li>none listed</li>"}</ul></div></div></div>')
    return _section("catalog", body)


def _blind_spot_item(description: str) -> str:
    """Return a blind spot as a list item with a yes/partly/no badge (the catalog writes 'signal — in the export:
    yes: ...')."""
    signal, _, seen = description.partition(" — in the export: ")
    answer, _, detail = seen.partition(":")
    kind = answer.strip().split(" ")[0] if answer else ""
    if kind not in ("yes", "partly", "no"):
        return f"<li>{_e(description)}</li>"
    detail = detail.strip() or answer[len(kind):].strip()
    return (f'<li><span class="badge seen-{kind}">{_e(kind)}</span> {_e(signal)}'
            + (f' <span class="muted">— {_e(detail)}</span>' if detail else "") + "</li>")


def coverage_section(data: ReportData) -> str:
    """Return section 5: exports with their dates, the covered span per source, and the load ledger."""
    body = ['<h2>5. Data coverage</h2>']
    if not data.exports:
        return _section("coverage", body + [_empty(NO_EXPORTS)])
    totals = export_totals(data.ledger)
    rows = []
    for x in data.exports:
        t = totals.get(x["export_id"], {"files": 0, "ignored": 0, "read": 0, "loaded": 0, "quarantined": 0})
        bad = ' class="bad"' if t["quarantined"] else ""
        ignored = f' <span class="muted">(+{t["ignored"]} ignored)</span>' if t["ignored"] else ""
        rows.append(f'<tr><td>{_e(x["member"])}</td><td>{_e(x.get("member_name"))}</td>'
                    f'<td>{_e(_stamp(x["exported_at"]))}</td><td class="wrap">{_e(x.get("source_name"))}</td>'
                    f'<td class="wrap"><code>{_e(x["export_id"])}</code></td><td class="num">{t["files"]}{ignored}</td>'
                    f'<td class="num">{t["read"]:,}</td><td class="num">{t["loaded"]:,}</td>'
                    f'<td class="num"{bad}>{t["quarantined"]:,}</td></tr>')
    body.append('<h3>Exports</h3><table class="data"><thead><tr><th>member</th><th>name</th><th>made (newest activity)'
                '</th><th>loaded from</th><th>export id</th><th>files</th><th>rows read</th><th>loaded</th>'
                f'<th>quarantined</th></tr></thead><tbody>{"".join(rows)}</tbody></table>')
    body.append('<p class="note">Rows read = rows loaded + rows quarantined. Quarantined rows are kept in '
                '<code>raw.quarantine</code> with the reason, never silently dropped.</p>')
    names = _member_names(data)
    for member in sorted({s["member"] for s in data.coverage}):
        # An export with no dated activity at all (its export time unknown) covers no span that can be drawn.
        spans = [s for s in data.coverage if s["member"] == member and s["covered_from"] and s["covered_to"]]
        timeline = (coverage_timeline(spans, _score_reach(data, member)) if spans else
                    '<p class="note">No dated activity in the loaded exports: no span to show.</p>')
        body.append(f'<h3>Covered span per source — {_who(member, names)}</h3>{timeline}')
    body.append(_ledger_details(data))
    return _section("coverage", body)


def export_totals(ledger: list[dict]) -> dict[str, dict]:
    """Return {export_id: {files, ignored, read, loaded, quarantined}} from the load ledger. Files and rows count
    what was read, as `ingest` reports them ("12 files, ... rows loaded"); ignored files are counted apart."""
    totals: dict[str, dict] = {}
    for row in ledger:
        t = totals.setdefault(row["export_id"], {"files": 0, "ignored": 0, "read": 0, "loaded": 0, "quarantined": 0})
        if row.get("status") == "ignored":
            t["ignored"] += 1
            continue
        t["files"] += 1
        t["read"] += row.get("rows_read") or 0
        t["loaded"] += row.get("rows_loaded") or 0
        t["quarantined"] += row.get("rows_quarantined") or 0
    return totals


def _score_reach(data: ReportData, member: str) -> tuple[date, date] | None:
    """Return the first and last day any of the member's score windows can reach, or None without scores."""
    days = [r["score_date"] for r in data.scores if r["member"] == member]
    if not days:
        return None
    params = data.params or {}
    reach = max(params.get("windows") or [0]) + max(params.get("lags") or [0])
    return min(days) - timedelta(days=reach + 1), max(days) - timedelta(days=1)


def _ledger_details(data: ReportData) -> str:
    """Return the per-file load ledger of each export, folded (it is long)."""
    out = []
    for x in data.exports:
        files = [r for r in data.ledger if r["export_id"] == x["export_id"]]
        rows = "".join(
            f'<tr><td>{_e(r["source_file"])}</td><td>{_e(r.get("table_name"))}</td><td>{_e(r.get("status"))}</td>'
            f'<td class="num">{_e(r.get("rows_read"))}</td><td class="num">{_e(r.get("rows_loaded"))}</td>'
            f'<td class="num{" bad" if r.get("rows_quarantined") else ""}">{_e(r.get("rows_quarantined"))}</td>'
            f'<td class="muted">{_e(r.get("warnings"))}</td></tr>' for r in files)
        ignored = sum(1 for r in files if r.get("status") == "ignored")
        out.append(f'<details><summary>Load ledger of {_e(x.get("source_name"))} ({_e(x["member"])}, '
                   f'{len(files) - ignored} files read' + (f', {ignored} ignored' if ignored else '') +
                   ')</summary><table class="data"><thead><tr><th>file</th><th>table</th>'
                   '<th>status</th><th>read</th><th>loaded</th><th>quarantined</th><th>warnings</th></tr></thead>'
                   f'<tbody>{rows}</tbody></table></details>')
    return "".join(out)


def _section(anchor: str, parts: list[str]) -> str:
    """Return a <section> with an id for in-page links."""
    return f'<section id="{anchor}">{"".join(parts)}</section>'


# ----------------------------------------------------------------------------------------------------------------------
# The page
# ----------------------------------------------------------------------------------------------------------------------

CSS = """
* { box-sizing: border-box; }
body { margin: 0; background: #f4f5f7; color: #1d1f23; font: 14px/1.45 FONT; }
main { max-width: 1260px; margin: 0 auto; padding: 20px 24px 8px; }
header h1 { margin: 0 0 6px; font-size: 26px; }
.summary { font-size: 15px; margin: 0 0 4px; max-width: 1100px; }
.meta, .muted, .key { color: #6b7078; }
.key { font-weight: normal; font-size: 0.9em; }
nav { margin: 10px 0 0; font-size: 13px; }
nav a { color: #0b5cad; margin-right: 14px; text-decoration: none; }
section { background: #fff; border: 1px solid #dfe2e6; border-radius: 8px; padding: 14px 20px 16px; margin: 16px 0; }
h2 { font-size: 19px; margin: 2px 0 8px; }
h3 { font-size: 15px; margin: 16px 0 6px; }
h4 { font-size: 14px; margin: 0 0 6px; }
h5 { font-size: 12px; margin: 2px 0 4px; text-transform: uppercase; letter-spacing: .04em; color: #6b7078; }
.row { display: flex; flex-wrap: wrap; gap: 14px 24px; align-items: flex-start; }
.row.cols > div { flex: 1 1 400px; }
.grow { flex: 1 1 640px; min-width: 0; overflow-x: auto; }
.card { border: 1px solid #e3e6ea; border-radius: 6px; padding: 10px 12px; margin: 8px 0; background: #fcfcfd; }
.dot { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 6px; }
.note { color: #4a4f57; font-size: 13px; max-width: 1100px; }
.empty { color: #6b7078; font-style: italic; padding: 10px 12px; background: #f7f7f9; border-radius: 6px; }
.reading { font-size: 13px; color: #30343a; margin: 10px 2px 0; max-width: 700px; }
td.nowrap, .nowrap { white-space: nowrap; }
.why { color: #7a5800; font-size: 11.5px; margin-top: 2px; }
table.cells { width: 100%; font-size: 12px; }
table.cells td, table.cells th { padding: 3px 5px; }
.warn { background: #fff6e0; border-left: 3px solid #e0a800; padding: 5px 10px; margin: 4px 0 8px; font-size: 13px; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.92em; }
table { border-collapse: collapse; font-size: 12.5px; }
th { text-align: left; font-weight: 600; color: #4a4f57; border-bottom: 1px solid #cfd3d8; padding: 4px 7px;
     white-space: nowrap; }
td { border-bottom: 1px solid #eceef1; padding: 3px 7px; vertical-align: middle; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.proxy { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; }
.bad { color: #b00020; font-weight: 600; }
table.data { width: 100%; }
/* Tables fit the page: long file names, export ids and proxy names break instead of pushing the page wider. */
table.data th { white-space: normal; }
table.data td, td.proxy { overflow-wrap: anywhere; }
/* Charts wider than the page (the grid, the coverage timeline) shrink to fit it, keeping their proportions. */
svg.chart { max-width: 100%; height: auto; }
.badge { display: inline-block; padding: 0 7px; border-radius: 9px; font-size: 11.5px; white-space: nowrap;
         background: #eceef1; color: #4a4f57; }
.badge.pos { background: #fbe3e6; color: #8e1022; }
.badge.neg { background: #dfeaf7; color: #174a85; }
.badge.seen-yes { background: #dff3e6; color: #17663a; }
.badge.seen-partly { background: #fff1cc; color: #7a5800; }
.badge.seen-no { background: #f6dcdc; color: #8e1022; }
ul { margin: 0; padding-left: 18px; font-size: 13px; }
ul.blind { list-style: none; padding-left: 0; }
li { margin: 2px 0; }
details { margin: 8px 0; }
summary { cursor: pointer; color: #0b5cad; }
svg.chart { background: #fff; overflow: visible; }
svg text { fill: #30343a; font-family: FONT; }
svg .grid { stroke: #e6e8eb; stroke-width: 1; }
svg .axis { stroke: #9aa0a8; stroke-width: 1; }
svg .zero { stroke: #9aa0a8; stroke-width: 1; stroke-dasharray: 2 2; }
footer { max-width: 1260px; margin: 0 auto; padding: 4px 24px 28px; color: #4a4f57; font-size: 13px; }
""".replace("FONT", FONT)

# The hatch pattern lives once in the page; every heatmap and the legend refer to it by id.
DEFS = ('<svg width="0" height="0" style="position:absolute" aria-hidden="true"><defs>'
        '<pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        '<rect width="6" height="6" fill="#eeeeee"/><line x1="0" y1="0" x2="0" y2="6" stroke="#aaaaaa" '
        'stroke-width="2"/></pattern></defs></svg>')


def render_report(data: ReportData, generated: datetime) -> str:
    """Return the whole HTML page for `data`."""
    nav = ('<nav><a href="#ssi">1. SSI over time</a><a href="#strongest">2. Strongest proxies</a>'
           '<a href="#grid">3. Correlation grid</a><a href="#catalog">4. What proxies see</a>'
           '<a href="#coverage">5. Data coverage</a></nav>')
    sections = [ssi_section(data), strongest_section(data), heatmap_section(data), catalog_section(data),
                coverage_section(data)]
    if data.claims is not None:
        from linkedin_ssi.presenting.report_claims import claims_section

        nav = nav.replace("<nav>", '<nav><a href="#claims">The claims, tested</a>')
        sections.insert(0, claims_section(data.claims, _member_names(data)))
    footer = ('<footer><p><strong>These are associations, not causes.</strong> The SSI also moves with things the '
              'export cannot see (section 4) and with changes to LinkedIn\'s own formula; a proxy that tracks a pillar '
              'may share a cause with it rather than drive it.</p>'
              f'<p>Generated {_e(_stamp(generated))} by linkedin-ssi from the local warehouse; '
              'this file loads nothing from the network.</p></footer>')
    return ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>LinkedIn SSI report</title><style>{CSS}</style></head><body>{DEFS}<main>'
            f'{summary_section(data, generated)}{nav}{"".join(sections)}</main>{footer}</body></html>\n')


def write_report(warehouse: Path, target: Path) -> Path:
    """Write the HTML report of `warehouse` (opened read-only) to `target` atomically; return `target`."""
    warehouse, target = Path(warehouse), Path(target)
    page = render_report(load_report_data(warehouse), datetime.now(timezone.utc))
    target.parent.mkdir(parents=True, exist_ok=True)
    # A temporary file in the same folder, then a rename: a reader never sees half a report.
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(page)
        # mkstemp creates the file 0600 whatever the umask, and it stays so: the report names the member's
        # connections' activity and files like every other output (README: readable by the user only).
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
