"""Designated subjects: organisations, people, vessels, with names in any script."""

from __future__ import annotations

import enum
import unicodedata
from collections.abc import Iterable

import attrs
import pendulum

from designations.dates import parse_date
from designations.errors import InvalidRecordError
from designations.model.events import Source
from designations.names import clean_name, drop_invisible, normalise

__all__ = ["Identifier", "Name", "Relation", "RelationKind", "Subject", "SubjectKind"]


class SubjectKind(enum.Enum):
    """What kind of thing a subject is."""

    ORGANISATION = "organisation"
    PERSON = "person"
    VESSEL = "vessel"
    AIRCRAFT = "aircraft"
    OTHER = "other"

    @classmethod
    def parse(cls, value: object) -> SubjectKind:
        """Read a kind from its value or name, case-insensitively."""
        if isinstance(value, SubjectKind):
            return value
        text = str(value).strip().lower()
        aliases = {"organization": "organisation", "entity": "organisation",
                   "individual": "person", "company": "organisation",
                   "legalentity": "organisation"}
        text = aliases.get(text, text)
        try:
            return cls(text)
        except ValueError as exc:
            choices = ", ".join(k.value for k in cls)
            msg = f"unknown subject kind {value!r} (one of {choices})"
            raise InvalidRecordError(msg, field="kind") from exc


def _clean(_inst: object, attr: attrs.Attribute[str], value: str) -> None:
    try:
        clean_name(value)
    except ValueError as exc:
        raise InvalidRecordError(str(exc), field=attr.name) from exc


def _fold(value: object) -> str:
    """Fold runs of white space and drop invisible characters; names are compared and shown without them."""
    if not isinstance(value, str) or any(
            unicodedata.category(ch) == "Cc" and ch not in "\t\n\r" for ch in value):
        return value  # type: ignore[return-value]  # left as it is: the validator refuses it, naming the field
    return " ".join(drop_invisible(value).split())


@attrs.frozen
class Name:
    """A name or alias, with its language (BCP 47) or script (ISO 15924) where known."""

    value: str = attrs.field(converter=_fold, validator=_clean)
    lang: str = ""
    script: str = ""
    primary: bool = False
    weak: bool = False
    """An alias the list itself calls low quality (the UN's "Low"): searchable, never a screening hit alone."""

    @property
    def key(self) -> str:
        """The normalised match key."""
        return normalise(self.value)


def _token(_inst: object, attr: attrs.Attribute[str], value: str) -> None:
    """Ids and identifiers: non-empty text, at most 200 characters, no control characters."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidRecordError("must be non-empty text", field=attr.name)
    if len(value) > 200 or any(ord(ch) < 32 or ord(ch) == 127 for ch in value):  # noqa: PLR2004
        raise InvalidRecordError("must be at most 200 characters, without control characters", field=attr.name)


@attrs.frozen
class Identifier:
    """An identifier under a scheme, e.g. ("un", "QDe.004") or ("ofac", "6366")."""

    scheme: str = attrs.field(validator=_token)
    value: str = attrs.field(validator=_token)


def _names(value: object) -> tuple[Name, ...]:
    if isinstance(value, (str, Name)):
        items: tuple[object, ...] = (value,)
    elif isinstance(value, Iterable):
        items = tuple(value)
    else:
        msg = f"aliases must be names, got {type(value).__name__}"
        raise InvalidRecordError(msg, field="aliases")
    for v in items:
        if not isinstance(v, (str, Name)):
            msg = f"an alias must be text, got {type(v).__name__}"
            raise InvalidRecordError(msg, field="aliases")
    return tuple(v if isinstance(v, Name) else Name(v) for v in items)


def _kind(value: object) -> SubjectKind:
    return SubjectKind.parse(value)


def _identifiers(value: Iterable[Identifier]) -> tuple[Identifier, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class Subject:
    """A designated organisation, person or thing; `id` is stable across stores."""

    id: str = attrs.field(validator=_token)
    kind: SubjectKind = attrs.field(default=SubjectKind.ORGANISATION, converter=_kind)
    name: str = attrs.field(converter=_fold, validator=_clean)
    aliases: tuple[Name, ...] = attrs.field(default=(), converter=_names)
    identifiers: tuple[Identifier, ...] = attrs.field(default=(), converter=_identifiers)

    @property
    def names(self) -> tuple[Name, ...]:
        """The primary name first, then every alias."""
        return (Name(self.name, primary=True), *self.aliases)


class RelationKind(enum.Enum):
    """
    How one subject relates to another, read "subject <kind> other".

    PART_OF: a wing or branch of the other. RENAMED_FROM: the same
    organisation under a later name. SUCCESSOR_OF: a new organisation that
    succeeded the other (merger, split). ALIAS_OF: a list names the subject
    as another name of the other.
    """

    PART_OF = "part_of"
    RENAMED_FROM = "renamed_from"
    SUCCESSOR_OF = "successor_of"
    ALIAS_OF = "alias_of"

    @classmethod
    def parse(cls, value: object) -> RelationKind:
        """Read a relation kind from its value, case-insensitively."""
        if isinstance(value, RelationKind):
            return value
        text = str(value).strip().lower().replace("-", "_").replace(" ", "_")
        try:
            return cls(text)
        except ValueError as exc:
            choices = ", ".join(k.value for k in cls)
            msg = f"unknown relation {value!r} (one of {choices})"
            raise InvalidRecordError(msg, field="type") from exc


def _citations(value: Iterable[Source]) -> tuple[Source, ...]:
    return tuple(value)


def _relation_kind(value: object) -> RelationKind:
    return RelationKind.parse(value)


def _since(value: object) -> pendulum.Date | None:
    return None if value is None else parse_date(value, field="since")


def _until(value: object) -> pendulum.Date | None:
    return None if value is None else parse_date(value, field="until")


@attrs.frozen(kw_only=True)
class Relation:
    """
    A sourced relation between two subjects: `subject_id` <kind> `other_id`.

    `list_id` limits it to one list's answers (a list that names one
    organisation as another name of another); empty, it holds on every list.
    `since` is the first day it holds and `until` the first day it no longer
    does, where a source pins them (None: no bound). The United Kingdom named
    TAK inside the PKK's entry from 2020-02-28: before that day the PKK's
    proscription says nothing about TAK.
    """

    subject_id: str
    kind: RelationKind = attrs.field(converter=_relation_kind)
    other_id: str
    note: str = ""
    list_id: str = ""
    sources: tuple[Source, ...] = attrs.field(default=(), converter=_citations)
    since: pendulum.Date | None = attrs.field(default=None, converter=_since)
    until: pendulum.Date | None = attrs.field(default=None, converter=_until)

    def __attrs_post_init__(self) -> None:
        """A subject cannot relate to itself; a relation's days, when given, are in order."""
        if self.subject_id == self.other_id:
            raise InvalidRecordError(f"{self.subject_id!r} cannot relate to itself", field="other")
        if self.since is not None and self.until is not None and self.until <= self.since:
            msg = f"the relation ends ({self.until}) on or before it begins ({self.since})"
            raise InvalidRecordError(msg, field="until")

    def holds_on(self, day: pendulum.Date) -> bool:
        """Whether the relation holds on `day`."""
        return (self.since is None or self.since <= day) and (self.until is None or day < self.until)
