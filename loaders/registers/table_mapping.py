"""The mapping file of ``armsgraph import table``: which column of a table fills which field.

A small YAML file (the README has a worked example, ``data/examples/``): the source the
table is, where its header is, and for each claim field either a ``column`` (with an optional
value ``map`` and a date ``format``) or a fixed ``value``. Every claim is a shipment, the
kind of statement NGO and customs tables hold. Problems in the mapping are reported at the
mapping file's line and column, with the field; a column the table does not have is
reported the same way, once the table's header is read.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, Literal, Self

from pydantic import Field, ValidationError, field_validator, model_validator

from armsgraph.core.errors import DataError, Problem
from armsgraph.core.model import Model, Source
from armsgraph.loaders.yaml_reader import YamlDocument

Encoding = Literal["utf-8", "utf-8-sig", "latin-1", "cp1252"]

# strptime directives -> how precise the date they read is.
_DAY = re.compile(r"%[dj]")
_MONTH = re.compile(r"%[mbB]")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class FieldMap(Model):
    """One claim field: read from ``column`` (a header as the table has it, or a 1-based
    column number) or fixed to ``value``."""

    column: str | int | None = Field(default=None, description="Header text or column number.")
    value: str | int | float | None = Field(
        default=None, description="The same value on every row."
    )
    map: dict[str, str] = Field(
        default_factory=dict,
        description="Cell text -> value (e.g. 'rifle' -> 'small_arms_light_weapons'); "
        "cells not listed are taken as they are.",
    )
    format: str | None = Field(
        default=None,
        description="Dates: a strptime format such as '%d/%m/%Y'; its directives set the "
        "precision (no %d: a month; no %m either: a year). Without it dates are YYYY, "
        "YYYY-MM or YYYY-MM-DD.",
    )

    @model_validator(mode="after")
    def _one_way(self) -> Self:
        if (self.column is None) == (self.value is None):
            raise ValueError("give either a column or a fixed value")
        if isinstance(self.column, int) and self.column < 1:
            raise ValueError("column numbers start at 1")
        return self

    @field_validator("format")
    @classmethod
    def _a_date_format(cls, value: str | None) -> str | None:
        if value is not None and "%Y" not in value and "%y" not in value:
            raise ValueError("a date format needs the year (%Y or %y)")
        return value

    def date(self, text: str) -> str:
        """The cell as a partial date, read with ``format``."""
        if self.format is None:
            return text
        try:
            parsed = dt.datetime.strptime(text, self.format)
        except ValueError:
            if _ISO_DAY.match(text):  # a spreadsheet's date cell, read as a date already
                return text
            raise ValueError(f"{text!r} does not match the date format {self.format!r}") from None
        if _DAY.search(self.format):
            return parsed.date().isoformat()
        if _MONTH.search(self.format):
            return f"{parsed.year:04d}-{parsed.month:02d}"
        return f"{parsed.year:04d}"


def _column_shorthand(value: Any) -> Any:
    # ``supplier: Origin`` is ``supplier: {column: Origin}``.
    return {"column": value} if isinstance(value, str | int) else value


class ClaimFields(Model):
    """Claim fields a table can fill; each a ``FieldMap`` (or a header, as shorthand)."""

    supplier: FieldMap
    recipient: FieldMap
    weapon: FieldMap
    category: FieldMap | None = None
    quantity: FieldMap | None = None
    unit: FieldMap | None = None
    qualifier: FieldMap | None = None
    start: FieldMap | None = Field(default=None, description="Start of the period (a date).")
    end: FieldMap | None = Field(default=None, description="End of the period (a date).")
    period_text: FieldMap | None = None
    transport: FieldMap | None = Field(default=None, description="sea, rail, air or road.")
    ports: FieldMap | None = None
    vessels: FieldMap | None = None
    flow: FieldMap | None = None
    asserted_by: FieldMap
    confidence: FieldMap
    reported: FieldMap
    key: FieldMap | None = None
    locator: FieldMap | None = Field(default=None, description="Default: the file and line.")
    note: FieldMap | None = None

    @model_validator(mode="before")
    @classmethod
    def _shorthands(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {k: _column_shorthand(v) for k, v in data.items()}
        return data

    @model_validator(mode="after")
    def _unit_with_quantity(self) -> Self:
        if self.quantity is not None and self.unit is None:
            raise ValueError("a quantity needs a unit (a column or a fixed value)")
        return self

    def mapped(self) -> dict[str, FieldMap]:
        return {name: f for name in type(self).model_fields if (f := getattr(self, name))}


DATE_FIELDS = frozenset({"start", "end", "reported"})


class TableMapping(Model):
    source: Source = Field(description="The source the table is: one versioned source a file.")
    name: str | None = Field(
        default=None, description="The table's name in each claim's record (default: title)."
    )
    header_line: int = Field(
        default=1,
        ge=1,
        description="Line (CSV) or row (XLSX) of the header; rows above it "
        "are a preamble and are skipped.",
    )
    sheet: str | None = Field(default=None, description="XLSX: the worksheet (default: first).")
    encoding: Encoding = "utf-8"
    delimiter: str = Field(default=",", min_length=1, max_length=1)
    claim: ClaimFields

    @property
    def register_name(self) -> str:
        return self.name or self.source.title


class LocatedMapping:
    """A validated mapping and where each of its fields stands in the mapping file."""

    def __init__(self, mapping: TableMapping, doc: YamlDocument) -> None:
        self.mapping = mapping
        self.doc = doc

    def problem(self, field: str, message: str) -> Problem:
        return self.doc.problem(["claim", field, "column"], message)


def read_mapping(path: Path, display: str | None = None) -> LocatedMapping:
    """Parse and validate a mapping file, or raise ``DataError`` at its lines and columns."""
    doc = YamlDocument.parse(path, display)
    try:
        mapping = TableMapping.model_validate(doc.data())
    except ValidationError as exc:
        raise DataError(doc.problems(exc)) from None
    return LocatedMapping(mapping, doc)
