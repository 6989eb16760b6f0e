"""Fixtures of the Neo4j tests: the store, a driver, a synthetic data set.

Neo4jStore is tested against a REAL Neo4j server over Bolt (no mocks, no skips): the local
one (``armsgraph neo4j start``), at ``ARMSGRAPH_NEO4J_URI`` (with auth on, ``make test-neo4j-auth``,
the credentials from ``ARMSGRAPH_NEO4J_USER`` / ``_PASSWORD``). Community has only the ``neo4j``
database, so each module clears it first and every test (re)loads the data set it needs
through ``tests.support.neo4j.holding``.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from neo4j import Driver, GraphDatabase

from armsgraph.core.dataset import Dataset
from armsgraph.graph.neo4j_store import Neo4jStore
from tests.support.datasets import synthetic
from tests.support.neo4j import HELD
from tests.support.stores import NEO4J_AUTH, NEO4J_URI, neo4j_store


@pytest.fixture(scope="module")
def small() -> Dataset:
    return synthetic(400)


@pytest.fixture(scope="module")
def store() -> Iterator[Neo4jStore]:
    s = neo4j_store(batch_size=500)
    s.clear()
    HELD["dataset"] = None
    yield s
    s.close()


@pytest.fixture(scope="module")
def driver() -> Iterator[Driver]:
    d = GraphDatabase.driver(NEO4J_URI, auth=NEO4J_AUTH, notifications_min_severity="OFF")
    yield d
    d.close()
