"""Read the text a user copies from LinkedIn's SSI page (https://www.linkedin.com/sales/ssi) into SSI values.

What the page shows (docs/ssi.md §1.1, §1.3): the SSI ("Your Social Selling Index 65 out of 100"), the four pillars
("Establish your professional brand", "Find the right people", "Engage with insights", "Build relationships", each
0–25), and the ranks ("Industry SSI rank Top 12%", "Network SSI rank Top 5%"). What a copy looks like depends on the
browser: a value may follow its label on the same line or on a line of its own, numbers may use a decimal comma
("19,4"), and the page around them (menus, group averages, help text) comes along. So the reader is tolerant:

- a label is recognised by keywords (case and accents ignored; the Portuguese page's labels too), first match wins;
- its value is the first number after the label on the same line, else the number that starts one of the next two
  non-empty lines (a line that is itself another label stops the search); when the copy puts every pillar's value
  on the line before its label instead, that layout is recognised (`_values_come_first`) and read that way;
- a label seen twice keeps its first value: the member's own scores come before the group averages on the page.
"""

from __future__ import annotations

import re
import unicodedata

from linkedin_ssi.ingest.ssi_columns import PILLAR_LABELS, PILLARS
from linkedin_ssi.ingest.ssi_validate import SsiFormatError

SSI_PAGE = "https://www.linkedin.com/sales/ssi"
SOURCE = "pasted text"

# (field, keywords that must all be in the folded line). Ranks first: their lines also name the SSI.
_LABELS: list[tuple[str, tuple[str, ...]]] = [
    ("industry_rank", ("industry", "rank")),
    ("industry_rank", ("classifica", "setor")),
    ("network_rank", ("network", "rank")),
    ("network_rank", ("classifica", "rede")),
    ("brand", ("professional brand",)),
    ("brand", ("marca profissional",)),
    ("people", ("right people",)),
    ("people", ("pessoas certas",)),
    ("insights", ("engage", "insights")),
    ("insights", ("interagir", "insights")),
    ("relationships", ("build", "relationships")),
    ("relationships", ("criar relacionamentos",)),
    ("relationships", ("cultivar relacionamentos",)),
    ("total", ("social selling index",)),
]
PAGE_LABELS = {
    "total": "Your Social Selling Index",
    **PILLAR_LABELS,
    "industry_rank": "Industry SSI rank",
    "network_rank": "Network SSI rank",
}
REQUIRED = PILLARS
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_LEADING_NUMBER = re.compile(r"^(?:top|primeiros|first)?\s*(\d+(?:[.,]\d+)?)")
_ALONE = re.compile(r"^\d+(?:[.,]\d+)?\s*(?:/\s*25)?$")  # a pillar value on a line of its own ("19,4", "19.4 / 25")


def _fold(line: str) -> str:
    """Return a line lower-cased without accents, so "Classificação" matches "classificacao"."""
    return "".join(c for c in unicodedata.normalize("NFKD", line.casefold()) if not unicodedata.combining(c))


def _label(folded: str) -> tuple[str, int] | None:
    """Return (field, index just after the label's last keyword) of a folded line, or None."""
    for f, keywords in _LABELS:
        if all(k in folded for k in keywords):
            return f, max(folded.index(k) + len(k) for k in keywords)
    return None


def _values_come_first(lines: list[str]) -> bool:
    """Return True when the pillars' values stand on the line before their labels ("19,4" then "Establish your
    professional brand"), as some copies of the page lay them out.

    Read the other way round, each pillar would silently take its neighbour's value. The layout is "before" when
    every pillar label without a value of its own has a number alone on the line above, and at least one of them
    has none below (the last pillar is followed by the next section, not by a number).
    """
    bare = [
        i
        for i, line in enumerate(lines)
        if (found := _label(line)) and found[0] in REQUIRED and not _NUMBER.search(line, found[1])
    ]
    if not bare:
        return False
    above = all(i > 0 and _pillar_value(lines[i - 1]) for i in bare)
    below = all(i + 1 < len(lines) and _pillar_value(lines[i + 1]) for i in bare)
    return above and not below


def _pillar_value(line: str) -> bool:
    """Return True for a line that can only be a pillar's value: a number from 0 to 25 alone (the total above the
    first pillar, "65", is not one)."""
    if not _ALONE.match(line):
        return False
    number = _NUMBER.search(line)
    assert number is not None, "a line _ALONE matches starts with a number"
    return _value(number.group()) <= 25


def _value(text: str) -> float:
    return float(text.replace(",", "."))


def parse_ssi_page(text: str) -> tuple[dict[str, float], list[str]]:
    """Return ({field: value} for the total, pillars and ranks found, [the lines they were read from, as pasted]).

    Only those lines are returned (to keep as the raw record): the rest of the page (menus, the member's name) is not.

    Raises SsiFormatError (one line) when nothing was pasted or a pillar is missing.
    """
    originals = [line.strip() for line in text.splitlines() if line.strip()]
    lines = [_fold(line) for line in originals]
    if not lines:
        raise SsiFormatError(
            SOURCE, f"nothing was pasted; copy the whole page at {SSI_PAGE} and paste it into standard input"
        )
    values: dict[str, float] = {}
    used: list[str] = []
    before = _values_come_first(lines)
    for i, line in enumerate(lines):
        found = _label(line)
        if found is None or found[0] in values:
            continue
        f, end = found
        match = _NUMBER.search(line, end)
        source = [originals[i]]
        if match is None and before and f in REQUIRED and i > 0 and _pillar_value(lines[i - 1]):
            match = _LEADING_NUMBER.match(lines[i - 1])
            source.insert(0, originals[i - 1])
        elif match is None:
            for j in range(i + 1, min(i + 3, len(lines))):
                if _label(lines[j]):
                    break
                if (match := _LEADING_NUMBER.match(lines[j])) is not None:
                    source.append(originals[j])
                    break
        if match is not None:
            values[f] = _value(match.group(1) if match.re is _LEADING_NUMBER else match.group())
            used += source
    missing = [PAGE_LABELS[f] for f in REQUIRED if f not in values]
    if missing:
        raise SsiFormatError(
            SOURCE,
            f"no score found for {', '.join(missing)}; copy the whole page at {SSI_PAGE} "
            "(select all, copy) and paste it again",
        )
    return values, used
