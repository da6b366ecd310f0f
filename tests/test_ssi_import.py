"""SSI score importer: every tracker format (docs/ssi.md §2), format detection, and the validation rules."""

from __future__ import annotations

import itertools
import json
import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import polars as pl
import pytest
from linkedin_ssi.ingest.errors import ExportError
from linkedin_ssi.ingest.ssi_formats import SCHEMA, SsiFormatError, manual_row, read_ssi_file

from support import SAMPLE_SCORES

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ssi"
SAMPLE = SAMPLE_SCORES

SCORES = (
    "score_date",
    "total",
    "brand",
    "people",
    "insights",
    "relationships",
    "industry_rank",
    "network_rank",
    "precision",
    "source_line",
)


def scores(path: Path, member: str | None = None) -> list[tuple]:
    """Return the core canonical columns of a file's rows, in file order."""
    return read_ssi_file(path, member).rows.select(SCORES).rows()


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def error_of(path: Path) -> str:
    with pytest.raises(SsiFormatError) as info:
        read_ssi_file(path)
    return str(info.value)


# ------------------------------------------------------------------------------------------------------ plain CSV


def test_plain_csv_header_synonyms_rank_spellings_timestamps_and_member_column():
    result = read_ssi_file(FIXTURES / "synonyms.csv", member="fallback-member")
    assert result.source_format == "csv"
    assert result.rows.select(SCORES).rows() == [
        (date(2026, 3, 2), 41.2, 12.1, 9.85, 8.4, 10.85, 22.0, 31.0, "float", 2),
        (date(2026, 3, 9), 42.75, 12.6, 10.05, 8.9, 11.2, 21.0, 30.0, "float", 3),
        (date(2026, 3, 16), 43.0, 13.0, 10.0, 9.0, 11.0, 20.0, 29.0, "int", 5),  # line 4 is blank
    ]
    # The file's member column wins; an empty cell falls back to the argument.
    assert result.rows["member"].to_list() == ["avery-example", "fallback-member", "jordan-sample"]
    # "2026-03-09T08:30:00+01:00": the local day, and the instant in UTC.
    assert result.rows["captured_at"].to_list() == [None, datetime(2026, 3, 9, 7, 30, tzinfo=UTC), None]
    assert json.loads(result.rows["raw_record"][0])["Industry Top"] == "Top 22%"
    assert result.warnings == ["synonyms.csv: line 1: column 'Notes' not recognised; ignored"]


def test_semicolon_csv_with_decimal_commas():
    assert scores(FIXTURES / "semicolon_comma.csv") == [
        (date(2026, 2, 2), 38.5, 11.25, 9.5, 7.75, 10.0, 18.0, 25.0, "float", 2),
        (date(2026, 2, 9), 39.1, 11.4, 9.6, 8.1, 10.0, 17.0, 24.0, "float", 3),
        (date(2026, 2, 16), 40.0, 11.5, 10.0, 8.5, 10.0, 16.0, 23.0, "float", 4),
    ]


def test_the_bundled_sample_scores_csv():
    result = read_ssi_file(SAMPLE, member="avery-example")
    assert (result.source_format, result.rows.height, result.warnings) == ("csv", 28, [])
    assert result.rows.select(SCORES).row(0) == (
        date(2026, 4, 6),
        54.82,
        15.55,
        14.04,
        12.32,
        12.91,
        16.0,
        5.0,
        "float",
        2,
    )
    assert result.rows["member"].unique().to_list() == ["avery-example"]


# ----------------------------------------------------------------------------------------------------- link_ssi


def test_link_ssi_integers_and_its_brand_equals_total_bug():
    result = read_ssi_file(FIXTURES / "link_ssi.csv")
    assert result.source_format == "link_ssi"
    assert result.rows.select(SCORES).rows() == [
        (date(2026, 5, 4), 47.0, 47.0, 13.0, 12.0, 6.0, None, None, "int", 2),
        (date(2026, 5, 5), 48.0, 16.0, 13.0, 12.0, 7.0, None, None, "int", 3),
        # pillars sum to 47: within the integer tolerance (parseInt cuts each pillar by < 1)
        (date(2026, 5, 6), 49.0, 18.0, 13.0, 11.0, 5.0, None, None, "int", 4),
    ]
    assert result.rows["is_pillar_equal_total"].to_list() == [True, False, False]
    assert result.warnings == ["link_ssi.csv: line 2: brand equals total (47) — tracker bug? row kept, flagged"]
    # score_date is the extension's local Date; CapturedAt (UTC) may already be the next day.
    assert result.rows["captured_at"][2] == datetime(2026, 5, 7, 2, 5, 44, 501000, tzinfo=UTC)


