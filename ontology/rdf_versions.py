"""Versioned writes on the embedded store: the planner's reads, ``apply``, knowledge time.

Reads go straight to Oxigraph's quad index (no query text): a source's claims are the
resources typed ``agt:Claim`` in its named graph, events of a flow the subjects of
``agt:flow`` in the derived graph. ``apply`` removes the description of every resource the
change deletes, takes removed sources' graphs out, writes the rest with ``RdfStore.load``
(which replaces the description of each stored resource it rewrites), drops agents no
statement names any more, and records knowledge time in the ledger (``rdf_ledger``). The
change is journalled first and rolled forward on the next open if the process is killed
midway (``rdf_journal``).
"""

from __future__ import annotations

import logging
from abc import abstractmethod
from collections.abc import Sequence
from pathlib import Path

import pyoxigraph
from pyoxigraph import Literal, NamedNode

from armsgraph.core.change import Change, Versioned, VersionQuery, applies_change
from armsgraph.core.dataset import Dataset
from armsgraph.core.store import Progress
from armsgraph.core.versions import SourceRecord, Version
from armsgraph.ontology import rdf_journal as journal
from armsgraph.ontology.iris import IriScheme
from armsgraph.ontology.rdf_documents import Documents
from armsgraph.ontology.rdf_known import Known
from armsgraph.ontology.rdf_ledger import Ledger
from armsgraph.ontology.rdf_merge import Merger, owned_by, removal_order
from armsgraph.ontology.rdf_paths import PathIndex
from armsgraph.ontology.terms import AGT, PROV_AGENT, RDF_TYPE

log = logging.getLogger("armsgraph.store")


