"""Shared fixtures for the reader specs: the hand-made fixture files and the real ones."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parents[1] / "fixtures"
SHARED = Path(__file__).parents[2] / ".." / "shared" / "data"


@pytest.fixture
def fixtures() -> Path:
    """The directory of fixture files written for these tests."""
    return FIXTURES


@pytest.fixture
def shared_data() -> Path:
    """The real published files in ../shared/data; the test is skipped when they are absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared/data is not present")
    return SHARED.resolve()
