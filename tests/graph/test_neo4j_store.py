"""Neo4jStore against a REAL Neo4j server over Bolt (no mocks, no skips).

The server is the shared local one (``armsgraph neo4j start``); the URI comes from
``ARMSGRAPH_NEO4J_URI`` and, with auth on (``make test-neo4j-auth``), the credentials from
``ARMSGRAPH_NEO4J_USER`` / ``ARMSGRAPH_NEO4J_PASSWORD``. Community has only the ``neo4j``
database, so the module clears it first and every test (re)loads the data set it needs
through ``holding``. Answers are compared with the reference semantics of ``core/query.py``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver, GraphDatabase
from stores import NEO4J_AUTH, NEO4J_URI, neo4j_store

from armsgraph.core import query
from armsgraph.core.dataset import Dataset
from armsgraph.core.errors import DataError, QueryRefusedError, QueryTimeoutError, StoreError
from armsgraph.core.ids import breach_id
from armsgraph.core.kinds import COUNT_KEYS
from armsgraph.core.model import (
    Actor,
    AssistanceKind,
    AssistanceStatement,
    Breach,
    BreachBasis,
    BreachStatement,
    Category,
    Claim,
    Confidence,
    DeploymentStatement,
    Direction,
    EventKind,
    EventStatement,
    InForce,
    ItemLine,
    Period,
    PersonnelKind,
    Provision,
    ProvisionScope,
    Qualifier,
    Quantity,
    QuoteKind,
    Resolution,
    Role,
    ScopeException,
    ShipmentStatement,
    Source,
    SourceKind,
    TransportMode,
    VerificationStatus,
    WeaponSystem,
)
from armsgraph.core.reasoner import derive_breaches
from armsgraph.core.store import BreachFilter, EventFilter, PathQuery
from armsgraph.graph import cypher
from armsgraph.graph.neo4j_store import Neo4jStore
from armsgraph.loaders.ingest import read_dataset

pytestmark = pytest.mark.neo4j

SAVED_QUERIES = Path(__file__).resolve().parents[2] / "graph" / "browser" / "saved-queries.cypher"

# --- synthetic data --------------------------------------------------------------------------

CODES = ["PRK", "RUS", "CHN", "IRN", "BLR", "SYR", "UKR", "MMR"]
WEAPONS = {
    "kn-23": Category.MISSILES,
    "shell-152": Category.AMMUNITION,
    "t-72": Category.BATTLE_TANKS,
    "rifle": Category.SALW,
    "petrol": Category.REFINED_PETROLEUM,
    "radar": Category.RELATED_MATERIEL,
}
PERIODS: list[Period | None] = [
    None,
    Period(start="2023"),
    Period(start="2023-09", end="2024-06", text="from September 2023"),
    Period(end="2022-05"),
    Period(text="recently"),
    Period(start="2024-03-15", end="2024-03-15"),
    Period(start="2021", end="2025"),
    Period(start="2019-02"),
]
FLOWS = ["flow-a", "flow-b", "flow-c"]


def reference() -> Dataset:
    d = Dataset()
    for i, code in enumerate(CODES):
        aliases = {"en": [f"{code} land", f"The {code}"], "nl": [f"{code}-land"]} if i % 2 else {}
        d.states[code] = Actor(
            id=code,
            iso2=code[:2],
            numeric=f"{100 + i}",
            name=f"State {code}",
            wikidata=f"Q{100 + i}" if i % 3 == 0 else None,
            capital=f"{code.title()} City" if i % 2 == 0 else None,
            aliases=aliases,
            sources=[f"https://example.org/states/{code}"],
        )
    for i, (ident, category) in enumerate(WEAPONS.items()):
        d.weapon_systems[ident] = WeaponSystem(
            id=ident,
            name=ident.upper(),
            category=category,
            aliases=[f"{ident} alias"] if i % 2 else [],
            description="a weapon" if i % 3 == 0 else None,
            sources=["https://example.org/weapons"],
        )
    for number, year in ((1718, 2006), (2270, 2016)):
        d.resolutions[f"unscr-{number}"] = Resolution(
            id=f"unscr-{number}",
            symbol=f"S/RES/{number} ({year})",
            adopted=str(year),
            adopted_status=VerificationStatus.VERIFIED,
            chapter_vii=True,
            summary=f"resolution {number}",
            sources=[f"https://example.org/res/{number}"],
        )
    scope = ProvisionScope(
        directions=[Direction.TO_TARGET, Direction.FROM_TARGET],
        event_kinds=[EventKind.SHIPMENT],
        categories=[Category.MISSILES, Category.BATTLE_TANKS, Category.AMMUNITION],
        targets=["PRK"],
        in_force=[InForce(start="2006-10-14", status=VerificationStatus.VERIFIED)],
        exceptions=[ScopeException(categories=[Category.AMMUNITION], note="until 2270")],
        obligated=[Role.SUPPLIER, Role.RECIPIENT],
    )
    d.provisions["unscr-1718-op8a"] = Provision(
        id="unscr-1718-op8a",
        resolution="unscr-1718",
        paragraph="OP8(a)",
        paragraph_status=VerificationStatus.VERIFIED,
        summary="arms embargo",
        scope=scope,
        sources=["https://example.org/res/1718"],
    )
    d.provisions["unscr-2270-op9"] = Provision(
        id="unscr-2270-op9",
        resolution="unscr-2270",
        paragraph="OP9",
        paragraph_status=VerificationStatus.UNVERIFIED,
        summary="not reasoned about",
        sources=["https://example.org/res/2270"],
        note="no scope",
    )
    d.sources["report-1"] = Source(
        id="report-1",
        title="Report one",
        publisher="Monitors",
        date="2025-05-29",
        kind=SourceKind.MONITORING_REPORT,
        url="https://example.org/report-1",
    )
    d.sources["news-1"] = Source(
        id="news-1",
        title="News on report one",
        publisher="Paper",
        date="2025-06",
        kind=SourceKind.NEWS,
        document="sources/news-1.txt",
        language="nl",
        reports_on="report-1",
    )
    return d


def _quantity(rng: random.Random, unit: str) -> Quantity | None:
    pick = rng.randrange(4)
    if pick == 0:
        return None
    if pick == 1:
        return Quantity(value=rng.randint(1, 5000), unit=unit)
    if pick == 2:
        return Quantity(qualifier=Qualifier.BETWEEN, low=10, high=20, unit=unit, text="10 to 20")
    return Quantity(qualifier=Qualifier.MORE_THAN, value=2.5, unit=unit)


def _statement(rng: random.Random, codes: list[str]) -> tuple[str, EventStatement]:
    supplier, recipient = rng.sample(codes, 2)
    period = rng.choice(PERIODS)
    flow = rng.choice([None, *FLOWS])
    kind = rng.choices(["shipment", "deployment", "assistance"], [6, 2, 2])[0]
    if kind == "shipment":
        items = [
            ItemLine(
                weapon=rng.choice(list(WEAPONS)),
                quantity=_quantity(rng, "round"),
                description=rng.choice([None, "some", "more"]),
            )
            for _ in range(rng.randint(1, 3))
        ]
        return kind, ShipmentStatement(
            supplier=supplier,
            recipient=recipient,
            items=items,
            period=period,
            transport=rng.sample(list(TransportMode), rng.randint(0, 2)),
            ports=rng.choice([[], ["Rajin"], ["Rajin", "Vostochny"]]),
            vessels=rng.choice([[], ["Angara"]]),
            flow=flow,
        )
    if kind == "deployment":
        return kind, DeploymentStatement(
            supplier=supplier,
            recipient=recipient,
            personnel=rng.choice(list(PersonnelKind)),
            quantity=_quantity(rng, "soldier"),
            role=rng.choice([None, "combat"]),
            period=period,
            flow=flow,
        )
    return kind, AssistanceStatement(
        supplier=supplier,
        recipient=recipient,
        assistance=rng.choice(list(AssistanceKind)),
        subject="help",
        related_weapon=rng.choice([None, *WEAPONS]),
        related_category=rng.choice([None, Category.MISSILES]),
        period=period,
        flow=flow,
    )


def synthetic(n_claims: int, seed: int = 7, codes: list[str] = CODES) -> Dataset:
    """Reference data, random claims (some sharing one event), breaches from the reasoner
    plus hand-made ones whose lists are out of order."""
    rng = random.Random(seed)
    d = reference()
    claims: list[Claim] = []
    made: list[tuple[str, EventStatement]] = []
    for i in range(n_claims):
        if made and rng.random() < 0.25:
            kind, statement = rng.choice(made)
        else:
            kind, statement = _statement(rng, codes)
            made.append((kind, statement))
        claims.append(
            Claim.model_validate(
                {
                    "key": f"c{i}" if i % 5 == 0 else None,
                    "source": rng.choice(["report-1", "news-1"]),
                    "locator": f"p. {i}" if i % 2 else None,
                    "quote": f"quote {i}",
                    "quote_kind": rng.choice(list(QuoteKind)),
                    "asserted_by": "Monitors",
                    "confidence": rng.choice(list(Confidence)),
                    "reported": rng.choice(["2024", "2025-05", "2025-05-29"]),
                    kind: statement,
                    "note": "n" if i % 7 == 0 else None,
                }
            )
        )
    # Two claims whose statements differ in white space only: one event, two wordings.
    spaced = ShipmentStatement(
        supplier="PRK", recipient="RUS", items=[ItemLine(weapon="kn-23")], ports=["Rajin  port"]
    )
    plain = spaced.model_copy(update={"ports": ["Rajin port"]})
    for i, statement in enumerate((spaced, plain)):
        claims.append(
            Claim(
                source="report-1",
                quote=f"white space {i}",
                asserted_by="Monitors",
                confidence=Confidence.HIGH,
                reported="2025",
                shipment=statement,
            )
        )
    claims.append(
        Claim(
            key="asserted",
            source="report-1",
            quote="they breached it",
            asserted_by="Monitors",
            confidence=Confidence.MEDIUM,
            reported="2025",
            breach=BreachStatement(
                states=["RUS", "PRK"],
                resolutions=["unscr-2270"],
                provisions=["unscr-1718-op8a"],
                flows=["flow-a"],
            ),
        )
    )
    d.add_claims(claims)
    d.breaches = derive_breaches(d)
    events = sorted(d.events.values(), key=lambda e: e.id)
    for e in events[:3]:
        content = {"test": e.id}
        d.breaches[breach_id(content)] = Breach(
            id=breach_id(content),
            basis=BreachBasis.INFERRED,
            states=[e.recipient, e.supplier],
            resolution="unscr-2270",
            events=[e.id, events[-1].id],
            claims=list(reversed(e.claims)),
            rule="test-rule",
            explanation="made by hand",
            matched={"nested": {"a": [1, 2.5, "x"]}, "flag": True, "none": None},
        )
    return d


@pytest.fixture(scope="module")
def small() -> Dataset:
    return synthetic(400)


# --- the store -------------------------------------------------------------------------------

_held: dict[str, Dataset | None] = {"dataset": None}


@pytest.fixture(scope="module")
def store() -> Iterator[Neo4jStore]:
    s = neo4j_store(batch_size=500)
    s.clear()
    _held["dataset"] = None
    yield s
    s.close()


@pytest.fixture(scope="module")
def driver() -> Iterator[Driver]:
    d = GraphDatabase.driver(NEO4J_URI, auth=NEO4J_AUTH, notifications_min_severity="OFF")
    yield d
    d.close()


def holding(store: Neo4jStore, dataset: Dataset) -> Neo4jStore:
    """The store holding exactly ``dataset`` (cleared and loaded unless it already is)."""
    if _held["dataset"] is not dataset:
        _held["dataset"] = None
        store.clear()
        store.load(dataset)
        _held["dataset"] = dataset
    return store


def forget() -> None:
    _held["dataset"] = None


def rel_counts(driver: Driver) -> dict[str, int]:
    records, _, _ = driver.execute_query(
        "MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS n ORDER BY t"
    )
    return {r["t"]: r["n"] for r in records}


def saved_queries() -> dict[str, str]:
    """The favourites file as {title: query}; a block is a // title line up to a ';'."""
    text = SAVED_QUERIES.read_text(encoding="utf-8")
    blocks = {}
    for chunk in text.split(";\n"):
        lines = [line for line in chunk.strip().splitlines() if line.strip()]
        while len(lines) > 1 and lines[0].startswith("//") and lines[1].startswith("//"):
            lines.pop(0)  # the file's header comments
        if lines and lines[0].startswith("//"):
            blocks[lines[0].removeprefix("//").strip()] = "\n".join(lines[1:])
    return blocks


