"""
designations: a reference registry of terrorist designations across jurisdictions.

Open a registry with `designations.open()` and ask point-in-time questions:
`status`, `was_listed`, `who_lists`, `history`, `snapshot`, `changes`.
"""

from designations import errors
from designations.dates import DateWindow, Period, Precision
from designations.errors import (
    AmbiguousNameError,
    DesignationsError,
    InvalidDateError,
    TransitionError,
    UncertainAnswerError,
    UnknownJurisdictionError,
    UnknownSubjectError,
)
from designations.model import (
    Absence,
    ChangeSet,
    DataBasis,
    DesignationList,
    Event,
    EventKind,
    Extent,
    History,
    Identifier,
    Jurisdiction,
    Name,
    Receipt,
    Relation,
    RelationKind,
    Rescoped,
    Scope,
    Snapshot,
    SnapshotEntry,
    Source,
    State,
    Status,
    Statuses,
    Subject,
    SubjectKind,
    Verification,
)
from designations.registry import Registry, default_url, open, upgrade_store  # noqa: A004

__all__ = [
    "Absence",
    "AmbiguousNameError",
    "ChangeSet",
    "DataBasis",
    "DateWindow",
    "DesignationList",
    "DesignationsError",
    "Event",
    "EventKind",
    "Extent",
    "History",
    "Identifier",
    "InvalidDateError",
    "Jurisdiction",
    "Name",
    "Period",
    "Precision",
    "Receipt",
    "Registry",
    "Relation",
    "RelationKind",
    "Rescoped",
    "Scope",
    "Snapshot",
    "SnapshotEntry",
    "Source",
    "State",
    "Status",
    "Statuses",
    "Subject",
    "SubjectKind",
    "TransitionError",
    "UncertainAnswerError",
    "UnknownJurisdictionError",
    "UnknownSubjectError",
    "Verification",
    "__version__",
    "default_url",
    "errors",
    "open",
    "upgrade_store",
]


def __getattr__(name: str) -> str:
    """Compute `__version__` lazily from the installed metadata."""
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

        try:
            return version("designations")
        except PackageNotFoundError:  # running from a source tree
            return "0.0.0+unknown"
    raise AttributeError(f"module 'designations' has no attribute {name!r}")
