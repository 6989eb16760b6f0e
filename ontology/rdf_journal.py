"""The journal of the embedded store's versioned write: the planned ``Change``, kept in the
ledger (``rdf_ledger``) while Oxigraph is written.

Oxigraph has no transaction that both removes and adds many quads (``Store.extend`` is
atomic but only adds; ``bulk_extend`` and single removals are not atomic), so a process
killed inside ``RdfVersions.apply`` leaves part of a change in the store. The change is
therefore written to the ledger first and rolled forward by whoever opens the store
read-write next; applying a change again is idempotent. Readers that open the store
read-only (``sparql_workers``) refuse to answer while a journal is pending.

Format, zlib-compressed: the line ``armsgraph-journal 1``, then the ``Change`` as JSON (as
pydantic dumps the dataclass).
The data set's name-resolution fields (``world``, ``ambiguous_names``,
``register_patterns``) are left out: no store reads them.
"""

from __future__ import annotations

import dataclasses
import sqlite3
import zlib
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from armsgraph.core.change import Change
from armsgraph.core.errors import StoreError

_HEADER = b"armsgraph-journal 1\n"  # the format's name and version
LEDGER_FILE = "armsgraph-history.sqlite3"  # inside the Oxigraph directory (rdf_ledger)

_CHANGE = TypeAdapter(Change)


def encode(change: Change) -> bytes:
    stored = dataclasses.replace(
        change,
        write=dataclasses.replace(change.write, world=(), ambiguous_names=[], register_patterns=()),
    )
    return zlib.compress(_HEADER + _CHANGE.dump_json(stored), 1)


def decode(journal: bytes) -> Change:
    try:
        body = zlib.decompress(journal)
        header, _, text = body.partition(b"\n")
        if header + b"\n" != _HEADER:
            raise StoreError(
                f"the store's pending change is journalled as {header[:40]!r}; this version "
                f"of armsgraph reads {_HEADER.strip()!r}"
            )
        return _CHANGE.validate_json(text)
    except (zlib.error, ValidationError) as exc:
        raise StoreError(f"the store's pending change cannot be read: {exc}") from exc


def pending_in(store_dir: Path) -> bool:
    """Does the on-disk store at ``store_dir`` hold a change begun and not finished? Read
    without writing (the ledger is opened read-only; no ledger: nothing pending)."""
    ledger = store_dir / LEDGER_FILE
    if not ledger.exists():
        return False
    db = sqlite3.connect(f"{ledger.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return db.execute("SELECT 1 FROM pending_change LIMIT 1").fetchone() is not None
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):  # a ledger older than the journal has none pending
            return False
        raise
    finally:
        db.close()
