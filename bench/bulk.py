"""Bulk first load into Neo4j, side by side with the online loader, in one run.

``python -m bench.bulk --claims 100000`` loads the same synthetic chunks three ways on the
bench's private server (bench/server.py) and prints one table:

- online: ``Neo4jStore.load_many`` (UNWIND + MERGE batches, the SUPPLIED_TO view once);
- bulk: ``neo4j_bulk.bulk_load`` end to end (CSV written from the same rows, the server
  stopped, ``neo4j-admin database import full``, the server started, schema);
- neo4j-admin alone: the importer's own time inside the bulk run, the engine's limit.

Making the synthetic chunks is timed apart (``Timed``) and left out of the ratios, since
neither loader does it; the seconds with it are printed too.

Targets (issue 16): bulk >= 5x online; bulk within 1.5x of neo4j-admin alone.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from armsgraph.core.dataset import Dataset
from armsgraph.graph.neo4j_bulk import bulk_load
from armsgraph.graph.neo4j_store import Neo4jStore
from bench.measure import cpu_seconds, own_hwm_mib
from bench.report import machine, table
from bench.server import bench_config, bench_server
from bench.synth import SynthConfig, chunks

RESULTS = Path(__file__).resolve().parent / "results"


class Timed:
    """The data sets of ``parts``, with the seconds (wall and CPU) spent making them."""

    def __init__(self, parts: Iterable[Dataset]) -> None:
        self._parts = iter(parts)
        self.seconds = 0.0
        self.cpu_seconds = 0.0

    def __iter__(self) -> Iterator[Dataset]:
        return self

    def __next__(self) -> Dataset:
        started, cpu = time.perf_counter(), time.process_time()
        try:
            return next(self._parts)
        finally:
            self.seconds += time.perf_counter() - started
            self.cpu_seconds += time.process_time() - cpu


def _args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench.bulk", description=__doc__.split("\n")[0])
    p.add_argument("--claims", type=int, default=100_000)
    p.add_argument("--chunk", type=int, default=20_000)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--skip-online", action="store_true", help="bulk only (for very large N)")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = _args(argv)
    config = SynthConfig(claims=args.claims, seed=args.seed, chunk_claims=args.chunk)
    cfg = bench_config()
    result: dict[str, object] = {"claims": args.claims, "machine": machine("5.26.29")}
    with bench_server(cfg) as (uri, jvm_pid):
        online_s = online_gen = float("nan")
        if not args.skip_online:
            with Neo4jStore(uri) as store:
                store.clear()
                parts = Timed(chunks(config))
                started, cpu, jvm = time.perf_counter(), time.process_time(), cpu_seconds(jvm_pid)
                store.load_many(parts)
                online_gen = parts.seconds
                online_s = time.perf_counter() - started - online_gen
                # What each side of the online load works, against its wall time.
                online_cpu = {
                    "python": time.process_time() - cpu - parts.cpu_seconds,
                    "jvm": cpu_seconds(jvm_pid) - jvm,
                }
                counts_online = store.counts()
            print(
                f"online: {online_s:.0f} s; CPU: Python {online_cpu['python']:.0f} s "
                f"(making chunks left out), Neo4j JVM {online_cpu['jvm']:.0f} s"
            )
            result |= {
                "online_seconds": online_s,
                "online_gen_seconds": online_gen,
                "online_cpu_seconds": online_cpu,
            }
        with tempfile.TemporaryDirectory(prefix="armsgraph-bulk-") as tmp:
            parts = Timed(chunks(config))
            started = time.perf_counter()
            report = bulk_load(
                cfg,
                parts,
                Path(tmp) / "csv",
                replace=True,
                progress=lambda m: print(f"  [bulk] {m}"),
            )
            bulk_gen = parts.seconds
            bulk_s = time.perf_counter() - started - bulk_gen
        with Neo4jStore(cfg.bolt_uri) as store:
            counts_bulk = store.counts()
    if not args.skip_online and counts_bulk != counts_online:
        raise SystemExit(f"bulk and online graphs differ: {counts_bulk} vs {counts_online}")
    admin_s = report.import_seconds
    speedup = online_s / bulk_s
    n, nan = args.claims, float("nan")
    rows = [
        ["online (load_many)", online_s, online_gen, n / online_s, 1.0],
        ["bulk end to end", bulk_s, bulk_gen, n / bulk_s, speedup],
        ["  of which CSV", report.csv_seconds - bulk_gen, nan, nan, nan],
        ["  of which neo4j-admin", admin_s, nan, n / admin_s, online_s / admin_s],
        ["  of which server stop+start", report.restart_seconds, nan, nan, nan],
        ["  of which schema", report.schema_seconds, nan, nan, nan],
    ]
    headers = ["method", "seconds", "+ making chunks", "claims/s", "x online"]
    print(table(headers, rows))
    print(
        f"{n:,} claims; bulk / neo4j-admin alone: {bulk_s / admin_s:.2f}x (target <= 1.5x); "
        f"bulk vs online: {speedup:.1f}x (target >= 5x); CSV {report.csv_bytes / 2**20:.0f} MiB, "
        f"{report.rows:,} rows; Python peak RSS {own_hwm_mib():.0f} MiB; "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    result["load_average"] = os.getloadavg()
    result |= {
        "bulk_seconds": bulk_s,
        "csv_seconds": report.csv_seconds,
        "admin_seconds": admin_s,
        "bulk_gen_seconds": bulk_gen,
        "schema_seconds": report.schema_seconds,
        "restart_seconds": report.restart_seconds,
        "csv_bytes": report.csv_bytes,
        "rows": report.rows,
        "counts": counts_bulk,
        "peak_py_mib": own_hwm_mib(),
    }
    RESULTS.mkdir(exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    (RESULTS / f"{stamp}-bulk.json").write_text(json.dumps(result, indent=2, default=str))


if __name__ == "__main__":
    main()
