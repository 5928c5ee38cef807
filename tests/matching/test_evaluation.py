"""The quality floor: precision and recall on the evaluation set at the default threshold."""

from __future__ import annotations

from tests.matching.evaluation import evaluate, queries

FLOOR = 0.95


def test_evaluation_set_is_large_and_mixed() -> None:
    """The evaluation has at least 200 queries, some of which must not match."""
    items = queries()
    expected = (True, True)

    actual = (len(items) >= 200, sum(1 for q in items if not q.expected) >= 30)

    assert expected == actual


def test_precision_and_recall_meet_the_floor() -> None:
    """At the default threshold both precision and recall are at least 0.95."""
    quality = evaluate()
    expected = (True, True)

    actual = (quality.precision >= FLOOR, quality.recall >= FLOOR)

    assert expected == actual, (
        f"precision {quality.precision:.3f}, recall {quality.recall:.3f}; "
        f"misses {[o.query.name for o in quality.misses()]}; "
        f"false hits {[o.query.name for o in quality.false_positives()]}"
    )
