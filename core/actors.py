"""Name resolution for actors: every name, code, translation and capital to one actor id.

Names come in tiers, and a name belongs to the best tier that gives it:

0. curated reference data (``states.yaml``, ``actors.yaml``, user reference files), and the
   curated ambiguous names ("Congo", "Korea");
1. generated codes, English and register names and capitals (``world.json``);
2. generated names in other languages;
3. generated names whose language is not known (GeoNames' other names of capitals).

A name two actors share within its best tier is ambiguous: looking it up is an error that
lists the candidates, never a silent pick. A curated name always wins over a generated one.

A name none of these give may still be a register's spelling ("Korea, North", "Turkey",
"Congo, Dem. Rep."): country_converter's patterns (one regular expression per state) decide
it, but only when every word that no known name has is inside what the pattern matched,
so that "Free Syrian Army" is not taken for Syria. Results, hits and misses alike, are
cached per spelling: a register repeats its spellings, so the patterns run once per distinct
one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from armsgraph.core.errors import AmbiguousNameError, UnknownNameError
from armsgraph.core.model import Actor, AmbiguousName
from armsgraph.core.text import normalise_name

CURATED, GENERATED, TRANSLATED, UNTAGGED = range(4)
# Abbreviations registers use that no name spells out ("Congo, Dem. Rep.").
_REGISTER_WORDS = frozenset(
    ("dem", "rep", "fed", "sts", "st", "is", "isl", "pdr", "sar", "the", "of", "and")
)


def _generated_names(actor: Actor) -> Iterable[tuple[int, str]]:
    for name in (actor.id, actor.iso2, actor.name, actor.capital):
        if name:
            yield GENERATED, name
    for lang, names in actor.aliases.items():
        tier = GENERATED if lang == "en" else UNTAGGED if lang == "und" else TRANSLATED
        for name in names:
            yield tier, name


def _curated_names(actor: Actor) -> Iterable[tuple[int, str]]:
    for name in (actor.id, actor.iso2, actor.name, actor.capital):
        if name:
            yield CURATED, name
    for names in actor.aliases.values():
        for name in names:
            yield CURATED, name


_FILLED_FROM_GENERATED = (
    *("iso2", "numeric", "capital", "un_member_since", "wikidata"),
    *("valid_from", "valid_until", "validity_basis"),
)


def merge_actor(generated: Actor, curated: Actor) -> Actor:
    """The curated entry, with the generated names it lacks appended language by language."""
    aliases = {lang: list(names) for lang, names in curated.aliases.items()}
    for lang, names in generated.aliases.items():
        bucket = aliases.setdefault(lang, [])
        bucket.extend(n for n in names if n not in bucket)
    filled = {
        name: getattr(generated, name)
        for name in (
            "iso2",
            "numeric",
            "capital",
            "un_member_since",
            "wikidata",
            "valid_from",
            "valid_until",
            "validity_basis",
        )
        if getattr(curated, name) is None and getattr(generated, name) is not None
    }
    sources = [*curated.sources, *(s for s in generated.sources if s not in curated.sources)]
    return curated.model_copy(update={"aliases": aliases, "sources": sources, **filled})


@dataclass
class ActorIndex:
    """Actors by id, and every name they are known by (see the module docstring)."""

    actors: dict[str, Actor] = field(default_factory=dict)
    curated: dict[str, Actor] = field(default_factory=dict)  # as given, before merging
    _ids: dict[str, tuple[str, ...]] = field(default_factory=dict)  # key -> candidate ids
    _tier: dict[str, int] = field(default_factory=dict)
    _spelling: dict[str, str] = field(default_factory=dict)  # key -> name as written
    _cache: dict[str, Actor | UnknownNameError] = field(default_factory=dict)
    patterns: Sequence[tuple[str, re.Pattern[str]]] = ()  # (actor id, register pattern)
    _words: set[str] = field(default_factory=set)  # every word of a tier 0-1 name

    @classmethod
    def build(
        cls,
        curated: Iterable[Actor],
        generated: Iterable[Actor] = (),
        ambiguous: Iterable[AmbiguousName] = (),
        patterns: Sequence[tuple[str, re.Pattern[str]]] = (),
    ) -> ActorIndex:
        index = cls()
        world = {a.id: a for a in generated}
        mine = {a.id: a for a in curated}
        index.curated = mine
        index.actors = dict(world)
        for ident, actor in mine.items():
            index.actors[ident] = merge_actor(world[ident], actor) if ident in world else actor
        for entry in ambiguous:
            index._add(CURATED, entry.name, *entry.candidates)
        for actor in mine.values():
            for tier, name in _curated_names(actor):
                index._add(tier, name, actor.id)
        for actor in world.values():
            for tier, name in _generated_names(actor):
                index._add(tier, name, actor.id)
        index.patterns = [(i, p) for i, p in patterns if i in index.actors]
        index._words = {w for k, t in index._tier.items() if t <= GENERATED for w in k.split()}
        return index

    def _add(self, tier: int, name: str, *ids: str) -> None:
        key = normalise_name(name)
        if not key:
            return
        best = self._tier.get(key)
        if best is None or tier < best:
            self._tier[key], self._ids[key], self._spelling[key] = tier, ids, name
        elif tier == best:
            known = self._ids[key]
            self._ids[key] = known + tuple(i for i in ids if i not in known)

    def __contains__(self, ident: str) -> bool:
        return ident in self.actors

    def lookup(self, name: str) -> Actor:
        """The actor a name stands for; an error naming candidates or suggestions if none."""
        hit = self._cache.get(name)
        if hit is None:
            hit = self._resolve(name)
            if len(self._cache) < 200_000:
                self._cache[name] = hit
        if isinstance(hit, UnknownNameError):
            raise hit
        return hit

    def _resolve(self, name: str) -> Actor | UnknownNameError:
        key = normalise_name(name)
        ids = self._ids.get(key) or self._by_pattern(name, key)
        if not ids:
            return UnknownNameError("state", name, self.suggest(name))
        if len(ids) == 1:
            return self.actors[ids[0]]
        listed = [f"{i} ({self.actors[i].name})" if i in self.actors else i for i in ids]
        return AmbiguousNameError("state", name, listed)

    def _by_pattern(self, name: str, key: str) -> tuple[str, ...]:
        strange = {w for w in key.split() if w not in self._words and w not in _REGISTER_WORDS}
        found = []
        for ident, pattern in self.patterns:
            match = pattern.search(name)
            if match and strange <= set(normalise_name(match.group(0)).split()):
                found.append(ident)
        return tuple(found)

    def suggest(self, name: str, limit: int = 3) -> list[str]:
        key = normalise_name(name)
        # The score cutoff inside rapidfuzz: the hits under it are never built (a quarter sooner).
        hits = process.extract(
            key, list(self._ids), scorer=fuzz.WRatio, limit=limit * 4, score_cutoff=60
        )
        seen: list[str] = []
        for candidate, _score, _ in hits:
            if len(self._ids[candidate]) != 1:
                continue
            if len(candidate) < 4 <= len(key):  # codes are poor suggestions for a name
                continue
            written = self._spelling[candidate]
            if written not in seen:
                seen.append(written)
        return seen[:limit]

    def names(self) -> Mapping[str, tuple[str, ...]]:
        """Normalised name -> the ids it may stand for (one unless ambiguous)."""
        return self._ids
