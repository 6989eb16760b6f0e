"""The endpoints the investigator's page reads: the network, labels, compact answers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from armsgraph.api.app import create_app
from armsgraph.core.dataset import Dataset
from armsgraph.core.settings import Settings
from tests.support.stores import BACKENDS, backend_params, loaded_store


@pytest.fixture(scope="module", params=backend_params(BACKENDS))
def client(
    request: pytest.FixtureRequest, real_dataset: Dataset, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    with (
        loaded_store(request.param, real_dataset, tmp_path_factory.mktemp("page")) as store,
        TestClient(create_app(Settings(store=request.param), store=store)) as test_client,
    ):
        yield test_client


def get(client: TestClient, url: str, **params: Any) -> Any:
    response = client.get(url, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_network_has_the_dprk_russia_edge_both_ways(client: TestClient) -> None:
    body = get(client, "/network")
    edges = {(f["supplier"], f["recipient"]): f for f in body["flows"]}
    assert edges[("PRK", "RUS")]["inferred"] > 0 and edges[("RUS", "PRK")]["events"] > 0
    assert body["states"]["PRK"]["name"] == "Democratic People's Republic of Korea"
    assert body["more"] == body["total_pairs"] - len(body["flows"]) == 0
    capped = get(client, "/network", limit=1)
    assert len(capped["flows"]) == 1 and capped["more"] == body["total_pairs"] - 1


def test_network_filters(client: TestClient) -> None:
    petroleum = get(client, "/network", category="refined_petroleum")
    assert [(f["supplier"], f["recipient"]) for f in petroleum["flows"]] == [("RUS", "PRK")]
    troops = get(client, "/network", kind="deployment")
    assert all(f["events"] == f["deployments"] > 0 for f in troops["flows"])
    nothing = get(client, "/network", until="1990-01-01")
    assert all(f["events"] > 0 for f in nothing["flows"])  # only undated events pass
    bad = client.get("/network", params={"category": "lasers"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "query.category"


def test_edge_evidence_is_compact_and_complete(client: TestClient) -> None:
    body = get(client, "/transfers", supplier="PRK", recipient="RUS")
    assert set(body["states"]) == {"PRK", "RUS"}
    for hop in body["transfers"]:
        for claim_id in hop["claims"]:
            claim = body["claims"][claim_id]
            assert claim["quote"] and claim["source"] in body["sources"]
        assert hop["authorities"]
        for breach_id in hop["breaches"]:
            assert body["breaches"][breach_id]["explanation"]
    reports_on = {s["reports_on"] for s in body["sources"].values()} - {None}
    assert reports_on <= set(body["sources"]), "derivation chains are complete"
    missiles = get(client, "/transfers", supplier="PRK", category="VII_missiles_and_launchers")
    assert missiles["count"] > 0 and all(
        any(i["category_label"].startswith("missiles") for i in t["items"])
        for t in missiles["transfers"]
    )


def test_labels_and_openapi_describe_the_compact_shape(client: TestClient) -> None:
    labels = get(client, "/labels")
    assert labels["Category"]["III_large_calibre_artillery"].startswith("large-calibre")
    spec = get(client, "/openapi.json")
    hop = spec["components"]["schemas"]["HopPublic"]["properties"]
    assert hop["supplier"]["type"] == "string" and hop["claims"]["items"]["type"] == "string"
    paths = spec["components"]["schemas"]["PathsPublic"]["properties"]
    assert {"states", "breaches", "claims", "sources"} <= set(paths)