def saved(title_start: str) -> str:
    hits = [q for t, q in saved_queries().items() if t.startswith(title_start)]
    assert len(hits) == 1, title_start
    return hits[0]


# --- schema, counts, idempotence ---------------------------------------------------------------


def test_schema_exists_after_load(store: Neo4jStore, small: Dataset, driver: Driver) -> None:
    holding(store, small)
    records, _, _ = driver.execute_query("SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type")
    unique = {r["labelsOrTypes"][0] for r in records if r["type"] == "UNIQUENESS"}
    assert unique >= {*cypher.LABELS, cypher.TRANSFER}
    assert all(r["properties"] == ["id"] for r in records if r["type"] == "UNIQUENESS")
    records, _, _ = driver.execute_query("SHOW INDEXES YIELD name, type, state")
    indexes = {r["name"]: r for r in records}
    for name in (
        "actor_name",
        "actor_iso2",
        "transfer_period_start",
        "transfer_period_end",
        "claim_reported",
        "source_date",
        "names",
    ):
        assert indexes[name]["state"] == "ONLINE", name
    assert indexes["names"]["type"] == "FULLTEXT"
    hits, _, _ = driver.execute_query(
        "CALL db.index.fulltext.queryNodes('names', $q) YIELD node RETURN node.id AS id",
        q='"RUS land"',
    )
    assert "RUS" in {h["id"] for h in hits}