class RdfVersions(Versioned):
    """Mixed into ``RdfStore``; uses its Oxigraph store, path index and ledger."""

    iris: IriScheme
    path: Path | None
    _ledger: Ledger
    _path_index: PathIndex
    _documents: Documents
    _known: Known | None
    _loaded_counts: dict[str, int] | None

    # Provided by RdfStore, the only class this is mixed into.
    @property
    @abstractmethod
    def db(self) -> pyoxigraph.Store: ...

    @abstractmethod
    def _merge_write(self, write: Dataset, progress: Progress | None, repair: bool) -> None:
        """Merge a change's write in, each event's support as planned (not merged)."""

    @abstractmethod
    def _refuse(self, reason: str) -> None: ...

    # --- reads -------------------------------------------------------------------------------

    def _subjects(self, p: NamedNode, o: NamedNode | Literal, g: NamedNode | None) -> set[str]:
        return {
            q.subject.value
            for q in self.db.quads_for_pattern(None, p, o, g)
            if isinstance(q.subject, NamedNode)
        }

    def source_records(self, ids: Sequence[str] | None = None) -> dict[str, SourceRecord]:
        return self._ledger.source_records(ids)

    def claims_of_sources(self, ids: Sequence[str]) -> dict[str, dict[str, str | None]]:
        found = {}
        for source in ids:
            graph = self.iris.source_graph(source)
            claims: dict[str, str | None] = {}
            for iri in self._subjects(RDF_TYPE, AGT.Claim, graph):
                node = NamedNode(iri)
                key = next(iter(self.db.quads_for_pattern(node, AGT.key, None, graph)), None)
                value = key.object if key is not None else None
                claims[self.iris.ident(node)] = value.value if isinstance(value, Literal) else None
            if claims:
                found[source] = claims
        return found

    def events_of_flows(self, flows: Sequence[str]) -> list[str]:
        derived = self.iris.derived_graph
        iris = {s for f in flows for s in self._subjects(AGT.flow, Literal(f), derived)}
        return sorted(self.iris.ident(NamedNode(s)) for s in iris)

    def breach_claims_of_flows(self, flows: Sequence[str]) -> list[str]:
        statements = {s for f in flows for s in self._subjects(AGT.flow, Literal(f), None)}
        breach = self._subjects(RDF_TYPE, AGT.BreachStatement, None)
        roots = {s.split("#", 1)[0] for s in statements & breach}
        return sorted(self.iris.ident(NamedNode(r)) for r in roots)

    def breaches_of_events(self, ids: Sequence[str]) -> list[str]:
        derived = self.iris.derived_graph
        if self._known is not None:  # an event never written has no breach written either
            prefix, roots = self.iris.id_prefix, self._known.roots
            ids = [i for i in ids if prefix + i in roots]
        found = {s for i in ids for s in self._subjects(AGT.event, self.iris.entity(i), derived)}
        return sorted(self.iris.ident(NamedNode(s)) for s in found)

    def read_versions(self, query: VersionQuery) -> list[Version]:
        return self._ledger.versions(query)

    # --- the write -------------------------------------------------------------------------------

    @applies_change
    def apply(self, change: Change, progress: Progress | None = None) -> None:
        """Journal the change, write it, then record it and drop the journal (``rdf_journal``):
        whoever opens the store after a kill sees it before or after, never in between."""
        self._ledger.begin(None if self.path is None else journal.encode(change), change.sources)
        try:
            self._write(change, progress, repair=False)
        except Exception as exc:
            log.warning("a versioned write failed midway (%s); writing it again", repr(exc))
            self._write_again_or_refuse(change)
        except BaseException:  # interrupted (Ctrl-C): the next open rolls the change forward
            self._refuse("a write was interrupted midway")
            raise
        self._finish(change)

    def roll_forward(self) -> bool:
        """Complete the change a killed or failed write left journalled; True if there was
        one. ``RdfStore`` calls it when it opens the store."""
        pending = self._ledger.pending()
        if pending is None:
            return False
        change = journal.decode(pending)
        sources = ", ".join(r.id for r in change.sources) or "none"
        log.warning("completing a versioned write that did not finish (sources: %s)", sources)
        self._write(change, None, repair=True)
        self._finish(change)
        self.advance_state()
        return True

    def _write_again_or_refuse(self, change: Change) -> None:
        """After a failed write: once more from the start (it is idempotent), else stop
        answering from this handle, which holds part of the change."""
        try:
            self._write(change, None, repair=True)
        except BaseException as exc:
            self._refuse(f"a write failed midway ({type(exc).__name__}: {exc})")
            raise

    def _write(self, change: Change, progress: Progress | None, *, repair: bool) -> None:
        """Oxigraph's side of the change (and the path index); ``repair``: over a store that
        may hold any part of it already."""
        self._path_index.mark_stale()
        self._loaded_counts = None
        graphs = {self.iris.source_graph(d.source) for d in change.diffs if d.changed}
        if change.delete_breaches or change.rewrite_breaches:
            graphs.add(self.iris.derived_graph)
        # a graph written whole names every agent it describes: only those held before
        # can lose a name (a lookup per agent costs most right after a bulk write)
        held = {g for g in graphs if repair or self.db.contains_named_graph(g)}
        with self._documents.writing():
            self._delete(change)
            self._merge_write(change.write, progress, repair)
            for graph in held:
                self._drop_unnamed_agents(graph)
            self.db.flush()

    def _delete(self, change: Change) -> None:
        """The resources and source graphs the change deletes, their documents first."""
        deleted = [*change.delete_claims, *change.delete_events, *change.delete_breaches]
        graphs = {s: self.iris.source_graph(s) for s in change.delete_sources}
        held = {s: g for s, g in graphs.items() if self.db.contains_named_graph(g)}
        self._documents.forget([*deleted, *(i for g in held.values() for i in self._roots(g))])
        for ident in deleted:
            self._remove(self.iris.entity(ident))
        for source in change.delete_sources:
            if source in held:
                self.db.remove_graph(held[source])
            if self._known is not None:
                self._known.descriptions.pop(self.iris.entity(source).value, None)
        self._path_index.remove(change.delete_events)

    def _roots(self, graph: NamedNode) -> set[str]:
        """Ids of the resources the graph describes (a fragment's is its resource's)."""
        prefix = self.iris.id_prefix
        quads = self.db.quads_for_pattern(None, RDF_TYPE, None, graph)
        subjects = {q.subject.value for q in quads if isinstance(q.subject, NamedNode)}
        return {s.split("#", 1)[0][len(prefix) :] for s in subjects if s.startswith(prefix)}

    def _finish(self, change: Change) -> None:
        self._ledger.finish(change.at, change.close, change.open, change.sources)

    def _remove(self, root: NamedNode) -> None:
        description = Merger(self.db, self.iris, None).description(root)
        for quad in removal_order(q for q in description if owned_by(root, q)):
            self.db.remove(quad)

    def _drop_unnamed_agents(self, graph: NamedNode) -> None:
        """Agents (publishers, asserting bodies, the reasoner) are described in each graph
        that names them; once no statement in the graph names one, its description goes."""
        if not self.db.contains_named_graph(graph):
            return
        for agent in self._subjects(RDF_TYPE, PROV_AGENT, graph):
            node = NamedNode(agent)
            if next(iter(self.db.quads_for_pattern(None, None, node, graph)), None) is None:
                for quad in list(self.db.quads_for_pattern(node, None, None, graph)):
                    self.db.remove(quad)
