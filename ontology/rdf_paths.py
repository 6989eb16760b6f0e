"""The embedded store's path index: each transfer event's route, period and weapon
categories in SQLite, beside the Oxigraph store.

The lazy path search (``core.paths``) asks for the next few events out of a state in id
order. Oxigraph keeps IRIs in hash order, so it could only answer by reading all of the
state's events (0.6 s for the busiest state at 100k claims, cold). SQLite's B-tree
indexes on (supplier, id) and (supplier, recipient, id) answer with a seek and a short
scan. Events have content-hash ids, so a row never changes once written; loading is
``INSERT OR IGNORE``.

Consistency with Oxigraph: a load marks the index stale before it writes Oxigraph and
clears the mark in the transaction that adds the rows, so an index left behind by an
interrupted load is rebuilt from the RDF on the next path search (``rebuild``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from armsgraph.core.dataset import Dataset
from armsgraph.core.model import Category, ShipmentStatement, TransferEvent
from armsgraph.core.paths import Step
from armsgraph.ontology.sqlite_side import SideDatabase

_SCHEMA = """
CREATE TABLE IF NOT EXISTS event (
  id TEXT PRIMARY KEY, supplier TEXT NOT NULL, recipient TEXT NOT NULL,
  kind TEXT NOT NULL, earliest TEXT, latest TEXT
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS event_out ON event (supplier, id);
CREATE INDEX IF NOT EXISTS event_route ON event (supplier, recipient, id);
CREATE INDEX IF NOT EXISTS event_in ON event (recipient, supplier);
CREATE TABLE IF NOT EXISTS carried (
  event TEXT NOT NULL, weapon TEXT NOT NULL, PRIMARY KEY (event, weapon)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS weapon (id TEXT PRIMARY KEY, category TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS breach (
  breach TEXT NOT NULL, event TEXT NOT NULL, basis TEXT NOT NULL, PRIMARY KEY (breach, event)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS breach_event ON breach (event);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
"""
# Bumped when a table is added: an index of an older version is rebuilt from the RDF.
_VERSION = "2"

# core.query.overlaps and core.query.carries, on one row of `event` (dates as ISO text).
_PASSES = """
  AND (:since IS NULL OR latest IS NULL OR latest >= :since)
  AND (:until IS NULL OR earliest IS NULL OR earliest <= :until)
  AND (:category IS NULL OR (kind = 'shipment' AND EXISTS (
    SELECT 1 FROM carried JOIN weapon ON weapon.id = carried.weapon
    WHERE carried.event = event.id AND weapon.category = :category)))
"""
# Store.network: events per pair and kind, and events a breach concerns per pair and basis.
_NETWORK_KINDS = (
    "SELECT supplier, recipient, kind, COUNT(*) FROM event"
    f" WHERE (:kind IS NULL OR kind = :kind) {_PASSES} GROUP BY supplier, recipient, kind"
)
_NETWORK_BREACHES = (
    "SELECT supplier, recipient, basis, COUNT(DISTINCT event.id)"
    " FROM breach JOIN event ON event.id = breach.event"
    f" WHERE (:kind IS NULL OR kind = :kind) {_PASSES} GROUP BY supplier, recipient, basis"
)
_OUT = (
    "SELECT id, recipient FROM event WHERE supplier = :supplier AND id > :after"
    f" {_PASSES} ORDER BY id"
)
_ROUTE = (
    "SELECT id, recipient FROM event WHERE supplier = :supplier AND recipient = :recipient"
    f" AND id > :after {_PASSES} ORDER BY id LIMIT :n"
)

EventRow = tuple[str, str, str, str, str | None, str | None]
BreachRow = tuple[str, str, str]  # breach id, event id, basis


def event_row(event: TransferEvent) -> EventRow:
    period = event.period
    earliest = period.earliest if period else None
    latest = period.latest if period else None
    return (
        event.id,
        event.supplier,
        event.recipient,
        event.kind.value,
        earliest.isoformat() if earliest else None,
        latest.isoformat() if latest else None,
    )


def carried_rows(event: TransferEvent) -> list[tuple[str, str]]:
    statement = event.statement
    if not isinstance(statement, ShipmentStatement):
        return []
    return sorted({(event.id, item.weapon) for item in statement.items})


class PathIndex(SideDatabase):
    """Which transfer events lead from which state to which: the path search's index."""

    SCHEMA = _SCHEMA

    # --- writing ---------------------------------------------------------------------------

    def mark_stale(self) -> None:
        """Before the RDF is written: the index no longer promises to match it."""
        with self._lock, self._db:
            self._db.execute("INSERT OR REPLACE INTO meta VALUES ('stale', '1')")

    def add(self, dataset: Dataset) -> None:
        """The data set's events and weapon categories, and the stale mark cleared, in one
        transaction."""
        self.add_rows(
            (event_row(e) for e in dataset.events.values()),
            (row for e in dataset.events.values() for row in carried_rows(e)),
            ((w.id, w.category.value) for w in dataset.weapon_systems.values()),
            ((b.id, e, b.basis.value) for b in dataset.breaches.values() for e in b.events),
        )

    def add_rows(
        self,
        events: Iterable[EventRow],
        carried: Iterable[tuple[str, str]],
        weapons: Iterable[tuple[str, str]],
        breaches: Iterable[BreachRow],
    ) -> None:
        with self._lock, self._db:
            self._db.executemany("INSERT OR IGNORE INTO event VALUES (?, ?, ?, ?, ?, ?)", events)
            self._db.executemany("INSERT OR IGNORE INTO carried VALUES (?, ?)", carried)
            self._db.executemany("INSERT OR REPLACE INTO weapon VALUES (?, ?)", weapons)
            self._db.executemany("INSERT OR IGNORE INTO breach VALUES (?, ?, ?)", breaches)
            self._db.execute("DELETE FROM meta WHERE key = 'stale'")

    def remove(self, events: Sequence[str]) -> None:
        """Events a versioned write deleted (the stale mark is cleared by the next ``add``)."""
        with self._lock, self._db:
            self._db.executemany("DELETE FROM event WHERE id = ?", [(e,) for e in events])
            self._db.executemany("DELETE FROM carried WHERE event = ?", [(e,) for e in events])

    def clear(self) -> None:
        with self._lock, self._db:
            for table in ("event", "carried", "weapon", "breach"):
                self._db.execute(f"DELETE FROM {table}")
            self._db.execute("DELETE FROM meta WHERE key = 'stale'")
            self._db.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (_VERSION,))

    def outdated(self) -> bool:
        """Written by an older version of this module (a table it lacks is empty)."""
        with self._lock:
            row = self._db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
        return row is None or row[0] != _VERSION

    def is_stale(self) -> bool:
        with self._lock:
            row = self._db.execute("SELECT 1 FROM meta WHERE key = 'stale'").fetchone()
        return row is not None

    # --- reading ---------------------------------------------------------------------------

    def next_events(
        self,
        steps: Sequence[Step],
        n: int,
        category: Category | None,
        since: str | None,
        until: str | None,
    ) -> list[list[tuple[str, str]]]:
        """``core.paths.NextEvents`` under the filters: up to ``n`` events per step."""
        params = {"category": category.value if category else None, "since": since, "until": until}
        pages = []
        with self._lock:
            for step in steps:
                bound = params | {"supplier": step.supplier, "after": step.after, "n": n}
                if len(step.recipients) == 1:
                    (recipient,) = step.recipients
                    rows = self._db.execute(_ROUTE, bound | {"recipient": recipient})
                    pages.append([(e, r) for e, r in rows])
                else:
                    rows = self._db.execute(_OUT, bound)
                    pages.append(_take(rows, step.recipients, n))
        return pages

    def network(
        self, kind: str | None, category: Category | None, since: str | None, until: str | None
    ) -> tuple[list[tuple[str, str, str, int]], list[tuple[str, str, str, int]]]:
        """The rows ``graph.store.assemble_network`` takes: (per kind, per breach basis)."""
        params = {
            "kind": kind,
            "category": category.value if category else None,
            "since": since,
            "until": until,
        }
        with self._lock:
            kinds = self._db.execute(_NETWORK_KINDS, params).fetchall()
            bases = self._db.execute(_NETWORK_BREACHES, params).fetchall()
        return kinds, bases

    def breaches_by_event(self, events: Sequence[str]) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {e: [] for e in events}
        marks = ", ".join("?" * len(found))
        query = f"SELECT event, breach FROM breach WHERE event IN ({marks}) ORDER BY breach"
        with self._lock:
            for event, breach in self._db.execute(query, list(found)):
                found[event].append(breach)
        return found

    def predecessors(self, states: set[str]) -> set[str]:
        marks = ", ".join("?" * len(states))
        query = f"SELECT DISTINCT supplier FROM event WHERE recipient IN ({marks})"
        with self._lock:
            return {s for (s,) in self._db.execute(query, sorted(states))}


def _take(
    rows: Iterator[tuple[str, str]], recipients: frozenset[str], n: int
) -> list[tuple[str, str]]:
    """The first ``n`` rows into one of ``recipients``; stops reading there."""
    page: list[tuple[str, str]] = []
    for event, recipient in rows:
        if recipient in recipients:
            page.append((event, recipient))
            if len(page) == n:
                break
    return page
