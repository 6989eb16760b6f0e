"""The one ingestion path: sources of any format -> validated ``Dataset`` -> reasoner -> store.

Every way data comes in goes through here: ``armsgraph validate`` and ``load``, the first
fill of ``serve``, ``POST /claims``, and the register importers (``loaders/registers``).

- ``read_dataset(paths)``: files of every registered format (``loaders/readers.py``) into one
  validated data set with its events and breaches, or a ``DataError`` listing every problem
  with file, line, column and field; never a partial data set.
- ``reason(dataset)``: the breach reasoner over the data set's events.
- ``ingest(paths, store)``: ``read_dataset`` then a versioned write (``core.replace``): each
  source's new version replaces the one the store holds, and the breaches it touches are
  recomputed from the whole store; nothing is written when any file is bad.
- ``ingest_document(document, store)``: one document, named against what the store holds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from armsgraph.core import cyclic_gc
from armsgraph.core.access import writing
from armsgraph.core.change import versioned
from armsgraph.core.dataset import Dataset
from armsgraph.core.errors import DataError, Problem
from armsgraph.core.model import Claim
from armsgraph.core.names import Gazetteer
from armsgraph.core.reasoner import derive_breaches
from armsgraph.core.replace import VersionReport, write_version
from armsgraph.core.store import Progress, Store
from armsgraph.loaders.document import ClaimLocation, Document
from armsgraph.loaders.readers import find_files, reader_for
from armsgraph.loaders.world import register_patterns, world_actors

BUNDLED_DATA = Path(__file__).resolve().parent.parent / "data"
REFERENCE_DIR = BUNDLED_DATA / "reference"

__all__ = [
    "BUNDLED_DATA",
    "REFERENCE_DIR",
    "ClaimLocation",
    "DocumentLoad",
    "ingest",
    "ingest_document",
    "read_dataset",
    "reason",
    "store_gazetteer",
]


def _parse(
    paths: Iterable[Path],
    with_bundled_reference: bool,
    display: Callable[[Path], str],
    progress: Progress | None = None,
) -> tuple[list[Document], list[Problem]]:
    """Every file under ``paths`` parsed by its reader, the bundled reference data first;
    files that do not parse give problems, so that all are reported at once."""
    files = find_files(paths)
    if with_bundled_reference:
        files = [*find_files([REFERENCE_DIR]), *(f for f in files if not _is_bundled_ref(f))]
    problems: list[Problem] = []
    documents: list[Document] = []
    for done, path in enumerate(files, 1):
        try:
            documents.append(reader_for(path)(path, display(path)))
        except DataError as exc:
            problems.extend(exc.problems)
        _step(progress, done, len(files), "reading files")
    return documents, problems


def _step(progress: Progress | None, done: int, total: int, what: str) -> None:
    """A long step's progress, every 20th item and its last (a bar need not move per file)."""
    if progress is not None and (done % 20 == 0 or done == total):
        progress(done, total, what)


def read_dataset(
    paths: Iterable[Path],
    *,
    with_bundled_reference: bool = True,
    display: Callable[[Path], str] = str,
    derive: bool = True,
    progress: Progress | None = None,
) -> tuple[Dataset, dict[str, ClaimLocation]]:
    """Validate every file under ``paths`` and build the data set, or raise ``DataError``.

    Returns the data set (claims, events, breaches) and where each claim stands. Without
    ``derive`` it has no events and breaches: a versioned write derives those of the
    claims it writes, against the whole store (``core.replace``), so ``ingest`` skips them.
    """
    with cyclic_gc.paused():  # the read holds every validated claim till its end
        return _read_dataset(paths, with_bundled_reference, display, derive, progress)


