"""
The store's tables: one schema for SQLite and PostgreSQL, in SQLAlchemy Core.

`event` (with its citations), `retraction` and `batch` are append-only: they
are the truth. `status_period` is derived from them and can be rebuilt at any
time; its only change in place is closing `recorded_to` when a newer
derivation supersedes a row (transaction-time discipline).

Core tables, not ORM classes: the store reads and writes rows, never objects,
and a question's cold start does not pay for loading the ORM.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    event,
    false,
    text,
)

from designations.store.types import FOREVER_DATE, FOREVER_TIME, PendulumDate, UTCDateTime

__all__ = [
    "PART_SCOPE",
    "BatchTable",
    "CoverageTable",
    "EventTable",
    "JurisdictionAliasTable",
    "JurisdictionTable",
    "ListTable",
    "MetaTable",
    "PeriodTable",
    "PublicationEntryTable",
    "PublicationTable",
    "RelationTable",
    "RetractionTable",
    "SubjectIdentifierTable",
    "SubjectNameTable",
    "SubjectTable",
    "metadata",
]

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING)
"""Every table, with stable constraint names for migrations."""


# One write transaction: its recorded (transaction) time and provenance.
BatchTable = Table(
    "batch",
    metadata,
    Column("id", Integer(), primary_key=True),
    Column("recorded_at", UTCDateTime(), nullable=False, unique=True),
    Column("kind", String(16), nullable=False),
    Column("note", Text(), nullable=False, default=""),
    Column("source_path", Text(), nullable=False, default=""),
    Column("sha256", String(64), nullable=False, default=""),
)

# A jurisdiction and its legal time zone.
JurisdictionTable = Table(
    "jurisdiction",
    metadata,
    Column("code", String(8), primary_key=True),
    Column("name", Text(), nullable=False),
    Column("timezone", String(64), nullable=False),
)

# Store-level settings: seed digest, clock.
MetaTable = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text(), nullable=False),
)

# A designation list kept by a jurisdiction.
ListTable = Table(
    "designation_list",
    metadata,
    Column("id", String(100), primary_key=True),
    Column("jurisdiction_code", String(8), ForeignKey("jurisdiction.code"), nullable=False, index=True),
    Column("name", Text(), nullable=False),
    Column("authority", Text(), nullable=False, default=""),
    Column("legal_basis", Text(), nullable=False, default=""),
    Column("url", Text(), nullable=False, default=""),
    Column("tags", Text(), nullable=False, default=""),
    Column("established", PendulumDate(), nullable=True),
    Column("allowance_days", Integer(), nullable=True),
    Column("verified_on", PendulumDate(), nullable=True),
    Column("verified_count", Integer(), nullable=True),
    Column("reviewed", PendulumDate(), nullable=True),
    Column("details", Text(), nullable=False, default=""),
)

# Another way to name a jurisdiction (RUS, Russia, Российская Федерация).
JurisdictionAliasTable = Table(
    "jurisdiction_alias",
    metadata,
    Column("alias", String(200), primary_key=True),
    Column("code", String(8), ForeignKey("jurisdiction.code"), nullable=False),
)

# A designated subject; `key` is its public, stable id.
SubjectTable = Table(
    "subject",
    metadata,
    Column("pk", Integer(), primary_key=True),
    Column("key", String(200), nullable=False, unique=True),
    Column("kind", String(16), nullable=False),
    Column("name", Text(), nullable=False),
    Column("batch_id", Integer(), ForeignKey("batch.id"), nullable=False),
    Column("match_reason", Text(), nullable=False, default=""),
    # Whether the subject has aliases (names that are not its primary one), and identifiers
    # (migration 0011): kept by triggers on `subject_name` and `subject_identifier` (`store.flags`),
    # so that answers read the details only of the subjects that have some, without a probe per row.
    Column("has_aliases", Boolean(), nullable=False, server_default=false()),
    Column("has_identifiers", Boolean(), nullable=False, server_default=false()),
)

# A period for which the store holds a list completely, in recorded time.
CoverageTable = Table(
    "coverage",
    metadata,
    Column("id", Integer(), primary_key=True),
    Column("list_id", String(100), ForeignKey("designation_list.id"), nullable=False, index=True),
    Column("valid_from", PendulumDate(), nullable=False),
    Column("valid_to", PendulumDate(), nullable=False, default=FOREVER_DATE),
    Column("origin", String(16), nullable=False, default="seed"),
    Column("recorded_from", UTCDateTime(), nullable=False),
    Column("recorded_to", UTCDateTime(), nullable=False, default=FOREVER_TIME),
)

PART_SCOPE = "scope = 'part'"
"""The rows of `event` that designate only a part of their subject, as `ix_event_part` and its readers spell it."""

# One recorded event. Append-only: never updated, never deleted.
EventTable = Table(
    "event",
    metadata,
    Column("id", Integer(), primary_key=True),
    Column("subject_pk", Integer(), ForeignKey("subject.pk"), nullable=False),
    Column("list_id", String(100), ForeignKey("designation_list.id"), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("effective_from", PendulumDate(), nullable=False),
    Column("effective_to", PendulumDate(), nullable=False),
    Column("precision", String(8), nullable=False),
    Column("published", PendulumDate(), nullable=True),
    Column("known_from", PendulumDate(), nullable=False),
    Column("decided_from", PendulumDate(), nullable=True),
    Column("decided_to", PendulumDate(), nullable=True),
    Column("listed_as", Text(), nullable=False, default=""),
    Column("scope", String(8), nullable=False, default="whole"),
    Column("instrument", Text(), nullable=False, default=""),
    Column("note", Text(), nullable=False, default=""),
    Column("key", String(300), nullable=False, default=""),
    Column("corrects_id", Integer(), ForeignKey("event.id"), nullable=True),
    Column("batch_id", Integer(), ForeignKey("batch.id"), nullable=False, index=True),
    Column("recorded_at", UTCDateTime(), nullable=False),
    # The event's citations, written once with it (migration 0009; they were rows of `event_source`):
    # compact JSON, one [title, url, publisher, date] array per citation in the order cited,
    # date as YYYY-MM-DD or null, e.g. [["Federal Register","https://...","",null]].
    # An answer reads them with the event, no second probe per event.
    Column("citations", Text(), nullable=False, server_default="[]"),
    Index("ix_event_changes", "list_id", "effective_to", "effective_from"),
    Index("ix_event_key", "list_id", "key"),
    Index("ix_event_lookup", "subject_pk", "list_id", "effective_from"),
    # The events that designate only a part of their subject (a military wing), per list: a snapshot finds
    # which of its entries list only a part without reading one event row per entry (migration 0012).
    Index("ix_event_part", "list_id", sqlite_where=text(PART_SCOPE), postgresql_where=text(PART_SCOPE)),
)

# A publication of a list that the store imported (file hash, date).
PublicationTable = Table(
    "publication",
    metadata,
    Column("id", Integer(), primary_key=True),
    Column("list_id", String(100), ForeignKey("designation_list.id"), nullable=False, index=True),
    Column("published", PendulumDate(), nullable=False),
    Column("sha256", String(64), nullable=False, index=True),
    Column("format", String(32), nullable=False),
    Column("path", Text(), nullable=False, default=""),
    Column("batch_id", Integer(), ForeignKey("batch.id"), nullable=False),
)

# An identifier of a subject under a scheme (UN reference number, OFAC uid).
SubjectIdentifierTable = Table(
    "subject_identifier",
    metadata,
    Column("id", Integer(), primary_key=True),
    Column("subject_pk", Integer(), ForeignKey("subject.pk"), nullable=False, index=True),
    Column("scheme", String(32), nullable=False),
    Column("value", String(200), nullable=False, index=True),
    Column("batch_id", Integer(), ForeignKey("batch.id"), nullable=False),
    UniqueConstraint("scheme", "value"),
)

# A name or alias, with its normalised match key.
SubjectNameTable = Table(
    "subject_name",
    metadata,
    Column("id", Integer(), primary_key=True),
    Column("subject_pk", Integer(), ForeignKey("subject.pk"), nullable=False, index=True),
    Column("value", Text(), nullable=False),
    Column("key", Text(), nullable=False, index=True),
    Column("lang", String(16), nullable=False, default=""),
    Column("script", String(8), nullable=False, default=""),
    Column("is_primary", Boolean(), nullable=False, default=False),
    Column("batch_id", Integer(), ForeignKey("batch.id"), nullable=False),
    Column("weak", Boolean(), nullable=False, default=False),
    UniqueConstraint("subject_pk", "value"),
    # aliases only: a subject without any costs one probe and no table read (migration 0008)
    Index("ix_subject_name_alias", "subject_pk", "id"),
)

ALIAS_INDEX_WHERE = {"sqlite": "is_primary = 0", "postgresql": "NOT is_primary"}
"""The partial index's condition per dialect (as migration 0008 creates it, and as `store.lookup` spells it)."""


