"""The RDF builder: IRI scheme, named graphs, PROV, literals as reported, streaming."""

from __future__ import annotations

import inspect
from collections.abc import Iterator

import pytest
from pyoxigraph import BlankNode, Literal, NamedNode, Quad

from armsgraph.core.dataset import Dataset
from armsgraph.core.model import BreachBasis, EventKind
from armsgraph.ontology.iris import IriScheme
from armsgraph.ontology.rdf_build import dataset_to_quads
from armsgraph.ontology.rdf_writer import number, partial_date
from armsgraph.ontology.terms import (
    AGT,
    PROV_WAS_ATTRIBUTED_TO,
    PROV_WAS_DERIVED_FROM,
    PROV_WAS_GENERATED_BY,
    RDF_TYPE,
    RDFS_LABEL,
    SKOS_EXACT_MATCH,
    XSD,
)

BASE = "https://w3id.org/armsgraph/"
ID = BASE + "id/"


def n(value: str) -> NamedNode:
    return NamedNode(value)


@pytest.fixture(scope="module")
def quads(rich: Dataset) -> set[Quad]:
    return set(dataset_to_quads(rich))


def objects(quads: set[Quad], s: str, p: NamedNode) -> list[NamedNode | Literal]:
    return [q.object for q in quads if q.subject == n(s) and q.predicate == p]  # type: ignore[misc]


def graphs_of(quads: set[Quad], s: str) -> set[str]:
    return {q.graph_name.value for q in quads if q.subject == n(s)}  # type: ignore[union-attr]


def test_the_builder_streams(rich: Dataset) -> None:
    stream = dataset_to_quads(rich)
    assert inspect.isgenerator(stream)
    assert isinstance(next(stream), Quad)


def test_iris_are_deterministic_and_there_are_no_blank_nodes(
    rich: Dataset, quads: set[Quad]
) -> None:
    assert set(dataset_to_quads(rich)) == quads
    for q in quads:
        assert not isinstance(q.subject, BlankNode) and not isinstance(q.object, BlankNode)
        assert q.subject.value.startswith(BASE)  # type: ignore[union-attr]


def test_named_graphs(rich: Dataset, quads: set[Quad]) -> None:
    graphs = {q.graph_name.value for q in quads}  # type: ignore[union-attr]
    assert graphs == {
        BASE + "graph/reference",
        BASE + "graph/derived",
        *(BASE + f"graph/{s}" for s in rich.sources),
    }
    assert graphs_of(quads, ID + "PRK") == {BASE + "graph/reference"}
    assert graphs_of(quads, ID + "unscr-1718-op8b#scope") == {BASE + "graph/reference"}
    for claim in rich.claims.values():
        assert graphs_of(quads, ID + claim.id) == {BASE + f"graph/{claim.source}"}
        assert graphs_of(quads, ID + claim.id + "#statement") == {BASE + f"graph/{claim.source}"}
    assert graphs_of(quads, ID + "report-1") == {BASE + "graph/report-1"}
    for ident in [*rich.events, *rich.breaches]:
        assert graphs_of(quads, ID + ident) == {BASE + "graph/derived"}


def test_claims_carry_their_provenance(rich: Dataset, quads: set[Quad]) -> None:
    for claim in rich.claims.values():
        assert objects(quads, ID + claim.id, PROV_WAS_DERIVED_FROM) == [n(ID + claim.source)]
        [agent] = objects(quads, ID + claim.id, PROV_WAS_ATTRIBUTED_TO)
        assert set(objects(quads, agent.value, RDFS_LABEL)) == {Literal(claim.asserted_by)}
    for event in rich.events.values():
        supported = objects(quads, ID + event.id, AGT.supportedBy)
        assert sorted(s.value for s in supported) == [ID + c for c in event.claims]


def test_wikidata_links(quads: set[Quad]) -> None:
    wd = "http://www.wikidata.org/entity/"
    assert objects(quads, ID + "PRK", SKOS_EXACT_MATCH) == [n(wd + "Q423")]
    assert objects(quads, ID + "kn-23", SKOS_EXACT_MATCH) == [n(wd + "Q56276789")]
    assert objects(quads, ID + "CHN", SKOS_EXACT_MATCH) == []