def test_counts_equal_the_dataset(store: Neo4jStore, small: Dataset, driver: Driver) -> None:
    holding(store, small)
    counts = store.counts()
    assert list(counts) == list(COUNT_KEYS)
    assert counts == small.counts()
    assert min(counts.values()) > 0
    rels = rel_counts(driver)
    events = small.events.values()
    assert rels["SENT"] == rels["TO"] == len(small.events)
    assert rels["SUPPORTS"] == sum(len(e.claims) for e in events)
    assert rels["CARRIED"] == sum(len(getattr(e.statement, "items", [])) for e in events)
    assert rels["CITES"] == len(small.claims)
    assert rels["REPORTS_ON"] == 1
    assert rels["RESTS_ON"] == sum(len(b.claims) for b in small.breaches.values())
    assert rels["BY"] == sum(len(b.states) for b in small.breaches.values())


def test_loading_twice_changes_no_count(store: Neo4jStore, small: Dataset, driver: Driver) -> None:
    holding(store, small)
    before = rel_counts(driver)
    report = store.load(small)
    assert not report.changed
    assert report.before == report.after == small.counts()
    assert rel_counts(driver) == before


def test_progress_after_every_batch(store: Neo4jStore, small: Dataset) -> None:
    forget()
    store.clear()
    calls: list[tuple[int, int, str]] = []
    tiny = neo4j_store(batch_size=97)
    try:
        report = tiny.load(
            small, progress=lambda done, total, what: calls.append((done, total, what))
        )
    finally:
        tiny.close()
    assert len(calls) == report.batches > 10
    dones = [c[0] for c in calls]
    assert dones == sorted(dones) and dones[-1] == calls[-1][1]
    assert {c[2] for c in calls} >= {"State", "Claim", "Shipment", "Breach", "SENT", "SUPPORTS"}
    assert store.counts() == small.counts()
    _held["dataset"] = small


