"""JSON-LD export: compact with the published context, and the same quads as N-Quads."""

from __future__ import annotations

import io
import json

import pyoxigraph
import rdflib

from armsgraph.core.dataset import Dataset
from armsgraph.ontology.jsonld import compact_iri, context
from armsgraph.ontology.rdf_store import RdfStore


def _export(store: RdfStore, fmt: str) -> bytes:
    out = io.BytesIO()
    store.export(out, fmt)
    return out.getvalue()


def test_jsonld_is_compact_and_round_trips(real_dataset: Dataset) -> None:
    store = RdfStore(None)
    try:
        store.load(real_dataset)
        jsonld, nquads = _export(store, "jsonld"), _export(store, "nq")
    finally:
        store.close()
    document = json.loads(jsonld)
    assert document["@context"] == context()
    nodes = [n for g in document["@graph"] for n in g["@graph"]]
    claims = [n for n in nodes if "Claim" in n.get("@type", [])]
    assert len(claims) == len(real_dataset.claims)
    assert all("quote" in c for c in claims), "vocabulary terms are bare names"
    expected = set(pyoxigraph.parse(nquads, format=pyoxigraph.RdfFormat.N_QUADS))
    assert set(pyoxigraph.parse(jsonld, format=pyoxigraph.RdfFormat.JSON_LD)) == expected
    by_rdflib = rdflib.Dataset()
    by_rdflib.parse(data=jsonld, format="json-ld")
    assert len(set(by_rdflib.quads())) == len(expected)


def test_compact_iri() -> None:
    assert compact_iri("https://w3id.org/armsgraph/ontology#quote") == "quote"
    assert compact_iri("http://www.w3.org/ns/prov#wasDerivedFrom") == "prov:wasDerivedFrom"
    assert compact_iri("https://example.org/x") == "https://example.org/x"
