"""Streaming JSON-LD export with the published armsgraph ``@context``.

pyoxigraph writes expanded JSON-LD (full IRIs everywhere). Partners asked for compact,
readable documents, so this writer emits one node object per subject, graph by graph,
compacted with ``context.jsonld`` (vocabulary terms as bare names, other vocabularies as
prefixes). It holds one subject at a time, so memory does not grow with the graph. Where the store's
index order splits a subject's quads, the subject gets two node objects; JSON-LD merges them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from functools import cache
from itertools import groupby
from pathlib import Path
from typing import Any, BinaryIO

from pyoxigraph import BlankNode, Literal, NamedNode, Quad

from armsgraph.ontology.namespace import VOCAB
from armsgraph.ontology.terms import PREFIXES, RDF, XSD

CONTEXT_FILE = Path(__file__).with_name("context.jsonld")
_TYPE = RDF + "type"
_STRING = XSD + "string"


@cache
def context() -> dict[str, Any]:
    """The published context (``ontology/context.jsonld``, served by the API)."""
    document: dict[str, Any] = json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))
    return dict(document["@context"])


def compact_iri(iri: str) -> str:
    if iri.startswith(VOCAB) and iri[len(VOCAB) :].isidentifier():
        return iri[len(VOCAB) :]
    for prefix, namespace in PREFIXES.items():
        if prefix != "ag" and iri.startswith(namespace) and iri[len(namespace) :]:
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def _node_id(term: NamedNode | BlankNode) -> str:
    return term.value if isinstance(term, NamedNode) else f"_:{term.value}"


def _value(term: Any) -> Any:
    if isinstance(term, Literal):
        if term.language:
            return {"@value": term.value, "@language": term.language}
        if term.datatype.value == _STRING:
            return term.value
        return {"@value": term.value, "@type": compact_iri(term.datatype.value)}
    return {"@id": _node_id(term)}


def node_object(subject: NamedNode | BlankNode, quads: Iterable[Quad]) -> dict[str, Any]:
    node: dict[str, Any] = {"@id": _node_id(subject)}
    for quad in quads:
        predicate = quad.predicate.value
        if predicate == _TYPE and isinstance(quad.object, NamedNode):
            node.setdefault("@type", []).append(compact_iri(quad.object.value))
            continue
        node.setdefault(compact_iri(predicate), []).append(_value(quad.object))
    return node


def _graph_key(quad: Quad) -> str:
    return str(quad.graph_name)


def write_jsonld(quads: Iterator[Quad], out: BinaryIO) -> None:
    """Write quads (ideally grouped by graph, then subject) as one JSON-LD document."""
    out.write(b'{"@context": ')
    out.write(json.dumps(context(), ensure_ascii=False).encode())
    out.write(b',\n "@graph": [')
    first_graph = True
    for graph_name, in_graph in groupby(quads, key=lambda q: q.graph_name):
        out.write(b"" if first_graph else b",")
        first_graph = False
        graph_id = getattr(graph_name, "value", None)
        header = {"@id": graph_id} if isinstance(graph_name, NamedNode) else {}
        out.write(
            b"\n  " + json.dumps(header)[:-1].encode() + (b", " if header else b"") + b'"@graph": ['
        )
        first_node = True
        for subject, about in groupby(in_graph, key=lambda q: q.subject):
            assert isinstance(subject, NamedNode | BlankNode)
            out.write(b"" if first_node else b",")
            first_node = False
            node = node_object(subject, about)
            out.write(b"\n   " + json.dumps(node, ensure_ascii=False).encode())
        out.write(b"]}")
    out.write(b"\n]}\n")
