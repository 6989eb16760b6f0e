"""One exception hierarchy for the whole project.

Data problems carry the file, line, column and field path so an analyst can
jump straight to the offending spot; the API maps each class to one HTTP status.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


class ArmsgraphError(Exception):
    """Base class: every error the project raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One problem in an input document, located as precisely as we can."""

    file: str
    line: int | None
    column: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        field = self.field or "(document)"
        return f"{where}: {field}: {self.message}"


class DataError(ArmsgraphError):
    """Input failed validation. Holds every problem found, not just the first."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def merge(cls, errors: Iterable[DataError]) -> DataError:
        return cls([p for e in errors for p in e.problems])


class UnknownNameError(ArmsgraphError, ValueError):
    """A name that entity resolution could not map to a known entity."""

    def __init__(self, kind: str, name: str, suggestions: Sequence[str]) -> None:
        self.kind = kind
        self.name = name
        self.suggestions = list(suggestions)
        hint = (
            f"; did you mean {', '.join(repr(s) for s in self.suggestions)}?" if suggestions else ""
        )
        super().__init__(f"unknown {kind} {name!r}{hint}")


class AmbiguousNameError(UnknownNameError):
    """A name that stands for several entities ("Congo", "Korea"): never silently picked."""

    def __init__(self, kind: str, name: str, candidates: Sequence[str]) -> None:
        super().__init__(kind, name, candidates)
        self.candidates = self.suggestions
        listed = ", ".join(self.candidates)
        ValueError.__init__(self, f"ambiguous {kind} {name!r}: it may mean {listed}; name one")

    def __str__(self) -> str:
        return str(self.args[0])


class NotFoundError(ArmsgraphError):
    """A lookup by id found nothing."""

    def __init__(self, kind: str, ident: str) -> None:
        self.kind = kind
        self.ident = ident
        super().__init__(f"no {kind} with id {ident!r}")


class ConflictError(DataError):
    """The request is valid but clashes with what the store holds (the API answers 409),
    e.g. removing a source that other sources report on."""


class ConfigError(ArmsgraphError):
    """A setting (environment variable or option) is missing or unsafe."""


class StoreError(ArmsgraphError):
    """A store (Neo4j or the embedded RDF store) could not do what was asked."""


class QueryRefusedError(ArmsgraphError):
    """A read-only query endpoint was asked to change data or reach outside, or the query is
    not valid."""


class QueryTimeoutError(QueryRefusedError):
    """A query ran longer than the endpoint allows."""


class NotAcceptableError(QueryRefusedError):
    """No result format matches the client's Accept header."""


class NotAvailableError(ArmsgraphError):
    """A feature this store does not offer (e.g. SPARQL when serving from Neo4j)."""


class BusyError(ArmsgraphError):
    """Too many queries are running; the client may try again later."""
