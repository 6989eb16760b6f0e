"""The read-only Cypher endpoint and the saved Browser queries, on a real server."""

from __future__ import annotations

import re

import pytest

from armsgraph.core.dataset import Dataset
from armsgraph.core.errors import QueryRefusedError
from armsgraph.core.model import (
    EventKind,
)
from armsgraph.graph.neo4j_store import Neo4jStore
from tests.support.neo4j import holding, saved, saved_queries

pytestmark = pytest.mark.neo4j


# --- the read-only Cypher endpoint ---------------------------------------------------------------


def test_read_cypher_returns_plain_values(store: Neo4jStore, small: Dataset) -> None:
    holding(store, small)
    rows = store.run_read_cypher(
        "MATCH (s:State {id: $id})-[r:SENT]->(e:Transfer) "
        "RETURN s, r, e.period_earliest AS day ORDER BY e.id LIMIT 1",
        {"id": "PRK"},
        timeout_s=5,
    )
    assert sorted(rows[0]["s"]["_labels"]) == ["Actor", "State"] and rows[0]["s"]["id"] == "PRK"
    assert rows[0]["r"]["_type"] == "SENT" and rows[0]["r"]["_start"] == "PRK"
    assert rows[0]["day"] is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", rows[0]["day"])
    assert len(store.run_read_cypher("UNWIND range(1, 50) AS x RETURN x", {}, 5, max_rows=7)) == 7


@pytest.mark.parametrize(
    "text",
    [
        "CREATE (n:Intruder {id: 'x'}) RETURN n",
        "MATCH (s:State) SET s.name = 'changed'",
        "MATCH (n:Claim) DETACH DELETE n",
        "CREATE CONSTRAINT evil IF NOT EXISTS FOR (n:Intruder) REQUIRE n.id IS UNIQUE",
    ],
)
def test_read_cypher_refuses_writes(store: Neo4jStore, small: Dataset, text: str) -> None:
    holding(store, small)
    with pytest.raises(QueryRefusedError, match="read-only"):
        store.run_read_cypher(text, {}, timeout_s=5)
    assert store.counts() == small.counts()
    assert store.run_read_cypher("MATCH (n:Intruder) RETURN count(n) AS n", {}, 5) == [{"n": 0}]
    assert all(s.name.startswith("State ") for s in store.get_states())


@pytest.mark.parametrize(
    "text",
    [
        "CALL dbms.components()",
        "call   DBMS.listConfig()",
        "CALL /* hidden */ `dbms`.`showCurrentUser`()",
        "RETURN apoc.version()",
        "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
    ],
)
def test_read_cypher_refuses_reaching_outside(store: Neo4jStore, text: str) -> None:
    with pytest.raises(QueryRefusedError, match="not allowed"):
        store.run_read_cypher(text, {}, timeout_s=5)


def test_read_cypher_times_out_and_reports_bad_queries(store: Neo4jStore) -> None:
    with pytest.raises(QueryRefusedError, match="longer than"):
        store.run_read_cypher(
            "UNWIND range(1, 1000000000) AS x WITH x WHERE x < 0 RETURN count(*)", {}, 0.5
        )
    with pytest.raises(QueryRefusedError, match="failed"):
        store.run_read_cypher("MATCH (n RETURN n", {}, 5)
    with pytest.raises(ValueError, match="positive"):
        store.run_read_cypher("RETURN 1", {}, 0)


def test_every_saved_query_runs(store: Neo4jStore, small: Dataset) -> None:
    holding(store, small)
    queries = saved_queries()
    assert len(queries) >= 6
    for text in queries.values():
        store.run_read_cypher(text, {}, timeout_s=30)  # raises if the server refuses it
    conflicts = store.run_read_cypher(saved("Conflicting claims"), {}, 30)
    by_flow: dict[str, set[str]] = {}
    for row in conflicts:
        by_flow.setdefault(row["flow"], set()).add(row["event"])
    assert by_flow and all(len(events) > 1 for events in by_flow.values())
    one = store.run_read_cypher(saved("All claims behind one shipment"), {}, 30)
    best = min(
        (e for e in small.events.values() if e.kind is EventKind.SHIPMENT),
        key=lambda e: (-len(e.claims), e.id),
    )
    assert sorted(r["quote"] for r in one) == sorted(small.claims[c].quote for c in best.claims)