def test_link_ssi_header_with_decimal_scores_is_read_as_a_plain_csv(tmp_path):
    text = (
        "Date,CapturedAt,Total,Brand,People,Insights,Relationships\n2026-05-05,2026-05-05T10:00:00Z,48.5,16.5,13,12,7\n"
    )
    result = read_ssi_file(write(tmp_path, "x.csv", text))
    assert (result.source_format, result.rows["precision"].to_list()) == ("csv", ["float"])


# ------------------------------------------------------------------------------------------------ salesApiSsi JSON


def test_sales_api_captures_wrapper():
    result = read_ssi_file(FIXTURES / "sales_api.json", member="avery-example")
    assert result.source_format == "sales_api_json"
    assert result.rows.select(SCORES).rows() == [
        (date(2026, 6, 1), 23.418204, 15.7001, 4.125, 0.5, 3.0931, 71.0, 78.0, "float", 1),
        (date(2026, 6, 8), 25.01, 16.2, 4.31, 1.05, 3.45, 69.0, 76.0, "float", 2),
        (date(2026, 6, 15), 26.8, 16.9, 4.6, 1.4, 3.9, 66.0, 74.0, "float", 3),
    ]
    rows = result.rows
    assert rows["captured_at"].to_list() == [
        datetime(2026, 6, 1, 7, 15, tzinfo=UTC),
        datetime(2026, 6, 8, 5, 20, tzinfo=UTC),
        None,
    ]
    assert rows.select(
        "industry_name", "industry_group_size", "network_group_size", "industry_avg_total", "network_avg_total"
    ).row(0) == ("Software Development", 184233, 412, 29.41, 31.07)
    # TEAM has no column but is kept as read.
    assert json.loads(rows["raw_record"][0])["response"]["groupScore"][0]["groupType"] == "TEAM"
    assert rows["member"].to_list() == ["avery-example"] * 3
    assert result.warnings == []


def test_sales_api_pillars_are_keyed_by_enum_whatever_the_subscores_order(tmp_path):
    doc = json.loads((FIXTURES / "sales_api.json").read_text())
    capture = doc["captures"][0]
    sub_scores = capture["response"]["memberScore"]["subScores"]
    for i, order in enumerate(itertools.permutations(sub_scores)):
        capture["response"]["memberScore"]["subScores"] = list(order)
        path = write(tmp_path, f"shuffled_{i}.json", json.dumps(capture))
        assert read_ssi_file(path).rows.select("brand", "people", "insights", "relationships").row(0) == (
            15.7001,
            4.125,
            0.5,
            3.0931,
        )


def test_sales_api_bare_response_needs_a_date_next_to_it(tmp_path):
    response = json.loads((FIXTURES / "sales_api.json").read_text())["captures"][1]["response"]
    dated = write(tmp_path, "dated.json", json.dumps({**response, "date": "2026-06-08"}))
    assert scores(dated) == [(date(2026, 6, 8), 25.01, 16.2, 4.31, 1.05, 3.45, 69.0, 76.0, "float", 1)]
    assert error_of(write(tmp_path, "bare.json", json.dumps(response))) == (
        "bare.json: salesApiSsi response has no capture date; save it as "
        '{"captured_at": "<ISO timestamp>", "response": {...}}'
    )


# ------------------------------------------------------------------------------------------------------ SocialEdge


def test_socialedge_legacy_array_prefers_raw_pillar_enums_over_positional_parsed():
    result = read_ssi_file(FIXTURES / "socialedge_legacy.json")
    assert result.source_format == "socialedge"
    assert result.rows.select(SCORES).rows() == [
        (date(2026, 5, 12), 33.5, 14.25, 6.5, 4.75, 8.0, 41.0, 38.0, "float", 1),
        # parsed said brand 6.4 / people 14.1 (array position); raw's enums say otherwise
        (date(2026, 5, 11), 33.1, 14.1, 6.4, 4.6, 8.0, 42.0, 39.0, "float", 2),
        (date(2026, 5, 10), 32.9, 14.0, 6.4, 4.5, 8.0, 42.0, 39.0, "float", 3),
    ]
    assert result.rows.select("industry_name", "industry_group_size", "network_group_size").row(0) == (
        "Marketing Services",
        90210,
        655,
    )
    assert result.warnings == [
        "socialedge_legacy.json: record 2: parsed pillars differ from raw.memberScore.subScores "
        "(SocialEdge reads them by array position); used raw's pillar enums"
    ]
    assert "raw" in json.loads(result.rows["raw_record"][0])


