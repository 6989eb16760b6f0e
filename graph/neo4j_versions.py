"""Versioned writes on Neo4j: the planner's reads, ``apply`` of a ``Change``, knowledge time.

``apply`` runs the whole change in one write transaction, so a reader sees a source's old
version or its new one, never a mixture; a change of more than ``ATOMIC_ROWS`` rows (a first
load of a large data set) goes in batches instead, with the sources' records marked
unfinished until the last batch, so the next load repairs what an interrupted one left;
readers of the API see such a write before or after it too (``graph.writer_lock``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, TypeVar

from neo4j import ManagedTransaction, Session
from neo4j import Record as Neo4jRecord
from neo4j.time import DateTime

from armsgraph.core import cyclic_gc
from armsgraph.core.change import Change, Versioned, VersionQuery, applies_change
from armsgraph.core.store import Progress
from armsgraph.core.versions import Record, SourceRecord, Version
from armsgraph.graph import cypher
from armsgraph.graph import cypher_history as ch
from armsgraph.graph.neo4j_plan import plan_load
from armsgraph.graph.writer_lock import exclusive_write

ATOMIC_ROWS = 200_000

R = TypeVar("R", bound=Record)


@dataclass(frozen=True)
class _Write:
    statement: str
    rows: list[dict[str, Any]]
    params: dict[str, Any] = field(default_factory=dict)
    key: str = "rows"  # the parameter the rows go in
    what: str = "records"  # for progress reports


def _native(value: Any) -> Any:
    return value.to_native() if isinstance(value, DateTime) else value


def _record(model: type[R], props: dict[str, Any]) -> R:
    return model.model_validate(
        {k: _native(v) for k, v in props.items() if k in model.model_fields}
    )


def _pairs(rows: set[tuple[str, str]]) -> list[dict[str, Any]]:
    return [{"supplier": a, "recipient": b} for a, b in sorted(rows)]


class Neo4jVersions(Versioned):
    """Mixed into ``Neo4jStore``; uses its session and read helpers."""

    batch_size: int
    atomic_rows: int  # a change of more rows goes in batches
    _read: Callable[..., list[Neo4jRecord]]
    _session: Callable[..., AbstractContextManager[Session]]
    ensure_schema: Callable[[], None]
    exclusive_writer: Callable[[], AbstractContextManager[None]]

    # --- reads -------------------------------------------------------------------------------

    def source_records(self, ids: Sequence[str] | None = None) -> dict[str, SourceRecord]:
        found = self._read(ch.SOURCE_RECORDS, ids=None if ids is None else list(ids))
        return {r.id: r for r in (_record(SourceRecord, rec["props"]) for rec in found)}

    def claims_of_sources(self, ids: Sequence[str]) -> dict[str, dict[str, str | None]]:
        found = self._read(ch.CLAIMS_OF_SOURCES, ids=list(ids))
        return {rec["source"]: {c: k for c, k in rec["claims"]} for rec in found}

    def events_of_flows(self, flows: Sequence[str]) -> list[str]:
        return sorted(rec["id"] for rec in self._read(ch.EVENTS_OF_FLOWS, flows=list(flows)))

    def breach_claims_of_flows(self, flows: Sequence[str]) -> list[str]:
        found = self._read(ch.BREACH_CLAIMS_OF_FLOWS, flows=list(flows))
        return sorted(rec["id"] for rec in found)

    def breaches_of_events(self, ids: Sequence[str]) -> list[str]:
        return [rec["id"] for rec in self._read(ch.BREACHES_OF_EVENTS, ids=list(ids))]

    def read_versions(self, query: VersionQuery) -> list[Version]:
        found = self._read(
            ch.VERSIONS,
            entities=None if query.entities is None else list(query.entities),
            kinds=None if query.kinds is None else list(query.kinds),
            since=query.changed_since,
            held_on=query.held_on,
        )
        return [_record(Version, rec["props"]) for rec in found]

    # --- the write -------------------------------------------------------------------------------

    @exclusive_write
    @applies_change
    def apply(self, change: Change, progress: Progress | None = None) -> None:
        self.ensure_schema()
        # the rows are freed by reference counting; full collections over the planner's
        # models were 2.5 of 5.5 s building a 50k load's rows (BENCHMARKS.md)
        with cyclic_gc.paused():
            self._apply(change, progress)

    def _apply(self, change: Change, progress: Progress | None) -> None:
        writes = list(self._writes(change))
        rows = sum(len(w.rows) for w in writes)
        if rows <= self.atomic_rows:
            self._in_one_transaction(writes)
            if progress is not None:
                progress(rows, rows, "one transaction")
            return
        unfinished = [r.model_copy(update={"digest": None}) for r in change.sources]
        self._in_one_transaction([_Write(ch.PUT_SOURCE_RECORDS, _dump(unfinished))])
        done = 0
        with self._session() as session:
            for write in writes:
                for at in range(0, len(write.rows), self.batch_size):
                    chunk = write.rows[at : at + self.batch_size]
                    session.execute_write(
                        _run, [_Write(write.statement, chunk, write.params, write.key)]
                    )
                    done += len(chunk)
                    if progress is not None:
                        progress(done, rows, write.what)

    def _in_one_transaction(self, writes: list[_Write]) -> None:
        with self._session() as session:
            session.execute_write(_run, writes)

    def _writes(self, change: Change) -> Iterator[_Write]:
        deleted = {
            "claims": change.delete_claims,
            "breaches": sorted({*change.delete_breaches, *change.rewrite_breaches}),
            "events": change.delete_events,
            "sources": change.delete_sources,
        }
        for what, ids in deleted.items():
            if ids:
                yield _Write(ch.DELETE[what], [{"id": i} for i in ids], key="ids", what=what)
        for step in plan_load(change.write):
            yield _Write(step.statement, step.rows, what=step.what)
        events = change.write.events.values()
        pairs = {(e.supplier, e.recipient) for e in events} | change.deleted_pairs
        if pairs:
            yield _Write(cypher.SUPPLIED_TO_REBUILD, _pairs(pairs))
        if change.deleted_pairs:
            yield _Write(ch.DROP_EMPTY_SUPPLIED_TO, _pairs(change.deleted_pairs))
        closing = [
            {
                "entity": c.entity,
                "last_seen": _iso(c.last_seen),
                "superseded_by": c.superseded_by,
                "snapshot": c.snapshot,
            }
            for c in change.close
        ]
        if closing:
            yield _Write(ch.CLOSE_VERSIONS, closing, {"at": _iso(change.at)})
        opening = [{"id": v.record_id, **_wire(v)} for v in change.open]
        if opening:
            yield _Write(ch.OPEN_VERSIONS, opening)
        if change.sources:
            yield _Write(ch.PUT_SOURCE_RECORDS, _dump(change.sources))


def _wire(record: Record) -> dict[str, Any]:
    """A record as statement parameters: times as ISO strings, which the statements turn
    into DateTime (``cypher_history``: the driver packs a ``datetime`` slowly)."""
    return record.model_dump(mode="json", exclude_none=True)


def _iso(at: dt.datetime | None) -> str | None:
    return None if at is None else at.isoformat()


def _dump(records: Sequence[SourceRecord]) -> list[dict[str, Any]]:
    return [_wire(r) for r in records]


def _run(tx: ManagedTransaction, writes: list[_Write]) -> None:
    for write in writes:
        if write.key == "ids":
            values: list[Any] = [row["id"] for row in write.rows]
        else:
            values = write.rows
        tx.run(write.statement, {write.key: values, **write.params}).consume()
