"""What the member did with others' posts and people: Comments (two numbered chunks, one per quoting era),
Reactions, Votes, SearchQueries (unquoted), and the follows (Company, Member, Hashtag) and saved items."""

from __future__ import annotations

from datetime import datetime, timedelta

from linkedin_ssi.synthetic.linkedin_format import dates, headers, links
from linkedin_ssi.synthetic.linkedin_format.headers import REACTION_TYPES
from linkedin_ssi.synthetic.linkedin_format.layout import Layout
from linkedin_ssi.synthetic.linkedin_format.quoting import q_comments_2025, q_comments_legacy, q_none
from linkedin_ssi.synthetic.sample_export.people import COMPANIES
from linkedin_ssi.synthetic.sample_export.state import ACTIVE_END, ACTIVE_START, Sample, line_ref
from linkedin_ssi.synthetic.sample_export.world import World

COMMENT_TEXTS = [
    "Great write-up!",
    "Congrats on the launch!",
    "This is so true",
    "Thanks for sharing",
    "Well said",
    "Couldn't agree more",
    "Bookmarking this",
    "Love this framing",
    "Great point about ownership",
    "Totally agree with the part about tests",
    "Welcome to the team!",
    "Happy birthday!",
    "Looking forward to the next one",
    "Such a useful checklist",
    "Congratulations, well deserved",
    "Interesting take",
    "We saw the same thing at our company",
    "Would love to read the follow-up",
    "Nice work team",
    "Brilliant talk yesterday",
    "Great question, we use a metrics layer for exactly that",
    "Thanks, this saved me an afternoon",
    "See you at the meetup",
    "Clear and practical",
    "Fantastic news",
]


def comment_link(s: Sample, dt: datetime) -> str:
    """Return the link of the post a comment at `dt` answers (posted 1-72 hours before)."""
    kind = s.rng.choices(["activity", "ugcPost"], weights=[4, 1])[0]
    return links.feed_update_url(kind, s.activity_id(dt - timedelta(hours=s.rng.randrange(1, 72))))


def write_comments(s: Sample, wd: World) -> None:
    """Write Comments as two numbered chunks: the first in the 2025 dialect, the second in the 2021-2024 one."""
    comments = sorted(wd.comments, key=lambda c: c["dt"], reverse=True)
    cut = int(len(comments) * 0.6)
    # chunk 1: 2025+ style (LF, \" escaping, newline fields quoted)
    n1 = "Comments_34875879.csv"
    f = s.new_file(n1)
    f.header(headers.COMMENTS)
    special1 = {
        2: ("bs_inside", 'Love the \\"boring tech\\" framing, very true', 'Love the "boring tech" framing, very true'),
        7: ("bs_end", None, 'As my old manager used to say, "measure twice"'),
        11: ("nl_quoted", None, "Great write-up!\nSaving this one."),
        16: ("comma", None, "Agreed, tests first and docs second"),
        23: ("bs_nocomma", None, 'The "metrics tree" idea is gold'),
    }
    for i, c in enumerate(comments[:cut]):
        msg = special1[i][2] if i in special1 else s.rng.choice(COMMENT_TEXTS)
        n = f.row([dates.iso(c["dt"]), comment_link(s, c["dt"]), msg], quote=q_comments_2025)
        if i in special1:
            kind = special1[i][0]
            raw = q_comments_2025(msg)
            what = {
                "bs_inside": 'backslash-escaped quotes `\\"` inside a quoted field',
                "bs_end": 'message ending in a quote: field ends with `\\""`',
                "nl_quoted": "line break inside a quoted Message (2025 quotes newline fields)",
                "comma": "comma in Message (quoted)",
                "bs_nocomma": 'quotes but no comma: still quoted, `\\"` escaped',
            }[kind]
            s.quirk(n1, line_ref(n, msg.count("\n") + 1), what, f"raw field `{raw}` -> Message = `{msg!r}`")
    s.quirk(
        n1,
        "file",
        'numbered chunk (no plain Comments.csv); 2025 style: LF, `\\"` escaping',
        "concatenate with Comments_34875880.csv",
    )

    # chunk 2: 2021-2024 style (CRLF, newline-only fields NOT quoted, "" doubling)
    n2 = "Comments_34875880.csv"
    f = s.new_file(n2, Layout(eol="\r\n"))
    f.header(headers.COMMENTS)
    special2 = {
        3: ("raw_multiline", "Congrats on the launch\nWell deserved\nSee you in Porto"),
        9: ("dq", 'She called it "the metrics tree" and it stuck'),
        15: ("comma_nl", "Thanks, Lena!\nThis helps a lot"),
        21: ("raw_multiline2", "Happy to help\nPing me anytime"),
    }
    for i, c in enumerate(comments[cut:]):
        msg = special2[i][1] if i in special2 else s.rng.choice(COMMENT_TEXTS)
        n = f.row([dates.iso(c["dt"]), comment_link(s, c["dt"]), msg], quote=q_comments_legacy)
        if i in special2:
            kind = special2[i][0]
            span = msg.count("\n") + 1
            if kind.startswith("raw_multiline"):
                s.quirk(
                    n2,
                    line_ref(n, span),
                    f"UNQUOTED multi-line record (line breaks, no comma/quote) spread over {span} physical CRLF lines",
                    f"one record; Message = `{msg!r}` (line breaks normalised to `\\n`)",
                )
            elif kind == "dq":
                s.quirk(n2, line_ref(n), 'normal `""` doubling (2021-2024)', f"Message = `{msg}`")
            else:
                s.quirk(
                    n2,
                    line_ref(n, span),
                    "comma + line break: quoted, CRLF inside the field",
                    f"Message = `{msg!r}` (CRLF normalised to `\\n`)",
                )
    s.quirk(n2, "file", "numbered chunk, CRLF line endings (2021-2024 activity style)", "")