def test_a_load_failing_midway_can_be_rerun(store: Neo4jStore, small: Dataset) -> None:
    forget()
    store.clear()

    def fail_on_claims(done: int, total: int, what: str) -> None:
        if what == "Claim":
            raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError, match="interrupted"):
        store.load(small, progress=fail_on_claims)
    partial = store.counts()
    assert partial["states"] == len(small.states)  # committed batches stay ...
    assert partial["shipments"] == 0  # ... and nothing after the failure was written
    store.load(small)
    assert store.counts() == small.counts()
    _held["dataset"] = small


def test_dangling_references_write_nothing(store: Neo4jStore, small: Dataset) -> None:
    holding(store, small)
    before = store.counts()
    broken = synthetic(30, seed=3)
    del broken.states["MMR"], broken.states["UKR"]
    with pytest.raises(StoreError, match="dangling references"):
        store.load(broken)
    assert store.counts() == before


def test_a_file_failing_validation_writes_nothing(
    store: Neo4jStore, small: Dataset, tmp_path: Path
) -> None:
    holding(store, small)
    before = store.counts()
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "source: {id: bad, title: Bad, publisher: X, date: 2025, kind: news,"
        " url: 'https://example.org'}\n"
        "claims:\n"
        "  - quote: q\n    asserted_by: X\n    confidence: certain\n    reported: 2025\n"
        "    shipment: {supplier: PRK, recipient: RUS, items: [{weapon: nothing-known}]}\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError):
        dataset, _ = read_dataset([bad])
        store.load(dataset)
    assert store.counts() == before


