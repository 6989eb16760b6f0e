"""Partner check: the export, loaded into an independent Oxigraph server, answers the
partner-facing queries in ontology/queries/ with what RdfStore answers.

The fixture exports the real data set (N-Quads and TriG), loads it with the ``oxigraph``
command line tool into a fresh directory, starts ``oxigraph serve-read-only`` on a free
port, and stops it afterwards. Queries go over HTTP to ``/query``.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from armsgraph.core.dataset import Dataset
from armsgraph.core.model import EventKind, ShipmentStatement
from armsgraph.core.store import PathQuery
from armsgraph.ontology.rdf_store import RdfStore

QUERIES = Path(__file__).resolve().parents[2] / "ontology" / "queries"
JSON = "application/sparql-results+json"
Row = dict[str, str]


def oxigraph_cli() -> str:
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    assert found, "the oxigraph command line tool (PyPI package `oxigraph`) is not installed"
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="module", params=["nq", "trig"])
def partner(
    request: pytest.FixtureRequest, real_store: RdfStore, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    fmt: str = request.param
    tmp = tmp_path_factory.mktemp(f"partner-{fmt}")
    export = tmp / f"export.{fmt}"
    with export.open("wb") as out:
        real_store.export(out, fmt)
    cli, location = oxigraph_cli(), tmp / "db"
    subprocess.run(
        [cli, "load", "--location", str(location), "--file", str(export)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    url = f"http://127.0.0.1:{free_port()}"
    log = (tmp / "server.log").open("wb")
    server = subprocess.Popen(
        [
            cli,
            "serve-read-only",
            "--location",
            str(location),
            "--bind",
            url.removeprefix("http://"),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            assert server.poll() is None, (tmp / "server.log").read_text()
            try:
                if httpx.get(f"{url}/query", params={"query": "ASK {}"}, timeout=1).is_success:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "the Oxigraph server did not come up"
            time.sleep(0.1)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def rows_of(body: bytes) -> list[Row]:
    bindings = json.loads(body)["results"]["bindings"]
    return [{k: v["value"] for k, v in b.items()} for b in bindings]


def ask_partner(url: str, query: str) -> list[Row]:
    response = httpx.post(
        f"{url}/query",
        content=query.encode(),
        headers={"Content-Type": "application/sparql-query", "Accept": JSON},
        timeout=60,
    )
    response.raise_for_status()
    return rows_of(response.content)


def shipments_on_paths(store: RdfStore, source: str, target: str) -> set[str]:
    paths = store.find_paths(PathQuery(source, target, limit=100_000))
    events = store.get_events([p[0] for p in paths])
    return {e.id for e in events if e.kind is EventKind.SHIPMENT}


NUMBERS = ("value", "low", "high")


def _num(value: str | None) -> float | None:
    return None if value is None else float(value)


DIRECTIONS = [("shipments-prk-to-rus.rq", "PRK", "RUS"), ("shipments-rus-to-prk.rq", "RUS", "PRK")]


@pytest.mark.parametrize(("file", "source", "target"), DIRECTIONS)
def test_the_partner_finds_the_same_shipments(
    partner: str, real_store: RdfStore, file: str, source: str, target: str
) -> None:
    rows = ask_partner(partner, (QUERIES / file).read_text())
    expected = shipments_on_paths(real_store, source, target)
    assert expected, "the real data should have shipments in this direction"
    assert {r["shipmentId"] for r in rows} == expected


@pytest.mark.parametrize(("file", "source", "target"), DIRECTIONS)
def test_items_claims_and_breaches_agree(
    partner: str, real_store: RdfStore, real_dataset: Dataset, file: str, source: str, target: str
) -> None:
    rows = ask_partner(partner, (QUERIES / file).read_text())
    by_shipment: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        by_shipment[row["shipmentId"]].append(row)
        assert row["quote"] and row["sourceTitle"] and row["publisher"] and row["confidence"]
    for event in real_store.get_events(sorted(by_shipment)):
        got = by_shipment[event.id]
        assert isinstance(event.statement, ShipmentStatement)
        assert {r["claimId"] for r in got} == set(event.claims)
        items = {
            (r["category"], r.get("unit"), r.get("qualifier"), *(_num(r.get(k)) for k in NUMBERS))
            for r in got
        }
        expected_items = set()
        for item in event.statement.items:
            category = real_dataset.weapon_systems[item.weapon].category.value
            q = item.quantity
            if q is None:
                expected_items.add((category, None, None, None, None, None))
            else:
                values = (q.value, q.low, q.high)
                expected_items.add((category, q.unit, q.qualifier.value, *values))
        assert items == expected_items, event.id
        breaches = {b.id for b in real_dataset.breaches.values() if event.id in b.events}
        assert {r["breachId"] for r in got if "breachId" in r} == breaches


@pytest.mark.parametrize("file", [d[0] for d in DIRECTIONS])
def test_the_embedded_endpoint_gives_the_same_rows(
    partner: str, real_store: RdfStore, file: str
) -> None:
    query = (QUERIES / file).read_text()
    embedded, _ = real_store.sparql(query, JSON, 30)
    partner_rows = ask_partner(partner, query)
    assert partner_rows == rows_of(embedded)


def test_named_graphs_survive_the_trip(partner: str, real_dataset: Dataset) -> None:
    rows = ask_partner(partner, "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert int(rows[0]["n"]) == len(real_dataset.sources) + 2
