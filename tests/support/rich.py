"""A data set for the RDF tests, built from the domain model classes.

``rich_dataset`` uses every field of the model at least once (so every vocabulary term is
written), with lists out of sorted order, fractional and ranged quantities and dates of
every precision, so that a read back that loses anything shows.
"""

from __future__ import annotations

import datetime as dt

from armsgraph.core.dataset import Dataset
from armsgraph.core.ids import breach_id
from armsgraph.core.model import (
    Actor,
    ActorKind,
    AssistanceKind,
    AssistanceStatement,
    Breach,
    BreachBasis,
    BreachStatement,
    Cap,
    Category,
    Claim,
    Confidence,
    Credibility,
    Delivery,
    DeploymentStatement,
    Direction,
    EventKind,
    InForce,
    ItemLine,
    Period,
    PersonnelKind,
    Provision,
    ProvisionScope,
    Qualifier,
    Quantity,
    QuoteKind,
    RegisterCell,
    RegisterRecord,
    Reliability,
    Resolution,
    Role,
    ScopeException,
    ShipmentStatement,
    Source,
    SourceKind,
    SupplyStatus,
    TargetReach,
    TransportMode,
    VerificationStatus,
    WeaponSystem,
)

STATES = [
    Actor(
        id="PRK",
        iso2="KP",
        numeric="408",
        name="Democratic People's Republic of Korea",
        wikidata="Q423",
        capital="Pyongyang",
        aliases={"en": ["North Korea", "DPRK"], "nl": ["Noord-Korea"], "ko": ["조선"]},
        sources=["https://example.org/b", "https://example.org/a"],
    ),
    Actor(id="RUS", iso2="RU", numeric="643", name="Russian Federation", wikidata="Q159"),
    Actor(id="CHN", iso2="CN", numeric="156", name="China"),
    Actor(id="UKR", iso2="UA", numeric="804", name="Ukraine", un_member_since=1945),
    # One actor of every other kind, with every field an actor can have.
    Actor(
        id="SUN",
        kind=ActorKind.HISTORICAL_STATE,
        iso2="SU",
        numeric="810",
        name="Soviet Union",
        valid_from="1922-12-30",
        valid_until="1992-08-30",
        validity_basis="synthetic test dates",
    ),
    Actor(id="hezbollah", kind=ActorKind.ARMED_GROUP, name="Hezbollah", based_in="RUS"),
    Actor(id="nato", kind=ActorKind.INTERNATIONAL_ORGANISATION, name="NATO"),
    Actor(
        id="unknown-supplier",
        kind=ActorKind.UNKNOWN,
        name="Unknown supplier",
        only_as=Role.SUPPLIER,
    ),
]
WEAPONS = [
    WeaponSystem(
        id="kn-23",
        name="KN-23",
        category=Category.MISSILES,
        category_basis="short-range ballistic missile",
        aliases=["Hwasong-11Ga", "Hwasong-11"],
        wikidata="Q56276789",
        description="A solid-fuel short-range ballistic missile.",
        sources=["https://example.org/kn23"],
    ),
    WeaponSystem(id="shells-152mm", name="152 mm shells", category=Category.AMMUNITION),
    WeaponSystem(id="diesel", name="diesel", category=Category.REFINED_PETROLEUM),
]
RESOLUTIONS = [
    Resolution(
        id="unscr-1718",
        symbol="S/RES/1718 (2006)",
        adopted="2006-10-14",
        adopted_status=VerificationStatus.VERIFIED,
        chapter_vii=True,
        vote="15-0-0",
        summary="Arms embargo.",
        wikidata="Q1155391",
        sources=["https://example.org/1718"],
    ),
    Resolution(
        id="unscr-2397",
        symbol="S/RES/2397 (2017)",
        adopted="2017-12",
        adopted_status=VerificationStatus.CORROBORATED,
        chapter_vii=False,
        summary="Petroleum cap.",
        sources=["https://example.org/2397"],
    ),
    Resolution(
        id="unscr-2270",
        symbol="S/RES/2270 (2016)",
        adopted="2016",
        adopted_status=VerificationStatus.UNVERIFIED,
        summary="Closes gaps.",
        sources=["https://example.org/2270"],
    ),
]
PROVISIONS = [
    Provision(
        id="unscr-1718-op8b",
        resolution="unscr-1718",
        paragraph="OP8(b)",
        paragraph_status=VerificationStatus.VERIFIED,
        summary="No arms from the DPRK.",
        scope=ProvisionScope(
            directions=[Direction.FROM_TARGET, Direction.TO_TARGET],
            event_kinds=[EventKind.SHIPMENT, EventKind.ASSISTANCE, EventKind.DEPLOYMENT],
            categories=[Category.MISSILES, Category.AMMUNITION],
            assistance_kinds=[AssistanceKind.TRAINING, AssistanceKind.FINANCIAL],
            personnel_kinds=[PersonnelKind.WORKERS, PersonnelKind.TROOPS],
            targets=["PRK"],
            in_force=[
                InForce(
                    start="2006-10",
                    end="2016-01-15",
                    ended_by="a terminating resolution",
                    status=VerificationStatus.VERIFIED,
                ),
                InForce(
                    start="2025-09-27",
                    end="2030-01-01",
                    started_by="restored",
                    status=VerificationStatus.UNVERIFIED,
                    sources=["https://example.org/restored"],
                    note="a restored period",
                ),
            ],
            reach=TargetReach.TERRITORY,
            unchecked_conditions=["advance approval by the Committee"],
            exceptions=[
                ScopeException(
                    categories=[Category.SALW, Category.AMMUNITION],
                    until=dt.date(2016, 3, 2),
                    closed_by="unscr-2270-op6",
                    note="closed in 2016",
                ),
                ScopeException(categories=[Category.DUAL_USE]),
                ScopeException(parties=["RUS"], since="2020", note="a party"),
            ],
            obligated=[Role.SUPPLIER, Role.RECIPIENT],
        ),
        sources=["https://example.org/1718"],
        note="A test provision.",
    ),
    Provision(
        id="unscr-2397-op5",
        resolution="unscr-2397",
        paragraph="OP5",
        paragraph_status=VerificationStatus.VERIFIED,
        summary="Petroleum cap.",
        scope=ProvisionScope(
            directions=[Direction.TO_TARGET],
            event_kinds=[EventKind.SHIPMENT],
            categories=[Category.REFINED_PETROLEUM],
            targets=["PRK"],
            in_force=[InForce(start="2018-01-01", status=VerificationStatus.CORROBORATED)],
            cap=Cap(limit=500000.5, unit="barrel"),
            obligated=[Role.SUPPLIER],
        ),
        sources=["https://example.org/2397"],
    ),
    Provision(
        id="unscr-2270-op6",
        resolution="unscr-2270",
        paragraph="OP6",
        paragraph_status=VerificationStatus.UNVERIFIED,
        summary="No scope: not applied by the reasoner.",
        sources=["https://example.org/2270"],
    ),
]
SOURCES = [
    Source(
        id="report-1",
        title="A monitoring report",
        publisher="MSMT",
        date="2025-05-29",
        kind=SourceKind.MONITORING_REPORT,
        url="https://example.org/report?id=1&lang=en",
        document="sources/report-1.txt",
        note="test",
    ),
    Source(
        id="news-1",
        title="A news story on the report",
        publisher="The Example Times",
        date="2025-06",
        kind=SourceKind.NEWS,
        url="https://example.org/news",
        language="de",
        reports_on="report-1",
    ),
    Source(
        id="local-1",
        title="A local document",
        publisher="Government of Example",
        date="2024",
        kind=SourceKind.GOVERNMENT_STATEMENT,
        document="sources/local.txt",
    ),
]


