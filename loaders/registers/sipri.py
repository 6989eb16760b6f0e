"""The SIPRI Arms Transfers Database trade register, as its CSV exports lay it out.

What is known of the layout (the project's notes on SIPRI's export formats, and public files
quoting real exports; nothing here goes beyond them):

- **current export** (armstransfers.sipri.org): a few preamble lines (a title naming the
  selection; "A '?' in a column indicates uncertain data. ..."; "SIPRI trend-indicator values
  (TIVs) are in millions."; a blank line; "Source: SIPRI Arms Transfers Database (c) SIPRI.";
  "Data generated: 28 Sep 2026 9:10:31 AM"), then the header ``Recipient,Supplier,Year of
  order, ,Number ordered, ,Weapon designation,Weapon description,Deliveries in the Year
  Range, ,Year(s) of delivery,status,Comments,SIPRI TIV per unit,SIPRI TIV for total
  order,SIPRI TIV of delivered weapons``. Each untitled column holds ``?`` when the value
  before it is uncertain. ``status`` is ``New`` or ``Second hand``; delivery years are
  ``2004; 2005``; non-state recipients end in ``**``; comments may hold quoted commas.
- **older export** (export_trade_register.php): about 11 metadata lines, Latin-1, the same
  columns with ``Number delivered`` for the delivered count; uncertain values in brackets,
  e.g. ``(2025)``.

Both are read by the same code: the layout is recognised by its header, the encoding by
whether the bytes are UTF-8, and a value is uncertain when its ``?`` column says so, when it
is in brackets, or when it ends in ``?``. Each row with deliveries becomes one shipment claim
asserted by SIPRI (file:line the locator, the row the evidence); a row with no delivery (an
open order) states no transfer and becomes no claim.
"""

from __future__ import annotations

import codecs
import datetime as dt
import functools
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from armsgraph.core.errors import DataError, Problem
from armsgraph.core.model import (
    Confidence,
    Delivery,
    Period,
    Quantity,
    QuoteKind,
    Source,
    SourceKind,
    SupplyStatus,
)
from armsgraph.core.text import normalise_name
from armsgraph.loaders.registers.importer import RegisterFormat
from armsgraph.loaders.registers.rows import Row, Table, read_csv
from armsgraph.loaders.registers.shared import SHARED
from armsgraph.loaders.registers.sipri_categories import category_of

REGISTER = "SIPRI Arms Transfers Database"
URL = "https://armstransfers.sipri.org/"
DELIVERED_HEADERS = ("Deliveries in the Year Range", "Number delivered")
STATUS = {"new": SupplyStatus.NEW, "second hand": SupplyStatus.SECOND_HAND}
_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug",
                                        "sep", "oct", "nov", "dec"), start=1)}  # fmt: skip
_GENERATED = re.compile(r"generated:\s*(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?\s+(\d{4})", re.I)
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def is_header(cells: Sequence[str]) -> bool:
    names = [c.strip() for c in cells]
    return names[:2] == ["Recipient", "Supplier"] and "Weapon designation" in names


def utf8_or_latin1(path: Path) -> str:
    """UTF-8 when every byte decodes as UTF-8 (a streamed check), else Latin-1, which
    decodes any bytes (the older export is Latin-1)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as raw:
        try:
            while chunk := raw.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "latin-1"
    return "utf-8-sig"


@dataclass(frozen=True)
class Figure:
    value: str  # the number or year as written, without brackets or flag
    uncertain: bool


def figure(raw: str, flag: str = "") -> Figure:
    """A cell's value with its uncertainty: the ``?`` column, brackets or a trailing ``?``."""
    text = raw.strip()
    uncertain = flag.strip() == "?"
    if text.endswith("?"):
        text, uncertain = text[:-1].strip(), True
    if text.startswith("(") and text.endswith(")"):
        text, uncertain = text[1:-1].strip(), True
    return Figure(text, uncertain)


