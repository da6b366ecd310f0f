"""The rest of the export: account files (e-mail, phone, registration, logins, a résumé), Notes, Learning,
Events, Ad_Targeting, the Jobs/ and Verifications/ sub-folders, a file the registry does not know, two article
pages, and macOS archiver junk."""

from __future__ import annotations

from datetime import datetime, timedelta

from linkedin_ssi.synthetic.linkedin_format import dates
from linkedin_ssi.synthetic.linkedin_format.layout import Layout
from linkedin_ssi.synthetic.sample_export.state import OWNER_EMAIL, Sample, line_ref
from linkedin_ssi.synthetic.sample_export.world import World


def write_account_files(s: Sample) -> None:
    """Write Email Addresses, PhoneNumbers, Registration, Logins and Private_identity_asset."""
    name = "Email Addresses.csv"
    f = s.new_file(name, Layout(final_eol=False))
    f.header(["Email Address", "Confirmed", "Primary", "Updated On"])
    f.row([OWNER_EMAIL, "Yes", "Yes", dates.us_short(datetime(2019, 1, 14, 9, 2))])
    f.row(["avery.example@example.org", "Yes", "No", dates.us_short(datetime(2024, 6, 3, 16, 45))])
    s.quirk(name, "all rows", "`Updated On` unpadded `M/D/YY, h:mm AM` (quoted); no trailing newline", "")

    name = "PhoneNumbers.csv"
    f = s.new_file(name)
    f.header(["Extension", "Number", "Type"])
    n = f.row(["", " +1 555-0100", "Mobile"])
    s.quirk(name, line_ref(n), "Number with a leading space", "Number = `' +1 555-0100'` raw, `+1 555-0100` stripped")

    name = "Registration.csv"
    f = s.new_file(name)
    f.header(["Registered At", "Registration Ip", "Subscription Types"])
    f.row([dates.us_short(datetime(2012, 9, 14, 20, 15)), "192.0.2.44", ""])

    name = "Logins.csv"
    f = s.new_file(name)
    f.header(["Login Date", "IP Address", "User Agent", "Login Type"])
    uas = [
        "Mozilla/5.0 (X11; Linux x86_64; rv:143.0) Gecko/20100101 Firefox/143.0",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 19_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
        "LinkedIn/9.31.2 (iPhone; iOS 19.0; Scale/3.00)",
    ]
    ips = ["192.0.2.17", "198.51.100.23", "203.0.113.9", "2001:db8:4f1:22::7"]
    t = datetime(2026, 10, 14, 21, 7, 44)
    for i in range(14):
        f.row([dates.java(t), ips[i % len(ips)] if i % 3 else ips[0], uas[i % 3], "Login"])
        t -= timedelta(hours=s.rng.randrange(10, 60), seconds=s.rng.randrange(3600))
    s.quirk(
        name,
        "all rows",
        "Java-style `Mon Dec 01 14:02:31 UTC 2025` dates; IPv4 and IPv6 from documentation ranges; User Agent with "
        "commas (quoted)",
        "",
    )

    name = "Private_identity_asset.csv"
    f = s.new_file(name)
    f.header(["Private Identity Asset Name", "Private Identity Asset Raw Text"])
    cv = (
        "AVERY EXAMPLE\nSenior Analytics Engineer\nLisbon, Portugal | avery@example.com\n\nEXPERIENCE\n"
        "Quillfeather Analytics, 2024-present\nTidewater Logistics, 2018-2024\n\nSKILLS\nSQL, dbt, DuckDB, Python"
    )
    n = f.row(["Avery_Example_CV_2026.pdf", cv])
    s.quirk(
        name,
        line_ref(n, cv.count("\n") + 1),
        "résumé text with quoted line breaks (invented)",
        f"Raw Text has {cv.count(chr(10)) + 1} lines",
    )


def write_notes(s: Sample, wd: World) -> None:
    """Write Notes.csv: the member's notes on three connections."""
    f = s.new_file("Notes.csv")
    f.header(
        ["Connection First Name", "Connection Last Name", "Connection Profile URL", "Note", "Created On", "Edited On"]
    )
    sp = wd.specials
    n = f.row(
        [
            sp["priya"].first,
            sp["priya"].last,
            sp["priya"].url,
            "Met at the Porto meetup, interested in metrics layers",
            "2026-04-16 18:20:00 UTC",
            "2026-05-02 09:01:13 UTC",
        ]
    )
    s.quirk(
        "Notes.csv",
        line_ref(n),
        "2026 Notes.csv (header per S1); note with a comma; dates `YYYY-MM-DD HH:MM:SS UTC` (S1 fixture shape)",
        "Connection First Name = `'Priya '` (trailing space kept)",
    )
    f.row([sp["zoe"].first, sp["zoe"].last, sp["zoe"].url, "ask about the churn model", "2026-06-04 12:02:45 UTC", ""])
    f.row(
        [sp["jane"].first, sp["jane"].last, sp["jane"].url, "co-organiser June meetup", "2026-05-11 08:30:00 UTC", ""]
    )


