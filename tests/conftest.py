"""Shared fixtures: the synthetic test corpus, the real bundled data set, and that data set
loaded into each store backend once per test module (``real_store``; tests/ontology has
its own, embedded only)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from armsgraph.core.dataset import Dataset
from armsgraph.core.store import Store
from armsgraph.graph.neo4j_store import Neo4jStore
from armsgraph.loaders.ingest import BUNDLED_DATA, read_dataset
from tests.support.datasets import FIXTURES, load_fixture
from tests.support.stores import BACKENDS, backend_params, loaded_store

if TYPE_CHECKING:
    from playwright.sync_api import Page


@pytest.fixture(scope="session")
def fixture_dataset() -> Dataset:
    return load_fixture(FIXTURES / "good")


@pytest.fixture(scope="session")
def real_dataset() -> Dataset:
    """The real MSMT data set shipped under data/."""
    return read_dataset([BUNDLED_DATA])[0]


@pytest.fixture(scope="module", params=backend_params(BACKENDS))
def real_store(
    request: pytest.FixtureRequest, real_dataset: Dataset, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store]:
    with loaded_store(request.param, real_dataset, tmp_path_factory.mktemp("real")) as store:
        yield store


@pytest.fixture
def real_neo4j(real_dataset: Dataset, tmp_path: Path) -> Iterator[Neo4jStore]:
    """The Neo4j test server holding exactly the bundled data, for a test that writes."""
    with loaded_store("neo4j", real_dataset, tmp_path) as store:
        assert isinstance(store, Neo4jStore)
        yield store


@pytest.fixture(scope="module")
def browser_page() -> Iterator[Page]:
    """A page of Debian's Chromium through Playwright (imported only by the tests that ask)."""
    from tests.support.browser import chromium_page

    with chromium_page() as page:
        yield page
