"""The baseline a first version would write: one auto-commit statement set per claim.

For every claim: MERGE its source, the claim, CITES, the event with its states and
items, SUPPORTS; then each breach. Each statement is its own auto-commit transaction
(``session.run``), one network round trip and one commit each. The rows are the same
``neo4j_hydrate`` rows ``Neo4jStore`` writes, so the graph has the same shape and
properties; only the batching differs. Reference data is written the same way, once.
"""

from __future__ import annotations

from typing import Any

from neo4j import GraphDatabase

from armsgraph.core.dataset import Dataset
from armsgraph.core.model import AssistanceStatement
from armsgraph.graph import cypher
from armsgraph.graph import neo4j_hydrate as h

MERGE_NODE = "MERGE (n:{label} {{id: $id}}) SET n += $props"
MERGE_EVENT = "MERGE (n:{label} {{id: $id}}) SET n:Transfer, n += $props"
CITES = "MATCH (c:Claim {id: $claim}) MATCH (s:Source {id: $source}) MERGE (c)-[:CITES]->(s)"
ENDS = (
    "MATCH (e:Transfer {id: $event}) "
    "MERGE (a:State {id: $supplier}) MERGE (a)-[:SENT]->(e) "
    "WITH e MERGE (b:State {id: $recipient}) MERGE (e)-[:TO]->(b)"
)
CARRIED = (
    "MATCH (e:Shipment {id: $event}) MERGE (w:WeaponSystem {id: $weapon}) "
    "MERGE (e)-[r:CARRIED {position: $props.position}]->(w) SET r += $props"
)
CONCERNS = (
    "MATCH (e:Assistance {id: $event}) MERGE (w:WeaponSystem {id: $weapon}) "
    "MERGE (e)-[:CONCERNS]->(w)"
)
SUPPORTS = (
    "MATCH (c:Claim {id: $claim}) MATCH (e:Transfer {id: $event}) "
    "MERGE (c)-[r:SUPPORTS]->(e) SET r += $props"
)
BREACH_LINK = (
    "MATCH (b:Breach {{id: $breach}}) MATCH (x:{label} {{id: $target}}) "
    "MERGE (b)-[r:{rel} {{position: $position}}]->(x)"
)


class NaiveWriter:
    """Writes a Dataset statement by statement; ``load`` returns statements run."""

    def __init__(self, uri: str) -> None:
        self.driver = GraphDatabase.driver(uri, notifications_min_severity="OFF")
        self.statements = 0

    def close(self) -> None:
        self.driver.close()

    def _run(self, session: Any, query: str, **params: Any) -> None:
        session.run(query, params).consume()
        self.statements += 1

    def load_reference(self, d: Dataset) -> None:
        with self.driver.session() as s:
            for statement in cypher.SCHEMA:
                s.run(statement).consume()
            for label, rows in (
                ("State", [h.state_row(x) for x in d.states.values()]),
                ("WeaponSystem", [h.weapon_row(x) for x in d.weapon_systems.values()]),
                ("Resolution", [h.resolution_row(x) for x in d.resolutions.values()]),
                ("Provision", [h.provision_row(x) for x in d.provisions.values()]),
            ):
                for row in rows:
                    self._run(s, MERGE_NODE.format(label=label), **row)

    def load(self, d: Dataset) -> int:
        """Claims (with their sources, events and links), then breaches."""
        before = self.statements
        event_of = {c: e.id for e in d.events.values() for c in e.claims}
        written: set[str] = set()
        with self.driver.session() as s:
            for claim in d.claims.values():
                source = d.sources[claim.source]
                self._run(s, MERGE_NODE.format(label="Source"), **h.source_row(source))
                row = h.claim_row(claim)
                self._run(s, MERGE_NODE.format(label="Claim"), **row)
                self._run(s, CITES, claim=row["id"], source=source.id)
                event = d.events.get(event_of.get(row["id"], ""))
                if event is None:
                    continue
                if event.id not in written:
                    self._event(s, event)
                    written.add(event.id)
                self._run(
                    s,
                    SUPPORTS,
                    claim=row["id"],
                    event=event.id,
                    props=h.supports_row(claim, event)["props"],
                )
            for breach in d.breaches.values():
                self._breach(s, breach)
        return self.statements - before

    def _event(self, s: Any, event: Any) -> None:
        label = event.kind.value.capitalize()
        self._run(s, MERGE_EVENT.format(label=label), **h.event_row(event))
        self._run(s, ENDS, event=event.id, supplier=event.supplier, recipient=event.recipient)
        for item in h.item_rows(event):
            self._run(s, CARRIED, event=event.id, weapon=item["end"], props=item["props"])
        statement = event.statement
        if isinstance(statement, AssistanceStatement) and statement.related_weapon:
            self._run(s, CONCERNS, event=event.id, weapon=statement.related_weapon)

    def _breach(self, s: Any, breach: Any) -> None:
        self._run(s, MERGE_NODE.format(label="Breach"), **h.breach_row(breach))
        links = [
            ("State", "BY", breach.states),
            ("Transfer", "CONCERNS", breach.events),
            ("Claim", "RESTS_ON", breach.claims),
            ("Provision", "BREACHES", [breach.provision] if breach.provision else []),
            ("Resolution", "OF_RESOLUTION", [breach.resolution] if breach.resolution else []),
        ]
        for label, rel, targets in links:
            query = BREACH_LINK.format(label=label, rel=rel)
            for i, target in enumerate(targets):
                self._run(s, query, breach=breach.id, target=target, position=i)
