"""A reader in one process never sees a load by another process half-way (Neo4j).

``armsgraph load`` runs in a process of its own and writes in many transactions (every
versioned write in batches of 5 rows, as a first load of a large data set does), while a
reader polls ``/health`` of an ``armsgraph serve`` process on the same database. Every
count the reader sees must be the count before the load or the count after it
(``api.consistent_reads``); a second load of a replacement (``--replace``: the store
emptied, then filled again) must not show the empty store either.
"""

from __future__ import annotations

import os
import subprocess
import threading
from pathlib import Path

import httpx
import pytest
import yaml

from armsgraph.graph.neo4j_store import Neo4jStore
from armsgraph.loaders.ingest import BUNDLED_DATA
from tests.support.api_process import ARMSGRAPH, api_process
from tests.support.concurrency import FILES, claim_file
from tests.support.stores import NEO4J_URI, free_ports

pytestmark = pytest.mark.neo4j

Counts = tuple[tuple[str, int], ...]


def _files(folder: Path) -> list[Path]:
    folder.mkdir()
    paths = []
    for i in range(FILES):
        path = folder / f"file-{i}.yaml"
        path.write_text(yaml.safe_dump(claim_file(i), sort_keys=False), encoding="utf-8")
        paths.append(path)
    return paths


def _load_while_polling(url: str, *arguments: str) -> tuple[list[Counts], list[str], float]:
    """Run ``armsgraph load ARGUMENTS`` in batches of 5 rows while a thread polls
    ``url``/health; the counts it saw (each poll's), its failures, and how many polls
    were sent while the load ran."""
    seen: list[Counts] = []
    failures: list[str] = []
    sent_during = 0
    loading = threading.Event()
    loaded = threading.Event()  # the load's process has exited
    polled = threading.Event()  # a poll answered (before the load starts)
    polled_after = threading.Event()  # a poll sent after the load ended answered
    done = threading.Event()

    def poll() -> None:
        nonlocal sent_during
        with httpx.Client(timeout=300) as http:
            while not done.is_set():
                during, after = loading.is_set(), loaded.is_set()
                answer = http.get(f"{url}/health")
                if answer.status_code != 200:
                    failures.append(f"{answer.status_code} {answer.text[:300]}")
                    continue
                seen.append(tuple(sorted(answer.json()["counts"].items())))
                sent_during += during
                polled.set()
                if after:
                    polled_after.set()

    env = {
        **os.environ,
        "ARMSGRAPH_NEO4J_ATOMIC_ROWS": "0",  # every write in batches
        "ARMSGRAPH_NEO4J_BATCH_SIZE": "5",
    }
    reader = threading.Thread(target=poll)
    reader.start()
    try:
        assert polled.wait(120), f"the reader got no answer before the load: {failures[:3]}"
        loading.set()
        command = [ARMSGRAPH, "load", "--store", "neo4j", "--uri", NEO4J_URI, *arguments]
        finished = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
        loading.clear()
        loaded.set()
        assert polled_after.wait(120), f"no answer after the load: {failures[:3]}"
    finally:
        done.set()
        reader.join(timeout=300)
    assert finished.returncode == 0, finished.stderr[-2000:]
    return seen, failures, sent_during


def test_a_reader_sees_another_process_s_load_before_or_after(
    real_neo4j: Neo4jStore, tmp_path: Path
) -> None:
    files = _files(tmp_path / "claims")
    before = tuple(sorted(real_neo4j.counts().items()))
    with api_process(free_ports(1)[0], tmp_path / "server.log") as url:
        seen, failures, sent_during = _load_while_polling(url, *map(str, files))
        after = tuple(sorted(real_neo4j.counts().items()))
        assert after != before, "the load added claims"
        assert not failures, failures[:5]
        assert sent_during, "the reader polled while the load ran"
        assert set(seen) <= {before, after}, sorted(set(seen) - {before, after})[:3]
        assert seen[0] == before and seen[-1] == after

        # Emptied, then filled again: the empty store in between is never seen either.
        seen, failures, sent_during = _load_while_polling(url, "--replace", str(BUNDLED_DATA))
        replaced = tuple(sorted(real_neo4j.counts().items()))
        assert not failures, failures[:5]
        assert sent_during
        assert set(seen) <= {after, replaced}, sorted(set(seen) - {after, replaced})[:3]
