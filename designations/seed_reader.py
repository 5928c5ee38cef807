"""
Curated seed data: `seeds/*.toml` read into model objects.

The seeds are hand-written, sourced facts about designation lists, one TOML
file per list (`seeds/<list-id>.toml`) plus `seeds/jurisdictions.toml`,
`seeds/subjects.toml` and any `seeds/subjects/*.toml`. `seeds/README.md` describes the format; the TypedDicts
below are its machine-readable form, and the loader rejects any key they do
not name. Every error is a `SeedError` that names the file, the line and the
key path (`event[3].sources`, counted from 0).

TOML: https://toml.io/en/v1.0.0 (read with `tomllib`, UTF-8).
"""

import builtins
import pathlib
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from typing import Literal, NoReturn, NotRequired, TypedDict

import attrs
import pendulum

from designations.dates import DateWindow, Period, parse_date, parse_window
from designations.errors import InvalidDateError, InvalidRecordError, SeedError, TransitionError
from designations.lifecycle import check_sequence, order, status_on
from designations.model.events import Event, EventKind, Scope, Source, State
from designations.model.lists import Absence, DesignationList, Jurisdiction, Verification
from designations.model.subjects import Identifier, Name, Relation, RelationKind, Subject
from designations.seed_files import JURISDICTIONS, SUBJECTS, digest_of, seed_files, seeds_digest, seeds_path

__all__ = [
    "AbsentSpec",
    "AliasSpec",
    "ClaimSpec",
    "CoverageSpec",
    "EventSpec",
    "IdentifierSpec",
    "JurisdictionSpec",
    "ListFileSpec",
    "ListSpec",
    "RelationSpec",
    "SeedSet",
    "SourceSpec",
    "SubjectSpec",
    "VerifiedSpec",
    "count_in_force",
    "load_seeds",
    "seeds_digest",
    "seeds_path",
]

Confidence = Literal["high", "medium", "low"]


class JurisdictionSpec(TypedDict):
    """One `[[jurisdiction]]` table of `jurisdictions.toml`."""

    code: str
    name: str
    timezone: str
    aliases: NotRequired[list[str]]


class AliasSpec(TypedDict):
    """An alias written as a table: `{value = "…", lang = "ru", script = "Cyrl"}`."""

    value: str
    lang: NotRequired[str]
    script: NotRequired[str]


class IdentifierSpec(TypedDict):
    """An identifier: `{scheme = "un", value = "QDe.004"}`."""

    scheme: str
    value: str


class SubjectSpec(TypedDict):
    """One `[[subject]]` table of `subjects.toml`; aliases are text or `AliasSpec`."""

    id: str
    kind: str
    name: str
    aliases: NotRequired[list[str | AliasSpec]]
    identifiers: NotRequired[list[IdentifierSpec]]


CoverageSpec = TypedDict("CoverageSpec", {"from": str, "to": NotRequired[str]})
"""One coverage period `[from, to)`: the seed holds the whole list on those days."""


class VerifiedSpec(TypedDict):
    """The `[list.verified]` table: the day the list was checked complete, against what, and its size."""

    on: str
    sources: list[str]
    count: NotRequired[int]
    note: NotRequired[str]


class RelationSpec(TypedDict):
    """One `[[relation]]` table: `subject` <type> `other`, sourced; `since`/`until` where a source pins its days."""

    subject: str
    type: str
    other: str
    sources: list[str]
    note: NotRequired[str]
    since: NotRequired[str]
    until: NotRequired[str]


class AbsentSpec(TypedDict):
    """One `[[absent]]` table of a list file: a source says `subject` was not on the list on `on`."""

    subject: str
    on: str
    sources: list[str]
    note: NotRequired[str]


class ListSpec(TypedDict):
    """The `[list]` table of a list file."""

    id: str
    jurisdiction: str
    name: str
    authority: NotRequired[str]
    legal_basis: NotRequired[str]
    url: NotRequired[str]
    tags: NotRequired[list[str]]
    coverage: NotRequired[list[CoverageSpec]]
    reviewed: NotRequired[str]
    established: NotRequired[str]
    established_sources: NotRequired[list[str]]
    allowance_days: NotRequired[int]
    verified: NotRequired[VerifiedSpec]


