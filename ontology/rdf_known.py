"""What an ``RdfStore`` knows of its Oxigraph store from its own writes.

Loading into a store that holds data needs to know which of a data set's resources the store
already describes, and how. Asking Oxigraph is a lookup per resource, and right after a bulk
write (new files not yet compacted) a lookup costs several times more than on a settled store.
A store that this process has written since it was empty (Oxigraph allows one process per
store, and the SPARQL endpoint refuses updates) can answer from memory instead:

- ``RootFilter``: a Bloom filter of the resources written, never wrong about a resource
  being absent; what it says is present is checked against the store;
- the descriptions of reference data and sources as last written: these are reloaded with
  every chunk of a large load, mostly unchanged.

``RdfStore.load`` drops what it knows when a load does not finish.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

M = TypeVar("M")


class RootFilter:
    """A Bloom filter of IRIs: 2**26 bits (8 MiB), 4 probes.

    False positives: about 1 in 10,000 at 1.6 million IRIs, 1 in 500 at 4 million, more
    beyond; never a false negative. Python's string hash is salted per process, which is
    fine: the filter lives in one process only.
    """

    _BITS = 1 << 26
    _PROBES = 4

    def __init__(self) -> None:
        self._bits = bytearray(self._BITS // 8)

    def _positions(self, iri: str) -> list[int]:
        h = hash(iri) & 0xFFFF_FFFF_FFFF_FFFF
        low, high = h & 0xFFFF_FFFF, (h >> 32) | 1
        return [(low + i * high) % self._BITS for i in range(self._PROBES)]

    def add(self, iris: Iterable[str]) -> None:
        bits = self._bits
        for iri in iris:
            for pos in self._positions(iri):
                bits[pos >> 3] |= 1 << (pos & 7)

    def __contains__(self, iri: object) -> bool:
        # the probes of ``_positions`` inline, stopping at the first clear bit: a planner
        # asks about every event of a load, mostly absent ones (one probe each)
        if not isinstance(iri, str):
            return False
        h = hash(iri) & 0xFFFF_FFFF_FFFF_FFFF
        low, high = h & 0xFFFF_FFFF, (h >> 32) | 1
        bits, size = self._bits, self._BITS
        for i in range(self._PROBES):
            pos = (low + i * high) % size
            if not bits[pos >> 3] & (1 << (pos & 7)):
                return False
        return True


@dataclass
class Known:
    """What this process wrote into a store it has seen empty."""

    roots: RootFilter = field(default_factory=RootFilter)
    # IRI -> the description last written (N-Quads lines), for reference data and sources
    descriptions: dict[str, frozenset[str]] = field(default_factory=dict)

    @staticmethod
    def hydrating(
        known: Known | None, prefix: str, read: Callable[[str], M | None]
    ) -> Callable[[str], M | None]:
        """``read`` (an id -> its resource from the RDF), answering None without a lookup
        for an id ``known`` says was never written (``prefix`` + id is the IRI): a planner
        asks for every event a load touches, mostly new ones without a document."""
        if known is None:
            return read
        roots = known.roots
        return lambda ident: read(ident) if prefix + ident in roots else None
