"""Records derived from claims: transfer events and breaches (part of ``core.model``)."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import Field

from armsgraph.core.model_claims import EventStatement
from armsgraph.core.model_values import Period
from armsgraph.core.model_vocab import EventKind, Model


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
