"""Domain model -> RDF quads (pyoxigraph terms), streamed.

``dataset_to_quads`` yields every quad of a ``Dataset`` one entity at a time; nothing is
collected in memory. Reference data goes into ``<base>graph/reference``, each source and
the claims taken from it into ``<base>graph/<source-id>``, transfer events and breaches
into ``<base>graph/derived``. IRIs are deterministic (see ``iris.py``) and there are no
blank nodes, so writing the same data set twice adds nothing.

Every list field is written twice: one triple per member (queryable) and an rdf:List under
the matching ``...List`` property (order and duplicates, for an exact read back).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode, Quad

from armsgraph.core.dataset import Dataset
from armsgraph.core.dates import partial_date_bounds
from armsgraph.core.model import (
    AssistanceStatement,
    Breach,
    BreachStatement,
    Claim,
    DeploymentStatement,
    EventKind,
    EventStatement,
    ItemLine,
    Period,
    Provision,
    ProvisionScope,
    Quantity,
    Resolution,
    ShipmentStatement,
    Source,
    State,
    TransferEvent,
    WeaponSystem,
)
from armsgraph.ontology.iris import DEFAULT_BASE, IriScheme
from armsgraph.ontology.rdf_writer import GraphWriter, Quads, date, number, part, partial_date
from armsgraph.ontology.terms import (
    AGT,
    DCT_DATE,
    DCT_DESCRIPTION,
    DCT_LANGUAGE,
    DCT_PUBLISHER,
    DCT_TITLE,
    PROV_AGENT,
    PROV_SOFTWARE_AGENT,
    PROV_WAS_ASSOCIATED_WITH,
    PROV_WAS_ATTRIBUTED_TO,
    PROV_WAS_DERIVED_FROM,
    PROV_WAS_GENERATED_BY,
    RDF_JSON,
    RDF_TYPE,
    RDFS_LABEL,
    SKOS_ALT_LABEL,
    SKOS_NOTE,
    XSD_ANYURI,
    XSD_BOOLEAN,
)

STATEMENT_TYPES = {
    ShipmentStatement: AGT.ShipmentStatement,
    DeploymentStatement: AGT.DeploymentStatement,
    AssistanceStatement: AGT.AssistanceStatement,
}
EVENT_TYPES = {
    EventKind.SHIPMENT: AGT.Shipment,
    EventKind.DEPLOYMENT: AGT.Deployment,
    EventKind.ASSISTANCE: AGT.Assistance,
}


# --- reference data ----------------------------------------------------------------------------


def state_quads(g: GraphWriter, state: State) -> Quads:
    s = g.iris.entity(state.id)
    yield from g.head(s, AGT.State, state.id)
    yield g.add(s, RDFS_LABEL, Literal(state.name))
    yield g.add(s, AGT.iso2, Literal(state.iso2))
    yield g.add(s, AGT.numeric, Literal(state.numeric))
    yield from g.wikidata(s, state.wikidata)
    yield from g.text(s, AGT.capital, state.capital)
    aliases = [Literal(n, language=lang) for lang, names in state.aliases.items() for n in names]
    yield from g.members(s, SKOS_ALT_LABEL, AGT.aliasList, aliases)
    yield from g.citations(s, state.sources)


def weapon_quads(g: GraphWriter, weapon: WeaponSystem) -> Quads:
    s = g.iris.entity(weapon.id)
    yield from g.head(s, AGT.WeaponSystem, weapon.id)
    yield g.add(s, RDFS_LABEL, Literal(weapon.name))
    yield g.add(s, AGT.category, Literal(weapon.category.value))
    yield from g.text(s, AGT.categoryBasis, weapon.category_basis)
    yield from g.texts(s, SKOS_ALT_LABEL, AGT.aliasList, weapon.aliases)
    yield from g.wikidata(s, weapon.wikidata)
    yield from g.text(s, DCT_DESCRIPTION, weapon.description)
    yield from g.citations(s, weapon.sources)


def resolution_quads(g: GraphWriter, res: Resolution) -> Quads:
    s = g.iris.entity(res.id)
    yield from g.head(s, AGT.Resolution, res.id)
    yield g.add(s, RDFS_LABEL, Literal(res.symbol))
    yield g.add(s, AGT.symbol, Literal(res.symbol))
    yield g.add(s, AGT.adopted, partial_date(res.adopted))
    yield g.add(s, AGT.adoptedStatus, Literal(res.adopted_status.value))
    if res.chapter_vii is not None:
        yield g.add(s, AGT.chapterVII, Literal(str(res.chapter_vii).lower(), datatype=XSD_BOOLEAN))
    yield from g.text(s, AGT.vote, res.vote)
    yield g.add(s, AGT.summary, Literal(res.summary))
    yield from g.wikidata(s, res.wikidata)
    yield from g.citations(s, res.sources)


def provision_quads(g: GraphWriter, prov: Provision, symbol: str | None) -> Quads:
    s = g.iris.entity(prov.id)
    yield from g.head(s, AGT.Provision, prov.id)
    yield g.add(s, RDFS_LABEL, Literal(f"{symbol or prov.resolution} {prov.paragraph}"))
    yield g.add(s, AGT.resolution, g.iris.entity(prov.resolution))
    yield g.add(s, AGT.paragraph, Literal(prov.paragraph))
    yield g.add(s, AGT.paragraphStatus, Literal(prov.paragraph_status.value))
    yield g.add(s, AGT.summary, Literal(prov.summary))
    if prov.scope is not None:
        scope = part(s, "scope")
        yield g.add(s, AGT.scope, scope)
        yield from scope_quads(g, scope, prov.scope)
    yield from g.citations(s, prov.sources)
    yield from g.text(s, SKOS_NOTE, prov.note)


def scope_quads(g: GraphWriter, s: NamedNode, scope: ProvisionScope) -> Quads:
    yield g.add(s, RDF_TYPE, AGT.ProvisionScope)
    yield g.add(s, AGT.target, g.iris.entity(scope.target))
    yield from g.texts(s, AGT.direction, AGT.directionList, scope.directions)
    yield from g.texts(s, AGT.eventKind, AGT.eventKindList, scope.event_kinds)
    yield from g.texts(s, AGT.category, AGT.categoryList, scope.categories)
    yield from g.texts(s, AGT.assistanceKind, AGT.assistanceKindList, scope.assistance_kinds)
    yield from g.texts(s, AGT.personnel, AGT.personnelList, scope.personnel_kinds)
    yield g.add(s, AGT.effectiveFrom, date(scope.effective_from))
    if scope.effective_until is not None:
        yield g.add(s, AGT.effectiveUntil, date(scope.effective_until))
    exceptions = [part(s, f"exception/{i}") for i in range(len(scope.exceptions))]
    yield from g.members(s, AGT.exception, AGT.exceptionList, exceptions)
    for node, exc in zip(exceptions, scope.exceptions, strict=True):
        yield g.add(node, RDF_TYPE, AGT.ScopeException)
        yield from g.texts(node, AGT.category, AGT.categoryList, exc.categories)
        if exc.until is not None:
            yield g.add(node, AGT.until, date(exc.until))
        if exc.closed_by is not None:
            yield g.add(node, AGT.closedBy, g.iris.entity(exc.closed_by))
        yield from g.text(node, SKOS_NOTE, exc.note)
    if scope.cap is not None:
        cap = part(s, "cap")
        yield g.add(s, AGT.cap, cap)
        yield g.add(cap, RDF_TYPE, AGT.Cap)
        yield g.add(cap, AGT.limit, number(scope.cap.limit))
        yield g.add(cap, AGT.unit, Literal(scope.cap.unit))
        yield g.add(cap, AGT.window, Literal(scope.cap.window))
        yield g.add(cap, AGT.aggregate, Literal(scope.cap.aggregate))
    yield from g.texts(s, AGT.obligated, AGT.obligatedList, scope.obligated)


# --- sources and claims ---------------------------------------------------------------------------


def source_quads(g: GraphWriter, source: Source) -> Quads:
    s = g.iris.entity(source.id)
    yield from g.head(s, AGT.Source, source.id)
    yield g.add(s, DCT_TITLE, Literal(source.title))
    yield from g.agent(s, DCT_PUBLISHER, source.publisher)
    yield g.add(s, DCT_DATE, partial_date(source.date))
    yield g.add(s, AGT.sourceKind, Literal(source.kind.value))
    if source.url is not None:
        yield g.add(s, AGT.url, Literal(source.url, datatype=XSD_ANYURI))
    yield from g.text(s, AGT.document, source.document)
    yield g.add(s, DCT_LANGUAGE, Literal(source.language))
    if source.reports_on is not None:
        yield g.add(s, AGT.reportsOn, g.iris.entity(source.reports_on))
    yield from g.text(s, SKOS_NOTE, source.note)


def claim_quads(g: GraphWriter, claim: Claim, ident: str | None = None) -> Quads:
    """``ident``: the claim's id when known (``Claim.id`` hashes the content each time)."""
    ident = claim.id if ident is None else ident
    s = g.iris.entity(ident)
    yield from g.head(s, AGT.Claim, ident)
    yield from g.text(s, AGT.key, claim.key)
    yield g.add(s, PROV_WAS_DERIVED_FROM, g.iris.entity(claim.source))
    yield from g.text(s, AGT.locator, claim.locator)
    yield g.add(s, AGT.quote, Literal(claim.quote))
    yield g.add(s, AGT.quoteKind, Literal(claim.quote_kind.value))
    yield from g.agent(s, PROV_WAS_ATTRIBUTED_TO, claim.asserted_by)
    yield g.add(s, AGT.confidence, Literal(claim.confidence.value))
    yield g.add(s, AGT.reported, partial_date(claim.reported))
    yield from g.text(s, SKOS_NOTE, claim.note)
    statement = part(s, "statement")
    yield g.add(s, AGT.statement, statement)
    if claim.breach is not None:
        yield from breach_statement_quads(g, statement, claim.breach)
    elif claim.event is not None:
        yield g.add(statement, RDF_TYPE, STATEMENT_TYPES[type(claim.event)])
        yield from event_body_quads(g, statement, claim.event)


