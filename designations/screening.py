"""
Name search and batch screening over a registry, with explained, receipted answers.

`search` ranks the subjects whose names resemble one name; `screen` checks a
batch of names (each optionally with its own date) at a threshold. Every
candidate carries the matched name, a score in [0, 1], the reason it matched
(see `designations.matching.score`), and the subject's `Status` on the day in
each requested jurisdiction, whose receipt (data version, event ids) lets the
answer be reproduced. Reports also name the matcher and its version.

The name index is that of one data version: read from its file beside the
store (`designations.matching.persist`), or built from `Registry.name_rows()`
and written there, so the next process starts without building it. A batch
answers every row from that one version, even when the store changes while
it runs (see `screen`).
"""

from __future__ import annotations

import math
import pathlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, NamedTuple, Protocol, TypeVar

import attrs

from designations import _html
from designations.dates import DateLike, as_moment, utc_now
from designations.errors import InvalidRecordError
from designations.matching import DEFAULT_THRESHOLD, Match, NameIndex, match_name, matcher_version
from designations.matching.explain import Explanation
from designations.matching.explain import explain as explain_match
from designations.model import Status, Subject
from designations.model.results import Collection

__all__ = [
    "Candidate",
    "ScreeningHit",
    "ScreeningReport",
    "SearchResult",
    "evidence_line",
    "screen",
    "search",
    "status_evidence",
]

SEARCH_FLOOR = 0.6
"""Lowest score `search` returns when no threshold is given."""


class _Registry(Protocol):
    """What screening needs from a `designations.Registry`."""

    def status(self, subject: str, where: str, *, on: DateLike | None = None,
               as_recorded_at: str | None = None) -> Status: ...
    def jurisdiction_codes(self) -> tuple[str, ...]: ...
    def name_rows(self) -> list[tuple[str, str, str, bool, bool]]: ...
    def subject(self, ref: str) -> Subject: ...
    def data_version(self) -> str: ...
    def changed_subject_ids(self, since: DateLike) -> set[str]: ...
    def name_index_base(self) -> pathlib.Path | None: ...

    def cached_name_index(self, version: str) -> NameIndex | None:
        """The name index the registry holds in memory for data version `version` (None: none, or another's)."""
        ...

    def cache_name_index(self, version: str, index: NameIndex) -> None:
        """Hold `index`, the name index of data version `version`, for the registry's next search or screen."""
        ...


def name_index(registry: _Registry) -> tuple[NameIndex, str]:
    """
    The registry's name index and the data version it holds.

    Held by the registry in memory (one index, that of the latest data version
    used); else read from its file for this data version and matcher; else
    built and written there for the next process.
    """
    version = registry.data_version()
    held = registry.cached_name_index(version)
    if held is not None:
        return held, version
    index, version = _load_or_build(registry, version)
    registry.cache_name_index(version, index)
    return index, version


def _load_or_build(registry: _Registry, version: str) -> tuple[NameIndex, str]:
    from designations.matching import persist  # noqa: PLC0415 - only when no index is in memory

    base = registry.name_index_base()
    if base is not None:
        key = persist.index_key(version)
        found = persist.load_index(persist.index_path(base, key), key)
        if found is not None:
            return found, version
    while True:  # the rows of one version: read again when a write lands in between
        rows = registry.name_rows()
        after = registry.data_version()
        if after == version:
            break
        version = after
    index = NameIndex.build(rows)
    del rows  # (the index holds what it needs; the rows are the largest thing left)
    if base is not None:
        key = persist.index_key(version)
        try:
            mode = base.stat().st_mode  # as readable as the store file, never more
        except OSError:
            mode = 0o600
        persist.save_index(index, persist.index_path(base, key), key, mode=mode)
    return index, version


