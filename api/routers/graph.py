"""Path and transfer queries: what flowed from whom to whom, and what it breached."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from armsgraph.api.deps import HeavyDep, ServiceDep, ViewServiceDep
from armsgraph.api.params import CategoryQ, Since, TransferFilterQ, Until
from armsgraph.api.problems import RESPONSES
from armsgraph.api.schemas import PathsPublic, StatePublic, StatesPublic, TransfersPublic
from armsgraph.core.model import EventKind

router = APIRouter(tags=["graph"], responses={404: RESPONSES[404], 422: RESPONSES[422]})

StateName = Annotated[
    str,
    Query(
        min_length=1,
        max_length=200,
        description="A state: name, alias, capital or ISO code (Pyongyang, DPRK, PRK).",
    ),
]


def _end(alias: str, example: str) -> Any:
    return Query(
        alias=alias,
        min_length=1,
        max_length=200,
        examples=[example],
        description=f"{alias.capitalize()} (name, alias, code).",
    )


@router.get(
    "/paths",
    response_model=PathsPublic,
    response_model_by_alias=True,
    summary="Chains of transfers from one state to another",
    description="Each path lists its hops: the shipment, deployment or assistance, items and "
    "quantities (bounds and qualifiers as reported), period, the provisions it breached and "
    "why, and the claims behind it with source and quote.",
)
def get_paths(
    _heavy: HeavyDep,
    service: ViewServiceDep,
    source: Annotated[str, _end("from", "Pyongyang")],
    target: Annotated[str, _end("to", "Moscow")],
    max_hops: Annotated[int, Query(ge=1, le=4)] = 1,
    since: Since = None,
    until: Until = None,
    category: CategoryQ = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> PathsPublic:
    return service.paths(
        source, target, max_hops=max_hops, since=since, until=until, category=category, limit=limit
    )


@router.get("/shipments", response_model=TransfersPublic, summary="Shipments of materiel")
def get_shipments(service: ViewServiceDep, query: TransferFilterQ) -> TransfersPublic:
    return service.transfers(query, kind=EventKind.SHIPMENT)


@router.get(
    "/transfers",
    response_model=TransfersPublic,
    summary="Shipments, personnel deployments and assistance",
)
def get_transfers(
    service: ViewServiceDep, query: TransferFilterQ, kind: EventKind | None = None
) -> TransfersPublic:
    return service.transfers(query, kind=kind)


@router.get(
    "/states", response_model=StatesPublic, summary="The states and other actors the graph holds"
)
def get_states(service: ServiceDep) -> StatesPublic:
    states = service.states()
    return StatesPublic(count=len(states), states=states)


@router.get(
    "/states/{name}",
    response_model=StatePublic,
    summary="One state, by ISO code, name, alias or capital",
)
def get_state(service: ServiceDep, name: str) -> StatePublic:
    return service.state(name)
