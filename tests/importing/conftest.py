"""The import specs use the readers' fixtures: the hand-made fixture files and the real published ones."""

from ..formats.conftest import FIXTURES, SHARED, fixtures, shared_data  # noqa: F401 - fixtures of this area too
