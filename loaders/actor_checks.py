"""Checks of the actors a claim names that need the claim around them.

- A historical state named for a period after it ceased to exist (the Soviet Union in
  2015), or an actor before it existed, is an error: the dates are the actor's own,
  with the source they come from (``validity_basis``).
- An actor that stands on one side only (``unknown-supplier``) on the other side.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from armsgraph.core.dates import partial_date_bounds
from armsgraph.core.errors import Problem
from armsgraph.core.model import Actor, Claim, Period, Role
from armsgraph.core.names import Gazetteer
from armsgraph.loaders.yaml_reader import YamlDocument

Location = list[int | str]


def _named(claim: Claim, index: int) -> Iterator[tuple[Location, str, Role | None]]:
    """(location in the file, actor id, the role it plays) for every actor the claim names."""
    for kind in ("shipment", "deployment", "assistance"):
        statement = getattr(claim, kind)
        if statement is not None:
            yield ["claims", index, kind, "supplier"], statement.supplier, Role.SUPPLIER
            yield ["claims", index, kind, "recipient"], statement.recipient, Role.RECIPIENT
    if claim.breach is not None:
        for j, state in enumerate(claim.breach.states):
            yield ["claims", index, "breach", "states", j], state, None


def _outside(actor: Actor, period: Period | None) -> str | None:
    if period is None:
        return None
    earliest, latest = period.earliest, period.latest
    if actor.valid_until and earliest and earliest > partial_date_bounds(actor.valid_until)[1]:
        return (
            f"{actor.name} ({actor.id}) existed until {actor.valid_until} "
            f"({actor.validity_basis}); the period starts {_day(earliest)}"
        )
    if actor.valid_from and latest and latest < partial_date_bounds(actor.valid_from)[0]:
        return (
            f"{actor.name} ({actor.id}) existed from {actor.valid_from} "
            f"({actor.validity_basis}); the period ends {_day(latest)}"
        )
    return None


def _day(day: dt.date) -> str:
    return day.isoformat()


def actor_problems(doc: YamlDocument, claims: list[Claim], gazetteer: Gazetteer) -> list[Problem]:
    problems = []
    for i, claim in enumerate(claims):
        period = claim.event.period if claim.event else None
        for loc, ident, role in _named(claim, i):
            actor = gazetteer.states.get(ident)
            if actor is None:
                continue
            if actor.only_as and role and role is not actor.only_as:
                problems.append(
                    doc.problem(
                        loc,
                        f"{actor.name} ({actor.id}) stands for the {actor.only_as.value} only, "
                        f"not the {role.value}",
                    )
                )
            outside = _outside(actor, period)
            if outside:
                problems.append(doc.problem(loc, outside))
    return problems
