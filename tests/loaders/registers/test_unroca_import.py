"""`armsgraph import unroca` on both stores, with the hand-written fixtures of
``tests/fixtures/registers/unroca`` (test fixtures, not real reports to the Register).

Norway's exports report says 20 armoured vehicles went to Finland in 2023; Finland's imports
report says 18. Both are claims in one flow, by two asserting States, over real HTTP and in
the RDF.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import httpx
import pytest
from openpyxl import Workbook
from pydantic import SecretStr

from armsgraph.api.app import create_app
from armsgraph.core.change import versioned
from armsgraph.core.errors import DataError
from armsgraph.core.model import Claim
from armsgraph.core.replace import remove_sources
from armsgraph.core.settings import Settings
from armsgraph.core.store import EventFilter, Store
from armsgraph.loaders.registers.importer import ImportOptions, ImportResult, import_register
from armsgraph.loaders.registers.unroca import UnrocaFormat
from tests.live import serving
from tests.support.datasets import API_KEY
from tests.support.stores import bundled_store, bundled_stores

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "registers" / "unroca"
FLOW = "unroca-2023-ii-nor-fin"


def _import(store: Store, name: str, **options: object) -> ImportResult:
    fmt = UnrocaFormat(**options)  # type: ignore[arg-type]
    return import_register(fmt, FIXTURES / name, store, name=name)


filled = bundled_stores()


@pytest.fixture
def store(filled: Store) -> Store:
    """The bundled data, without the reports an earlier test imported."""
    imported = [s.id for s in filled.get_sources() if s.id.startswith("unroca-")]
    if imported:
        remove_sources(versioned(filled), imported)
    return filled


def _claims_of(store: Store, source: str) -> list[Claim]:
    events = store.get_events(store.find_events(EventFilter(limit=10_000)))
    claims = store.get_claims(sorted({c for e in events for c in e.claims}))
    return [c for c in claims if c.source == source]


def _flow_figures(store: Store) -> dict[str, float | None]:
    """Asserting State -> the number it reported, for every claim in the fixture's flow."""
    events = store.get_events(store.find_events(EventFilter(limit=10_000)))
    claims = store.get_claims(
        sorted({c for e in events if e.statement.flow == FLOW for c in e.claims})
    )
    out = {}
    for claim in claims:
        assert claim.shipment is not None and claim.shipment.items[0].quantity is not None
        out[claim.asserted_by] = claim.shipment.items[0].quantity.value
    return out


def test_exporter_and_importer_figures_stand_side_by_side_over_http(store: Store) -> None:
    norway = _import(store, "norway-2023.csv")
    finland = _import(store, "finland-2023.csv")
    # the page with both tables is Norway's whole report; Finland's file holds one table
    assert (norway.source.id, finland.source.id) == ("unroca-nor-2023", "unroca-fin-2023-imports")
    assert (norway.rows, norway.claims, finland.claims) == (4, 3, 1)
    kind = "neo4j" if store.supports_cypher else "embedded"
    settings = Settings(store=kind, api_key=SecretStr(API_KEY), query_timeout_s=60)
    with serving(create_app(settings, store=store)) as base, httpx.Client(timeout=120) as http:
        path = {"from": "Norway", "to": "Finland", "max_hops": 1}
        answer = http.get(f"{base}/paths", params=path).json()
        pair = {"supplier": "Norway", "recipient": "Finland"}
        transfers = http.get(f"{base}/transfers", params=pair)
    hops = [h for p in answer["paths"] for h in p["hops"] if h["flow"] == FLOW]
    figures = {
        answer["claims"][c]["asserted_by"]: h["items"][0]["quantity"]["value"]
        for h in hops
        for c in h["claims"]
    }
    assert figures == {"Norway": 20, "Finland": 18}
    cited = {answer["claims"][c]["source"] for h in hops for c in h["claims"]}
    assert cited == {"unroca-nor-2023", "unroca-fin-2023-imports"}
    claim = next(answer["claims"][c] for h in hops for c in h["claims"])
    assert claim["quote_kind"] == "record"
    assert claim["record"]["register_name"] == "UN Register of Conventional Arms"
    assert transfers.status_code == 200
    assert {t["flow"] for t in transfers.json()["transfers"]} >= {FLOW}


