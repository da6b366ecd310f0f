"""LinkedIn's date and time formats, one per file family (linkedin-export-format.md §3), and `Clock`, the same
formats for a million timestamps.

Each format is written once here. `Clock` serves the formats of the big files from tables of their day and time
parts (formatting 1M timestamps one by one takes seconds; two list lookups take a fraction of that);
`tests/test_linkedin_format.py` checks that it gives the same text as the formatter of the same name.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import cache

MONTH_ABBR = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
MONTH_FULL = "January February March April May June July August September October November December".split()
DOW_ABBR = "Mon Tue Wed Thu Fri Sat Sun".split()

# ---------------------------------------------------------------------------------------------------- the parts


def iso_day(d: date) -> str:
    """Return `2026-05-01`."""
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


def slash_day(d: date) -> str:
    """Return `2026/05/01`."""
    return f"{d.year:04d}/{d.month:02d}/{d.day:02d}"


def us_day(d: date) -> str:
    """Return `3/7/26`: month and day unpadded, two-digit year."""
    return f"{d.month}/{d.day}/{d.year % 100:02d}"


def connected_on(d: date) -> str:
    """Return Connections' `Connected On` day, `05 Mar 2024` (zero-padded day)."""
    return f"{d.day:02d} {MONTH_ABBR[d.month - 1]} {d.year}"


def hms(hour: int, minute: int, second: int) -> str:
    """Return `14:03:22`."""
    return f"{hour:02d}:{minute:02d}:{second:02d}"


def clock_12h(hour: int, minute: int) -> str:
    """Return `1:07 PM`: the hour unpadded, 12 for noon and midnight."""
    return f"{(hour % 12) or 12}:{minute:02d} {'AM' if hour < 12 else 'PM'}"


# ------------------------------------------------------------------------------------------- whole values, one by one


def iso(dt: datetime) -> str:
    """Return `2026-05-01 14:03:22` (Shares, Comments, Reactions, Votes, Member_Follows, ...)."""
    return f"{iso_day(dt)} {hms(dt.hour, dt.minute, dt.second)}"


def iso_utc(dt: datetime) -> str:
    """Return `2026-05-01 14:03:22 UTC` (messages.csv and its side files, Notes.csv)."""
    return f"{iso(dt)} UTC"


def slash_utc(dt: datetime) -> str:
    """Return `2026/05/01 14:03:22 UTC` (SearchQueries, Endorsements)."""
    return f"{slash_day(dt)} {hms(dt.hour, dt.minute, dt.second)} UTC"


def us_short(dt: datetime) -> str:
    """Return `3/7/26, 1:07 PM`, unpadded (Invitations, Email Addresses, Registration, Saved Jobs)."""
    return f"{us_day(dt)}, {clock_12h(dt.hour, dt.minute)}"


def us_padded(dt: datetime) -> str:
    """Return `03/05/26, 09:12 AM`, zero-padded (Recommendations)."""
    h = dt.hour % 12 or 12
    return f"{dt.month:02d}/{dt.day:02d}/{dt.year % 100:02d}, {h:02d}:{dt.minute:02d} {'AM' if dt.hour < 12 else 'PM'}"


def java(dt: datetime) -> str:
    """Return Java's `Date.toString()`, `Fri Aug 05 14:02:31 UTC 2022` (Company Follows, Logins)."""
    return (
        f"{DOW_ABBR[dt.weekday()]} {MONTH_ABBR[dt.month - 1]} {dt.day:02d} {hms(dt.hour, dt.minute, dt.second)} "
        f"UTC {dt.year}"
    )


def learning(dt: datetime) -> str:
    """Return `2026-01-15 09:30 UTC`, no seconds (Learning.csv)."""
    return f"{iso_day(dt)} {dt.hour:02d}:{dt.minute:02d} UTC"


