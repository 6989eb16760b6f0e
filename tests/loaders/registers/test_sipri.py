"""`armsgraph import sipri` on both stores, with the hand-written fixtures of both SIPRI
layouts (tests/fixtures/registers: test fixtures, not real records).

Done when: a fixture with `?` flags, second-hand status, a non-state recipient and
multi-year deliveries loads; /paths between its states answers with claims that cite the
register row; the uncertainty and the status show in the answer and in the RDF.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from armsgraph.api.app import create_app
from armsgraph.core.dataset import Dataset
from armsgraph.core.errors import DataError
from armsgraph.core.model import Category, Claim, QuoteKind, SupplyStatus
from armsgraph.core.settings import Settings
from armsgraph.core.store import PathQuery, Store
from armsgraph.loaders.ingest import BUNDLED_DATA, ingest
from armsgraph.loaders.registers.importer import ImportResult, import_register
from armsgraph.loaders.registers.sipri import SipriFormat
from armsgraph.ontology.rdf_store import RdfStore
from tests.support.stores import BACKENDS, backend_params, loaded_store

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "registers"
CURRENT = FIXTURES / "sipri-trade-register.csv"
OLDER = FIXTURES / "sipri-trade-register-old.csv"


@pytest.fixture(scope="module", params=backend_params(BACKENDS))
def imported(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Store, ImportResult, ImportResult]]:
    with loaded_store(request.param, Dataset(), tmp_path_factory.mktemp("sipri")) as store:
        ingest([BUNDLED_DATA], store)
        current = import_register(SipriFormat(), CURRENT, store, name=CURRENT.name)
        older = import_register(SipriFormat(), OLDER, store, name=OLDER.name)
        yield store, current, older


def _claims_on(store: Store, supplier: str, recipient: str) -> list[Claim]:
    """The register claims on the direct edge (the bundled data has claims of its own)."""
    events = [e for p in store.find_paths(PathQuery(supplier, recipient, max_hops=1)) for e in p]
    claims = {c for e in store.get_events(events) for c in e.claims}
    return [c for c in store.get_claims(sorted(claims)) if c.quote_kind is QuoteKind.RECORD]


def test_the_current_layout_loads_one_claim_per_delivered_row(
    imported: tuple[Store, ImportResult, ImportResult],
) -> None:
    _, current, _ = imported
    assert (current.rows, current.claims, current.skipped) == (5, 4, [])  # one open order
    assert current.source.date == "2026-03-14" and current.source.publisher == "SIPRI"
    assert current.source.url == "https://armstransfers.sipri.org/"


def test_a_path_cites_the_register_row_with_uncertainty_and_status(
    imported: tuple[Store, ImportResult, ImportResult],
) -> None:
    store = imported[0]
    [claim] = _claims_on(store, "BRA", "AGO")
    assert claim.quote_kind is QuoteKind.RECORD and claim.asserted_by == "SIPRI"
    assert claim.locator == "sipri-trade-register.csv:8"
    record = claim.record
    assert record is not None and record.line == 8 and record.status is SupplyStatus.SECOND_HAND
    assert record.order_year == 2016 and record.order_year_uncertain
    assert record.ordered is not None and record.ordered.uncertain and record.ordered.value == 6
    assert record.delivered is not None and record.delivered.uncertain
    assert [(d.year, d.uncertain) for d in record.deliveries] == [(2017, False), (2018, False)]
    assert (record.tiv_per_unit, record.tiv_total_order, record.tiv_delivered) == (1.5, 9, 9)
    assert record.comments == "Test row: second hand, refurbished before delivery"
    assert [c.header for c in record.cells][:4] == ["Recipient", "Supplier", "Year of order", " "]
    assert claim.confidence.value == "low"  # SIPRI flags figures of the row as uncertain
    shipment = claim.shipment
    assert shipment is not None and shipment.period is not None
    assert (shipment.period.start, shipment.period.end) == ("2017", "2018")
    item = shipment.items[0]
    assert item.quantity is not None and item.quantity.uncertain


def test_non_state_unknown_and_register_spellings_resolve(
    imported: tuple[Store, ImportResult, ImportResult],
) -> None:
    store = imported[0]
    [to_au] = _claims_on(store, "BRA", "african-union")
    assert to_au.record is not None and to_au.record.cells[0].value == "African Union**"
    assert to_au.record.status is SupplyStatus.NEW and not to_au.record.uncertain
    assert to_au.confidence.value == "medium"
    [to_prk] = _claims_on(store, "RUS", "PRK")  # "Korea, North"
    assert to_prk.record is not None and [c.value for c in to_prk.record.cells][-2:] == ["", ""]
    [weapon] = store.get_weapon_systems(["test-sam-c"])
    assert weapon.category is Category.MISSILES
    [unknown] = _claims_on(store, "unknown-supplier", "BRA")
    assert unknown.record is not None and unknown.record.tiv_per_unit is None


def test_the_older_layout_reads_latin1_and_brackets(
    imported: tuple[Store, ImportResult, ImportResult],
) -> None:
    store, current, older = imported
    assert (older.rows, older.claims) == (2, 2) and older.source.date == "2020-01-12"
    assert older.source.id != current.source.id  # another selection, another source
    [claim] = _claims_on(store, "FRA", "CIV")  # "Côte d'Ivoire" in Latin-1
    record = claim.record
    assert record is not None and record.cells[0].value == "Côte d'Ivoire"
    assert record.order_year == 2010 and record.order_year_uncertain
    assert record.delivered is not None and record.delivered.uncertain
    assert [(d.year, d.uncertain) for d in record.deliveries] == [(2011, False), (2012, True)]
    [peru] = _claims_on(store, "ESP", "PER")
    assert peru.record is not None and peru.record.comments == "Test row; Latin-1 text: Señal, año"


def test_importing_again_changes_nothing(
    imported: tuple[Store, ImportResult, ImportResult],
) -> None:
    store = imported[0]
    before = store.counts()
    again = import_register(SipriFormat(), CURRENT, store, name=CURRENT.name)
    assert again.load is not None and not again.load.report.changed
    assert store.counts() == before


def test_the_rdf_has_the_record_its_uncertainty_and_status(tmp_path: Path) -> None:
    with loaded_store("embedded", Dataset(), tmp_path) as store:
        ingest([BUNDLED_DATA], store)
        import_register(SipriFormat(), CURRENT, store, name=CURRENT.name)
        assert isinstance(store, RdfStore)
        query = """
            SELECT ?line ?status ?uncertain ?file WHERE {
              ?claim ag:quoteKind "record" ; ag:record ?r .
              ?r ag:line ?line ; ag:file ?file ; ag:supplyStatus ?status ;
                 ag:delivered ?d ; ag:cells ?cells .
              ?d ag:uncertain ?uncertain .
            } ORDER BY ?line"""
        body, _ = store.sparql(query, "application/sparql-results+json", 10)
    rows = json.loads(body)["results"]["bindings"]
    assert [(r["line"]["value"], r["status"]["value"], r["uncertain"]["value"]) for r in rows] == [
        ("8", "second_hand", "true"),
        ("10", "new", "true"),
    ]
    assert rows[0]["file"]["value"] == "sipri-trade-register.csv"


@pytest.mark.parametrize("kind", backend_params(BACKENDS))
def test_paths_answer_shows_the_record(kind: str, tmp_path: Path) -> None:
    with loaded_store(kind, Dataset(), tmp_path) as store:
        ingest([BUNDLED_DATA], store)
        import_register(SipriFormat(), CURRENT, store, name=CURRENT.name)
        settings = Settings(store=kind, query_timeout_s=5)
        with TestClient(create_app(settings, store=store)) as client:
            response = client.get("/paths", params={"from": "Brazil", "to": "Angola"})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    [hop] = [p["hops"][0] for p in body["paths"]]
    [claim] = [body["claims"][c] for c in hop["claims"]]
    assert claim["quote_kind"] == "record" and claim["locator"] == "sipri-trade-register.csv:8"
    record = claim["record"]
    assert record["status"] == "second_hand" and record["line"] == 8
    assert record["delivered"]["uncertain"] is True and record["order_year_uncertain"] is True
    assert hop["items"][0]["quantity"]["uncertain"] is True
    assert "(uncertain)" in hop["items"][0]["quantity_text"]
    assert body["sources"][claim["source"]]["publisher"] == "SIPRI"


HEADER = (
    "Recipient,Supplier,Year of order, ,Number ordered, ,Weapon designation,Weapon description,"
    "Deliveries in the Year Range, ,Year(s) of delivery,status,Comments,SIPRI TIV per unit,"
    "SIPRI TIV for total order,SIPRI TIV of delivered weapons"
)
PREAMBLE = [
    "Transfers of major conventional arms (TEST FIXTURE, bad rows) from All to All",
    "Data generated: 2 Feb 2026 9:00:00 AM",
]


def _register(path: Path, rows: list[str]) -> Path:
    path.write_bytes(("\r\n".join([*PREAMBLE, HEADER, *rows]) + "\r\n").encode())
    return path


def test_bad_rows_name_file_line_column_and_field(tmp_path: Path) -> None:
    path = _register(
        tmp_path / "bad.csv",
        [
            "Angola,Brazil,2016,,6,,Test-Heli A,helicopter,6,,2017,Used,,1,6,6",
            "Angola,Brazil,20x6,,6,,Test-Heli A,helicopter,6,,2017,New,,1,6,6",
            "Angola,Brazil,2016,,6,,Test-Heli A,helicopter,6,,2017 and 2018,New,,1,6,6",
            "Atlantis,Brazil,2016,,6,,Test-Heli A,helicopter,6,,2017,New,,1,6,six",
            "Angola,Narnia,2016,,6,,Test-Heli A,helicopter,6,,2017,New,,1,6,6",
            "Angola,Brazil,2016,,6,,Test-Heli A,helicopter,6,!,2017,New,,1,6,6",
        ],
    )
    store = RdfStore(None)
    ingest([BUNDLED_DATA], store)
    before = store.counts()
    with pytest.raises(DataError) as caught:
        import_register(SipriFormat(), path, store, name="bad.csv")
    assert store.counts() == before
    shown = [str(p) for p in caught.value.problems]
    assert shown[:4] == [
        "bad.csv:4:12: record.status: expected New or Second hand, got 'Used'",
        "bad.csv:5:3: record.order_year: expected a year, got '20x6'",
        "bad.csv:6:11: record.deliveries: expected years separated by ';', got '2017 and 2018'",
        "bad.csv:7:16: record.tiv_delivered: expected a number: 'six'",
    ]
    assert shown[4].startswith("bad.csv:8:2: shipment.supplier: unknown state 'Narnia'")
    assert shown[5] == "bad.csv:9:10: record.delivered.uncertain: expected '?' or nothing, got '!'"


def test_a_file_that_is_not_a_register_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("Recipient,Supplier,Weapon designation\nAngola,Brazil,X\n", encoding="utf-8")
    with pytest.raises(DataError, match="not a SIPRI trade register: no column 'Year of order'"):
        SipriFormat().open(path, "other.csv")


def test_the_command_skips_bad_rows_into_a_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from armsgraph.api.cli import app

    monkeypatch.setenv("ARMSGRAPH_DATA_DIR", str(tmp_path / "state"))
    monkeypatch.chdir(tmp_path)
    path = _register(
        tmp_path / "mixed.csv",
        [
            "Angola,Brazil,2016,,6,,Test-Heli A,helicopter,6,?,2017; 2018,Second hand,,1,6,6",
            "Angola,Brazil,2016,,6,,Test-Heli A,helicopter,6,,2017,Used,,1,6,6",
        ],
    )
    runner = CliRunner()
    refused = runner.invoke(app, ["import", "sipri", str(path)])
    assert refused.exit_code == 1
    assert "mixed.csv:5:12: record.status: expected New or Second hand" in refused.output
    assert "nothing was loaded" in refused.output
    skipped = runner.invoke(app, ["import", "sipri", str(path), "--skip-bad-rows"])
    assert skipped.exit_code == 0, skipped.output
    assert "imported 1 claims from 2 rows" in skipped.output
    with (tmp_path / "mixed.csv.skipped.csv").open(encoding="utf-8", newline="") as report:
        rows = list(csv.reader(report))
    assert rows[1][1:] == ["5", "12", "record.status", "expected New or Second hand, got 'Used'"]
    again = runner.invoke(app, ["import", "sipri", str(path), "--skip-bad-rows"])
    assert "claims: 0 added, 0 changed, 0 retracted" in again.output
