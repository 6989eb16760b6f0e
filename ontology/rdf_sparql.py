"""The read-only SPARQL endpoint over a pyoxigraph store.

A query is checked before it runs: updates (INSERT, DELETE, LOAD, CLEAR, DROP, CREATE,
ADD, MOVE, COPY, WITH) and federation (SERVICE, which would make the server fetch from
outside hosts) are refused by scanning the query's keywords outside strings, IRIs and
comments; the engine's own parser then rejects anything that is not a query. The query
runs in a worker thread; after ``timeout_s`` the caller gets ``QueryTimeoutError``.

pyoxigraph 0.5 cannot cancel a running query. The worker writes results through a writer
that fails as soon as the deadline passes (which stops streaming queries), and at most
``MAX_RUNNING`` queries (finished or timed out but still computing) run at once; more are
refused, so runaway queries cannot pile up. A thread cannot stop an aggregate or a sort
that computes without streaming: an on-disk store runs its queries in killable worker
processes instead (``sparql_workers``); this thread runner serves in-memory stores.
"""

from __future__ import annotations

import io
import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pyoxigraph import QueryBoolean, QueryResultsFormat, QuerySolutions, RdfFormat, Store

from armsgraph.core.errors import (
    BusyError,
    NotAcceptableError,
    QueryRefusedError,
    QueryTimeoutError,
)
from armsgraph.ontology.terms import PREFIXES

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

MAX_RUNNING = 8
MAX_RESULT_BYTES = 64 * 1024 * 1024


_UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
)
# What is not a keyword: comments, strings (long and short), IRIs, per the SPARQL grammar.
_NOT_KEYWORDS = re.compile(
    r"""\#[^\n\r]*
      | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
      | '''(?:[^'\\]|\\.|'(?!''))*'''
      | "(?:[^"\\\n\r]|\\.)*"
      | '(?:[^'\\\n\r]|\\.)*'
      | <[^<>"{}|^`\\\x00-\x20]*>""",
    re.VERBOSE | re.DOTALL,
)
# Words, including variables (?x), prefixed names (ex:a-b), language tags (@en) and blank
# node labels (_:b), so that only a bare keyword compares equal to one.
_WORD = re.compile(r"[?$@]?[A-Za-z0-9_:\-]+")
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")

SELECT_FORMATS = {
    "application/sparql-results+json": QueryResultsFormat.JSON,
    "application/json": QueryResultsFormat.JSON,
    "application/sparql-results+xml": QueryResultsFormat.XML,
    "application/xml": QueryResultsFormat.XML,
    "text/xml": QueryResultsFormat.XML,
    "text/csv": QueryResultsFormat.CSV,
    "text/tab-separated-values": QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {
    "text/turtle": RdfFormat.TURTLE,
    "application/n-triples": RdfFormat.N_TRIPLES,
    "application/ld+json": RdfFormat.JSON_LD,
    "application/rdf+xml": RdfFormat.RDF_XML,
}


def words(query: str) -> list[str]:
    """The bare words of a query in upper case and in order, outside comments, strings, IRIs."""
    # SPARQL resolves \\u escapes before parsing, so a keyword could hide behind them.
    unescaped = _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), query)
    code = _NOT_KEYWORDS.sub(" ", unescaped)
    return [w.upper() for w in _WORD.findall(code)]


def keywords(query: str) -> set[str]:
    return set(words(query))


def names_default_graph(query: str) -> bool:
    """Whether the query has its own ``FROM <g>`` (not only ``FROM NAMED``)."""
    found = words(query)
    return any(w == "FROM" and found[i + 1 : i + 2] != ["NAMED"] for i, w in enumerate(found))


def check_query(query: str) -> None:
    """Refuse updates and SERVICE before the engine sees the query."""
    words = keywords(query)
    updates = sorted(words & _UPDATE_KEYWORDS)
    if updates:
        raise QueryRefusedError(f"this endpoint is read-only: {', '.join(updates)} is refused")
    if "SERVICE" in words:
        raise QueryRefusedError("SERVICE (federated queries to other hosts) is refused")