def _claim(source: str, **fields: object) -> Claim:
    base: dict[str, object] = {
        "source": source,
        "quote": "the source's words",
        "asserted_by": "MSMT",
        "confidence": Confidence.HIGH,
        "reported": "2025-05-29",
    }
    return Claim.model_validate({**base, **fields})


def rich_claims() -> list[Claim]:
    missiles = ShipmentStatement(
        supplier="PRK",
        recipient="RUS",
        items=[
            ItemLine(
                weapon="kn-23",
                quantity=Quantity(value=100, qualifier=Qualifier.MORE_THAN, unit="missile"),
                description="KN-23 and KN-24",
            ),
            ItemLine(
                weapon="shells-152mm",
                quantity=Quantity(
                    low=2.5,
                    high=9000000.0,
                    qualifier=Qualifier.BETWEEN,
                    unit="million rounds",
                    text="between 2.5 and 9 million",
                ),
            ),
            ItemLine(weapon="kn-23"),
        ],
        period=Period(start="2023-09", end="2024", text="from September 2023 through 2024"),
        transport=[TransportMode.SEA, TransportMode.RAIL],
        ports=["Rajin", "Dunai", "Rajin"],
        vessels=["Angara", "Lady R"],
        flow="prk-rus-munitions",
    )
    return [
        _claim(
            "report-1",
            key="missiles-1",
            locator="p. 18",
            quote="The DPRK shipped more than 100 missiles ...",
            shipment=missiles,
            note="first claim",
            grade_basis="test fixture: graded by an analyst",
            reliability=Reliability.B,
            credibility=Credibility.PROBABLY_TRUE,
        ),
        _claim(
            "news-1",
            quote="Mehr als 100 Raketen ...",
            quote_kind=QuoteKind.TRANSLATION,
            asserted_by="The Example Times, citing the MSMT",
            confidence=Confidence.MEDIUM,
            reported="2025-06",
            shipment=missiles,
        ),
        _claim(
            "report-1",
            quote="about 11,000 troops",
            confidence=Confidence.LOW,
            grade_basis="test fixture: graded by an analyst",
            reliability=Reliability.D,
            credibility=Credibility.DOUBTFUL,
            reported="2025",
            deployment=DeploymentStatement(
                supplier="PRK",
                recipient="RUS",
                personnel=PersonnelKind.TROOPS,
                quantity=Quantity(value=11000, qualifier=Qualifier.AROUND, unit="soldier"),
                role="combat in Kursk",
                period=Period(start="2024-10-15", text="since mid-October 2024"),
                flow="prk-rus-troops",
            ),
        ),
        _claim(
            "report-1",
            quote="technical data on missiles",
            quote_kind=QuoteKind.SUMMARY,
            assistance=AssistanceStatement(
                supplier="RUS",
                recipient="PRK",
                assistance=AssistanceKind.TECHNICAL_DATA,
                subject="missile feedback",
                related_weapon="kn-23",
                related_category=Category.MISSILES,
                period=Period(end="2024-12-31"),
            ),
        ),
        _claim(
            "local-1",
            quote="diesel by rail",
            shipment=ShipmentStatement(
                supplier="RUS",
                recipient="PRK",
                items=[
                    ItemLine(
                        weapon="diesel",
                        quantity=Quantity(
                            value=1000000.25, qualifier=Qualifier.AT_LEAST, unit="barrel"
                        ),
                    )
                ],
                period=Period(text="in recent months"),
                transport=[TransportMode.RAIL],
            ),
        ),
        _claim(
            "report-1",
            quote="in violation of resolutions",
            breach=BreachStatement(
                states=["RUS", "PRK"],
                resolutions=["unscr-2397", "unscr-1718"],
                provisions=["unscr-2397-op5", "unscr-1718-op8b"],
                flows=["prk-rus-troops", "prk-rus-munitions"],
            ),
        ),
    ]


