"""The embedded store's ledger records a change the same way whether it holds rows or not.

A first load into an empty ledger takes a plain sorted INSERT (``Ledger._record``); a ledger
that holds rows takes the UPDATE and the INSERT that keeps an entity's open version. The two
must leave the same rows for the same change, duplicates and order included.
"""

from __future__ import annotations

import datetime as dt

from armsgraph.core.change import VersionQuery
from armsgraph.core.versions import Closing, Version
from armsgraph.ontology.rdf_ledger import Ledger

AT = dt.datetime(2026, 12, 2, 18, 0, tzinfo=dt.UTC)


def _opened() -> list[Version]:
    """Versions out of entity order, one entity twice (the first is kept)."""
    opened = [
        Version(entity=f"claim-{n:03d}", kind="claim", first_seen=AT, source="s", identity=f"i{n}")
        for n in (7, 3, 9, 1)
    ]
    twice = Version(entity="claim-003", kind="claim", first_seen=AT, source="other")
    event = Version(entity="event-001", kind="event", first_seen=AT)
    return [*opened, twice, event]


def _rows(ledger: Ledger, entities: list[str]) -> list[Version]:
    return ledger.versions(VersionQuery(entities=entities))


def test_a_first_load_records_what_a_held_ledger_records() -> None:
    entities = sorted({v.entity for v in _opened()})
    empty = Ledger(None)
    empty.finish(AT, [], _opened(), [])

    held = Ledger(None)
    earlier = AT - dt.timedelta(days=1)
    held.finish(earlier, [], [Version(entity="breach-000", kind="breach", first_seen=earlier)], [])
    held.finish(AT, [], _opened(), [])

    recorded = _rows(empty, entities)
    assert recorded == _rows(held, entities)
    assert [v.entity for v in recorded] == entities
    assert next(v for v in recorded if v.entity == "claim-003").source == "s"


def test_a_closing_change_on_a_held_ledger_closes_and_opens() -> None:
    ledger = Ledger(None)
    ledger.finish(AT, [], _opened(), [])
    later = AT + dt.timedelta(hours=1)
    close = [Closing(entity="claim-009", last_seen=AT, superseded_by="claim-010")]
    ledger.finish(later, close, [Version(entity="claim-010", kind="claim", first_seen=later)], [])

    (old,) = _rows(ledger, ["claim-009"])
    (new,) = _rows(ledger, ["claim-010"])
    assert (old.retracted_at, old.superseded_by) == (later, "claim-010")
    assert (new.first_seen, new.retracted_at) == (later, None)
