"""The real UN arms embargoes (data/reference/embargoes/) and the Iran and Syria claims.

What the reasoner makes of the real data: the Iran->Russia drones of 2022-23 fall under
2231 Annex B paragraph 4 while it was in force; the 2024 missiles fall in the gap between
its expiry and the 2025 snapback and give no breach, with the reason; the DPRK->Syria
shipments fall under the DPRK export ban. Each regime's data keeps the honesty rules.
"""

from __future__ import annotations

import pytest

from armsgraph.core.dataset import Dataset
from armsgraph.core.model import (
    Breach,
    BreachBasis,
    Claim,
    ProvisionScope,
    TargetReach,
    TransferEvent,
)
from armsgraph.core.reasoner import derive_breaches, lapsed_provisions
from armsgraph.loaders.ingest import BUNDLED_DATA, REFERENCE_DIR, read_dataset

EMBARGOES = REFERENCE_DIR / "embargoes"
DPRK_RESOLUTIONS = {
    f"unscr-{n}" for n in (1695, 1718, 1874, 2087, 2094, 2270, 2321, 2356, 2371, 2375, 2397)
}


@pytest.fixture(scope="module")
def data() -> Dataset:
    return read_dataset([BUNDLED_DATA])[0]


def _events(data: Dataset, supplier: str, recipient: str, weapon: str) -> list[TransferEvent]:
    return [
        e
        for e in data.events.values()
        if (e.supplier, e.recipient) == (supplier, recipient)
        and any(i.weapon == weapon for i in getattr(e.statement, "items", []))
    ]


def _inferred(data: Dataset, event: TransferEvent) -> dict[str, Breach]:
    return {
        b.provision or "": b
        for b in data.breaches.values()
        if b.basis is BreachBasis.INFERRED and event.id in b.events
    }


def test_every_regime_file_loads_with_sources(data: Dataset) -> None:
    files = sorted(p.stem for p in EMBARGOES.glob("*.yaml"))
    assert files == [
        "central-africa",
        "east-africa",
        "global-and-balkans",
        "iran",
        "middle-east",
        "southern-africa",
        "west-africa",
    ]
    regimes = {p.resolution for p in data.provisions.values()}
    for number in (1747, 1929, 2231, 661, 1701, 2216, 733, 2713, 1907, 1556, 2428, 1596):
        assert f"unscr-{number}" in regimes
    for number in (2127, 2745, 918, 1970, 788, 1521, 1132, 1171, 1390, 2170, 1160, 713, 2653):
        assert f"unscr-{number}" in regimes
    for number in (232, 418, 864, 1572, 1298, 748, 1333, 1988, 841, 2699, 1546, 1591):
        assert f"unscr-{number}" in regimes
    for provision in data.provisions.values():
        assert provision.sources
        if provision.resolution in DPRK_RESOLUTIONS or provision.scope is None:
            continue  # the DPRK periods are the resolutions' adoption dates, sourced there
        for period in provision.scope.in_force:
            assert period.sources, f"{provision.id}: an in-force period without a source"


def test_no_paragraph_number_without_a_source(data: Dataset) -> None:
    # A provision whose number no source gave says so and claims no number.
    for provision in data.provisions.values():
        if provision.id.endswith("-arms"):
            assert "not confirmed" in provision.paragraph
            assert provision.paragraph_status.value == "unverified"


def test_targets_reach_states_groups_and_territories(data: Dataset) -> None:
    def scope(ident: str) -> ProvisionScope:
        found = data.provisions[ident].scope
        assert found is not None
        return found

    assert scope("unscr-1701-arms").reach is TargetReach.NON_STATE_IN_TERRITORY
    assert scope("unscr-1701-arms").targets == ["LBN"]
    assert scope("unscr-2216-op14").targets == ["ansar-allah"]
    assert scope("unscr-2170-arms").targets == ["isil"]
    assert scope("unscr-733-op5").reach is TargetReach.TERRITORY
    assert scope("unscr-2713-op4").reach is TargetReach.NON_STATE_IN_TERRITORY
    iran = scope("unscr-1747-op5")
    assert [p.describe() for p in iran.in_force] == [
        "from 2007-03-24 until 2016-01-15",
        "from 2025-09-27",
    ]
    assert "null and void" in (iran.in_force[1].note or "")  # the dispute is on record


