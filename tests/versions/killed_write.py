"""A child process that writes to an embedded store and kills itself (SIGKILL) right after
its Nth write to Oxigraph, as a kill -9 from outside would stop it.

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
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph

from armsgraph.core.change import versioned
from armsgraph.core.replace import remove_sources, write_version
from armsgraph.ontology.rdf_store import RdfStore
from tests.versions.versions_support import read

_WRITES = {"add", "remove", "extend", "bulk_extend", "remove_graph", "clear_graph", "update"}


class _KilledAfter:
    """Oxigraph's store, every call passed on; dies right after the Nth write returns."""

    def __init__(self, db: pyoxigraph.Store, kill_after: int) -> None:
        self._db = db
        self.kill_after = kill_after
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
            if self.writes == self.kill_after:
                os.kill(os.getpid(), signal.SIGKILL)
            return result

        return write


class _Store(RdfStore):
    def __init__(self, path: Path, kill_after: int) -> None:
        self._killer: _KilledAfter | None = None
        self._kill_after = kill_after
        super().__init__(path)

    @property
    def db(self) -> pyoxigraph.Store:
        real = super().db
        if self._killer is None:
            self._killer = _KilledAfter(real, self._kill_after)
        return self._killer  # type: ignore[return-value]


def main(argv: list[str]) -> None:
    path, kill_after, action, *args = argv
    store = _Store(Path(path), int(kill_after))
    if action == "load":
        write_version(versioned(store), read(*map(Path, args)))
    elif action == "remove":
        remove_sources(versioned(store), args)
    assert store._killer is not None
    print(store._killer.writes)
    store.close()


if __name__ == "__main__":
    main(sys.argv[1:])
