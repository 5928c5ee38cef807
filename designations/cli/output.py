"""Rendering of result values for the terminal: text, JSON and CSV."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

import pendulum

from designations.model import (
    ChangeSet,
    DataBasis,
    DesignationList,
    Event,
    Extent,
    History,
    Relation,
    Scope,
    Snapshot,
    Source,
    State,
    Status,
)
from designations.model.results import began_text, scope_window, since_text

__all__ = [
    "as_json",
    "basis_warnings",
    "changes_text",
    "csv_safe",
    "csv_safe_row",
    "event_dates",
    "history_text",
    "list_dict",
    "lists_text",
    "snapshot_csv",
    "snapshot_text",
    "stale_warnings",
    "states_line",
    "status_exit_code",
    "status_text",
    "terminal_safe",
    "who_summary",
]


_UNSAFE = {c: f"\\x{c:02x}" for c in (*range(0x09), 0x0b, 0x0c, *range(0x0e, 0x20), 0x7f)}
_UNSAFE.update({c: f"\\u{c:04x}" for c in (*range(0x80, 0xa0), 0x202a, 0x202b, 0x202c, 0x202d, 0x202e,
                                          0x2066, 0x2067, 0x2068, 0x2069)})
_UNSAFE[0x0d] = "\\r"


def terminal_safe(text: str) -> str:
    """
    `text` with control characters shown as escapes, for a terminal.

    Notes and source titles come from files and users: an ANSI escape or a
    bidirectional override in them must not move the cursor, recolour the
    screen or reorder what a compliance officer reads. Line breaks and tabs stay.
    """
    return text.translate(_UNSAFE)


def as_json(value: Any) -> str:  # noqa: ANN401 - any JSON-ready value
    """Stable, readable JSON."""
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=False)


def status_exit_code(statuses: Iterable[Status]) -> int:
    """
    The exit code over some answers.

    0: a designation of the subject itself is in force; 4: only a part of it
    (a military wing) or a related organisation is; 3: unknown or uncertain;
    1: certainly not in force (never listed, suspended, removed).
    """
    items = list(statuses)
    if any(s.in_force for s in items):
        return 0
    if any(s.partly_in_force for s in items):
        return 4
    if any(s.state is State.UNKNOWN or not s.certain for s in items):
        return 3
    return 1


def stale_warnings(statuses: Iterable[Status]) -> list[str]:
    """
    One line per list whose data is older than its allowance for the day asked, where the answer depends on it.

    Past a list's last check of completeness, only answers from absence (no event) are in doubt,
    unless a source vouches for the absence (NOT_LISTED then); past its last review, every answer on it is.
    """
    bases: list[DataBasis] = []
    for s in statuses:
        for one in s.per_list or (s,):
            doubted = one.event is None and one.state is not State.NOT_LISTED
            bases.extend(b for b in one.basis if b.stale or (b.outdated and doubted))
    return basis_warnings(bases)


def basis_warnings(bases: Iterable[DataBasis]) -> list[str]:
    """One line per list (once) whose data does not vouch for the day asked."""
    seen: dict[str, str] = {}
    for b in bases:
        line = b.warning()
        if line is not None and b.list_id not in seen:
            seen[b.list_id] = line
    return list(seen.values())


def event_dates(e: Event) -> str:
    """The act's three dates: decided, in force (effective), published."""
    parts = []
    if e.decided is not None:
        parts.append(f"decided {e.decided}")
    parts.append(f"in force {e.effective}")
    if e.published is not None:
        parts.append(f"published {e.published}")
    return ", ".join(parts)


def _source_line(sources: Sequence[Source]) -> str:
    """The first source of an act, as the status lines show it ('' when it has none)."""
    if not sources:
        return ""
    src = sources[0]
    return f"    source: {src.title}" + (f" <{src.url}>" if src.url else "")


def _relation_text(r: Relation) -> str:
    """'tak part_of pkk', with the days it holds where they are bounded ('since 2020-02-28')."""
    days = (f" since {r.since}" if r.since else "") + (f" until {r.until}" if r.until else "")
    return f"{r.subject_id} {r.kind.value} {r.other_id}{days}"


def _extent_line(s: Status) -> str:
    if s.extent is None:
        return ""
    if s.designated is not None:
        return (f"    designation of {s.designated.name}, listed as {s.listed_as!r}: "
                f"{s.extent.value} ({' / '.join(_relation_text(r) for r in s.via)})")
    if s.extent.value == "part":
        return f"    only a part is designated, listed as {s.listed_as!r}; not the organisation as a whole"
    return f"    listed as {s.listed_as!r}" if s.listed_as else ""


_PARTLY: dict[Extent | None, str] = {Extent.PART: " (a part only)", Extent.RELATED: " (a related organisation only)"}
"""What the head of an answer says when only a part of the subject, or a related organisation, is designated."""


