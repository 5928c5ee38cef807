"""Rendering of result values for the terminal: text, JSON and CSV."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

from designations.model import ChangeSet, DesignationList, History, Snapshot, State, Status

__all__ = ["as_json", "changes_text", "history_text", "lists_text", "snapshot_csv",
           "snapshot_text", "status_exit_code", "status_text"]


def as_json(value: Any) -> str:  # noqa: ANN401 - any JSON-ready value
    """Stable, readable JSON."""
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=False)


def status_exit_code(statuses: Iterable[Status]) -> int:
    """0 if any designation is in force, else 3 if any answer is unknown or uncertain, else 1."""
    items = list(statuses)
    if any(s.in_force for s in items):
        return 0
    if any(s.state is State.UNKNOWN or not s.certain for s in items):
        return 3
    return 1


def _source_line(s: Status) -> str:
    if not s.sources:
        return ""
    src = s.sources[0]
    return f"    source: {src.title}" + (f" <{src.url}>" if src.url else "")


def status_text(s: Status) -> str:
    """A few lines: the answer, the list, the event and its first source."""
    where = f"{s.jurisdiction} ({s.list.id})" if s.list else s.jurisdiction
    head = f"{s.subject.name} in {where} on {s.on}: {s.state.value}"
    if not s.certain:
        head += f" (uncertain: one of {', '.join(sorted(p.value for p in s.possible_states))})"
    elif s.state is State.UNKNOWN:
        head += " (outside the list's coverage)"
    lines = [head]
    if s.since:
        lines.append(f"    since {s.since}" + (f" until {s.until}" if s.until else ""))
    if s.event:
        inst = f" — {s.event.instrument}" if s.event.instrument else ""
        lines.append(f"    by {s.event.kind.value} effective {s.event.effective}{inst}")
    src = _source_line(s)
    if src:
        lines.append(src)
    return "\n".join(lines)


def history_text(h: History) -> str:
    """One line per event."""
    lines = [f"{h.subject.name} [{h.subject.id}] — {len(h.events)} events"]
    for e in h.events:
        src = e.sources[0].title if e.sources else ""
        lines.append(f"  {e.effective!s:<23} {e.list_id:<28} {e.kind.value:<10} {src}")
    return "\n".join(lines)


def snapshot_text(snap: Snapshot) -> str:
    """One line per subject in force."""
    lines = [f"{snap.jurisdiction} on {snap.on}: {len(snap.entries)} in force"]
    lines += [f"  {e.subject.name:<60} {e.list_id:<28} since {e.since}" for e in snap.entries]
    return "\n".join(lines)


def snapshot_csv(snap: Snapshot) -> str:
    """CSV with a header row."""
    buf = io.StringIO()
    rows = snap.to_records()
    fields = ["subject_id", "subject", "kind", "list", "since", "event_id"]
    writer = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def changes_text(cs: ChangeSet) -> str:
    """Grouped by kind of event."""
    names = {s.id: s.name for s in cs.subjects}
    lines = [f"{cs.jurisdiction} {cs.since}..{cs.until}: {len(cs.events)} events"]
    for kind, events in cs.by_kind().items():
        lines.append(f"  {kind} ({len(events)})")
        lines += [f"    {e.effective!s:<23} {names.get(e.subject_id, e.subject_id)} [{e.list_id}]" for e in events]
    return "\n".join(lines)


def lists_text(lists: Sequence[DesignationList]) -> str:
    """One line per list with its coverage."""
    lines = []
    for lst in lists:
        cov = ", ".join(str(p) for p in lst.coverage) or "no coverage"
        lines.append(f"{lst.jurisdiction.code:<3} {lst.id:<30} {lst.name}  [{cov}]")
    return "\n".join(lines)
