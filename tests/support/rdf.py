"""Comparing RDF: pyoxigraph quads as rdflib terms."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph
import rdflib

from armsgraph.ontology.shacl import to_rdflib

RdflibQuad = tuple[rdflib.term.Node, rdflib.term.Node, rdflib.term.Node, rdflib.term.Node | None]


def rdflib_quads(quads: Iterable[pyoxigraph.Quad]) -> set[RdflibQuad]:
    """pyoxigraph quads as rdflib terms, the way rdflib's parsers read them."""
    out: set[RdflibQuad] = set()
    for q in quads:
        graph = (
            None if isinstance(q.graph_name, pyoxigraph.DefaultGraph) else to_rdflib(q.graph_name)
        )
        out.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object), graph))
    return out