def write_learning_events_ads(s: Sample) -> None:
    """Write Learning.csv (a trailing empty column), Events.csv and Ad_Targeting.csv (repeated column names)."""
    name = "Learning.csv"
    f = s.new_file(name)
    f.raw(
        "Content Title,Content Description,Content Type,Content Last Watched Date (if viewed),"
        "Content Completed At (if completed),Content Saved,Notes taken on videos (if taken),"
    )
    items = [
        (
            "Advanced SQL for Analysts",
            "Window functions, CTEs and query plans.",
            "Course",
            datetime(2026, 9, 30, 20, 14),
            datetime(2026, 10, 2, 21, 3),
            "false",
        ),
        (
            "Data Modeling Fundamentals",
            "<p>Star schemas, grain, and slowly changing dimensions.</p>",
            "Course",
            datetime(2026, 7, 8, 6, 45),
            None,
            "true",
        ),
        (
            "Giving Feedback",
            "Short video on feedback, with examples",
            "Video",
            datetime(2026, 5, 21, 12, 30),
            datetime(2026, 5, 21, 12, 39),
            "false",
        ),
        (
            "Become a Data Engineer",
            "A learning path: pipelines, orchestration, testing.",
            "Learning Path",
            None,
            None,
            "true",
        ),
        (
            "Metric Trees Explained",
            "Article from a partner",
            "Article (3rd Party Provider)",
            datetime(2026, 4, 2, 9, 11),
            None,
            "false",
        ),
        (
            "Presenting Data",
            "Storytelling with charts.",
            "Video (3rd Party Provider)",
            datetime(2026, 3, 18, 18, 2),
            datetime(2026, 3, 18, 18, 20),
            "false",
        ),
        (
            "Python for Data Analysis",
            "Pandas, polars and notebooks.",
            "Course",
            datetime(2025, 12, 1, 7, 50),
            datetime(2026, 1, 15, 9, 30),
            "false",
        ),
        ("Negotiation Skills", "", "Course", None, None, "true"),
    ]
    for title, desc, typ, watched, done, saved in items:
        f.row(
            [
                title,
                desc,
                typ,
                dates.learning(watched) if watched else "N/A",
                dates.learning(done) if done else "N/A",
                saved,
                "N/A",
                "",
            ]
        )
    s.quirk(
        name,
        "line 1",
        "header ends with a trailing comma: 8th column with an EMPTY name (data rows also end with `,`)",
        "8 columns; last column name `''` (rename e.g. `column_8`), always empty",
    )
    s.quirk(
        name,
        "all rows",
        "dates `YYYY-MM-DD HH:MM UTC` (no seconds) or literal `N/A`; Content Saved `true`/`false`",
        "`N/A` -> null",
    )

    name = "Events.csv"
    f = s.new_file(name)
    f.header(["Event Name", "Event Time", "Status", "External Url"])
    ev = [
        (
            "Lisbon Analytics Meetup: June edition",
            datetime(2026, 6, 18, 18, 30),
            datetime(2026, 6, 18, 21, 0),
            "APPROVED",
            "https://meetups.example.org/lisbon-analytics/june-2026",
        ),
        (
            "Data Contracts in Practice (webinar)",
            datetime(2026, 3, 12, 18, 30),
            datetime(2026, 3, 12, 20, 0),
            "APPROVED",
            "www.example.org/webinars/data-contracts",
        ),
        (
            "Porto Data Day",
            datetime(2026, 9, 26, 9, 0),
            datetime(2026, 9, 26, 17, 30),
            "APPROVED",
            "https://portodataday.example.org",
        ),
        ("Metrics Layer AMA", datetime(2026, 5, 6, 16, 0), datetime(2026, 5, 6, 17, 0), "RELINQUISHED", ""),
    ]
    for nm, a, b, st, url in ev:
        n = f.row([nm, dates.event_range(a, b), st, url])
        if url.startswith("www."):
            s.quirk(
                name,
                line_ref(n),
                "External Url without a scheme; Event Time range",
                f"Event Time `{dates.event_range(a, b)}` -> start 2026-03-12 18:30, end 20:00",
            )
        if st == "RELINQUISHED":
            s.quirk(name, line_ref(n), "Status `RELINQUISHED`, empty External Url", "")

    name = "Ad_Targeting.csv"
    f = s.new_file(name)
    hdr = [
        "Member Age",
        "Buyer Groups",
        "Company Names",
        "Company Names",
        "Company Follower of",
        "Company Names",
        "Company Category",
        "Company Size",
        "Degrees",
        "Member Gender",
        "Job Functions",
        "Member Groups",
        "Company Industries",
        "Member Interests",
        "Interface Locales",
        "Job Seniorities",
        "Job Titles",
        "Job Titles",
        "Member Schools",
        "Member Skills",
        "Years of Experience",
    ]
    f.raw(",".join(hdr))
    n = f.row(
        [
            "25 to 34",
            "IT Decision Makers",
            "Quillfeather Analytics",
            "Quillfeather Analytics; Tidewater Logistics",
            "Skyline Cloud; Halcyon Bio; Lisbon Tech Hub",
            "",
            "Mid-size companies",
            "51-200",
            "Master's Degree",
            "",
            "Engineering; Information Technology",
            "Data Folks Weekly",
            "Software Development; IT Services and IT Consulting",
            "Data Science; Databases; Cloud Computing",
            "en_US",
            "Senior",
            "Analytics Engineer",
            "Analytics Engineer; Data Engineer",
            "Fernhollow University",
            "SQL; dbt; DuckDB; Python",
            "6 to 10",
        ]
    )
    s.quirk(
        name,
        "line 1",
        "duplicate header names: `Company Names` x3, `Job Titles` x2",
        "rename positionally: `Company Names`, `Company Names_2`, `Company Names_3`, `Job Titles`, `Job Titles_2`",
    )
    s.quirk(
        name,
        line_ref(n),
        "single data row with `; `-separated lists",
        "Member Skills -> ['SQL', 'dbt', 'DuckDB', 'Python']",
    )


