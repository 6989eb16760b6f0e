"""Plan a versioned write: a new version of each source replaces what the store holds of it.

``plan_load`` compares each source of a data set with the version the store holds (by
digest first, so an unchanged source costs nothing), diffs the claims of those that changed
(``core.versions``), works out which events gain or lose support, and has
``core.recompute`` derive the breaches those events and claims touch from the store's
current facts. ``plan_removal`` does the same for taking sources out. Nothing is written:
``Versioned.apply`` writes the ``Change``.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from armsgraph.core.change import Change, VersionedStore
from armsgraph.core.dataset import Dataset, derive_events
from armsgraph.core.errors import ConflictError, DataError, Problem
from armsgraph.core.model import Breach, Claim, TransferEvent
from armsgraph.core.recompute import Touched, recompute_breaches
from armsgraph.core.store import EventFilter, Progress, Store
from armsgraph.core.versions import (
    Closing,
    Op,
    SourceDiff,
    SourceRecord,
    Version,
    claim_identity,
    diff_claims,
    source_digest,
    utc_now,
)

_ALL = 10**9  # a limit no store reaches


M = TypeVar("M")


def _held_reference(store: Store) -> Dataset:
    """The reference data the store holds, read once per plan (planning writes nothing)."""
    return Dataset(
        states={s.id: s for s in store.get_states()},
        weapon_systems={w.id: w for w in store.get_weapon_systems()},
        resolutions={r.id: r for r in store.get_resolutions()},
        provisions={p.id: p for p in store.get_provisions()},
    )


def _reference(held: Dataset, batch: Dataset) -> Dataset:
    """Reference data for reasoning: the batch's, else what the store holds."""
    return Dataset(
        states=batch.states or held.states,
        weapon_systems=batch.weapon_systems or held.weapon_systems,
        resolutions=batch.resolutions or held.resolutions,
        provisions=batch.provisions or held.provisions,
    )


def _unlike_held(held: Dataset, batch: Dataset) -> Dataset:
    """The batch's reference data that the store does not hold as it is: a reload of
    unchanged files writes none of it (and so changes nothing a reader can see)."""
    return Dataset(
        states=_differing(batch.states, held.states),
        weapon_systems=_differing(batch.weapon_systems, held.weapon_systems),
        resolutions=_differing(batch.resolutions, held.resolutions),
        provisions=_differing(batch.provisions, held.provisions),
    )


def _differing(incoming: Mapping[str, M], held: Mapping[str, M]) -> dict[str, M]:
    return {i: m for i, m in incoming.items() if held.get(i) != m}


def _reference_changed(held: Dataset, ref: Dataset) -> bool:
    """Did the reasoner's inputs among reference data change (scopes, categories)?"""
    if not held.provisions:
        return False  # an empty store: every event is touched anyway
    return held.provisions != ref.provisions or {
        w.id: w.category for w in held.weapon_systems.values()
    } != {w.id: w.category for w in ref.weapon_systems.values()}


def plan_load(store: VersionedStore, batch: Dataset, at: dt.datetime) -> Change:
    """The change that makes the store hold ``batch``'s version of each of its sources."""
    incoming: dict[str, list[Claim]] = defaultdict(list)
    for claim in batch.claims.values():
        incoming[claim.source].append(claim)
    ids = sorted(set(batch.sources) | set(incoming))
    return _plan(store, batch, at, ids, incoming, removing=[])


def plan_removal(store: VersionedStore, source_ids: Sequence[str], at: dt.datetime) -> Change:
    """The change that takes the sources and everything they state out of the store."""
    held = {s.id for s in store.get_sources(source_ids)}
    unknown = [s for s in source_ids if s not in held]
    if unknown:
        raise DataError([Problem("sources", None, None, s, "no such source") for s in unknown])
    reporters = [
        s for s in store.get_sources() if s.reports_on in source_ids and s.id not in source_ids
    ]
    if reporters:
        raise ConflictError(
            [
                Problem("sources", None, None, s.id, f"reports on {s.reports_on}: remove it first")
                for s in reporters
            ]
        )
    nothing: dict[str, list[Claim]] = defaultdict(list)
    return _plan(store, Dataset(), at, sorted(source_ids), nothing, removing=list(source_ids))


