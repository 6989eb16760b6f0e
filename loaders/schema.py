"""JSON Schemas of the authoring formats, generated from the domain model.

The committed copies under ``data/schema/`` let editors autocomplete claim files;
``armsgraph schema --check`` (run by the tests) fails when they drift from the model.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from armsgraph.core.model import Actor, ClaimFile, Provision, Resolution, WeaponSystem
from armsgraph.loaders.ingest import BUNDLED_DATA

SCHEMA_DIR = BUNDLED_DATA / "schema"


class ReferenceFile(BaseModel):
    """Reference data: any of these sections, each a list of entries."""

    model_config = ConfigDict(extra="forbid", title="armsgraph reference file")

    states: list[Actor] = []
    weapon_systems: list[WeaponSystem] = []
    resolutions: list[Resolution] = []
    provisions: list[Provision] = []


def schemas() -> dict[str, dict[str, Any]]:
    return {
        "claim-file.schema.json": ClaimFile.model_json_schema(),
        "reference-file.schema.json": ReferenceFile.model_json_schema(),
    }


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write(directory: Path = SCHEMA_DIR) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas().items():
        path = directory / name
        path.write_text(render(schema), encoding="utf-8")
        written.append(path)
    return written


def stale(directory: Path = SCHEMA_DIR) -> list[str]:
    """Names of committed schema files that differ from the model (or are missing)."""
    out = []
    for name, schema in schemas().items():
        path = directory / name
        if not path.exists() or path.read_text(encoding="utf-8") != render(schema):
            out.append(name)
    return out
