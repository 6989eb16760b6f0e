"""Where a load's time goes: each phase of `armsgraph load` into an empty embedded store.

    python -m bench.load_phases --claims 50000

Writes the claim files of ``bench.validate_load`` (same generator and seed), then runs
``loaders.ingest.ingest`` in this process into an empty on-disk store, timing each phase
with wall and CPU time: reading and validating the files, planning the change (events
derived, breaches recomputed against the store), journalling it, writing the quads
(N-Quads lines built here, Oxigraph's bulk loader in its own threads), the documents,
the path index, and recording the versions. A phase's CPU is its own thread's; the write
row also gives the process CPU during it, which counts the bulk loader's threads. Prints
the table beside the 30 s target of issue 15 and the share of the whole wall time that
used one core only. Claim generation is not timed.
"""

from __future__ import annotations

import argparse
import functools
import os
import resource
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from armsgraph.core import replace
from armsgraph.core.change import versioned
from armsgraph.loaders import ingest
from armsgraph.ontology import rdf_documents, rdf_ledger, rdf_merge, rdf_paths
from armsgraph.ontology.rdf_store import RdfStore
from bench.report import table
from bench.validate_load import TARGET_S, load_average, write_claim_files


@dataclass
class Phase:
    wall: float = 0.0
    cpu: float = 0.0  # the calling thread's
    process_cpu: float = 0.0  # every thread's, while the phase ran


def _process_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _timed(owner: Any, name: str, phase: Phase) -> Callable[[], None]:
    """Wrap ``owner.name`` to add its time to ``phase``; returns the undo."""
    original = getattr(owner, name)

    @functools.wraps(original)
    def timed(*args: Any, **kwargs: Any) -> Any:
        wall, cpu, process = time.perf_counter(), time.thread_time(), _process_cpu()
        try:
            return original(*args, **kwargs)
        finally:
            phase.wall += time.perf_counter() - wall
            phase.cpu += time.thread_time() - cpu
            phase.process_cpu += _process_cpu() - process

    setattr(owner, name, timed)
    return lambda: setattr(owner, name, original)


PHASES: list[tuple[str, Any, str]] = [
    ("read and validate the files", ingest, "read_dataset"),
    ("plan the change", replace, "plan_load"),
    ("journal the change", rdf_ledger.Ledger, "begin"),
    ("write the quads", rdf_merge.Merger, "load"),
    ("documents", rdf_documents.Documents, "put_dataset"),
    ("path index", rdf_paths.PathIndex, "add"),
    ("record the versions", rdf_ledger.Ledger, "finish"),
]


@dataclass
class Measured:
    files: int
    phases: dict[str, Phase]
    wall: float
    process_cpu: float
    load_before: str
    load_after: str


def measure(claims: int, per_file: int, seed: int) -> Measured:
    """Write the claim files, load them into an empty store with every phase timed."""
    with tempfile.TemporaryDirectory(prefix="armsgraph-bench-") as tmp:
        folder = Path(tmp) / "claims"
        folder.mkdir()
        files = write_claim_files(folder, claims, per_file, seed)
        phases = {label: Phase() for label, _, _ in PHASES}
        undo = [_timed(owner, name, phases[label]) for label, owner, name in PHASES]
        store = versioned(RdfStore(Path(tmp) / "store"))
        try:
            store.clear()
            before = load_average()
            wall, process = time.perf_counter(), _process_cpu()
            ingest.ingest([folder], store)
            wall, process = time.perf_counter() - wall, _process_cpu() - process
        finally:
            store.close()
            for step in undo:
                step()
    return Measured(files, phases, wall, process, before, load_average())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=50_000)
    parser.add_argument("--per-file", type=int, default=100)
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args(argv)
    run = measure(args.claims, args.per_file, args.seed)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows: list[list[Any]] = [
        [label, f"{p.wall:.1f}", f"{p.cpu:.1f}", f"{p.process_cpu:.1f}"]
        for label, p in run.phases.items()
    ]
    timed = sum(p.wall for p in run.phases.values())
    rows.append(["the rest (start, counts, derived lookups)", f"{run.wall - timed:.1f}", "-", "-"])
    rows.append(["whole load", f"{run.wall:.1f}", "-", f"{run.process_cpu:.1f}"])
    print(
        f"{args.claims:,} claims in {run.files} files, load average {run.load_before} -> "
        f"{run.load_after}, {os.cpu_count()} cores, peak RSS {peak:,.0f} MiB (generation "
        "included)"
    )
    print(table(["phase", "wall s", "thread CPU s", "process CPU s"], rows))
    single = sum(run.phases[label].wall for label, _, _ in PHASES[:3])
    print(
        f"target {TARGET_S:.0f} s: {'met' if run.wall < TARGET_S else 'missed'}; "
        f"{single:.1f} s ({single / run.wall:.0%}) before the first quad is written run on "
        "one core"
    )


if __name__ == "__main__":
    main()