def _plan(
    store: VersionedStore,
    batch: Dataset,
    at: dt.datetime,
    ids: list[str],
    incoming: dict[str, list[Claim]],
    removing: list[str],
) -> Change:
    change = Change(at=at)
    records = store.source_records(ids)
    digests = {s: source_digest(batch.sources.get(s), incoming[s]) for s in ids}
    stale = [
        s
        for s in ids
        if s in removing
        or s not in records
        or records[s].removed_at is not None
        or records[s].digest != digests[s]
    ]
    held_ids = store.claims_of_sources(stale)
    # A source with no finished record may hold claims whose events were never written:
    # everything it states is rewritten (as a first load would).
    repair = {s for s in stale if s not in records or records[s].digest is None}
    gone_ids = sorted({c for s in stale for c in held_ids.get(s, [])} - set(batch.claims))
    gone = {c.id: c for c in store.get_claims(gone_ids)}
    added: dict[str, Claim] = {}
    rewritten: dict[str, Claim] = {}
    for s in stale:
        held = {c for c in held_ids.get(s, []) if c in gone or c in batch.claims}
        same = {c for c in held if c not in gone}
        was_held = s in records and records[s].removed_at is None
        diff = diff_claims(s, held, gone, incoming[s], was_held=was_held)
        diff.removed = s in removing
        change.diffs.append(diff)
        for claim in incoming[s]:
            if claim.id not in same:
                added[claim.id] = claim
            elif held_ids[s][claim.id] != claim.key:
                rewritten[claim.id] = claim  # the key alone changed (ids do not hash it)
            elif s in repair:
                rewritten[claim.id] = claim
                # claims written before records were kept get one (opening is idempotent)
                change.open.append(_opening(claim, at))
        _record_claims(change, diff, added, gone, records.get(s))
    change.diffs.sort(key=lambda d: d.source)

    stored_ref = _held_reference(store)
    ref = _reference(stored_ref, batch)
    final, old = _events(store, change, added, rewritten, gone)
    if _reference_changed(stored_ref, ref):  # every event may match differently
        every = store.find_events(EventFilter(limit=_ALL))
        for event in store.get_events([e for e in every if e not in final]):
            final[event.id] = old[event.id] = event
    upsert: dict[str, Breach] = {}
    delete: set[str] = set()
    rewrite: set[str] = set()
    if final or added or gone:
        touched = Touched(ref=ref, final=final, old=old, added=added | rewritten, gone=gone)
        upsert, delete, rewrite = recompute_breaches(store, touched)
    _record_derived(change, upsert, delete, rewrite, final, old)

    reference = _unlike_held(stored_ref, batch)
    change.write = Dataset(
        states=reference.states,
        weapon_systems=reference.weapon_systems,
        resolutions=reference.resolutions,
        provisions=reference.provisions,
        sources={s: batch.sources[s] for s in stale if s in batch.sources},
        claims=added | rewritten,
        events={e.id: e for e in change.write.events.values()},
        breaches=upsert,
    )
    change.delete_breaches = sorted(delete)
    change.rewrite_breaches = sorted(rewrite)
    change.delete_sources = sorted(removing)
    snapshots = {s.id: s.model_dump_json(exclude_none=True) for s in store.get_sources(removing)}
    change.sources = _source_records(ids, records, digests, snapshots, at)
    return change


def _record_claims(
    change: Change,
    diff: SourceDiff,
    added: dict[str, Claim],
    gone: dict[str, Claim],
    record: SourceRecord | None,
) -> None:
    last_seen = record.last_seen if record else None
    for line in diff.changes:
        if line.old is not None:
            change.delete_claims.append(line.old)
            change.close.append(
                Closing(
                    line.old,
                    last_seen=last_seen,
                    superseded_by=line.new,
                    snapshot=gone[line.old].model_dump_json(exclude_none=True),
                )
            )
        if line.new is not None:
            change.open.append(_opening(added[line.new], change.at))


def _opening(claim: Claim, at: dt.datetime) -> Version:
    return Version(
        entity=claim.id,
        kind="claim",
        first_seen=at,
        source=claim.source,
        identity=claim_identity(claim),
    )


def _events(
    store: Store,
    change: Change,
    added: dict[str, Claim],
    rewritten: dict[str, Claim],
    gone: dict[str, Claim],
) -> tuple[dict[str, TransferEvent | None], dict[str, TransferEvent]]:
    """Every event whose support changes: its final version (None: no support left) and
    the version the store holds. Events to write go into ``change.write.events``."""
    gained = derive_events([*added.values(), *rewritten.values()])
    lost = {c.event_id for c in gone.values() if c.event_id is not None}
    touched = sorted(gained.keys() | lost)
    old = {e.id: e for e in store.get_events(touched)}
    final: dict[str, TransferEvent | None] = {}
    for ident in touched:
        base = old.get(ident)
        support = set(base.claims if base else ()) - gone.keys()
        support |= set(gained[ident].claims) if ident in gained else set()
        if not support:
            final[ident] = None
            if base is not None:
                change.delete_events.append(ident)
                change.deleted_pairs.add((base.supplier, base.recipient))
            continue
        claims = sorted(support)
        if base is None and gained[ident].claims == claims:
            event = gained[ident]  # a new event: as derived (a copy would change nothing)
        else:
            event = (base or gained[ident]).model_copy(update={"claims": claims})
        final[ident] = event
        rewrite = any(c in rewritten for c in event.claims)
        if base is None or base.claims != event.claims or rewrite:
            change.write.events[ident] = event
    return final, old


