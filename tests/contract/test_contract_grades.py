"""Admiralty grades and corroboration, the same on both stores (the rich synthetic data set)."""

from __future__ import annotations

import pytest

from armsgraph.api.params import TransferFilter
from armsgraph.api.service import GraphService
from armsgraph.core.dataset import Dataset
from armsgraph.core.grading import GradeFilter, graded
from armsgraph.core.model import BreachBasis, Credibility, EventKind, Reliability
from armsgraph.core.store import Store
from tests.support.rich import rich_dataset
from tests.support.stores import stores_holding

rich = stores_holding(rich_dataset)


def test_grades_are_stored_and_read_back(rich: tuple[Store, Dataset]) -> None:
    store, dataset = rich
    held = {c.id: c for c in store.get_claims(sorted(dataset.claims))}
    grades = {(c.reliability, c.credibility, c.grade_basis is not None) for c in held.values()}
    assert grades == {
        (Reliability.B, Credibility.PROBABLY_TRUE, True),
        (Reliability.D, Credibility.DOUBTFUL, True),
        (None, None, False),
    }
    assert held == dataset.claims
    graded_ids = sorted(c.id for c in dataset.claims.values() if c.reliability or c.credibility)
    assert len(graded_ids) == 2 and store.graded_claims() == graded_ids


@pytest.mark.parametrize(
    ("grades", "kinds"),
    [
        (GradeFilter(Reliability.A), set()),
        (GradeFilter(Reliability.B), {EventKind.SHIPMENT}),
        (GradeFilter(Reliability.D), {EventKind.SHIPMENT, EventKind.DEPLOYMENT}),
        (GradeFilter(Reliability.F), {EventKind.SHIPMENT, EventKind.DEPLOYMENT}),
        (GradeFilter(min_credibility=Credibility.PROBABLY_TRUE), {EventKind.SHIPMENT}),
        (GradeFilter(Reliability.D, Credibility.PROBABLY_TRUE), {EventKind.SHIPMENT}),
    ],
    ids=str,
)
def test_a_minimum_grade_keeps_only_claims_graded_that_well(
    rich: tuple[Store, Dataset], grades: GradeFilter, kinds: set[EventKind]
) -> None:
    store, dataset = rich
    view = graded(store, grades)
    assert {e.kind for e in view.events.values()} == kinds
    assert all(grades.admits(c) for c in view.claims.values())
    # the claims left out are exactly those not graded well enough
    left_out = dataset.claims.keys() - view.claims.keys()
    assert all(not grades.admits(dataset.claims[c]) for c in left_out)
    # every event keeps only the graded claims behind it
    for event in view.events.values():
        assert set(event.claims) <= view.claims.keys()


def test_graded_answers_through_the_service(rich: tuple[Store, Dataset]) -> None:
    store, _ = rich
    service = GraphService(store)
    everything = service.transfers(TransferFilter(supplier="PRK", recipient="RUS"))
    snapshot = service.graded(GradeFilter(Reliability.B))
    try:
        answer = snapshot.transfers(TransferFilter(supplier="PRK", recipient="RUS"))
    finally:
        snapshot.store.close()
    assert everything.count == 2 and answer.count == 1
    (hop,) = answer.transfers
    assert hop.kind is EventKind.SHIPMENT
    (claim,) = (answer.claims[c] for c in hop.claims)
    assert (claim.reliability, claim.credibility) == (Reliability.B, Credibility.PROBABLY_TRUE)
    assert claim.grade_basis


def test_an_outlet_repeating_a_report_is_not_independent(rich: tuple[Store, Dataset]) -> None:
    store, _ = rich
    answer = GraphService(store).transfers(TransferFilter(supplier="PRK"), EventKind.SHIPMENT)
    (hop,) = answer.transfers
    # MSMT's report and a news story on it (reports_on): two names, one authority
    assert hop.authorities == ["MSMT", "The Example Times, citing the MSMT"]
    assert hop.independent_authorities == 1
    assert {answer.claims[c].source for c in hop.claims} == {"report-1", "news-1"}


def test_a_breach_counts_independent_authorities(rich: tuple[Store, Dataset]) -> None:
    store, dataset = rich
    service = GraphService(store)
    by_basis = {b.basis: b for b in service.breaches(limit=10).breaches}
    inferred, asserted = by_basis[BreachBasis.INFERRED], by_basis[BreachBasis.ASSERTED]
    # inferred from the report's claim and the news story repeating it: one authority
    assert {c.source.id for c in inferred.claims} == {"report-1", "news-1"}
    assert inferred.authorities == ["MSMT", "The Example Times, citing the MSMT"]
    assert inferred.independent_authorities == 1
    assert (asserted.authorities, asserted.independent_authorities) == (["MSMT"], 1)
    # the breaches map of a path answer counts the same way, and as its hop does
    answer = service.paths("PRK", "RUS")
    hop = next(h for p in answer.paths for h in p.hops if h.kind is EventKind.SHIPMENT)
    brief = answer.breaches[inferred.id]
    assert brief.claims == [c.id for c in inferred.claims] and inferred.id in hop.breaches
    assert (brief.authorities, brief.independent_authorities) == (
        inferred.authorities,
        hop.independent_authorities,
    )
    assert set(dataset.breaches) == {b.id for b in by_basis.values()}


def test_source_chains_are_followed_in_one_read_as_step_by_step(
    rich: tuple[Store, Dataset],
) -> None:
    store, dataset = rich
    news = [s.id for s in dataset.sources.values() if s.reports_on]
    assert news, "the rich data set has a source reporting on another"
    chained = store.get_sources_with_chain(news)
    # the base class's reading, one get_sources a step, is the reference
    assert chained == Store.get_sources_with_chain(store, news)
    assert {s.id for s in chained} == set(news) | {dataset.sources[n].reports_on for n in news}
    assert store.get_sources_with_chain([]) == []
    assert store.get_sources_with_chain(["no-such-source"]) == []