def test_socialedge_schema_v1_object():
    result = read_ssi_file(FIXTURES / "socialedge_v1.json")
    assert result.source_format == "socialedge"
    assert result.rows.select(SCORES).rows() == [
        (date(2026, 1, 3), 21.75, 9.5, 4.25, 2.0, 6.0, 58.0, 61.0, "float", 1),
        (date(2026, 1, 2), 21.5, 9.5, 4.0, 2.0, 6.0, 59.0, 61.0, "float", 2),
        (date(2026, 1, 1), 20.9, 9.1, 4.0, 1.8, 6.0, None, None, "float", 3),
    ]
    assert result.warnings == []


# --------------------------------------------------------------------------------------------- professorsoares CSV


def test_portuguese_long_csv_pivots_one_capture_per_date_and_time():
    result = read_ssi_file(FIXTURES / "pt_long.csv")
    assert result.source_format == "pt_long_csv"
    assert result.rows.select(SCORES).rows() == [
        # pillars sum to 48.362 while the gauge says 48
        (date(2026, 5, 20), 48.0, 18.412, 7.25, 9.8, 12.9, 14.0, 17.0, "float", 2),
        # "Encontrar as pessoas certas" has no valor_numerico: "7,3" is read; "Primeiros 13%" likewise
        (date(2026, 5, 21), 49.0, 18.5, 7.3, 10.1, 12.6, 13.0, 16.0, "float", 18),
        (date(2026, 5, 21), 49.0, 19.0, 8.0, 10.0, 12.0, 13.0, 16.0, "int", 25),
    ]
    rows = result.rows
    # Industry/network pillar averages ("Pessoas no seu setor") did not overwrite the member's pillars.
    assert rows.select("industry_name", "industry_avg_total", "network_avg_total").row(0) == (
        "Desenvolvimento de software",
        31.0,
        33.0,
    )
    assert rows["captured_at"].null_count() == 3
    assert [r["hora_referencia"] for r in json.loads(rows["raw_record"][1])] == ["08:50"] * 7
    assert result.warnings == ["pt_long.csv: line 32: campo 'Tendência semanal' not recognised; ignored"]


def test_portuguese_long_csv_repeated_rank_must_agree(tmp_path):
    text = (
        "data_referencia;hora_referencia;secao;campo;valor_original;unidade;valor_numerico;escala;observacao;"
        "fonte\n"
        "2026-05-20;08:45;Resumo;Pontuação SSI;48;pontos;48;0-100;;t\n"
        "2026-05-20;08:45;Classificação;Classificação SSI do setor;Primeiros 10%;%;10;;;t\n"
        "2026-05-20;08:45;Benchmark do setor;Posição no setor;Primeiros 11%;%;11;;;t\n"
    )
    assert error_of(write(tmp_path, "pt.csv", text)) == (
        "pt.csv: line 4: industry_rank: 11.0 differs from 10.0 on line 3"
    )


# ---------------------------------------------------------------------------------------------- flat JSON, detection


def test_linked_api_flat_json_has_no_pillars():
    result = read_ssi_file(FIXTURES / "linked_api.json")
    assert result.source_format == "flat_json"
    assert result.rows.select(SCORES).rows() == [
        (date(2026, 4, 1), 44.0, None, None, None, None, 19.0, 27.0, "int", 1),
        (date(2026, 4, 8), 44.5, None, None, None, None, 18.0, 27.0, "float", 2),
        (date(2026, 4, 15), 46.0, None, None, None, None, 17.0, 26.0, "int", 3),
    ]


def test_format_is_detected_from_the_content_not_the_file_name(tmp_path):
    shutil.copy(FIXTURES / "pt_long.csv", tmp_path / "socialedge_2026-05-21.json")
    shutil.copy(FIXTURES / "sales_api.json", tmp_path / "ssi-scores-2026-06-06-1049.csv")
    assert read_ssi_file(tmp_path / "socialedge_2026-05-21.json").source_format == "pt_long_csv"
    assert read_ssi_file(tmp_path / "ssi-scores-2026-06-06-1049.csv").source_format == "sales_api_json"


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.iterdir()))
def test_every_format_returns_the_canonical_schema(name):
    assert read_ssi_file(FIXTURES / name).rows.schema == pl.Schema(SCHEMA)


# ------------------------------------------------------------------------------------------------------ validation

