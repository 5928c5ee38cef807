"""
The one exception hierarchy of `designations`.

Every error carries structured fields (subject, list, date, path, line)
as well as a message, so scripts can react without parsing text.
Lookup and input errors also subclass the matching built-in.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "AmbiguousNameError",
    "DesignationsError",
    "DuplicateEventError",
    "FetchError",
    "ImportFormatError",
    "InputFileError",
    "InvalidDateError",
    "InvalidRecordError",
    "LockTimeoutError",
    "MissingExtraError",
    "ReadOnlyError",
    "SchemaTooNewError",
    "SeedConflictWarning",
    "SeedError",
    "SourceFileError",
    "StoreError",
    "TransitionError",
    "UncertainAnswerError",
    "UnknownEventError",
    "UnknownJurisdictionError",
    "UnknownListError",
    "UnknownSubjectError",
]


class DesignationsError(Exception):
    """Root of every error this library raises on purpose."""


class InvalidDateError(DesignationsError, ValueError):
    """A date, datetime or date window could not be read, or is impossible."""

    def __init__(self, value: object, reason: str = "", *, field: str = "") -> None:
        self.value = value
        self.field = field
        where = f"{field}: " if field else ""
        why = f" ({reason})" if reason else ""
        super().__init__(f"{where}invalid date {value!r}{why}")


class UnknownSubjectError(DesignationsError, LookupError):
    """No subject matches the given id, identifier, name or alias; `suggestions` holds the nearest names."""

    def __init__(self, ref: str, suggestions: Sequence[str] = ()) -> None:
        self.ref = ref
        self.suggestions = tuple(suggestions)
        hint = ""
        if self.suggestions:
            hint = " (did you mean " + " or ".join(repr(s) for s in self.suggestions) + "?)"
        super().__init__(f"no subject matches {ref!r}{hint}")


class UncertainAnswerError(DesignationsError, ValueError):
    """
    A yes-or-no question has no plain answer: the status is unknown, uncertain, or covers only a part.

    `status` is the full answer (its `reason`, `possible_states`, `extent`);
    a script that gets this error must not treat the subject as clear.
    """

    def __init__(self, status: object, why: str) -> None:
        self.status = status
        super().__init__(why)


class AmbiguousNameError(DesignationsError, LookupError):
    """A name matches several subjects; `candidates` lists them as (id, name)."""

    def __init__(self, ref: str, candidates: Sequence[tuple[str, str]]) -> None:
        self.ref = ref
        self.candidates = tuple(candidates)
        listed = "; ".join(f"{sid} ({name})" for sid, name in self.candidates)
        super().__init__(f"{ref!r} matches {len(self.candidates)} subjects: {listed}")


class UnknownJurisdictionError(DesignationsError, LookupError):
    """The code is neither a known jurisdiction nor a list id."""

    def __init__(self, ref: str, known: Sequence[str] = ()) -> None:
        self.ref = ref
        self.known = tuple(known)
        hint = f" (known: {', '.join(self.known)})" if self.known else ""
        super().__init__(f"unknown jurisdiction or list {ref!r}{hint}")


class UnknownListError(UnknownJurisdictionError):
    """The list id is not in the store."""


class UnknownEventError(DesignationsError, LookupError):
    """No live event has this id (none ever had, or it was corrected or retracted: `why` says)."""

    def __init__(self, event_id: object, why: str = "") -> None:
        self.event_id = event_id
        self.why = why
        super().__init__(f"event {event_id!r} cannot be changed: {why}" if why else f"no event with id {event_id!r}")


class InvalidRecordError(DesignationsError, ValueError):
    """A record to be written is incomplete or malformed (missing source, bad kind)."""

    def __init__(self, message: str, *, field: str = "") -> None:
        self.field = field
        super().__init__(f"{field}: {message}" if field else message)


class TransitionError(DesignationsError, ValueError):
    """An event does not follow from the subject's state on that list at that date."""

    def __init__(
        self,
        *,
        subject: str,
        list_id: str,
        on: object,
        kind: str,
        state: str,
    ) -> None:
        self.subject = subject
        self.list_id = list_id
        self.on = on
        self.kind = kind
        self.state = state
        super().__init__(
            f"{kind} is not allowed for {subject!r} on {list_id} at {on}: "
            f"the designation is {state} then"
        )


class DuplicateEventError(TransitionError):
    """The same event (subject, list, kind, date) is already recorded."""


class SourceFileError(DesignationsError, ValueError):
    """Base for errors located in a file: carries path, line and field."""

    def __init__(
        self,
        message: str,
        *,
        path: object = None,
        line: int | None = None,
        field: str = "",
    ) -> None:
        self.path = str(path) if path is not None else None
        self.line = line
        self.field = field
        where = [p for p in (self.path, f"line {line}" if line else "", field) if p]
        prefix = ": ".join(where)
        self.reason = message
        super().__init__(f"{prefix}: {message}" if prefix else message)


class SeedError(SourceFileError):
    """A seed file breaks the seed format or the every-event-has-a-source rule."""


class ImportFormatError(SourceFileError):
    """A list file does not fit its declared or detected format."""


class InputFileError(SourceFileError):
    """A file of names to screen cannot be read as a table (format, encoding, a missing column)."""


class FetchError(DesignationsError, OSError):
    """An official publication could not be fetched: `source`, `url` and `why` say which and why."""

    def __init__(self, source: str, url: str, why: str) -> None:
        self.source = source
        self.url = url
        self.why = why
        super().__init__(f"{source}: {url}: {why}")


class StoreError(DesignationsError):
    """The store cannot be used as asked."""


class SchemaTooNewError(StoreError):
    """The store was written by a newer version of the library."""

    def __init__(self, found: str, supported: str) -> None:
        self.found = found
        self.supported = supported
        super().__init__(
            f"the store's schema revision {found!r} is newer than this library "
            f"supports ({supported!r}); upgrade the designations package"
        )


class ReadOnlyError(StoreError):
    """A write was attempted on a store opened read-only."""


class LockTimeoutError(StoreError):
    """The store's write lock could not be had in time."""


class MissingExtraError(DesignationsError, ImportError):
    """An optional dependency is missing; the message names the extra to install."""

    def __init__(self, extra: str, module: str) -> None:
        self.extra = extra
        self.module = module
        super().__init__(
            f"this feature needs {module!r}: install it with "
            f"pip install 'designations[{extra}]'"
        )



class SeedConflictWarning(UserWarning):
    """
    A seed release changes a history that holds records made in this store; the store's records were kept.

    Issued once, when the release is applied (the store then remembers it), with the subject, the
    list and the lifecycle error; `designations db check` is unaffected.
    """
