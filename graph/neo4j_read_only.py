"""The read-only Cypher endpoint (``POST /cypher``): a user's query, never a write.

The server enforces it (a READ transaction refuses writes); ``cypher_guard`` refuses every
clause that is not a reading one before anything is sent. Every query runs under a time limit.
"""

from __future__ import annotations

from typing import Any

from neo4j import READ_ACCESS, Driver, ManagedTransaction, unit_of_work
from neo4j.exceptions import AuthError, ClientError, DriverError, Neo4jError

from armsgraph.core.errors import QueryRefusedError, QueryTimeoutError, StoreError
from armsgraph.graph import neo4j_hydrate as h
from armsgraph.graph.cypher_guard import check_read_only


def run_read_only(
    driver: Driver,
    database: str,
    uri: str,
    query: str,
    params: dict[str, Any],
    timeout_s: float,
    max_rows: int = 10_000,
) -> list[dict[str, Any]]:
    """Run a user's query in a READ transaction with a timeout; the server refuses writes.

    Nodes come back as property maps with ``_labels``, relationships with ``_type``,
    ``_start`` and ``_end`` (the end nodes' ids), dates as ISO strings. At most
    ``max_rows`` rows are returned.
    """
    if not timeout_s > 0:  # the driver reads 0 as "no time limit"
        raise ValueError(f"timeout_s must be positive, got {timeout_s!r}")
    check_read_only(query)

    def work(tx: ManagedTransaction) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = []
        for record in tx.run(query, params):
            rows.append({k: h.plain(v) for k, v in zip(record.keys(), record, strict=True)})
            if len(rows) >= max_rows:
                break
        return rows

    try:
        with driver.session(database=database, default_access_mode=READ_ACCESS) as session:
            return session.execute_read(unit_of_work(timeout=timeout_s)(work))
    except ClientError as exc:
        if exc.code and (".AccessMode" in exc.code or ".Forbidden" in exc.code):
            raise QueryRefusedError(
                "this endpoint is read-only: the server refused a write"
            ) from exc
        # The client's own fault (syntax, types, time limit): a 4xx, not a store failure.
        if exc.code and "TransactionTimedOut" in exc.code:
            raise QueryTimeoutError(f"the query ran longer than {timeout_s:g} s") from exc
        raise QueryRefusedError(f"the query failed: {exc.message or exc}") from exc
    except (DriverError, Neo4jError) as exc:
        raise store_error(uri, exc) from exc


def store_error(uri: str, exc: DriverError | Neo4jError) -> StoreError:
    """What a driver failure means to the caller: refused credentials are named as such."""
    if isinstance(exc, AuthError):
        return StoreError(
            f"Neo4j at {uri} refused the credentials (ARMSGRAPH_NEO4J_USER / "
            f"ARMSGRAPH_NEO4J_PASSWORD): {exc.message}"
        )
    return StoreError(f"Neo4j at {uri}: {exc}")
