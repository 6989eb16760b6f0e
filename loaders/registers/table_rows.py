"""One table row -> the claim it states, by a mapping (``table_mapping``).

The claim comes out in the claim-file shape (a dict), with where each of its fields came
from (``Origins``: claim path -> column index), so that a problem pydantic finds later
(an unknown state, an impossible date) is reported at the cell that gave the value.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from armsgraph.loaders.registers.table_mapping import DATE_FIELDS, FieldMap, TableMapping

Loc = tuple[str | int, ...]

# Mapping field -> where it goes in a claim.
TARGETS: dict[str, Loc] = {
    "supplier": ("shipment", "supplier"),
    "recipient": ("shipment", "recipient"),
    "weapon": ("shipment", "items", 0, "weapon"),
    "category": ("shipment", "items", 0, "category"),
    "quantity": ("shipment", "items", 0, "quantity", "value"),
    "unit": ("shipment", "items", 0, "quantity", "unit"),
    "qualifier": ("shipment", "items", 0, "quantity", "qualifier"),
    "start": ("shipment", "period", "start"),
    "end": ("shipment", "period", "end"),
    "period_text": ("shipment", "period", "text"),
    "transport": ("shipment", "transport"),
    "ports": ("shipment", "ports"),
    "vessels": ("shipment", "vessels"),
    "flow": ("shipment", "flow"),
    "asserted_by": ("asserted_by",),
    "confidence": ("confidence",),
    "reported": ("reported",),
    "key": ("key",),
    "locator": ("locator",),
    "note": ("note",),
}
LIST_FIELDS = frozenset({"transport", "ports", "vessels"})
_NUMBER = re.compile(r"^\d{1,3}(?:[, ]\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")


@dataclass
class RowClaim:
    """The claim a row states, where each field came from, and what could not be read."""

    data: dict[str, Any]
    origins: dict[Loc, int] = field(default_factory=dict)  # claim path -> column index
    problems: list[tuple[int | None, str, str]] = field(default_factory=list)  # col, field, msg

    def column_of(self, loc: Sequence[str | int]) -> int | None:
        """The column that fed ``loc`` or the deepest field above it."""
        for end in range(len(loc), 0, -1):
            found = self.origins.get(tuple(loc[:end]))
            if found is not None:
                return found
        return None


def column_index(spec: str | int, headers: Sequence[str]) -> int | None:
    """0-based index of a column named by header text (case and spacing aside) or number."""
    if isinstance(spec, int):
        return spec - 1 if spec <= len(headers) else None
    wanted = " ".join(spec.split()).casefold()
    for index, header in enumerate(headers):
        if " ".join(header.split()).casefold() == wanted:
            return index
    return None


def row_claim(
    mapping: TableMapping, columns: dict[str, int], cells: Sequence[str], locator: str
) -> RowClaim:
    """The row's claim (without source, quote and record, which the reader adds).
    ``columns``: mapping field -> column index, for the fields read from a column."""
    out = RowClaim({"locator": locator})
    for name, spec in mapping.claim.mapped().items():
        index = columns.get(name)
        raw = _raw(spec, index, cells)
        if raw == "":
            continue
        try:
            value = _convert(name, spec, raw)
        except ValueError as exc:
            out.problems.append((index, ".".join(map(str, TARGETS[name])), str(exc)))
            continue
        _put(out.data, TARGETS[name], value)
        if name == "quantity":  # the amount as the table words it
            _put(out.data, ("shipment", "items", 0, "quantity", "text"), raw)
        if index is not None:
            out.origins[TARGETS[name]] = index
    items = out.data.get("shipment", {}).get("items")
    if items:
        quantity = items[0].get("quantity")
        if quantity is not None and "value" not in quantity:  # an empty cell: no amount
            del items[0]["quantity"]
        # the item is one object: a missing weapon is reported at the weapon's column
        out.origins.setdefault(("shipment", "items", 0), columns.get("weapon", 0))
    return out


def _raw(spec: FieldMap, index: int | None, cells: Sequence[str]) -> str:
    if spec.value is not None:
        return str(spec.value)
    text = cells[index].strip() if index is not None and index < len(cells) else ""
    return spec.map.get(text, text)


def _convert(name: str, spec: FieldMap, raw: str) -> Any:
    if name in DATE_FIELDS:
        return spec.date(raw)
    if name == "quantity":
        if not _NUMBER.match(raw):
            raise ValueError(f"expected a number, got {raw!r}")
        return float(re.sub(r"[, ]", "", raw))
    if name in LIST_FIELDS:
        return [part.strip() for part in re.split(r"[;,]", raw) if part.strip()]
    return raw


def _put(data: dict[str, Any], loc: Loc, value: Any) -> None:
    node: Any = data
    for part, after in itertools.pairwise(loc):
        if isinstance(part, int):
            while len(node) <= part:
                node.append({})
            node = node[part]
        else:
            node = node.setdefault(part, [] if isinstance(after, int) else {})
    node[loc[-1]] = value
