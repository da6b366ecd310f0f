"""The `pt_long_csv` format: professorsoares/linkedin-ssi-data's long CSV, one metric per row with Portuguese labels,
`;`-separated, decimal commas (docs/ssi.md §2.1)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from linkedin_ssi.ingest.ssi_formats.values import (
    PLAIN_NUMBER,
    csv_rows,
    day_and_instant,
    fold_accents,
    has_decimal,
    norm_name,
    to_json,
)
from linkedin_ssi.ingest.ssi_validate import PILLARS, SCORES, Where

# The header's first four cells, normalised: what tells this format apart.
HEADER_START = ["datareferencia", "horareferencia", "secao", "campo"]


def is_pt_long(header_line: str) -> bool:
    """Return whether a CSV's first line is a professorsoares header."""
    return [norm_name(c) for c in header_line.split(";")[:4]] == HEADER_START


def read_pt_long(text: str, name: str, warnings: list[str]) -> list[dict[str, Any]]:
    """Return one record per (data_referencia, hora_referencia) of a professorsoares long CSV.

    Each row is one metric, named by a Portuguese `campo` label (see `_PT_LABELS`). The value is `valor_numerico`
    (decimal point), else the first number in `valor_original` ("20,973", "53 de 100", "Primeiros 9%").
    `hora_referencia` is a wall-clock time with no zone, so captured_at stays null; it is kept in raw_record.
    source_line is the line of the capture's first row.
    """
    (header_at, header_cells), *data = csv_rows(text, ";")
    header = [norm_name(c) for c in header_cells]
    missing = [
        c for c in ("data_referencia", "campo", "valor_original", "valor_numerico") if norm_name(c) not in header
    ]
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
            cap.decimals |= f in SCORES and has_decimal(used)
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
        score_date, _ = day_and_instant(day, "data_referencia", Where(name, self.line))
        return {
            **self.values,
            "score_date": score_date,
            "source_line": self.line,
            "precision": "float" if self.decimals else "int",
            "raw_record": to_json(self.rows),
        }


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
    label, section = fold_accents(campo), fold_accents(secao)
    for keywords, f in _PT_LABELS:
        if all(k in label for k in keywords):
            if f in PILLARS and ("setor" in section or "rede" in section):
                return None
            return f
    return "?"


def _pt_number(numeric: str, original: str, f: str, where: Where) -> tuple[float, str]:
    """Return (value, text it came from): `valor_numerico` (decimal point), else the first number of
    `valor_original` (decimal comma: "20,973", "53 de 100", "Primeiros 9%")."""
    if PLAIN_NUMBER.fullmatch(numeric.strip()):
        return float(numeric), numeric.strip()
    match = re.search(r"\d+(?:,\d+)?", original)
    if match is None:
        raise where.error(f, f"{(original.strip() or numeric)!r} is not a number")
    return float(match.group().replace(",", ".")), match.group()
