"""
Bad inputs: every malformed input raises its specific error and writes nothing.

The cases are files in `tests/fixtures/bad_corpus/` (API calls: writes, questions
and imports) and `tests/fixtures/bad/` (malformed list files for the importers).
For each, a dump of every table before and after the call must be identical.

The store is built once per module and shared by the cases (they write nothing);
a case that changed it (a defect) gets the store rebuilt for the next one.
A case marked `"defect": true` is a known library defect (see
`tests/fixtures/bad_corpus/DEFECTS.md`): it runs as a strict xfail.
"""

from __future__ import annotations

import base64
import json
import pathlib
import re
from collections.abc import Iterator
from typing import Any

import pendulum
import pytest

import designations
from designations import errors
from designations.model import Event, Source, Subject
from designations.store import WriteBatch

from ..conftest import Clock, Copies, open_copy
from .conftest import add_lists, dump

FIXTURES = pathlib.Path(__file__).parents[1] / "fixtures"
CORPUS_DIR = FIXTURES / "bad_corpus"
CORPUS = sorted(CORPUS_DIR.glob("*.json"))
BAD_FILES = (
    sorted(p for p in (FIXTURES / "bad").glob("*") if p.name != "README.md")
    if (FIXTURES / "bad").is_dir()
    else []
)
SOURCE = [{"title": "Register", "url": "https://example.org/register"}]


# -- the shared store -----------------------------------------------------------------------------


class SharedStore:
    """One small store for many cases, on a copy of the empty template; rebuilt after a case changed it."""

    def __init__(self, copies: Copies) -> None:
        self.copies = copies
        self.url = ""
        self.reg: designations.Registry | None = None
        self.ids: dict[str, int] = {}
        self.before: dict[str, list[tuple[Any, ...]]] = {}

    def _build(self) -> None:
        self.close()
        self.url = self.copies()
        reg = open_copy(self.url, Clock(start=pendulum.datetime(2026, 1, 2, tz="UTC")))
        add_lists(reg, "us-fto", "us-sdgt")
        base = reg.record("Base Org", "us-fto", "LISTED", effective="2020-05-01", sources=SOURCE, create=True)
        removed = reg.record("base-org", "us-fto", "REMOVED", effective="2022-01-01", sources=SOURCE, create=True)
        gone = reg.record("base-org", "us-sdgt", "LISTED", effective="2020-01-01", sources=SOURCE, create=True)
        reg.retract(gone.id, reason="wrong list")  # type: ignore[arg-type]
        old = reg.record("Other Org", "us-sdgt", "LISTED", effective="2019-03-01", sources=SOURCE, create=True)
        newer = reg.correct(old.id, effective="2019-04-01")  # type: ignore[arg-type]
        self.reg = reg
        self.ids = {
            "base": base.id, "removed": removed.id, "retracted": gone.id,  # type: ignore[dict-item]
            "corrected": old.id, "correction": newer.id,  # type: ignore[dict-item]
        }
        self.before = dump(reg.store.engine)

    def get(self) -> tuple[designations.Registry, dict[str, int]]:
        """The store, rebuilt if the last case changed it."""
        if self.reg is None or dump(self.reg.store.engine) != self.before:
            self._build()
        assert self.reg is not None
        return self.reg, self.ids

    def close(self) -> None:
        if self.reg is not None:
            self.reg.close()
            self.reg = None
            self.copies.drop(self.url)


@pytest.fixture(scope="module")
def shared_store(
    _empty_template: str, _admin_url: str | None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SharedStore]:
    """The module's shared store."""
    shared = SharedStore(Copies(_empty_template, _admin_url, tmp_path_factory.mktemp("bad-inputs"), "shared"))
    try:
        yield shared
    finally:
        shared.close()


@pytest.fixture
def store(shared_store: SharedStore) -> tuple[designations.Registry, dict[str, int]]:
    """base-org listed 2020-05-01 and removed 2022-01-01 on us-fto; one retracted and one corrected event."""
    return shared_store.get()