def status_text(s: Status) -> str:
    """A few lines: the answer and why, the designation's extent, the act's dates and its first source."""
    where = f"{s.jurisdiction} ({s.list.id})" if s.list else s.jurisdiction
    state = s.state.value + (_PARTLY.get(s.extent, "") if s.partly_in_force else "")
    head = f"{s.subject.name} in {where} on {s.on}: {state}"
    if not s.certain:
        head += f" (uncertain: one of {', '.join(sorted(p.value for p in s.possible_states))})"
    lines = [head]
    if s.reason:
        lines.append(f"    why: {s.reason}")
    extent = _extent_line(s)
    if extent:
        lines.append(extent)
    if s.since and s.state is not State.UNKNOWN:
        if s.event:
            since = since_text(s.since, s.scope_since, s.event.scope, s.since_earliest,
                               scope_window(s.event, s.scope_since))
        else:
            since = began_text(s.since, s.since_earliest)
        lines.append(f"    since {since}" + (f"; next recorded change {s.until}" if s.until else ""))
    if s.event:
        inst = f" — {s.event.instrument}" if s.event.instrument else ""
        lines.append(f"    by {s.event.kind.value} ({event_dates(s.event)}){inst}")
    src = _source_line(s.sources)
    if src:
        lines.append(src)
    for e in s.pending:  # acts whose windows hold the day: they may have taken effect by it, or not
        inst = f" — {e.instrument}" if e.instrument else ""
        lines.append(f"    pending {e.kind.value} ({event_dates(e)}){inst}")
        lines.extend(filter(None, [_source_line(e.sources)]))
    lines.extend(f"    also {other.list.id if other.list else other.jurisdiction}: {other.state.value}"
                 + (f" — {other.reason}" if other.reason else "") for other in s.per_list[1:])
    return "\n".join(lines)


def states_line(statuses: Iterable[Status]) -> str:
    """
    The jurisdictions under each answer, on one line: 'LISTED: CA; REMOVED: KG, KZ; UNKNOWN?: NZ'.

    An uncertain answer ends in '?'; a part or a related organisation in force reads
    PART IN FORCE or RELATED IN FORCE (`search` and `who` show the same labels).
    """
    groups: dict[str, list[str]] = {}
    for s in statuses:
        label = s.state.value if s.certain else f"{s.state.value}?"
        if s.partly_in_force:
            label = "PART IN FORCE" if s.extent is Extent.PART else "RELATED IN FORCE"
        groups.setdefault(label, []).append(s.jurisdiction)
    return "; ".join(f"{k}: {', '.join(sorted(v))}" for k, v in sorted(groups.items()))


def who_summary(answers: Sequence[Status]) -> str:
    """One line before `who`'s answers: the subject, the day (each list's, when they differ) and `states_line`."""
    if not answers:
        return ""
    days = sorted({s.on.isoformat() for s in answers})
    return f"{answers[0].subject.name} on {' / '.join(days)}: {states_line(answers)}"


def history_text(h: History) -> str:
    """One line per event."""
    lines = [f"{h.subject.name} [{h.subject.id}] — {len(h.events)} events"]
    width = max((len(e.list_id) for e in h.events), default=0)  # list ids run to 33 characters (AU)
    for e in h.events:
        src = e.sources[0].title if e.sources else ""
        lines.append(f"  {e.effective!s:<23} {e.list_id:<{width}} {e.kind.value:<10} {src}")
    for list_id, a in h.absent:  # lists a source says it was not on (no event there)
        lines.append(f"  not on {list_id}: a source of {a.on} says so — {a.sources[0].title}")
    for r, other in h.related:  # through which another subject's designation may answer for this one
        where = f" (on {r.list_id} only)" if r.list_id else ""
        src = f" — {r.sources[0].title}" if r.sources else ""
        lines.append(f"  related: {_relation_text(r)} [{other.name}]{where}{src}")
    return "\n".join(lines)


