"""Validate canonical SSI rows (dicts keyed by the canonical column names) before anything is stored.

The rules come from docs/ssi.md §1.1 and §2.2: pillars are 0–25, the total 0–100, ranks are "Top N%" (0–100),
and the total is the pillar sum up to the gauge's rounding. One bad row rejects the whole file, so the readers validate
every row before returning anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from linkedin_ssi.ingest.errors import ExportError
from linkedin_ssi.ingest.ssi_columns import PILLARS

SCORES = ("total", *PILLARS)

# Upper bound of each numeric column (all start at 0), checked in this order.
_RANGES = {
    "total": 100,
    **dict.fromkeys(PILLARS, 25),
    "industry_rank": 100,
    "network_rank": 100,
    "industry_avg_total": 100,
    "network_avg_total": 100,
}

# How far the pillar sum may be from the total. LinkedIn's gauge shows a rounded total (pillars 52.603, gauge 53),
# hence 1.0 for decimal values. Integer trackers (link_ssi uses parseInt) also cut each of the four pillars by
# less than 1, so the sum can fall up to 4 below a total that is itself rounded by up to 0.5.
SUM_TOLERANCE = {"float": 1.0, "int": 4.5}


class SsiFormatError(ExportError):
    """An SSI file (or manual entry) cannot be imported; str() is one line naming the file, the place and the field."""

    def __init__(
        self, file: str, problem: str, line: int | None = None, field: str | None = None, unit: str = "line"
    ) -> None:
        self.file, self.problem, self.line, self.field = file, problem, line, field
        text = ": ".join(p for p in (Where(file, line, unit).prefix(), field, problem) if p)
        super().__init__(" ".join(text.splitlines()))


@dataclass(frozen=True)
class Where:
    """A place in a file: `unit` is 'line' for CSVs (physical line) and 'record' for JSON (1-based array index)."""

    file: str
    line: int | None = None
    unit: str = "line"

    def prefix(self) -> str:
        return self.file if self.line is None else f"{self.file}: {self.unit} {self.line}"

    def error(self, field: str | None, problem: str) -> SsiFormatError:
        return SsiFormatError(self.file, problem, self.line, field, self.unit)


def validate_records(records: list[dict[str, Any]], file_name: str, unit: str = "line") -> list[str]:
    """Check every record, set its `is_pillar_equal_total`, and return the warnings.

    Raises SsiFormatError for the first record that breaks a rule.
    """
    warnings: list[str] = []
    for rec in records:
        warnings += check_record(rec, Where(file_name, rec.get("source_line"), unit))
    return warnings


def check_record(rec: dict[str, Any], where: Where) -> list[str]:
    """Check one record (see the module docstring), set `rec['is_pillar_equal_total']`, return its warnings."""
    if rec.get("score_date") is None:
        raise where.error("date", "missing")
    if all(rec.get(f) is None for f in SCORES):
        raise where.error("total", "no score (total or pillars) in this record")
    total = rec.get("total")
    # link_ssi's known bug copies the total into a pillar (51,51,14,14,7). Such a pillar is not a measurement, so
    # neither its range nor the pillar sum can be checked; the row is kept and flagged for the analysis to drop.
    bogus = [p for p in PILLARS if total and rec.get(p) == total]
    rec["is_pillar_equal_total"] = bool(bogus)
    for field, top in _RANGES.items():
        value = rec.get(field)
        if value is not None and field not in bogus and not 0 <= value <= top:
            raise where.error(field, f"{value!r} is outside 0–{top}")
    pillars = [v for p in PILLARS if (v := rec.get(p)) is not None]
    if not bogus and total is not None and len(pillars) == len(PILLARS):
        tolerance = SUM_TOLERANCE.get(rec.get("precision") or "float", 1.0)
        pillar_sum = round(sum(pillars), 6)
        if abs(pillar_sum - total) > tolerance:
            raise where.error("total", f"{total!r} is not within {tolerance} of the pillar sum {pillar_sum!r}")
    if not bogus:
        return []
    assert total is not None, "a pillar is only flagged when it equals a total that is there"
    return [f"{where.prefix()}: {p} equals total ({_fmt(total)}) — tracker bug? row kept, flagged" for p in bogus]


def _fmt(value: float) -> str:
    """Return a score as the gauge shows it: 51.0 -> '51', 19.705751 -> '19.705751'."""
    return str(int(value)) if float(value).is_integer() else repr(value)
