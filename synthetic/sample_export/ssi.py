"""The sample's recorded SSI history (`data/sample_ssi_scores.csv`): weekly scores driven by the export's activity."""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta

from linkedin_ssi.synthetic.linkedin_format import ssi_csv
from linkedin_ssi.synthetic.sample_export.state import Sample
from linkedin_ssi.synthetic.sample_export.world import World


def ssi_lines(s: Sample, wd: World) -> list[str]:
    """Return the SSI CSV's lines, header first: one row per Monday 2026-04-06 .. 2026-10-12.

    Each pillar is a base, plus a square root of the trailing-28-day count of its activity in the export (brand:
    shares + uploads; people: searches + follows; insights: comments + reactions; relationships: new connections +
    accepted invitations), plus a slow upward trend and N(0, 0.4) noise, clipped to 0-25.
    """
    conns = [p.connected_day for p in wd.connections]
    accepted = [
        (inv["sent"] + timedelta(days=inv["accept_after"])).date()
        for inv in wd.invitations
        if inv["dir"] == "OUTGOING" and inv["accept_after"] is not None
    ]

    def count(items: list[date] | list[datetime], d0: date, d1: date) -> int:
        """Return how many of the days or times fall on a day in [d0, d1)."""
        return sum(
            1 for x in items if d0 <= (x if isinstance(x, date) and not isinstance(x, datetime) else x.date()) < d1
        )

    lines = [",".join(ssi_csv.COLUMNS)]
    d = date(2026, 4, 6)
    k = 0
    while d <= date(2026, 10, 12):
        lo = d - timedelta(days=28)
        posts = count([x["dt"] for x in wd.shares], lo, d) + count([m["dt"] for m in wd.rich_media], lo, d)
        seek = count([x["dt"] for x in wd.searches], lo, d) + count(
            [x["dt"] for x in wd.company_follows + wd.member_follows], lo, d
        )
        engage = count([c["dt"] for c in wd.comments], lo, d) + count([r["dt"] for r in wd.reactions], lo, d)
        rel = count(conns, lo, d) + count(accepted, lo, d)
        trend = 0.06 * k
        raw = [
            12 + 1.75 * math.sqrt(posts) + trend,
            6 + 1.15 * math.sqrt(seek) + trend,
            5 + 0.85 * math.sqrt(engage) + trend,
            8 + 1.45 * math.sqrt(rel) + trend,
        ]
        cents = [ssi_csv.pillar_cents(x + s.rng.gauss(0, 0.4)) for x in raw]
        industry, network = ssi_csv.ranks(sum(cents) / 100, s.rng)
        lines.append(ssi_csv.score_row(d.isoformat(), cents, industry, network))
        d += timedelta(days=7)
        k += 1
    return lines
