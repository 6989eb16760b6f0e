"""The reasoner: provisions as data, matched on direction, category, kind and time."""

from __future__ import annotations

import pytest

from armsgraph.core.model import BreachBasis
from tests.support.datasets import dataset_with, shipment


def provisions_breached(*claims: dict[str, object]) -> list[str]:
    dataset = dataset_with(list(claims))
    return sorted(b.provision or "" for b in dataset.breaches.values())


@pytest.mark.parametrize(
    ("day", "breached"), [("2006-10-13", []), ("2006-10-14", ["unscr-1718-op8b"])]
)
def test_1718_op8b_starts_on_adoption_day(day: str, breached: list[str]) -> None:
    claim = shipment("PRK", "RUS", "ballistic-missile", day, day)
    assert provisions_breached(claim) == breached


def test_1718_op8b_names_both_parties_and_explains() -> None:
    dataset = dataset_with([shipment("Pyongyang", "Moscow", "ballistic missile", "2023-09")])
    [breach] = dataset.breaches.values()
    assert breach.basis is BreachBasis.INFERRED
    assert breach.states == ["PRK", "RUS"]
    assert breach.rule == "scope/unscr-1718-op8b"
    assert "supply from Democratic People's Republic of Korea" in breach.explanation
    assert "(missiles and missile launchers, UN Register category VII)" in breach.explanation
    assert "_" not in breach.explanation  # no identifiers, only labels
    assert "S/RES/1718 (2006) OP8(b)" in breach.explanation
    assert breach.matched["event_period"] == "2023-09-01 to ongoing"
    assert breach.claims == next(iter(dataset.events.values())).claims


def test_direction_matters() -> None:
    # Missiles from Russia to the DPRK fall under 1874 OP10 (supply to), not 1718 OP8(b).
    assert provisions_breached(shipment("RUS", "PRK", "ballistic-missile", "2024")) == [
        "unscr-1874-op10"
    ]
    assert provisions_breached(shipment("RUS", "UKR", "ballistic-missile", "2024")) == []


@pytest.mark.parametrize(
    ("day", "breached"), [("2009-06-11", []), ("2009-06-12", ["unscr-1874-op10"])]
)
def test_1874_op10_in_force_from_adoption(day: str, breached: list[str]) -> None:
    assert provisions_breached(shipment("CHN", "PRK", "munitions", day, day)) == breached


@pytest.mark.parametrize(
    ("start", "end", "breached"),
    [
        ("2015-01", "2015-12", []),  # SALW exception of 1874 OP10 still open
        ("2016-03-01", "2016-03-01", []),  # last day of the exception
        ("2016-03-02", "2016-03-02", ["unscr-1874-op10"]),  # closed the next day
        ("2016-02", "2016-04", []),  # could have happened under the exception
    ],
)
def test_salw_exception_until_closed(start: str, end: str, breached: list[str]) -> None:
    assert provisions_breached(shipment("CHN", "PRK", "rifle", start, end)) == breached


def test_undated_event_is_dated_by_its_report() -> None:
    # No period: the event happened no later than the claim reporting it (2025-01-01 here).
    dataset = dataset_with([shipment("PRK", "RUS", "ballistic-missile", None)])
    [breach] = dataset.breaches.values()
    assert breach.matched["dated_by"] == "reported"
    assert "no date given; reported by 2025-01-01" in breach.explanation
    # ...and a provision that entered into force after the report cannot have been breached.
    late = {
        "deployment": {"supplier": "PRK", "recipient": "RUS", "personnel": "workers"},
        "reported": "2019-12-01",
    }
    assert provisions_breached(late) == []


