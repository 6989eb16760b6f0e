"""RdfStore: counts, idempotent loads, exact read back, and core/query.py semantics."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from armsgraph.core import query
from armsgraph.core.dataset import Dataset
from armsgraph.core.errors import StoreError
from armsgraph.core.kinds import COUNT_KEYS
from armsgraph.core.model import Actor, BreachBasis, Category
from armsgraph.core.store import BreachFilter, EventFilter, PathQuery
from armsgraph.ontology import rdf_merge
from armsgraph.ontology.rdf_known import RootFilter
from armsgraph.ontology.rdf_merge import Merger
from armsgraph.ontology.rdf_store import RdfStore
from armsgraph.ontology.terms import DCT_TITLE
from tests.support.failing import FailingWrites
from tests.support.rich import rich_dataset
from tests.support.stores import assert_round_trip


def test_counts_equal_the_data_set(rich: Dataset, rich_store: RdfStore) -> None:
    assert tuple(rich_store.counts()) == COUNT_KEYS
    assert rich_store.counts() == rich.counts()


def test_counts_equal_the_real_data_set(real_dataset: Dataset, real_store: RdfStore) -> None:
    assert real_store.counts() == real_dataset.counts()


def test_load_is_idempotent_and_persistent(rich: Dataset, tmp_path: Path) -> None:
    store = RdfStore(tmp_path / "db")
    first = store.load(rich)
    quads = set(store.db)
    second = store.load(rich)
    assert first.after == second.before == second.after == rich.counts()
    assert not second.changed
    assert set(store.db) == quads
    store.close()
    with pytest.raises(StoreError):
        store.counts()
    reopened = RdfStore(tmp_path / "db")
    assert set(reopened.db) == quads
    reopened.close()


def test_progress_is_reported(rich: Dataset) -> None:
    calls: list[tuple[int, int, str]] = []
    RdfStore(None).load(rich, lambda done, total, what: calls.append((done, total, what)))
    assert [c[2] for c in calls] == ["reference", "sources and claims", "events", "breaches"]
    assert calls[-1][0] == calls[-1][1] > 0


def test_a_reload_replaces_changed_reference_data(rich: Dataset) -> None:
    store = RdfStore(None)
    store.load(rich)
    changed = rich_dataset()
    prk = changed.states["PRK"]
    changed.states["PRK"] = Actor.model_validate(
        {**prk.model_dump(), "name": "DPRK", "aliases": {"en": ["North Korea"]}}
    )
    report = store.load(changed)
    assert not report.changed
    assert store.get_states(["PRK"]) == [changed.states["PRK"]]


def test_a_reload_merges_new_supporting_claims(rich: Dataset) -> None:
    store = RdfStore(None)
    event = next(e for e in rich.events.values() if len(e.claims) > 1)
    partial = Dataset(states=rich.states, weapon_systems=rich.weapon_systems, sources=rich.sources)
    partial.add_claims([rich.claims[event.claims[-1]]])
    store.load(partial)
    assert store.get_events([event.id])[0].claims == [event.claims[-1]]
    store.load(rich)
    assert store.get_events([event.id]) == [event]
    assert store.counts() == rich.counts()


def test_a_reload_replaces_a_changed_key_and_keeps_what_it_lacks(rich: Dataset) -> None:
    store = RdfStore(None)
    store.load(rich)
    claim = next(c for c in rich.claims.values() if c.key)
    rekeyed = claim.model_copy(update={"key": "renamed"})
    assert rekeyed.id == claim.id
    smaller = Dataset(states=rich.states, weapon_systems=rich.weapon_systems, sources=rich.sources)
    smaller.add_claims([rekeyed])
    report = store.load(smaller)
    assert report.notes == ["updated the description of 1 resources"]
    assert store.get_claims([claim.id]) == [rekeyed]
    assert store.counts() == rich.counts()  # what the smaller data set lacks is kept
    # the event keeps the support of the claim the smaller data set left out
    event = next(e for e in rich.events.values() if claim.id in e.claims)
    assert store.get_events([event.id]) == [event]


def _reference_and_sources(dataset: Dataset) -> Dataset:
    return Dataset(
        states=dataset.states,
        weapon_systems=dataset.weapon_systems,
        resolutions=dataset.resolutions,
        provisions=dataset.provisions,
        sources=dataset.sources,
    )


def _halves(dataset: Dataset) -> tuple[Dataset, Dataset]:
    """The data set in two loads that share no claim, event or breach: the claims of every
    other event in the first, the rest (and the breaches) in the second."""
    events = sorted(dataset.events.values(), key=lambda e: e.id)
    first_claims = {c for e in events[::2] for c in e.claims}
    first, second = _reference_and_sources(dataset), _reference_and_sources(dataset)
    first.add_claims([c for i, c in dataset.claims.items() if i in first_claims])
    second.add_claims([c for i, c in dataset.claims.items() if i not in first_claims])
    second.breaches = dict(dataset.breaches)
    assert first.events.keys().isdisjoint(second.events)
    assert first.events.keys() | second.events.keys() == dataset.events.keys()
    return first, second


# How the store knows what it holds when the next load comes: from its own writes since it
# was empty, from lookups (reopened: it did not write what it holds), or from lookups of every
# resource (its filter of written resources says yes to everything: false positives).
WAYS = ["own writes", "reopened", "filter says yes"]


@pytest.fixture(params=WAYS)
def way(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "filter says yes":
        monkeypatch.setattr(RootFilter, "__contains__", lambda self, iri: True)
    return str(request.param)


def _stored(store: RdfStore, dataset: Dataset) -> set[str]:
    """The IRIs of the data set's resources that the store says it holds before a load."""
    merger = Merger(store.db, store.iris, store._known)  # not kept: it holds the store open
    return merger.stored(merger.roots(dataset))


