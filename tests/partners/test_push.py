"""`armsgraph push` to real partner engines: Jena Fuseki 5.6.0 (with basic auth) and the
Oxigraph server, both started here on loopback. Afterwards the partner's SPARQL answers the
same shipments as our API, each source is its own named graph, and a second push replaces."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from armsgraph.api.app import create_app
from armsgraph.api.cli import app
from armsgraph.core.dataset import Dataset
from armsgraph.core.settings import Settings
from armsgraph.ontology.graph_store_push import PushError, PushOptions, push
from armsgraph.ontology.rdf_export import VOCABULARY_GRAPH
from armsgraph.ontology.rdf_store import RdfStore
from tests.partners.partner_engines import Engine, free_port, fuseki, oxigraph, oxigraph_command

QUERIES = Path(__file__).resolve().parents[2] / "ontology" / "queries"
AUTH = ("pusher", "a-partner-secret")
GRAPH_SIZES = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


@pytest.fixture(scope="module")
def data_dir(real_dataset: Dataset, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An ARMSGRAPH_DATA_DIR whose embedded store holds the real data set."""
    path = tmp_path_factory.mktemp("push-state")
    store = RdfStore(Settings(data_dir=path).embedded_path)
    try:
        store.load(real_dataset)
    finally:
        store.close()
    return path


@pytest.fixture(scope="module")
def local_sizes(data_dir: Path) -> dict[str, int]:
    """Triples per named graph in our store, plus the vocabulary graph a push adds."""
    store = RdfStore(Settings(data_dir=data_dir).embedded_path)
    try:
        sizes: dict[str, int] = {}
        for quad in store.db:
            name = quad.graph_name.value  # type: ignore[union-attr]
            sizes[name] = sizes.get(name, 0) + 1
    finally:
        store.close()
    assert sizes
    return sizes


