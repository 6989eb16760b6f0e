"""Synthetic multi-hop data: filters, hops and ordering agree with core/query.py."""

from __future__ import annotations

import datetime as dt

import pytest

from armsgraph.core import query
from armsgraph.core.dataset import Dataset
from armsgraph.core.model import BreachBasis, Category, EventKind
from armsgraph.core.store import BreachFilter, EventFilter, NetworkQuery, PathQuery, Store
from tests.support.datasets import multi_hop_dataset
from tests.support.stores import stores_holding

# Both stores against the reference (core/query.py) over the multi-hop network.
PATHS = [
    PathQuery("PRK", "RUS"),
    PathQuery("RUS", "PRK"),
    PathQuery("PRK", "CHN", max_hops=1),
    PathQuery("PRK", "CHN", max_hops=3),
    PathQuery("PRK", "PRK", max_hops=4),
    PathQuery("PRK", "CHN", max_hops=4, since=dt.date(2024, 1, 1)),
    PathQuery("PRK", "CHN", max_hops=4, until=dt.date(2023, 6, 30)),
    PathQuery("PRK", "CHN", max_hops=4, since=dt.date(2022, 1, 1), until=dt.date(2022, 12, 31)),
    PathQuery("PRK", "RUS", category=Category.MISSILES),
    PathQuery("PRK", "CHN", max_hops=4, category=Category.AMMUNITION),
    PathQuery("UKR", "RUS", max_hops=4),
    PathQuery("RUS", "PRK", max_hops=3, limit=2),
    PathQuery("PRK", "RUS", max_hops=5, limit=1),
    PathQuery("PRK", "PRK", max_hops=3),
    PathQuery("PRK", "CHN", max_hops=3, since=dt.date(2024, 1, 1)),
    PathQuery("PRK", "CHN", max_hops=3, until=dt.date(2023, 6, 30)),
    PathQuery("RUS", "PRK", max_hops=2, limit=1),
]
EVENTS = [
    EventFilter(),
    EventFilter(supplier="PRK"),
    EventFilter(recipient="PRK"),
    EventFilter(supplier="PRK", recipient="RUS", kind=EventKind.SHIPMENT),
    EventFilter(kind=EventKind.DEPLOYMENT),
    EventFilter(kind=EventKind.ASSISTANCE, since=dt.date(2024, 6, 1)),
    EventFilter(category=Category.AMMUNITION),
    EventFilter(category=Category.MISSILES, until=dt.date(2023, 12, 31)),
    EventFilter(category=Category.REFINED_PETROLEUM, recipient="PRK"),
    EventFilter(since=dt.date(2024, 3, 31), until=dt.date(2024, 3, 31)),
    EventFilter(limit=3),
    EventFilter(recipient="PRK", kind=EventKind.ASSISTANCE),
    EventFilter(category=Category.SALW),
    EventFilter(since=dt.date(2024, 2, 1), until=dt.date(2024, 2, 28)),
    EventFilter(limit=2),
]


synthetic = stores_holding(multi_hop_dataset)


@pytest.mark.parametrize("q", PATHS, ids=str)
def test_paths_match_reference(synthetic: tuple[Store, Dataset], q: PathQuery) -> None:
    store, dataset = synthetic
    assert store.find_paths(q) == query.find_paths(dataset, q)


@pytest.mark.parametrize("f", EVENTS, ids=str)
def test_events_match_reference(synthetic: tuple[Store, Dataset], f: EventFilter) -> None:
    store, dataset = synthetic
    assert store.find_events(f) == query.find_events(dataset, f)


@pytest.mark.parametrize(
    "f",
    [
        BreachFilter(),
        BreachFilter(resolution="unscr-1718"),
        BreachFilter(provision="unscr-2397-op8"),
        BreachFilter(state="RUS"),
        BreachFilter(basis=BreachBasis.ASSERTED),
    ],
    ids=str,
)
def test_breaches_match_reference(synthetic: tuple[Store, Dataset], f: BreachFilter) -> None:
    store, dataset = synthetic
    assert store.find_breaches(f) == query.find_breaches(dataset, f)
    for event in dataset.events:
        by_event = BreachFilter(event=event)
        assert store.find_breaches(by_event) == query.find_breaches(dataset, by_event)


@pytest.mark.parametrize(
    "q",
    [
        NetworkQuery(),
        NetworkQuery(kind=EventKind.ASSISTANCE),
        NetworkQuery(category=Category.AMMUNITION),
        NetworkQuery(since=dt.date(2024, 2, 1), until=dt.date(2024, 2, 28)),
        NetworkQuery(limit=2),
    ],
    ids=str,
)
def test_network_matches_reference(synthetic: tuple[Store, Dataset], q: NetworkQuery) -> None:
    store, dataset = synthetic
    assert store.network(q) == query.network(dataset, q)
