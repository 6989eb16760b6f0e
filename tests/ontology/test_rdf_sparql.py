"""The read-only SPARQL endpoint: refusals, result formats, time limit."""

from __future__ import annotations

import csv
import io
import json
import time
import xml.etree.ElementTree as ET

import pytest
import rdflib

from armsgraph.core.errors import QueryRefusedError, QueryTimeoutError
from armsgraph.core.model import ActorKind
from armsgraph.ontology.rdf_sparql import (
    SELECT_FORMATS,
    SparqlEndpoint,
    check_query,
    keywords,
    negotiate,
)
from armsgraph.ontology.rdf_store import RdfStore

JSON = "application/sparql-results+json"
COUNT_STATES = "SELECT ?id WHERE { ?s a ag:State ; dcterms:identifier ?id } ORDER BY ?id"

REFUSED = [
    "INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "delete { ?s ?p ?o } where { ?s ?p ?o }",
    "LOAD <http://example.org/data.ttl>",
    "CLEAR ALL",
    "DROP GRAPH <https://w3id.org/armsgraph/graph/reference>",
    "CREATE GRAPH <http://e/g>",
    "ADD DEFAULT TO <http://e/g>",
    "MOVE <http://e/a> TO <http://e/b>",
    "COPY DEFAULT TO <http://e/g>",
    "WITH <http://e/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "PREFIX x: <http://e/> INSERT { ?s x:p 1 } WHERE { ?s ?p ?o }",
    "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { service silent <http://example.org/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { ?a ?b ?c.SERVICE<http://example.org/sparql>{ ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE ?endpoint { ?s ?p ?o } }",
    "SELECT * WHERE { \\u0053ERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "# a comment\nSELECT * WHERE { # SERVICE in a comment\n SERVICE <http://e/> { ?s ?p ?o } }",
]

ALLOWED = [
    'SELECT ?service WHERE { ?service ?p "SERVICE INSERT DELETE" }',
    "SELECT * WHERE { ?s <http://example.org/SERVICE> ?o } # DROP this",
    'SELECT * WHERE { ?s ?p """a long\nstring with LOAD and SERVICE""" }',
    "SELECT * WHERE { ?s ?p 'CLEAR' . ?s ex:service ?x . ?s ex:load ?y }",
    "SELECT * WHERE { ?s ?p ?o FILTER(?o < 3 && ?o > 1) }",
    'SELECT * WHERE { ?s ?p "x"@service }',
]


@pytest.mark.parametrize("query", REFUSED)
def test_updates_and_service_are_refused(query: str, rich_store: RdfStore) -> None:
    with pytest.raises(QueryRefusedError):
        check_query(query)
    with pytest.raises(QueryRefusedError):
        rich_store.sparql(query, JSON, 5)
    assert rich_store.counts()["states"] > 0


@pytest.mark.parametrize("query", ALLOWED)
def test_keywords_in_strings_iris_comments_and_names_are_not_refused(query: str) -> None:
    check_query(query)


def test_keywords_ignore_strings_and_iris() -> None:
    words = keywords('SELECT ?x WHERE { ?x <http://e/INSERT> "DELETE" } # LOAD')
    assert {"SELECT", "WHERE", "?X"} <= words
    assert not words & {"INSERT", "DELETE", "LOAD"}


def test_invalid_sparql_is_refused(rich_store: RdfStore) -> None:
    with pytest.raises(QueryRefusedError, match="not a valid SPARQL query"):
        rich_store.sparql("SELECT WHERE {", JSON, 5)


def _state_ids(rich_store: RdfStore) -> list[str]:
    return [s.id for s in rich_store.get_states() if s.kind is ActorKind.STATE]


def test_json_results(rich_store: RdfStore) -> None:
    body, media = rich_store.sparql(COUNT_STATES, JSON, 5)
    assert media == JSON
    rows = json.loads(body)["results"]["bindings"]
    assert [r["id"]["value"] for r in rows] == _state_ids(rich_store)