def _record_derived(
    change: Change,
    upsert: dict[str, Breach],
    delete: set[str],
    rewrite: set[str],
    final: dict[str, TransferEvent | None],
    old: dict[str, TransferEvent],
) -> None:
    """Versions of events and breaches: a new one opens, a deleted one closes, and one
    rewritten with other content closes and opens again (a MOD for partners)."""
    for ident, event in final.items():
        if event is None and ident in old:
            change.close.append(Closing(ident))
        elif event is not None and ident not in old:
            change.open.append(Version(entity=ident, kind="event", first_seen=change.at))
        elif event is not None and old[ident].claims != event.claims:
            change.close.append(Closing(ident))
            change.open.append(Version(entity=ident, kind="event", first_seen=change.at))
    for ident in sorted(delete | rewrite):
        change.close.append(Closing(ident))
    for ident in sorted(upsert):
        change.open.append(Version(entity=ident, kind="breach", first_seen=change.at))


def _source_records(
    ids: list[str],
    records: dict[str, SourceRecord],
    digests: dict[str, str],
    removed: dict[str, str],
    at: dt.datetime,
) -> list[SourceRecord]:
    """``removed``: the sources taken out, as JSON."""
    out = []
    for s in ids:
        old = records.get(s)
        first = old.first_seen if old and old.removed_at is None else at
        if s in removed:
            out.append(
                SourceRecord(
                    id=s,
                    digest=None,
                    first_seen=first,
                    last_seen=old.last_seen if old else at,
                    removed_at=at,
                    snapshot=removed[s],
                )
            )
        else:
            out.append(SourceRecord(id=s, digest=digests[s], first_seen=first, last_seen=at))
    return out


# --- the entry points ----------------------------------------------------------------------------


@dataclass
class VersionReport:
    """What a versioned write did (or, with ``dry_run``, would do)."""

    change: Change
    dry_run: bool
    seconds: float
    counts: dict[str, int]

    @property
    def changed(self) -> bool:
        return not self.change.empty

    def totals(self) -> dict[str, int]:
        lines = [line for d in self.change.diffs for line in d.changes]
        return {
            "added": sum(1 for c in lines if c.op == "added"),
            "changed": sum(1 for c in lines if c.op == "changed"),
            "retracted": sum(1 for c in lines if c.op == "retracted"),
            "breaches_written": len(self.change.write.breaches),
            "breaches_retracted": len(self.change.delete_breaches),
        }

    def lines(self, limit: int = 50) -> list[str]:
        """The claim-level difference, per source: ``+`` added, ``~`` changed, ``-`` retracted."""
        marks: dict[Op, str] = {"added": "+", "changed": "~", "retracted": "-"}
        out: list[str] = []
        for diff in self.change.diffs:
            if not diff.changes and not diff.removed and diff.held:
                continue
            counts = ", ".join(f"{len(diff.of(op))} {op}" for op in marks)
            state = "removed" if diff.removed else ("new source" if not diff.held else "")
            head = f"{diff.source}: {counts}, {diff.unchanged} unchanged"
            out.append(head + (f" ({state})" if state else ""))
            for line in diff.changes[:limit]:
                ids = " -> ".join(i for i in (line.old, line.new) if i)
                out.append(f"  {marks[line.op]} {line.label}  {ids}")
            if len(diff.changes) > limit:
                out.append(f"  ... and {len(diff.changes) - limit} more")
        t = self.totals()
        out.append(
            f"claims: {t['added']} added, {t['changed']} changed, {t['retracted']} retracted; "
            f"breaches: {t['breaches_written']} written, {t['breaches_retracted']} retracted"
        )
        return out


def write_version(
    store: VersionedStore,
    dataset: Dataset,
    *,
    dry_run: bool = False,
    at: dt.datetime | None = None,
    progress: Progress | None = None,
) -> VersionReport:
    """Make the store hold this version of each of the data set's sources, and recompute
    the breaches the change touches. ``dry_run``: plan only, write nothing."""
    started = time.perf_counter()
    if progress is not None:  # planning reads the store and reasons: seconds at 50k claims
        progress(0, 1, "planning the change")
    change = plan_load(store, dataset, at or utc_now())
    if progress is not None:
        progress(1, 1, "planned")
    if not dry_run:
        store.apply(change, progress)
    return VersionReport(change, dry_run, time.perf_counter() - started, store.counts())


def remove_sources(
    store: VersionedStore,
    source_ids: Sequence[str],
    *,
    dry_run: bool = False,
    at: dt.datetime | None = None,
) -> VersionReport:
    """Take sources out: their claims are retracted into history, breaches recomputed."""
    started = time.perf_counter()
    change = plan_removal(store, source_ids, at or utc_now())
    if not dry_run:
        store.apply(change)
    return VersionReport(change, dry_run, time.perf_counter() - started, store.counts())
