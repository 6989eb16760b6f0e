"""Neo4jStore on a real server (see conftest): answers equal ``core/query.py``'s."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from neo4j import Driver

from armsgraph.core import query
from armsgraph.core.dataset import Dataset
from armsgraph.core.errors import StoreError
from armsgraph.core.model import (
    BreachBasis,
    Category,
    EventKind,
)
from armsgraph.core.store import BreachFilter, EventFilter, PathQuery
from armsgraph.graph import cypher
from armsgraph.graph.neo4j_store import Neo4jStore
from tests.support.datasets import CODES, synthetic
from tests.support.neo4j import forget, holding
from tests.support.stores import assert_paths_agree
from tests.support.stores import date as _date

pytestmark = pytest.mark.neo4j


# --- queries against the reference semantics ---------------------------------------------------


@pytest.mark.parametrize("seed", [11, 12])
def test_paths_equal_the_reference(store: Neo4jStore, seed: int) -> None:
    d = synthetic(60, seed=seed, codes=CODES[:6])
    forget()
    holding(store, d)
    pairs = [*itertools.permutations(CODES[:6], 2), ("PRK", "PRK")]
    assert assert_paths_agree(store, d, pairs) > 100
    for limit in (1, 50, 1000):
        q = PathQuery("PRK", "RUS", max_hops=4, limit=limit)
        assert store.find_paths(q) == query.find_paths(d, q)
    assert store.find_paths(PathQuery("PRK", "RUS", max_hops=0)) == query.find_paths(
        d, PathQuery("PRK", "RUS", max_hops=0)
    )
    with pytest.raises(StoreError):
        store.find_paths(PathQuery("PRK", "RUS", max_hops=cypher.MAX_PATH_HOPS + 1))


def test_events_equal_the_reference(store: Neo4jStore, small: Dataset) -> None:
    holding(store, small)
    grid: list[dict[str, Any]] = [
        {},
        {"supplier": "PRK"},
        {"recipient": "RUS", "kind": EventKind.SHIPMENT},
        {"kind": EventKind.DEPLOYMENT, "since": _date("2023-01-01")},
        {"category": Category.MISSILES},
        {"category": Category.SALW, "until": _date("2022-01-01")},
        {
            "supplier": "RUS",
            "recipient": "PRK",
            "since": _date("2024-01-01"),
            "until": _date("2024-12-31"),
        },
        {"limit": 7},
        {"kind": EventKind.ASSISTANCE, "category": Category.MISSILES},
    ]
    for f in grid:
        q = EventFilter(**f)
        assert store.find_events(q) == query.find_events(small, q), q


def test_breaches_equal_the_reference(store: Neo4jStore, small: Dataset) -> None:
    holding(store, small)
    some_event = next(iter(b.events[0] for b in small.breaches.values() if b.events))
    grid: list[dict[str, Any]] = [
        {},
        {"resolution": "unscr-1718"},
        {"resolution": "unscr-2270", "basis": BreachBasis.INFERRED},
        {"provision": "unscr-1718-op8a", "state": "RUS"},
        {"basis": BreachBasis.ASSERTED},
        {"event": some_event},
        {"state": "PRK", "limit": 3},
    ]
    assert any(b.basis is BreachBasis.ASSERTED for b in small.breaches.values())
    for f in grid:
        q = BreachFilter(**f)
        assert store.find_breaches(q) == query.find_breaches(small, q), q


def test_supplied_to_view_lists_the_events(
    store: Neo4jStore, small: Dataset, driver: Driver
) -> None:
    holding(store, small)
    records, _, _ = driver.execute_query(
        "MATCH (a:State)-[r:SUPPLIED_TO]->(b:State) RETURN a.id AS a, b.id AS b, r.events AS ev,"
        " r.count AS n"
    )
    expected: dict[tuple[str, str], list[str]] = {}
    for e in sorted(small.events.values(), key=lambda e: e.id):
        expected.setdefault((e.supplier, e.recipient), []).append(e.id)
    assert {(r["a"], r["b"]): r["ev"] for r in records} == expected
    assert all(r["n"] == len(r["ev"]) for r in records)


def test_everything_is_traceable(store: Neo4jStore, small: Dataset, driver: Driver) -> None:
    holding(store, small)
    checks = {
        "events without claims": "MATCH (e:Transfer) WHERE NOT EXISTS {(:Claim)-[:SUPPORTS]->(e)}",
        "breaches without claims": "MATCH (b:Breach) WHERE NOT EXISTS {(b)-[:RESTS_ON]->(:Claim)}",
        "claims without source": "MATCH (c:Claim) WHERE NOT EXISTS { (c)-[:CITES]->(:Source) }",
        "reference without sources": "MATCH (n) WHERE (n:State OR n:WeaponSystem OR n:Resolution"
        " OR n:Provision) AND size(coalesce(n.sources, [])) = 0",
    }
    for what, match in checks.items():
        records, _, _ = driver.execute_query(match + " RETURN count(*) AS n")
        assert records[0]["n"] == 0, what
