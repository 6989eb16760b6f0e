"""The embedded store's path index: kept with the RDF, rebuilt from it when a load did not
finish or the store predates the index."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from armsgraph.core import query
from armsgraph.core.model import Category
from armsgraph.core.store import PathQuery
from armsgraph.ontology.rdf_store import PATH_INDEX_FILE, RdfStore
from tests.support.datasets import multi_hop_dataset

QUERIES = [
    PathQuery("PRK", "CHN", max_hops=3),
    PathQuery("PRK", "CHN", max_hops=3, since=dt.date(2024, 1, 1)),
    PathQuery("PRK", "CHN", max_hops=4, category=Category.AMMUNITION),
    PathQuery("PRK", "RUS", category=Category.MISSILES),
]


def _answers(store: RdfStore) -> list[list[list[str]]]:
    return [store.find_paths(q) for q in QUERIES]


def _expected() -> list[list[list[str]]]:
    dataset = multi_hop_dataset()
    return [query.find_paths(dataset, q) for q in QUERIES]


def test_the_index_lives_in_the_store_directory(tmp_path: Path) -> None:
    store = RdfStore(tmp_path / "store")
    store.load(multi_hop_dataset())
    store.close()
    assert (tmp_path / "store" / PATH_INDEX_FILE).is_file()
    reopened = RdfStore(tmp_path / "store")
    try:
        assert _answers(reopened) == _expected()
    finally:
        reopened.close()


def test_a_store_written_before_the_index_gets_one(tmp_path: Path) -> None:
    store = RdfStore(tmp_path / "store")
    store.load(multi_hop_dataset())
    store.close()
    (tmp_path / "store" / PATH_INDEX_FILE).unlink()
    reopened = RdfStore(tmp_path / "store")
    try:
        assert _answers(reopened) == _expected()
        assert any(_expected())  # the queries do find paths
    finally:
        reopened.close()


def test_an_interrupted_load_leaves_an_index_that_is_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = RdfStore(tmp_path / "store")

    def crash(*_: object) -> None:
        raise KeyboardInterrupt  # the process dies after the RDF, before the index rows

    monkeypatch.setattr(store._path_index, "add", crash)
    with pytest.raises(KeyboardInterrupt):
        store.load(multi_hop_dataset())
    store.close()
    reopened = RdfStore(tmp_path / "store")
    try:
        assert reopened.counts()["shipments"] > 0
        assert _answers(reopened) == _expected()
    finally:
        reopened.close()


def test_clear_empties_the_index(tmp_path: Path) -> None:
    store = RdfStore(tmp_path / "store")
    try:
        store.load(multi_hop_dataset())
        store.clear()
        assert _answers(store) == [[] for _ in QUERIES]
    finally:
        store.close()
