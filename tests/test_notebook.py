"""The analysis notebook runs top to bottom on the demo's Parquet exports and draws its charts."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import REPO, needs_repo

nbformat = pytest.importorskip("nbformat", reason="notebook tests need the test extra (nbformat)")
nbclient = pytest.importorskip("nbclient", reason="notebook tests need the test extra (nbclient)")
pytest.importorskip("ipykernel", reason="notebook tests need the test extra (ipykernel)")
pytest.importorskip("matplotlib", reason="notebook tests need the test extra (matplotlib)")

NOTEBOOK = REPO / "notebooks" / "ssi_analysis.ipynb"


# The notebook is a repository document, not part of the package.
pytestmark = needs_repo


@pytest.fixture(scope="module")
def demo_exports(demo_home) -> Path:
    """Return the folder of Parquet files of the session's demo home."""
    return demo_home / "exports"


def test_notebook_is_committed_without_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(not c.outputs and c.execution_count is None for c in code)
    assert any(c.cell_type == "markdown" for c in nb.cells)


def test_notebook_runs_on_the_demo_exports_and_draws_its_charts(demo_exports, monkeypatch):
    # The kernel inherits this process's environment: where to read, and a backend that needs no display.
    monkeypatch.setenv("LINKEDIN_SSI_EXPORTS", str(demo_exports))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}}
    )
    client.execute()  # raises CellExecutionError on the first failing cell
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) >= 3
    printed = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert str(demo_exports) in printed and "28 scores for 1 member(s)" in printed
