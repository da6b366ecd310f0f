"""The files of a synthetic member's export, one writer each (messages.csv is `team_messages`): each returns
an `ExportFile` whose rows stream as LF text chunks, in the member's era's layout, and counts the events that
drive the member's SSI."""

from __future__ import annotations

import random

from linkedin_ssi.synthetic.linkedin_format import headers, links
from linkedin_ssi.synthetic.linkedin_format.dates import MONTH_ABBR, Clock
from linkedin_ssi.synthetic.linkedin_format.layout import ExportFile, Layout, chunked
from linkedin_ssi.synthetic.linkedin_format.quoting import (
    mangle_commentary,
    q_comments_2025,
    q_comments_legacy,
    q_min,
    q_none,
)
from linkedin_ssi.synthetic.team_member import (
    SPAN_DAYS,
    Member,
    activity_id_at,
    activity_layout,
    event_times,
    header_line,
    is_legacy,
)
from linkedin_ssi.synthetic.team_messages import messages_file
from linkedin_ssi.synthetic.team_vocabulary import (
    COMPANIES,
    POLL_OPTIONS,
    POSITIONS,
    REACTION_WEIGHTS,
    SHARED_URLS,
    SKILLS,
    pools,
)


def _connections(m: Member, invitations_accepted: list[tuple[int, int]]) -> ExportFile:
    """Connections.csv: preamble, newest first, hidden members, no trailing newline."""
    rng = m.rng("connections")
    n = m.counts["connections"]
    hidden = round(n * 0.003)
    named = n - hidden
    # Accepted invitations are connections made on a known day; the rest spread over 10 years, denser lately.
    days = {p: d for p, d in invitations_accepted[:named]}
    others = [i for i in range(named) if i not in days]
    recent = event_times(rng, len(others) * 35 // 100, m, "network", SPAN_DAYS["activity"])
    old = event_times(rng, len(others) - len(recent), m, "network", SPAN_DAYS["connections"])
    for i, t in zip(others, recent + old):
        days[i] = t // 86400
    hidden_days = [t // 86400 for t in event_times(rng, hidden, m, "network", SPAN_DAYS["connections"])]
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
    header = preamble + header_line(headers.connections(with_url))
    # spec: no newline after the last row
    return ExportFile("Connections.csv", len(text), chunked(text, header), Layout(final_eol=False))


def _invitations(m: Member) -> tuple[ExportFile, list[tuple[int, int]]]:
    """Invitations.csv (last ~8 months, unsorted) and the (person, day) connections the accepted ones created."""
    rng = m.rng("invitations")
    n = m.counts["invitations"]
    times = event_times(rng, n, m, "network", SPAN_DAYS["invitations"])
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
    header = header_line(headers.invitations(with_urls))
    return ExportFile("Invitations.csv", len(rows), chunked(rows, header)), accepted


def _post_url(rng: random.Random, c: Clock, t: int, kinds=("activity", "ugcPost"), weights=(4, 1)) -> str:
    kind = rng.choices(kinds, weights=weights)[0]
    target = activity_id_at(c, max(0, t - rng.randrange(3600, 259200)), rng.getrandbits(32))
    if kind == "groupPost":
        return links.feed_update_url(kind, f"{rng.randrange(1000000, 9999999)}-{target}")
    return links.feed_update_url(kind, target)


def _reactions(m: Member) -> ExportFile:
    """Reactions.csv: `Date,Type,Link`, newest first; some reactions are to comments (`?commentUrn=`)."""
    rng = m.rng("reactions")
    times = event_times(rng, m.counts["reactions"], m, "engage", SPAN_DAYS["activity"])
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
    return ExportFile("Reactions.csv", len(rows), chunked(rows, header_line(headers.REACTIONS)), activity_layout(m))


def _comments(m: Member) -> list[ExportFile]:
    """Comments.csv (or two numbered chunks in 2026) with the era's broken quoting (spec §2.5)."""
    rng = m.rng("comments")
    times = event_times(rng, m.counts["comments"], m, "engage", SPAN_DAYS["activity"])
    quote_ = q_comments_legacy if is_legacy(m) else q_comments_2025
    texts = [quote_(t) for t in pools().comments]
    c = m.clock
    rows = []
    for t in times:
        m.count_day("insights", t)
        rows.append(f"{c.iso(t)},{_post_url(rng, c, t)},{rng.choice(texts)}\n")
    header = header_line(headers.COMMENTS)
    if m.era != "2026":
        return [ExportFile("Comments.csv", len(rows), chunked(rows, header), activity_layout(m))]
    cut = len(rows) * 6 // 10
    return [ExportFile(f"Comments_{m.chunk_id}.csv", cut, chunked(rows[:cut], header)),
            ExportFile(f"Comments_{m.chunk_id + 1}.csv", len(rows) - cut, chunked(rows[cut:], header))]


def _shares(m: Member) -> ExportFile:
    """Shares.csv: posts and reshares, commentary line breaks mangled as `"`-newline-`"` (spec §2.4)."""
    rng = m.rng("shares")
    times = event_times(rng, m.counts["shares"], m, "post", SPAN_DAYS["activity"])
    c = m.clock
    rows = []
    for t in times:
        m.count_day("brand", t)
        link = links.feed_update_url(rng.choice(("share", "ugcPost")), activity_id_at(c, t, rng.getrandbits(32)))
        reshare = rng.random() < 0.3
        text = "" if reshare else rng.choice(pools().posts)
        r = rng.random()
        shared = rng.choice(SHARED_URLS) if r < (0.5 if reshare else 0.25) else ""
        media = "" if reshare or not (0.25 <= r < 0.45) else links.media_url(
            f"D4D22AQ{rng.getrandbits(52):013x}", "feedshare-shrink_800", c.epoch_ms_at(t),
            (c.epoch_ms // 1000) + t + 5184000, f"inv{rng.getrandbits(40):010x}")
        rows.append(f"{c.iso(t)},{link},{q_min(mangle_commentary(text))},{shared},{q_min(media)},MEMBER_NETWORK\n")
    url_case = "URL" if m.era in ("2021", "2023") else "Url"
    header = header_line(headers.shares(url_case))
    name = f"Shares_{m.chunk_id}.csv" if m.era == "2026" else "Shares.csv"
    return ExportFile(name, len(rows), chunked(rows, header), activity_layout(m))


def _search_queries(m: Member) -> ExportFile:
    """SearchQueries.csv: `YYYY/MM/DD HH:MM:SS UTC`; quoted when needed before 2025, never quoted from 2025."""
    rng = m.rng("search_queries")
    times = event_times(rng, m.counts["search_queries"], m, "search", SPAN_DAYS["activity"])
    quote_ = q_min if m.era in ("2021", "2023", "2024-12") else q_none
    queries = [quote_(q) for q in pools().queries]
    c = m.clock
    rows = []
    for t in times:
        m.count_day("people", t)
        rows.append(f"{c.slash_utc(t)},{rng.choice(queries)}\n")
    return ExportFile("SearchQueries.csv", len(rows), chunked(rows, header_line(headers.SEARCH_QUERIES)))


def _votes(m: Member) -> ExportFile:
    """Votes.csv: links NOT percent-encoded (spec §2.7)."""
    rng = m.rng("votes")
    times = event_times(rng, m.counts["votes"], m, "engage", SPAN_DAYS["activity"])
    c = m.clock
    rows = []
    for t in times:
        m.count_day("insights", t)
        link = links.feed_update_url("ugcPost", activity_id_at(c, t, rng.getrandbits(32)), encoded=False)
        rows.append(f"{c.iso(t)},{link},{q_min(rng.choice(POLL_OPTIONS))}\n")
    return ExportFile("Votes.csv", len(rows), chunked(rows, header_line(headers.VOTES)), activity_layout(m))


def _follows(m: Member) -> list[ExportFile]:
    """Member_Follows (numbered in 2026) and Company Follows (Java dates, no trailing newline)."""
    rng = m.rng("follows")
    p, c = m.people, m.clock
    rows = []
    for t in event_times(rng, m.counts["member_follows"], m, "search", SPAN_DAYS["activity"]):
        status = "Unfollow" if rng.random() < 0.1 else "Active"
        if status == "Active":
            m.count_day("people", t)
        rows.append(f"{c.iso(t)},{status},{q_min(p.name(rng.randrange(len(p.first))))}\n")
    name = f"Member_Follows_{m.chunk_id}.csv" if m.era == "2026" else "Member_Follows.csv"
    member_follows = ExportFile(name, len(rows), chunked(rows, header_line(headers.MEMBER_FOLLOWS)), activity_layout(m))
    rows = []
    for t in event_times(rng, m.counts["company_follows"], m, "search", SPAN_DAYS["connections"]):
        if t >= m.end - SPAN_DAYS["activity"] * 86400:
            m.count_day("people", t)
        rows.append(f"{q_min(rng.choice(COMPANIES))},{c.java(t)}\n")
    # Company Follows.csv has no newline after its last row.
    company_follows = ExportFile("Company Follows.csv", len(rows), chunked(rows, header_line(headers.COMPANY_FOLLOWS)),
                                 Layout(final_eol=False))
    return [member_follows, company_follows]


def _endorsements(m: Member) -> ExportFile:
    """Endorsement_Received_Info.csv: scheme-less `Endorser Public Url` from 2023 (spec §2.14)."""
    rng = m.rng("endorsements")
    p, c = m.people, m.clock
    with_url = m.era != "2021"
    rows = []
    for t in event_times(rng, m.counts["endorsements"], m, "post", SPAN_DAYS["messages"]):
        i = rng.randrange(max(1, m.n_connected))
        url = links.profile_url(p.slug[i], scheme=False) + "," if with_url else ""
        rows.append(f"{c.slash_utc(t)},{q_min(rng.choice(SKILLS))},{q_min(p.first[i])},{q_min(p.last[i])},"
                    f"{url}ACCEPTED\n")
    header = header_line(headers.endorsements_received(with_url))
    return ExportFile("Endorsement_Received_Info.csv", len(rows), chunked(rows, header))


def _rich_media(m: Member) -> ExportFile:
    """Rich_Media.csv sentences (2024-12+) or the older `Rich Media.csv` pointer rows."""
    if m.era in ("2021", "2023"):
        rows = ["Video content can be downloaded at,https://www.linkedin.com/psettings/member-data\n",
                "Documents can be downloaded at,https://www.linkedin.com/psettings/member-data\n"]
        return ExportFile("Rich Media.csv", len(rows), chunked(rows, header_line(headers.RICH_MEDIA_POINTERS)))
    rng = m.rng("rich_media")
    c = m.clock
    rows = []
    for t in event_times(rng, m.counts["rich_media"], m, "post", SPAN_DAYS["activity"]):
        m.count_day("brand", t)
        kind = rng.choice(("feed photo", "feed photo", "video", "document", "feed document", "photo"))
        desc = q_min(rng.choice(pools().posts)) if rng.random() < 0.3 else " -"
        link = links.media_url(f"D4D10AQ{rng.getrandbits(52):013x}", "image-shrink_1280", c.epoch_ms_at(t), 1, "inv")
        rows.append(f"{q_min(c.rich_media(kind, t))},{desc},{link}\n")  # the sentence has a comma: quoted
    return ExportFile("Rich_Media.csv", len(rows), chunked(rows, header_line(headers.RICH_MEDIA)))


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
        ExportFile("Profile.csv", 1, [header_line(headers.PROFILE), profile]),
        ExportFile("Positions.csv", 2, [header_line(headers.POSITIONS), positions]),
        ExportFile("Education.csv", 1, [header_line(headers.EDUCATION),
                                     f"Fernhollow University,{year - 14},{year - 10},,BSc Statistics,\n"]),
        ExportFile("Skills.csv", len(SKILLS), [header_line(headers.SKILLS), "".join(q_min(s) + "\n" for s in SKILLS)]),
    ]
    if m.era in ("2024-12", "2025", "2026"):
        # `Profile Summary\n\n`: the header, then a blank line.
        files.append(ExportFile("Profile Summary.csv", 0, [header_line(headers.PROFILE_SUMMARY)],
                                Layout(extra_blank_line=True)))
        files.append(ExportFile("guide_messages.csv", 0, [header_line(headers.MESSAGES["2025"])]))
    if m.era in ("2025", "2026"):
        files.append(ExportFile("LearningCoachMessages.csv", 0, [headers.NO_CONVERSATIONS]))
    return files


def member_files(m: Member) -> list[ExportFile]:
    """Return every CSV of the member's export, in archive order (invitations first: they create connections)."""
    invitations, accepted = _invitations(m)
    files = [_connections(m, accepted), invitations]
    files += _profile_files(m)
    files += [messages_file(m), _reactions(m)] + _comments(m) + [_shares(m), _search_queries(m), _votes(m)]
    files += _follows(m) + [_endorsements(m), _rich_media(m)]
    return files
