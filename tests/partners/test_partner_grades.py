"""The partner queries in ontology/queries/ return each supporting claim's Admiralty grades,
on real partner engines: Jena Fuseki 5.6.0 (basic auth on) and the Oxigraph server, started
here on loopback and sent the rich synthetic data set by `push` (its DPRK->Russia shipment
rests on a claim graded B2 and on an ungraded news story repeating it; the bundled data
grades no shipment claim, so tests/partners/test_push.py cannot show a bound grade)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import pytest

from armsgraph.core.dataset import Dataset
from armsgraph.core.model import Claim, Credibility, EventKind, Reliability
from armsgraph.ontology.graph_store_push import PushOptions, push
from armsgraph.ontology.rdf_store import RdfStore
from tests.partners.partner_engines import Engine, fuseki, grades_of, oxigraph
from tests.support.rich import rich_dataset

QUERIES = Path(__file__).resolve().parents[2] / "ontology" / "queries"
AUTH = ("grader", "a-partner-secret")


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return rich_dataset()


@pytest.fixture(scope="module", params=["fuseki", "oxigraph"])
def graded_engine(
    request: pytest.FixtureRequest, dataset: Dataset, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    tmp = tmp_path_factory.mktemp(f"grades-{request.param}")
    server: AbstractContextManager[Engine] = (
        fuseki(tmp, AUTH) if request.param == "fuseki" else oxigraph(tmp)
    )
    with server as engine:
        store = RdfStore(tmp / "embedded")
        try:
            store.load(dataset)
            report = push(store.db, engine.graph_store, PushOptions(auth=engine.auth))
        finally:
            store.close()
        assert report.graphs and all(g.status in (200, 201, 204) for g in report.graphs)
        yield engine


def shipment_claims(dataset: Dataset, supplier: str, recipient: str) -> dict[str, Claim]:
    return {
        c: dataset.claims[c]
        for e in dataset.events.values()
        if (e.kind, e.supplier, e.recipient) == (EventKind.SHIPMENT, supplier, recipient)
        for c in e.claims
    }


def test_each_claim_comes_with_its_grades(graded_engine: Engine, dataset: Dataset) -> None:
    rows = graded_engine.select((QUERIES / "shipments-prk-to-rus.rq").read_text())
    got = {row["claimId"]: grades_of(row) for row in rows}
    claims = shipment_claims(dataset, "PRK", "RUS")
    assert got == {c.id: (c.reliability, c.credibility, c.grade_basis) for c in claims.values()}
    # the report's claim is graded, the news story repeating it is not: both rows are there
    assert len(got) == 2 and set(got.values()) == {
        (None, None, None),
        (Reliability.B, Credibility.PROBABLY_TRUE, "test fixture: graded by an analyst"),
    }


def test_ungraded_claims_leave_the_grades_unbound(graded_engine: Engine, dataset: Dataset) -> None:
    rows = graded_engine.select((QUERIES / "shipments-rus-to-prk.rq").read_text())
    claims = shipment_claims(dataset, "RUS", "PRK")
    assert claims and {row["claimId"] for row in rows} == set(claims)
    assert all(grades_of(row) == (None, None, None) for row in rows)
    assert not any({"reliability", "credibility", "gradeBasis"} & row.keys() for row in rows)
