"""The member's own profile: Profile.csv and its small companions (positions, education, skills, languages,
certifications), endorsements received and given (with the legacy UTF-16 twin), and recommendations."""

from __future__ import annotations

from datetime import date, datetime

from linkedin_ssi.synthetic.linkedin_format import dates, headers, links
from linkedin_ssi.synthetic.linkedin_format.layout import Layout
from linkedin_ssi.synthetic.linkedin_format.quoting import q_all
from linkedin_ssi.synthetic.sample_export.state import ACTIVE_END, OWNER_FIRST, OWNER_LAST, Sample, line_ref
from linkedin_ssi.synthetic.sample_export.world import World


def write_profile_files(s: Sample) -> None:
    """Write Profile.csv, Profile Summary.csv, Positions, Education, Skills, Languages and Certifications."""
    name = "Profile.csv"
    f = s.new_file(name)
    f.header(headers.PROFILE)
    n = f.row(
        [
            OWNER_FIRST,
            OWNER_LAST,
            "",
            "",
            "Aug 21",
            "Senior Analytics Engineer at Quillfeather Analytics | dbt, DuckDB, metrics layers",
            "I help data teams ship fewer, better dashboards.  Previously built the analytics platform at Tidewater "
            "Logistics.  Based in Lisbon.",
            "Data Infrastructure and Analytics",
            "1000-001",
            "Lisbon, Lisbon, Portugal",
            "",
            "[PERSONAL:https://avery.example.com,BLOG:https://blog.example.com/avery]",
            "",
        ]
    )
    s.quirk(
        name,
        line_ref(n),
        "13-column header; Websites bracketed list; Birth Date without year; quoted Geo Location; double spaces in "
        "Summary",
        "Websites -> {PERSONAL: https://avery.example.com, BLOG: https://blog.example.com/avery} (split each pair on "
        "the first colon); Birth Date `Aug 21`; Geo Location `Lisbon, Lisbon, Portugal`",
    )

    name = "Profile Summary.csv"
    f = s.new_file(name, Layout(extra_blank_line=True))
    f.header(headers.PROFILE_SUMMARY)
    s.quirk(name, "lines 1-2", "exactly `Profile Summary\\n\\n` (header + blank line, 17 bytes)", "0 records")

    name = "Positions.csv"
    f = s.new_file(name)
    f.header(headers.POSITIONS)
    n = f.row(
        [
            "Quillfeather Analytics",
            "Senior Analytics Engineer",
            "• Own the metrics layer (dbt + DuckDB) • Cut warehouse cost by 30% • Mentor two analysts",
            "Lisbon, Portugal",
            "Feb 2024",
            "",
        ]
    )
    s.quirk(
        name,
        line_ref(n),
        "current position: empty Finished On; bullets `•` in a flattened Description",
        "Finished On = null (current)",
    )
    f.row(
        [
            "Tidewater Logistics",
            "Analytics Engineer",
            "Built the first analytics platform; 120 dbt models.",
            "Porto, Portugal",
            "Mar 2020",
            "Jan 2024",
        ]
    )
    f.row(["Tidewater Logistics", "Data Analyst", "", "Porto, Portugal", "Sep 2018", "Mar 2020"])
    n = f.row(
        ["Fernhollow University", "Research Assistant", "Survey data cleaning and reporting.", "", "2016", "2018"]
    )
    s.quirk(name, line_ref(n), "year-only dates `YYYY`", "Started On = 2016, Finished On = 2018 (year precision)")

    name = "Education.csv"
    f = s.new_file(name)
    f.header(headers.EDUCATION)
    f.row(["Fernhollow University", "2014", "2018", "", "BSc Statistics", "Debate society, data club"])
    f.row(
        ["Westbrook Institute of Technology", "Sep 2019", "Jul 2020", "Part-time, evenings", "MSc Data Engineering", ""]
    )

    name = "Skills.csv"
    f = s.new_file(name)
    f.header(headers.SKILLS)
    for skill in [
        "SQL",
        "dbt",
        "DuckDB",
        "Python",
        "Data Modeling",
        "Extract, Transform, Load (ETL)",
        "Data Visualization",
        "Stakeholder Management",
        "Statistics",
        "Prefect",
    ]:
        n = f.row([skill])
        if "," in skill:
            s.quirk(name, line_ref(n), "skill containing a comma (quoted)", f"Name = `{skill}`")

    name = "Languages.csv"
    f = s.new_file(name)
    f.header(["Name", "Proficiency"])
    f.row(["English", "Native or bilingual proficiency"])
    f.row(["Portuguese", "Professional working proficiency"])
    f.row(["Spanish", "Elementary proficiency"])

    name = "Certifications.csv"
    f = s.new_file(name)
    f.header(["Name", "Url", "Authority", "Started On", "Finished On", "License Number"])
    f.row(
        [
            "Certified Analytics Engineer",
            "https://credentials.example.org/verify/AE-20417",
            "Data Guild Academy",
            "Nov 2024",
            "Nov 2027",
            "AE-20417",
        ]
    )
    f.row(["Cloud Data Fundamentals", "", "Skyline Cloud", "2021", "", ""])


