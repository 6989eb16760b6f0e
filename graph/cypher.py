"""Every Cypher statement the Neo4j backend runs, in one place (with ``cypher_history``,
the versioned writes', and ``cypher_page``, the investigator's page's reads).

Values always travel as parameters (``$rows``, ``$ids``, ``$source`` ...). Labels and
relationship types are the fixed constants below, never taken from input. Writes are
``UNWIND $rows`` batches that ``MERGE`` by ``id``, one statement per label or
relationship type, so a batch never holds two ``MERGE`` on ``:Actor`` (which would make
the planner insert an Eager).

The graph shape, as a Neo4j Browser user sees it::

    (:State {id, iso2, numeric, name, wikidata, capital, aliases, aliases_json, sources})
    (:WeaponSystem {id, name, category, category_basis, aliases, wikidata, description, sources})
    (:Resolution {id, symbol, number, adopted, adopted_status, chapter_vii, vote, summary, ...})
    (:Provision {id, paragraph, paragraph_status, summary, scope_json, effective_from,
                 effective_until, categories, targets, sources,
                 note})-[:OF_RESOLUTION]->(:Resolution)
    (:Source {id, title, publisher, date, kind, url, document, language, note})
    (:Source)-[:REPORTS_ON]->(:Source)

    (:Transfer:Shipment|Deployment|Assistance {id, kind, caption, flow, period_start,
        period_end, period_text, period_earliest: date, period_latest: date, ...})
    (supplier:State)-[:SENT]->(event)-[:TO]->(recipient:State)
    shipments:  {transport, ports, vessels},
                (shipment)-[:CARRIED {position, value, low, high, qualifier, unit, text,
                                      uncertain, description}]->(:WeaponSystem)
    deployments: {personnel, role, quantity_value, quantity_low, quantity_high,
                  quantity_qualifier, quantity_unit, quantity_text, quantity_uncertain}
    assistance: {assistance, subject, related_category},
                (assistance)-[:CONCERNS]->(:WeaponSystem)   when it names a weapon

    (:Claim {id, key, source, caption, quote, quote_kind, locator, asserted_by, confidence,
             grade_basis, reliability, credibility, reported, note,
             statement: shipment|deployment|assistance|breach,
             breach_states, breach_resolutions, breach_provisions, breach_flows,
             record_json, record_register, record_file, record_line, record_status,
             record_uncertain})                 record_*: a register row (quote_kind "record");
                                                record_json is read back, the rest for Cypher
    (claim)-[:CITES]->(:Source)
    (claim)-[:SUPPORTS {statement_json}]->(event)   statement_json only when the claim's wording
                                                    differs from the event's (white space)

    (:Breach {id, basis, rule, explanation, matched_json, caption})
    (breach)-[:BREACHES]->(:Provision), (breach)-[:OF_RESOLUTION]->(:Resolution),
    (breach)-[:BY {position}]->(:State), (breach)-[:CONCERNS {position}]->(event),
    (breach)-[:RESTS_ON {position}]->(:Claim)

    View, rebuilt from the events on every load (not a fact of its own):
    (:State)-[:SUPPLIED_TO {events: [event ids], count, shipments, deployments,
                            assistance}]->(:State)

    (:ArmsgraphState {id: 'store', token})   replaced after every write (Store.state): the
                                            API's kept answers and ETags key on it

A list property is never empty: an empty list is an absent property (the bulk importer
cannot store an empty array, and both loaders write the same graph), so Cypher reads one
with ``coalesce(n.ports, [])``.

Traceability: events reach their claims through SUPPORTS, breaches through RESTS_ON,
claims their source through CITES; reference data carries its ``sources`` urls; SUPPLIED_TO
lists the events it summarises.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from armsgraph.core.kinds import ENTITY_KINDS
from armsgraph.core.store import SOURCE_CHAIN

# --- labels and relationship types ---------------------------------------------------------

ACTOR: Final = "Actor"
# ActorKind value -> the label of that kind (every actor node is :Actor and one of these).
ACTOR_KIND_LABELS: Final = {
    "state": "State",
    "historical_state": "HistoricalState",
    "non_state_armed_group": "ArmedGroup",
    "international_organisation": "InternationalOrganisation",
    "unknown": "UnknownActor",
}
WEAPON_SYSTEM: Final = "WeaponSystem"
RESOLUTION: Final = "Resolution"
PROVISION: Final = "Provision"
SOURCE: Final = "Source"
CLAIM: Final = "Claim"
SHIPMENT: Final = "Shipment"
DEPLOYMENT: Final = "Deployment"
ASSISTANCE: Final = "Assistance"
BREACH: Final = "Breach"
TRANSFER: Final = "Transfer"  # common label of the three event labels

EVENT_LABELS: Final = (SHIPMENT, DEPLOYMENT, ASSISTANCE)
LABELS: Final = (
    ACTOR,
    WEAPON_SYSTEM,
    RESOLUTION,
    PROVISION,
    SOURCE,
    CLAIM,
    *EVENT_LABELS,
    BREACH,
)

# Store.counts() key -> label: the labels are the entity kinds' names.
COUNT_LABELS: Final = {kind.count_key: kind.name for kind in ENTITY_KINDS}
assert set(COUNT_LABELS.values()) == set(LABELS)

# The longest path find_paths will look for.
MAX_PATH_HOPS: Final = 10

# --- schema ----------------------------------------------------------------------------------


def _unique(label: str) -> str:
    name = f"{label.lower()}_id"
    return f"CREATE CONSTRAINT {name} IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"


def _index(label: str, prop: str) -> str:
    name = f"{label.lower()}_{prop}"
    return f"CREATE INDEX {name} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})"


SCHEMA: Final[tuple[str, ...]] = (
    *(_unique(label) for label in (*LABELS, TRANSFER)),
    _index(ACTOR, "name"),
    _index(ACTOR, "iso2"),
    _index(TRANSFER, "period_start"),
    _index(TRANSFER, "period_end"),
    _index(TRANSFER, "period_earliest"),
    _index(TRANSFER, "period_latest"),
    _index(TRANSFER, "flow"),
    # Events out of a state in id order, all or into one state: the path search's reads.
    "CREATE INDEX transfer_out IF NOT EXISTS FOR (n:Transfer) ON (n.supplier_id, n.id)",
    "CREATE INDEX transfer_route IF NOT EXISTS "
    "FOR (n:Transfer) ON (n.supplier_id, n.recipient_id, n.id)",
    _index(CLAIM, "reported"),
    _index(SOURCE, "date"),
    "CREATE FULLTEXT INDEX names IF NOT EXISTS "
    "FOR (n:Actor|WeaponSystem) ON EACH [n.name, n.aliases]",
)

AWAIT_INDEXES: Final = "CALL db.awaitIndexes($seconds)"

# --- writes ----------------------------------------------------------------------------------


def _upsert(label: str, *extra_labels: str) -> str:
    more = "".join(f"n:{x}, " for x in extra_labels)
    return f"UNWIND $rows AS row MERGE (n:{label} {{id: row.id}}) SET {more}n += row.props"


UPSERT: Final = {label: _upsert(label) for label in LABELS if label not in EVENT_LABELS} | {
    label: _upsert(label, TRANSFER) for label in EVENT_LABELS
}
_KIND_LABELS = ":".join(ACTOR_KIND_LABELS.values())
# Kind label -> the upsert of actors of that kind (a changed kind loses its old label).
UPSERT_ACTORS: Final = {
    kind: f"UNWIND $rows AS row MERGE (n:{ACTOR} {{id: row.id}}) "
    f"REMOVE n:{_KIND_LABELS} SET n:{kind}, n += row.props"
    for kind in ACTOR_KIND_LABELS.values()
}


def _link(start: str, rel: str, end: str, *, keyed: bool = False) -> str:
    # Rows: {start, end, props}; a keyed link is one per (start, position): a reload whose
    # list holds another end at that position (a breach resting on more claims) replaces it.
    if not keyed:
        return (
            f"UNWIND $rows AS row MATCH (a:{start} {{id: row.start}}) "
            f"MATCH (b:{end} {{id: row.end}}) "
            f"MERGE (a)-[r:{rel}]->(b) SET r += row.props"
        )
    return (
        f"UNWIND $rows AS row MATCH (a:{start} {{id: row.start}}) "
        f"MATCH (b:{end} {{id: row.end}}) "
        f"OPTIONAL MATCH (a)-[old:{rel} {{position: row.props.position}}]->(x) WHERE x <> b "
        f"DELETE old "
        f"WITH DISTINCT a, b, row "
        f"MERGE (a)-[r:{rel} {{position: row.props.position}}]->(b) SET r += row.props"
    )


def _single_link(start: str, rel: str, end: str) -> str:
    # Rows: {start, end}; the link is the only one of its type from start (end may be null),
    # so a reference entry that changes its target loses the old link.
    return (
        f"UNWIND $rows AS row MATCH (a:{start} {{id: row.start}}) "
        f"OPTIONAL MATCH (a)-[old:{rel}]->(x:{end}) WHERE x.id <> row.end OR row.end IS NULL "
        f"DELETE old "
        f"WITH DISTINCT a, row WHERE row.end IS NOT NULL "
        f"MATCH (b:{end} {{id: row.end}}) MERGE (a)-[:{rel}]->(b)"
    )


@dataclass(frozen=True)
class LinkEnds:
    """A relationship type between two labels; ``keyed`` links are one per (start, end,
    position); a ``single`` link is the only one of its type from its start."""

    start: str
    type: str
    end: str
    keyed: bool = False
    single: bool = False


# name of the step -> its ends; the online statements below and the bulk import's CSV
# headers (graph/neo4j_bulk.py) are both made from this table.
LINK_ENDS: Final = {
    "Provision-OF_RESOLUTION": LinkEnds(PROVISION, "OF_RESOLUTION", RESOLUTION, single=True),
    "Source-REPORTS_ON": LinkEnds(SOURCE, "REPORTS_ON", SOURCE, single=True),
    "CITES": LinkEnds(CLAIM, "CITES", SOURCE),
    "SUPPORTS": LinkEnds(CLAIM, "SUPPORTS", TRANSFER),
    "SENT": LinkEnds(ACTOR, "SENT", TRANSFER),
    "TO": LinkEnds(TRANSFER, "TO", ACTOR),
    "CARRIED": LinkEnds(SHIPMENT, "CARRIED", WEAPON_SYSTEM, keyed=True),
    "Assistance-CONCERNS": LinkEnds(ASSISTANCE, "CONCERNS", WEAPON_SYSTEM),
    "BREACHES": LinkEnds(BREACH, "BREACHES", PROVISION),
    "Breach-OF_RESOLUTION": LinkEnds(BREACH, "OF_RESOLUTION", RESOLUTION),
    "BY": LinkEnds(BREACH, "BY", ACTOR, keyed=True),
    "Breach-CONCERNS": LinkEnds(BREACH, "CONCERNS", TRANSFER, keyed=True),
    "RESTS_ON": LinkEnds(BREACH, "RESTS_ON", CLAIM, keyed=True),
}


def _statement(ends: LinkEnds) -> str:
    if ends.single:
        return _single_link(ends.start, ends.type, ends.end)
    return _link(ends.start, ends.type, ends.end, keyed=ends.keyed)


# name of the step -> statement; the store fills the rows.
LINKS: Final = {name: _statement(ends) for name, ends in LINK_ENDS.items()}


# The store's state token (core.store.Store.state), replaced after every write, and the
# writer whose write is under way (``graph.writer_lock``: set in its own commit before the
# write's first, removed with the new token after its last).
STATE: Final = "ArmsgraphState"
READ_STATE: Final = f"MATCH (s:{STATE}) RETURN s.token AS token, s.writing AS writing LIMIT 1"
ADVANCE_STATE: Final = f"MERGE (s:{STATE} {{id: 'store'}}) SET s.token = $token REMOVE s.writing"
BEGIN_WRITE: Final = f"MERGE (s:{STATE} {{id: 'store'}}) SET s.writing = $writer"
END_WRITE: Final = f"MATCH (s:{STATE} {{id: 'store'}}) REMOVE s.writing"

ANY_NODE: Final = f"MATCH (n) WHERE NOT n:{STATE} RETURN 1 AS found LIMIT 1"

# Writes one SUPPLIED_TO edge from rows of (a, b, events, kinds), events in id order.
_SUPPLIED_TO_SET = """MERGE (a)-[r:SUPPLIED_TO]->(b)
SET r.events = events,
    r.count = size(events),
    r.shipments = size([k IN kinds WHERE k = 'shipment']),
    r.deployments = size([k IN kinds WHERE k = 'deployment']),
    r.assistance = size([k IN kinds WHERE k = 'assistance'])
