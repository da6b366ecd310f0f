"""The state of one run of the sample generator: its random generator, the files and quirks written so far, and
the invented people already used; plus the member's fixed facts and the time helpers the writers share.

Everything drawn comes from `Sample.rng`, in the order the writers run: the same order gives the same bytes, so
`write_sample_export` reproduces the committed sample exactly, run after run, in one process or many.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from linkedin_ssi.synthetic.linkedin_format import links
from linkedin_ssi.synthetic.linkedin_format.layout import PLAIN, ExportFile, Layout
from linkedin_ssi.synthetic.linkedin_format.quoting import Quote, join_fields, q_min
from linkedin_ssi.synthetic.sample_export.people import COMPANIES, FIRST_NAMES, LAST_NAMES, POSITIONS, Person

SEED = 20261015
OWNER_FIRST, OWNER_LAST = "Avery", "Example"
OWNER_NAME = f"{OWNER_FIRST} {OWNER_LAST}"
OWNER_SLUG = "avery-example"
OWNER_URL = links.profile_url(OWNER_SLUG)
OWNER_EMAIL = "avery@example.com"
EXPORT_DAY = date(2026, 10, 15)
ACTIVE_START = datetime(2026, 3, 1)
ACTIVE_END = datetime(2026, 10, 14, 23, 59, 59)
INVITE_WINDOW_START = datetime(2026, 3, 20)
N_WEEKS = 33  # week w covers [2026-03-01 + 7w, +7d), clipped to ACTIVE_END
_UNIX_EPOCH = datetime(1970, 1, 1)
_TOKEN_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


@dataclass
class TextFile:
    """A file built record by record, remembering the physical line each record starts on (the README quotes
    them)."""

    relpath: str
    layout: Layout = Layout()
    delimiter: str = ","
    records: list[str] = field(default_factory=list)
    data_records: int = 0

    def _next_line(self) -> int:
        return 1 + sum(r.count("\n") + 1 for r in self.records)

    def raw(self, text: str) -> int:
        """Append a raw physical chunk (preamble, header...); return its 1-based line number."""
        n = self._next_line()
        self.records.append(text)
        return n

    def header(self, names: list[str], quote: Quote = q_min) -> int:
        """Append the header row; return its line number."""
        return self.raw(join_fields(names, quote, self.delimiter))

    def row(self, fields: list[str], quote: Quote = q_min) -> int:
        """Append one data record (a `\\n` inside a field becomes the file's line ending); return its line number."""
        n = self.raw(join_fields(fields, quote, self.delimiter))
        self.data_records += 1
        return n

    def _body(self) -> str:
        return "".join(r + "\n" for r in self.records)

    def text(self) -> str:
        """Return the file's text with `\\n` line breaks, ending as its layout says."""
        return self.layout.finish(self._body())

    def physical_lines(self) -> int:
        """Return the number of line breaks, plus 1 if the file does not end with one."""
        t = self.text()
        if not t:
            return 0
        return t.count("\n") + (0 if t.endswith("\n") else 1)

    def export_file(self) -> ExportFile:
        """Return the file as `archive.write_folder` takes it."""
        return ExportFile(self.relpath, self.data_records, [self._body()], self.layout)


def line_ref(n: int, span: int = 1) -> str:
    """Return `line 5`, or `lines 5-7` for a record spanning `span` lines."""
    return f"line {n}" if span == 1 else f"lines {n}-{n + span - 1}"


def week_start(w: int) -> datetime:
    """Return the first moment of simulated week `w`."""
    return ACTIVE_START + timedelta(days=7 * w)


class Sample:
    """One run: the random generator, the text files, binary files and quirks written so far, the names used."""

    def __init__(self) -> None:
        self.rng = random.Random(SEED)
        self.files: list[TextFile] = []
        self.blobs: list[tuple[str, bytes, str]] = []  # (path in the export, bytes, description)
        self.quirks: list[tuple[str, str, str, str]] = []  # (file, where, quirk, expected parse)
        self._used_names: set[tuple[str, str]] = set()
        self._used_slugs: set[str] = {OWNER_SLUG}

    def new_file(self, relpath: str, layout: Layout = PLAIN, delimiter: str = ",") -> TextFile:
        """Return a new, empty file of the export (written in the order created)."""
        f = TextFile(relpath, layout, delimiter)
        self.files.append(f)
        return f

    def quirk(self, file: str, where: str, what: str, expected: str = "") -> None:
        """Record a quirk for the README's table: which file and line exercise it, and the parse expected."""
        self.quirks.append((file, where, what, expected))

    # ---------------------------------------------------------------------------------------------- random values

    def poisson(self, lam: float) -> int:
        """Return a Poisson draw (Knuth's method; fine for the small rates used here)."""
        if lam <= 0:
            return 0
        limit, k, p = math.exp(-lam), 0, 1.0
        while True:
            p *= self.rng.random()
            if p <= limit:
                return k
            k += 1

    def rand_time_of_day(self, day: datetime) -> datetime:
        """Return a timestamp on `day`, mostly in working hours (UTC), with seconds."""
        hour = min(23, max(6, int(self.rng.gauss(13.5, 3.5))))
        return day.replace(hour=hour, minute=self.rng.randrange(60), second=self.rng.randrange(60), microsecond=0)

    def rand_dt_in_week(self, w: int, lo: datetime = ACTIVE_START) -> datetime:
        """Return a timestamp in week `w`, not before `lo` nor after the active period."""
        start = max(week_start(w), lo)
        end = min(week_start(w) + timedelta(days=7), ACTIVE_END + timedelta(seconds=1))
        days = max(1, (end - start).days)
        d = start.replace(hour=0, minute=0, second=0) + timedelta(days=self.rng.randrange(days))
        if d < start.replace(hour=0, minute=0, second=0):
            d = start.replace(hour=0, minute=0, second=0)
        return self.rand_time_of_day(d)

    def rand_dt_between(self, a: datetime, b: datetime) -> datetime:
        """Return a timestamp in [a, b), to the second."""
        span = int((b - a).total_seconds())
        return a + timedelta(seconds=self.rng.randrange(max(1, span)))

    def activity_id(self, dt: datetime) -> int:
        """Return a LinkedIn-style 19-digit id for a moment: its milliseconds (invented below the second) and 22
        invented low bits."""
        ms = int((dt - _UNIX_EPOCH).total_seconds() * 1000) + self.rng.randrange(1000)
        return links.activity_id(ms, self.rng.getrandbits(22))

    def token(self, n: int) -> str:
        """Return `n` invented URL-safe characters (a signed link's token)."""
        return "".join(self.rng.choice(_TOKEN_ALPHABET) for _ in range(n))

    def hex6(self) -> str:
        """Return 6 invented hex digits (a profile slug's suffix)."""
        return f"{self.rng.getrandbits(24):06x}"

    def attachment_url(self, kind: str = "image") -> str:
        """Return an invented messages.csv ATTACHMENTS link."""
        ms = self.rng.randrange(1_772_000_000_000, 1_792_000_000_000)
        return links.attachment_url(kind, self.token(13), ms, self.token(20), self.token(43))

    def media_url(self, dt: datetime, kind: str = "feedshare-shrink_800") -> str:
        """Return an invented signed media link for an upload at `dt`, valid 60 days."""
        ms = int((dt - _UNIX_EPOCH).total_seconds() * 1000)
        return links.media_url(f"D4D22AQ{self.token(13)}", kind, ms, int(ms / 1000) + 86400 * 60, self.token(43))

    def make_person(
        self, first: str | None = None, last: str | None = None, slug: str | None = None, raw_slug: str | None = None
    ) -> Person:
        """Return a new invented person: the name and slug given, or drawn unused; a company and position for 92%."""
        while first is None or last is None:
            given, family = self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)
            if (given, family) not in self._used_names:
                first, last = given, family
        self._used_names.add((first, last))
        if slug is None:
            base = links.ascii_slug(f"{first} {last}")
            style = self.rng.random()
            if style < 0.65:
                slug = f"{base}-{self.hex6()}"
            elif style < 0.85:
                slug = base.replace("-", "")
            else:
                slug = f"{base}-{self.rng.randrange(10, 99)}"
            while slug in self._used_slugs:
                slug = f"{base}-{self.hex6()}"
        self._used_slugs.add(slug)
        p = Person(first, last, slug, raw_slug or slug)
        if self.rng.random() < 0.92:
            p.company = self.rng.choice(COMPANIES)
            p.position = self.rng.choice(POSITIONS)
        return p
