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

Import every model type from here. Reference data is defined in this module; the rest lives
beside it, by seam: ``model_vocab`` (base class, vocabularies), ``model_values`` (quantities,
periods, name references), ``model_claims`` (sources, claims, statements),
``model_records`` (register rows as evidence), ``model_derived`` (transfer events, breaches).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Literal, Self

from pydantic import Field, model_validator

from armsgraph.core.dates import partial_date_bounds
from armsgraph.core.model_actors import ISO_ACTOR_KINDS, Actor, ActorKind, Role
from armsgraph.core.model_claims import (
    SOURCE_ID_PATTERN,
    AssistanceStatement,
    BreachStatement,
    Claim,
    ClaimFile,
    DeploymentStatement,
    EventStatement,
    ItemLine,
    ShipmentStatement,
    Source,
)
from armsgraph.core.model_derived import Breach, BreachBasis, TransferEvent
from armsgraph.core.model_records import Delivery, RegisterCell, RegisterRecord, SupplyStatus
from armsgraph.core.model_values import (
    ACTOR_ID_PATTERN,
    ActorRef,
    Number,
    Period,
    ProvisionRef,
    Quantity,
    ResolutionRef,
    WeaponRef,
    format_number,
)
from armsgraph.core.model_vocab import (
    UN_REGISTER_CATEGORIES,
    AssistanceKind,
    Category,
    Confidence,
    Credibility,
    EventKind,
    Model,
    PartialDate,
    PersonnelKind,
    Qualifier,
    QuoteKind,
    Reliability,
    SourceKind,
    TransportMode,
    VerificationStatus,
)

__all__ = [
    "ACTOR_ID_PATTERN",
    "ISO_ACTOR_KINDS",
    "SOURCE_ID_PATTERN",
    "UN_REGISTER_CATEGORIES",
    "Actor",
    "ActorKind",
    "ActorRef",
    "AmbiguousName",
    "AssistanceKind",
    "AssistanceStatement",
    "Breach",
    "BreachBasis",
    "BreachStatement",
    "Cap",
    "Category",
    "Claim",
    "ClaimFile",
    "Confidence",
    "Credibility",
    "Delivery",
    "DeploymentStatement",
    "Direction",
    "EventKind",
    "EventStatement",
    "ItemLine",
    "Model",
    "Number",
    "PartialDate",
    "Period",
    "PersonnelKind",
    "Provision",
    "ProvisionRef",
    "ProvisionScope",
    "Qualifier",
    "Quantity",
    "QuoteKind",
    "RegisterCell",
    "RegisterRecord",
    "Reliability",
    "Resolution",
    "ResolutionRef",
    "Role",
    "ScopeException",
    "ShipmentStatement",
    "Source",
    "SourceKind",
    "SupplyStatus",
    "TransferEvent",
    "TransportMode",
    "VerificationStatus",
    "WeaponRef",
    "WeaponSystem",
    "format_number",
]


class AmbiguousName(Model):
    """A name sources use for more than one actor; resolving it is an error naming them."""

    name: str = Field(examples=["Congo", "Korea"])
    candidates: list[str] = Field(min_length=2, description="Ids of the actors it may mean.")
    note: str | None = None


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


class TargetReach(StrEnum):
    """Which parties a provision's targets stand for."""

    PARTY = "party"  # the target itself: a state (its government) or a named group
    TERRITORY = "territory"  # the target state and every actor based in its territory
    NON_STATE_IN_TERRITORY = "non_state_in_territory"  # actors based there, not the state


