"""What one import did, as a value the CLI prints and scripts read."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs
import pendulum

__all__ = ["ImportReport"]


@attrs.frozen(kw_only=True)
class ImportReport:
    """What one import did: events per kind, subjects, the publication and timing."""

    path: str
    format: str
    sha256: str
    published: pendulum.Date
    duplicate: bool = False
    entries: int = 0
    lists: tuple[str, ...] = ()
    events: Mapping[str, int] = attrs.field(factory=dict)
    retracted: int = 0
    new_subjects: int = 0
    matches: Mapping[str, int] = attrs.field(factory=dict)
    warnings: tuple[str, ...] = ()
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form (the CLI's `--json`)."""
        return {
            "path": self.path, "format": self.format, "sha256": self.sha256,
            "published": self.published.isoformat(), "duplicate": self.duplicate,
            "entries": self.entries, "lists": list(self.lists), "events": dict(self.events),
            "retracted": self.retracted, "new_subjects": self.new_subjects,
            "matches": dict(self.matches), "warnings": list(self.warnings),
            "seconds": round(self.seconds, 3),
        }
