"""Every export format parses back, with rdflib and with pyoxigraph, to what the store holds."""

from __future__ import annotations

import io

import pyoxigraph
import pytest
import rdflib
from rdflib.compare import isomorphic

from armsgraph.core.errors import StoreError
from armsgraph.ontology.rdf_export import EXPORT_FORMATS
from armsgraph.ontology.rdf_store import RdfStore
from armsgraph.ontology.shacl import union_graph
from tests.support.rdf import RdflibQuad, rdflib_quads

# rdflib 7.6 parsers use their own deprecated APIs internally.
pytestmark = pytest.mark.filterwarnings(
    "ignore:.*(ConjunctiveGraph|default_context).*:DeprecationWarning"
)

RDFLIB_FORMATS = {"ttl": "turtle", "nt": "nt", "nq": "nquads", "trig": "trig", "jsonld": "json-ld"}
DATASET_FORMATS = ("nq", "trig", "jsonld")


def export(store: RdfStore, fmt: str) -> bytes:
    out = io.BytesIO()
    store.export(out, fmt)
    return out.getvalue()


def rdflib_read(data: bytes, fmt: str) -> set[RdflibQuad]:
    if fmt not in DATASET_FORMATS:
        graph = rdflib.Graph().parse(data=data, format=RDFLIB_FORMATS[fmt])
        return {(s, p, o, None) for s, p, o in graph}
    dataset = rdflib.Dataset()
    dataset.parse(data=data, format=RDFLIB_FORMATS[fmt])
    out: set[RdflibQuad] = set()
    for s, p, o, g in dataset.quads((None, None, None, None)):
        name = getattr(g, "identifier", g)
        assert name != rdflib.graph.DATASET_DEFAULT_GRAPH_ID, "a quad fell into the default graph"
        out.add((s, p, o, name))
    return out


def expected(store: RdfStore, fmt: str) -> set[RdflibQuad]:
    quads = rdflib_quads(store.db)
    if fmt in DATASET_FORMATS:
        return quads
    return {(s, p, o, None) for s, p, o, _ in quads}


@pytest.fixture(params=["rich_store", "real_store"])
def store(request: pytest.FixtureRequest) -> RdfStore:
    store: RdfStore = request.getfixturevalue(request.param)
    return store


@pytest.mark.parametrize("fmt", sorted(EXPORT_FORMATS))
def test_rdflib_reads_back_the_same_data(store: RdfStore, fmt: str) -> None:
    assert rdflib_read(export(store, fmt), fmt) == expected(store, fmt)


@pytest.mark.parametrize("fmt", sorted(EXPORT_FORMATS))
def test_pyoxigraph_reads_back_the_same_data(store: RdfStore, fmt: str) -> None:
    parsed = list(pyoxigraph.parse(export(store, fmt), EXPORT_FORMATS[fmt]))
    if fmt in DATASET_FORMATS:
        assert set(parsed) == set(store.db)
    else:
        assert {q.triple for q in parsed} == {q.triple for q in store.db}


def test_turtle_is_isomorphic_to_the_union_graph(rich_store: RdfStore) -> None:
    parsed = rdflib.Graph().parse(data=export(rich_store, "ttl"), format="turtle")
    assert isomorphic(parsed, union_graph(rich_store.db))


def test_trig_keeps_one_graph_per_source(rich_store: RdfStore) -> None:
    dataset = rdflib.Dataset()
    dataset.parse(data=export(rich_store, "trig"), format="trig")
    names = {str(g.identifier) for g in dataset.graphs() if len(g)}
    base = "https://w3id.org/armsgraph/graph/"
    assert names == {base + n for n in ("reference", "derived", "report-1", "news-1", "local-1")}


def test_turtle_uses_the_prefixes(rich_store: RdfStore) -> None:
    head = export(rich_store, "ttl")[:2000].decode()
    assert "@prefix ag: <https://w3id.org/armsgraph/ontology#> ." in head


def test_an_unknown_format_is_refused(rich_store: RdfStore) -> None:
    with pytest.raises(StoreError):
        rich_store.export(io.BytesIO(), "xml")
