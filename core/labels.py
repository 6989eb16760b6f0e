"""Human-readable labels for the model's vocabularies.

Enum values (``III_large_calibre_artillery``) are identifiers for machines; explanations,
the page and the CLI show these labels instead. Every member of every vocabulary has one
(a test checks), so a new member cannot reach a reader as a bare identifier.
"""

from __future__ import annotations

from enum import Enum
from typing import Any, Final

from armsgraph.core.model import (
    ActorKind,
    AssistanceKind,
    BreachBasis,
    Category,
    Confidence,
    Credibility,
    Direction,
    EventKind,
    PersonnelKind,
    Qualifier,
    QuoteKind,
    Reliability,
    Role,
    SourceKind,
    SupplyStatus,
    TargetReach,
    TransportMode,
    VerificationStatus,
)

LABELS: Final[dict[type[Enum], dict[Any, str]]] = {
    Category: {
        Category.BATTLE_TANKS: "battle tanks, UN Register category I",
        Category.ARMOURED_COMBAT_VEHICLES: "armoured combat vehicles, UN Register category II",
        Category.LARGE_CALIBRE_ARTILLERY: "large-calibre artillery, UN Register category III",
        Category.COMBAT_AIRCRAFT: "combat aircraft, UN Register category IV",
        Category.ATTACK_HELICOPTERS: "attack helicopters, UN Register category V",
        Category.WARSHIPS: "warships, UN Register category VI",
        Category.MISSILES: "missiles and missile launchers, UN Register category VII",
        Category.SALW: "small arms and light weapons",
        Category.AMMUNITION: "ammunition",
        Category.RELATED_MATERIEL: "related materiel",
        Category.DUAL_USE: "dual-use goods",
        Category.REFINED_PETROLEUM: "refined petroleum products",
        Category.CRUDE_OIL: "crude oil",
    },
    AssistanceKind: {
        AssistanceKind.TRAINING: "training",
        AssistanceKind.TECHNICAL_DATA: "technical data",
        AssistanceKind.TECHNICAL_ASSISTANCE: "technical assistance",
        AssistanceKind.SERVICES: "services",
        AssistanceKind.FINANCIAL: "financial assistance",
    },
    PersonnelKind: {
        PersonnelKind.TROOPS: "troops",
        PersonnelKind.WORKERS: "workers",
        PersonnelKind.TRAINERS: "trainers",
    },
    EventKind: {
        EventKind.SHIPMENT: "shipment",
        EventKind.DEPLOYMENT: "deployment",
        EventKind.ASSISTANCE: "assistance",
    },
    SourceKind: {
        SourceKind.MONITORING_REPORT: "monitoring report",
        SourceKind.UN_DOCUMENT: "UN document",
        SourceKind.GOVERNMENT_STATEMENT: "government statement",
        SourceKind.NEWS: "news report",
        SourceKind.RESEARCH: "research",
    },
    Confidence: {
        Confidence.HIGH: "high confidence",
        Confidence.MEDIUM: "medium confidence",
        Confidence.LOW: "low confidence",
    },
    Reliability: {
        Reliability.A: "A: completely reliable",
        Reliability.B: "B: usually reliable",
        Reliability.C: "C: fairly reliable",
        Reliability.D: "D: not usually reliable",
        Reliability.E: "E: unreliable",
        Reliability.F: "F: reliability cannot be judged",
    },
    Credibility: {
        Credibility.CONFIRMED: "1: confirmed by other sources",
        Credibility.PROBABLY_TRUE: "2: probably true",
        Credibility.POSSIBLY_TRUE: "3: possibly true",
        Credibility.DOUBTFUL: "4: doubtful",
        Credibility.IMPROBABLE: "5: improbable",
        Credibility.CANNOT_BE_JUDGED: "6: truth cannot be judged",
    },
    QuoteKind: {
        QuoteKind.VERBATIM: "verbatim quote",
        QuoteKind.TRANSLATION: "translated quote",
        QuoteKind.SUMMARY: "summary of the source",
        QuoteKind.RECORD: "register record",
    },
    SupplyStatus: {SupplyStatus.NEW: "new", SupplyStatus.SECOND_HAND: "second hand"},
    TransportMode: {
        TransportMode.SEA: "by sea",
        TransportMode.RAIL: "by rail",
        TransportMode.AIR: "by air",
        TransportMode.ROAD: "by road",
    },
    Qualifier: {q: q.value for q in Qualifier},
    VerificationStatus: {
        VerificationStatus.VERIFIED: "verified",
        VerificationStatus.CORROBORATED: "corroborated",
        VerificationStatus.UNVERIFIED: "not verified",
    },
    BreachBasis: {
        BreachBasis.ASSERTED: "asserted by a source",
        BreachBasis.INFERRED: "inferred by the reasoner",
    },
    Direction: {
        Direction.TO_TARGET: "supply to",
        Direction.FROM_TARGET: "supply from",
    },
    Role: {Role.SUPPLIER: "supplier", Role.RECIPIENT: "recipient"},
    TargetReach: {
        TargetReach.PARTY: "the target itself",
        TargetReach.TERRITORY: "the target state and every actor based in it",
        TargetReach.NON_STATE_IN_TERRITORY: "non-state actors based in the target state",
    },
    ActorKind: {
        ActorKind.STATE: "state or territory",
        ActorKind.HISTORICAL_STATE: "historical state",
        ActorKind.ARMED_GROUP: "non-state armed group",
        ActorKind.INTERNATIONAL_ORGANISATION: "international organisation",
        ActorKind.UNKNOWN: "unknown party",
    },
}


def label(value: Enum) -> str:
    """The reader's words for one vocabulary member."""
    return LABELS[type(value)][value]


def vocabularies() -> dict[str, dict[str, str]]:
    """Every vocabulary as {value: label}, keyed by the enum's name (served at /labels)."""
    return {
        enum.__name__: {str(k.value): v for k, v in table.items()} for enum, table in LABELS.items()
    }
