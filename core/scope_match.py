"""Matching one transfer event against one provision's scope (the reasoner's ``scope`` rule).

A scope names its targets (states or actors) and how far each reaches: the target itself,
its whole territory, or only the non-state actors based in it. An event is to a target
when its recipient is covered and its supplier is not (from a target: the reverse). The
event must also be of a kind, carry items or assistance or personnel, and fall in a
period the scope covers, with no exception taking it out.

``assess`` returns a breach, a ``Lapse`` (everything matched but the provision was not in
force at the event's dates, with the reason), or nothing. No regime is special-cased:
every difference between embargoes is in the data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
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
    DeploymentStatement,
    Direction,
    InForce,
    Provision,
    ProvisionScope,
    Role,
    ScopeException,
    ShipmentStatement,
    TargetReach,
    TransferEvent,
    VerificationStatus,
)


@dataclass(frozen=True)
class Window:
    """The dates an event could have taken place on (None: unbounded)."""

    earliest: dt.date | None
    latest: dt.date | None

    def overlaps(self, start: dt.date, end: dt.date | None) -> bool:
        if end is not None and self.earliest is not None and self.earliest > end:
            return False
        return not (self.latest is not None and self.latest < start)

    def text(self) -> str:
        start = self.earliest.isoformat() if self.earliest else "?"
        end = self.latest.isoformat() if self.latest else "ongoing"
        return f"{start} to {end}"


def event_window(event: TransferEvent) -> Window | None:
    period = event.period
    if period is None or (period.start is None and period.end is None):
        return None
    return Window(period.earliest, period.latest)


def _reported_window(dataset: Dataset, event: TransferEvent) -> Window:
    first_report = min(partial_date_bounds(dataset.claims[c].reported)[1] for c in event.claims)
    return Window(None, first_report)


# --- targets ----------------------------------------------------------------------------------


def territory_of(dataset: Dataset, party: str) -> str | None:
    """The state whose territory a party is based in (a state is in its own)."""
    actor = dataset.states.get(party)
    if actor is None:
        return None
    return party if actor.is_state else actor.based_in


def _is_state(dataset: Dataset, party: str) -> bool:
    actor = dataset.states.get(party)
    return actor is not None and actor.is_state


def covered_by(dataset: Dataset, scope: ProvisionScope, party: str) -> str | None:
    """The target that stands for ``party`` under the scope's reach, if any."""
    for target in scope.targets:
        if scope.reach is TargetReach.PARTY:
            hit = party == target
        elif scope.reach is TargetReach.TERRITORY:
            hit = party == target or territory_of(dataset, party) == target
        else:
            hit = (
                party != target
                and not _is_state(dataset, party)
                and territory_of(dataset, party) == target
            )
        if hit:
            return target
    return None


def reachable_targets(dataset: Dataset, event: TransferEvent) -> set[str]:
    """Every target a scope could cover the event's parties for (``covered_by`` hits only
    a party itself or the state it is based in): the index that spares the reasoner
    assessing each event against each of the world's scopes."""
    parties = (event.supplier, event.recipient)
    return {*parties, *filter(None, (territory_of(dataset, p) for p in parties))}


class EventsByTarget:
    """Events under each target they could be covered for (``reachable_targets``)."""

    def __init__(self, dataset: Dataset, events: Iterable[TransferEvent]) -> None:
        self._by_target: dict[str, dict[str, TransferEvent]] = {}
        for event in events:
            for target in reachable_targets(dataset, event):
                self._by_target.setdefault(target, {})[event.id] = event

    def near(self, scope: ProvisionScope) -> list[TransferEvent]:
        """The events the scope may bear on, in id order (the others it cannot cover)."""
        found = {i: e for t in scope.targets for i, e in self._by_target.get(t, {}).items()}
        return [found[i] for i in sorted(found)]


@dataclass(frozen=True)
class Bearing:
    """How an event relates to a scope: which way, which target, the target-side party."""

    direction: Direction
    target: str
    party: str


def bearing(dataset: Dataset, scope: ProvisionScope, event: TransferEvent) -> Bearing | None:
    to_target = covered_by(dataset, scope, event.recipient)
    from_target = covered_by(dataset, scope, event.supplier)
    if to_target and not from_target:
        found = Bearing(Direction.TO_TARGET, to_target, event.recipient)
    elif from_target and not to_target:
        found = Bearing(Direction.FROM_TARGET, from_target, event.supplier)
    else:
        return None
    return found if found.direction in scope.directions else None


# --- what falls in scope ----------------------------------------------------------------------


def _exception_applies(
    exc: ScopeException, category: Category | None, party: str, window: Window
) -> bool:
    # Permissive towards the exception: it applies if the event could have fallen inside it.
    if exc.categories and category not in exc.categories:
        return False
    if exc.parties and party not in exc.parties:
        return False
    if exc.until is not None and window.earliest is not None and window.earliest > exc.until:
        return False
    if exc.since is None or window.latest is None:
        return True
    return window.latest >= partial_date_bounds(exc.since)[0]