def write_jobs_and_verifications(s: Sample) -> None:
    """Write the sub-folder files Jobs/Saved Jobs.csv, Jobs/Job Applications.csv and Verifications/Verifications.csv."""
    name = "Jobs/Saved Jobs.csv"
    f = s.new_file(name)
    f.header(["Saved Date", "Job Url", "Job Title", "Company Name"])
    f.row(
        [
            dates.us_short(datetime(2026, 8, 11, 22, 4)),
            "http://www.linkedin.com/jobs/view/4298811023",
            "Staff Analytics Engineer",
            "Halcyon Bio",
        ]
    )
    f.row(
        [
            dates.us_short(datetime(2026, 5, 2, 7, 15)),
            "http://www.linkedin.com/jobs/view/4199302117",
            "Head of Data, EMEA",
            "Lumen Ridge Capital",
        ]
    )
    s.quirk(name, "file", "sub-folder `Jobs/`; `Saved Date` unpadded `M/D/YY, h:mm AM`; `http://` job URLs", "")

    name = "Jobs/Job Applications.csv"
    f = s.new_file(name)
    f.header(
        [
            "Application Date",
            "Contact Email",
            "Contact Phone Number",
            "Company Name",
            "Job Title",
            "Job Url",
            "Resume Name",
            "Question And Answers",
        ]
    )
    n = f.row(
        [
            dates.us_short(datetime(2026, 8, 12, 9, 31)),
            OWNER_EMAIL,
            " +1 555-0100",
            "Halcyon Bio",
            "Staff Analytics Engineer",
            "http://www.linkedin.com/jobs/view/4298811023",
            "Avery_Example_CV_2026.pdf",
            "How many years of experience do you have with dbt?:5 | Are you legally authorized to work in "
            "Portugal?:Yes",
        ]
    )
    s.quirk(name, line_ref(n), "free-text `Question And Answers` blob", "")

    name = "Verifications/Verifications.csv"
    f = s.new_file(name)
    f.header(
        [
            "First name",
            "Middle name",
            "Last name",
            "Verification type",
            "Organization name",
            "Email address",
            "Country",
            "State",
            "City",
            "Year of birth",
            "Issuing authority",
            "Document type",
            "Verification service provider",
            "Verified date",
            "Expiry date",
        ]
    )
    n = f.row(
        [
            "Avery",
            "N/A",
            "Example",
            "Workplace",
            "Quillfeather Analytics",
            OWNER_EMAIL,
            "N/A",
            "N/A",
            "N/A",
            "N/A",
            "N/A",
            "N/A",
            "N/A",
            "2025-11-03",
            "N/A",
        ]
    )
    s.quirk(
        name,
        line_ref(n),
        "sub-folder `Verifications/`; `N/A` placeholders; ISO `YYYY-MM-DD` dates",
        "Verified date = 2025-11-03; `N/A` -> null",
    )


