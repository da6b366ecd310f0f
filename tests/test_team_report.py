"""A team's report: the index page and one page per member (above `presenting.report.TEAM_ABOVE` members, set to 1
here so that a three-member team is a team), what an incremental publish re-renders, `forget`, hostile member keys."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from linkedin_ssi.ingest.load import load_export
from linkedin_ssi.ingest.ssi_store import import_ssi_file
from linkedin_ssi.presenting.publish import publish
from linkedin_ssi.presenting.report import write_report
from linkedin_ssi.presenting.report_page import page_href, page_name

from support import copy_warehouse, forget_member, monthly_exports

MEMBER_ROW = re.compile(r'<tr><td><a href="([^"]+)">([^<]*)</a></td>(.*?)</tr>')


@dataclass
class Team:
    home: Path
    late: Path  # the newest export of the last member, loaded by the incremental test
    late_member: str

    @property
    def warehouse(self) -> Path:
        return self.home / "warehouse" / "linkedin.duckdb"

    @property
    def index(self) -> Path:
        return self.home / "reports" / "report.html"

    @property
    def pages(self) -> Path:
        return self.home / "reports" / "members"


def q(path: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


@pytest.fixture(scope="module")
def team(tmp_path_factory):
    """Yield a three-member team (two monthly exports each, the last member's second held back, and SSI histories)
    published as a team's report."""
    root = tmp_path_factory.mktemp("teamreport")
    histories = monthly_exports(root / "team", members=3, scale=0.05, seed=11, months=2)
    last = sorted(histories)[-1]
    late = histories[last][-1]
    home = root / "home"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("linkedin_ssi.presenting.report.TEAM_ABOVE", 1)
        # Loaded and imported without publishing, then one publish: what `ingest` and `ssi import` do, once.
        for member, zips in histories.items():
            for z in zips:
                if z != late:
                    load_export(home, z)
            import_ssi_file(home, zips[0].parent / "ssi_scores.csv", member)
        assert publish(home).incremental is False
        owner = q(
            home / "warehouse" / "linkedin.duckdb",
            "select distinct member from marts.loaded_exports where source_name = ?",
            [histories[last][0].name],
        )
        assert len(owner) == 1
        yield Team(home, late, owner[0][0])


def index_rows(index: Path) -> list[tuple[str, str, list[str]]]:
    """Return the members table of an index page: (link, member, the other cells' text)."""
    page = index.read_text(encoding="utf-8")
    rows = MEMBER_ROW.findall(page[page.index('<section id="members">') :])
    return [(href, member, re.findall(r"<td[^>]*>(.*?)</td>", rest)) for href, member, rest in rows]


def test_the_index_lists_every_member_with_a_link_to_its_page_and_the_marts_figures(team):
    expected = q(
        team.warehouse,
        """
        with e as (select member, max_by(member_name, exported_at) as name, count(*) as exports,
                          max(exported_at)::date as made, sum(rows_quarantined) as quarantined
                   from marts.loaded_exports group by member),
             s as (select member, count(*) as scores, max_by(total, score_date) as total, max(score_date) as day
                   from marts.ssi_scores group by member),
             c as (select member, count(estimate) as tested,
                          count(*) filter (where verdict in ('positive association', 'negative association')) as flagged
                   from marts.pillar_correlations group by member)
        select e.member, e.name, e.exports, e.made, e.quarantined, s.scores, s.total, s.day, c.tested, c.flagged
        from e join s using (member) join c using (member) order by e.member""",
    )
    assert len(expected) == 3
    rows = index_rows(team.index)
    assert [(href, member) for href, member, _ in rows] == [(f"members/{r[0]}.html", r[0]) for r in expected]
    for (href, _, cells), (_, name, exports, made, quarantined, scores, total, day, tested, flagged) in zip(
        rows, expected
    ):
        assert (team.index.parent / href).is_file()
        assert cells == [
            name,
            str(exports),
            str(made),
            f"{quarantined:,}",
            str(scores),
            f"{total:.2f}",
            str(day),
            f"{tested:,}",
            f"{flagged:,}",
        ]
    page = team.index.read_text(encoding="utf-8")
    summary = re.sub(r"<[^>]+>", "", page[page.index('class="summary"') : page.index("</header>")])
    (exports, scored, first, last) = q(
        team.warehouse,
        "select (select count(*) from marts.loaded_exports), count(*), min(score_date), max(score_date) "
        "from marts.ssi_scores",
    )[0]
    assert f">3 members, each on its own page (the members); {exports} exports loaded" in summary
    assert f"{scored} recorded SSI scores from {first} to {last}" in summary
    # The team as a whole: the pooled rows and the catalog, and no member's own charts.
    assert "All members (pooled" in page and '<section id="catalog">' in page and "SSI total of" not in page
    assert page.count('<rect class="hm-cell" data-member="all"') > 0
    assert f'data-member="{expected[0][0]}"' not in page
    # The index reads the counts each member's build made, and the pooled row's made at the publish: the cells' own.
    flagged = "verdict in ('positive association', 'negative association')"
    counted = q(
        team.warehouse,
        f"select member, count(*), count(estimate), count(*) filter (where {flagged}), "
        f"count(*) filter (where {flagged} and method = 'spearman' and measure = 'change') "
        "from marts.pillar_correlations group by member order by member",
    )
    assert len(counted) == 4 and counted[0][0] == "all"
    assert q(team.warehouse, "select * from marts.correlation_counts order by member") == counted


def y_tick_labels(page: str, label: str) -> list[str]:
    svg = page[page.index(f'aria-label="{label}"') :]
    svg = svg[: svg.index("</svg>")]
    return re.findall(r'text-anchor="end" font-size="10">([^<]*)</text>', svg)


def test_a_members_page_shows_that_members_charts_only_on_the_ssi_scale(team):
    members = [m for _, m, _ in index_rows(team.index)]
    for member in members:
        page = (team.pages / page_name(member)).read_text(encoding="utf-8")
        assert f'aria-label="SSI total of {member}"' in page and '<a href="../report.html">' in page
        assert [m for m in members if f"SSI total of {m}" in page or f'data-member="{m}"' in page] == [member]
        assert "All members (pooled" not in page and 'data-member="all"' not in page
        exports = q(team.warehouse, "select source_name from marts.loaded_exports where member = ?", [member])
        assert all(f"Load ledger of {name} ({member}," in page for (name,) in exports)
        # Fixed axes: a member's page does not depend on the other members' scores.
        assert y_tick_labels(page, f"SSI total of {member}") == ["0", "25", "50", "75", "100"]
        assert y_tick_labels(page, f"SSI pillars of {member}") == ["0", "10", "20", "30"]


def stats(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in folder.iterdir()}


def test_a_new_export_rerenders_its_members_page_and_the_index_only_and_forget_removes_the_page(team, monkeypatch):
    monkeypatch.setattr("linkedin_ssi.presenting.report.TEAM_ABOVE", 1)
    before, index = stats(team.pages), stats(team.index.parent)["report.html"]
    assert len(before) == 3
    load_export(team.home, team.late)
    published = publish(team.home)
    assert (published.members_built, published.incremental) == ([team.late_member], True)
    after = stats(team.pages)
    assert sorted(after) == sorted(before)
    assert [name for name in sorted(after) if after[name] != before[name]] == [page_name(team.late_member)]
    assert stats(team.index.parent)["report.html"] != index
    assert f"Load ledger of {team.late.name} ({team.late_member}," in (
        team.pages / page_name(team.late_member)
    ).read_text(encoding="utf-8")

    forget_member(team.home, team.late_member)
    assert publish(team.home).members_built == []
    left = stats(team.pages)
    assert sorted(left) == sorted(set(before) - {page_name(team.late_member)})
    assert all(left[name] == before[name] for name in left)  # nobody else's page was rendered again
    assert team.late_member not in [m for _, m, _ in index_rows(team.index)]
    assert [p.name for p in team.home.joinpath("reports").rglob(".*")] == []  # nothing staged is left behind


def test_a_hostile_member_key_stays_inside_the_members_folder(team, tmp_path, monkeypatch):
    monkeypatch.setattr("linkedin_ssi.presenting.report.TEAM_ABOVE", 1)
    hostile = "../../escaped/x"
    (victim,) = q(team.warehouse, "select min(member) from marts.loaded_exports")[0]
    tables = q(
        team.warehouse,
        "select distinct table_name from duckdb_columns() where schema_name = 'marts' and column_name = 'member'",
    )
    renames = [f"update marts.{t} set member = '{hostile}' where member = '{victim}'" for (t,) in tables]
    path = copy_warehouse(team.warehouse, tmp_path / "w", *renames)
    out = tmp_path / "out" / "reports"
    write_report(path, out / "report.html")
    files = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    written = [f for f in files if not f.startswith("w/")]
    assert "out/reports/members/%2E%2E%2F%2E%2E%2Fescaped%2Fx.html" in written
    assert all(f.startswith("out/reports/") for f in written) and not (tmp_path / "escaped").exists()
    assert [(href, m) for href, m, _ in index_rows(out / "report.html") if "escaped" in m] == [
        ("members/%252E%252E%252F%252E%252E%252Fescaped%252Fx.html", hostile)
    ]


def test_member_page_names_are_file_and_url_safe():
    assert page_name("avery-example") == "avery-example.html"
    assert page_name("zoë-x") == "zo%C3%AB-x.html"
    assert page_name("..") == "%2E%2E.html" and page_name("a/b\\c") == "a%2Fb%5Cc.html"
    assert page_href("a b%") == "members/a%2520b%2525.html"
    assert page_name("") == "%~e3b0c44298fc1c149afbf4c8996fb924.html"
    long = page_name("x" * 300)
    assert long.startswith("%~") and len(long) == 39


def test_a_team_shrinking_to_one_page_removes_the_member_pages(team, tmp_path, monkeypatch):
    out = tmp_path / "reports" / "report.html"
    monkeypatch.setattr("linkedin_ssi.presenting.report.TEAM_ABOVE", 1)
    write_report(team.warehouse, out)
    members = q(team.warehouse, "select count(distinct member) from marts.loaded_exports")[0][0]
    assert len(list((out.parent / "members").iterdir())) == members
    monkeypatch.setattr("linkedin_ssi.presenting.report.TEAM_ABOVE", 12)
    write_report(team.warehouse, out)
    assert [p.name for p in out.parent.iterdir()] == ["report.html"]
    assert out.read_text(encoding="utf-8").count('aria-label="SSI total of ') == members


def test_a_report_that_fails_half_way_publishes_nothing_and_leaves_nothing(team, tmp_path, monkeypatch):
    out = tmp_path / "reports" / "report.html"
    monkeypatch.setattr("linkedin_ssi.presenting.report.TEAM_ABOVE", 1)
    write_report(team.warehouse, out)
    before = stats(out.parent / "members")

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("linkedin_ssi.presenting.report_team.render_index", broken)
    with pytest.raises(OSError, match="disk full"):
        write_report(team.warehouse, out)
    assert stats(out.parent / "members") == before and sorted(p.name for p in out.parent.iterdir()) == [
        "members",
        "report.html",
    ]


def test_the_index_draws_an_even_sample_of_the_pooled_pairs(team, tmp_path, monkeypatch):
    monkeypatch.setattr("linkedin_ssi.presenting.report.TEAM_ABOVE", 1)
    monkeypatch.setattr("linkedin_ssi.presenting.report_team.POOLED_POINTS", 10)
    out = write_report(team.warehouse, tmp_path / "report.html")
    totals = q(
        team.warehouse,
        "select pillar, count(*) from marts.strongest_cell_pairs where member = 'all' group by pillar order by pillar",
    )
    assert totals and all(n > 10 for _, n in totals)
    notes = re.findall(r"([\d,]+) of the ([\d,]+) pairs drawn", out.read_text(encoding="utf-8"))
    # Every step-th pair, step = ceil(n / 10): at most 10 of them, in the pillars' order on the page.
    expected = {(str(len(range(0, n, -(-n // 10)))), str(n)) for _, n in totals}
    assert set(notes) == expected and len(notes) == len(totals)


PAIRED = "intermediate.int_proxy_observations_paired"


def test_a_full_build_reports_the_members_tested_the_parts_written_and_the_pages_rendered(team, tmp_path, monkeypatch):
    # Minutes of a large team's full build that said nothing: its members' tests (a batch at a time), its parts and
    # its report's member pages.
    home = tmp_path / "home"
    shutil.copytree(team.home, home)  # a copied home is built in full
    monkeypatch.setattr("linkedin_ssi.models.analysis.ANALYSIS_BATCH", 2)
    steps: list[tuple[str, int, int, str]] = []
    assert publish(home, on_step=lambda *step: steps.append(step)).incremental is False
    # The members with observations (three, or two once an earlier test of this module has forgotten one), by two.
    (n,) = q(home / "warehouse" / "linkedin.duckdb", "select count(distinct member) from " + PAIRED)[0]
    assert n >= 2
    batches = [min(done, n) for done in range(2, n + 2, 2)]
    assert [s for s in steps if s[0] == "testing correlations"] == [
        ("testing correlations", done, n, f"{done} of {n} member(s)") for done in batches
    ]
    parts = [s for s in steps if s[0] == "writing parts"]
    assert [(done, total) for _, done, total, _ in parts] == [(i, len(parts)) for i in range(1, len(parts) + 1)]
    assert {"raw.linkedin__connections", "intermediate.int_member_correlations"} <= {s[3] for s in parts}
    # Every member's page (a full build renders them all), then the index.
    warehouse = home / "warehouse" / "linkedin.duckdb"
    members = [m for (m,) in q(warehouse, "select distinct member from marts.loaded_exports")]
    pages = [s for s in steps if s[0] == "writing the report"]
    total = len(members) + 1
    assert [(done, of) for _, done, of, _ in pages] == [(i, total) for i in range(1, total + 1)]
    folder = home / "reports" / "members"
    assert sorted(s[3] for s in pages[:-1]) == sorted(str(folder / page_name(m)) for m in members)
    assert pages[-1][3] == str(home / "reports" / "report.html")


def test_the_build_counts_every_marts_rows_the_members_and_the_pooled(team, tmp_path):
    # The counts `build` prints: a table the build's transaction made counted 0 rows, and a mart of member rows and
    # pooled rows only its members'.
    home = tmp_path / "home"
    shutil.copytree(team.home, home)
    tables = publish(home).tables
    warehouse = home / "warehouse" / "linkedin.duckdb"
    marts = [
        name
        for (name,) in q(
            warehouse,
            "select table_schema || '.' || table_name from information_schema.tables where table_schema = 'marts'",
        )
    ]
    counted = {name: q(warehouse, f"select count(*) from {name}")[0][0] for name in marts}
    assert {name: tables.get(name) for name in marts} == counted
    assert counted["marts.proxy_catalog"] == 39 and counted["marts.claim_tests"] > 0
    pooled = q(warehouse, "select count(*) from marts.strongest_cell_pairs where member = 'all'")[0][0]
    assert 0 < pooled < counted["marts.strongest_cell_pairs"]
