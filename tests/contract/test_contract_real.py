"""The real data set: one contract, two real backends: Neo4j and the embedded store answer alike.

Every answer is compared with the reference semantics in core/query.py computed over
the same Dataset, so Cypher and SPARQL agree with each other and with the model.
"""

from __future__ import annotations

from armsgraph.core import query
from armsgraph.core.dataset import Dataset
from armsgraph.core.kinds import COUNT_KEYS
from armsgraph.core.store import PathQuery, Store
from tests.support.stores import assert_round_trip


def test_counts_equal_the_dataset(real_store: Store, real_dataset: Dataset) -> None:
    counts = real_store.counts()
    assert set(counts) == set(COUNT_KEYS)
    assert counts == real_dataset.counts()
    assert counts["claims"] > 0 and counts["shipments"] > 0 and counts["breaches"] > 0


def test_reload_changes_nothing(real_store: Store, real_dataset: Dataset) -> None:
    report = real_store.load(real_dataset)
    assert not report.changed
    assert real_store.counts() == real_dataset.counts()


def test_dprk_to_russia_paths(real_store: Store, real_dataset: Dataset) -> None:
    q = PathQuery("PRK", "RUS")
    found = real_store.find_paths(q)
    assert found == query.find_paths(real_dataset, q)
    assert found, "the MSMT data set has DPRK-to-Russia transfers"
    back = PathQuery("RUS", "PRK")
    assert real_store.find_paths(back) == query.find_paths(real_dataset, back)


def test_hydration_round_trips(real_store: Store, real_dataset: Dataset) -> None:
    assert_round_trip(real_store, real_dataset)


def test_unknown_ids_are_left_out(real_store: Store) -> None:
    assert real_store.get_events(["shp-nope"]) == []
    assert real_store.get_claims(["clm-nope"]) == []
