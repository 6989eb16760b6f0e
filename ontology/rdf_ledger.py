"""The embedded store's record of knowledge time, in SQLite beside the Oxigraph store.

The same records as Neo4j's ``(:Version)`` and ``(:SourceRecord)`` nodes (see
``core.versions``): one row per span of time an entity was held, one row per source. They
are kept out of the RDF so that the graphs partners export hold exactly the current facts;
history reaches partners as deltas (``GET /changes``).

A versioned write is journalled here (``rdf_journal``): the planned change and its sources
marked unfinished (``digest`` NULL) in one transaction before it touches Oxigraph, and its
records with the journal dropped in one transaction after Oxigraph is flushed. A change
found pending when the store opens is rolled forward (``RdfVersions.roll_forward``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from armsgraph.core.change import VersionQuery
from armsgraph.core.versions import Closing, SourceRecord, Version
from armsgraph.ontology.sqlite_side import SideDatabase

_SCHEMA = """
CREATE TABLE IF NOT EXISTS version (
  entity TEXT NOT NULL, kind TEXT NOT NULL, first_seen TEXT NOT NULL, retracted_at TEXT,
  source TEXT, identity TEXT, last_seen TEXT, superseded_by TEXT, snapshot TEXT,
  PRIMARY KEY (entity, first_seen)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS version_first_seen ON version (first_seen);
CREATE INDEX IF NOT EXISTS version_retracted_at ON version (retracted_at);
CREATE UNIQUE INDEX IF NOT EXISTS version_open ON version (entity) WHERE retracted_at IS NULL;
CREATE TABLE IF NOT EXISTS pending_change (part INTEGER PRIMARY KEY, body BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS source_record (
  id TEXT PRIMARY KEY, digest TEXT, first_seen TEXT NOT NULL, last_seen TEXT NOT NULL,
  removed_at TEXT, snapshot TEXT
) WITHOUT ROWID;
"""

_PART = 1 << 24  # bytes of the journal a row: SQLite refuses values over 1 GB
_VERSION_FIELDS = tuple(Version.model_fields)
_SOURCE_FIELDS = tuple(SourceRecord.model_fields)


def _parts(journal: Iterable[bytes]) -> Iterator[bytes]:
    """The journal's pieces as rows of at most ``_PART`` bytes."""
    for piece in journal:
        for at in range(0, len(piece), _PART):
            yield piece[at : at + _PART]


def _text(value: Any) -> Any:
    # ISO 8601 in UTC with a fixed width, so text order is time order
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")
    return value


class _Texts:
    """``_text`` remembering what it wrote: a change's rows share a few instants."""

    def __init__(self) -> None:
        self._seen: dict[dt.datetime, str] = {}

    def __call__(self, value: Any) -> Any:
        if not isinstance(value, dt.datetime):
            return value
        found = self._seen.get(value)
        if found is None:
            found = self._seen[value] = _text(value)
        return found


def _row(names: Sequence[str], values: Sequence[Any]) -> dict[str, Any]:
    return dict(zip(names, values, strict=True))


class Ledger(SideDatabase):
    """Knowledge-time records: when each claim, source and breach was first seen and retracted."""

    SCHEMA = _SCHEMA

    def clear(self) -> None:
        with self._lock, self._db:
            self._db.execute("DELETE FROM version")
            self._db.execute("DELETE FROM source_record")
            self._db.execute("DELETE FROM pending_change")

    # --- sources -------------------------------------------------------------------------------

    def source_records(self, ids: Sequence[str] | None) -> dict[str, SourceRecord]:
        query = f"SELECT {', '.join(_SOURCE_FIELDS)} FROM source_record"
        with self._lock:
            if ids is None:
                rows = self._db.execute(query).fetchall()
            else:
                rows = []
                for at in range(0, len(ids), 500):
                    chunk = list(ids[at : at + 500])
                    marks = ", ".join("?" * len(chunk))
                    rows += self._db.execute(f"{query} WHERE id IN ({marks})", chunk).fetchall()
        records = [SourceRecord.model_validate(_row(_SOURCE_FIELDS, r)) for r in rows]
        return {r.id: r for r in records}

    def put_sources(self, records: Sequence[SourceRecord]) -> None:
        with self._lock, self._db:
            self._put_sources(records)

    def _put_sources(self, records: Sequence[SourceRecord]) -> None:
        marks = ", ".join("?" * len(_SOURCE_FIELDS))
        rows = [[_text(getattr(r, f)) for f in _SOURCE_FIELDS] for r in records]
        self._db.executemany(f"INSERT OR REPLACE INTO source_record VALUES ({marks})", rows)

    # --- the journal of the change being written ------------------------------------------------

    def begin(self, journal: Iterable[bytes] | None, records: Sequence[SourceRecord]) -> None:
        """Before Oxigraph is touched: the change's journal, in parts as they are encoded
        (None: not kept, as in memory), and its sources marked unfinished, in one
        transaction."""
        with self._lock, self._db:
            self._db.execute("DELETE FROM pending_change")
            if journal is not None:
                rows = ((i, part) for i, part in enumerate(_parts(journal)))
                self._db.executemany("INSERT INTO pending_change VALUES (?, ?)", rows)
            self._put_sources([r.model_copy(update={"digest": None}) for r in records])

    def pending(self) -> bytes | None:
        """The journal of a change that was begun and not finished, if any."""
        with self._lock:
            rows = self._db.execute("SELECT body FROM pending_change ORDER BY part").fetchall()
        return b"".join(body for (body,) in rows) if rows else None

    def finish(
        self,
        at: dt.datetime,
        close: Sequence[Closing],
        open_: Sequence[Version],
        records: Sequence[SourceRecord],
    ) -> None:
        """After Oxigraph is flushed: the change's records, and its journal dropped, in one
        transaction."""
        with self._lock, self._db:
            self._record(at, close, open_)
            self._put_sources(records)
            self._db.execute("DELETE FROM pending_change")

    # --- versions ------------------------------------------------------------------------------

    def _record(self, at: dt.datetime, close: Sequence[Closing], open_: Sequence[Version]) -> None:
        """Close the open versions of ``close``, then open those of ``open_`` (an entity
        with an open version keeps it). Rows go in sorted by entity, the table's key: random
        order costs SQLite twice the CPU (BENCHMARKS.md, "The ledger's rows")."""
        text = _Texts()
        closing = sorted(
            ((text(at), text(c.last_seen), c.superseded_by, c.snapshot, c.entity) for c in close),
            key=lambda row: row[-1],
        )
        marks = ", ".join("?" * len(_VERSION_FIELDS))
        opening = sorted(
            ([text(getattr(v, f)) for f in _VERSION_FIELDS] for v in open_), key=lambda row: row[0]
        )
        if not closing and self._db.execute("SELECT 1 FROM version LIMIT 1").fetchone() is None:
            # nothing held yet (a first load): no open version to keep, none to close
            kept = {row[0]: row for row in reversed(opening)}  # an entity's first, as below
            rows = sorted(kept.values(), key=lambda row: row[0])
            self._db.executemany(f"INSERT INTO version VALUES ({marks})", rows)
            return
        self._db.executemany(
            "UPDATE version SET retracted_at = ?, last_seen = ?, superseded_by = ?, "
            "snapshot = ? WHERE entity = ? AND retracted_at IS NULL",
            closing,
        )
        # a version closed at the instant it opened held nothing: replaced
        self._db.executemany(
            f"INSERT OR REPLACE INTO version SELECT {marks} WHERE NOT EXISTS "
            "(SELECT 1 FROM version WHERE entity = ? AND retracted_at IS NULL)",
            ([*row, row[0]] for row in opening),
        )

    def versions(self, query: VersionQuery) -> list[Version]:
        entities, kinds = query.entities, query.kinds
        changed_since, held_on = query.changed_since, query.held_on
        where: list[str] = []
        params: list[Any] = []
        if entities is not None:
            where.append(f"entity IN ({', '.join('?' * len(entities))})")
            params += list(entities)
        if kinds is not None:
            where.append(f"kind IN ({', '.join('?' * len(kinds))})")
            params += list(kinds)
        if changed_since is not None:
            where.append("(first_seen > ? OR retracted_at > ?)")
            params += [_text(changed_since)] * 2
        if held_on is not None:
            where.append("first_seen <= ? AND (retracted_at IS NULL OR retracted_at > ?)")
            params += [_text(held_on)] * 2
        sql = f"SELECT {', '.join(_VERSION_FIELDS)} FROM version"
        if where:
            sql += " WHERE " + " AND ".join(where)
        with self._lock:
            rows = self._db.execute(sql + " ORDER BY entity, first_seen", params).fetchall()
        return [Version.model_validate(_row(_VERSION_FIELDS, r)) for r in rows]
