"""Fixtures of the RDF tests: synthetic and real data sets, loaded into RdfStores."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from armsgraph.core.dataset import Dataset
from armsgraph.ontology.rdf_store import RdfStore
from tests.support.datasets import multi_hop_dataset
from tests.support.rich import rich_dataset


@pytest.fixture(scope="session")
def rich() -> Dataset:
    return rich_dataset()


@pytest.fixture(scope="session")
def multi_hop() -> Dataset:
    return multi_hop_dataset()


def _loaded(dataset: Dataset, path: Path | None) -> Iterator[RdfStore]:
    store = RdfStore(path)
    store.load(dataset)
    try:
        yield store
    finally:
        store.close()


@pytest.fixture(scope="module")
def rich_store(rich: Dataset) -> Iterator[RdfStore]:
    yield from _loaded(rich, None)


@pytest.fixture(scope="module")
def multi_hop_store(multi_hop: Dataset) -> Iterator[RdfStore]:
    yield from _loaded(multi_hop, None)


@pytest.fixture(scope="module")
def real_store(
    real_dataset: Dataset, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RdfStore]:
    """The real data set in an on-disk store."""
    yield from _loaded(real_dataset, tmp_path_factory.mktemp("real") / "oxigraph")
