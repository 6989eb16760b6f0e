"""What one versioned write does to a store (``Change``), and what a store offers for it.

The planner (``core.replace``) reads the store and computes a ``Change``; the store applies
it (``Versioned.apply``). Both stores apply the same ``Change``, so they cannot disagree on
what a load retracted or which breaches it recomputed.
"""

from __future__ import annotations

import datetime as dt
import functools
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Concatenate, ParamSpec, Protocol, TypeVar, cast

from armsgraph.core.dataset import Dataset
from armsgraph.core.errors import StoreError
from armsgraph.core.store import Progress, Store
from armsgraph.core.versions import Closing, SourceDiff, SourceRecord, Version


class _Writing(Protocol):
    def advance_state(self) -> None: ...


S = TypeVar("S", bound=_Writing)
P = ParamSpec("P")


@dataclass(frozen=True)
class VersionQuery:
    """Which knowledge-time records to read (see ``Versioned.versions``)."""

    entities: Sequence[str] | None = None
    changed_since: dt.datetime | None = None
    held_on: dt.datetime | None = None
    kinds: Sequence[str] | None = None


@dataclass
class Change:
    """Writes, deletions and knowledge-time records of one load or removal, at ``at``.

    ``write`` holds what is new or rewritten: reference data, the sources loaded, the claims
    added, the events whose support changed (with their whole support) and the breaches
    recomputed. Events and breaches in ``write`` may link to claims and events the store
    already holds and ``write`` does not carry.
    """

    at: dt.datetime
    diffs: list[SourceDiff] = field(default_factory=list)
    write: Dataset = field(default_factory=Dataset)
    delete_claims: list[str] = field(default_factory=list)
    delete_events: list[str] = field(default_factory=list)
    # (supplier, recipient) of the deleted events: their SUPPLIED_TO view changes
    deleted_pairs: set[tuple[str, str]] = field(default_factory=set)
    # breaches deleted for good, and stored breaches rewritten with new content
    delete_breaches: list[str] = field(default_factory=list)
    rewrite_breaches: list[str] = field(default_factory=list)
    delete_sources: list[str] = field(default_factory=list)
    open: list[Version] = field(default_factory=list)
    close: list[Closing] = field(default_factory=list)
    sources: list[SourceRecord] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """Nothing but the sources' last-seen times to record."""
        w = self.write
        return not (
            w.claims
            or w.events
            or w.breaches
            or self.delete_claims
            or self.delete_events
            or self.delete_breaches
            or self.delete_sources
            or self.open
            or self.close
        )

    @property
    def seen_by_readers(self) -> bool:
        """Does it alter what any answer shows? Not when it only records last-seen times
        (a reload of unchanged files): then the store's ``state()`` stays, and so do the
        answers an API keeps."""
        w = self.write
        reference = w.states or w.weapon_systems or w.resolutions or w.provisions
        return not self.empty or bool(reference or w.sources)


def applies_change(method: Callable[Concatenate[S, P], None]) -> Callable[Concatenate[S, P], None]:
    """``core.store.advances_state`` for ``Versioned.apply``: the state changes after a
    change readers can see, and after any failed write (it may have written a part)."""

    def apply(self: S, /, *args: P.args, **kwargs: P.kwargs) -> None:
        change = cast(Change, args[0] if args else kwargs["change"])
        try:
            method(self, *args, **kwargs)
        except BaseException:
            self.advance_state()
            raise
        if change.seen_by_readers:
            self.advance_state()

    functools.update_wrapper(apply, method)
    return apply


class Versioned(ABC):
    """The reads the planner needs, the write of a ``Change``, and the record of knowledge
    time. Every read answers from the store's current facts (never retracted ones)."""

    @abstractmethod
    def source_records(self, ids: Sequence[str] | None = None) -> dict[str, SourceRecord]:
        """Records of the given sources (``None``: all), removed ones included."""

    @abstractmethod
    def claims_of_sources(self, ids: Sequence[str]) -> dict[str, dict[str, str | None]]:
        """The current claims of each source, id -> key (sources without any left out)."""

    @abstractmethod
    def events_of_flows(self, flows: Sequence[str]) -> list[str]:
        """Ids of the current events whose statement names one of ``flows``."""

    @abstractmethod
    def breach_claims_of_flows(self, flows: Sequence[str]) -> list[str]:
        """Ids of the current claims whose breach statement names one of ``flows``."""

    @abstractmethod
    def breaches_of_events(self, ids: Sequence[str]) -> list[str]:
        """Ids of the breaches concerning any of the events, sorted."""

    @abstractmethod
    def apply(self, change: Change, progress: Progress | None = None) -> None:
        """Write ``change``: deletions, then ``write``, then the records."""

    @abstractmethod
    def advance_state(self) -> None:
        """As ``Store.advance_state``; ``apply`` is a write (``core.store.advances_state``)."""

    def versions(
        self,
        *,
        entities: Sequence[str] | None = None,
        changed_since: dt.datetime | None = None,
        held_on: dt.datetime | None = None,
        kinds: Sequence[str] | None = None,
    ) -> list[Version]:
        """Knowledge-time records, by ``entity`` then ``first_seen``. ``changed_since``: first
        seen or retracted after it; ``held_on``: first seen by it and not retracted by it
        (claims loaded before records were kept count as held since always)."""
        return self.read_versions(VersionQuery(entities, changed_since, held_on, kinds))

    @abstractmethod
    def read_versions(self, query: VersionQuery) -> list[Version]:
        """The records ``versions`` answers with (its arguments, as one value)."""


class VersionedStore(Store, Versioned):
    """A store with versioned writes (both backends)."""


def versioned(store: Store) -> VersionedStore:
    """The store as one with versioned writes, as its ``supports_versions`` flag declares."""
    if not store.supports_versions:
        raise StoreError(f"the {store.name} store has no versioned writes")
    return cast(VersionedStore, store)
