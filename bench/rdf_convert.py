"""pyoxigraph terms -> rdflib terms (what a plain-rdflib pipeline would have built)."""

from __future__ import annotations

import pyoxigraph
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

_iri_cache: dict[str, URIRef] = {}


def to_rdflib(term: object) -> Node:
    if isinstance(term, pyoxigraph.NamedNode):
        value = term.value
        iri = _iri_cache.get(value)
        if iri is None:
            iri = URIRef(value)
            if len(_iri_cache) < 100_000:
                _iri_cache[value] = iri
        return iri
    if isinstance(term, pyoxigraph.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    if isinstance(term, pyoxigraph.BlankNode):
        return BNode(term.value)
    if isinstance(term, pyoxigraph.DefaultGraph):
        return URIRef("urn:x-rdflib:default")
    raise TypeError(f"unexpected term {term!r}")


def to_rdflib_triple(quad: pyoxigraph.Quad) -> tuple[Node, Node, Node]:
    return (to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object))


def to_rdflib_quad(quad: pyoxigraph.Quad) -> tuple[Node, Node, Node, Node]:
    return (*to_rdflib_triple(quad), to_rdflib(quad.graph_name))
