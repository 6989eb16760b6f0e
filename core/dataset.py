"""The loaded data set: reference data, sources, claims, events and breaches.

This is what every loader returns and every store consumes (``Store.load``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from armsgraph.core.kinds import ENTITY_KINDS
from armsgraph.core.model import (
    Actor,
    AmbiguousName,
    Breach,
    Claim,
    EventKind,
    Provision,
    Resolution,
    Source,
    TransferEvent,
    WeaponSystem,
)
from armsgraph.core.names import Gazetteer


@dataclass
class Dataset:
    states: dict[str, Actor] = field(default_factory=dict)
    weapon_systems: dict[str, WeaponSystem] = field(default_factory=dict)
    resolutions: dict[str, Resolution] = field(default_factory=dict)
    provisions: dict[str, Provision] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    claims: dict[str, Claim] = field(default_factory=dict)
    events: dict[str, TransferEvent] = field(default_factory=dict)
    breaches: dict[str, Breach] = field(default_factory=dict)
    # Name resolution only, not stored: the generated actors (world.json) the gazetteer
    # knows besides ``states``, and the names that are ambiguous.
    world: tuple[Actor, ...] = ()
    ambiguous_names: list[AmbiguousName] = field(default_factory=list)
    register_patterns: tuple[tuple[str, re.Pattern[str]], ...] = ()

    @property
    def gazetteer(self) -> Gazetteer:
        return Gazetteer(
            self.states.values(),
            self.weapon_systems.values(),
            self.resolutions.values(),
            self.provisions.values(),
            world=self.world,
            ambiguous=self.ambiguous_names,
            patterns=self.register_patterns,
        )

    def add_claims(self, claims: list[Claim]) -> None:
        """Add claims and derive the events they state; identical statements share one event."""
        for claim in claims:
            self.claims[claim.id] = claim
        self.events = derive_events(self.claims.values())

    def counts(self) -> dict[str, int]:
        """Under ``COUNT_KEYS``: events by kind; every other kind's key names its field here."""
        events = Counter(event.kind for event in self.events.values())
        return {
            kind.count_key: events[kind.event_kind]
            if kind.event_kind is not None
            else len(getattr(self, kind.count_key))
            for kind in ENTITY_KINDS
        }


def derive_events(claims: Iterable[Claim]) -> dict[str, TransferEvent]:
    supporting: dict[str, list[str]] = {}
    first: dict[str, tuple[EventKind, Claim]] = {}
    for claim in claims:
        ident, kind = claim.event_id, claim.event_kind
        if ident is None or kind is None:
            continue
        supporting.setdefault(ident, []).append(claim.id)
        first.setdefault(ident, (kind, claim))
    events = {}
    for ident, (kind, claim) in first.items():
        statement = claim.event
        assert statement is not None
        # Built without validation: each part is of its field's type already (the statement
        # a validated claim's, the claims at least one), which model_validate re-checked.
        events[ident] = TransferEvent.model_construct(
            id=ident, kind=kind, statement=statement, claims=sorted(supporting[ident])
        )
    return events
