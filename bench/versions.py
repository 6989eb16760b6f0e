"""Versioned reloads: an unchanged data set, and one with 1 % of its claims edited.

    python -m bench.versions --claims 100000                  # the embedded store
    python -m bench.versions --claims 100000 --store neo4j    # the benchmark's own server

Prints, side by side: the first versioned load; a reload of the unchanged data set as a
versioned write (``core.replace.write_version``) and as ``Store.load`` does it (the path
every load took before versioning, still the bulk path); a reload with 1 % of the claims
edited (a quantity changed, so events and breaches change too), versioned, against a full
reload of the same edited data set into an emptied store. Generation is not timed. Each
step's seconds and load average go to ``bench/results/<time>-versions-<store>-<N>.json``
as soon as it ends.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import tempfile
import time
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from armsgraph.core.change import VersionedStore, versioned
from armsgraph.core.dataset import Dataset
from armsgraph.core.model import Claim, ShipmentStatement
from armsgraph.core.replace import write_version
from bench.report import machine
from bench.server import bench_config, bench_server
from bench.synth import SynthConfig, chunks

RESULTS = Path(__file__).resolve().parent / "results"


def whole(claims: int) -> Dataset:
    """The synthetic data set in one piece (the versioned path diffs per source)."""
    out = Dataset()
    for chunk in chunks(SynthConfig(claims=claims)):
        out.states, out.weapon_systems = chunk.states, chunk.weapon_systems
        out.resolutions, out.provisions = chunk.resolutions, chunk.provisions
        out.sources.update(chunk.sources)
        out.claims.update(chunk.claims)
        out.events.update(chunk.events)
    return out


def edited(dataset: Dataset, share: float) -> tuple[Dataset, int]:
    """A copy with every n-th shipment claim's first quantity raised by one."""
    every = round(1 / share)
    claims: list[Claim] = []
    changed = 0
    for i, claim in enumerate(dataset.claims.values()):
        shipment = claim.shipment
        item = shipment.items[0] if shipment else None
        if i % every == 0 and shipment and item and item.quantity and item.quantity.value:
            quantity = item.quantity.model_copy(update={"value": item.quantity.value + 1})
            items = [item.model_copy(update={"quantity": quantity}), *shipment.items[1:]]
            statement: ShipmentStatement = shipment.model_copy(update={"items": items})
            claim = claim.model_copy(update={"shipment": statement})
            changed += 1
        claims.append(claim)
    out = Dataset(
        states=dataset.states,
        weapon_systems=dataset.weapon_systems,
        resolutions=dataset.resolutions,
        provisions=dataset.provisions,
        sources=dataset.sources,
    )
    out.add_claims(claims)
    return out, changed


# The 20,000-claim run of 2026-12-01 (BENCHMARKS.md, load average 20-24): the unchanged
# reload before versioning, by ``Store.load``, the path every load took then.
BEFORE_20K = {"claims": 20_000, "store": "embedded", "reload unchanged, Store.load": 170.6}


def git_commit() -> str:
    """The code measured (a run names the commit its figures belong to)."""
    head = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True)
    return head.stdout.strip() or "unknown"


class Steps:
    """Timed steps, printed as they finish with the load average, and the figures so far
    written to ``bench/results`` after each (a run stopped early keeps what it measured)."""

    def __init__(self, meta: dict[str, object]) -> None:
        self.rows: list[tuple[str, float, float]] = []
        self.cpu: dict[str, float] = {}
        self.meta = meta
        stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
        self.path = RESULTS / f"{stamp}-versions-{meta['store']}-{meta['claims']}.json"

    def timed(self, what: str, work: Callable[[], Any], kept: bool = True) -> Any:
        started, cpu = time.perf_counter(), time.process_time()
        result = work()
        seconds, load = time.perf_counter() - started, os.getloadavg()[0]
        cpu = time.process_time() - cpu  # this process only (not the Neo4j server's)
        print(
            f"{what:<58} {seconds:8.2f} s, {cpu:7.2f} s CPU (load average {load:.1f})", flush=True
        )
        if kept:
            self.rows.append((what, seconds, load))
            self.cpu[what] = cpu
            self.save()
        return result

    def seconds(self, what: str) -> float:
        return next(s for w, s, _ in self.rows if w == what)

    def save(self) -> None:
        rows = [
            {"step": w, "seconds": s, "cpu_seconds": self.cpu[w], "load_average": a}
            for w, s, a in self.rows
        ]
        self.path.write_text(json.dumps({**self.meta, "steps": rows}, indent=1) + "\n")


