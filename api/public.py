"""Public shapes made from domain models: the small conversions ``GraphService`` uses."""

from __future__ import annotations

from typing import Any

from armsgraph.api.schemas import (
    BreachPublic,
    ClaimChangePublic,
    LoadResult,
    SourcePublic,
    StatePublic,
)
from armsgraph.core.model import Actor, Claim, Source
from armsgraph.core.replace import VersionReport


def load_result(report: VersionReport, received: int) -> LoadResult:
    changes = [
        ClaimChangePublic(
            op=line.op, source=line.source, identity=line.label, new=line.new, old=line.old
        )
        for diff in report.change.diffs
        for line in diff.changes
    ]
    totals = report.totals()
    return LoadResult(
        claims_received=received,
        changed=report.changed,
        counts=report.counts,
        added=totals["added"],
        changed_claims=totals["changed"],
        retracted=totals["retracted"],
        breaches_written=totals["breaches_written"],
        breaches_retracted=totals["breaches_retracted"],
        changes=changes,
    )


def rest_on(breach: BreachPublic) -> set[str]:
    return {c.id for c in breach.claims}


def claim_fields(claim: Claim) -> dict[str, Any]:
    return claim.model_dump(
        include={
            "key",
            "asserted_by",
            "quote",
            "quote_kind",
            "locator",
            "confidence",
            "reliability",
            "credibility",
            "grade_basis",
            "reported",
        }
    ) | {"id": claim.id, "record": claim.record}


def state_public(state: Actor) -> StatePublic:
    return StatePublic.model_validate(state.model_dump(include=set(StatePublic.model_fields)))


def source_public(source: Source) -> SourcePublic:
    return SourcePublic.model_validate(source.model_dump(include=set(SourcePublic.model_fields)))