def snapshot_text(snap: Snapshot) -> str:
    """One line per entry in force; one that lists only a part of its subject names the part."""
    parts = snap.parts()
    tail = f" ({parts} of them only a part of the subject named)" if parts else ""
    lines = [f"{snap.jurisdiction} on {snap.on}: {len(snap.entries)} in force{tail}"]
    lines += [f"  ({b.describe()})" for b in snap.basis]
    width = max((len(e.list_id) for e in snap.entries), default=0)
    lines += [f"  {e.label():<60} {e.list_id:<{width}} since {e.since_text()}" for e in snap.entries]
    return "\n".join(lines)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def csv_safe(value: object) -> object:
    """
    A cell a spreadsheet will not run: text starting like a formula gets a leading apostrophe.

    `=HYPERLINK(...)`, `+cmd|...`, `-2+3`, `@SUM(...)` and text starting with a tab or a line break
    would be evaluated by Excel or LibreOffice when the CSV is opened (OWASP "CSV injection");
    prefixed with `'`, they show as the text they are. Other values pass unchanged.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_safe_row(row: dict[str, Any]) -> dict[str, Any]:
    """`csv_safe` applied to every cell of a row."""
    return {k: csv_safe(v) for k, v in row.items()}


def snapshot_csv(snap: Snapshot) -> str:
    """CSV with a header row; cells that look like formulas are neutralised (`csv_safe`)."""
    buf = io.StringIO()
    rows = [csv_safe_row(r) for r in snap.to_records()]
    writer = csv.DictWriter(buf, fieldnames=snap.columns(), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def _scope_words(scope: Scope, listed_as: str) -> str:
    """'the whole', or 'a part: <name listed>' ('a part' when no name is given)."""
    if scope is Scope.WHOLE:
        return "the whole"
    return f"a part: {listed_as}" if listed_as else "a part"


def _part(e: Event) -> str:
    """' (a part: <name listed>)' for an event that designates only a part of its subject."""
    return "" if e.scope is Scope.WHOLE else f" ({_scope_words(e.scope, e.listed_as)})"


def _rescoped(cs: ChangeSet, e: Event) -> str:
    """' (now the whole; before, a part: <name>)' for an amendment that changed its designation's scope."""
    before = cs.scope_before(e)
    if before is None:
        return ""
    now, then = _scope_words(e.scope, e.listed_as), _scope_words(before.scope_before, before.listed_as_before)
    return f" (now {now}; before, {then})"


def changes_text(cs: ChangeSet) -> str:
    """Grouped by kind of event; an amendment that changed a designation's scope says from what to what."""
    names = {s.id: s.name for s in cs.subjects}
    lines = [f"{cs.jurisdiction} {cs.since}..{cs.until}: {len(cs.events)} events"]
    for kind, events in cs.by_kind().items():
        lines.append(f"  {kind} ({len(events)})")
        lines += [f"    {e.effective!s:<23} {names.get(e.subject_id, e.subject_id)}"
                  f"{_rescoped(cs, e) or _part(e)} [{e.list_id}]" for e in events]
    return "\n".join(lines)


def _data_line(lst: DesignationList, today: pendulum.Date) -> str:
    last = lst.data_until
    if last is None:
        held = "complete for ever (declared)" if lst.open_ended else "no complete copy held (sample)"
    else:
        what = "verified complete" if lst.verified is not None and lst.verified.on == last else "last publication"
        held = f"{what} {last}"
    tracked = f", events checked to {lst.tracked_until}" if lst.tracked_until and lst.tracked_until != last else ""
    stale = "  STALE" if lst.stale(today) else ("  OUTDATED" if lst.outdated(today) else "")
    return f"{held}{tracked}, allowance {lst.allowance_days or 0} d{stale}"


def list_dict(lst: DesignationList, today: pendulum.Date) -> dict[str, Any]:
    """Plain JSON-ready form of a list, with what its answers rest on."""
    return {
        "id": lst.id, "jurisdiction": lst.jurisdiction.code, "timezone": lst.jurisdiction.timezone,
        "name": lst.name, "authority": lst.authority, "legal_basis": lst.legal_basis,
        "url": lst.url, "tags": list(lst.tags), "coverage": [str(p) for p in lst.coverage],
        "established": lst.established.isoformat() if lst.established else None,
        "allowance_days": lst.allowance_days,
        "data_until": lst.data_until.isoformat() if lst.data_until else None,
        "tracked_until": lst.tracked_until.isoformat() if lst.tracked_until else None,
        "reviewed": lst.reviewed.isoformat() if lst.reviewed else None,
        "last_published": lst.last_published.isoformat() if lst.last_published else None,
        "verified": {"on": lst.verified.on.isoformat(), "count": lst.verified.count,
                     "sources": [{"title": x.title, "url": x.url} for x in lst.verified.sources]}
        if lst.verified else None,
        "absent": [{"subject": a.subject_id, "on": a.on.isoformat(), "note": a.note,
                    "sources": [{"title": x.title, "url": x.url} for x in a.sources]} for a in lst.absent],
        "stale": lst.stale(today),
        "outdated": lst.outdated(today),
    }


def lists_text(lists: Sequence[DesignationList], today: pendulum.Date | None = None) -> str:
    """One line per list: first day, what its answers rest on, and coverage."""
    day = today or pendulum.today().date()
    lines = []
    for lst in lists:
        since = f"since {lst.established}" if lst.established else "first day unknown"
        cov = ", ".join(str(p) for p in lst.coverage) or "no coverage"
        absent = f"; {len(lst.absent)} sourced absence{'s' if len(lst.absent) > 1 else ''}" if lst.absent else ""
        lines.append(f"{lst.jurisdiction.code:<3} {lst.id:<36} {since}; {_data_line(lst, day)}{absent}  [{cov}]")
    return "\n".join(lines)
