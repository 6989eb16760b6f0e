"""Overlapping claim files posted by 8 writers while 8 readers query, over real HTTP
(tests/api/test_concurrency.py in one server process, test_two_processes.py across two)."""

from __future__ import annotations

import threading
from typing import Any

import httpx

from armsgraph.core.dataset import Dataset
from armsgraph.core.store import BreachFilter, EventFilter, Store
from armsgraph.loaders.ingest import ingest_document
from armsgraph.loaders.yaml_files import YamlFile
from tests.support.datasets import API_KEY

FILES = 8
WRITERS = 8
READERS = 8


def claim_file(i: int) -> dict[str, Any]:
    """File i states 3 claims: one shipment all files state, one shared with file i±4, and
    one of its own."""

    def claim(what: str, start: str) -> dict[str, Any]:
        return {
            "key": f"conc-{i}.{what}",
            "quote": f"File {i} reports the {what} shipment.",
            "asserted_by": f"Observer {i}",
            "confidence": "medium",
            "reported": "2033-01-01",
            "shipment": {
                "supplier": "Pyongyang",
                "recipient": "Moscow",
                "items": [{"weapon": "munitions"}],
                "period": {"start": start, "end": start},
            },
        }

    return {
        "source": {
            "id": f"conc-{i}",
            "title": f"Concurrency file {i}",
            "publisher": "tests",
            "date": "2033-01-01",
            "kind": "news",
            "url": f"https://example.org/conc-{i}",
        },
        "claims": [
            claim("shared", "2030"),
            claim("paired", f"2031-{i % 4 + 1:02d}"),
            claim("own", f"2032-{i + 1:02d}"),
        ],
    }


def snapshot(store: Store) -> dict[str, Any]:
    events = store.get_events(store.find_events(EventFilter(limit=10**9)))
    breaches = store.get_breaches(store.find_breaches(BreachFilter(limit=10**9)))
    claim_ids = sorted(
        {c for e in events for c in e.claims} | {c for b in breaches for c in b.claims}
    )
    return {
        "counts": store.counts(),
        "events": sorted((e.id, tuple(e.claims)) for e in events),
        "breaches": sorted((b.id, tuple(b.claims)) for b in breaches),
        "claims": sorted((c.id, c.key) for c in store.get_claims(claim_ids)),
        "sources": sorted(s.id for s in store.get_sources()),
    }


def post_while_reading(urls: list[str]) -> tuple[list[str], list[dict[str, int]]]:
    """Writer w posts files w, w+1 and w+3 (so each file twice) to ``urls[w % len(urls)]``
    while reader r queries ``urls[r % len(urls)]`` until the writers are done. Returns the
    failures (any answer but a success) and the counts every /health showed."""
    failures: list[str] = []
    seen: list[dict[str, int]] = []
    done = threading.Event()

    def write(w: int) -> None:
        url = urls[w % len(urls)]
        with httpx.Client(timeout=300) as http:
            for i in (w % FILES, (w + 1) % FILES, (w + 3) % FILES):
                response = http.post(
                    f"{url}/claims", json=claim_file(i), headers={"X-API-Key": API_KEY}
                )
                if response.status_code != 201:
                    failures.append(f"POST file {i}: {response.status_code} {response.text[:300]}")

    def read(r: int) -> None:
        url = urls[r % len(urls)]
        with httpx.Client(timeout=300) as http:
            while not done.is_set():
                health = http.get(f"{url}/health")
                shipments = http.get(f"{url}/shipments", params={"since": "2030-01-01"})
                for response in (health, shipments):
                    if response.status_code != 200:
                        failures.append(f"GET: {response.status_code} {response.text[:300]}")
                if health.status_code == 200:
                    seen.append(health.json()["counts"])

    writers = [threading.Thread(target=write, args=(w,)) for w in range(WRITERS)]
    readers = [threading.Thread(target=read, args=(r,)) for r in range(READERS)]
    for thread in readers + writers:
        thread.start()
    for thread in writers:
        thread.join(timeout=900)
    done.set()
    for thread in readers:
        thread.join(timeout=300)
    return failures, seen


def assert_equals_one_clean_load(store: Store, dataset: Dataset, base: dict[str, int]) -> None:
    """``store`` (``dataset`` plus the files, ``base`` its counts before them) holds what
    one clean, sequential load of ``dataset`` and then the files gives."""
    after_concurrent = snapshot(store)
    assert after_concurrent["counts"]["sources"] - base["sources"] == FILES
    store.clear()
    store.load(dataset)
    for i in range(FILES):
        ingest_document(YamlFile.from_data(claim_file(i), f"file {i}"), store)
    assert snapshot(store) == after_concurrent