def breach_statement_quads(g: GraphWriter, s: NamedNode, b: BreachStatement) -> Quads:
    yield g.add(s, RDF_TYPE, AGT.BreachStatement)
    yield from g.entities(s, AGT.state, AGT.stateList, b.states)
    yield from g.entities(s, AGT.resolution, AGT.resolutionList, b.resolutions)
    yield from g.entities(s, AGT.provision, AGT.provisionList, b.provisions)
    yield from g.texts(s, AGT.flow, AGT.flowList, b.flows)


def event_body_quads(g: GraphWriter, s: NamedNode, st: EventStatement) -> Quads:
    """The content of a shipment, deployment or assistance (a claim's statement or an event)."""
    yield g.add(s, AGT.supplier, g.iris.entity(st.supplier))
    yield g.add(s, AGT.recipient, g.iris.entity(st.recipient))
    if isinstance(st, ShipmentStatement):
        items = [part(s, f"item/{i}") for i in range(len(st.items))]
        yield from g.members(s, AGT.item, AGT.itemList, items)
        for node, item in zip(items, st.items, strict=True):
            yield from item_quads(g, node, item)
        yield from g.texts(s, AGT.transport, AGT.transportList, st.transport)
        yield from g.texts(s, AGT.port, AGT.portList, st.ports)
        yield from g.texts(s, AGT.vessel, AGT.vesselList, st.vessels)
    elif isinstance(st, DeploymentStatement):
        yield g.add(s, AGT.personnel, Literal(st.personnel.value))
        yield from quantity_quads(g, s, st.quantity)
        yield from g.text(s, AGT.role, st.role)
    else:
        yield g.add(s, AGT.assistanceKind, Literal(st.assistance.value))
        yield g.add(s, AGT.subject, Literal(st.subject))
        if st.related_weapon is not None:
            yield g.add(s, AGT.relatedWeapon, g.iris.entity(st.related_weapon))
        if st.related_category is not None:
            yield g.add(s, AGT.relatedCategory, Literal(st.related_category.value))
    yield from period_quads(g, s, st.period)
    yield from g.text(s, AGT.flow, st.flow)


