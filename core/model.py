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
periods, name references), ``model_claims`` (sources, claims, statements), ``model_derived``
(transfer events, breaches).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Literal

from pydantic import Field

from armsgraph.core.model_claims import (
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
from armsgraph.core.model_values import (
    Number,
    Period,
    ProvisionRef,
    Quantity,
    ResolutionRef,
    StateRef,
    WeaponRef,
    format_number,
)
from armsgraph.core.model_vocab import (
    UN_REGISTER_CATEGORIES,
    AssistanceKind,
    Category,
    Confidence,
    EventKind,
    Model,
    PartialDate,
    PersonnelKind,
    Qualifier,
    QuoteKind,
    SourceKind,
    TransportMode,
    VerificationStatus,
)

__all__ = [
    "UN_REGISTER_CATEGORIES",
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
    "Resolution",
    "ResolutionRef",
    "Role",
    "ScopeException",
    "ShipmentStatement",
    "Source",
    "SourceKind",
    "State",
    "StateRef",
    "TransferEvent",
    "TransportMode",
    "VerificationStatus",
    "WeaponRef",
    "WeaponSystem",
    "format_number",
]


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
