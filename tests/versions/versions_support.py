"""Claim files written on the fly, and stores opened empty, for the versioning tests."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from armsgraph.core.change import VersionedStore, versioned
from armsgraph.core.dataset import Dataset
from armsgraph.core.store import BreachFilter, EventFilter
from armsgraph.loaders.ingest import read_dataset
from armsgraph.ontology.rdf_store import RdfStore
from tests.support.datasets import REFERENCE
from tests.support.documents import assert_documents_exact
from tests.support.stores import neo4j_store


def source(ident: str, publisher: str = "Test Monitor", **extra: Any) -> dict[str, Any]:
    return {
        "id": ident,
        "title": f"Report {ident}",
        "publisher": publisher,
        "date": "2025-01-01",
        "kind": "monitoring_report",
        "url": f"https://example.org/{ident}",
        **extra,
    }


def petroleum(supplier: str, barrels: int, year: int = 2024, **extra: Any) -> dict[str, Any]:
    """A claim that ``supplier`` shipped refined petroleum to the DPRK in ``year``."""
    return {
        "quote": f"{supplier} delivered at least {barrels} barrels in {year}",
        "asserted_by": "Test Monitor",
        "confidence": "medium",
        "reported": f"{year + 1}-01-01",
        "shipment": {
            "supplier": supplier,
            "recipient": "PRK",
            "items": [
                {
                    "weapon": "refined petroleum",
                    "quantity": {"qualifier": "at least", "value": barrels, "unit": "barrel"},
                }
            ],
            "period": {"start": str(year), "end": str(year)},
        },
        **extra,
    }


def missiles(supplier: str, count: int, **extra: Any) -> dict[str, Any]:
    return {
        "quote": f"{count} ballistic missiles",
        "asserted_by": "Test Monitor",
        "confidence": "high",
        "reported": "2025-05-29",
        "shipment": {
            "supplier": supplier,
            "recipient": "RUS",
            "items": [
                {
                    "weapon": "ballistic missile",
                    "quantity": {"qualifier": "at least", "value": count, "unit": "missile"},
                }
            ],
            "period": {"start": "2023-09"},
            "flow": "missiles",
        },
        **extra,
    }


def breach_statement(flow: str = "missiles") -> dict[str, Any]:
    """A monitor's claim that the ``flow`` between the DPRK and Russia breached OP8(b)."""
    return {
        "quote": "these transfers violate the resolutions",
        "asserted_by": "Test Monitor",
        "confidence": "high",
        "reported": "2025-05-29",
        "breach": {
            "states": ["PRK", "RUS"],
            "provisions": ["S/RES/1718 (2006) OP8(b)"],
            "flows": [flow],
        },
    }


def write_file(folder: Path, src: dict[str, Any], claims: list[dict[str, Any]]) -> Path:
    """A claim file (JSON is YAML) named after its source."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{src['id']}.yaml"
    path.write_text(json.dumps({"source": src, "claims": claims}, indent=1))
    return path


def read(*paths: Path) -> Dataset:
    return read_dataset([REFERENCE, *paths], with_bundled_reference=False)[0]


@contextmanager
def empty_store(kind: str, tmp: Path) -> Iterator[VersionedStore]:
    if kind == "neo4j":  # with the test server's credentials, if it has auth on
        store: VersionedStore = versioned(neo4j_store())
    else:
        from armsgraph.ontology.rdf_store import RdfStore

        store = versioned(RdfStore(tmp / "oxigraph"))
    try:
        store.clear()
        yield store
    finally:
        store.close()


def all_breaches(store: VersionedStore) -> dict[str, Any]:
    ids = store.find_breaches(BreachFilter(limit=10**6))
    return {b.id: b for b in store.get_breaches(ids)}


def store_state(store: VersionedStore) -> dict[str, Any]:
    """Everything a reader can see: counts, sources, claims, events, breaches, and the
    full RDF export (embedded) or the SUPPLIED_TO view (Neo4j)."""
    sources = store.get_sources()
    claim_ids = sorted(
        c for held in store.claims_of_sources([s.id for s in sources]).values() for c in held
    )
    state: dict[str, Any] = {
        "counts": store.counts(),
        "sources": sources,
        "claims": store.get_claims(claim_ids),
        "events": store.get_events(store.find_events(EventFilter(limit=10**6))),
        "breaches": all_breaches(store),
    }
    if isinstance(store, RdfStore):
        assert_documents_exact(store, complete=False)  # written without, some may be missing
        out = io.BytesIO()
        store.export(out, "nq")
        state["export"] = sorted(out.getvalue().decode().splitlines())
    else:
        query = (
            "MATCH (a:State)-[r:SUPPLIED_TO]->(b:State) "
            "RETURN a.id AS a, b.id AS b, r.events AS events, r.count AS n ORDER BY a, b"
        )
        state["supplied_to"] = store.run_read_cypher(query, {}, timeout_s=30)  # type: ignore[attr-defined]
    return state


def r1_claims() -> list[dict[str, Any]]:
    """Source r1's three claims (missiles from PRK, petroleum from RUS and CHN, keyed)."""
    return [
        missiles("PRK", 100, key="r1.missiles"),
        petroleum("RUS", 10, key="r1.petroleum"),
        petroleum("CHN", 20, key="r1.more"),
    ]


def two_sources(folder: Path) -> tuple[Path, Path]:
    """r1 with ``r1_claims`` and r2 with one (petroleum from RUS, 2023), as files."""
    path = write_file(folder, source("r1"), r1_claims())
    return path, write_file(folder, source("r2"), [petroleum("RUS", 30, year=2023)])