def item_quads(g: GraphWriter, s: NamedNode, item: ItemLine) -> Quads:
    yield g.add(s, RDF_TYPE, AGT.ItemLine)
    yield g.add(s, AGT.weapon, g.iris.entity(item.weapon))
    yield from quantity_quads(g, s, item.quantity)
    yield from g.text(s, DCT_DESCRIPTION, item.description)


def quantity_quads(g: GraphWriter, owner: NamedNode, q: Quantity | None) -> Quads:
    if q is None:
        return
    s = part(owner, "quantity")
    yield g.add(owner, AGT.quantity, s)
    yield g.add(s, RDF_TYPE, AGT.Quantity)
    for p, value in ((AGT.value, q.value), (AGT.low, q.low), (AGT.high, q.high)):
        if value is not None:
            yield g.add(s, p, number(value))
    yield g.add(s, AGT.qualifier, Literal(q.qualifier.value))
    yield g.add(s, AGT.unit, Literal(q.unit))
    yield from g.text(s, AGT.text, q.text)


def period_quads(g: GraphWriter, owner: NamedNode, period: Period | None) -> Quads:
    if period is None:
        return
    s = part(owner, "period")
    yield g.add(owner, AGT.period, s)
    yield g.add(s, RDF_TYPE, AGT.Period)
    if period.start is not None:
        yield g.add(s, AGT.start, partial_date(period.start))
        yield g.add(s, AGT.earliest, date(partial_date_bounds(period.start)[0]))
    if period.end is not None:
        yield g.add(s, AGT.end, partial_date(period.end))
        yield g.add(s, AGT.latest, date(partial_date_bounds(period.end)[1]))
    yield from g.text(s, AGT.text, period.text)


# --- derived records ---------------------------------------------------------------------------


