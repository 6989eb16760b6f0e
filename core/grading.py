"""Admiralty/NATO grades as a filter, and corroboration counted by independent authority.

A claim may carry a source reliability grade (A best, F "cannot be judged") and an
information credibility grade (1 best, 6 "cannot be judged"). ``GradeFilter`` keeps the
claims graded at or above a minimum; an ungraded claim is not known to meet any minimum,
so a filter leaves it out (F and 6 rank last: they meet only a minimum of F or 6).

``graded(store, grades)`` rebuilds the data set from the store's current claims that pass,
with today's sources and reference data, and has the reasoner derive events and breaches
again, as ``core.as_of`` does for knowledge time: an answer under a minimum grade is what
the store would answer if it held only the claims graded that well (a yearly cap counts
only their deliveries). The filter runs in Python over the claims the store lists as graded
(``Store.graded_claims``); no query text is built from the request.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from armsgraph.core.dataset import Dataset
from armsgraph.core.model import Claim, Credibility, Reliability, Source
from armsgraph.core.reasoner import derive_breaches
from armsgraph.core.store import Store


@dataclass(frozen=True)
class GradeFilter:
    min_reliability: Reliability | None = None
    min_credibility: Credibility | None = None

    @property
    def active(self) -> bool:
        return self.min_reliability is not None or self.min_credibility is not None

    def admits(self, claim: Claim) -> bool:
        reliability, credibility = self.min_reliability, self.min_credibility
        if reliability is not None and (
            claim.reliability is None or claim.reliability.rank > reliability.rank
        ):
            return False
        return credibility is None or (
            claim.credibility is not None and claim.credibility <= credibility
        )


def graded(store: Store, grades: GradeFilter) -> Dataset:
    """The store's current data set restricted to the claims ``grades`` admits."""
    sources = {s.id: s for s in store.get_sources()}
    claims = store.get_claims(store.graded_claims())  # an ungraded claim never passes
    return rebuilt(store, sources, [c for c in claims if grades.admits(c)])


def rebuilt(store: Store, sources: dict[str, Source], claims: Sequence[Claim]) -> Dataset:
    """A data set of ``claims`` and ``sources`` over the store's reference data, with
    events and breaches derived by the reasoner."""
    dataset = Dataset(
        states={s.id: s for s in store.get_states()},
        weapon_systems={w.id: w for w in store.get_weapon_systems()},
        resolutions={r.id: r for r in store.get_resolutions()},
        provisions={p.id: p for p in store.get_provisions()},
        sources=sources,
    )
    dataset.add_claims([c for c in claims if c.source in sources])
    dataset.breaches = derive_breaches(dataset)
    return dataset


def origin(source_id: str, sources: Mapping[str, Source]) -> str:
    """The source a chain of ``reports_on`` ends at (news on a report: the report)."""
    seen = {source_id}
    source = sources.get(source_id)
    while source is not None and source.reports_on and source.reports_on not in seen:
        seen.add(source.reports_on)
        source_id = source.reports_on
        source = sources.get(source_id)
    return source_id


def independent_authorities(claims: Sequence[Claim], sources: Mapping[str, Source]) -> int:
    """How many independent authorities state what ``claims`` state.

    A claim in a source that reports on another (news on a report, through any chain of
    ``reports_on``) repeats that original source: it counts with the original's own claims
    when they are among ``claims``, else with the other claims repeating the same original,
    so five outlets repeating one report count once. Every other claim counts by its
    asserting authority (one authority in two of its own sources counts once)."""
    parent: dict[str, str] = {}

    def root(node: str) -> str:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    keys = []
    for claim in claims:
        first = origin(claim.source, sources)
        keys.append(f"by:{claim.asserted_by}" if first == claim.source else f"from:{first}")
    repeated = {k for k in keys if k.startswith("from:")}
    for claim, key in zip(claims, keys, strict=True):
        if f"from:{claim.source}" in repeated:
            parent[root(key)] = root(f"from:{claim.source}")
    return len({root(k) for k in keys})