def test_iranian_drones_of_2022_fall_under_annex_b_paragraph_4(data: Dataset) -> None:
    late_august = [
        e for e in _events(data, "IRN", "RUS", "shahed-series-uav") if e.period and e.period.start
    ]
    assert late_august
    for event in late_august:
        found = _inferred(data, event)
        assert "unscr-2231-annexb-p4" in found
        breach = found["unscr-2231-annexb-p4"]
        assert breach.states == ["IRN", "RUS"]
        assert "supply from Iran" in breach.explanation
        assert "Not checked (the data cannot tell): advance approval" in breach.explanation
        # The 1747 export ban was terminated in 2016 and restored only in 2025.
        assert "unscr-1747-op5" not in found


def test_the_source_ties_the_drones_to_annex_b_paragraph_4(data: Dataset) -> None:
    asserted = [
        b
        for b in data.breaches.values()
        if b.basis is BreachBasis.ASSERTED and b.provision == "unscr-2231-annexb-p4"
    ]
    assert asserted
    assert all(set(b.states) == {"IRN", "RUS"} for b in asserted)
    assert any("Annex B, Paragraph 4" in b.explanation for b in asserted)


def test_iranian_missiles_of_2024_give_no_breach_and_say_why(data: Dataset) -> None:
    [event] = _events(data, "IRN", "RUS", "fath-360")
    assert _inferred(data, event) == {}
    lapses = {lapse.provision: lapse for lapse in lapsed_provisions(data, [event])}
    assert {"unscr-2231-annexb-p4", "unscr-1747-op5"} <= set(lapses)
    assert "from 2016-01-16 until 2023-10" in lapses["unscr-2231-annexb-p4"].explanation
    assert "was not in force at that time" in lapses["unscr-1747-op5"].explanation
    assert "from 2025-09-27" in lapses["unscr-1747-op5"].explanation


def test_dprk_to_syria_falls_under_the_dprk_export_ban(data: Dataset) -> None:
    [event] = _events(data, "PRK", "SYR", "ballistic-missile-items")
    found = _inferred(data, event)
    assert {"unscr-1718-op8b", "unscr-1874-op9"} <= set(found)
    assert found["unscr-1718-op8b"].states == ["PRK", "SYR"]
    asserted = [
        b
        for b in data.breaches.values()
        if b.basis is BreachBasis.ASSERTED and event.id in b.events
    ]
    assert asserted and all(b.states == ["PRK"] for b in asserted)


def _one_transfer(data: Dataset, supplier: str, recipient: str, start: str, end: str) -> Dataset:
    """The reference data with one claimed shipment of anti-tank missiles."""
    claim = Claim.model_validate(
        {
            "source": "test",
            "quote": "q",
            "asserted_by": "tester",
            "confidence": "low",
            "reported": "2025-01-01",
            "shipment": {
                "supplier": supplier,
                "recipient": recipient,
                "items": [{"weapon": "anti-tank missile"}],
                "period": {"start": start, "end": end},
            },
        },
        context={"gazetteer": data.gazetteer},
    )
    dataset = Dataset(
        states=dict(data.gazetteer.states),
        weapon_systems=dict(data.weapon_systems),
        resolutions=dict(data.resolutions),
        provisions=dict(data.provisions),
    )
    dataset.add_claims([claim])
    return dataset


def _breached(data: Dataset, supplier: str, recipient: str, start: str, end: str) -> set[str]:
    dataset = _one_transfer(data, supplier, recipient, start, end)
    return {b.provision or "" for b in derive_breaches(dataset).values()}


def _lapses(data: Dataset, recipient: str, when: str) -> dict[str, str]:
    dataset = _one_transfer(data, "China", recipient, when, when)
    return {
        lapse.provision: lapse.explanation
        for lapse in lapsed_provisions(dataset, dataset.events.values())
    }


