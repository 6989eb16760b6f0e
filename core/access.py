"""One writer or many readers per store, so a reader sees the store before a load or after it.

Oxigraph has no multi-statement transactions and a Neo4j load is many transactions, so a
reader running beside a load could see claims without their events, and two loads that
read, merge and write the same event could interleave (the embedded store then held two
``rdf:first`` values in one list). Every write in this process (``loaders.ingest``) takes
``writing()``; every API request takes ``reading()`` for its whole duration. The lock
prefers writers, so a stream of readers cannot starve a load. It is not owned by a thread:
FastAPI may enter and leave a request's dependencies on different worker threads.

``writing(store)`` adds the store's own lock across processes (``Store.exclusive_writer``:
Neo4j serves other processes too), taken after this process's, so one thread per process
waits for it. Readers in another process do not take it; the API makes them see a write
before or after it all the same (``api.consistent_reads``).
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from armsgraph.core.store import Store


class ReadWriteLock:
    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writing = False
        self._writers_waiting = 0

    @contextmanager
    def reading(self) -> Iterator[None]:
        with self._cond:
            while self._writing or self._writers_waiting:
                self._cond.wait()
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                if not self._readers:
                    self._cond.notify_all()

    @contextmanager
    def writing(self) -> Iterator[None]:
        with self._cond:
            self._writers_waiting += 1
            try:
                while self._writing or self._readers:
                    self._cond.wait()
            finally:
                self._writers_waiting -= 1
            self._writing = True
        try:
            yield
        finally:
            with self._cond:
                self._writing = False
                self._cond.notify_all()


_LOCKS: weakref.WeakKeyDictionary[object, ReadWriteLock] = weakref.WeakKeyDictionary()
_REGISTRY = threading.Lock()


def access(store: object) -> ReadWriteLock:
    """The one lock of ``store`` (an open Store instance) in this process."""
    with _REGISTRY:
        lock = _LOCKS.get(store)
        if lock is None:
            lock = _LOCKS[store] = ReadWriteLock()
        return lock


@contextmanager
def writing(store: Store) -> Iterator[None]:
    """The one writer of ``store``: in this process, then across processes."""
    with access(store).writing(), store.exclusive_writer():
        yield
