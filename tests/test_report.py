"""The HTML report: content from the demo warehouse, empty warehouses, escaping, and a real render in Chromium."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import stat
import subprocess
from pathlib import Path

import duckdb
import pytest
from linkedin_ssi.flows.cli import main
from linkedin_ssi.presenting.report import write_report
from markupsafe import escape

from support import REPO, copy_warehouse, needs_repo

SECTIONS = [
    "1. SSI over time",
    "2. Strongest proxies per pillar",
    "3. The correlation grid (Spearman, change)",
    "4. What each proxy can and cannot see",
    "5. Data coverage",
]
HOSTILE = """<script>alert("pwn")</script> & 'x'"""


@pytest.fixture(scope="module")
def demo(demo_home) -> Path:
    """Return the session's demo home (`run` on an empty home builds the bundled sample into <home>/demo)."""
    return demo_home


@pytest.fixture(scope="module")
def warehouse(demo) -> Path:
    return demo / "warehouse" / "linkedin.duckdb"


@pytest.fixture(scope="module")
def report(warehouse, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("out") / "report.html"
    assert write_report(warehouse, target) == target
    return target


def q(path: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_report_has_every_section_in_order_with_the_member_and_the_summary(report):
    page = report.read_text(encoding="utf-8")
    positions = [page.index(f"<h2>{html.escape(title)}</h2>") for title in SECTIONS]
    assert positions == sorted(positions)
    assert "<h1>LinkedIn SSI report</h1>" in page
    assert "Avery Example" in page and "avery-example" in page
    summary = re.sub(r"<[^>]+>", "", page[page.index('class="summary"') : page.index("</header>")])
    assert "1 export loaded" in summary and "28 recorded SSI scores from 2026-04-06 to 2026-10-12" in summary
    assert "Holm" in summary and "are flagged" in summary
    assert "associations, not causes" in page[page.index("<footer>") :]
    assert "Generated " in page[page.index("<footer>") :]


def test_heatmap_has_one_cell_per_spearman_change_row_and_outlines_the_flagged_ones(report, warehouse):
    page = report.read_text(encoding="utf-8")
    rows, flagged = q(
        warehouse,
        "select count(*), count(*) filter (where verdict like '%association') "
        "from marts.pillar_correlations where member = 'avery-example' "
        "and method = 'spearman' and measure = 'change'",
    )[0]
    assert rows == 300
    assert page.count('<rect class="hm-cell" data-member="avery-example"') == rows
    assert page.count('class="hm-flag"') == flagged > 0
    assert (
        page.count('data-verdict="insufficient data"')
        == q(
            warehouse,
            "select count(*) from marts.pillar_correlations where member = 'avery-example' and "
            "method = 'spearman' and measure = 'change' and verdict = 'insufficient data'",
        )[0][0]
    )


def test_strongest_proxies_show_the_planted_effects_with_their_intervals(report):
    page = report.read_text(encoding="utf-8")
    section = page[page.index('<section id="strongest">') : page.index('<section id="grid">')]
    for proxy in ("posts", "search_queries", "invitations_accepted"):
        assert f'<td class="proxy">{proxy}</td>' in section
    assert section.count('<svg class="ci"') >= 4  # error bars (plus the scale heads)
    assert "No Spearman cell of this pillar survives" in section  # insights: nothing flagged in the demo


def test_report_loads_nothing_from_the_network(report):
    page = report.read_text(encoding="utf-8")
    assert not re.search(r"""\b(?:src|href|xlink:href|action|poster)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert not re.search(r"url\(\s*['\"]?\s*(?:https?:)?//", page, re.I)
    assert "@import" not in page and "<link" not in page and "<script" not in page and "<iframe" not in page


def test_report_is_written_atomically_next_to_the_target_readable_by_the_user_only(report, warehouse, tmp_path):
    assert [p.name for p in report.parent.iterdir()] == ["report.html"]
    assert stat.S_IMODE(report.stat().st_mode) == 0o600
    # Even over an older report someone made world-readable, and under a permissive umask.
    old = tmp_path / "report.html"
    old.write_text("old")
    old.chmod(0o644)
    umask = os.umask(0o022)
    try:
        write_report(warehouse, old)
    finally:
        os.umask(umask)
    assert stat.S_IMODE(old.stat().st_mode) == 0o600


def test_empty_warehouse_renders_friendly_placeholders(tmp_path):
    home = tmp_path / "empty"
    assert main(["build", "--home", str(home)]) == 0
    page = write_report(home / "warehouse" / "linkedin.duckdb", tmp_path / "r.html").read_text(encoding="utf-8")
    for title in SECTIONS:
        assert f"<h2>{html.escape(title)}</h2>" in page
    assert page.count("No data yet") == 4  # sections 1-3 (no scores) and 5 (no exports)
    assert "linkedin-ssi ssi import" in page and "linkedin-ssi ingest" in page
    assert "hm-cell" not in page
    assert "profile_completeness" in page  # the catalog is there even before any data


def test_warehouse_without_any_table_still_renders(tmp_path):
    bare = tmp_path / "bare.duckdb"
    duckdb.connect(str(bare)).close()
    page = write_report(bare, tmp_path / "r.html").read_text(encoding="utf-8")
    assert page.count("No data yet") == 4


def test_exports_without_scores_show_coverage_and_ask_for_scores(warehouse, tmp_path):
    path = copy_warehouse(
        warehouse,
        tmp_path / "w",
        "delete from marts.ssi_scores",
        "delete from marts.pillar_correlations",
        "delete from marts.pillar_proxies",
    )
    page = write_report(path, tmp_path / "r.html").read_text(encoding="utf-8")
    assert page.count("No data yet — run <code>linkedin-ssi ssi import</code>") == 3
    coverage = page[page.index('<section id="coverage">') :]
    assert "sample_export" in coverage and "a19c7104085f7d79ddd9" in coverage


def test_names_from_user_files_are_escaped(warehouse, tmp_path):
    value = HOSTILE.replace("'", "''")
    path = copy_warehouse(
        warehouse,
        tmp_path / "w",
        *[
            f"update {table} set {column} = '{value}'"
            for table, column in [
                ("marts.loaded_exports", "member"),
                ("marts.loaded_exports", "member_name"),
                ("marts.loaded_exports", "source_name"),
                ("marts.loaded_files", "member"),
                ("marts.source_coverage", "member"),
                ("marts.ssi_scores", "member"),
                ("marts.pillar_correlations", "member"),
                ("marts.strongest_cells", "member"),
                ("marts.strongest_cell_pairs", "member"),
                ("marts.strongest_cell_pairs", "pair_member"),
            ]
        ],
        *[
            f"update {table} set proxy = '{value}' where proxy = 'posts'"
            for table in (
                "marts.pillar_correlations",
                "marts.strongest_cells",
                "marts.strongest_cell_pairs",
                "marts.proxy_catalog",
            )
        ],
        f"update marts.loaded_files set source_file = '{value}' where source_file = 'Shares.csv'",
    )
    page = write_report(path, tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<script" not in page and 'alert("pwn")' not in page
    escaped = str(escape(HOSTILE))  # what Jinja's autoescaping writes: &lt; &gt; &amp; &#34; &#39;
    assert page.count(escaped) > 20
    assert page.count(f'<rect class="hm-cell" data-member="{escaped}"') == 300
    assert f'<td class="proxy">{escaped}</td>' in page  # the renamed proxy is still brand's strongest


STAMP = re.compile(r"Generated \d{4}-\d\d-\d\d \d\d:\d\d UTC")


def test_the_report_reads_the_marts_only(report, warehouse, tmp_path):
    # Without the raw, staging and intermediate layers the page is the same: it shows what the marts publish.
    path = copy_warehouse(
        warehouse, tmp_path / "w", *[f"drop schema {schema} cascade" for schema in ("intermediate", "staging", "raw")]
    )
    tables = q(path, "select distinct schema_name from duckdb_tables() order by 1")
    assert tables == [("config",), ("marts",), ("meta",)]  # meta: the build record, not read by the report
    page = write_report(path, tmp_path / "r.html").read_text(encoding="utf-8")
    assert STAMP.sub("Generated", page) == STAMP.sub("Generated", report.read_text(encoding="utf-8"))


@needs_repo
def test_templates_are_autoescaped_package_data():
    import fnmatch
    import tomllib

    from linkedin_ssi.presenting.templating import ENVIRONMENT

    assert ENVIRONMENT.autoescape is True
    globs = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"][
        "linkedin_ssi.presenting"
    ]
    files = sorted(p.relative_to(REPO / "presenting").as_posix() for p in (REPO / "presenting" / "templates").iterdir())
    assert "templates/report.html.j2" in files and "templates/report.css" in files
    assert [f for f in files if not any(fnmatch.fnmatch(f, g) for g in globs)] == []  # all of them go in the wheel
    assert sorted(ENVIRONMENT.list_templates()) == [f.removeprefix("templates/") for f in files]


def test_a_chart_element_escapes_its_attributes_and_text():
    from linkedin_ssi.presenting.svg import Node, text, titled

    label = text(1, 2, HOSTILE, "end", 10, fill="#fff")
    assert label.__html__() == (
        '<text x="1.0" y="2.0" text-anchor="end" font-size="10" fill="#fff">'
        "&lt;script&gt;alert(&#34;pwn&#34;)&lt;/script&gt; &amp; &#39;x&#39;</text>"
    )
    cell = titled("rect", "a < b", data_member='"><script>', width=3)
    assert cell.__html__() == '<rect data-member="&#34;&gt;&lt;script&gt;" width="3"><title>a &lt; b</title></rect>'
    assert Node("line", {"x1": 0}).__html__() == '<line x1="0"/>'


# ----------------------------------------------------------------------------------------------------------------------
# A real render in headless Chromium
# ----------------------------------------------------------------------------------------------------------------------

_CHROMIUM: dict[str, str | None] = {}


def find_chromium() -> tuple[str | None, str]:
    """Return (path to chromium, '') or (None, why not); as root, try `apt-get install chromium` once per session."""
    if "path" not in _CHROMIUM:
        path = shutil.which("chromium") or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None)
        reason = "not installed (Debian package chromium)"
        if path is None and os.geteuid() == 0 and shutil.which("apt-get"):
            env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
            # A new machine has no package lists yet: update them first.
            subprocess.run(["apt-get", "update", "-qq"], capture_output=True, text=True, timeout=600, env=env)
            result = subprocess.run(
                ["apt-get", "install", "-y", "-qq", "chromium"], capture_output=True, text=True, timeout=900, env=env
            )
            path = shutil.which("chromium")
            if path is None:
                reason = f"apt-get install chromium failed: {(result.stderr or result.stdout).strip()[-300:]}"
        _CHROMIUM.update(path=path, reason=reason)
    return _CHROMIUM["path"], _CHROMIUM["reason"]


def test_report_renders_in_headless_chromium_without_console_errors(report, tmp_path):
    chromium, reason = find_chromium()
    if chromium is None:
        pytest.skip(f"chromium not available: {reason}")
    png = tmp_path / "report.png"
    result = subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--enable-logging=stderr",
            "--v=0",
            f"--screenshot={png}",
            "--window-size=1366,2400",
            report.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert png.exists() and png.stat().st_size > 100_000  # a blank 1366x2400 page compresses to a few KB
    # Chromium logs every console message of the page (log, warn, error alike) as "INFO:CONSOLE..."; the report
    # has no script, so any such line, or an uncaught error, means the page is broken.
    page_messages = [line for line in result.stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]
    assert page_messages == []


# ----------------------------------------------------------------------------------------------------------------------
# The report reads true (issue 10, item 9)
# ----------------------------------------------------------------------------------------------------------------------


def card(page: str, pillar: str, unit: str = "avery-example") -> str:
    """Return the HTML of one pillar's card in section 2 (the first unit's, unless `unit` is 'all')."""
    section = page[page.index('<section id="strongest">') : page.index('<section id="grid">')]
    if unit == "all":
        section = section[section.index("All members (pooled") :]
    start = section.index(f'</span>{pillar} <span class="muted">')
    return section[
        start : section.index('<div class="card">', start) if '<div class="card">' in section[start:] else len(section)
    ]


def test_a_row_significant_before_correction_says_the_correction_is_why(report, warehouse):
    page = report.read_text(encoding="utf-8")
    tests = q(warehouse, "select count(p_value) from marts.pillar_correlations where member = 'avery-example'")[0][0]
    (p_value,) = q(
        warehouse,
        "select p_value from marts.pillar_correlations where member = 'avery-example' and "
        "pillar = 'insights' and proxy = 'comments' and window_days = 28 and lag_days = 0 "
        "and measure = 'level' and method = 'spearman'",
    )[0]
    assert tests == 1072 and 0.001 <= p_value < 0.05
    insights = card(page, "insights")
    note = f"not significant after correcting for 1,072 tests (raw p = {p_value:.3f})"
    assert f'<div class="why">{note}</div>' in insights  # in the row, beside "no evidence (q = 1.000)"
    assert "(q = 1.000)" in insights
    assert f'<p class="reading">Not significant after correcting for 1,072 tests (raw p = {p_value:.3f}) — ' in insights
    # A flagged row needs no such note.
    assert '<div class="why">' not in card(page, "brand")


def shown(value: float) -> str:
    """Return a number as the report shows it: two decimals, a real minus sign, no −0.00."""
    text = f"{value:.2f}"
    return ("0.00" if float(text) == 0 else text).replace("-", "−")


def test_the_scatter_beside_a_change_cell_plots_changes(report, warehouse):
    page = report.read_text(encoding="utf-8")
    brand = card(page, "brand")
    assert "28 d · lag 0 · change" in brand  # brand's best cell is a change cell
    assert 'aria-label="change in posts (28-day window, lag 0) against change in brand score"' in brand
    pairs = q(
        warehouse,
        "select score_date, x, y from intermediate.int_proxy_observations_paired where "
        "member = 'avery-example' and pillar = 'brand' and proxy = 'posts' and window_days = 28 and "
        "lag_days = 0 and measure = 'change' order by score_date",
    )
    expected = [f"avery-example · {d}: proxy change {shown(x)}, score change {shown(y)}" for d, x, y in pairs]
    titles = [html.unescape(t) for t in re.findall(r"<title>([^<]*proxy change[^<]*)</title>", brand)]
    assert titles == expected and len(titles) == 27
    # The level cell's scatter (insights) still plots levels.
    assert 'aria-label="comments (28-day window, lag 0) against insights score"' in card(page, "insights")


def y_tick_labels(page: str, label: str) -> list[str]:
    svg = page[page.index(f'aria-label="{label}"') :]
    svg = svg[: svg.index("</svg>")]
    return re.findall(r'text-anchor="end" font-size="10">([^<]*)</text>', svg)


def test_every_members_charts_share_the_same_axes(warehouse, tmp_path):
    # A second member whose scores sit much lower: without a shared range its axis would start near its own values.
    path = copy_warehouse(
        warehouse,
        tmp_path / "w",
        """
        insert into marts.ssi_scores (member, score_date, total, brand, people, insights, relationships)
        select 'blake-sample', score_date, total / 3, brand / 3, people / 3, insights / 3, relationships / 3
        from marts.ssi_scores where member = 'avery-example'""",
    )
    page = write_report(path, tmp_path / "r.html").read_text(encoding="utf-8")
    avery, blake = (y_tick_labels(page, f"SSI pillars of {m}") for m in ("avery-example", "blake-sample"))
    assert avery == blake and len(avery) >= 3
    assert y_tick_labels(page, "SSI total of avery-example") == y_tick_labels(page, "SSI total of blake-sample")
    (low,) = q(path, "select min(least(brand, people, insights, relationships)) from marts.ssi_scores")[0]
    assert float(avery[0].replace("−", "-")) <= low


def test_file_counts_in_the_report_agree_with_what_ingest_said(sample_zip, tmp_path, capsys):
    home = tmp_path / "home"
    assert main(["ingest", str(sample_zip), "--home", str(home), "--json"]) == 0
    (result,) = json.loads(capsys.readouterr().out)["results"]
    page = write_report(home / "warehouse" / "linkedin.duckdb", tmp_path / "r.html").read_text(encoding="utf-8")
    row = page[page.index(f"<code>{result['export_id']}</code>") :]
    cells = re.findall(r'<td class="num"[^>]*>(.*?)</td>', row[: row.index("</tr>")])
    ignored = q(home / "warehouse" / "linkedin.duckdb", "select count(*) from raw.load_ledger where status = 'ignored'")
    assert ignored[0][0] > 0  # the sample has files the registry ignores: they are not "files" ingest counted
    assert cells == [
        f'{result["files"]} <span class="muted">(+{ignored[0][0]} ignored)</span>',
        f"{result['rows_read']:,}",
        f"{result['rows_loaded']:,}",
        f"{result['rows_quarantined']:,}",
    ]
    assert f"({result['member']}, {result['files']} files read, {ignored[0][0]} ignored)</summary>" in page


# A script injected into a copy of the page (the report has none) lists what sticks out of the page or of its box.
OVERFLOW_PROBE = """<script>
window.addEventListener('load', function () {
  var out = [], W = document.documentElement.clientWidth;
  document.querySelectorAll('table, svg.chart, .grow, .card, section').forEach(function (el) {
    var r = el.getBoundingClientRect();
    if (r.right > W + 1) out.push('past the page: ' + el.tagName + '.' + (el.getAttribute('class') || ''));
    if (el.tagName != 'svg' && el.scrollWidth > el.clientWidth + 1)
      out.push('scrolls: ' + el.tagName + '.' + (el.getAttribute('class') || ''));
  });
  var pre = document.createElement('pre'); pre.id = 'overflow';
  pre.textContent = 'page ' + document.documentElement.scrollWidth + '/' + W + '\\n' + out.join('\\n');
  document.body.appendChild(pre);
});
</script>"""


@pytest.fixture(scope="module")
def team_report(tmp_path_factory) -> Path:
    """Return the report of a three-member team (synthetic exports and SSI histories)."""
    from linkedin_ssi.synthetic.synth import write_synthetic

    root = tmp_path_factory.mktemp("team")
    exports = write_synthetic(root / "team", members=3, scale=0.05, seed=11)
    home = root / "home"
    assert main(["ingest", *map(str, exports), "--home", str(home)]) == 0
    assert main(["ssi", "import", *(str(e.parent / "ssi_scores.csv") for e in exports), "--home", str(home)]) == 0
    return write_report(home / "warehouse" / "linkedin.duckdb", root / "report.html")


def test_team_report_tables_break_long_names_instead_of_widening_the_page(team_report):
    page = team_report.read_text(encoding="utf-8")
    assert "All members (pooled" in page and page.count("<h3>") > 8
    css = page[page.index("<style>") : page.index("</style>")]
    assert "table.data td, td.proxy { overflow-wrap: anywhere; }" in css
    assert "svg.chart { max-width: 100%; height: auto; }" in css
    assert '<td class="nowrap"><span class="badge' not in page  # the verdict cell may wrap its note


@pytest.mark.parametrize("width", [1366, 1024, 800])
def test_team_report_fits_the_page_width_in_headless_chromium(team_report, tmp_path, width):
    chromium, reason = find_chromium()
    if chromium is None:
        pytest.skip(f"chromium not available: {reason}")
    probe = tmp_path / "probe.html"
    probe.write_text(
        team_report.read_text(encoding="utf-8").replace("</body>", OVERFLOW_PROBE + "</body>"), encoding="utf-8"
    )
    result = subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--window-size={width},2000",
            "--dump-dom",
            probe.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    found = re.search(r'<pre id="overflow">(.*?)</pre>', result.stdout, re.S)
    assert found, result.stderr[-2000:]
    lines = html.unescape(found.group(1)).splitlines()
    visible = int(lines[0].split("/")[1])
    assert lines == [f"page {visible}/{visible}"]  # nothing wider than the page, no table scrolling in its box


def test_team_summary_spans_every_members_scores(team_report):
    warehouse = team_report.parent / "home" / "warehouse" / "linkedin.duckdb"
    first, last, count = q(warehouse, "select min(score_date), max(score_date), count(*) from marts.ssi_scores")[0]
    # The members' histories do not start together: the first member's first score is not the team's.
    starts = q(warehouse, "select min(score_date) from marts.ssi_scores group by member order by member")
    assert len(starts) == 3 and starts[0][0] != first
    page = team_report.read_text(encoding="utf-8")
    summary = re.sub(r"<[^>]+>", "", page[page.index('class="summary"') : page.index("</header>")])
    assert f"{count} recorded SSI scores from {first} to {last}" in summary


def test_a_template_cache_that_cannot_be_read_or_written_never_fails_a_render(tmp_path, monkeypatch):
    import jinja2
    from linkedin_ssi.presenting import templating

    folder = tmp_path / "cache"
    folder.write_text("a file where the cache's folder should be")  # every cache file's open fails
    templates = jinja2.DictLoader({"page.html": "<p>{{ name }}</p>"})
    jinja_own = templating.ENVIRONMENT.overlay(
        loader=templates, bytecode_cache=jinja2.FileSystemBytecodeCache(str(folder))
    )
    with pytest.raises(OSError):  # Jinja's own cache fails the render
        jinja_own.get_template("page.html")
    ours = templating.ENVIRONMENT.overlay(loader=templates, bytecode_cache=templating._BestEffortCache(str(folder)))
    assert ours.get_template("page.html").render(name="<Ann>") == "<p>&lt;Ann&gt;</p>"

    def unsafe(self):
        raise RuntimeError("Cannot determine safe temp directory.  You need to explicitly provide one.")

    monkeypatch.setattr(jinja2.FileSystemBytecodeCache, "_get_default_cache_dir", unsafe)
    assert templating._bytecode_cache() is None  # no cache: the templates are compiled in every process