@pytest.fixture(scope="module")
def guarded_fuseki(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """Fuseki with basic auth on, as a partner would expose it."""
    with fuseki(tmp_path_factory.mktemp("fuseki"), AUTH) as running:
        yield running


@pytest.fixture(scope="module", params=["fuseki", "oxigraph"])
def engine(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    if request.param == "fuseki":
        yield request.getfixturevalue("guarded_fuseki")
        return
    with oxigraph(tmp_path_factory.mktemp("oxigraph")) as running:
        yield running


def run_push(engine: Engine, data_dir: Path) -> str:
    with pytest.MonkeyPatch.context() as env:
        env.setenv("ARMSGRAPH_DATA_DIR", str(data_dir))
        if engine.auth:
            env.setenv("ARMSGRAPH_PUSH_USER", engine.auth[0])
            env.setenv("ARMSGRAPH_PUSH_PASSWORD", engine.auth[1])
        result = CliRunner().invoke(app, ["push", engine.graph_store])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def pushed(engine: Engine, data_dir: Path) -> str:
    """The engine after one `armsgraph push`; the command's summary."""
    return run_push(engine, data_dir)


def remote_sizes(engine: Engine) -> dict[str, int]:
    return {row["g"]: int(row["n"]) for row in engine.select(GRAPH_SIZES)}


def test_push_sends_one_named_graph_per_source(
    engine: Engine, pushed: str, local_sizes: dict[str, int], real_dataset: Dataset
) -> None:
    sizes = remote_sizes(engine)
    vocabulary = sizes.pop(VOCABULARY_GRAPH.value)
    assert vocabulary > 100
    assert sizes == local_sizes
    for source in real_dataset.sources:
        assert f"https://w3id.org/armsgraph/graph/{source}" in sizes
    graphs, triples = len(local_sizes) + 1, sum(local_sizes.values()) + vocabulary
    assert f"{graphs} graphs, {triples} triples" in pushed


@pytest.mark.parametrize(
    ("file", "supplier", "recipient"),
    [("shipments-prk-to-rus.rq", "DPRK", "Russia"), ("shipments-rus-to-prk.rq", "Moscow", "KP")],
)
def test_the_partner_query_returns_the_shipments_of_our_api(
    engine: Engine, pushed: str, data_dir: Path, file: str, supplier: str, recipient: str
) -> None:
    rows = engine.select((QUERIES / file).read_text())
    with TestClient(create_app(Settings(data_dir=data_dir))) as api:
        answer = api.get("/shipments", params={"supplier": supplier, "recipient": recipient})
    assert answer.status_code == 200, answer.text
    ours = {t["event_id"] for t in answer.json()["transfers"]}
    assert ours, "the real data has shipments in this direction"
    assert {row["shipmentId"] for row in rows} == ours


def test_a_second_push_replaces_each_graph(
    engine: Engine, pushed: str, data_dir: Path, local_sizes: dict[str, int]
) -> None:
    """What a source's graph held before (here: a stale triple) is gone after the PUT."""
    graph = next(g for g in local_sizes if g.rsplit("/", 1)[-1] not in ("reference", "derived"))
    stale = b"<https://example.org/stale> <https://example.org/p> <https://example.org/o> .\n"
    posted = httpx.post(
        engine.graph_store,
        params={"graph": graph},
        content=stale,
        headers={"Content-Type": "application/n-triples"},
        auth=httpx.BasicAuth(*engine.auth) if engine.auth else None,
    )
    assert posted.is_success, posted.text
    assert remote_sizes(engine)[graph] == local_sizes[graph] + 1
    run_push(engine, data_dir)
    assert remote_sizes(engine)[graph] == local_sizes[graph]
    assert not engine.select("SELECT * WHERE { GRAPH ?g { <https://example.org/stale> ?p ?o } }")


def refused_push(endpoint: str) -> str:
    """The error `armsgraph push` stops with (`main` prints it as "error: ...")."""
    result = CliRunner().invoke(app, ["push", endpoint])
    assert isinstance(result.exception, PushError), result.output
    message = str(result.exception)
    del result  # its traceback holds the embedded store open (one process may open it once)
    gc.collect()
    return message


def test_fuseki_refuses_a_push_without_credentials(
    guarded_fuseki: Engine, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARMSGRAPH_DATA_DIR", str(data_dir))
    before = remote_sizes(guarded_fuseki)
    monkeypatch.delenv("ARMSGRAPH_PUSH_USER", raising=False)
    refusal = refused_push(guarded_fuseki.graph_store)
    assert "HTTP 401" in refusal
    assert "set ARMSGRAPH_PUSH_USER and ARMSGRAPH_PUSH_PASSWORD" in refusal
    monkeypatch.setenv("ARMSGRAPH_PUSH_USER", AUTH[0])
    monkeypatch.setenv("ARMSGRAPH_PUSH_PASSWORD", "not-the-password")
    refusal = refused_push(guarded_fuseki.graph_store)
    assert "refused ARMSGRAPH_PUSH_USER / ARMSGRAPH_PUSH_PASSWORD" in refusal
    assert remote_sizes(guarded_fuseki) == before


def test_push_retries_until_the_engine_answers(data_dir: Path, tmp_path: Path) -> None:
    """The first attempt finds nothing listening; the server is started from the retry hook,
    and the same push goes on to send every graph."""
    import subprocess

    port = free_port()
    started: list[subprocess.Popen[bytes]] = []

    def start_the_server(graph: str, attempt: int, problem: str, wait: float) -> None:
        assert "ConnectError" in problem
        if not started:
            started.append(subprocess.Popen(oxigraph_command(tmp_path, port)))

    store = RdfStore(Settings(data_dir=data_dir).embedded_path)
    try:
        options = PushOptions(retries=12, backoff_s=0.25, max_backoff_s=2)
        report = push(
            store.db, f"http://127.0.0.1:{port}/store", options, on_retry=start_the_server
        )
    finally:
        store.close()
        for server in started:
            server.terminate()
            server.wait(timeout=15)
    assert started and report.retries >= 1
    assert report.graphs[0].attempts >= 2
    assert all(g.status in (201, 204) for g in report.graphs)


def test_a_wrong_endpoint_says_where_the_graph_store_is(data_dir: Path, tmp_path: Path) -> None:
    store = RdfStore(Settings(data_dir=data_dir).embedded_path)
    try:
        with oxigraph(tmp_path) as running, pytest.raises(PushError) as refused:
            push(store.db, running.query.replace("/query", "/nothing-here"), PushOptions(retries=0))
    finally:
        store.close()
    assert "HTTP 404" in str(refused.value)
    assert "Oxigraph server: http://HOST:7878/store" in str(refused.value)
