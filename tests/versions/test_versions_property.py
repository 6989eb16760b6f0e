"""Property: the state a store ends in depends on the final files, not on how they arrived.

Any sequence of loads (first loads, reloads of edited files) and removals of three sources
ends in exactly the state of one clean load of the final files: counts, every claim, event,
breach and source, the SUPPLIED_TO view (Neo4j) and the full RDF export (embedded store).
The sources state refined-petroleum deliveries to the DPRK (a cap over all suppliers of a
year), missile shipments of one flow, and a breach statement naming that flow, so every
kind of reasoning (scope, cap, asserted) is exercised across sources.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from armsgraph.core.change import VersionedStore, versioned
from armsgraph.core.replace import remove_sources, write_version
from armsgraph.ontology.rdf_store import RdfStore
from tests.versions.versions_support import (
    breach_statement,
    missiles,
    petroleum,
    read,
    source,
    store_state,
    write_file,
)

SOURCES = ("s0", "s1", "s2")

Line = tuple[str, str, int, int]  # (kind, supplier, amount, year)

line_st = st.one_of(
    st.tuples(
        st.just("petroleum"),
        st.sampled_from(["RUS", "CHN", "UKR"]),
        st.sampled_from([100_000, 300_000, 450_000]),
        st.sampled_from([2024, 2025]),
    ),
    st.tuples(st.just("missiles"), st.just("PRK"), st.sampled_from([10, 20]), st.just(2023)),
)
version_st = st.tuples(
    st.lists(line_st, max_size=3, unique_by=lambda x: (x[0], x[1], x[3])),
    st.booleans(),  # keyed claims
    st.booleans(),  # with a breach statement (when the version has missiles)
)
op_st = st.one_of(
    st.tuples(st.just("load"), st.sampled_from(SOURCES), version_st),
    st.tuples(st.just("remove"), st.sampled_from(SOURCES), st.none()),
)


def _claims(name: str, version: tuple[list[Line], bool, bool]) -> list[dict[str, Any]]:
    lines, keyed, breach = version
    out = []
    for kind, supplier, amount, year in lines:
        key = {"key": f"{name}.{kind}.{supplier.lower()}.{year}"} if keyed else {}
        if kind == "petroleum":
            out.append(petroleum(supplier, amount, year, **key))
        else:
            out.append(missiles(supplier, amount, **key))
    if breach and any(kind == "missiles" for kind, *_ in lines):
        out.append(breach_statement())
    return out


def _open(kind: str, tmp: Path) -> VersionedStore:
    if kind == "neo4j":
        from tests.support.stores import neo4j_store

        return versioned(neo4j_store())
    return versioned(RdfStore(tmp / "oxigraph"))


def _check(kind: str, ops: list[tuple[str, str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        store = _open(kind, tmp)
        try:
            store.clear()
            write_version(store, read())  # the reference data, as every load brings it
            final: dict[str, Path] = {}
            for op, name, version in ops:
                if op == "remove":
                    if name in final:
                        remove_sources(store, [name])
                        del final[name]
                    continue
                path = write_file(tmp / "files", source(name), _claims(name, version))
                write_version(store, read(path))
                final[name] = path
            after_sequence = store_state(store)
            store.clear()
            write_version(store, read(*final.values()))  # the reference data, at least
            assert after_sequence == store_state(store)
        finally:
            store.close()


@pytest.mark.parametrize(
    ("kind", "examples"), [("embedded", 20), pytest.param("neo4j", 10, marks=pytest.mark.neo4j)]
)
def test_any_history_ends_as_one_clean_load(kind: str, examples: int) -> None:
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(st.lists(op_st, min_size=1, max_size=6))
    def run(ops: list[tuple[str, str, Any]]) -> None:
        _check(kind, ops)

    run()
