"""Dependencies declared once, used as Annotated aliases by the routers."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, Header, Request

from armsgraph.api.problems import Unauthorized
from armsgraph.api.service import GraphService
from armsgraph.core.settings import Settings
from armsgraph.core.store import Store


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def get_service(request: Request) -> GraphService:
    service: GraphService = request.app.state.service
    return service


def require_api_key(
    settings: Annotated[Settings, Depends(get_settings)],
    x_api_key: Annotated[str | None, Header(description="The key in ARMSGRAPH_API_KEY.")] = None,
) -> None:
    expected = settings.api_key.get_secret_value() if settings.api_key else None
    # Compared as bytes: compare_digest refuses str with non-ASCII characters.
    given = (x_api_key or "").encode("utf-8", "surrogateescape")
    if not expected or not given or not secrets.compare_digest(expected.encode(), given):
        raise Unauthorized("a valid X-API-Key header is required (ARMSGRAPH_API_KEY)")


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[Store, Depends(get_store)]
ServiceDep = Annotated[GraphService, Depends(get_service)]
ApiKeyDep = Annotated[None, Depends(require_api_key)]
