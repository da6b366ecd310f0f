"""The claims on the bundled demo (sample export + sample SSI history), end to end: the mart, its comments, the
Parquet file, the report section; and the day-one report for a member with few scores."""

from __future__ import annotations

from datetime import date

import duckdb
import polars as pl
import pytest
from linkedin_ssi.models.claims import CLAIM_DOCS, CLAIMS
from linkedin_ssi.presenting.report_claims import ClaimsData, claims_section

VERDICTS = {"supported", "contradicted", "inconclusive", "insufficient data"}


@pytest.fixture(scope="module")
def demo(demo_home):
    """The session's demo: the sample export and SSI history loaded, the report written."""
    return demo_home


def claims(home) -> pl.DataFrame:
    with duckdb.connect(str(home / "warehouse" / "linkedin.duckdb"), read_only=True) as con:
        return con.sql("select * from marts.claim_tests").pl()


def test_demo_claims_have_every_claim_a_verdict_and_the_expected_answers(demo):
    frame = claims(demo)
    assert frame.columns == list(CLAIM_DOCS)
    assert set(frame["claim"]) == set(CLAIMS)
    assert set(frame["verdict"]) <= VERDICTS
    assert frame.filter(pl.col("detail").is_null()).height == 0
    overall = {
        (r["claim"], r["pillar"], r["measure"]): r["verdict"]
        for r in frame.filter(pl.col("period").is_null()).iter_rows(named=True)
    }
    # The sample's brand pillar was made to follow the member's posts: "frequency has no influence" is contradicted.
    assert overall[("posting_frequency", "brand", "change")] == "contradicted"
    # Levels trend together (few effective observations): a large r that the correction does not let through says so.
    level = frame.filter((pl.col("claim") == "posting_frequency") & (pl.col("measure") == "level")).row(0, named=True)
    assert level["verdict"] == "inconclusive"
    assert level["detail"].startswith(
        "r = 0.92 over 28 scores (posts and articles per window) lies beyond ±0.3, but it "
        "is not significant after the correction (q = "
    )
    # One 36-day sharing gap (June 12 - July 17) bracketed by scores: one gap cannot show equivalence.
    assert {
        overall[("sharing_gap", p, "gap_vs_active")] for p in ("total", "brand", "people", "insights", "relationships")
    } == {"inconclusive"}
    # The sample's requests carry no note, its one export comes after every score, it has one article.
    assert overall[("invitation_note", "acceptance", "note_vs_no_note")] == "insufficient data"
    assert overall[("profile_completeness", "brand", "level")] == "insufficient data"
    assert overall[("article_persistence", "brand", "after_vs_before")] == "insufficient data"
    assert {v for (c, _, _), v in overall.items() if c == "ssi_value"} == {"inconclusive"}
    months = frame.filter((pl.col("claim") == "invitation_note") & pl.col("period").is_not_null())["period"].to_list()
    assert months == ["2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10"]


def test_claims_are_documented_exported_and_reported(demo):
    with duckdb.connect(str(demo / "warehouse" / "linkedin.duckdb"), read_only=True) as con:
        table = con.execute("select comment from duckdb_tables() where table_name = 'claim_tests'").fetchone()[0]
        undocumented = con.execute(
            "select column_name from duckdb_columns() where table_name = 'claim_tests' and comment is null"
        ).fetchall()
        params = con.execute(
            "select gap_min_days, equivalence_margin, equivalence_margin_total, equivalence_r, "
            "regime_breaks from config.params"
        ).fetchone()
    assert "inconclusive" in table and undocumented == []
    assert params == (21, 2.0, 4.0, 0.3, [date(2015, 1, 26), date(2017, 2, 10)])
    assert pl.read_parquet(demo / "exports" / "claim_tests" / "data.parquet").equals(claims(demo))
    page = (demo / "reports" / "report.html").read_text()
    assert "The claims, tested on your data" in page and 'href="#claims"' in page
    assert "Going 3–4 weeks without sharing anything does not make my score drop markedly." in page


def test_day_one_report_shows_what_the_export_says_and_how_many_scores_are_missing():
    data = ClaimsData(
        min_n=10,
        claims=[
            {
                "member": "zoë",
                "claim": "invitation_note",
                "pillar": "acceptance",
                "measure": "note_vs_no_note",
                "period": None,
                "n": 30,
                "estimate": 20.0,
                "ci_low": 2.0,
                "ci_high": 36.0,
                "p_value": 0.03,
                "verdict": "supported",
                "unit": "percentage points",
                "method": "Newcombe",
                "detail": "Requests with a note <b>accepted</b> more.",
            }
        ],
        scores=[{"member": "zoë", "score_date": date(2026, 11, 2), "total": 50.0}],
        gaps=[
            {
                "member": "zoë",
                "gap_start_on": date(2026, 9, 1),
                "gap_end_on": date(2026, 9, 30),
                "gap_days": 30,
                "is_open_ended": False,
            }
        ],
        cadence=[{"member": "zoë", "month": date(2026, 8, 1), "shared": 6}],
        rates=[
            {"member": "zoë", "month": date(2026, 7, 1), "acceptance": None, "reply_rate": 1.0},
            {"member": "zoë", "month": date(2026, 8, 1), "acceptance": 0.5, "reply_rate": 0.75},
        ],
        completeness=[{"member": "zoë", "exported_on": date(2026, 10, 1), "items_filled": 6, "completeness": 0.75}],
    )
    page = claims_section(data, {"zoë": "Zoë L"})
    assert "Day one: what your export already says" in page
    assert "1 recorded score(s): the correlation analysis needs 10; record 9 more weekly score(s)" in page
    assert "2026-08: 6" in page and "30 days from 2026-09-01" in page and "2026-10-01: 6/8" in page
    assert "2026-07: replied 100%; 2026-08: accepted 50%, replied 75%" in page
    assert '<span class="badge seen-yes">supported</span>' in page and "20.0 pp" in page
    assert "&lt;b&gt;accepted&lt;/b&gt;" in page  # text from the data is escaped


def test_the_prefect_correlation_summary_lists_the_settled_claims(demo):
    from linkedin_ssi.models.warehouse import warehouse_path
    from linkedin_ssi.presenting.run_summary import correlation_markdown

    text = correlation_markdown(warehouse_path(demo))
    assert text.startswith("# Correlation summary")
    assert "## The claims, tested on your data" in text
    assert "| avery-example | posting_frequency | brand | change | 27 |" in text and "| contradicted |" in text