class SourceSpec(TypedDict):
    """One `[sources.<key>]` table: a citation that events refer to by key."""

    title: str
    url: str
    publisher: NotRequired[str]
    date: NotRequired[str]


class ClaimSpec(TypedDict):
    """One `[[event.claim]]`: a conflicting claim kept beside the event, not applied."""

    effective: str
    sources: list[str]
    confidence: Confidence
    published: NotRequired[str]
    decided: NotRequired[str]
    note: NotRequired[str]


class EventSpec(TypedDict):
    """One `[[event]]` table of a list file."""

    subject: str
    kind: str
    effective: str
    sources: list[str]
    confidence: Confidence
    published: NotRequired[str]
    decided: NotRequired[str]
    listed_as: NotRequired[str]
    scope: NotRequired[str]
    instrument: NotRequired[str]
    note: NotRequired[str]
    key: NotRequired[str]
    claim: NotRequired[list[ClaimSpec]]


class ListFileSpec(TypedDict):
    """A whole `seeds/<list-id>.toml` file."""

    list: ListSpec  # the TOML table's name; below it, the builtin is spelled `builtins.list`
    sources: NotRequired[dict[str, SourceSpec]]
    event: NotRequired[builtins.list[EventSpec]]
    relation: NotRequired[builtins.list[RelationSpec]]
    absent: NotRequired[builtins.list[AbsentSpec]]


class SubjectFileSpec(TypedDict):
    """A subjects file: `seeds/subjects.toml` or `seeds/subjects/<name>.toml`."""

    subject: NotRequired[list[SubjectSpec]]
    sources: NotRequired[dict[str, SourceSpec]]
    relation: NotRequired[list[RelationSpec]]


@attrs.frozen(kw_only=True)
class SeedSet:
    """
    Everything the seed files hold, as model objects.

    `aliases` pairs each jurisdiction alias ("UK", "Russia") with its code;
    `digest` is a SHA-256 over every seed file's name and bytes, so it changes
    whenever the data does.
    """

    jurisdictions: tuple[Jurisdiction, ...]
    aliases: tuple[tuple[str, str], ...]
    lists: tuple[DesignationList, ...]
    subjects: tuple[Subject, ...]
    events: tuple[Event, ...]
    digest: str
    relations: tuple[Relation, ...] = ()


_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_CONFIDENCE = ("high", "medium", "low")
_TOML_LINE = re.compile(r"at line (\d+)")
_JURISDICTIONS = JURISDICTIONS
_SUBJECTS = SUBJECTS


def load_seeds(path: pathlib.Path | None = None) -> SeedSet:
    """
    Read and check every seed file in `path` (default: `seeds_path()`).

    Args:
        path: a directory holding `jurisdictions.toml`, `subjects.toml` and
            one `<list-id>.toml` per list.

    Returns:
        The jurisdictions, lists, subjects and events, with a digest of the files.

    Raises:
        SeedError: a file is missing or unreadable, or breaks the format: an
            unknown or missing key, an unknown subject, jurisdiction or source
            key, an event without sources, a bad date, a duplicate id, or an
            impossible sequence of events. The error names file, line and key.

    .. versionadded:: 0.1.0

    """
    root = pathlib.Path(path) if path is not None else seeds_path()
    if not root.is_dir():
        raise SeedError("seed directory not found", path=root)
    files, subject_files = seed_files(root)
    names = {p.name for p in files}
    for required in (_JURISDICTIONS, _SUBJECTS):
        if required not in names:
            raise SeedError(f"missing {required}", path=root / required)
    digest = digest_of(root, files, subject_files)
    jurisdictions, aliases = _read_jurisdictions(_File.open(root / _JURISDICTIONS))
    by_code = {j.code: j for j in jurisdictions}
    subjects: list[Subject] = []
    pending: list[tuple[_File, list[_Table], dict[str, Source], str]] = []
    defined: dict[str, pathlib.Path] = {}
    for file in subject_files:
        opened = _File.open(file)
        found, relations, sources = _read_subjects(opened)
        for subject, table in found:
            if subject.id in defined:
                table.fail(f"duplicate subject id {subject.id!r} (also defined in {defined[subject.id].name})", "id")
            defined[subject.id] = file
            subjects.append(subject)
        pending.append((opened, relations, sources, ""))
    subject_ids = set(defined)

    lists: list[DesignationList] = []
    events: list[Event] = []
    for file in files:
        if file.name in (_JURISDICTIONS, _SUBJECTS):
            continue
        opened = _File.open(file)
        dlist, list_events, relations, sources = _read_list(opened, by_code, subject_ids)
        lists.append(dlist)
        events.extend(list_events)
        pending.append((opened, relations, sources, dlist.id))
    return SeedSet(
        jurisdictions=tuple(jurisdictions),
        aliases=tuple(aliases),
        lists=tuple(sorted(lists, key=lambda dl: dl.id)),
        subjects=tuple(subjects),
        events=tuple(events),
        digest=digest,
        relations=_relations(pending, subject_ids),
    )


