"""
The public API as a user writes it, checked by mypy (`make typecheck`): every call below must type-check.

Not collected by pytest (it does I/O at import only under `if __name__ == "__main__"`).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, assert_type

import pendulum

import designations
from designations import Extent, Rescoped, State, Status
from designations.errors import UncertainAnswerError, UnknownSubjectError
from designations.screening import Candidate, ScreeningHit

if TYPE_CHECKING:
    from matplotlib.figure import Figure


def show(*values: object) -> None:
    """What a user's script does with its answers: print them."""
    print(*values)  # noqa: T201 - printing is this example script's output


def ask(reg: designations.Registry) -> None:
    """Questions and their typed answers."""
    s: Status = reg.status("Taliban", "RU", on="2024-06-01", as_known_at=dt.date(2025, 1, 1))
    in_force: bool = s.in_force
    part: bool = s.partly_in_force
    extent: Extent | None = s.extent
    state: State = s.state
    why: str = s.reason
    rests_on = [b.describe() for b in s.basis]
    try:
        listed: bool = reg.was_listed("Taliban", "KZ", on="2024-03-01")
    except UncertainAnswerError as exc:
        show(exc.status)
    for answer in reg.who_lists("Taliban", on=dt.date(2025, 6, 1)):
        show(answer.jurisdiction, answer.state.value, answer.list.id if answer.list else None)
    history = reg.history("Taliban")
    show([(e.decided, e.effective, e.published, e.listed_as, e.scope.value) for e in history])
    show(len(reg.snapshot("UK", on="2024-01-01")), reg.changes("US", since="2025").by_kind())
    began: tuple[dt.date | None, dt.date | None, dt.date | None] = (s.since_earliest, s.since, s.scope_since)
    cs = reg.changes("UK", since="2021")
    widened: list[Rescoped] = [r for e in cs.events if (r := cs.scope_before(e)) is not None]
    show(began, [(r.event_id, r.scope_before.value, r.listed_as_before) for r in widened])
    show(in_force, part, extent, state, why, rests_on, listed)
    unsure = reg.status("Houthis", "US", on="2025-03-04")
    pending: tuple[designations.Event, ...] = unsure.pending
    ru = next(lst for lst in reg.lists() if lst.id == "ru-terrorist-organisations")
    absent: designations.Absence | None = ru.absence_of("hamas")
    header: tuple[str, ...] = reg.snapshot("NZ", on="2024-06-01").columns()
    show([(e.kind.value, str(e.effective)) for e in pending], absent.on if absent else None, header,
         [(list_id, a.sources[0].url) for list_id, a in history.absent])


def screen(reg: designations.Registry) -> None:
    """Search and screening return their own result types: iterated, indexed and tabulated like every answer."""
    found = reg.search("Taleban", on="2024-06-01", limit=5)
    for candidate in found:
        assert_type(candidate, Candidate)
        show(candidate.subject.name, candidate.score, [s.jurisdiction for s in candidate.statuses])
    best: Candidate = found[0]
    rows: list[dict[str, Any]] = found.to_records()
    report = reg.screen(["Taleban", ("Hamas", "2020-01-01")], threshold=0.9)
    for entry in report:
        assert_type(entry, ScreeningHit)
        show(entry.row, entry.query, [c.subject.id for c in entry.candidates])
    first: ScreeningHit = report[0]
    show(best.in_force, rows, len(found), first.in_force, len(report), report.to_records())
    show(found.candidates, report.hits, report.in_force, report.partly_in_force)


def plot(reg: designations.Registry) -> None:
    """A timeline figure (the `plot` extra), saved as a user would."""
    figure: Figure = reg.plot_timeline("Taliban", on="2025-06-01", as_known_at="2025-01-01")
    reg.plot_timeline("Taliban", out="taliban.png")
    show(figure)


def write(reg: designations.Registry) -> None:
    """Records, corrections and imports."""
    source = designations.Source(title="Gazette", url="https://example.org/g")
    event = reg.record("Example Front", "us-fto", "LISTED", effective="2024-05-01", decided="2024-04-30",
                       listed_as="Example Front", scope="whole", sources=[source], create=True)
    fixed = reg.correct(event.id or 0, effective="2024-05-02", reason="a day later")
    fixed = reg.correct(fixed.id or 0, kind="REMOVED", published=None, sources=[source], note="the notice said so")
    reg.correct(fixed.id or 0, colour="red")  # type: ignore[arg-type]  # a correction changes event fields only
    reg.retract(fixed.id or 0, reason="wrong list")
    try:
        reg.record("Exampel Front", "us-fto", "LISTED", effective="2024-05-01", sources=[source])
    except UnknownSubjectError as exc:
        show(exc.suggestions)
    report = reg.import_file("consolidated.xml", format="un", published="2026-02-27")
    show(report.events, report.sha256)
    updated = reg.update(["un"], keep=10, if_older_than=dt.timedelta(hours=12))
    show(updated.exit_code, [r.line() for r in updated.results])
    show([p.line() for p in reg.watch(["uk-proscribed"])])
    with reg.bulk_load():
        more = reg.import_file("sdn.csv", format="ofac-csv")
    show(more.events, reg.check().ok, reg.rebuild().indexes_built)
    wing = designations.Relation(subject_id="tak", kind="part_of", other_id="pkk", since="2020-02-28",
                                 sources=(source,))
    assert_type(wing.since, pendulum.Date | None)
    show(wing.holds_on(pendulum.Date(2021, 1, 1)), wing.until)


if __name__ == "__main__":
    ask(designations.open("sqlite:///:memory:"))
