"""The page's pair graph (Store.network): both backends count what core/query.py counts."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from armsgraph.core import query
from armsgraph.core.dataset import Dataset
from armsgraph.core.model import Category, EventKind
from armsgraph.core.store import BreachFilter, NetworkQuery, Store
from armsgraph.ontology.rdf_store import PATH_INDEX_FILE, RdfStore

QUERIES = [
    NetworkQuery(),
    NetworkQuery(kind=EventKind.SHIPMENT),
    NetworkQuery(kind=EventKind.DEPLOYMENT),
    NetworkQuery(category=Category.MISSILES),
    NetworkQuery(since=dt.date(2024, 1, 1)),
    NetworkQuery(until=dt.date(2023, 6, 30)),
    NetworkQuery(limit=1),
]


@pytest.mark.parametrize("q", QUERIES, ids=str)
def test_real_network_matches_reference(
    real_store: Store, real_dataset: Dataset, q: NetworkQuery
) -> None:
    assert real_store.network(q) == query.network(real_dataset, q)


def test_dprk_to_russia_is_one_edge_with_breaches(real_store: Store) -> None:
    store = real_store
    network = store.network(NetworkQuery())
    [edge] = [f for f in network.flows if (f.supplier, f.recipient) == ("PRK", "RUS")]
    assert edge.events == edge.shipments + edge.deployments + edge.assistance > 10
    assert 0 < edge.inferred <= edge.events and edge.asserted > 0
    assert network.total_pairs == len(network.flows) >= 2
    capped = store.network(NetworkQuery(limit=1))
    assert capped.flows == network.flows[:1] and capped.total_pairs == network.total_pairs


def test_embedded_index_of_an_older_version_is_rebuilt(
    real_dataset: Dataset, tmp_path: Path
) -> None:
    store = RdfStore(tmp_path / "old")
    store.load(real_dataset)
    expected = store.network(NetworkQuery())
    store.close()
    index = sqlite3.connect(tmp_path / "old" / PATH_INDEX_FILE)
    with index:
        index.execute("DELETE FROM breach")
        index.execute("DELETE FROM meta WHERE key = 'version'")
    index.close()
    reopened = RdfStore(tmp_path / "old")
    try:
        assert reopened.network(NetworkQuery()) == expected
    finally:
        reopened.close()


def test_breaches_by_event_match_one_query_per_event(
    real_store: Store, real_dataset: Dataset
) -> None:
    events = sorted(real_dataset.events)
    expected = {e: query.find_breaches(real_dataset, BreachFilter(event=e)) for e in events}
    assert real_store.breaches_by_event(events) == expected
    assert any(expected.values()) and real_store.breaches_by_event([]) == {}
