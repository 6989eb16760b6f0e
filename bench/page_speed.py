"""How fast the investigator's page is, measured in Chromium through Playwright.

    python -m bench.page_speed                    # bundled data (embedded store), then 1M
    python -m bench.page_speed --claims 100000    # a smaller synthetic store
    python -m bench.page_speed --skip-bundled --reuse --keep  # query what the server holds
    ARMSGRAPH_PAGE_BENCH_BOLT_PORT=7716 ARMSGRAPH_PAGE_BENCH_HTTP_PORT=7717 \
        python -m bench.page_speed --home /tmp/page-neo4j --claims 100000  # another server

Bundled data: time from navigation to the network drawn (the page's ``network-drawn``
performance mark), the page interactive. Large store: the synthetic workload of
bench/synth.py loaded into a private Neo4j (own home, ``--home``; Bolt 7754 and HTTP 7755,
or ARMSGRAPH_PAGE_BENCH_BOLT_PORT / ARMSGRAPH_PAGE_BENCH_HTTP_PORT), served by the real API;
then the network view drawn (aggregated, capped at 150 pairs) and the evidence panel of the
busiest edge after a real click on its button under the network (mark ``evidence-shown``
minus ``edge-clicked``). The API answers alone are timed beside them. Every figure is the
median of ``--repeats`` runs
after one warm-up, and each run prints the load average beside it. The API's kept answers
(issue 16) are off unless ``--answer-cache-mb`` turns them on: with them every repeat after
the warm-up would be a kept answer, not the store's work.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from armsgraph.api.app import create_app
from armsgraph.core.settings import Settings
from armsgraph.graph import neo4j_server
from armsgraph.graph.neo4j_server import Neo4jServerConfig
from armsgraph.graph.neo4j_store import Neo4jStore
from armsgraph.loaders.ingest import BUNDLED_DATA, read_dataset
from armsgraph.ontology.rdf_store import RdfStore
from bench.browser import chromium, serve
from bench.neo4j_load import load_store
from bench.page_driver import InvestigatorPage
from bench.server import SHARED_LIB
from bench.synth import SynthConfig

REPO = Path(__file__).resolve().parents[1]
HOME = REPO / ".armsgraph" / "page-bench-neo4j"


def server_config(home: Path = HOME) -> Neo4jServerConfig:
    """The private server: its own ports (not ARMSGRAPH_BENCH_*, which other benchmarks'
    servers use, so a ``--reuse`` run never measures another store), the shared jars."""
    return Neo4jServerConfig(
        home=home,
        bolt_port=int(os.environ.get("ARMSGRAPH_PAGE_BENCH_BOLT_PORT") or 7754),
        http_port=int(os.environ.get("ARMSGRAPH_PAGE_BENCH_HTTP_PORT") or 7755),
        heap="2g",
        pagecache="1g",
        lib_dir=SHARED_LIB if SHARED_LIB.is_dir() else None,
    )


def _mark(page: InvestigatorPage, name: str) -> float:
    entries = page.page.evaluate(f"performance.getEntriesByName('{name}').map(e => e.startTime)")
    return float(entries[-1])


def _median(runs: list[float]) -> str:
    return f"median {statistics.median(runs):7.0f} ms (runs: {', '.join(f'{r:.0f}' for r in runs)})"


def _repeat(what: str, repeats: int, once: Callable[[], float]) -> list[float]:
    once()  # warm-up
    runs = [once() for _ in range(repeats)]
    print(f"  {what:48} {_median(runs)}  load avg {os.getloadavg()[0]:.1f}", flush=True)
    return runs


def bundled(repeats: int, cache_mb: float = 0) -> None:
    print("bundled data, embedded store:")
    with tempfile.TemporaryDirectory() as tmp:
        store = RdfStore(Path(tmp) / "oxigraph")
        store.load(read_dataset([BUNDLED_DATA])[0])
        settings = Settings(store="embedded", data_dir=Path(tmp), answer_cache_mb=cache_mb)
        app = create_app(settings, store=store)
        with serve(app) as base, chromium() as browser:
            page = InvestigatorPage(browser.new_page(), base)

            def interactive() -> float:
                page.open()
                return _mark(page, "network-drawn")

            _repeat("page interactive (network drawn)", repeats, interactive)
            _repeat(
                "evidence of DPRK -> Russia after a click",
                repeats,
                lambda: _evidence(page, "PRK", "RUS"),
            )
        store.close()


def _evidence(page: InvestigatorPage, supplier: str, recipient: str, listed: bool = False) -> float:
    page.page.evaluate("state.pair = null")
    if listed:
        page.click_listed_edge(supplier, recipient)
    else:
        page.click_edge(supplier, recipient)
    page.wait_for_evidence(supplier, recipient, timeout_ms=60_000)
    return _mark(page, "evidence-shown") - _mark(page, "edge-clicked")


def large(
    claims: int, repeats: int, reuse: bool, keep: bool, home: Path = HOME, cache_mb: float = 0
) -> None:
    server = server_config(home)
    before = neo4j_server.status(server)
    status = neo4j_server.start(server, progress=lambda m: print(f"  [neo4j] {m}"))
    try:
        store = Neo4jStore(server.bolt_uri)
        held = store.counts()["claims"]
        if not (reuse and held):
            store.clear()
            started = time.perf_counter()
            print(f"loading {claims:,} synthetic claims into Neo4j (Bolt {server.bolt_port})...")
            result = load_store(server.bolt_uri, SynthConfig(claims), status.pid)
            took = time.perf_counter() - started
            print(f"  loaded in {took:.0f} s ({result.gen_seconds:.0f} s of it generating)")
        counts = store.counts()
        events = sum(counts[k] for k in ("shipments", "deployments", "assistance"))
        print(f"{counts['claims']:,} claims, {events:,} events, {counts['breaches']:,} breaches:")
        settings = Settings(store="neo4j", neo4j_uri=server.bolt_uri, answer_cache_mb=cache_mb)
        app = create_app(settings, store=store)
        with serve(app) as base, chromium() as browser:
            network = httpx.get(f"{base}/network", params={"limit": 150}, timeout=120).json()
            busiest = network["flows"][0]
            pair = (busiest["supplier"], busiest["recipient"])
            top = f"{pair[0]}->{pair[1]} with {busiest['events']:,} events"
            print(f"  {network['total_pairs']:,} pairs; busiest {top}")
            _repeat(
                "API GET /network (150 of all pairs)",
                repeats,
                lambda: _api(base, "/network", {"limit": 150}),
            )
            _repeat(
                f"API GET /transfers {pair[0]}->{pair[1]} (first 50)",
                repeats,
                lambda: _api(
                    base, "/transfers", {"supplier": pair[0], "recipient": pair[1], "limit": 50}
                ),
            )
            page = InvestigatorPage(browser.new_page(), base)

            def drawn() -> float:
                page.open(timeout_ms=120_000)
                return _mark(page, "network-drawn")

            _repeat("page: network view drawn", repeats, drawn)
            _repeat(
                f"page: evidence of {pair[0]}->{pair[1]} after a click",
                repeats,
                lambda: _evidence(page, *pair, listed=True),
            )
        store.close()
    finally:
        if not before.running and not keep:
            neo4j_server.stop(server, progress=lambda m: print(f"  [neo4j] {m}"))


def _api(base: str, path: str, params: dict[str, object]) -> float:
    started = time.perf_counter()
    httpx.get(base + path, params=params, timeout=120).raise_for_status()
    return (time.perf_counter() - started) * 1000


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1_000_000, help="0: bundled data only")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument(
        "--reuse", action="store_true", help="measure what the server holds, if anything"
    )
    parser.add_argument("--keep", action="store_true", help="leave the private Neo4j running")
    parser.add_argument("--skip-bundled", action="store_true")
    parser.add_argument(
        "--home", type=Path, default=HOME, help=f"the private server's home (default {HOME})"
    )
    parser.add_argument(
        "--answer-cache-mb",
        type=float,
        default=0,
        help="the API's kept answers (default 0, off: every repeat asks the store again, as "
        "the first request after a write does; with it on the repeats measure kept answers)",
    )
    args = parser.parse_args()
    if not args.skip_bundled:
        bundled(args.repeats, args.answer_cache_mb)
    if args.claims:
        large(args.claims, args.repeats, args.reuse, args.keep, args.home, args.answer_cache_mb)
