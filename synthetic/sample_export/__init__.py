"""Write the bundled synthetic LinkedIn export (`data/sample_export/`) and the matching SSI history
(`data/sample_ssi_scores.csv`); `scripts/make_sample_export.py` runs it.

EVERYTHING WRITTEN HERE IS INVENTED. The member "Avery Example", every connection, company, message, comment and
URL is made up; e-mail addresses use only example.com / example.org, IP addresses only the documentation ranges
(192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32). Nothing was copied from a real export. What is
*real* is the structure: file names, header lines, quoting, line endings, BOMs, trailing newlines and date formats,
which follow linkedin-export-format.md (the spec measured on 21 real archives) through `synthetic/linkedin_format/`.

The export is an UNZIPPED "Complete" export of Avery Example, exported 2026-10-15, with the quirks listed in its
README.md (generated too, so the line numbers it quotes are always right); the SSI history is weekly (Mondays
2026-04-06 .. 2026-10-12), derived from the export's activity (`world` says how the activity is simulated).

The output is a pure function of the code: `write_sample_export` writes the same bytes on every run, and
`tests/test_sample_export_regenerates.py` checks that they are the committed ones.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from linkedin_ssi.synthetic.linkedin_format.archive import write_folder
from linkedin_ssi.synthetic.sample_export.account import (
    write_account_files,
    write_articles,
    write_jobs_and_verifications,
    write_learning_events_ads,
    write_macosx_junk,
    write_misc,
    write_notes,
)
from linkedin_ssi.synthetic.sample_export.engaging import (
    write_comments,
    write_follows,
    write_reactions,
    write_search_queries,
    write_votes,
)
from linkedin_ssi.synthetic.sample_export.messages import write_message_side_files, write_messages
from linkedin_ssi.synthetic.sample_export.network import write_connections, write_invitations
from linkedin_ssi.synthetic.sample_export.posting import write_rich_media, write_shares
from linkedin_ssi.synthetic.sample_export.profile import write_endorsements, write_profile_files, write_recommendations
from linkedin_ssi.synthetic.sample_export.readme import readme_text
from linkedin_ssi.synthetic.sample_export.ssi import ssi_lines
from linkedin_ssi.synthetic.sample_export.state import Sample
from linkedin_ssi.synthetic.sample_export.world import build_world


@dataclass(frozen=True)
class Written:
    """What `write_sample_export` wrote: the records of each CSV (by path in the export), the other files, and
    the rows of the SSI history."""

    records: dict[str, int]
    other_files: int
    ssi_rows: int


def write_sample_export(out: Path, ssi_out: Path) -> Written:
    """Write the sample export into the folder `out` (replaced whole) and its SSI history to the file `ssi_out`;
    return what was written."""
    s = Sample()
    wd = build_world(s)
    # The writers draw from one generator: their order is part of the output.
    write_connections(s, wd)
    write_invitations(s, wd)
    write_messages(s, wd)
    write_message_side_files(s)
    write_shares(s, wd)
    write_comments(s, wd)
    write_reactions(s, wd)
    write_votes(s, wd)
    write_search_queries(s, wd)
    write_follows(s, wd)
    write_rich_media(s, wd)
    write_profile_files(s)
    write_endorsements(s, wd)
    write_recommendations(s, wd)
    write_account_files(s)
    write_notes(s, wd)
    write_learning_events_ads(s)
    write_jobs_and_verifications(s)
    write_misc(s, wd)
    write_articles(s)
    write_macosx_junk(s)

    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    write_folder(out, [f.export_file() for f in s.files], [(path, data) for path, data, _ in s.blobs])
    lines = ssi_lines(s, wd)
    ssi_out.write_bytes(("\n".join(lines) + "\n").encode())
    (out / "README.md").write_bytes(readme_text(s, wd, lines).encode())
    return Written({f.relpath: f.data_records for f in s.files}, len(s.blobs), len(lines) - 1)
