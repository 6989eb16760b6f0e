"""The FastAPI application: `create_app()` wires settings, the store and the routers."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import uvicorn
from fastapi import FastAPI
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from armsgraph import __version__
from armsgraph.api import openapi, problems
from armsgraph.api.answers import AnswerCache
from armsgraph.api.consistent_reads import ConsistentReads
from armsgraph.api.deps import ServiceDep, StoreDep
from armsgraph.api.limits import RequestLimits
from armsgraph.api.routers import graph, guide, page, provenance, query, reconcile
from armsgraph.api.schemas import Health
from armsgraph.api.service import GraphService
from armsgraph.api.stores import open_store
from armsgraph.core.settings import Settings, load_settings
from armsgraph.core.store import Store

_STATIC = Path(__file__).parent / "static"
_HOME = _STATIC / "index.html"

DESCRIPTION = """
A sourced knowledge graph of arms transfers. Ask what flowed from one state to another
(`/paths?from=Pyongyang&to=Moscow`), which UN Security Council provisions it breached and
why (`/breaches`), and where every fact comes from (`/claims/{id}`, `/sources`).
Errors are `application/problem+json`.
"""


def server_config(app: FastAPI, host: str, port: int) -> uvicorn.Config:
    """How `armsgraph serve` runs the app. h11 reads request heads of up to 2 MiB, so a long
    URL gets a 414 problem from the app instead of a dropped connection."""
    return uvicorn.Config(app, host=host, port=port, h11_max_incomplete_event_size=2 * 1024**2)


def create_app(settings: Settings | None = None, store: Store | None = None) -> FastAPI:
    """Build the app. Pass ``store`` to serve an already open store (tests do)."""
    settings = settings or load_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = store is None
        app.state.store = store or open_store(settings)
        app.state.service = GraphService(app.state.store)
        try:
            yield
        finally:
            if owned:
                app.state.store.close()

    app = FastAPI(
        title="armsgraph",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        responses=problems.COMMON_RESPONSES,
    )
    app.state.settings = settings
    app.state.heavy_slots = threading.BoundedSemaphore(settings.max_heavy_queries)
    problems.install(app)
    openapi.install(app)
    app.add_middleware(AnswerCache, max_bytes=int(settings.answer_cache_mb * 2**20))
    app.add_middleware(ConsistentReads, wait_s=settings.read_wait_s)
    app.add_middleware(
        RequestLimits,
        max_body_bytes=settings.max_body_bytes,
        max_url_bytes=settings.max_url_bytes,
    )
    app.include_router(graph.router)
    app.include_router(provenance.router)
    app.include_router(query.router)
    app.include_router(page.router)
    app.include_router(guide.router)
    app.include_router(reconcile.router)

    # The page's own script and the npm copies under vendor/ (web/vendor.py): nothing else.
    app.mount("/static", StaticFiles(directory=_STATIC), name="static")

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home() -> str:
        return _HOME.read_text(encoding="utf-8")

    @app.get(
        "/context.jsonld",
        tags=["meta"],
        summary="The JSON-LD @context of exports",
        response_class=JSONResponse,
        responses={200: {"content": {"application/ld+json": {}}}},
    )
    def jsonld_context() -> JSONResponse:
        from armsgraph.ontology.jsonld import context

        return JSONResponse({"@context": context()}, media_type="application/ld+json")

    @app.get("/health", response_model=Health, tags=["meta"])
    def health(store: StoreDep, service: ServiceDep) -> Health:
        return Health(status="ok", store=store.name, counts=store.counts())

    return app
