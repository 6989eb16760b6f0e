"""Domain model -> RDF quads (N-Quads lines of pyoxigraph terms, ``rdf_writer``), streamed.

``dataset_to_quads`` yields every quad of a ``Dataset`` one entity at a time; nothing is
collected in memory (``sections`` gives the lines, as the store's bulk loader takes them).
Reference data goes into ``<base>graph/reference``, each source and the claims taken from
it into ``<base>graph/<source-id>``, transfer events and breaches into
``<base>graph/derived``. IRIs are deterministic (see ``iris.py``) and there are no
blank nodes, so writing the same data set twice adds nothing.

Every list field is written as one triple per member (queryable), plus an rdf:List under
the matching ``...List`` property where the members alone lose order or duplicates
(``GraphWriter.members``). Structured values in a list (item lines, periods in force,
exceptions, deliveries) carry their position in their IRI (``#item/0``) and need no list.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

from pyoxigraph import Literal, NamedNode, Quad

from armsgraph.core.dataset import Dataset
from armsgraph.core.dates import partial_date_bounds
from armsgraph.core.model import (
    Actor,
    AssistanceStatement,
    Breach,
    Claim,
    DeploymentStatement,
    EventKind,
    EventStatement,
    InForce,
    Model,
    Period,
    Provision,
    ProvisionScope,
    Quantity,
    RegisterRecord,
    Resolution,
    ShipmentStatement,
    Source,
    TransferEvent,
    WeaponSystem,
)
from armsgraph.ontology.iris import DEFAULT_BASE, IriScheme
from armsgraph.ontology.rdf_mapping import write_fields
from armsgraph.ontology.rdf_writer import GraphWriter, Lines, date, part, quads_of
from armsgraph.ontology.terms import (
    ACTOR_CLASSES,
    AGT,
    DCT_PUBLISHER,
    PROV_AGENT,
    PROV_SOFTWARE_AGENT,
    PROV_WAS_ASSOCIATED_WITH,
    PROV_WAS_ATTRIBUTED_TO,
    PROV_WAS_GENERATED_BY,
    RDF_TYPE,
    RDFS_LABEL,
)

M = TypeVar("M", bound=Model)

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
# Flat fields come from the mapping table (``rdf_mapping``); the code here writes the type,
# the structured values, and the labels that repeat other fields.


def state_quads(g: GraphWriter, state: Actor) -> Lines:
    s = g.iris.entity(state.id)
    yield from g.head(s, ACTOR_CLASSES[state.kind.value], state.id)
    yield from write_fields(g, s, state)


def weapon_quads(g: GraphWriter, weapon: WeaponSystem) -> Lines:
    s = g.iris.entity(weapon.id)
    yield from g.head(s, AGT.WeaponSystem, weapon.id)
    yield from write_fields(g, s, weapon)


def resolution_quads(g: GraphWriter, res: Resolution) -> Lines:
    s = g.iris.entity(res.id)
    yield from g.head(s, AGT.Resolution, res.id)
    yield g.add(s, RDFS_LABEL, Literal(res.symbol))
    yield from write_fields(g, s, res)


def provision_quads(g: GraphWriter, prov: Provision, symbol: str | None) -> Lines:
    s = g.iris.entity(prov.id)
    yield from g.head(s, AGT.Provision, prov.id)
    yield g.add(s, RDFS_LABEL, Literal(f"{symbol or prov.resolution} {prov.paragraph}"))
    yield from write_fields(g, s, prov)
    if prov.scope is not None:
        scope = part(s, "scope")
        yield g.add(s, AGT.scope, scope)
        yield from scope_quads(g, scope, prov.scope)


def scope_quads(g: GraphWriter, s: NamedNode, scope: ProvisionScope) -> Lines:
    yield g.add(s, RDF_TYPE, AGT.ProvisionScope)
    yield from write_fields(g, s, scope)
    # A flat summary of the periods, for queries that only ask "ever in force when?".
    yield g.add(s, AGT.effectiveFrom, date(scope.effective_from))
    if scope.effective_until is not None:
        yield g.add(s, AGT.effectiveUntil, date(scope.effective_until))

    def period_bounds(node: NamedNode, period: InForce) -> Lines:
        yield g.add(node, AGT.earliest, date(period.earliest))
        if period.end is not None:
            yield g.add(node, AGT.latest, date(period.latest_end))

    yield from value_list_quads(
        g,
        s,
        "in-force",
        AGT.inForce,
        AGT.InForcePeriod,
        scope.in_force,
        period_bounds,
    )
    yield from value_list_quads(
        g, s, "exception", AGT.exception, AGT.ScopeException, scope.exceptions
    )
    if scope.cap is not None:
        yield from value_node_quads(g, s, AGT.cap, AGT.Cap, scope.cap)


# --- sources and claims ---------------------------------------------------------------------------


def source_quads(g: GraphWriter, source: Source) -> Lines:
    s = g.iris.entity(source.id)
    yield from g.head(s, AGT.Source, source.id)
    yield from write_fields(g, s, source)
    yield from g.agent(s, DCT_PUBLISHER, source.publisher)


def claim_quads(g: GraphWriter, claim: Claim, ident: str | None = None) -> Lines:
    """``ident``: the claim's id when known (``Claim.id`` hashes the content each time)."""
    ident = claim.id if ident is None else ident
    s = g.iris.entity(ident)
    yield from g.head(s, AGT.Claim, ident)
    yield from write_fields(g, s, claim)
    yield from g.agent(s, PROV_WAS_ATTRIBUTED_TO, claim.asserted_by)
    if claim.record is not None:
        yield from record_quads(g, s, claim.record)
    statement = part(s, "statement")
    yield g.add(s, AGT.statement, statement)
    if claim.breach is not None:
        yield g.add(statement, RDF_TYPE, AGT.BreachStatement)
        yield from write_fields(g, statement, claim.breach)
    elif claim.event is not None:
        yield g.add(statement, RDF_TYPE, STATEMENT_TYPES[type(claim.event)])
        yield from event_body_quads(g, statement, claim.event)


