"""A source is the unit of versioning, and breaches follow the store (both backends)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from armsgraph.core.replace import remove_sources, write_version
from armsgraph.core.store import EventFilter
from tests.support.stores import BACKENDS, backend_params
from tests.versions.versions_support import (
    all_breaches,
    empty_store,
    missiles,
    petroleum,
    read,
    source,
    write_file,
)

pytestmark = pytest.mark.parametrize("kind", backend_params(BACKENDS))


def test_edited_figure_replaces_the_claim_and_keeps_the_old_in_history(
    kind: str, tmp_path: Path
) -> None:
    folder = tmp_path / "claims"
    path = write_file(folder, source("r1"), [missiles("PRK", 100, key="r1.missiles")])
    with empty_store(kind, tmp_path) as store:
        first = read(path)
        write_version(store, first)
        (old_id,) = first.claims

        write_file(folder, source("r1"), [missiles("PRK", 250, key="r1.missiles")])
        edited = read(path)
        (new_id,) = edited.claims
        preview = write_version(store, edited, dry_run=True)
        (line,) = [c for d in preview.change.diffs for c in d.changes]
        assert (line.op, line.label, line.old, line.new) == (
            "changed",
            "r1.missiles",
            old_id,
            new_id,
        )
        assert [c.id for c in store.get_claims([old_id, new_id])] == [old_id]  # nothing written

        report = write_version(store, edited)
        assert report.totals()["changed"] == 1
        assert [c.id for c in store.get_claims([old_id, new_id])] == [new_id]
        events = store.get_events(store.find_events(EventFilter()))
        assert [e.claims for e in events] == [[new_id]]
        quantity = events[0].statement.items[0].quantity  # type: ignore[union-attr]
        assert quantity is not None and quantity.value == 250
        history = {v.entity: v for v in store.versions(entities=[old_id, new_id])}
        assert history[old_id].retracted_at == report.change.at
        assert history[old_id].superseded_by == new_id
        assert history[old_id].snapshot is not None and "100" in history[old_id].snapshot
        assert history[new_id].retracted_at is None
        assert store.counts()["claims"] == 1


def test_unchanged_reload_changes_nothing(kind: str, tmp_path: Path) -> None:
    path = write_file(tmp_path / "c", source("r1"), [missiles("PRK", 100)])
    with empty_store(kind, tmp_path) as store:
        write_version(store, read(path))
        again = write_version(store, read(path))
        assert not again.changed
        assert again.change.diffs == []


def test_unchanged_reload_keeps_the_state_and_edited_reference_data_is_written(
    kind: str, tmp_path: Path
) -> None:
    """A reload of the same files writes no reference data, so the state token (and every
    answer an API keeps under it) stays; an edited state is written and changes it."""
    path = write_file(tmp_path / "c", source("r1"), [missiles("PRK", 100)])
    with empty_store(kind, tmp_path) as store:
        write_version(store, read(path))
        loaded = store.state()
        again = write_version(store, read(path))
        assert again.change.write.states == {} and again.change.write.provisions == {}
        assert store.state() == loaded

        edited = read(path)
        prk = edited.states["PRK"]
        aliases = {**prk.aliases, "en": [*prk.aliases.get("en", []), "Test Alias"]}
        edited.states["PRK"] = prk.model_copy(update={"aliases": aliases})
        report = write_version(store, edited)
        assert list(report.change.write.states) == ["PRK"]
        assert store.state() != loaded
        assert "Test Alias" in store.get_states(["PRK"])[0].aliases["en"]


def test_cap_over_two_loads_equals_one_load_and_removal_retracts(kind: str, tmp_path: Path) -> None:
    """Two suppliers' deliveries of one year exceed the cap only together."""
    a = write_file(tmp_path / "c", source("from-rus"), [petroleum("RUS", 300_000)])
    b = write_file(tmp_path / "c", source("from-chn"), [petroleum("CHN", 300_000)])
    with empty_store(kind, tmp_path) as store:
        write_version(store, read(a))
        assert not [x for x in all_breaches(store).values() if x.rule == "cap/unscr-2397-op5"]
        write_version(store, read(b))
        separate = all_breaches(store)
        (cap,) = [x for x in separate.values() if x.rule == "cap/unscr-2397-op5"]
        assert cap.states == ["CHN", "RUS"] and cap.matched["total_lower_bound"] == 600_000

        store.clear()
        write_version(store, read(a, b))
        assert all_breaches(store) == separate

        removal = remove_sources(store, ["from-chn"])
        assert cap.id in removal.change.delete_breaches
        assert not [x for x in all_breaches(store).values() if x.rule == "cap/unscr-2397-op5"]
        assert store.get_sources(["from-chn"]) == []
        (record,) = store.source_records(["from-chn"]).values()
        assert record.removed_at == removal.change.at


