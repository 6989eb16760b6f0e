"""The answer cache and ETags (api/answers.py), over each real store.

A write changes the ETag and the answer: through the API (POST /claims, DELETE /sources),
through the store object beside the API (a load), and, on Neo4j, from another process
(the kept answers of one server never outlive a write made elsewhere).
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from armsgraph.api.answers import StateReads, matches
from armsgraph.api.app import create_app
from armsgraph.core.dataset import Dataset
from armsgraph.core.settings import Settings
from armsgraph.core.store import Store
from armsgraph.ontology.rdf_store import RdfStore
from tests.support.datasets import API_KEY, CLAIM_FILE
from tests.support.stores import BACKENDS, NEO4J_URI, backend_params, loaded_store

PATHS = "/paths?from=Moscow&to=Pyongyang&since=2025-01-01"
WRITE = {"X-API-Key": API_KEY}


@pytest.fixture(scope="module", params=backend_params(BACKENDS))
def served(
    request: pytest.FixtureRequest, real_dataset: Dataset, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[TestClient, Store]]:
    """Each test leaves the store holding the bundled data again."""
    settings = Settings(store=request.param, api_key=SecretStr(API_KEY), query_timeout_s=5)
    with (
        loaded_store(request.param, real_dataset, tmp_path_factory.mktemp("cache")) as store,
        TestClient(create_app(settings, store=store)) as client,
    ):
        yield client, store


def _paths(response: httpx.Response) -> int:
    assert response.status_code == 200, response.text
    return len(response.json()["paths"])


def test_second_answer_is_kept_and_revalidates_to_304(served: tuple[TestClient, Store]) -> None:
    client, _ = served
    first = client.get(PATHS)
    second = client.get(PATHS)
    assert (first.headers["x-cache"], second.headers["x-cache"]) == ("miss", "hit")
    assert second.content == first.content
    assert second.headers["etag"] == first.headers["etag"]
    assert first.headers["cache-control"] == "no-cache" and first.headers["vary"] == "Accept"
    not_modified = client.get(PATHS, headers={"If-None-Match": first.headers["etag"]})
    assert not_modified.status_code == 304 and not_modified.content == b""
    assert not_modified.headers["etag"] == first.headers["etag"]
    other = client.get(PATHS, headers={"If-None-Match": '"something-else"'})
    assert other.status_code == 200 and other.content == first.content


def test_api_writes_change_the_etag_and_the_answer(served: tuple[TestClient, Store]) -> None:
    client, _ = served
    before = client.get(PATHS)
    assert client.post("/claims", json=CLAIM_FILE, headers=WRITE).status_code == 201
    added = client.get(PATHS, headers={"If-None-Match": before.headers["etag"]})
    assert added.status_code == 200 and added.headers["x-cache"] == "miss"
    assert added.headers["etag"] != before.headers["etag"] and _paths(added) == _paths(before) + 1
    removed = client.delete(f"/sources/{CLAIM_FILE['source']['id']}", headers=WRITE)
    assert removed.status_code == 200, removed.text
    after = client.get(PATHS, headers={"If-None-Match": added.headers["etag"]})
    assert after.status_code == 200 and _paths(after) == _paths(before)
    # The ETag hashes the answer: the same answer again has the same ETag.
    assert after.headers["etag"] == before.headers["etag"]


def test_a_load_beside_the_api_is_seen(
    served: tuple[TestClient, Store], real_dataset: Dataset
) -> None:
    client, store = served
    kept = client.get("/sources")
    assert client.get("/sources").headers["x-cache"] == "hit"
    state = store.state()
    store.clear()
    assert store.state() != state
    emptied = client.get("/sources")
    assert emptied.headers["x-cache"] == "miss" and emptied.json()["sources"] == []
    store.load(real_dataset)
    assert client.get("/sources").content == kept.content


def test_errors_are_not_kept(served: tuple[TestClient, Store]) -> None:
    client, _ = served
    for _ in range(2):
        missing = client.get("/states/Atlantis")
        assert missing.status_code == 404 and "etag" not in missing.headers
        assert "x-cache" not in missing.headers


def test_cache_off_still_answers_304(real_dataset: Dataset, tmp_path: Path) -> None:
    settings = Settings(store="embedded", answer_cache_mb=0)
    with (
        loaded_store("embedded", real_dataset, tmp_path) as store,
        TestClient(create_app(settings, store=store)) as client,
    ):
        first, second = client.get(PATHS), client.get(PATHS)
        assert first.headers["x-cache"] == second.headers["x-cache"] == "miss"
        revalidated = client.get(PATHS, headers={"If-None-Match": first.headers["etag"]})
        assert revalidated.status_code == 304


def test_if_none_match_compares_weakly() -> None:
    assert matches('W/"a", "b"', '"a"') and matches("*", '"x"') and matches('"b"', '"b"')
    assert not matches(None, '"a"') and not matches('"ab"', '"a"')


# Writes one claim file into the test Neo4j from a process of its own.
_WRITER = """
import json, sys
from armsgraph.loaders.ingest import ingest_document
from armsgraph.loaders.yaml_files import YamlFile
from tests.support.stores import neo4j_store
with neo4j_store() as store:
    ingest_document(YamlFile.from_data(json.loads(sys.argv[1]), "posted"), store)
"""


@pytest.mark.neo4j
def test_neo4j_write_from_another_process_is_seen(real_dataset: Dataset, tmp_path: Path) -> None:
    settings = Settings(store="neo4j", neo4j_uri=NEO4J_URI)
    with (
        loaded_store("neo4j", real_dataset, tmp_path) as store,
        TestClient(create_app(settings, store=store)) as client,
    ):
        before = client.get(PATHS)
        assert client.get(PATHS).headers["x-cache"] == "hit"
        root = Path(__file__).resolve().parents[2]  # `tests` imports from here
        writer = [sys.executable, "-c", _WRITER, json.dumps(CLAIM_FILE)]
        subprocess.run(writer, cwd=root, check=True, timeout=120)
        after = client.get(PATHS)
        assert after.headers["x-cache"] == "miss" and _paths(after) == _paths(before) + 1
        assert after.headers["etag"] != before.headers["etag"]


class _GatedState(RdfStore):
    """An in-memory store whose state reads take the token, then wait for ``gate``: a
    read under way while a write commits."""

    def __init__(self) -> None:
        super().__init__(None)
        self.gate = threading.Event()
        self.reads = 0

    def state(self) -> str | None:
        self.reads += 1
        token = super().state()
        self.gate.wait(10)
        return token


def test_requests_share_a_state_read_that_starts_after_they_arrive() -> None:
    store = _GatedState()

    async def scenario() -> tuple[str | None, ...]:
        reads = StateReads(store)
        first = asyncio.create_task(reads.read())
        while store.reads == 0:  # the first read is under way
            await asyncio.sleep(0.01)
        store.advance_state()  # a write commits meanwhile
        later = [asyncio.create_task(reads.read()) for _ in range(3)]
        await asyncio.sleep(0.05)
        store.gate.set()
        return (await first, *[await t for t in later])

    old, *new = asyncio.run(scenario())
    assert store.reads == 2  # the three later requests shared one read
    store.gate.set()
    assert old != store.state() and new == [store.state()] * 3
