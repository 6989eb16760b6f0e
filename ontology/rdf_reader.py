"""Reading RDF: the properties of one subject, typed values, list fields.

A ``Node`` gathers what the store says about one subject (in any named graph, duplicates
across graphs merged) and reads it back as Python values; it is strict, so a resource with
two values for a single-valued field is an error, not a silent pick.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from pyoxigraph import BlankNode, Literal, NamedNode, Store, Triple

from armsgraph.core.errors import StoreError
from armsgraph.ontology.iris import IriScheme
from armsgraph.ontology.terms import (
    RDF_FIRST,
    RDF_NIL,
    RDF_REST,
    RDF_TYPE,
    XSD_INTEGER,
)

Term = NamedNode | BlankNode | Literal | Triple


class Node:
    """The properties of one subject, across every graph it appears in."""

    def __init__(self, store: Store, iris: IriScheme, subject: NamedNode) -> None:
        self.store = store
        self.iris = iris
        self.subject = subject
        self._props: dict[str, list[Term]] = {}
        for quad in store.quads_for_pattern(subject, None, None, None):
            values = self._props.setdefault(quad.predicate.value, [])
            if quad.object not in values:
                values.append(quad.object)

    def __bool__(self) -> bool:
        return bool(self._props)

    def all(self, p: NamedNode) -> list[Term]:
        return self._props.get(p.value, [])

    def one(self, p: NamedNode) -> Term | None:
        values = self.all(p)
        if len(values) > 1:
            raise StoreError(f"{self.subject.value} has {len(values)} values for {p.value}")
        return values[0] if values else None

    def is_a(self, cls: NamedNode) -> bool:
        return cls in self.all(RDF_TYPE)

    def text(self, p: NamedNode) -> str | None:
        value = self.one(p)
        return None if value is None else literal(value).value

    def need(self, p: NamedNode) -> str:
        value = self.text(p)
        if value is None:
            raise StoreError(f"{self.subject.value} has no {p.value}")
        return value

    def number(self, p: NamedNode) -> float | None:
        value = self.one(p)
        return None if value is None else number(literal(value))

    def date(self, p: NamedNode) -> dt.date | None:
        value = self.text(p)
        return None if value is None else dt.date.fromisoformat(value)

    def node(self, p: NamedNode) -> Node | None:
        value = self.one(p)
        return None if value is None else Node(self.store, self.iris, named(value))

    def ident(self, p: NamedNode) -> str | None:
        value = self.one(p)
        return None if value is None else self.iris.ident(named(value))

    def members(self, member: NamedNode, list_p: NamedNode) -> list[Term]:
        """A list field's values in order: its rdf:List under ``list_p`` where there is one,
        else its ``member`` values sorted (``rdf_writer.members`` writes no list for a list
        that is its sorted set)."""
        head = self.one(list_p)
        if head is not None:
            return list(walk(self.store, self.iris, named(head)))
        return sorted(self.all(member), key=str)

    def indexed(self, member: NamedNode, list_p: NamedNode) -> list[Node]:
        """Structured values in order: by the position their IRI ends with (``#item/2``);
        a store written before positions sufficed has an rdf:List under ``list_p``."""
        head = self.one(list_p)
        if head is not None:
            values = list(walk(self.store, self.iris, named(head)))
        else:
            values = sorted(self.all(member), key=_position)
        return [Node(self.store, self.iris, named(v)) for v in values]


def _position(term: Term) -> int:
    position = named(term).value.rsplit("/", 1)[-1]
    if not position.isdigit():
        raise StoreError(f"{term} is not a structured value with a position")
    return int(position)


def walk(store: Store, iris: IriScheme, cell: NamedNode) -> Iterator[Term]:
    """The members of the rdf:List starting at ``cell``."""
    seen: set[str] = set()
    while cell != RDF_NIL:
        if cell.value in seen:
            raise StoreError(f"cyclic rdf:List at {cell.value}")
        seen.add(cell.value)
        node = Node(store, iris, cell)
        first = node.one(RDF_FIRST)
        if first is None:
            raise StoreError(f"list cell {cell.value} has no rdf:first")
        yield first
        rest = node.one(RDF_REST)
        cell = RDF_NIL if rest is None else named(rest)


def literal(term: Term) -> Literal:
    if not isinstance(term, Literal):
        raise StoreError(f"expected a literal, found {term}")
    return term


def named(term: Term) -> NamedNode:
    if not isinstance(term, NamedNode):
        raise StoreError(f"expected an IRI, found {term}")
    return term


def iris_of(terms: list[Term]) -> list[str]:
    return [t.value for t in terms if isinstance(t, NamedNode)]


def number(lit: Literal) -> float:
    return int(lit.value) if lit.datatype == XSD_INTEGER else float(lit.value)
