"""RDF -> domain model: read a resource and its structured values back into pydantic models.

The inverse of ``rdf_build``: lists are read in order with their duplicates (from an
rdf:List, a value's position in its IRI, or sorted members: ``rdf_reader.Node``), numbers
and dates from their datatypes, so a hydrated object compares equal to the
one that was written. Reads go through ``Store.quads_for_pattern`` on one subject at a time.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pyoxigraph import NamedNode, Store

from armsgraph.core import model as m
from armsgraph.core.errors import StoreError
from armsgraph.ontology.iris import IriScheme
from armsgraph.ontology.rdf_mapping import read_fields
from armsgraph.ontology.rdf_reader import Node, iris_of, named
from armsgraph.ontology.terms import (
    ACTOR_CLASSES,
    AGT,
    DCT_PUBLISHER,
    PROV_WAS_ATTRIBUTED_TO,
    PROV_WAS_GENERATED_BY,
    RDF_TYPE,
    RDFS_LABEL,
)

M = TypeVar("M", bound=m.Model)

_STATEMENT_KEYS = {
    AGT.ShipmentStatement.value: "shipment",
    AGT.DeploymentStatement.value: "deployment",
    AGT.AssistanceStatement.value: "assistance",
    AGT.BreachStatement.value: "breach",
}
_EVENT_KINDS = {
    AGT.Shipment.value: m.EventKind.SHIPMENT,
    AGT.Deployment.value: m.EventKind.DEPLOYMENT,
    AGT.Assistance.value: m.EventKind.ASSISTANCE,
}


class Reader:
    """Reads resources of one store, by id, into domain models (None when absent). The
    labels of the agents and publishers that many claims and sources share are read once
    a reader (each read is a store lookup; one reader serves one ``get_*`` call)."""

    def __init__(self, store: Store, iris: IriScheme) -> None:
        self.store = store
        self.iris = iris
        self._labels: dict[str, str] = {}

    def _label(self, owner: Node, p: NamedNode) -> str | None:
        """The rdfs:label of the resource ``owner`` links to by ``p``."""
        target = owner.one(p)
        if target is None:
            return None
        iri = named(target)
        if iri.value not in self._labels:
            self._labels[iri.value] = Node(self.store, self.iris, iri).need(RDFS_LABEL)
        return self._labels[iri.value]

    def node(self, ident: str, cls: NamedNode) -> Node | None:
        node = Node(self.store, self.iris, self.iris.entity(ident))
        return node if node.is_a(cls) else None

    # --- reference data ------------------------------------------------------------------
    # Flat fields come from the mapping table (``rdf_mapping.read_fields``); the code here
    # reads the structured values.

    def state(self, ident: str) -> m.Actor | None:
        n = Node(self.store, self.iris, self.iris.entity(ident))
        types = set(iris_of(n.all(RDF_TYPE)))
        kinds = [kind for kind, cls in ACTOR_CLASSES.items() if cls.value in types]
        if len(kinds) != 1:
            return None
        return m.Actor.model_validate({**self._entity(ident, n, m.Actor), "kind": kinds[0]})

    def weapon_system(self, ident: str) -> m.WeaponSystem | None:
        return self._flat(ident, AGT.WeaponSystem, m.WeaponSystem)

    def resolution(self, ident: str) -> m.Resolution | None:
        return self._flat(ident, AGT.Resolution, m.Resolution)

    def _flat(self, ident: str, rdf_class: NamedNode, cls: type[M]) -> M | None:
        """A resource that has flat fields only."""
        n = self.node(ident, rdf_class)
        return None if n is None else cls.model_validate(self._entity(ident, n, cls))

    def provision(self, ident: str) -> m.Provision | None:
        n = self.node(ident, AGT.Provision)
        if n is None:
            return None
        data = self._entity(ident, n, m.Provision)
        scope = n.node(AGT.scope)
        if scope is not None:
            data["scope"] = self._scope(scope)
        return m.Provision.model_validate(data)

    def _entity(self, ident: str, n: Node, cls: type[m.Model]) -> dict[str, Any]:
        return {"id": ident, **read_fields(n, cls)}

    def _scope(self, n: Node) -> dict[str, Any]:
        data = read_fields(n, m.ProvisionScope)
        periods = n.indexed(AGT.inForce, AGT.inForceList)
        exceptions = n.indexed(AGT.exception, AGT.exceptionList)
        data["in_force"] = [read_fields(p, m.InForce) for p in periods]
        data["exceptions"] = [read_fields(e, m.ScopeException) for e in exceptions]
        cap = n.node(AGT.cap)
        if cap is not None:
            data["cap"] = read_fields(cap, m.Cap)
        return data

    # --- sources and claims --------------------------------------------------------------

    def source(self, ident: str) -> m.Source | None:
        n = self.node(ident, AGT.Source)
        if n is None:
            return None
        data = self._entity(ident, n, m.Source)
        publisher = self._label(n, DCT_PUBLISHER)
        if publisher is not None:
            data["publisher"] = publisher
        return m.Source.model_validate(data)

    def claim(self, ident: str) -> m.Claim | None:
        n = self.node(ident, AGT.Claim)
        if n is None:
            return None
        agent = self._label(n, PROV_WAS_ATTRIBUTED_TO)
        statement = n.node(AGT.statement)
        if agent is None or statement is None:
            raise StoreError(f"claim {ident} lacks its agent or statement")
        kinds = [
            _STATEMENT_KEYS[t] for t in iris_of(statement.all(RDF_TYPE)) if t in _STATEMENT_KEYS
        ]
        if len(kinds) != 1:
            raise StoreError(f"claim {ident} has statement types {kinds}")
        body = (
            read_fields(statement, m.BreachStatement)
            if kinds[0] == "breach"
            else self._event(statement)
        )
        data = read_fields(n, m.Claim)
        data.update({"asserted_by": agent, kinds[0]: body})
        record = n.node(AGT.record)
        if record is not None:
            data["record"] = self._record(record)
        claim = m.Claim.model_validate(data)
        if claim.id != ident:
            raise StoreError(f"claim {ident} reads back as {claim.id}: the store lost content")
        return claim

    def _record(self, n: Node) -> dict[str, Any]:
        data = read_fields(n, m.RegisterRecord)
        for p, name in ((AGT.ordered, "ordered"), (AGT.delivered, "delivered")):
            q = n.node(p)
            if q is not None:
                data[name] = read_fields(q, m.Quantity)
        deliveries = n.indexed(AGT.delivery, AGT.deliveryList)
        data["deliveries"] = [read_fields(d, m.Delivery) for d in deliveries]
        return data

    def _event(self, n: Node) -> dict[str, Any]:
        """The content of a shipment, deployment or assistance statement."""
        if n.all(AGT.item):
            data = read_fields(n, m.ShipmentStatement)
            data["items"] = [self._item(item) for item in n.indexed(AGT.item, AGT.itemList)]
        elif n.one(AGT.personnel) is not None:
            data = read_fields(n, m.DeploymentStatement)
            self._quantity(n, data)
        else:
            data = read_fields(n, m.AssistanceStatement)
        period = n.node(AGT.period)
        if period is not None:
            data["period"] = read_fields(period, m.Period)
        return data

    def _item(self, n: Node) -> dict[str, Any]:
        data = read_fields(n, m.ItemLine)
        self._quantity(n, data)
        return data

    def _quantity(self, owner: Node, data: dict[str, Any]) -> None:
        q = owner.node(AGT.quantity)
        if q is not None:
            data["quantity"] = read_fields(q, m.Quantity)

    # --- derived records -----------------------------------------------------------------

    def event(self, ident: str) -> m.TransferEvent | None:
        n = Node(self.store, self.iris, self.iris.entity(ident))
        kinds = [_EVENT_KINDS[t] for t in iris_of(n.all(RDF_TYPE)) if t in _EVENT_KINDS]
        if len(kinds) != 1:
            return None
        data = read_fields(n, m.TransferEvent)
        data.update({"id": ident, "kind": kinds[0], "statement": self._event(n)})
        return m.TransferEvent.model_validate(data)

    def breach(self, ident: str) -> m.Breach | None:
        n = self.node(ident, AGT.Breach)
        if n is None:
            return None
        data = self._entity(ident, n, m.Breach)
        activity = n.node(PROV_WAS_GENERATED_BY)
        if activity is not None:
            data["rule"] = activity.need(AGT.rule)
        return m.Breach.model_validate(data)
