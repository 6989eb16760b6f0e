"""The domain model's base class, partial dates and closed vocabularies (part of ``core.model``)."""

from __future__ import annotations

from enum import IntEnum, StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from armsgraph.core.dates import check_partial_date


class Model(BaseModel):
    """Strict base: unknown fields are errors, instances are immutable, numbers are finite."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, use_enum_values=False, allow_inf_nan=False
    )


PartialDate = Annotated[
    str,
    AfterValidator(check_partial_date),
    Field(
        description="A date as precise as the source: YYYY, YYYY-MM or YYYY-MM-DD.",
        examples=["2023", "2023-09", "2025-05-29"],
    ),
]


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


class Reliability(StrEnum):
    """Admiralty (NATO STANAG 2511) grade of the source's reliability, A best; F means it
    cannot be judged and ranks last in a ``min_reliability`` filter."""

    A = "A"  # completely reliable
    B = "B"  # usually reliable
    C = "C"  # fairly reliable
    D = "D"  # not usually reliable
    E = "E"  # unreliable
    F = "F"  # reliability cannot be judged

    @property
    def rank(self) -> int:
        """0 for A ... 5 for F: a grade meets a minimum of equal or lower rank."""
        return "ABCDEF".index(self.value)


class Credibility(IntEnum):
    """Admiralty (NATO STANAG 2511) grade of the information's credibility, 1 best; 6 means
    its truth cannot be judged."""

    CONFIRMED = 1  # confirmed by other independent sources
    PROBABLY_TRUE = 2
    POSSIBLY_TRUE = 3
    DOUBTFUL = 4
    IMPROBABLE = 5
    CANNOT_BE_JUDGED = 6


class QuoteKind(StrEnum):
    VERBATIM = "verbatim"
    TRANSLATION = "translation"
    SUMMARY = "summary"
    RECORD = "record"  # a register row: the claim's ``record`` is the evidence


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
