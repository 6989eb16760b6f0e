"""Which Cypher the read-only endpoint runs: an allow-list of reading clauses.

A READ transaction stops writes, but not commands that read what other clients must not see:
``SHOW USERS``, ``SHOW SETTINGS``, ``SHOW TRANSACTIONS`` (other clients' query text),
procedures (``CALL dbms...``), ``LOAD CSV`` from outside hosts. So every clause of a query must
be a reading clause, and ``CALL`` may open only a subquery or one of a few schema procedures.
"""

from __future__ import annotations

import re

from armsgraph.core.errors import QueryRefusedError

READING_CLAUSES = frozenset(
    {"MATCH", "OPTIONAL", "WHERE", "WITH", "UNWIND", "RETURN", "ORDER", "SKIP", "LIMIT", "UNION"}
)
# Clause keywords of Cypher 5 that are not reading clauses (writes, administration, I/O).
OTHER_CLAUSES = frozenset(
    {
        "CREATE", "MERGE", "SET", "DELETE", "DETACH", "REMOVE", "FOREACH", "LOAD", "USE",
        "SHOW", "TERMINATE", "GRANT", "DENY", "REVOKE", "ALTER", "DROP", "START", "STOP",
        "RENAME", "ENABLE", "FINISH", "INSERT", "EXPLAIN", "PROFILE", "CYPHER",
    }
)  # fmt: skip
SCHEMA_PROCEDURES = frozenset(
    {
        "db.labels", "db.relationshipTypes", "db.propertyKeys", "db.schema.visualization",
        "db.schema.nodeTypeProperties", "db.schema.relTypeProperties",
        "db.index.fulltext.queryNodes", "db.index.fulltext.queryRelationships",
    }
)  # fmt: skip

# Strings, quoted names and comments, which hold no clauses; then names and single symbols.
_TOKEN = re.compile(
    r"""(?P<skip>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`]|``)*`|//[^\n]*|/\*.*?\*/)
      | (?P<name>[A-Za-z_][A-Za-z0-9_]*(?:\s*\.\s*[A-Za-z_][A-Za-z0-9_]*)*)
      | (?P<symbol>\S)""",
    re.VERBOSE | re.DOTALL,
)


def _tokens(query: str) -> list[str]:
    return [
        m.group("name") or m.group("symbol")
        for m in _TOKEN.finditer(query)
        if m.group("skip") is None
    ]


def check_read_only(query: str) -> None:
    """Raise ``QueryRefusedError`` unless every clause of ``query`` only reads."""
    tokens = _tokens(query)
    first = tokens[0].upper() if tokens else "an empty query"
    if first not in READING_CLAUSES | {"CALL"}:
        raise QueryRefusedError(
            f"{first} is not allowed in read-only queries: they start with MATCH, "
            "OPTIONAL MATCH, WITH, UNWIND, RETURN or CALL"
        )
    for i, token in enumerate(tokens):
        word = token.upper()
        before = tokens[i - 1] if i else ""
        after = tokens[i + 1] if i + 1 < len(tokens) else ""
        if word.startswith("APOC"):
            raise QueryRefusedError("APOC is not allowed in read-only queries")
        if before in (".", ":", "$") or after == ":":
            continue  # a property, label, parameter or map key, not a clause
        if word in OTHER_CLAUSES:
            raise QueryRefusedError(f"{word} is not allowed in read-only queries")
        opens_subquery = after in ("{", "(")
        if word == "CALL" and not opens_subquery and _procedure(after) not in SCHEMA_PROCEDURES:
            raise QueryRefusedError(
                f"CALL {after} is not allowed in read-only queries; CALL may open a subquery "
                f"or one of {', '.join(sorted(SCHEMA_PROCEDURES))}"
            )


def _procedure(name: str) -> str:
    return re.sub(r"\s+", "", name)
