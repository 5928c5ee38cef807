"""The domain model: frozen values, no I/O, no database."""

from designations.model.events import Event, EventKind, Scope, Source, State
from designations.model.lists import Absence, DesignationList, Jurisdiction, Verification
from designations.model.results import (
    ChangeSet,
    DataBasis,
    Extent,
    History,
    Receipt,
    Rescoped,
    Snapshot,
    SnapshotEntry,
    Status,
    Statuses,
)
from designations.model.subjects import Identifier, Name, Relation, RelationKind, Subject, SubjectKind

__all__ = [
    "Absence",
    "ChangeSet",
    "DataBasis",
    "DesignationList",
    "Event",
    "EventKind",
    "Extent",
    "History",
    "Identifier",
    "Jurisdiction",
    "Name",
    "Receipt",
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
    "Verification",
]
