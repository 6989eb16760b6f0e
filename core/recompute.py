"""Derived facts follow the store: recompute the breaches a write touches, from the whole store.

A write changes the support of some events (``Touched``). The breaches that can change with
them, and only those, are derived again from the store's current facts with those events in
their final state:

- scope rules: for each touched event;
- cap rules (a yearly ceiling over all suppliers): for every year a touched event counts
  towards (before or after the write), over *all* the events of that year in the store;
- asserted breaches: for each breach claim added or removed, and each breach claim naming
  the flow of a touched event (its list of events changes).

The result is compared with what the store holds of the same breaches: new or different
ones are written, those whose support is gone are deleted. So the outcome never depends on
how the data arrived: two loads give the breaches one load of both gives.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from armsgraph.core.change import VersionedStore
from armsgraph.core.dataset import Dataset
from armsgraph.core.model import Breach, BreachBasis, Claim, EventKind, TransferEvent
from armsgraph.core.reasoner import (
    asserted_breaches,
    cap_breaches,
    cap_year,
    event_window,
    scope_breaches,
)
from armsgraph.core.store import BreachFilter, EventFilter, Store

_ALL = 10**9  # a limit no store reaches


@dataclass
class Touched:
    ref: Dataset  # reference data (provisions, weapon systems, resolutions)
    final: dict[str, TransferEvent | None]  # touched events after the write (None: deleted)
    old: dict[str, TransferEvent]  # the same events as the store holds them
    added: dict[str, Claim]  # claims the write adds (or rewrites)
    gone: dict[str, Claim]  # claims the write retracts

    @property
    def current(self) -> dict[str, TransferEvent]:
        return {i: e for i, e in self.final.items() if e is not None}


class _Breaches:
    """Stored breaches read so far (``old``) and the recomputed ones (``new``)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.old: dict[str, Breach] = {}
        self.new: dict[str, Breach] = {}

    def read(self, ids: set[str] | list[str]) -> list[Breach]:
        wanted = sorted(set(ids) - self.old.keys())
        found = self.store.get_breaches(wanted)
        self.old.update((b.id, b) for b in found)
        return found


def recompute_breaches(
    store: VersionedStore, touched: Touched
) -> tuple[dict[str, Breach], set[str], set[str]]:
    """(breaches to write, ids to delete, ids of stored breaches the write replaces)."""
    result = _Breaches(store)
    result.read(store.breaches_of_events(sorted(touched.final)))
    _scope(store, touched, result)
    _caps(store, touched, result)
    _asserted(store, touched, result)
    result.read(list(result.new))
    delete = result.old.keys() - result.new.keys()
    upsert = {i: b for i, b in result.new.items() if result.old.get(i) != b}
    return upsert, set(delete), {i for i in upsert if i in result.old}


def _with_claims(store: Store, touched: Touched, events: dict[str, TransferEvent]) -> Dataset:
    """A data set of ``events`` with the claims that date undated ones (by first report)."""
    undated = {c for e in events.values() if event_window(e) is None for c in e.claims}
    need = sorted(undated - touched.added.keys())
    claims = {c.id: c for c in store.get_claims(need)}
    claims.update((c, touched.added[c]) for c in undated if c in touched.added)
    ref = touched.ref
    return Dataset(
        states=ref.states,
        weapon_systems=ref.weapon_systems,
        resolutions=ref.resolutions,
        provisions=ref.provisions,
        claims=claims,
        events=events,
    )


def _scope(store: Store, touched: Touched, result: _Breaches) -> None:
    current = touched.current
    dataset = _with_claims(store, touched, current)
    for breach in scope_breaches(dataset, current.values()):
        result.new[breach.id] = breach


def _caps(store: Store, touched: Touched, result: _Breaches) -> None:
    ref = touched.ref
    current = touched.current
    for provision in sorted(ref.provisions.values(), key=lambda p: p.id):
        scope = provision.scope
        if scope is None or scope.cap is None:
            continue
        rule = f"cap/{provision.id}"
        years = {
            y
            for e in (*current.values(), *touched.old.values())
            if (y := cap_year(ref, scope, e)) is not None
        }
        stored = store.find_breaches(BreachFilter(provision=provision.id, limit=_ALL))
        for breach in result.read(stored):
            if breach.rule == rule:
                years.add(int(breach.matched["year"]))
        for year in sorted(years):
            ids: set[str] = set()
            for category in scope.categories:
                # every recipient: the scope's reach decides who stands for a target
                query = EventFilter(
                    kind=EventKind.SHIPMENT,
                    category=category,
                    since=dt.date(year, 1, 1),
                    until=dt.date(year, 12, 31),
                    limit=_ALL,
                )
                ids.update(store.find_events(query))
            events = {e.id: e for e in store.get_events(sorted(ids - touched.final.keys()))}
            events.update((i, e) for i, e in current.items() if cap_year(ref, scope, e) == year)
            dataset = Dataset(
                states=ref.states,
                weapon_systems=ref.weapon_systems,
                resolutions=ref.resolutions,
                provisions=ref.provisions,
                events=events,
            )
            for breach in cap_breaches(dataset, provision):
                if breach.matched["year"] == year:
                    result.new[breach.id] = breach


def _asserted(store: VersionedStore, touched: Touched, result: _Breaches) -> None:
    ref = touched.ref
    current = touched.current
    flows = sorted(
        {
            e.statement.flow
            for e in (*current.values(), *touched.old.values())
            if e.statement.flow is not None
        }
    )
    wanted = set(store.breach_claims_of_flows(flows)) if flows else set()
    wanted |= {c for b in result.old.values() if b.basis is BreachBasis.ASSERTED for c in b.claims}
    wanted |= {c.id for c in touched.added.values() if c.breach is not None}
    wanted -= touched.gone.keys()
    claims = {c.id: c for c in store.get_claims(sorted(wanted - touched.added.keys()))}
    claims.update((c, touched.added[c]) for c in wanted if c in touched.added)

    # What the retracted breach claims asserted (their ids do not depend on the events).
    for claim in touched.gone.values():
        if claim.breach is not None:
            alone = Dataset(states=ref.states, provisions=ref.provisions, claims={claim.id: claim})
            result.read([b.id for b in asserted_breaches(alone)])

    named = sorted({f for c in claims.values() if c.breach for f in c.breach.flows})
    in_store = set(store.events_of_flows(named)) if named else set()
    by_flow: dict[str, list[TransferEvent]] = defaultdict(list)
    events = store.get_events(sorted(in_store - touched.final.keys()))
    for event in [*events, *current.values()]:
        if event.statement.flow is not None:
            by_flow[event.statement.flow].append(event)
    for claim in claims.values():
        assert claim.breach is not None
        mine = {e.id: e for f in claim.breach.flows for e in by_flow.get(f, [])}
        alone = Dataset(
            states=ref.states, provisions=ref.provisions, claims={claim.id: claim}, events=mine
        )
        for breach in asserted_breaches(alone):
            result.new[breach.id] = breach
