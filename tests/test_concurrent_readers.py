"""Readers are never blocked and never see a half-updated member: an analyst's process queries the published warehouse
in a loop while 50 incremental publishes change one member."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

from linkedin_ssi.ingest.load import load_export
from linkedin_ssi.ingest.ssi_store import import_ssi_file
from linkedin_ssi.models.params import AnalysisParams
from linkedin_ssi.models.warehouse import warehouse_path
from linkedin_ssi.presenting.publish import publish
from linkedin_ssi.synthetic.synth import write_synthetic

PUBLISHES = 50
PARAMS = AnalysisParams(windows=(28,), lags=(0,), max_permutations=200)
# One snapshot: the member's scores as stored (raw), as modelled (staging) and as published (marts) must agree; a
# reader seeing a half-updated member would see them differ.
READER = r"""
import json, sys, time
from pathlib import Path
import duckdb
warehouse, stop, out, member = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4]
seen, failures = [], []
while True:
    last = stop.exists()  # the read after the publisher stopped sees its last publish
    try:
        with duckdb.connect(str(warehouse), read_only=True) as con:
            counts = [con.execute(f"select count(*) from {t} where member = ?", [member]).fetchall()[0][0]
                      for t in ("raw.ssi__scores", "staging.stg_ssi__scores", "marts.ssi_scores")]
            correlated = con.execute(
                "select count(distinct n) from marts.pillar_correlations where member = ? and n > 0", [member]
            ).fetchall()[0][0]
        seen.append([*counts, correlated])
    except Exception as e:
        failures.append(f"{type(e).__name__}: {e}")
    if last:
        break
out.write_text(json.dumps({"seen": seen, "failures": failures}))
"""


def scores_file(folder: Path, member: str, day: date, k: int) -> Path:
    """Write one SSI capture of `member` on `day` (a plain tracker CSV); return its path."""
    path = folder / f"ssi_{k:03d}.csv"
    brand, people, insights, relationships = 10 + k % 7, 12 + k % 5, 9 + k % 3, 14 + k % 4
    total = brand + people + insights + relationships
    path.write_text(
        "date,total,brand,people,insights,relationships,member\n"
        f"{day.isoformat()},{total},{brand},{people},{insights},{relationships},{member}\n"
    )
    return path


def test_a_reader_querying_during_50_incremental_publishes_never_fails_nor_sees_a_half_updated_member(tmp_path):
    zips = write_synthetic(tmp_path / "team", 2, 0.05, 21)
    home = tmp_path / "home"
    for z in zips:
        load_export(home, z)
    member = zips[0].parent.name
    start = date(2026, 1, 5)
    for k in range(12):  # a history to correlate with, before the reader starts
        import_ssi_file(home, scores_file(tmp_path, member, start + timedelta(weeks=k), k), member)
    publish(home, PARAMS)
    stop, out = tmp_path / "stop", tmp_path / "reader.json"
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(warehouse_path(home)), str(stop), str(out), member], cwd=tmp_path
    )
    try:
        for k in range(12, 12 + PUBLISHES):
            import_ssi_file(home, scores_file(tmp_path, member, start + timedelta(weeks=k), k), member)
            published = publish(home, PARAMS)
            assert published.incremental and published.members_built == [member]
    finally:
        stop.touch()
        assert reader.wait(timeout=120) == 0
    result = json.loads(out.read_text())
    assert result["failures"] == []
    seen = result["seen"]
    assert len(seen) >= PUBLISHES  # the reader read throughout, not once
    assert all(raw == staged == published for raw, staged, published, _ in seen)
    scores = [raw for raw, *_ in seen]
    assert scores == sorted(scores)  # a snapshot never goes back to an older publish
    assert scores[-1] == 12 + PUBLISHES
    assert len(set(scores)) > 10  # and the reader saw many of the publishes, one consistent snapshot each