@pytest.mark.parametrize(
    ("recipient", "start", "expected"),
    [
        ("Hezbollah", "2024", {"unscr-1701-arms"}),  # a non-state actor based in Lebanon
        ("Lebanon", "2024", set()),  # the government is not the embargo's target
        ("UNIFIL", "2024", set()),  # the UN force is excepted
        ("Al-Shabaab", "2024", {"unscr-2713-op4"}),  # based in Somalia, after the 2023 change
        ("Somalia", "2024", set()),  # the government after the general embargo was lifted
        ("Somalia", "2010", {"unscr-733-op5"}),  # the general embargo on the territory
        ("Houthis", "2023", {"unscr-2216-op14"}),  # a named group
        ("ISIL", "2016", {"unscr-2170-arms"}),
        # Terminated regimes, historical states, suspended and restored periods.
        ("Southern Rhodesia", "1975", {"unscr-232-op2d"}),  # RHO, an ISO 3166-3 state
        ("South Africa", "1990", {"unscr-418-arms"}),
        ("South Africa", "1995", set()),  # terminated on 25 May 1994
        ("UNITA", "1998", {"unscr-864-arms"}),  # the group, not Angola
        ("Angola", "1998", set()),
        ("Côte d'Ivoire", "2010", {"unscr-1572-arms"}),
        ("Côte d'Ivoire", "2017", set()),  # terminated on 28 April 2016
        ("Eritrea", "2000-09", {"unscr-1298-arms"}),  # the 2000-2001 embargo on both States
        ("Ethiopia", "2002", set()),  # expired after twelve months
        ("Libya", "1995", {"unscr-748-arms"}),
        ("Libya", "2001", set()),  # suspended from April 1999, lifted 2003
        ("Haiti", "1993-09", set()),  # suspended by 861, not yet restored by 873
        ("Haiti", "1994-01", {"unscr-841-arms"}),  # restored from 18 October 1993
        ("Haiti", "2024", set()),  # the 2023 ban is on non-state actors
        ("Taliban", "2001-06", {"unscr-1333-op5a"}),
        ("Taliban", "2005", {"unscr-1390-taliban-arms"}),
        ("Taliban", "2015", {"unscr-1988-arms"}),
        ("Afghanistan", "2001-06", set()),  # only the Taliban are matched
        ("Croatia", "1993", {"unscr-713-arms"}),  # a successor state (resolution 727)
        ("Croatia", "1997", set()),  # ended on 18 June 1996
        ("Yugoslavia", "1999", {"unscr-1160-arms"}),
        ("Iraq", "2003", {"unscr-661-arms"}),
        ("Iraq", "2010", set()),  # the Government is excepted from 8 June 2004 (1546 OP21)
        ("JEM", "2010", {"unscr-1591-arms"}),  # a party to the N'djamena agreement
        ("Sudan", "2010", set()),  # the Government, outside Darfur, is not a target
    ],
)
def test_targets_by_reach(data: Dataset, recipient: str, start: str, expected: set[str]) -> None:
    assert _breached(data, "China", recipient, start, start) == expected


def test_a_transfer_after_a_termination_is_not_in_force_with_the_reason(data: Dataset) -> None:
    lapses = _lapses(data, "South Africa", "1995")
    assert "was not in force at that time" in lapses["unscr-418-arms"]
    assert "until 1994-05-24 (ended by S/RES/919 (1994), 25 May 1994)" in lapses["unscr-418-arms"]
    rhodesia = _lapses(data, "Southern Rhodesia", "1980-01")
    assert "until 1979-12-20" in rhodesia["unscr-232-op2d"]


def test_a_suspended_embargo_names_both_periods(data: Dataset) -> None:
    explanation = _lapses(data, "Haiti", "1993-09")["unscr-841-arms"]
    assert "from 1993-06-23 until 1993-08-26" in explanation
    assert "from 1993-10-18 until 1994-10-15" in explanation
    assert "suspension by S/RES/861 (1993)" in explanation
    assert "unscr-748-arms" in _lapses(data, "Libya", "2001")


def test_scopeless_provisions_say_why(data: Dataset) -> None:
    # Each provision the reasoner does not apply explains itself in its note.
    embargo_files = {p.stem for p in EMBARGOES.glob("*.yaml")}
    assert "southern-africa" in embargo_files
    for provision in data.provisions.values():
        if provision.scope is None and provision.resolution not in DPRK_RESOLUTIONS:
            assert provision.note and "scope" in provision.note, provision.id
