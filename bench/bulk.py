"""Bulk first load into Neo4j, side by side with the online loader, in one run.

``python -m bench.bulk --claims 100000`` loads the same synthetic chunks three ways on the
bench's private server (bench/server.py) and prints one table:

- online: ``Neo4jStore.load_many`` (UNWIND + MERGE batches, the SUPPLIED_TO view once);
- bulk: ``neo4j_bulk.bulk_load`` end to end (CSV written from the same rows, the server
  stopped, ``neo4j-admin database import full``, the server started, schema, empty lists,
  view);
- neo4j-admin alone: the importer's own time inside the bulk run, the engine's limit.

Targets (issue 16): bulk >= 5x online; bulk within 1.5x of neo4j-admin alone.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import tempfile
import time
from pathlib import Path

from armsgraph.graph.neo4j_bulk import bulk_load
from armsgraph.graph.neo4j_store import Neo4jStore
from bench.measure import own_hwm_mib
from bench.report import machine, table
from bench.server import bench_config, bench_server
from bench.synth import SynthConfig, chunks

RESULTS = Path(__file__).resolve().parent / "results"


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
    rows: list[list[object]] = []
    result: dict[str, object] = {"claims": args.claims, "machine": machine("5.26.29")}
    with bench_server(cfg) as (uri, _jvm_pid):
        online_s = float("nan")
        if not args.skip_online:
            with Neo4jStore(uri) as store:
                store.clear()
                parts = chunks(config)
                started = time.perf_counter()
                store.load_many(parts)
                online_s = time.perf_counter() - started
                counts_online = store.counts()
            result["online_seconds"] = online_s
            rows.append(["online (load_many)", args.claims, online_s, args.claims / online_s, 1.0])
        with tempfile.TemporaryDirectory(prefix="armsgraph-bulk-") as tmp:
            started = time.perf_counter()
            report = bulk_load(
                cfg,
                chunks(config),
                Path(tmp) / "csv",
                replace=True,
                progress=lambda m: print(f"  [bulk] {m}"),
            )
            bulk_s = time.perf_counter() - started
        with Neo4jStore(cfg.bolt_uri) as store:
            counts_bulk = store.counts()
    if not args.skip_online and counts_bulk != counts_online:
        raise SystemExit(f"bulk and online graphs differ: {counts_bulk} vs {counts_online}")
    admin_s = report.import_seconds
    speedup = online_s / bulk_s
    nan = float("nan")
    rows.append(["bulk end to end", args.claims, bulk_s, args.claims / bulk_s, speedup])
    rows.append(["  of which CSV", args.claims, report.csv_seconds, nan, nan])
    rows.append(["  of which neo4j-admin", args.claims, admin_s, args.claims / admin_s, nan])
    rows.append(["  of which server stop+start", args.claims, report.restart_seconds, nan, nan])
    rows.append(["  of which schema+view", args.claims, report.finish_seconds, nan, nan])
    print(table(["method", "claims", "seconds", "claims/s", "x online"], rows))
    print(
        f"bulk / neo4j-admin alone: {bulk_s / admin_s:.2f}x (target <= 1.5x); "
        f"bulk vs online: {speedup:.1f}x (target >= 5x); CSV {report.csv_bytes / 2**20:.0f} MiB, "
        f"{report.rows:,} rows; Python peak RSS {own_hwm_mib():.0f} MiB; "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    result["load_average"] = os.getloadavg()
    result |= {
        "bulk_seconds": bulk_s,
        "csv_seconds": report.csv_seconds,
        "admin_seconds": admin_s,
        "finish_seconds": report.finish_seconds,
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
