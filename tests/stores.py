"""Open each real store backend for tests: the embedded Oxigraph store and Neo4j over Bolt."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from armsgraph.core.dataset import Dataset
from armsgraph.core.store import Store

if TYPE_CHECKING:
    from armsgraph.graph.neo4j_store import Neo4jStore

BACKENDS = ["embedded", "neo4j"]


def backend_params(kinds: list[str]) -> list[object]:
    """pytest params, the Neo4j ones marked so `-m "not neo4j"` can leave them out locally."""
    return [pytest.param(k, marks=[pytest.mark.neo4j] if k == "neo4j" else []) for k in kinds]


NEO4J_URI = os.environ.get(
    "ARMSGRAPH_NEO4J_URI",
    f"bolt://127.0.0.1:{os.environ.get('ARMSGRAPH_NEO4J_BOLT_PORT', '7687')}",
)
# Set when the suite runs against a server with auth on (`make test-neo4j-auth`).
_PASSWORD = os.environ.get("ARMSGRAPH_NEO4J_PASSWORD")
NEO4J_AUTH = (os.environ.get("ARMSGRAPH_NEO4J_USER", "neo4j"), _PASSWORD) if _PASSWORD else None


def neo4j_store(**options: Any) -> Neo4jStore:
    """A Neo4jStore on the test server, with its credentials if it has auth on."""
    from armsgraph.graph.neo4j_store import Neo4jStore

    user, password = NEO4J_AUTH or (None, None)
    return Neo4jStore(NEO4J_URI, user, password, **options)


@contextmanager
def loaded_store(kind: str, dataset: Dataset, tmp: Path) -> Iterator[Store]:
    """A store of the given kind holding exactly ``dataset``."""
    store: Store
    if kind == "neo4j":
        store = neo4j_store()
    else:
        from armsgraph.ontology.rdf_store import RdfStore

        store = RdfStore(tmp / "oxigraph")
    try:
        store.clear()
        store.load(dataset)
        yield store
    finally:
        store.close()


def free_ports(n: int) -> list[int]:
    """``n`` distinct free loopback ports (the sockets stay open together so they differ)."""
    sockets = [socket.socket() for _ in range(n)]
    try:
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [int(sock.getsockname()[1]) for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()
