"""The unfiltered network keeps the answer of the events themselves through every write.

Neo4j answers ``NetworkQuery()`` from its SUPPLIED_TO view (one relationship per pair) and
a filtered query by counting the events that pass; a filter every event passes
(``since=date.min``) therefore asks the events. Both must agree, and agree with the events
the store returns, after loads, ``load_many``, a reload, an edited figure, a retraction and
a removal, on both stores, so the view cannot drift from what it summarises.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from armsgraph.core.dataset import Dataset
from armsgraph.core.replace import remove_sources, write_version
from armsgraph.core.store import Network
from tests.support.datasets import multi_hop_dataset
from tests.support.stores import BACKENDS, assert_view_is_exact, backend_params, loaded_store
from tests.versions.versions_support import (
    empty_store,
    missiles,
    r1_claims,
    read,
    source,
    two_sources,
)
from tests.versions.versions_support import write_file as write_claims

pytestmark = pytest.mark.parametrize("kind", backend_params(BACKENDS))


def test_loads_reload_and_load_many_keep_the_view_exact(
    kind: str, real_dataset: Dataset, tmp_path: Path
) -> None:
    with loaded_store(kind, multi_hop_dataset(), tmp_path) as store:
        first = assert_view_is_exact(store)
        assert first.total_pairs >= 3
        store.load_many([real_dataset])  # more events on pairs the first load wrote
        both = assert_view_is_exact(store)
        assert both.total_pairs >= first.total_pairs
        assert sum(f.events for f in both.flows) > sum(f.events for f in first.flows)
        store.load(multi_hop_dataset())  # a reload changes nothing
        assert assert_view_is_exact(store) == both
        store.clear()
        assert assert_view_is_exact(store) == Network([], 0)
        store.load(real_dataset)
        assert_view_is_exact(store)


def test_versioned_changes_keep_the_view_exact(kind: str, tmp_path: Path) -> None:
    folder, claims = tmp_path / "claims", r1_claims()
    path, other = two_sources(folder)
    with empty_store(kind, tmp_path) as store:
        write_version(store, read(path, other))
        pairs = {(f.supplier, f.recipient): f.events for f in assert_view_is_exact(store).flows}
        assert pairs == {("PRK", "RUS"): 1, ("RUS", "PRK"): 2, ("CHN", "PRK"): 1}

        write_claims(folder, source("r1"), [missiles("PRK", 250, key="r1.missiles"), *claims[1:]])
        edited = write_version(store, read(path))  # an edited figure: the event is replaced
        assert edited.change.delete_events and ("PRK", "RUS") in edited.change.deleted_pairs
        pairs = {(f.supplier, f.recipient): f.events for f in assert_view_is_exact(store).flows}
        assert pairs == {("PRK", "RUS"): 1, ("RUS", "PRK"): 2, ("CHN", "PRK"): 1}

        write_claims(folder, source("r1"), [claims[0], claims[1]])
        write_version(store, read(path))  # a retraction: CHN->PRK loses its only event
        pairs = {(f.supplier, f.recipient): f.events for f in assert_view_is_exact(store).flows}
        assert pairs == {("PRK", "RUS"): 1, ("RUS", "PRK"): 2}

        remove_sources(store, ["r1"])  # RUS->PRK keeps r2's event, PRK->RUS has none
        pairs = {(f.supplier, f.recipient): f.events for f in assert_view_is_exact(store).flows}
        assert pairs == {("RUS", "PRK"): 1}
