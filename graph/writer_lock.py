"""One writer at a time on a Neo4j database, across processes (two API servers, or a CLI load
beside one).

``core.access`` serialises the writers of one process; a second process writing to the same
database would interleave its read-merge-write with theirs (two versions of one source, a
breach recomputed from half a load). The lock is a transaction held open for the whole
write that MERGEs one node under a uniqueness constraint and is never committed: a second
writer's identical MERGE waits on the constraint's index entry until the first rolls back.
Nothing is ever stored, so counts, ``clear`` and the bulk import never see the node. If the
holding process dies, its connection closes and the server rolls the transaction back,
which frees the lock: a crash cannot leave the database locked.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from neo4j import Session

LABEL = "ArmsgraphWriter"
CONSTRAINT = (
    f"CREATE CONSTRAINT armsgraph_writer IF NOT EXISTS FOR (w:{LABEL}) REQUIRE w.id IS UNIQUE"
)
TAKE = f"MERGE (:{LABEL} {{id: 'writer'}})"


def ensure_lock_schema(session: Session) -> None:
    """The uniqueness constraint the lock waits on (without it MERGE does not wait)."""
    session.run(CONSTRAINT).consume()


@contextmanager
def writer_lock(session: Session) -> Iterator[None]:
    """Hold the database's writer lock in ``session`` (a session of its own, kept for this
    alone) until the block ends; blocks while another process holds it."""
    tx = session.begin_transaction()
    try:
        tx.run(TAKE).consume()
        yield
    finally:
        tx.rollback()
