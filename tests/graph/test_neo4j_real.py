"""The real data set, time-limited reads and chunked loads, on a real Neo4j server."""

from __future__ import annotations

from collections import Counter

import pytest
from neo4j import Driver

from armsgraph.core import query
from armsgraph.core.dataset import Dataset
from armsgraph.core.errors import QueryTimeoutError
from armsgraph.core.ids import claim_id
from armsgraph.core.model import (
    BreachBasis,
    Category,
    EventKind,
)
from armsgraph.core.reasoner import derive_breaches
from armsgraph.core.store import BreachFilter, EventFilter
from armsgraph.graph.neo4j_store import Neo4jStore
from tests.support.datasets import reference, synthetic
from tests.support.neo4j import HELD, forget, holding, saved, supplied_to
from tests.support.stores import (
    assert_paths_agree,
    assert_round_trip,
    neo4j_store,
)
from tests.support.stores import date as _date

pytestmark = pytest.mark.neo4j


# --- the real data ------------------------------------------------------------------------------


def test_real_data(store: Neo4jStore, real_dataset: Dataset) -> None:
    d = real_dataset
    assert d.counts()["shipments"] > 0, "the real data set has shipments"
    forget()
    store.clear()
    report = store.load(d)
    HELD["dataset"] = d
    assert report.after == d.counts() and store.counts() == d.counts()
    assert not store.load(d).changed
    assert_round_trip(store, d)
    read = store.get_claims(sorted(d.claims))
    assert [c.id for c in read] == sorted(d.claims)
    # A claim read back takes its node's id: it is the hash of the content read.
    assert all(claim_id(c) == c.id for c in read)
    for f in (
        {},
        {"supplier": "PRK"},
        {"recipient": "PRK"},
        {"category": Category.MISSILES},
        {"since": _date("2024-01-01")},
        {"kind": EventKind.DEPLOYMENT},
    ):
        assert store.find_events(EventFilter(**f)) == query.find_events(d, EventFilter(**f))
    for b in (
        {},
        {"state": "RUS"},
        {"state": "PRK"},
        {"basis": BreachBasis.INFERRED},
        {"basis": BreachBasis.ASSERTED},
    ):
        assert store.find_breaches(BreachFilter(**b)) == query.find_breaches(d, BreachFilter(**b))
    pairs = [("PRK", "RUS"), ("RUS", "PRK"), ("CHN", "RUS"), ("RUS", "IRN")]
    assert assert_paths_agree(store, d, pairs, hops=(1, 2, 3, 4)) > 0


def test_real_dprk_to_russia_saved_query(store: Neo4jStore, real_dataset: Dataset) -> None:
    holding(store, real_dataset)
    rows = store.run_read_cypher(saved("DPRK -> Russia"), {}, timeout_s=30)
    expected = query.find_events(real_dataset, EventFilter(supplier="PRK", recipient="RUS"))
    assert sorted(r["event"]["id"] for r in rows) == expected
    shipments = [r for r in rows if r["kind"] == "shipment"]
    assert shipments
    for row in shipments:
        assert row["items"]
        assert row["sources"] and all(s["quote"] and s["source"] for s in row["sources"])
        event = real_dataset.events[row["event"]["id"]]
        quotes = {real_dataset.claims[c].quote for c in event.claims}
        assert {s["quote"] for s in row["sources"]} == quotes
    breached = Counter(p for r in rows for p in r["provisions_breached"])
    assert breached, "the real DPRK-to-Russia transfers breach provisions"
    back = store.run_read_cypher(saved("Russia -> DPRK"), {}, timeout_s=30)
    assert sorted(r["event"]["id"] for r in back) == query.find_events(
        real_dataset, EventFilter(supplier="RUS", recipient="PRK")
    )


def test_reads_are_time_limited(store: Neo4jStore) -> None:
    # The API passes its query time limit to every read, path searches included, so a slow
    # query gives 504 instead of holding the server (a 1M-claim benchmark ran out of heap).
    limited = neo4j_store(read_timeout_s=0.5)
    try:
        with pytest.raises(QueryTimeoutError, match=r"longer than 0\.5 s"):
            limited._read("UNWIND range(1, 1000000000) AS x RETURN count(x) AS n")
        assert limited.counts().keys() == store.counts().keys()
    finally:
        limited.close()


def test_load_many_equals_one_load(store: Neo4jStore, driver: Driver) -> None:
    # Chunks of one data set, the SUPPLIED_TO view rebuilt once at the end, give the same
    # graph as loading everything in one call.
    whole = synthetic(400, seed=11)
    store.clear()
    store.load(whole)
    expected_counts, expected_view = store.counts(), supplied_to(driver)
    store.clear()
    claims = sorted(whole.claims.values(), key=lambda c: c.id)
    chunks = []
    for half in (claims[: len(claims) // 2], claims[len(claims) // 2 :]):
        chunk = reference()
        chunk.sources = dict(whole.sources)
        chunk.add_claims(half)
        chunk.breaches = derive_breaches(chunk)
        chunks.append(chunk)
    report = store.load_many(chunks)
    assert report.changed and report.batches > 0
    assert store.counts()["claims"] == expected_counts["claims"]
    assert store.counts()["shipments"] == expected_counts["shipments"]
    assert supplied_to(driver) == expected_view
