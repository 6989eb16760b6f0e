"""Neo4jStore on a real server (see conftest): schema, counts, idempotent loads, hydration."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from neo4j import Driver

from armsgraph.core.dataset import Dataset
from armsgraph.core.errors import DataError, StoreError
from armsgraph.core.kinds import COUNT_KEYS
from armsgraph.graph import cypher
from armsgraph.graph.neo4j_store import Neo4jStore
from armsgraph.loaders.ingest import read_dataset
from tests.support.datasets import synthetic
from tests.support.neo4j import HELD, forget, holding, rel_counts
from tests.support.stores import assert_round_trip, neo4j_store

pytestmark = pytest.mark.neo4j


# --- schema, counts, idempotence ---------------------------------------------------------------


def test_schema_exists_after_load(store: Neo4jStore, small: Dataset, driver: Driver) -> None:
    holding(store, small)
    records, _, _ = driver.execute_query("SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type")
    unique = {r["labelsOrTypes"][0] for r in records if r["type"] == "UNIQUENESS"}
    assert unique >= {*cypher.LABELS, cypher.TRANSFER}
    assert all(r["properties"] == ["id"] for r in records if r["type"] == "UNIQUENESS")
    records, _, _ = driver.execute_query("SHOW INDEXES YIELD name, type, state")
    indexes = {r["name"]: r for r in records}
    for name in (
        "actor_name",
        "actor_iso2",
        "transfer_period_start",
        "transfer_period_end",
        "claim_reported",
        "source_date",
        "names",
    ):
        assert indexes[name]["state"] == "ONLINE", name
    assert indexes["names"]["type"] == "FULLTEXT"
    hits, _, _ = driver.execute_query(
        "CALL db.index.fulltext.queryNodes('names', $q) YIELD node RETURN node.id AS id",
        q='"RUS land"',
    )
    assert "RUS" in {h["id"] for h in hits}


def test_counts_equal_the_dataset(store: Neo4jStore, small: Dataset, driver: Driver) -> None:
    holding(store, small)
    counts = store.counts()
    assert list(counts) == list(COUNT_KEYS)
    assert counts == small.counts()
    assert min(counts.values()) > 0
    rels = rel_counts(driver)
    events = small.events.values()
    assert rels["SENT"] == rels["TO"] == len(small.events)
    assert rels["SUPPORTS"] == sum(len(e.claims) for e in events)
    assert rels["CARRIED"] == sum(len(getattr(e.statement, "items", [])) for e in events)
    assert rels["CITES"] == len(small.claims)
    assert rels["REPORTS_ON"] == 1
    assert rels["RESTS_ON"] == sum(len(b.claims) for b in small.breaches.values())
    assert rels["BY"] == sum(len(b.states) for b in small.breaches.values())


def test_loading_twice_changes_no_count(store: Neo4jStore, small: Dataset, driver: Driver) -> None:
    holding(store, small)
    before = rel_counts(driver)
    report = store.load(small)
    assert not report.changed
    assert report.before == report.after == small.counts()
    assert rel_counts(driver) == before


_EMPTY_LISTS = "MATCH (n) UNWIND keys(n) AS k WITH n[k] AS v WHERE v = [] RETURN count(*) AS n"


def test_an_empty_list_is_an_absent_property(
    store: Neo4jStore, small: Dataset, driver: Driver
) -> None:
    holding(store, small)
    assert driver.execute_query(_EMPTY_LISTS).records[0]["n"] == 0
    state = next(s for s in small.states.values() if s.sources)
    emptied = dataclasses.replace(
        small, states=small.states | {state.id: state.model_copy(update={"sources": []})}
    )
    forget()
    store.load(emptied)  # a reload that empties a list removes the property
    found = driver.execute_query(
        "MATCH (n:State {id: $id}) RETURN n.sources AS s", id=state.id
    ).records
    assert found[0]["s"] is None
    assert driver.execute_query(_EMPTY_LISTS).records[0]["n"] == 0
    assert store.get_states([state.id])[0].sources == []
    assert_round_trip(store, emptied)


def test_progress_after_every_batch(store: Neo4jStore, small: Dataset) -> None:
    forget()
    store.clear()
    calls: list[tuple[int, int, str]] = []
    tiny = neo4j_store(batch_size=97)
    try:
        report = tiny.load(
            small, progress=lambda done, total, what: calls.append((done, total, what))
        )
    finally:
        tiny.close()
    assert len(calls) == report.batches > 10
    dones = [c[0] for c in calls]
    assert dones == sorted(dones) and dones[-1] == calls[-1][1]
    assert {c[2] for c in calls} >= {"State", "Claim", "Shipment", "Breach", "SENT", "SUPPORTS"}
    assert store.counts() == small.counts()
    HELD["dataset"] = small


def test_a_load_failing_midway_can_be_rerun(store: Neo4jStore, small: Dataset) -> None:
    forget()
    store.clear()

    def fail_on_claims(done: int, total: int, what: str) -> None:
        if what == "Claim":
            raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError, match="interrupted"):
        store.load(small, progress=fail_on_claims)
    partial = store.counts()
    assert partial["states"] == len(small.states)  # committed batches stay ...
    assert partial["shipments"] == 0  # ... and nothing after the failure was written
    store.load(small)
    assert store.counts() == small.counts()
    HELD["dataset"] = small


def test_dangling_references_write_nothing(store: Neo4jStore, small: Dataset) -> None:
    holding(store, small)
    before = store.counts()
    broken = synthetic(30, seed=3)
    del broken.states["MMR"], broken.states["UKR"]
    with pytest.raises(StoreError, match="dangling references"):
        store.load(broken)
    assert store.counts() == before


def test_a_file_failing_validation_writes_nothing(
    store: Neo4jStore, small: Dataset, tmp_path: Path
) -> None:
    holding(store, small)
    before = store.counts()
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "source: {id: bad, title: Bad, publisher: X, date: 2025, kind: news,"
        " url: 'https://example.org'}\n"
        "claims:\n"
        "  - quote: q\n    asserted_by: X\n    confidence: certain\n    reported: 2025\n"
        "    shipment: {supplier: PRK, recipient: RUS, items: [{weapon: nothing-known}]}\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError):
        dataset, _ = read_dataset([bad])
        store.load(dataset)
    assert store.counts() == before


def test_clear_keeps_the_schema(store: Neo4jStore, small: Dataset, driver: Driver) -> None:
    holding(store, small)
    store.clear()
    forget()
    assert set(store.counts().values()) == {0}
    assert rel_counts(driver).get("SENT", 0) == 0
    records, _, _ = driver.execute_query("SHOW CONSTRAINTS YIELD name RETURN count(*) AS n")
    assert records[0]["n"] >= len(cypher.LABELS) + 1


# --- hydration -------------------------------------------------------------------------------


def test_hydration_round_trips(store: Neo4jStore, small: Dataset) -> None:
    assert_round_trip(holding(store, small), small)


def test_get_keeps_order_and_leaves_out_unknown_ids(store: Neo4jStore, small: Dataset) -> None:
    holding(store, small)
    a, b = sorted(small.events)[:2]
    assert [e.id for e in store.get_events([b, "shp-nope", a, b])] == [b, a, b]
    assert store.get_claims(["clm-nope"]) == [] and store.get_breaches([]) == []
    assert store.get_states(["XXX"]) == []


def test_claims_keep_their_own_wording(store: Neo4jStore, small: Dataset) -> None:
    holding(store, small)
    wordings = [c for c in small.claims.values() if c.quote.startswith("white space")]
    assert len(wordings) == 2
    events = {e.id for e in small.events.values() if set(e.claims) & {c.id for c in wordings}}
    assert len(events) == 1  # one event, two wordings
    assert store.get_claims([c.id for c in wordings]) == wordings
