"""The plain SSI CSV that `linkedin-ssi ssi import` reads (README "Recorded SSI scores"), as the generators write
their invented score histories: scores with two decimals, ranks as whole percentages.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence

COLUMNS = ["date", "total", "brand", "people", "insights", "relationships", "industry_rank", "network_rank"]


def pillar_cents(value: float) -> int:
    """Return a pillar score clipped to 0-25, in hundredths of a point."""
    return int(round(min(25.0, max(0.0, value)) * 100))


def ranks(total: float, rng: random.Random) -> tuple[int, int]:
    """Return invented (industry, network) "Top N%" ranks for a total: 1-100, lower for a higher total, with
    noise from `rng` (industry drawn first)."""
    industry = max(1, min(100, round(100 * math.exp(-(total - 20) / 18) + rng.gauss(0, 0.8))))
    network = max(1, min(100, round(100 * math.exp(-(total - 15) / 15) + rng.gauss(0, 0.8))))
    return industry, network


def score_row(day: str, pillars: Sequence[int], industry: int, network: int, member: str | None = None) -> str:
    """Return one CSV line (no newline): the day, the total (the exact sum of the pillars) and the four pillars
    given in hundredths, the ranks, and the member when given (the `member` column)."""
    scores = [f"{c // 100}.{c % 100:02d}" for c in (sum(pillars), *pillars)]
    return ",".join([day, *scores, str(industry), str(network), *([member] if member is not None else [])])
