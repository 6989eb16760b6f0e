"""The W3C Reconciliation API as OpenRefine uses it: the manifest it reads when the service is
added, the batched form POST it sends while reconciling a column, and the suggest box."""

from __future__ import annotations

import json
from collections.abc import Iterator
from urllib.parse import urlencode

import jsonschema_rs
import pytest
from fastapi.testclient import TestClient

from armsgraph.api.app import create_app
from armsgraph.core.dataset import Dataset
from armsgraph.core.settings import Settings
from tests.support.stores import loaded_store

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


@pytest.fixture(scope="module")
def api(real_dataset: Dataset, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    tmp = tmp_path_factory.mktemp("reconcile")
    with (
        loaded_store("embedded", real_dataset, tmp) as store,
        TestClient(create_app(Settings(data_dir=tmp), store=store)) as client,
    ):
        yield client


def post_queries(api: TestClient, queries: dict[str, object]) -> dict[str, list[dict[str, object]]]:
    """What OpenRefine sends: a urlencoded form with one field, `queries`, holding JSON."""
    response = api.post("/reconcile", content=urlencode({"queries": json.dumps(queries)}),
                        headers=FORM)  # fmt: skip
    assert response.status_code == 200, response.text
    return {k: v["result"] for k, v in response.json().items()}


def test_the_manifest_names_the_types_and_the_suggest_service(api: TestClient) -> None:
    manifest = api.get("/reconcile").json()
    assert manifest["versions"] == ["0.2"]
    assert manifest["identifierSpace"] == "https://w3id.org/armsgraph/id/"
    assert {t["id"] for t in manifest["defaultTypes"]} == {"State", "WeaponSystem", "Actor"}
    suggest = manifest["suggest"]["entity"]
    assert suggest["service_url"].endswith("/reconcile") and suggest["service_path"]


def test_openrefines_batch_resolves_aliases_capitals_and_codes(api: TestClient) -> None:
    batch = {
        f"q{i}": {"query": name, "type": "State", "limit": 3, "type_strict": "should"}
        for i, name in enumerate(["North Korea", "Pyongyang", "Noord-Korea", "RUS", "Moskou"])
    }
    results = post_queries(api, batch)
    assert list(results) == list(batch)
    for key in ("q0", "q1", "q2"):
        best = results[key][0]
        assert (best["id"], best["match"], best["score"]) == ("PRK", True, 100.0)
        assert best["type"] == [{"id": "State", "name": "State"}]
        assert sum(1 for r in results[key] if r["match"]) == 1
    assert results["q3"][0]["id"] == "RUS" and results["q3"][0]["match"]


def test_a_misspelling_gets_candidates_but_no_match(api: TestClient) -> None:
    results = post_queries(api, {"q0": {"query": "Nort Koreaa", "type": "State"}})["q0"]
    assert results and not any(r["match"] for r in results)
    assert "PRK" in [r["id"] for r in results[:3]]
    assert all(0 < float(str(r["score"])) < 100 for r in results)


def test_weapon_systems_and_actors(api: TestClient, real_dataset: Dataset) -> None:
    weapon = next(iter(real_dataset.weapon_systems.values()))
    publisher = next(iter(real_dataset.sources.values())).publisher
    results = post_queries(
        api,
        {"q0": {"query": weapon.name.upper(), "type": "WeaponSystem"},
         "q1": {"query": publisher, "type": {"id": "Actor", "name": "Actor"}},
         "q2": {"query": "Pyongyang"}},
    )  # fmt: skip
    assert results["q0"][0]["id"] == weapon.id and results["q0"][0]["match"]
    assert results["q1"][0]["name"] == publisher and results["q1"][0]["match"]
    assert results["q2"][0]["id"] == "PRK"  # no type: every type is searched


def test_the_get_form_and_a_json_body_answer_alike(api: TestClient) -> None:
    queries = {"q0": {"query": "DPRK", "limit": 1}}
    by_get = api.get("/reconcile", params={"queries": json.dumps(queries)}).json()
    by_json = api.post("/reconcile", json=queries).json()
    assert by_get == by_json and by_get["q0"]["result"][0]["id"] == "PRK"


@pytest.mark.parametrize(
    ("batch", "status"),
    [
        ({"q0": {"query": "DPRK", "type": {"id": "State"}, "limit": 2}, "q1": {"query": ""}}, 200),
        ({}, 400),
        ({"q0": {"limit": 1}}, 400),
        ({"q0": {"query": "x", "type": "Ship"}}, 400),
    ],
)
def test_the_json_body_schema_is_what_the_endpoint_accepts(
    api: TestClient, batch: dict[str, object], status: int
) -> None:
    operation = api.get("/openapi.json").json()["paths"]["/reconcile"]["post"]
    schema = operation["requestBody"]["content"]["application/json"]["schema"]
    schema_valid = jsonschema_rs.validator_for(schema).is_valid(batch)
    response = api.post("/reconcile", json=batch)
    assert (response.status_code, schema_valid) == (status, status == 200), response.text


@pytest.mark.parametrize(
    ("queries", "says"),
    [
        ("{not json", "not JSON"),
        ('{"q0": {"type": "State"}}', "queries.q0.query"),
        ('{"q0": {"query": "x", "type": "Ship"}}', "unknown type 'Ship'"),
        ('{"q0": {"query": "x", "limit": 0}}', "queries.q0.limit"),
    ],
)
def test_bad_queries_are_400_with_the_field(api: TestClient, queries: str, says: str) -> None:
    response = api.post("/reconcile", content=urlencode({"queries": queries}), headers=FORM)
    assert response.status_code == 400
    assert says in response.text


def test_suggest_completes_a_prefix(api: TestClient) -> None:
    response = api.get("/reconcile/suggest/entity", params={"prefix": "pyon", "type": "State"})
    assert response.status_code == 200
    assert response.json()["result"][0]["id"] == "PRK"
