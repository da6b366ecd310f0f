"""Write realistic synthetic LinkedIn exports (ZIPs) plus a recorded SSI history per member, fast.

EVERYTHING WRITTEN HERE IS INVENTED: members, people, companies, texts and URLs. E-mail addresses use only
example.com / example.org; linked pages use example.com / example.org / invented licdn.com tokens. What is real is
the structure, per `shared/docs/linkedin-export-format.md`: file names, headers by era, quoting bugs, line endings,
trailing newlines and date formats.

Used by tests (tiny scales) and by `bench/run_bench.py` (the heavy export). Speed is the point: rows are built
from pre-quoted pools with list comprehensions and f-strings, and every CSV is streamed in chunks straight into its
ZIP entry (`ZipFile.open(name, "w")`), never through a temporary file. How LinkedIn writes each file (quoting,
date formats, headers, line endings, the ZIP) comes from `synthetic/linkedin_format/`, shared with the bundled
sample's generator; this module decides what the invented member did and which era's layout they get.

Layout written by `write_synthetic(outdir, ...)`, one folder per member:

    <outdir>/<member-slug>/Complete_LinkedInDataExport_MM-DD-YYYY.zip
    <outdir>/<member-slug>/ssi_scores.csv     weekly: date,total,brand,people,insights,relationships,
                                               industry_rank,network_rank,member
    <outdir>/<member-slug>/counts.json        records written per file (what the loader must load), bytes, era...

Eras (one per member, drawn from the seed so that consecutive members get different eras):

| era     | what differs                                                                                       |
|---------|----------------------------------------------------------------------------------------------------|
| 2021    | Connections without URL; 9-column messages; Invitations without profile URLs (the owner is then   |
|         | found from Profile.csv + their own messages); CRLF activity files; Comments leave newline-only    |
|         | messages unquoted; `Rich Media.csv` pointer file; Shares `SharedURL,MediaURL`                      |
| 2023    | Connections `URL`; 10-column messages; Invitations with `inviterProfileUrl,inviteeProfileUrl`       |
| 2024-12 | 12-column messages with draft flags (drafts in threads, orphan drafts last); `Rich_Media.csv`       |
|         | sentences; Shares `SharedUrl,MediaUrl`; still CRLF activity files and legacy Comments quoting      |
| 2025    | 11-column messages (ATTACHMENTS); LF everywhere; Comments `\\"` escaping; SearchQueries unquoted    |
| 2026    | messages fully quoted (header too); numbered chunks `Comments_<n>.csv` (two), `Shares_<n>.csv`,     |
|         | `Member_Follows_<n>.csv`                                                                           |

Every era: the 3-line Connections `Notes:` preamble, no trailing newline on Connections / Company Follows, hidden
connections (only `Connected On`), Shares' `"`-newline-`"` commentary mangling, percent-encoded slugs in
Connections and raw non-ASCII slugs in Invitations, names with credentials, emoji and trailing spaces. About 5%
of message CONTENT values hold line breaks (quoted) in *every* era: real exports before 2026 flatten them, but the
benchmark needs the multi-line path exercised whatever the layout.
"""

from __future__ import annotations

import json
import math
import random
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from itertools import accumulate
from pathlib import Path
from urllib.parse import quote

from linkedin_ssi.synthetic import effort
from linkedin_ssi.synthetic.linkedin_format import headers, links, ssi_csv
from linkedin_ssi.synthetic.linkedin_format.archive import export_zip_name, write_zip
from linkedin_ssi.synthetic.linkedin_format.dates import MONTH_ABBR, Clock
from linkedin_ssi.synthetic.linkedin_format.layout import ExportFile, Layout, chunked
from linkedin_ssi.synthetic.linkedin_format.quoting import (
    Quote,
    join_fields,
    mangle_commentary,
    q_all,
    q_comments_2025,
    q_comments_legacy,
    q_min,
    q_none,
)

GENERATOR_VERSION = "1"

# A "normal" member (scale 1.0) and the heavy member (scale "heavy"), in records per file family.
NORMAL_COUNTS = {"messages": 2_000, "connections": 500, "invitations": 150, "reactions": 1_000, "comments": 200,
                 "shares": 80, "search_queries": 300}
HEAVY_COUNTS = {"messages": 1_000_000, "connections": 30_000, "invitations": 5_000, "reactions": 100_000,
                "comments": 20_000, "shares": 10_000, "search_queries": 50_000}
# Smaller files scale with the same factor; relative to NORMAL_COUNTS["messages"].
_MINOR_PER_NORMAL = {"votes": 20, "member_follows": 30, "company_follows": 25, "endorsements": 40, "rich_media": 16}
# Floors so that even a tiny scale yields an identifiable member and something in every pillar.
_FLOORS = {"messages": 12, "connections": 5, "invitations": 2, "reactions": 1, "comments": 1, "shares": 1,
           "search_queries": 1, "votes": 1, "member_follows": 1, "company_follows": 1, "endorsements": 1,
           "rich_media": 1}

ERAS = ("2021", "2023", "2024-12", "2025", "2026")
_ERA_EXPORT_DAY = {"2021": date(2021, 6, 14), "2023": date(2023, 10, 16), "2024-12": date(2024, 12, 9),
                   "2025": date(2025, 8, 18), "2026": date(2026, 10, 12)}

# Days of history before the export day, per family (Invitations.csv keeps only ~8 months).
SPAN_DAYS = {"connections": 3650, "messages": 730, "activity": 365, "invitations": 240}
SSI_WEEKS = 30
# ------------------------------------------------------------------------------------------------------------
# Invented vocabularies
# ------------------------------------------------------------------------------------------------------------

FIRST_NAMES = (
    "Ada Aiden Akira Alba Aleksander Amara Amelia Anders Anika Arjun Astrid Aurelio Ayla Bastian Beatriz Bram "
    "Caius Calla Camille Cassius Celeste Chidi Clara Corin Dalia Damaris Darius Delphine Dmitri Ebba Edmund Eira "
    "Elias Elodie Emeka Enzo Esme Ezra Fabian Farah Felix Fenna Florin Freya Gideon Greta Hana Hugo Idris Ilse "
    "Imani Isak Ivo Jonah Juno Kaito Kalani Kasimir Keira Kenji Kofi Lara Leif Lena Lior Lorenzo Luca Maeve Mala "
    "Marek Mateo Mira Nadia Nico Nika Noor Odile Oren Orla Otto Paloma Priya Quinn Rafael Rhea Rowan Sabine Santi "
    "Selin Silas Sofia Soren Talia Tariq Thea Tobias Uma Valen Vera Wim Xenia Yara Yusuf Zadie Zane").split()
