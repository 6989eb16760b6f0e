"""W3C Reconciliation API (what OpenRefine speaks) for states, weapon systems and actors.

``GET /reconcile`` is the service manifest; ``GET`` or ``POST /reconcile`` with the form field
``queries`` (JSON ``{"q0": {"query": "...", "type": "State", "limit": 3}}``, OpenRefine's
batch) answers ``{"q0": {"result": [{"id", "name", "score", "match", "type"}]}}``;
``/reconcile/suggest/entity?prefix=`` serves the suggest box. Matching is in
``core/reconcile.py``, on top of the entity resolution the rest of the API uses.
"""

from __future__ import annotations

import json
from typing import Annotated, Any
from urllib.parse import parse_qs

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import JSONResponse

from armsgraph.api.deps import ServiceDep
from armsgraph.api.problems import RESPONSES
from armsgraph.core.reconcile import TYPES, Candidate, Reconciler

router = APIRouter(prefix="/reconcile", tags=["reconciliation"], responses={400: RESPONSES[400]})

MAX_QUERIES = 100  # OpenRefine sends batches of 10 by default
MAX_LIMIT = 50
ID_SPACE = "https://w3id.org/armsgraph/id/"
SCHEMA_SPACE = "https://w3id.org/armsgraph/ontology#"
# OpenRefine calls from its server, but browser clients of the API need CORS.
CORS = {"Access-Control-Allow-Origin": "*"}
_TYPE_PATTERN = f"^({'|'.join(TYPES)})?$"


def _reconciler(service: ServiceDep) -> Reconciler:
    publishers = [s.publisher for s in service.store.get_sources()]
    return Reconciler(service.gazetteer, publishers)


def _type(value: object) -> str | None:
    """A query's type: our type id, or a {"id": ...} object; None means every type."""
    if isinstance(value, dict):
        value = value.get("id")
    if value is None or value == "":
        return None
    if value not in TYPES:
        raise HTTPException(400, f"unknown type {value!r}; use one of {', '.join(TYPES)}")
    return str(value)


def _result(c: Candidate) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": c.id, "name": c.name, "score": c.score, "match": c.match,
        "type": [{"id": c.type, "name": TYPES[c.type]}],
    }  # fmt: skip
    if c.description:
        out["description"] = c.description
    return out


def _answer(reconciler: Reconciler, raw: str) -> dict[str, Any]:
    try:
        queries = json.loads(raw)
    except ValueError as exc:
        raise HTTPException(400, f"queries: not JSON ({exc})") from None
    if not isinstance(queries, dict) or not queries:
        raise HTTPException(400, 'queries: expected an object such as {"q0": {"query": "..."}}')
    if len(queries) > MAX_QUERIES:
        raise HTTPException(400, f"queries: at most {MAX_QUERIES} in one batch")
    answers = {}
    for key, q in queries.items():
        if not isinstance(q, dict) or not isinstance(q.get("query"), str):
            raise HTTPException(400, f"queries.{key}.query: expected a string")
        limit = q.get("limit", 5)
        if not isinstance(limit, int) or isinstance(limit, bool) or not 1 <= limit <= MAX_LIMIT:
            raise HTTPException(400, f"queries.{key}.limit: expected 1 to {MAX_LIMIT}")
        found = reconciler.candidates(q["query"], _type(q.get("type")), limit)
        answers[key] = {"result": [_result(c) for c in found]}
    return answers


def _manifest(request: Request) -> dict[str, Any]:
    service_url = str(request.url_for("reconcile_get"))
    return {
        "versions": ["0.2"],
        "name": "armsgraph: states, weapon systems and actors of arms transfers",
        "identifierSpace": ID_SPACE,
        "schemaSpace": SCHEMA_SPACE,
        "defaultTypes": [{"id": k, "name": v} for k, v in TYPES.items()],
        "suggest": {
            "entity": {"service_url": service_url, "service_path": "/suggest/entity"},
        },
        "batchSize": 10,
    }


@router.get("", name="reconcile_get", summary="Service manifest, or answers to `queries`")
def reconcile_get(
    request: Request,
    service: ServiceDep,
    queries: Annotated[str | None, Query(max_length=100_000)] = None,
) -> JSONResponse:
    if queries is None:
        return JSONResponse(_manifest(request), headers=CORS)
    return JSONResponse(_answer(_reconciler(service), queries), headers=CORS)


_TYPE_ID = {"anyOf": [{"enum": [*TYPES, ""]}, {"type": "null"}]}
# The batch itself, as the JSON body: what `_answer` accepts, so a schema-valid batch answers.
_BATCH = {
    "type": "object",
    "minProperties": 1,
    "maxProperties": MAX_QUERIES,
    "additionalProperties": {
        "type": "object",
        "required": ["query"],
        "properties": {
            "query": {"type": "string"},
            "limit": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT},
            "type": {"anyOf": [_TYPE_ID, {"type": "object", "properties": {"id": _TYPE_ID}}]},
        },
    },
    "example": {"q0": {"query": "Pyongyang", "type": "State", "limit": 3}},
}
_QUERIES = {
    "type": "string",
    "minLength": 1,
    "description": 'A JSON object of queries, e.g. {"q0": {"query": "Pyongyang", "type": "State"}}',
}


@router.post(
    "",
    summary="Answers to a batch of queries (form field `queries`, as OpenRefine)",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/x-www-form-urlencoded": {
                    "schema": {
                        "type": "object",
                        "properties": {"queries": _QUERIES},
                        "required": ["queries"],
                    }
                },
                "application/json": {"schema": _BATCH},
            },
        }
    },
)
async def reconcile_post(request: Request, service: ServiceDep) -> JSONResponse:
    body = (await request.body()).decode("utf-8", "replace")
    if request.headers.get("content-type", "").startswith("application/json"):
        raw = body
    else:
        fields = parse_qs(body, keep_blank_values=True)
        if "queries" not in fields:
            raise HTTPException(400, "expected the form field `queries` (JSON)")
        raw = fields["queries"][0]
    return JSONResponse(_answer(_reconciler(service), raw), headers=CORS)


@router.get("/suggest/entity", summary="Suggest entities for a prefix (OpenRefine's box)")
def suggest_entity(
    service: ServiceDep,
    prefix: Annotated[str, Query(min_length=1, max_length=200)],
    type: Annotated[str | None, Query(pattern=_TYPE_PATTERN)] = None,  # the protocol's name
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 10,
) -> JSONResponse:
    found = _reconciler(service).suggest(prefix, _type(type), limit)
    result = [{"id": c.id, "name": c.name, "description": c.description or TYPES[c.type]}
              for c in found]  # fmt: skip
    return JSONResponse({"result": result}, headers=CORS)
