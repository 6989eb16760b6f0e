"""Helpers of the Neo4j tests: which data set the server holds, what it holds, saved queries."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from neo4j import Driver

from armsgraph.core.dataset import Dataset
from armsgraph.graph.neo4j_store import Neo4jStore

SAVED_QUERIES = Path(__file__).resolve().parents[2] / "graph" / "browser" / "saved-queries.cypher"

HELD: dict[str, Dataset | None] = {"dataset": None}

# JVM flags of the servers a test starts for itself (``Neo4jServerConfig.jvm_options``, Fuseki):
# the quick JIT alone and one GC thread start a fresh server and load the first data in
# about half the time on 2 cores; the shared server keeps Neo4j's defaults.
QUICK_JVM = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")


def holding(store: Neo4jStore, dataset: Dataset) -> Neo4jStore:
    """The store holding exactly ``dataset`` (cleared and loaded unless it already is)."""
    if HELD["dataset"] is not dataset:
        HELD["dataset"] = None
        store.clear()
        store.load(dataset)
        HELD["dataset"] = dataset
    return store


_HOLD = """
import sys, time
from armsgraph.graph.neo4j_store import Neo4jStore
with Neo4jStore(sys.argv[1], sys.argv[2] or None, sys.argv[3] or None) as store:
    with store.exclusive_writer():
        print("holding", flush=True)
        time.sleep(600)
"""


@contextmanager
def lock_holder(uri: str, user: str = "", password: str = "") -> Iterator[subprocess.Popen[str]]:
    """A process of its own holding the writer lock of the database at ``uri`` (yielded
    once it holds it) until it is killed; killed at the end if it still runs."""
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD, uri, user if password else "", password],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "holding\n"
        yield holder
    finally:
        if holder.poll() is None:
            holder.kill()
        holder.wait()


def forget() -> None:
    HELD["dataset"] = None


def rel_counts(driver: Driver) -> dict[str, int]:
    records, _, _ = driver.execute_query(
        "MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS n ORDER BY t"
    )
    return {r["t"]: r["n"] for r in records}


def saved_queries() -> dict[str, str]:
    """The favourites file as {title: query}; a block is a // title line up to a ';'."""
    text = SAVED_QUERIES.read_text(encoding="utf-8")
    blocks = {}
    for chunk in text.split(";\n"):
        lines = [line for line in chunk.strip().splitlines() if line.strip()]
        while len(lines) > 1 and lines[0].startswith("//") and lines[1].startswith("//"):
            lines.pop(0)  # the file's header comments
        if lines and lines[0].startswith("//"):
            blocks[lines[0].removeprefix("//").strip()] = "\n".join(lines[1:])
    return blocks


def saved(title_start: str) -> str:
    hits = [q for t, q in saved_queries().items() if t.startswith(title_start)]
    assert len(hits) == 1, title_start
    return hits[0]


def supplied_to(driver: Driver) -> list[tuple[str, str, list[str], int]]:
    records, _, _ = driver.execute_query(
        "MATCH (a:State)-[r:SUPPLIED_TO]->(b:State) "
        "RETURN a.id AS a, b.id AS b, r.events AS events, r.count AS n ORDER BY a, b"
    )
    return [(r["a"], r["b"], list(r["events"]), r["n"]) for r in records]