"""

# The SUPPLIED_TO view: one edge per (supplier, recipient) pair, rebuilt from the events
# for the pairs a write touched ($rows: [{supplier, recipient}]), so the cost of a write
# does not grow with what the graph already holds. A pair's events are read from the route
# index (supplier_id, recipient_id, id), in its order: walking SENT from a busy supplier and
# testing each event's TO edge cost 40x the db hits on a 10,000-row register import.
SUPPLIED_TO_REBUILD: Final = (
    """
UNWIND $rows AS pair
MATCH (a:Actor {id: pair.supplier})
MATCH (b:Actor {id: pair.recipient})
CALL (a, b) {
  MATCH (e:Transfer) USING INDEX e:Transfer(supplier_id, recipient_id, id)
  WHERE e.supplier_id = a.id AND e.recipient_id = b.id AND e.id IS NOT NULL
  WITH e ORDER BY e.supplier_id, e.recipient_id, e.id
  RETURN collect(e.id) AS events, collect(e.kind) AS kinds
}
WITH a, b, events, kinds WHERE size(events) > 0
"""
    + _SUPPLIED_TO_SET
)

# The whole view in one pass, after a bulk load (``Neo4jStore.load_many``): cheaper than
# per-chunk rebuilds when every chunk touches the busy pairs of skewed trade.
SUPPLIED_TO_REBUILD_ALL: Final = (
    """