@attrs.frozen(kw_only=True)
class Candidate:
    """One subject that resembles the query: why, how much, and its status."""

    subject: Subject
    name: str
    score: float
    reason: str
    statuses: tuple[Status, ...] = ()
    explanation: Explanation | None = None
    """Why the name matched (asked with `explain=True`); each status's receipt says what it rests on."""

    @property
    def in_force(self) -> bool:
        """True when the designation is in force in any jurisdiction asked."""
        return any(s.in_force for s in self.statuses)

    @property
    def partly_in_force(self) -> bool:
        """True when only a part of the subject (or a related organisation) is designated somewhere."""
        return not self.in_force and any(s.partly_in_force for s in self.statuses)

    @property
    def uncertain(self) -> bool:
        """True when some status is unknown or uncertain and none is in force."""
        return not self.in_force and any(_unsure(s) for s in self.statuses)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        out = {
            "subject": {"id": self.subject.id, "name": self.subject.name,
                        "kind": self.subject.kind.value},
            "matched_name": self.name, "score": self.score, "reason": self.reason,
            "in_force": self.in_force,
            "statuses": [_status_dict(s) for s in self.statuses],
        }
        if self.explanation is not None:
            out["explanation"] = {**self.explanation.to_dict(),
                                  "statuses": [status_evidence(s) for s in self.statuses]}
        return out

    def explain_lines(self) -> list[str]:
        """The explanation as text: the name comparison, then each status with the event it rests on."""
        if self.explanation is None:
            return []
        return [*self.explanation.lines(), *(evidence_line(s) for s in self.statuses)]

    def __repr__(self) -> str:
        """One line: subject, matched name, score, reason, where in force."""
        where = ",".join(s.jurisdiction for s in self.statuses if s.in_force) or "-"
        return (f"<Candidate {self.subject.id} {self.name!r} {self.score:.2f} "
                f"{self.reason} in force: {where}>")


def _unsure(s: Status) -> bool:
    return s.state.value == "UNKNOWN" or not s.certain


_SOURCES_SHOWN = 2
"""Sources named per status in the one-line form."""


def status_evidence(s: Status) -> dict[str, Any]:
    """A status with what it rests on: the event, its sources, the receipt (JSON-ready)."""
    event = s.event
    return {
        "jurisdiction": s.jurisdiction, "on": s.on.isoformat(), "state": s.state.value, "certain": s.certain,
        "since": s.since.isoformat() if s.since else None, "list": s.list.id if s.list else None,
        "reason": s.reason or None,
        "event": None if event is None else {
            "id": event.id, "kind": event.kind.value, "list": event.list_id, "effective": str(event.effective),
            "instrument": event.instrument or None},
        "sources": [{"title": src.title, "url": src.url} for src in s.sources],
        "receipt": s.receipt.to_dict(),
    }


def evidence_line(s: Status) -> str:
    """One line: the state in a jurisdiction, since when, the event and source it rests on, the receipt."""
    head = f"{s.jurisdiction}: {s.state.value}{'' if s.certain else '?'}"
    if s.since:
        head += f" since {s.since.isoformat()}"
    if s.list:
        head += f" on {s.list.id}"
    event = s.event
    if event is not None:
        head += f"; event {event.id} {event.kind.value} effective {event.effective}"
        if event.instrument:
            head += f" ({event.instrument})"
    if s.sources:  # the addresses; the titles are in the JSON form
        shown = [src.url or src.title for src in s.sources[:_SOURCES_SHOWN]]
        more = len(s.sources) - len(shown)
        head += "; sources " + ", ".join(shown) + (f" (and {more} more)" if more > 0 else "")
    elif event is None and s.reason:
        head += f"; {s.reason}"
    receipt = s.receipt
    head += f"; receipt: events {' '.join(map(str, receipt.event_ids)) or '-'}, data version {receipt.data_version}"
    if receipt.as_recorded_at:
        head += f" as recorded at {receipt.as_recorded_at}"
    return head


def _status_dict(s: Status) -> dict[str, Any]:
    return {"jurisdiction": s.jurisdiction, "on": s.on.isoformat(), "state": s.state.value,
            "in_force": s.in_force, "certain": s.certain,
            "list": s.list.id if s.list else None, "receipt": s.receipt.to_dict()}


