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
from linkedin_ssi.synthetic.team_history import INVITATIONS_KEPT_DAYS, Cut, export_days, plan_cuts
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
# A history of monthly exports draws invitations over the longest window an export keeps (about 9 months, §2.2),
# so that every export's window is full.
HISTORY_INVITATION_DAYS = INVITATIONS_KEPT_DAYS[1]
# The share of a member's connections made in the last year, in percent (the rest spread over ten years): a
# history's months keep adding connections at that rate.
RECENT_CONNECTIONS_PERCENT = 35
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
    cuts: list[Cut] = field(default_factory=list)  # the member's exports, oldest first (one without a history)
    history_days: int = 0  # days from the first export to the last (0 for a single export)
    growth: int = 0  # connections made between the first export and the last (the last year's rate)

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

    def span(self, family: str) -> int:
        """Return the days a family's events spread over, ending at the last export: its span before the first
        export plus the history between the first export and the last."""
        if family == "invitations" and self.history_days:
            return HISTORY_INVITATION_DAYS + self.history_days
        return SPAN_DAYS[family] + self.history_days


def _latent_intensity(rng: random.Random, base: date, days: int) -> dict[str, list[float]]:
    """Return per-day effort levels (day 0 = `base`) for each kind of effort: weekly levels, quieter at weekends.

    Shared by related files, so a busy week shows up across several of them and in the SSI pillars.
    """
    weekly = effort.weekly_efforts(rng, days // 7 + 2, persistence=0.7, noise=0.45)
    weekend = [(base.weekday() + d) % 7 >= 5 for d in range(days)]
    return {
        kind: [levels[d // 7] * (0.35 if weekend[d] else 1.0) for d in range(days)] for kind, levels in weekly.items()
    }


def event_times(rng: random.Random, n: int, m: Member, dim: str, span_days: int) -> list[int]:
    """Return `n` event times (seconds after the clock base) in the last `span_days` days, newest first.

    Days are drawn with the member's effort in `dim` as weights, hours with working-hour weights.
    """
    if n <= 0:
        return []
    last_day = m.end // 86400
    first_day = max(0, last_day - span_days + 1)
    days = range(first_day, last_day + 1)
    weights = m.intensity[dim][first_day : last_day + 1]
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


def _history_counts(m: Member) -> dict[str, int]:
    """Return the records per family of a whole history: each family at the density of a single export, over its
    span stretched by the months between the first export and the last (connections: the last year's rate)."""

    def stretched(n: int, base_days: int) -> int:
        return round(n * (base_days + m.history_days) / base_days)

    counts = dict(m.counts)
    for family in ("reactions", "comments", "shares", "search_queries", "votes", "member_follows", "rich_media"):
        counts[family] = stretched(counts[family], SPAN_DAYS["activity"])
    for family in ("messages", "endorsements"):
        counts[family] = stretched(counts[family], SPAN_DAYS["messages"])
    counts["company_follows"] = stretched(counts["company_follows"], SPAN_DAYS["connections"])
    counts["invitations"] = round(counts["invitations"] * m.span("invitations") / SPAN_DAYS["invitations"])
    m.growth = round(counts["connections"] * RECENT_CONNECTIONS_PERCENT / 100 * m.history_days / 365)
    counts["connections"] += m.growth
    return counts


def plan_member(m: Member, months: int = 1) -> None:
    """Fill in the member's exports (`months` of them, one a month, the last on `m.export_day`), clock, effort
    levels and people (everything the writers share). With more than one export the counts cover the whole
    history (`_history_counts`)."""
    days_of_exports = export_days(m.rng("months"), m.export_day, months) if months > 1 else [m.export_day]
    m.history_days = (days_of_exports[-1] - days_of_exports[0]).days
    days = SPAN_DAYS["connections"] + 2 + m.history_days
    base = m.export_day - timedelta(days=days)
    m.clock = Clock(base, days + 1)
    m.end = days * 86400 - 1  # 23:59:59 on the day before the (last) export
    m.cuts = plan_cuts(m.rng("cuts"), days_of_exports, base, m.era)
    if months > 1:
        m.counts = _history_counts(m)
    m.intensity = _latent_intensity(m.rng("intensity"), base, days + 1)
    extra = max(20, m.counts["invitations"] // 2 + m.counts["messages"] // 200)
    m.people = _build_people(m, m.counts["connections"] + extra)
    m.daily = {k: [0] * (days + 1) for k in ("brand", "people", "insights", "relationships")}


# ------------------------------------------------------------------------------------------------------------
# Era rules and helpers the file writers share
# ------------------------------------------------------------------------------------------------------------


def is_legacy(era: str) -> bool:
    """True for eras whose activity files use CRLF and the legacy Comments quoting (2021–2024)."""
    return era in ("2021", "2023", "2024-12")


def activity_layout(era: str) -> Layout:
    """Return the layout of an era's activity files: CRLF in the legacy eras."""
    return Layout(eol="\r\n") if is_legacy(era) else Layout()


def header_line(columns: list[str], quote: Quote = q_none) -> str:
    """Return a header line (with its newline): the columns joined by commas, quoted with `quote` (none by default)."""
    return join_fields(columns, quote) + "\n"


def activity_id_at(c: Clock, t: int, low_bits: int) -> int:
    """Return a LinkedIn-style id for second `t`: 10 of the invented `low_bits` go to the milliseconds, 22 below."""
    return links.activity_id(c.epoch_ms_at(t) + (low_bits & 1023), low_bits >> 10 & 0x3FFFFF)
