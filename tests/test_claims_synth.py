"""Claim 3 end to end through real export files: the synthetic generator plants a note effect (or its opposite)
in Invitations.csv and Connections.csv, the loader parses them, and the verdicts come out as planted."""

from __future__ import annotations

import duckdb
from linkedin_ssi.flows.cli import main
from linkedin_ssi.synthetic.synth import write_synthetic


def test_planted_note_effects_are_found_through_the_whole_pipeline(tmp_path):
    helps = write_synthetic(tmp_path / "helps", 1, 1.0, 35, eras=["2025"], note_acceptance=(0.75, 0.3))
    hurts = write_synthetic(tmp_path / "hurts", 1, 1.0, 36, eras=["2023"], note_acceptance=(0.2, 0.6))
    plain = write_synthetic(tmp_path / "plain", 1, 1.0, 37, eras=["2025"])  # 5% notes, no effect
    home = tmp_path / "home"
    assert main(["ingest", *map(str, helps + hurts + plain), "--home", str(home)]) == 0
    with duckdb.connect(str(home / "warehouse" / "linkedin.duckdb"), read_only=True) as con:
        members = {m: p.parent.name for p, m in zip(helps + hurts + plain, ("helps", "hurts", "plain"))}
        rows = {
            r[0]: r[1:]
            for r in con.execute(
                "select member, verdict, n, round(estimate, 1) from marts.claim_tests "
                "where claim = 'invitation_note' and period is null"
            ).fetchall()
        }
    # Planted 75% vs 30% (drawn: 31/48 vs 16/42) and 20% vs 60% (7/43 vs 23/47); 90 requests sent each.
    assert rows[members["helps"]] == ("supported", 90, 26.5)
    assert rows[members["hurts"]] == ("contradicted", 90, -32.7)
    assert rows[members["plain"]][0] == "insufficient data"
    assert rows["all"][0] == "inconclusive"  # pooled, the opposite effects cancel out