FIRST_NAMES_ACCENTED = ("Zoë", "Inês", "João", "Lucía", "Søren", "Chloé", "Željko", "Ståle", "Małgorzata",
                        "Renée")
LAST_NAMES = (
    "Abernathy Achterberg Adeyemi Albescu Alcott Ambrose Ashdown Balogun Barlowe Beaumont Bellweather Birch "
    "Blackwood Brennan Calloway Carrow Castellan Chatterjee Corvin Dahlgren Darrow Delacroix Drummond Ebner "
    "Ellingsen Everhart Falkner Fenwick Ferreira Fitzroy Galloway Garnier Gaskell Greaves Halloran Hartigan "
    "Hawthorne Holloway Ibarra Ingram Iversen Jansen Kaminski Kellerman Kessler Kingsley Lachance Lindqvist "
    "Lockhart Lowell Mabry Marchetti Merriweather Montague Nakamura Nightingale Northcott Okafor Oyelaran "
    "Pemberton Penrose Quarles Radcliffe Ravenscroft Rinaldi Rosenthal Sandoval Seward Sinclair Stroud "
    "Takahashi Thackeray Thornbury Underhill Valdivia Vanterpool Waverly Whitlock Winslow Yardley Zielinski").split()
LAST_SUFFIXES = (", PhD", ", MBA", ", CPA", " 🌱", " 🚀")
COMPANIES = (
    "Quillfeather Analytics", "Tidewater Logistics", "Halcyon Bio", "Skyline Cloud", "Greywater Foods",
    "Kestrel Health", "Brightline Data, Inc.", 'The "Quiet Hours" Collective', "Oakhurst Telecom",
    "Redshank Mobility", "Lumen Ridge Capital", "Fernhollow University", "Glasshouse Labs", "Tern & Tide Travel",
    "Marlow & Finch Partners", "Bytebridge Academy", "Copperleaf Energy", "Northwind Freight, Ltd.",
    "Saltmarsh Studios", "Ironbark Security", "Pinecrest Robotics", "Silverline Payments", "Harbourview Hotels",
    "Meadowlark Media", "Stonefield Construction", "Bluefin Insurance", "Amberglow Retail", "Cobalt Circuitry",
    "Driftwood Design", "Evergreen Clinics", "Foxglove Pharma", "Granite Peak Ventures", "Hollowbrook Farms",
    "Juniper Legal", "Kingfisher Aerospace", "Larkspur Learning", "Moonstone Games", "Nettlefield Water")
POSITIONS = (
    "Analytics Engineer", "Data Engineer", "Senior Data Scientist", "Head of Data", "Product Manager",
    "Account Executive", "Sales Development Representative", "Director, Data Platform", "Software Engineer",
    "Engineering Manager", "Recruiter", "Talent Partner", "Founder", "Co-Founder & CEO", "Marketing Lead",
    "Customer Success Manager", "UX Researcher", "Research Scientist", "VP, Sales", "Operations Analyst",
    "Solutions Architect", "Consultant", "Associate Professor", "Growth Lead", "Chief of Staff")
SENTENCES = (
    "Thanks for connecting!", "Great to meet you at the meetup yesterday.", "Hope you're well.",
    "Quick question about your post on data contracts.", "Do you have 20 minutes next week for a chat?",
    "Sure, Thursday works for me.", "Thanks, that's really helpful.", "Sounds good!",
    "Let me check with the team and get back to you.", "Happy to help.", "I'll send the slides over tonight.",
    "We tried that last quarter and it worked surprisingly well.", "Sorry for the slow reply!",
    "Congrats on the new role!", "Can we move it to Friday morning?", "Great, thanks a lot.",
    "I'd start with the staging layer and keep the marts thin.", "Booked a slot in your calendar.",
    "That makes sense.", "Looking forward to it.", "Yes, I can share the deck.",
    "Are you still looking for speakers for the October session?", "Loved your comment on the pricing thread.",
    "We are hiring for two roles in the platform team, happy to share details.",
    "Our pilot ships in May, budget is approved.", "Would you be open to a short intro call?",
    "I read your article on forecasting, and it changed how we plan capacity.",
    'She called it "the metrics tree" and it stuck.', "Let's keep in touch.", "Cheers, and have a great weekend.",
    "Following up on my last message, no pressure at all.", "Attaching the agenda for Thursday.",
    "The numbers look better than expected: churn is down, expansion is up.", "Thanks again for the intro to Lena.",
    "Could you send me the link to the repo?", "Not yet, but I'm planning to write it up.",
    "I'll be in Lisbon next week, coffee?", "Happy Friday!", "Noted, I'll update the doc.",
    "Do you know anyone who has done this at scale?", "Great talk yesterday, the Q&A was the best part.",
)
COMMENT_TEXTS = (
    "Great write-up!", "Congrats on the launch!", "This is so true", "Thanks for sharing", "Well said",
    "Couldn't agree more", "Bookmarking this", "Love this framing", "Great point about ownership",
    "Totally agree with the part about tests", "Welcome to the team!", "Looking forward to the next one",
    "Such a useful checklist", "Congratulations, well deserved", "Interesting take",
    "We saw the same thing at our company", "Would love to read the follow-up", "Nice work team",
    'The "metrics tree" idea is gold', 'As my old manager used to say, "measure twice"',
    "Agreed, tests first and docs second", "Great question, we use a metrics layer for exactly that",
)
POST_TEXTS = (
    "Shipped our new metrics layer today. Fewer dashboards, more answers.",
    "Hiring! We are looking for an analytics engineer in Lisbon. DM me.",
    "Slides from my talk at the Porto data meetup are up.",
    "Hot take: most data quality problems are ownership problems.",
    "Grateful for this team, one year in!", "What is the one metric your team would never give up?",
    "Small wins: our daily build is now under 4 minutes.", "If your dashboard needs a manual, it needs a redesign.",
    'We call it the "two-pizza dashboard" rule, and it works.',
)
SEARCH_TERMS = (
    "analytics engineer", "dbt", "duckdb", "data contracts", "head of data", "metrics layer", "data platform lisbon",
    "staff data engineer", "semantic layer", "data mesh", "prefect", "polars", "warehouse cost", "data quality",
    "sales director", "account executive saas", "product analytics", "recruiter data", "reverse etl",
)
REACTION_WEIGHTS = (62, 11, 8, 6, 9, 3, 1)
POLL_OPTIONS = ("Yes", "No", "It depends", "dbt", "Plain SQL", "Weekly", "Monthly", "Remote", "Hybrid",
                "Spreadsheets, honestly", "Build it ourselves")