@event.listens_for(SubjectNameTable, "before_create")
def _alias_index_where(table: Table, connection: Connection, **_: object) -> None:
    """
    Make `ix_subject_name_alias` partial for the dialect creating it.

    Declared with the index (`postgresql_where=...`) the condition would load SQLAlchemy's
    PostgreSQL dialect, and every driver it names, whenever this module is imported: tens of
    milliseconds on every SQLite question. Set here, it loads only the dialect in use.
    """
    name = connection.dialect.name
    for index in table.indexes:
        if index.name == "ix_subject_name_alias" and name in ALIAS_INDEX_WHERE:
            index.dialect_options[name]["where"] = text(ALIAS_INDEX_WHERE[name])

# A sourced relation between two subjects (part of, renamed from, ...), in recorded time.
RelationTable = Table(
    "subject_relation",
    metadata,
    Column("id", Integer(), primary_key=True),
    Column("subject_pk", Integer(), ForeignKey("subject.pk"), nullable=False, index=True),
    Column("kind", String(16), nullable=False),
    Column("other_pk", Integer(), ForeignKey("subject.pk"), nullable=False, index=True),
    Column("list_id", String(100), nullable=False, default=""),
    Column("note", Text(), nullable=False, default=""),
    Column("sources", Text(), nullable=False, default=""),
    Column("recorded_from", UTCDateTime(), nullable=False),
    Column("recorded_to", UTCDateTime(), nullable=False, default=FOREVER_TIME),
    Column("valid_from", PendulumDate(), nullable=True),  # the first day the relation holds (NULL: no bound)
    Column("valid_to", PendulumDate(), nullable=True),  # the first day it no longer holds (NULL: no bound)
)

