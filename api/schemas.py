"""Response and request shapes of the HTTP API (the domain model stays in core.model)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from armsgraph.core.model import (
    ActorKind,
    AssistanceKind,
    BreachBasis,
    Category,
    Confidence,
    Credibility,
    EventKind,
    Period,
    PersonnelKind,
    Quantity,
    QuoteKind,
    RegisterRecord,
    Reliability,
    Role,
    SourceKind,
    TransportMode,
    VerificationStatus,
)


class Public(BaseModel):
    model_config = ConfigDict(extra="forbid")


class StatePublic(Public):
    """A state or any other actor (see ``kind``)."""

    id: str
    kind: ActorKind = ActorKind.STATE
    name: str
    iso2: str | None = None
    wikidata: str | None = None
    capital: str | None = None
    based_in: str | None = None
    only_as: Role | None = None
    valid_from: str | None = None
    valid_until: str | None = None
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


class _ClaimFields(Public):
    id: str
    key: str | None = None
    asserted_by: str
    quote: str
    quote_kind: QuoteKind
    locator: str | None = None
    confidence: Confidence
    reliability: Reliability | None = Field(
        default=None, description="Admiralty/NATO source reliability, A-F; none if ungraded."
    )
    credibility: Credibility | None = Field(
        default=None, description="Admiralty/NATO information credibility, 1-6; none if ungraded."
    )
    grade_basis: str | None = Field(default=None, description="Who graded it, on what basis.")
    reported: str
    record: RegisterRecord | None = Field(
        default=None,
        description="The register row that is the evidence (quote_kind 'record'): register, "
        "file, line, raw cells, figures with their uncertainty flags, status.",
    )


class ClaimCitation(_ClaimFields):
    """A claim as cited under an answer: who says it, where, in which words."""

    source: SourcePublic


class ClaimBrief(_ClaimFields):
    """A claim in a compact answer: its source is in the answer's ``sources`` map."""

    source: str


class ItemPublic(Public):
    weapon_system: str
    name: str
    category: Category
    category_label: str = Field(examples=["large-calibre artillery, UN Register category III"])
    quantity: Quantity | None = None
    quantity_text: str | None = Field(default=None, examples=["more than 20,000 container"])
    description: str | None = None


# Corroboration, on transfers and breaches alike (core.grading.independent_authorities).
Authorities = Annotated[
    list[str],
    Field(description="The distinct authorities asserting it, or the claims it rests on."),
]
IndependentAuthorities = Annotated[
    int,
    Field(
        description="How many of `authorities` are independent: authorities whose claims go "
        "back to one original source (an outlet reporting on a report, `reports_on`) count once."
    ),
]


class _BreachFields(Public):
    id: str
    basis: BreachBasis
    resolution: str | None = Field(default=None, examples=["S/RES/1718 (2006)"])
    provision: str | None = Field(default=None, examples=["OP8(b)"])
    provision_id: str | None = None
    paragraph_status: VerificationStatus | None = None
    states: list[str]
    events: list[str] = Field(default=[], description="Ids of the transfers it concerns.")
    rule: str | None = None
    explanation: str
    matched: dict[str, Any] = {}
    authorities: Authorities = []
    independent_authorities: IndependentAuthorities = 0


class BreachPublic(_BreachFields):
    claims: list[ClaimCitation]


class BreachBrief(_BreachFields):
    """A breach in a compact answer: its claims are in the answer's ``claims`` map."""

    claims: list[str]


class NotInForcePublic(Public):
    """A provision the transfer matches in every respect but its dates: no breach, and why."""

    provision_id: str
    resolution: str = Field(examples=["S/RES/2231 (2015)"])
    provision: str = Field(examples=["Annex B, paragraph 4"])
    in_force: list[str] = Field(examples=[["from 2016-01-16 until 2023-10"]])
    explanation: str


class BreachesPublic(Public):
    count: int
    breaches: list[BreachPublic]
    not_in_force: list[NotInForcePublic] = Field(
        default=[],
        description="With ?event=: provisions the transfer matches but that were not in force "
        "at its dates, each with the reason it gives no breach.",
    )


