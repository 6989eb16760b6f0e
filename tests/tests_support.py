"""Helpers shared by test modules (importable because pytest puts tests/ on sys.path)."""

from __future__ import annotations

from pathlib import Path

from armsgraph.core.dataset import Dataset
from armsgraph.core.errors import DataError, Problem
from armsgraph.loaders.ingest import read_dataset

FIXTURES = Path(__file__).parent / "fixtures"
REFERENCE = FIXTURES / "reference.yaml"
BAD = FIXTURES / "bad"
API_KEY = "test-key-0123456789"

# A claim file as POST /claims takes it (one shipment, real names).
CLAIM_FILE = {
    "source": {
        "id": "api-test-source",
        "title": "API test",
        "publisher": "tests",
        "date": "2025-06-01",
        "kind": "news",
        "url": "https://example.org/api-test",
    },
    "claims": [
        {
            "quote": "Russia delivered refined petroleum to North Korea in 2025.",
            "asserted_by": "tests",
            "confidence": "low",
            "reported": "2025-06-01",
            "shipment": {
                "supplier": "Moscow",
                "recipient": "Pyongyang",
                "items": [{"weapon": "refined-petroleum"}],
                "period": {"start": "2025", "end": "2025"},
            },
        }
    ],
}


EMBARGOES = FIXTURES / "embargoes.yaml"


def load_fixture(*paths: Path) -> Dataset:
    """Fixture files validated against the small synthetic reference data."""
    return read_dataset([REFERENCE, *paths], with_bundled_reference=False)[0]


def problems_of(*paths: Path) -> list[Problem]:
    try:
        load_fixture(*paths)
    except DataError as exc:
        return exc.problems
    raise AssertionError("expected a DataError")


def dataset_with(claims: list[dict[str, object]], *reference: Path) -> Dataset:
    """The synthetic reference data (and ``reference`` files) plus claims given as dicts,
    with breaches derived."""
    from armsgraph.core.model import Claim
    from armsgraph.core.reasoner import derive_breaches

    dataset = load_fixture(*reference)
    gazetteer = dataset.gazetteer
    base = {
        "source": "test",
        "quote": "q",
        "asserted_by": "tester",
        "confidence": "high",
        "reported": "2025-01-01",
    }
    dataset.add_claims(
        [Claim.model_validate({**base, **c}, context={"gazetteer": gazetteer}) for c in claims]
    )
    dataset.weapon_systems.update(gazetteer.designated)  # designations the claims named
    dataset.breaches = derive_breaches(dataset)
    return dataset


def shipment(
    supplier: str,
    recipient: str,
    weapon: str,
    start: str | None,
    end: str | None = None,
    quantity: dict[str, object] | None = None,
) -> dict[str, object]:
    item: dict[str, object] = {"weapon": weapon}
    if quantity:
        item["quantity"] = quantity
    statement: dict[str, object] = {"supplier": supplier, "recipient": recipient, "items": [item]}
    if start or end:
        statement["period"] = {"start": start, "end": end}
    return {"shipment": statement}


def multi_hop_dataset() -> Dataset:
    """PRK -> RUS -> UKR -> CHN -> PRK and shortcuts, with dates, categories, all kinds."""
    return dataset_with(
        [
            shipment("PRK", "RUS", "ballistic-missile", "2023-09", "2024-06"),
            shipment("PRK", "RUS", "munitions", "2024-01", "2024-12"),
            shipment("PRK", "RUS", "munitions", None),
            shipment("RUS", "UKR", "munitions", "2022", "2022"),
            shipment("RUS", "CHN", "rifle", "2024-03", "2024-03"),
            shipment("RUS", "CHN", "munitions", "2021-05-04", None),
            shipment("UKR", "CHN", "munitions", "2023", "2023"),
            shipment("CHN", "PRK", "refined-petroleum", "2024", "2024"),
            shipment("CHN", "RUS", "ballistic-missile", "2019", "2020"),
            shipment("PRK", "CHN", "rifle", None),
            {
                "assistance": {
                    "supplier": "RUS",
                    "recipient": "PRK",
                    "assistance": "technical_data",
                    "subject": "feedback",
                    "related_weapon": "ballistic-missile",
                    "period": {"start": "2024"},
                }
            },
            {
                "deployment": {
                    "supplier": "PRK",
                    "recipient": "RUS",
                    "personnel": "workers",
                    "period": {"start": "2024"},
                }
            },
            {
                "deployment": {
                    "supplier": "UKR",
                    "recipient": "PRK",
                    "personnel": "trainers",
                    "period": {"end": "2010"},
                }
            },
        ]
    )