def record_claim() -> Claim:
    """A claim whose evidence is a register row (a synthetic row, not a real record): every
    field of ``RegisterRecord``, repeated blank headers, uncertain figures, second hand."""
    headers = ["Recipient", "Supplier", "Year of order", " ", "Number ordered", " "]
    values = ["Hezbollah**", "Russia", "2019", "?", "12", "?"]
    record = RegisterRecord(
        register_name="SIPRI Arms Transfers Database",
        file="trade-register.csv",
        line=12,
        cells=[RegisterCell(header=h, value=v) for h, v in zip(headers, values, strict=True)],
        status=SupplyStatus.SECOND_HAND,
        order_year=2019,
        order_year_uncertain=True,
        ordered=Quantity(value=12, unit="missile", uncertain=True),
        delivered=Quantity(value=6.5, unit="missile"),
        deliveries=[
            Delivery(year=2021, uncertain=True),
            Delivery(year=2020, number=4),
            Delivery(year=2021, number=2.5),
        ],
        tiv_per_unit=0.25,
        tiv_total_order=3,
        tiv_delivered=1.625,
        comments="synthetic test row, with a comma, and more",
    )
    shipment = ShipmentStatement(
        supplier="RUS",
        recipient="hezbollah",
        items=[
            ItemLine(
                weapon="kn-23",
                quantity=Quantity(value=6.5, unit="missile", uncertain=True),
                description="SSM",
            )
        ],
        period=Period(start="2020", end="2021"),
    )
    return _claim(
        "report-1",
        locator="trade-register.csv:12",
        quote="Hezbollah**,Russia,2019,?,12,?",
        quote_kind=QuoteKind.RECORD,
        asserted_by="SIPRI",
        confidence=Confidence.LOW,
        record=record,
        shipment=shipment,
    )


def rich_dataset() -> Dataset:
    dataset = Dataset(
        states={s.id: s for s in STATES},
        weapon_systems={w.id: w for w in WEAPONS},
        resolutions={r.id: r for r in RESOLUTIONS},
        provisions={p.id: p for p in PROVISIONS},
        sources={s.id: s for s in SOURCES},
    )
    claims = rich_claims()
    dataset.add_claims([*claims, record_claim()])
    shipment_event = next(e for e in dataset.events.values() if e.kind is EventKind.SHIPMENT)
    asserted = {
        "basis": BreachBasis.ASSERTED,
        "states": ["RUS", "PRK"],
        "resolution": "unscr-1718",
        "events": [],
        "claims": [claims[5].id],
        "explanation": "The source says so.",
    }
    inferred = {
        "basis": BreachBasis.INFERRED,
        "states": ["PRK", "RUS"],
        "provision": "unscr-1718-op8b",
        "resolution": "unscr-1718",
        "events": [shipment_event.id],
        "claims": sorted(shipment_event.claims, reverse=True),
        "rule": "scope",
        "explanation": "KN-23 falls under OP8(b).",
        "matched": {"items": ["kn-23"], "window": ["2023-09-01", None], "share": 0.5},
    }
    for content in (asserted, inferred):
        breach = Breach.model_validate({"id": breach_id(content), **content})
        dataset.breaches[breach.id] = breach
    return dataset
