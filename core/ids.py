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
    if isinstance(value, str):
        return " ".join(unicodedata.normalize("NFC", value).split())
    if isinstance(value, dict):
        # False is the default of every flag: leaving it out keeps the ids made before a
        # flag existed (``Quantity.uncertain``), as None does for an optional field.
        return {
            k: _normalise(v) for k, v in value.items() if v is not False and v not in (None, [], {})
        }
    if isinstance(value, list | tuple):
        return [_normalise(v) for v in value]
    return value


# Every id this project makes: a kind prefix and hex digits (the API refuses anything else).
ID_PATTERN = r"^[a-z]{3}-[0-9a-f]{1,64}$"


def content_hash(kind: str, content: Any) -> str:
    canonical = json.dumps(_normalise(content), sort_keys=True, ensure_ascii=False, default=str)
    digest = hashlib.sha256(f"{kind}\n{canonical}".encode()).hexdigest()
    return f"{_PREFIX[kind]}-{digest[:20]}"


def claim_id(claim: Claim) -> str:
    return content_hash("claim", claim.model_dump(mode="json", exclude={"key"}))


def event_id(kind: str, statement: EventStatement) -> str:
    return content_hash(kind, statement.model_dump(mode="json"))


def breach_id(content: dict[str, Any]) -> str:
    return content_hash("breach", content)
