"""The YAML authoring formats: claim files (one source, its claims) and reference files.

A reference file has top-level sections (``states`` or ``actors``, ``ambiguous_names``,
``weapon_systems``, ``resolutions``, ``provisions``) of entries; anything else is a claim file
(see ``data/schema``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from armsgraph.core.dataset import Dataset
from armsgraph.core.errors import Problem
from armsgraph.core.model import (
    Actor,
    AmbiguousName,
    ClaimFile,
    Provision,
    Resolution,
    WeaponSystem,
)
from armsgraph.core.names import Gazetteer
from armsgraph.loaders.actor_checks import actor_problems
from armsgraph.loaders.document import ClaimLocation, ClaimsRead, Document
from armsgraph.loaders.yaml_reader import YamlDocument

# Top-level key of a reference file -> the model of each entry.
REFERENCE_SECTIONS: dict[str, type[BaseModel]] = {
    "states": Actor,
    "actors": Actor,
    "ambiguous_names": AmbiguousName,
    "weapon_systems": WeaponSystem,
    "resolutions": Resolution,
    "provisions": Provision,
}


class YamlFile(Document):
    def __init__(self, doc: YamlDocument, is_reference: bool | None = None) -> None:
        self.doc = doc
        self.name = doc.name
        root = doc.root
        if is_reference is None:  # told by its sections
            is_reference = isinstance(root, dict) and any(k in REFERENCE_SECTIONS for k in root)
        self.is_reference = is_reference

    @classmethod
    def read(cls, path: Path, name: str) -> YamlFile:
        return cls(YamlDocument.parse(path, name))

    @classmethod
    def from_data(cls, data: Any, name: str) -> YamlFile:
        """A claim file parsed already (a request body): problems carry no line or column."""
        return cls(YamlDocument(name, data, positioned=False), is_reference=False)

    def problem(self, loc: Sequence[int | str], message: str) -> Problem:
        return self.doc.problem(loc, message)

    def read_reference(self, dataset: Dataset) -> list[Problem]:
        if not self.is_reference:
            return []
        doc = self.doc
        problems: list[Problem] = []
        ambiguous = {a.name: a for a in dataset.ambiguous_names}
        targets: dict[str, dict[str, Any]] = {
            "states": dataset.states,
            "actors": dataset.states,
            "ambiguous_names": ambiguous,
            "weapon_systems": dataset.weapon_systems,
            "resolutions": dataset.resolutions,
            "provisions": dataset.provisions,
        }
        for section, entries in doc.data().items():
            model = REFERENCE_SECTIONS.get(section)
            if model is None:
                problems.append(doc.problem([section], f"unknown section {section!r}"))
                continue
            if not isinstance(entries, list):
                problems.append(doc.problem([section], "expected a list of entries"))
                continue
            for i, entry in enumerate(entries):
                try:
                    item = model.model_validate(entry)
                except ValidationError as exc:
                    problems.extend(doc.problems(exc, [section, i]))
                    continue
                ident = item.name if isinstance(item, AmbiguousName) else getattr(item, "id")  # noqa: B009
                target = targets[section]
                if ident in target and target[ident] != item:
                    problems.append(doc.problem([section, i, "id"], f"duplicate id {ident!r}"))
                target[ident] = item
        dataset.ambiguous_names = list(ambiguous.values())
        return problems

    def read_claims(self, gazetteer: Gazetteer) -> ClaimsRead:
        if self.is_reference:
            return ClaimsRead()
        doc = self.doc
        try:
            parsed = ClaimFile.model_validate(
                _source_on_every_claim(doc.data()), context={"gazetteer": gazetteer}
            )
        except ValidationError as exc:
            return ClaimsRead(problems=doc.problems(exc))
        problems = actor_problems(doc, list(parsed.claims), gazetteer)
        if problems:
            return ClaimsRead(problems=problems)
        locations = [
            ClaimLocation(doc.name, doc.locate(["claims", i])[0]) for i in range(len(parsed.claims))
        ]
        return ClaimsRead([parsed.source], list(parsed.claims), locations)


def _source_on_every_claim(data: Any) -> Any:
    # Claims name their source once, at the top of the file.
    if isinstance(data, dict) and isinstance(data.get("source"), dict):
        source_id = data["source"].get("id")
        for claim in data.get("claims") or []:
            if isinstance(claim, dict) and "source" not in claim:
                claim["source"] = source_id
    return data