def _between(store: RdfStore, way: str) -> RdfStore:
    """The store the next load goes into."""
    if way != "reopened":
        return store
    assert store.path is not None
    store.close()
    reopened = RdfStore(store.path)
    assert reopened._known is None
    return reopened


@pytest.mark.parametrize("lookup", [rdf_merge._LOOKUP, 2])
def test_a_load_in_parts_equals_a_load_at_once(
    rich: Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lookup: int, way: str
) -> None:
    monkeypatch.setattr(rdf_merge, "_LOOKUP", lookup)  # 2: many lookup queries
    first, second = _halves(rich)
    store = RdfStore(tmp_path / "parts")
    store.load(first)
    held = store.counts()
    store = _between(store, way)
    # of the second part, the store holds the reference data and the sources only
    shared = [*rich.states, *rich.weapon_systems, *rich.resolutions, *rich.provisions]
    shared += list(rich.sources)
    assert _stored(store, second) == {store.iris.entity(i).value for i in shared}
    walked: list[NamedNode] = []
    description = Merger.description

    def spy(self: Merger, root: NamedNode) -> set[Quad]:
        walked.append(root)
        return description(self, root)

    monkeypatch.setattr(Merger, "description", spy)
    report = store.load(second)
    assert report.notes == []  # nothing the store held changed
    assert report.before == held == first.counts()
    assert report.after == rich.counts()
    if way != "reopened":  # unchanged reference data and sources are not read back
        assert walked == []
    else:
        assert {root.value for root in walked} == {store.iris.entity(i).value for i in shared}
    whole = RdfStore(tmp_path / "whole")
    whole.load(rich)
    assert set(store.db) == set(whole.db)
    store = _between(store, way)
    assert store.load(rich).notes == []
    assert set(store.db) == set(whole.db)
    store.close()
    whole.close()


def test_nothing_is_stored_in_an_empty_store(rich: Dataset) -> None:
    store = RdfStore(None)
    assert _stored(store, rich) == set()


def test_a_failed_load_forgets_what_the_store_knew(rich: Dataset, tmp_path: Path) -> None:
    first, _ = _halves(rich)
    store = RdfStore(tmp_path / "db")
    store.load(first)
    assert store._known is not None
    source = next(iter(first.sources.values()))
    changed = dataclasses.replace(
        first, sources={**first.sources, source.id: source.model_copy(update={"title": "New"})}
    )
    db = store.db
    store._db = FailingWrites(db)  # type: ignore[assignment]
    with pytest.raises(OSError):
        store.load(changed)  # the old title removed, the new one not written
    store._db = db
    assert store._known is None and store._loaded_counts is None
    root = store.iris.entity(source.id)
    assert list(store.db.quads_for_pattern(root, DCT_TITLE, None, None)) == []  # half written
    report = store.load(changed)  # compared with what the store holds, not what it knew
    assert report.notes == ["updated the description of 1 resources"]
    assert store.get_sources([source.id]) == [changed.sources[source.id]]
    expected = RdfStore(None)
    expected.load(changed)
    assert set(store.db) == set(expected.db)
    assert store._known is None  # it holds data it did not see written
    store.close()


