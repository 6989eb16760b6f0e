"""Our item category for a SIPRI weapon description ("fighter aircraft", "SAM", "APC").

SIPRI describes each weapon in free text; its own weapon categories are not in the trade
register export. The rules below are ours, not SIPRI's: the first rule whose words occur in
the description wins, and a description no rule matches is ``related_materiel`` (SIPRI
covers major conventional weapons and their components: arms or arms-related materiel in
the resolutions' sense). A UN Register category is given only where the description names
a kind the Register's category covers outright (a frigate is a warship; a patrol boat may be
under the Register's 500-tonne threshold, so it is not). Words are matched whole, lower case.
"""

from __future__ import annotations

import re

from armsgraph.core.model import Category

# (words, category), in order: more specific descriptions first ("light tank" before "tank",
# "tank destroyer" before "destroyer"). "anti-tank" or "anti-submarine" never match "tank" or
# "submarine": a word joined by a hyphen is not matched alone.
RULES: tuple[tuple[tuple[str, ...], Category], ...] = (
    (
        (
            "missile",
            "missiles",
            "sam",
            "ssm",
            "asm",
            "aam",
            "bvraam",
            "sraam",
            "atgm",
            "manpads",
            "sam system",
            "ballistic missile",
            "cruise missile",
            "anti-ship missile",
        ),
        Category.MISSILES,
    ),
    (("ucav", "armed uav", "armed drone", "combat drone"), Category.COMBAT_AIRCRAFT),
    (
        (
            "fighter aircraft",
            "fga aircraft",
            "fighter",
            "combat aircraft",
            "ground attack aircraft",
            "strike aircraft",
            "bomber aircraft",
            "bomber",
        ),
        Category.COMBAT_AIRCRAFT,
    ),
    (("combat helicopter", "attack helicopter"), Category.ATTACK_HELICOPTERS),
    (("tank destroyer",), Category.ARMOURED_COMBAT_VEHICLES),  # before "destroyer" and "tank"
    (
        (
            "frigate",
            "corvette",
            "destroyer",
            "submarine",
            "aircraft carrier",
            "cruiser",
        ),
        Category.WARSHIPS,
    ),
    (
        (
            "light tank",
            "apc",
            "ifv",
            "afv",
            "apv",
            "armoured car",
            "armoured vehicle",
            "armoured personnel carrier",
            "infantry fighting vehicle",
        ),
        Category.ARMOURED_COMBAT_VEHICLES,
    ),
    (("tank",), Category.BATTLE_TANKS),
    (
        (
            "self-propelled gun",
            "self-propelled howitzer",
            "towed gun",
            "howitzer",
            "mortar",
            "mrl",
            "self-propelled mrl",
            "multiple rocket launcher",
            "artillery",
        ),
        Category.LARGE_CALIBRE_ARTILLERY,
    ),
)

_PATTERNS = tuple(
    (re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w-])"), cat)
    for words, cat in RULES
)


def category_of(description: str) -> Category:
    """The category of a SIPRI weapon description by the rules above."""
    text = " ".join(description.casefold().split())
    for pattern, category in _PATTERNS:
        if pattern.search(text):
            return category
    return Category.RELATED_MATERIEL
