"""Tests against a REAL local Neo4j Community server (no mocks).

The shared server (bolt 7687 / http 7474, home ``.armsgraph/neo4j``) is normally started
before pytest by ``armsgraph neo4j start``; the fixture below calls the idempotent
``start()`` so the tests also work when it is not up yet. These tests never stop it:
stop/start is exercised on a second server on other ports with its own home dir.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from neo4j import GraphDatabase

from armsgraph.graph.neo4j_server import (
    Neo4jServerConfig,
    Neo4jServerError,
    ServerStatus,
    start,
    status,
    stop,
    write_config,
)
from tests.support.neo4j import QUICK_JVM
from tests.support.stores import free_ports

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def shared_cfg() -> Neo4jServerConfig:
    return Neo4jServerConfig()


@pytest.fixture(scope="module")
def shared_server(shared_cfg: Neo4jServerConfig) -> ServerStatus:
    return start(shared_cfg, wait_seconds=240)


@pytest.fixture
def second_cfg(tmp_path: Path, shared_cfg: Neo4jServerConfig) -> Iterator[Neo4jServerConfig]:
    # Own home and ports, but the jars the shared server already downloaded.
    bolt_port, http_port = free_ports(2)
    cfg = Neo4jServerConfig(
        home=tmp_path / "neo4j2",
        bolt_port=bolt_port,
        http_port=http_port,
        heap="512m",
        pagecache="64m",
        lib_dir=shared_cfg.lib,
        jvm_options=QUICK_JVM,
    )
    yield cfg
    stop(cfg)


def test_status_reports_running_community_526(
    shared_server: ServerStatus, shared_cfg: Neo4jServerConfig
) -> None:
    st = status(shared_cfg)
    assert st.running
    assert st.version is not None and st.version.startswith("5.26.")
    assert st.edition == "community"
    assert st.bolt_uri == f"bolt://127.0.0.1:{shared_cfg.bolt_port}"
    assert st.http_url == f"http://127.0.0.1:{shared_cfg.http_port}"


def test_start_is_idempotent(shared_server: ServerStatus, shared_cfg: Neo4jServerConfig) -> None:
    t0 = time.monotonic()
    again = start(shared_cfg)
    assert again.running
    assert again.pid == shared_server.pid  # no second JVM
    assert time.monotonic() - t0 < 5


def test_driver_runs_query(shared_server: ServerStatus) -> None:
    with GraphDatabase.driver(shared_server.bolt_uri, auth=None) as driver:
        records, _, _ = driver.execute_query("UNWIND range(1, 10) AS i RETURN sum(i) AS total")
    assert records[0]["total"] == 55


def test_http_serves_browser_and_discovery(shared_server: ServerStatus) -> None:
    browser = httpx.get(f"{shared_server.http_url}/browser/", timeout=10)
    assert browser.status_code == 200
    assert "Neo4j Browser" in browser.text
    discovery = httpx.get(f"{shared_server.http_url}/", timeout=10).json()
    assert discovery["bolt_direct"] == shared_server.bolt_uri
    assert discovery["neo4j_edition"] == "community"


def test_config_is_loopback_only(tmp_path: Path) -> None:
    cfg = Neo4jServerConfig(home=tmp_path, bolt_port=7690, http_port=7491)
    text = write_config(cfg).read_text()
    assert "server.default_listen_address=127.0.0.1\n" in text
    assert "server.bolt.listen_address=127.0.0.1:7690\n" in text
    assert "server.http.listen_address=127.0.0.1:7491\n" in text
    assert "server.https.enabled=false\n" in text
    assert "0.0.0.0" not in text


def test_start_refuses_a_busy_port(
    shared_server: ServerStatus, shared_cfg: Neo4jServerConfig, tmp_path: Path
) -> None:
    # Bolt port free, HTTP port held by the shared server: must fail before spawning java.
    (free_bolt,) = free_ports(1)
    cfg = Neo4jServerConfig(
        home=tmp_path / "busy", bolt_port=free_bolt, http_port=shared_cfg.http_port
    )
    with pytest.raises(Neo4jServerError, match=f"port {shared_cfg.http_port} is already in use"):
        start(cfg)
    assert not cfg.pid_file.exists()


def test_second_server_stop_start_keeps_data(
    shared_server: ServerStatus, second_cfg: Neo4jServerConfig
) -> None:
    first = start(second_cfg, wait_seconds=120)
    assert first.running and first.pid is not None
    assert first.pid != shared_server.pid
    with GraphDatabase.driver(first.bolt_uri, auth=None) as driver:
        driver.execute_query("CREATE (:Probe {name: 'kept across restart'})")

    stop(second_cfg)
    down = status(second_cfg)
    assert not down.running and down.pid is None
    assert not second_cfg.pid_file.exists()
    stop(second_cfg)  # idempotent

    again = start(second_cfg, wait_seconds=120)
    assert again.running and again.pid != first.pid
    with GraphDatabase.driver(again.bolt_uri, auth=None) as driver:
        records, _, _ = driver.execute_query("MATCH (p:Probe) RETURN p.name AS name")
    assert [r["name"] for r in records] == ["kept across restart"]

    # The shared server was never touched.
    assert status(Neo4jServerConfig()).pid == shared_server.pid
