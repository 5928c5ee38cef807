"""
Bad inputs: every malformed input raises its specific error and writes nothing.

The cases are files in `tests/fixtures/bad_corpus/` (write API calls) and
`tests/fixtures/bad/` (malformed list files for the importers). For each,
a dump of every table before and after the call must be identical.
"""

from __future__ import annotations

import json
import pathlib
from typing import Any

import pytest

import designations
from designations import errors
from designations.model import Event, Source, Subject
from designations.store import WriteBatch

from .conftest import add_lists, dump

FIXTURES = pathlib.Path(__file__).parents[1] / "fixtures"
CORPUS = sorted((FIXTURES / "bad_corpus").glob("*.json"))
BAD_FILES = (
    sorted(p for p in (FIXTURES / "bad").glob("*") if p.name != "README.md")
    if (FIXTURES / "bad").is_dir()
    else []
)
SOURCE = [{"title": "Register", "url": "https://example.org/register"}]


def _text(value: Any) -> Any:
    if isinstance(value, dict) and "repeat" in value:
        return value["repeat"] * value["times"]
    return value


@pytest.fixture
def store(registry: designations.Registry) -> tuple[designations.Registry, dict[str, int]]:
    """A small store: base-org listed 2020-05-01 and removed 2022-01-01; one retracted event."""
    add_lists(registry, "us-fto", "us-sdgt")
    base = registry.record("Base Org", "us-fto", "LISTED", effective="2020-05-01", sources=SOURCE, create=True)
    registry.record("base-org", "us-fto", "REMOVED", effective="2022-01-01", sources=SOURCE, create=True)
    gone = registry.record("base-org", "us-sdgt", "LISTED", effective="2020-01-01", sources=SOURCE, create=True)
    registry.retract(gone.id, reason="wrong list")  # type: ignore[arg-type]
    return registry, {"base": base.id, "retracted": gone.id}  # type: ignore[dict-item]


def _call(reg: designations.Registry, ids: dict[str, int], case: dict[str, Any]) -> None:
    call = case["call"]
    event_id = ids[case["event"]] if "event" in case else case.get("event_id")
    if call == "record":
        kwargs = {k: case[k] for k in ("published",) if k in case}
        reg.record(
            _text(case["subject"]),
            case.get("list", "us-fto"),
            case["kind"],
            effective=case["effective"],
            sources=case.get("sources", SOURCE),
            **kwargs, create=True
        )
    elif call == "add_subject":
        reg.add_subject(_text(case["subject"]), aliases=case.get("aliases", ()))
    elif call == "retract":
        reg.retract(event_id, reason=case["reason"])
    elif call == "correct":
        reg.correct(event_id, effective=case["effective"])
    elif call == "batch":
        subjects = tuple(Subject(id=f"good-{i}", name=f"Good Org {i}") for i in range(case["good"]))
        events = [
            Event(
                subject_id=s.id,
                list_id="us-fto",
                kind="LISTED",
                effective="2023-01-01",
                sources=(Source(title="Register"),),
            )
            for s in subjects
        ]
        events.append(
            Event(
                subject_id="base-org",
                list_id="us-fto",
                sources=(Source(title="Register"),),
                **case["bad"],
            )
        )
        reg._write(WriteBatch(kind="import", subjects=subjects, events=tuple(events)))
    else:
        pytest.fail(f"unknown call {call!r}")


def test_the_corpus_covers_the_issues_cases() -> None:
    """The corpus holds the named kinds of bad input."""
    names = {p.stem for p in CORPUS}
    for needed in (
        "date_feb_30",
        "date_day_first",
        "name_empty",
        "name_10mb",
        "name_nul",
        "duplicate_event",
        "removed_before_listing",
        "unknown_list",
    ):
        assert needed in names
    assert len(CORPUS) >= 25


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_bad_input_raises_its_error_and_writes_nothing(
    store: tuple[designations.Registry, dict[str, int]], path: pathlib.Path
) -> None:
    """The call raises exactly the expected error class; every table is unchanged."""
    reg, ids = store
    case = json.loads(path.read_text())
    expected = getattr(errors, case["expect"])
    before = dump(reg.store.engine)
    with pytest.raises(errors.DesignationsError) as info:
        _call(reg, ids, case)
    assert type(info.value) is expected, f"{type(info.value).__name__}: {info.value}"
    assert dump(reg.store.engine) == before


@pytest.mark.parametrize("path", BAD_FILES, ids=lambda p: p.name)
def test_bad_list_file_raises_and_writes_nothing(
    store: tuple[designations.Registry, dict[str, int]], path: pathlib.Path
) -> None:
    """Each malformed list file (bomb, entity, truncation, encoding, bad date) is refused; nothing written."""
    reg, _ = store
    before = dump(reg.store.engine)
    with pytest.raises(errors.DesignationsError):
        reg.import_file(path)
    assert dump(reg.store.engine) == before


@pytest.mark.parametrize(
    "text",
    [
        "Robert'); DROP TABLE event;--",
        "x' OR '1'='1",
        "1; DELETE FROM status_period WHERE 1=1",
        'Quote " and backslash \\ and %s %(name)s ? :param',
    ],
)
def test_sql_looking_strings_are_stored_verbatim(
    store: tuple[designations.Registry, dict[str, int]], text: str
) -> None:
    """SQL-looking names, notes and instruments are data: stored and read back unchanged, harmless."""
    reg, _ = store
    counts = {t: len(rows) for t, rows in dump(reg.store.engine).items()}
    ev = reg.record(
        text,
        "us-sdgt",
        "LISTED",
        effective="2021-01-01",
        instrument=text,
        note=text,
        sources=[{"title": text}], create=True
    )
    history = reg.history(ev.subject_id)
    assert reg.subject(ev.subject_id).name == text
    assert history.events[0].instrument == text
    assert history.events[0].note == text
    assert history.events[0].sources[0].title == text
    after = {t: len(rows) for t, rows in dump(reg.store.engine).items()}
    assert after["event"] == counts["event"] + 1
    assert after["status_period"] >= counts["status_period"]
