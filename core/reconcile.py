"""Reconciliation: which of our entities a name in someone's spreadsheet means.

The W3C Reconciliation API (what OpenRefine speaks) asks for ranked candidates with a score
and a ``match`` flag. A name that entity resolution (``core.names``) resolves exactly (an
alias, a capital, an ISO code, any case or accent) is the match, scored 100; otherwise the
candidates are the closest names by rapidfuzz's WRatio over the same normalised names,
never flagged as matches, so OpenRefine leaves the choice to the user.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from armsgraph.core.errors import UnknownNameError
from armsgraph.core.names import Gazetteer, normalise_name

STATE, WEAPON_SYSTEM, ACTOR = "State", "WeaponSystem", "Actor"
TYPES = {STATE: "State", WEAPON_SYSTEM: "Weapon system", ACTOR: "Actor (publisher of a source)"}
MIN_SCORE = 50.0


@dataclass(frozen=True)
class Candidate:
    id: str
    name: str
    type: str
    score: float
    match: bool
    description: str | None = None


@dataclass(frozen=True)
class _Entry:
    id: str
    name: str
    description: str | None


class Reconciler:
    """Candidates by type over the reference data and the actors the sources name."""

    def __init__(self, gazetteer: Gazetteer, actors: Iterable[str] = ()) -> None:
        self.gazetteer = gazetteer
        self.entries: dict[str, dict[str, _Entry]] = {STATE: {}, WEAPON_SYSTEM: {}, ACTOR: {}}
        self.names: dict[str, dict[str, str]] = {t: {} for t in TYPES}  # key -> id
        for s in gazetteer.states.values():
            self._add(STATE, s.id, s.name, s.capital and f"capital {s.capital}",
                      [s.id, *([s.iso2] if s.iso2 else []), s.name,
                       *(n for ns in s.aliases.values() for n in ns),
                       *([s.capital] if s.capital else [])])  # fmt: skip
        for w in gazetteer.weapon_systems.values():
            self._add(WEAPON_SYSTEM, w.id, w.name, w.category.value, [w.id, w.name, *w.aliases])
        for name in sorted(set(actors)):
            self._add(ACTOR, actor_id(name), name, None, [name])

    def _add(
        self, kind: str, ident: str, name: str, description: str | None, names: list[str]
    ) -> None:
        self.entries[kind][ident] = _Entry(ident, name, description)
        for alias in names:
            key = normalise_name(alias)
            if key:
                self.names[kind].setdefault(key, ident)

    def _exact(self, kind: str, query: str) -> str | None:
        try:
            if kind == STATE:
                return self.gazetteer.state(query).id
            if kind == WEAPON_SYSTEM:
                return self.gazetteer.weapon_system(query).id
        except UnknownNameError:
            return None
        return self.names[ACTOR].get(normalise_name(query))

    def candidates(self, query: str, kind: str | None = None, limit: int = 5) -> list[Candidate]:
        """Best first; the exact resolution (if any) first and the only ``match``."""
        kinds = [kind] if kind else list(TYPES)
        found: dict[tuple[str, str], Candidate] = {}
        for k in kinds:
            exact = self._exact(k, query)
            if exact is not None:
                found[(k, exact)] = self._candidate(k, exact, 100.0, True)
            key = normalise_name(query)
            if not key:
                continue
            hits = process.extract(
                key,
                list(self.names[k]),
                scorer=fuzz.WRatio,
                limit=limit * 4,
                score_cutoff=MIN_SCORE,
            )
            for name_key, score, _ in hits:
                ident = self.names[k][name_key]
                if (k, ident) not in found:
                    found[(k, ident)] = self._candidate(k, ident, round(float(score), 1), False)
        ranked = sorted(found.values(), key=lambda c: (-c.score, c.type, c.id))
        return ranked[:limit]

    def _candidate(self, kind: str, ident: str, score: float, match: bool) -> Candidate:
        entry = self.entries[kind][ident]
        return Candidate(ident, entry.name, kind, score, match, entry.description)

    def suggest(self, prefix: str, kind: str | None = None, limit: int = 10) -> list[Candidate]:
        """Entities with a name that starts with ``prefix`` (any word of it), then fuzzy ones."""
        key = normalise_name(prefix)
        kinds = [kind] if kind else list(TYPES)
        starts: dict[tuple[str, str], Candidate] = {}
        for k in kinds:
            for name_key, ident in self.names[k].items():
                words = name_key.split()
                if key and (name_key.startswith(key) or any(w.startswith(key) for w in words)):
                    starts.setdefault((k, ident), self._candidate(k, ident, 100.0, False))
        ordered = sorted(starts.values(), key=lambda c: (c.type, c.name))
        if len(ordered) < limit and key:
            seen = {(c.type, c.id) for c in ordered}
            more = [c for c in self.candidates(prefix, kind, limit) if (c.type, c.id) not in seen]
            ordered += more
        return ordered[:limit]


def actor_id(name: str) -> str:
    """A stable id for an actor known only by name (publishers have no id of their own)."""
    return "actor:" + normalise_name(name).replace(" ", "-")
