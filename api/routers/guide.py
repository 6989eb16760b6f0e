"""The Neo4j Browser guide over the saved queries (``:guide http://HOST:PORT/browser-guide``)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response

from armsgraph.graph.browser_guide import GUIDE_PATH, guide_html

router = APIRouter(tags=["meta"])

# Public, read-only content: any Browser origin may load it, with the headers Browser sends.
CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, OPTIONS",
    "Access-Control-Allow-Headers": "Cache-Control, Pragma",
    "Access-Control-Max-Age": "600",
}


@router.get(
    GUIDE_PATH,
    response_class=HTMLResponse,
    summary="Neo4j Browser guide: the saved queries, one slide and one click each",
    description="Open it in Neo4j Browser with `:guide http://127.0.0.1:8000/browser-guide`. "
    "Browser fetches it from its own origin, hence the CORS header.",
)
def browser_guide() -> HTMLResponse:
    return HTMLResponse(guide_html(), headers=CORS)


@router.options(GUIDE_PATH, include_in_schema=False)
def browser_guide_preflight() -> Response:
    """Browser sends Cache-Control and Pragma with the fetch, so it asks first."""
    return Response(status_code=204, headers=CORS)
