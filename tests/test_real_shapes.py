"""Shapes seen in real exports that no earlier fixture had, each loaded end to end with exact rows.

Every value is invented; the shapes (file names, headers, the way rows repeat) are the real ones.
"""

from datetime import UTC, date, datetime

import duckdb
from linkedin_ssi.flows.cli import main

from support import write_export
from test_load import export_files

UTC = UTC
DRAFT = (
    '<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"><title>Untitled</title>'
    '</head><body>\n<h1>Pricing pages that sell</h1>\n<p class="created">Created on 2026-02-11 18:04</p>\n'
    '<p class="published">Published on ---</p>\n<div><p>Draft: three ideas.</p></div>\n</body></html>\n'
)
RICH_HEADER = "Date/Time,Media Description,Media Link\n"


def photo(n: int, token: str) -> str:
    return (
        f"https://media.licdn.com/dms/image/v2/D4E22AQPhoto{n}/feedshare-shrink_2048_1536/0/17400000000{n}"
        f"?e=1745000000&v=beta&t={token}{n}"
    )


def rich_media(token: str) -> str:
    # One post with four photos: four rows with the same sentence and description, four links.
    rows = "".join(
        f'"You uploaded a feed photo on March 2, 2026 at 9:05 AM (GMT)",Team offsite,{photo(n, token)}\n'
        for n in range(1, 5)
    )
    return (
        RICH_HEADER
        + rows
        + f'"You uploaded a profile photo on January 9, 2026 at 7:01 PM (GMT)", -,{photo(9, token)}\n'
    )


def query(home, sql):
    with duckdb.connect(str(home / "warehouse" / "linkedin.duckdb"), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_a_draft_article_without_a_link_or_publication_date_loads(tmp_path, home):
    # The 2026-03 export that was refused: its only article is a draft, so article_url was all NULL.
    folder = write_export(
        tmp_path / "e", export_files() | {"Articles/Articles/2026-02-11 18_04_33.0-Pricing pages that sell.html": DRAFT}
    )
    assert main(["ingest", str(folder), "--home", str(home)]) == 0
    assert query(
        home,
        "select file_name, title, article_url, created_at, published_at, is_published, body_text, "
        "word_count from raw.linkedin__articles",
    ) == [
        (
            "2026-02-11 18_04_33.0-Pricing pages that sell.html",
            "Pricing pages that sell",
            None,
            datetime(2026, 2, 11, 18, 4, tzinfo=UTC),
            None,
            False,
            "Draft: three ideas.",
            3,
        )
    ]


def test_every_photo_of_a_multi_photo_post_is_kept_across_exports(tmp_path, home):
    older = write_export(tmp_path / "older", export_files() | {"Rich_Media.csv": rich_media("TokenOld")})
    newer = write_export(
        tmp_path / "newer", export_files(connections=("ann", "bob", "cy")) | {"Rich_Media.csv": rich_media("TokenNew")}
    )
    assert main(["ingest", str(older), str(newer), "--home", str(home)]) == 0
    assert query(home, "select count(*) from raw.linkedin__rich_media") == [(10,)]
    # Five uploads, each once (the signed query string differs between the two exports; the path does not).
    rows = query(
        home,
        "select media_kind, uploaded_at, media_path, media_url like '%TokenNew%' "
        "from staging.stg_linkedin__rich_media order by media_path",
    )
    assert rows == [
        ("feed photo", datetime(2026, 3, 2, 9, 5, tzinfo=UTC), photo(n, "x").split("?")[0], True) for n in range(1, 5)
    ] + [("profile photo", datetime(2026, 1, 9, 19, 1, tzinfo=UTC), photo(9, "x").split("?")[0], True)]


def test_connections_without_urls_are_told_apart_and_matched_to_a_later_export(tmp_path, home):
    pre_2023 = (
        "First Name,Last Name,Email Address,Company,Position,Connected On\n"
        "John,Smith,,Acme,CEO,05 Mar 2020\n"
        "John,Smith,,Beta,CTO,11 Jun 2021\n"
        "Ann,Lee,,Gamma,VP,02 Feb 2019"
    )
    modern = (
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "John,Smith,https://www.linkedin.com/in/john-smith-beta,,Beta,CTO,11 Jun 2021\n"
        "John ,Smith,https://www.linkedin.com/in/john-smith-acme,,Acme,CEO,05 Mar 2020"
    )
    old = write_export(
        tmp_path / "old",
        export_files()
        | {
            "Connections.csv": pre_2023,
            "Invitations.csv": export_files()["Invitations.csv"].replace("3/7/26", "3/7/22"),
        },
    )
    new = write_export(tmp_path / "new", export_files() | {"Connections.csv": modern})
    assert main(["ingest", str(old), str(new), "--home", str(home)]) == 0
    assert query(
        home,
        "select connection_key, company, connected_on, is_in_latest_export "
        "from staging.stg_linkedin__connections order by connected_on",
    ) == [
        ("name|ann lee|2019-02-02|1", "Gamma", date(2019, 2, 2), False),
        ("john-smith-acme", "Acme", date(2020, 3, 5), True),
        ("john-smith-beta", "Beta", date(2021, 6, 11), True),
    ]
    # Ann left between the exports; the two John Smiths did not.
    assert query(home, "select change, connection_key from marts.connection_changes") == [
        ("disappeared", "name|ann lee|2019-02-02|1")
    ]


def test_a_renamed_optional_column_or_an_empty_file_is_a_problem_not_silence(tmp_path, home, capsys):
    files = export_files()
    files["Connections.csv"] = files["Connections.csv"].replace(
        "First Name,Last Name,URL,", "First Name,Last Name,Profile URL,"
    )
    files["Skills.csv"] = ""
    folder = write_export(tmp_path / "e", files)
    capsys.readouterr()
    assert main(["ingest", str(folder), "--home", str(home)]) == 3
    err = capsys.readouterr().err.splitlines()
    assert (
        'warning: e: Connections.csv: column "Profile URL" not known: the values are kept in _unmapped but not typed '
        '("URL", "Address", "Websites", "Instant Messengers" missing: renamed?)'
    ) in err
    assert "warning: e: Skills.csv: 0 bytes, not even a header: a truncated download? (nothing loaded from it)" in err
    # The values are not lost: they wait in _unmapped for a reload by a version that knows the name.
    assert query(
        home,
        "select json_extract_string(_unmapped, '$.\"Profile URL\"') from raw.linkedin__connections "
        "order by _source_line",
    ) == [("https://www.linkedin.com/in/ann",), ("https://www.linkedin.com/in/bob",)]
    assert main(["check", str(folder)]) == 0
    assert (
        capsys.readouterr()
        .out.splitlines()[-1]
        .startswith("every count agrees; 2 file(s) with a problem (kept as text, skipped, a column not typed);")
    )


def test_a_file_re_saved_by_excel_in_cp1252_loads_and_says_so(tmp_path, home, capsys):
    files = export_files()
    files["Connections.csv"] = files["Connections.csv"].replace("Acme", "Acmé").encode("cp1252")
    folder = write_export(tmp_path / "e", files)
    capsys.readouterr()
    assert main(["ingest", str(folder), "--home", str(home)]) == 0
    assert (
        "note: e: Connections.csv: not valid UTF-8; decoded as cp1252 (re-saved by Excel?)"
        in capsys.readouterr().err.splitlines()
    )
    assert query(home, "select distinct company from raw.linkedin__connections") == [("Acmé",)]
