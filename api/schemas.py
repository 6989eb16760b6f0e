"""Response and request shapes of the HTTP API (the domain model stays in core.model)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from armsgraph.core.model import (
    AssistanceKind,
    BreachBasis,
    Category,
    Confidence,
    EventKind,
    Period,
    PersonnelKind,
    Quantity,
    QuoteKind,
    SourceKind,
    TransportMode,
    VerificationStatus,
)


class Public(BaseModel):
    model_config = ConfigDict(extra="forbid")


class StatePublic(Public):
    id: str
    name: str
    iso2: str
    wikidata: str | None = None
    capital: str | None = None
    aliases: dict[str, list[str]] = {}


class StatesPublic(Public):
    count: int
    states: list[StatePublic]


class SourcePublic(Public):
    id: str
    title: str
    publisher: str
    date: str
    kind: SourceKind
    url: str | None = None
    document: str | None = None
    reports_on: str | None = None


class SourcesPublic(Public):
    count: int
    sources: list[SourcePublic]


class ClaimCitation(Public):
    """A claim as cited under an answer: who says it, where, in which words."""

    id: str
    key: str | None = None
    asserted_by: str
    quote: str
    quote_kind: QuoteKind
    locator: str | None = None
    confidence: Confidence
    reported: str
    source: SourcePublic


class ItemPublic(Public):
    weapon_system: str
    name: str
    category: Category
    quantity: Quantity | None = None
    quantity_text: str | None = Field(default=None, examples=["more than 20,000 container"])
    description: str | None = None


class BreachPublic(Public):
    id: str
    basis: BreachBasis
    resolution: str | None = Field(default=None, examples=["S/RES/1718 (2006)"])
    provision: str | None = Field(default=None, examples=["OP8(b)"])
    provision_id: str | None = None
    paragraph_status: VerificationStatus | None = None
    states: list[str]
    rule: str | None = None
    explanation: str
    matched: dict[str, Any] = {}
    claims: list[ClaimCitation]


class BreachesPublic(Public):
    count: int
    breaches: list[BreachPublic]


class HopPublic(Public):
    """One transfer: what moved from whom to whom, when, how much, and what it breached."""

    event_id: str
    kind: EventKind
    supplier: StatePublic
    recipient: StatePublic
    items: list[ItemPublic] = []
    personnel: PersonnelKind | None = None
    personnel_quantity: Quantity | None = None
    assistance: AssistanceKind | None = None
    subject: str | None = None
    period: Period | None = None
    transport: list[TransportMode] = []
    ports: list[str] = []
    vessels: list[str] = []
    flow: str | None = None
    breaches: list[BreachPublic]
    claims: list[ClaimCitation]


class PathPublic(Public):
    hops: list[HopPublic]


class PathsPublic(Public):
    source: StatePublic = Field(serialization_alias="from")
    target: StatePublic = Field(serialization_alias="to")
    max_hops: int
    since: dt.date | None = None
    until: dt.date | None = None
    category: Category | None = None
    count: int
    paths: list[PathPublic]


class TransfersPublic(Public):
    count: int
    transfers: list[HopPublic]


class ClaimProvenance(Public):
    """Everything about one claim: its words, its source chain, what it supports."""

    claim: ClaimCitation
    statement: dict[str, Any]
    source_chain: list[SourcePublic]
    supports: list[str] = Field(description="Ids of the transfer events this claim states.")
    breaches: list[BreachPublic]


class LoadResult(Public):
    claims_received: int
    changed: bool
    counts: dict[str, int]


class Health(Public):
    status: str
    store: str
    counts: dict[str, int]
