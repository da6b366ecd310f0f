"""Every era's fixture export parses to exactly the records its EXPECTED.md lists (written from the format spec,
independently of the parser), and loads end to end with nothing quarantined."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timezone
from pathlib import Path

import duckdb
import pytest

from conftest import ERAS, zip_folder
from flows.cli import main
from ingest.archive import open_export
from ingest.coerce import _fix_shares
from ingest.decode import decode_bytes
from ingest.parse import _find_header, _records, _unique_header
from ingest.registry import BY_FILE, norm_file, norm_header

ERA_NAMES = ["2018", "2021", "2022", "2023", "2024-12", "2025", "2025-12-basic", "2026"]
MEMBERS = {
    "2018": ("casey-northwood", "Casey Northwood", None),
    "2021": ("rowena-quill", "Rowena Quill", "https://www.linkedin.com/in/rowena-quill"),
    "2022": ("henrietta-vale", "Henrietta Vale", "https://www.linkedin.com/in/henrietta-vale"),
    "2023": ("tobias-marlowe-8a1f", "Tobias Marlowe", "https://www.linkedin.com/in/tobias-marlowe-8a1f"),
    "2024-12": ("ingrid-solberg-ames", "Ingrid Solberg-Ames", "https://www.linkedin.com/in/ingrid-solberg-ames"),
    "2025": ("kwame-asante-boyd", "Kwame Asante-Boyd", "https://www.linkedin.com/in/kwame-asante-boyd"),
    "2025-12-basic": ("adaeze-nwosu-hart", "Adaeze Nwosu-Hart", "https://www.linkedin.com/in/adaeze-nwosu-hart"),
    "2026": ("lucia-marenco", "Lucía Marenco", "https://www.linkedin.com/in/lucia-marenco"),
}

CONNECTED_2018 = datetime(2018, 10, 3, 17, 42, tzinfo=timezone.utc)


def expected_files(era: str) -> dict[str, tuple[list[str], list[list[str]]]]:
    """Return {file path: (header, records)} from an era's EXPECTED.md (CSV sections only)."""
    text = (ERAS / era / "EXPECTED.md").read_text()
    out = {}
    for section in re.split(r"^## ", text, flags=re.M)[1:]:
        name = section.split("`")[1]
        header = re.search(r"^Header: (\[.*\])$", section, re.M)
        block = re.search(r"```json\n(.*?)```", section, re.S)
        if header and block:
            out[name] = (json.loads(header.group(1)), [json.loads(l) for l in block.group(1).splitlines() if l.strip()])
    return out


CASES = [(era, name) for era in ERA_NAMES for name in expected_files(era)]


@pytest.mark.parametrize(("era", "name"), CASES, ids=[f"{e}:{n.rsplit('/', 1)[-1]}" for e, n in CASES])
def test_era_file_parses_to_the_expected_records(era, name):
    data = (ERAS / era / name).read_bytes()
    spec = BY_FILE.get(norm_file(Path(name).name))
    decoded = decode_bytes(data, name)
    line, header = _find_header(decoded.text, decoded.delimiter, spec, name)
    records = _records(decoded.text, decoded.delimiter, spec.dialect if spec else "standard", line)
    fields = [[f.replace("\r\n", "\n") for f in fs] for _, fs in records]
    if spec is not None and spec.post == "shares":
        i = [norm_header(h) for h in header].index("sharecommentary")
        for f in fields:
            f[i] = _fix_shares(f[i])
    want_header, want_records = expected_files(era)[name]
    assert _unique_header(header) == want_header
    assert fields == want_records


@pytest.fixture(scope="module")
def era_homes(tmp_path_factory):
    """Load every era (zipped) into its own home; return {era: home}."""
    homes = {}
    for era in ERA_NAMES:
        base = tmp_path_factory.mktemp(era)
        assert main(["ingest", str(zip_folder(ERAS / era, base / f"{era}.zip")), "--home", str(base / "home"),
                     "--include-sensitive"]) == 0
        homes[era] = base / "home"
    return homes


