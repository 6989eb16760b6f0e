"""Rows of a register or table, read lazily with their file, line and column.

``read_csv`` opens a CSV file in any encoding, skips a preamble up to the header row (the
lines before it are kept: registers put their title, notes and dates there) and yields one
``Row`` at a time, so memory does not grow with the file. A ``Row`` knows its first line in
the file and each cell's column (1-based, as a spreadsheet counts), so every error about it
names file:line:column and the field (``Row.error``). Windows line endings, quoted commas
and line breaks inside quoted cells are the ``csv`` module's. Other readers (XLSX, say)
build a ``Table`` from any iterator of ``(line, cells)``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import IO, Self

from armsgraph.core.errors import DataError, Problem
from armsgraph.core.model_records import RegisterCell
from armsgraph.loaders.registers.shared import SHARED

# A header is found within this many rows, or the file is not of the format.
PREAMBLE_LIMIT = 100


class RowError(Exception):
    """A bad cell or row: the problem at file:line:column with the field concerned."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


@dataclass(frozen=True)
class Row:
    """One data row: ``cells`` as read (missing trailing cells are ""), under ``header``."""

    file: str
    line: int
    header: tuple[str, ...]
    cells: tuple[str, ...]
    # header -> its first 0-based index, shared by a table's rows (built when not given)
    positions: Mapping[str, int] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not self.positions:
            object.__setattr__(self, "positions", first_positions(self.header))

    def column(self, name: str | int) -> int:
        """The 1-based column of a header (the first one so named) or of a 0-based index."""
        if isinstance(name, int):
            return name + 1
        position = self.positions.get(name)
        if position is None:
            raise ValueError(f"no column {name!r}")
        return position + 1

    def get(self, name: str | int) -> str:
        """A cell's value with surrounding white space removed ("" when the row is short)."""
        index = self.column(name) - 1
        return self.cells[index].strip() if index < len(self.cells) else ""

    def error(self, name: str | int | None, field: str, message: str) -> RowError:
        """A ``RowError`` at this row and the column of ``name`` (None: the whole row)."""
        column = None if name is None else self.column(name)
        return RowError(Problem(self.file, self.line, column, field, message))

    def register_cells(self) -> list[RegisterCell]:
        """Every cell under its header, in file order, values exactly as read, as
        ``RegisterCell`` models shared between rows (``shared``: most cells recur)."""
        header = (*self.header, *[""] * (len(self.cells) - len(self.header)))
        pairs = zip(header, self.cells, strict=False)  # a short row has fewer cells
        cell = SHARED.cell
        return [cell(h, v) for h, v in pairs]

    def text(self) -> str:
        """The row as one CSV line (trailing empty cells left out): a claim's quote."""
        cells = list(self.cells)
        while cells and not cells[-1].strip():
            cells.pop()
        out = io.StringIO()
        csv.writer(out, lineterminator="").writerow(cells)
        return out.getvalue()


def first_positions(header: Sequence[str]) -> dict[str, int]:
    """Each header's first 0-based index (headers may repeat: untitled ones do)."""
    positions: dict[str, int] = {}
    for index, name in enumerate(header):
        positions.setdefault(name, index)
    return positions


@dataclass(frozen=True)
class PreambleLine:
    line: int
    cells: tuple[str, ...]

    @property
    def text(self) -> str:
        return ",".join(c for c in self.cells if c.strip()).strip()


class Table:
    """A header, the preamble before it, and the data rows after it, read on demand.

    ``position`` and ``size`` (bytes, where known) drive a progress bar. Use as a context
    manager so the file is closed.
    """

    def __init__(
        self,
        name: str,
        records: Iterator[tuple[int, list[str]]],
        is_header: Callable[[Sequence[str]], bool],
        *,
        position: Callable[[], int] = lambda: 0,
        size: int = 0,
        close: Callable[[], None] = lambda: None,
    ) -> None:
        self.name = name
        self.size = size
        self.position = position
        self._records = records
        self._close = close
        self.preamble: list[PreambleLine] = []
        for line, cells in records:
            if is_header(cells):
                self.header = tuple(c.strip() if c.strip() else c for c in cells)
                self.header_line = line
                return
            if len(self.preamble) >= PREAMBLE_LIMIT:
                break
            self.preamble.append(PreambleLine(line, tuple(cells)))
        close()
        raise DataError(
            [
                Problem(
                    name, None, None, "", f"no header row found in the first {PREAMBLE_LIMIT} rows"
                )
            ]
        )

    def rows(self) -> Iterator[Row]:
        """The data rows, one at a time; rows whose cells are all empty are skipped."""
        positions = first_positions(self.header)
        for line, cells in self._records:
            if any(c.strip() for c in cells):
                yield Row(self.name, line, self.header, tuple(cells), positions)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._close()


def _csv_records(
    text: IO[str], name: str, encoding: str, delimiter: str = ","
) -> Iterator[tuple[int, list[str]]]:
    """(first line, cells) of each CSV record; a decoding error names the line reached."""
    reader = csv.reader(text, delimiter=delimiter)
    line = 0
    try:
        for cells in reader:
            yield line + 1, cells
            line = reader.line_num
    except UnicodeDecodeError as exc:
        message = f"not {encoding} text ({exc.reason}); give the file's encoding"
        raise DataError([Problem(name, line + 1, None, "", message)]) from None
    except csv.Error as exc:
        raise DataError([Problem(name, line + 1, None, "", f"not CSV: {exc}")]) from None


def read_csv(
    path: Path,
    name: str,
    is_header: Callable[[Sequence[str]], bool],
    *,
    encoding: str = "utf-8-sig",
    delimiter: str = ",",
) -> Table:
    """A ``Table`` over a CSV file (or another ``delimiter``, such as a tab), streamed;
    ``is_header`` recognises the header row."""
    raw = path.open("rb")
    text = io.TextIOWrapper(raw, encoding=encoding, newline="")
    try:
        return Table(
            name,
            _csv_records(text, name, encoding, delimiter),
            is_header,
            position=raw.tell,
            size=path.stat().st_size,
            close=text.close,
        )
    except BaseException:
        text.close()
        raise
