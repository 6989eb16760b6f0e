"""Shared fixtures: the synthetic test corpus, the real bundled data set."""

from __future__ import annotations

import pytest

from armsgraph.core.dataset import Dataset
from armsgraph.loaders.ingest import BUNDLED_DATA, read_dataset
from tests.support.datasets import FIXTURES, load_fixture


@pytest.fixture(scope="session")
def fixture_dataset() -> Dataset:
    return load_fixture(FIXTURES / "good")


@pytest.fixture(scope="session")
def real_dataset() -> Dataset:
    """The real MSMT data set shipped under data/."""
    return read_dataset([BUNDLED_DATA])[0]
