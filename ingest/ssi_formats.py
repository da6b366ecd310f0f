"""Read recorded SSI scores from the trackers' file formats (docs/ssi.md §2) into canonical rows.

The format is detected from the content, never from the file name:

- JSON (the text starts with `{` or `[`):
  - `socialedge`: an object with `ssi_history` (schema_version 1), or an array of `{date, parsed, raw}` (legacy);
  - `sales_api_json`: LinkedIn's `salesApiSsi` response, which carries no date. Accepted as
    `{"captured_at": ..., "response": {...}}`, an array of those, `{"captures": [those]}`, or a bare response with a
    `captured_at`/`date` key added next to `memberScore`;
  - `flat_json`: objects whose keys are the plain-CSV headers (Linked API `{ssi, industryTop, networkTop}` plus a
    `date`, ssi-tracker's `{ssi_overall_score, ..., date_created}`), one object or an array.
- CSV:
  - `pt_long_csv`: header starts `data_referencia;hora_referencia;secao;campo` (professorsoares);
  - `link_ssi`: header exactly `Date,CapturedAt,Total,Brand,People,Insights,Relationships` and integer scores;
  - `csv`: any other header naming a date and at least one score (synonyms in `_SYNONYMS`); `,`, `;` or tab
    separated, whichever recognises more header cells.

A file that holds no score, or has a column nobody knows where a pillar is missing (a misspelt "peopel" would
otherwise store NULL pillars), is rejected whole (`_check_unknown_columns`).
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import polars as pl

from linkedin_ssi.ingest.decode import decode_bytes
from linkedin_ssi.ingest.errors import ExportFormatError
from linkedin_ssi.ingest.ssi_validate import PILLARS, SCORES, SsiFormatError, Where, validate_records

__all__ = ["SCHEMA", "SsiFormatError", "SsiImport", "manual_row", "read_ssi_file"]

SCHEMA: dict[str, pl.DataType] = {
    "member": pl.String(),
    "score_date": pl.Date(),
    "captured_at": pl.Datetime("us", "UTC"),
    **{f: pl.Float64() for f in SCORES},
    "industry_rank": pl.Float64(),
    "network_rank": pl.Float64(),
    "industry_name": pl.String(),
    "industry_group_size": pl.Int64(),
    "network_group_size": pl.Int64(),
    "industry_avg_total": pl.Float64(),
    "network_avg_total": pl.Float64(),
    "precision": pl.String(),
    "is_pillar_equal_total": pl.Boolean(),
    "source_format": pl.String(),
    "source_file": pl.String(),
    "source_line": pl.Int64(),
    "raw_record": pl.String(),
}
_FLOATS = [name for name, dtype in SCHEMA.items() if dtype == pl.Float64()]
_COUNTS = ("industry_group_size", "network_group_size")

# Plain-CSV (and flat JSON) headers, matched case-insensitively with spaces, underscores and hyphens ignored.
# Every canonical column name is accepted too, so a CSV written from our own rows reads back.
_SYNONYMS = {
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
    **{name: (name,) for name in ("industry_name", *_COUNTS, "industry_avg_total", "network_avg_total")},
}
_LINK_SSI_HEADER = ["Date", "CapturedAt", "Total", "Brand", "People", "Insights", "Relationships"]
_PILLAR_ENUM = {
    "PROFESSIONAL_BRAND": "brand",
    "FIND_RIGHT_PEOPLE": "people",
    "INSIGHT_ENGAGEMENT": "insights",
    "STRONG_RELATIONSHIP": "relationships",
}
_SOCIALEDGE_PILLARS = {"prof_brand": "brand", "find_right_people": "people",
                       "insight_engagement": "insights", "relationship": "relationships"}
_GROUP_TYPES = {"INDUSTRY": "industry", "NETWORK": "network"}
_CAPTURE_KEYS = ("captured_at", "capturedAt", "date")
_DECIMAL = re.compile(r"\d[.,]\d")
_PLAIN_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?")
_RANK_WORDS = re.compile(r"^(?:top|primeiros)\s*|\s*%$", re.IGNORECASE)  # "Top 12%", "12%", "Primeiros 9%"


@dataclass
class SsiImport:
    """What one SSI file holds: its detected format, canonical rows in file order, and notes for the user."""

    source_format: str
    rows: pl.DataFrame
    warnings: list[str] = field(default_factory=list)


def read_ssi_file(path: Path, member: str | None = None) -> SsiImport:
    """Return the validated canonical rows of an SSI file, whatever tracker wrote it.

    `member` fills the member column when the file has none. Raises SsiFormatError (nothing is returned) when the
    format is not recognised or any row breaks a rule.
    """
    name = Path(path).name
    try:
        decoded = decode_bytes(Path(path).read_bytes(), name)
    except ExportFormatError as e:
        raise SsiFormatError(name, str(e).removeprefix(f"{name}: ")) from None
    text, warnings = decoded.text, list(decoded.warnings)
    if not text.strip():
        raise SsiFormatError(name, "the file is empty")
    if text.lstrip()[0] in "{[":
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as e:
            raise SsiFormatError(name, f"not valid JSON ({e.msg} at line {e.lineno})") from None
        fmt, records = _read_json(doc, name, warnings)
    else:
        fmt, records = _read_csv(text, name, warnings)
    if not records:  # a header-only CSV or an empty capture list: storing nothing must not look like success
        raise SsiFormatError(name, "no scores in the file" + (" (only a header)" if fmt not in _JSON_FORMATS else ""))
    for rec in records:
        rec.update(member=rec.get("member") or member, source_format=fmt, source_file=name)
    warnings += validate_records(records, name, "record" if fmt in _JSON_FORMATS else "line")
    return SsiImport(fmt, _frame(records), warnings)


def manual_row(
    score_date: date,
    total: float | None,
    brand: float | None,
    people: float | None,
    insights: float | None,
    relationships: float | None,
    member: str | None,
    industry_rank: float | None = None,
    network_rank: float | None = None,
    source: str = "manual entry",
    source_format: str = "manual",
    raw: dict[str, Any] | None = None,
) -> pl.DataFrame:
    """Return one canonical row typed in by the user (source_format 'manual'), validated like a file's rows.

    Raises SsiFormatError ("manual entry: brand: 31.0 is outside 0–25"; `source` names the input). A pillar equal to
    the total only sets `is_pillar_equal_total`, as for files. `raw` is kept as the raw_record (default: the values).
    """
    where = Where(source)
    given = dict(total=total, brand=brand, people=people, insights=insights, relationships=relationships,
                 industry_rank=industry_rank, network_rank=network_rank)
    rec: dict[str, Any] = {f: _number(v, f, where) for f, v in given.items()}
    rec.update(
        member=member, score_date=score_date, source_format=source_format,
        precision="float" if any(rec[f] is not None and not rec[f].is_integer() for f in SCORES) else "int",
        raw_record=json.dumps(raw if raw is not None else {"score_date": str(score_date), "member": member, **given},
                              ensure_ascii=False, default=str),
    )
    validate_records([rec], where.file)
    return _frame([rec])


# ---------------------------------------------------------------------------------------------------- JSON formats

_JSON_FORMATS = ("sales_api_json", "socialedge", "flat_json")


def _read_json(doc: Any, name: str, warnings: list[str]) -> tuple[str, list[dict[str, Any]]]:
    """Return (format, records) for a parsed JSON document; see the module docstring for the detection rules."""
    if doc in ([], {}):
        raise SsiFormatError(name, "no SSI captures in the file")
    first = doc[0] if isinstance(doc, list) else doc
    if not isinstance(first, dict):
        raise SsiFormatError(name, "not a recognised SSI JSON file (expected an object or an array of objects)")
    if "ssi_history" in first or "parsed" in first:
        return "socialedge", _read_socialedge(doc, name, warnings)
    if {"captures", "memberScore", "response"} & first.keys():
        return "sales_api_json", _read_sales_api(doc, name)
    if any(_header_field(key) in SCORES for key in first):
        items = doc if isinstance(doc, list) else [doc]
        keys = list(dict.fromkeys(k for item in items if isinstance(item, dict) for k in item))
        warnings += _check_unknown_columns([k for k in keys if _header_field(k) is None],
                                           {f for k in keys if (f := _header_field(k)) is not None}, Where(name))
        return "flat_json", [
            _from_values(_map_keys(item, Where(name, i, "record")), Where(name, i, "record"), raw=item)
            for i, item in enumerate(items, 1)
        ]
    raise SsiFormatError(name, "not a recognised SSI JSON file (no salesApiSsi, SocialEdge or score keys)")


def _read_sales_api(doc: Any, name: str) -> list[dict[str, Any]]:
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
            raise where.error(None, 'salesApiSsi response has no capture date; save it as '
                                    '{"captured_at": "<ISO timestamp>", "response": {...}}')
        score_date, captured_at = _when(when, "captured_at", where)
        rec = _sales_scores(response, where)
        rec.update(score_date=score_date, captured_at=captured_at, member=item.get("member"), precision="float",
                   source_line=i, raw_record=_json(item))
        records.append(rec)
    return records


def _sales_scores(response: dict[str, Any], where: Where) -> dict[str, Any]:
    """Return the canonical score fields of one salesApiSsi response."""
    member_score = response["memberScore"]
    rec = {"total": _number(member_score.get("overall"), "total", where)}
    rec.update(_sales_pillars(member_score.get("subScores"), where))
    for group in response.get("groupScore") or []:
        kind = _GROUP_TYPES.get(group.get("groupType")) if isinstance(group, dict) else None
        if kind is None:  # TEAM (Sales Navigator teams) has no canonical column; it stays in raw_record.
            continue
        rec[f"{kind}_rank"] = _number(group.get("rank"), f"{kind}_rank", where)
        rec[f"{kind}_group_size"] = _count(group.get("groupSize"), f"{kind}_group_size", where)
        rec[f"{kind}_avg_total"] = _number((group.get("score") or {}).get("overall"), f"{kind}_avg_total", where)
        if kind == "industry":
            rec["industry_name"] = group.get("industry")
    return rec


def _sales_pillars(sub_scores: Any, where: Where) -> dict[str, float | None]:
    """Return {pillar: score} keyed by each entry's `pillar` enum.

    Never by array position: the API does not promise an order, and the trackers that index subScores[0..3]
    (SocialEdge's parseSSI, linkedin_ssi_selenium) mislabel pillars whenever it changes.
    """
    pillars: dict[str, float | None] = {}
    for sub in sub_scores or []:
        enum = sub.get("pillar") if isinstance(sub, dict) else None
        pillar = _PILLAR_ENUM.get(enum)
        if pillar is None:
            raise where.error("subScores", f"unknown pillar {enum!r}")
        if pillar in pillars:
            raise where.error(pillar, f"pillar {enum} appears twice")
        pillars[pillar] = _number(sub.get("score"), pillar, where)
    return pillars


def _read_socialedge(doc: Any, name: str, warnings: list[str]) -> list[dict[str, Any]]:
    """Return one record per SocialEdge history entry (legacy array or the schema_version 1 object).

    `daily_activities` and `activity_catalog` (the user's activity diary) are not SSI scores and are not read here.
    """
    wrapped = isinstance(doc, dict) and "ssi_history" in doc
    entries = doc["ssi_history"] if wrapped else doc if isinstance(doc, list) else [doc]
    if not isinstance(entries, list):
        raise SsiFormatError(name, "ssi_history: expected an array")
    if wrapped and doc.get("schema_version") != 1:
        warnings.append(f"{name}: schema_version {doc.get('schema_version')!r} is not 1; read as version 1")
    records, repaired = [], []
    for i, entry in enumerate(entries, 1):
        where = Where(name, i, "record")
        parsed = entry.get("parsed") if isinstance(entry, dict) else None
        if not isinstance(parsed, dict):
            raise where.error("parsed", "missing")
        # SocialEdge's `date` is new Date().toISOString()'s day, i.e. the UTC day of the capture.
        score_date, captured_at = _when(entry.get("date"), "date", where)
        rec = {"total": _number(parsed.get("overall"), "total", where)}
        rec.update({f: _number(parsed.get(key), f, where) for key, f in _SOCIALEDGE_PILLARS.items()})
        for kind in ("industry", "network"):
            group = parsed.get(kind) or {}
            rec[f"{kind}_rank"] = _number(group.get("top"), f"{kind}_rank", where)
            rec[f"{kind}_group_size"] = _count(group.get("people_amount"), f"{kind}_group_size", where)
            rec[f"{kind}_avg_total"] = _number(group.get("ssi"), f"{kind}_avg_total", where)
        rec["industry_name"] = (parsed.get("industry") or {}).get("name")
        # SocialEdge's parseSSI reads subScores by array position; when the raw response is kept, its pillar
        # enums are the truth.
        raw = entry.get("raw")
        if isinstance(raw, dict) and isinstance(raw.get("memberScore"), dict):
            by_enum = _sales_pillars(raw["memberScore"].get("subScores"), where)
            if any(rec[p] != v for p, v in by_enum.items()):
                rec.update(by_enum)
                repaired.append(str(i))
        rec.update(score_date=score_date, captured_at=captured_at, precision="float", source_line=i,
                   raw_record=_json(entry))
        records.append(rec)
    if repaired:
        where = f"{name}: record{'s' if len(repaired) > 1 else ''} {', '.join(repaired)}"
        warnings.append(f"{where}: parsed pillars differ from raw.memberScore.subScores "
                        "(SocialEdge reads them by array position); used raw's pillar enums")
    return records


# ----------------------------------------------------------------------------------------------------- CSV formats

def _read_csv(text: str, name: str, warnings: list[str]) -> tuple[str, list[dict[str, Any]]]:
    """Return (format, records) for a CSV text; see the module docstring for the detection rules."""
    header_line = next(line for line in text.splitlines() if line.strip())
    if [_norm(c) for c in header_line.split(";")[:4]] == ["datareferencia", "horareferencia", "secao", "campo"]:
        return "pt_long_csv", _read_pt_long(text, name, warnings)
    # `;` files come from spreadsheets set to a decimal-comma locale, so only they may use "12,5".
    delimiter = max((",", ";", "\t"), key=lambda d: sum(_header_field(c) is not None for c in header_line.split(d)))
    rows = list(_csv_rows(text, delimiter))
    (header_at, header), data = rows[0], rows[1:]
    fields = _map_header(header, Where(name, header_at), warnings)
    records = []
    for line, cells in data:
        values = {f: cells[i] if i < len(cells) else "" for i, f in fields.items()}
        raw = dict(zip(header, cells, strict=False))
        records.append(_from_values(values, Where(name, line), raw, decimal_comma=delimiter == ";"))
    # link_ssi writes exactly this header and parseInt()s every score; a hand-made CSV that happens to share the
    # header but has decimals is read as a plain CSV.
    is_link_ssi = header == _LINK_SSI_HEADER and all(r["precision"] == "int" for r in records)
    return ("link_ssi" if is_link_ssi else "csv"), records


def _map_header(header: list[str], where: Where, warnings: list[str]) -> dict[int, str]:
    """Return {column index: canonical field} for a plain-CSV header.

    An unknown column is ignored with a warning, unless the file lacks a pillar it could have meant: then the file is
    rejected (see `_check_unknown_columns`).
    """
    fields: dict[int, str] = {}
    unknown: list[str] = []
    for i, cell in enumerate(header):
        f = _header_field(cell)
        if f is None:
            if cell.strip():
                unknown.append(cell.strip())
        elif f in fields.values():
            first = next(header[j] for j, g in fields.items() if g == f)
            raise where.error(f, f"two columns mean {f} ({first!r} and {cell!r})")
        else:
            fields[i] = f
    if not set(fields.values()) & set(SCORES):
        raise SsiFormatError(where.file, "not a recognised SSI file: no score column (total, ssi, brand, ...) "
                                         "and not a link_ssi or professorsoares export")
    if not {"date", "captured_at"} & set(fields.values()):
        raise where.error("date", "no date column (date, score_date, date_created or captured_at)")
    warnings += _check_unknown_columns(unknown, set(fields.values()), where)
    return fields


def _check_unknown_columns(unknown: list[str], found: set[str], where: Where) -> list[str]:
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
            raise SsiFormatError(where.file, f'unknown column "{cell}"{hint}; {article} {pillar} pillar column is '
                                             f'required (expected one of: {", ".join(_SYNONYMS[pillar])})')
        close = _closest(cell, [f for f in _SYNONYMS if f not in found])
        hint = f' (did you mean "{close[1]}"?)' if close else ""
        warnings.append(f"{where.prefix()}: column {cell!r} not recognised{hint}; ignored")
    return warnings


def _closest(cell: str, candidates: list[str]) -> tuple[str, str] | None:
    """Return (field, synonym) of the synonym of `candidates` fields closest to a header cell, or None if none is
    close (difflib ratio 0.75 or more, on normalised names)."""
    spelled = {_norm(s): (f, s) for f in candidates for s in _SYNONYMS[f]}
    match = difflib.get_close_matches(_norm(cell), list(spelled), n=1, cutoff=0.75)
    return spelled[match[0]] if match else None


def _from_values(values: dict[str, Any], where: Where, raw: Any, decimal_comma: bool = False) -> dict[str, Any]:
    """Return a canonical record from {canonical field: value as written} (CSV cells or flat JSON values)."""
    score_date, captured_at = None, None
    if _present(values.get("date")):
        score_date, captured_at = _when(values["date"], "date", where)
    if _present(values.get("captured_at")):
        day, captured_at = _when(values["captured_at"], "captured_at", where)
        score_date = score_date or day
    rec: dict[str, Any] = {f: _number(values.get(f), f, where, decimal_comma) for f in _FLOATS}
    rec.update({f: _count(values.get(f), f, where) for f in _COUNTS})
    rec.update(
        score_date=score_date, captured_at=captured_at,
        member=_text(values.get("member")), industry_name=_text(values.get("industry_name")),
        precision="float" if any(_has_decimal(values.get(f)) for f in SCORES) else "int",
        source_line=where.line, raw_record=_json(raw),
    )
    return rec


def _read_pt_long(text: str, name: str, warnings: list[str]) -> list[dict[str, Any]]:
    """Return one record per (data_referencia, hora_referencia) of a professorsoares long CSV.

    Each row is one metric, named by a Portuguese `campo` label (see `_PT_LABELS`). The value is `valor_numerico`
    (decimal point), else the first number in `valor_original` ("20,973", "53 de 100", "Primeiros 9%").
    `hora_referencia` is a wall-clock time with no zone, so captured_at stays null; it is kept in raw_record.
    source_line is the line of the capture's first row.
    """
    (header_at, header_cells), *data = _csv_rows(text, ";")
    header = [_norm(c) for c in header_cells]
    missing = [c for c in ("data_referencia", "campo", "valor_original", "valor_numerico") if _norm(c) not in header]
    if missing:
        raise Where(name, header_at).error(None, f"professorsoares header lacks {', '.join(missing)}")
    captures: dict[tuple[str, str], _Capture] = {}
    unknown: set[str] = set()
    for line, cells in data:
        where = Where(name, line)
        row = dict(zip(header, cells, strict=False))
        cap = captures.setdefault((row["datareferencia"], row.get("horareferencia", "")), _Capture(line))
        cap.rows.append(dict(zip(header_cells, cells, strict=False)))
        f = _pt_field(row["campo"], row.get("secao", ""))
        if f == "?" and row["campo"] not in unknown:
            unknown.add(row["campo"])
            warnings.append(f"{where.prefix()}: campo {row['campo']!r} not recognised; ignored")
        if f in (None, "?"):
            continue
        if f == "industry_name":
            cap.put(f, row["valororiginal"].strip() or None, where)
        else:
            value, used = _pt_number(row["valornumerico"], row["valororiginal"], f, where)
            cap.put(f, value, where)
            cap.decimals |= f in SCORES and _has_decimal(used)
    return [cap.record(day, name) for (day, _), cap in captures.items()]


@dataclass
class _Capture:
    """The rows of one professorsoares capture and the canonical values read from them so far."""

    line: int
    rows: list[dict[str, str]] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    decimals: bool = False

    def put(self, f: str, value: Any, where: Where) -> None:
        """Set a field; a second row for it (e.g. "Posição no setor" repeating the rank) must agree."""
        if f in self.values and self.values[f] != value:
            raise where.error(f, f"{value!r} differs from {self.values[f]!r} on line {self.lines[f]}")
        self.values[f], self.lines[f] = value, where.line or 0

    def record(self, day: str, name: str) -> dict[str, Any]:
        score_date, _ = _when(day, "data_referencia", Where(name, self.line))
        return {**self.values, "score_date": score_date, "source_line": self.line,
                "precision": "float" if self.decimals else "int", "raw_record": _json(self.rows)}


# professorsoares `campo` labels -> canonical field. Only a few labels are documented (Campos_SSI.md and the
# scraper: "Social Selling Index atual", "Estabelecer sua marca profissional", "Localizar as pessoas certas",
# "Interagir oferecendo insights", "Criar relacionamentos", "Classificação SSI do setor/da rede", "SSI médio do
# setor/da rede", "Setor de referência", "Posição no setor/na rede"), and the page's wording changes, so labels are
# matched on keywords: lower-cased, accents removed, every keyword of a rule present, first rule wins. Hence
# "Encontrar as pessoas certas" and "Cultivar relacionamentos" map as well. Assumptions:
# - a pillar label inside a section naming the industry or network ("Pessoas no seu setor", "Pessoas na sua rede")
#   is that group's pillar average, which has no canonical column: ignored (kept in raw_record);
# - "Posição no setor/na rede" repeats the rank; a repeat that disagrees is an error;
# - weekly-change statuses and the Sales Navigator banner are not scores: ignored silently.
_PT_LABELS: list[tuple[tuple[str, ...], str | None]] = [
    (("classifica", "setor"), "industry_rank"),
    (("posicao", "setor"), "industry_rank"),
    (("classifica", "rede"), "network_rank"),
    (("posicao", "rede"), "network_rank"),
    (("medi", "setor"), "industry_avg_total"),
    (("medi", "rede"), "network_avg_total"),
    (("setor", "referencia"), "industry_name"),
    (("variacao",), None),
    (("sales navigator",), None),
    (("marca",), "brand"),
    (("pessoas",), "people"),
    (("insights",), "insights"),
    (("relacionamento",), "relationships"),
    (("social selling index",), "total"),
    (("ssi",), "total"),
    (("pontuacao",), "total"),
]


def _pt_field(campo: str, secao: str) -> str | None:
    """Return the canonical field of a professorsoares row, None for a known non-member value, '?' if unknown."""
    label, section = _fold(campo), _fold(secao)
    for keywords, f in _PT_LABELS:
        if all(k in label for k in keywords):
            if f in PILLARS and ("setor" in section or "rede" in section):
                return None
            return f
    return "?"


def _pt_number(numeric: str, original: str, f: str, where: Where) -> tuple[float, str]:
    """Return (value, text it came from): `valor_numerico` (decimal point), else the first number of
    `valor_original` (decimal comma: "20,973", "53 de 100", "Primeiros 9%")."""
    if _PLAIN_NUMBER.fullmatch(numeric.strip()):
        return float(numeric), numeric.strip()
    match = re.search(r"\d+(?:,\d+)?", original)
    if match is None:
        raise where.error(f, f"{(original.strip() or numeric)!r} is not a number")
    return float(match.group().replace(",", ".")), match.group()


# --------------------------------------------------------------------------------------------------------- helpers

def _csv_rows(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """Yield (1-based physical line where the record starts, cells), skipping blank lines."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    start = 1
    for cells in reader:
        if any(c.strip() for c in cells):
            yield start, cells
        start = reader.line_num + 1


def _when(value: Any, f: str, where: Where) -> tuple[date, datetime | None]:
    """Return (local day, UTC instant or None) of `YYYY-MM-DD` or an ISO timestamp.

    The day is the one written in the timestamp's own offset (the user's local day); a timestamp without a zone
    gives only the day, since converting it would invent a zone.
    """
    text = str(value).strip() if value is not None else ""
    if not text:
        raise where.error("date", "missing")
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date.fromisoformat(text), None
        stamp = datetime.fromisoformat(text)
    except ValueError:
        raise where.error(f, f"{text!r} is not a date (YYYY-MM-DD or ISO timestamp)") from None
    return stamp.date(), stamp.astimezone(UTC) if stamp.tzinfo else None


def _number(value: Any, f: str, where: Where, decimal_comma: bool = False) -> float | None:
    """Return a float from a JSON number or a text ("12.5"; "12,5" when `decimal_comma`; ranks "Top 12%", "12%").

    None for a missing or blank value; anything else that does not parse is an error.
    """
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    text = str(value).strip()
    if not text and isinstance(value, str):
        return None
    if f.endswith("_rank"):
        text = _RANK_WORDS.sub("", text)
    if decimal_comma:
        text = text.replace(",", ".")
    if not _PLAIN_NUMBER.fullmatch(text):
        raise where.error(f, f"{value!r} is not a number")
    return float(text)


def _count(value: Any, f: str, where: Where) -> int | None:
    """Return a whole number (a group size), or None if empty."""
    number = _number(value, f, where)
    if number is not None and not number.is_integer():
        raise where.error(f, f"{value!r} is not a whole number")
    return None if number is None else int(number)


def _has_decimal(value: Any) -> bool:
    """Whether a value was written with decimals (JSON float, or text with a decimal point or comma)."""
    return isinstance(value, float) or isinstance(value, str) and bool(_DECIMAL.search(value))


def _present(value: Any) -> bool:
    return value is not None and str(value).strip() != ""


def _text(value: Any) -> str | None:
    return str(value).strip() or None if value is not None else None


def _norm(header: str) -> str:
    """Return a header cell normalised for matching: no BOM, quotes, spaces, underscores or hyphens; case-folded."""
    return re.sub(r"[\s_\-]+", "", header.strip().lstrip("\ufeff").strip('"')).casefold()


def _fold(label: str) -> str:
    """Return a Portuguese label lower-cased without accents ("Classificação" -> "classificacao")."""
    return "".join(c for c in unicodedata.normalize("NFKD", label.casefold()) if not unicodedata.combining(c))


_HEADERS = {_norm(s): f for f, names in _SYNONYMS.items() for s in names}


def _header_field(header: str) -> str | None:
    return _HEADERS.get(_norm(header))


def _map_keys(item: Any, where: Where) -> dict[str, Any]:
    """Return {canonical field: value} of a flat JSON object (unknown keys stay in raw_record only)."""
    if not isinstance(item, dict):
        raise where.error(None, "expected an object")
    return {f: v for k, v in item.items() if (f := _header_field(k)) is not None}


def _json(raw: Any) -> str:
    return json.dumps(raw, ensure_ascii=False)


def _frame(records: list[dict[str, Any]]) -> pl.DataFrame:
    """Return the records as a frame with exactly SCHEMA's columns, types and order."""
    return pl.DataFrame([{c: rec.get(c) for c in SCHEMA} for rec in records], schema=SCHEMA)
