"""The journal of the embedded store's versioned write: the planned ``Change``, kept in the
ledger (``rdf_ledger``) while Oxigraph is written.

Oxigraph has no transaction that both removes and adds many quads (``Store.extend`` is
atomic but only adds; ``bulk_extend`` and single removals are not atomic), so a process
killed inside ``RdfVersions.apply`` leaves part of a change in the store. The change is
therefore written to the ledger first and rolled forward by whoever opens the store
read-write next; applying a change again is idempotent. Readers that open the store
read-only (``sparql_workers``) refuse to answer while a journal is pending.

Format: zlib-compressed JSON ``{"format": 1, "change": <Change as pydantic dumps it>}``.
The data set's name-resolution fields (``world``, ``ambiguous_names``,
``register_patterns``) are left out: no store reads them.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import zlib
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from armsgraph.core.change import Change
from armsgraph.core.errors import StoreError

FORMAT = 1
LEDGER_FILE = "armsgraph-history.sqlite3"  # inside the Oxigraph directory (rdf_ledger)

_CHANGE = TypeAdapter(Change)


def encode(change: Change) -> bytes:
    stored = dataclasses.replace(
        change,
        write=dataclasses.replace(change.write, world=(), ambiguous_names=[], register_patterns=()),
    )
    body: dict[str, Any] = {"format": FORMAT, "change": _CHANGE.dump_python(stored, mode="json")}
    return zlib.compress(json.dumps(body, separators=(",", ":")).encode(), 1)


def decode(journal: bytes) -> Change:
    try:
        body = json.loads(zlib.decompress(journal))
        if body.get("format") != FORMAT:
            raise StoreError(
                f"the store's pending change is in journal format {body.get('format')!r}; "
                f"this version of armsgraph reads format {FORMAT}"
            )
        return _CHANGE.validate_python(body["change"])
    except (zlib.error, ValueError, KeyError, ValidationError) as exc:
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
    except sqlite3.OperationalError:  # a ledger older than the journal has none pending
        return False
    finally:
        db.close()
