"""``armsgraph import table FILE --mapping MAP.yaml``: an NGO's or customs office's table.

CSV (any of the mapping's encodings and a one-character delimiter) or XLSX (one worksheet),
read a row at a time; the mapping (``table_mapping``) says where the header is, which
column fills which claim field, and the source the file is. Each row becomes one shipment
claim, with the row itself as its evidence.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from armsgraph.core.errors import DataError
from armsgraph.core.model import Source
from armsgraph.core.names import Gazetteer
from armsgraph.loaders.registers.evidence import record_claim
from armsgraph.loaders.registers.importer import RegisterFormat
from armsgraph.loaders.registers.rows import Row, Table, read_csv
from armsgraph.loaders.registers.table_mapping import LocatedMapping
from armsgraph.loaders.registers.table_rows import column_index, row_claim
from armsgraph.loaders.registers.unroca import bundled_gazetteer
from armsgraph.loaders.registers.xlsx import read_xlsx


class TableFormat(RegisterFormat):
    name = "table"

    def __init__(self, located: LocatedMapping, gazetteer: Gazetteer | None = None) -> None:
        self.located = located
        self.mapping = located.mapping
        self.gazetteer = gazetteer or bundled_gazetteer()
        self.columns: dict[str, int] = {}

    def _is_header(self) -> Any:
        seen = [0]

        def is_header(cells: Sequence[str]) -> bool:
            seen[0] += 1
            return seen[0] == self.mapping.header_line

        return is_header

    def open(self, path: Path, name: str) -> Table:
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            return read_xlsx(path, name, self._is_header(), self.mapping.sheet)
        mapping = self.mapping
        return read_csv(
            path, name, self._is_header(), encoding=mapping.encoding, delimiter=mapping.delimiter
        )

    def source(self, table: Table, path: Path) -> Source:
        """The mapping's source, once every column it names is found in the header."""
        problems = []
        for field, spec in self.mapping.claim.mapped().items():
            if spec.column is None:
                continue
            index = column_index(spec.column, table.header)
            if index is None:
                headers = ", ".join(repr(h) for h in table.header if h.strip())
                message = (
                    f"{table.name} has no column {spec.column!r} (line {table.header_line} "
                    f"has {headers})"
                )
                problems.append(self.located.problem(field, message))
            else:
                self.columns[field] = index
        if problems:
            raise DataError(problems)
        return self.mapping.source

    def row_claims(self, row: Row, source: Source) -> list[dict[str, Any]]:
        read = row_claim(self.mapping, self.columns, row.cells, f"line {row.line}")
        return [record_claim(row, source, read, self.mapping.register_name, self.gazetteer)]
