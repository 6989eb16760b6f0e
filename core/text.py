"""Name normalisation shared by every index of names."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


def _strip_accent(chars: list[str], c: str) -> bool:
    # A combining mark after a Latin, Greek, Cyrillic, Hebrew or Arabic letter is an accent
    # or optional pointing ("é", "ё", "تِ") and does not matter; in Indic, South-East Asian
    # and Japanese script it is a vowel sign or voicing mark, part of the word.
    return bool(chars) and chars[-1] < "\u0900" and unicodedata.combining(c) > 0


@lru_cache(maxsize=65_536)
def normalise_name(name: str) -> str:
    """Case, accents, punctuation and spacing do not matter when matching names."""
    kept: list[str] = []
    for c in unicodedata.normalize("NFKD", name.casefold()):
        if not _strip_accent(kept, c):
            kept.append(c)
    words = _NOT_WORD.sub(" ", unicodedata.normalize("NFC", "".join(kept)))
    return " ".join(words.split())


# Word characters: letters and digits, and the marks that are part of words in the scripts
# above (which \w leaves out).
_NOT_WORD = re.compile(r"[^\w\u0900-\u109f\u1780-\u17ff\u3099\u309a]+")
