"""Analysts hold the warehouse open while runs publish: the run never fails, the reader never sees half a build."""

import subprocess
import sys
import textwrap

import duckdb
from linkedin_ssi.flows.cli import main

from support import write_export
from test_load import export_files

READER = textwrap.dedent("""
    import sys, duckdb
    con = duckdb.connect(sys.argv[1], read_only=True)
    print(con.execute("select count(*) from staging.stg_linkedin__connections").fetchone()[0], flush=True)
    sys.stdin.readline()   # hold the file open until told
    print(con.execute("select count(*) from staging.stg_linkedin__connections").fetchone()[0], flush=True)
""")


def test_a_reader_holding_the_warehouse_open_does_not_block_a_publish(tmp_path, home):
    assert (
        main(["ingest", str(write_export(tmp_path / "a", export_files(connections=("ann",)))), "--home", str(home)])
        == 0
    )
    path = home / "warehouse" / "linkedin.duckdb"
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert reader.stdout.readline().strip() == "1"
        newer = export_files("Blake", "Sample", "blake-sample", ("cy", "dee"))
        assert main(["ingest", str(write_export(tmp_path / "b", newer)), "--home", str(home)]) == 0
        with duckdb.connect(str(path), read_only=True) as con:
            assert con.execute("select count(*) from staging.stg_linkedin__connections").fetchone() == (3,)
        reader.stdin.write("\n")
        reader.stdin.flush()
        # The reader still sees its consistent snapshot: the old build, whole.
        assert reader.stdout.readline().strip() == "1"
    finally:
        reader.stdin.close()
        assert reader.wait(timeout=30) == 0
