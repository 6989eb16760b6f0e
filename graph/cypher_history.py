"""The Cypher of versioned writes and knowledge time (``graph.neo4j_versions``).

Knowledge time lives beside the graph, never in it: ``(:Version)`` nodes (one per span of
time an entity was held; ``id`` is ``<entity>@<first_seen>``) and ``(:SourceRecord)``
nodes (which version of a source is held). Neither carries a label ``COUNTS`` or the
answers read, so retracted claims never reach a current answer.

    (:Version {id, entity, kind, source, identity, first_seen, retracted_at, last_seen,
               superseded_by, snapshot})
    (:SourceRecord {id, digest, first_seen, last_seen, removed_at, snapshot})
"""

from __future__ import annotations

from typing import Final

from armsgraph.graph.cypher import BREACH, CLAIM, SOURCE, TRANSFER

VERSION: Final = "Version"
SOURCE_RECORD: Final = "SourceRecord"

SCHEMA: Final[tuple[str, ...]] = (
    f"CREATE CONSTRAINT version_id IF NOT EXISTS FOR (n:{VERSION}) REQUIRE n.id IS UNIQUE",
    f"CREATE CONSTRAINT sourcerecord_id IF NOT EXISTS "
    f"FOR (n:{SOURCE_RECORD}) REQUIRE n.id IS UNIQUE",
    f"CREATE INDEX version_entity IF NOT EXISTS FOR (n:{VERSION}) ON (n.entity)",
    f"CREATE INDEX version_first_seen IF NOT EXISTS FOR (n:{VERSION}) ON (n.first_seen)",
    f"CREATE INDEX version_retracted_at IF NOT EXISTS FOR (n:{VERSION}) ON (n.retracted_at)",
    f"CREATE INDEX claim_source IF NOT EXISTS FOR (n:{CLAIM}) ON (n.source)",
    f"CREATE INDEX claim_statement IF NOT EXISTS FOR (n:{CLAIM}) ON (n.statement)",
)

CLEAR: Final = (
    f"MATCH (n) WHERE n:{VERSION} OR n:{SOURCE_RECORD} "
    "CALL (n) { DELETE n } IN TRANSACTIONS OF $batch ROWS"
)

# --- reads for the planner -------------------------------------------------------------------

SOURCE_RECORDS: Final = (
    f"MATCH (r:{SOURCE_RECORD}) WHERE $ids IS NULL OR r.id IN $ids "
    "RETURN properties(r) AS props ORDER BY r.id"
)

CLAIMS_OF_SOURCES: Final = f"""
UNWIND $ids AS source
MATCH (c:{CLAIM} {{source: source}})
RETURN source, collect([c.id, c.key]) AS claims
"""

EVENTS_OF_FLOWS: Final = f"MATCH (e:{TRANSFER}) WHERE e.flow IN $flows RETURN e.id AS id"

BREACH_CLAIMS_OF_FLOWS: Final = f"""
MATCH (c:{CLAIM} {{statement: 'breach'}})
WHERE any(f IN coalesce(c.breach_flows, []) WHERE f IN $flows)
RETURN c.id AS id
"""

BREACHES_OF_EVENTS: Final = f"""
UNWIND $ids AS id
MATCH (:{TRANSFER} {{id: id}})<-[:CONCERNS]-(b:{BREACH})
RETURN DISTINCT b.id AS id ORDER BY id
"""

# --- writes ------------------------------------------------------------------------------------


def _delete(label: str) -> str:
    return f"UNWIND $ids AS id MATCH (n:{label} {{id: id}}) DETACH DELETE n"


DELETE: Final = {
    "claims": _delete(CLAIM),
    "breaches": _delete(BREACH),
    "events": _delete(TRANSFER),
    "sources": _delete(SOURCE),
}

# SUPPLIED_TO edges of pairs ($rows: [{supplier, recipient}]) that no event supports any more.
DROP_EMPTY_SUPPLIED_TO: Final = """
UNWIND $rows AS pair
MATCH (a:Actor {id: pair.supplier})-[r:SUPPLIED_TO]->(b:Actor {id: pair.recipient})
WHERE NOT EXISTS {
  MATCH (e:Transfer) WHERE e.supplier_id = pair.supplier AND e.recipient_id = pair.recipient
}
DELETE r
"""

# Knowledge times travel as ISO strings and become DateTime here: the Python driver spends
# about half a millisecond packing each ``datetime`` (its time-zone arithmetic), which was
# most of the write of a 30,000-row register's versions; ``datetime(null)`` is null.
# The row's map with its times replaced, set in one SET: setting the row and then its times
# wrote each time twice (as a string, then as a DateTime); one map was 15-25 % less server
# CPU over a 50,000-claim load's 114,710 versions, the same properties (BENCHMARKS.md).
_VERSION_MAP = (
    "row {.*, first_seen: datetime(row.first_seen), retracted_at: datetime(row.retracted_at), "
    "last_seen: datetime(row.last_seen)}"
)

# Close the open version of each entity ($rows: [{entity, last_seen, superseded_by, snapshot}]).
CLOSE_VERSIONS: Final = f"""
UNWIND $rows AS row
MATCH (v:{VERSION} {{entity: row.entity}}) WHERE v.retracted_at IS NULL
SET v.retracted_at = datetime($at), v.last_seen = datetime(row.last_seen),
    v.superseded_by = row.superseded_by, v.snapshot = row.snapshot
"""

# Open a version unless the entity has an open one ($rows: Version fields). A version
# closed at the instant it opened (same id) held nothing, so it is reused. (An existence
# test, not a count grouped by the row map: that grouping hashed every row's whole map.)
OPEN_VERSIONS: Final = f"""
UNWIND $rows AS row
WITH row WHERE NOT EXISTS {{
  MATCH (v:{VERSION} {{entity: row.entity}}) WHERE v.retracted_at IS NULL
}}
MERGE (n:{VERSION} {{id: row.id}}) SET n = {_VERSION_MAP}
"""

PUT_SOURCE_RECORDS: Final = f"""
UNWIND $rows AS row
MERGE (r:{SOURCE_RECORD} {{id: row.id}})
SET r = row {{.*, first_seen: datetime(row.first_seen), last_seen: datetime(row.last_seen),
             removed_at: datetime(row.removed_at)}}
"""

# --- knowledge time ----------------------------------------------------------------------------

VERSIONS: Final = f"""
MATCH (v:{VERSION})
WHERE ($entities IS NULL OR v.entity IN $entities)
  AND ($kinds IS NULL OR v.kind IN $kinds)
  AND ($since IS NULL OR v.first_seen > $since OR v.retracted_at > $since)
  AND ($held_on IS NULL OR (v.first_seen <= $held_on
       AND (v.retracted_at IS NULL OR v.retracted_at > $held_on)))
RETURN properties(v) AS props ORDER BY v.entity, v.first_seen
"""
