"""Reads that see a shared store (Neo4j) before a write or after it, whichever process writes.

In one process ``core.access`` holds readers back while a write runs. A write by another
process (``armsgraph load`` beside the server, a second server) commits in several
transactions, and an answer reads in several too, so an answer could mix before and after.
Every write marks the store's state before its first commit and replaces the state token
after its last (``graph.writer_lock``), so this pure ASGI middleware, for each read request:

1. reads ``Store.state``; while a live writer's write is under way it waits (polling),
   for at most ``wait_s``, then answers 503 with ``Retry-After``;
2. computes the whole answer, kept instead of sent;
3. reads the state again: unchanged, nothing was committed in between, and the answer is
   sent; changed, a write began meanwhile, so the answer is thrown away and computed again.

Writes (``POST /claims``, ``DELETE``) pass through: they take the writer lock themselves.
Stores only this process opens (the embedded one) pass through too.
"""

from __future__ import annotations

import asyncio
import time

import anyio.to_thread
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from armsgraph.api.answers import STATE_READ, StateReads, compute, send_as_computed
from armsgraph.api.problems import problem
from armsgraph.core.store import Store

# POSTs that only read (a query or a batch too long for a URL).
READ_POSTS = ("/sparql", "/cypher", "/reconcile")
ATTEMPTS = 5  # answers computed before giving up on a store that changes under every one
POLL_S = 0.2


def is_read(scope: Scope) -> bool:
    method = scope["method"]
    if method in ("GET", "HEAD"):
        return True
    path: str = scope["path"]
    return method == "POST" and any(path == p or path.startswith(p + "/") for p in READ_POSTS)


class ConsistentReads:
    def __init__(self, app: ASGIApp, *, wait_s: float) -> None:
        self.app = app
        self.wait_s = wait_s
        self._reads: StateReads | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        store: Store | None = getattr(scope["app"].state, "store", None)
        if scope["type"] != "http" or store is None or not store.shared or not is_read(scope):
            await self.app(scope, receive, send)
            return
        replay = await _replayable(receive)
        for _ in range(ATTEMPTS):
            try:
                before = await self._settled(store)
            except _WriteTooLong:
                detail = (
                    f"another process has been writing to the store for over {self.wait_s:g} s; "
                    "try again when its load is over"
                )
                await problem(503, "Store busy", detail, {"Retry-After": "10"})(
                    scope, receive, send
                )
                return
            except Exception:  # the store is unreachable: the endpoint reports it
                await self.app(scope, replay(), send)
                return
            answer = await compute(self.app, {**scope, STATE_READ: before}, replay())
            if await self._state(store) == before:
                await send_as_computed(send, answer)
                return
        detail = f"the store changed while each of {ATTEMPTS} answers was computed; try again"
        await problem(503, "Store busy", detail, {"Retry-After": "1"})(scope, receive, send)

    async def _state(self, store: Store) -> str | None:
        loop = asyncio.get_running_loop()  # one per server; tests may run a loop per request
        reads = self._reads
        if reads is None or reads.store is not store or reads.loop is not loop:
            self._reads = reads = StateReads(store)
        return await reads.read()

    async def _settled(self, store: Store) -> str | None:
        """The state once no live writer is writing (``_WriteTooLong`` past ``wait_s``)."""
        deadline = time.monotonic() + self.wait_s
        while True:
            state = await self._state(store)
            if not await anyio.to_thread.run_sync(store.write_under_way, state):
                return state  # none, or its writer died midway: what it wrote is what there is
            if time.monotonic() > deadline:
                raise _WriteTooLong
            await asyncio.sleep(POLL_S)


class _WriteTooLong(Exception):
    pass


async def _replayable(receive: Receive) -> _ReplayFactory:
    messages: list[Message] = []
    try:
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request" or not message.get("more_body", False):
                break
    except Exception as exc:  # a body over the limit (``api.limits``): the endpoint's read
        return _ReplayFactory(messages, receive, exc)  # raises it, which answers 413
    return _ReplayFactory(messages, receive)


class _ReplayFactory:
    """A fresh ``receive`` per attempt, giving the request body again (or raising what
    reading it raised), then the real one (which reports the client's disconnect)."""

    def __init__(
        self, messages: list[Message], receive: Receive, failure: Exception | None = None
    ) -> None:
        self.messages = messages
        self.receive = receive
        self.failure = failure

    def __call__(self) -> Receive:
        pending = list(self.messages)

        async def replayed() -> Message:
            if pending:
                return pending.pop(0)
            if self.failure is not None:
                raise self.failure
            return await self.receive()

        return replayed
