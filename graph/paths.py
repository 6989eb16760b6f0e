"""Paths in hop order over candidate events, shared by the Neo4j and embedded stores.

The order of ``core.query.find_paths`` is by hop count, then by the list of event ids.
A depth-first walk that tries each state's events in id order meets the paths of one
length in exactly that order, so it can stop after ``limit`` paths instead of
enumerating (and sorting) every path, whose number grows exponentially with the hops.
Branches that cannot reach the target in the hops left are cut using the distance to
the target over the same events.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable


def ordered_paths(
    edges: Iterable[tuple[str, str, str]],
    source: str,
    target: str,
    max_hops: int,
    limit: int,
) -> list[list[str]]:
    """Paths from source to target of at most ``max_hops`` events (at least one hop),
    visiting no state twice, ordered by length then ids, cut like ``found[:limit]``.

    ``edges`` are (supplier, event id, recipient) of the events that pass the filters.
    """
    out: dict[str, list[tuple[str, str]]] = {}
    into: dict[str, set[str]] = {}
    for supplier, event, recipient in edges:
        out.setdefault(supplier, []).append((event, recipient))
        into.setdefault(recipient, set()).add(supplier)
    for hops in out.values():
        hops.sort()
    distance = _bfs(target, into)
    wanted = limit if limit >= 0 else None  # a negative limit cuts from the end
    found: list[list[str]] = []

    def walk(state: str, visited: set[str], path: list[str], length: int) -> None:
        left = length - len(path)  # hops still to take, this one included
        for event, nxt in out.get(state, []):
            if wanted is not None and len(found) >= wanted:
                return
            if nxt in visited:
                continue
            if left == 1:
                if nxt == target:
                    found.append([*path, event])
            elif nxt != target and distance.get(nxt, left) <= left - 1:
                visited.add(nxt)
                walk(nxt, visited, [*path, event], length)
                visited.discard(nxt)

    for length in range(1, max(1, max_hops) + 1):
        if wanted is not None and len(found) >= wanted:
            break
        walk(source, {source}, [], length)
    return found[:limit]


def candidate_pairs(
    pairs: Iterable[tuple[str, str]], source: str, target: str, max_hops: int
) -> set[tuple[str, str]]:
    """The (supplier, recipient) pairs that can be hop i of a path of at most ``max_hops``:
    reachable from the source in i-1 hops and reaching the target in the hops left."""
    out: dict[str, set[str]] = {}
    into: dict[str, set[str]] = {}
    for a, b in pairs:
        out.setdefault(a, set()).add(b)
        into.setdefault(b, set()).add(a)
    from_source = _bfs(source, out)
    to_target = _bfs(target, into)
    return {
        (a, b)
        for a, targets in out.items()
        if a in from_source
        for b in targets
        if b in to_target and from_source[a] + 1 + to_target[b] <= max_hops
    }


def _bfs(start: str, edges: dict[str, set[str]]) -> dict[str, int]:
    """Fewest hops from ``start`` to each state over ``edges`` (states may repeat, so this
    is a lower bound for paths that visit no state twice)."""
    distance = {start: 0}
    queue = deque([start])
    while queue:
        state = queue.popleft()
        for nxt in edges.get(state, ()):
            if nxt not in distance:
                distance[nxt] = distance[state] + 1
                queue.append(nxt)
    return distance


def deepening(
    search: Callable[[int], list[list[str]]], max_hops: int, limit: int
) -> list[list[str]]:
    """Search paths of at most 1, 2, ... hops and stop once ``limit`` are found.

    Longer paths sort after shorter ones, so the first ``limit`` paths of a shallow search
    are the answer; a deeper search (and its much larger candidate set) is only run when
    the shallow ones come up short. A negative limit needs every path: no early stop.
    """
    hops = max(1, max_hops)
    for depth in range(1, hops + 1):
        found = search(depth)
        if depth == hops or (limit >= 0 and len(found) >= limit):
            return found
    return []
