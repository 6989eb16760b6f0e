"""Errors as application/problem+json (RFC 9457), mapped from our exceptions in one place."""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException
from starlette.routing import Match

from armsgraph.core.errors import (
    ArmsgraphError,
    BusyError,
    ConflictError,
    DataError,
    NotAcceptableError,
    NotAvailableError,
    NotFoundError,
    QueryRefusedError,
    QueryTimeoutError,
    StoreError,
    UnknownNameError,
)

PROBLEM = "application/problem+json"
log = logging.getLogger("armsgraph.api")


class Unauthorized(ArmsgraphError):
    pass


class ProblemDetail(BaseModel):
    type: str = "about:blank"
    title: str
    status: int
    detail: str
    errors: list[dict[str, Any]] = []
    suggestions: list[str] = []


def problem(
    status: int, title: str, detail: str, headers: dict[str, str] | None = None, **extra: Any
) -> JSONResponse:
    body = ProblemDetail(title=title, status=status, detail=detail, **extra)
    return JSONResponse(body.model_dump(), status_code=status, media_type=PROBLEM, headers=headers)


# Exception class -> (status, title); the first match in this order wins.
_STATUS: list[tuple[type[Exception], int, str]] = [
    (UnknownNameError, 404, "Unknown name"),
    (NotFoundError, 404, "Not found"),
    (ConflictError, 409, "Conflict"),
    (DataError, 422, "Invalid data"),
    (QueryTimeoutError, 504, "Query took too long"),
    (NotAcceptableError, 406, "Not acceptable"),
    (QueryRefusedError, 400, "Query refused"),
    (BusyError, 503, "Busy"),
    (Unauthorized, 401, "Unauthorized"),
    (NotAvailableError, 501, "Not available for this store"),
    (StoreError, 503, "Store unavailable"),
]


def _documented(title: str) -> dict[str, Any]:
    schema = {"$ref": "#/components/schemas/ProblemDetail"}
    return {"model": ProblemDetail, "content": {PROBLEM: {"schema": schema}}, "description": title}


# status -> its OpenAPI response; the first title of a status names it.
RESPONSES: dict[int | str, dict[str, Any]] = {}
for _, _status, _title in _STATUS:
    RESPONSES.setdefault(_status, _documented(_title))
RESPONSES |= {
    413: _documented("Request body too large"),
    414: _documented("URI too long"),
    500: _documented("Internal error"),
}
# What any operation may answer: a bad parameter, the request limits, a crash.
COMMON_RESPONSES: dict[int | str, dict[str, Any]] = {
    code: RESPONSES[code] for code in (413, 414, 422, 500)
}


def install(app: FastAPI) -> None:
    async def on_error(request: Request, exc: Exception) -> JSONResponse:
        for cls, status, title in _STATUS:
            if isinstance(exc, cls):
                extra: dict[str, Any] = {}
                if isinstance(exc, UnknownNameError):
                    extra["suggestions"] = exc.suggestions
                if isinstance(exc, DataError):
                    extra["errors"] = [
                        {"file": p.file, "line": p.line, "field": p.field, "message": p.message}
                        for p in exc.problems
                    ]
                return problem(status, title, str(exc), **extra)
        return await on_crash(request, exc)

    async def on_crash(request: Request, exc: Exception) -> JSONResponse:
        # The traceback goes to the server's log, never to the client.
        log.error("%s %s failed", request.method, request.url.path, exc_info=exc)
        return problem(500, "Internal error", "the server failed; the error is logged")

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            allowed = _allowed_methods(request)
            headers["Allow"] = ", ".join(allowed)
            if request.method == "OPTIONS":
                return Response(status_code=204, headers=headers)
        title = HTTPStatus(exc.status_code).phrase
        detail = exc.detail if isinstance(exc.detail, str) else title
        return problem(exc.status_code, title, detail, headers=headers)

    async def on_validation(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        errors = [
            {"field": ".".join(str(p) for p in e["loc"]), "message": e["msg"]} for e in exc.errors()
        ]
        detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors)
        return problem(422, "Invalid request", detail, errors=errors)

    app.add_exception_handler(ArmsgraphError, on_error)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(HTTPException, on_http)
    app.add_exception_handler(Exception, on_crash)


def _allowed_methods(request: Request) -> list[str]:
    """Methods of every route at this path (Starlette names only the first route's)."""
    allowed = {"OPTIONS"}
    for method in ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"):
        scope = {**request.scope, "method": method}
        if any(r.matches(scope)[0] == Match.FULL for r in request.app.router.routes):
            allowed.add(method)
    return sorted(allowed)