def test_the_root_filter_never_misses() -> None:
    roots = RootFilter()
    added = [f"https://example.org/id/{i}" for i in range(10_000)]
    roots.add(added)
    assert all(iri in roots for iri in added)
    assert not any(f"https://example.org/other/{i}" in roots for i in range(10_000))
    assert 1 not in roots


class _Spied:
    """An Oxigraph store whose ``quads_for_pattern`` is ``spy``; all else passes through."""

    def __init__(self, db: Any, spy: Any) -> None:
        self._db, self.quads_for_pattern = db, spy

    def __getattr__(self, name: str) -> Any:
        return getattr(self._db, name)


def test_ids_never_written_are_not_looked_up(
    rich: Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After ``clear`` the store knows it holds only what it wrote: the planner's question
    about events a load will create costs no lookup, and what was written is still found."""
    store = RdfStore(tmp_path / "db")
    store.load(rich)
    store.clear()
    looked_up: list[str] = []
    event = store._reader.event

    def spy(ident: str) -> object:
        looked_up.append(ident)
        return event(ident)

    monkeypatch.setattr(store._reader, "event", spy)
    patterns: list[object] = []
    db = store.db

    def pattern_spy(*pattern: object) -> object:
        patterns.append(pattern)
        return db.quads_for_pattern(*pattern)  # type: ignore[arg-type]

    monkeypatch.setattr(store, "_db", _Spied(db, pattern_spy))
    absent = [f"shp-{i:020x}" for i in range(100)]
    assert store.get_events(absent) == [] and store.get_claims(absent) == []
    assert store.breaches_of_events(absent) == []
    assert looked_up == [] and patterns == []
    monkeypatch.setattr(store, "_db", db)
    store.load(rich)
    ids = sorted(rich.events)
    assert store.get_events([*absent, *ids]) == [rich.events[i] for i in ids]
    breached = sorted({e for b in rich.breaches.values() for e in b.events})
    with_events = sorted(b.id for b in rich.breaches.values() if b.events)
    assert store.breaches_of_events([*absent, *breached]) == with_events != []
    assert store.get_claims(sorted(rich.claims)) == [rich.claims[i] for i in sorted(rich.claims)]
    store.close()


def test_a_reload_into_a_store_with_other_data_replaces_a_changed_title(
    rich: Dataset, tmp_path: Path, way: str
) -> None:
    first, second = _halves(rich)
    store = RdfStore(tmp_path / "db")
    store.load(first)
    store = _between(store, way)
    source = next(iter(rich.sources.values()))
    changed = second
    changed.sources = {**second.sources, source.id: source.model_copy(update={"title": "New"})}
    report = store.load(changed)
    assert report.notes == ["updated the description of 1 resources"]
    assert store.get_sources([source.id]) == [changed.sources[source.id]]
    assert list(store.db.quads_for_pattern(None, DCT_TITLE, Literal(source.title), None)) == []
    assert report.after == rich.counts()
    # the same quads as loading the changed data at once
    expected = RdfStore(None)
    expected.load(dataclasses.replace(rich, sources=changed.sources))
    assert set(store.db) == set(expected.db)
    # and back: the old title replaces the new one
    store = _between(store, way)
    assert store.load(first).notes == ["updated the description of 1 resources"]
    assert store.get_sources([source.id]) == [source]
    assert list(store.db.quads_for_pattern(None, DCT_TITLE, Literal("New"), None)) == []
    store.close()


def test_support_is_merged_when_the_store_holds_other_data(
    rich: Dataset, tmp_path: Path, way: str
) -> None:
    event = next(e for e in rich.events.values() if len(e.claims) > 1)
    first, second = _halves(rich)
    holding, rest = (second, first) if event.id in first.events else (first, second)
    store = RdfStore(tmp_path / "db")
    store.load(holding)  # other data, not the event
    one, other = _reference_and_sources(rich), _reference_and_sources(rich)
    one.add_claims([rich.claims[event.claims[0]]])
    other.add_claims([rich.claims[c] for c in event.claims[1:]])
    store = _between(store, way)
    store.load(one)
    assert store.get_events([event.id])[0].claims == [event.claims[0]]
    store = _between(store, way)
    report = store.load(other)  # leaves out the claim the store holds: it still supports
    assert report.notes == ["updated the description of 1 resources"]
    assert store.get_events([event.id]) == [event]
    store = _between(store, way)
    store.load(rest)  # the event with all its claims
    assert store.get_events([event.id]) == [event]
    # no stale list cells or members: the event is described exactly as in a whole load
    whole = RdfStore(None)
    whole.load(rich)
    root = store.iris.entity(event.id)
    described = Merger(store.db, store.iris, None).description(root)
    assert described == Merger(whole.db, whole.iris, None).description(root)
    store.close()


def test_clear(rich: Dataset) -> None:
    store = RdfStore(None)
    store.load(rich)
    store.clear()
    assert store.counts() == dict.fromkeys(COUNT_KEYS, 0)
    assert len(store.db) == 0
    assert store.load(rich).before == dict.fromkeys(COUNT_KEYS, 0)


# --- exact read back ------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["rich", "real"])
def test_everything_reads_back_equal(
    which: str,
    rich: Dataset,
    rich_store: RdfStore,
    real_dataset: Dataset,
    real_store: RdfStore,
) -> None:
    dataset, store = (rich, rich_store) if which == "rich" else (real_dataset, real_store)
    assert_round_trip(store, dataset)


def test_lookups_keep_the_order_asked_and_skip_unknown_ids(
    rich: Dataset, rich_store: RdfStore
) -> None:
    claims = sorted(rich.claims, reverse=True)
    assert [c.id for c in rich_store.get_claims(["clm-nope", *claims])] == claims
    assert [s.id for s in rich_store.get_states(["RUS", "XXX", "PRK"])] == ["RUS", "PRK"]
    # an id of another kind is not found either
    assert rich_store.get_events(claims) == []
    assert rich_store.get_sources(["PRK"]) == []


# --- queries equal core/query.py ------------------------------------------------------------------


def _breach_filters(dataset: Dataset) -> list[BreachFilter]:
    filters = [BreachFilter(), BreachFilter(limit=2)]
    filters += [BreachFilter(basis=b) for b in BreachBasis]
    filters += [BreachFilter(state=s) for s in dataset.states]
    filters += [BreachFilter(resolution=r) for r in dataset.resolutions]
    filters += [BreachFilter(provision=p) for p in dataset.provisions]
    filters += [BreachFilter(event=e) for e in dataset.events]
    filters += [BreachFilter(state="RUS", basis=BreachBasis.INFERRED, resolution="unscr-1718")]
    return filters


@pytest.mark.parametrize("which", ["multi_hop", "rich", "real"])
def test_breaches_equal_the_reference(which: str, request: pytest.FixtureRequest) -> None:
    dataset: Dataset = request.getfixturevalue({"real": "real_dataset"}.get(which, which))
    store: RdfStore = request.getfixturevalue(f"{which}_store")
    assert dataset.breaches
    for f in _breach_filters(dataset):
        assert store.find_breaches(f) == query.find_breaches(dataset, f), f


def test_real_paths_and_events_equal_the_reference(
    real_dataset: Dataset, real_store: RdfStore
) -> None:
    states = sorted({e.supplier for e in real_dataset.events.values()})
    for source in states:
        for target in states:
            for hops in (1, 3):
                q = PathQuery(source, target, max_hops=hops, limit=10_000)
                assert real_store.find_paths(q) == query.find_paths(real_dataset, q), q
    for category in Category:
        for f in (
            EventFilter(category=category),
            EventFilter(category=category, since=dt.date(2024, 1, 1)),
        ):
            assert real_store.find_events(f) == query.find_events(real_dataset, f), f
    for state in states:
        f = EventFilter(supplier=state, until=dt.date(2023, 12, 31))
        assert real_store.find_events(f) == query.find_events(real_dataset, f), f


def test_the_bulk_loader_fed_in_slices_writes_what_one_call_writes(
    real_dataset: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A load feeds Oxigraph's bulk loader ``_BULK_SLICE`` quads a call (its memory bound):
    slices of 7 quads, cutting through resources' descriptions, write the same store."""
    whole = RdfStore(None)
    whole.load(real_dataset)
    monkeypatch.setattr(rdf_merge, "_BULK_SLICE", 7)
    sliced = RdfStore(None)
    sliced.load(real_dataset)
    assert len(set(whole.db)) > 1_000 * 7
    assert set(sliced.db) == set(whole.db)
    assert sliced.counts() == whole.counts() == real_dataset.counts()
