"""The one ingestion path: sources of any format -> validated ``Dataset`` -> reasoner -> store.

Every way data comes in goes through here: ``armsgraph validate`` and ``load``, the first
fill of ``serve``, ``POST /claims``, and every importer to come.

- ``read_dataset(paths)``: files of every registered format (``loaders/readers.py``) into one
  validated data set with its events and breaches, or a ``DataError`` listing every problem
  with file, line, column and field; never a partial data set.
- ``reason(dataset)``: the breach reasoner over the data set's events.
- ``ingest(paths, store)``: ``read_dataset`` then ``Store.load``; nothing is written when any
  file is bad.
- ``ingest_document(document, store)``: one document against what the store already holds
  (its reference data names the states, its events gain the new supporting claims).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from armsgraph.core.dataset import Dataset, derive_events
from armsgraph.core.errors import DataError, Problem
from armsgraph.core.model import Claim, Source
from armsgraph.core.names import Gazetteer
from armsgraph.core.reasoner import derive_breaches
from armsgraph.core.store import EventFilter, LoadReport, Progress, Store
from armsgraph.loaders.document import ClaimLocation, Document
from armsgraph.loaders.readers import find_files, reader_for

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
    paths: Iterable[Path], with_bundled_reference: bool, display: Callable[[Path], str]
) -> tuple[list[Document], list[Problem]]:
    """Every file under ``paths`` parsed by its reader, the bundled reference data first;
    files that do not parse give problems, so that all are reported at once."""
    files = find_files(paths)
    if with_bundled_reference:
        files = [*find_files([REFERENCE_DIR]), *(f for f in files if not _is_bundled_ref(f))]
    problems: list[Problem] = []
    documents: list[Document] = []
    for path in files:
        try:
            documents.append(reader_for(path)(path, display(path)))
        except DataError as exc:
            problems.extend(exc.problems)
    return documents, problems


def read_dataset(
    paths: Iterable[Path],
    *,
    with_bundled_reference: bool = True,
    display: Callable[[Path], str] = str,
) -> tuple[Dataset, dict[str, ClaimLocation]]:
    """Validate every file under ``paths`` and build the data set, or raise ``DataError``.

    Returns the data set (claims, events, breaches) and where each claim stands.
    """
    documents, problems = _parse(paths, with_bundled_reference, display)

    dataset = Dataset()
    for document in documents:
        problems += document.read_reference(dataset)
    if not problems:  # an entry that failed to load would show up again as a broken link
        problems += _check_reference_links(dataset)
    gazetteer = dataset.gazetteer

    locations: dict[str, ClaimLocation] = {}
    keys: dict[str, tuple[str, ClaimLocation]] = {}
    claims: list[Claim] = []
    for document in documents:
        read = document.read_claims(gazetteer)
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
    progress: Progress | None = None,
) -> LoadReport:
    """Read, validate and reason over the files, then load them; ``replace`` empties the
    store first. A bad file raises ``DataError`` before anything is written."""
    dataset, _ = read_dataset(paths)
    if replace:
        store.clear()
    return store.load(dataset, progress)


@dataclass(frozen=True)
class DocumentLoad:
    claims_received: int
    report: LoadReport


def ingest_document(
    document: Document, store: Store, gazetteer: Gazetteer | None = None
) -> DocumentLoad:
    """Validate one document against the store's reference data (``gazetteer``: names as
    the store knows them; read from the store when not given), merge its claims into the
    stored events, reason, and load; all or nothing."""
    gazetteer = gazetteer or store_gazetteer(store)
    read = document.read_claims(gazetteer)
    if read.problems:
        raise DataError(read.problems)
    for source in read.sources:
        existing = store.get_sources([source.id])
        if existing and existing[0] != source:
            raise DataError(
                [
                    document.problem(
                        ["source", "id"], f"source {source.id!r} exists with other content"
                    )
                ]
            )
    dataset = _with_stored_events(store, gazetteer, read.sources, read.claims)
    return DocumentLoad(len(read.claims), store.load(reason(dataset)))


def store_gazetteer(store: Store) -> Gazetteer:
    """Names as the store knows them: its states, weapon systems, resolutions, provisions."""
    return Gazetteer(
        store.get_states(),
        store.get_weapon_systems(),
        store.get_resolutions(),
        store.get_provisions(),
    )


def _with_stored_events(
    store: Store, gaz: Gazetteer, sources: Sequence[Source], claims: Sequence[Claim]
) -> Dataset:
    dataset = Dataset(
        states=dict(gaz.states),
        weapon_systems=dict(gaz.weapon_systems),
        resolutions=dict(gaz.resolutions),
        provisions=dict(gaz.provisions),
        sources={source.id: source for source in sources},
    )
    everything = store.find_events(EventFilter(limit=10**9))
    events = {e.id: e for e in store.get_events(everything)}
    for ident, new in derive_events(claims).items():
        old = events.get(ident)
        merged = sorted(set(new.claims) | set(old.claims if old else []))
        events[ident] = new.model_copy(update={"claims": merged})
    # Existing claims too: undated events are dated by their first report.
    supporting = sorted({c for e in events.values() for c in e.claims} - {c.id for c in claims})
    dataset.claims = {c.id: c for c in [*store.get_claims(supporting), *claims]}
    dataset.events = events
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