def test_assistance_needs_kind_and_related_category() -> None:
    feedback = {
        "assistance": {
            "supplier": "RUS",
            "recipient": "PRK",
            "assistance": "technical_data",
            "subject": "missile feedback",
            "related_weapon": "ballistic missile",
            "period": {"start": "2024"},
        }
    }
    banking = {
        "assistance": {
            "supplier": "RUS",
            "recipient": "PRK",
            "assistance": "financial",
            "subject": "banking",
            "period": {"start": "2024"},
        }
    }
    dataset = dataset_with([feedback, banking])
    [breach] = dataset.breaches.values()
    assert breach.provision == "unscr-1718-op8c"
    assert breach.states == ["PRK", "RUS"]
    assert (
        "technical data related to missiles and missile launchers, UN Register category VII"
        in breach.explanation
    )


@pytest.mark.parametrize(
    ("day", "breached"), [("2019-12-22", []), ("2019-12-23", ["unscr-2397-op8"])]
)
def test_workers_after_repatriation_deadline(day: str, breached: list[str]) -> None:
    claim = {
        "deployment": {
            "supplier": "PRK",
            "recipient": "RUS",
            "personnel": "workers",
            "period": {"start": day, "end": day},
        }
    }
    assert provisions_breached(claim) == breached
    if breached:
        [b] = dataset_with([claim]).breaches.values()
        assert b.states == ["RUS"]  # the host state is obligated
        assert "not verified" in b.explanation  # OP8 is marked unverified in the test data


def barrels(qualifier: str, value: int) -> dict[str, object]:
    return {"qualifier": qualifier, "value": value, "unit": "barrel"}


def test_petroleum_cap_counts_largest_claim_per_supplier() -> None:
    march = shipment(
        "RUS", "PRK", "refined-petroleum", "2024-03", "2024-03", barrels("more than", 165_000)
    )
    osc = shipment(
        "RUS",
        "PRK",
        "refined-petroleum",
        "2024-03-07",
        "2024-11-05",
        barrels("more than", 1_000_000),
    )
    under = shipment("RUS", "PRK", "refined-petroleum", "2023", "2023", barrels("exactly", 105_845))
    dataset = dataset_with([march, osc, under])
    caps = [b for b in dataset.breaches.values() if b.rule == "cap/unscr-2397-op5"]
    assert len(caps) == 1
    [cap] = caps
    assert cap.matched == {
        "year": 2024,
        "total_lower_bound": 1_000_000,
        "cap": 500_000,
        "unit": "barrel",
    }
    assert cap.states == ["RUS"]
    assert len(cap.events) == 1  # only the largest figure; the March report is not added to it
    assert "Russian Federation: at least 1,000,000" in cap.explanation


def test_petroleum_cap_adds_suppliers_and_respects_start() -> None:
    rus = shipment("RUS", "PRK", "refined-petroleum", "2025", "2025", barrels("exactly", 300_000))
    chn = shipment("CHN", "PRK", "refined-petroleum", "2025", "2025", barrels("exactly", 300_000))
    before = shipment(
        "RUS", "PRK", "refined-petroleum", "2017", "2017", barrels("exactly", 900_000)
    )
    vague = shipment("RUS", "PRK", "refined-petroleum", "2024", "2025", barrels("exactly", 900_000))
    around = shipment("RUS", "PRK", "refined-petroleum", "2026", "2026", barrels("around", 900_000))
    dataset = dataset_with([rus, chn, before, vague, around])
    [cap] = dataset.breaches.values()
    assert cap.matched["year"] == 2025 and cap.states == ["CHN", "RUS"]


def test_asserted_breaches_stay_apart(fixture_dataset: object) -> None:
    from armsgraph.core.dataset import Dataset

    assert isinstance(fixture_dataset, Dataset)
    asserted = [b for b in fixture_dataset.breaches.values() if b.basis is BreachBasis.ASSERTED]
    inferred = [b for b in fixture_dataset.breaches.values() if b.basis is BreachBasis.INFERRED]
    [a] = asserted
    assert a.provision == "unscr-1718-op8b" and a.resolution == "unscr-1718"
    assert a.explanation.startswith("Test Monitoring Team states:")
    assert len(a.events) == 1  # the 'containers' flow
    # the reasoner independently infers OP8(b) for the missiles shipment; both are kept
    assert [b.provision for b in inferred] == ["unscr-1718-op8b"]
    assert a.id != inferred[0].id