def test_csv_and_tsv_results(rich_store: RdfStore) -> None:
    body, media = rich_store.sparql(COUNT_STATES, "text/csv", 5)
    assert media == "text/csv"
    rows = list(csv.reader(io.StringIO(body.decode())))
    assert rows[0] == ["id"] and [r[0] for r in rows[1:]] == _state_ids(rich_store)
    body, media = rich_store.sparql(COUNT_STATES, "text/tab-separated-values", 5)
    assert media == "text/tab-separated-values"
    assert body.decode().splitlines()[0] == "?id"


def test_xml_results(rich_store: RdfStore) -> None:
    body, media = rich_store.sparql(COUNT_STATES, "application/sparql-results+xml", 5)
    assert media == "application/sparql-results+xml"
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    root = ET.fromstring(body)
    assert [e.text for e in root.iterfind(".//r:literal", ns)] == _state_ids(rich_store)


def test_ask_and_construct(rich_store: RdfStore) -> None:
    body, _ = rich_store.sparql("ASK { ?s a ag:Breach }", "*/*", 5)
    assert json.loads(body)["boolean"] is True
    query = "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s a ag:State ; rdfs:label ?l }"
    body, media = rich_store.sparql(query, "text/turtle", 5)
    assert media == "text/turtle"
    assert len(rdflib.Graph().parse(data=body, format="turtle")) == len(_state_ids(rich_store))


def test_the_default_graph_is_the_union_and_named_graphs_are_there(rich_store: RdfStore) -> None:
    query = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    body, _ = rich_store.sparql(query, JSON, 5)
    assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == "5"


@pytest.mark.parametrize(
    ("accept", "chosen"),
    [
        ("", "application/sparql-results+json"),
        ("*/*", "application/sparql-results+json"),
        ("text/html, text/csv;q=0.9, */*;q=0.1", "text/csv"),
        (
            "application/sparql-results+xml;q=0.5, text/tab-separated-values",
            "text/tab-separated-values",
        ),
        ("application/json", "application/json"),
    ],
)
def test_content_negotiation(accept: str, chosen: str) -> None:
    assert negotiate(accept, SELECT_FORMATS, "application/sparql-results+json") == chosen


def test_an_unsupported_accept_is_refused(rich_store: RdfStore) -> None:
    with pytest.raises(QueryRefusedError, match="cannot answer"):
        rich_store.sparql(COUNT_STATES, "image/png", 5)


RUNAWAY = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # streams rows for ever


def _settle(endpoint: SparqlEndpoint) -> int:
    deadline = time.monotonic() + 30
    while endpoint.running and time.monotonic() < deadline:
        time.sleep(0.05)
    return endpoint.running


def test_the_time_limit_stops_a_runaway_query(real_store: RdfStore) -> None:
    endpoint = SparqlEndpoint(real_store.db, max_result_bytes=10**12)
    started = time.monotonic()
    with pytest.raises(QueryTimeoutError):
        endpoint.run(RUNAWAY, "text/csv", 0.3)
    assert time.monotonic() - started < 10
    assert _settle(endpoint) == 0, "the worker kept running after the time limit"
    body, _ = endpoint.run(COUNT_STATES, JSON, 5)
    assert json.loads(body)["results"]["bindings"]


def test_the_store_endpoint_times_out(real_store: RdfStore) -> None:
    with pytest.raises(QueryRefusedError):  # the time limit or the size limit, whichever first
        real_store.sparql(RUNAWAY, JSON, 0.2)
    assert _settle(real_store.endpoint) == 0


def test_results_too_large_are_refused(real_store: RdfStore) -> None:
    endpoint = SparqlEndpoint(real_store.db, max_result_bytes=10_000)
    with pytest.raises(QueryRefusedError, match="larger than"):
        endpoint.run("SELECT * WHERE { ?s ?p ?o }", JSON, 10)
    assert _settle(endpoint) == 0
