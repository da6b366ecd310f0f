"""The SVG kit the report's charts are drawn with: elements as plain data, scales, ticks and colours.

A chart is a tree of `Node`s (tag, attributes, text, children) built in Python. A template prints it as it is
(`{{ chart }}`): a Node is markup by the `__html__` protocol Jinja's autoescaping honours, and writes itself with every
attribute value and text, member names and proxies included, escaped by markupsafe, the escaper autoescaping uses,
in one place and never by hand. (A recursive Jinja macro wrote the same markup 2-3 times slower: a team's report
draws thousands of elements.)
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta

from linkedin_ssi.presenting.formatting import num
from markupsafe import escape


@dataclass
class Node:
    """One SVG element: its tag, attributes (written in this order), text content and child elements."""

    tag: str
    attrs: dict[str, object] = field(default_factory=dict)
    text: str | None = None
    children: list[Node] = field(default_factory=list)

    def __html__(self) -> str:
        """Return the element as markup: attribute values and text escaped, an element without text or children
        closed by itself."""
        attrs = "".join(f' {name}="{escape(value)}"' for name, value in self.attrs.items())
        if self.text is None and not self.children:
            return f"<{self.tag}{attrs}/>"
        inner = "" if self.text is None else str(escape(self.text))
        return f"<{self.tag}{attrs}>{inner}{''.join(child.__html__() for child in self.children)}</{self.tag}>"


def svg(width: float, height: float, children: list[Node], label: str, css_class: str = "chart") -> Node:
    """Return an inline <svg> element with an accessible label."""
    return Node(
        "svg",
        {
            "class": css_class,
            "width": width,
            "height": height,
            "viewBox": f"0 0 {width} {height}",
            "role": "img",
            "aria-label": label,
        },
        children=children,
    )


def text(x: float, y: float, content: str, anchor: str = "start", size: int = 11, **extra) -> Node:
    """Return an SVG <text>; `extra` adds attributes (underscores in their names become dashes)."""
    return Node(
        "text",
        {"x": f"{x:.1f}", "y": f"{y:.1f}", "text-anchor": anchor, "font-size": size, **_attrs(extra)},
        text=content,
    )


def line(x1: float, x2: float, y1: float, y2: float, css_class: str | None = None, **extra) -> Node:
    """Return an SVG <line> (coordinates as `coord` writes them)."""
    attrs = {"class": css_class} if css_class else {}
    return Node("line", {**attrs, "x1": coord(x1), "x2": coord(x2), "y1": coord(y1), "y2": coord(y2), **_attrs(extra)})


def coord(value: float) -> str:
    """Return a coordinate as written in the markup: a whole pixel as it is, a computed one with one decimal."""
    return str(value) if isinstance(value, int) else f"{value:.1f}"


def titled(tag: str, title: str, **attrs) -> Node:
    """Return an element with a tooltip (an SVG <title> child: no JavaScript)."""
    return Node(tag, _attrs(attrs), children=[Node("title", text=title)])


def _attrs(extra: dict) -> dict:
    """Return keyword arguments as SVG attributes: `stroke_width` -> `stroke-width`, `class_` -> `class`."""
    return {k.rstrip("_").replace("_", "-"): v for k, v in extra.items()}


def scale(d0: float, d1: float, r0: float, r1: float):
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
    while digits < 4 and abs(step * 10**digits - round(step * 10**digits)) > 1e-6:
        digits += 1
    return [num(t, digits) for t in ticks]


def date_ticks(d0: date, d1: date, max_ticks: int = 7) -> list[date]:
    """Return tick dates between d0 and d1: days or weeks for short spans, first-of-month steps for longer ones."""
    span = (d1 - d0).days
    for step in (1, 2, 7, 14):
        if span / step <= max_ticks:
            return [d0 + timedelta(days=i) for i in range(0, span + 1, step)]
    for months in (1, 2, 3, 6, 12, 24, 60, 120):
        if span / (30.44 * months) <= max_ticks:
            break
    ticks: list[date] = []
    year, month = d0.year, d0.month
    while True:
        if (month - 1) % months == 0 or months == 1:
            tick = date(year, month, 1)
            if tick > d1:
                return ticks
            if tick >= d0:
                ticks.append(tick)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def date_label(d: date, ticks: list[date]) -> str:
    """Return a short date label: 'Apr 2026' for month ticks, '12 Apr' for day ticks."""
    if all(t.day == 1 for t in ticks) and len(ticks) > 1:
        return d.strftime("%b %Y")
    return d.strftime("%d %b").lstrip("0")


def diverging_colour(value: float) -> str:
    """Return a blue (−1) — near-white (0) — red (+1) colour for a correlation."""
    t = max(-1.0, min(1.0, value))
    mid, end = (247, 247, 247), ((178, 24, 43) if t > 0 else (33, 102, 172))
    a = abs(t) ** 0.85  # a little boost so weak but non-zero cells are still tinted
    r, g, b = (round(m + (e - m) * a) for m, e in zip(mid, end))
    return f"#{r:02x}{g:02x}{b:02x}"
