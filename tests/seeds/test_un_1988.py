"""Spec: the UN 1988 (Taliban) list seed (facts.md rows 17-19)."""

from tests.seeds.assertions import history, shipped

LIST = "un-1988"


def test_haqqani_network_listed() -> None:
    """TAe.012 HAQQANI NETWORK was listed on 2012-11-05."""
    assert [("LISTED", "2012-11-05")] == history(LIST, "haqqani-network")


def test_mohammed_omar_keeps_original_date() -> None:
    """TAi.004 keeps its 1267-era listing date, 2000-04-12."""
    assert ("LISTED", "2000-04-12") == history(LIST, "mohammed-omar")[0]


def test_taliban_movement_never_listed() -> None:
    """The Taliban movement itself is not a listed entity."""
    assert [] == history(LIST, "taliban")


def test_un_identifiers() -> None:
    """Seeded UN subjects carry their UN reference numbers."""
    ids = {s.id: {i.value for i in s.identifiers if i.scheme == "un"} for s in shipped().subjects}

    assert ({"TAe.012"}, {"TAi.004"}) == (ids["haqqani-network"], ids["mohammed-omar"])