_COLUMNS = ("query", "on", "subject_id", "subject", "kind", "matched_name", "score", "reason",
            "jurisdiction", "state", "in_force", "certain", "list", "event_ids", "data_version")
_HTML_COLUMNS = ("query", "on", "subject", "matched_name", "score", "reason", "jurisdiction", "state")


_T = TypeVar("_T")


class _Line(NamedTuple):
    """One row of a search's or a screening's table: a candidate in one jurisdiction asked (or in none)."""

    query: str
    on: str
    candidate: Candidate
    status: Status | None
    row: int | None = None
    """The input row the query came from (screening only)."""


def _lines(query: str, on: str, c: Candidate, row: int | None = None) -> Iterator[_Line]:
    """A candidate's rows: one per status, or one without a status when no jurisdiction was asked."""
    for s in c.statuses or (None,):
        yield _Line(query, on, c, s, row)


class _CandidateTable(Collection[_T, _Line]):
    """
    What search results and screening reports share: a table of candidates, one row per jurisdiction.

    Each class names its items (candidates, or one entry per input name), its rows, columns and caption.
    """

    __slots__ = ()
    _html_columns = _HTML_COLUMNS

    def _record(self, row: _Line) -> dict[str, Any]:
        c, s = row.candidate, row.status
        record: dict[str, Any] = {} if row.row is None else {"row": row.row}
        record.update({
            "query": row.query, "on": row.on, "subject_id": c.subject.id, "subject": c.subject.name,
            "kind": c.subject.kind.value, "matched_name": c.name, "score": c.score, "reason": c.reason,
        })
        if s is None:
            record.update({"jurisdiction": None, "state": None, "in_force": None, "certain": None, "list": None,
                           "event_ids": "", "data_version": ""})
        else:
            record.update({"jurisdiction": s.jurisdiction, "state": s.state.value, "in_force": s.in_force,
                           "certain": s.certain, "list": s.list.id if s.list else None,
                           "event_ids": " ".join(map(str, s.receipt.event_ids)),
                           "data_version": s.receipt.data_version})
        if c.explanation is not None:
            why = " | ".join(c.explanation.lines())
            record["explanation"] = why if s is None else f"{why} | {evidence_line(s)}"
        return record

    def _html_row(self, row: _Line) -> dict[str, str]:
        record = self._record(row)
        return {k: _html.cell(f"{record[k]:.3f}" if k == "score" else record[k]) for k in _HTML_COLUMNS}


@attrs.frozen(kw_only=True)
class SearchResult(_CandidateTable[Candidate]):
    """
    The ranked candidates for one name on one day.

    Iterate over it (or index it) for the candidates, best first; `len()` counts
    them. `to_records()`, `to_pandas()` and the HTML table in Jupyter give one row
    per candidate and jurisdiction, as every answer's table does (`designations.model.results.Table`).
    """

    query: str
    on: str
    candidates: tuple[Candidate, ...]
    jurisdictions: tuple[str, ...]
    threshold: float
    data_version: str
    matcher: str
    contains_threshold: float | None = None
    """The floor of `contains` matches, when it differs from `threshold` (None: the same)."""

    _columns = _COLUMNS

    def _items(self) -> Sequence[Candidate]:
        """The candidates, best first."""
        return self.candidates

    def _rows(self) -> Sequence[_Line]:
        """One row per candidate and jurisdiction."""
        return [line for c in self.candidates for line in _lines(self.query, self.on, c)]

    def _caption(self) -> str:
        return f"{len(self.candidates)} candidates for {self.query!r}"

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form, with the matcher and the data version."""
        return {"query": self.query, "on": self.on, "jurisdictions": list(self.jurisdictions),
                "threshold": self.threshold, "contains_threshold": self.contains_threshold,
                "matcher": self.matcher, "data_version": self.data_version,
                "candidates": [c.to_dict() for c in self.candidates]}

    def __repr__(self) -> str:
        """The query and the best candidates."""
        best = "; ".join(f"{c.subject.id} {c.score:.2f}" for c in self.candidates[:3])
        return f"<SearchResult {self.query!r} on {self.on}: {len(self.candidates)} [{best}]>"


@attrs.frozen(kw_only=True)
class ScreeningHit:
    """One screened input name (with its row number and day) and its hits."""

    row: int
    query: str
    on: str
    candidates: tuple[Candidate, ...]

    @property
    def in_force(self) -> bool:
        """True when some hit's designation is in force."""
        return any(c.in_force for c in self.candidates)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        return {"row": self.row, "query": self.query, "on": self.on,
                "candidates": [c.to_dict() for c in self.candidates]}