def query(home: Path, sql: str, *params):
    with duckdb.connect(str(home / "warehouse" / "linkedin.duckdb"), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


@pytest.mark.parametrize("era", ERA_NAMES)
def test_era_loads_every_expected_record_and_quarantines_nothing(era_homes, era):
    home = era_homes[era]
    expected = {Path(n).name: len(r) for n, (_, r) in expected_files(era).items()}
    ledger = {Path(f).name: (loaded, quarantined) for f, loaded, quarantined in query(
        home, "select source_file, rows_loaded, rows_quarantined from raw.load_ledger where table_name is not null")}
    assert {n: ledger[n] for n in expected} == {n: (c, 0) for n, c in expected.items()}
    assert query(home, "select member, member_name, member_profile_url from raw.exports") == [MEMBERS[era]]


def test_2018_legacy_utf16_and_us_dates(era_homes):
    home = era_homes["2018"]
    assert query(home, "select searched_at, query from raw.linkedin__search_queries order by searched_at") == [
        (datetime(2018, 5, 14, 13, 20, 9, tzinfo=timezone.utc), "Elodie Marchand"),
        (datetime(2018, 10, 2, 7, 55, 30, tzinfo=timezone.utc), "account manager, packaging"),
        (datetime(2018, 10, 30, 21, 4, 11, tzinfo=timezone.utc), "paper suppliers leeds")]
    rows = query(home, "select sent_at, has_sent_at_tz, direction, folder, is_from_owner from "
                       "staging.stg_linkedin__messages order by sent_at")
    assert [r[2:] for r in rows] == [("INCOMING", "ARCHIVED", False), ("OUTGOING", "ARCHIVED", True),
                                     ("INCOMING", "INBOX", False), ("OUTGOING", "SENT", True)]
    assert rows[0][0] == datetime(2018, 3, 22, 16, 47, tzinfo=timezone.utc)
    assert {r[1] for r in rows} == {False}
    # 2018 writes the time of day ('10/3/18, 5:42 PM'): it is kept, and flagged as given.
    assert query(home, "select connected_at, has_connected_at_time from raw.linkedin__connections "
                       "order by _source_line limit 1") == [(CONNECTED_2018, True)]
    assert query(home, "select connected_on from staging.stg_linkedin__connections where connected_at = ?",
                 CONNECTED_2018) == [(date(2018, 10, 3),)]


def test_2024_12_drafts_and_orphan_drafts(era_homes):
    rows = query(era_homes["2024-12"], "select conversation_id is null, folder, is_message_draft, is_draft "
                                       "from staging.stg_linkedin__messages order by sent_at")
    assert sorted(rows, key=str) == sorted([
        (False, "ARCHIVE", False, False), (True, None, True, True), (False, "INBOX", False, False),
        (False, "INBOX", True, True), (False, "INBOX", False, False), (True, None, True, True)], key=str)


def test_2026_nested_articles_and_numbered_chunks(era_homes):
    home = era_homes["2026"]
    assert query(home, "select title, article_url, created_at, published_at, is_published from raw.linkedin__articles") == [
        ("Data pipelines are coffee supply chains",
         "https://www.linkedin.com/pulse/data-pipelines-are-coffee-supply-chains-lucia-marenco-x1y2z",
         datetime(2026, 2, 8, 22, 10, tzinfo=timezone.utc), datetime(2026, 2, 10, 19, 0, tzinfo=timezone.utc), True)]
    assert query(home, "select distinct _source_file from raw.linkedin__comments order by 1") == [
        ("Comments_111.csv",), ("Comments_112.csv",)]
    assert query(home, "select content_text, has_html from raw.linkedin__messages where conversation_title = "
                       "'Sponsored Conversation'") == [("Hola %FIRSTNAME%,\nTry our lakehouse free for 30 days.", True)]
