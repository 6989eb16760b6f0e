"""Run every benchmark and print the tables: ``python -m bench.run [--sizes ...] [--quick]``.

Phases, each side by side with its alternative in the same run:

1. Neo4j load at equal N: ``Neo4jStore.load`` per chunk vs the naive per-claim writer and
   vs rdflib-neo4j (smaller N for the slow ones, as set by --naive-claims and
   --rdflib-neo4j-claims).
2. RDF build and export: our builder + Oxigraph vs plain rdflib (--export-claims).
3. For each size: load Neo4j (rate, per-chunk slope, peak RSS of Python and of the JVM),
   path-query latency, the HTTP API under concurrent clients; then the same on the
   embedded Oxigraph store (up to --embedded-max claims).

Neo4j: by default a private server on 7698 (bench/server.py; ARMSGRAPH_BENCH_BOLT_PORT),
started and stopped here;
``--neo4j-uri`` uses a running one instead (it is cleared before and after).
Results go to bench/results/<timestamp>.json (written after every phase) and .md.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

from neo4j import GraphDatabase

from armsgraph.graph.neo4j_store import Neo4jStore
from armsgraph.ontology.rdf_store import RdfStore
from bench import api, export, neo4j_load, paths
from bench.measure import PeakSampler, in_child, own_hwm_mib
from bench.report import machine
from bench.server import BENCH_HOME, bench_config, bench_server, jvm_pid_listening
from bench.synth import SynthConfig, chunks

RESULTS = Path(__file__).resolve().parent / "results"


def _args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n")[0])
    p.add_argument("--sizes", default="10000,100000,1000000", help="claims per size, comma list")
    p.add_argument("--quick", action="store_true", help="small sizes, a smoke run of everything")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--chunk", type=int, default=20_000, help="claims per chunk / per load call")
    p.add_argument("--naive-claims", type=int, default=5_000)
    p.add_argument("--rdflib-neo4j-claims", type=int, default=10_000)
    p.add_argument("--export-claims", type=int, default=10_000)
    p.add_argument("--trig-max-claims", type=int, default=2_000, help="rdflib TriG is slow")
    p.add_argument("--embedded-max", type=int, default=1_000_000)
    p.add_argument("--api-max", type=int, default=1_000_000, help="largest size for the API run")
    p.add_argument("--path-budget", type=float, default=30.0, help="seconds per query shape")
    p.add_argument("--neo4j-uri", default=None, help="use this server instead of a private one")
    p.add_argument(
        "--reuse", action="store_true", help="if Neo4j already holds N claims, query it as is"
    )
    p.add_argument("--keep", action="store_true", help="leave data and server up")
    p.add_argument("--skip", default="", help="phases to skip: compare,export,neo4j,embedded,api")
    args = p.parse_args(argv)
    if args.quick:
        args.sizes = "2000,5000"
        args.chunk = 1_000
        args.naive_claims = 500
        args.rdflib_neo4j_claims = 1_000
        args.export_claims = 1_000
        args.trig_max_claims = 1_000
        args.path_budget = 3.0
    return args


class Run:
    """Collects results and writes them after every phase."""

    def __init__(self, args: argparse.Namespace) -> None:
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        self.path = RESULTS / f"{stamp}{'-quick' if args.quick else ''}.json"
        self.data: dict[str, Any] = {
            "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "command": " ".join(["python -m bench.run", *sys.argv[1:]]),
            "args": vars(args),
            "machine": {},
            "code": _code_version(),
            "load": [],
            "paths": [],
            "api": [],
            "export": [],
            "embedded_load": [],
            "notes": [],
        }

    def add(self, key: str, value: Any) -> None:
        # Other work on the 2 cores skews a number: keep the load average beside it.
        with open("/proc/loadavg") as f:
            value["loadavg"] = " ".join(f.read().split()[:3])
        self.data[key].append(value)
        self.save()

    def save(self) -> None:
        RESULTS.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps(self.data, indent=1, default=str))


def _code_version() -> str:
    def git(*cmd: str) -> str:
        out = subprocess.run(["git", *cmd], capture_output=True, text=True, check=False)
        return out.stdout.strip()

    dirty = git("status", "--porcelain", "--", "core", "graph", "ontology", "api")
    return git("rev-parse", "--short", "HEAD") + (" + uncommitted changes" if dirty else "")


@contextlib.contextmanager
def neo4j(args: argparse.Namespace) -> Iterator[tuple[str, int | None]]:
    if args.neo4j_uri:
        port = int(args.neo4j_uri.rsplit(":", 1)[1])
        yield args.neo4j_uri, jvm_pid_listening(port)
        return
    with bench_server(bench_config(), keep=args.keep) as (uri, pid):
        yield uri, pid


def _neo4j_version(uri: str) -> str:
    with GraphDatabase.driver(uri) as d, d.session() as s:
        rec = s.run("CALL dbms.components() YIELD versions, edition").single()
        assert rec is not None
        return f"{rec['versions'][0]} {rec['edition']}"


def _clear(uri: str) -> None:
    store = Neo4jStore(uri)
    try:
        store.clear()
    finally:
        store.close()
    neo4j_load.clear_rdflib_neo4j(uri)


def _held_claims(uri: str) -> int:
    store = Neo4jStore(uri)
    try:
        return store.counts()["claims"]
    finally:
        store.close()


def _du_mib(path: Path) -> float:
    out = subprocess.run(["du", "-sk", str(path)], capture_output=True, text=True, check=False)
    return int(out.stdout.split()[0]) / 1024 if out.stdout else float("nan")


def _load_row(r: neo4j_load.LoadResult) -> dict[str, Any]:
    row = asdict(r)
    row["rate"] = r.rate
    return row


# --- phases --------------------------------------------------------------------------------


def compare_loads(run: Run, args: argparse.Namespace, uri: str, pid: int | None) -> None:
    # A fresh server is slow for its first load (schema creation, JIT): warm it up first.
    _clear(uri)
    in_child(neo4j_load.load_store, uri, SynthConfig(2_000, args.seed + 1, 1_000), pid)
    for n, alt in ((args.naive_claims, "naive"), (args.rdflib_neo4j_claims, "rdflib-neo4j")):
        cfg = SynthConfig(n, args.seed, min(args.chunk, n))
        _clear(uri)
        ours = in_child(neo4j_load.load_store, uri, cfg, pid)
        _clear(uri)
        if alt == "naive":
            other = in_child(neo4j_load.load_naive, uri, cfg, pid)
        else:
            other = in_child(neo4j_load.load_rdflib_neo4j, uri, cfg, pid)
        _clear(uri)
        for r in (ours, other):
            row = _load_row(r) | {"phase": f"equal N vs {alt}"}
            run.add("load", row)
            print(f"  {r.method}: {n:,} claims in {r.seconds:.1f} s = {r.rate:,.0f} claims/s")


def export_phase(run: Run, args: argparse.Namespace) -> None:
    cfg = SynthConfig(args.export_claims, args.seed, min(args.chunk, args.export_claims))
    results = in_child(export.compare, cfg, args.export_claims <= args.trig_max_claims)
    for r in results:
        row = asdict(r) | {"total": r.total, "rate": r.rate}
        run.add("export", row)
        print(f"  {r.pipeline}: {r.quads:,} quads, {r.total:.1f} s, {r.rate:,.0f} quads/s")


def neo4j_size(run: Run, args: argparse.Namespace, uri: str, pid: int | None, n: int) -> None:
    cfg = SynthConfig(n, args.seed, args.chunk)
    if args.reuse and _held_claims(uri) == n:
        print(f"  reusing the {n:,} claims the server holds (no load measured)")
        run.data["notes"].append(f"{n:,} claims: queried a graph loaded earlier (--reuse)")
    else:
        _clear(uri)
        r = in_child(neo4j_load.load_store, uri, cfg, pid)
        row = _load_row(r) | {"phase": "size", "store_mib": _du_mib(BENCH_HOME / "data")}
        run.add("load", row)
        print(
            f"  load {n:,}: {r.rate:,.0f} claims/s, py peak {r.peak_py_mib:,.0f} MiB, "
            f"jvm peak {r.peak_jvm_mib:,.0f} MiB"
        )
    store = paths.TimedNeo4jStore(uri)
    try:
        for shape in paths.shapes(args.seed):
            lat = paths.measure(store, shape, budget_s=args.path_budget)
            run.add("paths", asdict(lat) | {"claims": n})
            print(f"  paths neo4j {shape.name}: p50 {lat.p50_ms:.1f} ms p99 {lat.p99_ms:.1f} ms")
    finally:
        store.close()
    if "api" not in args.skip and n <= args.api_max:
        env = {"ARMSGRAPH_STORE": "neo4j", "ARMSGRAPH_NEO4J_URI": uri}
        _api(run, "neo4j", env, n, args.seed)
    if not args.keep:
        _clear(uri)


def _api(run: Run, store: str, env: dict[str, str], n: int, seed: int) -> None:
    # Every answer computed (kept answers off), and as many heavy queries at once as there
    # are clients (the default cap of 4 answers the rest 503: that would measure the cap).
    cold = {"ARMSGRAPH_ANSWER_CACHE_MB": "0", "ARMSGRAPH_MAX_HEAVY_QUERIES": "8"}
    port = api.free_port()  # a fixed port would collide with another run's server
    proc = api.start_server(env | cold, port)
    try:
        result = api.hammer(store, api.path_urls(port, seed))
    finally:
        api.stop_server(proc)
    run.add("api", asdict(result) | {"claims": n})
    print(f"  api {store}: {result.rps:.1f} req/s, p99 {result.p99_ms:.0f} ms")


def embedded_load(path: Path, cfg: SynthConfig) -> dict[str, Any]:
    """``RdfStore.load`` per chunk into an on-disk store at ``path`` (run in a child)."""
    store = RdfStore(path)
    seconds = gen = 0.0
    per_chunk: list[float] = []
    with PeakSampler({"py": _pid()}) as peaks:
        it = chunks(cfg)
        while True:
            t0 = time.perf_counter()
            chunk = next(it, None)
            gen += time.perf_counter() - t0
            if chunk is None:
                break
            t0 = time.perf_counter()
            store.load(chunk)
            per_chunk.append(time.perf_counter() - t0)
            seconds += per_chunk[-1]
            done = min(len(per_chunk) * cfg.chunk_claims, cfg.claims)
            print(f"    chunk {len(per_chunk)}: {per_chunk[-1]:.1f} s, {done:,} claims", flush=True)
            del chunk
    counts = store.counts()
    store.close()
    return {
        "claims": cfg.claims,
        "seconds": seconds,
        "gen_seconds": gen,
        "rate": cfg.claims / seconds,
        "peak_py_mib": max(peaks.peaks.get("py", 0.0), own_hwm_mib()),
        "chunk_seconds": per_chunk,
        "counts": counts,
    }


def embedded_size(run: Run, args: argparse.Namespace, n: int) -> None:
    cfg = SynthConfig(n, args.seed, args.chunk)
    tmp = Path(tempfile.mkdtemp(prefix="armsgraph-bench-oxigraph-"))
    try:
        row = in_child(embedded_load, tmp / "oxigraph", cfg)
        run.add("embedded_load", row | {"store_mib": _du_mib(tmp)})
        print(f"  embedded load {n:,}: {row['rate']:,.0f} claims/s")
        store = RdfStore(tmp / "oxigraph")
        for shape in paths.shapes(args.seed):
            lat = paths.measure(store, shape, budget_s=args.path_budget)
            run.add("paths", asdict(lat) | {"claims": n})
            print(f"  paths rdf {shape.name}: p50 {lat.p50_ms:.1f} ms p99 {lat.p99_ms:.1f} ms")
        store.close()
        del store
        if "api" not in args.skip and n <= args.api_max:
            env = {"ARMSGRAPH_STORE": "embedded", "ARMSGRAPH_DATA_DIR": str(tmp)}
            _api(run, "embedded", env, n, args.seed)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _pid() -> int:
    import os

    return os.getpid()


def main(argv: list[str] | None = None) -> int:
    args = _args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    skip = set(args.skip.split(","))
    run = Run(args)
    print(f"results: {run.path}")
    # only the Neo4j phases need the server (starting it costs a JVM and ~18 s)
    server = neo4j(args) if not {"compare", "neo4j"} <= skip else contextlib.nullcontext()
    with server as started:
        uri, pid = started if started is not None else ("", None)
        run.data["machine"] = machine(_neo4j_version(uri) if uri else "not started")
        run.data["machine"]["neo4j server"] = (
            "private bench server, -Xmx2g, page cache 1g" if not args.neo4j_uri else uri
        )
        run.save()
        try:
            if "compare" not in skip:
                print("== Neo4j load at equal N: ours vs naive vs rdflib-neo4j")
                compare_loads(run, args, uri, pid)
            if "export" not in skip:
                print("== RDF build and export")
                export_phase(run, args)
            for n in sizes:
                if "neo4j" not in skip:
                    print(f"== Neo4j, {n:,} claims")
                    neo4j_size(run, args, uri, pid, n)
                if "embedded" not in skip and n <= args.embedded_max:
                    print(f"== embedded Oxigraph, {n:,} claims")
                    embedded_size(run, args, n)
        finally:
            if uri and not args.keep:
                _clear(uri)
    from bench.tables import render

    text = render(run.data)
    run.path.with_suffix(".md").write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
