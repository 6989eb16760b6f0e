"""The real bundled data set loaded into each store backend, once per test module."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from armsgraph.core.dataset import Dataset
from armsgraph.core.store import Store
from tests.support.stores import BACKENDS, backend_params, loaded_store


@pytest.fixture(scope="module", params=backend_params(BACKENDS))
def real_store(
    request: pytest.FixtureRequest, real_dataset: Dataset, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store]:
    with loaded_store(request.param, real_dataset, tmp_path_factory.mktemp("real")) as store:
        yield store
