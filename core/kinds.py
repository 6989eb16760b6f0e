"""The kinds of entity a store holds: one table, read by the data set, both stores and the API.

``count_key`` names the kind in ``Store.counts()`` and ``Dataset.counts()`` (in this order);
``name`` is its Neo4j label and its RDF class (``ag:<name>``); ``event_kind`` is set for the
three kinds of transfer event.
"""

from __future__ import annotations

from dataclasses import dataclass

from armsgraph.core.model import EventKind


@dataclass(frozen=True)
class EntityKind:
    count_key: str
    name: str
    event_kind: EventKind | None = None


ENTITY_KINDS: tuple[EntityKind, ...] = (
    EntityKind("sources", "Source"),
    EntityKind("claims", "Claim"),
    EntityKind("states", "Actor"),  # in RDF, one class per ActorKind
    EntityKind("weapon_systems", "WeaponSystem"),
    EntityKind("resolutions", "Resolution"),
    EntityKind("provisions", "Provision"),
    EntityKind("shipments", "Shipment", EventKind.SHIPMENT),
    EntityKind("deployments", "Deployment", EventKind.DEPLOYMENT),
    EntityKind("assistance", "Assistance", EventKind.ASSISTANCE),
    EntityKind("breaches", "Breach"),
)

# Keys of Store.counts() and Dataset.counts(): equal after a load, in every backend.
COUNT_KEYS: tuple[str, ...] = tuple(kind.count_key for kind in ENTITY_KINDS)
