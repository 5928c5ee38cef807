"""
Keeping the store current: `designations update` and `designations watch`.

`update` fetches the official machine-readable publications (UN, OFAC, UK,
EU), keeps every file in an archive beside the store, and imports what is new
through the normal, transactional import path. `watch` fetches the official
pages of the curated lists and says which changed since they were last seen,
so a maintainer knows when `seeds/` needs work; it never changes the data.
"""

from designations.updates.archive import Archive
from designations.updates.fetch import Fetched, Limits, fetch
from designations.updates.run import SourceResult, UpdateReport, update
from designations.updates.sources import DEFAULT_SOURCES, UpdateSource, configured_sources
from designations.updates.watch import PageResult, page_text, watch

__all__ = [
    "DEFAULT_SOURCES",
    "Archive",
    "Fetched",
    "Limits",
    "PageResult",
    "SourceResult",
    "UpdateReport",
    "UpdateSource",
    "configured_sources",
    "fetch",
    "page_text",
    "update",
    "watch",
]
