"""Privacy: sensitive data withheld by default, redaction that keeps the analysis, private file modes, no network."""

import os
import stat
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from linkedin_ssi.flows.cli import main

from support import SAMPLE_SCORES

SSI = SAMPLE_SCORES


def con(home: Path):
    return duckdb.connect(str(home / "warehouse" / "linkedin.duckdb"), read_only=True)


@pytest.fixture(scope="module")
def plain_and_redacted(sample_zip, tmp_path_factory):
    homes = {}
    for kind, flags in (("plain", []), ("redacted", ["--redact"])):
        home = tmp_path_factory.mktemp(kind) / "home"
        assert main(["ingest", str(sample_zip), "--home", str(home), *flags]) == 0
        assert main(["ssi", "import", str(SSI), "--home", str(home)]) == 0
        homes[kind] = home
    return homes


def test_sensitive_files_and_columns_are_withheld_by_default(plain_and_redacted):
    with con(plain_and_redacted["plain"]) as c:
        withheld = c.execute(
            "select source_file, warnings from raw.load_ledger where status = 'withheld' order by 1"
        ).fetchall()
        assert [f for f, _ in withheld] == [
            "Email Addresses.csv",
            "Jobs/Job Applications.csv",
            "Logins.csv",
            "PhoneNumbers.csv",
            "Private_identity_asset.csv",
            "Registration.csv",
            "Verifications/Verifications.csv",
        ]
        assert dict(withheld)["Private_identity_asset.csv"] == (
            "not loaded: holds résumé text (load it with --include-sensitive)"
        )
        assert c.execute("select count(*), count(email_address) from raw.linkedin__connections").fetchone() == (188, 0)
        tables = {t for (t,) in c.execute("select table_name from duckdb_tables()").fetchall()}
        assert "linkedin__private_identity_asset" not in tables


def test_include_sensitive_loads_them(sample_zip, tmp_path):
    home = tmp_path / "home"
    assert main(["ingest", str(sample_zip), "--home", str(home), "--include-sensitive"]) == 0
    with con(home) as c:
        assert c.execute("select count(email_address) from raw.linkedin__connections").fetchone() == (6,)
        assert c.execute("select count(*) from raw.linkedin__private_identity_asset").fetchone() == (1,)


def test_a_redacted_warehouse_holds_no_private_text(plain_and_redacted):
    with con(plain_and_redacted["redacted"]) as c:
        columns = c.execute(
            "select schema_name, table_name, column_name from duckdb_columns() "
            "where data_type = 'VARCHAR' and schema_name in ('raw', 'staging', 'marts')"
        ).fetchall()
        for needle in ("Lambert", "Zoë", "metrics tree", "Brightline", "Hi Avery, loved your talk", "zo%C3%AB"):
            hits = [
                f"{s}.{t}.{col}"
                for s, t, col in columns
                if c.execute(f'select count(*) from {s}.{t} where "{col}" like ?', [f"%{needle}%"]).fetchone()[0]
            ]
            # Comments and posts are the member's own public writing; they stay.
            assert [h for h in hits if "comments" not in h and "shares" not in h] == [], needle
        assert c.execute("select member, member_name from raw.exports").fetchall() == [
            ("avery-example", "Avery Example")
        ]


def test_the_analysis_is_the_same_on_a_redacted_warehouse(plain_and_redacted):
    query = (
        "select pillar, proxy, window_days, lag_days, measure, method, n, round(estimate, 9), verdict "
        "from marts.pillar_correlations order by all"
    )
    with con(plain_and_redacted["plain"]) as a, con(plain_and_redacted["redacted"]) as b:
        plain, redacted = a.execute(query).fetchall(), b.execute(query).fetchall()
    assert len(plain) == 1200
    assert redacted == plain


def test_files_written_are_readable_by_the_user_only(sample_zip, tmp_path):
    home = tmp_path / "home"
    assert main(["ingest", str(sample_zip), "--home", str(home)]) == 0
    modes = {p.relative_to(home): stat.S_IMODE(p.stat().st_mode) for p in home.rglob("*")}
    assert modes and all(mode & 0o077 == 0 for mode in modes.values()), modes


def test_a_full_run_sends_nothing_over_the_network(tmp_path):
    log = tmp_path / "net.log"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parent / "netguard"), "NETGUARD_LOG": str(log)}
    env.pop("PREFECT_API_URL", None)
    done = subprocess.run(
        [sys.executable, "-m", "linkedin_ssi.flows.cli", "run", "--home", str(tmp_path / "home")],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert (tmp_path / "home" / "demo" / "reports" / "report.html").exists()
    assert not log.exists() or log.read_text() == ""


def test_reload_applies_new_privacy_options_to_an_export_already_loaded(sample_zip, tmp_path):
    home = tmp_path / "home"
    assert main(["ingest", str(sample_zip), "--home", str(home)]) == 0
    assert main(["ingest", str(sample_zip), "--home", str(home), "--include-sensitive"]) == 0
    with con(home) as c:
        assert c.execute("select count(email_address) from raw.linkedin__connections").fetchone() == (0,)
    before = {p for p in (home / "lake").rglob("*.parquet")}
    assert main(["ingest", str(sample_zip), "--home", str(home), "--include-sensitive", "--reload"]) == 0
    assert before <= {p for p in (home / "lake").rglob("*.parquet")}  # nothing the old build reads was replaced
    with con(home) as c:
        assert c.execute(
            "select count(*) from staging.stg_linkedin__connections where email_address is not null"
        ).fetchone() == (6,)
        assert c.execute("select count(*), count(email_address) from raw.linkedin__connections").fetchone() == (188, 6)
        assert c.execute("select count(*) from raw.exports").fetchone() == (1,)