def write_reactions(s: Sample, wd: World) -> None:
    """Write Reactions.csv: every type at least once, one reaction to a comment."""
    name = "Reactions.csv"
    f = s.new_file(name)
    f.header(headers.REACTIONS)
    reacts = sorted(wd.reactions, key=lambda r: r["dt"], reverse=True)
    types = s.rng.choices(REACTION_TYPES, weights=[62, 11, 8, 6, 9, 3, 1], k=len(reacts))
    for t in REACTION_TYPES:  # make sure every type appears at least once
        if t not in types:
            types[s.rng.randrange(len(types))] = t
    comment_row = len(reacts) // 3
    seen: set[str] = set()
    for i, (r, t) in enumerate(zip(reacts, types)):
        kind = s.rng.choices(["activity", "ugcPost", "groupPost"], weights=[14, 4, 1])[0]
        post_id = s.activity_id(r["dt"] - timedelta(hours=s.rng.randrange(1, 48)))
        target = f"{s.rng.randrange(1000000, 9999999)}-{post_id}" if kind == "groupPost" else str(post_id)
        link = links.feed_update_url(kind, target)
        if i == comment_row:
            link = links.comment_reaction_url(post_id, s.activity_id(r["dt"]))
        n = f.row([dates.iso(r["dt"]), t, link])
        if i == comment_row:
            s.quirk(name, line_ref(n), "reaction to a comment: Link carries `?commentUrn=urn%3Ali%3Acomment%3A(…)`", "")
        if t == "MAYBE" and t not in seen:
            seen.add(t)
            s.quirk(
                name, line_ref(n), "Type `MAYBE` (retired 'Curious' reaction); first of several", "Type kept as `MAYBE`"
            )
    census = ", ".join(f"{t} {types.count(t)}" for t in REACTION_TYPES)
    s.quirk(
        name,
        "all rows",
        "all 7 Type values appear; links activity/ugcPost/groupPost (percent-encoded URNs)",
        f"Type counts: {census}",
    )


POLL_OPTIONS = [
    "Yes",
    "No",
    "It depends",
    "dbt",
    "SQLMesh",
    "Plain SQL",
    "Weekly",
    "Monthly",
    "Remote",
    "Hybrid",
    "Office",
    "Python",
    "SQL",
    "Spreadsheets, honestly",
    "Build it ourselves",
]


def write_votes(s: Sample, wd: World) -> None:
    """Write Votes.csv: CRLF, links not percent-encoded."""
    name = "Votes.csv"
    f = s.new_file(name, Layout(eol="\r\n"))
    f.header(headers.VOTES)
    first_comma = first_group = True
    for v in sorted(wd.votes, key=lambda v: v["dt"], reverse=True):
        if s.rng.random() < 0.25:
            group_post = f"{s.rng.randrange(1000000, 9999999)}-{s.activity_id(v['dt'])}"
            link = links.feed_update_url("groupPost", group_post, encoded=False)
        else:
            link = links.feed_update_url("ugcPost", s.activity_id(v["dt"]), encoded=False)
        opt = s.rng.choice(POLL_OPTIONS)
        n = f.row([dates.iso(v["dt"]), link, opt])
        if "," in opt and first_comma:
            first_comma = False
            s.quirk(name, line_ref(n), "OptionText with a comma (quoted)", f"OptionText = `{opt}`")
        if "groupPost" in link and first_group:
            first_group = False
            s.quirk(name, line_ref(n), "Link NOT percent-encoded (`urn:li:groupPost:<g>-<id>`)", "")
    s.quirk(name, "file", "CRLF line endings; links `urn:li:ugcPost:` not percent-encoded", "")


SEARCH_TERMS = [
    "analytics engineer",
    "dbt",
    "duckdb",
    "data contracts",
    "head of data",
    "metrics layer",
    "data platform lisbon",
    "staff data engineer",
    "semantic layer",
    "data mesh",
    "prefect",
    "polars",
    "warehouse cost",
    "data quality",
    "analytics engineering jobs",
    "lisbon meetup",
    "product analytics",
    "recruiter data",
    "reverse etl",
]