StateId = Annotated[
    str, Field(description="ISO alpha-3 code; the state is in the answer's `states` map.")
]
StatesById = Annotated[
    dict[str, StatePublic],
    Field(description="Every state the answer mentions, once, by ISO alpha-3 code."),
]


class Evidence(Public):
    """What the hops of a compact answer refer to, each described once, by id. ``sources``
    also holds the sources the cited ones report on (the derivation chain)."""

    states: StatesById
    breaches: dict[str, BreachBrief] = {}
    claims: dict[str, ClaimBrief] = {}
    sources: dict[str, SourcePublic] = {}


class HopPublic(Public):
    """One transfer: what moved from whom to whom, when, how much, and what it breached."""

    event_id: str
    kind: EventKind
    supplier: StateId
    recipient: StateId
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
    breaches: list[str] = Field(description="Ids in the answer's `breaches` map.")
    not_in_force: list[NotInForcePublic] = Field(
        default=[],
        description="Provisions this transfer matches but that were not in force at its dates.",
    )
    claims: list[str] = Field(description="Ids in the answer's `claims` map.")
    authorities: Authorities = []
    independent_authorities: IndependentAuthorities = 0


class PathPublic(Public):
    hops: list[HopPublic]


class PathsPublic(Evidence):
    """Paths whose hops refer to states, breaches, claims and sources by id."""

    source: StateId = Field(serialization_alias="from", examples=["PRK"])
    target: StateId = Field(serialization_alias="to", examples=["RUS"])
    max_hops: int
    since: dt.date | None = None
    until: dt.date | None = None
    category: Category | None = None
    count: int
    paths: list[PathPublic]


class TransfersPublic(Evidence):
    count: int
    transfers: list[HopPublic]


class ClaimProvenance(Public):
    """Everything about one claim: its words, its source chain, what it supports."""

    claim: ClaimCitation
    statement: dict[str, Any]
    source_chain: list[SourcePublic]
    supports: list[str] = Field(description="Ids of the transfer events this claim states.")
    breaches: list[BreachPublic]


class ClaimChangePublic(Public):
    """One line of a write's claim-level difference."""

    op: Literal["added", "changed", "retracted"]
    source: str
    identity: str = Field(description="The claim's key, or its slot (kind|parties|locator).")
    new: str | None = Field(default=None, description="Id of the claim now held.")
    old: str | None = Field(default=None, description="Id of the claim retracted.")


class LoadResult(Public):
    claims_received: int
    changed: bool
    counts: dict[str, int]
    added: int = 0
    changed_claims: int = 0
    retracted: int = 0
    breaches_written: int = 0
    breaches_retracted: int = 0
    changes: list[ClaimChangePublic] = Field(default_factory=list)


class Health(Public):
    status: str
    store: str
    counts: dict[str, int]


class StateBrief(Public):
    id: str
    name: str
    iso2: str


class PairFlowPublic(Public):
    """One edge of the network: every transfer from ``supplier`` to ``recipient`` that passed
    the filters, counted by kind, and how many of them a breach concerns."""

    supplier: str
    recipient: str
    events: int
    shipments: int
    deployments: int
    assistance: int
    inferred: int = Field(description="Events with a breach the reasoner inferred.")
    asserted: int = Field(description="Events with a breach a source asserts.")


class NetworkPublic(Public):
    """States and the flows between them, busiest pairs first, capped at ``limit``."""

    states: dict[str, StateBrief]
    flows: list[PairFlowPublic]
    total_pairs: int = Field(description="Pairs that passed the filters.")
    more: int = Field(description="Pairs left out by the cap ('and N more').")


class DeltaPublic(Public):
    """One change, as a line of an OpenSanctions delta file."""

    op: Literal["ADD", "MOD", "DEL"]
    entity: dict[str, Any] = Field(
        description="schema (Source, Claim, Transfer, Breach), id, properties (not on DEL); "
        "previous: the id an edited claim replaces"
    )


class ChangesPublic(Public):
    since: dt.datetime
    until: dt.datetime
    count: int
    changes: list[DeltaPublic]