def _read_dataset(
    paths: Iterable[Path],
    with_bundled_reference: bool,
    display: Callable[[Path], str],
    derive: bool,
    progress: Progress | None,
) -> tuple[Dataset, dict[str, ClaimLocation]]:
    documents, problems = _parse(paths, with_bundled_reference, display, progress)

    dataset = Dataset()
    for document in documents:
        problems += document.read_reference(dataset)
    if not with_bundled_reference:  # ambiguous names are ambiguous in every data set
        dataset.ambiguous_names = [*bundled_reference().ambiguous_names, *dataset.ambiguous_names]
    dataset.world = world_actors()
    dataset.register_patterns = register_patterns()
    gazetteer = dataset.gazetteer
    _add_named_actors(dataset, gazetteer, [])  # provision targets and parties
    if not problems:  # an entry that failed to load would show up again as a broken link
        problems += _check_reference_links(dataset)

    locations: dict[str, ClaimLocation] = {}
    keys: dict[str, tuple[str, ClaimLocation]] = {}
    claims: list[Claim] = []
    for done, document in enumerate(documents, 1):
        read = document.read_claims(gazetteer)
        _step(progress, done, len(documents), "validating claims")
        problems += read.problems
        for source in read.sources:
            if source.id in dataset.sources and dataset.sources[source.id] != source:
                problems.append(
                    document.problem(["source", "id"], f"source {source.id!r} is defined twice")
                )
            dataset.sources[source.id] = source
        for i, (claim, here) in enumerate(zip(read.claims, read.locations, strict=True)):
            if claim.key:
                earlier = keys.get(claim.key)
                if earlier and earlier[0] != claim.id:
                    where = f"{earlier[1].file}:{earlier[1].line}"
                    problems.append(
                        document.problem(
                            ["claims", i, "key"],
                            f"duplicate claim key {claim.key!r} with different content "
                            f"(first at {where})",
                        )
                    )
                    continue
                keys[claim.key] = (claim.id, here)
            locations.setdefault(claim.id, here)
            claims.append(claim)

    problems += _check_claim_links(dataset, claims, locations)
    if problems:
        raise DataError(problems)
    _add_named_actors(dataset, gazetteer, claims)
    dataset.weapon_systems.update(gazetteer.designated)
    if not derive:
        dataset.claims.update((claim.id, claim) for claim in claims)
        return dataset, locations
    dataset.add_claims(claims)
    return reason(dataset), locations


def reason(dataset: Dataset) -> Dataset:
    """Derive the data set's breaches from its events and provisions (replacing any)."""
    dataset.breaches = derive_breaches(dataset)
    return dataset


