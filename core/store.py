"""The one Store interface the API and the CLI depend on.

Two real backends implement it: ``graph.neo4j_store.Neo4jStore`` (Cypher over Bolt)
and ``ontology.rdf_store.RdfStore`` (an on-disk Oxigraph store, SPARQL). Queries
return ids; ``get_*`` hydrate ids into domain models. The contract tests in
``tests/contract`` run the same assertions against both backends.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, BinaryIO, ClassVar, Concatenate, ParamSpec, Protocol, TypeVar

from armsgraph.core.dataset import Dataset
from armsgraph.core.errors import NotAvailableError
from armsgraph.core.model import (
    Actor,
    Breach,
    BreachBasis,
    Category,
    Claim,
    EventKind,
    Provision,
    Resolution,
    Source,
    TransferEvent,
    WeaponSystem,
)

# progress(done, total, what): called as batches are written.
Progress = Callable[[int, int, str], None]

# How many sources deep a chain of ``reports_on`` is followed (the source itself counts).
SOURCE_CHAIN = 10


class _Writing(Protocol):
    def advance_state(self) -> None: ...


P = ParamSpec("P")
R = TypeVar("R")
S = TypeVar("S", bound=_Writing)


def advances_state(method: Callable[Concatenate[S, P], R]) -> Callable[Concatenate[S, P], R]:
    """Mark a write: the store's ``state()`` changes once it returns or fails (a failed
    write may have written part of its batches, so answers computed before it are stale)."""

    def write(self: S, /, *args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(self, *args, **kwargs)
        finally:
            self.advance_state()

    functools.update_wrapper(write, method)
    return write


@dataclass(frozen=True)
class PathQuery:
    """Chains of transfer events from one state to another.

    A path of n hops is e1..en where e1.supplier == source, e(i).recipient ==
    e(i+1).supplier, en.recipient == target, and no state is visited twice. Every
    event on the path must pass the filters: its period overlaps [since, until] (an
    event with no period passes), and, when ``category`` is set, it is a shipment
    carrying an item of that category (deployments and assistance never match a
    category). Paths are ordered by hop count, then by the event ids.
    """

    source: str
    target: str
    max_hops: int = 1
    since: dt.date | None = None
    until: dt.date | None = None
    category: Category | None = None
    limit: int = 100


@dataclass(frozen=True)
class EventFilter:
    """All given fields must match; ``category`` as in PathQuery; sorted by event id."""

    supplier: str | None = None
    recipient: str | None = None
    kind: EventKind | None = None
    category: Category | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    limit: int = 1000


@dataclass(frozen=True)
class BreachFilter:
    """``state`` matches any of the breach's states; sorted by breach id."""

    resolution: str | None = None
    provision: str | None = None
    state: str | None = None
    basis: BreachBasis | None = None
    event: str | None = None
    limit: int = 1000


@dataclass(frozen=True)
class NetworkQuery:
    """Transfers aggregated per (supplier, recipient) pair, under EventFilter's filters.

    Pairs come busiest first (most events), then by supplier and recipient id; ``limit``
    keeps the first ones and ``Network.total_pairs`` says how many passed the filters.
    """

    kind: EventKind | None = None
    category: Category | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    limit: int = 200


@dataclass(frozen=True)
class PairFlow:
    """One supplier->recipient pair: how many events passed, by kind, and how many of them
    a breach concerns (``inferred``: the reasoner's; ``asserted``: a source's own)."""

    supplier: str
    recipient: str
    events: int
    shipments: int = 0
    deployments: int = 0
    assistance: int = 0
    inferred: int = 0
    asserted: int = 0


@dataclass(frozen=True)
class Network:
    flows: list[PairFlow]
    total_pairs: int


@dataclass(frozen=True)
class Evidence:
    """What an answer about transfers shows beside them (``Store.evidence``): the events
    in the order asked (unknown ids left out), the breaches of each, those breaches, the
    claims of the events and the breaches, and their sources with the sources those report
    on; breaches, claims and sources sorted by id."""

    events: list[TransferEvent]
    breaches_by_event: dict[str, list[str]]
    breaches: list[Breach]
    claims: list[Claim]
    sources: list[Source]


# Rows the backends read: (supplier, recipient, kind, events) and (supplier, recipient,
# basis, events a breach of that basis concerns).
KindRow = tuple[str, str, str, int]
BasisRow = tuple[str, str, str, int]


