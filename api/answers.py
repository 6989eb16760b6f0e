"""Answers to read requests kept per store state, with ETags and 304 (issue 16).

A pure ASGI middleware in front of every router, so no endpoint caches on its own. For a
GET on one of ``CACHED_PATHS`` it reads the store's state token first (``Store.state``:
every write replaces it after its last commit; Neo4j keeps it in the database, so a
write by another process or an ``armsgraph neo4j import`` is seen on the next request),
then answers from the answers kept under (state, path, query, Accept), or computes the
answer and keeps it. An answer computed after reading a token is never older than that
token, so nothing kept can outlive a write.

Every answer on those paths carries a strong ETag (a hash of its body) and
``Cache-Control: no-cache``: clients may keep it but must ask again each time, because a
write can come at any moment; ``If-None-Match`` with the current ETag is answered 304.
With the cache turned off (``ARMSGRAPH_ANSWER_CACHE_MB=0``) ETags and 304 still work;
the answer is computed first.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections import OrderedDict
from dataclasses import dataclass

import anyio.to_thread
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from armsgraph.core.store import Store

# The read endpoints whose answers depend on nothing but the store and the request URL
# (and Accept). /health and /changes (which says "until now") are left out.
CACHED_PATHS = (
    "/paths",
    "/shipments",
    "/transfers",
    "/states",
    "/network",
    "/labels",
    "/breaches",
    "/claims",
    "/sources",
    "/sparql",
    "/reconcile",
)
CACHE_CONTROL = "no-cache"
VARY = "Accept"
# One answer may take at most this share of the cache (a huge SPARQL result is not kept).
LARGEST_SHARE = 4

Key = tuple[str, bytes, bytes, bytes]
# The scope key under which an outer middleware passes the state it read for this request.
STATE_READ = "armsgraph.state"


def cached_path(path: str) -> bool:
    return any(path == p or path.startswith(p + "/") for p in CACHED_PATHS)


def etag_of(body: bytes) -> str:
    return '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'


def matches(if_none_match: str | None, etag: str) -> bool:
    """RFC 9110 weak comparison, as If-None-Match asks."""
    if not if_none_match:
        return False
    tags = [t.strip() for t in if_none_match.split(",")]
    return "*" in tags or etag in (t.removeprefix("W/") for t in tags)


@dataclass(frozen=True)
class Answer:
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes
    etag: str

    @property
    def size(self) -> int:
        """Bytes it holds, with a rough allowance for the objects around them."""
        return len(self.body) + sum(len(k) + len(v) for k, v in self.headers) + 200


class StateReads:
    """Reads of ``store.state()`` shared by the requests that wait for them, so that 8
    clients cost one Neo4j round trip, not 8. A request joins the next read that *starts*
    after it arrived (never one already under way), so the token it gets is never older
    than its arrival. Runs on the event loop only."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.loop = asyncio.get_running_loop()
        self._next: asyncio.Future[str | None] | None = None
        self._reading = False
        self._task: asyncio.Task[None] | None = None  # held: the loop keeps only a weak one

    async def read(self) -> str | None:
        if self._next is None:
            self._next = self.loop.create_future()
            if not self._reading:
                self._reading = True
                self._task = self.loop.create_task(self._serve())
        return await asyncio.shield(self._next)

    async def _serve(self) -> None:
        try:
            while self._next is not None:
                waiting, self._next = self._next, None  # later arrivals wait for the next read
                try:
                    waiting.set_result(await anyio.to_thread.run_sync(self.store.state))
                except Exception as exc:  # every waiter sees it; the endpoint reports it
                    waiting.set_exception(exc)
        finally:
            self._reading = False


class AnswerCache:
    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self._kept: OrderedDict[Key, Answer] = OrderedDict()  # least recently used first
        self._size = 0
        self._reads: StateReads | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or not cached_path(scope["path"]):
            await self.app(scope, receive, send)
            return
        request = Headers(scope=scope)
        key = await self._key(scope, request)
        kept = self._kept.get(key) if key else None
        if kept is not None:
            self._kept.move_to_end(key)  # type: ignore[arg-type]  # key is set when kept is
            await _send(send, kept, request.get("if-none-match"), b"hit")
            return
        answer = await compute(self.app, scope, receive)
        if answer.status == 200 and key is not None:
            self._keep(key, answer)
        await _send(send, answer, request.get("if-none-match"), b"miss")

    async def _key(self, scope: Scope, request: Headers) -> Key | None:
        store: Store | None = getattr(scope["app"].state, "store", None)
        if store is None or self.max_bytes <= 0:
            return None
        if STATE_READ in scope:  # read by ``api.consistent_reads`` for this attempt
            state = scope[STATE_READ]
        else:
            reads = self._reads
            loop = asyncio.get_running_loop()  # one per server; tests may run a loop each
            if reads is None or reads.store is not store or reads.loop is not loop:
                self._reads = reads = StateReads(store)
            try:
                state = await reads.read()
            except Exception:  # the endpoint reports the store's failure in its own answer
                return None
        if state is None:
            return None
        accept = request.get("accept", "").encode()
        return (state, scope["path"].encode(), scope.get("query_string", b""), accept)

    def _keep(self, key: Key, answer: Answer) -> None:
        if answer.size > self.max_bytes // LARGEST_SHARE:
            return
        self._kept[key] = answer
        self._size += answer.size
        while self._size > self.max_bytes and self._kept:
            _, dropped = self._kept.popitem(last=False)
            self._size -= dropped.size


async def compute(app: ASGIApp, scope: Scope, receive: Receive) -> Answer:
    """The whole answer of ``app``, kept instead of sent."""
    status = 500
    headers: list[tuple[bytes, bytes]] = []
    parts: list[bytes] = []

    async def collect(message: Message) -> None:
        nonlocal status, headers
        if message["type"] == "http.response.start":
            status = message["status"]
            headers = list(message.get("headers", []))
        elif message["type"] == "http.response.body":
            parts.append(message.get("body", b""))

    await app(scope, receive, collect)
    body = b"".join(parts)
    return Answer(status, headers, body, etag_of(body))


async def send_as_computed(send: Send, answer: Answer) -> None:
    await _respond(send, answer.status, MutableHeaders(raw=list(answer.headers)), answer.body)


async def _send(send: Send, answer: Answer, if_none_match: str | None, cache: bytes) -> None:
    headers = MutableHeaders(raw=list(answer.headers))
    if answer.status != 200:
        await _respond(send, answer.status, headers, answer.body)
        return
    headers["etag"] = answer.etag
    headers["cache-control"] = CACHE_CONTROL
    headers["vary"] = VARY
    headers["x-cache"] = cache.decode()
    if matches(if_none_match, answer.etag):
        del headers["content-length"]
        del headers["content-type"]
        await _respond(send, 304, headers, b"")
        return
    await _respond(send, 200, headers, answer.body)


async def _respond(send: Send, status: int, headers: MutableHeaders, body: bytes) -> None:
    await send({"type": "http.response.start", "status": status, "headers": headers.raw})
    await send({"type": "http.response.body", "body": body})