MATCH (a:Actor)-[:SENT]->(e:Transfer)-[:TO]->(b:Actor)
WITH a, b, e ORDER BY e.id
WITH a, b, collect(e.id) AS events, collect(e.kind) AS kinds
"""
    + _SUPPLIED_TO_SET
)

# Events, claims and breaches first, in batches: their relationships go with them, so the
# state nodes deleted last have few left. Deleting a hub state with a million relationships
# in one inner transaction ran a 2 GiB heap out of memory on the 1M-claim benchmark.
_HUBS = (ACTOR, WEAPON_SYSTEM, SOURCE)
CLEAR: Final = tuple(
    "MATCH (n) WHERE "
    + " OR ".join(f"n:{label}" for label in labels)
    + " CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF $batch ROWS"
    for labels in ([x for x in LABELS if x not in _HUBS], list(_HUBS))
)

# --- reads -----------------------------------------------------------------------------------

COUNTS: Final = "RETURN " + ", ".join(
    f"COUNT {{ (:{label}) }} AS {key}" for key, label in COUNT_LABELS.items()
)

# An event `e` passes $category / $since / $until (core.query.carries and overlaps); also
# in the page's reads (``cypher_page``).
EVENT_PASSES: Final = (
    "($category IS NULL OR (e:Shipment AND EXISTS "
    "{ (e)-[:CARRIED]->(:WeaponSystem {category: $category}) }))"
    " AND ($since IS NULL OR e.period_latest IS NULL OR e.period_latest >= $since)"
    " AND ($until IS NULL OR e.period_earliest IS NULL OR e.period_earliest <= $until)"
)

FIND_EVENTS: Final = f"""
MATCH (s:Actor)-[:SENT]->(e:Transfer)-[:TO]->(r:Actor)
WHERE ($supplier IS NULL OR s.id = $supplier)
  AND ($recipient IS NULL OR r.id = $recipient)
  AND ($kind IS NULL OR e.kind = $kind)
  AND {EVENT_PASSES}
