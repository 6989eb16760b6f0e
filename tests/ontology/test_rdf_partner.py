"""Partner check: the export, loaded into an independent Oxigraph server, answers the
partner-facing queries in ontology/queries/ with what RdfStore answers.

The fixture exports the real data set (N-Quads and TriG), loads it with the ``oxigraph``
command line tool into a fresh directory, starts ``oxigraph serve-read-only`` on a free
port (tests/partners/partner_engines.py), and stops it afterwards. Queries go over HTTP.
"""

from __future__ import annotations

import subprocess
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest

from armsgraph.core.dataset import Dataset
from armsgraph.core.model import EventKind, ShipmentStatement
from armsgraph.core.store import PathQuery
from armsgraph.ontology.rdf_store import RdfStore
from tests.partners.partner_engines import (
    Engine,
    grades_of,
    oxigraph_cli,
    oxigraph_read_only,
    rows_of,
)

QUERIES = Path(__file__).resolve().parents[2] / "ontology" / "queries"
JSON = "application/sparql-results+json"  # the embedded store answers the same format
Row = dict[str, str]


@pytest.fixture(scope="module", params=["nq", "trig"])
def partner(
    request: pytest.FixtureRequest, real_store: RdfStore, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    fmt: str = request.param
    tmp = tmp_path_factory.mktemp(f"partner-{fmt}")
    export = tmp / f"export.{fmt}"
    with export.open("wb") as out:
        real_store.export(out, fmt)
    cli, location = oxigraph_cli(), tmp / "db"
    subprocess.run(
        [cli, "load", "--location", str(location), "--file", str(export)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    with oxigraph_read_only(tmp, location) as engine:
        yield engine


def shipments_on_paths(store: RdfStore, source: str, target: str) -> set[str]:
    paths = store.find_paths(PathQuery(source, target, limit=100_000))
    events = store.get_events([p[0] for p in paths])
    return {e.id for e in events if e.kind is EventKind.SHIPMENT}


NUMBERS = ("value", "low", "high")


def _num(value: str | None) -> float | None:
    return None if value is None else float(value)


DIRECTIONS = [("shipments-prk-to-rus.rq", "PRK", "RUS"), ("shipments-rus-to-prk.rq", "RUS", "PRK")]


@pytest.mark.parametrize(("file", "source", "target"), DIRECTIONS)
def test_the_partner_finds_the_same_shipments(
    partner: Engine, real_store: RdfStore, file: str, source: str, target: str
) -> None:
    rows = partner.select((QUERIES / file).read_text())
    expected = shipments_on_paths(real_store, source, target)
    assert expected, "the real data should have shipments in this direction"
    assert {r["shipmentId"] for r in rows} == expected


@pytest.mark.parametrize(("file", "source", "target"), DIRECTIONS)
def test_items_claims_and_breaches_agree(
    partner: Engine,
    real_store: RdfStore,
    real_dataset: Dataset,
    file: str,
    source: str,
    target: str,
) -> None:
    rows = partner.select((QUERIES / file).read_text())
    by_shipment: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        by_shipment[row["shipmentId"]].append(row)
        assert row["quote"] and row["sourceTitle"] and row["publisher"] and row["confidence"]
        claim = real_dataset.claims[row["claimId"]]
        assert grades_of(row) == (claim.reliability, claim.credibility, claim.grade_basis)
    for event in real_store.get_events(sorted(by_shipment)):
        got = by_shipment[event.id]
        assert isinstance(event.statement, ShipmentStatement)
        assert {r["claimId"] for r in got} == set(event.claims)
        items = {
            (r["category"], r.get("unit"), r.get("qualifier"), *(_num(r.get(k)) for k in NUMBERS))
            for r in got
        }
        expected_items = set()
        for item in event.statement.items:
            category = real_dataset.weapon_systems[item.weapon].category.value
            q = item.quantity
            if q is None:
                expected_items.add((category, None, None, None, None, None))
            else:
                values = (q.value, q.low, q.high)
                expected_items.add((category, q.unit, q.qualifier.value, *values))
        assert items == expected_items, event.id
        breaches = {b.id for b in real_dataset.breaches.values() if event.id in b.events}
        assert {r["breachId"] for r in got if "breachId" in r} == breaches


@pytest.mark.parametrize("file", [d[0] for d in DIRECTIONS])
def test_the_embedded_endpoint_gives_the_same_rows(
    partner: Engine, real_store: RdfStore, file: str
) -> None:
    query = (QUERIES / file).read_text()
    embedded, _ = real_store.sparql(query, JSON, 30)
    partner_rows = partner.select(query)
    assert partner_rows == rows_of(embedded)


def test_named_graphs_survive_the_trip(partner: Engine, real_dataset: Dataset) -> None:
    rows = partner.select("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert int(rows[0]["n"]) == len(real_dataset.sources) + 2
