"""Deltas for partners: what changed since a point of knowledge time, as ADD / MOD / DEL.

The shape follows OpenSanctions' delta files: one JSON object per line, ``{"op": "ADD" |
"MOD" | "DEL", "entity": {...}}``. An entity is ``{"schema", "id", "properties"}``
(properties as in the API; a ``DEL`` carries only schema and id). Entities are sources,
claims, transfer events and breaches.

- ``ADD``: held now, not held at ``since``;
- ``DEL``: held at ``since``, not now (a source retracted the claim, a breach lost its support);
- ``MOD``: held at both times with other content: an event or breach whose supporting claims
  changed (same id), or a claim its source edited: claim ids hash the content, so the edit
  has a new id and ``previous`` names the id it replaces (whose ``DEL`` is implied).

Applying the deltas of every period in order to a copy of the store keeps it current.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from typing import Any, Literal

from armsgraph.core.change import VersionedStore
from armsgraph.core.store import Store
from armsgraph.core.versions import Version

Op = Literal["ADD", "MOD", "DEL"]
_SCHEMA = {"claim": "Claim", "event": "Transfer", "breach": "Breach"}


def _held(versions: list[Version], at: dt.datetime) -> bool:
    return any(
        v.first_seen <= at and (v.retracted_at is None or v.retracted_at > at) for v in versions
    )


def changes_since(store: VersionedStore, since: dt.datetime) -> Iterator[dict[str, Any]]:
    """The deltas from ``since`` to now, sources first, then claims, events, breaches."""
    yield from _sources(store, since)
    versions = store.versions(changed_since=since)
    by_entity: dict[str, list[Version]] = defaultdict(list)
    for version in versions:
        by_entity[version.entity].append(version)
    # claim edits: a retracted claim names its successor
    successor = {v.entity: v.superseded_by for v in versions if v.superseded_by}
    previous = {new: old for old, new in successor.items()}
    held_now = {e for e, spans in by_entity.items() if any(v.retracted_at is None for v in spans)}
    ops: dict[str, tuple[Op, str, str | None]] = {}
    for entity, spans in by_entity.items():
        kind = spans[0].kind
        before = _held(spans, since)
        if entity in held_now:
            origin = _follow(previous, entity)
            if before:
                ops[entity] = ("MOD", kind, None)
            elif origin != entity and _held(by_entity.get(origin, []), since):
                ops[entity] = ("MOD", kind, origin)
            else:
                ops[entity] = ("ADD", kind, None)
        elif before and _follow(successor, entity) not in held_now:
            ops[entity] = ("DEL", kind, None)
    for kind in ("claim", "event", "breach"):
        ids = sorted(e for e, (_, k, _) in ops.items() if k == kind)
        current = {x.id: x for x in _hydrate(store, kind, [e for e in ids if ops[e][0] != "DEL"])}
        for ident in ids:
            op, _, prior = ops[ident]
            item: dict[str, Any] = {"schema": _SCHEMA[kind], "id": ident}
            if op != "DEL":
                found = current.get(ident)
                if found is None:
                    continue  # held by a record, not by the store: nothing a partner can use
                item["properties"] = found.model_dump(mode="json", exclude_none=True)
            if prior is not None:
                item["previous"] = prior
            yield {"op": op, "entity": item}


def _follow(links: dict[str, str], entity: str) -> str:
    """The end of a chain of edits (a -> b -> c: from a, c)."""
    seen = {entity}
    while entity in links and links[entity] not in seen:
        entity = links[entity]
        seen.add(entity)
    return entity


def _hydrate(store: Store, kind: str, ids: list[str]) -> list[Any]:
    if kind == "claim":
        return list(store.get_claims(ids))
    if kind == "event":
        return list(store.get_events(ids))
    return list(store.get_breaches(ids))


def _sources(store: VersionedStore, since: dt.datetime) -> Iterator[dict[str, Any]]:
    records = store.source_records()
    added = sorted(s for s, r in records.items() if r.first_seen > since and r.removed_at is None)
    current = {s.id: s for s in store.get_sources(added)}
    for ident in added:
        if ident in current:
            properties = current[ident].model_dump(mode="json", exclude_none=True)
            yield {
                "op": "ADD",
                "entity": {"schema": "Source", "id": ident, "properties": properties},
            }
    for ident, record in sorted(records.items()):
        if record.removed_at and record.removed_at > since and record.first_seen <= since:
            yield {"op": "DEL", "entity": {"schema": "Source", "id": ident}}


def start_of(day: dt.date | dt.datetime) -> dt.datetime:
    """A date as the start of a period of knowledge time (00:00 UTC); datetimes as given."""
    if isinstance(day, dt.datetime):
        return day if day.tzinfo else day.replace(tzinfo=dt.UTC)
    return dt.datetime.combine(day, dt.time.min, dt.UTC)
