"""SPARQL in killable worker processes: a runaway query's worker is killed, the next answers."""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from armsgraph.core.dataset import Dataset
from armsgraph.core.errors import (
    BusyError,
    NotAcceptableError,
    QueryRefusedError,
    QueryTimeoutError,
)
from armsgraph.ontology.rdf_sparql import SparqlEndpoint
from armsgraph.ontology.rdf_store import RdfStore
from armsgraph.ontology.sparql_workers import SparqlWorkers

JSON = "application/sparql-results+json"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
# A count over the cube of the store's quads: it computes for hours and streams nothing, so
# the thread runner (rdf_sparql.SparqlEndpoint) cannot stop it; its thread would keep a core.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def alive(pid: int) -> bool:
    return Path(f"/proc/{pid}").exists()


def count(workers: SparqlWorkers | SparqlEndpoint) -> int:
    body, _ = workers.run(COUNT, JSON, 30)
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


@pytest.fixture
def store(real_dataset: Dataset, tmp_path: Path) -> Iterator[RdfStore]:
    store = RdfStore(tmp_path / "oxigraph")
    store.load(real_dataset)
    yield store
    store.close()


def test_a_runaway_query_has_its_worker_killed_and_the_next_query_answers(
    store: RdfStore,
) -> None:
    workers = store.endpoint
    assert isinstance(workers, SparqlWorkers)
    quads = count(workers)
    assert quads > 1000
    [pid] = workers.pids
    started = time.monotonic()
    with pytest.raises(QueryTimeoutError):
        workers.run(RUNAWAY, JSON, 1.0)
    assert time.monotonic() - started < 10
    assert not alive(pid), "the runaway query's worker still runs"
    assert workers.running == 0 and workers.pids == []
    assert count(workers) == quads  # a new worker answers
    [replacement] = workers.pids
    assert replacement != pid


def test_a_worker_sees_what_was_written_after_it_started(
    store: RdfStore, real_dataset: Dataset
) -> None:
    before = count(store.endpoint)
    store.clear()
    assert count(store.endpoint) == 0
    store.load(real_dataset)
    assert count(store.endpoint) == before


def test_errors_come_back_from_the_worker(store: RdfStore) -> None:
    with pytest.raises(QueryRefusedError, match="not a valid SPARQL query"):
        store.sparql("SELECT WHERE {", JSON, 10)
    with pytest.raises(NotAcceptableError):
        store.sparql(COUNT, "image/png", 10)
    with pytest.raises(QueryRefusedError, match="read-only"):
        store.sparql("CLEAR ALL", JSON, 10)
    small = SparqlWorkers(store.path or Path(), max_result_bytes=1000)
    try:
        with pytest.raises(QueryRefusedError, match="larger than"):
            small.run("SELECT * WHERE { ?s ?p ?o }", JSON, 30)
    finally:
        small.close()
    assert count(store.endpoint) > 0  # the worker that reported them still serves


def test_at_most_size_queries_run_at_once(store: RdfStore) -> None:
    workers = SparqlWorkers(store.path or Path(), size=1)
    outcome: list[BaseException] = []

    def runaway() -> None:
        try:
            workers.run(RUNAWAY, JSON, 5)
        except BaseException as exc:
            outcome.append(exc)

    thread = threading.Thread(target=runaway)
    try:
        thread.start()
        deadline = time.monotonic() + 60
        while workers.running == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        with pytest.raises(BusyError):
            workers.run(COUNT, JSON, 5)
        thread.join()
        assert isinstance(outcome[0], QueryTimeoutError)
        assert count(workers) > 0
    finally:
        workers.close()


def test_closing_the_store_stops_its_workers(real_dataset: Dataset, tmp_path: Path) -> None:
    store = RdfStore(tmp_path / "oxigraph")
    store.load(real_dataset)
    count(store.endpoint)
    assert isinstance(store.endpoint, SparqlWorkers)
    pids = store.endpoint.pids
    store.close()
    assert pids and not any(alive(p) for p in pids)


def test_a_worker_answers_while_the_store_compacts_its_files(store: RdfStore) -> None:
    """RocksDB compacts in the background after a write and deletes the files it merged; a
    worker that opened the store just before must not fail (it did in CI). Here a thread
    makes the store write, flush and compact new files all the time; what it writes (one
    quad of its own, added and removed) is outside what the workers count."""
    workers = store.endpoint
    assert isinstance(workers, SparqlWorkers)
    churn = NamedNode("urn:test:churn")
    counted = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(?p != <urn:test:churn>) }"

    def count_data() -> int:
        body, _ = workers.run(counted, JSON, 30)
        return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])

    quads = count_data()
    stop = threading.Event()

    def compact() -> None:
        db = store.db
        for i in itertools.count():
            if stop.is_set():
                return
            quad = Quad(churn, churn, Literal(str(i)))
            db.add(quad)
            db.flush()
            db.remove(quad)
            db.flush()
            db.optimize()

    compactor = threading.Thread(target=compact)
    compactor.start()
    try:
        answers = [count_data() for _ in range(40)]
    finally:
        stop.set()
        compactor.join()
    assert answers == [quads] * 40
