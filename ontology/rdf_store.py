"""``RdfStore``: the Store interface over an embedded Oxigraph store (on disk, or in memory).

Loading streams the quads of ``rdf_build`` into the store in bulk. Every ``find_*`` runs
SPARQL (``rdf_queries``) with the semantics of ``core.query``; ``get_*`` read resources back
into the domain model (``rdf_hydrate``). ``sparql`` is the read-only endpoint
(``rdf_sparql``) and ``export`` streams the store as Turtle, N-Triples, N-Quads, TriG or
JSON-LD.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO, TypeVar

import pyoxigraph
from pyoxigraph import Literal, NamedNode, Quad

from armsgraph.core.dataset import Dataset
from armsgraph.core.errors import StoreError
from armsgraph.core.kinds import COUNT_KEYS, ENTITY_KINDS
from armsgraph.core.model import (
    Breach,
    Claim,
    EventKind,
    Provision,
    Resolution,
    Source,
    State,
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
    assemble_network,
)
from armsgraph.ontology import rdf_queries as q
from armsgraph.ontology.iris import DEFAULT_BASE, IriScheme
from armsgraph.ontology.namespace import AG
from armsgraph.ontology.rdf_build import EVENT_TYPES, Section, sections
from armsgraph.ontology.rdf_export import write_export
from armsgraph.ontology.rdf_hydrate import Reader
from armsgraph.ontology.rdf_known import Known
from armsgraph.ontology.rdf_paths import PathIndex
from armsgraph.ontology.rdf_sparql import SparqlEndpoint
from armsgraph.ontology.rdf_writer import date
from armsgraph.ontology.terms import AGT, RDF_TYPE

T = TypeVar("T")


PATH_INDEX_FILE = "armsgraph-paths.sqlite3"  # inside the Oxigraph directory: one store

# Fewer quads than this, all of resources the store holds, go in by one transaction rather
# than through the bulk loader (which writes new files each call).
_BATCH = 50_000
_LOOKUP = 10_000  # IRIs per query when looking up which resources the store holds
_STORED = f"""SELECT DISTINCT ?s WHERE {{
  VALUES ?s {{ %(roots)s }}
  GRAPH ?g {{ ?s <{RDF_TYPE.value}> ?t }}
}}"""

# Ids that hash the content (claims, transfer events): see core/ids.py.
_CONTENT_ID = re.compile(r"^(clm|shp|dep|ast)-[0-9a-f]{20}$")

_COUNTED = {str(AG[kind.name]): kind.count_key for kind in ENTITY_KINDS}


def _owned_by(root: NamedNode, quad: Quad) -> bool:
    """Is the quad about ``root`` or one of its fragments (not, say, an agent it names)?"""
    subject = quad.subject
    return isinstance(subject, NamedNode) and subject.value.split("#", 1)[0] == root.value


class RdfStore(Store):
    """Oxigraph at ``path`` (created if missing), or in memory when ``path`` is None."""

    name = "rdf"
    supports_sparql = True
    supports_export = True

    def __init__(self, path: Path | str | None, base: str = DEFAULT_BASE) -> None:
        self.path = None if path is None else Path(path)
        if self.path is not None:
            self.path.mkdir(parents=True, exist_ok=True)
        self.iris = IriScheme(base)
        self._db: pyoxigraph.Store | None = (
            pyoxigraph.Store() if self.path is None else pyoxigraph.Store(str(self.path))
        )
        self._endpoint: SparqlEndpoint | None = None
        index_file = None if self.path is None else self.path / PATH_INDEX_FILE
        new_index = index_file is not None and not index_file.exists()
        self._path_index = PathIndex(index_file)
        if next(iter(self.db), None) is None:
            self._path_index.clear()  # empty, so of this version
        elif new_index or self._path_index.outdated():
            self._path_index.mark_stale()  # a store written before the index (or a table)
        self._path_index_lock = threading.Lock()
        # What ``counts`` said after the last load (nothing else writes): the next load's
        # report starts from it instead of counting again.
        self._loaded_counts: dict[str, int] | None = None
        # What this process wrote since it saw the store empty (``rdf_known``); None when
        # the store held data it did not write, or a load did not finish.
        self._known: Known | None = None

    @property
    def db(self) -> pyoxigraph.Store:
        if self._db is None:
            raise StoreError("the RDF store is closed")
        return self._db

    # --- writing ---------------------------------------------------------------------------

    def load(self, dataset: Dataset, progress: Progress | None = None) -> LoadReport:
        """Stream the data set in; into a store that holds data, merge by resource.

        Ids of reference data and sources are names, not content hashes, and an event's or
        breach's claims may grow, so a reload replaces each resource's description (the
        resource and its fragments): stale quads are removed, missing ones added, and
        resources the data set lacks are kept. Which of the data set's resources the store
        holds is looked up in bulk first (``_stored``); only those are compared with what
        the store says, the others are new and go in with the bulk loader as they are.
        """
        started = time.perf_counter()
        self._path_index.mark_stale()
        before = self.counts() if self._loaded_counts is None else dict(self._loaded_counts)
        self._loaded_counts = None
        known, self._known = self._known, None  # restored only if the load finishes
        if known is None and next(iter(self.db), None) is None:
            known = Known()
        roots = self._roots(dataset)
        stored = self._stored(roots, known)
        parts = sections(self._with_stored_support(dataset, stored), self.iris)
        named = {
            self.iris.entity(item.id).value
            for items in (
                dataset.states,
                dataset.weapon_systems,
                dataset.resolutions,
                dataset.provisions,
                dataset.sources,
            )
            for item in items.values()
        }
        total = sum(part.size for part in parts)
        done = updated = 0
        for part in parts:
            updated += self._merge(part, stored, known, named)
            done += part.size
            if progress is not None:
                progress(done, total, part.name)
        self.db.flush()
        self._path_index.add(dataset)
        if known is not None:
            known.roots.add(root.value for root in roots)
            self._known = known
        notes = [f"updated the description of {updated} resources"] if updated else []
        after = self._loaded_counts = self.counts()
        return LoadReport(
            before, dict(after), time.perf_counter() - started, batches=len(parts), notes=notes
        )

    def _roots(self, dataset: Dataset) -> list[NamedNode]:
        """The resources ``_merge`` will describe (descriptions are lazy: no quad is made)."""
        return [root for part in sections(dataset, self.iris) for root, _ in part.descriptions()]

    def _stored(self, roots: list[NamedNode], known: Known | None) -> set[str]:
        """The IRIs of those of ``roots`` the store already describes (has a type for, in
        any graph): SPARQL lookups by ``VALUES``, ``_LOOKUP`` IRIs a query. With ``known``,
        only the roots its filter may hold, and it has no description of, are looked up."""
        found: set[str] = set()
        if known is not None:
            # what it wrote a description of is stored; what its filter lacks is not
            found = {root.value for root in roots if root.value in known.descriptions}
            roots = [r for r in roots if r.value in known.roots and r.value not in found]
        elif next(iter(self.db), None) is None:
            return set()
        for start in range(0, len(roots), _LOOKUP):
            values = " ".join(str(root) for root in roots[start : start + _LOOKUP])
            for row in self._select(_STORED.replace("%(roots)s", values)):
                root = row["s"]
                assert isinstance(root, NamedNode)
                found.add(root.value)
        return found

    def _with_stored_support(self, dataset: Dataset, stored: set[str]) -> Dataset:
        """The data set, its events also citing the claims the store already has for them.

        A claim the store holds still states the event when a later load leaves it out, so
        support is merged, as in the Neo4j store (MERGE of SUPPORTS edges). Only events in
        ``stored`` (the store describes them) can have such claims.
        """
        events = dict(dataset.events)
        for ident, event in dataset.events.items():
            root = self.iris.entity(ident)
            if root.value not in stored:
                continue
            quads = self.db.quads_for_pattern(root, AGT.supportedBy, None, None)
            known = {self.iris.ident(q.object) for q in quads if isinstance(q.object, NamedNode)}
            if not known <= set(event.claims):
                claims = sorted(known | set(event.claims))
                events[ident] = event.model_copy(update={"claims": claims})
        if events == dataset.events:
            return dataset
        return dataclasses.replace(dataset, events=events)

    def _merge(self, part: Section, stored: set[str], known: Known | None, named: set[str]) -> int:
        """Write what the store lacks of the section, remove what it says no longer; return
        how many existing resources changed.

        Resources not in ``stored`` are new: their quads go to the bulk loader unread, in
        one call with what the stored ones lack. Only stored resources are compared: with
        what ``known`` says was last written for those in ``named`` (reference data and
        sources), else with what the store holds. Claims and events have content-hash ids:
        when a stored one's own quads are unchanged, its fragments (the statement) are too,
        and the walk over them is skipped.
        """
        updated = 0
        missing: list[Quad] = []
        new_resources: list[Iterator[Quad]] = []
        for root, quads in part.descriptions():
            iri = root.value
            # where to keep its description as written, if anywhere
            written = known.descriptions if known is not None and iri in named else None
            if iri not in stored:
                if written is not None:
                    listed = list(quads)
                    written[iri] = frozenset(listed)
                    quads = iter(listed)
                new_resources.append(quads)
                continue
            new = frozenset(quads)
            if written is not None:
                if written.get(iri) == new:
                    continue
                written[iri] = new
            if _CONTENT_ID.match(self.iris.ident(root)):
                old_root = set(self.db.quads_for_pattern(root, None, None, None))
                if old_root == {q for q in new if q.subject == root}:
                    continue
            old = self._description(root)
            for quad in old - new:
                self.db.remove(quad)
            added = new - old
            missing.extend(added)
            updated += bool(old - new) or any(_owned_by(root, q) for q in added)
        if new_resources or len(missing) >= _BATCH:
            self.db.bulk_extend(
                itertools.chain(missing, itertools.chain.from_iterable(new_resources))
            )
        elif missing:
            self.db.extend(missing)
        return updated

    def _description(self, root: NamedNode) -> set[Quad]:
        prefix = root.value + "#"
        found: set[Quad] = set()
        todo, seen = [root], {root.value}
        while todo:
            for quad in self.db.quads_for_pattern(todo.pop(), None, None, None):
                found.add(quad)
                obj = quad.object
                fragment = isinstance(obj, NamedNode) and obj.value.startswith(prefix)
                if fragment and isinstance(obj, NamedNode) and obj.value not in seen:
                    seen.add(obj.value)
                    todo.append(obj)
        return found

    def clear(self) -> None:
        self._path_index.mark_stale()
        self._loaded_counts = None
        self._known = None
        self.db.clear()
        self._path_index.clear()

    def close(self) -> None:
        if self._db is not None:
            self._db.flush()
            self._path_index.close()
        self._db = None
        self._endpoint = None

    # --- queries ---------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(COUNT_KEYS, 0)
        for row in self._select(q.COUNTS):
            kind, n = row["type"], row["n"]
            assert isinstance(kind, NamedNode) and isinstance(n, Literal)
            counts[_COUNTED[kind.value]] = int(n.value)
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
        return self._get(ids, AGT.Transfer, self._reader.event)

    def get_claims(self, ids: Sequence[str]) -> list[Claim]:
        return self._get(ids, AGT.Claim, self._reader.claim)

    def get_breaches(self, ids: Sequence[str]) -> list[Breach]:
        return self._get(ids, AGT.Breach, self._reader.breach)

    def get_sources(self, ids: Sequence[str] | None = None) -> list[Source]:
        return self._get(ids, AGT.Source, self._reader.source)

    def get_states(self, ids: Sequence[str] | None = None) -> list[State]:
        return self._get(ids, AGT.State, self._reader.state)

    def get_weapon_systems(self, ids: Sequence[str] | None = None) -> list[WeaponSystem]:
        return self._get(ids, AGT.WeaponSystem, self._reader.weapon_system)

    def get_resolutions(self, ids: Sequence[str] | None = None) -> list[Resolution]:
        return self._get(ids, AGT.Resolution, self._reader.resolution)

    def get_provisions(self, ids: Sequence[str] | None = None) -> list[Provision]:
        return self._get(ids, AGT.Provision, self._reader.provision)

    # --- endpoint and export -----------------------------------------------------------------

    @property
    def endpoint(self) -> SparqlEndpoint:
        if self._endpoint is None:
            self._endpoint = SparqlEndpoint(self.db)
        return self._endpoint

    def sparql(self, query: str, accept: str, timeout_s: float) -> tuple[bytes, str]:
        """Run a read-only query (see ``rdf_sparql``); returns the body and its media type."""
        return self.endpoint.run(query, accept, timeout_s)

    def export(
        self, out: BinaryIO, fmt: str, vocabulary: bool = False, shapes: bool = False
    ) -> None:
        """Stream the store as it is, plus the companion graphs asked for (``rdf_export``)."""
        write_export(self.db, out, fmt, vocabulary, shapes)
