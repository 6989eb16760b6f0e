"""As known on a date: the claims the store held then (knowledge time), not what happened then.

``held_on(store, at)`` rebuilds the data set of that moment from the records of knowledge
time: the claims held at ``at`` (current ones read from the store, retracted ones from the
copy kept at retraction), the sources held then, and today's reference data (states,
weapon systems and provisions are not versioned). Events and breaches are derived again by
the reasoner, so an answer "as of" a date is what the store would have answered then. The
period a transfer happened (valid time) is filtered separately, by ``since`` / ``until``.
"""

from __future__ import annotations

import datetime as dt

from armsgraph.core.change import VersionedStore
from armsgraph.core.dataset import Dataset
from armsgraph.core.grading import rebuilt
from armsgraph.core.model import Claim, Source


def held_on(store: VersionedStore, at: dt.datetime) -> Dataset:
    versions = store.versions(held_on=at, kinds=["claim"])
    current = [v.entity for v in versions if v.retracted_at is None]
    claims = {c.id: c for c in store.get_claims(current)}
    # claims written before records were kept (``Store.load``) count as held since always
    every = store.claims_of_sources([s.id for s in store.get_sources()])
    recorded = {v.entity for v in store.versions(kinds=["claim"])}
    unrecorded = sorted({c for held in every.values() for c in held} - recorded)
    claims.update((c.id, c) for c in store.get_claims(unrecorded))
    for version in versions:
        if version.retracted_at is not None and version.snapshot:
            claim = Claim.model_validate_json(version.snapshot)
            claims[claim.id] = claim
    records = store.source_records()
    sources: dict[str, Source] = {}
    for source in store.get_sources():
        record = records.get(source.id)
        if record is None or record.first_seen <= at:
            sources[source.id] = source
    for record in records.values():
        removed = record.removed_at
        if removed and record.snapshot and record.first_seen <= at < removed:
            source = Source.model_validate_json(record.snapshot)
            sources[source.id] = source
    return rebuilt(store, sources, list(claims.values()))