def count_in_force(seeds: SeedSet, list_id: str, day: pendulum.Date) -> int:
    """How many subjects the seeds hold as LISTED on `list_id` on `day` (the verified count's measure)."""
    by_subject: dict[str, list[Event]] = {}
    for event in seeds.events:
        if event.list_id == list_id:
            by_subject.setdefault(event.subject_id, []).append(event)
    return sum(1 for evs in by_subject.values() if status_on(order(evs), day).state is State.LISTED)


# --- one file: its parsed data, its text (for line numbers) and error helpers


@attrs.frozen
class _File:
    path: pathlib.Path
    text: tuple[str, ...]
    data: dict[str, object]
    headers: dict[str, tuple[int, ...]] = attrs.field(factory=dict)
    """Table header (`[name]` or `[[name]]`) -> the lines (1-based) it stands on: error lines without rescans."""

    @classmethod
    def open(cls, path: pathlib.Path) -> "_File":
        try:
            raw = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise SeedError(f"not UTF-8 text ({exc.reason})", path=path) from exc
        try:
            data = tomllib.loads(raw)
        except tomllib.TOMLDecodeError as exc:
            found = _TOML_LINE.search(str(exc))
            line = int(found.group(1)) if found else None
            raise SeedError(f"not valid TOML: {exc}", path=path, line=line) from exc
        text = tuple(raw.splitlines())
        headers: dict[str, list[int]] = {}
        for number, row in enumerate(text, start=1):
            if row.lstrip().startswith("["):
                headers.setdefault(row.split("#", 1)[0].strip(), []).append(number)
        return cls(path, text, data, {k: tuple(v) for k, v in headers.items()})

    def fail(self, message: str, field: str, line: int | None) -> NoReturn:
        raise SeedError(message, path=self.path, line=line, field=field)

    def header(self, name: str, index: int | None = None, after: int = 0) -> int | None:
        """Return the line (1-based) of table header `[name]`, or of the index-th `[[name]]`."""
        want = f"[[{name}]]" if index is not None else f"[{name}]"
        found = [n for n in self.headers.get(want, ()) if n > after] if after else self.headers.get(want, ())
        position = index or 0
        return found[position] if position < len(found) else None

    def key(self, key: str, table_line: int | None) -> int | None:
        """Return the line of `key = …` inside the table starting at `table_line` (0: top level)."""
        start = table_line or 0
        pattern = re.compile(rf"^\s*(\"?){re.escape(key)}\1\s*=")
        for number, line in enumerate(self.text[start:], start=start + 1):
            if number > start + 1 and line.lstrip().startswith("["):
                break
            if pattern.match(line):
                return number
        return table_line


