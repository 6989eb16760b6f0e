"""SPARQL in worker processes that can be killed, so a runaway query's CPU is given back.

pyoxigraph 0.5 cannot cancel a running query and a thread cannot be killed: in a thread, a
timed-out aggregate or sort over a cross product keeps its core busy until it ends. For an
on-disk store, queries therefore run in a small pool of worker processes. A worker opens
the store read-only (``Store.read_only``) for one query and closes it afterwards, so it
always sees the latest write. Past its time limit, the worker is killed (SIGKILL), reaped
and replaced by a new one on demand; the caller gets ``QueryTimeoutError`` (504) at once.

pyoxigraph leaves reading a store read-only while another handle writes to it undefined.
Nobody writes meanwhile: the API holds the store's read lock (``core.access``) for the
whole request, and a timed-out worker is dead before its caller returns and lets a writer
in. RocksDB still compacts in the background after a write and deletes the files it merged,
which a worker that has just opened the store may be reading: the same data lives on in
the merged files, so the worker opens the store again and asks again (``_answer``).

A write killed midway leaves its change journalled until the store is opened read-write
again (``rdf_journal``): a worker refuses to answer while a journal is pending, so it never
reads half a change. A worker is started and ready before its query's clock starts
(spawned, not forked: the server has threads and an open RocksDB handle).
"""

from __future__ import annotations

import multiprocessing
import signal
import threading
import time
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path

from pyoxigraph import Store

from armsgraph.core.errors import (
    BusyError,
    NotAcceptableError,
    QueryRefusedError,
    QueryTimeoutError,
    StoreError,
)
from armsgraph.ontology.rdf_journal import pending_in
from armsgraph.ontology.rdf_sparql import (
    MAX_RESULT_BYTES,
    MAX_RUNNING,
    Cancelled,
    answer,
    check_query,
)

START_TIMEOUT_S = 60.0  # spawning imports pyoxigraph; slow on a loaded machine
_READY = "ready"
# How a read-only RocksDB handle reports a file that a compaction deleted under it.
_FILE_GONE = "No such file or directory"
_REOPEN_PAUSES_S = (0.0, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0)


def _answer(path: str, query: str, accept: str, max_result_bytes: int) -> tuple[bytes, str]:
    never = threading.Event()
    gone: Exception | None = None
    for pause in _REOPEN_PAUSES_S:
        time.sleep(pause)
        try:
            store = Store.read_only(path)
            try:
                return answer(store, query, accept, never, max_result_bytes)
            finally:
                del store
        except (OSError, RuntimeError) as exc:
            if _FILE_GONE not in str(exc):
                raise
            gone = exc
    assert gone is not None
    raise gone


def _serve(path: str, conn: Connection, max_result_bytes: int) -> None:
    """A worker's loop: one (query, accept) in, one (status, body, media or message) out."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    conn.send(_READY)
    while True:
        try:
            query, accept = conn.recv()
        except EOFError:  # the server closed its end: it is shutting down
            return
        if pending_in(Path(path)):  # a killed write's change is not rolled forward yet
            conn.send(("pending", b"", ""))
            continue
        try:
            body, media = _answer(path, query, accept, max_result_bytes)
            conn.send(("ok", body, media))
        except SyntaxError as exc:
            conn.send(("syntax", b"", str(exc)))
        except Cancelled:
            conn.send(("large", b"", ""))
        except NotAcceptableError as exc:
            conn.send(("accept", b"", str(exc)))
        except Exception as exc:  # reported to the caller as a store failure, never lost
            conn.send(("error", b"", f"{type(exc).__name__}: {exc}"))


class _Worker:
    def __init__(self, path: Path, max_result_bytes: int) -> None:
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process: BaseProcess = context.Process(
            target=_serve,
            args=(str(path), child, max_result_bytes),
            name="armsgraph-sparql",
            daemon=True,
        )
        self.process.start()
        child.close()
        if not self.conn.poll(START_TIMEOUT_S) or self.conn.recv() != _READY:
            self.kill()
            raise StoreError("the SPARQL worker process did not start")

    @property
    def pid(self) -> int | None:
        return self.process.pid

    def kill(self) -> None:
        self.process.kill()
        self.process.join()
        self.conn.close()


def _ask(worker: _Worker, query: str, accept: str, timeout_s: float) -> tuple[str, bytes, str]:
    try:
        worker.conn.send((query, accept))
        if not worker.conn.poll(timeout_s):
            raise QueryTimeoutError(f"the query ran longer than {timeout_s:g} s and was stopped")
        status, body, detail = worker.conn.recv()
    except (EOFError, OSError):  # the worker died (killed from outside, out of memory)
        raise StoreError("the SPARQL worker process died; try again") from None
    return status, body, detail


class SparqlWorkers:
    """Runs read-only queries against the store at ``path`` in killable worker processes;
    the same interface as ``rdf_sparql.SparqlEndpoint``."""

    def __init__(
        self, path: Path, size: int = MAX_RUNNING, max_result_bytes: int = MAX_RESULT_BYTES
    ) -> None:
        self.path = path
        self.size = size
        self.max_result_bytes = max_result_bytes
        self._idle: list[_Worker] = []
        self._busy = 0
        self._lock = threading.Lock()

    @property
    def running(self) -> int:
        """Queries being answered now (a timed-out one is not: its worker is dead)."""
        with self._lock:
            return self._busy

    @property
    def pids(self) -> list[int]:
        """Process ids of the idle workers."""
        with self._lock:
            return [w.pid for w in self._idle if w.pid is not None]

    def run(self, query: str, accept: str, timeout_s: float) -> tuple[bytes, str]:
        check_query(query)
        worker = self._take()
        try:
            status, body, detail = _ask(worker, query, accept, timeout_s)
        except BaseException:
            worker.kill()  # timed out or dead: never reused
            self._give_back(None)
            raise
        self._give_back(worker)
        if status == "ok":
            return body, detail
        if status == "syntax":
            raise QueryRefusedError(f"not a valid SPARQL query: {detail}")
        if status == "large":
            raise QueryRefusedError(f"the result is larger than {self.max_result_bytes} bytes")
        if status == "accept":
            raise NotAcceptableError(detail)
        if status == "pending":
            raise StoreError(
                "the store holds a write that did not finish; opening it read-write "
                "(any armsgraph command on it, or restarting the server) completes it"
            )
        raise StoreError(f"the query failed in its worker: {detail}")

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.kill()

    def _take(self) -> _Worker:
        with self._lock:
            if not self._idle and self._busy >= self.size:
                raise BusyError("too many queries are running; try again later")
            self._busy += 1
            if self._idle:
                return self._idle.pop()
        try:
            return _Worker(self.path, self.max_result_bytes)
        except BaseException:
            self._give_back(None)
            raise

    def _give_back(self, worker: _Worker | None) -> None:
        with self._lock:
            self._busy -= 1
            if worker is not None:
                self._idle.append(worker)
