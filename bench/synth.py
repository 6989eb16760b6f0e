"""A deterministic synthetic workload: N claims in the shape of real arms-transfer reporting.

What it makes (everything from one ``seed``):

- reference data: 200 states (a few real ones, PRK and RUS among them, the rest synthetic),
  400 weapon systems over every ``Category``, the DPRK and Iran resolutions and provisions
  with scopes, so the reasoner infers breaches;
- 2,000 sources of every ``SourceKind``;
- *flows*: one real-world transfer between two states. Suppliers and recipients are drawn
  from Zipf-like weights (a few states dominate the trade), periods span 1990-2025, items
  are weighted towards ammunition, small arms and missiles. A flow is stated by 1-4 claims
  from different sources that say exactly the same thing (so they share one event,
  ``core.dataset.derive_events``); one flow in eight is *conflicting*: a second source
  gives a different quantity, which makes a second event with the same ``flow`` label.
  Some flows carry a source's own breach statement (an asserted breach).

Claims come out in chunks (``chunks``): each is a ``Dataset`` with the reference data, the
sources its claims cite, and the claims, events and breaches of whole flows, so a chunk
is self-contained (``Neo4jStore.load`` accepts it) and memory does not grow with N.

Models are built with ``model_construct`` (no validation) for speed; ``validate_sample``
re-validates a sample through the normal validators, and the smoke test calls it.

The cap rule of the reasoner (a ceiling per calendar year over all suppliers) needs the
whole data set at once, so no provision here has a cap: per-chunk breaches are exact.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from armsgraph.core.dataset import Dataset
from armsgraph.core.ids import event_id
from armsgraph.core.model import (
    AssistanceKind,
    AssistanceStatement,
    BreachStatement,
    Category,
    Claim,
    Confidence,
    DeploymentStatement,
    EventKind,
    ItemLine,
    Period,
    PersonnelKind,
    Qualifier,
    Quantity,
    QuoteKind,
    ShipmentStatement,
    Source,
    TransferEvent,
    TransportMode,
)
from armsgraph.core.reasoner import derive_breaches
from bench.synth_reference import (
    ARMS,
    CATEGORY_WEIGHTS,
    FIRST_YEAR,
    LAST_YEAR,
    reference,
    sources,
)

# Rank of a state among suppliers / recipients (0 = the largest). Unlisted states take the
# remaining ranks in a seeded shuffle. PRK is a mid-sized supplier, RUS a large recipient.
SUPPLIER_RANK = {"USA": 0, "RUS": 1, "FRA": 2, "CHN": 3, "DEU": 4, "GBR": 5, "PRK": 14}
RECIPIENT_RANK = {"IND": 0, "UKR": 1, "RUS": 6, "SYR": 9, "IRN": 12, "PRK": 20, "MMR": 25}
ZIPF_S = 1.1

UNITS: dict[Category, str] = {
    Category.AMMUNITION: "round",
    Category.SALW: "unit",
    Category.MISSILES: "missile",
    Category.REFINED_PETROLEUM: "barrel",
    Category.CRUDE_OIL: "barrel",
    Category.RELATED_MATERIEL: "container",
    Category.DUAL_USE: "container",
}
KIND_WEIGHTS = {EventKind.SHIPMENT: 80, EventKind.ASSISTANCE: 12, EventKind.DEPLOYMENT: 8}
CONFLICT_RATE = 0.125  # flows where a second source gives another quantity
ASSERTED_RATE = 0.03  # flows with a source's own breach statement
BLOCK_CLAIMS = 2_000  # claims reasoned over together (see _block)


@dataclass(frozen=True)
class SynthConfig:
    claims: int
    seed: int = 7
    chunk_claims: int = 20_000


# --- claims --------------------------------------------------------------------------------


def _zipf_weights(codes: list[str], fixed: dict[str, int], rng: random.Random) -> list[float]:
    rest = [c for c in codes if c not in fixed]
    rng.shuffle(rest)
    free = iter(r for r in range(len(codes)) if r not in fixed.values())
    rank = dict(fixed)
    for code in rest:
        rank[code] = next(free)
    return [1.0 / (rank[c] + 1) ** ZIPF_S for c in codes]


class _Maker:
    """Draws flows; holds only the reference data and the RNG."""

    def __init__(self, ref: Dataset, sources: list[Source], seed: int) -> None:
        self.rng = random.Random(f"claims/{seed}")
        self.codes = sorted(ref.states)
        self.sup_w = _zipf_weights(self.codes, SUPPLIER_RANK, self.rng)
        self.rec_w = _zipf_weights(self.codes, RECIPIENT_RANK, self.rng)
        self.sources = sources
        self.src_w = [1.0 / (i + 1) ** 0.6 for i in range(len(sources))]
        by_cat: dict[Category, list[str]] = {}
        for w in ref.weapon_systems.values():
            by_cat.setdefault(w.category, []).append(w.id)
        self.by_cat = {c: sorted(ids) for c, ids in by_cat.items()}
        self.cats = list(CATEGORY_WEIGHTS)
        self.cat_w = list(CATEGORY_WEIGHTS.values())
        self.kinds = list(KIND_WEIGHTS)
        self.kind_w = list(KIND_WEIGHTS.values())
        self.n_flows = 0

    def pair(self) -> tuple[str, str]:
        rng = self.rng
        supplier = rng.choices(self.codes, self.sup_w)[0]
        while True:
            recipient = rng.choices(self.codes, self.rec_w)[0]
            if recipient != supplier:
                return supplier, recipient

    def period(self) -> Period:
        rng = self.rng
        year = rng.randint(FIRST_YEAR, LAST_YEAR)
        shape = rng.random()
        if shape < 0.3:
            return Period.model_construct(start=str(year), end=str(year), text=f"in {year}")
        month = rng.randint(1, 12)
        start = f"{year}-{month:02d}"
        if shape < 0.6:
            return Period.model_construct(start=start, end=start, text=None)
        end_year = min(LAST_YEAR, year + rng.randint(0, 2))
        end_month = rng.randint(month, 12) if end_year == year else rng.randint(1, 12)
        if shape < 0.95:
            return Period.model_construct(start=start, end=f"{end_year}-{end_month:02d}", text=None)
        return Period.model_construct(start=start, end=None, text=f"since {start}")

    def quantity(self, unit: str) -> Quantity:
        rng = self.rng
        value = int(rng.paretovariate(1.2) * 10)
        qualifier = rng.choice(
            [Qualifier.EXACTLY, Qualifier.EXACTLY, Qualifier.AROUND, Qualifier.MORE_THAN]
        )
        return Quantity.model_construct(
            value=value, low=None, high=None, qualifier=qualifier, unit=unit, text=None
        )

    def items(self, lot: str) -> list[ItemLine]:
        rng = self.rng
        out: list[ItemLine] = []
        for cat in rng.sample(self.cats, counts=self.cat_w, k=rng.choice((1, 1, 1, 2, 3))):
            weapon = rng.choice(self.by_cat[cat])
            if any(i.weapon == weapon for i in out):
                continue
            out.append(
                ItemLine.model_construct(
                    weapon=weapon, quantity=self.quantity(UNITS.get(cat, "unit")), description=lot
                )
            )
        return out

    def statement(self, flow: str | None, n: int) -> tuple[str, Any]:
        """One flow's statement; the lot / contingent / programme number ``n`` keeps two
        flows from ever stating the same thing by chance (which would merge their events)."""
        rng = self.rng
        supplier, recipient = self.pair()
        kind = rng.choices(self.kinds, self.kind_w)[0]
        period = self.period()
        if kind is EventKind.SHIPMENT:
            return "shipment", ShipmentStatement.model_construct(
                supplier=supplier,
                recipient=recipient,
                items=self.items(f"lot {n}"),
                period=period,
                transport=[rng.choice(list(TransportMode))],
                ports=[],
                vessels=[f"Vessel {rng.randint(1, 500)}"] if rng.random() < 0.2 else [],
                flow=flow,
            )
        if kind is EventKind.DEPLOYMENT:
            return "deployment", DeploymentStatement.model_construct(
                supplier=supplier,
                recipient=recipient,
                personnel=rng.choice(list(PersonnelKind)),
                quantity=self.quantity("person"),
                role=f"contingent {n}",
                period=period,
                flow=flow,
            )
        weapon = rng.choice(self.by_cat[Category.MISSILES]) if rng.random() < 0.5 else None
        return "assistance", AssistanceStatement.model_construct(
            supplier=supplier,
            recipient=recipient,
            assistance=rng.choice(list(AssistanceKind)),
            subject=f"programme {n}",
            related_weapon=weapon,
            related_category=None if weapon else rng.choice(ARMS),
            period=period,
            flow=flow,
        )

    def claim(self, field: str, statement: Any, source: Source, n: int) -> Claim:
        rng = self.rng
        return Claim.model_construct(
            key=None,
            source=source.id,
            locator=f"p. {rng.randint(1, 300)}",
            quote=f"Synthetic statement {n} as worded by {source.id}.",
            quote_kind=QuoteKind.VERBATIM if rng.random() < 0.7 else QuoteKind.SUMMARY,
            asserted_by=source.publisher,
            confidence=rng.choice(list(Confidence)),
            reported=source.date,
            shipment=statement if field == "shipment" else None,
            deployment=statement if field == "deployment" else None,
            assistance=statement if field == "assistance" else None,
            breach=None,
            note=None,
        )

    def variant(self, statement: ShipmentStatement) -> ShipmentStatement:
        """The same shipment with another figure for the first item (a conflicting report)."""
        first, *rest = statement.items
        assert first.quantity is not None
        other = first.quantity.model_copy(
            update={"value": int(first.quantity.value or 0) * 2 + 1, "qualifier": Qualifier.AROUND}
        )
        return statement.model_copy(
            update={"items": [first.model_copy(update={"quantity": other}), *rest]}
        )

    def flow(self) -> list[Claim]:
        """The claims of one real-world flow: 1-4 sources, sometimes conflicting figures."""
        rng = self.rng
        self.n_flows += 1
        n = self.n_flows
        conflicting = rng.random() < CONFLICT_RATE
        asserted = rng.random() < ASSERTED_RATE
        label = f"flow-{n}" if conflicting or asserted else None
        field, statement = self.statement(label, n)
        if conflicting and not isinstance(statement, ShipmentStatement):
            conflicting = False
        n_sources = min(4, 1 + int(rng.expovariate(1.0)))  # mean about 1.6
        picked = rng.choices(self.sources, self.src_w, k=n_sources + 2)
        sources = list(dict.fromkeys(picked))[: n_sources + (1 if conflicting else 0)]
        claims = [self.claim(field, statement, s, n) for s in sources[:n_sources]]
        if conflicting and len(sources) > n_sources:
            claims.append(self.claim(field, self.variant(statement), sources[-1], n))
        if label is not None and asserted:
            src = rng.choices(self.sources, self.src_w)[0]
            breach = BreachStatement.model_construct(
                states=[statement.supplier, statement.recipient],
                resolutions=["unscr-1718"],
                provisions=[],
                flows=[label],
            )
            claims.append(
                Claim.model_construct(
                    key=None,
                    source=src.id,
                    locator=None,
                    quote=f"Flow {n} violated Security Council resolutions.",
                    quote_kind=QuoteKind.SUMMARY,
                    asserted_by=src.publisher,
                    confidence=Confidence.MEDIUM,
                    reported=src.date,
                    shipment=None,
                    deployment=None,
                    assistance=None,
                    breach=breach,
                    note=None,
                )
            )
        return claims


def chunks(config: SynthConfig) -> Iterator[Dataset]:
    """Self-contained data sets of about ``chunk_claims`` claims each, ``claims`` in all.

    Whole flows go into one chunk, so a chunk may hold a few claims more than asked; the
    last chunk is cut so that the total is exactly ``config.claims`` claims.
    """
    ref = reference(config.seed)
    all_sources = sources(random.Random(f"sources/{config.seed}"))
    by_id = {s.id: s for s in all_sources}
    maker = _Maker(ref, all_sources, config.seed)
    left = config.claims
    while left > 0:
        want = min(config.chunk_claims, left)
        chunk = Dataset(
            states=ref.states,
            weapon_systems=ref.weapon_systems,
            resolutions=ref.resolutions,
            provisions=ref.provisions,
        )
        while len(chunk.claims) < want:
            block = _block(ref, maker, min(BLOCK_CLAIMS, want - len(chunk.claims)))
            chunk.claims.update(block.claims)
            if not chunk.events.keys().isdisjoint(block.events):
                raise AssertionError("two flows stated the same event: ids must stay apart")
            chunk.events.update(block.events)
            chunk.breaches.update(block.breaches)
        left -= len(chunk.claims)
        chunk.sources = {s: by_id[s] for s in sorted({c.source for c in chunk.claims.values()})}
        yield chunk


def _block(ref: Dataset, maker: _Maker, n: int) -> Dataset:
    """``n`` claims of whole flows (the last one may be cut), with events and breaches.

    Breaches are derived per block: every event and flow of a block lies in that block,
    and the reasoner's asserted-breach step scans all events once per breach claim, so
    small blocks keep it linear in N.
    """
    claims: list[Claim] = []
    while len(claims) < n:
        claims.extend(maker.flow())
    block = Dataset(
        states=ref.states,
        weapon_systems=ref.weapon_systems,
        resolutions=ref.resolutions,
        provisions=ref.provisions,
    )
    block.claims, block.events = _claims_and_events(claims[:n])
    block.breaches = derive_breaches(block)
    return block


def _claims_and_events(claims: list[Claim]) -> tuple[dict[str, Claim], dict[str, TransferEvent]]:
    """What ``Dataset.add_claims`` gives, hashing each claim and each statement once.

    (``Claim.id`` is recomputed on every access; claims of one event share one statement
    object here, so its id is computed once.) The smoke test checks the result against
    ``core.dataset.derive_events``.
    """
    by_id: dict[str, Claim] = {}
    statement_ids: dict[int, str] = {}
    supporting: dict[str, list[str]] = {}
    first: dict[str, tuple[EventKind, Any]] = {}
    for claim in claims:
        cid = claim.id
        by_id[cid] = claim
        statement, kind = claim.event, claim.event_kind
        if statement is None or kind is None:
            continue
        ident = statement_ids.get(id(statement))
        if ident is None:
            ident = statement_ids[id(statement)] = event_id(kind.value, statement)
        supporting.setdefault(ident, []).append(cid)
        first.setdefault(ident, (kind, statement))
    events = {
        ident: TransferEvent.model_construct(
            id=ident, kind=kind, statement=statement, claims=sorted(supporting[ident])
        )
        for ident, (kind, statement) in first.items()
    }
    return by_id, events


def validate_sample(chunk: Dataset, every: int = 97) -> int:
    """Re-validate every ``every``-th claim and event through the model validators."""
    checked = 0
    for i, claim in enumerate(chunk.claims.values()):
        if i % every == 0:
            again = Claim.model_validate(claim.model_dump(mode="json"))
            assert again.id == claim.id, f"claim {claim.id} changes under validation"
            checked += 1
    for i, event in enumerate(chunk.events.values()):
        if i % every == 0:
            type(event).model_validate(event.model_dump(mode="json"))
            checked += 1
    return checked
