"""Loading Neo4j three ways, on the same synthetic chunks.

- ``Neo4jStore.load`` once per chunk (batched ``UNWIND`` statements, the project's way);
- ``NaiveWriter``: one auto-commit statement set per claim (bench/naive_writer.py);
- rdflib-neo4j (Neo4j Labs): the RDF of the same chunk added triple by triple through an
  rdflib ``Graph`` on its ``Neo4jStore`` in batching mode.

Only the loader's own time is counted as load time; generating the chunk (and, for
rdflib-neo4j, building its RDF) is timed apart. Memory is sampled while loading: this
Python process and the Neo4j JVM.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from neo4j import GraphDatabase

from armsgraph.core.dataset import Dataset
from armsgraph.graph.neo4j_store import Neo4jStore
from bench.measure import PeakSampler, own_hwm_mib
from bench.naive_writer import NaiveWriter
from bench.synth import SynthConfig, chunks


@dataclass
class LoadResult:
    method: str
    claims: int
    seconds: float  # loader time only
    gen_seconds: float  # generating chunks (and RDF, for rdflib-neo4j)
    peak_py_mib: float
    peak_jvm_mib: float
    chunk_seconds: list[float] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        return self.claims / self.seconds if self.seconds else float("nan")


def _sampler(jvm_pid: int | None) -> PeakSampler:
    """Samples this process and, when its pid is known, the Neo4j JVM."""
    return PeakSampler({"py": os.getpid()} | ({"jvm": jvm_pid} if jvm_pid else {}))


@dataclass
class _Timing:
    """Where a load's time went: generating the chunks, apart from loading them."""

    generating: float = 0.0
    loading: float = 0.0  # the chunks' loads, and any final flush
    per_chunk: list[float] = field(default_factory=list)

    def chunks(self, config: SynthConfig) -> Iterator[Dataset]:
        """The synthetic chunks, their generation timed."""
        it = chunks(config)
        while True:
            start = time.perf_counter()
            try:
                chunk = next(it)
            except StopIteration:
                return
            self.generating += time.perf_counter() - start
            yield chunk

    @contextmanager
    def loading_chunk(self) -> Iterator[None]:
        start = time.perf_counter()
        yield
        self.per_chunk.append(time.perf_counter() - start)
        self.loading += self.per_chunk[-1]

    def result(
        self, method: str, config: SynthConfig, peaks: PeakSampler, extra: dict[str, Any]
    ) -> LoadResult:
        py_peak = max(peaks.peaks.get("py", 0.0), own_hwm_mib())
        jvm_peak = peaks.peaks.get("jvm", 0.0)
        return LoadResult(
            method,
            config.claims,
            self.loading,
            self.generating,
            py_peak,
            jvm_peak,
            self.per_chunk,
            extra,
        )


def load_store(uri: str, config: SynthConfig, jvm_pid: int | None) -> LoadResult:
    """``Neo4jStore.load_many`` over the chunks (one load call each, the SUPPLIED_TO view
    rebuilt once at the end); the store keeps its default batch size."""
    timing = _Timing()
    steps: dict[str, float] = {}
    last = [time.perf_counter()]

    def progress(done: int, total: int, what: str) -> None:
        now = time.perf_counter()
        steps[what] = steps.get(what, 0.0) + now - last[0]
        last[0] = now

    def timed() -> Iterator[Dataset]:
        for chunk in timing.chunks(config):
            start = last[0] = time.perf_counter()
            yield chunk  # load_many loads it before asking for the next
            timing.per_chunk.append(time.perf_counter() - start)
            steps["(schema, counts)"] = steps.get("(schema, counts)", 0.0) + (
                time.perf_counter() - last[0]
            )

    store = Neo4jStore(uri)
    try:
        with _sampler(jvm_pid) as peaks:
            report = store.load_many(timed(), progress=progress)
            timing.loading = report.seconds - timing.generating
            view = timing.loading - sum(timing.per_chunk)
            steps["SUPPLIED_TO view, once at the end"] = view
        counts = store.counts()
    finally:
        store.close()
    extra = {"counts": counts, "steps": steps, "py_hwm_mib": own_hwm_mib()}
    return timing.result("Neo4jStore.load_many (UNWIND batches)", config, peaks, extra)


def load_naive(uri: str, config: SynthConfig, jvm_pid: int | None) -> LoadResult:
    timing = _Timing()
    writer = NaiveWriter(uri)
    try:
        with _sampler(jvm_pid) as peaks:
            for i, chunk in enumerate(timing.chunks(config)):
                with timing.loading_chunk():
                    if i == 0:
                        writer.load_reference(chunk)
                    writer.load(chunk)
    finally:
        writer.close()
    extra = {"statements": writer.statements}
    return timing.result("naive: auto-commit statements per claim", config, peaks, extra)


def load_rdflib_neo4j(uri: str, config: SynthConfig, jvm_pid: int | None) -> LoadResult:
    """rdflib-neo4j 1.1 with its defaults (batching, batch 5,000, SHORTEN vocabulary URIs)."""
    from rdflib import Graph
    from rdflib_neo4j import Neo4jStore as RdflibNeo4jStore
    from rdflib_neo4j import Neo4jStoreConfig

    from armsgraph.ontology.namespace import VOCAB
    from armsgraph.ontology.rdf_build import dataset_to_quads
    from armsgraph.ontology.terms import PROV, WIKIDATA
    from bench.rdf_convert import to_rdflib_triple

    driver = GraphDatabase.driver(uri, notifications_min_severity="OFF")
    cfg = Neo4jStoreConfig(
        auth_data=None,  # a driver is passed instead: the config otherwise demands a password
        custom_prefixes={"ag": VOCAB, "prov": PROV, "wd": WIKIDATA},
        batching=True,
        batch_size=5000,
    )
    graph = Graph(store=RdflibNeo4jStore(config=cfg, neo4j_driver=driver))
    timing = _Timing()
    triples = 0
    try:
        with _sampler(jvm_pid) as peaks:
            for chunk in timing.chunks(config):
                start = time.perf_counter()
                batch = [to_rdflib_triple(q) for q in dataset_to_quads(chunk)]
                timing.generating += time.perf_counter() - start
                with timing.loading_chunk():
                    for triple in batch:
                        graph.add(triple)
                    graph.commit()
                triples += len(batch)
                del batch
            start = time.perf_counter()
            graph.close(True)
            timing.loading += time.perf_counter() - start
    finally:
        driver.close()
    seconds = timing.loading
    extra = {"triples": triples, "triples_per_s": triples / seconds if seconds else 0.0}
    return timing.result("rdflib-neo4j 1.1 (Graph.add, batch 5,000)", config, peaks, extra)


def clear_rdflib_neo4j(uri: str) -> None:
    """Delete what rdflib-neo4j wrote (every node has the :Resource label)."""
    with (
        GraphDatabase.driver(uri, notifications_min_severity="OFF") as driver,
        driver.session() as s,
    ):
        s.run(
            "MATCH (n:Resource) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
        ).consume()
