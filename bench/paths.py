"""Path-query latency through the ``Store`` interface, the same queries on both stores."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from neo4j import ManagedTransaction, unit_of_work
from neo4j import Record as Neo4jRecord

from armsgraph.core.store import PathQuery, Store
from armsgraph.graph.neo4j_store import Neo4jStore
from bench.measure import percentile
from bench.synth_reference import reference

QUERY_TIMEOUT_S = 60.0


class TimedNeo4jStore(Neo4jStore):
    """``Neo4jStore`` whose reads carry a transaction timeout (Community has no
    ``dbms.setConfigValue``): a runaway 3-hop query becomes a failed run, not a stuck
    benchmark. The Cypher is unchanged."""

    def _read(self, query: str, **params: Any) -> list[Neo4jRecord]:
        @unit_of_work(timeout=QUERY_TIMEOUT_S)
        def work(tx: ManagedTransaction) -> list[Neo4jRecord]:
            return list(tx.run(query, params))

        with self._session("READ") as session:
            return session.execute_read(work)


@dataclass
class Shape:
    name: str
    queries: list[PathQuery]


@dataclass
class Latency:
    store: str
    shape: str
    runs: int
    failures: int
    p50_ms: float
    p99_ms: float
    max_ms: float
    mean_paths: float
    note: str = ""


def shapes(seed: int = 7, pairs: int = 20) -> list[Shape]:
    """The Pyongyang-to-Moscow query, and 2- and 3-hop paths between random state pairs."""
    rng = random.Random(f"pairs/{seed}")
    codes = sorted(reference(seed).states)
    drawn = [tuple(rng.sample(codes, 2)) for _ in range(pairs)]
    return [
        Shape("PRK->RUS, 1 hop", [PathQuery("PRK", "RUS")]),
        Shape("PRK->RUS, <=2 hops", [PathQuery("PRK", "RUS", max_hops=2)]),
        Shape("random pairs, <=2 hops", [PathQuery(a, b, max_hops=2) for a, b in drawn]),
        Shape("random pairs, <=3 hops", [PathQuery(a, b, max_hops=3) for a, b in drawn]),
    ]


def measure(
    store: Store,
    shape: Shape,
    max_runs: int = 200,
    budget_s: float = 30.0,
    min_runs: int = 3,
    warmup: int = 2,
) -> Latency:
    """Runs the shape's queries round-robin until ``max_runs`` or ``budget_s`` is spent."""
    run: Callable[[PathQuery], list[list[str]]] = store.find_paths
    for q in shape.queries[:warmup]:
        _try(run, q)
    times: list[float] = []
    found: list[int] = []
    failures = 0
    notes: set[str] = set()
    started = time.perf_counter()
    i = 0
    while i < max_runs and (i < min_runs or time.perf_counter() - started < budget_s):
        q = shape.queries[i % len(shape.queries)]
        t0 = time.perf_counter()
        result, error = _try(run, q)
        took = time.perf_counter() - t0
        if error is None:
            times.append(took * 1000)
            found.append(len(result))
        else:
            failures += 1
            notes.add(error[:120])
        i += 1
    return Latency(
        store=store.name,
        shape=shape.name,
        runs=len(times),
        failures=failures,
        p50_ms=percentile(times, 50) if times else float("nan"),
        p99_ms=percentile(times, 99) if times else float("nan"),
        max_ms=max(times) if times else float("nan"),
        mean_paths=sum(found) / len(found) if found else 0.0,
        note="; ".join(sorted(notes)),
    )


def _try(
    run: Callable[[PathQuery], list[list[str]]], q: PathQuery
) -> tuple[list[list[str]], str | None]:
    try:
        return run(q), None
    except Exception as exc:  # a timed-out or refused query is a data point, not a crash
        return [], f"{type(exc).__name__}: {exc}"
