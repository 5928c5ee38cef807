"""
The store's tables: one schema for SQLite and PostgreSQL.

`event`, `event_source`, `retraction` and `batch` are append-only: they are
the truth. `status_period` is derived from them and can be rebuilt at any
time; its only change in place is closing `recorded_to` when a newer
derivation supersedes a row (transaction-time discipline).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from designations.store.types import FOREVER_DATE, FOREVER_TIME, PendulumDate, UTCDateTime

__all__ = [
    "Base",
    "BatchRow",
    "CoverageRow",
    "EventRow",
    "EventSourceRow",
    "JurisdictionAliasRow",
    "JurisdictionRow",
    "ListRow",
    "MetaRow",
    "PeriodRow",
    "PublicationEntryRow",
    "PublicationRow",
    "RelationRow",
    "RetractionRow",
    "SubjectIdentifierRow",
    "SubjectNameRow",
    "SubjectRow",
]

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base with stable constraint names for migrations."""

    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {  # noqa: RUF012 - SQLAlchemy reads this class attribute
        dt.datetime: UTCDateTime(),
        dt.date: PendulumDate(),
        str: Text(),
    }


class MetaRow(Base):
    """Store-level settings: seed digest, clock."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str]


class BatchRow(Base):
    """One write transaction: its recorded (transaction) time and provenance."""

    __tablename__ = "batch"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    recorded_at: Mapped[dt.datetime] = mapped_column(unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(default="")
    source_path: Mapped[str] = mapped_column(default="")
    sha256: Mapped[str] = mapped_column(String(64), default="")


class JurisdictionRow(Base):
    """A jurisdiction and its legal time zone."""

    __tablename__ = "jurisdiction"
    code: Mapped[str] = mapped_column(String(8), primary_key=True)
    name: Mapped[str]
    timezone: Mapped[str] = mapped_column(String(64))


class JurisdictionAliasRow(Base):
    """Another way to name a jurisdiction (RUS, Russia, Российская Федерация)."""

    __tablename__ = "jurisdiction_alias"
    alias: Mapped[str] = mapped_column(String(200), primary_key=True)
    code: Mapped[str] = mapped_column(ForeignKey("jurisdiction.code"))


class ListRow(Base):
    """A designation list kept by a jurisdiction."""

    __tablename__ = "designation_list"
    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    jurisdiction_code: Mapped[str] = mapped_column(ForeignKey("jurisdiction.code"), index=True)
    name: Mapped[str]
    authority: Mapped[str] = mapped_column(default="")
    legal_basis: Mapped[str] = mapped_column(default="")
    url: Mapped[str] = mapped_column(default="")
    tags: Mapped[str] = mapped_column(default="")
    established: Mapped[dt.date | None]
    allowance_days: Mapped[int | None] = mapped_column(Integer)
    verified_on: Mapped[dt.date | None]
    verified_count: Mapped[int | None] = mapped_column(Integer)
    reviewed: Mapped[dt.date | None]
    details: Mapped[str] = mapped_column(default="")  # JSON: the sources of `established` and of the check


class CoverageRow(Base):
    """A period for which the store holds a list completely, in recorded time."""

    __tablename__ = "coverage"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    list_id: Mapped[str] = mapped_column(ForeignKey("designation_list.id"), index=True)
    valid_from: Mapped[dt.date]
    valid_to: Mapped[dt.date] = mapped_column(default=FOREVER_DATE)
    origin: Mapped[str] = mapped_column(String(16), default="seed")
    recorded_from: Mapped[dt.datetime]
    recorded_to: Mapped[dt.datetime] = mapped_column(default=FOREVER_TIME)


class SubjectRow(Base):
    """A designated subject; `key` is its public, stable id."""

    __tablename__ = "subject"
    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    name: Mapped[str]
    batch_id: Mapped[int] = mapped_column(ForeignKey("batch.id"))
    match_reason: Mapped[str] = mapped_column(default="")


class SubjectNameRow(Base):
    """A name or alias, with its normalised match key."""

    __tablename__ = "subject_name"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    subject_pk: Mapped[int] = mapped_column(ForeignKey("subject.pk"), index=True)
    value: Mapped[str]
    key: Mapped[str] = mapped_column(index=True)
    lang: Mapped[str] = mapped_column(String(16), default="")
    script: Mapped[str] = mapped_column(String(8), default="")
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batch.id"))
    __table_args__ = (UniqueConstraint("subject_pk", "value"),)


class SubjectIdentifierRow(Base):
    """An identifier of a subject under a scheme (UN reference number, OFAC uid)."""

    __tablename__ = "subject_identifier"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    subject_pk: Mapped[int] = mapped_column(ForeignKey("subject.pk"), index=True)
    scheme: Mapped[str] = mapped_column(String(32))
    value: Mapped[str] = mapped_column(String(200), index=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batch.id"))
    __table_args__ = (UniqueConstraint("scheme", "value"),)


class EventRow(Base):
    """One recorded event. Append-only: never updated, never deleted."""

    __tablename__ = "event"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    subject_pk: Mapped[int] = mapped_column(ForeignKey("subject.pk"))
    list_id: Mapped[str] = mapped_column(ForeignKey("designation_list.id"))
    kind: Mapped[str] = mapped_column(String(16))
    effective_from: Mapped[dt.date]
    effective_to: Mapped[dt.date]
    precision: Mapped[str] = mapped_column(String(8))
    published: Mapped[dt.date | None]
    known_from: Mapped[dt.date]
    decided_from: Mapped[dt.date | None]
    decided_to: Mapped[dt.date | None]
    listed_as: Mapped[str] = mapped_column(default="")
    scope: Mapped[str] = mapped_column(String(8), default="whole")
    instrument: Mapped[str] = mapped_column(default="")
    note: Mapped[str] = mapped_column(default="")
    key: Mapped[str] = mapped_column(String(300), default="")
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("event.id"))
    batch_id: Mapped[int] = mapped_column(ForeignKey("batch.id"), index=True)
    recorded_at: Mapped[dt.datetime]
    __table_args__ = (
        Index("ix_event_lookup", "subject_pk", "list_id", "effective_from"),
        Index("ix_event_changes", "list_id", "effective_to", "effective_from"),
        Index("ix_event_key", "list_id", "key"),
    )


class EventSourceRow(Base):
    """A citation of an event. Append-only."""

    __tablename__ = "event_source"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id"), index=True)
    position: Mapped[int]
    title: Mapped[str]
    url: Mapped[str] = mapped_column(default="")
    publisher: Mapped[str] = mapped_column(default="")
    date: Mapped[dt.date | None]


class RetractionRow(Base):
    """The record that an event was wrong, from `recorded_at` on. Append-only."""

    __tablename__ = "retraction"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id"), unique=True)
    reason: Mapped[str]
    batch_id: Mapped[int] = mapped_column(ForeignKey("batch.id"))
    recorded_at: Mapped[dt.datetime]


class PeriodRow(Base):
    """
    A derived status period, tritemporal: valid, known and recorded time.

    The row answers every query whose day is in [valid_from, valid_to),
    whose as-known-at day is in [known_from, known_to) and whose recorded
    time is in [recorded_from, recorded_to). Rebuildable from events.
    """

    __tablename__ = "status_period"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    subject_pk: Mapped[int] = mapped_column(ForeignKey("subject.pk"))
    list_id: Mapped[str] = mapped_column(ForeignKey("designation_list.id"))
    state: Mapped[str] = mapped_column(String(16))
    certain: Mapped[bool] = mapped_column(Boolean)
    possible: Mapped[str] = mapped_column(String(64))
    valid_from: Mapped[dt.date]
    valid_to: Mapped[dt.date]
    known_from: Mapped[dt.date]
    known_to: Mapped[dt.date]
    recorded_from: Mapped[dt.datetime]
    recorded_to: Mapped[dt.datetime]
    event_id: Mapped[int | None] = mapped_column(ForeignKey("event.id"))
    event_ids: Mapped[str] = mapped_column(default="")
    state_since: Mapped[dt.date | None]  # the day the state began (amendments start periods too)
    __table_args__ = (
        Index("ix_status_period_lookup", "subject_pk", "list_id", "valid_from", "valid_to"),
        Index("ix_status_period_snapshot", "list_id", "state", "valid_from"),
        Index("ix_status_period_current", "subject_pk", "recorded_to"),
    )


class RelationRow(Base):
    """A sourced relation between two subjects (part of, renamed from, ...), in recorded time."""

    __tablename__ = "subject_relation"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    subject_pk: Mapped[int] = mapped_column(ForeignKey("subject.pk"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    other_pk: Mapped[int] = mapped_column(ForeignKey("subject.pk"), index=True)
    list_id: Mapped[str] = mapped_column(String(100), default="")  # '' holds on every list
    note: Mapped[str] = mapped_column(default="")
    sources: Mapped[str] = mapped_column(default="")  # JSON: [{title, url, publisher, date}]
    recorded_from: Mapped[dt.datetime]
    recorded_to: Mapped[dt.datetime] = mapped_column(default=FOREVER_TIME)


class PublicationRow(Base):
    """A publication of a list that the store imported (file hash, date)."""

    __tablename__ = "publication"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    list_id: Mapped[str] = mapped_column(ForeignKey("designation_list.id"), index=True)
    published: Mapped[dt.date]
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    format: Mapped[str] = mapped_column(String(32))
    path: Mapped[str] = mapped_column(default="")
    batch_id: Mapped[int] = mapped_column(ForeignKey("batch.id"))


class PublicationEntryRow(Base):
    """One entry of an imported publication, for diffing the next one."""

    __tablename__ = "publication_entry"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    publication_id: Mapped[int] = mapped_column(ForeignKey("publication.id"))
    entry_key: Mapped[str] = mapped_column(String(200))
    subject_pk: Mapped[int] = mapped_column(ForeignKey("subject.pk"))
    fingerprint: Mapped[str] = mapped_column(String(64))
    dates_seen: Mapped[str] = mapped_column(Text, default="")
    """Every date diffing needs of the entry as this publication showed it (`sources.diff.encode`)."""
    __table_args__ = (Index("ix_publication_entry_key", "publication_id", "entry_key"),)