def test_clear_keeps_the_schema(store: Neo4jStore, small: Dataset, driver: Driver) -> None:
    holding(store, small)
    store.clear()
    forget()
    assert set(store.counts().values()) == {0}
    assert rel_counts(driver).get("SENT", 0) == 0
    records, _, _ = driver.execute_query("SHOW CONSTRAINTS YIELD name RETURN count(*) AS n")
    assert records[0]["n"] >= len(cypher.LABELS) + 1


# --- hydration -------------------------------------------------------------------------------


def assert_round_trip(store: Neo4jStore, d: Dataset) -> None:
    events = sorted(d.events)
    assert store.get_events(events) == [d.events[e] for e in events]
    claims = sorted(d.claims)
    assert store.get_claims(claims) == [d.claims[c] for c in claims]
    breaches = sorted(d.breaches)
    assert store.get_breaches(breaches) == [d.breaches[b] for b in breaches]
    for name in ("sources", "states", "weapon_systems", "resolutions", "provisions"):
        expected = sorted(getattr(d, name).values(), key=lambda x: x.id)
        assert getattr(store, f"get_{name}")() == expected, name
        some = [x.id for x in reversed(expected)][:3]
        assert [x.id for x in getattr(store, f"get_{name}")(some)] == some, name


def test_hydration_round_trips(store: Neo4jStore, small: Dataset) -> None:
    assert_round_trip(holding(store, small), small)


def test_get_keeps_order_and_leaves_out_unknown_ids(store: Neo4jStore, small: Dataset) -> None:
    holding(store, small)
    a, b = sorted(small.events)[:2]
    assert [e.id for e in store.get_events([b, "shp-nope", a, b])] == [b, a, b]
    assert store.get_claims(["clm-nope"]) == [] and store.get_breaches([]) == []
    assert store.get_states(["XXX"]) == []


def test_claims_keep_their_own_wording(store: Neo4jStore, small: Dataset) -> None:
    holding(store, small)
    wordings = [c for c in small.claims.values() if c.quote.startswith("white space")]
    assert len(wordings) == 2
    events = {e.id for e in small.events.values() if set(e.claims) & {c.id for c in wordings}}
    assert len(events) == 1  # one event, two wordings
    assert store.get_claims([c.id for c in wordings]) == wordings


# --- queries against the reference semantics ---------------------------------------------------


