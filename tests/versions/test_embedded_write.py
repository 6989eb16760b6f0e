"""The embedded store's versioned write: the ledger's rows and the agents a graph names.

The ledger records a change the same way whether it holds rows or not.
A first load into an empty ledger takes a plain sorted INSERT (``Ledger._record``); a ledger
that holds rows takes the UPDATE and the INSERT that keeps an entity's open version. The two
must leave the same rows for the same change, duplicates and order included.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pyoxigraph import Literal

from armsgraph.core.change import VersionQuery
from armsgraph.core.replace import write_version
from armsgraph.core.versions import Closing, Version
from armsgraph.ontology.rdf_ledger import Ledger
from armsgraph.ontology.rdf_store import RdfStore
from armsgraph.ontology.terms import RDFS_LABEL
from tests.versions.versions_support import empty_store, petroleum, read, source, write_file

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


def test_a_revision_drops_the_agents_its_graph_no_longer_names(tmp_path: Path) -> None:
    """A source's new version names another publisher and asserting body: the old ones'
    descriptions leave its graph; a first write of another source keeps its own."""
    first = write_file(tmp_path / "v1", source("agents", "Old Monitor"), [petroleum("CHN", 10)])
    claim = {**petroleum("CHN", 10), "asserted_by": "New Observer"}
    second = write_file(tmp_path / "v2", source("agents", "New Monitor"), [claim])
    other = write_file(tmp_path / "v2", source("others", "Old Monitor"), [petroleum("RUS", 5)])
    with empty_store("embedded", tmp_path) as store:
        write_version(store, read(first))
        write_version(store, read(second, other))
        assert isinstance(store, RdfStore)
        labels = {
            graph: {
                q.object.value
                for q in store.db.quads_for_pattern(
                    None, RDFS_LABEL, None, store.iris.source_graph(graph)
                )
                if isinstance(q.object, Literal)
            }
            for graph in ("agents", "others")
        }
    assert {"New Monitor", "New Observer"} <= labels["agents"]
    assert not {"Old Monitor", "Test Monitor"} & labels["agents"]
    assert {"Old Monitor", "Test Monitor"} <= labels["others"]
