"""Two API server processes writing to one Neo4j database at the same time.

Each process serialises its own writers (``core.access``); across processes only the
database's writer lock (``graph.writer_lock``) does. 8 clients post the overlapping claim
files of ``tests.support.concurrency`` to two ``armsgraph serve`` processes, half to each,
while 8 readers query both; the database must then equal one clean load of the same files.
A third process, killed while it holds the lock, must not leave the database locked.
"""

from __future__ import annotations

import os
import threading
from contextlib import ExitStack
from pathlib import Path

import pytest

from armsgraph.core.dataset import Dataset
from armsgraph.graph.neo4j_store import Neo4jStore
from tests.support.api_process import api_process
from tests.support.concurrency import assert_equals_one_clean_load, post_while_reading
from tests.support.neo4j import lock_holder
from tests.support.stores import NEO4J_URI, free_ports

pytestmark = pytest.mark.neo4j


def test_two_server_processes_writing_equal_one_clean_load(
    real_neo4j: Neo4jStore, real_dataset: Dataset, tmp_path: Path
) -> None:
    base = real_neo4j.counts()
    with ExitStack() as stack:
        urls = [
            stack.enter_context(api_process(port, tmp_path / f"server-{port}.log"))
            for port in free_ports(2)
        ]
        failures, seen = post_while_reading(urls)
    assert not failures, failures[:5]
    assert seen, "the readers ran"
    assert_equals_one_clean_load(real_neo4j, real_dataset, base)


def test_a_writer_killed_while_holding_the_lock_frees_it(real_neo4j: Neo4jStore) -> None:
    user = os.environ.get("ARMSGRAPH_NEO4J_USER", "")
    password = os.environ.get("ARMSGRAPH_NEO4J_PASSWORD", "")
    entered = threading.Event()

    def second_writer() -> None:
        with real_neo4j.exclusive_writer():
            entered.set()

    with lock_holder(NEO4J_URI, user, password) as holder:
        waiting = threading.Thread(target=second_writer, daemon=True)
        waiting.start()
        assert not entered.wait(3), "a second writer waits while another process holds the lock"
        holder.kill()
        holder.wait(timeout=30)
        assert entered.wait(60), "the killed writer's lock is freed when its connection closes"
        waiting.join(timeout=30)