class SipriFormat(RegisterFormat):
    """``armsgraph import sipri FILE``: both trade-register layouts."""

    name: ClassVar[str] = "sipri"
    field_columns: ClassVar[dict[str, str | int]] = {
        "shipment.supplier": "Supplier",
        "shipment.recipient": "Recipient",
        "shipment.items.0.weapon": "Weapon designation",
        "shipment.items.0.category": "Weapon description",
        "record.comments": "Comments",
    }

    def open(self, path: Path, name: str) -> Table:
        table = read_csv(path, name, is_header, encoding=utf8_or_latin1(path))
        missing = [h for h in _REQUIRED if h not in table.header]
        if not any(h in table.header for h in DELIVERED_HEADERS):
            missing.append(" or ".join(DELIVERED_HEADERS))
        if missing:
            table.__exit__(None, None, None)
            message = f"not a SIPRI trade register: no column {', '.join(map(repr, missing))}"
            raise DataError([Problem(name, table.header_line, None, "header", message)])
        return table

    def source(self, table: Table, path: Path) -> Source:
        texts = [p.text for p in table.preamble if p.text]
        title = next((t for t in texts if not _is_note(t)), "") or path.stem
        generated = next((m for t in texts if (m := _GENERATED.search(t))), None)
        if generated is None:
            message = "no 'Data generated: <day> <month> <year>' line before the header"
            raise DataError([Problem(table.name, None, None, "preamble", message)])
        day, month, year = generated.groups()
        date = dt.date(int(year), _MONTHS[month[:3].casefold()], int(day)).isoformat()
        # The selection (the title) names the source: every export of it is one source,
        # so a revised export replaces the earlier one.
        digest = hashlib.sha256(normalise_name(title).encode()).hexdigest()[:12]
        return Source(
            id=f"sipri-trade-register-{digest}",
            title=f"SIPRI trade register: {' '.join(title.split())}",
            publisher="SIPRI",
            date=date,
            kind=SourceKind.RESEARCH,
            url=URL,
            note=f"Imported from {path.name} ({table.header_line - 1} preamble lines).",
        )

    def row_claims(self, row: Row, source: Source) -> list[dict[str, Any]]:
        cols = _Columns.of(row.header)
        delivered = _number(row, cols.delivered, "record.delivered.value")
        years = _years(row, cols.years)
        if delivered is None and not years:
            return []  # an open order: no transfer to state
        description = row.get("Weapon description")
        unit = description or "unit"
        ordered = _number(row, cols.ordered, "record.ordered.value")
        order_year = _year(row, cols.order_year, "record.order_year")
        file_name = Path(row.file).name
        quantity = _quantity(delivered, unit)  # ordered and delivered: one model
        record = {
            "register_name": REGISTER,
            "file": file_name,
            "line": row.line,
            "cells": row.register_cells(),
            "status": _status(row),
            "order_year": int(order_year.value) if order_year else None,
            "order_year_uncertain": bool(order_year and order_year.uncertain),
            "ordered": _quantity(ordered, unit),
            "delivered": quantity,
            "deliveries": [
                SHARED.model(Delivery, year=int(y.value), uncertain=y.uncertain) for y in years
            ],
            "tiv_per_unit": _tiv(row, "SIPRI TIV per unit"),
            "tiv_total_order": _tiv(row, "SIPRI TIV for total order"),
            "tiv_delivered": _tiv(row, "SIPRI TIV of delivered weapons"),
            "comments": row.get("Comments") or None,
        }
        uncertain = any(f is not None and f.uncertain for f in (ordered, delivered, order_year))
        uncertain = uncertain or any(y.uncertain for y in years)
        first, last = (min(years, key=_y), max(years, key=_y)) if years else (None, None)
        item = {
            "weapon": row.get("Weapon designation"),
            "category": category_of(description),
            "quantity": quantity,
            "description": description or None,
        }
        return [
            {
                "source": source.id,
                "locator": f"{file_name}:{row.line}",
                "quote": row.text(),
                "quote_kind": QuoteKind.RECORD,
                "asserted_by": "SIPRI",
                # SIPRI compiles open sources: an assessment (medium); a row it flags as
                # uncertain is weaker still (low).
                "confidence": Confidence.LOW if uncertain else Confidence.MEDIUM,
                "reported": source.date,
                "record": record,
                "shipment": {
                    "supplier": _party(row, "Supplier"),
                    "recipient": _party(row, "Recipient"),
                    "items": [item],
                    "period": (
                        SHARED.model(Period, start=first.value, end=last.value)
                        if first and last
                        else None
                    ),
                },
            }
        ]


