"""Fixtures of the matching specs: the small world of the core specs, shared."""

from ..core.conftest import taliban, world  # noqa: F401 - re-exported as fixtures of this area
