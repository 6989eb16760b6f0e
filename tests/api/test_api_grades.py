"""Admiralty grades and independent authorities through the API, on both stores, over the
bundled data (one claim graded: credibility 1, the troops its source says are confirmed)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.test_api import get

GRADED = {"min_credibility": 1}


def test_a_minimum_keeps_only_the_graded_claim(client: TestClient) -> None:
    everything = get(client, "/transfers", supplier="PRK", recipient="RUS")
    body = get(client, "/transfers", **GRADED)
    assert everything["count"] > 1 and body["count"] == 1
    (hop,) = body["transfers"]
    assert (hop["kind"], hop["supplier"], hop["recipient"]) == ("deployment", "PRK", "RUS")
    (claim,) = (body["claims"][c] for c in hop["claims"])
    assert claim["credibility"] == 1 and claim["reliability"] is None
    assert "intelligence services" in claim["grade_basis"]
    # the same claim unfiltered: its grade is shown beside its confidence
    unfiltered = get(client, "/transfers", supplier="PRK", recipient="RUS", kind="deployment")
    assert unfiltered["claims"][claim["id"]] == claim


def test_every_query_endpoint_takes_the_minimum(client: TestClient) -> None:
    paths = get(client, "/paths", **{"from": "Pyongyang", "to": "Moscow"}, **GRADED)
    assert paths["count"] == 1 and [h["kind"] for h in paths["paths"][0]["hops"]] == ["deployment"]
    shipments = get(client, "/shipments", **GRADED)
    assert shipments["count"] == 0
    network = get(client, "/network", **GRADED)
    assert [(f["supplier"], f["recipient"], f["events"]) for f in network["flows"]] == [
        ("PRK", "RUS", 1)
    ]
    graded = get(client, "/transfers", **GRADED)["claims"]
    breaches = get(client, "/breaches", **GRADED)["breaches"]
    assert all(c["id"] in graded for b in breaches for c in b["claims"])
    # no bundled claim has a reliability grade: ungraded claims never meet a minimum
    for url in ("/transfers", "/shipments", "/breaches"):
        assert get(client, url, min_reliability="F")["count"] == 0
    assert get(client, "/network", min_reliability="F")["flows"] == []
    assert get(client, "/paths", **{"from": "PRK", "to": "RUS"}, min_reliability="F")["count"] == 0


def test_a_minimum_applies_to_an_answer_as_of_a_date(client: TestClient) -> None:
    # claims loaded without records count as held since always (core.as_of)
    body = get(client, "/transfers", as_of="2000-01-01", **GRADED)
    assert body["count"] == 1 and body["transfers"][0]["kind"] == "deployment"


def test_a_grade_outside_the_scale_is_refused(client: TestClient) -> None:
    for params in ({"min_reliability": "G"}, {"min_credibility": 7}, {"min_reliability": "b"}):
        problem = get(client, "/transfers", status=422, **params)
        assert next(iter(params)) in str(problem)


def test_openapi_says_what_a_minimum_does_with_ungraded_claims(client: TestClient) -> None:
    spec = get(client, "/openapi.json")
    for path in ("/paths", "/transfers", "/shipments", "/breaches", "/network"):
        params = {p["name"]: p for p in spec["paths"][path]["get"]["parameters"]}
        for name in ("min_reliability", "min_credibility"):
            assert "Ungraded claims are left out" in params[name]["description"], (path, name)


def test_hops_count_independent_authorities(client: TestClient) -> None:
    body = get(client, "/transfers", supplier="PRK", recipient="RUS")
    for hop in body["transfers"]:
        assert 1 <= hop["independent_authorities"] <= len(hop["authorities"])
    containers = [h for h in body["transfers"] if h["flow"] == "prk-rus-munitions-containers"]
    # outlets repeating the MSMT's report (reports_on) are the MSMT, however many there are
    msmt = [h for h in containers if h["authorities"] == ["MSMT"]]
    assert msmt and all(h["independent_authorities"] == 1 for h in msmt)
    assert any(len({body["claims"][c]["source"] for c in h["claims"]}) > 1 for h in msmt)


def test_breaches_count_independent_authorities(client: TestClient) -> None:
    breaches = get(client, "/breaches")["breaches"]
    assert breaches
    for breach in breaches:
        asserting = sorted({c["asserted_by"] for c in breach["claims"]})
        assert breach["authorities"] == asserting
        assert 1 <= breach["independent_authorities"] <= len(asserting)
    # a path answer's breaches map carries the same counts
    paths = get(client, "/paths", **{"from": "PRK", "to": "RUS"})
    by_id = {b["id"]: b for b in breaches}
    assert paths["breaches"]
    for breach_id, brief in paths["breaches"].items():
        full = by_id[breach_id]
        assert (brief["authorities"], brief["independent_authorities"]) == (
            full["authorities"],
            full["independent_authorities"],
        )
