"""The domain model: the one shape every loader produces and every store consumes.

Claims are the unit of truth. A claim is one statement from one source document
(who supplied what to whom, when, how much) with its quote, locator and confidence.
States, weapon systems, resolutions and provisions are reference data. Transfer
events (shipments, personnel deployments, assistance) and breaches are derived from
claims and link back to the claims that support them.

Names in authored files ("Pyongyang", "Noord-Korea") are resolved to ids while
validating, through a ``Gazetteer`` passed as pydantic validation context
(``model_validate(data, context={"gazetteer": g})``). Without one, fields must
already hold ids, which is how stores read data back.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING, Annotated, Any, Literal, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    model_validator,
)

from armsgraph.core.dates import check_partial_date, partial_date_bounds

if TYPE_CHECKING:
    from armsgraph.core.names import Gazetteer


class Model(BaseModel):
    """Strict base: unknown fields are errors, instances are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


PartialDate = Annotated[
    str,
    AfterValidator(check_partial_date),
    Field(
        description="A date as precise as the source: YYYY, YYYY-MM or YYYY-MM-DD.",
        examples=["2023", "2023-09", "2025-05-29"],
    ),
]


# --- vocabularies -------------------------------------------------------------------------


class SourceKind(StrEnum):
    MONITORING_REPORT = "monitoring_report"
    UN_DOCUMENT = "un_document"
    GOVERNMENT_STATEMENT = "government_statement"
    NEWS = "news"
    RESEARCH = "research"


class Confidence(StrEnum):
    """How strongly the source itself stands behind the statement."""

    HIGH = "high"  # stated as established fact, with evidence, by an official body
    MEDIUM = "medium"  # stated as fact but second-hand, or an assessment
    LOW = "low"  # reported, "reportedly", unconfirmed or contested


class QuoteKind(StrEnum):
    VERBATIM = "verbatim"
    TRANSLATION = "translation"
    SUMMARY = "summary"


class Category(StrEnum):
    """UN Register of Conventional Arms categories I-VII, and other classes sanctions use."""

    BATTLE_TANKS = "I_battle_tanks"
    ARMOURED_COMBAT_VEHICLES = "II_armoured_combat_vehicles"
    LARGE_CALIBRE_ARTILLERY = "III_large_calibre_artillery"
    COMBAT_AIRCRAFT = "IV_combat_aircraft"
    ATTACK_HELICOPTERS = "V_attack_helicopters"
    WARSHIPS = "VI_warships"
    MISSILES = "VII_missiles_and_launchers"
    SALW = "small_arms_light_weapons"
    AMMUNITION = "ammunition"
    RELATED_MATERIEL = "related_materiel"
    DUAL_USE = "dual_use"
    REFINED_PETROLEUM = "refined_petroleum"
    CRUDE_OIL = "crude_oil"


UN_REGISTER_CATEGORIES = frozenset(
    {
        Category.BATTLE_TANKS,
        Category.ARMOURED_COMBAT_VEHICLES,
        Category.LARGE_CALIBRE_ARTILLERY,
        Category.COMBAT_AIRCRAFT,
        Category.ATTACK_HELICOPTERS,
        Category.WARSHIPS,
        Category.MISSILES,
    }
)


class TransportMode(StrEnum):
    SEA = "sea"
    RAIL = "rail"
    AIR = "air"
    ROAD = "road"


class PersonnelKind(StrEnum):
    TROOPS = "troops"
    WORKERS = "workers"
    TRAINERS = "trainers"


class AssistanceKind(StrEnum):
    TRAINING = "training"
    TECHNICAL_DATA = "technical_data"
    TECHNICAL_ASSISTANCE = "technical_assistance"
    SERVICES = "services"
    FINANCIAL = "financial"


class EventKind(StrEnum):
    SHIPMENT = "shipment"
    DEPLOYMENT = "deployment"
    ASSISTANCE = "assistance"


