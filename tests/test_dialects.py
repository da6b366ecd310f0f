"""Each LinkedIn quoting dialect, on byte-exact snippets of the quirks in linkedin-export-format.md §2."""

import pytest
from linkedin_ssi.ingest import dialects
from linkedin_ssi.ingest.coerce import _fix_shares, html_to_text
from linkedin_ssi.ingest.decode import decode_bytes
from linkedin_ssi.ingest.errors import ExportFormatError


def test_standard_reader_reports_the_line_each_record_starts_on_and_skips_blank_lines():
    text = 'a,b\n1,"two\nlines"\n\n3,x\n\n'
    assert list(dialects.read_standard(text)) == [(1, ["a", "b"]), (2, ["1", "two\nlines"]), (5, ["3", "x"])]


def test_comments_2021_unquoted_multiline_record_is_rebuilt_from_its_timestamp():
    text = (
        "Date,Link,Message\r\n"
        "2021-05-01 10:00:00,https://www.linkedin.com/feed/update/urn%3Ali%3Aactivity%3A1,First line\r\n"
        "second line\r\n"
        "third line\r\n"
        '2021-05-02 11:00:00,https://www.linkedin.com/feed/update/urn%3Ali%3Aactivity%3A2,"Great, ""really"" great"\r\n'
    )
    assert list(dialects.read_comments(text, 1)) == [
        (
            2,
            [
                "2021-05-01 10:00:00",
                "https://www.linkedin.com/feed/update/urn%3Ali%3Aactivity%3A1",
                "First line\nsecond line\nthird line",
            ],
        ),
        (
            5,
            [
                "2021-05-02 11:00:00",
                "https://www.linkedin.com/feed/update/urn%3Ali%3Aactivity%3A2",
                'Great, "really" great',
            ],
        ),
    ]


def test_comments_2025_backslash_escaped_quotes_including_a_closing_one():
    text = (
        "Date,Link,Message\n"
        '2025-06-01 09:00:00,https://x/1,"She said \\"ship it\\""\n'
        '2025-06-02 09:00:00,https://x/2,"multi\nline, with comma"\n'
    )
    assert list(dialects.read_comments(text, 1)) == [
        (2, ["2025-06-01 09:00:00", "https://x/1", 'She said "ship it"']),
        (3, ["2025-06-02 09:00:00", "https://x/2", "multi\nline, with comma"]),
    ]


def test_comments_text_before_the_first_record_is_kept_as_a_malformed_record():
    assert list(dialects.read_comments("Date,Link,Message\ngarbage\n", 1)) == [(2, ["garbage"])]


def test_search_queries_2025_unquoted_commas_split_at_the_first_comma_only():
    text = 'Time,Search Query\n2025/01/02 10:00:00 UTC,ceo, lisbon, saas\n2024/05/01 08:00:00 UTC,"vp sales, emea"\n'
    assert list(dialects.read_first_comma(text, 1)) == [
        (2, ["2025/01/02 10:00:00 UTC", "ceo, lisbon, saas"]),
        (3, ["2024/05/01 08:00:00 UTC", "vp sales, emea"]),
    ]


def test_shares_line_break_mangling_is_undone_including_an_empty_line():
    # "A⏎⏎B" is written by LinkedIn as A"⏎""⏎"B (spec §2.4).
    assert _fix_shares('A"\n""\n"B') == "A\n\nB"
    assert _fix_shares('One"\r\n"two') == "One\r\ntwo"
    assert _fix_shares('He said "hi"') == 'He said "hi"'


def test_html_message_bodies_become_text():
    body = '<p class="spinmail-quill-editor__spin-break">Hi %FIRSTNAME%,</p><p>Tools &amp; tips<br>today&nbsp;only</p>'
    assert html_to_text(body) == "Hi %FIRSTNAME%,\nTools & tips\ntoday only"
    assert html_to_text("plain 2 < 3") == "plain 2 < 3"


def test_utf16_legacy_files_are_tab_separated():
    data = '"Time"\t"Search Query"\n"2018/01/02 03:04:05 UTC"\t"a, b"'.encode("utf-16")
    decoded = decode_bytes(data, "Search Queries.csv")
    assert (decoded.encoding, decoded.delimiter) == ("utf-16", "\t")
    assert list(dialects.read_standard(decoded.text, "\t")) == [
        (1, ["Time", "Search Query"]),
        (2, ["2018/01/02 03:04:05 UTC", "a, b"]),
    ]


def test_only_a_leading_bom_is_stripped():
    decoded = decode_bytes("\ufeffa,b\n1,x\ufeffy\n".encode(), "f.csv")
    assert decoded.encoding == "utf-8-sig"
    assert decoded.text == "a,b\n1,x\ufeffy\n"


def test_cp1252_fallback_warns_and_names_the_file():
    decoded = decode_bytes("Name\nCaf\xe9\n".encode("cp1252"), "Skills.csv")
    assert decoded.text == "Name\nCafé\n"
    assert decoded.warnings == ["Skills.csv: not valid UTF-8; decoded as cp1252 (re-saved by Excel?)"]


def test_undecodable_bytes_raise_a_one_line_error():
    with pytest.raises(ExportFormatError) as e:
        decode_bytes(b"Name\n\x81\x8d\x8f\x90\x9d\n", "Skills.csv")
    assert str(e.value) == "Skills.csv: not UTF-8, UTF-16 or cp1252 text (byte 0x81 at offset 5)"
