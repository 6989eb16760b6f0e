"""A minimal register layout for testing the import framework (``loaders/registers``).

Not a real register: a file starts with ``# selection: <name>`` and ``# generated: <date>``
lines, then the header ``Supplier,Recipient,Weapon,Category,Number,?,Year``, where the
untitled ``?`` column flags the number as uncertain. The selection names the source, so a
revised file of the same selection replaces the earlier one.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

from armsgraph.core.model import QuoteKind, Source, SourceKind
from armsgraph.loaders.registers.importer import RegisterFormat
from armsgraph.loaders.registers.rows import Row, Table, read_csv

HEADER = ("Supplier", "Recipient", "Weapon", "Category", "Number", "?", "Year")


class TestRegister(RegisterFormat):
    __test__ = False  # not a pytest class
    name: ClassVar[str] = "test-register"
    field_columns: ClassVar[dict[str, str | int]] = {
        "shipment.supplier": "Supplier",
        "shipment.recipient": "Recipient",
        "shipment.items.0.weapon": "Weapon",
        "shipment.items.0.category": "Category",
    }

    def open(self, path: Path, name: str) -> Table:
        def is_header(cells: Sequence[str]) -> bool:
            return tuple(c.strip() for c in cells) == HEADER

        return read_csv(path, name, is_header)

    def source(self, table: Table, path: Path) -> Source:
        meta = dict(p.text.lstrip("# ").split(": ", 1) for p in table.preamble if p.text)
        return Source(
            id=f"test-register-{meta['selection']}",
            title=f"Test register, {meta['selection']}",
            publisher="Test register",
            date=meta["generated"],
            kind=SourceKind.RESEARCH,
            url="https://example.org/test-register",
        )

    def row_claims(self, row: Row, source: Source) -> list[dict[str, Any]]:
        number, flag, year = row.get("Number"), row.get(5), row.get("Year")
        if not number.isdigit():
            raise row.error("Number", "record.delivered.value", f"not a number: {number!r}")
        if flag not in ("", "?"):
            raise row.error(5, "record.delivered.uncertain", f"expected '?' or nothing: {flag!r}")
        quantity = {"value": int(number), "unit": "unit", "uncertain": flag == "?"}
        return [
            {
                "source": source.id,
                "locator": f"{row.file}:{row.line}",
                "quote": row.text(),
                "quote_kind": QuoteKind.RECORD,
                "asserted_by": source.publisher,
                "confidence": "medium",
                "reported": source.date,
                "record": {
                    "register_name": source.publisher,
                    "file": Path(row.file).name,
                    "line": row.line,
                    "cells": row.register_cells(),
                    "delivered": quantity,
                },
                "shipment": {
                    "supplier": row.get("Supplier"),
                    "recipient": row.get("Recipient"),
                    "items": [
                        {
                            "weapon": row.get("Weapon"),
                            "category": row.get("Category") or None,
                            "quantity": quantity,
                        }
                    ],
                    "period": {"start": year},
                },
            }
        ]
