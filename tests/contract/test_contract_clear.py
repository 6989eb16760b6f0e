"""clear() empties a store."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.datasets import multi_hop_dataset
from tests.support.stores import BACKENDS, loaded_store


@pytest.mark.neo4j
def test_clear_empties(tmp_path: Path) -> None:
    dataset = multi_hop_dataset()
    for kind in BACKENDS:
        with loaded_store(kind, dataset, tmp_path / kind) as store:
            store.clear()
            assert set(store.counts().values()) == {0}
