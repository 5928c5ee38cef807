"""Shared by test_evaluation.py and benchmarks/bench_matching_quality.py: the quality measure."""

from __future__ import annotations

import csv
import pathlib
import tomllib
from collections.abc import Sequence

import attrs

from designations.matching import DEFAULT_THRESHOLD, Match, NameIndex, match_name

HERE = pathlib.Path(__file__).parent
SUBJECTS = HERE / "eval_subjects.toml"
QUERIES = HERE / "eval_set.csv"


@attrs.frozen
class Query:
    """One evaluation query: a name and the subject it should find (or "" for none)."""

    name: str
    expected: str
    category: str


@attrs.frozen
class Outcome:
    """How one query fared: the subjects hit at the threshold."""

    query: Query
    hits: tuple[Match, ...]

    @property
    def found(self) -> bool:
        return any(m.subject_id == self.query.expected for m in self.hits)

    @property
    def false_hits(self) -> tuple[Match, ...]:
        return tuple(m for m in self.hits if m.subject_id != self.query.expected)


@attrs.frozen
class Quality:
    """Precision over every hit and recall over every query that expects a subject."""

    outcomes: tuple[Outcome, ...]
    threshold: float

    @property
    def precision(self) -> float:
        hits = sum(len(o.hits) for o in self.outcomes)
        good = sum(1 for o in self.outcomes if o.found)
        return good / hits if hits else 1.0

    @property
    def recall(self) -> float:
        expected = [o for o in self.outcomes if o.query.expected]
        return sum(1 for o in expected if o.found) / len(expected)

    def misses(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.query.expected and not o.found]

    def false_positives(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.false_hits]


def reference_rows() -> list[tuple[str, str, str, bool]]:
    """The fixed reference names as registry name rows."""
    data = tomllib.loads(SUBJECTS.read_text(encoding="utf-8"))
    return [
        (s["id"], s["kind"], name, i == 0)
        for s in data["subject"]
        for i, name in enumerate(s["names"])
    ]


def queries() -> list[Query]:
    """The evaluation queries."""
    with QUERIES.open(encoding="utf-8-sig", newline="") as fh:
        return [Query(r["query"], r["expected"], r["category"]) for r in csv.DictReader(fh)]


def evaluate(
    index: NameIndex | None = None,
    items: Sequence[Query] | None = None,
    threshold: float = DEFAULT_THRESHOLD,
) -> Quality:
    """Run every query against the reference index at the threshold."""
    index = index or NameIndex.build(reference_rows())
    outcomes = tuple(
        Outcome(q, match_name(index, q.name, threshold=threshold))
        for q in (items if items is not None else queries())
    )
    return Quality(outcomes, threshold)
