"""Values of the domain model: quantities, periods, and names resolved to ids (``core.model``).

Names in authored files ("Pyongyang", "Noord-Korea") are resolved to ids while validating,
through a ``Gazetteer`` passed as pydantic validation context; without one, fields must
already hold ids.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Annotated, Self

from pydantic import AfterValidator, Field, ValidationInfo, model_validator

from armsgraph.core.dates import partial_date_bounds
from armsgraph.core.model_vocab import Model, PartialDate, Qualifier

if TYPE_CHECKING:
    from armsgraph.core.names import Gazetteer


# --- values --------------------------------------------------------------------------------


def _normalise_number(value: float) -> float:
    # 9000000.0 and 9000000 must hash alike, so integral floats become ints.
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def format_number(value: float) -> str:
    """20000 -> '20,000'; 2.5 -> '2.5' (never scientific notation)."""
    value = _normalise_number(value)
    return f"{value:,}" if isinstance(value, int) else f"{value:,.6g}"


Number = Annotated[float, Field(ge=0), AfterValidator(_normalise_number)]


class Quantity(Model):
    """A reported amount: a value or low/high bounds, the qualifier as reported, and a unit."""

    value: Number | None = Field(default=None, description="The number the source gives.")
    low: Number | None = Field(default=None, description="Lower bound, for ranges.")
    high: Number | None = Field(default=None, description="Upper bound, for ranges.")
    qualifier: Qualifier = Qualifier.EXACTLY
    unit: str = Field(min_length=1, examples=["container", "round", "barrel", "missile"])
    text: str | None = Field(default=None, description="The amount as worded in the source.")
    uncertain: bool = Field(
        default=False,
        description="The source flags the figure as uncertain (a register's '?' or brackets).",
    )

    @model_validator(mode="after")
    def _bounds_make_sense(self) -> Self:
        if self.qualifier is Qualifier.BETWEEN:
            if self.low is None or self.high is None:
                raise ValueError("qualifier 'between' needs both low and high")
        elif self.value is None:
            raise ValueError("a value is required unless the qualifier is 'between'")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError(
                f"low ({format_number(self.low)}) is greater than high ({format_number(self.high)})"
            )
        return self

    @property
    def lower_bound(self) -> float | None:
        """The least amount the wording commits to (None where it commits to none)."""
        if self.qualifier is Qualifier.BETWEEN:
            return self.low
        if self.qualifier in (Qualifier.EXACTLY, Qualifier.AT_LEAST, Qualifier.MORE_THAN):
            return self.value
        return self.low

    def describe(self) -> str:
        flag = " (uncertain)" if self.uncertain else ""
        if self.qualifier is Qualifier.BETWEEN:
            low, high = format_number(self.low or 0), format_number(self.high or 0)
            return f"between {low} and {high} {self.unit}{flag}"
        prefix = "" if self.qualifier is Qualifier.EXACTLY else f"{self.qualifier.value} "
        return f"{prefix}{format_number(self.value or 0)} {self.unit}{flag}"


class Period(Model):
    """When something happened, as precisely as the source says it; an open end means ongoing."""

    start: PartialDate | None = None
    end: PartialDate | None = None
    text: str | None = Field(default=None, examples=["since September 2023", "in 2024"])

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.start is None and self.end is None and self.text is None:
            raise ValueError("a period needs a start, an end or the wording of the source")
        if (
            self.start
            and self.end
            and partial_date_bounds(self.start)[0] > partial_date_bounds(self.end)[1]
        ):
            raise ValueError(f"start {self.start} is after end {self.end}")
        return self

    @property
    def earliest(self) -> dt.date | None:
        return partial_date_bounds(self.start)[0] if self.start else None

    @property
    def latest(self) -> dt.date | None:
        return partial_date_bounds(self.end)[1] if self.end else None


# --- name references resolved through the gazetteer -----------------------------------------

_ISO3 = re.compile(r"^[A-Z]{3}$")
ACTOR_ID_PATTERN = r"^(?:[A-Z]{3}|[a-z][a-z0-9]*(?:-[a-z0-9]+)*)$"
_ACTOR_ID = re.compile(ACTOR_ID_PATTERN)


def _gazetteer(info: ValidationInfo) -> Gazetteer | None:
    ctx = info.context
    return ctx.get("gazetteer") if isinstance(ctx, dict) else None


def _resolve_actor(value: str, info: ValidationInfo) -> str:
    gaz = _gazetteer(info)
    if gaz is not None:
        return gaz.state(value).id
    if not _ACTOR_ID.match(value):
        raise ValueError(f"expected an ISO alpha-3 code or an actor id, got {value!r}")
    return value


def _resolve_weapon(value: str, info: ValidationInfo) -> str:
    gaz = _gazetteer(info)
    if gaz is None:
        return value
    return gaz.weapon_system(value, category=info.data.get("category")).id


def _resolve_provision(value: str, info: ValidationInfo) -> str:
    gaz = _gazetteer(info)
    return gaz.provision(value).id if gaz is not None else value


def _resolve_resolution(value: str, info: ValidationInfo) -> str:
    gaz = _gazetteer(info)
    return gaz.resolution(value).id if gaz is not None else value


ActorRef = Annotated[
    str,
    AfterValidator(_resolve_actor),
    Field(
        min_length=1,
        description="A state or other actor: ISO alpha-3 code, actor id, name in any language, "
        "register spelling, alias or capital used as metonym.",
        examples=["PRK", "North Korea", "Pyongyang", "Moscow", "Hezbollah", "unknown supplier"],
    ),
]
WeaponRef = Annotated[
    str,
    AfterValidator(_resolve_weapon),
    Field(
        min_length=1,
        description="A weapon system id, name or alias; or a designation the reference data "
        "does not list, with its category.",
        examples=["kn-23", "Hwasong-11", "Shahed-136"],
    ),
]
ProvisionRef = Annotated[
    str,
    AfterValidator(_resolve_provision),
    Field(min_length=1, examples=["S/RES/1718 (2006) OP8(b)", "unscr-1718-op8b"]),
]
ResolutionRef = Annotated[
    str,
    AfterValidator(_resolve_resolution),
    Field(min_length=1, examples=["S/RES/1718 (2006)", "1874", "unscr-1874"]),
]
