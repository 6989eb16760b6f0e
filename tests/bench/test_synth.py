"""Smoke test of the benchmark workload generator (bench/synth.py): seed, shape, breaches."""

from __future__ import annotations

from collections import Counter

import pytest

from armsgraph.core.dataset import Dataset, derive_events
from armsgraph.core.model import BreachBasis, EventKind
from armsgraph.core.reasoner import derive_breaches
from armsgraph.graph.neo4j_plan import check_links
from bench.synth import SynthConfig, chunks, validate_sample


@pytest.fixture(scope="module")
def two_chunks() -> list[Dataset]:
    return list(chunks(SynthConfig(claims=800, seed=3, chunk_claims=400)))


def test_same_seed_same_data(two_chunks: list[Dataset]) -> None:
    again = next(chunks(SynthConfig(claims=800, seed=3, chunk_claims=400)))
    assert list(again.claims) == list(two_chunks[0].claims)
    assert again.events == two_chunks[0].events
    other = next(chunks(SynthConfig(claims=200, seed=4, chunk_claims=200)))
    assert set(other.claims).isdisjoint(two_chunks[0].claims)


def test_chunks_hold_exactly_n_claims_and_are_self_contained(two_chunks: list[Dataset]) -> None:
    assert [len(c.claims) for c in two_chunks] == [400, 400]
    for chunk in two_chunks:
        assert check_links(chunk) == []
        assert len(chunk.states) == 200
        assert validate_sample(chunk, every=50) > 0


def test_events_are_what_the_core_derives(two_chunks: list[Dataset]) -> None:
    chunk = two_chunks[0]
    assert derive_events(chunk.claims.values()) == chunk.events
    assert derive_breaches(chunk) == chunk.breaches


def test_shape_several_claims_per_event_and_conflicting_flows(two_chunks: list[Dataset]) -> None:
    events = [e for c in two_chunks for e in c.events.values()]
    assert max(len(e.claims) for e in events) >= 3
    assert sum(len(e.claims) > 1 for e in events) > len(events) // 5
    flows = Counter(e.statement.flow for e in events if e.statement.flow)
    conflicting = [f for f, n in flows.items() if n > 1]
    assert conflicting, "some flows are stated with different quantities"
    kinds = Counter(e.kind for e in events)
    assert kinds[EventKind.SHIPMENT] > kinds[EventKind.ASSISTANCE] > 0
    assert kinds[EventKind.DEPLOYMENT] > 0


def test_trade_is_skewed(two_chunks: list[Dataset]) -> None:
    suppliers = Counter(e.supplier for c in two_chunks for e in c.events.values())
    top5 = sum(n for _, n in suppliers.most_common(5))
    assert top5 > sum(suppliers.values()) // 3


def test_reasoner_finds_breaches(two_chunks: list[Dataset]) -> None:
    breaches = [b for c in two_chunks for b in c.breaches.values()]
    assert any(b.basis is BreachBasis.INFERRED for b in breaches)
    assert any(b.basis is BreachBasis.ASSERTED for b in breaches)
    assert any("PRK" in b.states for b in breaches)
