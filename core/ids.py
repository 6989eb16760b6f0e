"""Deterministic ids: a hash of normalised content, identical in every store.

Reloading the same content is a no-op; any change to a claim gives a new claim.
An RDF IRI is the base IRI plus the id, so Neo4j and RDF agree on identity.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from armsgraph.core.model import Claim, EventStatement

_PREFIX = {
    "claim": "clm",
    "shipment": "shp",
    "deployment": "dep",
    "assistance": "ast",
    "breach": "brc",
}


def _normalise(value: Any) -> Any:
    # Unicode NFC and collapsed white space: invisible differences must not change an id.
    # The exact-type tests come first: hashing is the dearest step of a large load, and a
    # model dump (mode="json") holds only plain str, dict, list and scalars.
    kind = type(value)
    if kind is str:  # ASCII is its own NFC form
        return " ".join((value if value.isascii() else unicodedata.normalize("NFC", value)).split())
    if kind is dict:
        # False is the default of every flag: leaving it out keeps the ids made before a
        # flag existed (``Quantity.uncertain``), as None does for an optional field.
        return {
            k: v if type(v) in _SCALARS else _normalise(v)
            for k, v in value.items()
            if v is not False and v not in (None, [], {})
        }
    if kind is list:
        return [v if type(v) in _SCALARS else _normalise(v) for v in value]
    if isinstance(value, str):
        return _normalise(str(value))
    if isinstance(value, dict):
        return _normalise(dict(value))
    if isinstance(value, list | tuple):
        return _normalise(list(value))
    return value


_SCALARS = frozenset({int, float, bool, type(None)})  # returned as they are


# Every id this project makes: a kind prefix and hex digits (the API refuses anything else).
ID_PATTERN = r"^[a-z]{3}-[0-9a-f]{1,64}$"


def content_hash(kind: str, content: Any) -> str:
    canonical = json.dumps(_normalise(content), sort_keys=True, ensure_ascii=False, default=str)
    digest = hashlib.sha256(f"{kind}\n{canonical}".encode()).hexdigest()
    return f"{_PREFIX[kind]}-{digest[:20]}"


def claim_id(claim: Claim) -> str:
    return content_hash("claim", claim.model_dump(mode="json", exclude={"key"}, exclude_none=True))


def event_id(kind: str, statement: EventStatement) -> str:
    return content_hash(kind, statement.model_dump(mode="json", exclude_none=True))


def breach_id(content: dict[str, Any]) -> str:
    return content_hash("breach", content)
