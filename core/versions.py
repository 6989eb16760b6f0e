"""Sources as the unit of versioning: what a new version of a source changes, claim by claim.

Claim ids hash the content, so an edited claim has a new id. To tell an edit ("changed")
from a retraction plus an addition, each claim has a stable *identity* within its source:

- its ``key``, where the author gave one (``key:<key>``);
- otherwise its *slot*: the kind of statement, the parties (supplier and recipient; the
  states of a breach statement) and the locator (``slot:shipment|PRK|RUS|p. 18``).

An old and a new claim of one source that share a key are one claim changed. Unkeyed claims
pair up by slot only when the slot is unambiguous: exactly one old and one new claim of the
source left unmatched in it; anything else is reported as retracted and added.

The records of knowledge time (``Version``, ``SourceRecord``) say when the store first held
an entity and when it stopped (OpenSanctions' first_seen / last_seen statements).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, ConfigDict

from armsgraph.core.model import Claim, Source

Op = Literal["added", "changed", "retracted"]
EntityKind = Literal["claim", "event", "breach"]


def claim_identity(claim: Claim) -> str:
    """The stable identity of a claim within its source (see the module docstring)."""
    if claim.key:
        return f"key:{claim.key}"
    kind = claim.event_kind.value if claim.event_kind else "breach"
    if claim.breach is not None:
        parties = ",".join(sorted(claim.breach.states))
    else:
        event = claim.event
        assert event is not None
        parties = f"{event.supplier}|{event.recipient}"
    return f"slot:{kind}|{parties}|{' '.join((claim.locator or '').split())}"


def source_digest(source: Source | None, claims: Iterable[Claim]) -> str:
    """What one version of a source says: its record and its claims (ids and keys; the id
    hashes everything but the key)."""
    hasher = hashlib.sha256(source.model_dump_json().encode() if source else b"-")
    for ident, key in sorted((c.id, c.key or "") for c in claims):
        hasher.update(f"\n{ident} {key}".encode())
    return hasher.hexdigest()[:32]


# --- the claim-level difference ------------------------------------------------------------


@dataclass(frozen=True)
class ClaimChange:
    """One line of a load's summary: ``new`` / ``old`` are claim ids (None where absent)."""

    op: Op
    source: str
    identity: str
    new: str | None = None
    old: str | None = None

    @property
    def label(self) -> str:
        return self.identity.removeprefix("key:")


@dataclass
class SourceDiff:
    source: str
    held: bool  # the store held a version of this source before
    unchanged: int = 0
    changes: list[ClaimChange] = field(default_factory=list)
    removed: bool = False  # the source itself is taken out

    def of(self, op: Op) -> list[ClaimChange]:
        return [c for c in self.changes if c.op == op]

    @property
    def changed(self) -> bool:
        return bool(self.changes) or self.removed or not self.held


def diff_claims(
    source: str,
    held: set[str],
    lost: dict[str, Claim],
    incoming: Sequence[Claim],
    *,
    was_held: bool,
) -> SourceDiff:
    """The difference between the claims a source said (``held`` ids) and says now;
    ``lost`` holds those of ``held`` it no longer says."""
    new = {c.id: c for c in incoming}
    diff = SourceDiff(source, was_held, unchanged=len(held & new.keys()))
    gone: dict[str, list[str]] = defaultdict(list)
    fresh: dict[str, list[str]] = defaultdict(list)
    for ident in sorted(held - new.keys()):
        gone[claim_identity(lost[ident])].append(ident)
    for ident in sorted(new.keys() - held):
        fresh[claim_identity(new[ident])].append(ident)
    for identity in sorted(gone.keys() | fresh.keys()):
        olds, news = gone.get(identity, []), fresh.get(identity, [])
        if len(olds) == 1 and len(news) == 1:
            diff.changes.append(ClaimChange("changed", source, identity, news[0], olds[0]))
            continue
        diff.changes += [ClaimChange("retracted", source, identity, old=o) for o in olds]
        diff.changes += [ClaimChange("added", source, identity, new=n) for n in news]
    return diff


# --- knowledge time --------------------------------------------------------------------------


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Version(Record):
    """One span of time the store held an entity (a claim, event or breach) as it is."""

    entity: str
    kind: EntityKind
    first_seen: dt.datetime
    retracted_at: dt.datetime | None = None
    source: str | None = None  # claims: the source that stated it
    identity: str | None = None  # claims: ``claim_identity``
    last_seen: dt.datetime | None = None  # when retracted: the last load that still stated it
    superseded_by: str | None = None  # claims: the claim that replaced it (same identity)
    snapshot: str | None = None  # claims, once retracted: the claim as JSON

    @property
    def record_id(self) -> str:
        return f"{self.entity}@{self.first_seen.isoformat()}"


class SourceRecord(Record):
    """Which version of a source the store holds, and when it was loaded."""

    id: str
    digest: str | None = None  # None while a write of the source has not finished
    first_seen: dt.datetime
    last_seen: dt.datetime
    removed_at: dt.datetime | None = None
    snapshot: str | None = None  # once removed: the source record as JSON


@dataclass(frozen=True)
class Closing:
    """Ends the open version of ``entity`` at the change's time."""

    entity: str
    last_seen: dt.datetime | None = None
    superseded_by: str | None = None
    snapshot: str | None = None


def utc_now() -> dt.datetime:
    # microseconds: two writes in one second must not share a knowledge time
    return dt.datetime.now(dt.UTC)


def end_of(day: dt.date | dt.datetime) -> dt.datetime:
    """A date as a point of knowledge time: the end of that day (UTC); datetimes as given."""
    if isinstance(day, dt.datetime):
        return day if day.tzinfo else day.replace(tzinfo=dt.UTC)
    return dt.datetime.combine(day, dt.time.max, dt.UTC).replace(microsecond=0)