def assert_paths_agree(
    store: Neo4jStore, d: Dataset, pairs: list[tuple[str, str]], hops: tuple[int, ...] = (1, 2, 3)
) -> int:
    found = 0
    filters: list[dict[str, Any]] = [
        {},
        {"category": Category.MISSILES},
        {"category": Category.AMMUNITION, "since": _date("2023-01-01")},
        {"since": _date("2023-06-01"), "until": _date("2024-01-31")},
        {"until": _date("2022-12-31"), "limit": 5},
        {"limit": 1},
        {"limit": 0},
        {"limit": -2},
    ]
    for (a, b), n, f in itertools.product(pairs, hops, filters):
        q = PathQuery(a, b, max_hops=n, **f)
        expected = query.find_paths(d, q)
        assert store.find_paths(q) == expected, q
        found += len(expected)
    return found


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@pytest.mark.parametrize("seed", [11, 12])
def test_paths_equal_the_reference(store: Neo4jStore, seed: int) -> None:
    d = synthetic(60, seed=seed, codes=CODES[:6])
    forget()
    holding(store, d)
    pairs = [*itertools.permutations(CODES[:6], 2), ("PRK", "PRK")]
    assert assert_paths_agree(store, d, pairs) > 100
    for limit in (1, 50, 1000):
        q = PathQuery("PRK", "RUS", max_hops=4, limit=limit)
        assert store.find_paths(q) == query.find_paths(d, q)
    assert store.find_paths(PathQuery("PRK", "RUS", max_hops=0)) == query.find_paths(
        d, PathQuery("PRK", "RUS", max_hops=0)
    )
    with pytest.raises(StoreError):
        store.find_paths(PathQuery("PRK", "RUS", max_hops=cypher.MAX_PATH_HOPS + 1))


def test_events_equal_the_reference(store: Neo4jStore, small: Dataset) -> None:
    holding(store, small)
    grid: list[dict[str, Any]] = [
        {},
        {"supplier": "PRK"},
        {"recipient": "RUS", "kind": EventKind.SHIPMENT},
        {"kind": EventKind.DEPLOYMENT, "since": _date("2023-01-01")},
        {"category": Category.MISSILES},
        {"category": Category.SALW, "until": _date("2022-01-01")},
        {
            "supplier": "RUS",
            "recipient": "PRK",
            "since": _date("2024-01-01"),
            "until": _date("2024-12-31"),
        },
        {"limit": 7},
        {"kind": EventKind.ASSISTANCE, "category": Category.MISSILES},
    ]
    for f in grid:
        q = EventFilter(**f)
        assert store.find_events(q) == query.find_events(small, q), q


def test_breaches_equal_the_reference(store: Neo4jStore, small: Dataset) -> None:
    holding(store, small)
    some_event = next(iter(b.events[0] for b in small.breaches.values() if b.events))
    grid: list[dict[str, Any]] = [
        {},
        {"resolution": "unscr-1718"},
        {"resolution": "unscr-2270", "basis": BreachBasis.INFERRED},
        {"provision": "unscr-1718-op8a", "state": "RUS"},
        {"basis": BreachBasis.ASSERTED},
        {"event": some_event},
        {"state": "PRK", "limit": 3},
    ]
    assert any(b.basis is BreachBasis.ASSERTED for b in small.breaches.values())
    for f in grid:
        q = BreachFilter(**f)
        assert store.find_breaches(q) == query.find_breaches(small, q), q


def test_supplied_to_view_lists_the_events(
    store: Neo4jStore, small: Dataset, driver: Driver
) -> None:
    holding(store, small)
    records, _, _ = driver.execute_query(
        "MATCH (a:State)-[r:SUPPLIED_TO]->(b:State) RETURN a.id AS a, b.id AS b, r.events AS ev,"
        " r.count AS n"
    )
    expected: dict[tuple[str, str], list[str]] = {}
    for e in sorted(small.events.values(), key=lambda e: e.id):
        expected.setdefault((e.supplier, e.recipient), []).append(e.id)
    assert {(r["a"], r["b"]): r["ev"] for r in records} == expected
    assert all(r["n"] == len(r["ev"]) for r in records)


def test_everything_is_traceable(store: Neo4jStore, small: Dataset, driver: Driver) -> None:
    holding(store, small)
    checks = {
        "events without claims": "MATCH (e:Transfer) WHERE NOT EXISTS {(:Claim)-[:SUPPORTS]->(e)}",
        "breaches without claims": "MATCH (b:Breach) WHERE NOT EXISTS {(b)-[:RESTS_ON]->(:Claim)}",
        "claims without source": "MATCH (c:Claim) WHERE NOT EXISTS { (c)-[:CITES]->(:Source) }",
        "reference without sources": "MATCH (n) WHERE (n:State OR n:WeaponSystem OR n:Resolution"
        " OR n:Provision) AND size(n.sources) = 0",
    }
    for what, match in checks.items():
        records, _, _ = driver.execute_query(match + " RETURN count(*) AS n")
        assert records[0]["n"] == 0, what