def write_misc(s: Sample, wd: World) -> None:
    """Write Duolingo.csv, a file the registry does not know (kept as a generic table)."""
    name = "Duolingo.csv"
    f = s.new_file(name)
    f.header(["Language", "Score", "Proficiency Level"])
    f.row(["Portuguese", "96", "Intermediate"])
    f.row(["Spanish", "41", "Beginner"])
    s.quirk(name, "file", "file unknown to the registry", "kept as a generic raw table (2 records)")


ARTICLE_CSS = (
    "<style>body{font-family:sans-serif;max-width:720px;margin:2em auto;}p.created,p.published{color:#666;}</style>"
)


def write_articles(s: Sample) -> None:
    """Add a published and a draft article page under Articles/Articles/."""
    slug = "why-our-dashboards-got-boring-on-purpose-avery-example-4kq1e"
    pub = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8">'
        "<title>Why our dashboards got boring (on purpose)</title>" + ARTICLE_CSS + "</head><body>\n"
        '<img src="https://media.licdn.com/dms/image/v2/D4D12AQFakeCoverImg/article-cover_image-shrink_600_2000/0/1750000000000?e=1790000000&amp;v=beta&amp;t=invented" alt="" />\n'  # noqa: E501  (a signed media URL, kept whole to be read as one)
        f'<h1><a href="https://www.linkedin.com/pulse/{slug}">Why our dashboards got boring (on purpose)</a></h1>\n'
        '<p class="created">Created on 2026-06-09 21:14</p>\n'
        '<p class="published">Published on 2026-06-11 07:30</p>\n'
        "<div><p>Last year we had 214 dashboards. Today we have 31.</p>"
        "<h2>What we deleted</h2><ul><li>Anything nobody opened in 90 days</li><li>Duplicates of the same KPI</li></ul>"
        "<p>The result: <strong>fewer questions</strong>, faster answers, and a warehouse bill that went down.</p>"
        "<blockquote>Boring is a feature.</blockquote></div>\n"
        "</body></html>\n"
    )
    draft = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8">'
        "<title>Draft title</title>" + ARTICLE_CSS + "</head><body>\n"
        '<h1><a href="https://www.linkedin.com/post/edit/7335512345678901234">Draft title</a></h1>\n'
        '<p class="created">Created on 2026-05-28 10:30</p>\n'
        '<p class="published">Published on ---</p>\n'
        "<div><p>Notes on metric trees, part one. <em>Work in progress.</em></p></div>\n"
        "</body></html>\n"
    )
    p1 = f"Articles/Articles/{slug}.html"
    p2 = "Articles/Articles/2026-05-28 10_30_21.0-Draft title.html"
    s.blobs.append((p1, pub.encode(), "HTML, published article"))
    s.blobs.append((p2, draft.encode(), "HTML, draft article"))
    s.quirk(
        p1,
        "file",
        "published article: `<h1><a href=…/pulse/<slug>>`, `Created on`, `Published on`, body `<div>`",
        "title `Why our dashboards got boring (on purpose)`, created 2026-06-09 21:14, published 2026-06-11 07:30",
    )
    s.quirk(
        p2,
        "file",
        "draft article: name `<YYYY-MM-DD HH_MM_SS.0>-<title>.html`, `Published on ---`",
        "title `Draft title`, created 2026-05-28 10:30, published = null (draft)",
    )


def write_macosx_junk(s: Sample) -> None:
    """Add a macOS AppleDouble file, which the loader must ignore."""
    # AppleDouble header: magic 00051607, version 00020000, 16-byte filler, 2 entries (invented payload)
    blob = (
        b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        \x00\x02"
        b"\x00\x00\x00\x09\x00\x00\x00\x32\x00\x00\x00\x20"
        b"\x00\x00\x00\x02\x00\x00\x00\x52\x00\x00\x00\x00"
        b"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"
    )
    s.blobs.append(("__MACOSX/._Connections.csv", blob, "binary AppleDouble junk"))
    s.quirk(
        "__MACOSX/._Connections.csv",
        "file",
        "macOS AppleDouble resource fork (binary, starts `00 05 16 07`)",
        "ignored (never parsed as Connections)",
    )