def record_quads(g: GraphWriter, claim: NamedNode, record: RegisterRecord) -> Lines:
    """A claim's register row, the fragment ``<claim>#record``."""
    s = part(claim, "record")
    yield g.add(claim, AGT.record, s)
    yield g.add(s, RDF_TYPE, AGT.RegisterRecord)
    yield from write_fields(g, s, record)
    for p, q in ((AGT.ordered, record.ordered), (AGT.delivered, record.delivered)):
        if q is not None:
            yield from value_node_quads(g, s, p, AGT.Quantity, q)
    yield from value_list_quads(g, s, "delivery", AGT.delivery, AGT.Delivery, record.deliveries)


def event_body_quads(g: GraphWriter, s: NamedNode, st: EventStatement) -> Lines:
    """The content of a shipment, deployment or assistance (a claim's statement or an event)."""
    yield from write_fields(g, s, st)
    if isinstance(st, ShipmentStatement):
        yield from value_list_quads(
            g,
            s,
            "item",
            AGT.item,
            AGT.ItemLine,
            st.items,
            lambda node, item: quantity_quads(g, node, item.quantity),
        )
    elif isinstance(st, DeploymentStatement):
        yield from quantity_quads(g, s, st.quantity)
    yield from period_quads(g, s, st.period)


def value_list_quads(
    g: GraphWriter,
    owner: NamedNode,
    name: str,
    member: NamedNode,
    rdf_class: NamedNode,
    values: Sequence[M],
    more: Callable[[NamedNode, M], Lines] | None = None,
) -> Lines:
    """Structured values in their order, as ``<owner>#<name>/i``: each a member of ``owner``,
    typed, with its flat fields (and what ``more`` adds). The position ``i`` in the IRI is
    the order (``rdf_reader.Node.indexed`` reads it), so no rdf:List repeats it."""
    for i, value in enumerate(values):
        node = part(owner, f"{name}/{i}")
        yield g.add(owner, member, node)
        yield g.add(node, RDF_TYPE, rdf_class)
        yield from write_fields(g, node, value)
        if more is not None:
            yield from more(node, value)


def value_node_quads(
    g: GraphWriter, owner: NamedNode, p: NamedNode, rdf_class: NamedNode, value: Model
) -> Lines:
    """A structured value with flat fields only, as the fragment ``<owner>#<p's name>``."""
    s = part(owner, p.value.rsplit("#", 1)[1])
    yield g.add(owner, p, s)
    yield g.add(s, RDF_TYPE, rdf_class)
    yield from write_fields(g, s, value)


def quantity_quads(g: GraphWriter, owner: NamedNode, q: Quantity | None) -> Lines:
    if q is not None:
        yield from value_node_quads(g, owner, AGT.quantity, AGT.Quantity, q)


def period_quads(g: GraphWriter, owner: NamedNode, period: Period | None) -> Lines:
    if period is None:
        return
    yield from value_node_quads(g, owner, AGT.period, AGT.Period, period)
    s = part(owner, "period")
    # derived bounds, for filtering by date (not read back)
    if period.start is not None:
        yield g.add(s, AGT.earliest, date(partial_date_bounds(period.start)[0]))
    if period.end is not None:
        yield g.add(s, AGT.latest, date(partial_date_bounds(period.end)[1]))


# --- derived records ---------------------------------------------------------------------------


def event_quads(g: GraphWriter, event: TransferEvent) -> Lines:
    s = g.iris.entity(event.id)
    yield from g.head(s, EVENT_TYPES[event.kind], event.id)
    yield from event_body_quads(g, s, event.statement)
    yield from write_fields(g, s, event)


def breach_quads(g: GraphWriter, breach: Breach) -> Lines:
    s = g.iris.entity(breach.id)
    yield from g.head(s, AGT.Breach, breach.id)
    yield from write_fields(g, s, breach)
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


Description = tuple[NamedNode, Lines]


@dataclass(frozen=True)
class Section:
    """One part of a data set: a name, how many entities, and their descriptions.

    A description is an entity's IRI and the quads about it and its fragments (plus the
    agents it names), streamed.
    """

    name: str
    size: int
    descriptions: Callable[[], Iterator[Description]]

    def lines(self) -> Lines:
        for _, lines in self.descriptions():
            yield from lines


def sections(
    dataset: Dataset, iris: IriScheme, writer: type[GraphWriter] = GraphWriter
) -> list[Section]:
    """``writer``: what makes each quad (tests compare writers)."""
    ref = writer(iris, iris.reference_graph)
    derived = writer(iris, iris.derived_graph)
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
            g = writer(iris, iris.source_graph(source_id))
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
    """Every quad of the data set as pyoxigraph objects, streamed resource by resource."""
    for section in sections(dataset, IriScheme(base)):
        for _, lines in section.descriptions():
            yield from quads_of(lines)
