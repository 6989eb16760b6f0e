"""A row's claim data made whole: its source, the row as evidence, checked against the model.

Both the UN Register and the table importer build a claim from a row's cells (``RowClaim``),
then add what every register claim has: the source, the row's text as the quote, and the row
itself as the ``record``. It is validated here, once the names are known, so that each of the
model's objections lands on the cell its value came from (``RowClaim.origins``).
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from armsgraph.core.model import Claim, Source
from armsgraph.core.names import Gazetteer
from armsgraph.loaders.registers.importer import validation_problems
from armsgraph.loaders.registers.rows import Row, RowError
from armsgraph.loaders.registers.table_rows import RowClaim


def record_claim(
    row: Row,
    source: Source,
    read: RowClaim,
    register_name: str,
    gazetteer: Gazetteer,
    comments: str | None = None,
) -> dict[str, Any]:
    """The claim data of ``read`` with source, quote and record; ``RowError`` at the first
    cell the row's reading or the model objects to."""
    if read.problems:
        column, field, message = read.problems[0]
        raise row.error(column, field, message)
    data = read.data | {
        "source": source.id,
        "quote": row.text(),
        "quote_kind": "record",
        "record": {
            "register_name": register_name,
            "file": row.file,
            "line": row.line,
            "cells": row.register_cells(),
            "comments": comments or None,
        },
    }
    try:
        Claim.model_validate(data, context={"gazetteer": gazetteer})
    except ValidationError as exc:
        columns = {".".join(map(str, loc)): col for loc, col in read.origins.items()}
        raise RowError(validation_problems(row, exc, columns)[0]) from None
    return data
