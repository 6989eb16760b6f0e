"""The API's answer cache, side by side: cold (cache off), warm (kept answers), 304 (ETag).

``python -m bench.api_cache`` loads the bundled data into each store (a temporary embedded
store; the bench's private Neo4j, bench/server.py), serves it with uvicorn (one worker, a
process of its own, as bench/api.py) and sends 8 client threads at each endpoint, three ways:

- cold: ``ARMSGRAPH_ANSWER_CACHE_MB=0``, every answer computed (queries, hydration, JSON);
- warm: the cache on, the answers kept after a first request to each URL;
- 304: the cache on, clients send the ETag they were given (``If-None-Match``): no body;

and ``/health`` (store counts, never kept) as the floor of what the server answers at all.

Targets (issue 16), ``/paths`` Pyongyang->Moscow, bundled data, 8 clients: at least 300
requests/s warm and 100 cold, p99 under 50 ms warm, on both stores.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from dataclasses import asdict
from pathlib import Path

import httpx

from armsgraph.core.store import Store
from armsgraph.graph.neo4j_store import Neo4jStore
from armsgraph.loaders.ingest import BUNDLED_DATA, ingest
from armsgraph.ontology.rdf_store import RdfStore
from bench import api
from bench.report import save_result, table
from bench.server import bench_config, bench_server

ENDPOINTS = {
    "/paths": "/paths?from=Pyongyang&to=Moscow",
    "/transfers": "/transfers?supplier=Pyongyang",
    "/breaches": "/breaches",
}


def _args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        prog="python -m bench.api_cache", description=__doc__.split("\n")[0]
    )
    p.add_argument("--clients", type=int, default=8)
    p.add_argument("--requests", type=int, default=1500, help="at most, per endpoint and mode")
    p.add_argument("--seconds", type=float, default=12.0, help="at most, per endpoint and mode")
    p.add_argument("--stores", default="embedded,neo4j")
    return p.parse_args(argv)


def _load(store: Store) -> None:
    store.clear()
    ingest([BUNDLED_DATA], store)
    store.close()


def _measure(args: argparse.Namespace, store: str, env: dict[str, str]) -> list[api.ApiResult]:
    """A server with the cache off (cold), then one with it on (warm and 304)."""
    results = []
    for cache_mb, modes in (("0", ("cold",)), ("64", ("warm", "304"))):
        port = api.free_port()
        proc = api.start_server(env | {"ARMSGRAPH_ANSWER_CACHE_MB": cache_mb}, port)
        try:
            if cache_mb == "0":  # the floor: /health reads counts, no hydration, no JSON work
                health = f"http://127.0.0.1:{port}/health"
                r = api.hammer(
                    f"{store} (floor)", [health], args.clients, args.requests, args.seconds,
                    endpoint="/health",
                )  # fmt: skip
                results.append(r)
            for name, path in ENDPOINTS.items():
                url = f"http://127.0.0.1:{port}{path}"
                first = httpx.get(url, timeout=60)  # keeps the answer (warm); not measured
                first.raise_for_status()
                for mode in modes:
                    revalidate = mode == "304"
                    headers = {"If-None-Match": first.headers["etag"]} if revalidate else {}
                    r = api.hammer(
                        f"{store} {mode}", [url], args.clients, args.requests, args.seconds,
                        headers=headers, expect=304 if revalidate else 200, endpoint=name,
                    )  # fmt: skip
                    results.append(r)
                    print(f"  {store} {name} {mode}: {r.rps:,.0f} req/s, p99 {r.p99_ms:.1f} ms")
        finally:
            api.stop_server(proc)
    return results


def main(argv: list[str] | None = None) -> None:
    args = _args(argv)
    stores = args.stores.split(",")
    results: list[api.ApiResult] = []
    with tempfile.TemporaryDirectory(prefix="armsgraph-bench-cache-") as tmp:
        if "embedded" in stores:
            _load(RdfStore(Path(tmp) / "oxigraph"))
            env = {"ARMSGRAPH_STORE": "embedded", "ARMSGRAPH_DATA_DIR": tmp}
            results += _measure(args, "embedded", env)
        if "neo4j" in stores:
            cfg = bench_config()
            with bench_server(cfg) as (uri, _pid):
                _load(Neo4jStore(uri))
                results += _measure(
                    args, "neo4j", {"ARMSGRAPH_STORE": "neo4j", "ARMSGRAPH_NEO4J_URI": uri}
                )
    load = os.getloadavg()
    rows = [[r.store, r.endpoint, r.requests, r.errors, r.rps, r.p50_ms, r.p99_ms] for r in results]
    print(
        table(["store, mode", "endpoint", "requests", "errors", "req/s", "p50 ms", "p99 ms"], rows)
    )
    print(f"{args.clients} clients; load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
    save_result("api-cache", {"runs": [asdict(r) for r in results]})


if __name__ == "__main__":
    main()
