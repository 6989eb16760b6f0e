"""Breach reasoning: provisions are data, matched against transfer events.

Runs once, in Python, over the domain model; the breaches it finds are written to
both stores like any other fact, so Cypher and SPARQL answers agree by construction.

Two rules:
- ``scope``: an event breaches a provision when its kind, direction (to or from a
  target: a state, a named group, or an actor based in a target territory, as the
  scope's ``reach`` says), items or assistance or personnel, and dates fall inside the
  provision's scope while it was in force, and no exception in force covers it. An
  event that matches in every respect but falls outside every period the provision
  was in force is reported by ``lapsed_provisions`` with the reason, never as a breach.
- ``cap``: for a ceiling such as refined petroleum per calendar year, the largest
  lower bound any claim gives for each supplier in a year is added over suppliers;
  above the cap is a breach. Figures from different claims about one supplier are
  never added together, so overlapping reports are not double counted.

Breaches a source asserts itself are kept apart (basis ``asserted``) and never
merged with inferred ones.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from armsgraph.core.dataset import Dataset
from armsgraph.core.ids import breach_id
from armsgraph.core.labels import label
from armsgraph.core.model import (
    Breach,
    BreachBasis,
    Claim,
    Direction,
    Provision,
    ProvisionScope,
    ShipmentStatement,
    TransferEvent,
    format_number,
)
from armsgraph.core.scope_match import (
    EventsByTarget,
    Lapse,
    Window,
    assess,
    bearing,
    event_window,
    in_force_during,
    party_name,
    provision_label,
    reachable_targets,
)

__all__ = ["Lapse", "derive_breaches", "event_window", "lapsed_provisions"]


def derive_breaches(dataset: Dataset) -> dict[str, Breach]:
    """Asserted and inferred breaches for the whole data set, by id."""
    breaches = [*asserted_breaches(dataset), *inferred_breaches(dataset)]
    return {b.id: b for b in breaches}


# --- asserted -------------------------------------------------------------------------------


def asserted_breaches(dataset: Dataset) -> list[Breach]:
    out = []
    for claim in sorted(dataset.claims.values(), key=lambda c: c.id):
        if claim.breach is None:
            continue
        events = sorted(
            e.id for e in dataset.events.values() if e.statement.flow in claim.breach.flows
        )
        targets: list[tuple[str | None, str | None]] = [
            (p, dataset.provisions[p].resolution) for p in claim.breach.provisions
        ]
        covered = {r for _, r in targets}
        targets += [(None, r) for r in claim.breach.resolutions if r not in covered]
        for provision, resolution in targets or [(None, None)]:
            content = {
                "basis": "asserted",
                "claim": claim.id,
                "provision": provision,
                "resolution": resolution,
            }
            out.append(
                Breach(
                    id=breach_id(content),
                    basis=BreachBasis.ASSERTED,
                    states=claim.breach.states,
                    provision=provision,
                    resolution=resolution,
                    events=events,
                    claims=[claim.id],
                    rule=None,
                    explanation=_asserted_text(claim),
                )
            )
    return out


def _asserted_text(claim: Claim) -> str:
    return f"{claim.asserted_by} states: \u201c{claim.quote}\u201d"


# --- inferred: scope ------------------------------------------------------------------------


def inferred_breaches(dataset: Dataset) -> list[Breach]:
    """The cap rules' breaches, then the scope rules' (``scope_breaches``) of every event."""
    caps = [
        breach
        for provision in sorted(dataset.provisions.values(), key=lambda p: p.id)
        for breach in cap_breaches(dataset, provision)
    ]
    return caps + scope_breaches(dataset, dataset.events.values())


def lapsed_provisions(dataset: Dataset, events: Iterable[TransferEvent]) -> list[Lapse]:
    """Provisions the events match in every respect but dates: why each gives no breach."""
    # Scoped provisions under each of their targets, so an event is assessed only against
    # those a party of it could be covered for (``reachable_targets``), in id order.
    scoped = [p for p in sorted(dataset.provisions.values(), key=lambda p: p.id) if p.scope]
    by_target: dict[str, list[int]] = defaultdict(list)
    for rank, provision in enumerate(scoped):
        assert provision.scope is not None
        if provision.scope.cap is None:
            for target in dict.fromkeys(provision.scope.targets):
                by_target[target].append(rank)
    out: list[Lapse] = []
    for event in events:
        ranks = {r for t in reachable_targets(dataset, event) for r in by_target.get(t, ())}
        window = event_window(event)
        for rank in sorted(ranks):
            provision = scoped[rank]
            assert provision.scope is not None
            if window is not None and in_force_during(provision.scope, window):
                continue  # in force at the event's dates: no lapse, whatever else matches
            verdict = assess(dataset, provision, provision.scope, event, lapse_only=True)
            if isinstance(verdict, Lapse):
                out.append(verdict)
    return out


# --- inferred: caps -------------------------------------------------------------------------


def _cap_breaches(dataset: Dataset, provision: Provision, scope: ProvisionScope) -> list[Breach]:
    cap = scope.cap
    assert cap is not None
    # year -> supplier -> (largest lower bound, event id)
    per_year: dict[int, dict[str, tuple[float, str]]] = defaultdict(dict)
    for event in sorted(dataset.events.values(), key=lambda e: e.id):
        year = cap_year(dataset, scope, event)
        if year is None:
            continue
        assert isinstance(event.statement, ShipmentStatement)
        for item in event.statement.items:
            category = dataset.weapon_systems[item.weapon].category
            qty = item.quantity
            if category not in scope.categories or qty is None or qty.unit != cap.unit:
                continue
            amount = qty.lower_bound
            if amount is None:
                continue
            best = per_year[year].get(event.supplier)
            if best is None or amount > best[0]:
                per_year[year][event.supplier] = (amount, event.id)

    out = []
    for year, suppliers in sorted(per_year.items()):
        total = sum(a for a, _ in suppliers.values())
        if total <= cap.limit:
            continue
        events = sorted(e for _, e in suppliers.values())
        claims = sorted({c for e in events for c in dataset.events[e].claims})
        parts = ", ".join(
            f"{party_name(dataset, s)}: at least {format_number(a)}"
            for s, (a, _) in sorted(suppliers.items())
        )
        targets = ", ".join(party_name(dataset, t) for t in scope.targets)
        explanation = (
            f"In {year}, claims put {', '.join(label(c) for c in scope.categories)} supplied to "
            f"{targets} at no less than {format_number(total)} {cap.unit} ({parts}), over "
            f"the cap of {format_number(cap.limit)} {cap.unit} per calendar year for all "
            f"suppliers under {provision_label(dataset, provision)}. For each supplier only the "
            "largest figure any one claim gives is counted, so overlapping reports are not "
            "added together."
        )
        rule = f"cap/{provision.id}"
        out.append(
            Breach(
                id=breach_id({"rule": rule, "year": year, "events": events}),
                basis=BreachBasis.INFERRED,
                states=sorted(suppliers),
                provision=provision.id,
                resolution=provision.resolution,
                events=events,
                claims=claims,
                rule=rule,
                explanation=explanation,
                matched={
                    "year": year,
                    "total_lower_bound": total,
                    "cap": cap.limit,
                    "unit": cap.unit,
                },
            )
        )
    return out


def cap_year(dataset: Dataset, scope: ProvisionScope, event: TransferEvent) -> int | None:
    """The calendar year whose cap the event counts towards, if it counts towards one."""
    if not isinstance(event.statement, ShipmentStatement):
        return None
    found = bearing(dataset, scope, event)
    if found is None or found.direction is not Direction.TO_TARGET:
        return None
    window = event_window(event)
    if window is None or window.earliest is None or window.latest is None:
        return None  # an amount we cannot put in one calendar year
    if window.earliest.year != window.latest.year:
        return None
    year = window.earliest.year
    year_window = Window(dt.date(year, 1, 1), dt.date(year, 12, 31))
    if not any(year_window.overlaps(p.earliest, p.latest_end) for p in scope.in_force):
        return None
    return year


# --- parts of the data set, for recomputing after a write (core.recompute) -----------------


def scope_breaches(dataset: Dataset, events: Iterable[TransferEvent]) -> list[Breach]:
    """The scope rules' breaches of ``events`` (``dataset`` holds their claims)."""
    near = EventsByTarget(dataset, events)
    out: list[Breach] = []
    for provision in sorted(dataset.provisions.values(), key=lambda p: p.id):
        scope = provision.scope
        if scope is None or scope.cap is not None:
            continue
        for event in near.near(scope):
            verdict = assess(dataset, provision, scope, event)
            if isinstance(verdict, Breach):
                out.append(verdict)
    return out


def cap_breaches(dataset: Dataset, provision: Provision) -> list[Breach]:
    """The cap rule of ``provision`` over the events of ``dataset``, every year they reach."""
    if provision.scope is None or provision.scope.cap is None:
        return []
    return _cap_breaches(dataset, provision, provision.scope)