RETURN e.id AS id ORDER BY id LIMIT $limit
"""


# The next events of each path-search step (``core.paths.Step``), at most $n each, in id
# order, passing the filters. $steps is a list of {supplier, recipients, after}. The index
# on (supplier_id, id) yields a state's events in id order, so LIMIT ends the scan after
# a page; ORDER BY names the whole index key, or the planner sorts every event instead
# (Neo4j 5.26), and the hint keeps it from seeking the route index once per recipient.
PATH_STEPS_ANY: Final = f"""
UNWIND range(0, size($steps) - 1) AS i
WITH i, $steps[i] AS step
CALL (step) {{
  MATCH (e:Transfer) USING INDEX e:Transfer(supplier_id, id)
  WHERE e.supplier_id = step.supplier AND e.id > step.after
    AND e.recipient_id IN step.recipients AND {EVENT_PASSES}
  RETURN e.id AS event, e.recipient_id AS recipient
  ORDER BY e.supplier_id, e.id LIMIT $n
}}
RETURN i, collect([event, recipient]) AS events
"""

# The same for steps into one state ($steps: {supplier, recipient, after}): a last hop,
# read from the route index (supplier_id, recipient_id, id).
PATH_STEPS_TO: Final = f"""
UNWIND range(0, size($steps) - 1) AS i
WITH i, $steps[i] AS step
CALL (step) {{
  MATCH (e:Transfer)
  WHERE e.supplier_id = step.supplier AND e.recipient_id = step.recipient
    AND e.id > step.after AND {EVENT_PASSES}
  RETURN e.id AS event, e.recipient_id AS recipient
  ORDER BY e.supplier_id, e.recipient_id, e.id LIMIT $n
}}
RETURN i, collect([event, recipient]) AS events
"""

# The states with a SUPPLIED_TO edge into any of $states (the unfiltered pair graph).
PREDECESSORS: Final = """
MATCH (a:Actor)-[:SUPPLIED_TO]->(b:Actor) WHERE b.id IN $states
RETURN DISTINCT a.id AS id
"""


_BREACH_PASSES = """($basis IS NULL OR b.basis = $basis)
  AND ($resolution IS NULL OR EXISTS { (b)-[:OF_RESOLUTION]->(:Resolution {id: $resolution}) })
  AND ($provision IS NULL OR EXISTS { (b)-[:BREACHES]->(:Provision {id: $provision}) })
  AND ($state IS NULL OR EXISTS { (b)-[:BY]->(:Actor {id: $state}) })"""

FIND_BREACHES: Final = f"""
MATCH (b:Breach)
WHERE {_BREACH_PASSES}
RETURN b.id AS id ORDER BY id LIMIT $limit
"""

# The breaches of one event ($event), found from the event: the API asks this for every
# hop of every path, and testing each breach for the event scanned them all (60 ms at 1M).
FIND_BREACHES_OF_EVENT: Final = f"""
MATCH (:Transfer {{id: $event}})<-[:CONCERNS]-(b:Breach)
WHERE {_BREACH_PASSES}
RETURN DISTINCT b.id AS id ORDER BY id LIMIT $limit
"""

# The breaches of each of $events (``Store.breaches_by_event``), in one round trip.
BREACHES_OF_EVENTS: Final = """
UNWIND $events AS event
MATCH (:Transfer {id: event})<-[:CONCERNS]-(b:Breach)
RETURN event, collect(DISTINCT b.id) AS ids
"""

# --- hydration: $ids is a list, or null for every node of the label --------------------------


def _get(label: str, extra: str = "") -> str:
    return (
        f"MATCH (n:{label}) WHERE $ids IS NULL OR n.id IN $ids "
        f"RETURN properties(n) AS props{extra} ORDER BY n.id"
    )


GET_STATES: Final = _get(ACTOR)
GET_WEAPON_SYSTEMS: Final = _get(WEAPON_SYSTEM)
GET_RESOLUTIONS: Final = _get(RESOLUTION)
GET_PROVISIONS: Final = _get(
    PROVISION, ", [(n)-[:OF_RESOLUTION]->(r:Resolution) | r.id] AS resolution"
)
GET_SOURCES: Final = _get(SOURCE, ", [(n)-[:REPORTS_ON]->(s:Source) | s.id] AS reports_on")
# The sources and those they report on, as deep as Store.get_sources_with_chain goes.
GET_SOURCE_CHAINS: Final = f"""
MATCH (cited:{SOURCE}) WHERE cited.id IN $ids
MATCH (cited)-[:REPORTS_ON*0..{SOURCE_CHAIN - 1}]->(n:{SOURCE})
WITH DISTINCT n
RETURN properties(n) AS props, [(n)-[:REPORTS_ON]->(s:{SOURCE}) | s.id] AS reports_on
ORDER BY n.id
"""

GET_EVENTS: Final = """
MATCH (n:Transfer) WHERE n.id IN $ids
RETURN properties(n) AS props,
       [(s:Actor)-[:SENT]->(n) | s.id] AS supplier,
       [(n)-[:TO]->(r:Actor) | r.id] AS recipient,
       [(n)-[c:CARRIED]->(w:WeaponSystem) | c {.*, weapon: w.id}] AS items,
       [(n)-[:CONCERNS]->(w:WeaponSystem) | w.id] AS related_weapon,
       [(c:Claim)-[:SUPPORTS]->(n) | c.id] AS claims
"""

CLAIMS_WITH_KEYS: Final = """
MATCH (n:Claim) WHERE n.key IN $keys RETURN n.key AS key, collect(n.id) AS ids
"""

GRADED_CLAIMS: Final = """
MATCH (n:Claim) WHERE n.reliability IS NOT NULL OR n.credibility IS NOT NULL
RETURN n.id AS id ORDER BY id
"""

GET_CLAIMS: Final = """
MATCH (n:Claim) WHERE n.id IN $ids
RETURN properties(n) AS props,
       [(n)-[r:SUPPORTS]->(e:Transfer) | {event: e.id, statement_json: r.statement_json}]
         AS supports
"""

GET_BREACHES: Final = """
MATCH (n:Breach) WHERE n.id IN $ids
RETURN properties(n) AS props,
       [(n)-[:BREACHES]->(p:Provision) | p.id] AS provision,
       [(n)-[:OF_RESOLUTION]->(r:Resolution) | r.id] AS resolution,
       [(n)-[r:BY]->(s:Actor) | [r.position, s.id]] AS states,
       [(n)-[r:CONCERNS]->(e:Transfer) | [r.position, e.id]] AS events,
       [(n)-[r:RESTS_ON]->(c:Claim) | [r.position, c.id]] AS claims
"""