# --- the read-only Cypher endpoint ---------------------------------------------------------------


def test_read_cypher_returns_plain_values(store: Neo4jStore, small: Dataset) -> None:
    holding(store, small)
    rows = store.run_read_cypher(
        "MATCH (s:State {id: $id})-[r:SENT]->(e:Transfer) "
        "RETURN s, r, e.period_earliest AS day ORDER BY e.id LIMIT 1",
        {"id": "PRK"},
        timeout_s=5,
    )
    assert sorted(rows[0]["s"]["_labels"]) == ["Actor", "State"] and rows[0]["s"]["id"] == "PRK"
    assert rows[0]["r"]["_type"] == "SENT" and rows[0]["r"]["_start"] == "PRK"
    assert rows[0]["day"] is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", rows[0]["day"])
    assert len(store.run_read_cypher("UNWIND range(1, 50) AS x RETURN x", {}, 5, max_rows=7)) == 7


@pytest.mark.parametrize(
    "text",
    [
        "CREATE (n:Intruder {id: 'x'}) RETURN n",
        "MATCH (s:State) SET s.name = 'changed'",
        "MATCH (n:Claim) DETACH DELETE n",
        "CREATE CONSTRAINT evil IF NOT EXISTS FOR (n:Intruder) REQUIRE n.id IS UNIQUE",
    ],
)
def test_read_cypher_refuses_writes(store: Neo4jStore, small: Dataset, text: str) -> None:
    holding(store, small)
    with pytest.raises(QueryRefusedError, match="read-only"):
        store.run_read_cypher(text, {}, timeout_s=5)
    assert store.counts() == small.counts()
    assert store.run_read_cypher("MATCH (n:Intruder) RETURN count(n) AS n", {}, 5) == [{"n": 0}]
    assert all(s.name.startswith("State ") for s in store.get_states())


@pytest.mark.parametrize(
    "text",
    [
        "CALL dbms.components()",
        "call   DBMS.listConfig()",
        "CALL /* hidden */ `dbms`.`showCurrentUser`()",
        "RETURN apoc.version()",
        "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
    ],
)
def test_read_cypher_refuses_reaching_outside(store: Neo4jStore, text: str) -> None:
    with pytest.raises(QueryRefusedError, match="not allowed"):
        store.run_read_cypher(text, {}, timeout_s=5)


def test_read_cypher_times_out_and_reports_bad_queries(store: Neo4jStore) -> None:
    with pytest.raises(QueryRefusedError, match="longer than"):
        store.run_read_cypher(
            "UNWIND range(1, 1000000000) AS x WITH x WHERE x < 0 RETURN count(*)", {}, 0.5
        )
    with pytest.raises(QueryRefusedError, match="failed"):
        store.run_read_cypher("MATCH (n RETURN n", {}, 5)
    with pytest.raises(ValueError, match="positive"):
        store.run_read_cypher("RETURN 1", {}, 0)


def test_every_saved_query_runs(store: Neo4jStore, small: Dataset) -> None:
    holding(store, small)
    queries = saved_queries()
    assert len(queries) >= 6
    for text in queries.values():
        store.run_read_cypher(text, {}, timeout_s=30)  # raises if the server refuses it
    conflicts = store.run_read_cypher(saved("Conflicting claims"), {}, 30)
    by_flow: dict[str, set[str]] = {}
    for row in conflicts:
        by_flow.setdefault(row["flow"], set()).add(row["event"])
    assert by_flow and all(len(events) > 1 for events in by_flow.values())
    one = store.run_read_cypher(saved("All claims behind one shipment"), {}, 30)
    best = min(
        (e for e in small.events.values() if e.kind is EventKind.SHIPMENT),
        key=lambda e: (-len(e.claims), e.id),
    )
    assert sorted(r["quote"] for r in one) == sorted(small.claims[c].quote for c in best.claims)


# --- the real data ------------------------------------------------------------------------------