SKILLS = ("SQL", "Python", "Data Modeling", "Extract, Transform, Load (ETL)", "Statistics", "Leadership",
          "Stakeholder Management", "Negotiation", "Public Speaking", "Forecasting")
SHARED_URLS = ("https://blog.example.com/notes/metric-trees", "https://www.example.org/reports/data-teams",
               "https://news.example.com/analytics/warehouse-costs", "https://www.example.org/events/meetup")
# Free-text vocabulary: one random sentence per message body keeps the text about as compressible as real chat
# (a ZIP of real exports is ~3.5x smaller than its CSVs; pooled sentences alone would compress ~14x).
VOCABULARY = (
    "about account action after again agenda ahead align almost already also always analysis answer anyone "
    "approach april around article asked attach audience august available back backlog based because before "
    "believe benchmark best better between board book break brief budget build business busy call calendar "
    "campaign candidate case catch change check client close coffee colleague come company conference confirm "
    "contract could customer data date deadline deal deck demo design detail different dinner direction doc "
    "done draft early easy email end enough event every example expect experience fast feedback figure final "
    "find first follow forecast forward friday funnel goal good great group growth guess happy hear help hire "
    "hope idea impact include insight interest interview invoice issue item january july june just keep kind "
    "know last late launch lead learn least less let like link list little local long look lunch make manager "
    "march market maybe meeting mention metric might migration minute model monday month more morning move "
    "much need network never next nice note number offer office onboarding open option order other pipeline "
    "plan platform please point post pretty price priority problem process product project proposal quarter "
    "question quick quote rather ready really reason recap recruit release report request review right risk "
    "roadmap role room run sales saturday schedule screen second send september session share ship short "
    "should show sign similar simple since slide slot small something soon sorry speak sprint staff start "
    "still story strategy sunday support sure survey system take talk target team tell test thank thing "
    "think thursday ticket time today together tomorrow tool topic track trial tuesday update usage value "
    "vendor video visit wait want week weekend welcome what when while why wednesday work workshop write "
    "year yesterday").split()
# Time of day (UTC hour) weights: working hours dominate, nights are quiet.
HOUR_WEIGHTS = (1, 1, 1, 1, 1, 2, 4, 7, 10, 12, 12, 11, 10, 11, 12, 12, 11, 9, 7, 6, 5, 4, 3, 2)
# Seconds between consecutive messages of a conversation.
REPLY_GAPS = (40, 120, 300, 660, 2100, 5400, 14400, 36000, 86400, 172800, 432000)


# ------------------------------------------------------------------------------------------------------------
# Scale grammar
# ------------------------------------------------------------------------------------------------------------


def parse_scale(scale: str | float) -> dict[str, int]:
    """Return the records per file family for one member at `scale`.

    Grammar (whitespace ignored, case-insensitive):

        scale   := NUMBER | "normal" [":" NUMBER] | "heavy" [":" NUMBER]
        NUMBER  := a positive finite decimal (int/float, or a string such as "0.25")

    - a NUMBER `f` (or "normal:f") multiplies the normal member: 2,000 messages, 500 connections,
      150 invitations, 1,000 reactions, 200 comments, 80 shares, 300 search queries (`NORMAL_COUNTS`);
    - "heavy" is exactly 1,000,000 messages, 30,000 connections, 5,000 invitations, 100,000 reactions,
      20,000 comments, 10,000 shares and 50,000 search queries per member (`HEAVY_COUNTS`);
      "heavy:f" multiplies those counts (so "heavy:1" == "heavy", "heavy:0.25" is a quarter of it).

    Smaller files (votes, follows, endorsements, uploads) scale with the same factor. Each count is rounded
    to the nearest integer, with a small floor (`_FLOORS`) so that a tiny scale still yields an identifiable
    member. Raises ValueError for anything else.
    """
    base, factor = _split_scale(scale)
    counts = {k: v * factor for k, v in base.items()}
    per_message = base["messages"] / NORMAL_COUNTS["messages"] * factor
    counts.update({k: v * per_message for k, v in _MINOR_PER_NORMAL.items()})
    return {k: max(_FLOORS[k], int(math.floor(v + 0.5))) for k, v in counts.items()}


def _split_scale(scale: str | float) -> tuple[dict[str, int], float]:
    """Return (base counts, factor) for a scale expression; see `parse_scale`."""
    if isinstance(scale, bool):
        raise ValueError(f"scale must be a number, 'normal[:f]' or 'heavy[:f]', not {scale!r}")
    if isinstance(scale, (int, float)):
        base, text = NORMAL_COUNTS, str(scale)
    else:
        text = str(scale).strip().lower()
        base = NORMAL_COUNTS
        for name, counts in (("heavy", HEAVY_COUNTS), ("normal", NORMAL_COUNTS)):
            if text == name:
                return counts, 1.0
            if text.startswith(name + ":"):
                base, text = counts, text[len(name) + 1:].strip()
                break
    try:
        factor = float(text)
    except ValueError:
        raise ValueError(f"scale must be a number, 'normal[:f]' or 'heavy[:f]', not {scale!r}") from None
    if not (factor > 0 and math.isfinite(factor)):
        raise ValueError(f"scale factor must be positive and finite, not {scale!r}")
    return base, factor


# ------------------------------------------------------------------------------------------------------------
# Text pools (built once per process from a fixed seed: the same everywhere)
# ------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pools:
    """Message bodies and other free texts, raw (quoting is applied per dialect by the writers)."""

    bodies: tuple[str, ...]  # single-line message bodies
    multiline: tuple[str, ...]  # message bodies with line breaks
    html: tuple[str, ...]  # sponsored message bodies
    posts: tuple[str, ...]
    comments: tuple[str, ...]
    queries: tuple[str, ...]


