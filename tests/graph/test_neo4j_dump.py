"""`armsgraph neo4j dump` on a real server, and the user's side: `neo4j-admin database load`
into a second, separate Neo4j home, which then answers with the same graph.

Both servers run on free ports with their own homes and the shared server's jars."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from armsgraph.api.cli import app
from armsgraph.core.dataset import Dataset
from armsgraph.graph.neo4j_admin import load
from armsgraph.graph.neo4j_server import Neo4jServerConfig, start, status, stop
from armsgraph.graph.neo4j_store import Neo4jStore
from tests.support.neo4j import QUICK_JVM
from tests.support.stores import free_ports

pytestmark = pytest.mark.neo4j


def _server(home: Path) -> Neo4jServerConfig:
    bolt, http = free_ports(2)
    lib = Neo4jServerConfig().lib
    return Neo4jServerConfig(
        home=home,
        bolt_port=bolt,
        http_port=http,
        heap="512m",
        pagecache="64m",
        lib_dir=lib,
        jvm_options=QUICK_JVM,
    )


@pytest.fixture
def ours(tmp_path: Path, fixture_dataset: Dataset) -> Iterator[Neo4jServerConfig]:
    cfg = _server(tmp_path / "ours")
    start(cfg, wait_seconds=240)
    try:
        with Neo4jStore(cfg.bolt_uri) as store:
            store.load(fixture_dataset)
        yield cfg
    finally:
        stop(cfg)


def test_a_dump_loads_into_another_neo4j_in_one_command(
    ours: Neo4jServerConfig,
    fixture_dataset: Dataset,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    running = status(ours).pid
    for name, value in {
        "ARMSGRAPH_NEO4J_HOME": str(ours.home),
        "ARMSGRAPH_NEO4J_LIB": str(ours.lib),
        "ARMSGRAPH_NEO4J_BOLT_PORT": str(ours.bolt_port),
        "ARMSGRAPH_NEO4J_HTTP_PORT": str(ours.http_port),
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("ARMSGRAPH_NEO4J_PASSWORD", raising=False)
    result = CliRunner().invoke(app, ["neo4j", "dump", "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    dump_file = tmp_path / "out" / "neo4j.dump"
    assert dump_file.is_file() and dump_file.stat().st_size > 10_000
    assert f"wrote {dump_file}" in result.output

    after = status(ours)  # stopped for the dump, started again
    assert after.running and after.pid != running

    theirs = _server(tmp_path / "theirs")
    load(theirs, dump_file)  # neo4j-admin database load neo4j --from-path=... (offline)
    start(theirs, wait_seconds=240)
    try:
        with Neo4jStore(theirs.bolt_uri) as store:
            assert store.counts() == fixture_dataset.counts()
            claim = next(iter(fixture_dataset.claims.values()))
            assert store.get_claims([claim.id]) == [claim]
    finally:
        stop(theirs)