@attrs.frozen
class _Table:
    """One TOML table with where it sits: file, key path and header line."""

    file: _File
    data: Mapping[str, object]
    field: str
    line: int | None

    def fail(self, message: str, key: str | None = None) -> NoReturn:
        field = f"{self.field}.{key}" if key and self.field else (key or self.field)
        line = self.file.key(key, self.line) if key else self.line
        self.file.fail(message, field, line)

    def check_keys(self, spec: type) -> None:
        allowed: frozenset[str] = spec.__required_keys__ | spec.__optional_keys__  # type: ignore[attr-defined]
        required: frozenset[str] = spec.__required_keys__  # type: ignore[attr-defined]
        for key in self.data:
            if key not in allowed:
                self.fail(f"unknown key {key!r} (allowed: {', '.join(sorted(allowed))})", key)
        for key in sorted(required):
            if key not in self.data:
                field = f"{self.field}.{key}" if self.field else key
                self.file.fail(f"missing required key {key!r}", field, self.line)

    def text(self, key: str, default: str | None = None) -> str:
        value = self.data.get(key, default)
        if not isinstance(value, str):
            if value is None:
                self.fail(f"missing required key {key!r}")
            self.fail(f"expected text, got {type(value).__name__}", key)
        return value

    def texts(self, key: str) -> list[str]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail("expected a list of text", key)
        return [str(v) for v in value]

    def date_text(self, key: str) -> str | None:  # noqa: RET503 - fail() never returns
        """Read a date value as text: TOML dates become ISO text, strings stay as they are."""
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, str):
            return value
        if hasattr(value, "isoformat") and not hasattr(value, "hour"):
            return str(value.isoformat())
        self.fail(f"expected a date, got {type(value).__name__}", key)

    def tables(self, key: str, name: str) -> "list[_Table]":
        value = self.data.get(key, [])
        if not isinstance(value, list):
            self.fail("expected an array of tables", key)
        out = []
        for i, item in enumerate(value):
            if not isinstance(item, dict):
                self.fail("expected a table", f"{key}[{i}]")
            line = self.file.header(name, i)
            out.append(_Table(self.file, item, f"{key}[{i}]", line))
        return out


def _window(table: _Table, key: str) -> DateWindow:
    text = table.date_text(key)
    if text is None:
        table.fail(f"missing required key {key!r}")
    try:
        return parse_window(text, field=key)
    except InvalidDateError as exc:
        table.fail(str(exc), key)


def _day(table: _Table, key: str) -> pendulum.Date | None:
    text = table.date_text(key)
    if text is None:
        return None
    try:
        return parse_date(text, field=key)
    except InvalidDateError as exc:
        table.fail(str(exc), key)


def _slug(table: _Table, key: str) -> str:
    value = table.text(key)
    if not _SLUG.match(value):
        table.fail(f"{value!r} must be kebab-case (a-z, 0-9 and '-')", key)
    return value


# --- jurisdictions.toml and subjects.toml


def _read_jurisdictions(file: _File) -> tuple[list[Jurisdiction], list[tuple[str, str]]]:
    top = _Table(file, file.data, "", None)
    for key in file.data:
        if key != "jurisdiction":
            top.fail(f"unknown key {key!r} (allowed: jurisdiction)", key)
    found: list[Jurisdiction] = []
    aliases: list[tuple[str, str]] = []
    for table in top.tables("jurisdiction", "jurisdiction"):
        table.check_keys(JurisdictionSpec)
        code = table.text("code")
        if any(j.code == code for j in found):
            table.fail(f"duplicate jurisdiction code {code!r}", "code")
        try:
            found.append(Jurisdiction(code, table.text("name"), table.text("timezone")))
        except InvalidRecordError as exc:
            table.fail(str(exc), exc.field or None)
        aliases.extend((alias, code) for alias in table.texts("aliases"))
    if not found:
        top.fail("no [[jurisdiction]] tables")
    return found, aliases