class Qualifier(StrEnum):
    """How the source qualified a number, kept exactly as reported."""

    EXACTLY = "exactly"
    AROUND = "around"
    MORE_THAN = "more than"
    AT_LEAST = "at least"
    AS_MANY_AS = "as many as"
    UP_TO = "up to"
    FEWER_THAN = "fewer than"
    BETWEEN = "between"


class VerificationStatus(StrEnum):
    """For reference data: how firmly a detail (e.g. a paragraph number) was checked."""

    VERIFIED = "verified"
    CORROBORATED = "corroborated"
    UNVERIFIED = "unverified"


# --- values --------------------------------------------------------------------------------


def _normalise_number(value: float) -> float:
    # 9000000.0 and 9000000 must hash alike, so integral floats become ints.
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def format_number(value: float) -> str:
    """20000 -> '20,000'; 2.5 -> '2.5' (never scientific notation)."""
    value = _normalise_number(value)
    return f"{value:,}" if isinstance(value, int) else f"{value:,.6g}"


Number = Annotated[float, Field(ge=0), AfterValidator(_normalise_number)]


class Quantity(Model):
    """A reported amount: a value or low/high bounds, the qualifier as reported, and a unit."""

    value: Number | None = Field(default=None, description="The number the source gives.")
    low: Number | None = Field(default=None, description="Lower bound, for ranges.")
    high: Number | None = Field(default=None, description="Upper bound, for ranges.")
    qualifier: Qualifier = Qualifier.EXACTLY
    unit: str = Field(min_length=1, examples=["container", "round", "barrel", "missile"])
    text: str | None = Field(default=None, description="The amount as worded in the source.")

    @model_validator(mode="after")
    def _bounds_make_sense(self) -> Self:
        if self.qualifier is Qualifier.BETWEEN:
            if self.low is None or self.high is None:
                raise ValueError("qualifier 'between' needs both low and high")
        elif self.value is None:
            raise ValueError("a value is required unless the qualifier is 'between'")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError(
                f"low ({format_number(self.low)}) is greater than high ({format_number(self.high)})"
            )
        return self

    @property
    def lower_bound(self) -> float | None:
        """The least amount the wording commits to (None where it commits to none)."""
        if self.qualifier is Qualifier.BETWEEN:
            return self.low
        if self.qualifier in (Qualifier.EXACTLY, Qualifier.AT_LEAST, Qualifier.MORE_THAN):
            return self.value
        return self.low

    def describe(self) -> str:
        if self.qualifier is Qualifier.BETWEEN:
            low, high = format_number(self.low or 0), format_number(self.high or 0)
            return f"between {low} and {high} {self.unit}"
        prefix = "" if self.qualifier is Qualifier.EXACTLY else f"{self.qualifier.value} "
        return f"{prefix}{format_number(self.value or 0)} {self.unit}"


class Period(Model):
    """When something happened, as precisely as the source says it; an open end means ongoing."""

    start: PartialDate | None = None
    end: PartialDate | None = None
    text: str | None = Field(default=None, examples=["since September 2023", "in 2024"])

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.start is None and self.end is None and self.text is None:
            raise ValueError("a period needs a start, an end or the wording of the source")
        if (
            self.start
            and self.end
            and partial_date_bounds(self.start)[0] > partial_date_bounds(self.end)[1]
        ):
            raise ValueError(f"start {self.start} is after end {self.end}")
        return self

    @property
    def earliest(self) -> dt.date | None:
        return partial_date_bounds(self.start)[0] if self.start else None

    @property
    def latest(self) -> dt.date | None:
        return partial_date_bounds(self.end)[1] if self.end else None


# --- name references resolved through the gazetteer -----------------------------------------

_ISO3 = re.compile(r"^[A-Z]{3}$")


def _gazetteer(info: ValidationInfo) -> Gazetteer | None:
    ctx = info.context
    return ctx.get("gazetteer") if isinstance(ctx, dict) else None