def negotiate(accept: str, formats: Mapping[str, object], default: str) -> str:
    """The first media type in ``accept`` (by q-value, then order) that ``formats`` has."""
    ranked: list[tuple[float, int, str]] = []
    for i, item in enumerate(accept.split(",")):
        media, *params = (p.strip() for p in item.split(";"))
        q = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        if media and q > 0:
            ranked.append((-q, i, media.lower()))
    for _, _, media in sorted(ranked):
        if media in formats:
            return media
        if media in ("*/*", "application/*", "text/*"):
            return default
    if not ranked:
        return default
    raise NotAcceptableError(f"cannot answer in {accept!r}; offered: {', '.join(formats)}")


class Cancelled(Exception):
    pass


class _DeadlineWriter(io.BytesIO):
    """Collects output; fails the serialiser once cancelled or too large."""

    def __init__(self, cancel: threading.Event, max_bytes: int) -> None:
        super().__init__()
        self.cancel = cancel
        self.max_bytes = max_bytes

    def write(self, data: ReadableBuffer, /) -> int:
        if self.cancel.is_set():
            raise Cancelled("cancelled")
        written = super().write(data)
        if self.tell() > self.max_bytes:
            raise Cancelled("result too large")
        return written


def answer(
    store: Store, query: str, accept: str, cancel: threading.Event, max_result_bytes: int
) -> tuple[bytes, str]:
    """Run ``query`` and serialise its results in the format ``accept`` asks for."""
    # pyoxigraph results are bound to the thread that made them: they must not outlive
    # this call (an exception's traceback would otherwise carry them to another thread).
    # The union of all graphs is the default graph, unless the query names its own.
    union = not names_default_graph(query)
    results = store.query(query, prefixes=PREFIXES, use_default_graph_as_union=union)
    out = _DeadlineWriter(cancel, max_result_bytes)
    try:
        if isinstance(results, QuerySolutions | QueryBoolean):
            media = negotiate(accept, SELECT_FORMATS, "application/sparql-results+json")
            results.serialize(out, SELECT_FORMATS[media])
        else:
            media = negotiate(accept, GRAPH_FORMATS, "text/turtle")
            results.serialize(out, GRAPH_FORMATS[media])
    finally:
        del results
    return out.getvalue(), media


@dataclass
class _Outcome:
    body: bytes = b""
    media: str = ""
    error: BaseException | None = None


class SparqlEndpoint:
    """Runs read-only queries against one store, with a time limit per query."""

    def __init__(self, store: Store, max_result_bytes: int = MAX_RESULT_BYTES) -> None:
        self.store = store
        self.max_result_bytes = max_result_bytes
        self._running = threading.BoundedSemaphore(MAX_RUNNING)
        self._lock = threading.Lock()
        self._active = 0

    @property
    def running(self) -> int:
        """Queries whose worker is still computing (including timed-out ones)."""
        with self._lock:
            return self._active

    def run(self, query: str, accept: str, timeout_s: float) -> tuple[bytes, str]:
        check_query(query)
        if not self._running.acquire(blocking=False):
            raise BusyError("too many queries are running; try again later")
        cancel = threading.Event()
        done = threading.Event()
        outcome = _Outcome()
        with self._lock:
            self._active += 1

        def work() -> None:
            try:
                outcome.body, outcome.media = answer(
                    self.store, query, accept, cancel, self.max_result_bytes
                )
            except BaseException as exc:  # handed to the caller's thread
                outcome.error = exc
            finally:
                with self._lock:
                    self._active -= 1
                done.set()
                self._running.release()

        threading.Thread(target=work, name="sparql-query", daemon=True).start()
        if not done.wait(timeout_s):
            cancel.set()
            raise QueryTimeoutError(f"the query ran longer than {timeout_s:g} s and was stopped")
        if isinstance(outcome.error, Cancelled):
            raise QueryRefusedError(f"the result is larger than {self.max_result_bytes} bytes")
        if isinstance(outcome.error, SyntaxError):
            raise QueryRefusedError(f"not a valid SPARQL query: {outcome.error}")
        if outcome.error is not None:
            raise outcome.error
        return outcome.body, outcome.media
