"""The plain column names (`date,total,brand,...` and their synonyms) shared by the `csv`, `link_ssi` and
`flat_json` formats: mapping a header or JSON keys to canonical fields, refusing an unknown column that may be a
misspelt pillar, and building a canonical record from the values."""

from __future__ import annotations

import difflib
from typing import Any

from linkedin_ssi.ingest.ssi_formats.schema import COUNTS, FLOATS
from linkedin_ssi.ingest.ssi_formats.values import (
    day_and_instant,
    has_decimal,
    is_present,
    norm_name,
    to_count,
    to_json,
    to_number,
    to_text,
)
from linkedin_ssi.ingest.ssi_validate import PILLARS, SCORES, SsiFormatError, Where

# Plain-CSV (and flat JSON) headers, matched case-insensitively with spaces, underscores and hyphens ignored.
# Every canonical column name is accepted too, so a CSV written from our own rows reads back.
SYNONYMS = {
    "date": ("date", "score_date", "date_created"),
    "captured_at": ("captured_at",),
    "total": ("total", "ssi", "overall", "score", "ssi_overall_score"),
    "brand": ("brand", "professional_brand", "prof_brand", "establish_your_professional_brand"),
    "people": ("people", "find_right_people", "find_the_right_people"),
    "insights": ("insights", "engagement", "insight_engagement", "engage_with_insights"),
    "relationships": ("relationships", "relationship", "strong_relationship", "build_relationships"),
    "industry_rank": ("industry_rank", "industry_top"),
    "network_rank": ("network_rank", "network_top"),
    "member": ("member",),
    **{name: (name,) for name in ("industry_name", *COUNTS, "industry_avg_total", "network_avg_total")},
}


_HEADERS = {norm_name(s): f for f, names in SYNONYMS.items() for s in names}


def header_field(header: str) -> str | None:
    """Return the canonical field a header cell or JSON key names, None if nobody knows it."""
    return _HEADERS.get(norm_name(header))


def map_header(header: list[str], where: Where, warnings: list[str]) -> dict[int, str]:
    """Return {column index: canonical field} for a plain-CSV header.

    An unknown column is ignored with a warning, unless the file lacks a pillar it could have meant: then the file is
    rejected (see `check_unknown_columns`).
    """
    fields: dict[int, str] = {}
    unknown: list[str] = []
    for i, cell in enumerate(header):
        f = header_field(cell)
        if f is None:
            if cell.strip():
                unknown.append(cell.strip())
        elif f in fields.values():
            first = next(header[j] for j, g in fields.items() if g == f)
            raise where.error(f, f"two columns mean {f} ({first!r} and {cell!r})")
        else:
            fields[i] = f
    if not set(fields.values()) & set(SCORES):
        raise SsiFormatError(
            where.file,
            "not a recognised SSI file: no score column (total, ssi, brand, ...) "
            "and not a link_ssi or professorsoares export",
        )
    if not {"date", "captured_at"} & set(fields.values()):
        raise where.error("date", "no date column (date, score_date, date_created or captured_at)")
    warnings += check_unknown_columns(unknown, set(fields.values()), where)
    return fields


def check_unknown_columns(unknown: list[str], found: set[str], where: Where) -> list[str]:
    """Return a warning per unknown column, or raise SsiFormatError when one may be a misspelt missing pillar.

    A misspelt header ("peopel") would otherwise store a NULL pillar for every row. A file that has some pillars but
    not all, next to a column nobody knows, is damaged: rejected. A file with no pillar at all is a total-only tracker
    (Linked API): an extra column there is only rejected when it looks like a pillar name.
    """
    missing = [p for p in PILLARS if p not in found]
    has_pillars = len(missing) < len(PILLARS)
    warnings = []
    for cell in unknown:
        guess = _closest(cell, missing)
        if missing and (has_pillars or guess):
            pillar = guess[0] if guess else missing[0]
            hint = f' (did you mean "{guess[1]}"?)' if guess else ""
            article = "an" if pillar[0] in "aeiou" else "a"
            raise SsiFormatError(
                where.file,
                f'unknown column "{cell}"{hint}; {article} {pillar} pillar column is '
                f"required (expected one of: {', '.join(SYNONYMS[pillar])})",
            )
        close = _closest(cell, [f for f in SYNONYMS if f not in found])
        hint = f' (did you mean "{close[1]}"?)' if close else ""
        warnings.append(f"{where.prefix()}: column {cell!r} not recognised{hint}; ignored")
    return warnings


def _closest(cell: str, candidates: list[str]) -> tuple[str, str] | None:
    """Return (field, synonym) of the synonym of `candidates` fields closest to a header cell, or None if none is
    close (difflib ratio 0.75 or more, on normalised names)."""
    spelled = {norm_name(s): (f, s) for f in candidates for s in SYNONYMS[f]}
    match = difflib.get_close_matches(norm_name(cell), list(spelled), n=1, cutoff=0.75)
    return spelled[match[0]] if match else None


def from_values(values: dict[str, Any], where: Where, raw: Any, decimal_comma: bool = False) -> dict[str, Any]:
    """Return a canonical record from {canonical field: value as written} (CSV cells or flat JSON values)."""
    score_date, captured_at = None, None
    if is_present(values.get("date")):
        score_date, captured_at = day_and_instant(values["date"], "date", where)
    if is_present(values.get("captured_at")):
        day, captured_at = day_and_instant(values["captured_at"], "captured_at", where)
        score_date = score_date or day
    rec: dict[str, Any] = {f: to_number(values.get(f), f, where, decimal_comma) for f in FLOATS}
    rec.update({f: to_count(values.get(f), f, where) for f in COUNTS})
    rec.update(
        score_date=score_date,
        captured_at=captured_at,
        member=to_text(values.get("member")),
        industry_name=to_text(values.get("industry_name")),
        precision="float" if any(has_decimal(values.get(f)) for f in SCORES) else "int",
        source_line=where.line,
        raw_record=to_json(raw),
    )
    return rec


def map_keys(item: Any, where: Where) -> dict[str, Any]:
    """Return {canonical field: value} of a flat JSON object (unknown keys stay in raw_record only)."""
    if not isinstance(item, dict):
        raise where.error(None, "expected an object")
    return {f: v for k, v in item.items() if (f := header_field(k)) is not None}