def assemble_network(
    kinds: Iterable[KindRow], bases: Iterable[BasisRow], limit: int, total: int | None = None
) -> Network:
    """Rows counted by each backend, as ``Network``: one place for ordering and the cap.
    ``total``: the number of pairs, when a backend sends only the kind rows of the first
    ``limit`` pairs (Neo4j: decoding every pair's rows in the driver cost more than counting)."""
    pairs: dict[tuple[str, str], dict[str, int]] = {}
    for supplier, recipient, kind, n in kinds:
        counts = pairs.setdefault((supplier, recipient), {})
        counts[_KIND_FIELDS[kind]] = counts.get(_KIND_FIELDS[kind], 0) + n
    for supplier, recipient, basis, n in bases:
        if (supplier, recipient) in pairs:
            pairs[(supplier, recipient)][basis] = n
    flows = [
        PairFlow(
            supplier=s, recipient=r, events=sum(c.get(f, 0) for f in _KIND_FIELDS.values()), **c
        )
        for (s, r), c in pairs.items()
    ]
    flows.sort(key=lambda f: (-f.events, f.supplier, f.recipient))
    return Network(flows[:limit], len(flows) if total is None else total)


_KIND_FIELDS = {
    EventKind.SHIPMENT.value: "shipments",
    EventKind.DEPLOYMENT.value: "deployments",
    EventKind.ASSISTANCE.value: "assistance",
}


@dataclass
class LoadReport:
    before: dict[str, int]
    after: dict[str, int]
    seconds: float
    batches: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.before != self.after


