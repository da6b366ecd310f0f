"""Reading single values the way every SSI format writes them: dates and timestamps, numbers with a decimal point
or comma, ranks ("Top 12%"), header names; and the CSV rows with their line numbers."""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

from linkedin_ssi.ingest.ssi_validate import Where

_DECIMAL = re.compile(r"\d[.,]\d")


PLAIN_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?")


_RANK_WORDS = re.compile(r"^(?:top|primeiros)\s*|\s*%$", re.IGNORECASE)  # "Top 12%", "12%", "Primeiros 9%"


def csv_rows(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """Yield (1-based physical line where the record starts, cells), skipping blank lines."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    start = 1
    for cells in reader:
        if any(c.strip() for c in cells):
            yield start, cells
        start = reader.line_num + 1


def day_and_instant(value: Any, f: str, where: Where) -> tuple[date, datetime | None]:
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


def to_number(value: Any, f: str, where: Where, decimal_comma: bool = False) -> float | None:
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
    if not PLAIN_NUMBER.fullmatch(text):
        raise where.error(f, f"{value!r} is not a number")
    return float(text)


def to_count(value: Any, f: str, where: Where) -> int | None:
    """Return a whole number (a group size), or None if empty."""
    number = to_number(value, f, where)
    if number is not None and not number.is_integer():
        raise where.error(f, f"{value!r} is not a whole number")
    return None if number is None else int(number)


def has_decimal(value: Any) -> bool:
    """Whether a value was written with decimals (JSON float, or text with a decimal point or comma)."""
    return isinstance(value, float) or isinstance(value, str) and bool(_DECIMAL.search(value))


def is_present(value: Any) -> bool:
    """Return whether a value holds something other than blanks."""
    return value is not None and str(value).strip() != ""


def to_text(value: Any) -> str | None:
    """Return the value as stripped text, None when missing or blank."""
    return str(value).strip() or None if value is not None else None


def norm_name(header: str) -> str:
    """Return a header cell normalised for matching: no BOM, quotes, spaces, underscores or hyphens; case-folded."""
    return re.sub(r"[\s_\-]+", "", header.strip().lstrip("\ufeff").strip('"')).casefold()


def fold_accents(label: str) -> str:
    """Return a Portuguese label lower-cased without accents ("Classificação" -> "classificacao")."""
    return "".join(c for c in unicodedata.normalize("NFKD", label.casefold()) if not unicodedata.combining(c))


def to_json(raw: Any) -> str:
    """Return the raw record as JSON, non-ASCII kept (the `raw_record` column)."""
    return json.dumps(raw, ensure_ascii=False)
