"""RDF -> domain model: read a resource and its structured values back into pydantic models.

The inverse of ``rdf_build``: lists are read from their rdf:List (order and duplicates
kept), numbers and dates from their datatypes, so a hydrated object compares equal to the
one that was written. Reads go through ``Store.quads_for_pattern`` on one subject at a time.
"""

from __future__ import annotations

import json
from typing import Any

from pyoxigraph import NamedNode, Store

from armsgraph.core.errors import StoreError
from armsgraph.core.model import (
    Breach,
    Claim,
    EventKind,
    Provision,
    Resolution,
    Source,
    State,
    TransferEvent,
    WeaponSystem,
)
from armsgraph.ontology.iris import IriScheme
from armsgraph.ontology.rdf_reader import (
    Node,
    drop_none,
    iris_of,
    literal,
    wikidata,
)
from armsgraph.ontology.terms import (
    AGT,
    DCT_DATE,
    DCT_DESCRIPTION,
    DCT_LANGUAGE,
    DCT_PUBLISHER,
    DCT_TITLE,
    PROV_WAS_ATTRIBUTED_TO,
    PROV_WAS_DERIVED_FROM,
    PROV_WAS_GENERATED_BY,
    RDF_TYPE,
    RDFS_LABEL,
    SKOS_NOTE,
)

_STATEMENT_KEYS = {
    AGT.ShipmentStatement.value: "shipment",
    AGT.DeploymentStatement.value: "deployment",
    AGT.AssistanceStatement.value: "assistance",
    AGT.BreachStatement.value: "breach",
}
_EVENT_KINDS = {
    AGT.Shipment.value: EventKind.SHIPMENT,
    AGT.Deployment.value: EventKind.DEPLOYMENT,
    AGT.Assistance.value: EventKind.ASSISTANCE,
}


