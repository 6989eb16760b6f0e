"""Neo4j as users run it beyond one laptop: authentication on, the `neo4j://` routing scheme,
a database name, and production settings that refuse to connect without credentials.

The module starts its own server on free ports (own home, the shared server's jars): first
without auth, as a developer would, then with `start_with_auth`, which must turn the
default password of that existing home into ours. (`make test-neo4j-auth` covers a fresh
home, where the password is set before the first start, and runs the whole Neo4j store suite
against it.)
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import SecretStr, ValidationError
from typer.testing import CliRunner

from armsgraph.api.cli import app
from armsgraph.api.stores import open_store
from armsgraph.core.dataset import Dataset
from armsgraph.core.errors import ConfigError, StoreError
from armsgraph.core.settings import Settings
from armsgraph.core.store import PathQuery
from armsgraph.graph.neo4j_admin import start_with_auth
from armsgraph.graph.neo4j_server import Neo4jServerConfig, Neo4jServerError, start, status, stop
from armsgraph.graph.neo4j_store import Neo4jStore
from tests.support.neo4j import QUICK_JVM
from tests.support.stores import free_ports

pytestmark = pytest.mark.neo4j

PASSWORD = "a-test-only-password"
API_KEY = SecretStr("k" * 20)


@pytest.fixture(scope="module")
def guarded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jServerConfig]:
    bolt, http = free_ports(2)
    home = tmp_path_factory.mktemp("neo4j-auth") / "home"
    options = {
        "home": home,
        "bolt_port": bolt,
        "http_port": http,
        "heap": "512m",
        "jvm_options": QUICK_JVM,
    }
    lib = Neo4jServerConfig().lib
    open_cfg = Neo4jServerConfig(**options, pagecache="64m", lib_dir=lib)  # type: ignore[arg-type]
    start(open_cfg, wait_seconds=240)
    stop(open_cfg)
    cfg = Neo4jServerConfig(**options, pagecache="64m", lib_dir=lib, password=PASSWORD)  # type: ignore[arg-type]
    try:
        assert start_with_auth(cfg).version is not None
        yield cfg
    finally:
        stop(cfg)


def settings(cfg: Neo4jServerConfig, **values: object) -> Settings:
    base: dict[str, object] = {"neo4j_uri": f"neo4j://127.0.0.1:{cfg.bolt_port}"}
    return Settings(**{**base, **values})  # type: ignore[arg-type]


def test_routing_scheme_with_credentials_loads_and_answers(
    guarded: Neo4jServerConfig, fixture_dataset: Dataset
) -> None:
    config = settings(guarded, neo4j_user="neo4j", neo4j_password=SecretStr(PASSWORD))
    store = open_store(config, "neo4j")
    try:
        assert isinstance(store, Neo4jStore) and store.uri.startswith("neo4j://")
        assert store.database == "neo4j"
        store.clear()
        store.load(fixture_dataset)
        assert store.counts() == fixture_dataset.counts()
        event = next(iter(fixture_dataset.events.values()))
        found = store.find_paths(PathQuery(event.supplier, event.recipient))
        assert any(event.id in path for path in found)
    finally:
        store.close()


def assert_store_error(config: Settings, match: str) -> None:
    """Opening the Neo4j store succeeds; its first query fails with ``match``."""
    store = open_store(config, "neo4j")
    try:
        with pytest.raises(StoreError, match=match):
            store.counts()
    finally:
        store.close()


def test_no_credentials_are_refused_by_the_server(guarded: Neo4jServerConfig) -> None:
    assert_store_error(settings(guarded), "refused the credentials")


def test_a_wrong_password_names_the_settings(guarded: Neo4jServerConfig) -> None:
    config = settings(guarded, neo4j_password=SecretStr("not-the-password"))
    assert_store_error(config, "ARMSGRAPH_NEO4J_USER / ARMSGRAPH_NEO4J_PASSWORD")
    wrong = Neo4jServerConfig(
        home=guarded.home, bolt_port=guarded.bolt_port, http_port=guarded.http_port, password="x"
    )
    assert status(wrong).auth_refused


def test_a_database_name_is_used(guarded: Neo4jServerConfig) -> None:
    """Community has one user database; asking for another reaches the server and fails
    with its name (on Enterprise and Aura the name selects the database)."""
    config = settings(
        guarded, neo4j_password=SecretStr(PASSWORD), neo4j_database="armsgraph-elsewhere"
    )
    assert_store_error(config, "armsgraph-elsewhere")


def test_production_refuses_neo4j_without_credentials(tmp_path: Path) -> None:
    production = Settings(environment="production", api_key=API_KEY, data_dir=tmp_path)
    with pytest.raises(ConfigError, match="without credentials"):
        open_store(production, "neo4j")


def test_serve_store_neo4j_is_refused_in_production(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`serve --store neo4j` with ARMSGRAPH_STORE unset: the check is where the connection is
    made, not only in the settings' own validation."""
    for name, value in {
        "ARMSGRAPH_ENVIRONMENT": "production",
        "ARMSGRAPH_API_KEY": API_KEY.get_secret_value(),
        "ARMSGRAPH_DATA_DIR": str(tmp_path),
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("ARMSGRAPH_NEO4J_PASSWORD", raising=False)
    monkeypatch.delenv("ARMSGRAPH_NEO4J_USER", raising=False)
    result = CliRunner().invoke(app, ["serve", "--store", "neo4j", "--port", "1"])
    assert isinstance(result.exception, ConfigError)
    assert "ARMSGRAPH_NEO4J_PASSWORD" in str(result.exception)


def test_a_user_without_a_password_is_an_error() -> None:
    with pytest.raises(ConfigError, match="ARMSGRAPH_NEO4J_PASSWORD is not"):
        Settings(neo4j_user="neo4j").neo4j_auth()


@pytest.mark.parametrize("uri", ["http://127.0.0.1:7687", "127.0.0.1:7687", "neo4j+x://h"])
def test_an_unknown_uri_scheme_is_refused(uri: str) -> None:
    with pytest.raises(ValidationError, match="the scheme must be one of bolt://"):
        Settings(neo4j_uri=uri)


def test_auth_needs_a_password_of_neo4j_s_minimum_length(tmp_path: Path) -> None:
    with pytest.raises(Neo4jServerError, match="8\\+ characters"):
        start_with_auth(Neo4jServerConfig(home=tmp_path, password="short"))
