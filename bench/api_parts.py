"""What the parts of a cold ``/paths`` answer cost without a profiler, on the embedded store.

``python -m bench.api_parts`` loads the bundled data into a temporary embedded store and
times, in CPU of this process, the whole answer (``GraphService.paths`` and its JSON), the
store's evidence read of its events, the not-in-force check and hashing its claims' ids
(what a Neo4j read did per claim). Each figure is the least of ``--batches`` batches'
mean: on a shared machine the least is the one other processes disturbed least. cProfile
(``bench.api_profile --profile``) inflates code made of many small Python calls, such as
the not-in-force check, several times over; these figures do not.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from armsgraph.api.service import GraphService
from armsgraph.core.ids import claim_id
from armsgraph.loaders.ingest import BUNDLED_DATA, ingest
from armsgraph.ontology.rdf_store import RdfStore


def least_ms(work: Callable[[], object], batches: int, size: int) -> float:
    """The least mean CPU ms of ``work`` over ``batches`` batches of ``size`` calls."""
    means = []
    for _ in range(batches):
        start = time.process_time()
        for _ in range(size):
            work()
        means.append((time.process_time() - start) / size * 1000)
    return min(means)


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="python -m bench.api_parts", description=__doc__)
    p.add_argument("--batches", type=int, default=15)
    p.add_argument("--size", type=int, default=10, help="calls a batch")
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="armsgraph-bench-parts-") as tmp:
        store = RdfStore(Path(tmp) / "oxigraph")
        try:
            ingest([BUNDLED_DATA], store)
            service = GraphService(store)
            answer = service.paths("Pyongyang", "Moscow")  # the gazetteer, once a server
            ids = sorted({hop.event_id for path in answer.paths for hop in path.hops})
            found = store.evidence(ids)
            by_id = {c.id: c for c in found.claims}
            parts: dict[str, Callable[[], object]] = {
                "whole answer and its JSON": lambda: service.paths(
                    "Pyongyang", "Moscow"
                ).model_dump_json(by_alias=True),
                "evidence read (store.evidence)": lambda: store.evidence(ids),
                "not-in-force check": lambda: service._not_in_force(found.events, by_id),
                "claim ids hashed": lambda: [claim_id(c) for c in found.claims],
            }
            print(f"/paths Pyongyang->Moscow: {len(ids)} events, {len(found.claims)} claims")
            for name, work in parts.items():
                print(f"  {name}: {least_ms(work, args.batches, args.size):.2f} ms CPU")
        finally:
            store.close()
    load = os.getloadavg()
    print(f"least of {args.batches} batches of {args.size}; load average {load[0]:.1f}")


if __name__ == "__main__":
    main()
