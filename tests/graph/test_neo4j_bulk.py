"""Bulk first load through neo4j-admin: the imported graph is the one the online loader writes.

Each test imports into a server of its own (own home and ports, the shared server's jars),
then checks the same contract the online store meets: counts, hydration round trips, paths
equal to the reference semantics, and an online reload of the same data changes nothing.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import GraphDatabase

from armsgraph.core import query
from armsgraph.core.dataset import Dataset
from armsgraph.core.errors import StoreError
from armsgraph.core.store import PathQuery
from armsgraph.graph import neo4j_server
from armsgraph.graph.neo4j_bulk import bulk_load, restore_interrupted_import
from armsgraph.graph.neo4j_server import Neo4jServerConfig
from armsgraph.graph.neo4j_store import Neo4jStore
from bench.synth import SynthConfig, chunks
from tests.support.neo4j import QUICK_JVM, lock_holder
from tests.support.stores import assert_round_trip, assert_view_is_exact, free_ports

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def bulk_cfg(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jServerConfig]:
    bolt, http = free_ports(2)
    cfg = Neo4jServerConfig(
        home=tmp_path_factory.mktemp("bulk") / "neo4j",
        bolt_port=bolt,
        http_port=http,
        heap="512m",
        pagecache="64m",
        lib_dir=Neo4jServerConfig().lib.resolve(),
        jvm_options=QUICK_JVM,
    )
    yield cfg
    neo4j_server.stop(cfg, progress=lambda _m: None)


def _quiet(_message: str) -> None:
    pass


# Every node and relationship with its labels or type and all its properties.
_NODES = "MATCH (n) WHERE NOT n:ArmsgraphState RETURN labels(n) AS l, properties(n) AS p"
_LINKS = "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS p"


def _graph(cfg: Neo4jServerConfig) -> list[str]:
    with GraphDatabase.driver(cfg.bolt_uri) as driver:
        rows = [r for q in (_NODES, _LINKS) for r in driver.execute_query(q).records]
    return sorted(repr(sorted(r.data().items())) for r in rows)


def _assert_same_as_online(cfg: Neo4jServerConfig, dataset: Dataset) -> None:
    imported = _graph(cfg)
    with Neo4jStore(cfg.bolt_uri) as store:
        assert store.counts() == dataset.counts()
        assert_round_trip(store, dataset)
        assert_view_is_exact(store)  # the imported SUPPLIED_TO view counts the events
        for q in (PathQuery("PRK", "RUS"), PathQuery("RUS", "PRK", max_hops=3)):
            assert store.find_paths(q) == query.find_paths(dataset, q)
        # The online loader MERGEs by id: on an imported graph it must find nothing to add.
        report = store.load(dataset)
        assert not report.changed
        assert store.counts() == dataset.counts()
    # ... nor change a property: neither loader writes an empty list (the importer could
    # not), and the SUPPLIED_TO view was imported.
    assert _graph(cfg) == imported


def test_bulk_load_of_the_real_data_equals_an_online_load(
    bulk_cfg: Neo4jServerConfig, real_dataset: Dataset, tmp_path: Path
) -> None:
    report = bulk_load(bulk_cfg, [real_dataset], tmp_path / "csv", replace=True, progress=_quiet)
    assert report.rows > 0 and report.datasets == 1
    assert report.import_seconds > 0
    _assert_same_as_online(bulk_cfg, real_dataset)


def test_bulk_load_refuses_a_database_that_holds_data(
    bulk_cfg: Neo4jServerConfig, real_dataset: Dataset, tmp_path: Path
) -> None:
    bulk_load(bulk_cfg, [real_dataset], tmp_path / "csv", replace=True, progress=_quiet)
    with pytest.raises(StoreError, match="not empty"):
        bulk_load(bulk_cfg, [real_dataset], tmp_path / "csv2", progress=_quiet)
    with Neo4jStore(bulk_cfg.bolt_uri) as store:  # the refusal left the data alone
        assert store.counts() == real_dataset.counts()


def test_chunks_of_a_synthetic_workload_import_as_one_graph(
    bulk_cfg: Neo4jServerConfig, tmp_path: Path
) -> None:
    parts = list(chunks(SynthConfig(claims=3000, chunk_claims=1000)))
    assert len(parts) == 3
    bulk_load(bulk_cfg, parts, tmp_path / "csv", replace=True, progress=_quiet)
    some = sorted({e for part in parts for e in part.events})[:300]
    with Neo4jStore(bulk_cfg.bolt_uri) as store:
        imported, bulk_events = store.counts(), store.get_events(some)
        probe = PathQuery(*sorted(parts[0].states)[:2], max_hops=2, limit=20)
        bulk_paths = store.find_paths(probe)
        bulk_network = assert_view_is_exact(store)
        store.clear()
        store.load_many(parts)  # the online loader's graph, chunk for chunk
        assert store.counts() == imported
        assert store.get_events(some) == bulk_events
        assert store.find_paths(probe) == bulk_paths
        assert assert_view_is_exact(store) == bulk_network


def test_an_interrupted_import_is_put_back_by_the_next_call(
    bulk_cfg: Neo4jServerConfig, real_dataset: Dataset, tmp_path: Path
) -> None:
    bulk_load(bulk_cfg, [real_dataset], tmp_path / "csv", replace=True, progress=_quiet)
    # What a kill -9 during the importer leaves: the database moved aside, a partial one live.
    neo4j_server.stop(bulk_cfg, progress=_quiet)
    store_dir = bulk_cfg.home / "data" / "databases" / "neo4j"
    store_dir.rename(store_dir.with_name("neo4j.before-bulk-import"))
    store_dir.mkdir()
    (store_dir / "half-written").write_text("partial import")
    assert restore_interrupted_import(bulk_cfg)
    assert not (store_dir / "half-written").exists()
    status = neo4j_server.start(bulk_cfg, progress=_quiet)
    with Neo4jStore(status.bolt_uri) as store:
        assert store.counts() == real_dataset.counts()


def test_bulk_load_waits_for_the_writer_lock_of_another_process(
    bulk_cfg: Neo4jServerConfig, real_dataset: Dataset, tmp_path: Path
) -> None:
    status = neo4j_server.start(bulk_cfg, progress=_quiet)
    finished = threading.Event()

    def bulk() -> None:
        bulk_load(bulk_cfg, [real_dataset], tmp_path / "csv", replace=True, progress=_quiet)
        finished.set()

    with lock_holder(status.bolt_uri) as holder:
        importing = threading.Thread(target=bulk, daemon=True)
        importing.start()
        assert not finished.wait(5), "the import waits while another process writes"
        assert neo4j_server.status(bulk_cfg).running, "the server was not stopped under it"
        assert holder.poll() is None
        holder.kill()
        assert finished.wait(300), "the import goes on once the lock is free"
        importing.join(timeout=30)
    with Neo4jStore(bulk_cfg.bolt_uri) as store:
        assert store.counts() == real_dataset.counts()
