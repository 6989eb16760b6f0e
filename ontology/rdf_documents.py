"""The embedded store's hydration documents: each claim's, event's, breach's and source's
model as JSON in SQLite beside the Oxigraph store, so ``get_*`` reads a batch in one
indexed query instead of ~6 Oxigraph lookups an entity (170-300 µs each on disk: its
statement, items, quantities, period and rdf:List cells are subjects of their own).

The RDF stays the source of truth; a document is an exact copy or absent, and an absent
one is read from the RDF (``rdf_hydrate``). So:

- a write (``writing``) forgets the documents of every entity it touches, committed before
  it changes Oxigraph, and puts the new ones after Oxigraph is flushed: a process killed
  in between leaves those entities without documents, read from the RDF as it stands,
  never a document older or newer than the RDF;
- a store written before this module (no table) opens with no documents and answers from
  the RDF; what a read hydrates there is kept, unless a write ran or began since the read
  began (``Token``), so such a store gets fast as it is read.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple, TypeVar

from pydantic import BaseModel

from armsgraph.core.dataset import Dataset
from armsgraph.core.model import Breach, Claim, Source, TransferEvent
from armsgraph.ontology.sqlite_side import SideDatabase

M = TypeVar("M", bound=BaseModel)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS document (id TEXT PRIMARY KEY, kind TEXT NOT NULL, body BLOB NOT NULL);
"""
_CHUNK = 500  # ids a query

# ``kind`` in the table: one per ``get_*`` that reads documents.
CLAIM, EVENT, BREACH, SOURCE = "claim", "event", "breach", "source"


class Token(NamedTuple):
    """Writes begun by this handle, and whether one is under way, when a read began."""

    writes: int
    writing: bool


def parse_claim(ident: str, body: bytes) -> Claim:
    return Claim.model_validate_json(body).stored_as(ident)


def parse_event(ident: str, body: bytes) -> TransferEvent:
    return TransferEvent.model_validate_json(body)


def parse_breach(ident: str, body: bytes) -> Breach:
    return Breach.model_validate_json(body)


def parse_source(ident: str, body: bytes) -> Source:
    return Source.model_validate_json(body)


def documented(dataset: Dataset) -> list[tuple[str, Mapping[str, BaseModel]]]:
    """The kinds of a data set that have documents, with their entities by id."""
    return [
        (CLAIM, dataset.claims),
        (EVENT, dataset.events),
        (BREACH, dataset.breaches),
        (SOURCE, dataset.sources),
    ]


def document(model: BaseModel) -> str:
    """The JSON of ``model`` as the RDF reader gives it back: a breach's ``matched`` is an
    rdf:JSON literal written with its keys sorted (``rdf_mapping``), read back in that order."""
    if isinstance(model, Breach) and model.matched:
        matched = json.loads(json.dumps(model.matched, sort_keys=True, ensure_ascii=False))
        model = model.model_copy(update={"matched": matched})
    return model.model_dump_json()


class Documents(SideDatabase):
    """Entity id -> (kind, the model's JSON); see the module's docstring."""

    SCHEMA = _SCHEMA

    def __init__(self, path: Path | None) -> None:
        super().__init__(path)
        self._writes = 0
        self._depth = 0  # writes under way (a versioned write runs a load inside)
        self._state_lock = threading.Lock()

    # --- writing ---------------------------------------------------------------------------

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Around every change to the RDF: what a read began before or during it hydrated
        is not kept."""
        with self._state_lock:
            self._writes += 1
            self._depth += 1
        try:
            yield
        finally:
            with self._state_lock:
                self._depth -= 1

    def forget(self, ids: Iterable[str]) -> None:
        """Before the RDF of ``ids`` changes (inside ``writing``), committed at once."""
        with self._lock, self._db:
            if self._db.execute("SELECT 1 FROM document LIMIT 1").fetchone() is None:
                return  # a first load: nothing to drop, and no delete per id
            self._db.executemany("DELETE FROM document WHERE id = ?", ((i,) for i in ids))

    def forget_dataset(self, dataset: Dataset) -> None:
        self.forget(ident for _, models in documented(dataset) for ident in models)

    def put_dataset(self, dataset: Dataset) -> None:
        """The documents of what a load stored (after Oxigraph is flushed), in one
        transaction."""
        # in id order, the table's key: a large store's B-tree is then walked once, not
        # at random (the JSON is made as the rows go in, never all of it at once)
        entities = sorted(
            (
                (ident, kind, model)
                for kind, models in documented(dataset)
                for ident, model in models.items()
            ),
            key=lambda entity: entity[:2],
        )
        rows = ((ident, kind, document(model)) for ident, kind, model in entities)
        with self._lock, self._db:
            self._db.executemany("INSERT OR REPLACE INTO document VALUES (?, ?, ?)", rows)

    def clear(self) -> None:
        with self._lock, self._db:
            self._db.execute("DELETE FROM document")

    # --- reading ---------------------------------------------------------------------------

    def get(
        self,
        kind: str,
        ids: Sequence[str],
        parse: Callable[[str, bytes], M],
        hydrate: Callable[[str], M | None],
    ) -> list[M]:
        """``Store.get_*``: in the order of ``ids``, unknown ones left out; from the
        documents, else from the RDF (``hydrate``), keeping what that read."""
        token = self.token()
        bodies = self._read(kind, ids)
        read: dict[str, M | None] = {}
        for ident in ids:
            if ident not in bodies and ident not in read:
                read[ident] = hydrate(ident)
        hydrated = {i: m for i, m in read.items() if m is not None}
        if hydrated:
            self._keep(token, kind, hydrated)
        found = []
        for ident in ids:
            body = bodies.get(ident)
            item = parse(ident, body) if body is not None else hydrated.get(ident)
            if item is not None:
                found.append(item)
        return found

    def _read(self, kind: str, ids: Sequence[str]) -> dict[str, bytes]:
        found: dict[str, bytes] = {}
        unique = list(dict.fromkeys(ids))
        with self._lock:
            for start in range(0, len(unique), _CHUNK):
                chunk = unique[start : start + _CHUNK]
                marks = ", ".join("?" * len(chunk))
                query = f"SELECT id, body FROM document WHERE id IN ({marks}) AND kind = ?"
                found.update(self._db.execute(query, [*chunk, kind]))
        return found

    def held(self, kind: str) -> dict[str, bytes]:
        """Every document of ``kind``, by id."""
        with self._lock:
            rows = self._db.execute("SELECT id, body FROM document WHERE kind = ?", (kind,))
            return dict(rows.fetchall())

    def token(self) -> Token:
        with self._state_lock:
            return Token(self._writes, self._depth > 0)

    def _keep(self, token: Token, kind: str, models: dict[str, M]) -> None:
        if token.writing:
            return
        rows = [(ident, kind, document(model)) for ident, model in models.items()]
        with self._state_lock, self._lock, self._db:  # no write begins while it is checked
            if Token(self._writes, self._depth > 0) == token:
                self._db.executemany("INSERT OR IGNORE INTO document VALUES (?, ?, ?)", rows)
