"""The domain model: frozen values, no I/O, no database."""

from designations.model.events import Event, EventKind, Source, State
from designations.model.lists import DesignationList, Jurisdiction
from designations.model.results import (
    ChangeSet,
    History,
    Receipt,
    Snapshot,
    SnapshotEntry,
    Status,
    Statuses,
)
from designations.model.subjects import Identifier, Name, Subject, SubjectKind

__all__ = [
    "ChangeSet",
    "DesignationList",
    "Event",
    "EventKind",
    "History",
    "Identifier",
    "Jurisdiction",
    "Name",
    "Receipt",
    "Snapshot",
    "SnapshotEntry",
    "Source",
    "State",
    "Status",
    "Statuses",
    "Subject",
    "SubjectKind",
]
