"""Read-only query endpoints: SPARQL 1.1 Protocol (embedded store) and Cypher (Neo4j)."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from armsgraph.api.deps import HeavyDep, SettingsDep, StoreDep
from armsgraph.api.problems import RESPONSES
from armsgraph.core.errors import NotAvailableError, QueryRefusedError
from armsgraph.core.store import Store
from armsgraph.ontology.rdf_sparql import GRAPH_FORMATS, SELECT_FORMATS

router = APIRouter(
    tags=["query"],
    responses={code: RESPONSES[code] for code in (400, 406, 501, 503, 504)},
)

_EXAMPLE_SPARQL = (
    "PREFIX ag: <https://w3id.org/armsgraph/ontology#>\n"
    "SELECT ?s WHERE { ?s a ag:Shipment } LIMIT 10"
)


# What a query may answer: solutions (SELECT, ASK) or a graph (CONSTRUCT, DESCRIBE).
_RESULTS: dict[int | str, dict[str, Any]] = {
    200: {"content": {media: {} for media in (*SELECT_FORMATS, *GRAPH_FORMATS)}}
}


def _sparql(store: Store, query: str, accept: str, timeout: float) -> Response:
    if not store.supports_sparql:
        raise NotAvailableError(
            "SPARQL is served by the embedded store; start `armsgraph serve` "
            "without --store neo4j, or use /cypher"
        )
    body, media_type = store.sparql(query, accept or "application/sparql-results+json", timeout)
    return Response(content=body, media_type=media_type)


@router.get(
    "/sparql",
    summary="SPARQL 1.1 query (read-only, time-limited)",
    response_class=Response,
    responses=_RESULTS,
)
def sparql_get(
    _heavy: HeavyDep,
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    query: Annotated[str, Query(min_length=1, max_length=100_000, examples=[_EXAMPLE_SPARQL])],
) -> Response:
    return _sparql(store, query, request.headers.get("accept", ""), settings.query_timeout_s)


@router.post(
    "/sparql",
    summary="SPARQL 1.1 query by POST (form or application/sparql-query)",
    response_class=Response,
    responses=_RESULTS,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/sparql-query": {"schema": {"type": "string", "minLength": 1}},
                "application/x-www-form-urlencoded": {
                    "schema": {
                        "type": "object",
                        "properties": {"query": {"type": "string", "minLength": 1}},
                        "required": ["query"],
                    }
                },
            },
        }
    },
)
async def sparql_post(
    _heavy: HeavyDep, request: Request, store: StoreDep, settings: SettingsDep
) -> Response:
    content_type = request.headers.get("content-type", "").split(";")[0].strip()
    raw = (await request.body()).decode("utf-8", errors="replace")
    if content_type == "application/sparql-query":
        query = raw
    elif content_type == "application/x-www-form-urlencoded":
        form = parse_qs(raw)
        if "update" in form:
            raise QueryRefusedError("SPARQL updates are refused: this endpoint is read-only")
        query = (form.get("query") or [""])[0]
    else:
        raise QueryRefusedError(
            "send application/sparql-query or application/x-www-form-urlencoded (query=...)"
        )
    if not query.strip():
        raise QueryRefusedError("empty query")
    # Off the event loop: the query waits for its worker, and the server must go on serving.
    accept = request.headers.get("accept", "")
    return await run_in_threadpool(_sparql, store, query, accept, settings.query_timeout_s)


class CypherRequest(BaseModel):
    query: str = Field(
        min_length=1,
        max_length=100_000,
        examples=["MATCH (s:State {id: $id}) RETURN s.name AS name"],
    )
    parameters: dict[str, Any] = Field(default_factory=dict, examples=[{"id": "PRK"}])


class CypherResult(BaseModel):
    rows: list[dict[str, Any]]


@router.post(
    "/cypher",
    response_model=CypherResult,
    summary="Read-only Cypher against Neo4j (writes refused, time-limited)",
)
def cypher(
    _heavy: HeavyDep, body: CypherRequest, store: StoreDep, settings: SettingsDep
) -> CypherResult:
    if not store.supports_cypher:
        raise NotAvailableError("Cypher needs the Neo4j store: `armsgraph serve --store neo4j`")
    rows = store.run_read_cypher(body.query, body.parameters, settings.query_timeout_s)
    return CypherResult(rows=rows)
