"""Read recorded SSI scores from the trackers' file formats (docs/ssi.md §2) into canonical rows.

The format is detected from the content, never from the file name; one module per format:

- JSON (the text starts with `{` or `[`):
  - `socialedge`: an object with `ssi_history` (schema_version 1), or an array of `{date, parsed, raw}` (legacy);
  - `sales_api`: LinkedIn's `salesApiSsi` response (`sales_api_json`), which carries no date. Accepted as
    `{"captured_at": ..., "response": {...}}`, an array of those, `{"captures": [those]}`, or a bare response with a
    `captured_at`/`date` key added next to `memberScore`;
  - `flat_json`: objects whose keys are the plain-CSV headers (Linked API `{ssi, industryTop, networkTop}` plus a
    `date`, ssi-tracker's `{ssi_overall_score, ..., date_created}`), one object or an array.
- CSV:
  - `pt_long_csv`: header starts `data_referencia;hora_referencia;secao;campo` (professorsoares);
  - `link_ssi`: header exactly `Date,CapturedAt,Total,Brand,People,Insights,Relationships` and integer scores;
  - `plain_csv` (`csv`): any other header naming a date and at least one score (synonyms in `columns.SYNONYMS`);
    `,`, `;` or tab separated, whichever recognises more header cells.

A file that holds no score, or has a column nobody knows where a pillar is missing (a misspelt "peopel" would
otherwise store NULL pillars), is rejected whole (`columns.check_unknown_columns`). The canonical row is
`schema.SCHEMA`; the page copied from linkedin.com/sales/ssi is read by `ingest/ssi_paste.py`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl
from linkedin_ssi.ingest.decode import decode_bytes
from linkedin_ssi.ingest.errors import ExportFormatError
from linkedin_ssi.ingest.ssi_formats import flat_json, plain_csv, pt_long_csv, sales_api, socialedge
from linkedin_ssi.ingest.ssi_formats.schema import SCHEMA, to_frame
from linkedin_ssi.ingest.ssi_formats.values import to_number
from linkedin_ssi.ingest.ssi_validate import SCORES, SsiFormatError, Where, validate_records

__all__ = ["SCHEMA", "SsiFormatError", "SsiImport", "manual_row", "read_ssi_file"]


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
    return SsiImport(fmt, to_frame(records), warnings)


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
    given = dict(
        total=total,
        brand=brand,
        people=people,
        insights=insights,
        relationships=relationships,
        industry_rank=industry_rank,
        network_rank=network_rank,
    )
    rec: dict[str, Any] = {f: to_number(v, f, where) for f, v in given.items()}
    rec.update(
        member=member,
        score_date=score_date,
        source_format=source_format,
        precision="float" if any(rec[f] is not None and not rec[f].is_integer() for f in SCORES) else "int",
        raw_record=json.dumps(
            raw if raw is not None else {"score_date": str(score_date), "member": member, **given},
            ensure_ascii=False,
            default=str,
        ),
    )
    validate_records([rec], where.file)
    return to_frame([rec])


_JSON_FORMATS = ("sales_api_json", "socialedge", "flat_json")


def _read_json(doc: Any, name: str, warnings: list[str]) -> tuple[str, list[dict[str, Any]]]:
    """Return (format, records) for a parsed JSON document; see the module docstring for the detection rules."""
    if doc in ([], {}):
        raise SsiFormatError(name, "no SSI captures in the file")
    first = doc[0] if isinstance(doc, list) else doc
    if not isinstance(first, dict):
        raise SsiFormatError(name, "not a recognised SSI JSON file (expected an object or an array of objects)")
    if "ssi_history" in first or "parsed" in first:
        return "socialedge", socialedge.read_socialedge(doc, name, warnings)
    if {"captures", "memberScore", "response"} & first.keys():
        return "sales_api_json", sales_api.read_sales_api(doc, name)
    if flat_json.is_flat(first):
        return "flat_json", flat_json.read_flat_json(doc, name, warnings)
    raise SsiFormatError(name, "not a recognised SSI JSON file (no salesApiSsi, SocialEdge or score keys)")


def _read_csv(text: str, name: str, warnings: list[str]) -> tuple[str, list[dict[str, Any]]]:
    """Return (format, records) for a CSV text; see the module docstring for the detection rules."""
    header_line = next(line for line in text.splitlines() if line.strip())
    if pt_long_csv.is_pt_long(header_line):
        return "pt_long_csv", pt_long_csv.read_pt_long(text, name, warnings)
    return plain_csv.read_plain_csv(text, header_line, name, warnings)
