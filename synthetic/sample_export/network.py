"""The network files: Connections.csv (the `Notes:` preamble, hidden members, no final newline) and
Invitations.csv (unsorted, raw non-ASCII slugs)."""

from __future__ import annotations

from datetime import date

from linkedin_ssi.synthetic.linkedin_format import dates, headers
from linkedin_ssi.synthetic.linkedin_format.layout import Layout
from linkedin_ssi.synthetic.sample_export.people import Person
from linkedin_ssi.synthetic.sample_export.state import OWNER_NAME, OWNER_URL, Sample, line_ref
from linkedin_ssi.synthetic.sample_export.world import World


def write_connections(s: Sample, wd: World) -> None:
    """Write Connections.csv: newest first, the special people's quirks, hidden members, no final newline."""
    name = "Connections.csv"
    f = s.new_file(name, Layout(final_eol=False))
    for line in headers.CONNECTIONS_PREAMBLE:
        f.raw(line)
    hl = f.header(headers.connections(with_url=True))
    s.quirk(
        name,
        "lines 1-3",
        "3-line `Notes:` preamble, byte-identical to spec §2.1 (lines 1-2 = 374 bytes, SHA-1 `ac2269af16…`); line 3 "
        "empty",
        "preamble skipped; header found on line 4",
    )
    s.quirk(name, line_ref(hl), "header `First Name,Last Name,URL,Email Address,Company,Position,Connected On`", "")
    rows: list[tuple[date, list[str] | None, Person | None]] = []
    for c in wd.connections:
        rows.append(
            (
                c.connected_day,
                [c.first, c.last, c.url, c.email, c.company, c.position, dates.connected_on(c.connected_day)],
                c,
            )
        )
    for d in wd.hidden_connection_days:
        rows.append((d, None, None))
    rows.sort(key=lambda r: r[0], reverse=True)  # newest first (stable: hidden rows after named ones that day)
    sp = wd.specials
    hidden_lines = []
    for d, fields, p in rows:
        if fields is None:
            hidden_lines.append((f.row(["", "", "", "", "", "", dates.connected_on(d)]), d))
            continue
        n = f.row(fields)
        if p is sp["zoe"]:
            s.quirk(
                name,
                line_ref(n),
                "percent-encoded UTF-8 slug in URL (`zo%C3%AB-…`); the same person is in Invitations.csv with the raw "
                "slug",
                "URL kept raw `https://www.linkedin.com/in/zo%C3%AB-lambert-5e2b19`; identity key after unquote() = "
                "`zoë-lambert-5e2b19`",
            )
        elif p is sp["priya"]:
            s.quirk(
                name,
                line_ref(n),
                "First Name with a trailing space (not quoted); e-mail present",
                "First Name = `'Priya '` (raw), `'Priya'` after strip(); Position `Director, Data Platform` (quoted)",
            )
        elif p is sp["smith"]:
            s.quirk(name, line_ref(n), "credentials after a comma in Last Name, quoted", "Last Name = `Smith, PhD`")
        elif p is sp["emoji"]:
            s.quirk(name, line_ref(n), "emoji in a name", "Last Name = `Whitfield 🌱`")
        elif p is sp["comma_co"]:
            s.quirk(name, line_ref(n), "Company containing a comma (quoted)", "Company = `Brightline Data, Inc.`")
        elif p is sp["quote_co"]:
            s.quirk(name, line_ref(n), "Company containing doubled quotes", 'Company = `The "Quiet Hours" Collective`')
    for n, d in hidden_lines:
        s.quirk(
            name,
            line_ref(n),
            "hidden/closed member: every column empty except Connected On",
            f"kept as a hidden connection on {d.isoformat()}; no person created",
        )
    s.quirk(name, "last line", "no newline after the last row", "last record still parsed")
    s.quirk(
        name,
        "all rows",
        "`Connected On` = `DD Mon YYYY`, zero-padded day; rows newest first; Email Address empty except "
        + str(sum(1 for p in wd.connections if p.email))
        + " rows",
        "`07 Jun 2026` -> 2026-06-07",
    )


def write_invitations(s: Sample, wd: World) -> None:
    """Write Invitations.csv: both directions, unsorted, the owner's URL on every row."""
    name = "Invitations.csv"
    f = s.new_file(name)
    f.header(headers.invitations(with_urls=True))
    invs = list(wd.invitations)
    s.rng.shuffle(invs)  # real files are not sorted
    sp = wd.specials
    first_msg_comma = True
    for inv in invs:
        p: Person = inv["person"]
        if inv["dir"] == "OUTGOING":
            fields = [
                OWNER_NAME,
                p.name.strip(),
                dates.us_short(inv["sent"]),
                inv["message"],
                "OUTGOING",
                OWNER_URL,
                p.raw_url,
            ]
        else:
            fields = [
                p.name.strip(),
                OWNER_NAME,
                dates.us_short(inv["sent"]),
                inv["message"],
                "INCOMING",
                p.raw_url,
                OWNER_URL,
            ]
        n = f.row(fields)
        if p is sp["zoe"]:
            s.quirk(
                name,
                line_ref(n),
                "raw non-ASCII slug in inviteeProfileUrl; accepted OUTGOING invitation (Zoë is in Connections.csv, "
                "connected 1 day later)",
                "inviteeProfileUrl = `https://www.linkedin.com/in/zoë-lambert-5e2b19`; Sent At `6/2/26, 4:41 PM` -> "
                "2026-06-02 16:41",
            )
        elif p is sp["joao"]:
            s.quirk(
                name,
                line_ref(n),
                "raw non-ASCII slug in inviterProfileUrl; pending INCOMING invitation (not in Connections)",
                "inviterProfileUrl = `https://www.linkedin.com/in/joão-galvão-2b8c4d`",
            )
        elif "," in inv["message"] and first_msg_comma:
            first_msg_comma = False
            s.quirk(name, line_ref(n), "Message containing a comma (quoted)", f"Message = `{inv['message']}`")
    out = sum(1 for i in invs if i["dir"] == "OUTGOING")
    acc = sum(1 for i in invs if i["dir"] == "OUTGOING" and i["accept_after"] is not None)
    s.quirk(name, "line 1", "7-column header with camelCase `inviterProfileUrl,inviteeProfileUrl`", "")
    s.quirk(
        name,
        "all rows",
        "`Sent At` = unpadded `M/D/YY, h:mm AM`, always quoted, no timezone; rows unsorted; window 2026-03-20 .. "
        "2026-10-14",
        f"{len(invs)} rows: {out} OUTGOING ({acc} accepted = invitee present in Connections.csv), {len(invs) - out} "
        "INCOMING",
    )
