"""Concurrent writers and readers over real HTTP, on both stores.

8 clients post overlapping claim files (each file twice, each shared shipment stated by
several files) while 8 readers query. Readers must only ever see the store before or after
a whole file (never claims without their shipments), every answer is a success, and at the
end the store equals one clean, sequential load of the same files.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from pydantic import SecretStr

from armsgraph.api.app import create_app
from armsgraph.core.dataset import Dataset
from armsgraph.core.settings import Settings
from armsgraph.core.store import Store
from tests.live import serving
from tests.support.concurrency import assert_equals_one_clean_load, post_while_reading
from tests.support.datasets import API_KEY
from tests.support.stores import BACKENDS, backend_params, loaded_store


@pytest.fixture(params=backend_params(BACKENDS))
def store(request: pytest.FixtureRequest, real_dataset: Dataset, tmp_path: Path) -> Iterator[Store]:
    with loaded_store(request.param, real_dataset, tmp_path) as opened:
        yield opened


def test_concurrent_posts_equal_one_clean_load(store: Store, real_dataset: Dataset) -> None:
    base = store.counts()
    settings = Settings(api_key=SecretStr(API_KEY), query_timeout_s=30, max_heavy_queries=64)
    with serving(create_app(settings, store=store)) as url:
        failures, seen = post_while_reading([url])

    assert not failures, failures[:5]
    assert seen, "the readers ran"
    for counts in seen:
        files = counts["sources"] - base["sources"]
        assert counts["claims"] - base["claims"] == 3 * files, counts
        pairs = len({i % 4 for i in range(files)})  # at least this many paired shipments
        if files:
            assert 1 + (files + 1) // 2 + files <= counts["shipments"] - base["shipments"], counts
            assert counts["shipments"] - base["shipments"] <= 1 + min(files, 4) + files, (
                counts,
                pairs,
            )
    assert_equals_one_clean_load(store, real_dataset, base)


# About 10 s of work: the 504 comes after 2 s (the embedded store kills its worker then).
SLOW_SPARQL = "SELECT (COUNT(*) AS ?n) WHERE { ?a a ?t . ?d ?e ?f }"
SLOW_CYPHER = "UNWIND range(1, 2000000000) AS x WITH x WHERE x < 0 RETURN count(*) AS n"


def test_a_slow_query_blocks_neither_the_server_nor_more_than_its_slot(store: Store) -> None:
    settings = Settings(query_timeout_s=2, max_heavy_queries=1)
    app = create_app(settings, store=store)
    outcome: dict[str, int] = {}

    def slow() -> None:
        with httpx.Client(timeout=60) as http:
            for _ in range(100):
                if store.supports_sparql:
                    response = http.post(
                        f"{url}/sparql",
                        content=SLOW_SPARQL,
                        headers={"Content-Type": "application/sparql-query"},
                    )
                else:
                    response = http.post(f"{url}/cypher", json={"query": SLOW_CYPHER})
                if response.status_code != 503:
                    break
                time.sleep(0.1)  # a /paths of the loop below had the slot: ask again
            outcome["slow"] = response.status_code

    with serving(app) as url:
        worker = threading.Thread(target=slow)
        worker.start()
        with httpx.Client(timeout=5) as http:
            while "slow" not in outcome and worker.is_alive():
                # Answered within 5 s while the slow query holds the only heavy slot.
                assert http.get(f"{url}/health").status_code == 200
                busy = http.get(f"{url}/paths", params={"from": "PRK", "to": "RUS"})
                if "slow" not in outcome:
                    assert busy.status_code in (200, 503), busy.text
                    if busy.status_code == 503:
                        outcome["busy"] = 503
                        break
                    time.sleep(0.05)  # leave the slow query room to take the slot
        worker.join(timeout=60)
    assert outcome.get("busy") == 503, "a second heavy query is refused while the slot is taken"
    assert outcome["slow"] == 504


# Hours of work that streams nothing: only killing its worker process stops it.
RUNAWAY_SPARQL = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def test_a_runaway_sparql_query_is_killed_and_the_next_one_answers(
    real_dataset: Dataset, tmp_path: Path
) -> None:
    from armsgraph.ontology.sparql_workers import SparqlWorkers

    with loaded_store("embedded", real_dataset, tmp_path) as store:
        workers = store.endpoint  # type: ignore[attr-defined]
        assert isinstance(workers, SparqlWorkers)
        app = create_app(Settings(query_timeout_s=1), store=store)
        sparql = {"Content-Type": "application/sparql-query"}
        with serving(app) as url, httpx.Client(timeout=60) as http:
            count = "SELECT (COUNT(*) AS ?n) WHERE { ?s a ag:State }"
            first = http.post(f"{url}/sparql", content=count, headers=sparql)
            assert first.status_code == 200, first.text
            [pid] = workers.pids
            runaway = http.post(f"{url}/sparql", content=RUNAWAY_SPARQL, headers=sparql)
            assert runaway.status_code == 504, runaway.text
            assert runaway.headers["content-type"] == "application/problem+json"
            assert not Path(f"/proc/{pid}").exists(), "the runaway query's worker still runs"
            again = http.post(f"{url}/sparql", content=count, headers=sparql)
            assert again.status_code == 200 and again.json() == first.json()
            assert workers.pids and pid not in workers.pids
