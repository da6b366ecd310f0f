"""A synthetic member's network: Invitations.csv and Connections.csv, written together because accepted invitations
become connections; over a history of exports, connections also grow month by month and a few are removed."""

from __future__ import annotations

from linkedin_ssi.synthetic.linkedin_format import headers
from linkedin_ssi.synthetic.linkedin_format.layout import ExportFile, Layout, chunked
from linkedin_ssi.synthetic.linkedin_format.quoting import q_min
from linkedin_ssi.synthetic.team_history import Dated
from linkedin_ssi.synthetic.team_member import RECENT_CONNECTIONS_PERCENT, Member, event_times, header_line

# Share of the connections an export holds that are gone from the next one (removed, or the person left): a few.
REMOVED_PER_MONTH = 0.004
_NOTES = (
    "Hi, loved your talk on metric trees, would be great to connect.",
    "Hello! We met at the Porto meetup.",
    "Hi, I'm building a small analytics team and would value your perspective, thanks!",
)


def invitations(m: Member, era: str) -> tuple[Dated, list[tuple[int, int]]]:
    """Invitations.csv (unsorted; each export keeps its window) and the (person, day) connections the accepted
    requests created."""
    rng = m.rng("invitations")
    n = m.counts["invitations"]
    times = event_times(rng, n, m, "network", m.span("invitations"))
    rng.shuffle(times)  # real files are not sorted
    n_out = max(1, min(n - 1, round(n * 0.6)))
    directions = ["OUTGOING"] * n_out + ["INCOMING"] * (n - n_out)
    rng.shuffle(directions)
    p, c = m.people, m.clock
    connections = m.counts["connections"] - round(m.counts["connections"] * 0.003)
    pending = list(range(connections, len(p.first)))
    accepted: list[tuple[int, int]] = []
    rows = []
    owner = q_min(m.name)
    with_urls = era != "2021"
    for k, (t, direction) in enumerate(zip(times, directions)):
        # A planted note effect (claim 3 tests): half the requests carry a note, accepted at the planted rates.
        planted_rates = m.note_acceptance if direction == "OUTGOING" else None
        planted = planted_rates is not None
        has_note = planted and rng.random() < 0.5
        p_accept = (
            planted_rates[0 if has_note else 1]
            if planted_rates is not None
            else (0.42 if direction == "OUTGOING" else 0.6)
        )
        accept_after = rng.randrange(0, 11) if rng.random() < p_accept else None
        on = None if accept_after is None else t // 86400 + accept_after
        if on is not None and on <= m.end // 86400 and len(accepted) < connections:
            person = len(accepted)
            accepted.append((person, on))
        else:
            person = pending[k % len(pending)]
        if planted:
            note = q_min(rng.choice(_NOTES)) if has_note else ""
        else:
            note = q_min(rng.choice(_NOTES)) if rng.random() < 0.05 else ""
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

    def make(kept: list[str]) -> list[ExportFile]:
        return [ExportFile("Invitations.csv", len(kept), chunked(kept, header))]

    return Dated(times, rows, make, windowed=True), accepted


def connections(m: Member, era: str, invitations_accepted: list[tuple[int, int]]) -> Dated:
    """Connections.csv: preamble, newest first, hidden members, no trailing newline; over a history, the connections
    each export holds (`_removed`: a few are gone from each export on)."""
    rng = m.rng("connections")
    n = m.counts["connections"]
    hidden = round(n * 0.003)
    named = n - hidden
    # Accepted invitations are connections made on a known day; the rest spread over 10 years, denser lately (and
    # a history's months add theirs at the last year's rate: `m.growth`, 0 for a single export).
    days = {p: d for p, d in invitations_accepted[:named]}
    others = [i for i in range(named) if i not in days]
    n_recent = min(len(others), max(0, len(others) - m.growth) * RECENT_CONNECTIONS_PERCENT // 100 + m.growth)
    recent = event_times(rng, n_recent, m, "network", m.span("activity"))
    old = event_times(rng, len(others) - len(recent), m, "network", m.span("connections"))
    for i, t in zip(others, recent + old):
        days[i] = t // 86400
    hidden_days = [t // 86400 for t in event_times(rng, hidden, m, "network", m.span("connections"))]
    m.n_connected = named
    for d in days.values():
        m.daily["relationships"][d] += 1
    removed = _removed(m, days) if len(m.cuts) > 1 else {}
    p, c = m.people, m.clock
    with_url = era != "2021"
    rows = []
    for i, d in days.items():
        url = p.url(i) + "," if with_url else ""
        rows.append(
            (
                d,
                removed.get(i, len(m.cuts)),
                f"{q_min(p.first[i])},{q_min(p.last[i])},{url}{p.email[i]},{q_min(p.company[i])},"
                f"{q_min(p.position[i])},{c.conn_day[d]}\n",
            )
        )
    empty = ",,,,,," if with_url else ",,,,,"
    rows += [(d, len(m.cuts), f"{empty}{c.conn_day[d]}\n") for d in hidden_days]
    rows.sort(key=lambda r: -r[0])
    preamble = "".join(line + "\n" for line in headers.CONNECTIONS_PREAMBLE)
    header = preamble + header_line(headers.connections(with_url))

    def make(kept: list[str]) -> list[ExportFile]:
        # spec: no newline after the last row
        return [ExportFile("Connections.csv", len(kept), chunked(kept, header), Layout(final_eol=False))]

    return Dated([d * 86400 for d, _, _ in rows], [r for _, _, r in rows], make, gone=[g for _, g, _ in rows])


def _removed(m: Member, days: dict[int, int]) -> dict[int, int]:
    """Return {person: index of the first export without them}: between two exports, about `REMOVED_PER_MONTH` of
    the connections the earlier one holds are removed (a whole number: the fraction is a chance of one more)."""
    rng = m.rng("removed")
    gone: dict[int, int] = {}
    for k in range(1, len(m.cuts)):
        last_day = m.cuts[k - 1].end // 86400
        present = [p for p, d in days.items() if d <= last_day and p not in gone]
        n = min(max(0, len(present) - 1), int(len(present) * REMOVED_PER_MONTH + rng.random()))
        for p in rng.sample(present, n):
            gone[p] = k
    return gone
