"""The register import framework on both stores: one source per file, all or nothing,
bad rows at file:line:column:field, idempotent, a revised export replaces the earlier one.

The files are written by the tests in ``tests.support.register_format``'s layout (a test
layout, not a real register).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from armsgraph.core.errors import DataError
from armsgraph.core.model import QuoteKind
from armsgraph.core.store import EventFilter, Store
from armsgraph.loaders.registers.importer import ImportOptions, import_register, write_skipped
from tests.support.register_format import TestRegister
from tests.support.stores import bundled_stores

HEADER = "Supplier,Recipient,Weapon,Category,Number,?,Year"


def _write(path: Path, selection: str, rows: list[str], generated: str = "2026-01-05") -> Path:
    lines = [f"# selection: {selection}", f"# generated: {generated}", "", HEADER, *rows]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode())
    return path


GOOD = [
    'Russia,Hezbollah,"Launcher, mobile",VII_missiles_and_launchers,4,?,2024,,',
    "North Korea,Russia,KN-23 / KN-24 (Hwasong-11 series) short-range ballistic missiles,,12,,2023",
]


store = bundled_stores()


def _source_claims(store: Store, source: str) -> list[str]:
    events = store.get_events(store.find_events(EventFilter(limit=10_000)))
    ids = sorted({c for e in events for c in e.claims})
    return sorted(c.id for c in store.get_claims(ids) if c.source == source)


def test_a_file_loads_as_one_source_with_its_rows_as_evidence(store: Store, tmp_path: Path) -> None:
    path = _write(tmp_path / "good.csv", "good", GOOD)
    result = import_register(TestRegister(), path, store, name="good.csv")
    assert (result.rows, result.claims, result.skipped) == (2, 2, [])
    assert result.source.id == "test-register-good"
    claims = store.get_claims(_source_claims(store, "test-register-good"))
    by_line = {c.record.line: c for c in claims if c.record}
    assert sorted(by_line) == [5, 6]
    first = by_line[5]
    assert first.quote_kind is QuoteKind.RECORD and first.locator == "good.csv:5"
    assert first.quote == 'Russia,Hezbollah,"Launcher, mobile",VII_missiles_and_launchers,4,?,2024'
    assert first.record is not None and first.record.delivered is not None
    assert first.record.delivered.uncertain
    cells = [(c.header, c.value) for c in first.record.cells]
    assert cells[2] == ("Weapon", "Launcher, mobile") and cells[-2:] == [("", ""), ("", "")]
    assert first.shipment is not None and first.shipment.recipient == "hezbollah"


def test_importing_the_same_file_again_changes_nothing(store: Store, tmp_path: Path) -> None:
    path = _write(tmp_path / "again.csv", "again", GOOD)
    assert import_register(TestRegister(), path, store).load.report.changed  # type: ignore[union-attr]
    before = store.counts()
    again = import_register(TestRegister(), path, store)
    assert again.load is not None and not again.load.report.changed
    assert store.counts() == before


def test_a_revised_export_replaces_the_earlier_one(store: Store, tmp_path: Path) -> None:
    first = _write(tmp_path / "v1.csv", "revised", GOOD)
    import_register(TestRegister(), first, store)
    old = _source_claims(store, "test-register-revised")
    revised = _write(
        tmp_path / "v2.csv", "revised", [GOOD[1].replace(",12,", ",14,")], generated="2026-06-01"
    )
    result = import_register(TestRegister(), revised, store)
    assert result.load is not None
    assert (
        result.load.report.totals()["retracted"] == 2 and result.load.report.totals()["added"] == 1
    )
    new = _source_claims(store, "test-register-revised")
    assert len(new) == 1 and not set(new) & set(old)
    [claim] = store.get_claims(new)
    assert claim.record is not None and claim.record.delivered is not None
    assert claim.record.delivered.value == 14 and claim.reported == "2026-06-01"
    assert [s.date for s in store.get_sources(["test-register-revised"])] == ["2026-06-01"]


BAD = [
    GOOD[0],
    "Narnia,Russia,KN-23 / KN-24 (Hwasong-11 series) short-range ballistic missiles,,3,,2023",
    "Russia,Hezbollah,Launcher,VII_missiles_and_launchers,many,,2024",
    "Russia,Hezbollah,Launcher,VII_missiles_and_launchers,2,!,2024",
]


def test_bad_rows_are_named_and_nothing_is_loaded(store: Store, tmp_path: Path) -> None:
    path = _write(tmp_path / "bad.csv", "bad", BAD)
    before = store.counts()
    with pytest.raises(DataError) as caught:
        import_register(TestRegister(), path, store, name="bad.csv")
    shown = [str(p) for p in caught.value.problems]
    assert shown[0].startswith("bad.csv:6:1: shipment.supplier: unknown state 'Narnia'")
    assert shown[1:] == [
        "bad.csv:7:5: record.delivered.value: not a number: 'many'",
        "bad.csv:8:6: record.delivered.uncertain: expected '?' or nothing: '!'",
    ]
    assert store.counts() == before and store.get_sources(["test-register-bad"]) == []


def test_skipped_rows_are_reported_and_the_rest_loads(store: Store, tmp_path: Path) -> None:
    path = _write(tmp_path / "skip.csv", "skip", BAD)
    options = ImportOptions(skip_bad_rows=True)
    result = import_register(TestRegister(), path, store, options, name="skip.csv")
    assert (result.rows, result.claims) == (4, 1)
    assert [(p.line, p.column) for p in result.skipped] == [(6, 1), (7, 5), (8, 6)]
    assert len(_source_claims(store, "test-register-skip")) == 1
    report = tmp_path / "skipped.csv"
    write_skipped(report, result.skipped)
    lines = report.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "file,line,column,field,message"
    assert lines[2] == "skip.csv,7,5,record.delivered.value,not a number: 'many'"


def test_a_file_without_the_header_is_refused(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    with pytest.raises(DataError, match="no header row found"):
        import_register(TestRegister(), path, store)