def _read_subjects(file: _File) -> tuple[list[tuple[Subject, "_Table"]], list["_Table"], dict[str, Source]]:
    top = _Table(file, file.data, "", None)
    top.check_keys(SubjectFileSpec)
    found: list[tuple[Subject, _Table]] = []
    seen: set[str] = set()
    for table in top.tables("subject", "subject"):
        table.check_keys(SubjectSpec)
        sid = _slug(table, "id")
        if sid in seen:
            table.fail(f"duplicate subject id {sid!r}", "id")
        seen.add(sid)
        try:
            found.append((Subject(
                id=sid,
                kind=table.text("kind"),
                name=table.text("name"),
                aliases=tuple(_aliases(table)),
                # attrs converters hide the parameter types from mypy: see model/.
                identifiers=tuple(_identifiers(table)),
            ), table))
        except InvalidRecordError as exc:
            table.fail(str(exc), exc.field or None)
    return found, top.tables("relation", "relation"), _sources(file, top)


def _relations(
    pending: Iterable[tuple["_File", list["_Table"], dict[str, Source], str]], subjects: set[str]
) -> tuple[Relation, ...]:
    """
    Every `[[relation]]` of every file, checked; the same relation stated twice is kept once.

    A relation stated in a list file holds for that list's answers only.
    """
    out: dict[tuple[str, RelationKind, str, str], Relation] = {}
    for _file, tables, sources, list_id in pending:
        for table in tables:
            table.check_keys(RelationSpec)
            ends = []
            for key in ("subject", "other"):
                value = table.text(key)
                if value not in subjects:
                    table.fail(f"unknown subject {value!r}", key)
                ends.append(value)
            days = {key: _day(table, key) for key in ("since", "until") if key in table.data}
            try:
                relation = Relation(subject_id=ends[0], kind=table.text("type"), other_id=ends[1],
                                    note=table.text("note", ""), sources=_cited(table, sources), list_id=list_id,
                                    **days)
            except InvalidRecordError as exc:
                table.fail(str(exc), exc.field or "type")
            ident = (relation.subject_id, relation.kind, relation.other_id, relation.list_id)
            if ident in out:
                if (out[ident].since, out[ident].until) != (relation.since, relation.until):
                    table.fail("the same relation is stated elsewhere with other days", "since")
                merged = out[ident].sources + tuple(x for x in relation.sources if x not in out[ident].sources)
                relation = attrs.evolve(out[ident], sources=merged)
            out[ident] = relation
    return tuple(out[k] for k in sorted(out, key=lambda k: (k[0], k[1].value, k[2], k[3])))


def _aliases(table: _Table) -> Iterable[Name]:
    value = table.data.get("aliases", [])
    if not isinstance(value, list):
        table.fail("expected a list", "aliases")
    for i, item in enumerate(value):
        if isinstance(item, str):
            yield Name(item)
            continue
        if not isinstance(item, dict):
            table.fail("an alias is text or {value, lang, script}", "aliases")
        inner = _Table(table.file, item, f"{table.field}.aliases[{i}]",
                       table.file.key("aliases", table.line))
        inner.check_keys(AliasSpec)
        yield Name(inner.text("value"), lang=inner.text("lang", ""),
                   script=inner.text("script", ""))


def _identifiers(table: _Table) -> Iterable[Identifier]:
    value = table.data.get("identifiers", [])
    if not isinstance(value, list):
        table.fail("expected a list", "identifiers")
    for i, item in enumerate(value):
        if not isinstance(item, dict):
            table.fail("an identifier is {scheme, value}", "identifiers")
        inner = _Table(table.file, item, f"{table.field}.identifiers[{i}]",
                       table.file.key("identifiers", table.line))
        inner.check_keys(IdentifierSpec)
        yield Identifier(inner.text("scheme"), inner.text("value"))


# --- one list file


