"""Targets, in-force periods and exceptions of provision scopes (synthetic regimes)."""

from __future__ import annotations

import pytest

from armsgraph.core.dataset import Dataset
from armsgraph.core.model import InForce, ProvisionScope, VerificationStatus
from armsgraph.core.reasoner import lapsed_provisions
from armsgraph.core.scope_match import Lapse, assess
from tests.support.datasets import EMBARGOES, dataset_with, shipment


def breached(*claims: dict[str, object]) -> list[str]:
    dataset = dataset_with(list(claims), EMBARGOES)
    return sorted(b.provision or "" for b in dataset.breaches.values())


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2010", "2010", ["unscr-9001-op5"]),  # first period
        ("2016-01-15", "2016-01-15", ["unscr-9001-op5"]),  # its last day
        ("2016-01-16", "2016-01-16", []),  # terminated the next day
        ("2022-08", "2023-06", []),  # the gap
        ("2025-09-27", "2025-09-27", ["unscr-9001-op5"]),  # restored
        ("2025-09", "2025-09", ["unscr-9001-op5"]),  # could have been after the restoration
    ],
)
def test_terminated_and_restored_provision(start: str, end: str, expected: list[str]) -> None:
    assert breached(shipment("IRN", "RUS", "drone", start, end)) == expected


def test_breach_names_the_period_and_the_unchecked_conditions() -> None:
    dataset = dataset_with([shipment("Tehran", "Moscow", "drone", "2026-01")], EMBARGOES)
    [breach] = dataset.breaches.values()
    assert "supply from Iran" in breach.explanation
    assert "in force from 2025-09-27" in breach.explanation
    assert "Not checked (the data cannot tell): advance approval by the Council" in (
        breach.explanation
    )
    assert breach.matched["in_force"] == ["from 2025-09-27"]
    assert breach.matched["target"] == "IRN"
    assert breach.states == ["IRN", "RUS"]


def test_an_event_in_the_gap_is_reported_as_lapsed_with_the_reason() -> None:
    dataset = dataset_with([shipment("IRN", "RUS", "drone", "2024-09", "2024-09")], EMBARGOES)
    assert dataset.breaches == {}
    [lapse] = lapsed_provisions(dataset, dataset.events.values())
    assert lapse.provision == "unscr-9001-op5"
    assert "was not in force at that time" in lapse.explanation
    assert "from 2007-03-24 until 2016-01-15 (ended by a later resolution)" in lapse.explanation
    assert lapse.in_force == ("from 2007-03-24 until 2016-01-15", "from 2025-09-27")


def test_no_lapse_for_an_event_outside_the_scope() -> None:
    # Out of scope for other reasons (direction, items) is not a lapse: nothing to explain.
    dataset = dataset_with([shipment("RUS", "IRN", "drone", "2024")], EMBARGOES)
    assert lapsed_provisions(dataset, dataset.events.values()) == []


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2010", "2010", ["unscr-9002-op5"]),  # to the government before the exception
        ("2023-12-01", "2023-12-01", []),  # the government is exempted from this day
        ("2023-11", "2023-12", []),  # could have been under the exception
        ("2023-11-30", "2023-11-30", ["unscr-9002-op5"]),
    ],
)
def test_party_exception_with_a_start(start: str, end: str, expected: list[str]) -> None:
    assert breached(shipment("CHN", "SOM", "rifle", start, end)) == expected


def test_territory_reach_covers_the_target_state() -> None:
    # reach: territory covers the state itself; a supplier in the territory is not "to" it.
    assert breached(shipment("CHN", "Mogadishu", "drone", "2020", "2020")) == ["unscr-9002-op5"]
    assert breached(shipment("SOM", "CHN", "drone", "2020", "2020")) == []


def test_periods_must_be_in_order_and_closed_before_the_next() -> None:
    base = {
        "targets": ["IRN"],
        "directions": ["from_target"],
        "event_kinds": ["shipment"],
        "obligated": ["supplier"],
    }
    first = InForce(start="2007", status=VerificationStatus.VERIFIED)
    later = InForce(start="2025", status=VerificationStatus.VERIFIED)
    with pytest.raises(ValueError, match="overlap or are out of order"):
        ProvisionScope.model_validate({**base, "in_force": [first, later]})
    with pytest.raises(ValueError, match="start 2016 is after end 2015"):
        InForce(start="2016", end="2015", status=VerificationStatus.VERIFIED)


def _every_lapse(dataset: Dataset) -> list[Lapse]:
    """The definition lapsed_provisions keeps: each event against each scoped provision
    without a cap, in id order, assessed for lapses only."""
    scoped = [p for p in sorted(dataset.provisions.values(), key=lambda p: p.id) if p.scope]
    return [
        verdict
        for event in dataset.events.values()
        for p in scoped
        if p.scope is not None and p.scope.cap is None
        for verdict in [assess(dataset, p, p.scope, event, lapse_only=True)]
        if isinstance(verdict, Lapse)
    ]


def _many_shipments() -> Dataset:
    """Every pair of the fixture's parties, both weapons, dated in and out of force, undated."""
    parties = ["IRN", "RUS", "CHN", "SOM", "Mogadishu"]
    dates = [("2010", "2010"), ("2016-01-16", "2016-01-16"), ("2023-11", "2023-12")]
    dates += [("2024-09", None), (None, None)]
    return dataset_with(
        [
            shipment(s, r, weapon, start, end)
            for s in parties
            for r in parties
            if s != r
            for weapon in ("drone", "rifle")
            for start, end in dates
        ],
        EMBARGOES,
    )


@pytest.mark.parametrize("which", ["bundled", "fixture"])
def test_lapses_equal_every_event_assessed_against_every_scope(
    which: str, real_dataset: Dataset
) -> None:
    # The target index and the in-force shortcut of lapsed_provisions skip only pairs that
    # give no lapse: the same lapses, in the same order, as assessing every pair.
    dataset = real_dataset if which == "bundled" else _many_shipments()
    expected = _every_lapse(dataset)
    assert expected, "the data has lapses to compare"
    assert lapsed_provisions(dataset, dataset.events.values()) == expected
