"""SHACL validation of the RDF the builder writes, against ``shapes.ttl``.

The union of all named graphs is validated (claims point to sources, items to weapon
systems in other graphs), with ``armsgraph.ttl`` as the ontology graph so that targets
and ``sh:class`` follow ``rdfs:subClassOf``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph
import rdflib

HERE = Path(__file__).resolve().parent
ONTOLOGY_FILE = HERE / "armsgraph.ttl"
SHAPES_FILE = HERE / "shapes.ttl"


@dataclass(frozen=True)
class ShaclReport:
    conforms: bool
    text: str
    results: int
    graph: rdflib.Graph


def union_graph(quads: Iterable[pyoxigraph.Quad]) -> rdflib.Graph:
    """The quads as one rdflib graph (graph names dropped); the data has no blank nodes."""
    graph = rdflib.Graph()
    for quad in quads:
        graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
    return graph


def to_rdflib(term: object) -> rdflib.term.Node:
    if isinstance(term, pyoxigraph.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, pyoxigraph.Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        if term.datatype.value == str(rdflib.XSD.string):
            return rdflib.Literal(term.value)  # a simple literal, as the parsers read it
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))
    if isinstance(term, pyoxigraph.BlankNode):
        return rdflib.BNode(term.value)
    raise TypeError(f"unsupported term {term!r}")


def validate(data: rdflib.Graph) -> ShaclReport:
    from pyshacl import validate as shacl_validate

    shapes = rdflib.Graph().parse(SHAPES_FILE)
    ontology = rdflib.Graph().parse(ONTOLOGY_FILE)
    conforms, report, text = shacl_validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none", allow_warnings=False
    )
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    results = len(set(report.subjects(rdflib.RDF.type, sh.ValidationResult)))
    return ShaclReport(bool(conforms), str(text), results, report)
