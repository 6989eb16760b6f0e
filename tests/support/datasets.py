"""The data sets tests build, three ways.

- From YAML fixture files (``tests/fixtures``) against their small synthetic reference data:
  ``load_fixture``, ``problems_of``; claims given as dicts on top: ``dataset_with``,
  ``multi_hop_dataset`` (a small network with cycles for the path queries).
- At random, of any size, using every field: ``synthetic`` (the Neo4j tests).
- ``tests.support.rich.rich_dataset``: every field of the model with hand-picked values
  that a lossy read back would change (the RDF tests).
"""

from __future__ import annotations

import random
from pathlib import Path

from armsgraph.core.dataset import Dataset
from armsgraph.core.errors import DataError, Problem
from armsgraph.core.ids import breach_id
from armsgraph.core.model import (
    Actor,
    AssistanceKind,
    AssistanceStatement,
    Breach,
    BreachBasis,
    BreachStatement,
    Category,
    Claim,
    Confidence,
    DeploymentStatement,
    Direction,
    EventKind,
    EventStatement,
    InForce,
    ItemLine,
    Period,
    PersonnelKind,
    Provision,
    ProvisionScope,
    Qualifier,
    Quantity,
    QuoteKind,
    Resolution,
    Role,
    ScopeException,
    ShipmentStatement,
    Source,
    SourceKind,
    TransportMode,
    VerificationStatus,
    WeaponSystem,
)
from armsgraph.core.reasoner import derive_breaches
from armsgraph.loaders.ingest import read_dataset

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
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


# --- a random transfer network of any size, every field used ---------------------------------

CODES = ["PRK", "RUS", "CHN", "IRN", "BLR", "SYR", "UKR", "MMR"]
WEAPONS = {
    "kn-23": Category.MISSILES,
    "shell-152": Category.AMMUNITION,
    "t-72": Category.BATTLE_TANKS,
    "rifle": Category.SALW,
    "petrol": Category.REFINED_PETROLEUM,
    "radar": Category.RELATED_MATERIEL,
}
PERIODS: list[Period | None] = [
    None,
    Period(start="2023"),
    Period(start="2023-09", end="2024-06", text="from September 2023"),
    Period(end="2022-05"),
    Period(text="recently"),
    Period(start="2024-03-15", end="2024-03-15"),
    Period(start="2021", end="2025"),
    Period(start="2019-02"),
]
FLOWS = ["flow-a", "flow-b", "flow-c"]
# Quotes only: a record-kind claim needs a register record (tests/support/register_format.py).
QUOTE_KINDS = [k for k in QuoteKind if k is not QuoteKind.RECORD]


def reference() -> Dataset:
    d = Dataset()
    for i, code in enumerate(CODES):
        aliases = {"en": [f"{code} land", f"The {code}"], "nl": [f"{code}-land"]} if i % 2 else {}
        d.states[code] = Actor(
            id=code,
            iso2=code[:2],
            numeric=f"{100 + i}",
            name=f"State {code}",
            wikidata=f"Q{100 + i}" if i % 3 == 0 else None,
            capital=f"{code.title()} City" if i % 2 == 0 else None,
            aliases=aliases,
            sources=[f"https://example.org/states/{code}"],
        )
    for i, (ident, category) in enumerate(WEAPONS.items()):
        d.weapon_systems[ident] = WeaponSystem(
            id=ident,
            name=ident.upper(),
            category=category,
            aliases=[f"{ident} alias"] if i % 2 else [],
            description="a weapon" if i % 3 == 0 else None,
            sources=["https://example.org/weapons"],
        )
    for number, year in ((1718, 2006), (2270, 2016)):
        d.resolutions[f"unscr-{number}"] = Resolution(
            id=f"unscr-{number}",
            symbol=f"S/RES/{number} ({year})",
            adopted=str(year),
            adopted_status=VerificationStatus.VERIFIED,
            chapter_vii=True,
            summary=f"resolution {number}",
            sources=[f"https://example.org/res/{number}"],
        )
    scope = ProvisionScope(
        directions=[Direction.TO_TARGET, Direction.FROM_TARGET],
        event_kinds=[EventKind.SHIPMENT],
        categories=[Category.MISSILES, Category.BATTLE_TANKS, Category.AMMUNITION],
        targets=["PRK"],
        in_force=[InForce(start="2006-10-14", status=VerificationStatus.VERIFIED)],
        exceptions=[ScopeException(categories=[Category.AMMUNITION], note="until 2270")],
        obligated=[Role.SUPPLIER, Role.RECIPIENT],
    )
    d.provisions["unscr-1718-op8a"] = Provision(
        id="unscr-1718-op8a",
        resolution="unscr-1718",
        paragraph="OP8(a)",
        paragraph_status=VerificationStatus.VERIFIED,
        summary="arms embargo",
        scope=scope,
        sources=["https://example.org/res/1718"],
    )
    d.provisions["unscr-2270-op9"] = Provision(
        id="unscr-2270-op9",
        resolution="unscr-2270",
        paragraph="OP9",
        paragraph_status=VerificationStatus.UNVERIFIED,
        summary="not reasoned about",
        sources=["https://example.org/res/2270"],
        note="no scope",
    )
    d.sources["report-1"] = Source(
        id="report-1",
        title="Report one",
        publisher="Monitors",
        date="2025-05-29",
        kind=SourceKind.MONITORING_REPORT,
        url="https://example.org/report-1",
    )
    d.sources["news-1"] = Source(
        id="news-1",
        title="News on report one",
        publisher="Paper",
        date="2025-06",
        kind=SourceKind.NEWS,
        document="sources/news-1.txt",
        language="nl",
        reports_on="report-1",
    )
    return d