# One entry of an imported publication, for diffing the next one.
PublicationEntryTable = Table(
    "publication_entry",
    metadata,
    Column("id", Integer(), primary_key=True),
    Column("publication_id", Integer(), ForeignKey("publication.id"), nullable=False),
    Column("entry_key", String(200), nullable=False),
    Column("subject_pk", Integer(), ForeignKey("subject.pk"), nullable=False),
    Column("fingerprint", String(64), nullable=False),
    Column("dates_seen", Text(), nullable=False, default=""),
    Index("ix_publication_entry_key", "publication_id", "entry_key"),
)

# The record that an event was wrong, from `recorded_at` on. Append-only.
RetractionTable = Table(
    "retraction",
    metadata,
    Column("id", Integer(), primary_key=True),
    Column("event_id", Integer(), ForeignKey("event.id"), nullable=False, unique=True),
    Column("reason", Text(), nullable=False),
    Column("batch_id", Integer(), ForeignKey("batch.id"), nullable=False),
    Column("recorded_at", UTCDateTime(), nullable=False),
)

# A derived status period, tritemporal: valid, known and recorded time.
# The row answers every query whose day is in [valid_from, valid_to),
# whose as-known-at day is in [known_from, known_to) and whose recorded
# time is in [recorded_from, recorded_to). Rebuildable from events.
PeriodTable = Table(
    "status_period",
    metadata,
    Column("id", Integer(), primary_key=True),
    Column("subject_pk", Integer(), ForeignKey("subject.pk"), nullable=False),
    Column("list_id", String(100), ForeignKey("designation_list.id"), nullable=False),
    Column("state", String(16), nullable=False),
    Column("certain", Boolean(), nullable=False),
    Column("possible", String(64), nullable=False),
    Column("valid_from", PendulumDate(), nullable=False),
    Column("valid_to", PendulumDate(), nullable=False),
    Column("known_from", PendulumDate(), nullable=False),
    Column("known_to", PendulumDate(), nullable=False),
    Column("recorded_from", UTCDateTime(), nullable=False),
    Column("recorded_to", UTCDateTime(), nullable=False),
    Column("event_id", Integer(), ForeignKey("event.id"), nullable=True),
    Column("event_ids", Text(), nullable=False, default=""),
    Column("state_since", PendulumDate(), nullable=True),
    # The day the designation took its current scope (the whole, or a part) within the state, when an
    # amendment changed it after `state_since` (migration 0012); NULL: the same day as `state_since`.
    Column("scope_since", PendulumDate(), nullable=True),
    # The first day the state may have begun, when the act that set it is in force on a day known only
    # as a window ending at `state_since` (migration 0013); NULL: the state began on `state_since`.
    Column("since_earliest", PendulumDate(), nullable=True),
    Index("ix_status_period_current", "subject_pk", "recorded_to"),
    Index("ix_status_period_snapshot", "list_id", "state", "valid_from"),
    Index("ix_status_period_lookup", "subject_pk", "list_id", "valid_from", "valid_to"),
)
