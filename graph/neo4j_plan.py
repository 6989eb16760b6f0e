"""What ``Neo4jStore.load`` writes, as an ordered list of steps (statement + rows).

Nodes first, one step per label, then one step per relationship type, so every
``MATCH`` in a relationship step finds its nodes. ``check_links`` refuses a data set
whose references point at nothing before anything is written (a relationship ``MATCH``
would otherwise drop the row silently).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from armsgraph.core.dataset import Dataset
from armsgraph.core.model import Actor, AssistanceStatement, EventKind
from armsgraph.graph import cypher
from armsgraph.graph import neo4j_hydrate as h


@dataclass(frozen=True)
class Step:
    what: str
    statement: str
    rows: list[dict[str, Any]]


def _link(start: str, end: str, **props: Any) -> dict[str, Any]:
    return {"start": start, "end": end, "props": props}


def check_links(d: Dataset) -> list[str]:
    """References the graph keeps only as relationships name known entities.

    A claim's source is also a property of the claim, so an unknown source loses
    nothing (the claim just has no CITES edge; see ``uncited``).
    """
    problems: list[str] = []

    def need(ok: bool, what: str) -> None:
        if not ok:
            problems.append(what)

    for p in d.provisions.values():
        need(p.resolution in d.resolutions, f"provision {p.id}: resolution {p.resolution}")
    for s in d.sources.values():
        need(s.reports_on is None or s.reports_on in d.sources, f"source {s.id}: reports_on")
    supported = {c for e in d.events.values() for c in e.claims}
    for c in d.claims.values():
        need(c.breach is not None or c.id in supported, f"claim {c.id}: supports no event")
    for e in d.events.values():
        need(e.supplier in d.states, f"event {e.id}: supplier {e.supplier}")
        need(e.recipient in d.states, f"event {e.id}: recipient {e.recipient}")
        for cid in e.claims:
            need(cid in d.claims, f"event {e.id}: claim {cid}")
        statement = e.statement
        weapons = [i.weapon for i in getattr(statement, "items", [])]
        if isinstance(statement, AssistanceStatement) and statement.related_weapon:
            weapons.append(statement.related_weapon)
        for w in weapons:
            need(w in d.weapon_systems, f"event {e.id}: weapon system {w}")
    for b in d.breaches.values():
        need(b.provision is None or b.provision in d.provisions, f"breach {b.id}: provision")
        need(b.resolution is None or b.resolution in d.resolutions, f"breach {b.id}: resolution")
        need(all(s in d.states for s in b.states), f"breach {b.id}: states")
        need(all(e in d.events for e in b.events), f"breach {b.id}: events")
        need(all(c in d.claims for c in b.claims), f"breach {b.id}: claims")
    return problems


def uncited(d: Dataset) -> list[str]:
    """Claims whose source is not in the data set (written without a CITES edge)."""
    return sorted(c.id for c in d.claims.values() if c.source not in d.sources)


def _event_links(d: Dataset) -> list[Step]:
    events = sorted(d.events.values(), key=lambda e: e.id)
    concerns = [
        _link(e.id, e.statement.related_weapon)
        for e in events
        if isinstance(e.statement, AssistanceStatement) and e.statement.related_weapon
    ]
    return [
        Step(
            "SUPPORTS",
            cypher.LINKS["SUPPORTS"],
            # claims the data set does not carry are held by the store with their edge
            [h.supports_row(d.claims[c], e) for e in events for c in e.claims if c in d.claims],
        ),
        Step("SENT", cypher.LINKS["SENT"], [_link(e.supplier, e.id) for e in events]),
        Step("TO", cypher.LINKS["TO"], [_link(e.id, e.recipient) for e in events]),
        Step("CARRIED", cypher.LINKS["CARRIED"], [r for e in events for r in h.item_rows(e)]),
        Step("CONCERNS", cypher.LINKS["Assistance-CONCERNS"], concerns),
    ]


def _breach_links(d: Dataset) -> list[Step]:
    breaches = sorted(d.breaches.values(), key=lambda b: b.id)

    def ordered(name: str, attr: str) -> Step:
        rows = [
            _link(b.id, target, position=i)
            for b in breaches
            for i, target in enumerate(getattr(b, attr))
        ]
        return Step(name, cypher.LINKS[name], rows)

    return [
        Step(
            "BREACHES",
            cypher.LINKS["BREACHES"],
            [_link(b.id, b.provision) for b in breaches if b.provision],
        ),
        Step(
            "OF_RESOLUTION",
            cypher.LINKS["Breach-OF_RESOLUTION"],
            [_link(b.id, b.resolution) for b in breaches if b.resolution],
        ),
        ordered("BY", "states"),
        ordered("Breach-CONCERNS", "events"),
        ordered("RESTS_ON", "claims"),
    ]


def _actors_by_label(d: Dataset) -> dict[str, list[Actor]]:
    by_label: dict[str, list[Actor]] = {label: [] for label in cypher.ACTOR_KIND_LABELS.values()}
    for actor in d.states.values():
        by_label[cypher.ACTOR_KIND_LABELS[actor.kind.value]].append(actor)
    return by_label


def plan_load(d: Dataset) -> list[Step]:
    """The steps of a full load, in writing order; empty steps are left out."""
    by_kind = {k: [e for e in d.events.values() if e.kind == k] for k in EventKind}
    labels = {
        cypher.SHIPMENT: EventKind.SHIPMENT,
        cypher.DEPLOYMENT: EventKind.DEPLOYMENT,
        cypher.ASSISTANCE: EventKind.ASSISTANCE,
    }
    # Reference entities, sources and claims: one row each, in writing order.
    plain: list[tuple[str, Callable[[Any], dict[str, Any]], Mapping[str, Any]]] = [
        (cypher.WEAPON_SYSTEM, h.weapon_row, d.weapon_systems),
        (cypher.RESOLUTION, h.resolution_row, d.resolutions),
        (cypher.PROVISION, h.provision_row, d.provisions),
        (cypher.SOURCE, h.source_row, d.sources),
        (cypher.CLAIM, h.claim_row, d.claims),
    ]
    steps = [
        *(
            Step(label, cypher.UPSERT_ACTORS[label], [h.state_row(x) for x in actors])
            for label, actors in _actors_by_label(d).items()
        ),
        *(
            Step(label, cypher.UPSERT[label], [row(x) for x in entities.values()])
            for label, row, entities in plain
        ),
        *(
            Step(label, cypher.UPSERT[label], [h.event_row(e) for e in by_kind[kind]])
            for label, kind in labels.items()
        ),
        Step(
            cypher.BREACH,
            cypher.UPSERT[cypher.BREACH],
            [h.breach_row(x) for x in d.breaches.values()],
        ),
        Step(
            "OF_RESOLUTION",
            cypher.LINKS["Provision-OF_RESOLUTION"],
            [{"start": p.id, "end": p.resolution} for p in d.provisions.values()],
        ),
        Step(
            "REPORTS_ON",
            cypher.LINKS["Source-REPORTS_ON"],
            [{"start": s.id, "end": s.reports_on} for s in d.sources.values()],
        ),
        Step(
            "CITES",
            cypher.LINKS["CITES"],
            [_link(c.id, c.source) for c in d.claims.values() if c.source in d.sources],
        ),
        *_event_links(d),
        *_breach_links(d),
    ]
    return [s for s in steps if s.rows]
