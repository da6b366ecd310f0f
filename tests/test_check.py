"""`linkedin-ssi check`: the self-audit a user runs before sending an export, on every fixture we have."""

import json

import pytest
from linkedin_ssi.flows.cli import main

import hostile
from support import ERAS, SAMPLE, write_export
from test_hostile import ONE_FILE_CASES
from test_load import export_files

ERA_EXPORTS = [p for p in sorted(ERAS.iterdir()) if p.is_dir()]


def era_root(era):
    # The 2026 era is a folder named like the ZIP macOS unzipped it from.
    inner = [p for p in era.iterdir() if p.is_dir() and p.name.endswith(".zip")]
    return inner[0] if inner else era


@pytest.mark.parametrize("export", [SAMPLE, *ERA_EXPORTS], ids=["sample", *(p.name for p in ERA_EXPORTS)])
def test_every_fixture_counts_the_same_both_ways(export, capsys, tmp_path):
    before = sorted(tmp_path.rglob("*"))
    assert main(["check", str(era_root(export)), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["agrees"] is True
    counted = [f for f in result["files"] if f["independent_count"] is not None]
    assert counted and all(f["independent_count"] == f["rows_read"] for f in counted)
    assert sorted(tmp_path.rglob("*")) == before  # nothing written


@pytest.mark.parametrize(("case", "file", "problem"), ONE_FILE_CASES, ids=[c for c, _, _ in ONE_FILE_CASES])
def test_hostile_files_are_reported_as_kept_as_text_or_skipped(case, file, problem, tmp_path, capsys):
    assert main(["check", str(getattr(hostile, case)(tmp_path)), "--json"]) == 0
    [row] = [f for f in json.loads(capsys.readouterr().out)["files"] if f["file"] == file]
    assert (row["status"], row["reason"], row["variant"]) == (
        problem.split(":")[0].replace(" ", "_"),
        problem.split(": ", 1)[1],
        "not recognised",
    )


def test_check_prints_one_line_per_file_with_the_counts(tmp_path, capsys):
    folder = write_export(
        tmp_path / "e",
        export_files() | {"Duolingo.csv": "Language,Score\nPT,10\n", "Votes.csv": "Date,Link\n2026-01-01 10:00:00,x\n"},
    )
    assert main(["check", str(folder)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"{folder}: 5 files"
    assert [line.split() for line in out[2:]] == [
        [
            "Connections.csv",
            "connections",
            "mid-2023+",
            "(URL",
            "column),",
            "Notes:",
            "preamble",
            "2",
            "2",
            "2",
            "0",
            "0",
            "loaded",
        ],
        [
            "Duolingo.csv",
            "duolingo",
            "not",
            "in",
            "the",
            "registry:",
            "kept",
            "as",
            "a",
            "text",
            "table",
            "1",
            "1",
            "1",
            "0",
            "0",
            "generic",
        ],
        [
            "Invitations.csv",
            "invitations",
            "2023-09+",
            "(profile",
            "URL",
            "columns)",
            "1",
            "1",
            "1",
            "0",
            "0",
            "loaded",
        ],
        ["Profile.csv", "profile", "standard", "1", "1", "1", "0", "0", "loaded"],
        [
            "Votes.csv",
            "votes",
            "not",
            "recognised",
            "2",
            "2",
            "0",
            "0",
            "2",
            "kept_as_text",
            "(no",
            "header",
            "row",
            "with",
            "'Date'",
            "and",
            "'Link'",
            "and",
            "'OptionText'",
            "in",
            "the",
            "first",
            "10",
            "lines)",
        ],
        [
            "every",
            "count",
            "agrees;",
            "1",
            "file(s)",
            "with",
            "a",
            "problem",
            "(kept",
            "as",
            "text,",
            "skipped,",
            "a",
            "column",
            "not",
            "typed);",
            "1",
            "file(s)",
            "not",
            "in",
            "the",
            "registry",
            "(Duolingo.csv)",
        ],
    ]


def test_a_disagreement_exits_4_and_is_marked(tmp_path, capsys, monkeypatch):
    import linkedin_ssi.ingest.audit as audit

    real = audit.parse_export

    def losing_a_row(*args, **kwargs):
        parsed = real(*args, **kwargs)
        next(f for f in parsed.files if f.file == "Connections.csv").rows_read -= 1
        return parsed

    monkeypatch.setattr(audit, "parse_export", losing_a_row)
    assert main(["check", str(write_export(tmp_path / "e", export_files()))]) == 4
    out = capsys.readouterr().out.splitlines()
    assert [line for line in out if "<-- counts differ" in line][0].startswith("Connections.csv")
    assert out[-1].startswith("1 file(s) where the independent count and the pipeline disagree;")


def test_an_export_that_would_be_refused_says_why_in_one_line(tmp_path, capsys):
    assert main(["check", str(hostile.no_linkedin_files(tmp_path))]) == 1
    assert capsys.readouterr().err.strip() == (
        "error: export.zip: no LinkedIn export files in it (such as Connections.csv, Profile.csv or messages.csv) — is "
        "this a LinkedIn data export?  (run with --debug for the traceback)"
    )
