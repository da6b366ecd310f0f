#!/usr/bin/env python3
"""Write the bundled synthetic LinkedIn export (`data/sample_export/`) and the matching SSI history
(`data/sample_ssi_scores.csv`), all invented; the generator is `linkedin_ssi.synthetic.sample_export`.

Usage, from the repository root: ``.venv/bin/python scripts/make_sample_export.py`` (the project installed, as
`make` does). Both outputs are rewritten on every run, byte for byte the same: `git status` shows no change unless
the generator changed.
"""

from __future__ import annotations

from pathlib import Path

from linkedin_ssi.synthetic.sample_export import write_sample_export

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "sample_export"
SSI_OUT = ROOT / "data" / "sample_ssi_scores.csv"


def main() -> None:
    """Write both outputs and print what was written."""
    written = write_sample_export(OUT, SSI_OUT)
    records = written.records
    print(f"wrote {len(records) + written.other_files} files to {OUT}")
    for k in (
        "Connections.csv",
        "Invitations.csv",
        "messages.csv",
        "Shares.csv",
        "Reactions.csv",
        "Votes.csv",
        "SearchQueries.csv",
        "Company Follows.csv",
        "Member_Follows_5521.csv",
        "Rich_Media.csv",
        "Endorsement_Received_Info.csv",
        "Endorsement_Given_Info.csv",
    ):
        print(f"  {k}: {records[k]}")
    print(f"  Comments: {records['Comments_34875879.csv'] + records['Comments_34875880.csv']}")
    print(f"wrote {written.ssi_rows} SSI rows to {SSI_OUT}")


if __name__ == "__main__":
    main()
