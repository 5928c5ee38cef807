"""
Name matching: transliteration keys, a name index (kept on disk by `persist`), scores with reasons and explanations.

The package sees only `designations.names`, `designations.model` and
`designations.errors`; the registry feeds it name rows and wires the results
to statuses (see `designations.screening`).
"""

from designations.matching.explain import Explanation, PartMatch, explain
from designations.matching.index import IndexedName, NameIndex
from designations.matching.match import (
    ALGORITHM,
    DEFAULT_THRESHOLD,
    Match,
    match_name,
    matcher_version,
    screen_names,
)
from designations.matching.score import REASONS, Prepared, Reason, prepare, score_pair

__all__ = [
    "ALGORITHM",
    "DEFAULT_THRESHOLD",
    "REASONS",
    "Explanation",
    "IndexedName",
    "Match",
    "NameIndex",
    "PartMatch",
    "Prepared",
    "Reason",
    "explain",
    "match_name",
    "matcher_version",
    "prepare",
    "score_pair",
    "screen_names",
]