HEADER = "date,total,brand,people,insights,relationships,industry_rank,network_rank\n"
GOOD = "2026-03-02,52.6,20.97,6.38,10.25,15,10,12\n"  # pillars 52.6; a rounded gauge of 53 would pass too


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("2026-03-09,50,31.0,8,6,5,10,10", "brand: 31.0 is outside 0–25"),
        ("2026-03-09,101,25,25,25,25,10,10", "total: 101.0 is outside 0–100"),
        ("2026-03-09,30,10,-1,11,10,10,10", "people: -1.0 is outside 0–25"),
        ("2026-03-09,30,10,10,5,5,Top 120%,10", "industry_rank: 120.0 is outside 0–100"),
        ("2026-03-09,54.5,13.0,13.0,13.0,13.0,10,10", "total: 54.5 is not within 1.0 of the pillar sum 52.0"),
        ("2026-03-09,60,13,13,13,13,10,10", "total: 60.0 is not within 4.5 of the pillar sum 52.0"),
        (",50,13,13,12,12,10,10", "date: missing"),
        ("2026-13-01,50,13,13,12,12,10,10", "date: '2026-13-01' is not a date (YYYY-MM-DD or ISO timestamp)"),
        ("2026-03-09,50,13,abc,12,12,10,10", "people: 'abc' is not a number"),
        ('2026-03-09,50,"12,5",13,12,12.5,10,10', "brand: '12,5' is not a number"),
        ("2026-03-09,,,,,,10,10", "total: no score (total or pillars) in this record"),
    ],
)
def test_a_bad_row_rejects_the_file_naming_file_line_and_field(tmp_path, row, message):
    # The bad row comes after a good one: nothing is returned, the whole file is rejected.
    path = write(tmp_path, "scores.csv", HEADER + GOOD + row + "\n")
    assert error_of(path) == f"scores.csv: line 3: {message}"


def test_rounded_gauge_total_is_accepted(tmp_path):
    assert scores(write(tmp_path, "scores.csv", HEADER + "2026-03-02,53,20.97,6.38,10.25,15.003,10,12\n"))[0][1] == 53.0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "foo,bar\n1,2\n",
            "scores.csv: not a recognised SSI file: no score column (total, ssi, brand, ...) "
            "and not a link_ssi or professorsoares export",
        ),
        (
            "total,brand\n50,12\n",
            "scores.csv: line 1: date: no date column (date, score_date, date_created or captured_at)",
        ),
        ("date,ssi,total\n2026-03-02,50,50\n", "scores.csv: line 1: total: two columns mean total ('ssi' and 'total')"),
        ("\n\n", "scores.csv: the file is empty"),
    ],
)
def test_unusable_csv_files(tmp_path, text, message):
    assert error_of(write(tmp_path, "scores.csv", text)) == message


def capture(when: str, brand: float, pillar: str = "PROFESSIONAL_BRAND") -> dict:
    subs = [
        {"pillar": pillar, "score": brand},
        {"pillar": "FIND_RIGHT_PEOPLE", "score": 1.0},
        {"pillar": "INSIGHT_ENGAGEMENT", "score": 1.0},
        {"pillar": "STRONG_RELATIONSHIP", "score": 1.0},
    ]
    return {"captured_at": when, "response": {"memberScore": {"overall": brand + 3, "subScores": subs}}}


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        (
            [capture("2026-06-01T08:00:00Z", 10.0), capture("2026-06-02T08:00:00Z", 26.5)],
            "api.json: record 2: brand: 26.5 is outside 0–25",
        ),
        (
            [capture("2026-06-01T08:00:00Z", 10.0, pillar="SOMETHING_NEW")],
            "api.json: record 1: subScores: unknown pillar 'SOMETHING_NEW'",
        ),
        (
            [capture("yesterday", 10.0)],
            "api.json: record 1: captured_at: 'yesterday' is not a date (YYYY-MM-DD or ISO timestamp)",
        ),
        ({"hello": "world"}, "api.json: not a recognised SSI JSON file (no salesApiSsi, SocialEdge or score keys)"),
    ],
)
def test_json_errors_name_the_record(tmp_path, doc, message):
    assert error_of(write(tmp_path, "api.json", json.dumps(doc))) == message


def test_invalid_json(tmp_path):
    assert error_of(write(tmp_path, "api.json", '{"captures": [')) == (
        "api.json: not valid JSON (Expecting value at line 1)"
    )


def test_ssi_format_error_is_an_export_error_with_one_line():
    error = SsiFormatError("a.csv", "bad\nvalue", line=3, field="total")
    assert isinstance(error, ExportError)
    assert (str(error), error.line, error.field) == ("a.csv: line 3: total: bad value", 3, "total")


# ------------------------------------------------------------------------------------------------------ manual_row


