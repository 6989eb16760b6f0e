"""``armsgraph import unroca FILE``: a State's report to the UN Register of Conventional Arms.

The file is the report as unroca.org shows it (``unroca_layout``): CSV, tab-separated text
(a table copied from the page) or XLSX, the page's heading naming the State and year (or
``--state`` and ``--year``), then the exports table, the imports table, or both. Each row
becomes a claim the reporting State asserts, with the row as its evidence (``record``), in
the ``flow`` both reports of one transfer share (``unroca_rows``).

One file is one source: the State's report for the year (``unroca-nor-2023``), or one of
its tables where the file holds only one (``unroca-nor-2023-exports``), so that importing
the two tables from two files does not let one replace the other. A revised report of the
same State and year replaces the earlier one.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from armsgraph.core.errors import DataError, Problem, UnknownNameError
from armsgraph.core.model import Source
from armsgraph.core.names import Gazetteer
from armsgraph.loaders.ingest import bundled_reference
from armsgraph.loaders.registers.evidence import record_claim
from armsgraph.loaders.registers.importer import RegisterFormat
from armsgraph.loaders.registers.rows import Row, Table, read_csv
from armsgraph.loaders.registers.unroca_layout import (
    REGISTER_NAME,
    Direction,
    Header,
    read_header,
    read_heading,
)
from armsgraph.loaders.registers.unroca_rows import Report, comments, row_claim
from armsgraph.loaders.registers.xlsx import read_xlsx
from armsgraph.loaders.world import register_patterns, world_actors


@lru_cache(maxsize=1)
def bundled_gazetteer() -> Gazetteer:
    """Names as a store filled with the bundled data knows them (the importer fills an
    empty store with it first): curated states and actors, then every generated one."""
    ref = bundled_reference()
    return Gazetteer(
        ref.states.values(),
        ref.weapon_systems.values(),
        ref.resolutions.values(),
        ref.provisions.values(),
        world=world_actors(),
        ambiguous=ref.ambiguous_names,
        patterns=register_patterns(),
    )


def _is_header(cells: Sequence[str]) -> bool:
    try:
        return read_header(cells) is not None
    except ValueError:
        return True  # an incomplete header: reported with its line once the table is open


def _parse_header(file: str, line: int, cells: Sequence[str]) -> Header:
    try:
        header = read_header(cells)
    except ValueError as exc:
        raise DataError([Problem(file, line, None, "header", str(exc))]) from None
    assert header is not None  # the row was recognised as a header
    return header


class UnrocaFormat(RegisterFormat):
    name = "unroca"

    def __init__(
        self,
        *,
        state: str | None = None,
        year: int | None = None,
        url: str | None = None,
        gazetteer: Gazetteer | None = None,
    ) -> None:
        self.state_option = state
        self.year_option = year
        self.url = url
        self.gazetteer = gazetteer or bundled_gazetteer()
        self.report: Report | None = None
        self.header: Header | None = None

    def open(self, path: Path, name: str) -> Table:
        if path.suffix.lower() == ".xlsx":
            return read_xlsx(path, name, _is_header)
        with path.open("rb") as probe:  # a table copied from the page is tab-separated
            tabs = b"\t" in probe.read(64 * 1024)
        return read_csv(path, name, _is_header, delimiter="\t" if tabs else ",")

    def source(self, table: Table, path: Path) -> Source:
        self.header = _parse_header(table.name, table.header_line, table.header)
        state, year = self._whose(table)
        directions = self._directions(path, table.name)
        self.report = Report(state, year, self.header.direction)
        source = self.report.source(table.name, self.url)
        if len(directions) == 1:
            return source
        # both tables: the State's whole report for the year
        title = source.title.rsplit(",", 1)[0] + f", {year}"
        return source.model_copy(update={"id": source.id.rsplit("-", 1)[0], "title": title})

    def _whose(self, table: Table) -> tuple[Any, int]:
        heading = read_heading([p.text for p in table.preamble])
        line = table.preamble[0].line if table.preamble else table.header_line
        named, year = heading or (None, None)
        problems = []
        for option, given, what in (
            (self.state_option, named, "--state"),
            (self.year_option, year, "--year"),
        ):
            if option is not None and given is not None and str(option) != str(given):
                message = f"the heading says {given!r}, {what} says {option!r}"
                problems.append(Problem(table.name, line, None, "heading", message))
        named, year = self.state_option or named, self.year_option or year
        if named is None or year is None:
            message = (
                "no heading 'UNROCA original report' followed by '<State> <year>' above "
                "the table; give --state and --year"
            )
            problems.append(Problem(table.name, line, None, "heading", message))
        if problems:
            raise DataError(problems)
        assert named is not None and year is not None
        try:
            return self.gazetteer.state(named), year
        except UnknownNameError as exc:
            raise DataError([Problem(table.name, line, None, "state", str(exc))]) from None

    def _directions(self, path: Path, name: str) -> set[Direction]:
        """The tables the file holds (a second pass over the file, one row at a time)."""
        found = set()
        with self.open(path, name) as table:
            found.add(_parse_header(name, table.header_line, table.header).direction)
            for row in table.rows():
                if _is_header(row.cells):
                    found.add(_parse_header(name, row.line, row.cells).direction)
        return found

    def row_claims(self, row: Row, source: Source) -> list[dict[str, Any]]:
        assert self.report is not None and self.header is not None, "source() comes first"
        if _is_header(row.cells):  # the next table: the same State's other direction
            self.header = _parse_header(row.file, row.line, row.cells)
            self.report = Report(self.report.state, self.report.year, self.header.direction)
            return []
        locator = f"line {row.line}"
        read = row_claim(self.report, self.header, row.cells, locator, self.gazetteer)
        comment = comments(self.header, row.cells)
        return [record_claim(row, source, read, REGISTER_NAME, self.gazetteer, comment)]