@attrs.frozen(kw_only=True)
class ScreeningReport(_CandidateTable[ScreeningHit]):
    """
    The hits of a batch of names, auditable: thresholds, matcher, data version.

    `results` holds one entry per input name, hit or not, in input order;
    `hits` only those with a candidate at the threshold. Iterating over the report
    (or indexing it) gives `results`, and `len()` counts the names screened.
    `to_records()`, `to_pandas()` and the HTML table in Jupyter give one row per
    hit and jurisdiction (names without hits omitted), each with its input `row`.
    """

    results: tuple[ScreeningHit, ...]
    threshold: float
    jurisdictions: tuple[str, ...]
    since: str | None
    data_version: str
    matcher: str
    contains_threshold: float | None = None
    """The floor of `contains` matches, when it differs from `threshold` (None: the same)."""

    @property
    def hits(self) -> tuple[ScreeningHit, ...]:
        """Input names with at least one candidate."""
        return tuple(r for r in self.results if r.candidates)

    @property
    def in_force(self) -> bool:
        """True when a hit's designation is in force (CLI exit 0)."""
        return any(r.in_force for r in self.results)

    @property
    def partly_in_force(self) -> bool:
        """True when none is in force but a part of a hit is designated (CLI exit 4)."""
        return not self.in_force and any(c.partly_in_force for r in self.results for c in r.candidates)

    @property
    def uncertain(self) -> bool:
        """True when none is in force but some hit's status is unknown (CLI exit 3)."""
        return not self.in_force and any(c.uncertain for r in self.results for c in r.candidates)

    def receipts(self) -> list[dict[str, Any]]:
        """The receipt of every status answer given, once each."""
        seen: dict[tuple[Any, ...], dict[str, Any]] = {}
        for r in self.results:
            for c in r.candidates:
                for s in c.statuses:
                    key = (c.subject.id, s.jurisdiction, s.on.isoformat())
                    seen[key] = {"subject_id": c.subject.id, "jurisdiction": s.jurisdiction,
                                 "on": s.on.isoformat(), **s.receipt.to_dict()}
        return list(seen.values())

    _columns = ("row", *_COLUMNS)

    def _items(self) -> Sequence[ScreeningHit]:
        """One entry per input name, in input order."""
        return self.results

    def _rows(self) -> Sequence[_Line]:
        """One row per input name, hit and jurisdiction (names without hits have none)."""
        return [line for r in self.results for c in r.candidates for line in _lines(r.query, r.on, c, r.row)]

    def _caption(self) -> str:
        return f"{len(self.hits)} of {len(self.results)} names hit"

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form: settings, matcher, data version, hits and receipts."""
        return {"threshold": self.threshold, "contains_threshold": self.contains_threshold,
                "jurisdictions": list(self.jurisdictions),
                "since": self.since, "matcher": self.matcher, "data_version": self.data_version,
                "screened": len(self.results), "hits": [r.to_dict() for r in self.hits],
                "receipts": self.receipts()}

    def __repr__(self) -> str:
        """Counts at a glance."""
        return (f"<ScreeningReport {len(self.results)} names, {len(self.hits)} with hits, "
                f"in force: {self.in_force}>")


def _jurisdictions(registry: _Registry, jurisdictions: Iterable[str] | None) -> tuple[str, ...]:
    if jurisdictions is None:
        return registry.jurisdiction_codes()
    if isinstance(jurisdictions, str):
        return (jurisdictions,)
    return tuple(jurisdictions)


def _candidates(
    registry: _Registry, matches: Sequence[Match], on: DateLike | None, codes: Sequence[str],
    subjects: dict[str, Subject], version: str, *, explained: tuple[str, NameIndex] | None = None,
) -> tuple[Candidate, ...]:
    """The candidates of matches, with statuses; `explained` (query, index) adds each one's explanation."""
    out = []
    for m in matches:
        if m.subject_id not in subjects:
            subjects[m.subject_id] = registry.subject(m.subject_id)
        statuses = tuple(_status(registry, m.subject_id, code, on, version) for code in codes)
        why = None if explained is None else explain_match(explained[0], m, explained[1].common)
        out.append(Candidate(subject=subjects[m.subject_id], name=m.name, score=m.score,
                             reason=m.reason, statuses=statuses, explanation=why))
    return tuple(out)


