"""Hostile requests get a clear problem+json answer, never a 500 or a traceback (both stores)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from armsgraph.api.app import create_app
from armsgraph.core.settings import Settings
from tests.support.datasets import API_KEY, CLAIM_FILE

PROBLEM = "application/problem+json"


def _is_problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    body: dict[str, Any] = response.json()
    assert body["status"] == status and body["detail"]
    assert "Traceback" not in response.text
    return body


@pytest.mark.parametrize("tail", ["a%20b", "%22", "%3E", "%7B", "%60", "%5C", "%00", "x" * 300])
def test_claim_ids_that_are_no_iri_are_422(client: TestClient, tail: str) -> None:
    body = _is_problem(client.get(f"/claims/{tail}"), 422)
    assert body["errors"][0]["field"] == "path.claim_id"


def test_non_ascii_api_key_is_401(client: TestClient) -> None:
    headers = {"X-API-Key": "clé-ünïcode".encode()}
    _is_problem(client.post("/claims", json={}, headers=headers), 401)  # type: ignore[dict-item]


@pytest.mark.parametrize(
    "body",
    [
        "[" * 5000 + "]" * 5000,
        '{"source": ' + "9" * 5000 + "}",
        '{"source": {"id": ',
        "not json",
    ],
)
def test_bodies_that_do_not_parse_are_400_problems(client: TestClient, body: str) -> None:
    response = client.post(
        "/claims", content=body, headers={"X-API-Key": API_KEY, "Content-Type": "application/json"}
    )
    assert response.status_code in (400, 422), response.text
    _is_problem(response, response.status_code)


def _claim_with(**changes: Any) -> str:
    """CLAIM_FILE as JSON text with some claim fields (dotted: shipment.period) replaced."""
    claim = json.loads(json.dumps(CLAIM_FILE["claims"][0]))  # type: ignore[index]
    for dotted, value in changes.items():
        *parents, last = dotted.split("__")
        target = claim
        for name in parents:
            target = target[name]
        target[last] = value
    return json.dumps({**CLAIM_FILE, "claims": [claim]})


# JSON allows 1e400, which Python reads as infinity.
INFINITE = _claim_with(shipment__items=[{"weapon": "munitions", "quantity": {"value": 7}}])


@pytest.mark.parametrize(
    ("document", "field"),
    [
        (INFINITE.replace('"value": 7', '"value": 1e400'), "shipment.items[0].quantity.value"),
        (_claim_with(shipment__period={"start": "٢٠٢٥"}), "shipment.period.start"),
        (_claim_with(reported="2025\n"), "reported"),
    ],
)
def test_values_that_are_not_numbers_or_dates_are_422(
    client: TestClient, document: str, field: str
) -> None:
    before = client.get("/health").json()["counts"]
    response = client.post(
        "/claims",
        content=document,
        headers={"X-API-Key": API_KEY, "Content-Type": "application/json"},
    )
    body = _is_problem(response, 422)
    assert body["errors"][0]["field"] == f"claims[0].{field}"
    assert client.get("/health").json()["counts"] == before


@pytest.mark.parametrize("value", ["0", "1700000000", "２０２４-01-01", "2024-01-01T00:00:00"])
def test_dates_in_queries_are_calendar_days(client: TestClient, value: str) -> None:
    response = client.get("/paths", params={"from": "PRK", "to": "RUS", "until": value})
    assert _is_problem(response, 422)["errors"][0]["field"] == "query.until"


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/network?until=0", "query.until"),
        ("/network?since=1700000000", "query.since"),
        ("/breaches?as_of=0", "query.as_of"),
        ("/transfers?as_of=2024-01-01T00:00:00", "query.as_of"),
        ("/changes?since=0", "query.since"),
        ("/changes?since=1.7e9", "query.since"),
    ],
)
def test_every_date_parameter_refuses_numbers(client: TestClient, path: str, field: str) -> None:
    # Found by a bounded schemathesis run: endpoints added after the /paths fix took Unix times.
    assert _is_problem(client.get(path), 422)["errors"][0]["field"] == field


@pytest.mark.parametrize("tail", ["%22", "a%20b", "%C2%B7%F0%A8%9C%AA%22%C2%A0as", "UPPER"])
def test_source_ids_that_are_no_iri_are_422_before_the_key_or_the_store(
    client: TestClient, tail: str
) -> None:
    # Was a 500 (pyoxigraph: invalid IRI code point) once the API key was right.
    response = client.delete(f"/sources/{tail}", headers={"X-API-Key": API_KEY})
    assert _is_problem(response, 422)["errors"][0]["field"] == "path.source_id"


def test_removing_a_source_says_why_it_cannot(client: TestClient) -> None:
    headers = {"X-API-Key": API_KEY}
    before = client.get("/health").json()["counts"]
    unknown = _is_problem(client.delete("/sources/no-such-source", headers=headers), 404)
    assert "no-such-source" in unknown["detail"]
    # The MSMT report is what the bundled news articles report on: they must go first.
    conflict = _is_problem(client.delete("/sources/msmt-2025-1", headers=headers), 409)
    assert all("remove it first" in e["message"] for e in conflict["errors"])
    assert client.get("/health").json()["counts"] == before


def test_openapi_documents_the_problem_answers(client: TestClient) -> None:
    operations = client.get("/openapi.json").json()["paths"]
    delete = operations["/sources/{source_id}"]["delete"]["responses"]
    assert {"401", "404", "409", "413", "414", "422", "500"} <= set(delete)
    for path, methods in operations.items():
        for method, operation in methods.items():
            for status in ("413", "414", "422", "500"):
                content = operation["responses"][status]["content"]
                assert PROBLEM in content, f"{method} {path} {status}"


def test_options_lists_every_method(client: TestClient) -> None:
    response = client.options("/sparql")
    assert response.status_code == 204
    assert {"GET", "POST", "OPTIONS"} <= set(response.headers["allow"].split(", "))
    wrong = client.put("/sparql")
    _is_problem(wrong, 405)
    assert "POST" in wrong.headers["allow"]


def test_unknown_route_is_a_problem(client: TestClient) -> None:
    _is_problem(client.get("/no-such-thing"), 404)


def test_body_and_url_limits(client: TestClient) -> None:
    settings = Settings(api_key=SecretStr(API_KEY), max_body_bytes=1000, max_url_bytes=2000)
    app = create_app(settings, store=client.app.state.store)  # type: ignore[attr-defined]
    with TestClient(app) as small:
        big = {**CLAIM_FILE, "padding": "x" * 2000}
        body = _is_problem(small.post("/claims", json=big, headers={"X-API-Key": API_KEY}), 413)
        assert "1,000 bytes" in body["detail"]

        def chunks() -> Any:
            for _ in range(10):
                yield b"x" * 500

        streamed = small.post(
            "/sparql",
            content=chunks(),
            headers={"Content-Type": "application/sparql-query"},
        )
        _is_problem(streamed, 413)
        _is_problem(small.get("/paths", params={"from": "P" * 3000, "to": "RUS"}), 414)


def test_an_unexpected_failure_is_a_500_problem_without_traceback(client: TestClient) -> None:
    app = create_app(Settings(), store=client.app.state.store)  # type: ignore[attr-defined]

    def broken() -> None:
        raise RuntimeError("secret internal state")

    app.add_api_route("/broken", broken)
    with TestClient(app, raise_server_exceptions=False) as test_client:
        response = test_client.get("/broken")
    body = _is_problem(response, 500)
    assert "secret internal state" not in response.text and body["title"] == "Internal error"


def test_sparql_from_names_the_default_graph(client: TestClient) -> None:
    count = "SELECT (COUNT(*) AS ?n) {} WHERE {{ ?s ?p ?o }}"

    def n(dataset: str) -> int:
        response = client.get("/sparql", params={"query": count.format(dataset)})
        if client.store_kind == "neo4j":  # type: ignore[attr-defined]
            _is_problem(response, 501)
            return -1
        assert response.status_code == 200, response.text
        return int(response.json()["results"]["bindings"][0]["n"]["value"])

    everything = n("")
    if everything < 0:
        return
    base = "https://w3id.org/armsgraph/"
    assert n("FROM <https://example.org/no-such-graph>") == 0
    reference = n(f"FROM <{base}graph/reference>")
    assert 0 < reference < everything
    assert n(f"FROM NAMED <{base}graph/reference>") == everything


@pytest.mark.parametrize(
    "query", ["SHOW USERS", "SHOW SETTINGS", "SHOW TRANSACTIONS", "CALL dbms.listConfig()"]
)
def test_cypher_refuses_administration(client: TestClient, query: str) -> None:
    response = client.post("/cypher", json={"query": query})
    if client.store_kind == "embedded":  # type: ignore[attr-defined]
        _is_problem(response, 501)
    else:
        assert "not allowed" in _is_problem(response, 400)["detail"]


def test_sparql_parse_error_is_a_400_problem(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "SELECT * WHERE {"})
    expected = 501 if client.store_kind == "neo4j" else 400  # type: ignore[attr-defined]
    _is_problem(response, expected)


def test_a_megabyte_url_gets_414_over_real_http(client: TestClient) -> None:
    from http.client import HTTPConnection

    from tests.live import serving

    app = create_app(Settings(), store=client.app.state.store)  # type: ignore[attr-defined]
    with serving(app) as base:
        host, port = base.removeprefix("http://").split(":")
        connection = HTTPConnection(host, int(port), timeout=30)
        connection.request("GET", f"/paths?from={'P' * 1_200_000}&to=RUS")
        response = connection.getresponse()
        assert response.status == 414
        assert response.getheader("content-type") == PROBLEM
        assert "use POST" in json.loads(response.read())["detail"]
        connection.close()


def test_a_claim_key_names_one_claim_in_a_body_and_across_the_store(client: TestClient) -> None:
    headers = {"X-API-Key": API_KEY}
    claim = {**CLAIM_FILE["claims"][0], "key": "keys-test.one"}  # type: ignore[index]
    other = {**claim, "quote": "A different quote under the same key."}
    source = {**CLAIM_FILE["source"], "id": "keys-test"}  # type: ignore[dict-item]
    twice = client.post(
        "/claims", json={"source": source, "claims": [claim, other]}, headers=headers
    )
    assert _is_problem(twice, 422)["errors"][0]["field"] == "claims[1].key"
    first = client.post("/claims", json={"source": source, "claims": [claim]}, headers=headers)
    assert first.status_code == 201, first.text
    before = client.get("/health").json()["counts"]
    source2 = {**source, "id": "keys-test-2"}
    taken = client.post("/claims", json={"source": source2, "claims": [other]}, headers=headers)
    body = _is_problem(taken, 422)
    assert (
        body["errors"][0]["field"] == "claims[0].key" and "taken by stored claim" in body["detail"]
    )
    assert client.get("/health").json()["counts"] == before
    again = client.post("/claims", json={"source": source, "claims": [claim]}, headers=headers)
    assert again.status_code == 201 and again.json()["changed"] is False
