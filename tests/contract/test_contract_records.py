"""A claim whose evidence is a register row round-trips through both stores, exactly."""

from __future__ import annotations

from pathlib import Path

import pytest

from armsgraph.core.model import QuoteKind
from tests.support.rich import record_claim, rich_dataset
from tests.support.stores import BACKENDS, assert_round_trip, backend_params, loaded_store


@pytest.mark.parametrize("kind", backend_params(BACKENDS))
def test_a_register_record_reads_back_exactly(kind: str, tmp_path: Path) -> None:
    dataset = rich_dataset()
    claim = record_claim()
    with loaded_store(kind, dataset, tmp_path) as store:
        assert_round_trip(store, dataset)
        [stored] = store.get_claims([claim.id])
    assert stored.quote_kind is QuoteKind.RECORD and stored.record == claim.record
    assert stored.record is not None and stored.record.uncertain
    assert [c.header for c in stored.record.cells].count(" ") == 2  # blank headers kept
    event = stored.shipment
    assert event is not None and event.items[0].quantity is not None
    assert event.items[0].quantity.uncertain
