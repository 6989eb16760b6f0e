"""What a reader hands the ingestion path: one parsed input file as a ``Document``.

Ingestion reads reference entries from every document first, then claims, so a claim in
any document can name a state, weapon system or provision that any other document defines.
Problems are located with a path in the claim-file shape (``["claims", 3, "key"]``); each
reader maps such a path to its own positions (YAML lines and columns, CSV rows).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field

from armsgraph.core.dataset import Dataset
from armsgraph.core.errors import Problem
from armsgraph.core.model import Claim, Source
from armsgraph.core.names import Gazetteer


@dataclass(frozen=True)
class ClaimLocation:
    file: str
    line: int | None


@dataclass
class ClaimsRead:
    """The sources and claims of one document; ``claims[i]`` stands at ``locations[i]``."""

    sources: list[Source] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    locations: list[ClaimLocation] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


class Document(ABC):
    name: str  # how problems name the file

    def read_reference(self, dataset: Dataset) -> list[Problem]:
        """Add this document's reference entries to ``dataset``; a claim file has none."""
        return []

    def read_claims(self, gazetteer: Gazetteer) -> ClaimsRead:
        """This document's sources and claims, names resolved through ``gazetteer``."""
        return ClaimsRead()

    @abstractmethod
    def problem(self, loc: Sequence[int | str], message: str) -> Problem:
        """A problem at ``loc`` (a claim-file path such as ``["source", "id"]``)."""