def event_quads(g: GraphWriter, event: TransferEvent) -> Quads:
    s = g.iris.entity(event.id)
    yield from g.head(s, EVENT_TYPES[event.kind], event.id)
    yield from event_body_quads(g, s, event.statement)
    yield from g.entities(s, AGT.supportedBy, AGT.supportedByList, event.claims)


def breach_quads(g: GraphWriter, breach: Breach) -> Quads:
    s = g.iris.entity(breach.id)
    yield from g.head(s, AGT.Breach, breach.id)
    yield g.add(s, AGT.basis, Literal(breach.basis.value))
    yield from g.entities(s, AGT.state, AGT.stateList, breach.states)
    if breach.provision is not None:
        yield g.add(s, AGT.provision, g.iris.entity(breach.provision))
    if breach.resolution is not None:
        yield g.add(s, AGT.resolution, g.iris.entity(breach.resolution))
    yield from g.entities(s, AGT.event, AGT.eventList, breach.events)
    yield from g.entities(s, AGT.restsOn, AGT.restsOnList, breach.claims)
    yield g.add(s, AGT.explanation, Literal(breach.explanation))
    if breach.matched:
        matched = json.dumps(
            breach.matched, sort_keys=True, ensure_ascii=False, separators=(",", ":")
        )
        yield g.add(s, AGT.matched, Literal(matched, datatype=RDF_JSON))
    if breach.rule is not None:
        activity = part(s, "inference")
        yield g.add(s, PROV_WAS_GENERATED_BY, activity)
        yield g.add(activity, RDF_TYPE, AGT.Inference)
        yield g.add(activity, AGT.rule, Literal(breach.rule))
        yield g.add(activity, PROV_WAS_ASSOCIATED_WITH, g.iris.reasoner)
        yield g.add(g.iris.reasoner, RDF_TYPE, PROV_AGENT)
        yield g.add(g.iris.reasoner, RDF_TYPE, PROV_SOFTWARE_AGENT)
        yield g.add(g.iris.reasoner, RDFS_LABEL, Literal("armsgraph reasoner"))


# --- the data set ------------------------------------------------------------------------------


Description = tuple[NamedNode, Quads]


@dataclass(frozen=True)
class Section:
    """One part of a data set: a name, how many entities, and their descriptions.

    A description is an entity's IRI and the quads about it and its fragments (plus the
    agents it names), streamed.
    """

    name: str
    size: int
    descriptions: Callable[[], Iterator[Description]]

    def quads(self) -> Quads:
        for _, quads in self.descriptions():
            yield from quads


def sections(dataset: Dataset, iris: IriScheme) -> list[Section]:
    ref = GraphWriter(iris, iris.reference_graph)
    derived = GraphWriter(iris, iris.derived_graph)
    by_source: dict[str, list[tuple[str, Claim]]] = {}
    for ident, claim in dataset.claims.items():
        by_source.setdefault(claim.source, []).append((ident, claim))
    symbols = {r.id: r.symbol for r in dataset.resolutions.values()}
    at = iris.entity

    def reference() -> Iterator[Description]:
        for state in dataset.states.values():
            yield at(state.id), state_quads(ref, state)
        for weapon in dataset.weapon_systems.values():
            yield at(weapon.id), weapon_quads(ref, weapon)
        for res in dataset.resolutions.values():
            yield at(res.id), resolution_quads(ref, res)
        for prov in dataset.provisions.values():
            yield at(prov.id), provision_quads(ref, prov, symbols.get(prov.resolution))

    def documents() -> Iterator[Description]:
        for source_id in sorted(set(dataset.sources) | set(by_source)):
            g = GraphWriter(iris, iris.source_graph(source_id))
            if source_id in dataset.sources:
                yield at(source_id), source_quads(g, dataset.sources[source_id])
            for ident, claim in by_source.get(source_id, ()):
                yield at(ident), claim_quads(g, claim, ident)

    def events() -> Iterator[Description]:
        for event in dataset.events.values():
            yield at(event.id), event_quads(derived, event)

    def breaches() -> Iterator[Description]:
        for breach in dataset.breaches.values():
            yield at(breach.id), breach_quads(derived, breach)

    n_ref = len(dataset.states) + len(dataset.weapon_systems) + len(dataset.resolutions)
    return [
        Section("reference", n_ref + len(dataset.provisions), reference),
        Section("sources and claims", len(dataset.sources) + len(dataset.claims), documents),
        Section("events", len(dataset.events), events),
        Section("breaches", len(dataset.breaches), breaches),
    ]


def dataset_to_quads(dataset: Dataset, base: str = DEFAULT_BASE) -> Iterator[Quad]:
    """Every quad of the data set, streamed section by section."""
    for section in sections(dataset, IriScheme(base)):
        yield from section.quads()