def event_range(start: datetime, end: datetime) -> str:
    """Return Events.csv's `Mar 12, 2026 06:30 PM - Mar 12, 2026 08:00 PM`."""

    def one(x: datetime) -> str:
        h = x.hour % 12 or 12
        return f"{MONTH_ABBR[x.month - 1]} {x.day:02d}, {x.year} {h:02d}:{x.minute:02d} {'AM' if x.hour < 12 else 'PM'}"

    return f"{one(start)} - {one(end)}"


def rich_media(kind: str, dt: datetime) -> str:
    """Return Rich_Media.csv's sentence, `You uploaded a feed photo on March 14, 2026 at 7:01 PM (GMT)`."""
    day = f"{MONTH_FULL[dt.month - 1]} {dt.day}, {dt.year}"
    return f"You uploaded a {kind} on {day} at {clock_12h(dt.hour, dt.minute)} (GMT)"


# ------------------------------------------------------------------------------------------------ a million values


@cache
def _day_texts(ordinal: int) -> tuple[date, str, str, str]:
    """Return the day `ordinal` and its `iso_day`, `slash_day` and `connected_on` texts (cached: the members of a
    team share most of their days)."""
    d = date.fromordinal(ordinal)
    return d, iso_day(d), slash_day(d), connected_on(d)


@cache
def _hms_of_day() -> list[str]:
    """Return `hms` of every second of a day, in order (built once per process: 86,400 strings take a tenth of a
    second, which a team of a thousand members would pay a thousand times)."""
    return [hms(h, m, s) for h in range(24) for m in range(60) for s in range(60)]


class Clock:
    """The formats above for times given as whole seconds after `base` (a UTC midnight), `days` + 1 days long.

    Each method gives the same text as its namesake above for `base + t` seconds. The formats of the big files
    (messages, reactions, searches: up to a million values) index per-day and per-second tables built once; the
    others, a few thousand values at most, call the formatter.
    """

    def __init__(self, base: date, days: int):
        self.base = base
        first = base.toordinal()
        texts = [_day_texts(first + d) for d in range(days + 1)]
        self.dates = [x[0] for x in texts]
        self.iso_day = [x[1] for x in texts]
        self.slash_day = [x[2] for x in texts]
        self.conn_day = [x[3] for x in texts]
        self.hms = _hms_of_day()
        self._midnight = datetime(base.year, base.month, base.day)
        # Milliseconds since the Unix epoch at `base`: LinkedIn's ids and media links carry them.
        self.epoch_ms = int((self._midnight - datetime(1970, 1, 1)).total_seconds()) * 1000

    def at(self, t: int) -> datetime:
        """Return second `t` as a naive UTC datetime."""
        return self._midnight + timedelta(seconds=t)

    def iso(self, t: int) -> str:
        """Return `YYYY-MM-DD HH:MM:SS` (`iso`)."""
        return f"{self.iso_day[t // 86400]} {self.hms[t % 86400]}"

    def iso_utc(self, t: int) -> str:
        """Return `YYYY-MM-DD HH:MM:SS UTC` (`iso_utc`)."""
        return f"{self.iso_day[t // 86400]} {self.hms[t % 86400]} UTC"

    def slash_utc(self, t: int) -> str:
        """Return `YYYY/MM/DD HH:MM:SS UTC` (`slash_utc`)."""
        return f"{self.slash_day[t // 86400]} {self.hms[t % 86400]} UTC"

    def us_short(self, t: int) -> str:
        """Return `M/D/YY, h:mm AM` (`us_short`)."""
        return us_short(self.at(t))

    def java(self, t: int) -> str:
        """Return `Fri Aug 05 14:02:31 UTC 2022` (`java`)."""
        return java(self.at(t))

    def rich_media(self, kind: str, t: int) -> str:
        """Return `You uploaded a <kind> on <Month> <D>, <YYYY> at <h:mm> <AM|PM> (GMT)` (`rich_media`)."""
        return rich_media(kind, self.at(t))

    def epoch_ms_at(self, t: int) -> int:
        """Return the Unix time of second `t` in milliseconds (what LinkedIn's ids and media links carry)."""
        return self.epoch_ms + t * 1000
