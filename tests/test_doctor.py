"""`linkedin-ssi doctor` explains what it finds."""

import json

from linkedin_ssi.flows.cli import main


def test_doctor_on_a_new_home_explains_what_to_do(tmp_path, capsys):
    assert main(["doctor", "--home", str(tmp_path / "nothing-yet"), "--json"]) == 0
    checks = {c["name"]: c for c in json.loads(capsys.readouterr().out)["checks"]}
    assert checks["python"]["level"] == "ok"
    assert checks["packages"]["level"] == "ok"
    assert checks["home"]["finding"] == f"{tmp_path / 'nothing-yet'} does not exist yet"
    assert checks["home"]["advice"] == "it is created on the first `linkedin-ssi ingest`, `run` or `ssi import`"


def test_doctor_reports_failed_files_and_a_damaged_lake(tmp_path, sample_zip, capsys):
    home = tmp_path / "home"
    assert main(["ingest", str(sample_zip), "--home", str(home)]) == 0
    (home / "failed").mkdir()
    (home / "failed" / "x.zip.reason.txt").write_text("x.zip: not a readable ZIP archive (File is not a zip file)\n")
    victim = next((home / "lake" / "messages").glob("*.parquet"))
    victim.unlink()
    (home / "lake" / ".tmp-abc-123").mkdir()  # what a killed write leaves
    capsys.readouterr()
    assert main(["doctor", "--home", str(home)]) == 1
    out = capsys.readouterr().out
    assert f"[FAIL] lake: 1 export(s) of 1 member(s); 1 file(s) listed but missing: messages/{victim.name}" in out
    assert "[info] lake: 1 unfinished write(s) from an interrupted run" in out
    assert "[WARN] failed: 1 file(s) in" in out and "x.zip: not a readable ZIP archive" in out
    assert "[WARN] warehouse:" in out and "import recorded SSI scores" in out