def _quantity(rng: random.Random, unit: str) -> Quantity | None:
    pick = rng.randrange(4)
    if pick == 0:
        return None
    if pick == 1:
        return Quantity(value=rng.randint(1, 5000), unit=unit)
    if pick == 2:
        return Quantity(qualifier=Qualifier.BETWEEN, low=10, high=20, unit=unit, text="10 to 20")
    return Quantity(qualifier=Qualifier.MORE_THAN, value=2.5, unit=unit)


def _statement(rng: random.Random, codes: list[str]) -> tuple[str, EventStatement]:
    supplier, recipient = rng.sample(codes, 2)
    period = rng.choice(PERIODS)
    flow = rng.choice([None, *FLOWS])
    kind = rng.choices(["shipment", "deployment", "assistance"], [6, 2, 2])[0]
    if kind == "shipment":
        items = [
            ItemLine(
                weapon=rng.choice(list(WEAPONS)),
                quantity=_quantity(rng, "round"),
                description=rng.choice([None, "some", "more"]),
            )
            for _ in range(rng.randint(1, 3))
        ]
        return kind, ShipmentStatement(
            supplier=supplier,
            recipient=recipient,
            items=items,
            period=period,
            transport=rng.sample(list(TransportMode), rng.randint(0, 2)),
            ports=rng.choice([[], ["Rajin"], ["Rajin", "Vostochny"]]),
            vessels=rng.choice([[], ["Angara"]]),
            flow=flow,
        )
    if kind == "deployment":
        return kind, DeploymentStatement(
            supplier=supplier,
            recipient=recipient,
            personnel=rng.choice(list(PersonnelKind)),
            quantity=_quantity(rng, "soldier"),
            role=rng.choice([None, "combat"]),
            period=period,
            flow=flow,
        )
    return kind, AssistanceStatement(
        supplier=supplier,
        recipient=recipient,
        assistance=rng.choice(list(AssistanceKind)),
        subject="help",
        related_weapon=rng.choice([None, *WEAPONS]),
        related_category=rng.choice([None, Category.MISSILES]),
        period=period,
        flow=flow,
    )


def synthetic(n_claims: int, seed: int = 7, codes: list[str] = CODES) -> Dataset:
    """Reference data, random claims (some sharing one event), breaches from the reasoner
    plus hand-made ones whose lists are out of order."""
    rng = random.Random(seed)
    d = reference()
    claims: list[Claim] = []
    made: list[tuple[str, EventStatement]] = []
    for i in range(n_claims):
        if made and rng.random() < 0.25:
            kind, statement = rng.choice(made)
        else:
            kind, statement = _statement(rng, codes)
            made.append((kind, statement))
        claims.append(
            Claim.model_validate(
                {
                    "key": f"c{i}" if i % 5 == 0 else None,
                    "source": rng.choice(["report-1", "news-1"]),
                    "locator": f"p. {i}" if i % 2 else None,
                    "quote": f"quote {i}",
                    "quote_kind": rng.choice(QUOTE_KINDS),
                    "asserted_by": "Monitors",
                    "confidence": rng.choice(list(Confidence)),
                    "reported": rng.choice(["2024", "2025-05", "2025-05-29"]),
                    kind: statement,
                    "note": "n" if i % 7 == 0 else None,
                }
            )
        )
    # Two claims whose statements differ in white space only: one event, two wordings.
    spaced = ShipmentStatement(
        supplier="PRK", recipient="RUS", items=[ItemLine(weapon="kn-23")], ports=["Rajin  port"]
    )
    plain = spaced.model_copy(update={"ports": ["Rajin port"]})
    for i, statement in enumerate((spaced, plain)):
        claims.append(
            Claim(
                source="report-1",
                quote=f"white space {i}",
                asserted_by="Monitors",
                confidence=Confidence.HIGH,
                reported="2025",
                shipment=statement,
            )
        )
    claims.append(
        Claim(
            key="asserted",
            source="report-1",
            quote="they breached it",
            asserted_by="Monitors",
            confidence=Confidence.MEDIUM,
            reported="2025",
            breach=BreachStatement(
                states=["RUS", "PRK"],
                resolutions=["unscr-2270"],
                provisions=["unscr-1718-op8a"],
                flows=["flow-a"],
            ),
        )
    )
    d.add_claims(claims)
    d.breaches = derive_breaches(d)
    events = sorted(d.events.values(), key=lambda e: e.id)
    for e in events[:3]:
        content = {"test": e.id}
        d.breaches[breach_id(content)] = Breach(
            id=breach_id(content),
            basis=BreachBasis.INFERRED,
            states=[e.recipient, e.supplier],
            resolution="unscr-2270",
            events=[e.id, events[-1].id],
            claims=list(reversed(e.claims)),
            rule="test-rule",
            explanation="made by hand",
            matched={"nested": {"a": [1, 2.5, "x"]}, "flag": True, "none": None},
        )
    return d