def write_search_queries(s: Sample, wd: World) -> None:
    """Write SearchQueries.csv in the 2025+ form: never quoted, so a query with commas splits into pieces."""
    name = "SearchQueries.csv"
    f = s.new_file(name)
    f.header(headers.SEARCH_QUERIES)
    pool_people = [p.name.strip() for p in wd.connections[:60]] + [p.name.strip() for p in wd.others[:20]]
    pool_companies = [c for c in COMPANIES]
    searches = sorted(wd.searches, key=lambda x: x["dt"], reverse=True)
    comma_queries = {
        5: "data engineer, lisbon",
        40: "head of data, fintech, remote",
        120: "Porto, Portugal analytics meetup",
    }
    for i, search in enumerate(searches):
        if i in comma_queries:
            q = comma_queries[i]
        else:
            r = s.rng.random()
            pool = SEARCH_TERMS if r < 0.5 else pool_people if r < 0.8 else pool_companies
            q = s.rng.choice(pool)
            q = q.replace(",", "")
        n = f.row([dates.slash_utc(search["dt"]), q], quote=q_none)
        if i in comma_queries:
            k = q.count(",")
            s.quirk(
                name,
                line_ref(n),
                f"unquoted query with {k} comma{'s' if k > 1 else ''} ({k + 2} comma-separated pieces)",
                f"split at the FIRST comma only: Search Query = `{q}`",
            )
    s.quirk(name, "all rows", "2025+ style: no quoting at all; Time `YYYY/MM/DD HH:MM:SS UTC`", "")


def write_follows(s: Sample, wd: World) -> None:
    """Write Company Follows.csv, Member_Follows_5521.csv, Hashtag_Follows.csv and Saved_Items.csv."""
    # Company Follows.csv (no trailing newline, Java dates)
    name = "Company Follows.csv"
    f = s.new_file(name, Layout(final_eol=False))
    f.header(headers.COMPANY_FOLLOWS)
    follows = list(wd.company_follows)
    for _ in range(10):  # older follows
        follows.append({"dt": s.rand_dt_between(datetime(2017, 1, 1), datetime(2026, 2, 25))})
    follows.sort(key=lambda x: x["dt"], reverse=True)
    orgs = COMPANIES + [
        "Tailwind Freight, Ltd.",
        "Open Data Collective",
        "Lisbon Tech Hub",
        "Data Folks Weekly",
        "Marlow & Finch Partners",
        "Bytebridge Academy",
    ]
    s.rng.shuffle(orgs)
    for i, x in enumerate(follows):
        org = orgs[i % len(orgs)]
        n = f.row([org, dates.java(x["dt"])])
        if "," in org:
            s.quirk(name, line_ref(n), "Organization with a comma (quoted)", f"Organization = `{org}`")
    s.quirk(name, "all rows", "`Followed On` Java style `Fri Aug 05 14:02:31 UTC 2022`; no trailing newline", "")

    # Member_Follows_5521.csv (numbered)
    name = "Member_Follows_5521.csv"
    f = s.new_file(name)
    f.header(headers.MEMBER_FOLLOWS)
    mf = sorted(wd.member_follows, key=lambda x: x["dt"], reverse=True)
    names = [p.name.strip() for p in wd.others] + ["Ada Whitlock", "Kenji Ferreira", "Sofia Kettleby"]
    first_unf = True
    for i, x in enumerate(mf):
        status = "Unfollow" if i % 9 == 4 else "Active"
        n = f.row([dates.iso(x["dt"]), status, names[i % len(names)]])
        if status == "Unfollow" and first_unf:
            first_unf = False
            s.quirk(name, line_ref(n), "Status `Unfollow`", "")
    s.quirk(
        name,
        "file",
        "numbered file name `Member_Follows_5521.csv` (base name Member_Follows); Status Active/Unfollow",
        "",
    )

    # Hashtag_Follows.csv (ends with an extra blank line)
    name = "Hashtag_Follows.csv"
    f = s.new_file(name, Layout(extra_blank_line=True))
    f.header(["HashTag", "CreatedTime", "LastModifiedTime", "State"])
    for tag, d in (
        ("dataengineering", datetime(2026, 8, 2, 10, 4, 51)),
        ("analytics", datetime(2026, 5, 19, 7, 40, 2)),
        ("duckdb", datetime(2026, 4, 3, 21, 15, 33)),
        ("lisbon", datetime(2025, 11, 9, 12, 0, 45)),
        ("dataquality", datetime(2024, 6, 21, 8, 30, 9)),
    ):
        modified = d + timedelta(days=s.rng.randrange(0, 3), seconds=s.rng.randrange(3600))
        f.row([tag, dates.iso(d), dates.iso(modified), "Follow"])
    s.quirk(
        name,
        f"line {f.physical_lines()}",
        "file ends with `\\n\\n` (an extra blank line)",
        "blank row skipped; 5 records",
    )

    # Saved_Items.csv
    name = "Saved_Items.csv"
    f = s.new_file(name)
    f.header(["savedItem", "CreatedTime"])
    for _ in range(7):
        dt = s.rand_dt_between(ACTIVE_START, ACTIVE_END)
        f.row([links.feed_update_url("activity", s.activity_id(dt), encoded=False), dates.iso(dt)])
    s.quirk(
        name,
        "line 1",
        "header `savedItem,CreatedTime` (2025+ casing); values `urn:li:activity:` not percent-encoded",
        "",
    )
