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

    @classmethod
    def sampled(
        cls,
        method: str,
        config: SynthConfig,
        seconds: tuple[float, float],
        peaks: PeakSampler,
        chunk_seconds: list[float],
        extra: dict[str, Any],
    ) -> LoadResult:
        """A result with the memory peaks ``peaks`` sampled (see ``_sampler``); ``seconds``
        is (loader, generation)."""
        py_peak = max(peaks.peaks.get("py", 0.0), own_hwm_mib())
        jvm_peak = peaks.peaks.get("jvm", 0.0)
        return cls(method, config.claims, *seconds, py_peak, jvm_peak, chunk_seconds, extra)


def _sampler(jvm_pid: int | None) -> PeakSampler:
    """Samples this process and, when its pid is known, the Neo4j JVM."""
    return PeakSampler({"py": os.getpid()} | ({"jvm": jvm_pid} if jvm_pid else {}))


def _timed_chunks(config: SynthConfig, gen: list[float]) -> Iterator[Dataset]:
    it = chunks(config)
    while True:
        start = time.perf_counter()
        try:
            chunk = next(it)
        except StopIteration:
            return
        gen[0] += time.perf_counter() - start
        yield chunk


def load_store(uri: str, config: SynthConfig, jvm_pid: int | None) -> LoadResult:
    """``Neo4jStore.load_many`` over the chunks (one load call each, the SUPPLIED_TO view
    rebuilt once at the end); the store keeps its default batch size."""
    gen = [0.0]
    per_chunk: list[float] = []
    steps: dict[str, float] = {}
    last = [time.perf_counter()]

    def progress(done: int, total: int, what: str) -> None:
        now = time.perf_counter()
        steps[what] = steps.get(what, 0.0) + now - last[0]
        last[0] = now

    def timed() -> Iterator[Dataset]:
        for chunk in _timed_chunks(config, gen):
            start = last[0] = time.perf_counter()
            yield chunk  # load_many loads it before asking for the next
            per_chunk.append(time.perf_counter() - start)
            steps["(schema, counts)"] = steps.get("(schema, counts)", 0.0) + (
                time.perf_counter() - last[0]
            )

    store = Neo4jStore(uri)
    try:
        with _sampler(jvm_pid) as peaks:
            report = store.load_many(timed(), progress=progress)
            view = report.seconds - sum(per_chunk) - gen[0]
            steps["SUPPLIED_TO view, once at the end"] = view
        counts = store.counts()
    finally:
        store.close()
    return LoadResult.sampled(
        "Neo4jStore.load_many (UNWIND batches)",
        config,
        (report.seconds - gen[0], gen[0]),
        peaks,
        per_chunk,
        {"counts": counts, "steps": steps, "py_hwm_mib": own_hwm_mib()},
    )


def load_naive(uri: str, config: SynthConfig, jvm_pid: int | None) -> LoadResult:
    gen = [0.0]
    seconds = 0.0
    writer = NaiveWriter(uri)
    per_chunk: list[float] = []
    try:
        with _sampler(jvm_pid) as peaks:
            first = True
            for chunk in _timed_chunks(config, gen):
                start = time.perf_counter()
                if first:
                    writer.load_reference(chunk)
                    first = False
                writer.load(chunk)
                per_chunk.append(time.perf_counter() - start)
                seconds += per_chunk[-1]
    finally:
        writer.close()
    return LoadResult.sampled(
        "naive: auto-commit statements per claim",
        config,
        (seconds, gen[0]),
        peaks,
        per_chunk,
        {"statements": writer.statements},
    )


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
    gen = [0.0]
    seconds = 0.0
    triples = 0
    per_chunk: list[float] = []
    try:
        with _sampler(jvm_pid) as peaks:
            for chunk in _timed_chunks(config, gen):
                start = time.perf_counter()
                batch = [to_rdflib_triple(q) for q in dataset_to_quads(chunk)]
                gen[0] += time.perf_counter() - start
                start = time.perf_counter()
                for triple in batch:
                    graph.add(triple)
                graph.commit()
                per_chunk.append(time.perf_counter() - start)
                seconds += per_chunk[-1]
                triples += len(batch)
                del batch
            start = time.perf_counter()
            graph.close(True)
            seconds += time.perf_counter() - start
    finally:
        driver.close()
    return LoadResult.sampled(
        "rdflib-neo4j 1.1 (Graph.add, batch 5,000)",
        config,
        (seconds, gen[0]),
        peaks,
        per_chunk,
        {"triples": triples, "triples_per_s": triples / seconds if seconds else 0.0},
    )


def clear_rdflib_neo4j(uri: str) -> None:
    """Delete what rdflib-neo4j wrote (every node has the :Resource label)."""
    with (
        GraphDatabase.driver(uri, notifications_min_severity="OFF") as driver,
        driver.session() as s,
    ):
        s.run(
            "MATCH (n:Resource) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
        ).consume()
