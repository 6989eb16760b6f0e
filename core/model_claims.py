"""Sources, claims and the statements they make: the unit of truth (part of ``core.model``)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import Any, Self

from pydantic import ConfigDict, Field, ValidationInfo, field_validator, model_validator

from armsgraph.core.model_records import RegisterRecord
from armsgraph.core.model_values import (
    ActorRef,
    Period,
    ProvisionRef,
    Quantity,
    ResolutionRef,
    WeaponRef,
)
from armsgraph.core.model_vocab import (
    AssistanceKind,
    Category,
    Confidence,
    Credibility,
    EventKind,
    Model,
    PartialDate,
    PersonnelKind,
    QuoteKind,
    Reliability,
    SourceKind,
    TransportMode,
)

SOURCE_ID_PATTERN = r"^[a-z0-9][a-z0-9.-]*$"


class Source(Model):
    id: str = Field(pattern=SOURCE_ID_PATTERN, examples=["msmt-2025-1"])
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
    # ``category`` comes first: the weapon's validator reads it (pydantic validates in order).
    category: Category | None = Field(
        default=None,
        description="The category of a designation the reference data does not list (it "
        "becomes a weapon system of that category); for a listed one it must agree.",
        examples=["VII_missiles_and_launchers"],
    )
    weapon: WeaponRef
    quantity: Quantity | None = None
    description: str | None = None

    @model_validator(mode="after")
    def _category_used(self, info: ValidationInfo) -> Self:
        # Once the weapon is resolved its category lives on the weapon system: the item
        # keeps none, so naming the category of a listed weapon does not change the claim.
        context = info.context if isinstance(info.context, dict) else {}
        if self.category is not None and context.get("gazetteer") is not None:
            return self.model_copy(update={"category": None})
        return self


class ShipmentStatement(Model):
    """Materiel moved from one state to another."""

    supplier: ActorRef
    recipient: ActorRef
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

    supplier: ActorRef = Field(description="The sending state.")
    recipient: ActorRef = Field(description="The host state.")
    personnel: PersonnelKind
    quantity: Quantity | None = None
    role: str | None = None
    period: Period | None = None
    flow: str | None = Field(default=None, pattern=r"^[a-z0-9][a-z0-9-]*$")


class AssistanceStatement(Model):
    """Training, technical data, services or finance given by one state to another."""

    supplier: ActorRef
    recipient: ActorRef
    assistance: AssistanceKind
    subject: str = Field(description="What the assistance concerned.")
    related_weapon: WeaponRef | None = None
    related_category: Category | None = None
    period: Period | None = None
    flow: str | None = Field(default=None, pattern=r"^[a-z0-9][a-z0-9-]*$")


class BreachStatement(Model):
    """A source's own statement that states violated resolutions (kept apart from inferred ones)."""

    states: list[ActorRef] = Field(min_length=1)
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
    quote: str = Field(
        min_length=1,
        description="The source's words (or a close summary; for a register row, its text).",
    )
    quote_kind: QuoteKind = QuoteKind.VERBATIM
    record: RegisterRecord | None = Field(
        default=None,
        description="The register row that is the evidence; given exactly when quote_kind "
        "is 'record'.",
    )
    asserted_by: str = Field(description="Who makes the statement, e.g. MSMT, US State Department.")
    confidence: Confidence
    grade_basis: str | None = Field(
        default=None,
        min_length=1,
        description="Who graded the claim and on what the grade rests; required with a grade.",
    )
    reliability: Reliability | None = Field(
        default=None,
        description="Admiralty/NATO source reliability, A (completely reliable) to F "
        "(cannot be judged); none when nobody graded it.",
    )
    credibility: Credibility | None = Field(
        default=None,
        description="Admiralty/NATO information credibility, 1 (confirmed by other sources) "
        "to 6 (cannot be judged); none when nobody graded it.",
    )
    reported: PartialDate = Field(description="When the source reported it.")
    shipment: ShipmentStatement | None = None
    deployment: DeploymentStatement | None = None
    assistance: AssistanceStatement | None = None
    breach: BreachStatement | None = None
    note: str | None = None

    @field_validator("reliability", "credibility")
    @classmethod
    def _graded_with_basis(
        cls, grade: Reliability | Credibility | None, info: ValidationInfo
    ) -> Reliability | Credibility | None:
        # ``grade_basis`` comes first, so it is in ``info.data`` when it was given.
        if grade is not None and not info.data.get("grade_basis"):
            raise ValueError("a grade needs grade_basis: who graded it, on what basis")
        return grade

    @model_validator(mode="after")
    def _exactly_one_statement(self) -> Self:
        if self.grade_basis and self.reliability is None and self.credibility is None:
            raise ValueError("grade_basis is given but neither reliability nor credibility")
        if not self.source:
            raise ValueError("a claim needs the id of its source")
        given = [k for k in ("shipment", "deployment", "assistance", "breach") if getattr(self, k)]
        if len(given) != 1:
            raise ValueError(
                "a claim states exactly one of shipment, deployment, assistance or breach"
                + (f" (found {', '.join(given)})" if given else "")
            )
        if (self.quote_kind is QuoteKind.RECORD) != (self.record is not None):
            raise ValueError("a claim has a record exactly when its quote_kind is 'record'")
        return self

    @cached_property
    def id(self) -> str:
        """Hashing a claim is the dearest step of a large load: computed once per instance."""
        from armsgraph.core.ids import claim_id

        return claim_id(self)

    def stored_as(self, ident: str) -> Self:
        """The claim read back from a store that keys it by ``ident``, the hash of this
        content written with it: taken as its id instead of hashing it again (the dearest
        step of reading a claim; tests compare the two over the bundled data)."""
        self.__dict__["id"] = ident
        return self

    @cached_property
    def event_id(self) -> str | None:
        """The id of the transfer event the claim states (None for a breach claim): the
        hash of the statement alone, so claims stating the same event share it."""
        from armsgraph.core.ids import event_id

        kind, statement = self.event_kind, self.event
        return None if kind is None or statement is None else event_id(kind.value, statement)

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        copy = super().model_copy(update=update, deep=deep)
        for cached in ("id", "event_id"):  # the cached ids belong to the original's content
            copy.__dict__.pop(cached, None)
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
