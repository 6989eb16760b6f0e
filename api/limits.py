"""Limits on what one request may send: URL length (414) and body size (413).

A pure ASGI middleware, so a body is counted as it streams in: a client that sends no
Content-Length, or a wrong one, is stopped at the limit like one that declares it.
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from armsgraph.api.problems import problem


class RequestLimits:
    def __init__(self, app: ASGIApp, *, max_body_bytes: int, max_url_bytes: int) -> None:
        self.app = app
        self.max_body = max_body_bytes
        self.max_url = max_url_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        url = len(scope.get("raw_path") or b"") + len(scope.get("query_string") or b"")
        if url > self.max_url:
            detail = f"the URL has {url:,} bytes; at most {self.max_url:,} are read (use POST)"
            await problem(414, "URI too long", detail)(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body:
            await problem(413, "Content too large", self._too_large())(scope, receive, send)
            return
        await self.app(scope, self._counting(receive), send)

    def _too_large(self) -> str:
        return f"request bodies of at most {self.max_body:,} bytes are read"

    def _counting(self, receive: Receive) -> Receive:
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    # Raised inside the endpoint's body read, so it answers 413 problem+json.
                    raise HTTPException(413, self._too_large())
            return message

        return counted
