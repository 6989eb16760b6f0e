"""Register claims share their equal parts (``loaders.registers.shared``): a row's cells,
quantities, deliveries and period are one model wherever they recur, and a value the model
refuses is still reported at its place in the claim.

The SIPRI rows are the hand-written test fixture's (tests/fixtures/registers: test
fixtures, not real records) and rows written here in its layout.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from armsgraph.core.errors import DataError
from armsgraph.core.model import Claim, Delivery, Quantity
from armsgraph.loaders.ingest import BUNDLED_DATA, ingest
from armsgraph.loaders.registers.importer import ImportOptions, import_register
from armsgraph.loaders.registers.shared import Shared
from armsgraph.loaders.registers.sipri import SipriFormat
from armsgraph.ontology.rdf_store import RdfStore
from tests.loaders.registers.test_sipri import _register

ROW = "Angola,Brazil,2016,,6,,Test-Heli A,helicopter,6,,{years},New,{comment},1.5,9,9"


def _claims(path: Path) -> list[Claim]:
    store = RdfStore(None)
    ingest([BUNDLED_DATA], store)
    result = import_register(SipriFormat(), path, store, ImportOptions(dry_run=True))
    assert result.load is not None
    return sorted(result.load.report.change.write.claims.values(), key=lambda c: c.locator or "")


def test_equal_parts_of_two_rows_are_one_model(tmp_path: Path) -> None:
    rows = [ROW.format(years="2017; 2018", comment="first"), ROW.format(years="2018", comment="")]
    first, second = _claims(_register(tmp_path / "two.csv", rows))
    assert first.record is not None and second.record is not None
    pairs = list(zip(first.record.cells, second.record.cells, strict=True))
    shared = [a.header for a, b in pairs if a is b]
    apart = [a.header for a, b in pairs if a is not b]
    assert apart == ["Year(s) of delivery", "Comments"]  # the cells that differ
    assert "Recipient" in shared and "SIPRI TIV per unit" in shared
    assert first.record.delivered is second.record.delivered  # 6 helicopters, both rows
    assert first.shipment is not None and first.shipment.items[0].quantity is not None
    assert first.shipment.items[0].quantity is first.record.delivered
    assert first.record.deliveries[1] is second.record.deliveries[0]  # 2018
    assert first.record.comments == "first" and second.record.comments is None


def test_a_value_the_model_refuses_is_reported_in_the_claim(tmp_path: Path) -> None:
    path = _register(tmp_path / "bad.csv", [ROW.format(years="0999", comment="")])
    with pytest.raises(DataError) as caught:
        _claims(path)
    [problem] = caught.value.problems
    assert (problem.line, problem.field) == (4, "record.deliveries.0.year")


def test_the_table_starts_again_when_full() -> None:
    shared = Shared(limit=2)
    one = shared.model(Delivery, year=2001, uncertain=False)
    assert shared.model(Delivery, year=2001, uncertain=False) is one
    shared.model(Delivery, year=2002, uncertain=False)
    assert len(shared) == 2
    shared.model(Delivery, year=2003, uncertain=False)  # full: cleared first
    assert len(shared) == 1
    again = shared.model(Delivery, year=2001, uncertain=False)
    assert again == one and again is not one
    # equal keys of other types are other fields: 1 and True are not one value
    assert shared.model(Quantity, value=1, unit="u") is not shared.model(
        Quantity, value=True, unit="u"
    )


def test_claims_share_fields_sets_and_dump_as_before(tmp_path: Path) -> None:
    rows = [ROW.format(years="2017", comment="a"), ROW.format(years="2019", comment="b")]
    first, second = _claims(_register(tmp_path / "sets.csv", rows))
    assert first.__pydantic_fields_set__ is second.__pydantic_fields_set__
    assert first.record is not None and second.record is not None
    assert first.record.__pydantic_fields_set__ is second.record.__pydantic_fields_set__
    fresh = Claim.model_validate(first.model_dump(exclude_unset=True))
    assert fresh == first
    assert fresh.model_dump_json(exclude_unset=True) == first.model_dump_json(exclude_unset=True)
    edited = first.model_copy(update={"note": "edited"})
    assert "note" in edited.model_fields_set and "note" not in second.model_fields_set
