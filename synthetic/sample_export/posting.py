"""What the member posted: Shares.csv (the `"`-newline-`"` commentary mangling, reshares, media links) and
Rich_Media.csv (upload sentences)."""

from __future__ import annotations

from datetime import datetime

from linkedin_ssi.synthetic.linkedin_format import dates, headers, links
from linkedin_ssi.synthetic.linkedin_format.quoting import mangle_commentary
from linkedin_ssi.synthetic.sample_export.state import Sample, line_ref
from linkedin_ssi.synthetic.sample_export.world import World

POST_TEXTS = [
    "Shipped our new metrics layer today. Fewer dashboards, more answers.",
    "Three things I learned migrating 400 dbt models:\n\n1. Tests first\n2. Naming matters\n3. Delete more than you "
    "add",
    "Hiring! We are looking for an analytics engineer in Lisbon. DM me.",
    "Our warehouse bill dropped 30% after we turned off 60 unused tables.\nSometimes the best optimisation is "
    "deletion.",
    "Slides from my talk at the Porto data meetup are up.",
    "Hot take: most data quality problems are ownership problems.",
    "Weekend project: loading my own LinkedIn export into DuckDB.\n\nIt was messier than expected.",
    "Grateful for this team. One year of Quillfeather Analytics!",
    "What is the one metric your team would never give up?",
    "Reading list for the holidays:\n- Designing calm systems\n- The boring stack\n- Notes on metric trees",
    "Small wins: our daily build is now under 4 minutes.",
    "If your dashboard needs a manual, it needs a redesign.",
]
SHARED_URLS = [
    "https://blog.example.com/avery/metric-trees",
    "https://www.example.org/reports/data-teams-2026",
    "https://avery.example.com/talks/porto-2026",
    "https://news.example.com/analytics/warehouse-costs",
]


def write_shares(s: Sample, wd: World) -> None:
    """Write Shares.csv: posts and reshares, newest first, chosen rows with mangled or quoted commentary."""
    name = "Shares.csv"
    f = s.new_file(name)
    f.header(headers.shares(url_case="Url"))
    shares = sorted(wd.shares, key=lambda x: x["dt"], reverse=True)
    special = {
        4: ("mangled", "Line one\n\nLine two"),
        9: (
            "mangled",
            "Three things I learned migrating 400 dbt models:\n\n1. Tests first\n2. Naming matters\n3. Delete more "
            "than you add",
        ),
        14: ("quote", 'We call it the "two-pizza dashboard" rule, and it works.'),
        20: (
            "mangled",
            "Our warehouse bill dropped 30% after we turned off 60 unused tables.\nSometimes the best optimisation is "
            "deletion.",
        ),
    }
    seen = set()
    for i, share in enumerate(shares):
        dt = share["dt"]
        urn = "share" if s.rng.random() < 0.6 else "ugcPost"
        link = links.feed_update_url(urn, s.activity_id(dt))
        shared, media = "", ""
        if i in special:
            kind, text = special[i]
        elif s.rng.random() < 0.3:
            kind, text = "reshare", ""
        else:
            kind, text = "post", s.rng.choice(POST_TEXTS)
        r = s.rng.random()
        if kind == "reshare" and r < 0.5:
            shared = s.rng.choice(SHARED_URLS)
        elif kind == "post" and r < 0.25:
            shared = s.rng.choice(SHARED_URLS)
        elif kind == "post" and r < 0.45:
            media = s.media_url(dt)
        n = f.row([dates.iso(dt), link, mangle_commentary(text), shared, media, "MEMBER_NETWORK"])
        span = text.count("\n") + 1
        if kind == "mangled":
            s.quirk(
                name,
                line_ref(n, span),
                'multi-line ShareCommentary with the `"`⏎`"` mangling'
                + (" (incl. an empty line between paragraphs)" if "\n\n" in text else ""),
                f"raw CSV value = `{mangle_commentary(text)!r}`; ShareCommentary must decode to `{text!r}`",
            )
        elif kind == "quote":
            s.quirk(
                name,
                line_ref(n),
                "genuine user quotes (doubled) not next to a line break",
                f"ShareCommentary = `{text}`",
            )
        elif kind == "reshare" and "reshare" not in seen:
            s.quirk(
                name,
                line_ref(n),
                "pure reshare: empty ShareCommentary" + (", SharedUrl set" if shared else ""),
                "ShareCommentary = ``",
            )
        if media and "media" not in seen:
            s.quirk(name, line_ref(n), "MediaUrl set (signed media.licdn.com URL)", "")
        if urn == "ugcPost" and "ugc" not in seen:
            s.quirk(name, line_ref(n), "ShareLink with `urn%3Ali%3AugcPost%3A` (percent-encoded URN)", "")
            seen.add("ugc")
        if urn == "share" and "share" not in seen:
            s.quirk(name, line_ref(n), "ShareLink with `urn%3Ali%3Ashare%3A`", "")
            seen.add("share")
        seen.add(kind)
        if media:
            seen.add("media")
    s.quirk(
        name,
        "all rows",
        "header `Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility` (2024-12+ `Url` casing); Visibility "
        "always `MEMBER_NETWORK`; Date `YYYY-MM-DD HH:MM:SS`; LF",
        "",
    )


def write_rich_media(s: Sample, wd: World) -> None:
    """Write Rich_Media.csv: one sentence-dated row per upload, the profile photos among them."""
    name = "Rich_Media.csv"
    f = s.new_file(name)
    f.header(headers.RICH_MEDIA)
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
        link = s.media_url(x["dt"], "image-shrink_1280" if "photo" in x["kind"] else "feedshare-document-pdf-analyzed")
        n = f.row([dates.rich_media(x["kind"], x["dt"]), desc, link])
        if "\n" in desc:
            s.quirk(
                name,
                line_ref(n, 2),
                "Media Description with a quoted raw line break (and a comma)",
                f"Media Description = `{desc!r}`",
            )
        if x["kind"] == "profile photo":
            s.quirk(
                name,
                line_ref(n),
                "kind `profile photo` in the sentence date",
                "`You uploaded a profile photo on March 14, 2026 at 7:01 PM (GMT)` -> kind `profile photo`, 2026-03-14 "
                "19:01 UTC",
            )
    s.quirk(
        name,
        "all rows",
        "`Date/Time` is a sentence (`You uploaded a <kind> on <Month> <D>, <YYYY> at <h:mm> <AM|PM> (GMT)`); ` -` "
        "(space hyphen) = empty description; signed `https://media.licdn.com/dms/…?e=…&v=beta&t=…` links",
        "` -` -> empty description",
    )
