"""The example notebook runs from top to bottom, so it can never rot."""

from __future__ import annotations

import importlib.util
import pathlib

import pytest

NOTEBOOK = pathlib.Path(__file__).parents[2] / "docs" / "notebooks" / "taliban.ipynb"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(importlib.util.find_spec("ipykernel") is None,
                       reason="executing the notebook needs ipykernel (test dependency group)"),
]


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> object:
    """The notebook, executed in a fresh kernel in a temporary directory."""
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    workdir = tmp_path_factory.mktemp("notebook")
    client = nbclient.NotebookClient(
        notebook, timeout=600, kernel_name="python3",
        resources={"metadata": {"path": str(workdir)}},
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TMPDIR", str(workdir))   # the kernel's throwaway store lands here, not in /tmp
        client.execute()
    return notebook


def outputs(notebook: object, kind: str) -> list[str]:
    """Every output of the given MIME type, in cell order."""
    found = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if kind in data:
                found.append(data[kind])
    return found


def test_notebook_runs_without_errors(executed: object) -> None:
    """Every code cell runs, and none leaves an error output."""
    errors = [o for c in executed.cells for o in c.get("outputs", [])
              if o.get("output_type") == "error"]

    assert [] == errors


def test_notebook_shows_answers_as_tables(executed: object) -> None:
    """Statuses and histories display as HTML tables in Jupyter."""
    tables = [html for html in outputs(executed, "text/html") if 'class="designations"' in html]

    assert any("SUSPENDED" in html for html in tables)
    assert any("2003-02-14" in html for html in tables)


def test_notebook_draws_the_timeline(executed: object) -> None:
    """The timeline cell displays a PNG image."""
    assert outputs(executed, "image/png")


def test_notebook_contrasts_known_then_and_now(executed: object) -> None:
    """As known at 2025-01-01 Russia's ban was LISTED; as known now it is SUSPENDED."""
    text = "\n".join(outputs(executed, "text/html") + outputs(executed, "text/plain"))

    assert "as known at 2025-01-01" in text
    assert "LISTED" in text
    assert "SUSPENDED" in text
