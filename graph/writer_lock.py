"""One writer at a time on a Neo4j database, across processes (two API servers, or a CLI load
beside one), and readers in every process that see the store before a write or after it.

``core.access`` serialises the writers of one process; a second process writing to the same
database would interleave its read-merge-write with theirs (two versions of one source, a
breach recomputed from half a load). The lock is a transaction held open for the whole
write that MERGEs one node under a uniqueness constraint and is never committed: a second
writer's identical MERGE waits on the constraint's index entry until the first rolls back.
Nothing is ever stored, so counts, ``clear`` and the bulk import never see the node. If the
holding process dies, its connection closes and the server rolls the transaction back,
which frees the lock: a crash cannot leave the database locked.

Readers: a write that holds the lock marks the store's state node ``writing`` (its writer
id) in a commit of its own before its first data commit, and removes the mark with the new
state token after its last (``Neo4jStore.exclusive_writer``), so ``Store.state`` differs
from the moment a write can be seen until it is over. The API (``api.consistent_reads``)
waits while a live writer's mark is there and answers only when the state was the same
before and after computing the answer. The lock's transaction carries the writer id as
metadata, so a reader tells a live writer from a killed one (``writer_alive``).
"""

from __future__ import annotations

import functools
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Concatenate, ParamSpec, Protocol, TypeVar

from neo4j import READ_ACCESS, Session
from neo4j import Record as Neo4jRecord

from armsgraph.graph import cypher

LABEL = "ArmsgraphWriter"
CONSTRAINT = (
    f"CREATE CONSTRAINT armsgraph_writer IF NOT EXISTS FOR (w:{LABEL}) REQUIRE w.id IS UNIQUE"
)
TAKE = f"MERGE (:{LABEL} {{id: 'writer'}})"
METADATA_KEY = "armsgraph_writer"
WRITER_ALIVE = (
    f"SHOW TRANSACTIONS YIELD metaData WHERE metaData.{METADATA_KEY} = $writer RETURN count(*) AS n"
)


def ensure_lock_schema(session: Session) -> None:
    """The uniqueness constraint the lock waits on (without it MERGE does not wait)."""
    session.run(CONSTRAINT).consume()


@contextmanager
def writer_lock(session: Session, writer: str) -> Iterator[None]:
    """Hold the database's writer lock in ``session`` (a session of its own, kept for this
    alone) until the block ends; blocks while another process holds it. ``writer`` goes in
    the transaction's metadata, which ``SHOW TRANSACTIONS`` lists while it is open."""
    tx = session.begin_transaction(metadata={METADATA_KEY: writer})
    try:
        tx.run(TAKE).consume()
        yield
    finally:
        tx.rollback()


def writer_alive(session: Session, writer: str) -> bool:
    """Does the lock transaction of ``writer`` still run (False once its process died)?"""
    record = session.run(WRITER_ALIVE, writer=writer).single()
    return record is not None and int(record["n"]) > 0


# In a state token: a write by this writer is under way.
_WRITING = " writing "


class SharedWrites:
    """The state token and the writer lock of ``Neo4jStore`` (mixed into it)."""

    _held: threading.local  # .depth: writes under way in this thread
    _read: Callable[..., list[Neo4jRecord]]
    _session: Callable[..., AbstractContextManager[Session]]

    def state(self) -> str | None:
        """The token, and the writer whose write is under way if there is one: the state
        differs from a write's first commit until it ends (``graph.writer_lock``)."""
        found = self._read(cypher.READ_STATE)
        if not found:
            return None
        token, writer = found[0]["token"], found[0]["writing"]
        if writer:
            return f"{token}{_WRITING}{writer}"
        return None if token is None else str(token)

    def write_under_way(self, state: str | None) -> bool:
        """A writer marked the store and its process is alive (one killed midway left its
        mark; what it wrote stays readable, and the next write completes or replaces it)."""
        if state is None or _WRITING not in state:
            return False
        with self._session(READ_ACCESS) as session:
            return writer_alive(session, state.split(_WRITING, 1)[1])

    def advance_state(self) -> None:
        """A new token, and the writing mark removed; inside a write, its end does it."""
        if getattr(self._held, "depth", 0):
            self._held.advanced = True
            return
        self._end_write(advanced=True)

    def _end_write(self, advanced: bool) -> None:
        """The mark removed, with a new token if the write changed what readers see (a
        reload that changed nothing keeps the token, and the answers kept under it)."""
        with self._session() as session:
            if advanced:
                session.run(cypher.ADVANCE_STATE, token=uuid.uuid4().hex).consume()
            else:
                session.run(cypher.END_WRITE).consume()

    @contextmanager
    def lock_only(self) -> Iterator[None]:
        """The writer lock alone, for work that writes nothing through this server (the
        bulk import, which replaces the database while the server is stopped)."""
        with self._session() as session:
            ensure_lock_schema(session)
            with writer_lock(session, uuid.uuid4().hex):
                yield

    @contextmanager
    def exclusive_writer(self) -> Iterator[None]:
        """The database's writer lock (``graph.writer_lock``), in a session of its own, with
        the store marked as being written from the first commit on; at the end, a new
        state token and the mark removed in one commit, then the lock released. Reentrant:
        a write inside a write (``load_many``'s loads) runs under the outer one."""
        depth = getattr(self._held, "depth", 0)
        if depth:
            self._held.depth = depth + 1
            try:
                yield
            finally:
                self._held.depth = depth
            return
        writer = uuid.uuid4().hex
        with self._session() as session:
            ensure_lock_schema(session)
            with writer_lock(session, writer):
                with self._session() as marking:
                    marking.run(cypher.BEGIN_WRITE, writer=writer).consume()
                self._held.depth, self._held.advanced = 1, False
                try:
                    yield
                finally:
                    self._held.depth = 0
                    self._end_write(self._held.advanced)


class _Exclusive(Protocol):
    def exclusive_writer(self) -> AbstractContextManager[None]: ...


P = ParamSpec("P")
R = TypeVar("R")
S = TypeVar("S", bound=_Exclusive)


def exclusive_write(method: Callable[Concatenate[S, P], R]) -> Callable[Concatenate[S, P], R]:
    """A write of the Neo4j store, under its writer lock (taken here unless the caller
    holds it). Inside it go the decorators that say when the state changes
    (``core.store.advances_state``, ``core.change.applies_change``): the lock's end
    replaces the token when one of them asked for it."""

    def write(self: S, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with self.exclusive_writer():
            return method(self, *args, **kwargs)

    functools.update_wrapper(write, method)
    return write
