"""The HTTP API over both real stores, answering the users' question with sources."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from armsgraph.core.dataset import Dataset
from tests.support.datasets import API_KEY, CLAIM_FILE


def get(client: TestClient, url: str, status: int = 200, **params: Any) -> Any:
    response = client.get(url, params=params)
    assert response.status_code == status, response.text
    return response.json()


def test_pyongyang_to_moscow_cites_sources_and_breaches(client: TestClient) -> None:
    body = get(client, "/paths", **{"from": "Pyongyang", "to": "Moscow"})
    assert body["from"] == "PRK" and body["to"] == "RUS"
    assert body["states"]["PRK"]["name"] == "Democratic People's Republic of Korea"
    assert body["count"] == len(body["paths"]) > 0
    hops = [p["hops"][0] for p in body["paths"]]
    assert all(h["supplier"] == "PRK" and h["recipient"] == "RUS" for h in hops)
    for hop in hops:
        assert hop["claims"], "every hop cites its claims"
        for claim in (body["claims"][c] for c in hop["claims"]):
            source = body["sources"][claim["source"]]
            assert claim["quote"] and (source["url"] or source["document"])
    breaches = [body["breaches"][b] for h in hops for b in h["breaches"]]
    resolutions = {b["resolution"] for b in breaches if b["basis"] == "inferred"}
    assert {"S/RES/1718 (2006)", "S/RES/1874 (2009)"} <= resolutions
    explained = [b for b in breaches if b["basis"] == "inferred"]
    assert all("falls under" in b["explanation"] for b in explained)
    assert all("_" not in b["explanation"] for b in explained), "labels, not identifiers"
    assert all(c in body["claims"] for b in breaches for c in b["claims"])
    quantities = [i["quantity"] for h in hops for i in h["items"] if i.get("quantity")]
    assert any(q["qualifier"] != "exactly" for q in quantities), "qualifiers kept as reported"


def test_reverse_direction_shows_russian_support(client: TestClient) -> None:
    body = get(client, "/paths", **{"from": "Moscow", "to": "Pyongyang"})
    hops = [p["hops"][0] for p in body["paths"]]
    kinds = {h["kind"] for h in hops}
    assert {"shipment", "assistance"} <= kinds
    categories = {i["category"] for h in hops for i in h["items"]}
    assert "refined_petroleum" in categories
    assert any(h["assistance"] == "technical_data" for h in hops)
    breached = {body["breaches"][b]["provision_id"] for h in hops for b in h["breaches"]}
    assert "unscr-2397-op5" in breached  # refined-petroleum cap


def test_same_answer_from_both_stores(client: TestClient, real_dataset: Dataset) -> None:
    from armsgraph.core import query
    from armsgraph.core.store import PathQuery

    body = get(client, "/paths", **{"from": "DPRK", "to": "Russia", "max_hops": 2})
    ids = [[h["event_id"] for h in p["hops"]] for p in body["paths"]]
    assert ids == query.find_paths(real_dataset, PathQuery("PRK", "RUS", max_hops=2))


def test_unknown_name_404_with_suggestions(client: TestClient) -> None:
    response = client.get("/paths", params={"from": "Pyongyan", "to": "Moscow"})
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert "Pyongyang" in response.json()["suggestions"]


@pytest.mark.parametrize(
    "params",
    [
        {"from": "PRK"},
        {"from": "PRK", "to": "RUS", "max_hops": "zero"},
        {"from": "PRK", "to": "RUS", "max_hops": 9},
        {"from": "PRK", "to": "RUS", "since": "2024-13-01"},
        {"from": "PRK", "to": "RUS", "category": "lasers"},
        {"from": "", "to": "RUS"},
    ],
)
def test_malformed_parameters_give_422(client: TestClient, params: dict[str, Any]) -> None:
    response = client.get("/paths", params=params)
    assert response.status_code == 422, response.text
    problem = response.json()
    assert problem["status"] == 422 and problem["errors"][0]["field"].startswith("query")


def test_burst_of_bad_requests_leaves_server_healthy(client: TestClient) -> None:
    for i in range(200):
        client.get("/paths", params={"from": f"nowhere-{i}", "to": "RUS"})
        client.get("/claims/not-a-claim")
        client.get("/shipments", params={"since": "never"})
    assert get(client, "/health")["status"] == "ok"
    assert get(client, "/paths", **{"from": "PRK", "to": "RUS"})["count"] > 0


def test_shipments_filters(client: TestClient) -> None:
    body = get(client, "/shipments", supplier="Noord-Korea", recipient="Rusland")
    assert body["count"] > 0
    assert {t["kind"] for t in body["transfers"]} == {"shipment"}
    missiles = get(client, "/shipments", supplier="PRK", category="VII_missiles_and_launchers")
    assert all(
        any(i["category"] == "VII_missiles_and_launchers" for i in t["items"])
        for t in missiles["transfers"]
    )


def test_breaches_filter_by_resolution_and_state(client: TestClient) -> None:
    body = get(client, "/breaches", resolution="1718", state="Russia")
    assert body["count"] > 0
    assert all(
        b["resolution"] == "S/RES/1718 (2006)" and "RUS" in b["states"] for b in body["breaches"]
    )
    asserted = get(client, "/breaches", basis="asserted")
    assert asserted["count"] > 0 and all(b["rule"] is None for b in asserted["breaches"])


def test_claim_provenance(client: TestClient, real_dataset: Dataset) -> None:
    news = next(
        c
        for c in real_dataset.claims.values()
        if real_dataset.sources[c.source].reports_on and c.shipment
    )
    body = get(client, f"/claims/{news.id}")
    assert body["claim"]["quote"] == news.quote
    chain = [s["id"] for s in body["source_chain"]]
    assert chain[0] == news.source and len(chain) >= 2  # the article, then the report
    assert body["supports"] and body["statement"]["shipment"]
    assert get(client, "/claims/clm-0000", status=404)["title"] == "Not found"


def test_states_and_sources(client: TestClient, real_dataset: Dataset) -> None:
    assert get(client, "/states/Pyongyang")["id"] == "PRK"
    assert get(client, "/states")["count"] == len(real_dataset.states)
    assert get(client, "/sources")["count"] == len(real_dataset.sources)


def test_openapi_documents_errors_and_examples(client: TestClient) -> None:
    spec = get(client, "/openapi.json")
    paths = spec["paths"]["/paths"]["get"]
    assert {"200", "404", "422"} <= set(paths["responses"])
    assert "application/problem+json" in paths["responses"]["404"]["content"]
    assert any(p.get("examples") or p["schema"].get("examples") for p in paths["parameters"])


def test_home_page(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200 and "armsgraph" in response.text


def test_post_claims_requires_key(client: TestClient) -> None:
    assert client.post("/claims", json=CLAIM_FILE).status_code == 401
    wrong = client.post("/claims", json=CLAIM_FILE, headers={"X-API-Key": "nope"})
    assert wrong.status_code == 401


def test_post_bad_claims_writes_nothing(client: TestClient) -> None:
    before = get(client, "/health")["counts"]
    bad = {
        **CLAIM_FILE,
        "claims": [
            CLAIM_FILE["claims"][0],
            {**CLAIM_FILE["claims"][0], "reported": "2024-13-01"},
        ],
    }
    response = client.post("/claims", json=bad, headers={"X-API-Key": API_KEY})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "claims[1].reported"
    assert get(client, "/health")["counts"] == before


def test_post_claims_adds_and_is_idempotent(client: TestClient) -> None:
    before = get(client, "/health")["counts"]
    first = client.post("/claims", json=CLAIM_FILE, headers={"X-API-Key": API_KEY})
    assert first.status_code == 201, first.text
    after = first.json()["counts"]
    assert after["claims"] == before["claims"] + 1 and after["sources"] == before["sources"] + 1
    again = client.post("/claims", json=CLAIM_FILE, headers={"X-API-Key": API_KEY})
    assert again.status_code == 201 and again.json()["changed"] is False
    body = get(client, "/shipments", supplier="RUS", recipient="PRK", since="2025-01-01")
    assert any(
        body["claims"][c]["source"] == "api-test-source"
        for t in body["transfers"]
        for c in t["claims"]
    )


def test_query_endpoints(client: TestClient) -> None:
    kind = client.store_kind  # type: ignore[attr-defined]
    sparql = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    cypher = {
        "query": "MATCH (s:State {id: $id}) RETURN s.name AS name",
        "parameters": {"id": "PRK"},
    }
    if kind == "embedded":
        response = client.get(
            "/sparql",
            params={"query": sparql},
            headers={"Accept": "application/sparql-results+json"},
        )
        assert response.status_code == 200, response.text
        assert int(response.json()["results"]["bindings"][0]["n"]["value"]) > 0
        update = client.post("/sparql", data={"update": "DROP ALL"})
        assert update.status_code == 400
        assert client.post("/cypher", json=cypher).status_code == 501
    else:
        rows = client.post("/cypher", json=cypher)
        assert rows.status_code == 200, rows.text
        assert rows.json()["rows"][0]["name"]
        write = client.post("/cypher", json={"query": "CREATE (n:Oops) RETURN n"})
        assert write.status_code == 400
        assert client.get("/sparql", params={"query": sparql}).status_code == 501


def test_paths_as_of_a_date(client: TestClient) -> None:
    """Claims loaded before knowledge time was recorded count as held since always."""
    now = client.get("/paths", params={"from": "Pyongyang", "to": "Moscow"}).json()
    then = client.get(
        "/paths", params={"from": "Pyongyang", "to": "Moscow", "as_of": "2025-06-01"}
    ).json()
    assert then["count"] == now["count"] > 0
    breaches = client.get("/breaches", params={"as_of": "2025-06-01"}).json()
    assert breaches["count"] == client.get("/breaches").json()["count"]
    assert client.get("/transfers", params={"as_of": "not-a-date"}).status_code == 422