def ingest(
    paths: Iterable[Path],
    store: Store,
    *,
    replace: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> VersionReport:
    """Read, validate and reason over the files, then write each source's new version
    (``core.replace``: claims it no longer states are retracted, breaches recomputed from
    the whole store); ``replace`` empties the store first, ``dry_run`` writes nothing. A bad
    file raises ``DataError`` before anything is written."""
    with cyclic_gc.paused():
        dataset, locations = read_dataset(paths, derive=False, progress=progress)
        with writing(store):
            if replace and not dry_run:
                store.clear()
            else:
                _check_stored_keys(dataset, locations, store)
            return write_version(versioned(store), dataset, dry_run=dry_run, progress=progress)


def _check_stored_keys(dataset: Dataset, locations: dict[str, ClaimLocation], store: Store) -> None:
    """A claim key names one claim across the store too: refuse a key a stored claim has."""
    keyed = {c.key: c.id for c in dataset.claims.values() if c.key}
    stored = _keys_of_other_sources(store, sorted(keyed), set(dataset.sources))
    problems = []
    for key, ids in sorted(stored.items()):
        others = [i for i in ids if i != keyed[key]]
        if others:
            where = locations[keyed[key]]
            message = f"claim key {key!r} is taken by stored claim {others[0]}"
            problems.append(Problem(where.file, where.line, None, "key", message))
    if problems:
        raise DataError(problems)


@dataclass(frozen=True)
class DocumentLoad:
    claims_received: int
    report: VersionReport


def ingest_document(
    document: Document,
    store: Store,
    gazetteer: Gazetteer | None = None,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> DocumentLoad:
    """Validate one document against the store's reference data (``gazetteer``: names as
    the store knows them; read from the store when not given) and write its sources' new
    versions, all or nothing. The reasoner runs over the store (``core.recompute``)."""
    with writing(store), cyclic_gc.paused():  # what it reads stays true until written
        return _ingest_document(document, store, gazetteer, dry_run, progress)


def _ingest_document(
    document: Document,
    store: Store,
    gazetteer: Gazetteer | None,
    dry_run: bool,
    progress: Progress | None,
) -> DocumentLoad:
    gazetteer = gazetteer or store_gazetteer(store)
    read = document.read_claims(gazetteer)
    problems = read.problems or _reused_keys(document, read.claims, store)
    if problems:
        raise DataError(problems)
    dataset = Dataset(
        states=dict(gazetteer.actors.curated),
        weapon_systems=dict(gazetteer.weapon_systems),
        resolutions=dict(gazetteer.resolutions),
        provisions=dict(gazetteer.provisions),
        sources={source.id: source for source in read.sources},
    )
    _add_named_actors(dataset, gazetteer, read.claims)
    # claims only: the planner derives the events of those it writes (``core.replace``)
    dataset.claims = {claim.id: claim for claim in read.claims}
    report = write_version(versioned(store), dataset, dry_run=dry_run, progress=progress)
    return DocumentLoad(len(read.claims), report)


def _keys_of_other_sources(
    store: Store, keys: Sequence[str], sources: set[str]
) -> dict[str, list[str]]:
    """Stored claims by key, leaving out those of ``sources``: a source's new version
    retracts its own old claims, so it may give a key to an edited claim."""
    stored = store.claims_with_keys(keys)
    if not stored:
        return {}
    owner = {
        c.id: c.source for c in store.get_claims(sorted({i for v in stored.values() for i in v}))
    }
    kept = {k: [i for i in ids if owner.get(i) not in sources] for k, ids in stored.items()}
    return {k: ids for k, ids in kept.items() if ids}


def _reused_keys(document: Document, claims: Sequence[Claim], store: Store) -> list[Problem]:
    """A claim key names one claim: within the document (as ``read_dataset`` checks across
    files) and across the store."""
    problems = []
    first: dict[str, tuple[int, str]] = {}
    sources = {c.source for c in claims}
    stored = _keys_of_other_sources(store, sorted({c.key for c in claims if c.key}), sources)
    for i, claim in enumerate(claims):
        if not claim.key:
            continue
        earlier = first.setdefault(claim.key, (i, claim.id))
        others = [c for c in stored.get(claim.key, []) if c != claim.id]
        if earlier[1] != claim.id:
            message = (
                f"duplicate claim key {claim.key!r} with different content "
                f"(first at claims[{earlier[0]}])"
            )
            problems.append(document.problem(["claims", i, "key"], message))
        elif others:
            message = f"claim key {claim.key!r} is taken by stored claim {others[0]}"
            problems.append(document.problem(["claims", i, "key"], message))
    return problems


def store_gazetteer(store: Store) -> Gazetteer:
    """Names as the store knows them: its states and other actors, weapon systems,
    resolutions, provisions; and every generated actor (world.json) below them."""
    return Gazetteer(
        store.get_states(),
        store.get_weapon_systems(),
        store.get_resolutions(),
        store.get_provisions(),
        world=world_actors(),
        ambiguous=bundled_reference().ambiguous_names,
        patterns=register_patterns(),
    )


@lru_cache(maxsize=1)
def bundled_reference() -> Dataset:
    """The bundled reference files alone (read once): what a store may not hold, such as
    the curated ambiguous names."""
    documents, problems = _parse([], True, str)
    dataset = Dataset()
    for document in documents:
        problems += document.read_reference(dataset)
    if problems:
        raise DataError(problems)
    return dataset


def _is_bundled_ref(path: Path) -> bool:
    return REFERENCE_DIR in path.resolve().parents  # embargoes/ and other subfolders too


def _check_claim_links(
    dataset: Dataset, claims: list[Claim], locations: dict[str, ClaimLocation]
) -> list[Problem]:
    problems = []
    flows = {c.event.flow for c in claims if c.event and c.event.flow}
    for claim in claims:
        where = locations[claim.id]
        if claim.breach:
            for flow in claim.breach.flows:
                if flow not in flows:
                    problems.append(
                        Problem(
                            where.file,
                            where.line,
                            None,
                            "breach.flows",
                            f"no claim describes flow {flow!r}",
                        )
                    )
    for source in dataset.sources.values():
        if source.reports_on and source.reports_on not in dataset.sources:
            problems.append(
                Problem(
                    "sources",
                    None,
                    None,
                    f"{source.id}.reports_on",
                    f"unknown source {source.reports_on!r}",
                )
            )
    return problems


def _check_reference_links(dataset: Dataset) -> list[Problem]:
    problems = []

    def unknown(field: str, message: str) -> None:
        problems.append(Problem("reference", None, None, field, message))

    for prov in dataset.provisions.values():
        if prov.resolution not in dataset.resolutions:
            unknown(f"provisions.{prov.id}.resolution", f"unknown resolution {prov.resolution!r}")
        if prov.scope is None:
            continue
        for i, target in enumerate(prov.scope.targets):
            if target not in dataset.states:
                unknown(f"provisions.{prov.id}.scope.targets.{i}", f"unknown target {target!r}")
        for i, exc in enumerate(prov.scope.exceptions):
            for j, party in enumerate(exc.parties):
                if party not in dataset.states:
                    unknown(
                        f"provisions.{prov.id}.scope.exceptions.{i}.parties.{j}",
                        f"unknown party {party!r}",
                    )
    return problems


def _add_named_actors(dataset: Dataset, gazetteer: Gazetteer, claims: Sequence[Claim]) -> None:
    """The data set holds the curated actors and every generated one its data names
    (claims, provision targets and exception parties), with the states non-state actors
    are based in."""
    named: set[str] = set()
    for claim in claims:
        if claim.event:
            named.update((claim.event.supplier, claim.event.recipient))
        if claim.breach:
            named.update(claim.breach.states)
    for provision in dataset.provisions.values():
        if provision.scope:
            named.update(provision.scope.targets)
            named.update(p for e in provision.scope.exceptions for p in e.parties)
    for ident in sorted(named - set(dataset.states)):
        if ident in gazetteer.states:
            dataset.states[ident] = gazetteer.states[ident]
    based_in = {a.based_in for a in dataset.states.values() if a.based_in}
    for ident in sorted(based_in - set(dataset.states)):
        if ident in gazetteer.states:
            dataset.states[ident] = gazetteer.states[ident]