def _status(registry: _Registry, subject: str, code: str, on: DateLike | None, version: str) -> Status:
    """
    The status at data version `version`, that of the name index.

    Asked of the latest data first (the fast way); when the store has changed
    since the batch began, asked again as recorded at `version`, so every row of
    a batch rests on the same data (its receipt then says so).
    """
    status = registry.status(subject, code, on=on)
    if version and status.receipt.data_version != version:
        status = registry.status(subject, code, on=on, as_recorded_at=version)
    return status


def search(
    registry: _Registry,
    name: str,
    *,
    on: DateLike | None = None,
    jurisdictions: Iterable[str] | None = None,
    limit: int = 10,
    threshold: float | None = None,
    explain: bool = False,
    contains_threshold: float | None = None,
) -> SearchResult:
    """
    Rank the subjects whose names resemble `name`, with their status on `on`.

    Args:
        registry: an open `Registry`.
        name: the name to look for, in any script.
        on: the day for the statuses (default today).
        jurisdictions: codes to report (default every jurisdiction that has lists).
        limit: most candidates returned.
        threshold: lowest score returned (default `SEARCH_FLOOR`, 0.6).
        contains_threshold: lowest score of a `contains` candidate (the name holds a
            listed organisation's whole name, scored 0.88); default: `threshold`.
        explain: give each candidate its `Explanation`: the name parts paired and
            their weights, the Latin reading, the rule; each status keeps its event,
            sources and receipt.

    Raises:
        UnknownJurisdictionError: a requested jurisdiction has no lists.
        InvalidDateError: `on` could not be read.

    .. versionadded:: 0.1.0

    """
    if on not in (None, ""):
        as_moment(on)  # refused before any work, whether or not a name comes close
    index, version = name_index(registry)
    codes = _jurisdictions(registry, jurisdictions)
    floor = SEARCH_FLOOR if threshold is None else _threshold(threshold)
    contained = _contains_threshold(contains_threshold)
    matches = match_name(index, name, threshold=floor, limit=limit, contains_threshold=contained)
    candidates = _candidates(registry, matches, on, codes, {}, version,
                             explained=(name, index) if explain else None)
    day = _day(candidates, on)
    return SearchResult(query=name, on=day, candidates=candidates, jurisdictions=codes,
                        threshold=floor, contains_threshold=contained, data_version=version,
                        matcher=matcher_version())


def _day(candidates: Sequence[Candidate], on: DateLike | None) -> str:
    """The day the statuses answer (the first list's day); with none, the day asked (read), or today in UTC."""
    for c in candidates:
        for s in c.statuses:
            return s.on.isoformat()
    return utc_now().date().isoformat() if on in (None, "") else as_moment(on).isoformat()


