"""Bad input is rejected with the exact file, line, column and field; nothing half-loaded."""

from __future__ import annotations

from pathlib import Path

import pytest

from armsgraph.core.errors import DataError
from armsgraph.core.model import Category
from tests.support.datasets import BAD, REFERENCE, dataset_with, load_fixture, problems_of

# file -> (line, column, field, message fragment) of the expected problem
EXPECTED = {
    "broken_yaml.yaml": (4, 7, "", "broken YAML"),
    "unknown_state.yaml": (
        8,
        7,
        "claims[0].shipment.supplier",
        "unknown state 'Noord-Koreaa'; did you mean 'Noord-Korea'",
    ),
    "unknown_weapon.yaml": (
        10,
        16,
        "claims[0].shipment.items[0].weapon",
        "unknown weapon system 'ballistic missle'; did you mean",
    ),
    "impossible_date.yaml": (6, 5, "claims[0].reported", "'2024-13-01' has no month 13"),
    "negative_quantity.yaml": (
        12,
        22,
        "claims[0].shipment.items[0].quantity.value",
        "greater than or equal to 0",
    ),
    "inverted_bounds.yaml": (
        12,
        11,
        "claims[0].shipment.items[0].quantity",
        "low (900) is greater than high (100)",
    ),
    "historical_state_outside_validity.yaml": (
        8,
        7,
        "claims[0].shipment.supplier",
        "(SUN) existed until 1992-08-30 (the withdrawal of its ISO 3166-1 code",
    ),
    "ambiguous_state.yaml": (
        9,
        7,
        "claims[0].shipment.recipient",
        "ambiguous state 'Congo': it may mean COG (Congo), COD",
    ),
    "category_conflict.yaml": (
        10,
        16,
        "claims[0].shipment.items[0].weapon",
        "is of category ammunition in the reference data, not I_battle_tanks",
    ),
    "grade_without_basis.yaml": (
        6,
        5,
        "claims[0].reliability",
        "a grade needs grade_basis: who graded it, on what basis",
    ),
    "unknown_grade.yaml": (7, 5, "claims[0].credibility", "Input should be 1, 2, 3, 4, 5 or 6"),
    "duplicate_key.yaml": (
        9,
        5,
        "claims[1].key",
        "duplicate claim key 'dup.one' with different content",
    ),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_bad_file_is_rejected_at_the_exact_spot(name: str) -> None:
    problems = problems_of(BAD / name)
    line, column, field, message = EXPECTED[name]
    assert len(problems) == 1, problems
    problem = problems[0]
    assert problem.file.endswith(name)
    assert (problem.line, problem.column, problem.field) == (line, column, field)
    assert message in problem.message
    assert str(problem).startswith(f"{problem.file}:{line}:{column}: ")


def test_bad_corpus_covers_every_failure_kind() -> None:
    assert sorted(p.name for p in BAD.glob("*.yaml")) == sorted(EXPECTED)


def test_all_problems_reported_in_one_run() -> None:
    with pytest.raises(DataError) as info:
        load_fixture(BAD)
    files = {Path(p.file).name for p in info.value.problems}
    assert files == set(EXPECTED)


def test_a_bad_file_among_good_ones_loads_nothing(tmp_path: Path) -> None:
    from tests.support.datasets import FIXTURES

    with pytest.raises(DataError):
        load_fixture(FIXTURES / "good", BAD / "negative_quantity.yaml")


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="no such file or folder"):
        load_fixture(tmp_path / "nope.yaml")


def test_reference_problems_are_located(tmp_path: Path) -> None:
    bad_ref = tmp_path / "ref.yaml"
    bad_ref.write_text(REFERENCE.read_text().replace('numeric: "408"', 'numeric: "48"'))
    with pytest.raises(DataError) as info:
        from armsgraph.loaders.ingest import read_dataset

        read_dataset([bad_ref], with_bundled_reference=False)
    [problem] = info.value.problems
    assert problem.field == "states[0].numeric" and problem.line == 3


def _shipment_of(items: list[dict[str, object]], supplier: str = "Pyongyang") -> dict[str, object]:
    return {
        "shipment": {"supplier": supplier, "recipient": "Moscow", "items": items,
                     "period": {"start": "2024-03"}}
    }  # fmt: skip


def test_an_unlisted_designation_with_a_category_becomes_a_weapon_system() -> None:
    dataset = dataset_with(
        [_shipment_of([{"weapon": "Shahed-136", "category": "VII_missiles_and_launchers"}])]
    )
    weapon = dataset.weapon_systems["shahed-136"]
    assert (weapon.name, weapon.category) == ("Shahed-136", Category.MISSILES)
    (claim,) = dataset.claims.values()
    assert claim.shipment is not None and claim.shipment.items[0].weapon == "shahed-136"
    assert claim.shipment.items[0].category is None  # it lives on the weapon system
    # and the reasoner treats it as any category VII system: the DPRK ban on exports applies
    assert any(b.provision == "unscr-1718-op8b" for b in dataset.breaches.values())


def test_naming_a_listed_weapon_with_its_own_category_changes_nothing() -> None:
    plain = dataset_with([_shipment_of([{"weapon": "munitions"}])])
    told = dataset_with([_shipment_of([{"weapon": "munitions", "category": "ammunition"}])])
    assert list(plain.claims) == list(told.claims)


def test_an_unlisted_designation_without_a_category_is_rejected() -> None:
    with pytest.raises(ValueError, match=r"unknown weapon system 'T-72B3'.*give the category"):
        dataset_with([_shipment_of([{"weapon": "T-72B3"}])])
