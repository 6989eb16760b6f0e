"""The Iran->Russia and DPRK->Syria claims end to end through the HTTP API, on both stores.

/breaches names the provisions the sources say apply (asserted) and the ones the reasoner
matched (inferred, with the explanation), and for a transfer that falls outside every
period a provision was in force, says so with the reason instead of finding a breach.
"""

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
    settings = Settings(store=request.param, query_timeout_s=5)
    with (
        loaded_store(request.param, real_dataset, tmp_path_factory.mktemp("embargo")) as store,
        TestClient(create_app(settings, store=store)) as test_client,
    ):
        yield test_client


def get(client: TestClient, url: str, status: int = 200, **params: Any) -> Any:
    response = client.get(url, params=params)
    assert response.status_code == status, response.text
    return response.json()


def _transfer(client: TestClient, supplier: str, recipient: str, weapon: str) -> dict[str, Any]:
    body = get(client, "/shipments", supplier=supplier, recipient=recipient)
    [found] = [
        t for t in body["transfers"] if any(i["weapon_system"] == weapon for i in t["items"])
    ]
    return found  # type: ignore[no-any-return]


def test_iran_to_russia_drones_breach_2231_annex_b_paragraph_4(client: TestClient) -> None:
    body = get(client, "/breaches", state="Tehran", resolution="2231")
    provisions = {(b["basis"], b["provision"]) for b in body["breaches"]}
    assert ("inferred", "Annex B, paragraph 4") in provisions  # the reasoner's match
    assert ("asserted", "Annex B, paragraph 4") in provisions  # the US Mission's own tie
    assert ("asserted", None) in provisions  # statements naming only resolution 2231
    inferred = [b for b in body["breaches"] if b["basis"] == "inferred"]
    assert all("Not checked (the data cannot tell)" in b["explanation"] for b in inferred)
    assert all(b["claims"] and b["claims"][0]["quote"] for b in body["breaches"])


def test_iran_to_russia_missiles_of_2024_not_in_force(client: TestClient) -> None:
    missiles = _transfer(client, "Iran", "Russia", "fath-360")
    assert missiles["breaches"] == []
    lapsed = {n["provision_id"]: n for n in missiles["not_in_force"]}
    assert {"unscr-2231-annexb-p4", "unscr-1747-op5"} <= set(lapsed)
    assert lapsed["unscr-2231-annexb-p4"]["in_force"] == ["from 2016-01-16 until 2023-10"]
    assert "was not in force at that time" in lapsed["unscr-1747-op5"]["explanation"]
    body = get(client, "/breaches", event=missiles["event_id"])
    assert body["count"] == 0
    assert {n["provision_id"] for n in body["not_in_force"]} == set(lapsed)


def test_dprk_to_syria_breaches_the_export_ban(client: TestClient) -> None:
    shipments = _transfer(client, "North Korea", "Syria", "ballistic-missile-items")
    body = get(client, "/breaches", event=shipments["event_id"])
    found = {(b["basis"], b["provision_id"]) for b in body["breaches"]}
    assert ("inferred", "unscr-1718-op8b") in found
    assert ("inferred", "unscr-1874-op9") in found
    assert ("asserted", None) in found  # the Panel says sanctions, naming no resolution
    assert body["not_in_force"] == []


def test_unknown_event_is_404(client: TestClient) -> None:
    get(client, "/breaches", status=404, event="shp-0123456789abcdef")
    # an id no event can have is refused before the store is asked
    get(client, "/breaches", status=422, event="no-such-event")
