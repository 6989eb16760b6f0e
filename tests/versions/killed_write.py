"""A child process that writes to an embedded store and kills itself (SIGKILL) right after
its Nth write to Oxigraph, as a kill -9 from outside would stop it (``FaultyStore``; the
tests also use it in process, with a fault that raises).

    python -m tests.versions.killed_write STORE_DIR N load FILE...
    python -m tests.versions.killed_write STORE_DIR N remove SOURCE...
    python -m tests.versions.killed_write STORE_DIR N open

N counts every call that changes Oxigraph (a removed quad, an added batch, a dropped graph)
from the moment the store is opened, so ``open`` with a change pending is killed inside
its roll-forward. N = 0 never kills: the child prints how many writes it made.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pyoxigraph

from armsgraph.core.change import versioned
from armsgraph.core.replace import remove_sources, write_version
from armsgraph.ontology.rdf_store import RdfStore
from tests.versions.versions_support import read

_WRITES = {
    "add",
    "remove",
    "extend",
    "bulk_extend",
    "bulk_load",
    "remove_graph",
    "clear_graph",
    "update",
}


class FaultAfter:
    """Oxigraph's store, every call passed on; ``fault()`` runs right after each write from
    the Nth on (it may kill the process or raise)."""

    def __init__(self, db: pyoxigraph.Store, after: int, fault: Callable[[], None]) -> None:
        self._db = db
        self.after = after
        self.fault = fault
        self.writes = 0

    def __iter__(self) -> Iterator[pyoxigraph.Quad]:
        return iter(self._db)

    def __len__(self) -> int:
        return len(self._db)

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._db, name)
        if name not in _WRITES:
            return attr

        def write(*args: Any, **kwargs: Any) -> Any:
            result = attr(*args, **kwargs)
            self.writes += 1
            if 0 < self.after <= self.writes:
                self.fault()
            return result

        return write


class FaultyStore(RdfStore):
    """An embedded store whose Oxigraph writes go through ``FaultAfter``."""

    def __init__(self, path: Path, after: int, fault: Callable[[], None]) -> None:
        self.faults: FaultAfter | None = None
        self._after, self._fault = after, fault
        super().__init__(path)

    @property
    def db(self) -> pyoxigraph.Store:
        real = super().db
        if self.faults is None:
            self.faults = FaultAfter(real, self._after, self._fault)
        return self.faults  # type: ignore[return-value]

    def close(self) -> None:
        super().close()
        self.faults = None  # it holds Oxigraph's handle, and so RocksDB's lock


def _kill() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def main(argv: list[str]) -> None:
    path, kill_after, action, *args = argv
    store = FaultyStore(Path(path), int(kill_after), _kill)
    if action == "load":
        write_version(versioned(store), read(*map(Path, args)))
    elif action == "remove":
        remove_sources(versioned(store), args)
    assert store.faults is not None
    print(store.faults.writes)
    store.close()


if __name__ == "__main__":
    main(sys.argv[1:])
