"""Build and export RDF: our builder + Oxigraph vs plain rdflib, on the same quads.

Ours: ``ontology.rdf_build.dataset_to_quads`` streamed chunk by chunk into an in-memory
Oxigraph store (``bulk_extend``), then ``Store.dump`` to N-Quads and to TriG (what
``RdfStore.export`` does). Plain rdflib: the same builder's quads turned into rdflib
terms, added to an ``rdflib.Dataset``, then ``serialize`` to N-Quads and TriG. Both
write to files under a temporary folder; the builder's own time is measured apart
(consuming its quads and dropping them).
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph

from armsgraph.ontology.rdf_build import dataset_to_quads
from armsgraph.ontology.terms import PREFIXES
from bench.measure import PeakSampler
from bench.rdf_convert import to_rdflib_quad
from bench.synth import SynthConfig, chunks


@dataclass
class ExportResult:
    pipeline: str
    claims: int
    quads: int
    seconds: dict[str, float] = field(default_factory=dict)
    bytes_nq: int = 0
    peak_py_mib: float = 0.0

    @property
    def total(self) -> float:
        return sum(self.seconds.values())

    @property
    def rate(self) -> float:
        return self.quads / self.total if self.total else float("nan")


def _pid() -> int:
    import os

    return os.getpid()


def builder_only(config: SynthConfig) -> ExportResult:
    result = ExportResult("builder only (quads built, dropped)", config.claims, 0)
    build = 0.0
    for chunk in chunks(config):
        t0 = time.perf_counter()
        for _ in dataset_to_quads(chunk):
            result.quads += 1
        build += time.perf_counter() - t0
    result.seconds["build"] = build
    return result


def ours(config: SynthConfig, out: Path) -> ExportResult:
    result = ExportResult("builder + Oxigraph (bulk_extend, dump)", config.claims, 0)
    store = pyoxigraph.Store()
    with PeakSampler({"py": _pid()}) as peaks:
        t_load = 0.0
        for chunk in chunks(config):
            t0 = time.perf_counter()
            store.bulk_extend(dataset_to_quads(chunk))
            t_load += time.perf_counter() - t0
        result.seconds["build + load"] = t_load
        result.quads = len(store)
        t0 = time.perf_counter()
        with (out / "ours.nq").open("wb") as f:
            store.dump(f, pyoxigraph.RdfFormat.N_QUADS)
        result.seconds["dump N-Quads"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        with (out / "ours.trig").open("wb") as f:
            store.dump(f, pyoxigraph.RdfFormat.TRIG, prefixes=PREFIXES)
        result.seconds["dump TriG"] = time.perf_counter() - t0
    result.bytes_nq = (out / "ours.nq").stat().st_size
    result.peak_py_mib = peaks.peaks["py"]
    del store
    return result


def plain_rdflib(config: SynthConfig, out: Path, with_trig: bool = True) -> ExportResult:
    from rdflib import Dataset as RdflibDataset
    from rdflib import Graph, URIRef
    from rdflib.term import Node

    result = ExportResult("plain rdflib (Dataset.add, serialize)", config.claims, 0)
    ds = RdflibDataset()
    for prefix, iri in PREFIXES.items():
        ds.bind(prefix, iri)
    graphs: dict[Node, Graph] = {}
    with PeakSampler({"py": _pid()}) as peaks:
        t_add = 0.0
        for chunk in chunks(config):
            t0 = time.perf_counter()
            for s, p, o, g in map(to_rdflib_quad, dataset_to_quads(chunk)):
                graph = graphs.get(g)
                if graph is None:
                    assert isinstance(g, URIRef)
                    graph = graphs[g] = ds.graph(g)
                graph.add((s, p, o))
            t_add += time.perf_counter() - t0
        result.seconds["build + add"] = t_add
        result.quads = sum(len(g) for g in graphs.values())
        t0 = time.perf_counter()
        ds.serialize(destination=str(out / "rdflib.nq"), format="nquads")
        result.seconds["serialize N-Quads"] = time.perf_counter() - t0
        if with_trig:  # rdflib's TriG writer is slow with many named graphs
            t0 = time.perf_counter()
            ds.serialize(destination=str(out / "rdflib.trig"), format="trig")
            result.seconds["serialize TriG"] = time.perf_counter() - t0
    result.bytes_nq = (out / "rdflib.nq").stat().st_size
    result.peak_py_mib = peaks.peaks["py"]
    return result


def compare(config: SynthConfig, with_trig: bool = True) -> list[ExportResult]:
    with tempfile.TemporaryDirectory(prefix="armsgraph-export-") as tmp:
        out = Path(tmp)
        return [builder_only(config), ours(config, out), plain_rdflib(config, out, with_trig)]
