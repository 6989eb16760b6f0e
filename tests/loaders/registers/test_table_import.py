"""`armsgraph import table FILE --mapping MAP.yaml`: the README's worked example
(``docs/examples``, a made-up table), as CSV and as XLSX, bad mappings and bad rows located,
importing twice, a revised table, and the command line.
"""

from __future__ import annotations

import csv
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import Workbook
from typer.testing import CliRunner

from armsgraph.api.cli import app
from armsgraph.core.change import versioned
from armsgraph.core.errors import DataError
from armsgraph.core.model import Category, Claim, QuoteKind
from armsgraph.core.replace import remove_sources
from armsgraph.core.store import EventFilter, Store
from armsgraph.loaders.registers.importer import ImportOptions, ImportResult, import_register
from armsgraph.loaders.registers.table import TableFormat
from armsgraph.loaders.registers.table_mapping import read_mapping
from tests.support.stores import bundled_store

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "docs" / "examples" / "ngo-table.csv"
MAPPING = ROOT / "docs" / "examples" / "ngo-table.mapping.yaml"
FIXTURES = ROOT / "tests" / "fixtures" / "registers" / "table"
SOURCE = "example-ngo-table-2025"


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with bundled_store("embedded", tmp_path_factory.mktemp("table")) as s:
        yield s


@pytest.fixture
def store(filled: Store) -> Store:
    if any(s.id == SOURCE for s in filled.get_sources()):
        remove_sources(versioned(filled), [SOURCE])
    return filled


def _import(store: Store, table: Path, mapping: Path = MAPPING, **options: bool) -> ImportResult:
    fmt = TableFormat(read_mapping(mapping, mapping.name))
    return import_register(fmt, table, store, ImportOptions(**options), name=table.name)


def _claims(store: Store) -> dict[str, Claim]:
    events = store.get_events(store.find_events(EventFilter(limit=10_000)))
    claims = store.get_claims(sorted({c for e in events for c in e.claims}))
    return {c.locator or "": c for c in claims if c.source == SOURCE}


def test_the_worked_example_loads(store: Store) -> None:
    result = _import(store, EXAMPLE)
    assert (result.source.id, result.rows, result.claims) == (SOURCE, 3, 3)
    claims = _claims(store)
    assert sorted(claims) == ["C-001", "C-002", "C-003"]
    first = claims["C-001"]
    assert first.shipment is not None and first.record is not None
    assert (first.shipment.supplier, first.shipment.recipient) == ("PRT", "GHA")
    item = first.shipment.items[0]
    assert item.quantity is not None and (item.quantity.value, item.quantity.text) == (
        1200,
        "1,200",
    )
    assert first.shipment.period is not None and first.shipment.period.start == "2025-01-14"
    assert first.note == "Seen at the port, in crates"  # a quoted comma
    assert first.quote_kind is QuoteKind.RECORD and first.record.line == 4
    assert first.record.register_name == "Example NGO transfer table"
    [tank] = store.get_weapon_systems([claims["C-003"].shipment.items[0].weapon])  # type: ignore[union-attr]
    assert tank.category is Category.BATTLE_TANKS  # through the mapping's value map


def test_the_same_table_as_xlsx_states_the_same(store: Store, tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    with EXAMPLE.open(newline="", encoding="utf-8") as f:
        for cells in csv.reader(f):
            sheet.append([int(c) if c.isdigit() else (c or None) for c in cells])
    path = tmp_path / "ngo-table.xlsx"
    workbook.save(path)
    from_csv = {k: c.shipment for k, c in (_import(store, EXAMPLE) and _claims(store)).items()}
    result = _import(store, path)
    assert result.claims == 3
    assert {k: c.shipment for k, c in _claims(store).items()} == from_csv


def test_a_bad_mapping_is_located_in_the_mapping_file() -> None:
    with pytest.raises(DataError) as caught:
        read_mapping(FIXTURES / "bad.mapping.yaml", "bad.mapping.yaml")
    assert sorted(str(p) for p in caught.value.problems) == [
        "bad.mapping.yaml:10:3: claim.supplier: give either a column or a fixed value",
        "bad.mapping.yaml:13:3: claim.colour: Extra inputs are not permitted",
        "bad.mapping.yaml:14:25: claim.start.format: a date format needs the year (%Y or %y)",
        "bad.mapping.yaml:9:1: claim.asserted_by: Field required",
    ]


def test_a_column_the_table_lacks_is_located_in_the_mapping(store: Store) -> None:
    with pytest.raises(DataError) as caught:
        _import(store, EXAMPLE, FIXTURES / "unknown-column.mapping.yaml")
    [problem] = caught.value.problems
    assert str(problem).startswith(
        "unknown-column.mapping.yaml:14:14: claim.category.column: "
        "ngo-table.csv has no column 'Kind' (line 3 has 'Case', 'Date seen'"
    )


def test_bad_rows_are_located_and_load_nothing(store: Store) -> None:
    before = store.counts()
    with pytest.raises(DataError) as caught:
        _import(store, FIXTURES / "bad-rows.csv")
    located = [(p.line, p.column, p.field) for p in caught.value.problems]
    assert located == [
        (4, 2, "shipment.period.start"),
        (5, 7, "shipment.items.0.quantity.value"),
        (6, 3, "shipment.supplier"),
        (7, 5, "shipment.items.0.weapon"),
    ]
    assert "'31/02/2025' does not match the date format '%d/%m/%Y'" in str(caught.value)
    assert store.counts() == before
    skipping = _import(store, FIXTURES / "bad-rows.csv", skip_bad_rows=True)
    assert skipping.claims == 1 and len(skipping.skipped) == 4


def test_twice_changes_nothing_and_a_revised_table_replaces(store: Store, tmp_path: Path) -> None:
    _import(store, EXAMPLE)
    before = store.counts()
    again = _import(store, EXAMPLE)
    assert again.load is not None and not again.load.report.changed
    assert store.counts() == before
    revised = tmp_path / "ngo-table.csv"
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    lines = [line.replace(",500,", ",550,") for line in lines if not line.startswith("C-003")]
    revised.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    _import(store, revised)
    claims = _claims(store)
    assert sorted(claims) == ["C-001", "C-002"]
    shells = claims["C-002"].shipment
    assert shells is not None and shells.items[0].quantity is not None
    assert shells.items[0].quantity.value == 550


def test_the_command_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARMSGRAPH_DATA_DIR", str(tmp_path / "store"))
    monkeypatch.chdir(tmp_path)
    shutil.copy(FIXTURES / "bad-rows.csv", tmp_path / "bad-rows.csv")
    runner = CliRunner()
    args = ["import", "table", "bad-rows.csv", "--mapping", str(MAPPING)]
    refused = runner.invoke(app, args)
    assert refused.exit_code == 1
    assert "bad-rows.csv:4:2: shipment.period.start:" in refused.stderr
    skipped = runner.invoke(app, [*args, "--skip-bad-rows", "--report", "skipped.csv"])
    assert skipped.exit_code == 0, skipped.stderr
    with (tmp_path / "skipped.csv").open(newline="", encoding="utf-8") as f:
        report = list(csv.DictReader(f))
    assert [(r["line"], r["column"]) for r in report] == [
        ("4", "2"),
        ("5", "7"),
        ("6", "3"),
        ("7", "5"),
    ]
    assert "imported 1 claims from 5 rows" in skipped.stderr