def test_manual_row_is_canonical_and_validated():
    row = manual_row(date(2026, 7, 1), 50.4, 20.1, 9.3, 8, 13, "avery-example", industry_rank=9)
    assert row.schema == pl.Schema(SCHEMA)
    assert row.select(SCORES).rows() == [(date(2026, 7, 1), 50.4, 20.1, 9.3, 8.0, 13.0, 9.0, None, "float", None)]
    assert row.select("member", "source_format", "is_pillar_equal_total").row(0) == ("avery-example", "manual", False)
    with pytest.raises(SsiFormatError, match="^manual entry: brand: 31.0 is outside 0–25$"):
        manual_row(date(2026, 7, 1), 50, 31, 8, 6, 5, None)
    with pytest.raises(SsiFormatError, match="^manual entry: date: missing$"):
        manual_row(None, 50, 20, 10, 10, 10, None)  # type: ignore[arg-type]


def test_manual_row_flags_a_pillar_equal_to_the_total():
    row = manual_row(date(2026, 7, 1), 51, 51, 14, 14, 7, None)
    assert row.select("precision", "is_pillar_equal_total").row(0) == ("int", True)


# ------------------------------------------------------------------------------------------- damage is not imported


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # A misspelt pillar would store NULL for every row: the file is rejected, with the close name suggested.
        (
            "date,total,brand,peopel,insights,relationships\n2026-10-19,60,15,15,15,15\n",
            'scores.csv: unknown column "peopel" (did you mean "people"?); a people pillar column is required '
            "(expected one of: people, find_right_people, find_the_right_people)",
        ),
        (
            "Date,SSI,Professional Brand,Find The Right People,Engage With Insight,Build Relationships\n"
            "2026-10-19,60,15,15,15,15\n",
            'scores.csv: unknown column "Engage With Insight" (did you mean "engage_with_insights"?); '
            "an insights pillar column is required "
            "(expected one of: insights, engagement, insight_engagement, engage_with_insights)",
        ),
        # Some pillars but not all, next to a column nobody knows: damaged, even without a close match.
        (
            "date,brand,insights,relationships,comment\n2026-10-19,15,15,15,x\n",
            'scores.csv: unknown column "comment"; a people pillar column is required '
            "(expected one of: people, find_right_people, find_the_right_people)",
        ),
        # A total-only file is fine (Linked API), but not with a column that looks like a pillar.
        (
            "date,ssi,brnd\n2026-10-19,60,15\n",
            'scores.csv: unknown column "brnd" (did you mean "brand"?); a brand pillar column is required '
            "(expected one of: brand, professional_brand, prof_brand, establish_your_professional_brand)",
        ),
        ("date,total,brand,people,insights,relationships\n", "scores.csv: no scores in the file (only a header)"),
        ("date,total,brand,people,insights,relationships\n\n\n", "scores.csv: no scores in the file (only a header)"),
    ],
)
def test_damaged_csv_files_are_rejected_naming_the_file_and_the_problem(tmp_path, text, message):
    assert error_of(write(tmp_path, "scores.csv", text)) == message


def test_an_extra_column_is_only_a_warning_when_nothing_is_missing(tmp_path):
    path = write(
        tmp_path,
        "scores.csv",
        "date,total,brand,people,insights,relationships,netwrk_rank,comment\n"
        "2026-10-19,60,15,15,15,15,Top 5%,good week\n",
    )
    result = read_ssi_file(path)
    assert result.rows.select(SCORES).rows() == [
        (date(2026, 10, 19), 60.0, 15.0, 15.0, 15.0, 15.0, None, None, "int", 2)
    ]
    assert result.warnings == [
        "scores.csv: line 1: column 'netwrk_rank' not recognised (did you mean \"network_rank\"?); ignored",
        "scores.csv: line 1: column 'comment' not recognised; ignored",
    ]
    # A total-only tracker with a notes column is still fine.
    total_only = read_ssi_file(write(tmp_path, "t.csv", "date,ssi,notes\n2026-10-19,60,first\n"))
    assert total_only.rows.select("total", "brand").rows() == [(60.0, None)]
    assert total_only.warnings == ["t.csv: line 1: column 'notes' not recognised; ignored"]


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        (
            [{"date": "2026-10-19", "ssi": 60, "brand": 15, "peopel": 15, "insights": 15, "relationships": 15}],
            'api.json: unknown column "peopel" (did you mean "people"?); a people pillar column is required '
            "(expected one of: people, find_right_people, find_the_right_people)",
        ),
        ({"captures": []}, "api.json: no scores in the file"),
        ({"schema_version": 1, "ssi_history": []}, "api.json: no scores in the file"),
    ],
)
def test_damaged_json_files_are_rejected(tmp_path, doc, message):
    assert error_of(write(tmp_path, "api.json", json.dumps(doc))) == message
