"""Where a cold API answer's CPU goes: the app in-process, cache off, one store at a time.

``python -m bench.api_profile`` loads the bundled data into each store (a temporary embedded
store; the bench's private Neo4j, bench/server.py), builds the app with
``answer_cache_mb=0`` and asks each endpoint of ``bench.api_cache`` through Starlette's
TestClient, one request at a time: no server, no client threads, so the figures are the
process's own CPU per answer (``time.process_time``) beside its wall time, which on Neo4j
also holds the server's share. ``--profile`` prints cProfile's top functions per endpoint,
profiling the service call and its JSON in this thread (the TestClient runs the app in a
thread of its own, which cProfile does not see).

The CPU per request bounds what one uvicorn worker can serve: 1000 / (CPU ms) requests/s
on one idle core, whatever the machine's load.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from fastapi.testclient import TestClient

from armsgraph.api.app import create_app
from armsgraph.api.params import TransferFilter
from armsgraph.api.schemas import Public
from armsgraph.api.service import GraphService
from armsgraph.core.settings import Settings
from armsgraph.core.store import Store
from armsgraph.graph.neo4j_store import Neo4jStore
from armsgraph.loaders.ingest import BUNDLED_DATA, ingest
from armsgraph.ontology.rdf_store import RdfStore
from bench.api_cache import ENDPOINTS
from bench.report import table
from bench.server import bench_config, bench_server


def _args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        prog="python -m bench.api_profile", description=__doc__.split("\n")[0]
    )
    p.add_argument("--requests", type=int, default=30, help="per endpoint, after one warm-up")
    p.add_argument("--stores", default="embedded,neo4j")
    p.add_argument("--profile", action="store_true", help="print cProfile's top functions")
    p.add_argument("--top", type=int, default=25, help="functions per profile")
    p.add_argument("--uri", help="a Neo4j to clear and use instead of the bench's own server")
    return p.parse_args(argv)


@contextmanager
def _store(kind: str, tmp: Path, uri: str | None) -> Iterator[Store]:
    if kind == "embedded":
        store: Store = RdfStore(tmp / "oxigraph")
        try:
            yield store
        finally:
            store.close()
        return
    if uri:
        store = Neo4jStore(uri)
        try:
            yield store
        finally:
            store.close()
        return
    with bench_server(bench_config()) as (bench_uri, _pid), _store(kind, tmp, bench_uri) as store:
        yield store


# What each endpoint of ENDPOINTS asks the service, as its router does.
SERVICE_CALLS: dict[str, Callable[[GraphService], Public]] = {
    "/paths": lambda s: s.paths("Pyongyang", "Moscow"),
    "/transfers": lambda s: s.transfers(TransferFilter(supplier="Pyongyang")),
    "/breaches": lambda s: s.breaches(),
}


def profile_service(store: Store, name: str, requests: int, top: int) -> str:
    """cProfile of the service call and its JSON (as FastAPI dumps a response model), in
    CPU seconds of this process."""
    service = GraphService(store)
    call = SERVICE_CALLS[name]
    call(service).model_dump_json(by_alias=True)  # the gazetteer, built once a server
    profile = cProfile.Profile(time.process_time)  # CPU: waits on the store do not count
    profile.enable()
    for _ in range(requests):
        call(service).model_dump_json(by_alias=True)
    profile.disable()
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out)
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    return out.getvalue()


def measure(kind: str, store: Store, args: argparse.Namespace) -> list[list[object]]:
    store.clear()
    ingest([BUNDLED_DATA], store)
    settings = Settings(store=kind, answer_cache_mb=0)
    rows: list[list[object]] = []
    with TestClient(create_app(settings, store=store)) as client:
        for name, url in ENDPOINTS.items():
            first = client.get(url)
            first.raise_for_status()
            cpu0, wall0 = time.process_time(), time.perf_counter()
            for _ in range(args.requests):
                client.get(url).raise_for_status()
            cpu = (time.process_time() - cpu0) / args.requests * 1000
            wall = (time.perf_counter() - wall0) / args.requests * 1000
            rows.append([kind, name, len(first.content), cpu, wall, 1000 / cpu])
            print(f"  {kind} {name}: {cpu:.1f} ms CPU, {wall:.1f} ms wall a request")
            if args.profile:
                print(profile_service(store, name, args.requests, args.top))
    return rows


def main(argv: list[str] | None = None) -> None:
    args = _args(argv)
    rows: list[list[object]] = []
    with tempfile.TemporaryDirectory(prefix="armsgraph-bench-profile-") as tmp:
        for kind in args.stores.split(","):
            with _store(kind, Path(tmp), args.uri) as store:
                rows += measure(kind, store, args)
    load = os.getloadavg()
    headers = ["store", "endpoint", "bytes", "CPU ms/req", "wall ms/req", "req/s per core"]
    print(table(headers, rows))
    print(
        f"{args.requests} requests each, cache off, profiler {'on' if args.profile else 'off'}; "
        f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}"
    )


if __name__ == "__main__":
    main()
