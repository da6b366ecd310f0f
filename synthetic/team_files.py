"""The files of a synthetic member's exports, one writer each (Connections and Invitations are `team_network`,
messages.csv `team_messages`): each draws the member's whole history once and writes it in one era's layout, as a
`Dated` family every export takes its rows from (or `Fixed` files every export holds), counting the events that
drive the member's SSI. `member_exports` gives each export's files."""

from __future__ import annotations

import functools
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from linkedin_ssi.synthetic import team_network as network
from linkedin_ssi.synthetic.linkedin_format import headers, links
from linkedin_ssi.synthetic.linkedin_format.dates import MONTH_ABBR, Clock
from linkedin_ssi.synthetic.linkedin_format.layout import PLAIN, ExportFile, Layout, chunked
from linkedin_ssi.synthetic.linkedin_format.quoting import (
    mangle_commentary,
    q_comments_2025,
    q_comments_legacy,
    q_min,
    q_none,
)
from linkedin_ssi.synthetic.team_history import Cut, Dated, Fixed, is_complete_only
from linkedin_ssi.synthetic.team_member import (
    SPAN_DAYS,
    Member,
    activity_id_at,
    activity_layout,
    event_times,
    header_line,
    is_legacy,
)
from linkedin_ssi.synthetic.team_messages import MessageHistory, message_history, messages_file
from linkedin_ssi.synthetic.team_vocabulary import (
    COMPANIES,
    POLL_OPTIONS,
    POSITIONS,
    REACTION_WEIGHTS,
    SHARED_URLS,
    SKILLS,
    pools,
)


def _post_url(rng: random.Random, c: Clock, t: int, kinds=("activity", "ugcPost"), weights=(4, 1)) -> str:
    kind = rng.choices(kinds, weights=weights)[0]
    target = activity_id_at(c, max(0, t - rng.randrange(3600, 259200)), rng.getrandbits(32))
    if kind == "groupPost":
        return links.feed_update_url(kind, f"{rng.randrange(1000000, 9999999)}-{target}")
    return links.feed_update_url(kind, target)


def _reactions(m: Member, era: str) -> Dated:
    """Reactions.csv: `Date,Type,Link`, newest first; some reactions are to comments (`?commentUrn=`)."""
    rng = m.rng("reactions")
    times = event_times(rng, m.counts["reactions"], m, "engage", m.span("activity"))
    types = rng.choices(headers.REACTION_TYPES, weights=REACTION_WEIGHTS, k=len(times))
    c = m.clock
    rows = []
    for t, kind in zip(times, types):
        m.count_day("insights", t)
        link = _post_url(rng, c, t, ("activity", "ugcPost", "groupPost"), (14, 4, 1))
        if rng.random() < 0.03:
            post = link.rsplit("%3A", 1)[-1]
            link = links.comment_reaction_url(post, activity_id_at(c, t, rng.getrandbits(32)))
        rows.append(f"{c.iso(t)},{kind},{link}\n")
    return Dated(times, rows, _one_file("Reactions.csv", header_line(headers.REACTIONS), activity_layout(era)))


def _one_file(path: str, header: str, layout: Layout = PLAIN) -> Callable[[list[str]], list[ExportFile]]:
    """Return a Dated family's writer of one file: `path`, `header`, then the rows an export holds."""

    def make(rows: list[str]) -> list[ExportFile]:
        return [ExportFile(path, len(rows), chunked(rows, header), layout)]

    return make


def _comments(m: Member, era: str) -> Dated:
    """Comments.csv (or two numbered chunks in 2026) with the era's broken quoting (spec §2.5)."""
    rng = m.rng("comments")
    times = event_times(rng, m.counts["comments"], m, "engage", m.span("activity"))
    quote_ = q_comments_legacy if is_legacy(era) else q_comments_2025
    texts = [quote_(t) for t in pools().comments]
    c = m.clock
    rows = []
    for t in times:
        m.count_day("insights", t)
        rows.append(f"{c.iso(t)},{_post_url(rng, c, t)},{rng.choice(texts)}\n")
    header = header_line(headers.COMMENTS)
    if era != "2026":
        return Dated(times, rows, _one_file("Comments.csv", header, activity_layout(era)))

    def make(rows: list[str]) -> list[ExportFile]:
        cut = len(rows) * 6 // 10
        return [
            ExportFile(f"Comments_{m.chunk_id}.csv", cut, chunked(rows[:cut], header)),
            ExportFile(f"Comments_{m.chunk_id + 1}.csv", len(rows) - cut, chunked(rows[cut:], header)),
        ]

    return Dated(times, rows, make)


