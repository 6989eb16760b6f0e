"""Loading into an Oxigraph store that may hold data: new resources in bulk, the others
merged resource by resource.

Which of the data set's resources the store already describes is looked up in bulk first
(``Merger.stored``), answered from memory where this process wrote the store since it was
empty (``rdf_known``). Only those are compared with what the store says; the others are new
and go to the bulk loader as they are. ``RdfStore.load`` runs a ``Merger`` and keeps the
counts, the path index and what it knows between loads.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

import pyoxigraph
from pyoxigraph import NamedNode, Quad, RdfFormat

from armsgraph.core.dataset import Dataset
from armsgraph.core.errors import StoreError
from armsgraph.core.store import Progress
from armsgraph.ontology.iris import IriScheme
from armsgraph.ontology.rdf_build import Section, sections
from armsgraph.ontology.rdf_known import Known
from armsgraph.ontology.rdf_writer import Line, quads_of
from armsgraph.ontology.terms import AGT, RDF_TYPE

# Fewer quads than this, all of resources the store holds, go in by one transaction rather
# than through the bulk loader (which writes new files each call).
_BATCH = 50_000
# The bulk loader holds a whole call's quads (in batches of up to a million, two at once)
# before it writes them: calls of this many bound a load's memory (50k claims: 1.8 GiB
# peak in one call, 0.9 GiB in slices) at about the same CPU (BENCHMARKS.md, issue 15).
# A slice is N-Quads text, parsed and written by Oxigraph in another thread while the next
# slice is built here (``bulk_load`` releases the GIL): two slices in memory at most.
_BULK_SLICE = 100_000
_LOOKUP = 10_000  # IRIs per query when looking up which resources the store holds
_STORED = f"""SELECT DISTINCT ?s WHERE {{
  VALUES ?s {{ %(roots)s }}
  GRAPH ?g {{ ?s <{RDF_TYPE.value}> ?t }}
}}"""

# Ids that hash the content (claims, transfer events): see core/ids.py.
_CONTENT_ID = re.compile(r"^(clm|shp|dep|ast)-[0-9a-f]{20}$")


def owned_by(root: NamedNode, quad: Quad) -> bool:
    """Is the quad about ``root`` or one of its fragments (not, say, an agent it names)?"""
    subject = quad.subject
    return isinstance(subject, NamedNode) and subject.value.split("#", 1)[0] == root.value


def removal_order(quads: Iterable[Quad]) -> list[Quad]:
    """Quads to remove one by one, a fragment's before those that link to it: deeper
    fragments first (``#item/0/quantity`` before ``#item/0`` before the resource), and a
    list's later cells before earlier ones. A write killed between two removals then leaves
    no quad that the resource's description (``Merger.description``) cannot reach, so the
    roll-forward finds and removes it."""

    def depth_first(quad: Quad) -> tuple[int, list[tuple[int, int | str]]]:
        subject = quad.subject
        iri = subject.value if isinstance(subject, NamedNode) else ""
        _, _, fragment = iri.partition("#")
        steps = fragment.split("/") if fragment else []
        return len(steps), [(0, int(x)) if x.isdigit() else (1, x) for x in steps]

    return sorted(quads, key=depth_first, reverse=True)


@dataclass
class Merger:
    """One load into ``db``; ``known`` is what this process wrote there since it was empty
    (None when the store holds data it did not write): a finished load adds to it."""

    db: pyoxigraph.Store
    iris: IriScheme
    known: Known | None
    # False for versioned writes, which give each event its whole support
    merge_support: bool = True
    # compare stored claims and events in full, fragments too: a write killed midway may
    # have left a resource's own quads without its fragments
    whole: bool = False
    # the data set as ``load`` wrote it (events with their stored support merged in)
    written: Dataset = dataclasses.field(default_factory=Dataset, init=False)

    def load(self, dataset: Dataset, progress: Progress | None = None) -> tuple[int, int]:
        """Write the data set section by section; return (sections, resources updated)."""
        roots = self.roots(dataset)
        stored = self.stored(roots)
        if self.merge_support:
            dataset = self.with_stored_support(dataset, stored)
        self.written = dataset
        parts = sections(dataset, self.iris)
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
            updated += self.merge(part, stored, named)
            done += part.size
            if progress is not None:
                progress(done, total, part.name)
        self.db.flush()
        if self.known is not None:
            self.known.roots.add(root.value for root in roots)
        return len(parts), updated

    def _select(self, query: str) -> list[pyoxigraph.QuerySolution]:
        results = self.db.query(query)
        if not isinstance(results, pyoxigraph.QuerySolutions):
            raise StoreError("expected SELECT results")
        return list(results)

    def roots(self, dataset: Dataset) -> list[NamedNode]:
        """The resources ``merge`` will describe (descriptions are lazy: no quad is made)."""
        return [root for part in sections(dataset, self.iris) for root, _ in part.descriptions()]

    def stored(self, roots: list[NamedNode]) -> set[str]:
        """The IRIs of those of ``roots`` the store already describes (has a type for, in
        any graph): SPARQL lookups by ``VALUES``, ``_LOOKUP`` IRIs a query. With ``known``,
        only the roots its filter may hold, and it has no description of, are looked up."""
        found: set[str] = set()
        known = self.known
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

    def with_stored_support(self, dataset: Dataset, stored: set[str]) -> Dataset:
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
            held = {self.iris.ident(q.object) for q in quads if isinstance(q.object, NamedNode)}
            if not held <= set(event.claims):
                claims = sorted(held | set(event.claims))
                events[ident] = event.model_copy(update={"claims": claims})
        if events == dataset.events:
            return dataset
        return dataclasses.replace(dataset, events=events)

    def merge(self, part: Section, stored: set[str], named: set[str]) -> int:
        """Write what the store lacks of the section, remove what it says no longer; return
        how many existing resources changed.

        Resources not in ``stored`` are new: their quads go to the bulk loader unread, in
        one call with what the stored ones lack. Only stored resources are compared: with
        what ``known`` says was last written for those in ``named`` (reference data and
        sources), else with what the store holds. Claims and events have content-hash ids:
        when a stored one's own quads are unchanged, its fragments (the statement) are too,
        and the walk over them is skipped.
        """
        known = self.known
        updated = 0
        missing: list[Quad] = []
        new_resources: list[Iterator[Line]] = []
        for root, lines in part.descriptions():
            iri = root.value
            # where to keep its description as written, if anywhere
            written = known.descriptions if known is not None and iri in named else None
            if iri not in stored:
                if written is not None:
                    listed = list(lines)
                    written[iri] = frozenset(listed)
                    lines = iter(listed)
                new_resources.append(lines)
                continue
            text = frozenset(lines)
            if written is not None:
                if written.get(iri) == text:
                    continue
                written[iri] = text
            new = frozenset(quads_of(text))
            if not self.whole and _CONTENT_ID.match(self.iris.ident(root)):
                old_root = set(self.db.quads_for_pattern(root, None, None, None))
                if old_root == {q for q in new if q.subject == root}:
                    continue
            old = self.description(root)
            for quad in removal_order(old - new):
                self.db.remove(quad)
            added = new - old
            missing.extend(added)
            updated += bool(old - new) or any(owned_by(root, q) for q in added)
        if new_resources or len(missing) >= _BATCH:
            for start in range(0, len(missing), _BULK_SLICE):
                self.db.bulk_extend(missing[start : start + _BULK_SLICE])
            self.bulk_load(itertools.chain.from_iterable(new_resources))
        elif missing:
            self.db.extend(missing)
        return updated

    def bulk_load(self, lines: Iterator[Line]) -> None:
        """Feed the lines to Oxigraph's bulk loader ``_BULK_SLICE`` at a time, each slice
        loaded in a thread while the next is built; return when all are written (an error
        in either is raised, and nothing is left loading)."""
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="bulk-load") as loader:
            loading: Future[None] | None = None
            while chunk := list(itertools.islice(lines, _BULK_SLICE)):
                text = "".join(chunk).encode()
                del chunk
                if loading is not None:
                    loading.result()
                loading = loader.submit(self._bulk_load_text, text)
            if loading is not None:
                loading.result()

    def _bulk_load_text(self, text: bytes) -> None:
        # lenient: no IRI re-validation; every term was a pyoxigraph term, so valid already
        self.db.bulk_load(input=text, format=RdfFormat.N_QUADS, lenient=True)

    def description(self, root: NamedNode) -> set[Quad]:
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