def _excepted(scope: ProvisionScope, category: Category | None, party: str, window: Window) -> bool:
    return any(_exception_applies(exc, category, party, window) for exc in scope.exceptions)


def _what_matched(
    dataset: Dataset, scope: ProvisionScope, event: TransferEvent, party: str, window: Window
) -> list[str] | None:
    """Descriptions of what falls in scope, or None if nothing does."""
    statement = event.statement
    if isinstance(statement, ShipmentStatement):
        hits = []
        for item in statement.items:
            weapon = dataset.weapon_systems[item.weapon]
            category = weapon.category
            if category in scope.categories and not _excepted(scope, category, party, window):
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
        if _excepted(scope, related, party, window):
            return None
        about = f" related to {label(related)}" if related else ""
        return [f"{label(statement.assistance)}{about}: {statement.subject}"]
    if isinstance(statement, DeploymentStatement):
        if statement.personnel not in scope.personnel_kinds or _excepted(
            scope, None, party, window
        ):
            return None
        return [label(statement.personnel)]
    return None


# --- the verdict ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Lapse:
    """An event that matches a provision in every respect but its dates: no breach, and why."""

    provision: str
    resolution: str
    event: str
    explanation: str
    in_force: tuple[str, ...]


def provision_label(dataset: Dataset, provision: Provision) -> str:
    resolution = dataset.resolutions.get(provision.resolution)
    symbol = resolution.symbol if resolution else provision.resolution
    return f"{symbol} {provision.paragraph}"


def party_name(dataset: Dataset, party: str) -> str:
    known = dataset.states.get(party)
    return known.name if known else party


def _periods_text(periods: list[InForce]) -> str:
    return "; ".join(
        p.describe() + (f" (ended by {p.ended_by})" if p.ended_by and p.end else "")
        for p in periods
    )


def in_force_during(scope: ProvisionScope, window: Window) -> list[InForce]:
    """The scope's periods in force that the window meets."""
    return [p for p in scope.in_force if window.overlaps(p.earliest, p.latest_end)]


def _violators(scope: ProvisionScope, event: TransferEvent) -> list[str]:
    roles = {Role.SUPPLIER: event.supplier, Role.RECIPIENT: event.recipient}
    return sorted({roles[r] for r in scope.obligated})


def assess(
    dataset: Dataset,
    provision: Provision,
    scope: ProvisionScope,
    event: TransferEvent,
    *,
    lapse_only: bool = False,
) -> Breach | Lapse | None:
    """The breach the event is of the provision, or why it is none though it matches in
    all but dates (a ``Lapse``); ``lapse_only``: None instead of a breach (the API's
    not-in-force list asks every hop's event, and a breach is its dearest verdict)."""
    if event.kind not in scope.event_kinds:
        return None
    found = bearing(dataset, scope, event)
    if found is None:
        return None
    window = event_window(event)
    dated_by = "period"
    if window is None:
        # The source gives no date: the event took place no later than it was first reported.
        window, dated_by = _reported_window(dataset, event), "reported"
    matched = _what_matched(dataset, scope, event, found.party, window)
    if matched is None:
        return None
    periods = in_force_during(scope, window)
    if periods and lapse_only:
        return None
    supplier, recipient = (party_name(dataset, p) for p in (event.supplier, event.recipient))
    when = window.text()
    if dated_by == "reported":
        when = f"no date given; reported by {when.split(' to ')[1]}"
    what = (
        f"{label(event.kind).capitalize()} from {supplier} to {recipient} ({when}) of "
        f"{', '.join(matched)}"
    )
    towards = f"{label(found.direction)} {party_name(dataset, found.target)}"
    if not periods:
        return Lapse(
            provision=provision.id,
            resolution=provision.resolution,
            event=event.id,
            explanation=(
                f"{what} would fall under {provision_label(dataset, provision)} ({towards}), "
                f"but it was not in force at that time: it applied "
                f"{_periods_text(scope.in_force)}."
            ),
            in_force=tuple(p.describe() for p in scope.in_force),
        )
    explanation = (
        f"{what} falls under {provision_label(dataset, provision)} ({towards}, in force "
        f"{_periods_text(periods)}); obligation on the "
        f"{' and '.join(label(r) for r in scope.obligated)}."
    )
    if provision.paragraph_status is VerificationStatus.UNVERIFIED:
        explanation += " The paragraph number is not verified against the resolution text."
    if scope.unchecked_conditions:
        explanation += (
            " Not checked (the data cannot tell): " + "; ".join(scope.unchecked_conditions) + "."
        )
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
            "direction": found.direction.value,
            "target": found.target,
            "items": matched,
            "event_period": window.text(),
            "dated_by": dated_by,
            "in_force": [p.describe() for p in periods],
            "in_force_from": scope.effective_from.isoformat(),
            "in_force_until": scope.effective_until.isoformat() if scope.effective_until else None,
            "unchecked_conditions": scope.unchecked_conditions,
        },
    )
