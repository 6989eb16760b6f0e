"""Where the time goes: Cypher PROFILE of the path search's reads and the load's
SUPPLIED_TO rebuild, and a Python profile of one ``Neo4jStore.load`` call.

``python -m bench.profile cypher [--uri bolt://127.0.0.1:7698]`` profiles the queries on
whatever the server holds (run after ``python -m bench.run --keep``);
``python -m bench.profile load [--claims 20000]`` profiles one load call with cProfile
(the server is cleared before and after).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import time
from typing import Any

from neo4j import GraphDatabase

from armsgraph.graph import cypher
from armsgraph.graph.neo4j_plan import check_links, plan_load
from armsgraph.graph.neo4j_store import Neo4jStore
from bench.synth import SynthConfig, chunks


def _walk(plan: Any, depth: int = 0) -> list[tuple[int, str, int, int]]:
    rows = [(depth, plan["operatorType"], plan.get("dbHits", 0), plan.get("rows", 0))]
    for child in plan.get("children", []):
        rows += _walk(child, depth + 1)
    return rows


def profile_query(uri: str, label: str, query: str, **params: Any) -> None:
    with GraphDatabase.driver(uri) as driver, driver.session() as s:
        t0 = time.perf_counter()
        result = s.run("PROFILE " + query, params)
        n = len(list(result))  # profiler stats need the rows consumed first
        summary = result.consume()
        took = time.perf_counter() - t0
    plan = summary.profile
    assert plan is not None
    ops = _walk(plan)
    hits = sum(h for _, _, h, _ in ops)
    print(f"-- {label}: {took * 1000:.0f} ms, {n:,} rows, {hits:,} db hits")
    for depth, op, h, rows in ops:
        print(f"   {'  ' * depth}{op}: rows {rows:,}, db hits {h:,}")


def cypher_profiles(uri: str, source: str, target: str) -> None:
    """The reads of one lazy path search: a layer of predecessors, a page of a state's
    events into many states (a middle hop) and into one (the last hop)."""
    none = {"category": None, "since": None, "until": None}
    profile_query(uri, f"PREDECESSORS of {target}", cypher.PREDECESSORS, states=[target])
    with GraphDatabase.driver(uri) as driver, driver.session() as s:
        states = [r["id"] for r in s.run("MATCH (n:State) RETURN n.id AS id ORDER BY id")]
    middle = [{"supplier": source, "recipients": states, "after": ""}]
    last = [{"supplier": source, "recipient": target, "after": ""}]
    for label, statement, steps in (
        ("PATH_STEPS_ANY, into every state", cypher.PATH_STEPS_ANY, middle),
        (f"PATH_STEPS_TO, into {target}", cypher.PATH_STEPS_TO, last),
    ):
        profile_query(uri, f"{label}, {source}, page of 16", statement, steps=steps, n=16, **none)
    hub = [{"supplier": "USA", "recipient": "IND"}]  # the largest pair of the workload
    profile_query(uri, "SUPPLIED_TO rebuild, pair USA->IND", cypher.SUPPLIED_TO_REBUILD, rows=hub)


def load_profile(uri: str, claims: int) -> None:
    chunk = next(chunks(SynthConfig(claims, chunk_claims=claims)))
    store = Neo4jStore(uri)
    try:
        store.clear()
        t0 = time.perf_counter()
        check_links(chunk)
        steps = plan_load(chunk)
        prep = time.perf_counter() - t0
        rows = sum(len(s.rows) for s in steps)
        print(f"check_links + plan_load: {prep:.2f} s for {rows:,} rows (Python only)")
        prof = cProfile.Profile()
        t0 = time.perf_counter()
        prof.enable()
        store.load(chunk)
        prof.disable()
        print(f"Neo4jStore.load under cProfile: {time.perf_counter() - t0:.2f} s")
        out = io.StringIO()
        pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(12)
        print(out.getvalue())
        store.clear()
    finally:
        store.close()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.profile")
    p.add_argument("what", choices=["cypher", "load"])
    p.add_argument("--uri", default="bolt://127.0.0.1:7698")
    p.add_argument("--claims", type=int, default=20_000)
    p.add_argument("--source", default="PRK")
    p.add_argument("--target", default="RUS")
    args = p.parse_args(argv)
    if args.what == "cypher":
        cypher_profiles(args.uri, args.source, args.target)
    else:
        load_profile(args.uri, args.claims)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