def test_inferred_breaches_record_the_reasoning(rich: Dataset, quads: set[Quad]) -> None:
    for breach in rich.breaches.values():
        generated = objects(quads, ID + breach.id, PROV_WAS_GENERATED_BY)
        if breach.basis is BreachBasis.ASSERTED:
            assert generated == []
            continue
        assert generated == [n(ID + breach.id + "#inference")]
        assert objects(quads, generated[0].value, RDF_TYPE) == [AGT.Inference]
        assert objects(quads, generated[0].value, AGT.rule) == [Literal(breach.rule or "")]
        assert sorted(c.value for c in objects(quads, ID + breach.id, AGT.restsOn)) == sorted(
            ID + c for c in breach.claims
        )


def test_quantities_and_periods_keep_what_was_reported(rich: Dataset, quads: set[Quad]) -> None:
    event = next(
        e for e in rich.events.values() if e.kind is EventKind.SHIPMENT and e.supplier == "PRK"
    )
    q = ID + event.id + "#item/1/quantity"
    assert objects(quads, q, AGT.low) == [Literal("2.5", datatype=n(XSD + "decimal"))]
    assert objects(quads, q, AGT.high) == [Literal("9000000", datatype=n(XSD + "integer"))]
    assert objects(quads, q, AGT.qualifier) == [Literal("between")]
    assert objects(quads, q, AGT.text) == [Literal("between 2.5 and 9 million")]
    assert objects(quads, q, AGT.value) == []
    p = ID + event.id + "#period"
    assert objects(quads, p, AGT.start) == [Literal("2023-09", datatype=n(XSD + "gYearMonth"))]
    assert objects(quads, p, AGT.end) == [Literal("2024", datatype=n(XSD + "gYear"))]
    assert objects(quads, p, AGT.earliest) == [Literal("2023-09-01", datatype=n(XSD + "date"))]
    assert objects(quads, p, AGT.latest) == [Literal("2024-12-31", datatype=n(XSD + "date"))]
    assert objects(quads, p, AGT.text) == [Literal("from September 2023 through 2024")]


def test_lists_keep_members_and_order(rich: Dataset, quads: set[Quad]) -> None:
    event = next(
        e for e in rich.events.values() if e.kind is EventKind.SHIPMENT and e.supplier == "PRK"
    )
    s = ID + event.id
    assert {o.value for o in objects(quads, s, AGT.port)} == {"Rajin", "Dunai"}

    def walk(cell: str) -> Iterator[str]:
        while cell != "http://www.w3.org/1999/02/22-rdf-syntax-ns#nil":
            first = objects(quads, cell, n("http://www.w3.org/1999/02/22-rdf-syntax-ns#first"))
            yield first[0].value
            cell = objects(quads, cell, n("http://www.w3.org/1999/02/22-rdf-syntax-ns#rest"))[
                0
            ].value

    [head] = objects(quads, s, AGT.portList)
    assert list(walk(head.value)) == ["Rajin", "Dunai", "Rajin"]


@pytest.mark.parametrize(
    ("value", "lexical", "datatype"),
    [(100, "100", "integer"), (2.5, "2.5", "decimal"), (1e-7, "0.0000001", "decimal")],
)
def test_numbers(value: float, lexical: str, datatype: str) -> None:
    assert number(value) == Literal(lexical, datatype=n(XSD + datatype))


@pytest.mark.parametrize(
    ("value", "datatype"), [("2024", "gYear"), ("2024-02", "gYearMonth"), ("2024-02-29", "date")]
)
def test_partial_dates_are_typed_by_precision(value: str, datatype: str) -> None:
    assert partial_date(value) == Literal(value, datatype=n(XSD + datatype))


def test_the_base_iri_is_configurable(rich: Dataset) -> None:
    base = "http://example.org/kg/"
    quads = set(dataset_to_quads(rich, base))
    assert all(q.subject.value.startswith(base) for q in quads)  # type: ignore[union-attr]
    assert Quad(n(base + "id/PRK"), RDF_TYPE, AGT.State, n(base + "graph/reference")) in quads
    with pytest.raises(ValueError):
        IriScheme("http://example.org/no-slash")


def test_agents_are_reversible() -> None:
    iris = IriScheme()
    agent = iris.agent("US State Department / Office #1")
    assert agent.value.startswith(ID + "agent/")
    assert iris.agent_name(agent) == "US State Department / Office #1"
