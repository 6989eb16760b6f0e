"""Breach reasoning: provisions are data, matched against transfer events.

Runs once, in Python, over the domain model; the breaches it finds are written to
both stores like any other fact, so Cypher and SPARQL answers agree by construction.

Two rules:
- ``scope``: an event breaches a provision when its kind, direction (to or from the
  sanctioned state), items or assistance or personnel, and dates fall inside the
  provision's scope while it was in force, and no exception in force covers it.
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
from dataclasses import dataclass

from armsgraph.core.dataset import Dataset
from armsgraph.core.dates import partial_date_bounds
from armsgraph.core.ids import breach_id
from armsgraph.core.labels import label
from armsgraph.core.model import (
    AssistanceStatement,
    Breach,
    BreachBasis,
    Category,
    Claim,
    DeploymentStatement,
    Direction,
    Provision,
    ProvisionScope,
    Role,
    ShipmentStatement,
    TransferEvent,
    format_number,
)


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


@dataclass(frozen=True)
class Window:
    """The dates an event could have taken place on (None: unbounded)."""

    earliest: dt.date | None
    latest: dt.date | None

    def overlaps(self, start: dt.date, end: dt.date | None) -> bool:
        if end is not None and self.earliest is not None and self.earliest > end:
            return False
        return not (self.latest is not None and self.latest < start)


def event_window(event: TransferEvent) -> Window | None:
    period = event.period
    if period is None or (period.start is None and period.end is None):
        return None
    return Window(period.earliest, period.latest)


def _reported_window(dataset: Dataset, event: TransferEvent) -> Window:
    first_report = min(partial_date_bounds(dataset.claims[c].reported)[1] for c in event.claims)
    return Window(None, first_report)


def inferred_breaches(dataset: Dataset) -> list[Breach]:
    out: list[Breach] = []
    for provision in sorted(dataset.provisions.values(), key=lambda p: p.id):
        scope = provision.scope
        if scope is None:
            continue
        if scope.cap is not None:
            out.extend(_cap_breaches(dataset, provision, scope))
            continue
        for event in sorted(dataset.events.values(), key=lambda e: e.id):
            breach = _match_scope(dataset, provision, scope, event)
            if breach is not None:
                out.append(breach)
    return out


def _direction(scope: ProvisionScope, event: TransferEvent) -> Direction | None:
    if event.recipient == scope.target and event.supplier != scope.target:
        direction = Direction.TO_TARGET
    elif event.supplier == scope.target and event.recipient != scope.target:
        direction = Direction.FROM_TARGET
    else:
        return None
    return direction if direction in scope.directions else None


def _excepted(scope: ProvisionScope, category: Category, window: Window) -> bool:
    # An item is excepted if the event could have fallen inside the exception's time.
    for exc in scope.exceptions:
        if category in exc.categories and (
            exc.until is None or window.earliest is None or window.earliest <= exc.until
        ):
            return True
    return False


def _what_matched(
    dataset: Dataset, scope: ProvisionScope, event: TransferEvent, window: Window
) -> list[str] | None:
    """Descriptions of what falls in scope, or None if nothing does."""
    statement = event.statement
    if isinstance(statement, ShipmentStatement):
        hits = []
        for item in statement.items:
            weapon = dataset.weapon_systems[item.weapon]
            category = weapon.category
            if category in scope.categories and not _excepted(scope, category, window):
                hits.append(f"{weapon.name} ({label(category)})")
        return hits or None
    if isinstance(statement, AssistanceStatement):
        if statement.assistance not in scope.assistance_kinds:
            return None
        related: Category | None = statement.related_category
        if statement.related_weapon is not None:
            related = dataset.weapon_systems[statement.related_weapon].category
        if scope.categories and related not in scope.categories:
            return None
        about = f" related to {label(related)}" if related else ""
        return [f"{label(statement.assistance)}{about}: {statement.subject}"]
    if isinstance(statement, DeploymentStatement):
        if statement.personnel not in scope.personnel_kinds:
            return None
        return [label(statement.personnel)]
    return None


def _violators(scope: ProvisionScope, event: TransferEvent) -> list[str]:
    roles = {Role.SUPPLIER: event.supplier, Role.RECIPIENT: event.recipient}
    return sorted({roles[r] for r in scope.obligated})


def _label(dataset: Dataset, provision: Provision) -> str:
    resolution = dataset.resolutions.get(provision.resolution)
    symbol = resolution.symbol if resolution else provision.resolution
    return f"{symbol} {provision.paragraph}"


def _state_name(dataset: Dataset, state: str) -> str:
    known = dataset.states.get(state)
    return known.name if known else state


def _window_text(window: Window) -> str:
    start = window.earliest.isoformat() if window.earliest else "?"
    end = window.latest.isoformat() if window.latest else "ongoing"
    return f"{start} to {end}"


def _match_scope(
    dataset: Dataset, provision: Provision, scope: ProvisionScope, event: TransferEvent
) -> Breach | None:
    if event.kind not in scope.event_kinds:
        return None
    direction = _direction(scope, event)
    if direction is None:
        return None
    window = event_window(event)
    dated_by = "period"
    if window is None:
        # The source gives no date: the event took place no later than it was first reported.
        window, dated_by = _reported_window(dataset, event), "reported"
    if not window.overlaps(scope.effective_from, scope.effective_until):
        return None
    matched = _what_matched(dataset, scope, event, window)
    if matched is None:
        return None
    in_force = f"in force from {scope.effective_from.isoformat()}" + (
        f" until {scope.effective_until.isoformat()}" if scope.effective_until else ""
    )
    supplier, recipient = (_state_name(dataset, s) for s in (event.supplier, event.recipient))
    target = _state_name(dataset, scope.target)
    when = _window_text(window)
    if dated_by == "reported":
        when = f"no date given; reported by {when.split(' to ')[1]}"
    explanation = (
        f"{label(event.kind).capitalize()} from {supplier} to {recipient} ({when}) of "
        f"{', '.join(matched)} falls under {_label(dataset, provision)} "
        f"({label(direction)} {target}, {in_force}); "
        f"obligation on the {' and '.join(label(r) for r in scope.obligated)}."
    )
    if provision.paragraph_status.value == "unverified":
        explanation += " The paragraph number is not verified against the resolution text."
    rule = f"scope/{provision.id}"
    return Breach(
        id=breach_id({"rule": rule, "events": [event.id]}),
        basis=BreachBasis.INFERRED,
        states=_violators(scope, event),
        provision=provision.id,
        resolution=provision.resolution,
        events=[event.id],
        claims=event.claims,
        rule=rule,
        explanation=explanation,
        matched={
            "direction": direction.value,
            "items": matched,
            "event_period": _window_text(window),
            "dated_by": dated_by,
            "in_force_from": scope.effective_from.isoformat(),
            "in_force_until": scope.effective_until.isoformat() if scope.effective_until else None,
        },
    )


# --- inferred: caps -------------------------------------------------------------------------


def _cap_breaches(dataset: Dataset, provision: Provision, scope: ProvisionScope) -> list[Breach]:
    cap = scope.cap
    assert cap is not None
    # year -> supplier -> (largest lower bound, event id)
    per_year: dict[int, dict[str, tuple[float, str]]] = defaultdict(dict)
    for event in sorted(dataset.events.values(), key=lambda e: e.id):
        statement = event.statement
        if not isinstance(statement, ShipmentStatement):
            continue
        if _direction(scope, event) is not Direction.TO_TARGET:
            continue
        window = event_window(event)
        if window is None or window.earliest is None or window.latest is None:
            continue  # an amount we cannot put in one calendar year
        if window.earliest.year != window.latest.year:
            continue
        year = window.earliest.year
        if not Window(dt.date(year, 1, 1), dt.date(year, 12, 31)).overlaps(
            scope.effective_from, scope.effective_until
        ):
            continue
        for item in statement.items:
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
            f"{_state_name(dataset, s)}: at least {format_number(a)}"
            for s, (a, _) in sorted(suppliers.items())
        )
        explanation = (
            f"In {year}, claims put {', '.join(label(c) for c in scope.categories)} supplied to "
            f"{_state_name(dataset, scope.target)} at no less than {format_number(total)} "
            f"{cap.unit} ({parts}), over "
            f"the cap of {format_number(cap.limit)} {cap.unit} per calendar year for all "
            f"suppliers under {_label(dataset, provision)}. For each supplier only the largest "
            "figure any one claim gives is counted, so overlapping reports are not added together."
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
