"""The layout of a UN Register of Conventional Arms (UNROCA) report, row by row.

What the sources confirm (cited in the README and ``tests/fixtures/registers/README.md``):
- a State's report has an exports table with the columns ``Category (I-VII) | Final importer
  state | Number of items | State of origin (if not exporter) | Intermediate location(s) (if
  any) | Description of items | Comments on the transfer``, and an imports table that has
  ``Exporter state`` in place of ``Final importer state``;
- unroca.org shows each report at ``/{country}/report/{year}/`` under the heading
  ``UNROCA original report`` followed by ``<State> <year>``, the exports table, then the
  imports table; the category is the row's first cell;
- exporter and importer often report different numbers for one transfer.

So a file says which report it is by its header rows (a ``Final importer state`` column: the
reporting State's exports; ``Exporter state``: its imports; a file may hold both tables, one
after the other, as the page does) and, above them, by the page's heading. Where the heading
is missing the command's ``--state`` and ``--year`` options say it. Nothing else about the
file (labels of other preamble lines, how a nil report looks) is assumed: lines above the
first header are skipped unless they are the heading.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from armsgraph.core.model import Category
from armsgraph.core.text import normalise_name

REGISTER_NAME = "UN Register of Conventional Arms"
HEADING = "unroca original report"


class Direction(StrEnum):
    EXPORTS = "exports"
    IMPORTS = "imports"


class Role(StrEnum):
    """What a column of a report table holds."""

    CATEGORY = "category"
    PARTNER = "partner"  # the final importer (exports) or the exporter (imports)
    NUMBER = "number"
    ORIGIN = "origin"
    INTERMEDIATE = "intermediate"
    DESCRIPTION = "description"
    COMMENTS = "comments"


# Header words (normalised) -> role; the partner column also tells the direction.
_HEADER_PREFIXES: tuple[tuple[str, Role, Direction | None], ...] = (
    ("category", Role.CATEGORY, None),
    ("final importer state", Role.PARTNER, Direction.EXPORTS),
    ("exporter state", Role.PARTNER, Direction.IMPORTS),
    ("number of item", Role.NUMBER, None),
    ("state of origin", Role.ORIGIN, None),
    ("intermediate location", Role.INTERMEDIATE, None),
    ("description of item", Role.DESCRIPTION, None),
    ("comments", Role.COMMENTS, None),
)
REQUIRED = (Role.CATEGORY, Role.PARTNER, Role.NUMBER)

ROMAN = {
    "i": Category.BATTLE_TANKS,
    "ii": Category.ARMOURED_COMBAT_VEHICLES,
    "iii": Category.LARGE_CALIBRE_ARTILLERY,
    "iv": Category.COMBAT_AIRCRAFT,
    "v": Category.ATTACK_HELICOPTERS,
    "vi": Category.WARSHIPS,
    "vii": Category.MISSILES,
}
# "VII", "VII a", "VII(b)", "III. Large-calibre artillery systems": the numeral first.
_CATEGORY = re.compile(
    r"^\s*(?P<numeral>vii|vi|iv|v|iii|ii|i)(?:\s*[.(]?\s*(?P<sub>[ab])\s*\)?)?(?:[\s.:)-].*)?$",
    re.IGNORECASE | re.DOTALL,
)
_NUMBER = re.compile(r"^\d{1,3}(?:[, ]\d{3})+$|^\d+$")
_HEADING_STATE_YEAR = re.compile(r"^(?P<state>.+?)\s+(?P<year>\d{4})$")


@dataclass(frozen=True)
class Header:
    """A header row: the direction of its table and the column index of each role."""

    direction: Direction
    columns: dict[Role, int]
    titles: tuple[str, ...]  # as written, for the record's cells


def read_header(cells: Sequence[str]) -> Header | None:
    """The header a row is, or None; a row that names a partner column but lacks a
    required one raises ``ValueError`` naming what is missing."""
    columns: dict[Role, int] = {}
    direction: Direction | None = None
    for index, cell in enumerate(cells):
        key = normalise_name(cell)
        for prefix, role, says in _HEADER_PREFIXES:
            if key.startswith(prefix) and role not in columns:
                columns[role] = index
                direction = direction or says
                break
    if direction is None or Role.CATEGORY not in columns:
        return None
    missing = [r.value for r in REQUIRED if r not in columns]
    if missing:
        raise ValueError(f"the {direction.value} table's header lacks {', '.join(missing)}")
    return Header(direction, columns, tuple(cells))


def read_heading(lines: Sequence[str]) -> tuple[str, int] | None:
    """(State as written, year) from the page heading: ``UNROCA original report`` then
    ``<State> <year>``; None when the preamble does not have it."""
    for before, after in itertools.pairwise(lines):
        if normalise_name(before) == HEADING:
            found = _HEADING_STATE_YEAR.match(" ".join(after.split()))
            if found:
                return found["state"], int(found["year"])
    return None


def read_category(text: str) -> tuple[Category, str]:
    """The category and its numeral as written ("III"), or ``ValueError``."""
    found = _CATEGORY.match(text)
    if not found:
        raise ValueError(f"expected a UN Register category I to VII, got {text!r}")
    return ROMAN[found["numeral"].lower()], found["numeral"].upper()


def read_number(text: str) -> int | None:
    """Number of items: digits, with ``,`` or a space between thousands; None when empty."""
    text = text.strip()
    if not text:
        return None
    if not _NUMBER.match(text):
        raise ValueError(f"expected a whole number of items, got {text!r}")
    return int(re.sub(r"[, ]", "", text))


def flow_id(year: int, numeral: str, supplier: str, recipient: str) -> str:
    """One id for the flow both reports describe: the same year, category and parties
    (actor ids), whichever State reported it."""
    return f"unroca-{year}-{numeral.lower()}-{supplier.lower()}-{recipient.lower()}"


def source_id(state: str, year: int, direction: Direction) -> str:
    """One source per State, year and table: a revised report replaces its earlier version."""
    return f"unroca-{state.lower()}-{year}-{direction.value}"