def _read_list(
    file: _File, jurisdictions: Mapping[str, Jurisdiction], subjects: set[str]
) -> tuple[DesignationList, list[Event], list[_Table], dict[str, Source]]:
    top = _Table(file, file.data, "", None)
    top.check_keys(ListFileSpec)
    head = file.data["list"]
    if not isinstance(head, dict):
        top.fail("expected a [list] table", "list")
    table = _Table(file, head, "list", file.header("list"))
    table.check_keys(ListSpec)
    list_id = _slug(table, "id")
    if file.path.name != f"{list_id}.toml":
        table.fail(f"file name must be {list_id}.toml (the list id)", "id")
    code = table.text("jurisdiction")
    if code not in jurisdictions:
        table.fail(f"unknown jurisdiction {code!r} (known: {', '.join(jurisdictions)})",
                   "jurisdiction")
    sources = _sources(file, top)
    dlist = attrs.evolve(_lifetime(table, sources), id=list_id, jurisdiction=jurisdictions[code])
    established = dlist.established
    events = [
        _event(item, list_id, subjects, sources)
        for item in top.tables("event", "event")
    ]
    _check_keys_unique(events)
    _check_transitions(file, events)
    if established is not None:
        for event, ev_table in events:
            if event.effective.latest < established:
                ev_table.fail(f"effective {event.effective} is before the list existed ({established})", "effective")
    checked = [e for e, _ in events]
    absent = tuple(_absence(item, dlist, subjects, sources, checked) for item in top.tables("absent", "absent"))
    return attrs.evolve(dlist, absent=absent), checked, top.tables("relation", "relation"), sources


def _absence(table: _Table, dlist: DesignationList, subjects: set[str], sources: Mapping[str, Source],
             events: Sequence[Event]) -> Absence:
    """One `[[absent]]`: a known subject, a day in the list's life, sources; none of its events in force by then."""
    table.check_keys(AbsentSpec)
    subject = table.text("subject")
    if subject not in subjects:
        table.fail(f"unknown subject {subject!r} (define it in subjects.toml)", "subject")
    on = _day(table, "on")
    if on is None:  # pragma: no cover - check_keys requires it
        table.fail("missing required key 'on'")
    if dlist.established is not None and on < dlist.established:
        table.fail(f"{on} is before the list existed ({dlist.established})", "on")
    for event in events:
        if event.subject_id == subject and event.effective.earliest <= on:
            table.fail(f"the list's events have {subject!r} {event.kind.value} from {event.effective}, "
                       f"not absent on {on}", "on")
    return Absence(subject_id=subject, on=on, sources=_cited(table, sources),  # attrs converter
                   note=table.text("note", ""))


_NO_JURISDICTION = Jurisdiction("ZZ", "placeholder", "UTC")


def _lifetime(table: _Table, sources: Mapping[str, Source]) -> DesignationList:
    """The list's description and lifetime: first day, allowance, review, check and coverage."""
    reviewed = _day(table, "reviewed")
    established = _day(table, "established")
    established_sources: tuple[Source, ...] = ()
    if "established_sources" in table.data:
        established_sources = _cited(table, sources, "established_sources")
    elif established is not None:
        table.fail("`established` needs `established_sources`", "established")
    allowance = table.data.get("allowance_days")
    if allowance is not None and (not isinstance(allowance, int) or isinstance(allowance, bool) or allowance < 0):
        table.fail(f"{allowance!r} is not a number of days (0 or more)", "allowance_days")
    verified = _verified(table, sources)
    coverage = tuple(_coverage(table))
    if verified is not None:
        if established is None:
            table.fail("a verified list needs `established` (its first day)", "verified")
        if "coverage" not in table.data:  # `coverage = []` says: checked, yet not complete anywhere
            coverage = (Period(established, verified.on.add(days=1)),)
    for period in coverage:
        if established is not None and period.start < established:
            table.fail(f"coverage from {period.start} starts before the list existed ({established})", "coverage")
    return DesignationList(
        id="placeholder",
        jurisdiction=_NO_JURISDICTION,
        name=table.text("name"),
        authority=table.text("authority", ""),
        legal_basis=table.text("legal_basis", ""),
        url=table.text("url", ""),
        tags=tuple(table.texts("tags")),  # attrs converter
        coverage=coverage,  # attrs converter
        established=established,
        established_sources=established_sources,  # attrs converter
        allowance_days=allowance,
        verified=verified,
        reviewed=reviewed,
    )