# -- building values and files ----------------------------------------------------------------------


def value(v: Any) -> Any:
    """A case's value: `{"repeat": S, "times": N}` is a long string; lists and mappings recurse."""
    if isinstance(v, dict):
        if "repeat" in v and "times" in v:
            return v["repeat"] * v["times"]
        if "source" in v and len(v) == 1:  # a Source object
            return Source(**v["source"])
        return {k: value(x) for k, x in v.items()}
    if isinstance(v, list):
        return [value(x) for x in v]
    return v


def _decode(data: bytes) -> tuple[str, str]:
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _apply(data: bytes, op: list[Any]) -> bytes:
    name, *args = op
    if name == "truncate":  # keep the first N bytes (or a fraction)
        n = args[0]
        return data[: int(len(data) * n) if isinstance(n, float) else n]
    if name == "replace":  # a regex on the text, `count` times (0: all)
        text, enc = _decode(data)
        count = args[2] if len(args) > 2 else 0
        new, k = re.subn(args[0], args[1], text, count=count, flags=re.DOTALL)
        assert k, f"{args[0]!r} does not occur"
        return new.encode(enc)
    if name == "encode":
        return _decode(data)[0].encode(args[0], errors="replace")
    if name == "prepend":
        return str(args[0]).encode("utf-8") + data
    if name == "append":
        return data + str(args[0]).encode("utf-8")
    if name == "bytes":  # raw bytes at an offset (hex), replacing what is there
        raw = bytes.fromhex(args[1])
        at = args[0] if args[0] >= 0 else len(data) + args[0]
        return data[:at] + raw + data[at + len(raw):]
    if name == "line_dup":  # repeat line N (0-based)
        lines = data.split(b"\n")
        return b"\n".join([*lines[: args[0] + 1], lines[args[0]], *lines[args[0] + 1:]])
    if name == "line_drop":
        lines = data.split(b"\n")
        return b"\n".join(lines[: args[0]] + lines[args[0] + 1:])
    msg = f"unknown op {name!r}"
    raise AssertionError(msg)


def build_file(spec: dict[str, Any], tmp: pathlib.Path) -> pathlib.Path:  # noqa: C901, PLR0912 - one branch per kind
    """The bad file a case describes, written under `tmp`."""
    kind = spec.get("kind", "file")
    name = spec.get("name") or (pathlib.Path(spec["base"]).name if "base" in spec else "input.txt")
    target = tmp / name
    if kind == "existing":
        return FIXTURES / str(spec["path"])
    if kind == "missing":
        return tmp / "no-such-dir" / name
    if kind == "directory":
        target.mkdir()
        if spec.get("with_files"):
            (target / "sdn.csv").write_text("")
        return target
    if kind == "deep":  # elements nested `depth` deep inside the root's opening
        depth = spec["depth"]
        head = spec.get("head", "")
        body = "<a>" * depth + "x" + "</a>" * depth
        data = f'<?xml version="1.0"?>{head}<{spec["root"]}>{body}</{spec["root"].split()[0]}>'.encode()
    elif kind == "huge_attr":
        data = (f'<?xml version="1.0"?><{spec["root"]} {spec.get("attr", "x")}="'
                + "A" * spec["size"] + f'"></{spec["root"]}>').encode()
    elif "text" in spec:
        data = spec["text"].encode(spec.get("encoding", "utf-8"))
    elif "hex" in spec:
        data = bytes.fromhex(spec["hex"])
    elif "b64" in spec:
        data = base64.b64decode(spec["b64"])
    elif "random" in spec:  # deterministic binary garbage
        import random  # noqa: PLC0415

        rng = random.Random(spec["random"])  # noqa: S311 - reproducible garbage, not a secret
        data = rng.randbytes(spec.get("size", 4096))
    else:
        data = (FIXTURES / spec["base"]).read_bytes()
    for op in spec.get("ops", ()):
        data = _apply(data, op)
    if "dir" in spec:  # an OFAC CSV set is a directory of files
        target = tmp / str(spec["dir"])
        target.mkdir(exist_ok=True)
        for other in (FIXTURES / spec["dir_base"]).iterdir():
            (target / other.name).write_bytes(other.read_bytes())
        (target / name).write_bytes(data)
        for gone in spec.get("remove", ()):
            (target / gone).unlink()
        return target
    target.write_bytes(data)
    return target


