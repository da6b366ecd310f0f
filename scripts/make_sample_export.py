#!/usr/bin/env python3
"""Write the bundled synthetic LinkedIn export and the matching SSI history.

EVERYTHING THIS SCRIPT WRITES IS INVENTED. The member "Avery Example", every
connection, company, message, comment and URL is made up; e-mail addresses use
only example.com / example.org, IP addresses only the documentation ranges
(192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32). Nothing was
copied from a real export. What is *real* is the structure: file names, header
lines, quoting, line endings, BOMs, trailing newlines and date formats, which
follow docs/linkedin-export-format.md (the spec measured on 21 real archives).

Outputs (all rewritten on every run; the run is deterministic):

* ``data/sample_export/``      an UNZIPPED "Complete" export of Avery Example,
                               exported 2026-10-15, with the quirks listed in
                               its README.md (generated here too, so the line
                               numbers it quotes are always right).
* ``data/sample_ssi_scores.csv`` weekly SSI observations (Mondays 2026-04-06 ..
                               2026-10-12) derived from the export's activity.

How the activity is simulated: the active period 2026-03-01 .. 2026-10-14 is cut
into weeks; each week gets four latent "effort" levels (posting, engaging,
searching, networking) from a seeded AR(1) process in log space. Event counts
per week are Poisson draws from those levels, so busy weeks show up across
several files at once and the SSI pillars (computed from trailing-28-day counts
plus a slow trend and noise) carry a real, recoverable signal.

Usage: ``python scripts/make_sample_export.py`` (stdlib only, Python >= 3.11).
Files are written in binary mode so line endings and BOMs are byte-exact.
"""

from __future__ import annotations

import base64
import math
import random
import shutil
import unicodedata
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

SEED = 20261015
ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "sample_export"
SSI_OUT = ROOT / "data" / "sample_ssi_scores.csv"

OWNER_FIRST, OWNER_LAST = "Avery", "Example"
OWNER_NAME = f"{OWNER_FIRST} {OWNER_LAST}"
OWNER_URL = "https://www.linkedin.com/in/avery-example"
OWNER_EMAIL = "avery@example.com"
EXPORT_DAY = date(2026, 10, 15)
ACTIVE_START = datetime(2026, 3, 1)
ACTIVE_END = datetime(2026, 10, 14, 23, 59, 59)
INVITE_WINDOW_START = datetime(2026, 3, 20)
N_WEEKS = 33  # week w covers [2026-03-01 + 7w, +7d), clipped to ACTIVE_END

PREAMBLE_SENTENCE = (
    '"When exporting your connection data, you may notice that some of the email addresses are missing. '
    "You will only see email addresses for connections who have allowed their connections to see or download "
    "their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn "
    'more here https://www.linkedin.com/help/linkedin/answer/261"'
)

rng = random.Random(SEED)


# --------------------------------------------------------------------------------------------
# CSV rendering helpers
# --------------------------------------------------------------------------------------------


def q_min(v: str) -> str:
    """LinkedIn's usual minimal quoting: quote when the field has , " or a line break; double quotes."""
    if any(c in v for c in ',"\n\r'):
        return '"' + v.replace('"', '""') + '"'
    return v


def q_all(v: str) -> str:
    """2026 messages.csv: every field quoted (header too), empty fields are ""."""
    return '"' + v.replace('"', '""') + '"'


def q_none(v: str) -> str:
    """2025 SearchQueries.csv: no quoting at all."""
    return v


def q_comments_2025(v: str) -> str:
    """2025 Comments: quote on , " or newline, but escape " as \\" (backslash), not "\"."""
    if any(c in v for c in ',"\n\r'):
        return '"' + v.replace('"', '\\"') + '"'
    return v


def q_comments_legacy(v: str) -> str:
    """2021-2024 Comments: quote only on , or " (doubled); a newline-only field is written RAW."""
    if "," in v or '"' in v:
        return '"' + v.replace('"', '""') + '"'
    return v


def q_tsv16(v: str) -> str:
    """Legacy UTF-16 TSV files: every field double-quoted."""
    return '"' + v.replace('"', '""') + '"'


@dataclass
class TextFile:
    """A file built record by record, remembering the physical line each record starts on."""

    relpath: str
    eol: str = "\n"
    final_eol: bool = True
    extra_blank_line: bool = False  # file ends with eol + eol (spec R14 style)
    encoding: str = "utf-8"  # or "utf-16-le-bom-tsv"
    delimiter: str = ","
    records: list[str] = field(default_factory=list)
    data_records: int = 0
    note: str = ""

    def _next_line(self) -> int:
        return 1 + sum(r.count("\n") + 1 for r in self.records)

    def raw(self, text: str) -> int:
        """Append a raw physical chunk (preamble, header...). Returns its 1-based line number."""
        n = self._next_line()
        self.records.append(text)
        return n

    def header(self, names: list[str], quote=q_min) -> int:
        return self.raw(self.delimiter.join(quote(x) for x in names))

    def row(self, fields: list[str], quote=q_min) -> int:
        """Append one data record; embedded '\\n' become the file's EOL when written."""
        n = self.raw(self.delimiter.join(quote(x) for x in fields))
        self.data_records += 1
        return n

    def text(self) -> str:
        t = "\n".join(self.records)
        if self.records and self.final_eol:
            t += "\n"
        if self.extra_blank_line:
            t += "\n"
        return t

    def physical_lines(self) -> int:
        t = self.text()
        if not t:
            return 0
        return t.count("\n") + (0 if t.endswith("\n") else 1)

    def to_bytes(self) -> bytes:
        t = self.text().replace("\n", self.eol)
        if self.encoding == "utf-16-le-bom-tsv":
            return b"\xff\xfe" + t.encode("utf-16-le")
        return t.encode("utf-8")

    def describe(self) -> str:
        parts = []
        if self.encoding == "utf-16-le-bom-tsv":
            parts.append("UTF-16LE + BOM `FF FE`, TAB-separated, all fields quoted")
        else:
            parts.append("UTF-8, no BOM")
        parts.append("CRLF" if self.eol == "\r\n" else "LF")
        if self.extra_blank_line:
            parts.append("ends with an extra blank line")
        elif not self.final_eol:
            parts.append("**no trailing newline**")
        if self.note:
            parts.append(self.note)
        return ", ".join(parts)


FILES: list[TextFile] = []
BINARY_FILES: list[tuple[str, bytes, str]] = []  # (relpath, bytes, description)
QUIRKS: list[tuple[str, str, str, str]] = []  # (file, where, quirk, expected)


def new_file(relpath: str, **kw) -> TextFile:
    f = TextFile(relpath, **kw)
    FILES.append(f)
    return f


def quirk(file: str, where: str, what: str, expected: str = "") -> None:
    QUIRKS.append((file, where, what, expected))


def line_ref(n: int, span: int = 1) -> str:
    return f"line {n}" if span == 1 else f"lines {n}-{n + span - 1}"


# --------------------------------------------------------------------------------------------
# Random helpers
# --------------------------------------------------------------------------------------------


def poisson(lam: float) -> int:
    """Knuth's method; fine for the small rates used here."""
    if lam <= 0:
        return 0
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def week_start(w: int) -> datetime:
    return ACTIVE_START + timedelta(days=7 * w)


def rand_time_of_day(day: datetime) -> datetime:
    """A timestamp on `day`, mostly working hours (UTC), with seconds."""
    hour = min(23, max(6, int(rng.gauss(13.5, 3.5))))
    return day.replace(hour=hour, minute=rng.randrange(60), second=rng.randrange(60), microsecond=0)


def rand_dt_in_week(w: int, lo: datetime = ACTIVE_START) -> datetime:
    start = max(week_start(w), lo)
    end = min(week_start(w) + timedelta(days=7), ACTIVE_END + timedelta(seconds=1))
    days = max(1, (end - start).days)
    d = start.replace(hour=0, minute=0, second=0) + timedelta(days=rng.randrange(days))
    if d < start.replace(hour=0, minute=0, second=0):
        d = start.replace(hour=0, minute=0, second=0)
    return rand_time_of_day(d)


def rand_dt_between(a: datetime, b: datetime) -> datetime:
    span = int((b - a).total_seconds())
    return a + timedelta(seconds=rng.randrange(max(1, span)))


def activity_id(dt: datetime) -> int:
    """LinkedIn-style 19-digit id: millisecond timestamp in the high bits (invented low bits)."""
    ms = int((dt - datetime(1970, 1, 1)).total_seconds() * 1000) + rng.randrange(1000)
    return (ms << 22) | rng.getrandbits(22)


