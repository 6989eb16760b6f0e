"""What the investigator's page asks besides paths: the network and the vocabulary labels."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from armsgraph.api.deps import HeavyDep, ViewServiceDep
from armsgraph.api.params import CategoryQ, Since, Until
from armsgraph.api.problems import RESPONSES
from armsgraph.api.schemas import NetworkPublic
from armsgraph.core.labels import vocabularies
from armsgraph.core.model import EventKind
from armsgraph.core.store import NetworkQuery

router = APIRouter(tags=["page"], responses={422: RESPONSES[422]})


@router.get(
    "/network",
    response_model=NetworkPublic,
    summary="Transfers aggregated per supplier->recipient pair",
    description="One edge per pair, counted in the store (never a list of events), busiest "
    "pairs first; `more` says how many pairs the cap left out. The filters are those of "
    "`/transfers` (with `as_of`, `min_reliability` and `min_credibility`); the evidence "
    "behind an edge is `/transfers?supplier=<supplier>&recipient=<recipient>`.",
)
def get_network(
    _heavy: HeavyDep,
    service: ViewServiceDep,
    kind: EventKind | None = None,
    category: CategoryQ = None,
    since: Since = None,
    until: Until = None,
    limit: Annotated[int, Query(ge=1, le=2000, description="At most this many pairs.")] = 150,
) -> NetworkPublic:
    return service.network(NetworkQuery(kind, category, since, until, limit))


@router.get(
    "/labels",
    response_model=dict[str, dict[str, str]],
    summary="Human-readable labels of every vocabulary",
    description="{vocabulary: {value: label}}, e.g. `Category.III_large_calibre_artillery` is "
    "'large-calibre artillery, UN Register category III'.",
)
def get_labels() -> dict[str, dict[str, str]]:
    return vocabularies()
