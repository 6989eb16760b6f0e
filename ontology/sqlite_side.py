"""The SQLite files the embedded store keeps beside its RDF (the version ledger, the
path index): one connection shared by threads behind a lock."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path


class SideDatabase:
    """SQLite at ``path`` (``None``: in memory) with the subclass's ``SCHEMA`` applied.
    Safe to share between threads: every use takes ``self._lock``."""

    SCHEMA = ""

    def __init__(self, path: Path | None) -> None:
        self._db = sqlite3.connect(
            ":memory:" if path is None else str(path), check_same_thread=False
        )
        self._lock = threading.Lock()
        with self._lock, self._db:
            self._db.executescript(self.SCHEMA)

    def close(self) -> None:
        self._db.close()
