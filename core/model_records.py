"""Register records: a row of a register as the evidence of a claim (part of ``core.model``).

A register (the SIPRI Arms Transfers Database, the UN Register of Conventional Arms, an NGO's
table) has no sentence to quote: the row itself is the evidence. A claim taken from one has
``quote_kind`` ``record`` and a ``RegisterRecord``: where the row stands (register, file,
line), its raw cells exactly as read, and what the importer read from them (figures with the
register's uncertainty flags, second-hand status, deliveries per year, value figures,
comments). The claim's statement says the same in the terms of the model; the record keeps
what the model has no field for, so nothing the register said is lost.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from armsgraph.core.model_values import Number, Quantity
from armsgraph.core.model_vocab import Model


class SupplyStatus(StrEnum):
    """Whether the register lists the weapons as new or as second hand (used)."""

    NEW = "new"
    SECOND_HAND = "second_hand"


class RegisterCell(Model):
    """One cell of the row: the column's header as the file has it (untitled columns keep
    their blank header, so headers may repeat) and the value exactly as read."""

    header: str
    value: str


class Delivery(Model):
    """Deliveries in one year; ``number`` is absent where the register lists the year only."""

    year: int = Field(ge=1000, le=9999)
    number: Number | None = None
    uncertain: bool = Field(default=False, description="The register marks this year uncertain.")


class RegisterRecord(Model):
    """A register row as evidence: its place, its raw cells and what was read from them."""

    register_name: str = Field(
        min_length=1,
        description="The register or table the row comes from.",
        examples=["SIPRI Arms Transfers Database", "UN Register of Conventional Arms"],
    )
    file: str = Field(min_length=1, description="The file's name, as imported.")
    line: int = Field(ge=1, description="The row's first line in the file (1-based).")
    cells: list[RegisterCell] = Field(
        min_length=1, description="Every cell of the row, in file order, exactly as read."
    )
    status: SupplyStatus | None = None
    order_year: int | None = Field(default=None, ge=1000, le=9999)
    order_year_uncertain: bool = False
    ordered: Quantity | None = Field(default=None, description="Number ordered.")
    delivered: Quantity | None = Field(default=None, description="Number delivered.")
    deliveries: list[Delivery] = Field(
        default_factory=list, description="Deliveries year by year, in the register's order."
    )
    tiv_per_unit: Number | None = Field(
        default=None, description="SIPRI trend-indicator value per unit (millions)."
    )
    tiv_total_order: Number | None = Field(
        default=None, description="SIPRI trend-indicator value of the whole order (millions)."
    )
    tiv_delivered: Number | None = Field(
        default=None, description="SIPRI trend-indicator value of what was delivered (millions)."
    )
    comments: str | None = Field(default=None, description="The register's comments text.")

    @property
    def uncertain(self) -> bool:
        """Whether the register flags any figure of the row as uncertain."""
        return (
            self.order_year_uncertain
            or any(q is not None and q.uncertain for q in (self.ordered, self.delivered))
            or any(d.uncertain for d in self.deliveries)
        )

    @property
    def locator(self) -> str:
        return f"{self.file}:{self.line}"
