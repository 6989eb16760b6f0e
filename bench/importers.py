"""The SIPRI importer on a synthetic 30,000-row trade register, beside a plain ``csv`` parse.

    python -m bench.importers                      # 30,000 rows, embedded store and Neo4j
    python -m bench.importers --rows 3000 --skip neo4j

The file is generated here in SIPRI's current CSV layout (preamble, untitled ``?`` columns,
``2004; 2005`` years, quoted commas, Windows line endings) and labelled SYNTHETIC in its
title: its rows are invented, not SIPRI records. Each phase runs in a freshly spawned Python
process, so its peak RSS (VmHWM) is its own: a plain ``csv.reader`` pass over the file, then
``armsgraph import sipri`` (``import_register``: parse, validate, name, reason, versioned
write) into an embedded store and into Neo4j (the benchmark server, bench/server.py, on
ARMSGRAPH_BENCH_BOLT_PORT). Each store first gets the bundled data, which is timed apart.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.measure import cpu_seconds, in_child, own_hwm_mib
from bench.report import table

# Names as SIPRI writes them that the gazetteer resolves (register spellings included).
STATES = (
    "Algeria", "Angola", "Argentina", "Australia", "Brazil", "Canada", "Chile", "China",
    "Colombia", "Egypt", "France", "Germany", "Greece", "India", "Indonesia", "Israel", "Italy",
    "Japan", "Korea, South", "Malaysia", "Mexico", "Morocco", "Netherlands", "Nigeria", "Norway",
    "Pakistan", "Peru", "Philippines", "Poland", "Portugal", "Qatar", "Saudi Arabia",
    "Singapore", "South Africa", "Spain", "Sweden", "Switzerland", "Thailand", "Turkiye",
    "UAE", "United Kingdom", "United States", "Viet Nam",
)  # fmt: skip
DESCRIPTIONS = (
    "fighter aircraft", "transport aircraft", "helicopter", "combat helicopter", "SAM", "SSM",
    "BVRAAM", "anti-ship missile", "tank", "APC", "IFV", "self-propelled howitzer", "frigate",
    "corvette", "patrol boat", "air search radar", "turbofan", "reconnaissance drone",
)  # fmt: skip
HEADER = (
    "Recipient,Supplier,Year of order, ,Number ordered, ,Weapon designation,Weapon description,"
    "Deliveries in the Year Range, ,Year(s) of delivery,status,Comments,SIPRI TIV per unit,"
    "SIPRI TIV for total order,SIPRI TIV of delivered weapons"
)


def generate(path: Path, rows: int, seed: int = 7) -> None:
    """A SYNTHETIC trade register of ``rows`` delivered rows (never real records)."""
    rng = random.Random(seed)
    preamble = [
        "Transfers of major conventional arms (SYNTHETIC benchmark file written by "
        "bench/importers.py, not real records) from All countries to All countries.",
        "A '?' in a column indicates uncertain data.",
        "SIPRI trend-indicator values (TIVs) are in millions.",
        "",
        "Source: synthetic (bench/importers.py)",
        "Data generated: 1 Dec 2026 9:00:00 AM",
    ]
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("\r\n".join(preamble) + "\r\n" + HEADER + "\r\n")
        writer = csv.writer(out, lineterminator="\r\n")
        for i in range(rows):
            supplier, recipient = rng.sample(STATES, 2)
            kind = i % len(DESCRIPTIONS)
            ordered = rng.randint(1, 60)
            delivered = rng.randint(1, ordered)
            start = rng.randint(1990, 2022)
            years = "; ".join(str(start + k) for k in range(rng.randint(1, 3)))
            unit = round(rng.uniform(0.05, 50), 2)
            writer.writerow(
                [
                    recipient, supplier, start - rng.randint(0, 3), rng.choice(["", "", "?"]),
                    ordered, rng.choice(["", "?"]), f"Synth-{kind}-{i % 50}", DESCRIPTIONS[kind],
                    delivered, rng.choice(["", "", "?"]), years,
                    rng.choice(["New", "New", "Second hand"]),
                    f"Synthetic row {i}, with a comma" if i % 5 == 0 else "",
                    unit, round(unit * ordered, 2), round(unit * delivered, 2),
                ]
            )  # fmt: skip


def plain_csv(path: str) -> dict[str, Any]:
    start = time.perf_counter()
    with open(path, encoding="utf-8", newline="") as f:
        rows = sum(1 for _ in csv.reader(f)) - 7
    return {"seconds": time.perf_counter() - start, "rows": rows, "rss": own_hwm_mib()}


class StoreTime:
    """Wall time spent inside the store's public methods (the outermost call only, so a
    method calling another is counted once): ``apply`` (the versioned write) apart from the
    reads planning and recompute make; the rest of an import is the store-independent core."""

    def __init__(self, store: Any) -> None:
        self.seconds: dict[str, float] = {"apply": 0.0, "reads": 0.0}
        self._depth = 0
        for name in dir(type(store)):
            method = getattr(store, name)
            if not name.startswith("_") and callable(method) and name not in {"close", "clear"}:
                setattr(store, name, self._timed(name, method))

    def _timed(self, name: str, method: Any) -> Any:
        def timed(*args: Any, **kwargs: Any) -> Any:
            self._depth += 1
            start = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                self._depth -= 1
                if self._depth == 0:
                    key = "apply" if name == "apply" else "reads"
                    self.seconds[key] += time.perf_counter() - start

        return timed

    def reset(self) -> dict[str, float]:
        seen = dict(self.seconds)
        self.seconds = {key: 0.0 for key in seen}
        return seen


def imported(path: str, kind: str, where: str, server_pid: int | None = None) -> dict[str, Any]:
    from armsgraph.loaders.ingest import BUNDLED_DATA, ingest
    from armsgraph.loaders.registers.importer import import_register
    from armsgraph.loaders.registers.sipri import SipriFormat

    store: Any
    if kind == "neo4j":
        from armsgraph.graph.neo4j_store import Neo4jStore

        store = Neo4jStore(where, None, None)
    else:
        from armsgraph.ontology.rdf_store import RdfStore

        store = RdfStore(Path(where))
    try:
        store.clear()
        start = time.perf_counter()
        ingest([BUNDLED_DATA], store)
        bundled = time.perf_counter() - start
        rss_before = own_hwm_mib()
        store_time = StoreTime(store)
        server_cpu = cpu_seconds(server_pid)
        start = time.perf_counter()
        result = import_register(SipriFormat(), Path(path), store)
        seconds = time.perf_counter() - start
        server_cpu = cpu_seconds(server_pid) - server_cpu
        first = store_time.reset()
        again_start = time.perf_counter()
        again = import_register(SipriFormat(), Path(path), store)
        assert again.load is not None and not again.load.report.changed
        return {
            "apply": first["apply"],
            "reads": first["reads"],
            "server_cpu": server_cpu,
            "again_store": sum(store_time.seconds.values()),
            "seconds": seconds,
            "rows": result.rows,
            "claims": result.claims,
            "bundled": bundled,
            "again": time.perf_counter() - again_start,
            "rss": own_hwm_mib(),
            "rss_before": rss_before,
        }
    finally:
        store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=30_000)
    parser.add_argument("--skip", default="", help="comma-separated: embedded, neo4j")
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    with tempfile.TemporaryDirectory(prefix="bench-importers-") as tmp:
        path = Path(tmp) / "synthetic-trade-register.csv"
        generate(path, args.rows)
        size = path.stat().st_size / 1024 / 1024
        print(f"synthetic register: {args.rows:,} rows, {size:.1f} MiB, load {os.getloadavg()}")
        results: list[tuple[str, dict[str, Any]]] = [
            ("plain csv.reader", in_child(plain_csv, str(path)))
        ]
        if "embedded" not in skip:
            results.append(
                ("import sipri -> embedded", in_child(imported, str(path), "embedded", tmp + "/ox"))
            )
        if "neo4j" not in skip:
            from bench.server import bench_config, bench_server

            with bench_server(bench_config()) as (uri, pid):
                results.append(
                    ("import sipri -> Neo4j", in_child(imported, str(path), "neo4j", uri, pid))
                )
        rows = [
            [
                what,
                r["rows"],
                r["seconds"],
                r["rows"] / r["seconds"],
                r["rss"],
                r.get("again", float("nan")),
                r.get("bundled", float("nan")),
            ]
            for what, r in results
        ]
        headers = ["phase", "rows", "s", "rows/s", "peak RSS MiB", "reimport s", "bundled data s"]
        print(table(headers, rows))
        split = [
            [what, r["seconds"], r["apply"], r["reads"], r["seconds"] - r["apply"] - r["reads"],
             r["server_cpu"] if "neo4j" in what.lower() else float("nan"), r["again_store"]]
            for what, r in results
            if "apply" in r
        ]  # fmt: skip
        print("where the first import's time went (wall s; server CPU: the Neo4j JVM's CPU s)")
        print(table(["phase", "s", "store.apply", "store reads", "core", "server CPU s",
                     "reimport: store s"], split))  # fmt: skip
        print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
