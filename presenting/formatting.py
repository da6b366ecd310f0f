"""How the report writes numbers and dates: plain text, escaped later by the templates (and used as Jinja filters)."""

from __future__ import annotations

import math
from datetime import UTC, datetime

EMPTY = "–"  # an en dash where there is no value


def num(value, digits: int = 2) -> str:
    """Return a number with `digits` decimals and a real minus sign, or an en dash for None/NaN."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return EMPTY
    text = f"{value:.{digits}f}"
    if float(text) == 0:  # no "−0.00" for a tiny negative
        text = f"{0:.{digits}f}"
    return text.replace("-", "−")


def day(value) -> str:
    """Return a date or timestamp as YYYY-MM-DD (timestamps in UTC), or an en dash for None."""
    if value is None:
        return EMPTY
    if isinstance(value, datetime):
        value = value.astimezone(UTC) if value.tzinfo else value
        return value.strftime("%Y-%m-%d")
    return value.isoformat()


def stamp(value) -> str:
    """Return a timestamp as 'YYYY-MM-DD HH:MM UTC' (a date as YYYY-MM-DD)."""
    if not isinstance(value, datetime):
        return day(value)
    value = value.astimezone(UTC) if value.tzinfo else value
    return value.strftime("%Y-%m-%d %H:%M UTC")


def p_value(value: float) -> str:
    """Return a p-value as read in a sentence: '= 0.003', or '< 0.001'."""
    return "< 0.001" if value < 0.001 else f"= {value:.3f}"


def plural(count: int, word: str) -> str:
    """Return '1 export' or '2 exports': `count` and `word`, with an s unless count is 1."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def thousands(count: int) -> str:
    """Return a whole number with thousands separators: 1,072."""
    return f"{count:,}"
