"""The Cypher of the investigator's page: the pair graph and the evidence of one edge.

The graph shape is ``graph.cypher``'s; these statements only read it, with values as
parameters. What each costs, on the synthetic workload (``bench/page_speed.py``):

- the unfiltered network reads the SUPPLIED_TO view, one relationship per pair (10,558 at
  100k claims, 28,599 at 1M), instead of every event (65k, 650k); a filtered one counts
  the events that pass;
- the breach counts of the first pairs read the breaches (2.6% of the claims) and the
  events they concern, never the events of the pairs;
- the events of one pair come from the route index (supplier_id, recipient_id, id) in its
  order, so LIMIT stops the seek after a page (51 db hits for 50 of 2,946 events, where
  matching SENT/TO read all 13,991 events into the recipient and sorted them).
"""

from __future__ import annotations

from typing import Final

from armsgraph.graph.cypher import EVENT_PASSES, GET_EVENTS

# --- the pair graph (``Store.network``) ------------------------------------------------------

# An event `e` passes $kind / $category / $since / $until.
_PASSES = f"($kind IS NULL OR e.kind = $kind) AND {EVENT_PASSES}"

# Events counted per pair and kind, ordered and cut here in the order of
# ``core.store.assemble_network``: only the first $limit pairs cross the wire, with the
# number of all of them.
NETWORK_KINDS: Final = f"""
MATCH (e:Transfer) WHERE {_PASSES}
WITH e.supplier_id AS supplier, e.recipient_id AS recipient, e.kind AS kind, count(*) AS n
WITH supplier, recipient, collect([kind, n]) AS kinds, sum(n) AS events
ORDER BY events DESC, supplier, recipient
WITH collect([supplier, recipient, kinds]) AS pairs
RETURN size(pairs) AS total, pairs[..$limit] AS top
"""

# The same answer without a filter, from the SUPPLIED_TO view (its counts per kind; every
# write keeps them exact, tests/contract/test_contract_network_view.py): the number of pairs,
# then the first $limit by a Top over the pairs, the kinds with no event left out as the
# scan leaves them out.
NETWORK_VIEW: Final = """
CALL () {
  MATCH (:Actor)-[r:SUPPLIED_TO]->(:Actor) WHERE r.count > 0
  RETURN count(r) AS total
}
CALL () {
  MATCH (a:Actor)-[r:SUPPLIED_TO]->(b:Actor) WHERE r.count > 0
  WITH a.id AS supplier, b.id AS recipient, r
  ORDER BY r.count DESC, supplier, recipient LIMIT $limit
  RETURN collect([supplier, recipient,
    [k IN [['shipment', r.shipments], ['deployment', r.deployments],
           ['assistance', r.assistance]] WHERE k[1] > 0]]) AS top
}
RETURN total, top
"""

# Per pair of $pairs and breach basis, the passing events a breach concerns: from the
# breaches rather than from the events.
NETWORK_BREACHES: Final = f"""
MATCH (b:Breach)-[:CONCERNS]->(e:Transfer) WHERE {_PASSES}
  AND [e.supplier_id, e.recipient_id] IN $pairs
RETURN e.supplier_id AS supplier, e.recipient_id AS recipient, b.basis AS key,
       count(DISTINCT e) AS n
"""

# --- the events of an edge (``Store.find_events`` with a supplier) ---------------------------

# The first $limit events of one pair in id order, passing the filters, from the route
# index; ORDER BY names the whole index key, or the planner sorts every event of the pair.
FIND_EVENTS_OF_PAIR: Final = f"""
MATCH (e:Transfer)
WHERE e.supplier_id = $supplier AND e.recipient_id = $recipient AND e.id IS NOT NULL
  AND {_PASSES}
RETURN e.id AS id ORDER BY e.supplier_id, e.recipient_id, e.id LIMIT $limit
"""

# The same for every event out of one state, from the (supplier_id, id) index; the hint
# keeps the planner from seeking the route index once per recipient.
FIND_EVENTS_FROM: Final = f"""
MATCH (e:Transfer) USING INDEX e:Transfer(supplier_id, id)
WHERE e.supplier_id = $supplier AND e.id IS NOT NULL AND {_PASSES}
RETURN e.id AS id ORDER BY e.supplier_id, e.id LIMIT $limit
"""

# --- the evidence beside events (``Store.evidence``), in one read transaction ---------------

# GET_EVENTS with the breaches that concern each event.
EVIDENCE_EVENTS: Final = (
    GET_EVENTS.rstrip() + ",\n       [(b:Breach)-[:CONCERNS]->(n) | b.id] AS breaches\n"
)
