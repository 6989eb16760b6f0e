"""Breaches, claims and sources: the legal judgement and where every fact comes from."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Path, Query

from armsgraph.api.deps import ApiKeyDep, ServiceDep, ViewServiceDep, WriterDep
from armsgraph.api.openapi import schema_of
from armsgraph.api.params import Moment
from armsgraph.api.problems import RESPONSES
from armsgraph.api.schemas import (
    BreachesPublic,
    ChangesPublic,
    ClaimProvenance,
    LoadResult,
    SourcesPublic,
)
from armsgraph.core.ids import ID_PATTERN
from armsgraph.core.model import SOURCE_ID_PATTERN, BreachBasis

router = APIRouter(tags=["provenance"], responses={404: RESPONSES[404], 422: RESPONSES[422]})

_EXAMPLE_CLAIMS = {
    "source": {
        "id": "example-2025-statement",
        "title": "Example statement",
        "publisher": "Example ministry",
        "date": "2025-06-01",
        "kind": "government_statement",
        "url": "https://example.org/statement",
    },
    "claims": [
        {
            "quote": "North Korea shipped artillery shells to Russia in 2024.",
            "asserted_by": "Example ministry",
            "confidence": "medium",
            "reported": "2025-06-01",
            "shipment": {
                "supplier": "Pyongyang",
                "recipient": "Moscow",
                "items": [{"weapon": "artillery ammunition"}],
                "period": {"start": "2024", "text": "in 2024"},
            },
        }
    ],
}


_EXAMPLES = {"shipment": {"summary": "One shipment claim", "value": _EXAMPLE_CLAIMS}}


@router.get(
    "/breaches",
    response_model=BreachesPublic,
    summary="Breaches, asserted by sources and inferred by the reasoner",
)
def get_breaches(
    service: ViewServiceDep,
    resolution: Annotated[str | None, Query(max_length=100, examples=["1718"])] = None,
    provision: Annotated[str | None, Query(max_length=100, examples=["1718 OP8(b)"])] = None,
    state: Annotated[str | None, Query(max_length=200, examples=["Russia"])] = None,
    basis: BreachBasis | None = None,
    event: Annotated[
        str | None,
        Query(
            pattern=ID_PATTERN,
            examples=["evt-0123456789abcdef0123"],
            description="One transfer's id: its breaches, and the provisions it matches that "
            "were not in force at its dates (not_in_force), each with the reason.",
        ),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=10000)] = 1000,
) -> BreachesPublic:
    return service.breaches(
        resolution=resolution,
        provision=provision,
        state=state,
        basis=basis,
        event=event,
        limit=limit,
    )


@router.get(
    "/claims/{claim_id}", response_model=ClaimProvenance, summary="Full provenance of one claim"
)
def get_claim(
    service: ServiceDep,
    claim_id: Annotated[str, Path(pattern=ID_PATTERN, examples=["clm-0123456789abcdef0123"])],
) -> ClaimProvenance:
    return service.claim(claim_id)


@router.post(
    "/claims",
    response_model=LoadResult,
    status_code=201,
    summary="Add claims (a claim file as JSON); validated like files, all or nothing",
    description="A source is the unit of versioning: posting a claim file for a source the "
    "store holds replaces what that source says (claims it no longer states are retracted "
    "into history). The answer lists the claim-level difference. Breaches are recomputed "
    "from the whole store.",
    responses={400: {**RESPONSES[400], "description": "The body is not JSON"}, 401: RESPONSES[401]},
)
def post_claims(
    service: WriterDep,
    _: ApiKeyDep,
    document: Annotated[dict[str, Any], schema_of("ClaimFile"), Body(openapi_examples=_EXAMPLES)],
) -> LoadResult:
    return service.add_claims(document)


@router.delete(
    "/sources/{source_id}",
    response_model=LoadResult,
    summary="Take a source out: its claims are retracted into history, breaches recomputed",
    description="404 if the store does not hold the source; 409 while other sources it "
    "holds report on it (take those out first).",
    responses={code: RESPONSES[code] for code in (401, 404, 409)},
)
def delete_source(
    service: WriterDep,
    _: ApiKeyDep,
    source_id: Annotated[str, Path(pattern=SOURCE_ID_PATTERN, examples=["msmt-2025-1"])],
) -> LoadResult:
    return service.remove_source(source_id)


@router.get(
    "/changes",
    response_model=ChangesPublic,
    summary="What changed since a date: ADD / MOD / DEL, as in OpenSanctions' delta files",
    description="Sources, claims, transfer events and breaches added, modified or deleted in "
    "the store after `since` (a date means its start, UTC). A claim its source edited has a "
    "new id: its MOD names the id it replaces in `previous`. Apply the changes in order to "
    "keep a copy current; `until` is where the next request starts.",
)
def get_changes(
    service: ServiceDep,
    since: Annotated[Moment, Query(examples=["2026-12-01"])],
) -> ChangesPublic:
    return service.changes(since)


@router.get("/sources", response_model=SourcesPublic, summary="Source documents")
def get_sources(service: ServiceDep) -> SourcesPublic:
    sources = service.sources()
    return SourcesPublic(count=len(sources), sources=sources)
