"""Push the embedded store to a partner's engine over the SPARQL 1.1 Graph Store Protocol.

Every named graph goes by one ``PUT <endpoint>?graph=<IRI>`` (N-Triples): each source
document is its own graph, so a revised source replaces its old version and nothing else;
``reference`` and ``derived`` are replaced the same way, and the vocabulary graph goes too
(see ``rdf_export``), so the partner can validate with ``shapes.ttl`` alone.

A graph is serialised to a spooled temporary file first (memory stays flat on a large
``derived`` graph) and streamed with its length. Connection failures, timeouts and the
statuses that mean "try later" (429, 500, 502, 503, 504) are retried with exponential
backoff (``Retry-After`` honoured); any other refusal stops the push with the endpoint's
answer, since sending the remaining graphs would leave the partner with a mix.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO

import httpx
import pyoxigraph
from pyoxigraph import NamedNode, Quad, RdfFormat

from armsgraph.core.errors import ArmsgraphError
from armsgraph.ontology.rdf_export import VOCABULARY_GRAPH, companion_quads

N_TRIPLES = "application/n-triples"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_CHUNK = 1 << 20
_SPOOL = 16 << 20  # graphs up to this size are serialised in memory


class PushError(ArmsgraphError):
    """The endpoint refused a graph, or stayed unreachable through every retry."""


@dataclass(frozen=True)
class GraphSent:
    graph: str
    triples: int
    bytes: int
    status: int
    attempts: int
    seconds: float


@dataclass(frozen=True)
class PushReport:
    endpoint: str
    graphs: list[GraphSent] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def triples(self) -> int:
        return sum(g.triples for g in self.graphs)

    @property
    def bytes(self) -> int:
        return sum(g.bytes for g in self.graphs)

    @property
    def retries(self) -> int:
        return sum(g.attempts - 1 for g in self.graphs)


@dataclass(frozen=True)
class PushOptions:
    retries: int = 4  # attempts after the first
    backoff_s: float = 0.5  # first wait; doubles each retry
    max_backoff_s: float = 30.0
    timeout_s: float = 120.0
    auth: tuple[str, str] | None = None  # HTTP basic


# (graph IRI, attempt number, what went wrong, seconds until the next attempt)
OnRetry = Callable[[str, int, str, float], None]
# (graphs done, graphs in all, graph IRI being sent)
OnGraph = Callable[[int, int, str], None]


@dataclass(frozen=True)
class _Graph:
    name: str
    quads: Callable[[], Iterator[Quad]]


def _graphs(db: pyoxigraph.Store, vocabulary: bool) -> list[_Graph]:
    def of(name: NamedNode) -> _Graph:
        return _Graph(name.value, lambda: db.quads_for_pattern(None, None, None, name))

    graphs = [of(g) for g in db.named_graphs() if isinstance(g, NamedNode)]
    graphs.sort(key=lambda g: g.name)
    if vocabulary:
        extra = companion_quads(vocabulary=True)
        graphs.insert(0, _Graph(VOCABULARY_GRAPH.value, lambda: iter(extra)))
    return graphs


def _serialise(quads: Iterator[Quad], spool: IO[bytes]) -> int:
    count = 0

    def triples() -> Iterator[pyoxigraph.Triple]:
        nonlocal count
        for quad in quads:
            count += 1
            yield quad.triple

    pyoxigraph.serialize(triples(), spool, RdfFormat.N_TRIPLES)
    return count


def _body(spool: IO[bytes]) -> Iterator[bytes]:
    spool.seek(0)
    while chunk := spool.read(_CHUNK):
        yield chunk


def _wait(response: httpx.Response | None, attempt: int, options: PushOptions) -> float:
    backoff: float = min(options.backoff_s * 2.0 ** (attempt - 1), options.max_backoff_s)
    header = response.headers.get("Retry-After", "") if response is not None else ""
    if header.isdigit():
        return min(float(header), options.max_backoff_s)
    return backoff


def _put(
    client: httpx.Client,
    endpoint: str,
    graph: _Graph,
    options: PushOptions,
    on_retry: OnRetry | None,
) -> GraphSent:
    started = time.monotonic()
    with tempfile.SpooledTemporaryFile(max_size=_SPOOL) as spool:
        triples = _serialise(graph.quads(), spool)
        size = spool.tell()
        headers = {"Content-Type": N_TRIPLES, "Content-Length": str(size)}
        for attempt in range(1, options.retries + 2):
            response: httpx.Response | None = None
            try:
                response = client.put(
                    endpoint, params={"graph": graph.name}, content=_body(spool), headers=headers
                )
            except httpx.TransportError as exc:
                problem = f"{type(exc).__name__}: {exc}"
            else:
                if response.is_success:
                    return GraphSent(
                        graph.name, triples, size, response.status_code, attempt,
                        time.monotonic() - started,
                    )  # fmt: skip
                if response.status_code not in RETRY_STATUSES:
                    raise PushError(_refusal(endpoint, graph.name, response, options))
                problem = f"HTTP {response.status_code}"
            if attempt > options.retries:
                raise PushError(
                    f"{endpoint}: gave up on graph <{graph.name}> after {attempt} attempts "
                    f"(last: {problem})"
                )
            wait = _wait(response, attempt, options)
            if on_retry is not None:
                on_retry(graph.name, attempt, problem, wait)
            time.sleep(wait)
    raise AssertionError("unreachable")  # the loop returns or raises


def _refusal(endpoint: str, graph: str, response: httpx.Response, options: PushOptions) -> str:
    said = response.text.strip().splitlines()[:5]
    hint = ""
    if response.status_code in (401, 403):
        hint = (
            "; set ARMSGRAPH_PUSH_USER and ARMSGRAPH_PUSH_PASSWORD"
            if options.auth is None
            else "; the endpoint refused ARMSGRAPH_PUSH_USER / ARMSGRAPH_PUSH_PASSWORD"
        )
    elif response.status_code in (404, 405):
        hint = (
            "; is this the Graph Store endpoint? Fuseki: http://HOST:3030/DATASET/data "
            "(the dataset must allow updates), Oxigraph server: http://HOST:7878/store"
        )
    return (
        f"{endpoint} refused graph <{graph}>: HTTP {response.status_code} "
        f"{response.reason_phrase}{hint}" + ("\n  " + "\n  ".join(said) if said else "")
    )


def push(
    db: pyoxigraph.Store,
    endpoint: str,
    options: PushOptions | None = None,
    vocabulary: bool = True,
    on_retry: OnRetry | None = None,
    on_graph: OnGraph | None = None,
) -> PushReport:
    """PUT every named graph of ``db`` (and the vocabulary) to a Graph Store endpoint."""
    options = options or PushOptions()
    graphs = _graphs(db, vocabulary)
    started = time.monotonic()
    sent: list[GraphSent] = []
    auth = httpx.BasicAuth(*options.auth) if options.auth else None
    with httpx.Client(auth=auth, timeout=options.timeout_s) as client:
        for done, graph in enumerate(graphs):
            if on_graph is not None:
                on_graph(done, len(graphs), graph.name)
            sent.append(_put(client, endpoint, graph, options, on_retry))
    if on_graph is not None:
        on_graph(len(graphs), len(graphs), "")
    return PushReport(endpoint, sent, time.monotonic() - started)


def graph_names(db: pyoxigraph.Store, vocabulary: bool = True) -> Sequence[str]:
    """The graphs a push would send, in order (for a dry run)."""
    return [g.name for g in _graphs(db, vocabulary)]
