"""Parameter types the routers share, so each rule is written once.

pydantic reads a number as a Unix time for dates and date-times (``until=0`` as
1970-01-01), which no user means: dates come as YYYY-MM-DD, moments as ISO 8601.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from fastapi import Query
from pydantic import BaseModel, BeforeValidator, Field

from armsgraph.core.model import Category, Credibility, Reliability

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_NUMBER = re.compile(r"[+-]?\d+(?:\.\d*)?(?:[eE][+-]?\d+)?", re.ASCII)


def _calendar_day(value: object) -> object:
    if isinstance(value, str) and not _DAY.fullmatch(value):
        raise ValueError("expected a day as YYYY-MM-DD")
    return value


def _iso_moment(value: object) -> object:
    if isinstance(value, str) and _NUMBER.fullmatch(value.strip()):
        raise ValueError("expected an ISO 8601 date or date-time, not a number")
    return value


Day = Annotated[dt.date, BeforeValidator(_calendar_day)]
Moment = Annotated[dt.datetime | dt.date, BeforeValidator(_iso_moment)]
Since = Annotated[
    Day | None, Query(description="Only transfers overlapping this day or later (YYYY-MM-DD).")
]
Until = Annotated[
    Day | None, Query(description="Only transfers overlapping this day or earlier (YYYY-MM-DD).")
]
CategoryQ = Annotated[Category | None, Query(description="Only shipments carrying this category.")]


_ACTOR = "A state or other actor: name, alias, capital or ISO code."


class TransferFilter(BaseModel):
    """The filters /shipments and /transfers share: a new filter is added here once."""

    supplier: str | None = Field(
        default=None, max_length=200, examples=["DPRK"], description=_ACTOR
    )
    recipient: str | None = Field(
        default=None, max_length=200, examples=["Russia"], description=_ACTOR
    )
    category: CategoryQ = None
    since: Since = None
    until: Until = None
    limit: int = Field(default=1000, ge=1, le=10000)


TransferFilterQ = Annotated[TransferFilter, Query()]


# What a minimum grade means, said once for the OpenAPI document and the README.
_UNGRADED = (
    " Ungraded claims are left out (nothing says they meet it). The answer is derived again "
    "from the claims that pass: a transfer needs at least one of them, and breaches are "
    "inferred from them alone (a yearly cap counts only their deliveries)."
)
MinReliability = Annotated[
    Reliability | None,
    Query(
        description="Only claims whose Admiralty source reliability is this grade or better "
        "(A best, then B, C, D, E; F, 'cannot be judged', ranks last)." + _UNGRADED
    ),
]
MinCredibility = Annotated[
    Credibility | None,
    Query(
        description="Only claims whose Admiralty information credibility is this grade or "
        "better (1 best ... 6, 'cannot be judged', last)." + _UNGRADED
    ),
]