def _threshold(value: object, field: str = "threshold") -> float:
    """A score threshold: a finite number in (0, 1]."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
            or not 0 < value <= 1:
        raise InvalidRecordError(f"{value!r} is not a score between 0 (excluded) and 1", field=field)
    return float(value)


def _contains_threshold(value: object) -> float | None:
    """The floor of `contains` matches: None (the same as the threshold) or a score."""
    return None if value is None else _threshold(value, "contains_threshold")


def _inputs(names_or_rows: Iterable[Any]) -> list[tuple[str, DateLike | None]]:
    if isinstance(names_or_rows, (str, bytes)):  # a single name would be screened letter by letter
        msg = "expected several names (a list), got one text: use screen([name]) or search(name)"
        raise InvalidRecordError(msg, field="names")
    if names_or_rows is None or not isinstance(names_or_rows, Iterable):
        raise InvalidRecordError(f"expected a list of names, got {type(names_or_rows).__name__}", field="names")
    out: list[tuple[str, DateLike | None]] = []
    for i, item in enumerate(names_or_rows, start=1):
        if isinstance(item, str):
            out.append((item, None))
        elif isinstance(item, Mapping):
            out.append((str(item["name"]), item.get("on")))
        elif isinstance(item, Sequence) and len(item) == 2:  # noqa: PLR2004 - (name, on)
            out.append((str(item[0]), item[1]))
        else:
            msg = f"item {i}: expected a name, a (name, on) pair or a mapping, got {item!r}"
            raise InvalidRecordError(msg, field="names")
        if out[-1][1] not in (None, ""):  # read every row's day first: a bad one is refused, hit or not
            as_moment(out[-1][1], field=f"item {i}: on")
    return out


def screen(
    registry: _Registry,
    names_or_rows: Iterable[Any],
    *,
    on: DateLike | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    jurisdictions: Iterable[str] | None = None,
    since: DateLike | None = None,
    explain: bool = False,
    contains_threshold: float | None = None,
) -> ScreeningReport:
    """
    Screen a batch of names at `threshold`; each hit carries its status and receipt.

    Args:
        registry: an open `Registry`.
        names_or_rows: names, `(name, on)` pairs or mappings with "name" and
            optionally "on"; a row's own day overrides `on`.
        on: the day for rows without their own (default today).
        threshold: lowest score reported (default 0.9, the evaluated floor).
        jurisdictions: codes to report (default every jurisdiction that has lists).
        since: screen only against subjects with events effective or recorded
            on or after this day (for daily re-screening).
        explain: give each hit its `Explanation` (see `search`).
        contains_threshold: lowest score of a `contains` hit (the name holds a listed
            organisation's whole name: "Boko Haram Trading Company", 0.88); default:
            `threshold`, so such names alert only when asked for (0.85, say).

    Every row is answered from one data version, the report's `data_version`:
    that of the name index. When the store changes while the batch runs, the
    statuses are asked as recorded at that version (their receipts say so).

    Raises:
        InvalidRecordError: a name to screen is empty or malformed.
        UnknownJurisdictionError: a requested jurisdiction has no lists.
        InvalidDateError: a date could not be read.

    .. versionadded:: 0.1.0

    """
    items = _inputs(names_or_rows)
    if on not in (None, ""):
        as_moment(on)
    threshold = _threshold(threshold)
    contained = _contains_threshold(contains_threshold)
    index, version = name_index(registry)
    if since is not None:
        index = index.restrict(registry.changed_subject_ids(since))
    codes = _jurisdictions(registry, jurisdictions)
    subjects: dict[str, Subject] = {}
    cache: dict[str, tuple[Match, ...]] = {}
    results = []
    for row, (name, day) in enumerate(items, start=1):
        if name not in cache:
            cache[name] = match_name(index, name, threshold=threshold, contains_threshold=contained)
        when = day if day not in (None, "") else on
        candidates = _candidates(registry, cache[name], when, codes, subjects, version,
                                 explained=(name, index) if explain else None)
        results.append(ScreeningHit(row=row, query=name, on=_day(candidates, when),
                                    candidates=candidates))
    return ScreeningReport(
        results=tuple(results), threshold=threshold, contains_threshold=contained, jurisdictions=codes,
        since=None if since is None else str(since), data_version=version,
        matcher=matcher_version(),
    )