def test_both_figures_are_in_the_rdf(tmp_path: Path) -> None:
    with bundled_store("embedded", tmp_path) as store:
        _import(store, "norway-2023.csv")
        _import(store, "finland-2023.csv")
        query = f"""
            PREFIX ag: <https://w3id.org/armsgraph/ontology#>
            SELECT ?file ?value WHERE {{
              ?claim ag:statement ?statement ; ag:record ?record .
              ?record ag:file ?file .
              ?statement ag:flow "{FLOW}" ; (!<urn:none>)+ ?quantity .
              ?quantity a ag:Quantity ; ag:value ?value .
            }}"""
        body, _ = store.sparql(query, "application/sparql-results+json", 10)  # type: ignore[attr-defined]
    rows = json.loads(body)["results"]["bindings"]
    found = {(r["file"]["value"], float(r["value"]["value"])) for r in rows}
    assert found == {("norway-2023.csv", 20.0), ("finland-2023.csv", 18.0)}


def test_importing_twice_changes_nothing_and_a_revision_replaces(store: Store) -> None:
    _import(store, "norway-2023.csv")
    _import(store, "finland-2023.csv")
    before = store.counts()
    again = _import(store, "norway-2023.csv")
    assert again.load is not None and not again.load.report.changed
    assert store.counts() == before
    revised = _import(store, "norway-2023-revised.csv")
    assert revised.source.id == "unroca-nor-2023"
    assert _flow_figures(store) == {"Norway": 22, "Finland": 18}
    assert store.counts()["claims"] == before["claims"] - 1  # the howitzers are gone
    kept = [s for s in store.get_sources() if s.id.startswith("unroca-nor")]
    assert [s.id for s in kept] == ["unroca-nor-2023"]


def test_bad_rows_load_nothing_and_are_located(store: Store) -> None:
    before = store.counts()
    with pytest.raises(DataError) as caught:
        _import(store, "bad-rows.csv")
    assert [str(p) for p in caught.value.problems] == [
        "bad-rows.csv:5:1: shipment.items.0.category: "
        "expected a UN Register category I to VII, got 'VIII'",
        "bad-rows.csv:6:3: shipment.items.0.quantity: "
        "expected a whole number of items, got 'twelve'",
        "bad-rows.csv:7:2: shipment.recipient: unknown state 'Atlantis'"
        + caught.value.problems[2].message.removeprefix("unknown state 'Atlantis'"),
    ]
    assert store.counts() == before


def test_skip_bad_rows_loads_the_good_ones(store: Store) -> None:
    options = ImportOptions(skip_bad_rows=True)
    result = import_register(UnrocaFormat(), FIXTURES / "bad-rows.csv", store, options)
    assert result.claims == 1 and [p.line for p in result.skipped] == [5, 6, 7]


def test_a_table_without_the_heading_needs_state_and_year(store: Store) -> None:
    with pytest.raises(DataError, match="no heading 'UNROCA original report'"):
        _import(store, "headless-imports.tsv")
    result = _import(store, "headless-imports.tsv", state="Finland", year=2023)
    assert result.source.id == "unroca-fin-2023-imports" and result.claims == 1
    [claim] = _claims_of(store, "unroca-fin-2023-imports")
    assert claim.shipment is not None
    assert (claim.shipment.supplier, claim.shipment.recipient) == ("DEU", "FIN")
    assert claim.asserted_by == "Finland" and claim.shipment.items[0].weapon == "fixture-tank"


def test_options_that_contradict_the_heading_are_errors(store: Store) -> None:
    with pytest.raises(DataError, match="the heading says 'Norway', --state says 'Finland'"):
        _import(store, "norway-2023.csv", state="Finland")


def test_the_report_saved_as_xlsx_reads_the_same(store: Store, tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    with (FIXTURES / "norway-2023.csv").open(newline="", encoding="utf-8") as f:
        for cells in csv.reader(f):
            sheet.append([int(c) if c.isdigit() else (c or None) for c in cells])
    workbook.save(tmp_path / "norway-2023.xlsx")
    result = import_register(UnrocaFormat(), tmp_path / "norway-2023.xlsx", store)
    assert (result.source.id, result.claims) == ("unroca-nor-2023", 3)
    from_xlsx = {c.locator: c.shipment for c in _claims_of(store, "unroca-nor-2023")}
    _import(store, "norway-2023.csv")
    assert {c.locator: c.shipment for c in _claims_of(store, "unroca-nor-2023")} == from_xlsx