def _resolve_state(value: str, info: ValidationInfo) -> str:
    gaz = _gazetteer(info)
    if gaz is not None:
        return gaz.state(value).id
    if not _ISO3.match(value):
        raise ValueError(f"expected an ISO 3166-1 alpha-3 code, got {value!r}")
    return value


def _resolve_weapon(value: str, info: ValidationInfo) -> str:
    gaz = _gazetteer(info)
    return gaz.weapon_system(value).id if gaz is not None else value


def _resolve_provision(value: str, info: ValidationInfo) -> str:
    gaz = _gazetteer(info)
    return gaz.provision(value).id if gaz is not None else value


def _resolve_resolution(value: str, info: ValidationInfo) -> str:
    gaz = _gazetteer(info)
    return gaz.resolution(value).id if gaz is not None else value


StateRef = Annotated[
    str,
    AfterValidator(_resolve_state),
    Field(
        min_length=1,
        description="A state: ISO alpha-3 code, name, alias or capital used as metonym.",
        examples=["PRK", "North Korea", "Pyongyang", "Moscow"],
    ),
]
WeaponRef = Annotated[
    str,
    AfterValidator(_resolve_weapon),
    Field(min_length=1, description="A weapon system id, name or alias."),
]
ProvisionRef = Annotated[
    str,
    AfterValidator(_resolve_provision),
    Field(min_length=1, examples=["S/RES/1718 (2006) OP8(b)", "unscr-1718-op8b"]),
]
ResolutionRef = Annotated[
    str,
    AfterValidator(_resolve_resolution),
    Field(min_length=1, examples=["S/RES/1718 (2006)", "1874", "unscr-1874"]),
]


# --- reference data ---------------------------------------------------------------------------


class State(Model):
    id: str = Field(pattern=r"^[A-Z]{3}$", description="ISO 3166-1 alpha-3 code.")
    iso2: str = Field(pattern=r"^[A-Z]{2}$")
    numeric: str = Field(pattern=r"^\d{3}$")
    name: str
    wikidata: str | None = Field(default=None, pattern=r"^Q\d+$")
    capital: str | None = None
    aliases: dict[str, list[str]] = Field(
        default_factory=dict, description="Other names by language code, capitals included."
    )
    sources: list[str] = Field(default_factory=list)


class WeaponSystem(Model):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str
    category: Category
    category_basis: str | None = Field(
        default=None, description="Why this category: our classification, not the source's."
    )
    aliases: list[str] = Field(default_factory=list)
    wikidata: str | None = Field(default=None, pattern=r"^Q\d+$")
    description: str | None = None
    sources: list[str] = Field(default_factory=list)


class Resolution(Model):
    id: str = Field(pattern=r"^unscr-\d+$", examples=["unscr-1718"])
    symbol: str = Field(pattern=r"^S/RES/\d+ \(\d{4}\)$", examples=["S/RES/1718 (2006)"])
    adopted: PartialDate
    adopted_status: VerificationStatus
    chapter_vii: bool | None = None
    vote: str | None = None
    summary: str
    wikidata: str | None = Field(default=None, pattern=r"^Q\d+$")
    sources: list[str] = Field(min_length=1)

    @property
    def number(self) -> int:
        return int(self.symbol.split("/")[2].split(" ")[0])


class Direction(StrEnum):
    TO_TARGET = "to_target"  # supply to the sanctioned state
    FROM_TARGET = "from_target"  # supply from it (export, procurement)


class Role(StrEnum):
    SUPPLIER = "supplier"
    RECIPIENT = "recipient"


class ScopeException(Model):
    """Items a provision leaves out, possibly only until a later provision closes the gap."""

    categories: list[Category] = Field(min_length=1)
    until: dt.date | None = Field(default=None, description="Last day the exception applied.")
    closed_by: ProvisionRef | None = None
    note: str | None = None


class Cap(Model):
    """A ceiling on an aggregate over a window, e.g. refined petroleum per calendar year."""

    limit: float = Field(gt=0)
    unit: str
    window: Literal["calendar_year"] = "calendar_year"
    aggregate: Literal["all_suppliers"] = "all_suppliers"