def _verified(table: _Table, sources: Mapping[str, Source]) -> Verification | None:
    value = table.data.get("verified")
    if value is None:
        return None
    if not isinstance(value, dict):
        table.fail("expected a [list.verified] table", "verified")
    inner = _Table(table.file, value, "list.verified", table.file.header("list.verified"))
    inner.check_keys(VerifiedSpec)
    on = _day(inner, "on")
    if on is None:  # pragma: no cover - check_keys requires it
        inner.fail("missing required key 'on'")
    count = value.get("count")
    if count is not None and (not isinstance(count, int) or isinstance(count, bool) or count < 0):
        inner.fail(f"{count!r} is not a count", "count")
    return Verification(on=on, count=count, sources=_cited(inner, sources),  # attrs converter
                        note=inner.text("note", ""))


def _coverage(table: _Table) -> Iterable[Period]:
    value = table.data.get("coverage", [])
    if not isinstance(value, list):
        table.fail("expected a list of {from, to}", "coverage")
    for i, item in enumerate(value):
        if not isinstance(item, dict):
            table.fail("expected {from, to}", "coverage")
        inner = _Table(table.file, item, f"list.coverage[{i}]",
                       table.file.key("coverage", table.line))
        inner.check_keys(CoverageSpec)
        start = _day(inner, "from")
        try:
            yield Period(start, _day(inner, "to"))
        except InvalidDateError as exc:
            inner.fail(str(exc))


def _sources(file: _File, top: _Table) -> dict[str, Source]:
    value = top.data.get("sources", {})
    if not isinstance(value, dict):
        top.fail("expected [sources.<key>] tables", "sources")
    out: dict[str, Source] = {}
    for key, item in value.items():
        if not isinstance(item, dict):
            top.fail("expected a table", f"sources.{key}")
        table = _Table(file, item, f"sources.{key}", file.header(f"sources.{key}"))
        table.check_keys(SourceSpec)
        url = table.text("url")
        if not url.startswith(("https://", "http://")):
            table.fail(f"{url!r} is not an http(s) URL", "url")
        out[key] = Source(
            title=table.text("title"),
            url=url,
            publisher=table.text("publisher", ""),
            date=_day(table, "date"),
        )
    return out


def _cited(table: _Table, sources: Mapping[str, Source], field: str = "sources") -> tuple[Source, ...]:
    keys = table.texts(field)
    if not keys:
        table.fail("every event, claim, relation and check needs at least one source", field)
    for key in keys:
        if key not in sources:
            table.fail(f"unknown source key {key!r} (define [sources.{key}] in this file)", field)
    return tuple(sources[k] for k in keys)


def _confidence(table: _Table) -> str:
    value = table.text("confidence")
    if value not in _CONFIDENCE:
        table.fail(f"{value!r} is not one of {', '.join(_CONFIDENCE)}", "confidence")
    return value


def _event(
    table: _Table, list_id: str, subjects: set[str], sources: Mapping[str, Source]
) -> tuple[Event, _Table]:
    table.check_keys(EventSpec)
    subject = table.text("subject")
    if subject not in subjects:
        table.fail(f"unknown subject {subject!r} (define it in subjects.toml)", "subject")
    try:
        kind = EventKind(table.text("kind"))
    except ValueError:
        table.fail(f"unknown kind {table.text('kind')!r} "
                   f"(one of {', '.join(k.value for k in EventKind)})", "kind")
    effective = _window(table, "effective")
    cited = _cited(table, sources)
    notes = [f"confidence: {_confidence(table)}."]
    if table.data.get("note") is not None:
        notes.append(table.text("note"))
    index = int(table.field.removeprefix("event[").removesuffix("]"))
    after = table.line or 0
    claims = table.data.get("claim", [])
    if not isinstance(claims, list):
        table.fail("expected [[event.claim]] tables", "claim")
    for i, item in enumerate(claims):
        if not isinstance(item, dict):
            table.fail("expected a table", f"claim[{i}]")
        line = table.file.header("event.claim", 0, after=after)
        after = line or after
        claim = _Table(table.file, item, f"event[{index}].claim[{i}]", line)
        notes.append(_claim_text(claim, sources))
    key = table.text("key", f"seed:{list_id}:{subject}:{kind.value}:{effective}")
    decided = _window(table, "decided") if "decided" in table.data else None
    if decided is not None and decided.earliest > effective.latest:
        table.fail(f"decided {decided} after the act entered into force ({effective})", "decided")
    try:
        scope = Scope.parse(table.text("scope", "whole"))
    except InvalidRecordError as exc:
        table.fail(str(exc), "scope")
    event = Event(
        subject_id=subject,
        list_id=list_id,
        kind=kind,
        effective=effective,
        decided=decided,
        listed_as=table.text("listed_as", ""),
        scope=scope,
        published=_day(table, "published"),
        instrument=table.text("instrument", ""),
        sources=cited,  # attrs converter hides the type
        note=" ".join(notes),
        key=key,
    )
    return event, table