@cache
def pools() -> Pools:
    """Return the shared text pools (deterministic: a fixed seed, independent of the caller's)."""
    rng = random.Random(20261125)
    def free_sentence() -> str:
        words = rng.choices(VOCABULARY, k=rng.randrange(6, 22))
        return " ".join(words).capitalize() + rng.choice((".", ".", ".", "?", "!", ", thanks."))

    bodies = tuple(" ".join(rng.sample(SENTENCES, rng.choice((1, 1, 2, 2, 3)))) + " " + free_sentence() +
                   ("  " + rng.choice(SENTENCES) if rng.random() < 0.15 else "") for _ in range(16384))
    multiline = tuple(
        rng.choice(("Hi,", "Hello!", "Hey,")) + rng.choice(("\n\n", "\n")) +
        "\n".join(rng.sample(SENTENCES, rng.randrange(1, 4)) + [free_sentence()]) +
        rng.choice(("\n\nBest", "\nCheers", "")) for _ in range(1024))
    html = tuple(
        f'<p class="spinmail-quill-editor__spin-break">Hi %FIRSTNAME%,</p><p class="spinmail-quill-editor__spin-break">'
        f"Teams at {rng.choice(COMPANIES).replace(chr(34), '')} &amp; {rng.choice(COMPANIES).replace(chr(34), '')} "
        f"cut costs by {rng.randrange(10, 60)}%.<br>Join our free webinar.</p>" for _ in range(32))
    posts = tuple(
        [rng.choice(POST_TEXTS) for _ in range(200)] +
        ["\n".join(rng.sample(POST_TEXTS, 2)) for _ in range(30)] +
        [rng.choice(POST_TEXTS) + "\n\n" + rng.choice(POST_TEXTS) for _ in range(20)])
    comments = tuple([rng.choice(COMMENT_TEXTS) for _ in range(380)] +
                     [rng.choice(COMMENT_TEXTS) + "\n" + rng.choice(COMMENT_TEXTS).replace(",", "").replace('"', "")
                      for _ in range(20)])
    names = [f"{f} {l}" for f, l in zip(rng.choices(FIRST_NAMES, k=300), rng.choices(LAST_NAMES, k=300))]
    companies = [c.replace('"', "") for c in COMPANIES]
    # ~3% of queries hold commas: quoted before 2025, split into extra fields from 2025 (spec §2.8).
    with_commas = [f"{rng.choice(SEARCH_TERMS)}, {rng.choice(('lisbon', 'remote', 'berlin', 'fintech'))}"
                   for _ in range(30)]
    queries = tuple([rng.choice(SEARCH_TERMS) for _ in range(500)] + names + companies + with_commas)
    return Pools(bodies, multiline, html, posts, comments, queries)


# ------------------------------------------------------------------------------------------------------------
# The simulated member
# ------------------------------------------------------------------------------------------------------------


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


def _make_members(members: int, scale: str | float, seed: int, eras: tuple[str, ...] | None) -> list[Member]:
    """Return the members to write: identities, eras and export days drawn from `seed`."""
    counts = parse_scale(scale)
    rng = random.Random(f"synth/{seed}")
    era_cycle = tuple(eras) if eras else tuple(rng.sample(ERAS, len(ERAS)))
    bad = [e for e in era_cycle if e not in ERAS]
    if bad:
        raise ValueError(f"unknown era(s) {bad}; known: {', '.join(ERAS)}")
    out = []
    for i in range(members):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        slug = f"{links.ascii_slug(first)}-{links.ascii_slug(last)}-{i:x}{rng.getrandbits(12):03x}"
        era = era_cycle[i % len(era_cycle)]
        export_day = _ERA_EXPORT_DAY[era] + timedelta(days=rng.randrange(0, 21))
        out.append(Member(i, era, first, last, slug, export_day, rng.randrange(10_000_000, 99_999_999), dict(counts),
                          f"{seed}/{i}"))
    return out


