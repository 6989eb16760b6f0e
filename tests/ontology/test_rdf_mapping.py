"""The mapping table of flat fields: complete, in step with the model, strict on read."""

from __future__ import annotations

import types
import typing

import pytest
from pyoxigraph import Quad

from armsgraph.core.dataset import Dataset
from armsgraph.core.errors import StoreError
from armsgraph.core.model import (
    Actor,
    AssistanceStatement,
    Breach,
    Claim,
    DeploymentStatement,
    ItemLine,
    Model,
    Period,
    Provision,
    ProvisionScope,
    Quantity,
    RegisterRecord,
    ShipmentStatement,
    Source,
    TransferEvent,
)
from armsgraph.ontology.rdf_mapping import CELLS, FIELDS, FLAG, JSON, Field
from armsgraph.ontology.rdf_store import RdfStore
from armsgraph.ontology.terms import AGT, RDFS_LABEL

# Fields that are not flat (structured values, agents, the type, the id), written by code in
# rdf_build and rdf_hydrate. Every other model field needs a row.
BY_CODE: dict[type[Model], set[str]] = {
    Actor: {"kind"},  # the class it is an instance of
    Provision: {"id", "scope"},
    ProvisionScope: {"in_force", "exceptions", "cap"},
    Source: {"id", "publisher"},
    Claim: {"asserted_by", "shipment", "deployment", "assistance", "breach", "record"},
    RegisterRecord: {"ordered", "delivered", "deliveries"},
    ShipmentStatement: {"items", "period"},
    DeploymentStatement: {"quantity", "period"},
    AssistanceStatement: {"period"},
    ItemLine: {"quantity", "category"},  # category: resolved into the weapon, never stored
    TransferEvent: {"id", "kind", "statement"},
    Breach: {"id", "rule"},
}
WITH_ID = {cls for cls in FIELDS if "id" in cls.model_fields}
ROWS = [(cls, f) for cls, fields in FIELDS.items() for f in fields]


def _by_code(cls: type[Model]) -> set[str]:
    return BY_CODE.get(cls, set()) | ({"id"} if cls in WITH_ID else set())


@pytest.mark.parametrize("cls", list(FIELDS), ids=lambda c: c.__name__)
def test_every_field_has_a_row_or_is_written_by_code(cls: type[Model]) -> None:
    rows = [f.name for f in FIELDS[cls]]
    assert len(rows) == len(set(rows)), "a field has two rows"
    assert set(rows) | _by_code(cls) == set(cls.model_fields)
    assert not set(rows) & _by_code(cls)


def test_every_class_with_fields_is_in_the_table() -> None:
    nested = {Period, Quantity, ItemLine}
    assert nested <= set(FIELDS)


def _allows_none(annotation: object) -> bool:
    origin = typing.get_origin(annotation)
    return origin in (typing.Union, types.UnionType) and type(None) in typing.get_args(annotation)


def _is_collection(annotation: object) -> bool:
    return typing.get_origin(annotation) in (list, dict)


@pytest.mark.parametrize(("cls", "row"), ROWS, ids=[f"{c.__name__}.{f.name}" for c, f in ROWS])
def test_a_row_agrees_with_the_model(cls: type[Model], row: Field) -> None:
    info = cls.model_fields[row.name]
    if row.kind is JSON:  # an object: written only when not empty
        assert not row.required and not row.many
        return
    if row.kind is FLAG:  # a bool with default False: written only when set
        assert info.annotation is bool and info.default is False
        assert not row.required and not row.many
        return
    if row.kind is CELLS:  # a record's cells: one JSON literal for the whole list
        assert row.required and not row.many and _is_collection(info.annotation)
        return
    assert row.many == _is_collection(info.annotation)
    if row.many:
        lengths = [getattr(m, "min_length", None) for m in info.metadata]
        min_length = max((n for n in lengths if n is not None), default=0)
        assert row.required == (min_length > 0)
    else:
        assert row.required == (not _allows_none(info.annotation))


def test_a_missing_required_value_is_an_error_naming_the_field(rich: Dataset) -> None:
    store = RdfStore(None)
    store.load(rich)
    prk = store.iris.entity("PRK")
    for quad in list(store.db.quads_for_pattern(prk, RDFS_LABEL, None, None)):
        store.db.remove(quad)
    with pytest.raises(StoreError, match=r"has no .*label \(Actor\.name\)"):
        store.get_states(["PRK"])
    assert store.get_states(["RUS"])[0].iso2 == "RU"  # the others read as before
    store.close()


def test_two_values_for_a_single_field_are_an_error(rich: Dataset) -> None:
    store = RdfStore(None)
    store.load(rich)
    prk = store.iris.entity("PRK")
    (quad,) = store.db.quads_for_pattern(prk, AGT.capital, None, None)
    store.db.add(Quad(prk, AGT.capital, type(quad.object)("Pjöngjang"), quad.graph_name))
    with pytest.raises(StoreError, match="2 values"):
        store.get_states(["PRK"])
    store.close()
