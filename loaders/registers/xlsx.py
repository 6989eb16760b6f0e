"""Rows of an XLSX worksheet as a ``Table`` (``rows.py``), streamed.

openpyxl's read-only mode parses the sheet's XML as it is iterated, so memory stays flat
whatever the number of rows. Cells become text as a CSV export would give them: numbers
without a trailing ``.0``, date cells as ISO dates (``2025-01-14``), empty cells as "".
The row number is the spreadsheet's, the column its 1-based index (A = 1).
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from armsgraph.core.errors import DataError, Problem
from armsgraph.loaders.registers.rows import Table


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_xlsx(
    path: Path, name: str, is_header: Callable[[Sequence[str]], bool], sheet: str | None = None
) -> Table:
    """A ``Table`` over one worksheet (the first unless ``sheet`` names another)."""
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as exc:
        raise DataError([Problem(name, None, None, "", f"not an XLSX workbook: {exc}")]) from None
    if sheet is not None and sheet not in workbook.sheetnames:
        workbook.close()
        known = ", ".join(repr(s) for s in workbook.sheetnames)
        raise DataError(
            [Problem(name, None, None, "sheet", f"no sheet {sheet!r} (it has {known})")]
        )
    worksheet = workbook[sheet] if sheet is not None else workbook.worksheets[0]
    done = [0]

    def records() -> Iterator[tuple[int, list[str]]]:
        for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
            done[0] = number
            yield number, [cell_text(v) for v in values]

    rows = worksheet.max_row or 0  # from the sheet's dimension, where the file records it
    return Table(
        name, records(), is_header, position=lambda: done[0], size=rows, close=workbook.close
    )