FIRST = "first load, versioned (write_version)"
NOOP = "reload unchanged: versioned"
EDITED = "reload with 1 % edited: versioned"
BEFORE = "reload unchanged: Store.load (the path before versioning)"
FULL = "full reload of the edited data set (clear + load)"


def run(store: VersionedStore, claims: int, steps: Steps, full_reload: bool) -> None:
    """The cheap and decisive steps first. ``Store.load`` reloads the edited data set into
    the store that holds it, which is as unchanged a reload as the first one."""
    data = steps.timed(f"generate {claims:,} claims (not a load)", lambda: whole(claims), False)
    store.clear()
    steps.timed(FIRST, lambda: write_version(store, data))
    report = steps.timed(NOOP, lambda: write_version(store, data))
    assert not report.changed
    changed_data, n = edited(data, 0.01)
    print(f"edited {n:,} claims ({n / len(data.claims):.1%})")
    steps.meta["edited_claims"] = n
    report = steps.timed(EDITED, lambda: write_version(store, changed_data))
    t = report.totals()
    steps.meta["edited_report"] = t
    print(
        f"  changed {t['changed']}, breaches written {t['breaches_written']}, "
        f"retracted {t['breaches_retracted']}"
    )
    steps.timed(BEFORE, lambda: store.load(changed_data))

    def full() -> None:
        store.clear()
        write_version(store, changed_data)

    if full_reload:
        steps.timed(FULL, full)
    summary(steps)


def summary(steps: Steps) -> None:
    noop, before, edited_s = (steps.seconds(w) for w in (NOOP, BEFORE, EDITED))
    full_name = FULL if any(w == FULL for w, _, _ in steps.rows) else FIRST
    full_s = steps.seconds(full_name)
    print(
        f"\nunchanged reload: versioned {noop:.2f} s against {before:.2f} s by Store.load "
        f"before versioning ({noop / before:.1%}); at 20,000 claims on 2026-12-01: "
        f"{BEFORE_20K['reload unchanged, Store.load']} s by Store.load"
    )
    print(
        f"1 % edited: {edited_s:.2f} s against {full_s:.2f} s for a full load "
        f"({full_name}): {edited_s / full_s:.1%}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--store", choices=["embedded", "neo4j"], default="embedded")
    parser.add_argument(
        "--neo4j-uri", help="a running server (default: the benchmark's own, bench/server.py)"
    )
    parser.add_argument(
        "--no-full-reload",
        action="store_true",
        help="skip the clear + load of the edited data set; the first load is the full load",
    )
    args = parser.parse_args()
    meta: dict[str, object] = {
        "claims": args.claims,
        "store": args.store,
        "commit": git_commit(),
        "machine": machine("5.26.29" if args.store == "neo4j" else None),
        "before_20k": BEFORE_20K,
    }
    steps = Steps(meta)
    print(f"{args.claims:,} claims, {args.store}; figures in {steps.path}")
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        if args.store == "neo4j":
            from armsgraph.graph.neo4j_store import Neo4jStore

            uri = args.neo4j_uri or stack.enter_context(bench_server(bench_config()))[0]
            store = versioned(Neo4jStore(uri))
        else:
            from armsgraph.ontology.rdf_store import RdfStore

            store = versioned(RdfStore(Path(tmp) / "oxigraph"))
        try:
            run(store, args.claims, steps, not args.no_full_reload)
        finally:
            store.close()


if __name__ == "__main__":
    main()
