"""Dependencies declared once, used as Annotated aliases by the routers."""

from __future__ import annotations

import secrets
import threading
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Query, Request, Security
from fastapi.security import APIKeyHeader

from armsgraph.api.params import Day, MinCredibility, MinReliability
from armsgraph.api.problems import Unauthorized
from armsgraph.api.service import GraphService
from armsgraph.core.access import access
from armsgraph.core.errors import BusyError
from armsgraph.core.grading import GradeFilter
from armsgraph.core.settings import Settings
from armsgraph.core.store import Store


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def reading(request: Request) -> Iterator[None]:
    """The whole request sees the store before a write or after it (``core.access``)."""
    with access(request.app.state.store).reading():
        yield


def get_store(request: Request, _: Annotated[None, Depends(reading)]) -> Store:
    store: Store = request.app.state.store
    return store


def get_service(request: Request, _: Annotated[None, Depends(reading)]) -> GraphService:
    service: GraphService = request.app.state.service
    return service


def get_view_service(
    request: Request,
    _: Annotated[None, Depends(reading)],
    min_reliability: MinReliability = None,
    min_credibility: MinCredibility = None,
    as_of: Annotated[
        Day | None,
        Query(
            description="Answer with the claims the store held at the end of this day (UTC): "
            "knowledge time, not the period the transfers happened (that is since/until)."
        ),
    ] = None,
) -> Iterator[GraphService]:
    """The service, or one over a snapshot: as known on ``as_of``, then only the claims
    graded at least ``min_reliability`` / ``min_credibility``."""
    service: GraphService = request.app.state.service
    grades = GradeFilter(min_reliability, min_credibility)
    snapshots: list[GraphService] = []
    try:
        if as_of is not None:
            snapshots.append(service.as_of(as_of))
        if grades.active:
            snapshots.append((snapshots[-1] if snapshots else service).graded(grades))
        yield snapshots[-1] if snapshots else service
    finally:
        for snapshot in snapshots:
            snapshot.store.close()


def get_writer(request: Request) -> GraphService:
    """The service for a write: no read access, the ingestion path takes the write lock."""
    service: GraphService = request.app.state.service
    return service


def heavy(request: Request) -> Iterator[None]:
    """At most ``max_heavy_queries`` path searches and SPARQL/Cypher queries at once; more
    are refused (503) instead of queueing behind them and blocking every other request."""
    slots: threading.BoundedSemaphore = request.app.state.heavy_slots
    if not slots.acquire(blocking=False):
        raise BusyError("too many heavy queries are running; try again in a few seconds")
    try:
        yield
    finally:
        slots.release()


# A security scheme, so OpenAPI clients (and schemathesis) know which operations need it.
_API_KEY = APIKeyHeader(
    name="X-API-Key", description="The key in ARMSGRAPH_API_KEY.", auto_error=False
)


def require_api_key(
    settings: Annotated[Settings, Depends(get_settings)],
    x_api_key: Annotated[str | None, Security(_API_KEY)] = None,
) -> None:
    expected = settings.api_key.get_secret_value() if settings.api_key else None
    # Compared as bytes: compare_digest refuses str with non-ASCII characters.
    given = (x_api_key or "").encode("utf-8", "surrogateescape")
    if not expected or not given or not secrets.compare_digest(expected.encode(), given):
        raise Unauthorized("a valid X-API-Key header is required (ARMSGRAPH_API_KEY)")


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[Store, Depends(get_store)]
ServiceDep = Annotated[GraphService, Depends(get_service)]
ViewServiceDep = Annotated[GraphService, Depends(get_view_service)]


WriterDep = Annotated[GraphService, Depends(get_writer)]
HeavyDep = Annotated[None, Depends(heavy)]
ApiKeyDep = Annotated[None, Depends(require_api_key)]