def _latent_intensity(rng: random.Random, base: date, days: int) -> dict[str, list[float]]:
    """Return per-day effort levels (day 0 = `base`) for each kind of effort: weekly levels, quieter at weekends.

    Shared by related files, so a busy week shows up across several of them and in the SSI pillars.
    """
    weekly = effort.weekly_efforts(rng, days // 7 + 2, persistence=0.7, noise=0.45)
    return {kind: [levels[d // 7] * (0.35 if (base.weekday() + d) % 7 >= 5 else 1.0) for d in range(days)]
            for kind, levels in weekly.items()}


def _event_times(rng: random.Random, n: int, m: Member, dim: str, span_days: int) -> list[int]:
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


def _plan_member(m: Member) -> None:
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
# File writers: each returns an ExportFile (or several), its rows streamed as LF text chunks
# ------------------------------------------------------------------------------------------------------------


def _legacy(m: Member) -> bool:
    """True for eras whose activity files use CRLF and the legacy Comments quoting (2021–2024)."""
    return m.era in ("2021", "2023", "2024-12")


def _activity_layout(m: Member) -> Layout:
    """Return the layout of the member's activity files: CRLF in the legacy eras."""
    return Layout(eol="\r\n") if _legacy(m) else Layout()


def _header(columns: list[str], quote: Quote = q_none) -> str:
    """Return a header line (with its newline): the columns joined by commas, quoted with `quote` (none by default)."""
    return join_fields(columns, quote) + "\n"


def _activity_id(c: Clock, t: int, low_bits: int) -> int:
    """Return a LinkedIn-style id for second `t`: 10 of the invented `low_bits` go to the milliseconds, 22 below."""
    return links.activity_id(c.epoch_ms_at(t) + (low_bits & 1023), low_bits >> 10 & 0x3FFFFF)


def _connections(m: Member, invitations_accepted: list[tuple[int, int]]) -> ExportFile:
    """Connections.csv: preamble, newest first, hidden members, no trailing newline."""
    rng = m.rng("connections")
    n = m.counts["connections"]
    hidden = round(n * 0.003)
    named = n - hidden
    # Accepted invitations are connections made on a known day; the rest spread over 10 years, denser lately.
    days = {p: d for p, d in invitations_accepted[:named]}
    others = [i for i in range(named) if i not in days]
    recent = _event_times(rng, len(others) * 35 // 100, m, "network", SPAN_DAYS["activity"])
    old = _event_times(rng, len(others) - len(recent), m, "network", SPAN_DAYS["connections"])
    for i, t in zip(others, recent + old):
        days[i] = t // 86400
    hidden_days = [t // 86400 for t in _event_times(rng, hidden, m, "network", SPAN_DAYS["connections"])]
    m.n_connected = named
    for d in days.values():
        m.daily["relationships"][d] += 1
    p, c = m.people, m.clock
    with_url = m.era != "2021"
    rows = []
    for i, d in days.items():
        url = p.url(i) + "," if with_url else ""
        rows.append((d, f"{q_min(p.first[i])},{q_min(p.last[i])},{url}{p.email[i]},{q_min(p.company[i])},"
                        f"{q_min(p.position[i])},{c.conn_day[d]}\n"))
    empty = ",,,,,," if with_url else ",,,,,"
    rows += [(d, f"{empty}{c.conn_day[d]}\n") for d in hidden_days]
    rows.sort(key=lambda r: -r[0])
    preamble = "".join(line + "\n" for line in headers.CONNECTIONS_PREAMBLE)
    text = [r for _, r in rows]
    # spec: no newline after the last row
    return ExportFile("Connections.csv", len(text), chunked(text, preamble + _header(headers.connections(with_url))),
                      Layout(final_eol=False))


def _invitations(m: Member) -> tuple[ExportFile, list[tuple[int, int]]]:
    """Invitations.csv (last ~8 months, unsorted) and the (person, day) connections the accepted ones created."""
    rng = m.rng("invitations")
    n = m.counts["invitations"]
    times = _event_times(rng, n, m, "network", SPAN_DAYS["invitations"])
    rng.shuffle(times)  # real files are not sorted
    n_out = max(1, min(n - 1, round(n * 0.6)))
    directions = ["OUTGOING"] * n_out + ["INCOMING"] * (n - n_out)
    rng.shuffle(directions)
    p, c = m.people, m.clock
    connections = m.counts["connections"] - round(m.counts["connections"] * 0.003)
    pending = list(range(connections, len(p.first)))
    notes = ("Hi, loved your talk on metric trees, would be great to connect.", "Hello! We met at the Porto meetup.",
             "Hi, I'm building a small analytics team and would value your perspective, thanks!")
    accepted: list[tuple[int, int]] = []
    rows = []
    owner = q_min(m.name)
    with_urls = m.era != "2021"
    for k, (t, direction) in enumerate(zip(times, directions)):
        # A planted note effect (claim 3 tests): half the requests carry a note, accepted at the planted rates.
        planted = m.note_acceptance is not None and direction == "OUTGOING"
        has_note = planted and rng.random() < 0.5
        p_accept = m.note_acceptance[0 if has_note else 1] if planted else (0.42 if direction == "OUTGOING" else 0.6)
        accept_after = rng.randrange(0, 11) if rng.random() < p_accept else None
        on = None if accept_after is None else t // 86400 + accept_after
        if on is not None and on <= m.end // 86400 and len(accepted) < connections:
            person = len(accepted)
            accepted.append((person, on))
        else:
            person = pending[k % len(pending)]
        if planted:
            note = q_min(rng.choice(notes)) if has_note else ""
        else:
            note = q_min(rng.choice(notes)) if rng.random() < 0.05 else ""
        other = q_min(p.name(person))
        sent = f'"{c.us_short(t)}"'
        if direction == "OUTGOING":
            m.count_day("people", t)
            m.count_day("relationships", t)
            head = f"{owner},{other},{sent},{note},OUTGOING"
            urls = f",{m.url},{p.url(person, encoded=False)}"
        else:
            head = f"{other},{owner},{sent},{note},INCOMING"
            urls = f",{p.url(person, encoded=False)},{m.url}"
        rows.append(head + (urls if with_urls else "") + "\n")
    header = _header(headers.invitations(with_urls))
    return ExportFile("Invitations.csv", len(rows), chunked(rows, header)), accepted


_FOLDERS = ("INBOX", "ARCHIVE", "SPAM")


def _attachment(rng: random.Random) -> str:
    """Return an invented ATTACHMENTS link."""
    kind = rng.choice(("image", "vid"))
    asset, epoch_ms = f"{rng.getrandbits(64):016x}", rng.randrange(1_700_000_000_000, 1_790_000_000_000)
    return links.attachment_url(kind, asset, epoch_ms, f"{rng.getrandbits(80):020x}", "inv")


class _MessageLayout:
    """How one era writes a messages.csv row: column set, quoting, and the draft/attachment tail."""

    def __init__(self, era: str):
        self.era = era
        self.q = q_all if era == "2026" else q_min
        self.with_urls = era != "2021"
        self.header = _header(headers.MESSAGES[era], self.q if era == "2026" else q_none)
        p = pools()
        self.bodies = [self.q(b) for b in p.bodies]
        self.multiline = [self.q(b) for b in p.multiline]
        self.html = [self.q(b) for b in p.html]
        self.empty = self.q("")

    def head(self, cid: str, title: str, sender: str, sender_url: str, to: str, to_urls: str) -> str:
        """The fields before DATE, each quoted, with a trailing comma."""
        q = self.q
        fields = [q(cid), q(title), q(sender), q(sender_url), q(to)] + ([q(to_urls)] if self.with_urls else [])
        return ",".join(fields) + ","

    def tail(self, folder: str, draft: bool = False, attachments: str = "") -> str:
        """FOLDER and the era's optional columns, with the newline."""
        q = self.q
        if self.era == "2024-12":
            return f"{q(folder)},{'Yes' if draft else 'No'},No\n"
        if self.era in ("2025", "2026"):
            return f"{q(folder)},{q(attachments)}\n"
        return f"{q(folder)}\n"


def _messages(m: Member) -> ExportFile:
    """messages.csv: folder blocks, conversations by latest message, newest first inside (spec §2.3)."""
    rng = m.rng("messages")
    n = m.counts["messages"]
    layout = _MessageLayout(m.era)
    orphans = max(1, n // 5000) if m.era == "2024-12" else 0
    sizes, left = [], n - orphans
    while left > 0:
        s = min(left, 60, 1 + int(rng.expovariate(1 / 7)))
        sizes.append(s)
        left -= s
    latest = _event_times(rng, len(sizes), m, "engage", SPAN_DAYS["messages"])
    rng.shuffle(latest)
    folders = rng.choices(range(3), weights=(55, 43, 2), k=len(sizes))
    order = sorted(range(len(sizes)), key=lambda c: (folders[c], -latest[c]))

    def rows() -> Iterator[str]:
        for c in order:
            yield from _conversation_rows(m, rng, layout, sizes[c], latest[c], _FOLDERS[folders[c]])
        orphan_head = layout.head("", "", m.name, m.url, "", "")  # no conversation, recipient or folder
        for _ in range(orphans):
            t = m.end - rng.randrange(86400 * 60)
            yield (f"{orphan_head}{layout.q(m.clock.iso_utc(t))},{layout.empty},{rng.choice(layout.bodies)},"
                   f"{layout.tail('', True)}")

    return ExportFile("messages.csv", n, chunked(rows(), layout.header))


def _conversation_rows(m: Member, rng: random.Random, layout: _MessageLayout, size: int, t_end: int,
                       folder: str) -> list[str]:
    """Return one conversation's rows, newest first; counts the owner's sent messages for the SSI."""
    p, c, q = m.people, m.clock, layout.q
    rnd = rng.random
    cid = links.conversation_id(rng)
    kind = rnd()
    owner = (m.name, m.url)
    if size == 1 and kind < 0.08:  # sponsored: company sender, no URL, HTML body
        body = rng.choice(layout.html)
        head = layout.head(cid, "Sponsored Conversation", rng.choice(COMPANIES), "", m.name, m.url)
        return [f"{head}{q(c.iso_utc(t_end))},{layout.empty},{body},{layout.tail(folder)}"]
    pool = m.n_connected if m.n_connected and rnd() < 0.9 else len(p.first)
    if kind < 0.03:  # group chat
        others = [(p.name(i), p.url(i)) for i in rng.sample(range(pool), min(pool, rng.randrange(2, 5)))]
        title = f"{rng.choice(COMPANIES).replace(chr(34), '')} — {rng.choice(('project', 'offsite', 'meetup'))}"
    else:
        i = rng.randrange(pool)
        others = [("LinkedIn Member", "") if kind > 0.99 else (p.name(i), p.url(i))]
        title = ""
    subject = ""
    if len(others) == 1 and 0.03 <= kind < 0.045:  # InMail: title = subject
        title = subject = f"{rng.choice(POSITIONS)} role at {rng.choice(COMPANIES).replace(chr(34), '')}"
    everyone = [owner] + others
    heads = []
    for s, (name, url) in enumerate(everyone):
        rec = [e for k, e in enumerate(everyone) if k != s]
        heads.append(layout.head(cid, title, name, url, ", ".join(r[0] for r in rec), ",".join(r[1] for r in rec)))
    subj_q = q(subject) if subject else layout.empty
    gaps = [g + int(rnd() * 60) for g in rng.choices(REPLY_GAPS, k=size)]
    owner_turn = rnd() < 0.45
    t = t_end
    out = []
    for k in range(size):
        body = rng.choice(layout.multiline) if rnd() < 0.05 else rng.choice(layout.bodies)
        sender = 0 if owner_turn else 1 + (rng.randrange(len(others)) if len(others) > 1 else 0)
        draft = k == 0 and sender == 0 and layout.era == "2024-12" and rnd() < 0.01
        attachments = _attachment(rng) if layout.era in ("2025", "2026") and rnd() < 0.01 else ""
        if sender == 0 and not draft:
            m.count_day("insights", t)
        out.append(f"{heads[sender]}{q(c.iso_utc(t))},{subj_q if k == size - 1 else layout.empty},{body},"
                   f"{layout.tail(folder, draft, attachments)}")
        if rnd() < 0.7:
            owner_turn = not owner_turn
        t = max(0, t - gaps[k])
    return out


def _post_url(rng: random.Random, c: Clock, t: int, kinds=("activity", "ugcPost"), weights=(4, 1)) -> str:
    kind = rng.choices(kinds, weights=weights)[0]
    target = _activity_id(c, max(0, t - rng.randrange(3600, 259200)), rng.getrandbits(32))
    if kind == "groupPost":
        return links.feed_update_url(kind, f"{rng.randrange(1000000, 9999999)}-{target}")
    return links.feed_update_url(kind, target)


def _reactions(m: Member) -> ExportFile:
    """Reactions.csv: `Date,Type,Link`, newest first; some reactions are to comments (`?commentUrn=`)."""
    rng = m.rng("reactions")
    times = _event_times(rng, m.counts["reactions"], m, "engage", SPAN_DAYS["activity"])
    types = rng.choices(headers.REACTION_TYPES, weights=REACTION_WEIGHTS, k=len(times))
    c = m.clock
    rows = []
    for t, kind in zip(times, types):
        m.count_day("insights", t)
        link = _post_url(rng, c, t, ("activity", "ugcPost", "groupPost"), (14, 4, 1))
        if rng.random() < 0.03:
            post = link.rsplit("%3A", 1)[-1]
            link = links.comment_reaction_url(post, _activity_id(c, t, rng.getrandbits(32)))
        rows.append(f"{c.iso(t)},{kind},{link}\n")
    return ExportFile("Reactions.csv", len(rows), chunked(rows, _header(headers.REACTIONS)), _activity_layout(m))


def _comments(m: Member) -> list[ExportFile]:
    """Comments.csv (or two numbered chunks in 2026) with the era's broken quoting (spec §2.5)."""
    rng = m.rng("comments")
    times = _event_times(rng, m.counts["comments"], m, "engage", SPAN_DAYS["activity"])
    quote_ = q_comments_legacy if _legacy(m) else q_comments_2025
    texts = [quote_(t) for t in pools().comments]
    c = m.clock
    rows = []
    for t in times:
        m.count_day("insights", t)
        rows.append(f"{c.iso(t)},{_post_url(rng, c, t)},{rng.choice(texts)}\n")
    header = _header(headers.COMMENTS)
    if m.era != "2026":
        return [ExportFile("Comments.csv", len(rows), chunked(rows, header), _activity_layout(m))]
    cut = len(rows) * 6 // 10
    return [ExportFile(f"Comments_{m.chunk_id}.csv", cut, chunked(rows[:cut], header)),
            ExportFile(f"Comments_{m.chunk_id + 1}.csv", len(rows) - cut, chunked(rows[cut:], header))]


def _shares(m: Member) -> ExportFile:
    """Shares.csv: posts and reshares, commentary line breaks mangled as `"`-newline-`"` (spec §2.4)."""
    rng = m.rng("shares")
    times = _event_times(rng, m.counts["shares"], m, "post", SPAN_DAYS["activity"])
    c = m.clock
    rows = []
    for t in times:
        m.count_day("brand", t)
        link = links.feed_update_url(rng.choice(("share", "ugcPost")), _activity_id(c, t, rng.getrandbits(32)))
        reshare = rng.random() < 0.3
        text = "" if reshare else rng.choice(pools().posts)
        r = rng.random()
        shared = rng.choice(SHARED_URLS) if r < (0.5 if reshare else 0.25) else ""
        media = "" if reshare or not (0.25 <= r < 0.45) else links.media_url(
            f"D4D22AQ{rng.getrandbits(52):013x}", "feedshare-shrink_800", c.epoch_ms_at(t),
            (c.epoch_ms // 1000) + t + 5184000, f"inv{rng.getrandbits(40):010x}")
        rows.append(f"{c.iso(t)},{link},{q_min(mangle_commentary(text))},{shared},{q_min(media)},MEMBER_NETWORK\n")
    url_case = "URL" if m.era in ("2021", "2023") else "Url"
    header = _header(headers.shares(url_case))
    name = f"Shares_{m.chunk_id}.csv" if m.era == "2026" else "Shares.csv"
    return ExportFile(name, len(rows), chunked(rows, header), _activity_layout(m))


def _search_queries(m: Member) -> ExportFile:
    """SearchQueries.csv: `YYYY/MM/DD HH:MM:SS UTC`; quoted when needed before 2025, never quoted from 2025."""
    rng = m.rng("search_queries")
    times = _event_times(rng, m.counts["search_queries"], m, "search", SPAN_DAYS["activity"])
    quote_ = q_min if m.era in ("2021", "2023", "2024-12") else q_none
    queries = [quote_(q) for q in pools().queries]
    c = m.clock
    rows = []
    for t in times:
        m.count_day("people", t)
        rows.append(f"{c.slash_utc(t)},{rng.choice(queries)}\n")
    return ExportFile("SearchQueries.csv", len(rows), chunked(rows, _header(headers.SEARCH_QUERIES)))


def _votes(m: Member) -> ExportFile:
    """Votes.csv: links NOT percent-encoded (spec §2.7)."""
    rng = m.rng("votes")
    times = _event_times(rng, m.counts["votes"], m, "engage", SPAN_DAYS["activity"])
    c = m.clock
    rows = []
    for t in times:
        m.count_day("insights", t)
        link = links.feed_update_url("ugcPost", _activity_id(c, t, rng.getrandbits(32)), encoded=False)
        rows.append(f"{c.iso(t)},{link},{q_min(rng.choice(POLL_OPTIONS))}\n")
    return ExportFile("Votes.csv", len(rows), chunked(rows, _header(headers.VOTES)), _activity_layout(m))


def _follows(m: Member) -> list[ExportFile]:
    """Member_Follows (numbered in 2026) and Company Follows (Java dates, no trailing newline)."""
    rng = m.rng("follows")
    p, c = m.people, m.clock
    rows = []
    for t in _event_times(rng, m.counts["member_follows"], m, "search", SPAN_DAYS["activity"]):
        status = "Unfollow" if rng.random() < 0.1 else "Active"
        if status == "Active":
            m.count_day("people", t)
        rows.append(f"{c.iso(t)},{status},{q_min(p.name(rng.randrange(len(p.first))))}\n")
    name = f"Member_Follows_{m.chunk_id}.csv" if m.era == "2026" else "Member_Follows.csv"
    member_follows = ExportFile(name, len(rows), chunked(rows, _header(headers.MEMBER_FOLLOWS)), _activity_layout(m))
    rows = []
    for t in _event_times(rng, m.counts["company_follows"], m, "search", SPAN_DAYS["connections"]):
        if t >= m.end - SPAN_DAYS["activity"] * 86400:
            m.count_day("people", t)
        rows.append(f"{q_min(rng.choice(COMPANIES))},{c.java(t)}\n")
    # Company Follows.csv has no newline after its last row.
    company_follows = ExportFile("Company Follows.csv", len(rows), chunked(rows, _header(headers.COMPANY_FOLLOWS)),
                                 Layout(final_eol=False))
    return [member_follows, company_follows]


def _endorsements(m: Member) -> ExportFile:
    """Endorsement_Received_Info.csv: scheme-less `Endorser Public Url` from 2023 (spec §2.14)."""
    rng = m.rng("endorsements")
    p, c = m.people, m.clock
    with_url = m.era != "2021"
    rows = []
    for t in _event_times(rng, m.counts["endorsements"], m, "post", SPAN_DAYS["messages"]):
        i = rng.randrange(max(1, m.n_connected))
        url = links.profile_url(p.slug[i], scheme=False) + "," if with_url else ""
        rows.append(f"{c.slash_utc(t)},{q_min(rng.choice(SKILLS))},{q_min(p.first[i])},{q_min(p.last[i])},"
                    f"{url}ACCEPTED\n")
    header = _header(headers.endorsements_received(with_url))
    return ExportFile("Endorsement_Received_Info.csv", len(rows), chunked(rows, header))


def _rich_media(m: Member) -> ExportFile:
    """Rich_Media.csv sentences (2024-12+) or the older `Rich Media.csv` pointer rows."""
    if m.era in ("2021", "2023"):
        rows = ["Video content can be downloaded at,https://www.linkedin.com/psettings/member-data\n",
                "Documents can be downloaded at,https://www.linkedin.com/psettings/member-data\n"]
        return ExportFile("Rich Media.csv", len(rows), chunked(rows, _header(headers.RICH_MEDIA_POINTERS)))
    rng = m.rng("rich_media")
    c = m.clock
    rows = []
    for t in _event_times(rng, m.counts["rich_media"], m, "post", SPAN_DAYS["activity"]):
        m.count_day("brand", t)
        kind = rng.choice(("feed photo", "feed photo", "video", "document", "feed document", "photo"))
        desc = q_min(rng.choice(pools().posts)) if rng.random() < 0.3 else " -"
        link = links.media_url(f"D4D10AQ{rng.getrandbits(52):013x}", "image-shrink_1280", c.epoch_ms_at(t), 1, "inv")
        rows.append(f"{q_min(c.rich_media(kind, t))},{desc},{link}\n")  # the sentence has a comma: quoted
    return ExportFile("Rich_Media.csv", len(rows), chunked(rows, _header(headers.RICH_MEDIA)))


def _profile_files(m: Member) -> list[ExportFile]:
    """Profile.csv (the owner's name; their URL is inferred from Invitations / messages), and small profile files.

    No contact files (Email Addresses, PhoneNumbers...): the loader withholds them by default, and counts.json
    must list only what it loads.
    """
    rng = m.rng("profile")
    company, year = rng.choice(COMPANIES), m.export_day.year
    website = q_min(f"[PERSONAL:https://{m.slug}.example.com]")
    profile = (f"{q_min(m.first)},{q_min(m.last)},,,{rng.choice(MONTH_ABBR)} {rng.randrange(1, 29)},"
               f"{q_min(rng.choice(POSITIONS) + ' at ' + company)},"
               f"{q_min('I help teams ship fewer, better dashboards.  Based in Lisbon.')},Software Development,"
               f"1000-001,{q_min('Lisbon, Lisbon, Portugal')},,{website},\n")
    positions = (f"{q_min(company)},{q_min(rng.choice(POSITIONS))},• Own the metrics layer • Mentor analysts,"
                 f"{q_min('Lisbon, Portugal')},Feb {year - 2},\n"
                 f"{q_min(rng.choice(COMPANIES))},{q_min(rng.choice(POSITIONS))},,,{year - 8},Jan {year - 2}\n")
    files = [
        ExportFile("Profile.csv", 1, [_header(headers.PROFILE), profile]),
        ExportFile("Positions.csv", 2, [_header(headers.POSITIONS), positions]),
        ExportFile("Education.csv", 1, [_header(headers.EDUCATION),
                                     f"Fernhollow University,{year - 14},{year - 10},,BSc Statistics,\n"]),
        ExportFile("Skills.csv", len(SKILLS), [_header(headers.SKILLS), "".join(q_min(s) + "\n" for s in SKILLS)]),
    ]
    if m.era in ("2024-12", "2025", "2026"):
        # `Profile Summary\n\n`: the header, then a blank line.
        files.append(ExportFile("Profile Summary.csv", 0, [_header(headers.PROFILE_SUMMARY)],
                                Layout(extra_blank_line=True)))
        files.append(ExportFile("guide_messages.csv", 0, [_header(headers.MESSAGES["2025"])]))
    if m.era in ("2025", "2026"):
        files.append(ExportFile("LearningCoachMessages.csv", 0, [headers.NO_CONVERSATIONS]))
    return files


def _member_files(m: Member) -> list[ExportFile]:
    """Return every CSV of the member's export, in archive order (invitations first: they create connections)."""
    invitations, accepted = _invitations(m)
    files = [_connections(m, accepted), invitations]
    files += _profile_files(m)
    files += [_messages(m), _reactions(m)] + _comments(m) + [_shares(m), _search_queries(m), _votes(m)]
    files += _follows(m) + [_endorsements(m), _rich_media(m)]
    return files


def _file_progress(m: Member, progress: Callable[[str], None] | None) -> Callable[[ExportFile, int], None] | None:
    """Return the ZIP writer's per-file callback: a progress line for each large file, or None."""
    if progress is None:
        return None

    def on_file(f: ExportFile, written: int) -> None:
        if f.records >= 10_000:
            progress(f"{m.slug}: {f.path}: {f.records:,} records, {written / 1e6:.1f} MB")
    return on_file


# ------------------------------------------------------------------------------------------------------------
# SSI history
# ------------------------------------------------------------------------------------------------------------


def _ssi_rows(m: Member) -> list[str]:
    """Return weekly SSI rows (header first) driven by the trailing-28-day activity that was written.

    pillar = base + 6·sqrt(count28 / mean count28) + slow trend + N(0, 0.5), clipped to 0–25, in cents;
    total = the sum of the rounded pillars, so `total == round(sum, 2)` exactly.
    """
    rng = m.rng("ssi")
    export_idx = m.end // 86400 + 1
    dates = [export_idx - 7 * (SSI_WEEKS - k) for k in range(SSI_WEEKS)]
    bases = {"brand": 11.0, "people": 7.5, "insights": 7.0, "relationships": 9.0}
    windows = {}
    for pillar in bases:
        prefix = [0, *accumulate(m.daily[pillar])]
        counts = [prefix[d] - prefix[max(0, d - 28)] for d in dates]
        mean = sum(counts) / len(counts) or 1.0
        windows[pillar] = [x / mean for x in counts]
    lines = [",".join([*ssi_csv.COLUMNS, "member"])]
    for k, d in enumerate(dates):
        cents = [ssi_csv.pillar_cents(base + 6.0 * math.sqrt(windows[pillar][k]) + 0.04 * k + rng.gauss(0, 0.5))
                 for pillar, base in bases.items()]
        industry, network = ssi_csv.ranks(sum(cents) / 100, rng)
        lines.append(ssi_csv.score_row(m.clock.iso_day[d], cents, industry, network, m.slug))
    return lines


# ------------------------------------------------------------------------------------------------------------
# Entry point
# ------------------------------------------------------------------------------------------------------------


def write_synthetic(outdir: Path, members: int, scale: str | float, seed: int,
                    progress: Callable[[str], None] | None = None, *, eras: Iterable[str] | None = None,
                    compresslevel: int = 6, note_acceptance: tuple[float, float] | None = None) -> list[Path]:
    """Write `members` invented LinkedIn exports under `outdir`; return the ZIP paths (one per member, in order).

    For each member, `<outdir>/<slug>/` receives the export ZIP
    (`Complete_LinkedInDataExport_MM-DD-YYYY.zip`), `ssi_scores.csv` (30 weekly scores ending the week of the
    export, in the plain CSV format `linkedin-ssi ssi import` reads) and `counts.json` (records per file:
    exactly what the loader must load, plus bytes, era and export day).

    - `scale`: see `parse_scale` (a factor of the normal member, `"heavy"` or `"heavy:<f>"`).
    - `seed`: everything (members, eras, rows, ZIP bytes) is a function of it; the same seed gives byte-identical
      files.
    - `progress`: called with a short line for each member and each large file written.
    - `eras`: force the layouts, cycled over members (default: a seed-drawn order of all five eras, so any
      five consecutive members cover every era).
    - `note_acceptance`: plant claim 3's truth: half of each member's sent requests carry a note and are accepted
      with probability `note_acceptance[0]`, the others with `note_acceptance[1]` (default: 5% notes, no effect,
      and the files are byte-identical to those written without the argument).
    - `compresslevel`: zlib level 0–9; 6 is zlib's default, what archivers use (1 writes the heavy export ~2× faster
      and inflates just as fast).
    """
    outdir = Path(outdir)
    if members < 1:
        raise ValueError(f"members must be at least 1, not {members}")
    if not 0 <= compresslevel <= 9:
        raise ValueError(f"compresslevel must be 0-9, not {compresslevel}")
    zips = []
    for m in _make_members(members, scale, seed, tuple(eras) if eras else None):
        m.note_acceptance = note_acceptance
        if progress:
            progress(f"member {m.index + 1}/{members}: {m.slug} ({m.era} layout, exported {m.export_day}, "
                     f"{m.counts['messages']:,} messages)")
        _plan_member(m)
        folder = outdir / m.slug
        folder.mkdir(parents=True, exist_ok=True)
        files = _member_files(m)
        zip_path = folder / export_zip_name(m.export_day)
        sizes = write_zip(zip_path, files, m.export_day, compresslevel, _file_progress(m, progress))
        ssi = _ssi_rows(m)
        (folder / "ssi_scores.csv").write_text("\n".join(ssi) + "\n", encoding="utf-8")
        counts = {
            "generator_version": GENERATOR_VERSION, "seed": seed, "scale": str(scale), "member": m.slug,
            "name": m.name, "profile_url": m.url, "era": m.era, "export_day": m.export_day.isoformat(),
            "zip": zip_path.name, "zip_bytes": zip_path.stat().st_size,
            "files": {f.path: f.records for f in files}, "bytes": sizes,
            "total_records": sum(f.records for f in files), "ssi_rows": len(ssi) - 1,
        }
        (folder / "counts.json").write_text(json.dumps(counts, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        zips.append(zip_path)
    return zips
