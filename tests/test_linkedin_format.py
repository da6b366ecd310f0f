"""The shared writer of LinkedIn-format files (`synthetic/linkedin_format/`): each dialect, date format, layout and
link shape gives exactly the text the export format spec shows, and the ZIP's bytes depend only on its input."""

from __future__ import annotations

import base64
import random
import uuid
import zipfile
from datetime import date, datetime, timedelta

from linkedin_ssi.synthetic.linkedin_format import dates, headers, links, ssi_csv
from linkedin_ssi.synthetic.linkedin_format.archive import export_zip_name, write_folder, write_zip
from linkedin_ssi.synthetic.linkedin_format.layout import ExportFile, Layout, chunked
from linkedin_ssi.synthetic.linkedin_format.quoting import (
    join_fields,
    mangle_commentary,
    q_all,
    q_comments_2025,
    q_comments_legacy,
    q_min,
    q_none,
)


def test_quoting_dialects():
    assert [q_min(v) for v in ("plain", "a,b", 'say "hi"', "two\nlines", "")] == [
        "plain",
        '"a,b"',
        '"say ""hi"""',
        '"two\nlines"',
        "",
    ]
    assert [q_all(v) for v in ("plain", "", 'a"b')] == ['"plain"', '""', '"a""b"']
    assert q_none("data engineer, lisbon") == "data engineer, lisbon"
    # 2021-2024 Comments: a line break alone stays unquoted; 2025+: quoted, quotes escaped with a backslash.
    assert [q_comments_legacy(v) for v in ("one\ntwo", 'a "b"', "x, y")] == ["one\ntwo", '"a ""b"""', '"x, y"']
    assert [q_comments_2025(v) for v in ("one\ntwo", 'a "b"', "plain")] == ['"one\ntwo"', '"a \\"b\\""', "plain"]
    # Shares' mangling, then the usual quoting: each line break becomes `"` + break + `"`, and those quotes double.
    assert q_min(mangle_commentary("Line one\n\nLine two")) == '"Line one""\n""""\n""Line two"'
    assert join_fields(["Lisbon", "Lisbon, Portugal", ""]) == 'Lisbon,"Lisbon, Portugal",'
    assert join_fields(["SQL", "ACCEPTED"], q_all, "\t") == '"SQL"\t"ACCEPTED"'


def test_date_formats():
    dt = datetime(2026, 3, 7, 13, 7, 5)  # a Saturday afternoon
    assert [
        dates.iso(dt),
        dates.iso_utc(dt),
        dates.slash_utc(dt),
        dates.us_short(dt),
        dates.us_padded(dt),
        dates.java(dt),
        dates.learning(dt),
    ] == [
        "2026-03-07 13:07:05",
        "2026-03-07 13:07:05 UTC",
        "2026/03/07 13:07:05 UTC",
        "3/7/26, 1:07 PM",
        "03/07/26, 01:07 PM",
        "Sat Mar 07 13:07:05 UTC 2026",
        "2026-03-07 13:07 UTC",
    ]
    assert dates.connected_on(date(2024, 3, 5)) == "05 Mar 2024"
    assert [dates.clock_12h(0, 5), dates.clock_12h(12, 0), dates.clock_12h(23, 59)] == [
        "12:05 AM",
        "12:00 PM",
        "11:59 PM",
    ]
    assert (
        dates.rich_media("profile photo", datetime(2026, 3, 14, 19, 1))
        == "You uploaded a profile photo on March 14, 2026 at 7:01 PM (GMT)"
    )
    assert (
        dates.event_range(datetime(2026, 3, 12, 18, 30), datetime(2026, 3, 12, 20, 0))
        == "Mar 12, 2026 06:30 PM - Mar 12, 2026 08:00 PM"
    )


