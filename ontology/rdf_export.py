"""Exports for partners: the store's quads, plus the vocabulary (and the shapes) that make them
self-contained.

A partner validating the export with ``shapes.ttl`` alone needs ``rdfs:subClassOf``: the
shapes say ``sh:class ag:Statement`` and the data types nodes with its subclasses. SHACL
follows ``rdfs:subClassOf`` in the data graph, so the export carries the vocabulary in its
own named graph (``<https://w3id.org/armsgraph/ontology>``, the ontology's IRI) and, on
request, the shapes in ``<https://w3id.org/armsgraph/shapes>``. Formats without named
graphs (``ttl``, ``nt``) write the union, vocabulary included.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

import pyoxigraph
from pyoxigraph import NamedNode, Quad, RdfFormat

from armsgraph.core.errors import StoreError
from armsgraph.ontology.jsonld import write_jsonld
from armsgraph.ontology.terms import PREFIXES

HERE = Path(__file__).resolve().parent
VOCABULARY_FILE = HERE / "armsgraph.ttl"
SHAPES_FILE = HERE / "shapes.ttl"
VOCABULARY_GRAPH = NamedNode("https://w3id.org/armsgraph/ontology")
SHAPES_GRAPH = NamedNode("https://w3id.org/armsgraph/shapes")

EXPORT_FORMATS: dict[str, RdfFormat] = {
    "ttl": RdfFormat.TURTLE,
    "nt": RdfFormat.N_TRIPLES,
    "nq": RdfFormat.N_QUADS,
    "trig": RdfFormat.TRIG,
    "jsonld": RdfFormat.JSON_LD,
}


def rdf_format(fmt: str) -> RdfFormat:
    if fmt not in EXPORT_FORMATS:
        known = ", ".join(EXPORT_FORMATS)
        raise StoreError(f"unknown export format {fmt!r}; use one of {known}")
    return EXPORT_FORMATS[fmt]


def companion_quads(vocabulary: bool = True, shapes: bool = False) -> list[Quad]:
    """The vocabulary and/or the shapes, each in its own named graph, grouped by subject."""
    held = pyoxigraph.Store()
    for wanted, path, graph in (
        (vocabulary, VOCABULARY_FILE, VOCABULARY_GRAPH),
        (shapes, SHAPES_FILE, SHAPES_GRAPH),
    ):
        if wanted:
            held.load(path=str(path), format=RdfFormat.TURTLE, to_graph=graph)
    return list(held.quads_for_pattern(None, None, None, None))


def write_quads(db: pyoxigraph.Store, out: BinaryIO, fmt: str, extra: Iterable[Quad] = ()) -> None:
    """Stream the store, then ``extra``: ``nq``/``trig``/``jsonld`` keep the named graphs;
    ``ttl``/``nt`` write the union of all graphs as one graph."""
    target = rdf_format(fmt)
    extra = list(extra)
    if target is RdfFormat.JSON_LD:
        write_jsonld(itertools.chain(db.quads_for_pattern(None, None, None, None), extra), out)
    elif target.supports_datasets:
        db.dump(out, target, prefixes=PREFIXES)
        if extra:  # TriG and N-Quads documents may be concatenated
            out.write(b"\n")
            pyoxigraph.serialize(extra, out, target, prefixes=PREFIXES)
    else:
        triples: Iterator[pyoxigraph.Triple] = (q.triple for q in itertools.chain(db, extra))
        pyoxigraph.serialize(triples, out, target, prefixes=PREFIXES)


def write_export(
    db: pyoxigraph.Store, out: BinaryIO, fmt: str, vocabulary: bool = True, shapes: bool = False
) -> None:
    """The partner export: the store's quads and the companion graphs asked for."""
    write_quads(db, out, fmt, companion_quads(vocabulary, shapes))
