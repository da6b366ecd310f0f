"""The simulated member's world: who they know and what they did, before any file is written.

The active period 2026-03-01 .. 2026-10-14 is cut into weeks; each week gets four latent effort levels (posting,
engaging, searching, networking). Event counts per week are Poisson draws from those levels, so busy weeks show
up across several files at once and the SSI pillars computed from them carry a real, recoverable signal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from linkedin_ssi.synthetic import effort
from linkedin_ssi.synthetic.linkedin_format import links
from linkedin_ssi.synthetic.sample_export.people import Person
from linkedin_ssi.synthetic.sample_export.state import (
    ACTIVE_END,
    ACTIVE_START,
    INVITE_WINDOW_START,
    N_WEEKS,
    Sample,
    week_start,
)


@dataclass
class World:
    """Everything the member did and everyone they know; the writers turn it into files."""

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
    specials: dict[str, Person] = field(default_factory=dict)  # the people who each exercise a quirk, by role


def build_world(s: Sample) -> World:
    """Return the simulated world, drawn from `s.rng`."""
    # Per-week effort levels, one series per activity family.
    wd = World(intensity=effort.weekly_efforts(s.rng, N_WEEKS, persistence=0.6, noise=0.5))
    intensity = wd.intensity

    # ---- special people (each exercises a quirk) -------------------------------------------------
    zoe = s.make_person("Zoë", "Lambert", slug="zo%C3%AB-lambert-5e2b19", raw_slug="zoë-lambert-5e2b19")
    zoe.company, zoe.position = "Glasshouse Labs", "Data Scientist"
    priya = s.make_person("Priya ", "Raman", slug="priya-raman-91c0d4")  # trailing space in First Name
    priya.company, priya.position = "Kestrel Health", "Director, Data Platform"
    smith = s.make_person("Morgan", "Smith, PhD", slug="morgan-smith-phd-2a7f03")
    smith.company, smith.position = "Fernhollow University", "Research Scientist"
    emoji = s.make_person("Dana", "Whitfield 🌱", slug="dana-whitfield-7c41e9")
    emoji.company, emoji.position = "Greywater Foods", "Sustainability Lead"
    comma_co = s.make_person("Hiroshi", "Oyelaran", slug="hiroshi-oyelaran-0b93aa")
    comma_co.company, comma_co.position = "Brightline Data, Inc.", "Analytics Engineer"
    quote_co = s.make_person("Inês", "Valente", slug="ines-valente-44d2c8")
    quote_co.company, quote_co.position = 'The "Quiet Hours" Collective', "Founder"
    jane = s.make_person("Jane", "Doe, Ph.D.", slug="jane-doe-phd-3c9e1f")
    jane.company, jane.position = "Fernhollow University", "Associate Professor"
    for p, mail in (
        (priya, "priya.raman@example.com"),
        (smith, "morgan.smith@example.org"),
        (comma_co, "hiroshi@example.com"),
    ):
        p.email = mail
    specials = {
        "zoe": zoe,
        "priya": priya,
        "smith": smith,
        "emoji": emoji,
        "comma_co": comma_co,
        "quote_co": quote_co,
        "jane": jane,
    }
    wd.specials = specials

    # ---- invitations (only 2026-03-20 .. 2026-10-14) and the connections they create ------------
    active_conns: list[Person] = []
    for w in range(N_WEEKS):
        if week_start(w) + timedelta(days=7) <= INVITE_WINDOW_START:
            continue
        for _ in range(s.poisson(2.9 * intensity["network"][w])):
            sent = s.rand_dt_in_week(w, lo=INVITE_WINDOW_START)
            wd.invitations.append({"dir": "OUTGOING", "sent": sent, "person": s.make_person()})
        for _ in range(s.poisson(1.3 * (0.5 + 0.5 * intensity["network"][w]))):
            sent = s.rand_dt_in_week(w, lo=INVITE_WINDOW_START)
            wd.invitations.append({"dir": "INCOMING", "sent": sent, "person": s.make_person()})
    # Zoë: an accepted OUTGOING invitation (raw slug here, percent-encoded slug in Connections)
    wd.invitations.append(
        {"dir": "OUTGOING", "sent": datetime(2026, 6, 2, 16, 41), "person": zoe, "accept_after": 1, "message": ""}
    )
    # a pending INCOMING invitation from a raw non-ASCII slug
    joao = s.make_person("João", "Galvão", slug="joão-galvão-2b8c4d")
    joao.company, joao.position = "Tern & Tide Travel", "Growth Lead"
    wd.invitations.append(
        {"dir": "INCOMING", "sent": datetime(2026, 9, 8, 9, 5), "person": joao, "accept_after": None, "message": ""}
    )
    wd.specials["joao"] = joao

    notes = [
        "Hi Avery, loved your talk on metric trees, would be great to connect.",
        "Hello! We met at the Porto data meetup, let's stay in touch.",
        "Hi, I'm building a small analytics team and would value your perspective, thanks!",
    ]
    for inv in wd.invitations:
        p = inv["person"]
        if "accept_after" not in inv:
            if inv["dir"] == "OUTGOING":
                inv["accept_after"] = s.rng.randrange(0, 11) if s.rng.random() < 0.42 else None
            else:
                inv["accept_after"] = s.rng.randrange(0, 5) if s.rng.random() < 0.6 else None
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
        lam = 1.6 * intensity["network"][w] if week_start(w) < INVITE_WINDOW_START else 0.35 * intensity["network"][w]
        for _ in range(s.poisson(lam)):
            p = s.make_person()
            p.connected_on = s.rand_dt_in_week(w).date()
            active_conns.append(p)
    # older network, 2016 .. 2026-02, denser in recent years
    old_conns: list[Person] = []
    year_weights = {
        2016: 6,
        2017: 7,
        2018: 8,
        2019: 8,
        2020: 9,
        2021: 10,
        2022: 10,
        2023: 11,
        2024: 11,
        2025: 12,
        2026: 3,
    }
    for year, n in year_weights.items():
        for _ in range(n):
            p = s.make_person()
            last_day = date(2026, 2, 28) if year == 2026 else date(year, 12, 31)
            first_day = date(year, 1, 1)
            p.connected_on = first_day + timedelta(days=s.rng.randrange((last_day - first_day).days + 1))
            old_conns.append(p)
    # place the quirky people: emoji, comma/quote companies and Smith among old connections
    for key, day in (
        ("smith", date(2019, 11, 4)),
        ("emoji", date(2023, 2, 17)),
        ("comma_co", date(2024, 9, 30)),
        ("quote_co", date(2021, 5, 12)),
        ("jane", date(2022, 10, 3)),
        ("priya", date(2026, 4, 15)),
    ):
        specials[key].connected_on = day
        (active_conns if day >= ACTIVE_START.date() else old_conns).append(specials[key])
    conns = active_conns + old_conns
    # A few more connections share their e-mail
    for p in s.rng.sample([c for c in conns if not c.email], 3):
        p.email = (
            links.ascii_slug(p.first).replace("-", "")
            + "."
            + links.ascii_slug(p.last).replace("-", "")
            + "@example.com"
        )
    conns.sort(key=lambda p: p.connected_day, reverse=True)
    wd.connections = conns
    wd.hidden_connection_days = [date(2026, 6, 7), date(2024, 2, 12), date(2019, 11, 30)]

    # ---- posting ------------------------------------------------------------------------------------
    for w in range(N_WEEKS):
        for _ in range(s.poisson(1.25 * intensity["post"][w])):
            wd.shares.append({"dt": s.rand_dt_in_week(w)})
        for _ in range(s.poisson(0.2 * intensity["post"][w])):
            wd.rich_media.append({"dt": s.rand_dt_in_week(w)})
    # ---- engaging -----------------------------------------------------------------------------------
    for w in range(N_WEEKS):
        for _ in range(s.poisson(4.9 * intensity["engage"][w])):
            wd.comments.append({"dt": s.rand_dt_in_week(w)})
        for _ in range(s.poisson(17.5 * intensity["engage"][w])):
            wd.reactions.append({"dt": s.rand_dt_in_week(w)})
        for _ in range(s.poisson(0.95 * intensity["engage"][w])):
            wd.votes.append({"dt": s.rand_dt_in_week(w)})
    # ---- searching / following -------------------------------------------------------------------
    for w in range(N_WEEKS):
        for _ in range(s.poisson(8.4 * intensity["search"][w])):
            wd.searches.append({"dt": s.rand_dt_in_week(w)})
        for _ in range(s.poisson(0.3 * intensity["search"][w])):
            wd.company_follows.append({"dt": s.rand_dt_in_week(w)})
        for _ in range(s.poisson(1.1 * intensity["search"][w])):
            wd.member_follows.append({"dt": s.rand_dt_in_week(w)})
    return wd