def write_endorsements(s: Sample, wd: World) -> None:
    """Write Endorsement_Received_Info.csv, its legacy UTF-16 twin, and Endorsement_Given_Info.csv."""
    skills = [
        "SQL",
        "dbt",
        "DuckDB",
        "Python",
        "Data Modeling",
        "Data Visualization",
        "Statistics",
        "Stakeholder Management",
    ]
    name = "Endorsement_Received_Info.csv"
    f = s.new_file(name)
    f.header(headers.endorsements_received(with_url=True))
    pool = [p for p in wd.connections]
    rows = []
    for _i in range(40):
        p = s.rng.choice(pool)
        lo = datetime.combine(max(p.connected_day, date(2022, 1, 1)), datetime.min.time())
        rows.append((s.rand_dt_between(lo, ACTIVE_END), s.rng.choice(skills), p))
    sp = wd.specials
    rows[5] = (datetime(2026, 6, 20, 8, 30, 12), "Statistics", sp["zoe"])
    rows.sort(key=lambda r: r[0], reverse=True)
    for dt, skill, p in rows:
        n = f.row(
            [dates.slash_utc(dt), skill, p.first, p.last, links.profile_url(p.raw_slug, scheme=False), "ACCEPTED"]
        )
        if p is sp["zoe"] and skill == "Statistics" and dt.year == 2026 and dt.month == 6 and dt.day == 20:
            s.quirk(
                name,
                line_ref(n),
                "scheme-less Public Url with a raw non-ASCII slug",
                "normalised URL `https://www.linkedin.com/in/zoë-lambert-5e2b19` (same person as Connections' "
                "percent-encoded slug)",
            )
    s.quirk(
        name,
        "all rows",
        "≥2023 header with `Endorser Public Url` = `www.linkedin.com/in/…` (no scheme); date `YYYY/MM/DD HH:MM:SS "
        "UTC`; status ACCEPTED",
        "",
    )

    # legacy UTF-16LE TSV twin
    name = "Endorsement Received Info.csv"
    f = s.new_file(name, Layout(final_eol=False, utf16=True), delimiter="\t")
    f.header(
        [
            "Endorsement Date",
            "Skill Name",
            "Endorser First Name",
            "Endorser Last Name",
            "Endorsement Status",
            "Display Status",
        ],
        quote=q_all,
    )
    old = [p for p in wd.connections if p.connected_day < date(2021, 6, 1)]
    legacy_rows = [
        (datetime(2021, 4, 12, 8, 15, 2), "SQL", old[0]),
        (datetime(2020, 9, 3, 17, 44, 40), "Python", old[1]),
        (datetime(2019, 2, 27, 11, 5, 19), "Statistics", old[2]),
    ]
    for dt, skill, p in legacy_rows:
        n = f.row([dates.slash_utc(dt), skill, p.first, p.last, "ACCEPTED", "VISIBLE"], quote=q_all)
    s.quirk(
        name,
        "whole file",
        "legacy twin: UTF-16LE with BOM `FF FE`, TAB-separated, every field double-quoted, LF, no trailing newline",
        f"3 records; first = `{dates.slash_utc(legacy_rows[0][0])}`, `SQL`, `{legacy_rows[0][2].first}`, "
        f"`{legacy_rows[0][2].last}`, `ACCEPTED`, `VISIBLE`",
    )

    name = "Endorsement_Given_Info.csv"
    f = s.new_file(name)
    f.header(
        [
            "Endorsement Date",
            "Skill Name",
            "Endorsee First Name",
            "Endorsee Last Name",
            "Endorsee Public Url",
            "Endorsement Status",
        ]
    )
    given_skills = [
        "Python",
        "Leadership",
        "Product Management",
        "SQL",
        "Public Speaking",
        "Recruiting",
        "Data Science",
        "UX Research",
    ]
    rows = []
    for _ in range(25):
        p = s.rng.choice(pool)
        lo = datetime.combine(max(p.connected_day, date(2022, 1, 1)), datetime.min.time())
        rows.append((s.rand_dt_between(lo, ACTIVE_END), s.rng.choice(given_skills), p))
    rows.sort(key=lambda r: r[0], reverse=True)
    for dt, skill, p in rows:
        f.row([dates.slash_utc(dt), skill, p.first, p.last, links.profile_url(p.raw_slug, scheme=False), "ACCEPTED"])
    s.quirk(name, "line 1", "`Endorsee …` columns (Given file)", "")