class Reader:
    """Reads resources of one store, by id, into domain models (None when absent)."""

    def __init__(self, store: Store, iris: IriScheme) -> None:
        self.store = store
        self.iris = iris

    def node(self, ident: str, cls: NamedNode) -> Node | None:
        node = Node(self.store, self.iris, self.iris.entity(ident))
        return node if node.is_a(cls) else None

    # --- reference data ------------------------------------------------------------------

    def state(self, ident: str) -> State | None:
        n = self.node(ident, AGT.State)
        if n is None:
            return None
        aliases: dict[str, list[str]] = {}
        for alias in n.items(AGT.aliasList):
            lit = literal(alias)
            aliases.setdefault(lit.language or "", []).append(lit.value)
        return State.model_validate(
            drop_none(
                {
                    "id": ident,
                    "iso2": n.need(AGT.iso2),
                    "numeric": n.need(AGT.numeric),
                    "name": n.need(RDFS_LABEL),
                    "wikidata": wikidata(n),
                    "capital": n.text(AGT.capital),
                    "aliases": aliases,
                    "sources": n.texts(AGT.citationList),
                }
            )
        )

    def weapon_system(self, ident: str) -> WeaponSystem | None:
        n = self.node(ident, AGT.WeaponSystem)
        if n is None:
            return None
        return WeaponSystem.model_validate(
            drop_none(
                {
                    "id": ident,
                    "name": n.need(RDFS_LABEL),
                    "category": n.need(AGT.category),
                    "category_basis": n.text(AGT.categoryBasis),
                    "aliases": n.texts(AGT.aliasList),
                    "wikidata": wikidata(n),
                    "description": n.text(DCT_DESCRIPTION),
                    "sources": n.texts(AGT.citationList),
                }
            )
        )

    def resolution(self, ident: str) -> Resolution | None:
        n = self.node(ident, AGT.Resolution)
        if n is None:
            return None
        chapter = n.text(AGT.chapterVII)
        return Resolution.model_validate(
            drop_none(
                {
                    "id": ident,
                    "symbol": n.need(AGT.symbol),
                    "adopted": n.need(AGT.adopted),
                    "adopted_status": n.need(AGT.adoptedStatus),
                    "chapter_vii": None if chapter is None else chapter in ("true", "1"),
                    "vote": n.text(AGT.vote),
                    "summary": n.need(AGT.summary),
                    "wikidata": wikidata(n),
                    "sources": n.texts(AGT.citationList),
                }
            )
        )

    def provision(self, ident: str) -> Provision | None:
        n = self.node(ident, AGT.Provision)
        if n is None:
            return None
        scope = n.node(AGT.scope)
        return Provision.model_validate(
            drop_none(
                {
                    "id": ident,
                    "resolution": n.ident(AGT.resolution),
                    "paragraph": n.need(AGT.paragraph),
                    "paragraph_status": n.need(AGT.paragraphStatus),
                    "summary": n.need(AGT.summary),
                    "scope": None if scope is None else self._scope(scope),
                    "sources": n.texts(AGT.citationList),
                    "note": n.text(SKOS_NOTE),
                }
            )
        )

    def _scope(self, n: Node) -> dict[str, Any]:
        cap = n.node(AGT.cap)
        return drop_none(
            {
                "target": n.ident(AGT.target),
                "directions": n.texts(AGT.directionList),
                "event_kinds": n.texts(AGT.eventKindList),
                "categories": n.texts(AGT.categoryList),
                "assistance_kinds": n.texts(AGT.assistanceKindList),
                "personnel_kinds": n.texts(AGT.personnelList),
                "effective_from": n.date(AGT.effectiveFrom),
                "effective_until": n.date(AGT.effectiveUntil),
                "exceptions": [
                    drop_none(
                        {
                            "categories": e.texts(AGT.categoryList),
                            "until": e.date(AGT.until),
                            "closed_by": e.ident(AGT.closedBy),
                            "note": e.text(SKOS_NOTE),
                        }
                    )
                    for e in n.nodes(AGT.exceptionList)
                ],
                "cap": None
                if cap is None
                else {
                    "limit": cap.number(AGT.limit),
                    "unit": cap.need(AGT.unit),
                    "window": cap.need(AGT.window),
                    "aggregate": cap.need(AGT.aggregate),
                },
                "obligated": n.texts(AGT.obligatedList),
            }
        )

    # --- sources and claims --------------------------------------------------------------

    def source(self, ident: str) -> Source | None:
        n = self.node(ident, AGT.Source)
        if n is None:
            return None
        publisher = n.node(DCT_PUBLISHER)
        return Source.model_validate(
            drop_none(
                {
                    "id": ident,
                    "title": n.need(DCT_TITLE),
                    "publisher": None if publisher is None else publisher.need(RDFS_LABEL),
                    "date": n.need(DCT_DATE),
                    "kind": n.need(AGT.sourceKind),
                    "url": n.text(AGT.url),
                    "document": n.text(AGT.document),
                    "language": n.need(DCT_LANGUAGE),
                    "reports_on": n.ident(AGT.reportsOn),
                    "note": n.text(SKOS_NOTE),
                }
            )
        )

    def claim(self, ident: str) -> Claim | None:
        n = self.node(ident, AGT.Claim)
        if n is None:
            return None
        agent = n.node(PROV_WAS_ATTRIBUTED_TO)
        statement = n.node(AGT.statement)
        if agent is None or statement is None:
            raise StoreError(f"claim {ident} lacks its agent or statement")
        kinds = [
            _STATEMENT_KEYS[t] for t in iris_of(statement.all(RDF_TYPE)) if t in _STATEMENT_KEYS
        ]
        if len(kinds) != 1:
            raise StoreError(f"claim {ident} has statement types {kinds}")
        body = self._breach_statement(statement) if kinds[0] == "breach" else self._event(statement)
        claim = Claim.model_validate(
            drop_none(
                {
                    "key": n.text(AGT.key),
                    "source": n.ident(PROV_WAS_DERIVED_FROM),
                    "locator": n.text(AGT.locator),
                    "quote": n.need(AGT.quote),
                    "quote_kind": n.need(AGT.quoteKind),
                    "asserted_by": agent.need(RDFS_LABEL),
                    "confidence": n.need(AGT.confidence),
                    "reported": n.need(AGT.reported),
                    kinds[0]: body,
                    "note": n.text(SKOS_NOTE),
                }
            )
        )
        if claim.id != ident:
            raise StoreError(f"claim {ident} reads back as {claim.id}: the store lost content")
        return claim

    def _breach_statement(self, n: Node) -> dict[str, Any]:
        return {
            "states": n.idents(AGT.stateList),
            "resolutions": n.idents(AGT.resolutionList),
            "provisions": n.idents(AGT.provisionList),
            "flows": n.texts(AGT.flowList),
        }

    def _event(self, n: Node) -> dict[str, Any]:
        """The content of a shipment, deployment or assistance statement."""
        period = n.node(AGT.period)
        data: dict[str, Any] = {
            "supplier": n.ident(AGT.supplier),
            "recipient": n.ident(AGT.recipient),
            "period": None if period is None else self._period(period),
            "flow": n.text(AGT.flow),
        }
        if n.one(AGT.itemList) is not None:
            data["items"] = [
                drop_none(
                    {
                        "weapon": item.ident(AGT.weapon),
                        "quantity": self._quantity(item),
                        "description": item.text(DCT_DESCRIPTION),
                    }
                )
                for item in n.nodes(AGT.itemList)
            ]
            data["transport"] = n.texts(AGT.transportList)
            data["ports"] = n.texts(AGT.portList)
            data["vessels"] = n.texts(AGT.vesselList)
        elif n.one(AGT.personnel) is not None:
            data["personnel"] = n.need(AGT.personnel)
            data["quantity"] = self._quantity(n)
            data["role"] = n.text(AGT.role)
        else:
            data["assistance"] = n.need(AGT.assistanceKind)
            data["subject"] = n.need(AGT.subject)
            data["related_weapon"] = n.ident(AGT.relatedWeapon)
            data["related_category"] = n.text(AGT.relatedCategory)
        return drop_none(data)

    def _quantity(self, owner: Node) -> dict[str, Any] | None:
        q = owner.node(AGT.quantity)
        if q is None:
            return None
        return drop_none(
            {
                "value": q.number(AGT.value),
                "low": q.number(AGT.low),
                "high": q.number(AGT.high),
                "qualifier": q.need(AGT.qualifier),
                "unit": q.need(AGT.unit),
                "text": q.text(AGT.text),
            }
        )

    def _period(self, p: Node) -> dict[str, Any]:
        return drop_none(
            {"start": p.text(AGT.start), "end": p.text(AGT.end), "text": p.text(AGT.text)}
        )

    # --- derived records -----------------------------------------------------------------

    def event(self, ident: str) -> TransferEvent | None:
        n = Node(self.store, self.iris, self.iris.entity(ident))
        kinds = [_EVENT_KINDS[t] for t in iris_of(n.all(RDF_TYPE)) if t in _EVENT_KINDS]
        if len(kinds) != 1:
            return None
        return TransferEvent.model_validate(
            {
                "id": ident,
                "kind": kinds[0],
                "statement": self._event(n),
                "claims": n.idents(AGT.supportedByList),
            }
        )

    def breach(self, ident: str) -> Breach | None:
        n = self.node(ident, AGT.Breach)
        if n is None:
            return None
        activity = n.node(PROV_WAS_GENERATED_BY)
        matched = n.text(AGT.matched)
        return Breach.model_validate(
            drop_none(
                {
                    "id": ident,
                    "basis": n.need(AGT.basis),
                    "states": n.idents(AGT.stateList),
                    "provision": n.ident(AGT.provision),
                    "resolution": n.ident(AGT.resolution),
                    "events": n.idents(AGT.eventList),
                    "claims": n.idents(AGT.restsOnList),
                    "rule": None if activity is None else activity.need(AGT.rule),
                    "explanation": n.need(AGT.explanation),
                    "matched": {} if matched is None else json.loads(matched),
                }
            )
        )