def _claim_text(claim: _Table, sources: Mapping[str, Source]) -> str:
    claim.check_keys(ClaimSpec)
    effective = _window(claim, "effective")
    published = _day(claim, "published")
    decided = _window(claim, "decided") if "decided" in claim.data else None
    cited = _cited(claim, sources)
    parts = [f"Conflicting claim ({_confidence(claim)}): effective {effective}"]
    if decided is not None:
        parts.append(f", decided {decided}")
    if published is not None:
        parts.append(f", published {published.isoformat()}")
    if claim.data.get("note") is not None:
        parts.append(f" — {claim.text('note')}")
    titles = "; ".join(s.title for s in cited)
    parts.append(f" [{titles}]")
    return "".join(parts)


def _check_keys_unique(events: list[tuple[Event, _Table]]) -> None:
    seen: set[str] = set()
    for event, table in events:
        if event.key in seen:
            table.fail(f"duplicate event key {event.key!r}; set an explicit key", "key")
        seen.add(event.key)


def _check_transitions(file: _File, events: list[tuple[Event, _Table]]) -> None:
    by_subject: dict[str, list[tuple[Event, _Table]]] = {}
    for pair in events:
        by_subject.setdefault(pair[0].subject_id, []).append(pair)
    for subject, pairs in by_subject.items():
        try:
            check_sequence([e for e, _ in pairs], subject)
        except TransitionError as exc:
            culprit = next(
                (t for e, t in pairs
                 if e.kind.value == exc.kind and str(e.effective) == str(exc.on)),
                pairs[0][1],
            )
            file.fail(str(exc), f"{culprit.field}.kind", file.key("kind", culprit.line))


def _main(argv: list[str] | None = None) -> int:
    """`python -m designations.seed_reader check [DIR]`: load the seeds and compare each verified count."""
    import sys  # noqa: PLC0415

    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] != "check":
        print("usage: python -m designations.seed_reader check [SEED_DIR]")  # noqa: T201
        return 2
    try:
        seeds = load_seeds(pathlib.Path(args[1]) if len(args) > 1 else None)
    except SeedError as exc:
        print(f"error: {exc}")  # noqa: T201
        return 1
    status = 0
    print(f"{len(seeds.subjects)} subjects, {len(seeds.events)} events, {len(seeds.relations)} relations")  # noqa: T201
    for dlist in seeds.lists:
        n_events = sum(1 for e in seeds.events if e.list_id == dlist.id)
        n_subjects = len({e.subject_id for e in seeds.events if e.list_id == dlist.id})
        line = f"{dlist.id:<36} {n_subjects:>5} subjects {n_events:>5} events"
        if dlist.verified is not None:
            actual = count_in_force(seeds, dlist.id, dlist.verified.on)
            declared = dlist.verified.count
            ok = declared is None or declared == actual
            status |= 0 if ok else 1
            flag = "" if ok else "  MISMATCH"
            line += f"  verified {dlist.verified.on}: {actual} in force (declared {declared}){flag}"
        else:
            line += "  not verified (sample)"
        print(line)  # noqa: T201
    return status


if __name__ == "__main__":
    raise SystemExit(_main())
