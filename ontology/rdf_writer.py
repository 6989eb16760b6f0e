"""Writing RDF: typed literals, fragment IRIs, and the quads of one named graph.

``GraphWriter`` holds the conventions every description follows: a type and a
``dcterms:identifier`` per resource, optional values left out, list fields written as
member triples, plus an rdf:List with IRI cells (``<owner>#<list>/<i>``) only where the
members alone would not give the list back (see ``members``), agents as ``prov:Agent`` with
their name as label.

A description is written as N-Quads text, a line a quad, built from the pyoxigraph terms'
own N-Triples forms (so escaping is Oxigraph's): ``Store.bulk_load`` parses text in Rust
with the GIL released, where a ``Quad`` object cost 3 us to make and more to hand over
(BENCHMARKS.md, "Quads as N-Quads text"). ``quads_of`` parses lines back into ``Quad``s
where objects are needed (comparing with what the store holds, exports, tests).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, parse

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
Line = str  # one quad in N-Quads, "<s> <p> o <g> .\n"
Lines = Iterator[Line]

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


def quads_of(lines: Iterable[Line]) -> Iterator[Quad]:
    """The quads of N-Quads lines (``GraphWriter``'s), as pyoxigraph objects."""
    text = "".join(lines)
    if text:
        yield from parse(input=text, format=RdfFormat.N_QUADS)


# The N-Triples form of predicates and classes, the few terms nearly every quad repeats:
# made once (``str`` of a term costs about as much as a line's formatting).
_VOCABULARY_TEXT: dict[NamedNode, str] = {}


def _vocabulary_text(term: NamedNode) -> str:
    text = _VOCABULARY_TEXT.get(term)
    if text is None:
        text = _VOCABULARY_TEXT[term] = str(term)
    return text


# --- writing into one graph ------------------------------------------------------------------


class GraphWriter:
    """Makes the quads of one named graph (``iris`` for the IRIs of linked resources), each
    an N-Quads line (``Line``)."""

    __slots__ = ("_graph_text", "_subject", "_subject_text", "iris", "name")

    def __init__(self, iris: IriScheme, name: NamedNode) -> None:
        self.iris = iris
        self.name = name
        self._graph_text = f" {name} .\n"
        # a description's quads mostly share their subject, one term object: its text once
        self._subject: NamedNode | None = None
        self._subject_text = ""

    def add(self, s: NamedNode, p: NamedNode, o: Object) -> Line:
        if s is not self._subject:
            self._subject, self._subject_text = s, str(s)
        # rdf:type's object is a class, a vocabulary term; other objects are data
        o_text = _vocabulary_text(o) if p is RDF_TYPE and isinstance(o, NamedNode) else str(o)
        return f"{self._subject_text} {_vocabulary_text(p)} {o_text}{self._graph_text}"

    def text(self, s: NamedNode, p: NamedNode, value: str | None) -> Lines:
        if value is not None:
            yield self.add(s, p, Literal(value))

    def head(self, s: NamedNode, kind: NamedNode, ident: str) -> Lines:
        yield self.add(s, RDF_TYPE, kind)
        yield self.add(s, DCT_IDENTIFIER, Literal(ident))

    def members(
        self, s: NamedNode, member: NamedNode, list_p: NamedNode, items: Sequence[Object]
    ) -> Lines:
        """``s member i`` for each item, and ``s list_p (i1 i2 ...)`` with IRI cells when the
        list is not in canonical order (see ``canonical``): only then do the member triples
        alone lose its order or its duplicates. Most lists (one transport, one vessel, an
        event's sorted claims) need no cells, which were a seventh of a claim's quads."""
        if not items:
            return
        for item in items:
            yield self.add(s, member, item)
        if canonical(items):
            return
        name = list_p.value.rsplit("#", 1)[1]
        cells = [part(s, f"{name}/{i}") for i in range(len(items))]
        yield self.add(s, list_p, cells[0])
        for i, (cell, item) in enumerate(zip(cells, items, strict=True)):
            yield self.add(cell, RDF_FIRST, item)
            yield self.add(cell, RDF_REST, cells[i + 1] if i + 1 < len(cells) else RDF_NIL)

    def entities(
        self, s: NamedNode, member: NamedNode, list_p: NamedNode, ids: Sequence[str]
    ) -> Lines:
        yield from self.members(s, member, list_p, [self.iris.entity(i) for i in ids])

    def texts(
        self, s: NamedNode, member: NamedNode, list_p: NamedNode, values: Sequence[str]
    ) -> Lines:
        yield from self.members(s, member, list_p, [Literal(str(v)) for v in values])

    def citations(self, s: NamedNode, values: Sequence[str]) -> Lines:
        yield from self.texts(s, AGT.citation, AGT.citationList, values)

    def wikidata(self, s: NamedNode, qid: str | None) -> Lines:
        if qid is not None:
            yield self.add(s, SKOS_EXACT_MATCH, NamedNode(WIKIDATA + qid))

    def agent(self, s: NamedNode, p: NamedNode, name: str) -> Lines:
        agent = self.iris.agent(name)
        yield self.add(s, p, agent)
        yield self.add(agent, RDF_TYPE, PROV_AGENT)
        yield self.add(agent, RDFS_LABEL, Literal(name))
