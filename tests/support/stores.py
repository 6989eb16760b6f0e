"""Open each real store backend for tests: the embedded Oxigraph store and Neo4j over Bolt."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import socket
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from armsgraph.core import query
from armsgraph.core.dataset import Dataset
from armsgraph.core.model import Category
from armsgraph.core.store import EventFilter, Network, NetworkQuery, PathQuery, Store

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


@contextmanager
def bundled_store(kind: str, tmp: Path) -> Iterator[Store]:
    """A store of the given kind holding the bundled data, loaded the versioned way (as
    ``armsgraph load`` does), for tests that import into it."""
    from armsgraph.loaders.ingest import BUNDLED_DATA, ingest

    with loaded_store(kind, Dataset(), tmp) as store:
        ingest([BUNDLED_DATA], store)
        yield store


def stores_holding(build: Callable[[], Dataset]) -> object:
    """A module-scoped fixture, named as the test module assigns it: ``(store, data set)`` on
    each backend, the store holding exactly the data set ``build`` returns."""

    @pytest.fixture(scope="module", params=backend_params(BACKENDS))
    def holding(
        request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
    ) -> Iterator[tuple[Store, Dataset]]:
        dataset = build()
        with loaded_store(request.param, dataset, tmp_path_factory.mktemp(build.__name__)) as s:
            yield s, dataset

    return holding


def bundled_stores() -> object:
    """A module-scoped fixture, named as the test module assigns it: a store on each backend
    holding the bundled data (``bundled_store``)."""

    @pytest.fixture(scope="module", params=backend_params(BACKENDS))
    def bundled(
        request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
    ) -> Iterator[Store]:
        with bundled_store(request.param, tmp_path_factory.mktemp("bundled")) as store:
            yield store

    return bundled


def assert_round_trip(store: Store, d: Dataset) -> None:
    """Every record of ``d`` reads back equal, all of a kind or some, in the order asked."""
    events = sorted(d.events)
    assert store.get_events(events) == [d.events[e] for e in events]
    claims = sorted(d.claims)
    assert store.get_claims(claims) == [d.claims[c] for c in claims]
    breaches = sorted(d.breaches)
    assert store.get_breaches(breaches) == [d.breaches[b] for b in breaches]
    for name in ("sources", "states", "weapon_systems", "resolutions", "provisions"):
        expected = sorted(getattr(d, name).values(), key=lambda x: x.id)
        assert getattr(store, f"get_{name}")() == expected, name
        some = [x.id for x in reversed(expected)][:3]
        assert [x.id for x in getattr(store, f"get_{name}")(some)] == some, name


def assert_paths_agree(
    store: Store, d: Dataset, pairs: list[tuple[str, str]], hops: tuple[int, ...] = (1, 2, 3)
) -> int:
    """Paths between ``pairs`` under many filters equal the reference; how many were found."""
    found = 0
    filters: list[dict[str, Any]] = [
        {},
        {"category": Category.MISSILES},
        {"category": Category.AMMUNITION, "since": date("2023-01-01")},
        {"since": date("2023-06-01"), "until": date("2024-01-31")},
        {"until": date("2022-12-31"), "limit": 5},
        {"limit": 1},
        {"limit": 0},
        {"limit": -2},
    ]
    for (a, b), n, f in itertools.product(pairs, hops, filters):
        q = PathQuery(a, b, max_hops=n, **f)
        expected = query.find_paths(d, q)
        assert store.find_paths(q) == expected, q
        found += len(expected)
    return found


def date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


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


EVERY_PAIR = 10**6


def assert_view_is_exact(store: Store) -> Network:
    """The unfiltered network (Neo4j: read from the SUPPLIED_TO view) equals the one counted
    from the events (a filter every event passes), cut or not, and the events' own pairs."""
    view = store.network(NetworkQuery(limit=EVERY_PAIR))
    scan = store.network(NetworkQuery(since=dt.date.min, limit=EVERY_PAIR))
    assert view == scan
    events = store.get_events(store.find_events(EventFilter(limit=EVERY_PAIR)))
    counted = Counter((e.supplier, e.recipient) for e in events)
    assert {(f.supplier, f.recipient): f.events for f in view.flows} == counted
    assert view.total_pairs == len(counted)
    for limit in (1, 2):
        assert store.network(NetworkQuery(limit=limit)) == Network(
            view.flows[:limit], view.total_pairs
        )
    return view
