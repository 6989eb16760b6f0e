"""Writing RDF: typed literals, fragment IRIs, and the quads of one named graph.

``GraphWriter`` holds the conventions every description follows: a type and a
``dcterms:identifier`` per resource, optional values left out, list fields written as
member triples, plus an rdf:List with IRI cells (``<owner>#<list>/<i>``) only where the
members alone would not give the list back (see ``members``), agents as ``prov:Agent`` with
their name as label.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from pyoxigraph import Literal, NamedNode, Quad

from armsgraph.core.dates import precision
from armsgraph.ontology.iris import IriScheme
from armsgraph.ontology.terms import (
    AGT,
    DCT_IDENTIFIER,
    PROV_AGENT,
    RDF_FIRST,
    RDF_NIL,
    RDF_REST,
    RDF_TYPE,
    RDFS_LABEL,
    SKOS_EXACT_MATCH,
    WIKIDATA,
    XSD_DATE,
    XSD_DECIMAL,
    XSD_GYEAR,
    XSD_GYEARMONTH,
    XSD_INTEGER,
)

Object = NamedNode | Literal
Quads = Iterator[Quad]

_PARTIAL_TYPES = {"year": XSD_GYEAR, "month": XSD_GYEARMONTH, "day": XSD_DATE}

# --- literals ----------------------------------------------------------------------------------


def partial_date(value: str) -> Literal:
    """2023 -> xsd:gYear, 2023-09 -> xsd:gYearMonth, 2023-09-15 -> xsd:date."""
    return Literal(value, datatype=_PARTIAL_TYPES[precision(value)])


def date(value: dt.date) -> Literal:
    return Literal(value.isoformat(), datatype=XSD_DATE)


def number(value: float) -> Literal:
    """Whole numbers as xsd:integer, others as xsd:decimal (exactly the float's repr)."""
    if isinstance(value, int):
        return Literal(str(value), datatype=XSD_INTEGER)
    return Literal(format(Decimal(repr(value)), "f"), datatype=XSD_DECIMAL)


def part(owner: NamedNode, name: str) -> NamedNode:
    """A structured value of ``owner``: ``<x>`` + a -> ``<x>#a``; ``<x>#a`` + b -> ``<x>#a/b``."""
    value = owner.value
    return NamedNode(f"{value}/{name}" if "#" in value else f"{value}#{name}")


def canonical(items: Sequence[Object]) -> bool:
    """Are the terms strictly increasing in their N-Triples form? Such a list is exactly the
    set of its members, sorted: ``rdf_reader.Node.members`` reads it back so."""
    keys = [str(item) for item in items]
    return all(a < b for a, b in itertools.pairwise(keys))


# --- writing into one graph ------------------------------------------------------------------


@dataclass(frozen=True)
class GraphWriter:
    """Makes the quads of one named graph (``iris`` for the IRIs of linked resources)."""

    iris: IriScheme
    name: NamedNode

    def add(self, s: NamedNode, p: NamedNode, o: Object) -> Quad:
        return Quad(s, p, o, self.name)

    def text(self, s: NamedNode, p: NamedNode, value: str | None) -> Quads:
        if value is not None:
            yield Quad(s, p, Literal(value), self.name)

    def head(self, s: NamedNode, kind: NamedNode, ident: str) -> Quads:
        yield Quad(s, RDF_TYPE, kind, self.name)
        yield Quad(s, DCT_IDENTIFIER, Literal(ident), self.name)

    def members(
        self, s: NamedNode, member: NamedNode, list_p: NamedNode, items: Sequence[Object]
    ) -> Quads:
        """``s member i`` for each item, and ``s list_p (i1 i2 ...)`` with IRI cells when the
        list is not in canonical order (see ``canonical``): only then do the member triples
        alone lose its order or its duplicates. Most lists (one transport, one vessel, an
        event's sorted claims) need no cells, which were a seventh of a claim's quads."""
        if not items:
            return
        for item in items:
            yield Quad(s, member, item, self.name)
        if canonical(items):
            return
        name = list_p.value.rsplit("#", 1)[1]
        cells = [part(s, f"{name}/{i}") for i in range(len(items))]
        yield Quad(s, list_p, cells[0], self.name)
        for i, (cell, item) in enumerate(zip(cells, items, strict=True)):
            yield Quad(cell, RDF_FIRST, item, self.name)
            yield Quad(cell, RDF_REST, cells[i + 1] if i + 1 < len(cells) else RDF_NIL, self.name)

    def entities(
        self, s: NamedNode, member: NamedNode, list_p: NamedNode, ids: Sequence[str]
    ) -> Quads:
        yield from self.members(s, member, list_p, [self.iris.entity(i) for i in ids])

    def texts(
        self, s: NamedNode, member: NamedNode, list_p: NamedNode, values: Sequence[str]
    ) -> Quads:
        yield from self.members(s, member, list_p, [Literal(str(v)) for v in values])

    def citations(self, s: NamedNode, values: Sequence[str]) -> Quads:
        yield from self.texts(s, AGT.citation, AGT.citationList, values)

    def wikidata(self, s: NamedNode, qid: str | None) -> Quads:
        if qid is not None:
            yield Quad(s, SKOS_EXACT_MATCH, NamedNode(WIKIDATA + qid), self.name)

    def agent(self, s: NamedNode, p: NamedNode, name: str) -> Quads:
        agent = self.iris.agent(name)
        yield Quad(s, p, agent, self.name)
        yield Quad(agent, RDF_TYPE, PROV_AGENT, self.name)
        yield Quad(agent, RDFS_LABEL, Literal(name), self.name)
