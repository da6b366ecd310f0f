"""A member's exports over time: one `Cut` per monthly export (its day, the layout of that date, Complete or Basic,
the history it holds), and `Dated`, a file family's rows with when each happened, from which every export takes
its own share. The facts come from `shared/docs/linkedin-export-format.md`: the layout timeline (§4), what a Basic
archive holds (§1.3) and how long Invitations.csv keeps requests (§2.2).
"""

from __future__ import annotations

import random
import re
from calendar import monthrange
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from linkedin_ssi.synthetic.linkedin_format.layout import ExportFile

ERAS = ("2021", "2023", "2024-12", "2025", "2026")
# The first day each layout is written (§4): the 2023 layout is whole once Invitations has its profile URLs
# (between 2023-07 and 2023-09; Connections' URL came earlier); the draft columns, `Rich_Media.csv` and
# `SharedUrl` were seen first in 2024-12; ATTACHMENTS and the 2025 quoting by mid-2025; fully quoted messages in
# 2026-03. Older dates keep the 2021 layout: the generator models nothing older (no `Notes:` preamble and other
# messages columns before mid-2021), so a member whose history starts earlier is written in its oldest layout.
ERA_FROM = {"2023": date(2023, 9, 1), "2024-12": date(2024, 12, 1), "2025": date(2025, 6, 1), "2026": date(2026, 3, 1)}
# Files observed only in Complete archives (§1.3); a Basic archive has every other file of the export.
COMPLETE_ONLY = frozenset(
    {"comments", "reactions", "shares", "votes", "searchqueries", "memberfollows", "learningcoachmessages"}
)
# Invitations.csv keeps roughly the last 6 to 9 months (§2.2): each member's exports keep a window of days drawn
# once in this range (one rule per account: a request, once dropped, never comes back).
INVITATIONS_KEPT_DAYS = (183, 274)
# One export in each run of this many is a Basic archive (the member downloaded only the fast one that month).
BASIC_EVERY = 6


def era_on(day: date) -> str:
    """Return the layout LinkedIn wrote on `day`: the newest era begun by then, else the oldest modelled (2021)."""
    current = ERAS[0]
    for era, start in ERA_FROM.items():
        if day >= start:
            current = era
    return current


def is_complete_only(path: str) -> bool:
    """True when a Basic archive leaves the file out (`Comments_34875879.csv` counts as Comments)."""
    base = re.sub(r"_\d+(?=\.csv$)", "", path.rsplit("/", 1)[-1]).removesuffix(".csv")
    return re.sub(r"[\s_]+", "", base).casefold() in COMPLETE_ONLY


@dataclass(frozen=True)
class Cut:
    """One export of a member: `index` (0 = the first), its `day` (the archive's name), the layout `era` of that
    day, `kind` (`Complete` or `Basic`), `end`, the last second of history it holds (23:59:59 the day before `day`,
    in the member's clock seconds), and `invitations_from`, the first second Invitations.csv still keeps."""

    index: int
    day: date
    era: str
    kind: str
    end: int
    invitations_from: int


def _months_back(day: date, months: int) -> date:
    """Return the same day of the month `months` months before `day` (clamped to the month's last day)."""
    y, mo = divmod(day.year * 12 + day.month - 1 - months, 12)
    return date(y, mo + 1, min(day.day, monthrange(y, mo + 1)[1]))


def export_days(rng: random.Random, last: date, months: int) -> list[date]:
    """Return `months` export days, oldest first, ending with `last`: one a month, each a few days (0-4) before
    the same day of its month (people do not download on a fixed day)."""
    return [_months_back(last, months - 1 - k) - timedelta(days=rng.randrange(5)) for k in range(months - 1)] + [last]


def basic_indexes(rng: random.Random, months: int) -> set[int]:
    """Return which exports are Basic: one drawn in each run of `BASIC_EVERY`, never the first or the last (the
    history opens and closes with a Complete archive)."""
    picks = set()
    for start in range(0, months, BASIC_EVERY):
        candidates = [k for k in range(start, min(start + BASIC_EVERY, months)) if 0 < k < months - 1]
        if candidates:
            picks.add(rng.choice(candidates))
    return picks


def plan_cuts(rng: random.Random, days: list[date], base: date, last_era: str) -> list[Cut]:
    """Return one Cut per export day (seconds counted from `base`, the clock's first midnight).

    A single export is the one the generator always wrote: Complete, in `last_era`, holding every invitation drawn
    (over its own 8 months). The last export of a history is in `last_era` too (a member's era is that of their
    newest export); the earlier ones in the layout of their day, one in `BASIC_EVERY` Basic, and Invitations.csv
    keeping a window of days drawn once for the member.
    """
    if len(days) == 1:
        return [Cut(0, days[0], last_era, "Complete", (days[0] - base).days * 86400 - 1, 0)]
    basic = basic_indexes(rng, len(days))
    kept = rng.randint(*INVITATIONS_KEPT_DAYS)
    cuts = []
    for k, day in enumerate(days):
        since = max(0, ((day - base).days - kept) * 86400)
        era = last_era if k == len(days) - 1 else era_on(day)
        cuts.append(Cut(k, day, era, "Basic" if k in basic else "Complete", (day - base).days * 86400 - 1, since))
    return cuts


@dataclass
class Dated:
    """One file family's rows in file order, with the second each happened (`times`); an export holds the rows up
    to its end (Invitations: only within its window, `windowed`), less those `gone` by then (`gone[i]`: the index of
    the first export that no longer holds row i, e.g. a removed connection). `make` writes the file(s) from the
    rows an export holds."""

    times: list[int]
    rows: list[str]
    make: Callable[[list[str]], list[ExportFile]]
    windowed: bool = False
    gone: list[int] | None = None

    def select(self, cut: Cut) -> list[str]:
        """Return the rows `cut` holds, in file order."""
        since = cut.invitations_from if self.windowed else -1
        if self.gone is None:
            return [r for t, r in zip(self.times, self.rows) if since <= t <= cut.end]
        return [r for t, g, r in zip(self.times, self.gone, self.rows) if since <= t <= cut.end and g > cut.index]

    def changes(self, before: Cut, cut: Cut) -> tuple[int, int]:
        """Return (how many rows `cut` holds that `before` did not, how many `before` held that `cut` does not)."""
        held_before, held = self._held(before), self._held(cut)
        return len(held - held_before), len(held_before - held)

    def _held(self, cut: Cut) -> set[int]:
        """Return the indexes of the rows `cut` holds."""
        since = cut.invitations_from if self.windowed else -1
        gone = self.gone or [cut.index + 1] * len(self.times)
        return {i for i, (t, g) in enumerate(zip(self.times, gone)) if since <= t <= cut.end and g > cut.index}

    def files(self, cut: Cut) -> list[ExportFile]:
        """Return the family's file(s) in `cut`."""
        return self.make(self.select(cut))


@dataclass
class Fixed:
    """Files every export of one layout holds whole (the profile files, the older Rich Media pointer file)."""

    make: Callable[[], list[ExportFile]]

    def files(self, cut: Cut) -> list[ExportFile]:
        """Return the files (fresh ones: a written file's chunks are consumed)."""
        return self.make()
