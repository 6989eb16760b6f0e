"""The Neo4j Browser guide over the saved queries (``:guide http://HOST:PORT/browser-guide``)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from armsgraph.graph.browser_guide import GUIDE_PATH, guide_html

router = APIRouter(tags=["meta"])


@router.get(
    GUIDE_PATH,
    response_class=HTMLResponse,
    summary="Neo4j Browser guide: the saved queries, one slide and one click each",
    description="Open it in Neo4j Browser with `:guide http://127.0.0.1:8000/browser-guide`. "
    "Browser fetches it from its own origin, hence the CORS header.",
)
def browser_guide() -> HTMLResponse:
    # Public, read-only content: any Browser origin may load it.
    return HTMLResponse(guide_html(), headers={"Access-Control-Allow-Origin": "*"})
