"""What the investigator's page reads from Neo4j: events found, the pair graph, evidence.

Mixed into ``Neo4jStore`` (its read helpers); the statements are ``cypher_page``'s and
``cypher``'s. The unfiltered network (the page's first view) reads the SUPPLIED_TO view,
so its cost follows the number of pairs, not of events; the events of one edge are a seek
of the route index; the evidence beside them is one read transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from neo4j import ManagedTransaction
from neo4j import Record as Neo4jRecord

from armsgraph.core.store import EventFilter, Evidence, Network, NetworkQuery, assemble_network
from armsgraph.graph import cypher, cypher_page
from armsgraph.graph import neo4j_hydrate as h

T = TypeVar("T")

# Cypher LIMIT needs a number; a negative Python limit slices from the end instead.
_NO_LIMIT = 2**62


def cypher_limit(limit: int) -> int:
    return limit if limit >= 0 else _NO_LIMIT


class Neo4jPageReads:
    """``find_events``, ``network`` and ``evidence`` of ``Neo4jStore``."""

    _read: Callable[..., list[Neo4jRecord]]
    _read_with: Callable[[Callable[[ManagedTransaction], Any]], Any]

    def find_events(self, query: EventFilter) -> list[str]:
        if query.supplier is None:
            statement = cypher.FIND_EVENTS
        elif query.recipient is None:
            statement = cypher_page.FIND_EVENTS_FROM
        else:
            statement = cypher_page.FIND_EVENTS_OF_PAIR
        records = self._read(
            statement,
            supplier=query.supplier,
            recipient=query.recipient,
            kind=query.kind.value if query.kind else None,
            category=query.category.value if query.category else None,
            since=query.since,
            until=query.until,
            limit=cypher_limit(query.limit),
        )
        return sorted(str(r["id"]) for r in records)[: query.limit]

    def network(self, query: NetworkQuery) -> Network:
        params: dict[str, Any] = {
            "kind": query.kind.value if query.kind else None,
            "category": query.category.value if query.category else None,
            "since": query.since,
            "until": query.until,
        }
        unfiltered = all(v is None for v in params.values())
        statement = cypher_page.NETWORK_VIEW if unfiltered else cypher_page.NETWORK_KINDS
        [found] = self._read(statement, **params, limit=query.limit)
        kinds = [(s, r, k, n) for s, r, counts in found["top"] for k, n in counts]
        pairs = [[s, r] for s, r, _ in found["top"]]
        bases = [
            (r["supplier"], r["recipient"], r["key"], r["n"])
            for r in self._read(cypher_page.NETWORK_BREACHES, **params, pairs=pairs)
        ]
        return assemble_network(kinds, bases, query.limit, found["total"])

    def evidence(self, ids: Sequence[str]) -> Evidence:
        """The events with their breaches, the breaches, the claims of both (and the events
        whose statement a claim shares), the sources with their chains: one transaction,
        four or five statements."""

        def work(tx: ManagedTransaction) -> tuple[list[Neo4jRecord], ...]:
            events = list(tx.run(cypher_page.EVIDENCE_EVENTS, ids=list(ids)))
            breach_ids = sorted({b for r in events for b in r["breaches"]})
            breaches = list(tx.run(cypher.GET_BREACHES, ids=breach_ids)) if breach_ids else []
            claim_ids = {c for r in events for c in r["claims"]}
            claim_ids |= {c for r in breaches for _, c in r["claims"]}
            claims = list(tx.run(cypher.GET_CLAIMS, ids=sorted(claim_ids)))
            have = {r["props"]["id"] for r in events}
            more = sorted(h.shared_statement_events(claims) - have)
            others = list(tx.run(cypher.GET_EVENTS, ids=more)) if more else []
            cited = sorted({r["props"]["source"] for r in claims})
            sources = list(tx.run(cypher.GET_SOURCE_CHAINS, ids=cited)) if cited else []
            return events, breaches, claims, others, sources

        events, breaches, claims, others, sources = self._read_with(work)
        hydrated = {e.id: e for e in (h.event_from(r) for r in (*events, *others))}
        by_event = {r["props"]["id"]: sorted(set(r["breaches"])) for r in events}
        found_claims = {c.id: c for c in (h.claim_from(r, hydrated) for r in claims)}
        found_breaches = {b.id: b for b in (h.breach_from(r) for r in breaches)}
        return Evidence(
            events=[hydrated[i] for i in ids if i in by_event],
            breaches_by_event={i: by_event[i] for i in ids if i in by_event},
            breaches=[found_breaches[i] for i in sorted(found_breaches)],
            claims=[found_claims[i] for i in sorted(found_claims)],
            sources=[h.source_from(r["props"], r["reports_on"]) for r in sources],
        )
