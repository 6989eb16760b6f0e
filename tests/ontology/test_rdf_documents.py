"""The embedded store's documents equal what its RDF reader hydrates, through every write.

``get_claims``, ``get_events``, ``get_breaches`` and ``get_sources`` read the documents
(``ontology.rdf_documents``) and the RDF only where a document is missing, so a document
that drifted from the RDF would change answers silently: after loads, ``load_many``, a
reload that merges an event's support, ``clear``, versioned edits, a retraction and a
removal, every claim, event, breach and source has a document equal to its RDF reading,
and none is left for a resource the RDF lost. A store written without documents answers
the same and keeps what it reads; a load cut short leaves no stale document.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from armsgraph.core.dataset import Dataset
from armsgraph.core.replace import remove_sources, write_version
from armsgraph.core.store import EventFilter
from armsgraph.ontology.rdf_documents import EVENT, SOURCE
from armsgraph.ontology.rdf_store import DOCUMENTS_FILE, RdfStore
from tests.support.datasets import multi_hop_dataset
from tests.support.documents import assert_documents_exact
from tests.support.failing import FailingWrites
from tests.versions.versions_support import (
    missiles,
    r1_claims,
    read,
    source,
    store_state,
    two_sources,
)
from tests.versions.versions_support import write_file as write_claims


def _without_one_claim_of_a_shared_event(dataset: Dataset) -> tuple[Dataset, str, str]:
    """The data set less one claim of an event two claims state: (it, the event, the claim)."""
    event = next(
        e for e in sorted(dataset.events.values(), key=lambda e: e.id) if len(e.claims) > 1
    )
    dropped = event.claims[0]
    less = Dataset(
        states=dataset.states,
        weapon_systems=dataset.weapon_systems,
        resolutions=dataset.resolutions,
        provisions=dataset.provisions,
        sources=dataset.sources,
    )
    less.add_claims([c for i, c in dataset.claims.items() if i != dropped])
    assert dropped not in less.events[event.id].claims
    return less, event.id, dropped


@pytest.mark.parametrize("on_disk", [False, True], ids=["memory", "disk"])
def test_loads_reloads_and_clear_keep_the_documents_exact(
    on_disk: bool, real_dataset: Dataset, tmp_path: Path
) -> None:
    store = RdfStore(tmp_path / "oxigraph" if on_disk else None)
    try:
        store.load(multi_hop_dataset())
        assert assert_documents_exact(store) > 0
        store.load_many([real_dataset])
        total = assert_documents_exact(store)
        store.load(multi_hop_dataset())  # a reload changes nothing
        assert assert_documents_exact(store) == total

        less, event, dropped = _without_one_claim_of_a_shared_event(real_dataset)
        store.load(less)  # the stored support is merged in: the event keeps the claim
        assert assert_documents_exact(store) == total
        assert dropped in store.get_events([event])[0].claims

        store.clear()
        assert assert_documents_exact(store) == 0
        store.load(less)
        assert dropped not in store.get_events([event])[0].claims
        store.load(real_dataset)  # the event's support grows
        assert dropped in store.get_events([event])[0].claims
        assert_documents_exact(store)
    finally:
        store.close()


def test_versioned_edits_retraction_and_removal_keep_the_documents_exact(tmp_path: Path) -> None:
    folder, claims = tmp_path / "claims", r1_claims()
    path, other = two_sources(folder)
    store = RdfStore(tmp_path / "oxigraph")
    try:
        write_version(store, read(path, other))
        assert_documents_exact(store)
        write_claims(folder, source("r1"), [missiles("PRK", 250, key="r1.missiles"), *claims[1:]])
        edited = write_version(store, read(path))  # the event is replaced
        assert edited.change.delete_events and edited.change.delete_claims
        assert_documents_exact(store)
        write_claims(folder, source("r1", title="Report r1, revised"), [claims[0], claims[1]])
        write_version(store, read(path))  # a retraction, and the source rewritten
        assert_documents_exact(store)
        assert store.get_sources(["r1"])[0].title == "Report r1, revised"
        remove_sources(store, ["r1"])
        assert_documents_exact(store)
        assert store.get_sources(["r1"]) == []
        assert set(store._documents.held(SOURCE)) == {"r2"}
    finally:
        store.close()


def test_a_store_written_without_documents_answers_the_same_and_keeps_what_it_reads(
    real_dataset: Dataset, tmp_path: Path
) -> None:
    path = tmp_path / "oxigraph"
    store = RdfStore(path)
    store.load(real_dataset)
    expected = store_state(store)
    store.close()
    (path / DOCUMENTS_FILE).unlink()  # as a version before the documents left it

    store = RdfStore(path)
    try:
        assert assert_documents_exact(store, complete=False) == 0
        events = store.find_events(EventFilter(limit=5))
        assert store.get_events(events) == expected["events"][:5]
        assert set(store._documents.held(EVENT)) == set(events)  # kept from the RDF
        assert store_state(store) == expected  # every kind read and kept
        assert_documents_exact(store)
    finally:
        store.close()


def test_what_a_read_began_before_a_write_hydrated_is_not_kept(
    real_dataset: Dataset, tmp_path: Path
) -> None:
    store = RdfStore(None)
    try:
        store.load(real_dataset)
        event = next(iter(real_dataset.events))
        store._documents.clear()  # every read now goes to the RDF
        token = store._documents.token()
        with store._documents.writing():
            stale = store.get_events([event])  # read during a write: not kept
        assert stale and store._documents.held(EVENT) == {}
        store._documents._keep(token, EVENT, {event: stale[0]})  # begun before it: not kept
        assert store._documents.held(EVENT) == {}
        store.get_events([event])
        assert set(store._documents.held(EVENT)) == {event}
    finally:
        store.close()


def test_a_load_cut_short_leaves_no_stale_document(real_dataset: Dataset, tmp_path: Path) -> None:
    store = RdfStore(tmp_path / "oxigraph")
    try:
        store.load(real_dataset)
        held = store.get_sources(sorted(real_dataset.sources))
        changed = dataclasses.replace(
            real_dataset,
            sources={s.id: s.model_copy(update={"title": f"{s.title}, revised"}) for s in held},
        )
        db = store.db
        store._db = FailingWrites(db)  # type: ignore[assignment]
        with pytest.raises(OSError):
            store.load(changed)  # the old titles removed, the new ones not written
        store._db = db
        assert store._documents.held(SOURCE) == {}  # read from the RDF as it stands
        assert_documents_exact(store, complete=False)
        store.load(changed)
        assert_documents_exact(store)
        assert store.get_sources(sorted(changed.sources)) == list(changed.sources.values())
    finally:
        store.close()
