"""The UN Register report layout: headers, the page heading, categories and numbers."""

from __future__ import annotations

import pytest

from armsgraph.core.model import Category
from armsgraph.loaders.registers.unroca_layout import (
    Direction,
    Role,
    flow_id,
    read_category,
    read_header,
    read_heading,
    read_number,
)

EXPORTS = [
    "Category (I-VII)",
    "Final importer state",
    "Number of items",
    "State of origin (if not exporter)",
    "Intermediate location(s) (if any)",
    "Description of items",
    "Comments on the transfer",
    "",
]


def test_the_partner_column_tells_exports_from_imports() -> None:
    exports = read_header(EXPORTS)
    assert exports is not None and exports.direction is Direction.EXPORTS
    assert exports.columns[Role.PARTNER] == 1 and exports.columns[Role.COMMENTS] == 6
    # the spelling public scrapers of unroca.org show: no space, capital I in Items
    imports = read_header(
        ["Category(I-VII)", "Exporter state", "Number of Items", "Description of Items"]
    )
    assert imports is not None and imports.direction is Direction.IMPORTS
    assert imports.columns[Role.DESCRIPTION] == 3


def test_data_rows_and_preamble_are_not_headers() -> None:
    assert read_header(["II", "Finland", "20", "", "", "Fixture vehicle", ""]) is None
    assert read_header(["UNROCA original report", "", ""]) is None


def test_a_header_without_the_number_is_an_error() -> None:
    with pytest.raises(ValueError, match="exports table's header lacks number"):
        read_header(["Category (I-VII)", "Final importer state", "Description of items"])


def test_the_heading_gives_state_and_year() -> None:
    lines = ["Test fixture", "UNROCA original report", "United States  2023"]
    assert read_heading(lines) == ("United States", 2023)
    assert read_heading(["Norway 2023"]) is None  # only under the page's heading


@pytest.mark.parametrize(
    ("text", "category", "numeral"),
    [
        ("I", Category.BATTLE_TANKS, "I"),
        ("iii", Category.LARGE_CALIBRE_ARTILLERY, "III"),
        ("VII a", Category.MISSILES, "VII"),
        ("VII(b)", Category.MISSILES, "VII"),
        ("IV. Combat aircraft", Category.COMBAT_AIRCRAFT, "IV"),
    ],
)
def test_categories(text: str, category: Category, numeral: str) -> None:
    assert read_category(text) == (category, numeral)


@pytest.mark.parametrize("text", ["VIII", "", "Iraq", "tanks"])
def test_other_categories_are_errors(text: str) -> None:
    with pytest.raises(ValueError, match="category I to VII"):
        read_category(text)


def test_numbers() -> None:
    assert read_number("1,200") == 1200
    assert read_number(" 12 ") == 12
    assert read_number("") is None
    with pytest.raises(ValueError, match="whole number"):
        read_number("twelve")


def test_both_reports_of_a_transfer_share_a_flow() -> None:
    assert flow_id(2023, "II", "NOR", "FIN") == "unroca-2023-ii-nor-fin"
