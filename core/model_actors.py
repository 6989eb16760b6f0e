"""Actors: states, historical states, armed groups, international organisations, unknowns."""

from __future__ import annotations

from enum import StrEnum
from typing import Self

from pydantic import Field, model_validator

from armsgraph.core.model_values import _ISO3, ACTOR_ID_PATTERN
from armsgraph.core.model_vocab import Model, PartialDate


class Role(StrEnum):
    SUPPLIER = "supplier"
    RECIPIENT = "recipient"


class ActorKind(StrEnum):
    """What kind of party supplies, receives, breaches or is targeted."""

    STATE = "state"  # an ISO 3166-1 entry: a state or a territory
    HISTORICAL_STATE = "historical_state"  # an ISO 3166-3 entry: its code was withdrawn
    ARMED_GROUP = "non_state_armed_group"
    INTERNATIONAL_ORGANISATION = "international_organisation"  # NATO, the AU, UN missions
    UNKNOWN = "unknown"  # an unknown supplier or recipient, as registers record it


ISO_ACTOR_KINDS = frozenset({ActorKind.STATE, ActorKind.HISTORICAL_STATE})


class Actor(Model):
    """A state, historical state, armed group, international organisation or unknown party.

    States and historical states keep their ISO 3166 alpha-3 code as id; every other
    actor has a lower-case id (``hezbollah``, ``nato``, ``unknown-supplier``).
    """

    id: str = Field(
        pattern=ACTOR_ID_PATTERN,
        description="ISO 3166 alpha-3 code for states; a lower-case slug for other actors.",
        examples=["PRK", "SUN", "hezbollah"],
    )
    kind: ActorKind = ActorKind.STATE
    iso2: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    numeric: str | None = Field(default=None, pattern=r"^\d{3}$")
    name: str
    wikidata: str | None = Field(default=None, pattern=r"^Q\d+$")
    capital: str | None = None
    aliases: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Other names by BCP 47 language tag ('und' where the language is not "
        "known), capitals included.",
    )
    un_member_since: int | None = Field(default=None, ge=1945, le=2100)
    based_in: str | None = Field(
        default=None,
        pattern=r"^[A-Z]{3}$",
        description="For a non-state actor: the state it is based in (ISO alpha-3).",
    )
    only_as: Role | None = Field(
        default=None,
        description="The one side an actor can stand on (an unknown supplier supplies).",
    )
    valid_from: PartialDate | None = None
    valid_until: PartialDate | None = None
    validity_basis: str | None = Field(
        default=None, description="Where the validity dates come from."
    )
    sources: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _coded_as_its_kind(self) -> Self:
        iso = self.kind in ISO_ACTOR_KINDS
        if iso != bool(_ISO3.match(self.id)):
            raise ValueError(
                f"a {self.kind.value} has "
                + ("an ISO alpha-3 id" if iso else "a lower-case id, not an ISO code")
            )
        if iso and self.iso2 is None:
            raise ValueError(f"a {self.kind.value} needs its ISO alpha-2 code (iso2)")
        if (self.valid_from or self.valid_until) and not self.validity_basis:
            raise ValueError("validity dates need a validity_basis saying where they come from")
        if self.kind is ActorKind.UNKNOWN and self.only_as is None:
            raise ValueError("an unknown actor stands for one side: give only_as")
        return self

    @property
    def is_state(self) -> bool:
        return self.kind in ISO_ACTOR_KINDS


class AmbiguousName(Model):
    """A name sources use for more than one actor; resolving it is an error naming them."""

    name: str = Field(examples=["Congo", "Korea"])
    candidates: list[str] = Field(min_length=2, description="Ids of the actors it may mean.")
    note: str | None = None
