"""Answers for the API and the CLI, composed over any ``Store``.

Names are resolved here (capitals, aliases, ISO codes), queries go to the store,
and ids come back hydrated with their items, breaches, claims and sources.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from functools import cached_property
from typing import Any

from armsgraph.api.params import TransferFilter
from armsgraph.api.public import (
    claim_fields,
    load_result,
    rest_on,
    source_public,
    state_public,
)
from armsgraph.api.schemas import (
    BreachBrief,
    BreachesPublic,
    BreachPublic,
    ChangesPublic,
    ClaimBrief,
    ClaimCitation,
    ClaimProvenance,
    DeltaPublic,
    HopPublic,
    ItemPublic,
    LoadResult,
    NetworkPublic,
    NotInForcePublic,
    PairFlowPublic,
    PathPublic,
    PathsPublic,
    SourcePublic,
    StateBrief,
    StatePublic,
    TransfersPublic,
)
from armsgraph.core.access import writing
from armsgraph.core.as_of import held_on
from armsgraph.core.change import versioned
from armsgraph.core.dataset import Dataset, derive_events
from armsgraph.core.deltas import changes_since, start_of
from armsgraph.core.errors import NotFoundError
from armsgraph.core.grading import GradeFilter, graded, independent_authorities
from armsgraph.core.labels import label
from armsgraph.core.model import (
    Actor,
    AssistanceStatement,
    Breach,
    BreachBasis,
    Category,
    Claim,
    DeploymentStatement,
    EventKind,
    ShipmentStatement,
    Source,
    TransferEvent,
)
from armsgraph.core.names import Gazetteer
from armsgraph.core.reasoner import derive_breaches, lapsed_provisions
from armsgraph.core.replace import remove_sources
from armsgraph.core.store import BreachFilter, EventFilter, NetworkQuery, PathQuery, Store
from armsgraph.core.versions import end_of, utc_now
from armsgraph.loaders.ingest import ingest_document, store_gazetteer
from armsgraph.loaders.yaml_files import YamlFile


class GraphService:
    def __init__(self, store: Store) -> None:
        self.store = store

    # --- reference data and names ---------------------------------------------------------

    @cached_property
    def gazetteer(self) -> Gazetteer:
        return store_gazetteer(self.store)

    def resolve_state(self, name: str) -> Actor:
        return self.gazetteer.state(name)

    def state(self, name: str) -> StatePublic:
        return state_public(self.resolve_state(name))

    def states(self) -> list[StatePublic]:
        """The states and other actors the graph holds (a name resolves against every
        state in the world, ``state``)."""
        held = self.gazetteer.actors.curated.values()
        return [state_public(s) for s in sorted(held, key=lambda s: s.id)]

    def sources(self) -> list[SourcePublic]:
        return [source_public(s) for s in self.store.get_sources()]

    # --- queries ------------------------------------------------------------------------------

    def paths(
        self,
        source: str,
        target: str,
        *,
        max_hops: int = 1,
        since: dt.date | None = None,
        until: dt.date | None = None,
        category: Category | None = None,
        limit: int = 100,
    ) -> PathsPublic:
        start, end = self.resolve_state(source), self.resolve_state(target)
        query = PathQuery(start.id, end.id, max_hops, since, until, category, limit)
        found = self.store.find_paths(query)
        hops, evidence = self._hops(sorted({e for path in found for e in path}), [start.id, end.id])
        return PathsPublic(
            **evidence,
            source=start.id,
            target=end.id,
            max_hops=max_hops,
            since=since,
            until=until,
            category=category,
            count=len(found),
            paths=[PathPublic(hops=[hops[e] for e in path]) for path in found],
        )

    def network(self, query: NetworkQuery) -> NetworkPublic:
        found = self.store.network(query)
        ids = sorted({s for f in found.flows for s in (f.supplier, f.recipient)})
        states = self.gazetteer.states
        return NetworkPublic(
            states={
                i: StateBrief(id=i, name=states[i].name, iso2=states[i].iso2)
                for i in ids
                if i in states
            },
            flows=[PairFlowPublic.model_validate(vars(f)) for f in found.flows],
            total_pairs=found.total_pairs,
            more=found.total_pairs - len(found.flows),
        )

    def transfers(self, wanted: TransferFilter, kind: EventKind | None = None) -> TransfersPublic:
        query = EventFilter(
            supplier=self.resolve_state(wanted.supplier).id if wanted.supplier else None,
            recipient=self.resolve_state(wanted.recipient).id if wanted.recipient else None,
            kind=kind,
            category=wanted.category,
            since=wanted.since,
            until=wanted.until,
            limit=wanted.limit,
        )
        ids = self.store.find_events(query)
        hops, evidence = self._hops(ids)
        return TransfersPublic(**evidence, count=len(ids), transfers=[hops[i] for i in ids])

    def breaches(
        self,
        *,
        resolution: str | None = None,
        provision: str | None = None,
        state: str | None = None,
        basis: BreachBasis | None = None,
        event: str | None = None,
        limit: int = 1000,
    ) -> BreachesPublic:
        query = BreachFilter(
            resolution=self.gazetteer.resolution(resolution).id if resolution else None,
            provision=self.gazetteer.provision(provision).id if provision else None,
            state=self.resolve_state(state).id if state else None,
            basis=basis,
            event=event,
            limit=limit,
        )
        lapses: list[NotInForcePublic] = []
        if event is not None:
            events = self.store.get_events([event])
            if not events:
                raise NotFoundError("transfer", event)
            lapses = self._not_in_force(events)[event]
        found = self._breaches(self.store.find_breaches(query))
        return BreachesPublic(count=len(found), breaches=found, not_in_force=lapses)

    def claim(self, claim_id: str) -> ClaimProvenance:
        claims = self.store.get_claims([claim_id])
        if not claims:
            raise NotFoundError("claim", claim_id)
        claim = claims[0]
        citation = self._citations([claim_id])[0]
        chain: list[SourcePublic] = []
        source_id: str | None = claim.source
        while source_id and len(chain) < 10:
            found = self.store.get_sources([source_id])
            if not found:
                break
            chain.append(source_public(found[0]))
            source_id = found[0].reports_on
        supports = []
        if claim.event is not None and claim.event_kind is not None:
            supports = sorted(derive_events([claim]))
        breach_ids = sorted(
            {b for e in supports for b in self.store.find_breaches(BreachFilter(event=e))}
            | {b.id for b in derive_breaches(self._claim_only(claim)).values()}
        )
        breaches = [b for b in self._breaches(breach_ids) if claim_id in rest_on(b)]
        statement = claim.model_dump(
            mode="json",
            include={"shipment", "deployment", "assistance", "breach"},
            exclude_none=True,
        )
        return ClaimProvenance(
            claim=citation,
            statement=statement,
            source_chain=chain,
            supports=supports,
            breaches=breaches,
        )

    # --- writes --------------------------------------------------------------------------------

    def add_claims(self, document: dict[str, object], name: str = "request body") -> LoadResult:
        """Validate a claim file like the file loader does; all or nothing."""
        claim_file = YamlFile.from_data(document, name)
        loaded = ingest_document(claim_file, self.store, self.gazetteer)
        return load_result(loaded.report, loaded.claims_received)

    def as_of(self, day: dt.date | dt.datetime) -> GraphService:
        """Answers over what the store held at the end of ``day`` (UTC): a service over an
        in-memory store built from the records of knowledge time (``core.as_of``)."""
        return self._over(held_on(versioned(self.store), end_of(day)))

    def graded(self, grades: GradeFilter) -> GraphService:
        """Answers over the claims graded at least as well as ``grades`` asks
        (``core.grading``), in an in-memory store; the caller closes its store."""
        return self._over(graded(self.store, grades))

    def _over(self, dataset: Dataset) -> GraphService:
        from armsgraph.api.stores import memory_store

        snapshot = memory_store()
        snapshot.load(dataset)
        return GraphService(snapshot)

    def changes(self, since: dt.date | dt.datetime) -> ChangesPublic:
        """What changed in the store since ``since`` (a date: its start, UTC)."""
        start = start_of(since)
        until = utc_now()
        found = [DeltaPublic.model_validate(d) for d in changes_since(versioned(self.store), start)]
        return ChangesPublic(since=start, until=until, count=len(found), changes=found)

    def remove_source(self, source_id: str) -> LoadResult:
        """Take a source out; its claims are retracted into history."""
        with writing(self.store):  # one writer; readers see before or after
            if not self.store.get_sources([source_id]):
                raise NotFoundError("source", source_id)
            return load_result(remove_sources(versioned(self.store), [source_id]), 0)

    def _claim_only(self, claim: Claim) -> Dataset:
        gaz = self.gazetteer
        dataset = Dataset(provisions=dict(gaz.provisions), weapon_systems=dict(gaz.weapon_systems))
        dataset.claims = {claim.id: claim} if claim.breach else {}
        return dataset

    # --- hydration -------------------------------------------------------------------------------

    def _hops(
        self, event_ids: Sequence[str], named: Sequence[str] = ()
    ) -> tuple[dict[str, HopPublic], dict[str, Any]]:
        """The hops by event id, and the ``Evidence`` maps they refer to (as keywords)."""
        found = self.store.evidence(event_ids)
        events, breach_ids, breaches = found.events, found.breaches_by_event, found.breaches
        claims, sources = found.claims, found.sources
        by_id = {c.id: c for c in claims}
        lapses = self._not_in_force(events, by_id)
        by_source = {src.id: src for src in sources}
        hops = {}
        for e in events:
            held = [by_id[c] for c in e.claims if c in by_id]
            hops[e.id] = self._hop(
                e,
                breaches=breach_ids[e.id],
                claims=[c.id for c in held],
                authorities=sorted({c.asserted_by for c in held}),
                not_in_force=lapses[e.id],
                independent_authorities=independent_authorities(held, by_source),
            )
        state_ids = set(named) | {s for e in events for s in (e.supplier, e.recipient)}
        evidence = {
            "states": {s: state_public(self.gazetteer.states[s]) for s in sorted(state_ids)},
            "breaches": {
                b.id: BreachBrief(**self._breach_fields(b, by_id, by_source), claims=list(b.claims))
                for b in breaches
            },
            "claims": {c.id: ClaimBrief(**claim_fields(c), source=c.source) for c in claims},
            "sources": {i: source_public(src) for i, src in by_source.items()},
        }
        return hops, evidence

    def _not_in_force(
        self, events: Sequence[TransferEvent], claims: Mapping[str, Claim] | None = None
    ) -> dict[str, list[NotInForcePublic]]:
        """Per event, the provisions it matches but that were not in force at its dates;
        ``claims``, when given, holds at least the events' claims (read once a request)."""
        gaz = self.gazetteer
        dataset = Dataset(
            states=dict(gaz.states),
            weapon_systems=dict(gaz.weapon_systems),
            resolutions=dict(gaz.resolutions),
            provisions=dict(gaz.provisions),
        )
        # An undated event is dated by its first report, so its claims are needed.
        wanted = sorted({c for e in events for c in e.claims})
        if claims is None:
            claims = {c.id: c for c in self.store.get_claims(wanted)}
        dataset.claims = {c: claims[c] for c in wanted if c in claims}
        out: dict[str, list[NotInForcePublic]] = {e.id: [] for e in events}
        for lapse in lapsed_provisions(dataset, events):
            provision = gaz.provisions[lapse.provision]
            resolution = gaz.resolutions.get(provision.resolution)
            out[lapse.event].append(
                NotInForcePublic(
                    provision_id=provision.id,
                    resolution=resolution.symbol if resolution else provision.resolution,
                    provision=provision.paragraph,
                    in_force=list(lapse.in_force),
                    explanation=lapse.explanation,
                )
            )
        return out

    def _hop(
        self,
        event: TransferEvent,
        *,
        breaches: list[str],
        claims: list[str],
        authorities: list[str],
        not_in_force: list[NotInForcePublic],
        independent_authorities: int,
    ) -> HopPublic:
        """The hop of an event, built in one validation: every list a default would
        deep-copy is given."""
        gaz = self.gazetteer
        s = event.statement
        what: dict[str, Any] = {"items": [], "transport": [], "ports": [], "vessels": []}
        if isinstance(s, ShipmentStatement):
            items = []
            for item in s.items:
                weapon = gaz.weapon_systems[item.weapon]
                items.append(
                    ItemPublic(
                        weapon_system=weapon.id,
                        name=weapon.name,
                        category=weapon.category,
                        category_label=label(weapon.category),
                        quantity=item.quantity,
                        description=item.description,
                        quantity_text=item.quantity.describe() if item.quantity else None,
                    )
                )
            what = {
                "items": items,
                "transport": s.transport,
                "ports": s.ports,
                "vessels": s.vessels,
            }
        elif isinstance(s, DeploymentStatement):
            what |= {"personnel": s.personnel, "personnel_quantity": s.quantity}
        else:
            assert isinstance(s, AssistanceStatement)
            what |= {"assistance": s.assistance, "subject": s.subject}
        return HopPublic(
            event_id=event.id,
            kind=event.kind,
            supplier=event.supplier,
            recipient=event.recipient,
            period=s.period,
            flow=s.flow,
            breaches=breaches,
            claims=claims,
            authorities=authorities,
            not_in_force=not_in_force,
            independent_authorities=independent_authorities,
            **what,
        )

    def _citations(self, claim_ids: Sequence[str]) -> list[ClaimCitation]:
        claims = self.store.get_claims(claim_ids)
        sources = {s.id: s for s in self.store.get_sources(sorted({c.source for c in claims}))}
        return self._cite(claims, sources)

    @staticmethod
    def _cite(claims: Sequence[Claim], sources: Mapping[str, Source]) -> list[ClaimCitation]:
        return [
            ClaimCitation(**claim_fields(c), source=source_public(sources[c.source]))
            for c in claims
        ]

    def _breaches(self, ids: Sequence[str]) -> list[BreachPublic]:
        found = self.store.get_breaches(ids)
        claims = self.store.get_claims(sorted({c for b in found for c in b.claims}))
        # with the sources they report on, which decide who is independent of whom
        sources = {s.id: s for s in self.store.get_sources_with_chain({c.source for c in claims})}
        by_id = {c.id: c for c in claims}
        citations = {c.id: c for c in self._cite(claims, sources)}
        return [
            BreachPublic(
                **self._breach_fields(b, by_id, sources),
                claims=[citations[c] for c in b.claims if c in citations],
            )
            for b in found
        ]

    def _breach_fields(
        self, b: Breach, claims: Mapping[str, Claim], sources: Mapping[str, Source]
    ) -> dict[str, Any]:
        """A breach's fields, with who asserts the claims it rests on: ``claims`` and
        ``sources`` (with the sources they report on) hold at least the breach's."""
        gaz = self.gazetteer
        held = [claims[c] for c in b.claims if c in claims]
        provision = gaz.provisions.get(b.provision) if b.provision else None
        resolution = gaz.resolutions.get(b.resolution) if b.resolution else None
        return {
            "id": b.id,
            "basis": b.basis,
            "resolution": resolution.symbol if resolution else None,
            "provision": provision.paragraph if provision else None,
            "provision_id": b.provision,
            "paragraph_status": provision.paragraph_status if provision else None,
            "states": b.states,
            "events": b.events,
            "rule": b.rule,
            "explanation": b.explanation,
            "matched": b.matched,
            "authorities": sorted({c.asserted_by for c in held}),
            "independent_authorities": independent_authorities(held, sources),
        }
