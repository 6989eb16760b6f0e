"""The lazy hop-ordered search both stores use, against a brute-force enumeration."""

from __future__ import annotations

import random
from collections.abc import Sequence

import pytest

from armsgraph.core.paths import Step, find_paths

Edge = tuple[str, str, str]  # (supplier, event id, recipient)


class Graph:
    """Edges held in memory, counting the calls and steps the search makes."""

    def __init__(self, edges: list[Edge]) -> None:
        self.edges = edges
        self.calls = 0
        self.steps = 0
        self.out: dict[str, list[tuple[str, str]]] = {}
        for supplier, event, recipient in edges:
            self.out.setdefault(supplier, []).append((event, recipient))
        for events in self.out.values():
            events.sort()

    def next_events(self, steps: Sequence[Step], n: int) -> list[list[tuple[str, str]]]:
        self.calls += 1
        self.steps += len(steps)
        return [
            [
                (event, recipient)
                for event, recipient in self.out.get(step.supplier, [])
                if event > step.after and recipient in step.recipients
            ][:n]
            for step in steps
        ]

    def predecessors(self, states: set[str]) -> set[str]:
        return {a for a, _, b in self.edges if b in states}

    def paths(self, source: str, target: str, hops: int, limit: int) -> list[list[str]]:
        return find_paths(source, target, hops, limit, self.next_events, self.predecessors)


def brute_force(edges: list[Edge], source: str, target: str, hops: int) -> list[list[str]]:
    """Every path, as ``core.query.find_paths`` defines them, sorted by length then ids."""
    found: list[list[str]] = []

    def walk(state: str, visited: list[str], path: list[str]) -> None:
        for supplier, event, nxt in edges:
            if supplier != state or nxt in visited:
                continue
            if nxt == target:
                found.append([*path, event])
            elif len(path) + 1 < hops:
                walk(nxt, [*visited, nxt], [*path, event])

    walk(source, [source], [])
    return sorted(found, key=lambda p: (len(p), p))


EDGES: list[Edge] = [
    ("A", "e3", "D"),
    ("A", "e1", "B"),
    ("B", "e2", "D"),
    ("B", "e0", "A"),
    ("A", "e4", "B"),
    ("B", "e5", "X"),
    ("X", "e6", "D"),
    ("D", "e7", "E"),
]


def test_paths_by_length_then_ids_with_no_state_twice() -> None:
    graph = Graph(EDGES)
    assert graph.paths("A", "D", 3, 100) == [
        ["e3"],
        ["e1", "e2"],
        ["e4", "e2"],
        ["e1", "e5", "e6"],
        ["e4", "e5", "e6"],
    ]
    assert graph.paths("A", "D", 3, 2) == [["e3"], ["e1", "e2"]]
    assert graph.paths("A", "D", 1, 100) == [["e3"]]
    assert graph.paths("A", "D", 0, 100) == [["e3"]]  # at least one hop, like the reference
    assert graph.paths("A", "A", 3, 100) == []
    assert graph.paths("E", "A", 4, 100) == []


@pytest.mark.parametrize("seed", range(40))
def test_equal_to_brute_force_on_random_graphs(seed: int) -> None:
    rng = random.Random(seed)
    states = [f"S{i}" for i in range(rng.randint(2, 7))]
    edges = [
        (a, f"ev{rng.randrange(10_000):05d}-{i}", b)
        for i in range(rng.randint(0, 40))
        for a, b in [rng.sample(states, 2)]
    ]
    graph = Graph(edges)
    for _ in range(6):
        source, target = rng.sample(states, 2)
        hops = rng.randint(1, 4)
        limit = rng.choice([1, 2, 5, 100, -1])
        expected = brute_force(edges, source, target, hops)[:limit]
        assert graph.paths(source, target, hops, limit) == expected, (source, target, hops)


def test_reads_only_what_the_first_paths_need() -> None:
    """A hub with thousands of events: the first 10 two-hop paths read a few pages."""
    edges: list[Edge] = [("H", f"h{i:05d}", f"M{i % 50}") for i in range(5_000)]
    edges += [(f"M{m}", f"m{m:02d}-{j:03d}", "T") for m in range(50) for j in range(200)]
    graph = Graph(edges)
    found = graph.paths("H", "T", 2, 10)
    assert found == [["h00000", f"m00-{j:03d}"] for j in range(10)]
    assert graph.calls <= 3
    assert graph.steps <= 20


def test_a_search_met_by_short_paths_reads_no_deeper_layer() -> None:
    asked: list[set[str]] = []
    graph = Graph(EDGES)

    def predecessors(states: set[str]) -> set[str]:
        asked.append(states)
        return graph.predecessors(states)

    found = find_paths("A", "D", 4, 2, graph.next_events, predecessors)
    assert found == [["e3"], ["e1", "e2"]]
    assert asked == [{"D"}]  # the layer two-hop paths need; none for three or four hops