_REQUIRED = (
    "Recipient",
    "Supplier",
    "Year of order",
    "Number ordered",
    "Weapon designation",
    "Weapon description",
    "Year(s) of delivery",
    "status",
    "Comments",
    "SIPRI TIV per unit",
    "SIPRI TIV for total order",
    "SIPRI TIV of delivered weapons",
)


def _is_note(text: str) -> bool:
    lowered = text.casefold()
    return (
        lowered.startswith(("a '?'", "source:", "an empty field", "a '0'", "for the method"))
        or "generated:" in lowered
        or "in millions" in lowered
        or lowered.startswith("figures may not")
    )


@dataclass(frozen=True)
class _Columns:
    """Column indexes of a header; a value's ``?`` flag is the untitled column after it."""

    order_year: tuple[int, int | None]
    ordered: tuple[int, int | None]
    delivered: tuple[int, int | None]
    years: int

    @classmethod
    @functools.lru_cache(maxsize=16)  # every row of a file has the same header
    def of(cls, header: tuple[str, ...]) -> _Columns:
        def with_flag(name: str) -> tuple[int, int | None]:
            i = header.index(name)
            flagged = i + 1 < len(header) and not header[i + 1].strip()
            return i, i + 1 if flagged else None

        delivered = next(h for h in DELIVERED_HEADERS if h in header)
        return cls(
            with_flag("Year of order"),
            with_flag("Number ordered"),
            with_flag(delivered),
            header.index("Year(s) of delivery"),
        )


def _flagged(row: Row, at: tuple[int, int | None], flag_field: str) -> Figure | None:
    value, flag = at
    cell = figure(row.get(value), row.get(flag) if flag is not None else "")
    if flag is not None and row.get(flag) not in ("", "?"):
        raise row.error(flag, flag_field, f"expected '?' or nothing, got {row.get(flag)!r}")
    return cell if cell.value else None


def _number(row: Row, at: tuple[int, int | None], field: str) -> Figure | None:
    cell = _flagged(row, at, field.replace(".value", ".uncertain"))
    if cell is not None and not _NUMBER.fullmatch(cell.value):
        raise row.error(at[0], field, f"expected a number, got {row.get(at[0])!r}")
    return cell


def _year(row: Row, at: tuple[int, int | None], field: str) -> Figure | None:
    cell = _flagged(row, at, f"{field}_uncertain")
    if cell is not None and not re.fullmatch(r"\d{4}", cell.value):
        raise row.error(at[0], field, f"expected a year, got {row.get(at[0])!r}")
    return cell


def _years(row: Row, column: int) -> list[Figure]:
    """``2004; 2005`` (each possibly uncertain) -> the years in the register's order."""
    text = row.get(column)
    years = [figure(part) for part in text.split(";") if part.strip()]
    for y in years:
        if not re.fullmatch(r"\d{4}", y.value):
            message = f"expected years separated by ';', got {text!r}"
            raise row.error(column, "record.deliveries", message)
    return years


def _y(year: Figure) -> int:
    return int(year.value)


def _quantity(cell: Figure | None, unit: str) -> Quantity | dict[str, Any] | None:
    if cell is None:
        return None
    return SHARED.model(Quantity, value=float(cell.value), unit=unit, uncertain=cell.uncertain)


def _tiv(row: Row, header: str) -> float | None:
    text = row.get(header)
    if not text:
        return None
    if not _NUMBER.fullmatch(text):
        raise row.error(header, f"record.{_TIV_FIELDS[header]}", f"expected a number: {text!r}")
    return float(text)


_TIV_FIELDS = {
    "SIPRI TIV per unit": "tiv_per_unit",
    "SIPRI TIV for total order": "tiv_total_order",
    "SIPRI TIV of delivered weapons": "tiv_delivered",
}


def _status(row: Row) -> SupplyStatus | None:
    text = row.get("status")
    if not text:
        return None
    status = STATUS.get(" ".join(text.casefold().replace("-", " ").split()))
    if status is None:
        raise row.error("status", "record.status", f"expected New or Second hand, got {text!r}")
    return status


def _party(row: Row, header: str) -> str:
    # "African Union**": SIPRI marks non-state recipients with asterisks; the name is before
    # them (the raw cell stays in the record).
    return row.get(header).rstrip("*").strip()
