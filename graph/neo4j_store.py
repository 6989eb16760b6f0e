"""The Neo4j backend of ``core.store.Store``: Cypher over Bolt.

The graph it writes (its shape, and every statement) is defined in ``graph.cypher``.

Loading: schema first (``cypher.SCHEMA``), then the steps of ``neo4j_plan.plan_load``,
each in ``batch_size``-row ``UNWIND`` batches, one managed write transaction per batch
(the driver retries transient errors). A load that fails midway keeps the batches it
committed; loading again completes it (MERGE by id). Paths: the lazy search of ``paths``
reads pages of events by (supplier, id) index (``cypher.PATH_STEPS_*``). Modules:
``cypher`` (shape and statements), ``neo4j_plan`` (rows), ``neo4j_hydrate`` (models <->
properties), ``neo4j_read_only`` (the read-only Cypher endpoint), ``neo4j_page`` (events
found, the pair graph and the evidence beside events, with ``cypher_page``).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, Self, TypeVar

from neo4j import (
    READ_ACCESS,
    WRITE_ACCESS,
    Driver,
    GraphDatabase,
    ManagedTransaction,
    Session,
    unit_of_work,
)
from neo4j import Record as Neo4jRecord
from neo4j.exceptions import DriverError, Neo4jError

from armsgraph.core import paths
from armsgraph.core.dataset import Dataset
from armsgraph.core.errors import QueryTimeoutError, StoreError
from armsgraph.core.kinds import COUNT_KEYS
from armsgraph.core.model import (
    Actor,
    Breach,
    Claim,
    Provision,
    Resolution,
    Source,
    TransferEvent,
    WeaponSystem,
)
from armsgraph.core.store import (
    BreachFilter,
    LoadReport,
    PathQuery,
    Progress,
    Store,
    advances_state,
)
from armsgraph.graph import cypher, cypher_history
from armsgraph.graph import neo4j_hydrate as h
from armsgraph.graph.neo4j_page import Neo4jPageReads, cypher_limit
from armsgraph.graph.neo4j_plan import Step, check_links, plan_load, uncited
from armsgraph.graph.neo4j_read_only import run_read_only, store_error
from armsgraph.graph.neo4j_versions import ATOMIC_ROWS, Neo4jVersions
from armsgraph.graph.writer_lock import SharedWrites, exclusive_write

T = TypeVar("T")


def _in_order(found: Mapping[str, T], ids: Sequence[str]) -> list[T]:
    return [found[i] for i in ids if i in found]


class Neo4jStore(SharedWrites, Neo4jPageReads, Store, Neo4jVersions):
    """A Store on a Neo4j 5 server (Community is enough)."""

    name = "neo4j"
    supports_cypher = True
    supports_versions = True
    shared = True

    def __init__(
        self,
        uri: str,
        user: str | None = None,
        password: str | None = None,
        database: str = "neo4j",
        batch_size: int = 5000,
        read_timeout_s: float | None = None,
        atomic_rows: int = ATOMIC_ROWS,
    ) -> None:
        """``read_timeout_s`` bounds every read (path searches included), so a slow query
        cannot hold the server: the API passes its query time limit."""
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        auth = (user, password or "") if user else None
        self.uri = uri
        self.database = database
        self.batch_size = batch_size
        self.read_timeout_s = read_timeout_s
        self.atomic_rows = atomic_rows
        self._view_deferred = False  # set while load_many runs
        self._schema_ready = False
        self._held = threading.local()  # SharedWrites: writes under way in this thread
        self._driver: Driver = GraphDatabase.driver(
            uri, auth=auth, notifications_min_severity="OFF"
        )

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- plumbing ---------------------------------------------------------------------------

    @contextmanager
    def _session(self, access: str = WRITE_ACCESS) -> Iterator[Session]:
        try:
            with self._driver.session(database=self.database, default_access_mode=access) as s:
                yield s
        except (DriverError, Neo4jError) as exc:
            raise store_error(self.uri, exc) from exc

    def _read(self, query: str, **params: Any) -> list[Neo4jRecord]:
        def work(tx: ManagedTransaction) -> list[Neo4jRecord]:
            return list(tx.run(query, params))

        return self._read_with(work)

    def _read_with(self, work: Callable[[ManagedTransaction], T]) -> T:
        """``work`` in one read transaction (retried on transient errors), under the
        read time limit."""
        limit = self.read_timeout_s
        try:
            with self._session(READ_ACCESS) as session:
                if limit is None:
                    return session.execute_read(work)
                return session.execute_read(unit_of_work(timeout=limit)(work))
        except StoreError as exc:
            cause = exc.__cause__
            if isinstance(cause, Neo4jError) and "TransactionTimedOut" in (cause.code or ""):
                raise QueryTimeoutError(f"the query ran longer than {limit:g} s") from exc
            raise

    def _write_batch(self, session: Session, query: str, rows: list[dict[str, Any]]) -> None:
        def work(tx: ManagedTransaction) -> None:
            tx.run(query, rows=rows).consume()

        session.execute_write(work)

    @exclusive_write
    @advances_state
    def write_rows(self, statement: str, rows: list[dict[str, Any]]) -> None:
        """One batch of one of ``cypher``'s row statements, in its own transaction."""
        with self._session() as session:
            self._write_batch(session, statement, rows)

    def is_empty(self) -> bool:
        """No node of any label (not only the ones armsgraph writes)."""
        return not self._read(cypher.ANY_NODE)

    def ensure_schema(self) -> None:
        """Constraints and indexes (all ``IF NOT EXISTS``), then wait until they are online;
        once per store object (a second call costs a second of round trips for nothing)."""
        if self._schema_ready:
            return
        with self._session() as session:
            for statement in (*cypher.SCHEMA, *cypher_history.SCHEMA):
                session.run(statement).consume()
            session.run(cypher.AWAIT_INDEXES, seconds=300).consume()
        self._schema_ready = True

    # --- writing ----------------------------------------------------------------------------

    @exclusive_write
    @advances_state
    def load(self, dataset: Dataset, progress: Progress | None = None) -> LoadReport:
        """MERGE the data set; ``progress(done, total, what)`` after every batch, where
        done/total count rows over the whole load and ``what`` names the label or type.

        Raises ``StoreError`` before writing anything if a reference dangles.
        """
        problems = check_links(dataset)
        if problems:
            shown = "; ".join(problems[:10])
            more = f" (and {len(problems) - 10} more)" if len(problems) > 10 else ""
            raise StoreError(f"the data set has dangling references: {shown}{more}")
        started = time.perf_counter()
        self.ensure_schema()
        before = self.counts()
        steps = plan_load(dataset)
        batches = self._write_steps(steps, progress)
        self._rebuild_supplied_to(
            sorted({(e.supplier, e.recipient) for e in dataset.events.values()})
        )
        after = self.counts()
        rows = sum(len(step.rows) for step in steps)
        notes = [f"{rows} rows in {batches} batches of up to {self.batch_size}"]
        if missing := uncited(dataset):
            notes.append(f"{len(missing)} claims cite a source not in the data set (no CITES)")
        return LoadReport(
            before=before,
            after=after,
            seconds=time.perf_counter() - started,
            batches=batches,
            notes=notes,
        )

    @exclusive_write
    @advances_state
    def load_many(
        self, datasets: Iterable[Dataset], progress: Progress | None = None
    ) -> LoadReport:
        """Chunks in turn, then the SUPPLIED_TO view once over the whole graph."""
        started = time.perf_counter()
        self._view_deferred = True
        try:
            report = super().load_many(datasets, progress)
        finally:
            self._view_deferred = False
        self.rebuild_view()
        report.seconds = time.perf_counter() - started
        return report

    @exclusive_write
    @advances_state
    def rebuild_view(self) -> None:
        """The SUPPLIED_TO view over the whole graph, in one pass."""
        with self._session() as session:
            session.run(cypher.SUPPLIED_TO_REBUILD_ALL).consume()

    def _rebuild_supplied_to(self, pairs: list[tuple[str, str]]) -> None:
        if self._view_deferred:
            return
        with self._session() as session:
            for at in range(0, len(pairs), self.batch_size):
                rows = [
                    {"supplier": a, "recipient": b} for a, b in pairs[at : at + self.batch_size]
                ]
                self._write_batch(session, cypher.SUPPLIED_TO_REBUILD, rows)

    def _write_steps(self, steps: Sequence[Step], progress: Progress | None) -> int:
        total = sum(len(step.rows) for step in steps)
        done = batches = 0
        with self._session() as session:
            for step in steps:
                for at in range(0, len(step.rows), self.batch_size):
                    chunk = step.rows[at : at + self.batch_size]
                    self._write_batch(session, step.statement, chunk)
                    done += len(chunk)
                    batches += 1
                    if progress is not None:
                        progress(done, total, step.what)
        return batches

    @exclusive_write
    @advances_state
    def clear(self) -> None:
        """Delete every node of our labels (in batches); constraints and indexes stay."""
        with self._session() as session:
            for statement in (*cypher.CLEAR, cypher_history.CLEAR):
                session.run(statement, batch=self.batch_size).consume()

    # --- queries ----------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        record = self._read(cypher.COUNTS)[0]
        return {key: int(record[key]) for key in COUNT_KEYS}

    def find_paths(self, query: PathQuery) -> list[list[str]]:
        """The lazy hop-ordered search of ``core.paths``, in one read transaction: each
        round reads the next page of events of many search steps from the (supplier, id)
        indexes, so the work follows the paths returned, not the size of the graph."""
        if query.max_hops > cypher.MAX_PATH_HOPS:
            raise StoreError(f"paths of more than {cypher.MAX_PATH_HOPS} hops are not searched")
        filters: dict[str, Any] = {
            "category": query.category.value if query.category else None,
            "since": query.since,
            "until": query.until,
        }

        def search(tx: ManagedTransaction) -> list[list[str]]:
            def next_events(steps: Sequence[paths.Step], n: int) -> list[list[tuple[str, str]]]:
                one = all(len(s.recipients) == 1 for s in steps)
                statement = cypher.PATH_STEPS_TO if one else cypher.PATH_STEPS_ANY
                rows: list[dict[str, Any]] = [
                    {"supplier": s.supplier, "after": s.after, "recipients": list(s.recipients)}
                    for s in steps
                ]
                if one:
                    for row in rows:
                        row["recipient"] = row.pop("recipients")[0]
                pages: list[list[tuple[str, str]]] = [[] for _ in steps]
                for record in tx.run(statement, {"steps": rows, "n": n, **filters}):
                    pages[record["i"]] = sorted((e, r) for e, r in record["events"])
                return pages

            def predecessors(states: set[str]) -> set[str]:
                result = tx.run(cypher.PREDECESSORS, states=sorted(states))
                return {record["id"] for record in result}

            return paths.find_paths(
                query.source, query.target, query.max_hops, query.limit, next_events, predecessors
            )

        return self._read_with(search)

    def find_breaches(self, query: BreachFilter) -> list[str]:
        records = self._read(
            cypher.FIND_BREACHES if query.event is None else cypher.FIND_BREACHES_OF_EVENT,
            resolution=query.resolution,
            provision=query.provision,
            state=query.state,
            basis=query.basis.value if query.basis else None,
            event=query.event,
            limit=cypher_limit(query.limit),
        )
        return sorted(str(r["id"]) for r in records)[: query.limit]

    def breaches_by_event(self, events: Sequence[str]) -> dict[str, list[str]]:
        found = {
            str(r["event"]): sorted(r["ids"])
            for r in self._read(cypher.BREACHES_OF_EVENTS, events=list(events))
        }
        return {e: found.get(e, []) for e in events}

    # --- hydration --------------------------------------------------------------------------

    def get_events(self, ids: Sequence[str]) -> list[TransferEvent]:
        records = self._read(cypher.GET_EVENTS, ids=list(ids))
        found = {e.id: e for e in (h.event_from(r) for r in records)}
        return _in_order(found, ids)

    def claims_with_keys(self, keys: Sequence[str]) -> dict[str, list[str]]:
        records = self._read(cypher.CLAIMS_WITH_KEYS, keys=list(keys))
        return {r["key"]: sorted(r["ids"]) for r in records}

    def graded_claims(self) -> list[str]:
        return [r["id"] for r in self._read(cypher.GRADED_CLAIMS)]

    def get_claims(self, ids: Sequence[str]) -> list[Claim]:
        def work(tx: ManagedTransaction) -> tuple[list[Neo4jRecord], list[Neo4jRecord]]:
            """The claims, and the events whose statement a claim shares, in one read."""
            records = list(tx.run(cypher.GET_CLAIMS, ids=list(ids)))
            needed = sorted(h.shared_statement_events(records))
            return records, list(tx.run(cypher.GET_EVENTS, ids=needed)) if needed else []

        records, event_records = self._read_with(work)
        events = {e.id: e for e in (h.event_from(r) for r in event_records)}
        found = {c.id: c for c in (h.claim_from(r, events) for r in records)}
        return _in_order(found, ids)

    def get_breaches(self, ids: Sequence[str]) -> list[Breach]:
        records = self._read(cypher.GET_BREACHES, ids=list(ids))
        found = {b.id: b for b in (h.breach_from(r) for r in records)}
        return _in_order(found, ids)

    def _reference(self, query: str, ids: Sequence[str] | None) -> list[Neo4jRecord]:
        return self._read(query, ids=None if ids is None else list(ids))

    @staticmethod
    def _pick(found: Mapping[str, T], ids: Sequence[str] | None) -> list[T]:
        return [found[k] for k in sorted(found)] if ids is None else _in_order(found, ids)

    def get_sources(self, ids: Sequence[str] | None = None) -> list[Source]:
        records = self._reference(cypher.GET_SOURCES, ids)
        found = {s.id: s for s in (h.source_from(r["props"], r["reports_on"]) for r in records)}
        return self._pick(found, ids)

    def get_sources_with_chain(self, ids: Iterable[str]) -> list[Source]:
        records = self._read(cypher.GET_SOURCE_CHAINS, ids=sorted(set(ids)))
        return [h.source_from(r["props"], r["reports_on"]) for r in records]

    def get_states(self, ids: Sequence[str] | None = None) -> list[Actor]:
        records = self._reference(cypher.GET_STATES, ids)
        found = {s.id: s for s in (h.state_from(r["props"]) for r in records)}
        return self._pick(found, ids)

    def get_weapon_systems(self, ids: Sequence[str] | None = None) -> list[WeaponSystem]:
        records = self._reference(cypher.GET_WEAPON_SYSTEMS, ids)
        found = {w.id: w for w in (h.weapon_from(r["props"]) for r in records)}
        return self._pick(found, ids)

    def get_resolutions(self, ids: Sequence[str] | None = None) -> list[Resolution]:
        records = self._reference(cypher.GET_RESOLUTIONS, ids)
        found = {x.id: x for x in (h.resolution_from(r["props"]) for r in records)}
        return self._pick(found, ids)

    def get_provisions(self, ids: Sequence[str] | None = None) -> list[Provision]:
        records = self._reference(cypher.GET_PROVISIONS, ids)
        found = {p.id: p for p in (h.provision_from(r["props"], r["resolution"]) for r in records)}
        return self._pick(found, ids)

    # --- the read-only Cypher endpoint ------------------------------------------------------

    def run_read_cypher(
        self, query: str, params: dict[str, Any], timeout_s: float, max_rows: int = 10_000
    ) -> list[dict[str, Any]]:
        """A user's query in a READ transaction under a time limit (``neo4j_read_only``)."""
        return run_read_only(
            self._driver, self.database, self.uri, query, params, timeout_s, max_rows
        )

    def close(self) -> None:
        self._driver.close()