class InForce(Model):
    """One period a provision applied; one lifted and later restored has several."""

    start: PartialDate = Field(description="First day it applied, as precisely as known.")
    end: PartialDate | None = Field(
        default=None, description="Last day it applied; absent while it is in force."
    )
    started_by: str | None = Field(
        default=None, examples=["adoption", "snapback under S/RES/2231 (2015) OP11-12"]
    )
    ended_by: str | None = Field(
        default=None, examples=["S/RES/2231 (2015) OP7, on Implementation Day"]
    )
    status: VerificationStatus = Field(description="How firmly these dates were checked.")
    sources: list[str] = Field(default_factory=list)
    note: str | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.end is not None and self.earliest > self.latest_end:
            raise ValueError(f"start {self.start} is after end {self.end}")
        return self

    @property
    def earliest(self) -> dt.date:
        return partial_date_bounds(self.start)[0]

    @property
    def latest_end(self) -> dt.date:
        """The last day it can have applied (date.max while in force)."""
        return partial_date_bounds(self.end)[1] if self.end else dt.date.max

    def describe(self) -> str:
        return f"from {self.start}" + (f" until {self.end}" if self.end else "")


class ScopeException(Model):
    """Transfers a provision leaves out: items, parties on the target side, or both.

    With ``parties``, only transfers whose target-side party (the recipient of supply
    to the target, the supplier of supply from it) is one of them are left out, e.g.
    the government after a partial lifting or a UN mission.
    """

    categories: list[Category] = Field(default_factory=list)
    parties: list[str] = Field(default_factory=list, examples=[["SOM"], ["unmil"]])
    since: PartialDate | None = Field(
        default=None, description="When the exception began to apply, as precisely as known."
    )
    until: dt.date | None = Field(default=None, description="Last day the exception applied.")
    closed_by: ProvisionRef | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _says_what(self) -> Self:
        if not self.categories and not self.parties:
            raise ValueError("an exception names categories, parties or both")
        if self.since and self.until and partial_date_bounds(self.since)[0] > self.until:
            raise ValueError(f"since {self.since} is after until {self.until}")
        return self


class Cap(Model):
    """A ceiling on an aggregate over a window, e.g. refined petroleum per calendar year."""

    limit: float = Field(gt=0)
    unit: str
    window: Literal["calendar_year"] = "calendar_year"
    aggregate: Literal["all_suppliers"] = "all_suppliers"


class ProvisionScope(Model):
    """What a provision forbids, as data the reasoner matches events against."""

    targets: list[str] = Field(
        min_length=1,
        description="Ids of the states or actors the provision is about.",
        examples=[["PRK"], ["LBN"], ["houthis"]],
    )
    reach: TargetReach = Field(
        default=TargetReach.PARTY,
        description="Whether a target stands for itself, its whole territory, or the "
        "non-state actors based in its territory.",
    )
    directions: list[Direction] = Field(min_length=1)
    event_kinds: list[EventKind] = Field(min_length=1)
    categories: list[Category] = Field(default_factory=list)
    assistance_kinds: list[AssistanceKind] = Field(default_factory=list)
    personnel_kinds: list[PersonnelKind] = Field(default_factory=list)
    in_force: list[InForce] = Field(
        min_length=1, description="When it applied, in order; several after a restoration."
    )
    exceptions: list[ScopeException] = Field(default_factory=list)
    unchecked_conditions: list[str] = Field(
        default_factory=list,
        description="Conditions the data cannot decide (Committee approval, notification, "
        "end use, range thresholds): every breach of the provision names them.",
    )
    cap: Cap | None = None
    obligated: list[Role] = Field(
        min_length=1, description="Whose conduct breaches it: the supplier, the recipient, both."
    )

    @model_validator(mode="after")
    def _periods_in_order(self) -> Self:
        for before, after in zip(self.in_force, self.in_force[1:], strict=False):
            if before.end is None or before.latest_end >= after.earliest:
                raise ValueError(
                    f"in_force periods overlap or are out of order ({before.describe()}, "
                    f"then {after.describe()})"
                )
        return self

    @property
    def effective_from(self) -> dt.date:
        """The first day it can have applied."""
        return self.in_force[0].earliest

    @property
    def effective_until(self) -> dt.date | None:
        """The last day it can have applied; None while in force."""
        last = self.in_force[-1]
        return last.latest_end if last.end else None


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