class ProvisionScope(Model):
    """What a provision forbids, as data the reasoner matches events against."""

    target: str = Field(default="PRK", pattern=r"^[A-Z]{3}$")
    directions: list[Direction] = Field(min_length=1)
    event_kinds: list[EventKind] = Field(min_length=1)
    categories: list[Category] = Field(default_factory=list)
    assistance_kinds: list[AssistanceKind] = Field(default_factory=list)
    personnel_kinds: list[PersonnelKind] = Field(default_factory=list)
    effective_from: dt.date
    effective_until: dt.date | None = None
    exceptions: list[ScopeException] = Field(default_factory=list)
    cap: Cap | None = None
    obligated: list[Role] = Field(
        min_length=1, description="Whose conduct breaches it: the supplier, the recipient, both."
    )


class Provision(Model):
    id: str = Field(pattern=r"^unscr-\d+-[a-z0-9-]+$", examples=["unscr-1718-op8b"])
    resolution: str = Field(pattern=r"^unscr-\d+$")
    paragraph: str = Field(examples=["OP8(b)"])
    paragraph_status: VerificationStatus
    summary: str
    scope: ProvisionScope | None = Field(
        default=None, description="Absent for provisions the reasoner does not apply."
    )
    sources: list[str] = Field(min_length=1)
    note: str | None = None


# --- sources and claims --------------------------------------------------------------------


class Source(Model):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9.-]*$", examples=["msmt-2025-1"])
    title: str
    publisher: str
    date: PartialDate
    kind: SourceKind
    url: str | None = Field(default=None, pattern=r"^https?://")
    document: str | None = Field(
        default=None, description="Path of a local copy, relative to the data folder."
    )
    language: str = "en"
    reports_on: str | None = Field(
        default=None,
        description="Id of the source this one reports on (news on a report).",
    )
    note: str | None = None

    @model_validator(mode="after")
    def _locatable(self) -> Self:
        if not self.url and not self.document:
            raise ValueError("a source needs a url or a local document")
        return self


class ItemLine(Model):
    weapon: WeaponRef
    quantity: Quantity | None = None
    description: str | None = None


class ShipmentStatement(Model):
    """Materiel moved from one state to another."""

    supplier: StateRef
    recipient: StateRef
    items: list[ItemLine] = Field(min_length=1)
    period: Period | None = None
    transport: list[TransportMode] = Field(default_factory=list)
    ports: list[str] = Field(default_factory=list)
    vessels: list[str] = Field(default_factory=list)
    flow: str | None = Field(
        default=None,
        pattern=r"^[a-z0-9][a-z0-9-]*$",
        description="Names the real-world flow several claims describe, so differing figures "
        "from different sources can be compared; the claims are never merged.",
    )


class DeploymentStatement(Model):
    """People sent by one state to another (troops, workers, trainers)."""

    supplier: StateRef = Field(description="The sending state.")
    recipient: StateRef = Field(description="The host state.")
    personnel: PersonnelKind
    quantity: Quantity | None = None
    role: str | None = None
    period: Period | None = None
    flow: str | None = Field(default=None, pattern=r"^[a-z0-9][a-z0-9-]*$")


class AssistanceStatement(Model):
    """Training, technical data, services or finance given by one state to another."""

    supplier: StateRef
    recipient: StateRef
    assistance: AssistanceKind
    subject: str = Field(description="What the assistance concerned.")
    related_weapon: WeaponRef | None = None
    related_category: Category | None = None
    period: Period | None = None
    flow: str | None = Field(default=None, pattern=r"^[a-z0-9][a-z0-9-]*$")


class BreachStatement(Model):
    """A source's own statement that states violated resolutions (kept apart from inferred ones)."""

    states: list[StateRef] = Field(min_length=1)
    resolutions: list[ResolutionRef] = Field(default_factory=list)
    provisions: list[ProvisionRef] = Field(default_factory=list)
    flows: list[str] = Field(default_factory=list, description="Flows the statement is about.")


