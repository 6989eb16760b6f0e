"""The read-only Cypher allow-list, on its own (the server-side checks are in the store tests)."""

from __future__ import annotations

import pytest

from armsgraph.core.errors import QueryRefusedError
from armsgraph.graph.cypher_guard import check_read_only


@pytest.mark.parametrize(
    "query",
    [
        "MATCH (s:State {id: $id}) RETURN s.name AS name",
        "OPTIONAL MATCH (n) WITH n ORDER BY n.id SKIP 1 LIMIT 2 RETURN n",
        "UNWIND range(1, 3) AS x RETURN x UNION RETURN 4 AS x",
        "MATCH (n) WHERE n.set = 1 AND n.show IS NULL RETURN n {.create, delete: 1}",
        "MATCH (n:Show) RETURN n.`SHOW` AS `CREATE`, 'SHOW USERS' AS text // DELETE",
        "CALL db.labels() YIELD label RETURN label",
        "CALL { MATCH (n) RETURN count(n) AS c } RETURN c",
        "RETURN $set AS x",
    ],
)
def test_reading_queries_pass(query: str) -> None:
    check_read_only(query)


@pytest.mark.parametrize(
    "query",
    [
        "SHOW USERS",
        "SHOW SETTINGS",
        "SHOW TRANSACTIONS YIELD currentQuery",
        "show current user",
        "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
        "MATCH (n) RETURN n UNION SHOW TRANSACTIONS",
        "CALL dbms.listConfig()",
        "CALL /* x */ db.ping()",
        "MATCH (n) CALL dbms.showCurrentUser() YIELD username RETURN username",
        "USE system SHOW USERS",
        "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
        "MATCH (n) SET n.x = 1",
        "MATCH (n) FOREACH (x IN [1] | CREATE (:A))",
        "EXPLAIN MATCH (n) RETURN n",
        "RETURN apoc.version()",
        "",
    ],
)
def test_other_clauses_are_refused(query: str) -> None:
    with pytest.raises(QueryRefusedError, match="not allowed in read-only queries"):
        check_read_only(query)
