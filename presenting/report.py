"""Write the warehouse as one self-contained HTML report: the claims tested, SSI history, strongest proxies, the
correlation grid, what the export can and cannot see, and data coverage.

The page loads nothing from anywhere: the stylesheet is inline and every chart is inline SVG, so the file can be
mailed, archived or opened offline; tooltips are SVG <title> elements (no JavaScript). The parts:

- `report_data`: the queries (marts and config.params only), read once into `ReportData`;
- `report_sections`, `report_claims`: each section's rows, sentences and charts, arranged for its template;
- `charts` and `svg`: the charts, as SVG element trees;
- `templates/*.html.j2` and `templates/report.css`: the markup and the stylesheet, written by Jinja2 with
  autoescaping, so every text from the data (member names, proxies, file names) is escaped wherever it lands.
"""

from __future__ import annotations

import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from linkedin_ssi.presenting.report_claims import claims_section
from linkedin_ssi.presenting.report_data import ReportData, load_report_data
from linkedin_ssi.presenting.report_sections import sections
from linkedin_ssi.presenting.templating import render


def render_report(data: ReportData, generated: datetime) -> str:
    """Return the whole HTML page for `data`, stamped with the time it was `generated`."""
    context = sections(data)
    claims = claims_section(data.claims, context["names"]) if data.claims is not None else None
    return str(render("report.html.j2", generated=generated, claims=claims, **context))


def write_report(warehouse: Path, target: Path) -> Path:
    """Write the HTML report of `warehouse` (opened read-only) to `target` atomically; return `target`."""
    warehouse, target = Path(warehouse), Path(target)
    page = render_report(load_report_data(warehouse), datetime.now(UTC))
    target.parent.mkdir(parents=True, exist_ok=True)
    # A temporary file in the same folder, then a rename: a reader never sees half a report.
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(page)
        # mkstemp creates the file 0600 whatever the umask, and it stays so: the report names the member's
        # connections' activity and files like every other output (README: readable by the user only).
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