def _shares(m: Member, era: str) -> Dated:
    """Shares.csv: posts and reshares, commentary line breaks mangled as `"`-newline-`"` (spec §2.4)."""
    rng = m.rng("shares")
    times = event_times(rng, m.counts["shares"], m, "post", m.span("activity"))
    c = m.clock
    rows = []
    for t in times:
        m.count_day("brand", t)
        link = links.feed_update_url(rng.choice(("share", "ugcPost")), activity_id_at(c, t, rng.getrandbits(32)))
        reshare = rng.random() < 0.3
        text = "" if reshare else rng.choice(pools().posts)
        r = rng.random()
        shared = rng.choice(SHARED_URLS) if r < (0.5 if reshare else 0.25) else ""
        media = (
            ""
            if reshare or not (0.25 <= r < 0.45)
            else links.media_url(
                f"D4D22AQ{rng.getrandbits(52):013x}",
                "feedshare-shrink_800",
                c.epoch_ms_at(t),
                (c.epoch_ms // 1000) + t + 5184000,
                f"inv{rng.getrandbits(40):010x}",
            )
        )
        rows.append(f"{c.iso(t)},{link},{q_min(mangle_commentary(text))},{shared},{q_min(media)},MEMBER_NETWORK\n")
    url_case = "URL" if era in ("2021", "2023") else "Url"
    name = f"Shares_{m.chunk_id}.csv" if era == "2026" else "Shares.csv"
    return Dated(times, rows, _one_file(name, header_line(headers.shares(url_case)), activity_layout(era)))


def _search_queries(m: Member, era: str) -> Dated:
    """SearchQueries.csv: `YYYY/MM/DD HH:MM:SS UTC`; quoted when needed before 2025, never quoted from 2025."""
    rng = m.rng("search_queries")
    times = event_times(rng, m.counts["search_queries"], m, "search", m.span("activity"))
    quote_ = q_min if era in ("2021", "2023", "2024-12") else q_none
    queries = [quote_(q) for q in pools().queries]
    c = m.clock
    rows = []
    for t in times:
        m.count_day("people", t)
        rows.append(f"{c.slash_utc(t)},{rng.choice(queries)}\n")
    return Dated(times, rows, _one_file("SearchQueries.csv", header_line(headers.SEARCH_QUERIES)))


def _votes(m: Member, era: str) -> Dated:
    """Votes.csv: links NOT percent-encoded (spec §2.7)."""
    rng = m.rng("votes")
    times = event_times(rng, m.counts["votes"], m, "engage", m.span("activity"))
    c = m.clock
    rows = []
    for t in times:
        m.count_day("insights", t)
        link = links.feed_update_url("ugcPost", activity_id_at(c, t, rng.getrandbits(32)), encoded=False)
        rows.append(f"{c.iso(t)},{link},{q_min(rng.choice(POLL_OPTIONS))}\n")
    return Dated(times, rows, _one_file("Votes.csv", header_line(headers.VOTES), activity_layout(era)))


def _follows(m: Member, era: str) -> list[Dated]:
    """Member_Follows (numbered in 2026) and Company Follows (Java dates, no trailing newline)."""
    rng = m.rng("follows")
    p, c = m.people, m.clock
    times = event_times(rng, m.counts["member_follows"], m, "search", m.span("activity"))
    rows = []
    for t in times:
        status = "Unfollow" if rng.random() < 0.1 else "Active"
        if status == "Active":
            m.count_day("people", t)
        rows.append(f"{c.iso(t)},{status},{q_min(p.name(rng.randrange(len(p.first))))}\n")
    name = f"Member_Follows_{m.chunk_id}.csv" if era == "2026" else "Member_Follows.csv"
    member_follows = Dated(times, rows, _one_file(name, header_line(headers.MEMBER_FOLLOWS), activity_layout(era)))
    times = event_times(rng, m.counts["company_follows"], m, "search", m.span("connections"))
    rows = []
    for t in times:
        if t >= m.end - SPAN_DAYS["activity"] * 86400:
            m.count_day("people", t)
        rows.append(f"{q_min(rng.choice(COMPANIES))},{c.java(t)}\n")
    # Company Follows.csv has no newline after its last row.
    company_follows = Dated(
        times, rows, _one_file("Company Follows.csv", header_line(headers.COMPANY_FOLLOWS), Layout(final_eol=False))
    )
    return [member_follows, company_follows]


def _endorsements(m: Member, era: str) -> Dated:
    """Endorsement_Received_Info.csv: scheme-less `Endorser Public Url` from 2023 (spec §2.14)."""
    rng = m.rng("endorsements")
    p, c = m.people, m.clock
    with_url = era != "2021"
    times = event_times(rng, m.counts["endorsements"], m, "post", m.span("messages"))
    rows = []
    for t in times:
        i = rng.randrange(max(1, m.n_connected))
        url = links.profile_url(p.slug[i], scheme=False) + "," if with_url else ""
        rows.append(
            f"{c.slash_utc(t)},{q_min(rng.choice(SKILLS))},{q_min(p.first[i])},{q_min(p.last[i])},{url}ACCEPTED\n"
        )
    header = header_line(headers.endorsements_received(with_url))
    return Dated(times, rows, _one_file("Endorsement_Received_Info.csv", header))


def _rich_media(m: Member, era: str) -> Dated | Fixed:
    """Rich_Media.csv sentences (2024-12+) or the older `Rich Media.csv` pointer rows. The uploads are drawn in
    the member's era: an older layout of the same member writes the pointer file instead."""
    if era in ("2021", "2023"):
        rows = [
            "Video content can be downloaded at,https://www.linkedin.com/psettings/member-data\n",
            "Documents can be downloaded at,https://www.linkedin.com/psettings/member-data\n",
        ]
        return Fixed(lambda: _one_file("Rich Media.csv", header_line(headers.RICH_MEDIA_POINTERS))(rows))
    rng = m.rng("rich_media")
    c = m.clock
    times = event_times(rng, m.counts["rich_media"], m, "post", m.span("activity"))
    rows = []
    for t in times:
        m.count_day("brand", t)
        kind = rng.choice(("feed photo", "feed photo", "video", "document", "feed document", "photo"))
        desc = q_min(rng.choice(pools().posts)) if rng.random() < 0.3 else " -"
        link = links.media_url(f"D4D10AQ{rng.getrandbits(52):013x}", "image-shrink_1280", c.epoch_ms_at(t), 1, "inv")
        rows.append(f"{q_min(c.rich_media(kind, t))},{desc},{link}\n")  # the sentence has a comma: quoted
    return Dated(times, rows, _one_file("Rich_Media.csv", header_line(headers.RICH_MEDIA)))


def _profile_files(m: Member, era: str) -> Fixed:
    """Profile.csv (the owner's name; their URL is inferred from Invitations / messages), and small profile files.

    No contact files (Email Addresses, PhoneNumbers...): the loader withholds them by default, and counts.json
    must list only what it loads.
    """
    rng = m.rng("profile")
    company, year = rng.choice(COMPANIES), m.export_day.year
    website = q_min(f"[PERSONAL:https://{m.slug}.example.com]")
    profile = (
        f"{q_min(m.first)},{q_min(m.last)},,,{rng.choice(MONTH_ABBR)} {rng.randrange(1, 29)},"
        f"{q_min(rng.choice(POSITIONS) + ' at ' + company)},"
        f"{q_min('I help teams ship fewer, better dashboards.  Based in Lisbon.')},Software Development,"
        f"1000-001,{q_min('Lisbon, Lisbon, Portugal')},,{website},\n"
    )
    positions = (
        f"{q_min(company)},{q_min(rng.choice(POSITIONS))},• Own the metrics layer • Mentor analysts,"
        f"{q_min('Lisbon, Portugal')},Feb {year - 2},\n"
        f"{q_min(rng.choice(COMPANIES))},{q_min(rng.choice(POSITIONS))},,,{year - 8},Jan {year - 2}\n"
    )
    education = f"Fernhollow University,{year - 14},{year - 10},,BSc Statistics,\n"

    def make() -> list[ExportFile]:
        files = [
            ExportFile("Profile.csv", 1, [header_line(headers.PROFILE), profile]),
            ExportFile("Positions.csv", 2, [header_line(headers.POSITIONS), positions]),
            ExportFile("Education.csv", 1, [header_line(headers.EDUCATION), education]),
            ExportFile(
                "Skills.csv", len(SKILLS), [header_line(headers.SKILLS), "".join(q_min(s) + "\n" for s in SKILLS)]
            ),
        ]
        if era in ("2024-12", "2025", "2026"):
            # `Profile Summary\n\n`: the header, then a blank line.
            files.append(
                ExportFile(
                    "Profile Summary.csv", 0, [header_line(headers.PROFILE_SUMMARY)], Layout(extra_blank_line=True)
                )
            )
            files.append(ExportFile("guide_messages.csv", 0, [header_line(headers.MESSAGES["2025"])]))
        if era in ("2025", "2026"):
            files.append(ExportFile("LearningCoachMessages.csv", 0, [headers.NO_CONVERSATIONS]))
        return files

    return Fixed(make)


# ------------------------------------------------------------------------------------------------------------
# Each export's files
# ------------------------------------------------------------------------------------------------------------


class _Streamed:
    """The messages.csv of a single export, streamed as it is written."""

    def __init__(self, m: Member):
        self.m = m

    def files(self, cut: Cut) -> list[ExportFile]:
        """Return the export's messages.csv (its rows are drawn as the archive writes them)."""
        return [messages_file(self.m)]


Family = Dated | Fixed | MessageHistory | _Streamed


def _families(m: Member, era: str, messages: _Streamed | None) -> list[Family]:
    """Return the member's file families written in `era`, in archive order (invitations are drawn first: they
    create connections; messages after connections: they pick people among them)."""
    invitations, accepted = network.invitations(m, era)
    families: list[Family] = [network.connections(m, era, accepted), invitations, _profile_files(m, era)]
    families += [messages if messages is not None else message_history(m, era)]
    families += [_reactions(m, era), _comments(m, era), _shares(m, era), _search_queries(m, era), _votes(m, era)]
    families += _follows(m, era) + [_endorsements(m, era), _rich_media(m, era)]
    return families


@dataclass
class Export:
    """One export of a member: its `Cut`, its files in archive order, and the connections added and removed since
    the member's previous export (None for the first)."""

    cut: Cut
    files: list[ExportFile]
    connections_added: int | None = None
    connections_removed: int | None = None


def member_exports(m: Member, stream: bool = True) -> Iterator[Export]:
    """Yield each export of the member (`m.cuts`, oldest first) with its files, in archive order.

    A single export streams its messages.csv (a million rows are never held; `stream=False` takes the history's
    way instead, which a test holds to the same bytes). A history draws the member once per layout its exports
    use (the member's own era first: that draw counts the SSI drivers; the others draw the same events again and
    count nothing), and every export takes its rows from its layout's draw. A Basic export leaves out the files
    only Complete archives have.
    """
    if len(m.cuts) == 1 and stream:
        cut = m.cuts[0]
        yield Export(cut, [f for family in _families(m, m.era, _Streamed(m)) for f in family.files(cut)])
        return
    by_era = {m.era: _families(m, m.era, None)}
    for era in dict.fromkeys(cut.era for cut in m.cuts):
        if era not in by_era:
            by_era[era] = _uncounted(m, functools.partial(_families, m, era, None))
    connections = by_era[m.era][0]  # every layout holds the same connections: count the changes on one
    assert isinstance(connections, Dated), "_families puts the connections (a Dated family) first"
    for before, cut in zip([None, *m.cuts], m.cuts):
        files = [f for family in by_era[cut.era] for f in family.files(cut)]
        files = [f for f in files if cut.kind == "Complete" or not is_complete_only(f.path)]
        added, removed = connections.changes(before, cut) if before else (None, None)
        yield Export(cut, files, added, removed)


def _uncounted(m: Member, draw: Callable[[], list[Family]]) -> list[Family]:
    """Return `draw()` with the SSI drivers it counts thrown away (the same events drawn again for another layout)."""
    counted = m.daily
    m.daily = {k: [0] * len(v) for k, v in counted.items()}
    try:
        return draw()
    finally:
        m.daily = counted
