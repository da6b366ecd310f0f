"""The files shipped inside the package: the SQL models and the bundled sample export.

Read through importlib.resources so they are found the same way from a checkout (editable install) and from an
installed wheel; pip always unpacks wheels, so each is a real folder on disk and is returned as a Path.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def _folder(package: str) -> Path:
    """Return the folder on disk that holds `package`'s files."""
    return Path(str(files(package)))


SQL_DIR = _folder("linkedin_ssi.sql")
SAMPLE_DATA = _folder("linkedin_ssi.sample_data")
SAMPLE_EXPORT = SAMPLE_DATA / "sample_export"
SAMPLE_SSI = SAMPLE_DATA / "sample_ssi_scores.csv"
