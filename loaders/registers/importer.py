"""Importing a register file: rows -> claims -> the one ingestion path, as one versioned source.

A format (``RegisterFormat``) says how to open its files, which source a file is, and what
claim each row states, as plain data; ``import_register`` does the rest, the same for every
format:

- rows are read one at a time (``rows.Table``) and each becomes a ``Claim`` validated
  against the store's names (``loaders.ingest.store_gazetteer``), or a problem at
  file:line:column naming the field (a format's ``RowError``, or the model's validation
  error placed at the column ``field_columns`` gives);
- a file with bad rows loads nothing (``DataError`` listing every problem) unless
  ``skip_bad_rows``: then the bad rows are left out, listed in the result and written to a
  report file (``write_skipped``);
- the claims go through ``loaders.ingest.ingest_document`` as ONE source per file. Claim ids
  come from content, so importing the same file again changes nothing; a format gives the
  same source id to every export of the same register selection, so a revised export
  replaces what the earlier one said (``core.replace``: rows it no longer has are retracted).

Memory: rows are streamed, but the versioned write (``core.replace``) compares a source's
whole new version with the stored one, so the validated claims of one file, and the change
the plan builds from them, are held until it is written: memory grows with the rows of one
file (``python -m bench.importers`` measures it), not with the file's bytes or the store.
What a row holds is kept small: equal parts of claims are one shared model (``shared``),
and the embedded store journals the change item by item (``ontology.rdf_journal``).
"""

from __future__ import annotations

import csv
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from pydantic import ValidationError

from armsgraph.core.errors import Problem
from armsgraph.core.model import Claim, Source
from armsgraph.core.names import Gazetteer
from armsgraph.core.store import Progress, Store
from armsgraph.loaders.document import ClaimLocation, ClaimsRead, Document
from armsgraph.loaders.ingest import BUNDLED_DATA, DocumentLoad, ingest, ingest_document
from armsgraph.loaders.registers.rows import Row, RowError, Table
from armsgraph.loaders.registers.shared import SHARED


class RegisterFormat(ABC):
    """One register layout. Subclasses set ``name`` (``armsgraph import <name> FILE``) and
    ``field_columns``, and implement ``open``, ``source`` and ``row_claims``."""

    name: ClassVar[str]
    # Where the model's validation errors land: a claim field path (dotted, as pydantic
    # reports it, e.g. "shipment.supplier") or a prefix of one -> the column it was read from.
    field_columns: ClassVar[Mapping[str, str | int]] = {}

    @abstractmethod
    def open(self, path: Path, name: str) -> Table:
        """The file as a ``Table`` (``rows.read_csv`` with the layout's encoding and header);
        raises ``DataError`` when the file is not of this layout."""

    @abstractmethod
    def source(self, table: Table, path: Path) -> Source:
        """The file's one source, from its preamble. Its id must be the same for every
        export of the same register selection, and differ between selections."""

    @abstractmethod
    def row_claims(self, row: Row, source: Source) -> list[dict[str, Any]]:
        """The claims a row states, as ``Claim`` data with names unresolved (the gazetteer
        resolves them): usually one, none for a row that states nothing (a total). Raises
        ``row.error(...)`` for a cell it cannot read."""


@dataclass(frozen=True)
class ImportOptions:
    skip_bad_rows: bool = False
    dry_run: bool = False
    progress: Progress | None = None


@dataclass
class ImportResult:
    file: str
    source: Source
    rows: int
    claims: int
    skipped: list[Problem] = field(default_factory=list)
    load: DocumentLoad | None = None


class RegisterDocument(Document):
    """A register file as the ingestion path's ``Document``: rows are read and validated when
    ``read_claims`` is called, against the gazetteer the ingestion path passes."""

    def __init__(
        self, fmt: RegisterFormat, table: Table, source: Source, options: ImportOptions
    ) -> None:
        self.name = table.name
        self.fmt = fmt
        self.table = table
        self.source = source
        self.options = options
        self.rows = 0
        self.skipped: list[Problem] = []

    def problem(self, loc: Sequence[int | str], message: str) -> Problem:
        return Problem(self.name, None, None, ".".join(str(p) for p in loc), message)

    def read_claims(self, gazetteer: Gazetteer) -> ClaimsRead:
        read = ClaimsRead(sources=[self.source])
        context = {"gazetteer": gazetteer}
        for row in self.table.rows():
            self.rows += 1
            if self.options.progress and self.rows % 500 == 0:
                self.options.progress(self.table.position(), self.table.size, "reading rows")
            try:
                claims = [
                    Claim.model_validate(data, context=context)
                    for data in self.fmt.row_claims(row, self.source)
                ]
            except RowError as exc:
                self._bad(read, [exc.problem])
                continue
            except ValidationError as exc:
                self._bad(read, validation_problems(row, exc, self.fmt.field_columns))
                continue
            for claim in claims:
                SHARED.fields_sets(claim)
                read.claims.append(claim)
                read.locations.append(ClaimLocation(row.file, row.line))
        if self.options.progress:
            self.options.progress(self.table.size, self.table.size, "rows read")
        return read

    def _bad(self, read: ClaimsRead, problems: list[Problem]) -> None:
        (self.skipped if self.options.skip_bad_rows else read.problems).extend(problems)


def validation_problems(
    row: Row, exc: ValidationError, field_columns: Mapping[str, str | int]
) -> list[Problem]:
    """The model's errors about a row's claim, each at the column its field was read from."""
    problems = []
    for error in exc.errors(include_url=False):
        path = ".".join(str(p) for p in error["loc"])
        prefixes = [p for p in field_columns if path == p or path.startswith(p + ".")]
        column = row.column(field_columns[max(prefixes, key=len)]) if prefixes else None
        message = str(error["msg"]).removeprefix("Value error, ")
        problems.append(Problem(row.file, row.line, column, path or "(row)", message))
    return problems


def import_register(
    fmt: RegisterFormat,
    path: Path,
    store: Store,
    options: ImportOptions | None = None,
    *,
    name: str | None = None,
) -> ImportResult:
    """Import one register file into ``store`` as one versioned source, all or nothing
    (see the module docstring). An empty store is first given the bundled data, whose
    reference entries (weapon systems, provisions) the rows are named and reasoned against."""
    options = options or ImportOptions()
    shown = name or str(path)
    if not options.dry_run and store.counts().get("resolutions", 0) == 0:
        ingest([BUNDLED_DATA], store)
    with fmt.open(path, shown) as table:
        source = fmt.source(table, path)
        document = RegisterDocument(fmt, table, source, options)
        load = ingest_document(document, store, dry_run=options.dry_run, progress=options.progress)
    claims = load.claims_received
    return ImportResult(shown, source, document.rows, claims, document.skipped, load)


def write_skipped(path: Path, skipped: Sequence[Problem]) -> None:
    """The skipped rows' problems as CSV: file, line, column, field, message."""
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["file", "line", "column", "field", "message"])
        for p in skipped:
            writer.writerow([p.file, p.line, p.column or "", p.field, p.message])