def test_the_clock_gives_the_formatters_text():
    base = date(2024, 2, 27)  # across a leap day and a month end
    clock = dates.Clock(base, 4)
    rng = random.Random(5)
    for t in [0, 59, 43_200, 86_399, 86_400 * 2 + 3_661, 86_400 * 4 + 86_399, *rng.sample(range(86_400 * 5), 200)]:
        dt = datetime(2024, 2, 27) + timedelta(seconds=t)
        assert (
            clock.iso(t),
            clock.iso_utc(t),
            clock.slash_utc(t),
            clock.us_short(t),
            clock.java(t),
            clock.rich_media("video", t),
        ) == (
            dates.iso(dt),
            dates.iso_utc(dt),
            dates.slash_utc(dt),
            dates.us_short(dt),
            dates.java(dt),
            dates.rich_media("video", dt),
        )
        assert clock.conn_day[t // 86_400] == dates.connected_on(dt.date())
    assert clock.epoch_ms_at(1) == 1_708_992_000_000 + 1_000


def test_layouts_turn_text_into_exact_bytes():
    crlf_no_final = Layout(eol="\r\n", final_eol=False)
    assert list(crlf_no_final.encode(["h1,h2\n", 'a,"b\nc"\n', "d,e\n"])) == [b"h1,h2\r\n", b'a,"b\r\nc"\r\n', b"d,e"]
    assert b"".join(Layout(extra_blank_line=True).encode(["Profile Summary\n"])) == b"Profile Summary\n\n"
    utf16 = list(Layout(utf16=True, final_eol=False).encode(['"Endorsement Date"\t"Skill Name"\n', '"x"\t"SQL"\n']))
    assert utf16 == [
        b"\xff\xfe" + '"Endorsement Date"\t"Skill Name"\n'.encode("utf-16-le"),
        '"x"\t"SQL"'.encode("utf-16-le"),
    ]  # the BOM once, at the start
    assert list(Layout().encode([])) == []
    assert Layout(eol="\r\n").describe() == "UTF-8, no BOM, CRLF"
    assert (
        Layout(utf16=True, final_eol=False).describe()
        == "UTF-16LE + BOM `FF FE`, TAB-separated, all fields quoted, LF, **no trailing newline**"
    )
    assert list(chunked([f"{i}\n" for i in range(5)], "n\n", size=2)) == ["n\n", "0\n1\n", "2\n3\n", "4\n"]


def test_headers_per_era():
    assert (
        join_fields(headers.connections(with_url=False))
        == "First Name,Last Name,Email Address,Company,Position,Connected On"
    )
    assert len(headers.MESSAGES["2021"]) == 9 and "RECIPIENT PROFILE URLS" not in headers.MESSAGES["2021"]
    assert headers.MESSAGES["2024-12"][-2:] == ["IS MESSAGE DRAFT", "IS CONVERSATION DRAFT"]
    assert len(headers.MESSAGES_UNION) == 13
    assert headers.shares("URL")[3:5] == ["SharedURL", "MediaURL"]
    preamble = "\n".join(headers.CONNECTIONS_PREAMBLE[:2]).encode()
    assert len(preamble) == 373 and headers.CONNECTIONS_PREAMBLE[2] == ""  # 374 bytes with the newline after line 2


def test_link_and_id_shapes():
    assert links.profile_url("zoë-lambert-5e2b19", scheme=False) == "www.linkedin.com/in/zoë-lambert-5e2b19"
    assert links.ascii_slug("Zoë  Lambert, PhD") == "zoe-lambert-phd"
    assert links.feed_update_url("ugcPost", 7) == "https://www.linkedin.com/feed/update/urn%3Ali%3AugcPost%3A7"
    assert (
        links.feed_update_url("groupPost", "12-7", encoded=False)
        == "https://www.linkedin.com/feed/update/urn:li:groupPost:12-7"
    )
    assert links.comment_reaction_url(7, 9) == (
        "https://www.linkedin.com/feed/update/urn%3Ali%3Aactivity%3A7"
        "?commentUrn=urn%3Ali%3Acomment%3A(activity%3A7%2C9)"
    )
    post = links.activity_id(1_760_000_000_000, 12_345)
    assert (len(str(post)), post >> 22, post & 0x3FFFFF) == (19, 1_760_000_000_000, 12_345)
    cid = links.conversation_id(random.Random(1))
    u, suffix = base64.b64decode(cid.removeprefix("2-")).decode().split("_")
    assert cid.startswith("2-") and uuid.UUID(u).version == 4 and suffix in links.CONVERSATION_SUFFIXES
    assert cid == links.conversation_id(random.Random(1))
    coach = base64.b64decode(links.conversation_id(random.Random(1), suffix="100").removeprefix("2-")).decode()
    assert coach == f"{u}_100"  # the same uuid: the suffix, when given, draws nothing


def test_ssi_rows():
    assert ssi_csv.score_row("2026-04-06", [1234, 567, 890, 1], 12, 8) == "2026-04-06,26.92,12.34,5.67,8.90,0.01,12,8"
    assert ssi_csv.score_row("2026-04-06", [0, 0, 0, 0], 100, 100, "avery").endswith(",0.00,100,100,avery")
    assert [ssi_csv.pillar_cents(v) for v in (25.7, -1.0, 12.3456)] == [2500, 0, 1235]
    assert ssi_csv.ranks(100.0, random.Random(3)) == (1, 1)  # a perfect score is in every top 1%


def test_zip_and_folder(tmp_path):
    def files():
        return [
            ExportFile("Connections.csv", 1, ["First Name\n", "Ada\n"], Layout(final_eol=False)),
            ExportFile("Jobs/Saved Jobs.csv", 0, ["Saved Date\n"], Layout(eol="\r\n")),
        ]

    day = date(2026, 10, 15)
    seen = []
    sizes = write_zip(tmp_path / "a.zip", files(), day, on_file=lambda f, n: seen.append((f.path, n)))
    write_zip(tmp_path / "b.zip", files(), day)
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()
    assert sizes == {"Connections.csv": 14, "Jobs/Saved Jobs.csv": 12} and seen == list(sizes.items())
    with zipfile.ZipFile(tmp_path / "a.zip") as zf:
        assert [(i.filename, i.date_time) for i in zf.infolist()] == [
            ("Connections.csv", (2026, 10, 15, 9, 0, 0)),
            ("Jobs/Saved Jobs.csv", (2026, 10, 15, 9, 0, 0)),
        ]
        assert zf.read("Connections.csv") == b"First Name\nAda"
    write_folder(tmp_path / "export", files(), [("__MACOSX/._x", b"\x00\x05\x16\x07")])
    assert (tmp_path / "export" / "Jobs" / "Saved Jobs.csv").read_bytes() == b"Saved Date\r\n"
    assert (tmp_path / "export" / "__MACOSX" / "._x").read_bytes() == b"\x00\x05\x16\x07"
    assert export_zip_name(day) == "Complete_LinkedInDataExport_10-15-2026.zip"
