"""Entity resolution: names, aliases, capitals and translations to one entity.

"Pyongyang", "DPRK", "Noord-Korea" and "PRK" all resolve to the same State. An
unknown name is an error that suggests the closest known names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from armsgraph.core.actors import ActorIndex
from armsgraph.core.errors import UnknownNameError
from armsgraph.core.model import (
    Actor,
    AmbiguousName,
    Category,
    Provision,
    Resolution,
    WeaponSystem,
)
from armsgraph.core.text import normalise_name

__all__ = ["Gazetteer", "normalise_name", "provision_id"]


_WEAPON_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")  # WeaponSystem.id
_RESOLUTION = re.compile(r"(?:s\s*res\s*|unscr\s*|resolution\s*|unscr-)?(\d{3,4})(?:\s*\d{4})?")
_PROVISION = re.compile(
    r"^(?:s/res/|unscr[\s-]*|resolution\s*)?(\d{3,4})(?:\s*\(\d{4}\))?[\s,-]*"
    r"(?:op|para(?:graph)?\.?)?\s*([0-9]+(?:\s*\(?[a-z]{1,4}\)?)*)$",
    re.IGNORECASE,
)


def provision_id(number: int | str, paragraph: str) -> str:
    """``unscr-1718-op8b`` from (1718, "OP8(b)") or (1718, "8 (b)")."""
    para = re.sub(r"[^0-9a-z]", "", paragraph.lower())
    para = para.removeprefix("op")
    return f"unscr-{int(number)}-op{para}"


@dataclass
class _Index:
    kind: str
    by_name: dict[str, str] = field(default_factory=dict)
    spelling: dict[str, str] = field(default_factory=dict)  # key -> name as written

    def add(self, ident: str, names: Iterable[str]) -> None:
        for name in names:
            key = normalise_name(name)
            if key and key not in self.by_name:
                self.by_name[key] = ident
                self.spelling[key] = name

    def find(self, name: str) -> str | None:
        return self.by_name.get(normalise_name(name))

    def lookup(self, name: str) -> str:
        found = self.find(name)
        if found is not None:
            return found
        raise UnknownNameError(self.kind, name, self.suggest(name))

    def suggest(self, name: str, limit: int = 3) -> list[str]:
        key = normalise_name(name)
        hits = process.extract(
            key, list(self.by_name), scorer=fuzz.WRatio, limit=limit * 3, score_cutoff=60
        )
        seen: list[str] = []
        for candidate, _score, _ in hits:
            name_as_written = self.spelling[candidate]
            if name_as_written not in seen:
                seen.append(name_as_written)
        return seen[:limit]


class Gazetteer:
    """All reference entities by id, and every name they are known by.

    ``states`` are the curated actors (reference files); ``world`` the generated ones
    (every ISO 3166 state, territory and historical state), whose names rank below.
    """

    def __init__(
        self,
        states: Iterable[Actor] = (),
        weapon_systems: Iterable[WeaponSystem] = (),
        resolutions: Iterable[Resolution] = (),
        provisions: Iterable[Provision] = (),
        *,
        world: Iterable[Actor] = (),
        ambiguous: Iterable[AmbiguousName] = (),
        patterns: Sequence[tuple[str, re.Pattern[str]]] = (),
    ) -> None:
        self.actors = ActorIndex.build(states, world, ambiguous, patterns)
        self.states = self.actors.actors
        self.weapon_systems = {w.id: w for w in weapon_systems}
        self.resolutions = {r.id: r for r in resolutions}
        self.provisions = {p.id: p for p in provisions}
        self.designated: dict[str, WeaponSystem] = {}  # designations claims named, new
        self._weapons = _Index("weapon system")
        for w in self.weapon_systems.values():
            self._weapons.add(w.id, [w.id, w.name, *w.aliases])

    def state(self, name: str) -> Actor:
        return self.actors.lookup(name)

    def weapon_system(self, name: str, category: Category | None = None) -> WeaponSystem:
        """The weapon system a name stands for. A designation the reference data does not
        list becomes a weapon system of ``category`` (``designated``); without a category
        it is an error suggesting the closest names."""
        ident = self._weapons.find(name)
        if ident is None:
            if category is not None:  # a new designation: no suggestions to compute
                return self._designate(name, category)
            exc = UnknownNameError(self._weapons.kind, name, self._weapons.suggest(name))
            exc.args = (f"{exc.args[0]} (or give the category of a new designation)",)
            raise exc
        found = self.weapon_systems[ident]
        if category is not None and found.category is not category:
            raise ValueError(
                f"{found.name} ({found.id}) is of category {found.category.value}"
                + ("" if found.id in self.designated else " in the reference data")
                + f", not {category.value}"
            )
        return found

    def _designate(self, name: str, category: Category) -> WeaponSystem:
        ident = normalise_name(name).replace(" ", "-")
        if not _WEAPON_ID.match(ident):
            raise ValueError(f"{name!r} cannot be a weapon system id; add it to the reference data")
        weapon = WeaponSystem(
            id=ident,
            name=" ".join(name.split()),
            category=category,
            category_basis="The category the claim that names it gives; no reference entry.",
        )
        self.weapon_systems[ident] = self.designated[ident] = weapon
        self._weapons.add(ident, [ident, weapon.name])
        return weapon

    def resolution(self, ref: str) -> Resolution:
        match = _RESOLUTION.fullmatch(normalise_name(ref).replace(" ", " "))
        ident = f"unscr-{int(match.group(1))}" if match else ref
        if ident in self.resolutions:
            return self.resolutions[ident]
        known = sorted(r.symbol for r in self.resolutions.values())
        raise UnknownNameError("resolution", ref, known[:5])

    def provision(self, ref: str) -> Provision:
        if ref in self.provisions:
            return self.provisions[ref]
        match = _PROVISION.match(ref.strip())
        if match:
            ident = provision_id(match.group(1), match.group(2))
            if ident in self.provisions:
                return self.provisions[ident]
        number = re.search(r"\d{3,4}", ref)
        near = [
            f"{self.resolutions[p.resolution].symbol} {p.paragraph}"
            if p.resolution in self.resolutions
            else p.id
            for p in self.provisions.values()
            if number and p.resolution == f"unscr-{int(number.group())}"
        ]
        raise UnknownNameError("provision", ref, near[:5])
