"""The journal of the embedded store's versioned write: the planned ``Change``, kept in the
ledger (``rdf_ledger``) while Oxigraph is written.

Oxigraph has no transaction that both removes and adds many quads (``Store.extend`` is
atomic but only adds; ``bulk_extend`` and single removals are not atomic), so a process
killed inside ``RdfVersions.apply`` leaves part of a change in the store. The change is
therefore written to the ledger first and rolled forward by whoever opens the store
read-write next; applying a change again is idempotent. Readers that open the store
read-only (``sparql_workers``) refuse to answer while a journal is pending.

Format, zlib-compressed, one JSON document a line: ``armsgraph-journal 2``; the ``Change``
(as pydantic dumps the dataclass) without its long lists; then one line per item of those
lists, each tagged with the list it goes back into (``_items``, ``_put``). Items are encoded
and compressed one at a time, and ``encode`` hands the compressed bytes out as they come, so
journalling a change of N claims holds no JSON of the whole change (at 30,000 register rows
that was about 190 MiB for a moment: BENCHMARKS.md, "Register import memory bounded per
row"). Format 1 (the whole ``Change`` as one JSON document) is still read.
The data set's name-resolution fields (``world``, ``ambiguous_names``,
``register_patterns``) are left out: no store reads them.
"""

from __future__ import annotations

import dataclasses
import sqlite3
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from armsgraph.core.change import Change
from armsgraph.core.errors import StoreError
from armsgraph.core.model import Breach, Claim, TransferEvent
from armsgraph.core.versions import ClaimChange, Closing, Version

_HEADER = b"armsgraph-journal 2\n"  # the format's name and version
_FORMAT_1 = b"armsgraph-journal 1\n"
LEDGER_FILE = "armsgraph-history.sqlite3"  # inside the Oxigraph directory (rdf_ledger)

_CHANGE = TypeAdapter(Change)
_CLOSING = TypeAdapter(Closing)
_CLAIM_CHANGE = TypeAdapter(ClaimChange)
_OUT = 1 << 20  # compressed bytes handed out at a time


def _items(change: Change) -> Iterator[tuple[bytes, bytes]]:
    """(tag, JSON) of every item of the change's long lists."""
    write = change.write
    for tag, models in ((b"claim", write.claims), (b"event", write.events)):
        for model in models.values():
            yield tag, model.model_dump_json().encode()
    for breach in write.breaches.values():
        yield b"breach", breach.model_dump_json().encode()
    for version in change.open:
        yield b"open", version.model_dump_json().encode()
    for closing in change.close:
        yield b"close", _CLOSING.dump_json(closing)
    for index, diff in enumerate(change.diffs):
        for line in diff.changes:
            yield b"diff %d" % index, _CLAIM_CHANGE.dump_json(line)


def _head(change: Change) -> Change:
    """The change without the lists ``_items`` carries (and without name resolution)."""
    write = dataclasses.replace(
        change.write,
        claims={},
        events={},
        breaches={},
        world=(),
        ambiguous_names=[],
        register_patterns=(),
    )
    diffs = [dataclasses.replace(d, changes=[]) for d in change.diffs]
    return dataclasses.replace(change, write=write, open=[], close=[], diffs=diffs)


def encode(change: Change, part_size: int = _OUT) -> Iterator[bytes]:
    """The journal of ``change``, as compressed parts of about ``part_size`` bytes (join
    them to decode)."""
    packer = zlib.compressobj(1)
    held: list[bytes] = [packer.compress(_HEADER + _CHANGE.dump_json(_head(change)) + b"\n")]
    size = len(held[0])
    for tag, body in _items(change):
        part = packer.compress(tag + b" " + body + b"\n")
        if part:
            held.append(part)
            size += len(part)
        if size >= part_size:
            yield b"".join(held)
            held, size = [], 0
    held.append(packer.flush())
    yield b"".join(held)


def _lines(journal: bytes) -> Iterator[bytes]:
    """The decompressed journal line by line, without holding all of it."""
    unpacker = zlib.decompressobj()
    rest = b""
    for at in range(0, len(journal), _OUT):
        rest += unpacker.decompress(journal[at : at + _OUT])
        *lines, rest = rest.split(b"\n")
        yield from lines
    rest += unpacker.flush()
    if not unpacker.eof:
        raise zlib.error("the journal ends early")
    yield from filter(None, rest.split(b"\n"))


def _model(cls: type[BaseModel]) -> Callable[[bytes], Any]:
    return cls.model_validate_json


_READ: dict[bytes, Callable[[bytes], Any]] = {
    b"claim": _model(Claim),
    b"event": _model(TransferEvent),
    b"breach": _model(Breach),
    b"open": _model(Version),
    b"close": _CLOSING.validate_json,
    b"diff": _CLAIM_CHANGE.validate_json,
}


def decode(journal: bytes) -> Change:
    try:
        if zlib.decompressobj().decompress(journal[:256], len(_HEADER)) == _FORMAT_1:
            return _CHANGE.validate_json(zlib.decompress(journal)[len(_FORMAT_1) :])
        lines = _lines(journal)
        header = next(lines, b"") + b"\n"
        if header != _HEADER:
            raise StoreError(
                f"the store's pending change is journalled as {header[:40]!r}; this version "
                f"of armsgraph reads {_HEADER.strip()!r}"
            )
        change = _CHANGE.validate_json(next(lines))
        for line in lines:
            _put(change, line)
        return change
    except (zlib.error, ValidationError, KeyError, ValueError) as exc:
        raise StoreError(f"the store's pending change cannot be read: {exc}") from exc


def _put(change: Change, line: bytes) -> None:
    """One item line back into its list."""
    tag, _, body = line.partition(b" ")
    write = change.write
    if tag == b"diff":
        index, _, body = body.partition(b" ")
        change.diffs[int(index)].changes.append(_READ[tag](body))
        return
    item = _READ[tag](body)
    if tag == b"open":
        change.open.append(item)
    elif tag == b"close":
        change.close.append(item)
    else:
        entities: dict[bytes, dict[str, Any]] = {
            b"claim": write.claims,
            b"event": write.events,
            b"breach": write.breaches,
        }
        entities[tag][item.id] = item


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
