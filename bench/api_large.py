"""``/paths`` at scale: 8 clients, random pairs, on a store that already holds a large load.

    python -m bench.api_large --neo4j-uri bolt://127.0.0.1:7754     # e.g. bench.page_speed's
    python -m bench.api_large --data-dir DIR                          # an embedded store

Loading a million claims takes most of an hour, so this script only queries: point it at
a store that ``bench.page_speed --keep`` or ``bench.run --keep`` filled with the synthetic
workload (bench/synth.py; the pairs come from the same reference data, ``--seed``). The
server is uvicorn in a process of its own (bench/api.py); each mode is one server:

- cold: ``ARMSGRAPH_ANSWER_CACHE_MB=0``, every answer computed;
- warm: the cache on, each URL asked once before the clock starts.

Half the URLs are Pyongyang->Moscow, half random pairs up to two hops (``api.path_urls``).
Target (issue 16): p99 under 300 ms with 8 clients, on both stores.
"""

from __future__ import annotations

import argparse
import os
from dataclasses import asdict
from pathlib import Path

import httpx

from bench import api
from bench.report import save_result, table

TARGET_P99_MS = 300.0


def _args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        prog="python -m bench.api_large", description=__doc__.split("\n")[0]
    )
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--neo4j-uri", help="a Neo4j server holding the load")
    where.add_argument("--data-dir", type=Path, help="the data dir of an embedded store")
    p.add_argument("--clients", type=int, default=8)
    p.add_argument("--urls", type=int, default=200, help="distinct URLs, half random pairs")
    p.add_argument("--requests", type=int, default=800, help="at most, per mode")
    p.add_argument("--seconds", type=float, default=60.0, help="at most, per mode")
    p.add_argument("--seed", type=int, default=7, help="the synthetic workload's seed")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = _args(argv)
    if args.neo4j_uri:
        store, env = "neo4j", {"ARMSGRAPH_STORE": "neo4j", "ARMSGRAPH_NEO4J_URI": args.neo4j_uri}
    else:
        store, env = (
            "embedded",
            {"ARMSGRAPH_STORE": "embedded", "ARMSGRAPH_DATA_DIR": str(args.data_dir)},
        )
    results: list[api.ApiResult] = []
    counts: dict[str, int] = {}
    for mode, cache_mb in (("cold", "0"), ("warm", "64")):
        port = api.free_port()
        # As many heavy queries at once as there are clients: the default cap (4) would
        # answer the rest 503, which measures the cap, not the answers.
        limits = {
            "ARMSGRAPH_ANSWER_CACHE_MB": cache_mb,
            "ARMSGRAPH_MAX_HEAVY_QUERIES": str(args.clients),
        }
        proc = api.start_server(env | limits, port)
        try:
            counts = httpx.get(f"http://127.0.0.1:{port}/health", timeout=60).json()["counts"]
            urls = api.path_urls(port, args.seed, args.urls)
            if mode == "warm":
                for url in urls:  # kept before the clock starts
                    httpx.get(url, timeout=120).raise_for_status()
            r = api.hammer(f"{store} {mode}", urls, args.clients, args.requests, args.seconds)
            results.append(r)
            print(
                f"  {store} {mode}: {r.rps:,.1f} req/s, "
                f"p50 {r.p50_ms:.0f} ms, p99 {r.p99_ms:.0f} ms"
            )
        finally:
            api.stop_server(proc)
    load = os.getloadavg()
    print(
        f"{counts.get('claims', 0):,} claims; {args.clients} clients; "
        f"target p99 < {TARGET_P99_MS:.0f} ms"
    )
    rows = [[r.store, r.requests, r.errors, r.rps, r.p50_ms, r.p99_ms] for r in results]
    print(table(["store, mode", "requests", "errors", "req/s", "p50 ms", "p99 ms"], rows))
    print(f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
    save_result("api-large", {"counts": counts, "runs": [asdict(r) for r in results]})


if __name__ == "__main__":
    main()
