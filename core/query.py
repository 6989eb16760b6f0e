"""The query semantics of ``core.store``, computed in Python over a ``Dataset``.

This is the reference the store backends are tested against: Cypher and SPARQL must
return exactly what these functions return for the same data set.
"""

from __future__ import annotations

import datetime as dt

from armsgraph.core.dataset import Dataset
from armsgraph.core.model import Category, ShipmentStatement, TransferEvent
from armsgraph.core.store import (
    BasisRow,
    BreachFilter,
    EventFilter,
    KindRow,
    Network,
    NetworkQuery,
    PathQuery,
    assemble_network,
)


def overlaps(event: TransferEvent, since: dt.date | None, until: dt.date | None) -> bool:
    """Does the event's period overlap [since, until]? Unknown bounds are open."""
    period = event.period
    if period is None:
        return True
    start = period.earliest
    end = period.latest
    if since is not None and end is not None and end < since:
        return False
    return not (until is not None and start is not None and start > until)


def carries(dataset: Dataset, event: TransferEvent, category: Category | None) -> bool:
    if category is None:
        return True
    statement = event.statement
    if not isinstance(statement, ShipmentStatement):
        return False
    return any(dataset.weapon_systems[i.weapon].category == category for i in statement.items)


def event_matches(dataset: Dataset, event: TransferEvent, f: EventFilter) -> bool:
    return (
        (f.supplier is None or event.supplier == f.supplier)
        and (f.recipient is None or event.recipient == f.recipient)
        and (f.kind is None or event.kind == f.kind)
        and carries(dataset, event, f.category)
        and overlaps(event, f.since, f.until)
    )


def find_events(dataset: Dataset, f: EventFilter) -> list[str]:
    hits = sorted(e.id for e in dataset.events.values() if event_matches(dataset, e, f))
    return hits[: f.limit]


def find_paths(dataset: Dataset, q: PathQuery) -> list[list[str]]:
    usable = [
        e
        for e in dataset.events.values()
        if carries(dataset, e, q.category) and overlaps(e, q.since, q.until)
    ]
    by_supplier: dict[str, list[TransferEvent]] = {}
    for event in usable:
        by_supplier.setdefault(event.supplier, []).append(event)
    found: list[list[str]] = []

    def walk(state: str, visited: list[str], path: list[str]) -> None:
        for event in by_supplier.get(state, []):
            nxt = event.recipient
            if nxt in visited:
                continue
            if nxt == q.target:
                found.append([*path, event.id])
            elif len(path) + 1 < q.max_hops:
                walk(nxt, [*visited, nxt], [*path, event.id])

    walk(q.source, [q.source], [])
    found.sort(key=lambda p: (len(p), p))
    return found[: q.limit]


def find_breaches(dataset: Dataset, f: BreachFilter) -> list[str]:
    hits = sorted(
        b.id
        for b in dataset.breaches.values()
        if (f.resolution is None or b.resolution == f.resolution)
        and (f.provision is None or b.provision == f.provision)
        and (f.state is None or f.state in b.states)
        and (f.basis is None or b.basis == f.basis)
        and (f.event is None or f.event in b.events)
    )
    return hits[: f.limit]


def network(dataset: Dataset, q: NetworkQuery) -> Network:
    f = EventFilter(kind=q.kind, category=q.category, since=q.since, until=q.until)
    passing = {e.id: e for e in dataset.events.values() if event_matches(dataset, e, f)}
    kinds: dict[tuple[str, str, str], int] = {}
    for e in passing.values():
        key = (e.supplier, e.recipient, e.kind.value)
        kinds[key] = kinds.get(key, 0) + 1
    concerned: dict[tuple[str, str, str], set[str]] = {}
    for b in dataset.breaches.values():
        for event in (passing[i] for i in b.events if i in passing):
            key = (event.supplier, event.recipient, b.basis.value)
            concerned.setdefault(key, set()).add(event.id)
    kind_rows: list[KindRow] = [(*k, n) for k, n in kinds.items()]
    basis_rows: list[BasisRow] = [(*k, len(v)) for k, v in concerned.items()]
    return assemble_network(kind_rows, basis_rows, q.limit)