# -- calling ----------------------------------------------------------------------------------------

QUESTIONS = ("status", "was_listed", "who_lists", "history", "snapshot", "changes", "changed_subject_ids",
             "subject")


def _legacy(reg: designations.Registry, ids: dict[str, int], case: dict[str, Any]) -> None:
    call = case["call"]
    event_id: Any = ids[case["event"]] if "event" in case else case.get("event_id")
    if call == "record":
        kwargs = {k: case[k] for k in ("published",) if k in case}
        reg.record(
            value(case["subject"]),
            case.get("list", "us-fto"),
            case["kind"],
            effective=case["effective"],
            sources=case.get("sources", SOURCE),
            **kwargs, create=True
        )
    elif call == "add_subject":
        reg.add_subject(value(case["subject"]), aliases=case.get("aliases", ()))
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
        reg.write(WriteBatch(kind="import", subjects=subjects, events=tuple(events)))
    else:
        pytest.fail(f"unknown call {call!r}")


def call_case(reg: designations.Registry, ids: dict[str, int], case: dict[str, Any], tmp: pathlib.Path) -> Any:
    """Make the call a case describes."""
    if "args" not in case and "kwargs" not in case and case["call"] != "import":
        return _legacy(reg, ids, case)
    call = case["call"]
    args = value(case.get("args", []))
    kwargs = value(case.get("kwargs", {}))
    if "event" in case:
        args = [ids[case["event"]], *args]
    if call == "record":
        kwargs.setdefault("sources", SOURCE)
        kwargs.setdefault("create", True)
        return reg.record(*args, **kwargs)
    if call == "import":
        return reg.import_file(build_file(case["file"], tmp), **kwargs)
    if call in {"add_subject", "retract", "correct", *QUESTIONS}:
        return getattr(reg, call)(*args, **kwargs)
    pytest.fail(f"unknown call {call!r}")
    return None


def load_case(path: pathlib.Path) -> Any:
    """A pytest param for a case file: a strict xfail when it is flagged as a known defect."""
    case = json.loads(path.read_text())
    marks = []
    if case.get("defect"):
        marks.append(pytest.mark.xfail(strict=True, reason=case.get("why", "known defect: see DEFECTS.md")))
    return pytest.param(case, id=path.stem, marks=marks)


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
    assert len(CORPUS) >= 250
    cli = list((CORPUS_DIR / "cli").glob("*.json"))
    assert len(CORPUS) + len(cli) + len(BAD_FILES) >= 300


@pytest.mark.parametrize("case", [load_case(p) for p in CORPUS])
def test_bad_input_raises_its_error_and_writes_nothing(
    store: tuple[designations.Registry, dict[str, int]], case: dict[str, Any], tmp_path: pathlib.Path
) -> None:
    """The call raises exactly the expected error class; every table is unchanged."""
    reg, ids = store
    expected = getattr(errors, case["expect"])
    before = dump(reg.store.engine)
    try:
        with pytest.raises(errors.DesignationsError) as info:
            call_case(reg, ids, case, tmp_path)
        assert type(info.value) is expected, f"{type(info.value).__name__}: {info.value}"
    finally:
        after = dump(reg.store.engine)
    assert after == before


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
def test_sql_looking_strings_are_stored_verbatim(shared_store: SharedStore, text: str) -> None:
    """SQL-looking names, notes and instruments are data: stored and read back unchanged, harmless."""
    reg, _ = shared_store.get()
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
