"""SHACL: the exported data conforms to shapes.ttl; deliberately broken graphs do not."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
import rdflib
from rdflib import RDF, Literal, URIRef

from armsgraph.core.dataset import Dataset
from armsgraph.core.model import BreachBasis, EventKind
from armsgraph.ontology.namespace import AG
from armsgraph.ontology.rdf_store import RdfStore
from armsgraph.ontology.shacl import ShaclReport, validate

# rdflib 7.6 parsers use their own deprecated APIs internally.
pytestmark = pytest.mark.filterwarnings(
    "ignore:.*(ConjunctiveGraph|default_context).*:DeprecationWarning"
)

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
XSD_INTEGER = URIRef("http://www.w3.org/2001/XMLSchema#integer")
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
SKOS = rdflib.Namespace("http://www.w3.org/2004/02/skos/core#")
ID = "https://w3id.org/armsgraph/id/"


def exported_union(store: RdfStore) -> rdflib.Graph:
    """Export as N-Quads, read with rdflib, merge the named graphs."""
    out = io.BytesIO()
    store.export(out, "nq")
    dataset = rdflib.Dataset()
    dataset.parse(data=out.getvalue(), format="nquads")
    union = rdflib.Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


@pytest.fixture(scope="module")
def rich_graph(rich_store: RdfStore) -> rdflib.Graph:
    return exported_union(rich_store)


def test_the_real_export_conforms(real_store: RdfStore) -> None:
    report = validate(exported_union(real_store))
    assert report.conforms, report.text


def test_the_synthetic_export_conforms(rich_graph: rdflib.Graph) -> None:
    report = validate(rich_graph)
    assert report.conforms, report.text


def violations(report: ShaclReport) -> set[str]:
    """Result paths (as ag:/prov:/... local names) and constraint components."""
    found = set()
    for result in report.graph.subjects(RDF.type, SH.ValidationResult):
        for path in report.graph.objects(result, SH.resultPath):
            found.add(str(path).rsplit("#", 1)[-1].rsplit("/", 1)[-1])
        for component in report.graph.objects(result, SH.sourceConstraintComponent):
            found.add(str(component).rsplit("#", 1)[-1])
    return found


def _first(rich: Dataset, pick: Callable[[Dataset], str]) -> URIRef:
    return URIRef(ID + pick(rich))


def _shipment(d: Dataset) -> str:
    return next(e.id for e in d.events.values() if e.kind is EventKind.SHIPMENT)


def _claim(d: Dataset) -> str:
    return next(iter(d.claims))


def _inferred(d: Dataset) -> str:
    return next(b.id for b in d.breaches.values() if b.basis is BreachBasis.INFERRED)


Edit = Callable[[rdflib.Graph, Dataset], None]


def drop(pick: Callable[[Dataset], str], p: URIRef, suffix: str = "") -> Edit:
    def edit(g: rdflib.Graph, d: Dataset) -> None:
        g.remove((URIRef(ID + pick(d) + suffix), p, None))

    return edit


def put(
    pick: Callable[[Dataset], str], p: URIRef, value: rdflib.term.Node, suffix: str = ""
) -> Edit:
    def edit(g: rdflib.Graph, d: Dataset) -> None:
        g.set((URIRef(ID + pick(d) + suffix), p, value))

    return edit


BROKEN: dict[str, tuple[Edit, str]] = {
    "claim without source": (drop(_claim, PROV.wasDerivedFrom), "wasDerivedFrom"),
    "claim without quote": (drop(_claim, AG.quote), "quote"),
    "claim with an empty quote": (put(_claim, AG.quote, Literal("")), "quote"),
    "confidence not in the list": (put(_claim, AG.confidence, Literal("certain")), "confidence"),
    "reported date as a plain string": (put(_claim, AG.reported, Literal("May 2025")), "reported"),
    "claim with two sources": (
        lambda g, d: g.add((_first(d, _claim), PROV.wasDerivedFrom, URIRef(ID + "news-1"))),
        "wasDerivedFrom",
    ),
    "negative quantity": (
        put(_shipment, AG.value, Literal(-5, datatype=XSD_INTEGER), "#item/0/quantity"),
        "value",
    ),
    "quantity with neither value nor bounds": (
        drop(_shipment, AG.value, "#item/0/quantity"),
        "OrConstraintComponent",
    ),
    "low above high": (
        put(_shipment, AG.low, Literal(10**9, datatype=XSD_INTEGER), "#item/1/quantity"),
        "LessThanOrEqualsConstraintComponent",
    ),
    "transfer without a supporting claim": (drop(_shipment, AG.supportedBy), "supportedBy"),
    "shipment without item lines": (drop(_shipment, AG.item), "item"),
    "supplier is not a state": (put(_shipment, AG.supplier, URIRef(ID + "kn-23")), "supplier"),
    "item line without weapon system": (drop(_shipment, AG.weapon, "#item/0"), "weapon"),
    "breach resting on no claim": (drop(_inferred, AG.restsOn), "restsOn"),
    "breach naming no state": (drop(_inferred, AG.state), "state"),
    "inferred breach without its inference": (
        drop(_inferred, PROV.wasGeneratedBy),
        "OrConstraintComponent",
    ),
    "inference without rule": (drop(_inferred, AG.rule, "#inference"), "rule"),
    "source with neither url nor document": (
        lambda g, d: g.remove((URIRef(ID + "news-1"), AG.url, None)),
        "OrConstraintComponent",
    ),
    "wikidata link that is not wikidata": (
        lambda g, d: g.set((URIRef(ID + "PRK"), SKOS.exactMatch, URIRef("http://example.org/Q1"))),
        "exactMatch",
    ),
    # caught by the shapes generated from the mapping table (no hand-written shape says it)
    "resolution with two votes": (
        lambda g, d: g.add((URIRef(ID + "unscr-1718"), AG.vote, Literal("one more"))),
        "vote",
    ),
    "state capital as a number": (
        lambda g, d: g.set((URIRef(ID + "PRK"), AG.capital, Literal(1, datatype=XSD_INTEGER))),
        "capital",
    ),
    "weapon category not in the list": (
        lambda g, d: g.set((URIRef(ID + "kn-23"), AG.category, Literal("rockets"))),
        "category",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_graph_does_not_conform(
    rich_graph: rdflib.Graph, rich: Dataset, case: str
) -> None:
    edit, expected = BROKEN[case]
    graph = rdflib.Graph()
    for triple in rich_graph:
        graph.add(triple)
    edit(graph, rich)
    assert set(graph) != set(rich_graph), "the edit changed nothing"
    report = validate(graph)
    assert not report.conforms
    assert expected in violations(report), report.text
