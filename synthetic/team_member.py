"""One invented member of the synthetic team, before anything is written: their identity and era, a calendar
(`Clock`), effort that varies by week, the people they deal with, and the day counts that drive their SSI; plus
the era rules and helpers the file writers share."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate
from urllib.parse import quote

from linkedin_ssi.synthetic import effort
from linkedin_ssi.synthetic.linkedin_format import links
from linkedin_ssi.synthetic.linkedin_format.dates import Clock
from linkedin_ssi.synthetic.linkedin_format.layout import Layout
from linkedin_ssi.synthetic.linkedin_format.quoting import Quote, join_fields, q_none
from linkedin_ssi.synthetic.team_vocabulary import (
    COMPANIES,
    FIRST_NAMES,
    FIRST_NAMES_ACCENTED,
    LAST_NAMES,
    LAST_SUFFIXES,
    POSITIONS,
)


# Days of history before the export day, per family (Invitations.csv keeps only ~8 months).
SPAN_DAYS = {"connections": 3650, "messages": 730, "activity": 365, "invitations": 240}
# Time of day (UTC hour) weights: working hours dominate, nights are quiet.
HOUR_WEIGHTS = (1, 1, 1, 1, 1, 2, 4, 7, 10, 12, 12, 11, 10, 11, 12, 12, 11, 9, 7, 6, 5, 4, 3, 2)


@dataclass
class People:
    """Everyone the member deals with, as parallel lists (index = person), values raw (writers quote them)."""

    first: list[str] = field(default_factory=list)
    last: list[str] = field(default_factory=list)
    slug: list[str] = field(default_factory=list)
    company: list[str] = field(default_factory=list)
    position: list[str] = field(default_factory=list)
    email: list[str] = field(default_factory=list)

    def name(self, i: int) -> str:
        """Display name as FROM/TO/Invitations write it (trimmed)."""
        return f"{self.first[i].strip()} {self.last[i]}"

    def url(self, i: int, encoded: bool = True) -> str:
        """Profile URL; Connections percent-encode a non-ASCII slug, Invitations keep it raw."""
        return links.profile_url(quote(self.slug[i], safe="-") if encoded else self.slug[i])


@dataclass
class Member:
    """One invented member and everything generated for them before writing."""

    index: int
    era: str
    first: str
    last: str
    slug: str
    export_day: date
    chunk_id: int  # numeric suffix of 2026 numbered files
    counts: dict[str, int]
    rng_seed: str
    clock: Clock = None  # type: ignore[assignment]
    end: int = 0  # last second of activity (the day before the export, 23:59:59)
    intensity: dict[str, list[float]] = field(default_factory=dict)  # per day, per effort dimension
    people: People = field(default_factory=People)
    n_connected: int = 0  # people[0:n_connected] are connections
    daily: dict[str, list[int]] = field(default_factory=dict)  # events per day driving each SSI pillar
    note_acceptance: tuple[float, float] | None = None  # planted acceptance (with a note, without); None: no plant

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def url(self) -> str:
        return links.profile_url(self.slug)

    def rng(self, purpose: str) -> random.Random:
        """Return an independent, reproducible generator per member and purpose (order of writing is irrelevant)."""
        return random.Random(f"{self.rng_seed}/{purpose}")

    def count_day(self, driver: str, t: int) -> None:
        """Record one event at time `t` for an SSI pillar driver."""
        self.daily[driver][t // 86400] += 1


def _latent_intensity(rng: random.Random, base: date, days: int) -> dict[str, list[float]]:
    """Return per-day effort levels (day 0 = `base`) for each kind of effort: weekly levels, quieter at weekends.

    Shared by related files, so a busy week shows up across several of them and in the SSI pillars.
    """
    weekly = effort.weekly_efforts(rng, days // 7 + 2, persistence=0.7, noise=0.45)
    return {kind: [levels[d // 7] * (0.35 if (base.weekday() + d) % 7 >= 5 else 1.0) for d in range(days)]
            for kind, levels in weekly.items()}


def event_times(rng: random.Random, n: int, m: Member, dim: str, span_days: int) -> list[int]:
    """Return `n` event times (seconds after the clock base) in the last `span_days` days, newest first.

    Days are drawn with the member's effort in `dim` as weights, hours with working-hour weights.
    """
    if n <= 0:
        return []
    last_day = m.end // 86400
    first_day = max(0, last_day - span_days + 1)
    days = range(first_day, last_day + 1)
    weights = m.intensity[dim][first_day:last_day + 1]
    picked = rng.choices(days, cum_weights=list(accumulate(weights)), k=n)
    hours = rng.choices(range(24), weights=HOUR_WEIGHTS, k=n)
    rnd = rng.random
    times = [d * 86400 + h * 3600 + int(rnd() * 3600) for d, h in zip(picked, hours)]
    times.sort(reverse=True)
    return times


def _build_people(m: Member, n: int) -> People:
    """Return `n` invented people (the first ones become connections); quirks included at realistic rates."""
    rng = m.rng("people")
    p = People()
    rnd = rng.random
    for i in range(n):
        first = rng.choice(FIRST_NAMES_ACCENTED) if rnd() < 0.03 else rng.choice(FIRST_NAMES)
        last = rng.choice(LAST_NAMES)
        slug = f"{links.ascii_slug(first)}-{links.ascii_slug(last)}-{i:x}{rng.getrandbits(16):04x}"
        if first in FIRST_NAMES_ACCENTED and rnd() < 0.5:
            # A raw non-ASCII slug: percent-encoded in Connections, raw in Invitations (spec §2.1/§2.2).
            slug = f"{first.lower()}-{links.ascii_slug(last)}-{i:x}"
        if rnd() < 0.01:
            last += rng.choice(LAST_SUFFIXES)
        if rnd() < 0.01:
            first += " "  # LinkedIn does not trim names
        p.first.append(first)
        p.last.append(last)
        p.slug.append(slug)
        employed = rnd() < 0.92
        p.company.append(rng.choice(COMPANIES) if employed else "")
        p.position.append(rng.choice(POSITIONS) if employed else "")
        p.email.append(f"{links.ascii_slug(first)}.{links.ascii_slug(last)}{i}@example.com" if rnd() < 0.04 else "")
    return p


def plan_member(m: Member) -> None:
    """Fill in the member's clock, effort levels and people (everything the writers share)."""
    days = SPAN_DAYS["connections"] + 2
    base = m.export_day - timedelta(days=days)
    m.clock = Clock(base, days + 1)
    m.end = days * 86400 - 1  # 23:59:59 on the day before the export
    m.intensity = _latent_intensity(m.rng("intensity"), base, days + 1)
    extra = max(20, m.counts["invitations"] // 2 + m.counts["messages"] // 200)
    m.people = _build_people(m, m.counts["connections"] + extra)
    m.daily = {k: [0] * (days + 1) for k in ("brand", "people", "insights", "relationships")}


# ------------------------------------------------------------------------------------------------------------
# Era rules and helpers the file writers share
# ------------------------------------------------------------------------------------------------------------


def is_legacy(m: Member) -> bool:
    """True for eras whose activity files use CRLF and the legacy Comments quoting (2021–2024)."""
    return m.era in ("2021", "2023", "2024-12")


def activity_layout(m: Member) -> Layout:
    """Return the layout of the member's activity files: CRLF in the legacy eras."""
    return Layout(eol="\r\n") if is_legacy(m) else Layout()


def header_line(columns: list[str], quote: Quote = q_none) -> str:
    """Return a header line (with its newline): the columns joined by commas, quoted with `quote` (none by default)."""
    return join_fields(columns, quote) + "\n"


def activity_id_at(c: Clock, t: int, low_bits: int) -> int:
    """Return a LinkedIn-style id for second `t`: 10 of the invented `low_bits` go to the milliseconds, 22 below."""
    return links.activity_id(c.epoch_ms_at(t) + (low_bits & 1023), low_bits >> 10 & 0x3FFFFF)