def test_retracted_claim_leaves_current_answers(kind: str, tmp_path: Path) -> None:
    folder = tmp_path / "c"
    claims = [missiles("PRK", 100, key="r1.a"), petroleum("RUS", 10, key="r1.b")]
    path = write_file(folder, source("r1"), claims)
    with empty_store(kind, tmp_path) as store:
        write_version(store, read(path))
        write_file(folder, source("r1"), claims[:1])
        report = write_version(store, read(path))
        (line,) = [c for d in report.change.diffs for c in d.changes]
        assert (line.op, line.label) == ("retracted", "r1.b")
        assert store.counts()["claims"] == 1 and store.counts()["shipments"] == 1
        assert store.find_events(EventFilter(recipient="PRK")) == []


def test_changes_since_as_delta_lines(kind: str, tmp_path: Path) -> None:
    """ADD / MOD / DEL between two points of knowledge time, through the API's service."""
    from armsgraph.api.service import GraphService

    t1 = dt.datetime(2026, 1, 10, 12, tzinfo=dt.UTC)
    t2 = dt.datetime(2026, 2, 10, 12, tzinfo=dt.UTC)
    folder = tmp_path / "c"
    claims = [missiles("PRK", 100, key="r1.a"), petroleum("RUS", 10, key="r1.b")]
    path = write_file(folder, source("r1"), claims)
    with empty_store(kind, tmp_path) as store:
        first = read(path)
        write_version(store, first, at=t1)
        write_file(folder, source("r1"), [missiles("PRK", 250, key="r1.a")])
        second = read(path)
        write_version(store, second, at=t2)
        old_a, old_b = (c.id for c in sorted(first.claims.values(), key=lambda c: c.key or ""))
        (new_a,) = second.claims

        answer = GraphService(store).changes(dt.date(2026, 2, 1))
        ops = {(d.op, d.entity["schema"], d.entity["id"]) for d in answer.changes}
        assert ("MOD", "Claim", new_a) in ops
        assert ("DEL", "Claim", old_b) in ops
        assert not any(i == old_a for _, _, i in ops)  # the MOD of its successor implies it
        (mod,) = [d for d in answer.changes if d.entity["id"] == new_a]
        assert mod.entity["previous"] == old_a
        assert mod.entity["properties"]["shipment"]["items"][0]["quantity"]["value"] == 250
        (event,) = second.events
        assert ("ADD", "Transfer", event) in ops
        assert {op for op, schema, _ in ops if schema == "Transfer"} == {"ADD", "DEL"}

        everything = GraphService(store).changes(dt.date(2026, 1, 1)).changes
        assert {d.op for d in everything} == {"ADD"}
        assert {d.entity["id"] for d in everything if d.entity["schema"] == "Claim"} == {new_a}
        assert GraphService(store).changes(dt.date(2026, 3, 1)).changes == []


def test_as_of_answers_with_what_the_store_held(kind: str, tmp_path: Path) -> None:
    """Knowledge time: the figure known on a date, not the one known now."""
    from armsgraph.api.service import GraphService

    t1 = dt.datetime(2026, 1, 10, 12, tzinfo=dt.UTC)
    t2 = dt.datetime(2026, 2, 10, 12, tzinfo=dt.UTC)
    folder = tmp_path / "c"
    path = write_file(folder, source("r1"), [missiles("PRK", 100, key="r1.a")])
    with empty_store(kind, tmp_path) as store:
        write_version(store, read(path), at=t1)
        write_file(folder, source("r1"), [missiles("PRK", 250, key="r1.a")])
        write_version(store, read(path), at=t2)
        service = GraphService(store)

        def figures(day: dt.date) -> list[float | None]:
            snapshot = service.as_of(day)
            try:
                answer = snapshot.paths("PRK", "RUS")
                breaches = snapshot.breaches(state="PRK")
            finally:
                snapshot.store.close()
            assert (breaches.count > 0) == bool(answer.paths)
            return [
                item.quantity.value if item.quantity else None
                for path in answer.paths
                for hop in path.hops
                for item in hop.items or []
            ]

        assert figures(dt.date(2026, 1, 1)) == []
        assert figures(dt.date(2026, 1, 20)) == [100]
        assert figures(dt.date(2026, 2, 20)) == [250]
        assert [
            i.quantity.value
            for i in service.paths("PRK", "RUS").paths[0].hops[0].items or []
            if i.quantity
        ] == [250]
