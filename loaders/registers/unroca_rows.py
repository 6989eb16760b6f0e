"""One row of a UN Register report -> the claim it states (``unroca_layout`` reads the layout).

The reporting State asserts the claim: in its exports table it is the supplier and the row's
``Final importer state`` the recipient; in its imports table the row's ``Exporter state`` is
the supplier and the State the recipient. Both reports of one transfer get one ``flow``
(year, category, parties), so their figures stand side by side like any conflicting ones.
Transfers are reported by calendar year, so the period is that year; the file does not give
the date a report was submitted, so a claim is dated by the year it covers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from armsgraph.core.errors import UnknownNameError
from armsgraph.core.labels import label
from armsgraph.core.model import Actor, Source, SourceKind
from armsgraph.core.names import Gazetteer
from armsgraph.loaders.registers.table_rows import RowClaim
from armsgraph.loaders.registers.unroca_layout import (
    REGISTER_NAME,
    Direction,
    Header,
    Role,
    flow_id,
    read_category,
    read_number,
    source_id,
)

UNIT = "item"  # the Register counts "Number of items"


@dataclass(frozen=True)
class Report:
    """Which report a table is: the reporting State, the year and the direction."""

    state: Actor
    year: int
    direction: Direction

    @property
    def source_id(self) -> str:
        return source_id(self.state.id, self.year, self.direction)

    def source(self, file: str, url: str | None) -> Source:
        what = "exports" if self.direction is Direction.EXPORTS else "imports"
        return Source(
            id=self.source_id,
            title=f"{self.state.name}: report to the {REGISTER_NAME}, {what} in {self.year}",
            publisher=self.state.name,
            date=str(self.year),
            kind=SourceKind.GOVERNMENT_STATEMENT,
            url=url,
            document=None if url else file,
            note=f"Imported from {file} by `armsgraph import unroca`. Dated by the calendar "
            "year the report covers; the file does not give the date it was submitted.",
        )


def _cell(cells: Sequence[str], header: Header, role: Role) -> str:
    index = header.columns.get(role)
    return cells[index].strip() if index is not None and index < len(cells) else ""


def comments(header: Header, cells: Sequence[str]) -> str:
    return _cell(cells, header, Role.COMMENTS)


def row_claim(
    report: Report, header: Header, cells: Sequence[str], locator: str, gazetteer: Gazetteer
) -> RowClaim:
    """The row's claim in the claim-file shape (source, quote and record are the reader's)."""
    out = RowClaim({})
    col = header.columns
    shipment: dict[str, Any] = {}
    item: dict[str, Any] = {}
    try:
        category, numeral = read_category(_cell(cells, header, Role.CATEGORY))
        item["category"] = category.value
    except ValueError as exc:
        out.problems.append((col[Role.CATEGORY], "shipment.items.0.category", str(exc)))
        numeral = ""
    try:
        number = read_number(_cell(cells, header, Role.NUMBER))
        if number is not None:
            text = _cell(cells, header, Role.NUMBER)
            item["quantity"] = {"value": number, "unit": UNIT, "text": text}
    except ValueError as exc:
        out.problems.append((col[Role.NUMBER], "shipment.items.0.quantity", str(exc)))
    partner_name = _cell(cells, header, Role.PARTNER)
    partner: str | None = None
    field = "recipient" if report.direction is Direction.EXPORTS else "supplier"
    try:
        partner = gazetteer.state(partner_name).id if partner_name else None
    except UnknownNameError as exc:
        out.problems.append((col[Role.PARTNER], f"shipment.{field}", str(exc)))
    if partner_name and partner is None:
        return out
    if report.direction is Direction.EXPORTS:
        shipment["supplier"], shipment["recipient"] = report.state.id, partner or ""
    else:
        shipment["supplier"], shipment["recipient"] = partner or "", report.state.id
    description = _cell(cells, header, Role.DESCRIPTION)
    # A row without a description names only its category: the category is the item.
    item["weapon"] = description or (label(category) if numeral else "")
    shipment["items"] = [item]
    shipment["period"] = {"start": str(report.year), "end": str(report.year)}
    shipment["period"]["text"] = f"in calendar year {report.year}"
    if numeral and partner:
        parties = shipment["supplier"], shipment["recipient"]
        shipment["flow"] = flow_id(report.year, numeral, *parties)
    out.data = {
        "locator": locator,
        "asserted_by": report.state.name,
        "confidence": "high",  # a State's official report of its own transfers
        "reported": str(report.year),
        "shipment": shipment,
    }
    out.origins = {
        ("shipment", field): col[Role.PARTNER],
        ("shipment", "items", 0, "quantity"): col[Role.NUMBER],
        ("shipment", "items", 0, "category"): col[Role.CATEGORY],
        ("shipment", "items", 0): col.get(Role.DESCRIPTION, col[Role.CATEGORY]),
    }
    return out
