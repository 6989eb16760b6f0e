"""Versioned reloads: an unchanged data set, and one with 1 % of its claims edited.

    python -m bench.versions --claims 100000                  # the embedded store
    python -m bench.versions --claims 100000 --store neo4j --neo4j-uri bolt://127.0.0.1:7781

Prints, side by side: the first versioned load; a reload of the unchanged data set as
``Store.load`` does it (the path every load took before versioning, still the bulk path)
and as a versioned write (``core.replace.write_version``); then a reload with 1 % of the
claims edited (a quantity changed, so events and breaches change too), versioned, against
a full reload of the same edited data set into an emptied store. Generation is not timed.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from armsgraph.core.change import VersionedStore, versioned
from armsgraph.core.dataset import Dataset
from armsgraph.core.model import Claim, ShipmentStatement
from armsgraph.core.replace import write_version
from bench.synth import SynthConfig, chunks


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


def timed(what: str, work: Callable[[], Any], rows: list[tuple[str, float]]) -> Any:
    started = time.perf_counter()
    result = work()
    rows.append((what, time.perf_counter() - started))
    print(f"{what:<58} {rows[-1][1]:8.2f} s", flush=True)
    return result


def run(store: VersionedStore, claims: int) -> list[tuple[str, float]]:
    rows: list[tuple[str, float]] = []
    data = timed(f"generate {claims:,} claims (not a load)", lambda: whole(claims), [])
    store.clear()
    timed("first load, versioned (write_version)", lambda: write_version(store, data), rows)
    timed(
        "reload unchanged: Store.load (the path before versioning)", lambda: store.load(data), rows
    )
    report = timed("reload unchanged: versioned", lambda: write_version(store, data), rows)
    assert not report.changed
    changed_data, n = edited(data, 0.01)
    print(f"edited {n:,} claims ({n / len(data.claims):.1%})")
    report = timed(
        "reload with 1 % edited: versioned", lambda: write_version(store, changed_data), rows
    )
    t = report.totals()
    print(
        f"  changed {t['changed']}, breaches written {t['breaches_written']}, "
        f"retracted {t['breaches_retracted']}"
    )

    def full() -> None:
        store.clear()
        write_version(store, changed_data)

    timed("full reload of the edited data set (clear + load)", full, rows)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--store", choices=["embedded", "neo4j"], default="embedded")
    parser.add_argument("--neo4j-uri", default="bolt://127.0.0.1:7687")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.store == "neo4j":
            from armsgraph.graph.neo4j_store import Neo4jStore

            store = versioned(Neo4jStore(args.neo4j_uri))
        else:
            from armsgraph.ontology.rdf_store import RdfStore

            store = versioned(RdfStore(Path(tmp) / "oxigraph"))
        try:
            run(store, args.claims)
        finally:
            store.close()


if __name__ == "__main__":
    main()