EventStatement = ShipmentStatement | DeploymentStatement | AssistanceStatement


class Claim(Model):
    """One statement from one source, with where it stands in the source and how sure it is.

    Exactly one of ``shipment``, ``deployment``, ``assistance`` or ``breach`` is given.
    The id is derived from the normalised content: the same content always gets the same id,
    and any change gives a new one.
    """

    key: str | None = Field(
        default=None,
        pattern=r"^[a-z0-9][a-z0-9._-]*$",
        description="Optional handle chosen by the author; unique across the data set.",
    )
    source: str = Field(
        default="", description="Id of the source document; in a claim file, the file's source."
    )
    locator: str | None = Field(default=None, examples=["p. 18", "para. 4", "Figure 11"])
    quote: str = Field(min_length=1, description="The source's words (or a close summary).")
    quote_kind: QuoteKind = QuoteKind.VERBATIM
    asserted_by: str = Field(description="Who makes the statement, e.g. MSMT, US State Department.")
    confidence: Confidence
    reported: PartialDate = Field(description="When the source reported it.")
    shipment: ShipmentStatement | None = None
    deployment: DeploymentStatement | None = None
    assistance: AssistanceStatement | None = None
    breach: BreachStatement | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _exactly_one_statement(self) -> Self:
        if not self.source:
            raise ValueError("a claim needs the id of its source")
        given = [k for k in ("shipment", "deployment", "assistance", "breach") if getattr(self, k)]
        if len(given) != 1:
            raise ValueError(
                "a claim states exactly one of shipment, deployment, assistance or breach"
                + (f" (found {', '.join(given)})" if given else "")
            )
        return self

    @cached_property
    def id(self) -> str:
        """Hashing a claim is the dearest step of a large load: computed once per instance."""
        from armsgraph.core.ids import claim_id

        return claim_id(self)

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        copy = super().model_copy(update=update, deep=deep)
        copy.__dict__.pop("id", None)  # the cached id belongs to the original's content
        return copy

    @property
    def event(self) -> EventStatement | None:
        return self.shipment or self.deployment or self.assistance

    @property
    def event_kind(self) -> EventKind | None:
        if self.shipment:
            return EventKind.SHIPMENT
        if self.deployment:
            return EventKind.DEPLOYMENT
        if self.assistance:
            return EventKind.ASSISTANCE
        return None


class ClaimFile(Model):
    """The authoring format: one YAML file per source document, many claims."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        title="armsgraph claim file",
        json_schema_extra={"$comment": "Generated from armsgraph.core.model; do not edit."},
    )

    source: Source
    claims: list[Claim] = Field(default_factory=list)


# --- derived records ------------------------------------------------------------------------


class TransferEvent(Model):
    """A shipment, deployment or assistance, with every claim that states exactly it."""

    id: str
    kind: EventKind
    statement: EventStatement
    claims: list[str] = Field(min_length=1, description="Ids of the supporting claims.")

    @property
    def supplier(self) -> str:
        return self.statement.supplier

    @property
    def recipient(self) -> str:
        return self.statement.recipient

    @property
    def period(self) -> Period | None:
        return self.statement.period


class BreachBasis(StrEnum):
    ASSERTED = "asserted"  # a source says so
    INFERRED = "inferred"  # our reasoner matched an event against a provision


class Breach(Model):
    id: str
    basis: BreachBasis
    states: list[str] = Field(min_length=1, description="States whose conduct breached it.")
    provision: str | None = None
    resolution: str | None = None
    events: list[str] = Field(default_factory=list)
    claims: list[str] = Field(min_length=1, description="Claims the breach rests on.")
    rule: str | None = Field(default=None, description="Reasoner rule id, for inferred breaches.")
    explanation: str
    matched: dict[str, Any] = Field(default_factory=dict)