def write_recommendations(s: Sample, wd: World) -> None:
    """Write Recommendations_Received.csv (3 rows) and Recommendations_Given.csv (2 rows)."""
    hdr = ["First Name", "Last Name", "Company", "Job Title", "Text", "Creation Date", "Status"]
    name = "Recommendations_Received.csv"
    f = s.new_file(name)
    f.header(hdr)
    people = [p for p in wd.connections if p.company and "," not in p.last and p.connected_day < date(2021, 1, 1)][:5]
    texts = [
        "Avery rebuilt our metrics layer in three months and made the whole team faster. Clear, calm and generous with "
        "knowledge.",
        "I managed Avery for two years. Avery combines rigorous SQL with real empathy for stakeholders, a rare mix.",
        "Avery mentored me when I joined as a junior analyst; patient, practical and always one step ahead.",
    ]
    dts = [datetime(2026, 3, 5, 9, 12), datetime(2024, 1, 22, 16, 40), datetime(2021, 11, 8, 7, 5)]
    for p, t, dt in zip(people[:3], texts, dts):
        n = f.row([p.first, p.last, p.company, p.position, t, dates.us_padded(dt), "VISIBLE"])
        if dt.year == 2026:
            s.quirk(
                name,
                line_ref(n),
                "zero-padded `MM/DD/YY, hh:mm AM` Creation Date; Status VISIBLE",
                "`03/05/26, 09:12 AM` -> 2026-03-05 09:12",
            )
    name = "Recommendations_Given.csv"
    f = s.new_file(name)
    f.header(hdr)
    for p, t, dt in zip(
        people[3:5],
        [
            "Great analyst, sharp questions, kind reviewer.",
            "One of the best engineering managers I have worked with, hands down.",
        ],
        [datetime(2025, 6, 2, 20, 31), datetime(2023, 3, 14, 8, 2)],
    ):
        n = f.row([p.first, p.last, p.company, p.position, t, dates.us_padded(dt), ""])
    s.quirk(name, "all rows", "Status empty in Given", "")
