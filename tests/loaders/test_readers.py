"""The reader registry: a new input format is one reader plus one entry in READERS."""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pytest
import yaml

from armsgraph.core.errors import DataError
from armsgraph.loaders import readers
from armsgraph.loaders.document import Document
from armsgraph.loaders.ingest import BUNDLED_DATA, ingest, read_dataset
from armsgraph.loaders.readers import READERS, find_files
from armsgraph.loaders.yaml_files import YamlFile
from armsgraph.ontology.rdf_store import RdfStore

CLAIM_FILE = BUNDLED_DATA / "claims" / "bytesde-599394.yaml"


def read_json(path: Path, name: str) -> Document:
    """A JSON claim file: the claim-file format, parsed by json."""
    return YamlFile.from_data(json.loads(path.read_text(encoding="utf-8")), name)


def test_a_registered_reader_reads_its_files_in_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = yaml.safe_load(CLAIM_FILE.read_text(encoding="utf-8"))
    (tmp_path / "claims.json").write_text(json.dumps(data, default=str), encoding="utf-8")
    assert find_files([tmp_path]) == []  # .json is no registered format yet

    monkeypatch.setitem(READERS, ".json", read_json)
    from_json, _ = read_dataset([tmp_path])
    from_yaml, _ = read_dataset([CLAIM_FILE])
    assert from_json.claims and set(from_json.claims) == set(from_yaml.claims)
    assert from_json.breaches == from_yaml.breaches
    assert readers.reader_for(tmp_path / "claims.json") is read_json


def test_a_claim_body_is_never_taken_for_a_reference_file() -> None:
    gazetteer = read_dataset([])[0].gazetteer  # the bundled reference data
    body = YamlFile.from_data({"states": [{"id": "PRK"}]}, "request body")
    read = body.read_claims(gazetteer)
    assert read.claims == []
    assert {p.field for p in read.problems} >= {"source", "states"}
    assert all(p.file == "request body" and p.line is None for p in read.problems)


def test_a_load_reports_its_reading_validating_planning_and_writing() -> None:
    """The progress bar moves through every long step of a load, each to its end, in order."""
    steps: list[tuple[int, int, str]] = []
    store = RdfStore(None)
    ingest(
        [BUNDLED_DATA], store, progress=lambda done, total, what: steps.append((done, total, what))
    )
    files = len(find_files([BUNDLED_DATA]))
    phases = list(dict.fromkeys(what for _, _, what in steps))
    assert phases[:4] == ["reading files", "validating claims", "planning the change", "planned"]
    assert len(phases) > 4  # then the store's own steps (its sections)
    assert (files, files, "reading files") in steps
    assert (files, files, "validating claims") in steps  # one document a file
    store.close()


def test_the_cycle_collector_is_paused_for_a_load_and_back_after() -> None:
    """Every step of a load runs without Python's cycle collector, which walked the whole
    heap for nothing; a failed load gives it back too."""
    enabled: list[bool] = []
    store = RdfStore(None)
    assert gc.isenabled()
    ingest([BUNDLED_DATA], store, progress=lambda *_: enabled.append(gc.isenabled()))
    assert enabled and not any(enabled)
    assert gc.isenabled()
    with pytest.raises(DataError):
        ingest([BUNDLED_DATA / "no-such-file.yaml"], store)
    assert gc.isenabled()
    store.close()