def token(n: int, alphabet: str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def hex6() -> str:
    return "%06x" % rng.getrandbits(24)


def ascii_slug(s: str) -> str:
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()
    return "-".join("".join(c if c.isalnum() else " " for c in s.lower()).split())


# --------------------------------------------------------------------------------------------
# Date formatters (one per LinkedIn format; see spec section 3)
# --------------------------------------------------------------------------------------------

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
MONTHS_LONG = ["January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"]
DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def f_connected_on(d: date) -> str:  # 05 Mar 2024
    return f"{d.day:02d} {MONTHS[d.month - 1]} {d.year}"


def f_us_unpadded(dt: datetime) -> str:  # 3/7/26, 1:07 PM
    h = dt.hour % 12 or 12
    return f"{dt.month}/{dt.day}/{dt.year % 100:02d}, {h}:{dt.minute:02d} {'AM' if dt.hour < 12 else 'PM'}"


def f_us_padded(dt: datetime) -> str:  # 03/05/26, 09:12 AM
    h = dt.hour % 12 or 12
    return f"{dt.month:02d}/{dt.day:02d}/{dt.year % 100:02d}, {h:02d}:{dt.minute:02d} {'AM' if dt.hour < 12 else 'PM'}"


def f_iso_utc(dt: datetime) -> str:  # 2026-05-01 14:03:22 UTC
    return dt.strftime("%Y-%m-%d %H:%M:%S") + " UTC"


def f_iso(dt: datetime) -> str:  # 2026-05-01 14:03:22
    return dt.strftime("%Y-%m-%d %H:%M:%S")


def f_slash_utc(dt: datetime) -> str:  # 2026/05/01 14:03:22 UTC
    return dt.strftime("%Y/%m/%d %H:%M:%S") + " UTC"


def f_java(dt: datetime) -> str:  # Fri Aug 05 14:02:31 UTC 2022
    return f"{DAYS[dt.weekday()]} {MONTHS[dt.month - 1]} {dt.day:02d} {dt:%H:%M:%S} UTC {dt.year}"


def f_learning(dt: datetime) -> str:  # 2026-01-15 09:30 UTC
    return dt.strftime("%Y-%m-%d %H:%M") + " UTC"


def f_event(a: datetime, b: datetime) -> str:  # Mar 12, 2026 06:30 PM - Mar 12, 2026 08:00 PM
    def one(x: datetime) -> str:
        h = x.hour % 12 or 12
        return f"{MONTHS[x.month - 1]} {x.day:02d}, {x.year} {h:02d}:{x.minute:02d} {'AM' if x.hour < 12 else 'PM'}"
    return f"{one(a)} - {one(b)}"


def f_rich_media(kind: str, dt: datetime) -> str:
    h = dt.hour % 12 or 12
    return (f"You uploaded a {kind} on {MONTHS_LONG[dt.month - 1]} {dt.day}, {dt.year} at "
            f"{h}:{dt.minute:02d} {'AM' if dt.hour < 12 else 'PM'} (GMT)")


# --------------------------------------------------------------------------------------------
# People and companies (all invented)
# --------------------------------------------------------------------------------------------

FIRST_NAMES = """Aarav Abebe Ada Adaeze Adrian Aiko Alba Alejandro Amara Anders Anika Arjun Astrid Beatriz
Bruno Camila Carmen Chidi Clara Dara Diego Elif Emeka Enzo Esme Farah Felix Freya Gabriel Greta Hana Hugo
Idris Ilse Imani Isak Jonas Julia Kaito Kalani Kenji Lara Leandro Leila Lena Lucia Luca Mads Maia Malik
Marisol Mateus Mei Mila Nadia Nikhil Noor Oskar Paloma Rafael Rania Ravi Rosa Ruben Saanvi Selin Silas
Sofia Tariq Teodora Theo Tomasz Valentina Wen Yara Yusuf Zara""".split()
LAST_NAMES = """Abara Achterberg Almeida Andersen Arslan Bakker Barros Bellweather Brandao Calloway Castellano
Cho Dalca Delacroix Dimitrov Ekström Esposito Fairbairn Falk Ferreira Fonseca Galvão Gunawardena Haddad
Halvorsen Hartigan Ibarra Ilunga Jovanovic Kaminski Karlsson Kettleby Kowalczyk Lindgren Lopes Marchetti
Matsuda Mbeki Moreau Nakamura Novak Nwosu Oduya Okonkwo Oyelaran Pacheco Petrova Quintero Rahimi Ramires
Rask Ribeiro Rosenthal Sandoval Santangelo Silveira Sorensen Stavros Tanaka Teixeira Thornbury Udeh
Valente Varga Vasquez Wexford Whitlock Yilmaz Zapata Zielinski""".split()

COMPANIES = [
    "Quillfeather Analytics", "Bramblecone Labs", "Tidewater Logistics", "Kestrel Health", "Orchard & Pine",
    "Lumen Ridge Capital", "Copperleaf Software", "Saltmarsh Media", "Northgale Energy", "Vantor Retail Group",
    "Halcyon Bio", "Pebblestone Insurance", "Driftwood Games", "Marrow & Vine", "Ironbark Systems",
    "Bluefen Robotics", "Cinderpath Studios", "Larkspur Finance", "Greywater Foods", "Fernhollow University",
    "Sablewood Consulting", "Tern & Tide Travel", "Moonquarry Data", "Oakhurst Telecom", "Redshank Mobility",
    "Skyline Cloud", "Wrenfield Hospital", "Amberlight Energy", "Glasshouse Labs", "Pinecrest Legal",
]
POSITIONS = [
    "Data Engineer", "Analytics Engineer", "Product Manager", "Head of Data", "Software Engineer",
    "UX Researcher", "Founder", "Technical Recruiter", "Data Scientist", "Engineering Manager", "BI Developer",
    "Customer Success Lead", "Marketing Analyst", "VP Engineering", "Senior Consultant", "Staff Engineer",
    "Operations Manager", "Research Scientist", "Growth Lead", "Solutions Architect", "CTO",
    "Senior Data Analyst", "Platform Engineer", "Product Designer",
]


@dataclass
class Person:
    first: str
    last: str
    slug: str  # as it appears in Connections (may be percent-encoded)
    raw_slug: str  # as it appears in Invitations / Endorsements (raw UTF-8)
    company: str = ""
    position: str = ""
    email: str = ""
    connected_on: date | None = None

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def url(self) -> str:
        return f"https://www.linkedin.com/in/{self.slug}"

    @property
    def raw_url(self) -> str:
        return f"https://www.linkedin.com/in/{self.raw_slug}"


_used_names: set[tuple[str, str]] = set()
_used_slugs: set[str] = {"avery-example"}


def make_person(first: str | None = None, last: str | None = None, slug: str | None = None,
                raw_slug: str | None = None) -> Person:
    while first is None or last is None:
        f, l = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        if (f, l) not in _used_names:
            first, last = f, l
    _used_names.add((first, last))
    if slug is None:
        base = ascii_slug(f"{first} {last}")
        style = rng.random()
        if style < 0.65:
            slug = f"{base}-{hex6()}"
        elif style < 0.85:
            slug = base.replace("-", "")
        else:
            slug = f"{base}-{rng.randrange(10, 99)}"
        while slug in _used_slugs:
            slug = f"{base}-{hex6()}"
    _used_slugs.add(slug)
    p = Person(first, last, slug, raw_slug or slug)
    if rng.random() < 0.92:
        p.company = rng.choice(COMPANIES)
        p.position = rng.choice(POSITIONS)
    return p


# --------------------------------------------------------------------------------------------
# The simulated world
# --------------------------------------------------------------------------------------------


@dataclass
class World:
    intensity: dict[str, list[float]]
    connections: list[Person] = field(default_factory=list)
    hidden_connection_days: list[date] = field(default_factory=list)
    invitations: list[dict] = field(default_factory=list)
    shares: list[dict] = field(default_factory=list)
    rich_media: list[dict] = field(default_factory=list)
    comments: list[dict] = field(default_factory=list)
    reactions: list[dict] = field(default_factory=list)
    votes: list[dict] = field(default_factory=list)
    searches: list[dict] = field(default_factory=list)
    company_follows: list[dict] = field(default_factory=list)
    member_follows: list[dict] = field(default_factory=list)
    others: list[Person] = field(default_factory=list)  # non-connections met in messages / invitations


def latent_intensities() -> dict[str, list[float]]:
    """Per-week effort levels: AR(1) in log space, one series per activity family."""
    out = {}
    for dim in ("post", "engage", "search", "network"):
        x, series = rng.gauss(0, 0.5), []
        for _ in range(N_WEEKS):
            x = 0.6 * x + rng.gauss(0, 0.5)
            series.append(math.exp(x))
        out[dim] = series
    return out


def build_world() -> World:
    wd = World(intensity=latent_intensities())
    I = wd.intensity

    # ---- special people (each exercises a quirk) -------------------------------------------------
    zoe = make_person("Zoë", "Lambert", slug="zo%C3%AB-lambert-5e2b19", raw_slug="zoë-lambert-5e2b19")
    zoe.company, zoe.position = "Glasshouse Labs", "Data Scientist"
    priya = make_person("Priya ", "Raman", slug="priya-raman-91c0d4")  # trailing space in First Name
    priya.company, priya.position = "Kestrel Health", "Director, Data Platform"
    smith = make_person("Morgan", "Smith, PhD", slug="morgan-smith-phd-2a7f03")
    smith.company, smith.position = "Fernhollow University", "Research Scientist"
    emoji = make_person("Dana", "Whitfield 🌱", slug="dana-whitfield-7c41e9")
    emoji.company, emoji.position = "Greywater Foods", "Sustainability Lead"
    comma_co = make_person("Hiroshi", "Oyelaran", slug="hiroshi-oyelaran-0b93aa")
    comma_co.company, comma_co.position = "Brightline Data, Inc.", "Analytics Engineer"
    quote_co = make_person("Inês", "Valente", slug="ines-valente-44d2c8")
    quote_co.company, quote_co.position = 'The "Quiet Hours" Collective', "Founder"
    jane = make_person("Jane", "Doe, Ph.D.", slug="jane-doe-phd-3c9e1f")
    jane.company, jane.position = "Fernhollow University", "Associate Professor"
    for p, mail in ((priya, "priya.raman@example.com"), (smith, "morgan.smith@example.org"),
                    (comma_co, "hiroshi@example.com")):
        p.email = mail
    specials = {"zoe": zoe, "priya": priya, "smith": smith, "emoji": emoji, "comma_co": comma_co,
                "quote_co": quote_co, "jane": jane}
    wd.specials = specials  # type: ignore[attr-defined]

    # ---- invitations (only 2026-03-20 .. 2026-10-14) and the connections they create ------------
    active_conns: list[Person] = []
    for w in range(N_WEEKS):
        if week_start(w) + timedelta(days=7) <= INVITE_WINDOW_START:
            continue
        for _ in range(poisson(2.9 * I["network"][w])):
            sent = rand_dt_in_week(w, lo=INVITE_WINDOW_START)
            wd.invitations.append({"dir": "OUTGOING", "sent": sent, "person": make_person()})
        for _ in range(poisson(1.3 * (0.5 + 0.5 * I["network"][w]))):
            sent = rand_dt_in_week(w, lo=INVITE_WINDOW_START)
            wd.invitations.append({"dir": "INCOMING", "sent": sent, "person": make_person()})
    # Zoë: an accepted OUTGOING invitation (raw slug here, percent-encoded slug in Connections)
    wd.invitations.append({"dir": "OUTGOING", "sent": datetime(2026, 6, 2, 16, 41), "person": zoe,
                           "accept_after": 1, "message": ""})
    # a pending INCOMING invitation from a raw non-ASCII slug
    joao = make_person("João", "Galvão", slug="joão-galvão-2b8c4d")
    joao.company, joao.position = "Tern & Tide Travel", "Growth Lead"
    wd.invitations.append({"dir": "INCOMING", "sent": datetime(2026, 9, 8, 9, 5), "person": joao,
                           "accept_after": None, "message": ""})
    wd.specials["joao"] = joao  # type: ignore[attr-defined]

    notes = ["Hi Avery, loved your talk on metric trees, would be great to connect.",
             "Hello! We met at the Porto data meetup, let's stay in touch.",
             "Hi, I'm building a small analytics team and would value your perspective, thanks!"]
    for inv in wd.invitations:
        p = inv["person"]
        if "accept_after" not in inv:
            if inv["dir"] == "OUTGOING":
                inv["accept_after"] = rng.randrange(0, 11) if rng.random() < 0.42 else None
            else:
                inv["accept_after"] = rng.randrange(0, 5) if rng.random() < 0.6 else None
        inv.setdefault("message", "")
        if inv["accept_after"] is not None:
            on = (inv["sent"] + timedelta(days=inv["accept_after"])).date()
            if on <= ACTIVE_END.date():
                p.connected_on = on
                active_conns.append(p)
            else:
                inv["accept_after"] = None
        if p.connected_on is None:
            wd.others.append(p)
    # a few invitation notes; one contains a comma (must be quoted)
    incoming = [i for i in wd.invitations if i["dir"] == "INCOMING" and i["person"] is not joao]
    for inv, note in zip(incoming[1::4], notes):
        inv["message"] = note

    # connections made in the active period without an invitation in the window
    for w in range(N_WEEKS):
        lam = 1.6 * I["network"][w] if week_start(w) < INVITE_WINDOW_START else 0.35 * I["network"][w]
        for _ in range(poisson(lam)):
            p = make_person()
            p.connected_on = rand_dt_in_week(w).date()
            active_conns.append(p)
    # older network, 2016 .. 2026-02, denser in recent years
    old_conns: list[Person] = []
    year_weights = {2016: 6, 2017: 7, 2018: 8, 2019: 8, 2020: 9, 2021: 10, 2022: 10, 2023: 11, 2024: 11, 2025: 12, 2026: 3}
    for year, n in year_weights.items():
        for _ in range(n):
            p = make_person()
            last_day = date(2026, 2, 28) if year == 2026 else date(year, 12, 31)
            first_day = date(year, 1, 1)
            p.connected_on = first_day + timedelta(days=rng.randrange((last_day - first_day).days + 1))
            old_conns.append(p)
    # place the quirky people: emoji, comma/quote companies and Smith among old connections
    for key, day in (("smith", date(2019, 11, 4)), ("emoji", date(2023, 2, 17)),
                     ("comma_co", date(2024, 9, 30)), ("quote_co", date(2021, 5, 12)),
                     ("jane", date(2022, 10, 3)), ("priya", date(2026, 4, 15))):
        specials[key].connected_on = day
        (active_conns if day >= ACTIVE_START.date() else old_conns).append(specials[key])
    conns = active_conns + old_conns
    # A few more connections share their e-mail
    for p in rng.sample([c for c in conns if not c.email], 3):
        p.email = ascii_slug(p.first).replace("-", "") + "." + ascii_slug(p.last).replace("-", "") + "@example.com"
    conns.sort(key=lambda p: p.connected_on, reverse=True)
    wd.connections = conns
    wd.hidden_connection_days = [date(2026, 6, 7), date(2024, 2, 12), date(2019, 11, 30)]

    # ---- posting ------------------------------------------------------------------------------------
    for w in range(N_WEEKS):
        for _ in range(poisson(1.25 * I["post"][w])):
            wd.shares.append({"dt": rand_dt_in_week(w)})
        for _ in range(poisson(0.2 * I["post"][w])):
            wd.rich_media.append({"dt": rand_dt_in_week(w)})
    # ---- engaging -----------------------------------------------------------------------------------
    for w in range(N_WEEKS):
        for _ in range(poisson(4.9 * I["engage"][w])):
            wd.comments.append({"dt": rand_dt_in_week(w)})
        for _ in range(poisson(17.5 * I["engage"][w])):
            wd.reactions.append({"dt": rand_dt_in_week(w)})
        for _ in range(poisson(0.95 * I["engage"][w])):
            wd.votes.append({"dt": rand_dt_in_week(w)})
    # ---- searching / following -------------------------------------------------------------------
    for w in range(N_WEEKS):
        for _ in range(poisson(8.4 * I["search"][w])):
            wd.searches.append({"dt": rand_dt_in_week(w)})
        for _ in range(poisson(0.3 * I["search"][w])):
            wd.company_follows.append({"dt": rand_dt_in_week(w)})
        for _ in range(poisson(1.1 * I["search"][w])):
            wd.member_follows.append({"dt": rand_dt_in_week(w)})
    return wd


# --------------------------------------------------------------------------------------------
# File writers — network
# --------------------------------------------------------------------------------------------


def write_connections(wd: World) -> None:
    name = "Connections.csv"
    f = new_file(name, final_eol=False)
    f.raw("Notes:")
    f.raw(PREAMBLE_SENTENCE)
    f.raw("")
    hl = f.header(["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"])
    quirk(name, "lines 1-3", "3-line `Notes:` preamble, byte-identical to spec §2.1 (lines 1-2 = 374 bytes, SHA-1 `ac2269af16…`); line 3 empty",
          "preamble skipped; header found on line 4")
    quirk(name, line_ref(hl), "header `First Name,Last Name,URL,Email Address,Company,Position,Connected On`", "")
    rows: list[tuple[date, list[str] | None, Person | None]] = []
    for p in wd.connections:
        rows.append((p.connected_on, [p.first, p.last, p.url, p.email, p.company, p.position,
                                      f_connected_on(p.connected_on)], p))
    for d in wd.hidden_connection_days:
        rows.append((d, None, None))
    rows.sort(key=lambda r: r[0], reverse=True)  # newest first (stable: hidden rows after named ones that day)
    sp = wd.specials  # type: ignore[attr-defined]
    hidden_lines = []
    for d, fields, p in rows:
        if fields is None:
            hidden_lines.append((f.row(["", "", "", "", "", "", f_connected_on(d)]), d))
            continue
        n = f.row(fields)
        if p is sp["zoe"]:
            quirk(name, line_ref(n), "percent-encoded UTF-8 slug in URL (`zo%C3%AB-…`); the same person is in Invitations.csv with the raw slug",
                  "URL kept raw `https://www.linkedin.com/in/zo%C3%AB-lambert-5e2b19`; identity key after unquote() = `zoë-lambert-5e2b19`")
        elif p is sp["priya"]:
            quirk(name, line_ref(n), "First Name with a trailing space (not quoted); e-mail present",
                  "First Name = `'Priya '` (raw), `'Priya'` after strip(); Position `Director, Data Platform` (quoted)")
        elif p is sp["smith"]:
            quirk(name, line_ref(n), "credentials after a comma in Last Name, quoted",
                  "Last Name = `Smith, PhD`")
        elif p is sp["emoji"]:
            quirk(name, line_ref(n), "emoji in a name", "Last Name = `Whitfield 🌱`")
        elif p is sp["comma_co"]:
            quirk(name, line_ref(n), "Company containing a comma (quoted)", "Company = `Brightline Data, Inc.`")
        elif p is sp["quote_co"]:
            quirk(name, line_ref(n), "Company containing doubled quotes", 'Company = `The "Quiet Hours" Collective`')
    for n, d in hidden_lines:
        quirk(name, line_ref(n), "hidden/closed member: every column empty except Connected On",
              f"kept as a hidden connection on {d.isoformat()}; no person created")
    quirk(name, "last line", "no newline after the last row", "last record still parsed")
    quirk(name, "all rows", "`Connected On` = `DD Mon YYYY`, zero-padded day; rows newest first; Email Address empty except " + str(sum(1 for p in wd.connections if p.email)) + " rows",
          "`07 Jun 2026` -> 2026-06-07")


def write_invitations(wd: World) -> None:
    name = "Invitations.csv"
    f = new_file(name)
    f.header(["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl"])
    invs = list(wd.invitations)
    rng.shuffle(invs)  # real files are not sorted
    sp = wd.specials  # type: ignore[attr-defined]
    first_msg_comma = True
    for inv in invs:
        p: Person = inv["person"]
        if inv["dir"] == "OUTGOING":
            fields = [OWNER_NAME, p.name.strip(), f_us_unpadded(inv["sent"]), inv["message"], "OUTGOING", OWNER_URL, p.raw_url]
        else:
            fields = [p.name.strip(), OWNER_NAME, f_us_unpadded(inv["sent"]), inv["message"], "INCOMING", p.raw_url, OWNER_URL]
        n = f.row(fields)
        if p is sp["zoe"]:
            quirk(name, line_ref(n), "raw non-ASCII slug in inviteeProfileUrl; accepted OUTGOING invitation (Zoë is in Connections.csv, connected 1 day later)",
                  "inviteeProfileUrl = `https://www.linkedin.com/in/zoë-lambert-5e2b19`; Sent At `6/2/26, 4:41 PM` -> 2026-06-02 16:41")
        elif p is sp["joao"]:
            quirk(name, line_ref(n), "raw non-ASCII slug in inviterProfileUrl; pending INCOMING invitation (not in Connections)",
                  "inviterProfileUrl = `https://www.linkedin.com/in/joão-galvão-2b8c4d`")
        elif "," in inv["message"] and first_msg_comma:
            first_msg_comma = False
            quirk(name, line_ref(n), "Message containing a comma (quoted)", f"Message = `{inv['message']}`")
    out = sum(1 for i in invs if i["dir"] == "OUTGOING")
    acc = sum(1 for i in invs if i["dir"] == "OUTGOING" and i["accept_after"] is not None)
    quirk(name, "line 1", "7-column header with camelCase `inviterProfileUrl,inviteeProfileUrl`", "")
    quirk(name, "all rows", "`Sent At` = unpadded `M/D/YY, h:mm AM`, always quoted, no timezone; rows unsorted; window 2026-03-20 .. 2026-10-14",
          f"{len(invs)} rows: {out} OUTGOING ({acc} accepted = invitee present in Connections.csv), {len(invs) - out} INCOMING")


# --------------------------------------------------------------------------------------------
# messages.csv and side files
# --------------------------------------------------------------------------------------------

MSG_HEADER = ["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
              "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER", "ATTACHMENTS",
              "IS MESSAGE DRAFT", "IS CONVERSATION DRAFT"]

OPENERS = [
    "Hi Avery, thanks for connecting!", "Great to meet you at the meetup yesterday.",
    "Hey! Quick question about your post on data contracts.", "Hi Avery, hope you're well.",
    "Thanks for the intro to the team.", "Loved your comment on the warehouse cost thread.",
    "Hi! Are you still looking for speakers for the October session?",
    "Hey Avery, do you have 20 minutes next week for a chat?",
]
OWNER_OPENERS = [
    "Hi! Thanks for accepting my invitation.", "Great meeting you at the meetup yesterday.",
    "Hey, loved your post on hiring analysts.", "Hi, quick question about your dbt setup.",
    "Hello! Would you be up for a coffee chat next week?",
]
REPLIES = [
    "Sure, Thursday works for me.", "Thanks, that's really helpful.", "Sounds good!",
    "Let me check with the team and get back to you.", "Happy to help.",
    "I'll send the slides over tonight.", "Ha, agreed.", "Perfect, see you then.",
    "Do you have a link to the repo?", "Not yet, but I'm planning to write it up.",
    "We tried that last quarter and it worked surprisingly well.", "Sorry for the slow reply!",
    "Congrats on the new role!", "Can we move it to Friday morning?", "Great, thanks a lot.",
    "I'd start with the staging layer and keep the marts thin.", "Booked a slot in your calendar.",
    "That makes sense.", "Looking forward to it.", "Yes, I can share the deck.",
]
MULTILINE_BODIES = [
    "Hi Avery,\n\nThanks again for the chat today. Two follow-ups:\n- the dbt package we discussed\n- the intro to Lena\n\nBest",
    "Agenda for Thursday:\n1. Warehouse costs\n2. Hiring plan\n3. AOB",
    "Quick summary from my side:\nWe ship the pilot in May.\nBudget is approved.",
    "Thanks!\nI'll take a look this weekend.",
    "Hey,\n\nsharing the notes from the workshop below.\n\nCheers",
]


def conversation_id() -> str:
    u = uuid.UUID(int=rng.getrandbits(128), version=4)
    suffix = rng.choice(["000", "010", "100", "110", "001", "011"])
    return "2-" + base64.b64encode(f"{u}_{suffix}".encode()).decode()


def attachment_url(kind: str = "image") -> str:
    ms = rng.randrange(1_772_000_000_000, 1_792_000_000_000)
    return (f"https://www.linkedin.com/dms/prv/{kind}/v2/D4D06AQ{token(13)}/messaging-attachmentFile/0/{ms}"
            f"?m=AQ{token(20)}&ne=1&v=beta&t={token(43)}")


@dataclass
class Msg:
    conv: str
    title: str
    sender: str
    sender_url: str
    to: str
    to_urls: str
    dt: datetime
    subject: str = ""
    content: str = ""
    folder: str = "INBOX"
    attachments: str = ""
    draft: str = "No"
    tag: str = ""  # which quirk (if any) this row demonstrates


def build_conversations(wd: World) -> list[list[Msg]]:
    """Returns conversations, each a list of messages (any order; sorted later)."""
    I = wd.intensity
    sp = wd.specials  # type: ignore[attr-defined]
    convs: list[list[Msg]] = []
    recent = [p for p in wd.connections if p.connected_on >= date(2025, 6, 1) and p not in (sp["jane"],)]
    older = [p for p in wd.connections if p.connected_on < date(2025, 6, 1) and p not in (sp["jane"],)]

    def direct(p: Person, start: datetime, n: int, folder: str) -> list[Msg]:
        cid, msgs, t = conversation_id(), [], start
        owner_turn = rng.random() < 0.45
        for i in range(n):
            if i == 0:
                content = rng.choice(OWNER_OPENERS if owner_turn else OPENERS)
            elif rng.random() < 0.14:
                content = rng.choice(MULTILINE_BODIES)
            else:
                content = rng.choice(REPLIES)
            if owner_turn:
                m = Msg(cid, "", OWNER_NAME, OWNER_URL, p.name.strip(), p.url, t, content=content, folder=folder)
            else:
                m = Msg(cid, "", p.name.strip(), p.url, OWNER_NAME, OWNER_URL, t, content=content, folder=folder)
            msgs.append(m)
            if rng.random() < 0.7:
                owner_turn = not owner_turn
            t += timedelta(minutes=rng.choice([2, 5, 11, 35, 90, 240, 600, 1440, 2880]), seconds=rng.randrange(60))
            if t > ACTIVE_END:
                break
        return msgs

    # direct conversations in the active period: start week weighted by networking effort
    for _ in range(44):
        p = rng.choice(recent)
        first_week = max(0, (p.connected_on - ACTIVE_START.date()).days // 7)
        w = rng.choices(range(first_week, N_WEEKS), weights=I["network"][first_week:])[0]
        n = max(1, min(18, int(rng.expovariate(1 / 7.5)) + 1))
        convs.append(direct(p, rand_dt_in_week(w, lo=max(ACTIVE_START, datetime.combine(p.connected_on, datetime.min.time()))), n, "INBOX"))
    # older threads, mostly archived
    for i in range(11):
        p = rng.choice(older)
        start = rand_dt_between(datetime(2024, 9, 1), datetime(2026, 2, 20))
        convs.append(direct(p, start, rng.randrange(2, 9), "ARCHIVE" if i < 9 else "INBOX"))

    # group chat with Jane Doe, Ph.D. (TO joined with ", ", URLs joined with "," and no space)
    members = [sp["jane"], rng.choice(recent), rng.choice(older)]
    cid, t, group = conversation_id(), datetime(2026, 5, 11, 8, 2, 14), []
    title = "Lisbon Analytics Meetup — organisers"
    speakers = [None, members[0], members[1], None, members[2], members[0], None, members[1], members[0], None, members[2], None]
    texts = ["Hi all, creating this thread for the June meetup.",
             "Great idea. I can book the room at the university.",
             "I'll handle the catering, budget is 200 EUR.",
             "Perfect. Who wants to MC?",
             "Happy to do it.",
             "Room booked for June 18, 18:30.",
             "Thanks! Draft agenda:\n18:30 doors\n19:00 talks\n20:30 drinks",
             "Looks good to me",
             "Sharing the poster, comments welcome.",
             "Love it.",
             "Can we add a lightning-talk slot?",
             "Yes, 3 x 5 minutes after the break."]
    for who, text in zip(speakers, texts):
        everyone = [(OWNER_NAME, OWNER_URL)] + [(m.name, m.url) for m in members]
        sender = (OWNER_NAME, OWNER_URL) if who is None else (who.name, who.url)
        rec = [e for e in everyone if e != sender]
        m = Msg(cid, title, sender[0], sender[1], ", ".join(r[0] for r in rec), ",".join(r[1] for r in rec), t,
                content=text, folder="INBOX")
        if who is members[0] and "poster" in text:
            m.attachments = attachment_url("image")
            m.tag = "attachment"
        if who is None and text.startswith("Hi all"):
            m.tag = "group_to"
        group.append(m)
        t += timedelta(minutes=rng.randrange(3, 400), seconds=rng.randrange(60))
    convs.append(group)

    # sponsored conversation (HTML content, empty sender URL)
    spons = Msg(conversation_id(), "Sponsored Conversation", "Skyline Cloud", "", OWNER_NAME, OWNER_URL,
                datetime(2026, 9, 22, 15, 0, 7), folder="INBOX", tag="sponsored",
                content=('<p class="spinmail-quill-editor__spin-break">Hi %FIRSTNAME%,</p>'
                         '<p class="spinmail-quill-editor__spin-break">Data teams at Oakhurst Telecom &amp; Redshank Mobility '
                         'cut their warehouse bill by 30%.<br>Join our free 45-minute webinar on October 2.</p>'
                         '<p class="spinmail-quill-editor__spin-break">Best,<br>The Skyline Cloud team</p>'))
    convs.append([spons])

    # InMail from a recruiter, with SUBJECT (title = subject), plus Avery's reply
    rec = make_person("Rowan", "Ashby", slug="rowan-ashby-talent")
    wd.others.append(rec)
    subj = "Senior Analytics Engineer role at Halcyon Bio"
    cid = conversation_id()
    inmail = [Msg(cid, subj, rec.name, rec.url, OWNER_NAME, OWNER_URL, datetime(2026, 7, 14, 9, 12, 40),
                  subject=subj, folder="INBOX", tag="inmail",
                  content="Hi Avery, I came across your profile and think you'd be a great fit for a senior analytics "
                          "engineering role on our data platform team. Open to a quick call this week?"),
              Msg(cid, subj, OWNER_NAME, OWNER_URL, rec.name, rec.url, datetime(2026, 7, 15, 18, 3, 2),
                  folder="INBOX", content="Thanks Rowan, I'm happy where I am for now, but feel free to keep in touch.")]
    convs.append(inmail)

    # "LinkedIn Member" sender (hidden/deleted account, empty URL)
    cid = conversation_id()
    convs.append([Msg(cid, "", "LinkedIn Member", "", OWNER_NAME, OWNER_URL, datetime(2026, 4, 28, 11, 47, 9),
                      folder="INBOX", tag="member", content="Hello, are you open to freelance projects?"),
                  Msg(cid, "", OWNER_NAME, OWNER_URL, "LinkedIn Member", "", datetime(2026, 4, 28, 19, 20, 51),
                      folder="INBOX", content="Hi, not at the moment, sorry.")])

    # SPAM folder: pitches from non-members of the network
    for i in range(2):
        s = make_person()
        wd.others.append(s)
        cid = conversation_id()
        convs.append([Msg(cid, "", s.name, s.url, OWNER_NAME, OWNER_URL,
                          rand_dt_between(datetime(2026, 5, 1), datetime(2026, 10, 1)), folder="SPAM",
                          content=["Hi Avery! I can 10x your followers in 30 days, guaranteed. Reply YES to learn more.",
                                   "Dear Avery, exclusive crypto opportunity for data leaders, limited spots!"][i])])
    return convs


def write_messages(wd: World) -> None:
    name = "messages.csv"
    f = new_file(name)
    f.header(MSG_HEADER, quote=q_all)
    convs = build_conversations(wd)

    # decorate specific rows with quirks -----------------------------------------------------------
    inbox_direct = [c for c in convs if c[0].folder == "INBOX" and not c[0].title and c[0].sender != "LinkedIn Member"
                    and len(c) >= 4]
    archive = [c for c in convs if c[0].folder == "ARCHIVE" and len(c) >= 2]
    # doubled quote inside CONTENT
    c = inbox_direct[0]
    c[1].content = 'Have you seen the "metrics tree" template Lena shared? It is "very" good.'
    c[1].tag = "dquote"
    # U+FEFF inside a CONTENT (not at file start)
    c = inbox_direct[1]
    c[2].content = "\ufeffThanks, sent it over just now."
    c[2].tag = "feff"
    # multi-line CONTENT with an empty line (LF)
    c = inbox_direct[2]
    c[0].content = "Hi Avery,\n\nthanks for the intro!\nTalk soon"
    c[0].tag = "lf"
    # a second attachment row with two comma-joined URLs
    c = inbox_direct[3]
    c[1].attachments = attachment_url("image") + "," + attachment_url("vid")
    c[1].tag = "two_attachments"
    # drafts inside existing threads (keep conversation id, folder)
    for conv, text in ((inbox_direct[4], "Following up on"), (archive[0], "Hi again, just checking whether")):
        last = max(conv, key=lambda m: m.dt)
        other = last.to if last.sender == OWNER_NAME else last.sender
        other_url = last.to_urls if last.sender == OWNER_NAME else last.sender_url
        draft_dt = min(last.dt + timedelta(hours=rng.randrange(2, 30)), ACTIVE_END)
        conv.append(Msg(last.conv, last.title, OWNER_NAME, OWNER_URL, other, other_url, draft_dt,
                        content=text, folder=last.folder, draft="Yes", tag="draft_in_thread"))

    # order: folder blocks, conversation blocks by latest message, newest first inside ----------
    folder_rank = {"INBOX": 0, "ARCHIVE": 1, "SPAM": 2, "": 3}
    convs.sort(key=lambda c: (folder_rank[c[0].folder], -max(m.dt for m in c).timestamp()))
    rows: list[Msg] = []
    for conv in convs:
        rows.extend(sorted(conv, key=lambda m: m.dt, reverse=True))
    # orphan drafts at the very end
    rows.append(Msg("", "", OWNER_NAME, OWNER_URL, "", "", datetime(2026, 8, 30, 21, 14, 3), folder="",
                    content="Hi! I saw you are hiring for", draft="Yes", tag="orphan"))
    rows.append(Msg("", "", OWNER_NAME, OWNER_URL, "", "", datetime(2026, 10, 13, 7, 55, 41), folder="",
                    content="Congrats on the launch,\nlet's catch up soon", draft="Yes", tag="orphan"))

    counts = {"INBOX": 0, "ARCHIVE": 0, "SPAM": 0, "": 0}
    first_line = {}
    seen_tags = set()
    for m in rows:
        n = f.row([m.conv, m.title, m.sender, m.sender_url, m.to, m.to_urls, f_iso_utc(m.dt), m.subject,
                   m.content, m.folder, m.attachments, m.draft, "No"], quote=q_all)
        counts[m.folder] += 1
        first_line.setdefault(m.folder, n)
        span = m.content.count("\n") + 1
        tag = m.tag
        if tag == "dquote":
            quirk(name, line_ref(n), "doubled quote inside CONTENT", f"CONTENT = `{m.content}`")
        elif tag == "feff":
            quirk(name, line_ref(n), "U+FEFF at the start of a CONTENT value (not at file start): keep it",
                  "CONTENT = `'\\ufeffThanks, sent it over just now.'`")
        elif tag == "lf":
            quirk(name, line_ref(n, span), "real LF line breaks (and an empty line) inside a quoted CONTENT",
                  "CONTENT = `'Hi Avery,\\n\\nthanks for the intro!\\nTalk soon'`")
        elif tag == "two_attachments":
            quirk(name, line_ref(n), "ATTACHMENTS with two comma-joined URLs (`dms/prv/image` + `dms/prv/vid`)",
                  "ATTACHMENTS splits into 2 URLs on `,https://`")
        elif tag == "attachment":
            quirk(name, line_ref(n), "ATTACHMENTS with one `https://www.linkedin.com/dms/prv/image/…` URL (group chat)", "")
        elif tag == "group_to":
            quirk(name, line_ref(n), "group chat sent by the owner: TO joined with `, ` and containing `Jane Doe, Ph.D.`; RECIPIENT PROFILE URLS joined with `,` (no space); CONVERSATION TITLE set",
                  f"TO = `{m.to}` (3 people); RECIPIENT PROFILE URLS = 3 URLs")
        elif tag == "sponsored":
            quirk(name, line_ref(n), "sponsored message: CONVERSATION TITLE `Sponsored Conversation`, empty SENDER PROFILE URL, HTML CONTENT with `spinmail-quill-editor__spin-break`, `<br>`, `&amp;`, `%FIRSTNAME%`",
                  "flag possible_sponsored; text after HTML->text starts `Hi %FIRSTNAME%,`")
        elif tag == "inmail":
            quirk(name, line_ref(n), "InMail with SUBJECT (CONVERSATION TITLE = SUBJECT)", f"SUBJECT = `{m.subject}`")
        elif tag == "member":
            quirk(name, line_ref(n), "`LinkedIn Member` sender with empty SENDER PROFILE URL", "")
        elif tag == "draft_in_thread":
            quirk(name, line_ref(n), "draft inside an existing thread: IS MESSAGE DRAFT = `Yes`, keeps CONVERSATION ID and FOLDER",
                  f"draft (FOLDER `{m.folder}`); dropped unless drafts requested")
        elif tag == "orphan" and "orphan" not in seen_tags:
            quirk(name, line_ref(n), "orphan draft: empty CONVERSATION ID, TO, RECIPIENT PROFILE URLS and FOLDER (listed last)", "draft")
        elif tag == "orphan":
            quirk(name, line_ref(n, span), "orphan draft with a line break in CONTENT (last record of the file)",
                  "CONTENT = `'Congrats on the launch,\\nlet\\'s catch up soon'`")
        seen_tags.add(tag)
    quirk(name, "line 1", "2026 form: every field quoted (header too), empty fields `\"\"`; 13-column union header", "")
    quirk(name, "all rows",
          f"rows grouped INBOX (from line {first_line['INBOX']}), ARCHIVE (from line {first_line['ARCHIVE']}), "
          f"SPAM (from line {first_line['SPAM']}), then empty-FOLDER orphan drafts (from line {first_line['']}); newest first inside a conversation; "
          "owner's own messages have FROM `Avery Example` + owner URL; DATE `YYYY-MM-DD HH:MM:SS UTC`; CONVERSATION ID = `2-` + base64(`<uuid>_<3 digits>`)",
          f"{counts['INBOX']} INBOX + {counts['ARCHIVE']} ARCHIVE + {counts['SPAM']} SPAM + {counts['']} orphan rows; "
          f"{len(convs)} conversations; 4 drafts in total")
    wd.n_messages = len(rows)  # type: ignore[attr-defined]


def write_message_side_files() -> None:
    hdr11 = MSG_HEADER[:11]
    for nm in ("guide_messages.csv", "learning_coach_messages.csv"):
        f = new_file(nm)
        f.header(hdr11)
        quirk(nm, "line 1", "header-only side file (modern 11-column header, not quoted)", "0 records")
    nm = "coach_messages.csv"
    f = new_file(nm)
    f.header(hdr11)
    cid = "2-" + base64.b64encode(f"{uuid.UUID(int=rng.getrandbits(128), version=4)}_100".encode()).decode()
    rows = [
        [cid, "Career coaching", "LinkedIn Coach", "", OWNER_NAME, OWNER_URL, "2026-06-03 10:15:22 UTC", "",
         "Great question! Start with your top 3 achievements, then tailor them to the role.", "INBOX", ""],
        [cid, "Career coaching", OWNER_NAME, OWNER_URL, "LinkedIn Coach", "", "2026-06-03 10:14:58 UTC", "",
         "How should I structure my profile summary?", "INBOX", ""],
    ]
    n = f.row(rows[0])
    f.row(rows[1])
    quirk(nm, line_ref(n), "side file with 2 real rows (coach has an empty SENDER PROFILE URL; minimal quoting)",
          "CONTENT = `Great question! Start with your top 3 achievements, then tailor them to the role.`")
    nm = "LearningCoachMessages.csv"
    f = new_file(nm, final_eol=False)
    f.raw("No conversations found")
    quirk(nm, "line 1", "placeholder text, no header, no newline", "0 records (means \"no data\")")


# --------------------------------------------------------------------------------------------
# Activity files
# --------------------------------------------------------------------------------------------

POST_TEXTS = [
    "Shipped our new metrics layer today. Fewer dashboards, more answers.",
    "Three things I learned migrating 400 dbt models:\n\n1. Tests first\n2. Naming matters\n3. Delete more than you add",
    "Hiring! We are looking for an analytics engineer in Lisbon. DM me.",
    "Our warehouse bill dropped 30% after we turned off 60 unused tables.\nSometimes the best optimisation is deletion.",
    "Slides from my talk at the Porto data meetup are up.",
    "Hot take: most data quality problems are ownership problems.",
    "Weekend project: loading my own LinkedIn export into DuckDB.\n\nIt was messier than expected.",
    "Grateful for this team. One year of Quillfeather Analytics!",
    "What is the one metric your team would never give up?",
    "Reading list for the holidays:\n- Designing calm systems\n- The boring stack\n- Notes on metric trees",
    "Small wins: our daily build is now under 4 minutes.",
    "If your dashboard needs a manual, it needs a redesign.",
]
SHARED_URLS = ["https://blog.example.com/avery/metric-trees", "https://www.example.org/reports/data-teams-2026",
               "https://avery.example.com/talks/porto-2026", "https://news.example.com/analytics/warehouse-costs"]


def media_url(dt: datetime, kind: str = "feedshare-shrink_800") -> str:
    ms = int((dt - datetime(1970, 1, 1)).total_seconds() * 1000)
    return (f"https://media.licdn.com/dms/image/v2/D4D22AQ{token(13)}/{kind}/0/{ms}"
            f"?e={int(ms / 1000) + 86400 * 60}&v=beta&t={token(43)}")


def mangle_share_commentary(text: str) -> str:
    """LinkedIn's Shares.csv bug: each internal line break becomes `"` + newline + `"` (spec §2.4)."""
    return text.replace("\n", '"\n"')


def write_shares(wd: World) -> None:
    name = "Shares.csv"
    f = new_file(name)
    f.header(["Date", "ShareLink", "ShareCommentary", "SharedUrl", "MediaUrl", "Visibility"])
    shares = sorted(wd.shares, key=lambda s: s["dt"], reverse=True)
    special = {
        4: ("mangled", "Line one\n\nLine two"),
        9: ("mangled", "Three things I learned migrating 400 dbt models:\n\n1. Tests first\n2. Naming matters\n3. Delete more than you add"),
        14: ("quote", 'We call it the "two-pizza dashboard" rule, and it works.'),
        20: ("mangled", "Our warehouse bill dropped 30% after we turned off 60 unused tables.\nSometimes the best optimisation is deletion."),
    }
    seen = set()
    for i, s in enumerate(shares):
        dt = s["dt"]
        urn = "share" if rng.random() < 0.6 else "ugcPost"
        link = f"https://www.linkedin.com/feed/update/urn%3Ali%3A{urn}%3A{activity_id(dt)}"
        shared, media = "", ""
        if i in special:
            kind, text = special[i]
        elif rng.random() < 0.3:
            kind, text = "reshare", ""
        else:
            kind, text = "post", rng.choice(POST_TEXTS)
        r = rng.random()
        if kind == "reshare" and r < 0.5:
            shared = rng.choice(SHARED_URLS)
        elif kind == "post" and r < 0.25:
            shared = rng.choice(SHARED_URLS)
        elif kind == "post" and r < 0.45:
            media = media_url(dt)
        n = f.row([f_iso(dt), link, mangle_share_commentary(text), shared, media, "MEMBER_NETWORK"])
        span = text.count("\n") + 1
        if kind == "mangled":
            quirk(name, line_ref(n, span), "multi-line ShareCommentary with the `\"`⏎`\"` mangling" +
                  (" (incl. an empty line between paragraphs)" if "\n\n" in text else ""),
                  f"raw CSV value = `{mangle_share_commentary(text)!r}`; ShareCommentary must decode to `{text!r}`")
        elif kind == "quote":
            quirk(name, line_ref(n), "genuine user quotes (doubled) not next to a line break",
                  f"ShareCommentary = `{text}`")
        elif kind == "reshare" and "reshare" not in seen:
            quirk(name, line_ref(n), "pure reshare: empty ShareCommentary" + (", SharedUrl set" if shared else ""), "ShareCommentary = ``")
        if media and "media" not in seen:
            quirk(name, line_ref(n), "MediaUrl set (signed media.licdn.com URL)", "")
        if urn == "ugcPost" and "ugc" not in seen:
            quirk(name, line_ref(n), "ShareLink with `urn%3Ali%3AugcPost%3A` (percent-encoded URN)", "")
            seen.add("ugc")
        if urn == "share" and "share" not in seen:
            quirk(name, line_ref(n), "ShareLink with `urn%3Ali%3Ashare%3A`", "")
            seen.add("share")
        seen.add(kind)
        if media:
            seen.add("media")
    quirk(name, "all rows", "header `Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility` (2024-12+ `Url` casing); Visibility always `MEMBER_NETWORK`; Date `YYYY-MM-DD HH:MM:SS`; LF", "")


COMMENT_TEXTS = [
    "Great write-up!", "Congrats on the launch!", "This is so true", "Thanks for sharing",
    "Well said", "Couldn't agree more", "Bookmarking this", "Love this framing",
    "Great point about ownership", "Totally agree with the part about tests", "Welcome to the team!",
    "Happy birthday!", "Looking forward to the next one", "Such a useful checklist",
    "Congratulations, well deserved", "Interesting take", "We saw the same thing at our company",
    "Would love to read the follow-up", "Nice work team", "Brilliant talk yesterday",
    "Great question, we use a metrics layer for exactly that", "Thanks, this saved me an afternoon",
    "See you at the meetup", "Clear and practical", "Fantastic news",
]


def comment_link(dt: datetime) -> str:
    kind = rng.choices(["activity", "ugcPost"], weights=[4, 1])[0]
    return f"https://www.linkedin.com/feed/update/urn%3Ali%3A{kind}%3A{activity_id(dt - timedelta(hours=rng.randrange(1, 72)))}"


def write_comments(wd: World) -> None:
    comments = sorted(wd.comments, key=lambda c: c["dt"], reverse=True)
    cut = int(len(comments) * 0.6)
    # chunk 1: 2025+ style (LF, \" escaping, newline fields quoted)
    n1 = "Comments_34875879.csv"
    f = new_file(n1)
    f.header(["Date", "Link", "Message"])
    special1 = {
        2: ("bs_inside", 'Love the \\"boring tech\\" framing, very true', 'Love the "boring tech" framing, very true'),
        7: ("bs_end", None, 'As my old manager used to say, "measure twice"'),
        11: ("nl_quoted", None, "Great write-up!\nSaving this one."),
        16: ("comma", None, "Agreed, tests first and docs second"),
        23: ("bs_nocomma", None, 'The "metrics tree" idea is gold'),
    }
    for i, c in enumerate(comments[:cut]):
        msg = special1[i][2] if i in special1 else rng.choice(COMMENT_TEXTS)
        n = f.row([f_iso(c["dt"]), comment_link(c["dt"]), msg], quote=q_comments_2025)
        if i in special1:
            kind = special1[i][0]
            raw = q_comments_2025(msg)
            what = {"bs_inside": "backslash-escaped quotes `\\\"` inside a quoted field",
                    "bs_end": "message ending in a quote: field ends with `\\\"\"`",
                    "nl_quoted": "line break inside a quoted Message (2025 quotes newline fields)",
                    "comma": "comma in Message (quoted)",
                    "bs_nocomma": "quotes but no comma: still quoted, `\\\"` escaped"}[kind]
            quirk(n1, line_ref(n, msg.count("\n") + 1), what, f"raw field `{raw}` -> Message = `{msg!r}`")
    quirk(n1, "file", "numbered chunk (no plain Comments.csv); 2025 style: LF, `\\\"` escaping", "concatenate with Comments_34875880.csv")

    # chunk 2: 2021-2024 style (CRLF, newline-only fields NOT quoted, "" doubling)
    n2 = "Comments_34875880.csv"
    f = new_file(n2, eol="\r\n")
    f.header(["Date", "Link", "Message"])
    special2 = {
        3: ("raw_multiline", "Congrats on the launch\nWell deserved\nSee you in Porto"),
        9: ("dq", 'She called it "the metrics tree" and it stuck'),
        15: ("comma_nl", "Thanks, Lena!\nThis helps a lot"),
        21: ("raw_multiline2", "Happy to help\nPing me anytime"),
    }
    for i, c in enumerate(comments[cut:]):
        msg = special2[i][1] if i in special2 else rng.choice(COMMENT_TEXTS)
        n = f.row([f_iso(c["dt"]), comment_link(c["dt"]), msg], quote=q_comments_legacy)
        if i in special2:
            kind = special2[i][0]
            span = msg.count("\n") + 1
            if kind.startswith("raw_multiline"):
                quirk(n2, line_ref(n, span), f"UNQUOTED multi-line record (line breaks, no comma/quote) spread over {span} physical CRLF lines",
                      f"one record; Message = `{msg!r}` (line breaks normalised to `\\n`)")
            elif kind == "dq":
                quirk(n2, line_ref(n), "normal `\"\"` doubling (2021-2024)", f"Message = `{msg}`")
            else:
                quirk(n2, line_ref(n, span), "comma + line break: quoted, CRLF inside the field",
                      f"Message = `{msg!r}` (CRLF normalised to `\\n`)")
    quirk(n2, "file", "numbered chunk, CRLF line endings (2021-2024 activity style)", "")


REACTION_TYPES = ["LIKE", "PRAISE", "EMPATHY", "APPRECIATION", "INTEREST", "ENTERTAINMENT", "MAYBE"]


def write_reactions(wd: World) -> None:
    name = "Reactions.csv"
    f = new_file(name)
    f.header(["Date", "Type", "Link"])
    reacts = sorted(wd.reactions, key=lambda r: r["dt"], reverse=True)
    types = rng.choices(REACTION_TYPES, weights=[62, 11, 8, 6, 9, 3, 1], k=len(reacts))
    for t in REACTION_TYPES:  # make sure every type appears at least once
        if t not in types:
            types[rng.randrange(len(types))] = t
    comment_row = len(reacts) // 3
    seen: set[str] = set()
    for i, (r, t) in enumerate(zip(reacts, types)):
        kind = rng.choices(["activity", "ugcPost", "groupPost"], weights=[14, 4, 1])[0]
        post_id = activity_id(r["dt"] - timedelta(hours=rng.randrange(1, 48)))
        target = f"{rng.randrange(1000000, 9999999)}-{post_id}" if kind == "groupPost" else str(post_id)
        link = f"https://www.linkedin.com/feed/update/urn%3Ali%3A{kind}%3A{target}"
        if i == comment_row:
            link = (f"https://www.linkedin.com/feed/update/urn%3Ali%3Aactivity%3A{post_id}"
                    f"?commentUrn=urn%3Ali%3Acomment%3A(activity%3A{post_id}%2C{activity_id(r['dt'])})")
        n = f.row([f_iso(r["dt"]), t, link])
        if i == comment_row:
            quirk(name, line_ref(n), "reaction to a comment: Link carries `?commentUrn=urn%3Ali%3Acomment%3A(…)`", "")
        if t == "MAYBE" and t not in seen:
            seen.add(t)
            quirk(name, line_ref(n), "Type `MAYBE` (retired 'Curious' reaction); first of several", "Type kept as `MAYBE`")
    census = ", ".join(f"{t} {types.count(t)}" for t in REACTION_TYPES)
    quirk(name, "all rows", "all 7 Type values appear; links activity/ugcPost/groupPost (percent-encoded URNs)", f"Type counts: {census}")


POLL_OPTIONS = ["Yes", "No", "It depends", "dbt", "SQLMesh", "Plain SQL", "Weekly", "Monthly",
                "Remote", "Hybrid", "Office", "Python", "SQL", "Spreadsheets, honestly", "Build it ourselves"]


def write_votes(wd: World) -> None:
    name = "Votes.csv"
    f = new_file(name, eol="\r\n")
    f.header(["Date", "Link", "OptionText"])
    first_comma = first_group = True
    for v in sorted(wd.votes, key=lambda v: v["dt"], reverse=True):
        if rng.random() < 0.25:
            link = f"https://www.linkedin.com/feed/update/urn:li:groupPost:{rng.randrange(1000000, 9999999)}-{activity_id(v['dt'])}"
        else:
            link = f"https://www.linkedin.com/feed/update/urn:li:ugcPost:{activity_id(v['dt'])}"
        opt = rng.choice(POLL_OPTIONS)
        n = f.row([f_iso(v["dt"]), link, opt])
        if "," in opt and first_comma:
            first_comma = False
            quirk(name, line_ref(n), "OptionText with a comma (quoted)", f"OptionText = `{opt}`")
        if "groupPost" in link and first_group:
            first_group = False
            quirk(name, line_ref(n), "Link NOT percent-encoded (`urn:li:groupPost:<g>-<id>`)", "")
    quirk(name, "file", "CRLF line endings; links `urn:li:ugcPost:` not percent-encoded", "")


SEARCH_TERMS = [
    "analytics engineer", "dbt", "duckdb", "data contracts", "head of data", "metrics layer", "data platform lisbon",
    "staff data engineer", "semantic layer", "data mesh", "prefect", "polars", "warehouse cost", "data quality",
    "analytics engineering jobs", "lisbon meetup", "product analytics", "recruiter data", "reverse etl",
]


def write_search_queries(wd: World) -> None:
    name = "SearchQueries.csv"
    f = new_file(name)
    f.header(["Time", "Search Query"])
    pool_people = [p.name.strip() for p in wd.connections[:60]] + [p.name.strip() for p in wd.others[:20]]
    pool_companies = [c for c in COMPANIES]
    searches = sorted(wd.searches, key=lambda s: s["dt"], reverse=True)
    comma_queries = {5: "data engineer, lisbon", 40: "head of data, fintech, remote", 120: "Porto, Portugal analytics meetup"}
    for i, s in enumerate(searches):
        if i in comma_queries:
            q = comma_queries[i]
        else:
            r = rng.random()
            q = rng.choice(SEARCH_TERMS) if r < 0.5 else rng.choice(pool_people) if r < 0.8 else rng.choice(pool_companies)
            q = q.replace(",", "")
        n = f.row([f_slash_utc(s["dt"]), q], quote=q_none)
        if i in comma_queries:
            k = q.count(",")
            quirk(name, line_ref(n), f"unquoted query with {k} comma{'s' if k > 1 else ''} ({k + 2} comma-separated pieces)",
                  f"split at the FIRST comma only: Search Query = `{q}`")
    quirk(name, "all rows", "2025+ style: no quoting at all; Time `YYYY/MM/DD HH:MM:SS UTC`", "")


def write_follows(wd: World) -> None:
    # Company Follows.csv (no trailing newline, Java dates)
    name = "Company Follows.csv"
    f = new_file(name, final_eol=False)
    f.header(["Organization", "Followed On"])
    follows = list(wd.company_follows)
    for _ in range(10):  # older follows
        follows.append({"dt": rand_dt_between(datetime(2017, 1, 1), datetime(2026, 2, 25))})
    follows.sort(key=lambda x: x["dt"], reverse=True)
    orgs = COMPANIES + ["Tailwind Freight, Ltd.", "Open Data Collective", "Lisbon Tech Hub", "Data Folks Weekly",
                        "Marlow & Finch Partners", "Bytebridge Academy"]
    rng.shuffle(orgs)
    for i, x in enumerate(follows):
        org = orgs[i % len(orgs)]
        n = f.row([org, f_java(x["dt"])])
        if "," in org:
            quirk(name, line_ref(n), "Organization with a comma (quoted)", f"Organization = `{org}`")
    quirk(name, "all rows", "`Followed On` Java style `Fri Aug 05 14:02:31 UTC 2022`; no trailing newline", "")

    # Member_Follows_5521.csv (numbered)
    name = "Member_Follows_5521.csv"
    f = new_file(name)
    f.header(["Date", "Status", "FullName"])
    mf = sorted(wd.member_follows, key=lambda x: x["dt"], reverse=True)
    names = [p.name.strip() for p in wd.others] + ["Ada Whitlock", "Kenji Ferreira", "Sofia Kettleby"]
    first_unf = True
    for i, x in enumerate(mf):
        status = "Unfollow" if i % 9 == 4 else "Active"
        n = f.row([f_iso(x["dt"]), status, names[i % len(names)]])
        if status == "Unfollow" and first_unf:
            first_unf = False
            quirk(name, line_ref(n), "Status `Unfollow`", "")
    quirk(name, "file", "numbered file name `Member_Follows_5521.csv` (base name Member_Follows); Status Active/Unfollow", "")

    # Hashtag_Follows.csv (ends with an extra blank line)
    name = "Hashtag_Follows.csv"
    f = new_file(name, extra_blank_line=True)
    f.header(["HashTag", "CreatedTime", "LastModifiedTime", "State"])
    for tag, d in (("dataengineering", datetime(2026, 8, 2, 10, 4, 51)), ("analytics", datetime(2026, 5, 19, 7, 40, 2)),
                   ("duckdb", datetime(2026, 4, 3, 21, 15, 33)), ("lisbon", datetime(2025, 11, 9, 12, 0, 45)),
                   ("dataquality", datetime(2024, 6, 21, 8, 30, 9))):
        f.row([tag, f_iso(d), f_iso(d + timedelta(days=rng.randrange(0, 3), seconds=rng.randrange(3600))), "Follow"])
    quirk(name, f"line {f.physical_lines()}", "file ends with `\\n\\n` (an extra blank line)", "blank row skipped; 5 records")

    # Saved_Items.csv
    name = "Saved_Items.csv"
    f = new_file(name)
    f.header(["savedItem", "CreatedTime"])
    for _ in range(7):
        dt = rand_dt_between(ACTIVE_START, ACTIVE_END)
        f.row([f"https://www.linkedin.com/feed/update/urn:li:activity:{activity_id(dt)}", f_iso(dt)])
    quirk(name, "line 1", "header `savedItem,CreatedTime` (2025+ casing); values `urn:li:activity:` not percent-encoded", "")


def write_rich_media(wd: World) -> None:
    name = "Rich_Media.csv"
    f = new_file(name)
    f.header(["Date/Time", "Media Description", "Media Link"])
    items = []
    kinds = ["feed photo", "feed photo", "video", "document", "feed document", "photo"]
    for i, r in enumerate(wd.rich_media):
        items.append({"dt": r["dt"], "kind": kinds[i % len(kinds)]})
    items.append({"dt": datetime(2026, 3, 14, 19, 1), "kind": "profile photo"})
    items.append({"dt": datetime(2026, 3, 14, 19, 6), "kind": "profile background photo"})
    items.sort(key=lambda x: x["dt"], reverse=True)
    nl_done = desc_done = False
    for x in items:
        desc = " -"
        if x["kind"] in ("feed photo", "video") and not nl_done:
            desc, nl_done = "Team offsite in Sintra\nBest crew, best views", True
        elif x["kind"] == "feed document" and not desc_done:
            desc, desc_done = "Slides from the Porto data meetup", True
        link = media_url(x["dt"], "image-shrink_1280" if "photo" in x["kind"] else "feedshare-document-pdf-analyzed")
        n = f.row([f_rich_media(x["kind"], x["dt"]), desc, link])
        if "\n" in desc:
            quirk(name, line_ref(n, 2), "Media Description with a quoted raw line break (and a comma)", f"Media Description = `{desc!r}`")
        if x["kind"] == "profile photo":
            quirk(name, line_ref(n), "kind `profile photo` in the sentence date",
                  "`You uploaded a profile photo on March 14, 2026 at 7:01 PM (GMT)` -> kind `profile photo`, 2026-03-14 19:01 UTC")
    quirk(name, "all rows", "`Date/Time` is a sentence (`You uploaded a <kind> on <Month> <D>, <YYYY> at <h:mm> <AM|PM> (GMT)`); ` -` (space hyphen) = empty description; signed `https://media.licdn.com/dms/…?e=…&v=beta&t=…` links",
          "` -` -> empty description")


# --------------------------------------------------------------------------------------------
# Profile and account files
# --------------------------------------------------------------------------------------------


def write_profile_files() -> None:
    name = "Profile.csv"
    f = new_file(name)
    f.header(["First Name", "Last Name", "Maiden Name", "Address", "Birth Date", "Headline", "Summary", "Industry",
              "Zip Code", "Geo Location", "Twitter Handles", "Websites", "Instant Messengers"])
    n = f.row([OWNER_FIRST, OWNER_LAST, "", "", "Aug 21", "Senior Analytics Engineer at Quillfeather Analytics | dbt, DuckDB, metrics layers",
               "I help data teams ship fewer, better dashboards.  Previously built the analytics platform at Tidewater Logistics.  Based in Lisbon.",
               "Data Infrastructure and Analytics", "1000-001", "Lisbon, Lisbon, Portugal", "",
               "[PERSONAL:https://avery.example.com,BLOG:https://blog.example.com/avery]", ""])
    quirk(name, line_ref(n), "13-column header; Websites bracketed list; Birth Date without year; quoted Geo Location; double spaces in Summary",
          "Websites -> {PERSONAL: https://avery.example.com, BLOG: https://blog.example.com/avery} (split each pair on the first colon); Birth Date `Aug 21`; Geo Location `Lisbon, Lisbon, Portugal`")

    name = "Profile Summary.csv"
    f = new_file(name, extra_blank_line=True)
    f.raw("Profile Summary")
    quirk(name, "lines 1-2", "exactly `Profile Summary\\n\\n` (header + blank line, 17 bytes)", "0 records")

    name = "Positions.csv"
    f = new_file(name)
    f.header(["Company Name", "Title", "Description", "Location", "Started On", "Finished On"])
    n = f.row(["Quillfeather Analytics", "Senior Analytics Engineer",
               "• Own the metrics layer (dbt + DuckDB) • Cut warehouse cost by 30% • Mentor two analysts",
               "Lisbon, Portugal", "Feb 2024", ""])
    quirk(name, line_ref(n), "current position: empty Finished On; bullets `•` in a flattened Description", "Finished On = null (current)")
    f.row(["Tidewater Logistics", "Analytics Engineer", "Built the first analytics platform; 120 dbt models.",
           "Porto, Portugal", "Mar 2020", "Jan 2024"])
    f.row(["Tidewater Logistics", "Data Analyst", "", "Porto, Portugal", "Sep 2018", "Mar 2020"])
    n = f.row(["Fernhollow University", "Research Assistant", "Survey data cleaning and reporting.", "", "2016", "2018"])
    quirk(name, line_ref(n), "year-only dates `YYYY`", "Started On = 2016, Finished On = 2018 (year precision)")

    name = "Education.csv"
    f = new_file(name)
    f.header(["School Name", "Start Date", "End Date", "Notes", "Degree Name", "Activities"])
    f.row(["Fernhollow University", "2014", "2018", "", "BSc Statistics", "Debate society, data club"])
    f.row(["Westbrook Institute of Technology", "Sep 2019", "Jul 2020", "Part-time, evenings", "MSc Data Engineering", ""])

    name = "Skills.csv"
    f = new_file(name)
    f.header(["Name"])
    for s in ["SQL", "dbt", "DuckDB", "Python", "Data Modeling", "Extract, Transform, Load (ETL)", "Data Visualization",
              "Stakeholder Management", "Statistics", "Prefect"]:
        n = f.row([s])
        if "," in s:
            quirk(name, line_ref(n), "skill containing a comma (quoted)", f"Name = `{s}`")

    name = "Languages.csv"
    f = new_file(name)
    f.header(["Name", "Proficiency"])
    f.row(["English", "Native or bilingual proficiency"])
    f.row(["Portuguese", "Professional working proficiency"])
    f.row(["Spanish", "Elementary proficiency"])

    name = "Certifications.csv"
    f = new_file(name)
    f.header(["Name", "Url", "Authority", "Started On", "Finished On", "License Number"])
    f.row(["Certified Analytics Engineer", "https://credentials.example.org/verify/AE-20417", "Data Guild Academy", "Nov 2024", "Nov 2027", "AE-20417"])
    f.row(["Cloud Data Fundamentals", "", "Skyline Cloud", "2021", "", ""])


def write_endorsements(wd: World) -> None:
    skills = ["SQL", "dbt", "DuckDB", "Python", "Data Modeling", "Data Visualization", "Statistics", "Stakeholder Management"]
    name = "Endorsement_Received_Info.csv"
    f = new_file(name)
    f.header(["Endorsement Date", "Skill Name", "Endorser First Name", "Endorser Last Name", "Endorser Public Url", "Endorsement Status"])
    pool = [p for p in wd.connections]
    rows = []
    for i in range(40):
        p = rng.choice(pool)
        lo = datetime.combine(max(p.connected_on, date(2022, 1, 1)), datetime.min.time())
        rows.append((rand_dt_between(lo, ACTIVE_END), rng.choice(skills), p))
    sp = wd.specials  # type: ignore[attr-defined]
    rows[5] = (datetime(2026, 6, 20, 8, 30, 12), "Statistics", sp["zoe"])
    rows.sort(key=lambda r: r[0], reverse=True)
    for dt, skill, p in rows:
        n = f.row([f_slash_utc(dt), skill, p.first, p.last, f"www.linkedin.com/in/{p.raw_slug}", "ACCEPTED"])
        if p is sp["zoe"] and skill == "Statistics" and dt.year == 2026 and dt.month == 6 and dt.day == 20:
            quirk(name, line_ref(n), "scheme-less Public Url with a raw non-ASCII slug",
                  "normalised URL `https://www.linkedin.com/in/zoë-lambert-5e2b19` (same person as Connections' percent-encoded slug)")
    quirk(name, "all rows", "≥2023 header with `Endorser Public Url` = `www.linkedin.com/in/…` (no scheme); date `YYYY/MM/DD HH:MM:SS UTC`; status ACCEPTED", "")

    # legacy UTF-16LE TSV twin
    name = "Endorsement Received Info.csv"
    f = new_file(name, final_eol=False, encoding="utf-16-le-bom-tsv", delimiter="\t")
    f.header(["Endorsement Date", "Skill Name", "Endorser First Name", "Endorser Last Name", "Endorsement Status", "Display Status"], quote=q_tsv16)
    old = [p for p in wd.connections if p.connected_on < date(2021, 6, 1)]
    legacy_rows = [(datetime(2021, 4, 12, 8, 15, 2), "SQL", old[0]), (datetime(2020, 9, 3, 17, 44, 40), "Python", old[1]),
                   (datetime(2019, 2, 27, 11, 5, 19), "Statistics", old[2])]
    for dt, skill, p in legacy_rows:
        n = f.row([f_slash_utc(dt), skill, p.first, p.last, "ACCEPTED", "VISIBLE"], quote=q_tsv16)
    quirk(name, "whole file", "legacy twin: UTF-16LE with BOM `FF FE`, TAB-separated, every field double-quoted, LF, no trailing newline",
          f"3 records; first = `{f_slash_utc(legacy_rows[0][0])}`, `SQL`, `{legacy_rows[0][2].first}`, `{legacy_rows[0][2].last}`, `ACCEPTED`, `VISIBLE`")

    name = "Endorsement_Given_Info.csv"
    f = new_file(name)
    f.header(["Endorsement Date", "Skill Name", "Endorsee First Name", "Endorsee Last Name", "Endorsee Public Url", "Endorsement Status"])
    given_skills = ["Python", "Leadership", "Product Management", "SQL", "Public Speaking", "Recruiting", "Data Science", "UX Research"]
    rows = []
    for _ in range(25):
        p = rng.choice(pool)
        lo = datetime.combine(max(p.connected_on, date(2022, 1, 1)), datetime.min.time())
        rows.append((rand_dt_between(lo, ACTIVE_END), rng.choice(given_skills), p))
    rows.sort(key=lambda r: r[0], reverse=True)
    for dt, skill, p in rows:
        f.row([f_slash_utc(dt), skill, p.first, p.last, f"www.linkedin.com/in/{p.raw_slug}", "ACCEPTED"])
    quirk(name, "line 1", "`Endorsee …` columns (Given file)", "")


def write_recommendations(wd: World) -> None:
    hdr = ["First Name", "Last Name", "Company", "Job Title", "Text", "Creation Date", "Status"]
    name = "Recommendations_Received.csv"
    f = new_file(name)
    f.header(hdr)
    people = [p for p in wd.connections if p.company and "," not in p.last and p.connected_on < date(2021, 1, 1)][:5]
    texts = ["Avery rebuilt our metrics layer in three months and made the whole team faster. Clear, calm and generous with knowledge.",
             "I managed Avery for two years. Avery combines rigorous SQL with real empathy for stakeholders, a rare mix.",
             "Avery mentored me when I joined as a junior analyst; patient, practical and always one step ahead."]
    dts = [datetime(2026, 3, 5, 9, 12), datetime(2024, 1, 22, 16, 40), datetime(2021, 11, 8, 7, 5)]
    for p, t, dt in zip(people[:3], texts, dts):
        n = f.row([p.first, p.last, p.company, p.position, t, f_us_padded(dt), "VISIBLE"])
        if dt.year == 2026:
            quirk(name, line_ref(n), "zero-padded `MM/DD/YY, hh:mm AM` Creation Date; Status VISIBLE",
                  "`03/05/26, 09:12 AM` -> 2026-03-05 09:12")
    name = "Recommendations_Given.csv"
    f = new_file(name)
    f.header(hdr)
    for p, t, dt in zip(people[3:5], ["Great analyst, sharp questions, kind reviewer.",
                                      "One of the best engineering managers I have worked with, hands down."],
                        [datetime(2025, 6, 2, 20, 31), datetime(2023, 3, 14, 8, 2)]):
        n = f.row([p.first, p.last, p.company, p.position, t, f_us_padded(dt), ""])
    quirk(name, "all rows", "Status empty in Given", "")


def write_account_files() -> None:
    name = "Email Addresses.csv"
    f = new_file(name, final_eol=False)
    f.header(["Email Address", "Confirmed", "Primary", "Updated On"])
    f.row([OWNER_EMAIL, "Yes", "Yes", f_us_unpadded(datetime(2019, 1, 14, 9, 2))])
    f.row(["avery.example@example.org", "Yes", "No", f_us_unpadded(datetime(2024, 6, 3, 16, 45))])
    quirk(name, "all rows", "`Updated On` unpadded `M/D/YY, h:mm AM` (quoted); no trailing newline", "")

    name = "PhoneNumbers.csv"
    f = new_file(name)
    f.header(["Extension", "Number", "Type"])
    n = f.row(["", " +1 555-0100", "Mobile"])
    quirk(name, line_ref(n), "Number with a leading space", "Number = `' +1 555-0100'` raw, `+1 555-0100` stripped")

    name = "Registration.csv"
    f = new_file(name)
    f.header(["Registered At", "Registration Ip", "Subscription Types"])
    f.row([f_us_unpadded(datetime(2012, 9, 14, 20, 15)), "192.0.2.44", ""])

    name = "Logins.csv"
    f = new_file(name)
    f.header(["Login Date", "IP Address", "User Agent", "Login Type"])
    uas = ["Mozilla/5.0 (X11; Linux x86_64; rv:143.0) Gecko/20100101 Firefox/143.0",
           "Mozilla/5.0 (iPhone; CPU iPhone OS 19_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
           "LinkedIn/9.31.2 (iPhone; iOS 19.0; Scale/3.00)"]
    ips = ["192.0.2.17", "198.51.100.23", "203.0.113.9", "2001:db8:4f1:22::7"]
    t = datetime(2026, 10, 14, 21, 7, 44)
    for i in range(14):
        f.row([f_java(t), ips[i % len(ips)] if i % 3 else ips[0], uas[i % 3], "Login"])
        t -= timedelta(hours=rng.randrange(10, 60), seconds=rng.randrange(3600))
    quirk(name, "all rows", "Java-style `Mon Dec 01 14:02:31 UTC 2025` dates; IPv4 and IPv6 from documentation ranges; User Agent with commas (quoted)", "")

    name = "Private_identity_asset.csv"
    f = new_file(name)
    f.header(["Private Identity Asset Name", "Private Identity Asset Raw Text"])
    cv = ("AVERY EXAMPLE\nSenior Analytics Engineer\nLisbon, Portugal | avery@example.com\n\nEXPERIENCE\n"
          "Quillfeather Analytics, 2024-present\nTidewater Logistics, 2018-2024\n\nSKILLS\nSQL, dbt, DuckDB, Python")
    n = f.row(["Avery_Example_CV_2026.pdf", cv])
    quirk(name, line_ref(n, cv.count("\n") + 1), "résumé text with quoted line breaks (invented)", f"Raw Text has {cv.count(chr(10)) + 1} lines")



def write_notes(wd: World) -> None:
    f = new_file("Notes.csv")
    f.header(["Connection First Name", "Connection Last Name", "Connection Profile URL", "Note", "Created On", "Edited On"])
    sp = wd.specials  # type: ignore[attr-defined]
    n = f.row([sp["priya"].first, sp["priya"].last, sp["priya"].url, "Met at the Porto meetup, interested in metrics layers",
               "2026-04-16 18:20:00 UTC", "2026-05-02 09:01:13 UTC"])
    quirk("Notes.csv", line_ref(n), "2026 Notes.csv (header per S1); note with a comma; dates `YYYY-MM-DD HH:MM:SS UTC` (S1 fixture shape)",
          "Connection First Name = `'Priya '` (trailing space kept)")
    f.row([sp["zoe"].first, sp["zoe"].last, sp["zoe"].url, "ask about the churn model", "2026-06-04 12:02:45 UTC", ""])
    f.row([sp["jane"].first, sp["jane"].last, sp["jane"].url, "co-organiser June meetup", "2026-05-11 08:30:00 UTC", ""])


def write_learning_events_ads() -> None:
    name = "Learning.csv"
    f = new_file(name)
    f.raw("Content Title,Content Description,Content Type,Content Last Watched Date (if viewed),"
          "Content Completed At (if completed),Content Saved,Notes taken on videos (if taken),")
    items = [
        ("Advanced SQL for Analysts", "Window functions, CTEs and query plans.", "Course", datetime(2026, 9, 30, 20, 14), datetime(2026, 10, 2, 21, 3), "false"),
        ("Data Modeling Fundamentals", "<p>Star schemas, grain, and slowly changing dimensions.</p>", "Course", datetime(2026, 7, 8, 6, 45), None, "true"),
        ("Giving Feedback", "Short video on feedback, with examples", "Video", datetime(2026, 5, 21, 12, 30), datetime(2026, 5, 21, 12, 39), "false"),
        ("Become a Data Engineer", "A learning path: pipelines, orchestration, testing.", "Learning Path", None, None, "true"),
        ("Metric Trees Explained", "Article from a partner", "Article (3rd Party Provider)", datetime(2026, 4, 2, 9, 11), None, "false"),
        ("Presenting Data", "Storytelling with charts.", "Video (3rd Party Provider)", datetime(2026, 3, 18, 18, 2), datetime(2026, 3, 18, 18, 20), "false"),
        ("Python for Data Analysis", "Pandas, polars and notebooks.", "Course", datetime(2025, 12, 1, 7, 50), datetime(2026, 1, 15, 9, 30), "false"),
        ("Negotiation Skills", "", "Course", None, None, "true"),
    ]
    for title, desc, typ, watched, done, saved in items:
        f.row([title, desc, typ, f_learning(watched) if watched else "N/A", f_learning(done) if done else "N/A", saved, "N/A", ""])
    quirk(name, "line 1", "header ends with a trailing comma: 8th column with an EMPTY name (data rows also end with `,`)",
          "8 columns; last column name `''` (rename e.g. `column_8`), always empty")
    quirk(name, "all rows", "dates `YYYY-MM-DD HH:MM UTC` (no seconds) or literal `N/A`; Content Saved `true`/`false`", "`N/A` -> null")

    name = "Events.csv"
    f = new_file(name)
    f.header(["Event Name", "Event Time", "Status", "External Url"])
    ev = [("Lisbon Analytics Meetup: June edition", datetime(2026, 6, 18, 18, 30), datetime(2026, 6, 18, 21, 0), "APPROVED", "https://meetups.example.org/lisbon-analytics/june-2026"),
          ("Data Contracts in Practice (webinar)", datetime(2026, 3, 12, 18, 30), datetime(2026, 3, 12, 20, 0), "APPROVED", "www.example.org/webinars/data-contracts"),
          ("Porto Data Day", datetime(2026, 9, 26, 9, 0), datetime(2026, 9, 26, 17, 30), "APPROVED", "https://portodataday.example.org"),
          ("Metrics Layer AMA", datetime(2026, 5, 6, 16, 0), datetime(2026, 5, 6, 17, 0), "RELINQUISHED", "")]
    for nm, a, b, st, url in ev:
        n = f.row([nm, f_event(a, b), st, url])
        if url.startswith("www."):
            quirk(name, line_ref(n), "External Url without a scheme; Event Time range", f"Event Time `{f_event(a, b)}` -> start 2026-03-12 18:30, end 20:00")
        if st == "RELINQUISHED":
            quirk(name, line_ref(n), "Status `RELINQUISHED`, empty External Url", "")

    name = "Ad_Targeting.csv"
    f = new_file(name)
    hdr = ["Member Age", "Buyer Groups", "Company Names", "Company Names", "Company Follower of", "Company Names",
           "Company Category", "Company Size", "Degrees", "Member Gender", "Job Functions", "Member Groups",
           "Company Industries", "Member Interests", "Interface Locales", "Job Seniorities", "Job Titles",
           "Job Titles", "Member Schools", "Member Skills", "Years of Experience"]
    f.raw(",".join(hdr))
    n = f.row(["25 to 34", "IT Decision Makers", "Quillfeather Analytics", "Quillfeather Analytics; Tidewater Logistics",
               "Skyline Cloud; Halcyon Bio; Lisbon Tech Hub", "", "Mid-size companies", "51-200", "Master's Degree",
               "", "Engineering; Information Technology", "Data Folks Weekly", "Software Development; IT Services and IT Consulting",
               "Data Science; Databases; Cloud Computing", "en_US", "Senior", "Analytics Engineer",
               "Analytics Engineer; Data Engineer", "Fernhollow University", "SQL; dbt; DuckDB; Python", "6 to 10"])
    quirk(name, "line 1", "duplicate header names: `Company Names` x3, `Job Titles` x2", "rename positionally: `Company Names`, `Company Names_2`, `Company Names_3`, `Job Titles`, `Job Titles_2`")
    quirk(name, line_ref(n), "single data row with `; `-separated lists", "Member Skills -> ['SQL', 'dbt', 'DuckDB', 'Python']")


def write_jobs_and_verifications() -> None:
    name = "Jobs/Saved Jobs.csv"
    f = new_file(name)
    f.header(["Saved Date", "Job Url", "Job Title", "Company Name"])
    f.row([f_us_unpadded(datetime(2026, 8, 11, 22, 4)), "http://www.linkedin.com/jobs/view/4298811023", "Staff Analytics Engineer", "Halcyon Bio"])
    f.row([f_us_unpadded(datetime(2026, 5, 2, 7, 15)), "http://www.linkedin.com/jobs/view/4199302117", "Head of Data, EMEA", "Lumen Ridge Capital"])
    quirk(name, "file", "sub-folder `Jobs/`; `Saved Date` unpadded `M/D/YY, h:mm AM`; `http://` job URLs", "")

    name = "Jobs/Job Applications.csv"
    f = new_file(name)
    f.header(["Application Date", "Contact Email", "Contact Phone Number", "Company Name", "Job Title", "Job Url", "Resume Name", "Question And Answers"])
    n = f.row([f_us_unpadded(datetime(2026, 8, 12, 9, 31)), OWNER_EMAIL, " +1 555-0100", "Halcyon Bio", "Staff Analytics Engineer",
               "http://www.linkedin.com/jobs/view/4298811023", "Avery_Example_CV_2026.pdf",
               "How many years of experience do you have with dbt?:5 | Are you legally authorized to work in Portugal?:Yes"])
    quirk(name, line_ref(n), "free-text `Question And Answers` blob", "")

    name = "Verifications/Verifications.csv"
    f = new_file(name)
    f.header(["First name", "Middle name", "Last name", "Verification type", "Organization name", "Email address", "Country",
              "State", "City", "Year of birth", "Issuing authority", "Document type", "Verification service provider",
              "Verified date", "Expiry date"])
    n = f.row(["Avery", "N/A", "Example", "Workplace", "Quillfeather Analytics", OWNER_EMAIL, "N/A", "N/A", "N/A", "N/A",
               "N/A", "N/A", "N/A", "2025-11-03", "N/A"])
    quirk(name, line_ref(n), "sub-folder `Verifications/`; `N/A` placeholders; ISO `YYYY-MM-DD` dates", "Verified date = 2025-11-03; `N/A` -> null")


def write_misc(wd: World) -> None:
    name = "Duolingo.csv"
    f = new_file(name)
    f.header(["Language", "Score", "Proficiency Level"])
    f.row(["Portuguese", "96", "Intermediate"])
    f.row(["Spanish", "41", "Beginner"])
    quirk(name, "file", "file unknown to the registry", "kept as a generic raw table (2 records)")


ARTICLE_CSS = "<style>body{font-family:sans-serif;max-width:720px;margin:2em auto;}p.created,p.published{color:#666;}</style>"


def write_articles() -> None:
    slug = "why-our-dashboards-got-boring-on-purpose-avery-example-4kq1e"
    pub = (
        "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=UTF-8\">"
        "<title>Why our dashboards got boring (on purpose)</title>" + ARTICLE_CSS + "</head><body>\n"
        "<img src=\"https://media.licdn.com/dms/image/v2/D4D12AQFakeCoverImg/article-cover_image-shrink_600_2000/0/1750000000000?e=1790000000&amp;v=beta&amp;t=invented\" alt=\"\" />\n"
        f"<h1><a href=\"https://www.linkedin.com/pulse/{slug}\">Why our dashboards got boring (on purpose)</a></h1>\n"
        "<p class=\"created\">Created on 2026-06-09 21:14</p>\n"
        "<p class=\"published\">Published on 2026-06-11 07:30</p>\n"
        "<div><p>Last year we had 214 dashboards. Today we have 31.</p>"
        "<h2>What we deleted</h2><ul><li>Anything nobody opened in 90 days</li><li>Duplicates of the same KPI</li></ul>"
        "<p>The result: <strong>fewer questions</strong>, faster answers, and a warehouse bill that went down.</p>"
        "<blockquote>Boring is a feature.</blockquote></div>\n"
        "</body></html>\n")
    draft = (
        "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=UTF-8\">"
        "<title>Draft title</title>" + ARTICLE_CSS + "</head><body>\n"
        "<h1><a href=\"https://www.linkedin.com/post/edit/7335512345678901234\">Draft title</a></h1>\n"
        "<p class=\"created\">Created on 2026-05-28 10:30</p>\n"
        "<p class=\"published\">Published on ---</p>\n"
        "<div><p>Notes on metric trees, part one. <em>Work in progress.</em></p></div>\n"
        "</body></html>\n")
    p1 = f"Articles/Articles/{slug}.html"
    p2 = "Articles/Articles/2026-05-28 10_30_21.0-Draft title.html"
    BINARY_FILES.append((p1, pub.encode(), "HTML, published article"))
    BINARY_FILES.append((p2, draft.encode(), "HTML, draft article"))
    quirk(p1, "file", "published article: `<h1><a href=…/pulse/<slug>>`, `Created on`, `Published on`, body `<div>`",
          "title `Why our dashboards got boring (on purpose)`, created 2026-06-09 21:14, published 2026-06-11 07:30")
    quirk(p2, "file", "draft article: name `<YYYY-MM-DD HH_MM_SS.0>-<title>.html`, `Published on ---`",
          "title `Draft title`, created 2026-05-28 10:30, published = null (draft)")


def write_macosx_junk() -> None:
    # AppleDouble header: magic 00051607, version 00020000, 16-byte filler, 2 entries (invented payload)
    blob = (b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        \x00\x02"
            b"\x00\x00\x00\x09\x00\x00\x00\x32\x00\x00\x00\x20"
            b"\x00\x00\x00\x02\x00\x00\x00\x52\x00\x00\x00\x00"
            b"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00")
    BINARY_FILES.append(("__MACOSX/._Connections.csv", blob, "binary AppleDouble junk"))
    quirk("__MACOSX/._Connections.csv", "file", "macOS AppleDouble resource fork (binary, starts `00 05 16 07`)", "ignored (never parsed as Connections)")


# --------------------------------------------------------------------------------------------
# SSI scores
# --------------------------------------------------------------------------------------------


def write_ssi(wd: World) -> list[str]:
    conns = [p.connected_on for p in wd.connections]
    accepted = [(inv["sent"] + timedelta(days=inv["accept_after"])).date() for inv in wd.invitations
                if inv["dir"] == "OUTGOING" and inv["accept_after"] is not None]

    def count(items, d0: date, d1: date) -> int:
        return sum(1 for x in items if d0 <= (x if isinstance(x, date) and not isinstance(x, datetime) else x.date()) < d1)

    lines = ["date,total,brand,people,insights,relationships,industry_rank,network_rank"]
    d = date(2026, 4, 6)
    k = 0
    while d <= date(2026, 10, 12):
        lo = d - timedelta(days=28)
        posts = count([s["dt"] for s in wd.shares], lo, d) + count([m["dt"] for m in wd.rich_media], lo, d)
        seek = count([s["dt"] for s in wd.searches], lo, d) + count([x["dt"] for x in wd.company_follows + wd.member_follows], lo, d)
        engage = count([c["dt"] for c in wd.comments], lo, d) + count([r["dt"] for r in wd.reactions], lo, d)
        rel = count(conns, lo, d) + count(accepted, lo, d)
        trend = 0.06 * k
        raw = [12 + 1.75 * math.sqrt(posts) + trend,
               6 + 1.15 * math.sqrt(seek) + trend,
               5 + 0.85 * math.sqrt(engage) + trend,
               8 + 1.45 * math.sqrt(rel) + trend]
        cents = [int(round(min(25.0, max(0.0, x + rng.gauss(0, 0.4))) * 100)) for x in raw]
        total_c = sum(cents)
        total = total_c / 100
        ind = max(1, min(100, round(100 * math.exp(-(total - 20) / 18) + rng.gauss(0, 0.8))))
        net = max(1, min(100, round(100 * math.exp(-(total - 15) / 15) + rng.gauss(0, 0.8))))
        fmt = lambda c: f"{c // 100}.{c % 100:02d}"
        lines.append(f"{d.isoformat()},{fmt(total_c)},{','.join(fmt(c) for c in cents)},{ind},{net}")
        d += timedelta(days=7)
        k += 1
    SSI_OUT.write_bytes(("\n".join(lines) + "\n").encode())
    return lines


# --------------------------------------------------------------------------------------------
# README
# --------------------------------------------------------------------------------------------


def md(s: str) -> str:
    return s.replace("|", "\\|").replace("\n", "\\n")


def write_readme(wd: World, ssi_lines: list[str]) -> None:
    out = []
    out.append("# Sample export: Avery Example (INVENTED DATA)\n")
    out.append("An unzipped LinkedIn *Complete* export of the fictional member **Avery Example** "
               f"(owner profile `{OWNER_URL}`), exported {EXPORT_DAY.isoformat()}. Every person, company, text, e-mail, "
               "URL and IP address is invented; only the structure follows `docs/linkedin-export-format.md`.\n")
    out.append("**Generated** by `scripts/make_sample_export.py` (seed 20261015). Do not edit by hand: change the script and rerun "
               "it; this README (line numbers included) is regenerated with the data. This README is not a CSV, and a parser "
               "must ignore it.\n")
    out.append("Definitions: *physical lines* = number of LF characters, plus 1 if the file does not end with one (UTF-16 files are "
               "counted after decoding; CRLF counts as one line break). *Records* = data records that a correct parser must produce "
               "(header, preamble and blank lines excluded; a multi-line record counts once; drafts, hidden connections "
               "and reshares included). Line numbers below are 1-based physical lines.\n")
    out.append("## Files\n")
    out.append("| File | Encoding / layout | Physical lines | Records |")
    out.append("|---|---|---:|---:|")
    for f in sorted(FILES, key=lambda x: x.relpath.lower()):
        out.append(f"| `{f.relpath}` | {md(f.describe())} | {f.physical_lines()} | {f.data_records} |")
    for p, b, desc in sorted(BINARY_FILES):
        out.append(f"| `{p}` | {desc} ({len(b)} bytes) | – | – |")
    out.append("")
    out.append("Activity volumes in the active period 2026-03-01 .. 2026-10-14 are driven by weekly latent effort levels "
               "(posting, engaging, searching, networking), so weeks that are busy in one file tend to be busy in related ones.\n")
    out.append("## Quirks: where each one is exercised\n")
    out.append("| # | File | Where | Quirk | Expected parse |")
    out.append("|---:|---|---|---|---|")
    for i, (file, where, what, exp) in enumerate(QUIRKS, 1):
        out.append(f"| {i} | `{file}` | {md(where)} | {md(what)} | {md(exp)} |")
    out.append("")
    out.append("## Cross-file facts to test\n")
    sp = wd.specials  # type: ignore[attr-defined]
    out.append(f"- Owner URL `{OWNER_URL}` is not in `Profile.csv`; derive it from `Invitations.csv` (OUTGOING inviter / "
               "INCOMING invitee) or from `messages.csv` rows whose FROM is `Avery Example`.")
    out.append("- Zoë Lambert appears as `zo%C3%AB-lambert-5e2b19` (Connections, Notes) and `zoë-lambert-5e2b19` "
               "(Invitations, Endorsement_Received_Info): one person after `unquote()`.")
    acc = sum(1 for i in wd.invitations if i["dir"] == "OUTGOING" and i["accept_after"] is not None)
    out.append(f"- {acc} OUTGOING invitations are accepted: their invitee URL (after unquote) is in `Connections.csv`, "
               "with `Connected On` 0-10 days after `Sent At`.")
    out.append("- `Comments_34875879.csv` + `Comments_34875880.csv` are one table (`Comments`), "
               f"{sum(f.data_records for f in FILES if f.relpath.startswith('Comments_'))} records in total.")
    out.append("- `Endorsement Received Info.csv` (legacy UTF-16) and `Endorsement_Received_Info.csv` normalise to the same "
               "base name; they hold different rows (3 old + 40 new).")
    out.append(f"- `../sample_ssi_scores.csv`: {len(ssi_lines) - 1} weekly rows (Mondays 2026-04-06 .. 2026-10-12); pillars "
               "are built from trailing-28-day counts in this export (brand: shares + Rich_Media; people: searches + company "
               "and member follows; insights: comments + reactions; relationships: new connections + accepted invitations), "
               "plus a slow upward trend and Gaussian noise (sd 0.4). Ranks are integers 1-100, lower is better.")
    out.append("")
    (OUT / "README.md").write_bytes(("\n".join(out)).encode())


# --------------------------------------------------------------------------------------------
# main
# --------------------------------------------------------------------------------------------


def main() -> None:
    wd = build_world()
    write_connections(wd)
    write_invitations(wd)
    write_messages(wd)
    write_message_side_files()
    write_shares(wd)
    write_comments(wd)
    write_reactions(wd)
    write_votes(wd)
    write_search_queries(wd)
    write_follows(wd)
    write_rich_media(wd)
    write_profile_files()
    write_endorsements(wd)
    write_recommendations(wd)
    write_account_files()
    write_notes(wd)
    write_learning_events_ads()
    write_jobs_and_verifications()
    write_misc(wd)
    write_articles()
    write_macosx_junk()

    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    for f in FILES:
        p = OUT / f.relpath
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(f.to_bytes())
    for rel, b, _ in BINARY_FILES:
        p = OUT / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(b)
    ssi_lines = write_ssi(wd)
    write_readme(wd, ssi_lines)

    summary = {f.relpath: f.data_records for f in FILES}
    print(f"wrote {len(FILES) + len(BINARY_FILES)} files to {OUT}")
    for k in ("Connections.csv", "Invitations.csv", "messages.csv", "Shares.csv", "Reactions.csv", "Votes.csv",
              "SearchQueries.csv", "Company Follows.csv", "Member_Follows_5521.csv", "Rich_Media.csv",
              "Endorsement_Received_Info.csv", "Endorsement_Given_Info.csv"):
        print(f"  {k}: {summary[k]}")
    print(f"  Comments: {summary['Comments_34875879.csv'] + summary['Comments_34875880.csv']}")
    print(f"wrote {len(ssi_lines) - 1} SSI rows to {SSI_OUT}")


if __name__ == "__main__":
    main()
