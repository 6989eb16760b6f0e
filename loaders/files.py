"""Load claim files and reference files (YAML) into a validated ``Dataset``.

Everything is validated before anything is returned: one bad field anywhere means a
``DataError`` listing every problem with file, line, column and field path, and no
partial data set. Callers write to stores only after this succeeds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from armsgraph.core.dataset import Dataset
from armsgraph.core.errors import DataError, Problem
from armsgraph.core.model import (
    Claim,
    ClaimFile,
    Provision,
    Resolution,
    State,
    WeaponSystem,
)
from armsgraph.core.reasoner import derive_breaches
from armsgraph.loaders.yaml_reader import YamlDocument

BUNDLED_DATA = Path(__file__).resolve().parent.parent / "data"
REFERENCE_DIR = BUNDLED_DATA / "reference"

# Top-level key of a reference file -> the model of each entry.
_REFERENCE_SECTIONS: dict[str, type[BaseModel]] = {
    "states": State,
    "weapon_systems": WeaponSystem,
    "resolutions": Resolution,
    "provisions": Provision,
}


@dataclass(frozen=True)
class ClaimLocation:
    file: str
    line: int | None


def find_yaml_files(paths: Iterable[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*.y*ml") if p.suffix in (".yaml", ".yml")))
        elif path.exists():
            found.append(path)
        else:
            raise DataError([Problem(str(path), None, None, "", "no such file or folder")])
    return found


def _is_reference(doc: YamlDocument) -> bool:
    return isinstance(doc.root, dict) and any(k in _REFERENCE_SECTIONS for k in doc.root)


def _load_reference(docs: Sequence[YamlDocument], dataset: Dataset) -> list[Problem]:
    problems: list[Problem] = []
    targets: dict[str, dict[str, Any]] = {
        "states": dataset.states,
        "weapon_systems": dataset.weapon_systems,
        "resolutions": dataset.resolutions,
        "provisions": dataset.provisions,
    }
    for doc in docs:
        data = doc.data()
        for section, entries in data.items():
            model = _REFERENCE_SECTIONS.get(section)
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
                ident = getattr(item, "id")  # noqa: B009 - every reference model has an id
                target = targets[section]
                if ident in target and target[ident] != item:
                    problems.append(doc.problem([section, i, "id"], f"duplicate id {ident!r}"))
                target[ident] = item
    return problems


def _check_reference_links(dataset: Dataset) -> list[Problem]:
    problems = []
    for prov in dataset.provisions.values():
        if prov.resolution not in dataset.resolutions:
            problems.append(
                Problem(
                    "reference",
                    None,
                    None,
                    f"provisions.{prov.id}.resolution",
                    f"unknown resolution {prov.resolution!r}",
                )
            )
    return problems


def _prepare_claim_file(data: Any) -> Any:
    # Claims name their source once, at the top of the file.
    if isinstance(data, dict) and isinstance(data.get("source"), dict):
        source_id = data["source"].get("id")
        for claim in data.get("claims") or []:
            if isinstance(claim, dict) and "source" not in claim:
                claim["source"] = source_id
    return data


def load_dataset(
    paths: Iterable[Path],
    *,
    with_bundled_reference: bool = True,
    display: Callable[[Path], str] = str,
) -> tuple[Dataset, dict[str, ClaimLocation]]:
    """Validate every file under ``paths`` and build the data set, or raise ``DataError``."""
    files = find_yaml_files(paths)
    if with_bundled_reference:
        files = [*find_yaml_files([REFERENCE_DIR]), *(f for f in files if not _is_bundled_ref(f))]
    problems: list[Problem] = []
    docs: list[YamlDocument] = []
    for path in files:
        try:
            docs.append(YamlDocument(path, display(path)))
        except DataError as exc:
            problems.extend(exc.problems)

    dataset = Dataset()
    reference = [d for d in docs if _is_reference(d)]
    problems += _load_reference(reference, dataset)
    problems += _check_reference_links(dataset)
    gazetteer = dataset.gazetteer

    locations: dict[str, ClaimLocation] = {}
    keys: dict[str, tuple[str, ClaimLocation]] = {}
    claims: list[Claim] = []
    for doc in docs:
        if doc in reference:
            continue
        try:
            parsed = ClaimFile.model_validate(
                _prepare_claim_file(doc.data()), context={"gazetteer": gazetteer}
            )
        except ValidationError as exc:
            problems.extend(doc.problems(exc))
            continue
        source = parsed.source
        if source.id in dataset.sources and dataset.sources[source.id] != source:
            problems.append(doc.problem(["source", "id"], f"source {source.id!r} is defined twice"))
        dataset.sources[source.id] = source
        for i, claim in enumerate(parsed.claims):
            line, _ = doc.locate(["claims", i])
            here = ClaimLocation(doc.name, line)
            if claim.key:
                earlier = keys.get(claim.key)
                if earlier and earlier[0] != claim.id:
                    where = f"{earlier[1].file}:{earlier[1].line}"
                    problems.append(
                        doc.problem(
                            ["claims", i, "key"],
                            f"duplicate claim key {claim.key!r} with different content "
                            f"(first at {where})",
                        )
                    )
                    continue
                keys[claim.key] = (claim.id, here)
            locations.setdefault(claim.id, here)
            claims.append(claim)

    problems += _check_claim_links(dataset, claims, locations)
    if problems:
        raise DataError(problems)
    dataset.add_claims(claims)
    dataset.breaches = derive_breaches(dataset)
    return dataset, locations


def _is_bundled_ref(path: Path) -> bool:
    return path.resolve().parent == REFERENCE_DIR


def _check_claim_links(
    dataset: Dataset, claims: list[Claim], locations: dict[str, ClaimLocation]
) -> list[Problem]:
    problems = []
    flows = {c.event.flow for c in claims if c.event and c.event.flow}
    for claim in claims:
        where = locations[claim.id]
        if claim.breach:
            for flow in claim.breach.flows:
                if flow not in flows:
                    problems.append(
                        Problem(
                            where.file,
                            where.line,
                            None,
                            "breach.flows",
                            f"no claim describes flow {flow!r}",
                        )
                    )
    for source in dataset.sources.values():
        if source.reports_on and source.reports_on not in dataset.sources:
            problems.append(
                Problem(
                    "sources",
                    None,
                    None,
                    f"{source.id}.reports_on",
                    f"unknown source {source.reports_on!r}",
                )
            )
    return problems