def test_real_data(store: Neo4jStore, real_dataset: Dataset) -> None:
    d = real_dataset
    assert d.counts()["shipments"] > 0, "the real data set has shipments"
    forget()
    store.clear()
    report = store.load(d)
    _held["dataset"] = d
    assert report.after == d.counts() and store.counts() == d.counts()
    assert not store.load(d).changed
    assert_round_trip(store, d)
    for f in (
        {},
        {"supplier": "PRK"},
        {"recipient": "PRK"},
        {"category": Category.MISSILES},
        {"since": _date("2024-01-01")},
        {"kind": EventKind.DEPLOYMENT},
    ):
        assert store.find_events(EventFilter(**f)) == query.find_events(d, EventFilter(**f))
    for b in (
        {},
        {"state": "RUS"},
        {"state": "PRK"},
        {"basis": BreachBasis.INFERRED},
        {"basis": BreachBasis.ASSERTED},
    ):
        assert store.find_breaches(BreachFilter(**b)) == query.find_breaches(d, BreachFilter(**b))
    pairs = [("PRK", "RUS"), ("RUS", "PRK"), ("CHN", "RUS"), ("RUS", "IRN")]
    assert assert_paths_agree(store, d, pairs, hops=(1, 2, 3, 4)) > 0


def test_real_dprk_to_russia_saved_query(store: Neo4jStore, real_dataset: Dataset) -> None:
    holding(store, real_dataset)
    rows = store.run_read_cypher(saved("DPRK -> Russia"), {}, timeout_s=30)
    expected = query.find_events(real_dataset, EventFilter(supplier="PRK", recipient="RUS"))
    assert sorted(r["event"]["id"] for r in rows) == expected
    shipments = [r for r in rows if r["kind"] == "shipment"]
    assert shipments
    for row in shipments:
        assert row["items"]
        assert row["sources"] and all(s["quote"] and s["source"] for s in row["sources"])
        event = real_dataset.events[row["event"]["id"]]
        quotes = {real_dataset.claims[c].quote for c in event.claims}
        assert {s["quote"] for s in row["sources"]} == quotes
    breached = Counter(p for r in rows for p in r["provisions_breached"])
    assert breached, "the real DPRK-to-Russia transfers breach provisions"
    back = store.run_read_cypher(saved("Russia -> DPRK"), {}, timeout_s=30)
    assert sorted(r["event"]["id"] for r in back) == query.find_events(
        real_dataset, EventFilter(supplier="RUS", recipient="PRK")
    )


def test_reads_are_time_limited(store: Neo4jStore) -> None:
    # The API passes its query time limit to every read, path searches included, so a slow
    # query gives 504 instead of holding the server (a 1M-claim benchmark ran out of heap).
    limited = neo4j_store(read_timeout_s=0.5)
    try:
        with pytest.raises(QueryTimeoutError, match=r"longer than 0\.5 s"):
            limited._read("UNWIND range(1, 1000000000) AS x RETURN count(x) AS n")
        assert limited.counts().keys() == store.counts().keys()
    finally:
        limited.close()


def test_load_many_equals_one_load(store: Neo4jStore, driver: Driver) -> None:
    # Chunks of one data set, the SUPPLIED_TO view rebuilt once at the end, give the same
    # graph as loading everything in one call.
    whole = synthetic(400, seed=11)
    store.clear()
    store.load(whole)
    expected_counts, expected_view = store.counts(), supplied_to(driver)
    store.clear()
    claims = sorted(whole.claims.values(), key=lambda c: c.id)
    chunks = []
    for half in (claims[: len(claims) // 2], claims[len(claims) // 2 :]):
        chunk = reference()
        chunk.sources = dict(whole.sources)
        chunk.add_claims(half)
        chunk.breaches = derive_breaches(chunk)
        chunks.append(chunk)
    report = store.load_many(chunks)
    assert report.changed and report.batches > 0
    assert store.counts()["claims"] == expected_counts["claims"]
    assert store.counts()["shipments"] == expected_counts["shipments"]
    assert supplied_to(driver) == expected_view


def supplied_to(driver: Driver) -> list[tuple[str, str, list[str], int]]:
    records, _, _ = driver.execute_query(
        "MATCH (a:State)-[r:SUPPLIED_TO]->(b:State) "
        "RETURN a.id AS a, b.id AS b, r.events AS events, r.count AS n ORDER BY a, b"
    )
    return [(r["a"], r["b"], list(r["events"]), r["n"]) for r in records]
