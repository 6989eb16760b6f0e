"""``RdfStore``: the Store interface over an embedded Oxigraph store (on disk, or in memory).

Loading streams the quads of ``rdf_build`` into the store in bulk, merging by resource
into a store that holds data (``rdf_merge``). Every ``find_*`` runs
SPARQL (``rdf_queries``) with the semantics of ``core.query``; ``get_*`` read claims,
events, breaches and sources from their documents (``rdf_documents``), the rest back from
the RDF into the domain model (``rdf_hydrate``). ``sparql`` is the read-only endpoint
(``rdf_sparql``) and ``export`` streams the store as Turtle, N-Triples, N-Quads, TriG or
JSON-LD.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import BinaryIO, TypeVar

import pyoxigraph
from pyoxigraph import Literal, NamedNode

from armsgraph.core.dataset import Dataset
from armsgraph.core.errors import StoreError
from armsgraph.core.kinds import COUNT_KEYS, ENTITY_KINDS
from armsgraph.core.model import (
    Actor,
    Breach,
    Claim,
    EventKind,
    Provision,
    Resolution,
    Source,
    TransferEvent,
    WeaponSystem,
)
from armsgraph.core.paths import Step, find_paths
from armsgraph.core.store import (
    BreachFilter,
    EventFilter,
    LoadReport,
    Network,
    NetworkQuery,
    PathQuery,
    Progress,
    Store,
    advances_state,
    assemble_network,
)
from armsgraph.ontology import rdf_documents as docs
from armsgraph.ontology import rdf_queries as q
from armsgraph.ontology.iris import DEFAULT_BASE, IriScheme
from armsgraph.ontology.namespace import AG
from armsgraph.ontology.rdf_build import EVENT_TYPES
from armsgraph.ontology.rdf_export import write_export
from armsgraph.ontology.rdf_hydrate import Reader
from armsgraph.ontology.rdf_journal import LEDGER_FILE
from armsgraph.ontology.rdf_known import Known
from armsgraph.ontology.rdf_ledger import Ledger
from armsgraph.ontology.rdf_merge import Merger
from armsgraph.ontology.rdf_paths import PathIndex
from armsgraph.ontology.rdf_sparql import SparqlEndpoint
from armsgraph.ontology.rdf_versions import RdfVersions
from armsgraph.ontology.rdf_writer import date
from armsgraph.ontology.sparql_workers import SparqlWorkers
from armsgraph.ontology.terms import ACTOR_CLASSES, AGT

T = TypeVar("T")


PATH_INDEX_FILE = "armsgraph-paths.sqlite3"  # inside the Oxigraph directory: one store
DOCUMENTS_FILE = "armsgraph-documents.sqlite3"  # likewise (``rdf_documents``)

_COUNTED = {str(AG[kind.name]): kind.count_key for kind in ENTITY_KINDS} | {
    cls.value: "states"
    for cls in ACTOR_CLASSES.values()  # ag:Actor itself is abstract
}


class RdfStore(Store, RdfVersions):
    """Oxigraph at ``path`` (created if missing), or in memory when ``path`` is None."""

    name = "rdf"
    supports_sparql = True
    supports_export = True
    supports_versions = True

    def __init__(self, path: Path | str | None, base: str = DEFAULT_BASE) -> None:
        self.path = None if path is None else Path(path)
        if self.path is not None:
            self.path.mkdir(parents=True, exist_ok=True)
        self.iris = IriScheme(base)
        self._refused: str | None = None  # why this handle no longer answers (``_refuse``)
        self._db: pyoxigraph.Store | None = (
            pyoxigraph.Store() if self.path is None else pyoxigraph.Store(str(self.path))
        )
        self._endpoint: SparqlEndpoint | SparqlWorkers | None = None
        index_file = None if self.path is None else self.path / PATH_INDEX_FILE
        new_index = index_file is not None and not index_file.exists()
        self._path_index = PathIndex(index_file)
        self._documents = docs.Documents(None if self.path is None else self.path / DOCUMENTS_FILE)
        if next(iter(self.db), None) is None:
            self._path_index.clear()  # empty, so of this version
            self._documents.clear()
        elif new_index or self._path_index.outdated():
            self._path_index.mark_stale()  # a store written before the index (or a table)
        self._path_index_lock = threading.Lock()
        self._ledger = Ledger(None if self.path is None else self.path / LEDGER_FILE)
        # What ``counts`` said after the last load (nothing else writes): the next load's
        # report starts from it instead of counting again.
        self._loaded_counts: dict[str, int] | None = None
        # What this process wrote since it saw the store empty (``rdf_known``); None when
        # the store held data it did not write, or a load did not finish.
        self._known: Known | None = None
        # Only one process opens an on-disk Oxigraph store (RocksDB locks it), so the
        # state lives here: fresh per open, so a restart never repeats an old token.
        self._opened = uuid.uuid4().hex
        self._writes = 0
        self.roll_forward()  # a versioned write killed midway (``rdf_journal``)

    def state(self) -> str | None:
        return f"{self._opened}-{self._writes}"

    def advance_state(self) -> None:
        self._writes += 1

    @property
    def db(self) -> pyoxigraph.Store:
        if self._refused is not None:
            raise StoreError(f"{self._refused}: reopen the store to complete it")
        if self._db is None:
            raise StoreError("the RDF store is closed")
        return self._db

    def _refuse(self, reason: str) -> None:
        """This handle holds part of a write it could not complete: it stops answering
        (and its SPARQL workers see the journal), and the next open rolls the write forward."""
        self._refused = reason

    # --- writing ---------------------------------------------------------------------------

    @advances_state
    def load(self, dataset: Dataset, progress: Progress | None = None) -> LoadReport:
        return self._load(dataset, progress)

    def _merge_write(self, write: Dataset, progress: Progress | None, repair: bool) -> None:
        self._load(write, progress, merge_support=False, repair=repair)

    def _load(
        self,
        dataset: Dataset,
        progress: Progress | None = None,
        *,
        merge_support: bool = True,
        repair: bool = False,
    ) -> LoadReport:
        """Stream the data set in; into a store that holds data, merge by resource.

        Ids of reference data and sources are names, not content hashes, and an event's or
        breach's claims may grow, so a reload replaces each resource's description (the
        resource and its fragments): stale quads are removed, missing ones added, and
        resources the data set lacks are kept (``rdf_merge``). ``merge_support=False``
        (versioned writes, ``rdf_versions``) writes each event's support as given;
        ``repair`` compares every stored resource in full (rolling a killed write forward).
        The caller advances the state (``load``; ``apply`` only for a change readers can see).
        """
        started = time.perf_counter()
        self._path_index.mark_stale()
        before = self.counts() if self._loaded_counts is None else dict(self._loaded_counts)
        self._loaded_counts = None
        known, self._known = self._known, None  # restored only if the load finishes
        if known is None and next(iter(self.db), None) is None:
            known = Known()
        merger = Merger(self.db, self.iris, known, merge_support, whole=repair)
        with self._documents.writing():
            self._documents.forget_dataset(dataset)
            batches, updated = merger.load(dataset, progress)
            self._path_index.add(dataset)
            self._documents.put_dataset(merger.written)
        self._known = known
        notes = [f"updated the description of {updated} resources"] if updated else []
        after = self._loaded_counts = self.counts()
        return LoadReport(
            before, dict(after), time.perf_counter() - started, batches=batches, notes=notes
        )

    @advances_state
    def clear(self) -> None:
        self._path_index.mark_stale()
        self._loaded_counts = None
        self._known = Known()  # empty now: this process wrote all it holds
        with self._documents.writing():
            self._documents.clear()
            self.db.clear()
        self._path_index.clear()
        self._ledger.clear()

    def close(self) -> None:
        if self._db is not None:
            self._db.flush()
            self._path_index.close()
            self._documents.close()
            self._ledger.close()
        if isinstance(self._endpoint, SparqlWorkers):
            self._endpoint.close()
        self._db = None
        self._endpoint = None

    # --- queries ---------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(COUNT_KEYS, 0)
        for row in self._select(q.COUNTS):
            kind, n = row["type"], row["n"]
            assert isinstance(kind, NamedNode) and isinstance(n, Literal)
            counts[_COUNTED[kind.value]] += int(n.value)
        return counts

    def _select(self, query: str) -> list[pyoxigraph.QuerySolution]:
        results = self.db.query(query)
        if not isinstance(results, pyoxigraph.QuerySolutions):
            raise StoreError("expected SELECT results")
        return list(results)

    def _events(
        self,
        *,
        kind: EventKind | None = None,
        supplier: str | None = None,
        recipient: str | None = None,
        category: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        limit: int | None = None,
    ) -> list[tuple[str, str, str]]:
        """(event id, supplier id, recipient id) of matching events; sorted by event id and
        cut to ``limit`` when a limit is given, else in no particular order."""
        params = {
            "derived": self.iris.derived_graph,
            "reference": self.iris.reference_graph,
            "type": None if kind is None else EVENT_TYPES[kind],
            "supplier": None if supplier is None else self.iris.entity(supplier),
            "recipient": None if recipient is None else self.iris.entity(recipient),
            "category": None if category is None else Literal(category),
            "since": None if since is None else date(since),
            "until": None if until is None else date(until),
        }
        rows = []
        order = None if limit is None else "?id"
        for row in self._select(q.render(q.EVENTS, params, limit, order_by=order)):
            ident, sup, rec = row["id"], row["supplier"], row["recipient"]
            assert isinstance(ident, Literal) and isinstance(sup, NamedNode)
            assert isinstance(rec, NamedNode)
            rows.append((ident.value, self.iris.ident(sup), self.iris.ident(rec)))
        return rows

    def find_events(self, query: EventFilter) -> list[str]:
        rows = self._events(
            kind=query.kind,
            supplier=query.supplier,
            recipient=query.recipient,
            category=None if query.category is None else query.category.value,
            since=query.since,
            until=query.until,
            limit=query.limit,
        )
        return [ident for ident, _, _ in rows]

    def find_paths(self, query: PathQuery) -> list[list[str]]:
        """The lazy hop-ordered search of ``core.paths`` (shared with Neo4j), reading
        pages of events from the path index (``rdf_paths``)."""
        self._fresh_path_index()
        since = None if query.since is None else query.since.isoformat()
        until = None if query.until is None else query.until.isoformat()

        def next_events(steps: Sequence[Step], n: int) -> list[list[tuple[str, str]]]:
            return self._path_index.next_events(steps, n, query.category, since, until)

        return find_paths(
            query.source,
            query.target,
            query.max_hops,
            query.limit,
            next_events,
            self._path_index.predecessors,
        )

    def breaches_by_event(self, events: Sequence[str]) -> dict[str, list[str]]:
        """From the path index's breach table (one SQLite query)."""
        self._fresh_path_index()
        return self._path_index.breaches_by_event(events)

    def network(self, query: NetworkQuery) -> Network:
        self._fresh_path_index()
        kinds, bases = self._path_index.network(
            None if query.kind is None else query.kind.value,
            query.category,
            None if query.since is None else query.since.isoformat(),
            None if query.until is None else query.until.isoformat(),
        )
        return assemble_network(kinds, bases, query.limit)

    def _fresh_path_index(self) -> None:
        """Rebuild the path index from the RDF if a load did not finish writing it."""
        with self._path_index_lock:
            if not self._path_index.is_stale():
                return
            kinds = {iri.value: kind.value for kind, iri in EVENT_TYPES.items()}
            graphs = {"derived": self.iris.derived_graph, "reference": self.iris.reference_graph}
            events = []
            for row in self._select(q.render(q.PATH_INDEX_EVENTS, graphs)):
                ident, sup, rec, kind = row["id"], row["supplier"], row["recipient"], row["type"]
                assert isinstance(ident, Literal) and isinstance(kind, NamedNode)
                assert isinstance(sup, NamedNode) and isinstance(rec, NamedNode)
                start, end = row["start"], row["end"]
                events.append(
                    (
                        ident.value,
                        self.iris.ident(sup),
                        self.iris.ident(rec),
                        kinds[kind.value],
                        start.value if isinstance(start, Literal) else None,
                        end.value if isinstance(end, Literal) else None,
                    )
                )
            carried = []
            for row in self._select(q.render(q.PATH_INDEX_CARRIED, graphs)):
                ident, weapon = row["id"], row["weapon"]
                assert isinstance(ident, Literal) and isinstance(weapon, NamedNode)
                carried.append((ident.value, self.iris.ident(weapon)))
            weapons = []
            for row in self._select(q.render(q.PATH_INDEX_WEAPONS, graphs)):
                weapon, category = row["weapon"], row["category"]
                assert isinstance(weapon, NamedNode) and isinstance(category, Literal)
                weapons.append((self.iris.ident(weapon), category.value))
            breaches = []
            for row in self._select(q.render(q.PATH_INDEX_BREACHES, graphs)):
                breach, event, basis = row["breach"], row["event"], row["basis"]
                assert isinstance(breach, Literal) and isinstance(event, Literal)
                assert isinstance(basis, Literal)
                breaches.append((breach.value, event.value, basis.value))
            self._path_index.clear()
            self._path_index.add_rows(events, carried, weapons, breaches)

    def find_breaches(self, query: BreachFilter) -> list[str]:
        params = {
            "derived": self.iris.derived_graph,
            "resolution": None if query.resolution is None else self.iris.entity(query.resolution),
            "provision": None if query.provision is None else self.iris.entity(query.provision),
            "state": None if query.state is None else self.iris.entity(query.state),
            "basis": None if query.basis is None else Literal(query.basis.value),
            "event": None if query.event is None else self.iris.entity(query.event),
        }
        ids = []
        text = q.BREACHES if query.event is None else q.BREACHES_OF_EVENT
        for row in self._select(q.render(text, params, query.limit)):
            ident = row["id"]
            assert isinstance(ident, Literal)
            ids.append(ident.value)
        return ids

    # --- lookups ---------------------------------------------------------------------------

    @property
    def _reader(self) -> Reader:
        return Reader(self.db, self.iris)

    def _all_ids(self, cls: NamedNode) -> list[str]:
        ids = []
        for row in self._select(q.render(q.IDS, {"type": cls})):
            ident = row["id"]
            assert isinstance(ident, Literal)
            ids.append(ident.value)
        return ids

    def _get(
        self, ids: Sequence[str] | None, cls: NamedNode, read: Callable[[str], T | None]
    ) -> list[T]:
        wanted = self._all_ids(cls) if ids is None else ids
        return [item for item in map(read, wanted) if item is not None]

    def get_events(self, ids: Sequence[str]) -> list[TransferEvent]:
        event = Known.hydrating(self._known, self.iris.id_prefix, self._reader.event)
        return self._documents.get(docs.EVENT, ids, docs.parse_event, event)

    def claims_with_keys(self, keys: Sequence[str]) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        prefix = self.iris.id_prefix
        for key in keys:
            subjects = {q.subject for q in self.db.quads_for_pattern(None, AGT.key, Literal(key))}
            ids = sorted(s.value.removeprefix(prefix) for s in subjects if isinstance(s, NamedNode))
            if ids:
                found[key] = ids
        return found

    def graded_claims(self) -> list[str]:
        prefix = self.iris.id_prefix
        subjects = {
            q.subject
            for grade in (AGT.reliability, AGT.credibility)
            for q in self.db.quads_for_pattern(None, grade, None)
        }
        return sorted(s.value.removeprefix(prefix) for s in subjects if isinstance(s, NamedNode))

    # Claims, events, breaches and sources from their documents (``rdf_documents``).
    def get_claims(self, ids: Sequence[str]) -> list[Claim]:
        claim = Known.hydrating(self._known, self.iris.id_prefix, self._reader.claim)
        return self._documents.get(docs.CLAIM, ids, docs.parse_claim, claim)

    def get_breaches(self, ids: Sequence[str]) -> list[Breach]:
        breach = Known.hydrating(self._known, self.iris.id_prefix, self._reader.breach)
        return self._documents.get(docs.BREACH, ids, docs.parse_breach, breach)

    def get_sources(self, ids: Sequence[str] | None = None) -> list[Source]:
        wanted = self._all_ids(AGT.Source) if ids is None else ids
        return self._documents.get(docs.SOURCE, wanted, docs.parse_source, self._reader.source)

    def get_states(self, ids: Sequence[str] | None = None) -> list[Actor]:
        if ids is None:
            ids = sorted({i for cls in ACTOR_CLASSES.values() for i in self._all_ids(cls)})
        return self._get(ids, AGT.State, self._reader.state)

    def get_weapon_systems(self, ids: Sequence[str] | None = None) -> list[WeaponSystem]:
        return self._get(ids, AGT.WeaponSystem, self._reader.weapon_system)

    def get_resolutions(self, ids: Sequence[str] | None = None) -> list[Resolution]:
        return self._get(ids, AGT.Resolution, self._reader.resolution)

    def get_provisions(self, ids: Sequence[str] | None = None) -> list[Provision]:
        return self._get(ids, AGT.Provision, self._reader.provision)

    # --- endpoint and export -----------------------------------------------------------------

    @property
    def endpoint(self) -> SparqlEndpoint | SparqlWorkers:
        """On disk, killable worker processes; in memory (nothing to share), a thread."""
        if self._endpoint is None:
            path = self.path
            self._endpoint = SparqlEndpoint(self.db) if path is None else SparqlWorkers(path)
        return self._endpoint

    def sparql(self, query: str, accept: str, timeout_s: float) -> tuple[bytes, str]:
        """Run a read-only query (see ``rdf_sparql``); returns the body and its media type."""
        if self._refused is not None:
            raise StoreError(f"{self._refused}: reopen the store to complete it")
        return self.endpoint.run(query, accept, timeout_s)

    def export(
        self, out: BinaryIO, fmt: str, vocabulary: bool = False, shapes: bool = False
    ) -> None:
        """Stream the store as it is, plus the companion graphs asked for (``rdf_export``)."""
        write_export(self.db, out, fmt, vocabulary, shapes)
