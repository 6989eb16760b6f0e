"""The API over each real store, loaded with the bundled data set."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from armsgraph.api.app import create_app
from armsgraph.core.dataset import Dataset
from armsgraph.core.settings import Settings
from tests.support.datasets import API_KEY
from tests.support.stores import BACKENDS, backend_params, loaded_store


@pytest.fixture(scope="module", params=backend_params(BACKENDS))
def client(
    request: pytest.FixtureRequest, real_dataset: Dataset, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    settings = Settings(store=request.param, api_key=SecretStr(API_KEY), query_timeout_s=5)
    with (
        loaded_store(request.param, real_dataset, tmp_path_factory.mktemp("api")) as store,
        TestClient(create_app(settings, store=store)) as test_client,
    ):
        test_client.store_kind = request.param  # type: ignore[attr-defined]
        yield test_client
