"""An Oxigraph store that fails on write, for the tests of a load cut short."""

from __future__ import annotations

from typing import Any

import pyoxigraph


class FailingWrites:
    """An Oxigraph store whose writes of new quads fail (removals still go through)."""

    def __init__(self, db: pyoxigraph.Store) -> None:
        self.db = db

    def __getattr__(self, name: str) -> Any:
        if name in ("extend", "bulk_extend", "bulk_load", "add"):
            raise OSError("disk full")
        return getattr(self.db, name)
