"""The embedded store's documents (``ontology.rdf_documents``) against its RDF."""

from __future__ import annotations

from collections.abc import Callable

from pydantic import BaseModel

from armsgraph.core.ids import claim_id
from armsgraph.core.model import Claim
from armsgraph.ontology.rdf_build import EVENT_TYPES
from armsgraph.ontology.rdf_documents import (
    BREACH,
    CLAIM,
    EVENT,
    SOURCE,
    parse_breach,
    parse_claim,
    parse_event,
    parse_source,
)
from armsgraph.ontology.rdf_hydrate import Reader
from armsgraph.ontology.rdf_store import RdfStore
from armsgraph.ontology.terms import AGT


def assert_documents_exact(store: RdfStore, *, complete: bool = True) -> int:
    """Each document equals what the RDF reader hydrates for its id, and only resources
    the RDF holds have one; ``complete``: every claim, event, breach and source has one
    (a store this version wrote, no load cut short). Returns how many documents there are."""
    reader = Reader(store.db, store.iris)
    kinds: list[tuple[str, list[str], Callable[[str, bytes], BaseModel], Callable[[str], object]]]
    kinds = [
        (CLAIM, store._all_ids(AGT.Claim), parse_claim, reader.claim),
        (
            EVENT,
            [i for t in EVENT_TYPES.values() for i in store._all_ids(t)],
            parse_event,
            reader.event,
        ),
        (BREACH, store._all_ids(AGT.Breach), parse_breach, reader.breach),
        (SOURCE, store._all_ids(AGT.Source), parse_source, reader.source),
    ]
    total = 0
    for kind, ids, parse, hydrate in kinds:
        held = store._documents.held(kind)
        stray = set(held) - set(ids)
        assert not stray, f"{kind} documents of resources the RDF lacks: {sorted(stray)[:3]}"
        if complete:
            lacking = set(ids) - set(held)
            assert not lacking, f"{kind}s without a document: {sorted(lacking)[:3]}"
        for ident, body in held.items():
            document, rdf = parse(ident, body), hydrate(ident)
            assert isinstance(rdf, BaseModel), f"{kind} {ident} does not read from the RDF"
            assert document.model_dump_json() == rdf.model_dump_json(), (kind, ident)
            assert document == rdf, (kind, ident)
            if isinstance(document, Claim):  # its id is taken from the table, not hashed
                assert claim_id(document) == ident == document.id
        total += len(held)
    return total