class Store(ABC):
    """What every backend offers. Implementations must be idempotent on load.

    Optional features are declared, as rdflib's ``Store`` declares ``context_aware``: the
    API and the CLI read ``supports_*`` and never probe for methods. A backend that sets a
    flag overrides the matching method; the defaults refuse.
    """

    name: str
    supports_sparql: ClassVar[bool] = False  # sparql(): the read-only SPARQL endpoint
    supports_cypher: ClassVar[bool] = False  # run_read_cypher(): the read-only Cypher endpoint
    supports_export: ClassVar[bool] = False  # export(): the whole store as RDF
    # the methods of ``core.change.Versioned``: versioned writes and knowledge-time records
    supports_versions: ClassVar[bool] = False
    # Other processes write to it too (Neo4j), so the API checks ``state`` before and after
    # each read (``api.consistent_reads``); in one process ``core.access`` is enough.
    shared: ClassVar[bool] = False

    @abstractmethod
    def load(self, dataset: Dataset, progress: Progress | None = None) -> LoadReport:
        """Write the whole data set (reference data, sources, claims, events, breaches).

        MERGE-by-id semantics: loading the same data set twice changes no count.
        """

    def load_many(
        self, datasets: Iterable[Dataset], progress: Progress | None = None
    ) -> LoadReport:
        """Load the chunks of one large data set in turn, holding one chunk at a time.

        Backends may leave work that needs doing only once to the end (Neo4j rebuilds its
        SUPPLIED_TO view once instead of after every chunk).
        """
        started = time.perf_counter()
        before = self.counts()
        batches = 0
        for dataset in datasets:
            batches += self.load(dataset, progress).batches
        return LoadReport(before, self.counts(), time.perf_counter() - started, batches)

    @abstractmethod
    def counts(self) -> dict[str, int]:
        """Counts under the keys of ``COUNT_KEYS``."""

    @abstractmethod
    def state(self) -> str | None:
        """A token of what the store holds: every write through a Store (``advances_state``)
        replaces it, after its last commit, so an answer computed after reading a token
        belongs to that token (the API's answer cache and ETags key on it). Read from the
        store itself where other processes write to it too (Neo4j); None when the store
        has no token yet (nothing written by this version), which the cache never keys on."""

    def write_under_way(self, state: str | None) -> bool:
        """Does ``state`` (read from ``state()``) say that a writer, still alive, has begun
        a write it has not finished (a shared store's)?"""
        return False

    @abstractmethod
    def advance_state(self) -> None:
        """Replace the token (``advances_state`` calls it after every write)."""

    @abstractmethod
    def find_paths(self, query: PathQuery) -> list[list[str]]:
        """Each path is the list of event ids, in hop order."""

    @abstractmethod
    def find_events(self, query: EventFilter) -> list[str]: ...

    @abstractmethod
    def network(self, query: NetworkQuery) -> Network:
        """The pair graph the page draws: counted in the store, never a list of events."""

    @abstractmethod
    def find_breaches(self, query: BreachFilter) -> list[str]: ...

    def breaches_by_event(self, events: Sequence[str]) -> dict[str, list[str]]:
        """For each event, what ``find_breaches(BreachFilter(event=e))`` returns; backends
        answer in one query (the evidence of an edge asked one query per event)."""
        return {e: self.find_breaches(BreachFilter(event=e)) for e in events}

    def evidence(self, ids: Sequence[str]) -> Evidence:
        """The events and what is shown beside them, read as the ``get_*`` methods read
        them; a backend may answer in fewer round trips (Neo4j: one read transaction)."""
        events = self.get_events(ids)
        by_event = self.breaches_by_event([e.id for e in events])
        breaches = self.get_breaches(sorted({b for v in by_event.values() for b in v}))
        claim_ids = {c for e in events for c in e.claims} | {c for b in breaches for c in b.claims}
        claims = self.get_claims(sorted(claim_ids))
        sources = self.get_sources_with_chain({c.source for c in claims})
        return Evidence(events, by_event, breaches, claims, sources)

    @abstractmethod
    def get_events(self, ids: Sequence[str]) -> list[TransferEvent]:
        """In the order of ``ids``; unknown ids are left out."""

    @abstractmethod
    def get_claims(self, ids: Sequence[str]) -> list[Claim]: ...

    @abstractmethod
    def claims_with_keys(self, keys: Sequence[str]) -> dict[str, list[str]]:
        """Ids of the stored claims that carry each of ``keys`` (keys no claim has are left
        out), so that a write can keep a key naming one claim across the store."""

    @abstractmethod
    def graded_claims(self) -> list[str]:
        """Ids of the claims with a reliability or a credibility grade, sorted (a minimum
        grade reads these instead of every claim)."""

    @abstractmethod
    def get_breaches(self, ids: Sequence[str]) -> list[Breach]: ...

    @abstractmethod
    def get_sources(self, ids: Sequence[str] | None = None) -> list[Source]:
        """``None`` means all, sorted by id."""

    def get_sources_with_chain(self, ids: Iterable[str]) -> list[Source]:
        """The sources, those they report on, and so on (``SOURCE_CHAIN`` sources deep: an
        article, the report it repeats, ...), sorted by id: who is independent of whom.
        A backend may answer in one query instead of one a step."""
        found: dict[str, Source] = {}
        wanted = set(ids)
        for _ in range(SOURCE_CHAIN):
            batch = self.get_sources(sorted(wanted)) if wanted else []
            found |= {s.id: s for s in batch}
            wanted = {s.reports_on for s in batch if s.reports_on} - found.keys()
        return sorted(found.values(), key=lambda s: s.id)

    @abstractmethod
    def get_states(self, ids: Sequence[str] | None = None) -> list[Actor]: ...

    @abstractmethod
    def get_weapon_systems(self, ids: Sequence[str] | None = None) -> list[WeaponSystem]: ...

    @abstractmethod
    def get_resolutions(self, ids: Sequence[str] | None = None) -> list[Resolution]: ...

    @abstractmethod
    def get_provisions(self, ids: Sequence[str] | None = None) -> list[Provision]: ...

    def exclusive_writer(self) -> contextlib.AbstractContextManager[None]:
        """Held around every write (``core.access.writing``), so one process at a time
        writes. Backends that several processes open override it (Neo4j); no other process
        can open an embedded store while this one has it."""
        return contextlib.nullcontext()

    @abstractmethod
    def clear(self) -> None:
        """Remove everything this store holds (tests and `armsgraph load --replace`)."""

    @abstractmethod
    def close(self) -> None: ...

    # --- optional features, declared by the supports_* flags -------------------------------

    def sparql(self, query: str, accept: str, timeout_s: float) -> tuple[bytes, str]:
        """Run a read-only SPARQL query; returns the body and its media type."""
        raise NotAvailableError(f"the {self.name} store does not answer SPARQL")

    def run_read_cypher(
        self, query: str, params: dict[str, Any], timeout_s: float, max_rows: int = 10_000
    ) -> list[dict[str, Any]]:
        """Run a read-only Cypher query; at most ``max_rows`` rows as plain values."""
        raise NotAvailableError(f"the {self.name} store does not answer Cypher")

    def export(
        self, out: BinaryIO, fmt: str, vocabulary: bool = False, shapes: bool = False
    ) -> None:
        """Stream the whole store as RDF in ``fmt`` (ttl, nt, nq, trig or jsonld), with the
        vocabulary and the SHACL shapes in their own named graphs when asked for."""
        raise NotAvailableError(f"the {self.name} store does not export RDF")
