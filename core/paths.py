"""Lazy, hop-ordered path search, shared by the Neo4j and embedded stores.

The order of ``core.query.find_paths`` is by hop count, then by the list of event ids. A
depth-first walk that takes each state's events in id order meets the paths of one length
in exactly that order, so it can stop after ``limit`` paths. The walk never holds the
graph: it asks the store for the next few events out of one state into a set of states
(``Step``), in id order, a page at a time, and the store answers from an index ordered by
(supplier, event id). Only the events the first ``limit`` paths pass over are read, however
large the graph: on a graph where every state reaches every other in two hops, fetching
every event that could lie on a path meant reading all of them.

Branches that cannot reach the target in the hops left are cut with the distance to the
target over the unfiltered supplier-recipient graph (a lower bound for filtered paths
that visit no state twice), which the store gives a layer at a time (``Predecessors``),
only as deep as the hop lengths searched so far need.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Step:
    """Ask for the events out of ``supplier`` into one of ``recipients``, after ``after``
    (an event id; "" for the first page), in event id order."""

    supplier: str
    recipients: frozenset[str]
    after: str = ""


# Next events: for each Step, up to ``n`` (event id, recipient) pairs in id order, passing
# the query's filters. One call answers many steps (one round trip for a Neo4j store).
NextEvents = Callable[[Sequence[Step], int], list[list[tuple[str, str]]]]

# The states with at least one event (any filters aside) into any of the given states.
Predecessors = Callable[[set[str]], set[str]]

FIRST_PAGE = 16  # events per first page of a step; later pages double, up to MAX_PAGE
MAX_PAGE = 1024


@dataclass
class _Stream:
    """The events of one Step, fetched a page at a time and kept for the rest of the
    search (the same step recurs below different prefixes)."""

    step: Step
    events: list[tuple[str, str]] = field(default_factory=list)
    exhausted: bool = False
    page: int = FIRST_PAGE


@dataclass
class _Search:
    source: str
    target: str
    max_hops: int
    limit: int  # a negative limit cuts from the end: ``wanted`` is then None
    next_events: NextEvents
    predecessors: Predecessors
    # Fewest hops to the target, one layer at a time as the hop lengths need them: a
    # search that finds its paths within two hops never asks for the third layer.
    wanted: int | None = field(init=False)
    distance: dict[str, int] = field(init=False)
    layers: list[set[str]] = field(init=False)
    streams: dict[tuple[str, frozenset[str]], _Stream] = field(default_factory=dict)
    found: list[list[str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.max_hops = max(1, self.max_hops)
        self.wanted = self.limit if self.limit >= 0 else None
        self.distance = {self.target: 0}
        self.layers = [{self.target}]

    def full(self) -> bool:
        return self.wanted is not None and len(self.found) >= self.wanted

    def recipients(self, hops_left: int, visited: frozenset[str]) -> frozenset[str]:
        """Where the next event may go with ``hops_left`` hops to take (this one too)."""
        if hops_left == 1:
            return frozenset({self.target}) - visited
        while len(self.layers) < hops_left and self.layers[-1]:
            layer = {s for s in self.predecessors(self.layers[-1]) if s not in self.distance}
            self.distance.update(dict.fromkeys(layer, len(self.layers)))
            self.layers.append(layer)
        return frozenset(
            s
            for s, d in self.distance.items()
            if 0 < d <= hops_left - 1 and s not in visited and s != self.target
        )

    def stream(self, supplier: str, recipients: frozenset[str]) -> _Stream:
        key = (supplier, recipients)
        if key not in self.streams:
            self.streams[key] = _Stream(Step(supplier, recipients))
        return self.streams[key]

    def fetch(self, streams: list[_Stream], first: int | None = None) -> None:
        """One more page for each stream, in one call."""
        todo = [s for s in streams if not s.exhausted]
        if not todo:
            return
        size = max(s.page for s in todo) if first is None else first
        steps = [
            Step(s.step.supplier, s.step.recipients, s.events[-1][0] if s.events else "")
            for s in todo
        ]
        for s, page in zip(todo, self.next_events(steps, size), strict=True):
            s.events.extend(page)
            s.exhausted = len(page) < size
            s.page = min(MAX_PAGE, size * 2)

    def walk(self, state: str, hops_left: int, visited: frozenset[str], path: list[str]) -> None:
        recipients = self.recipients(hops_left, visited)
        if not recipients:
            return
        stream = self.stream(state, recipients)
        at = prefetched = 0
        while not self.full():
            if at == len(stream.events):
                if stream.exhausted:
                    return
                self.fetch([stream], self.first_page(hops_left) if not stream.events else None)
                continue
            if hops_left > 1 and at >= prefetched:
                self.prefetch(stream.events[at:], hops_left - 1, visited)
                prefetched = len(stream.events)
            event, nxt = stream.events[at]
            at += 1
            if hops_left == 1:
                self.found.append([*path, event])
            else:
                self.walk(nxt, hops_left - 1, visited | {nxt}, [*path, event])

    def first_page(self, hops_left: int) -> int:
        """A last hop's first page holds every path still wanted; others start small."""
        if hops_left == 1 and self.wanted is not None:
            return max(1, min(self.wanted - len(self.found), MAX_PAGE))
        return FIRST_PAGE

    def prefetch(
        self, ahead: list[tuple[str, str]], hops_left: int, visited: frozenset[str]
    ) -> None:
        """First pages of the streams the walk will open below the events just fetched,
        in one call, so a page of events costs one round trip, not one per event."""
        pending: dict[tuple[str, frozenset[str]], _Stream] = {}
        for _, nxt in ahead:
            recipients = self.recipients(hops_left, visited | {nxt})
            stream = self.stream(nxt, recipients)
            if recipients and not stream.events and not stream.exhausted:
                pending[(nxt, recipients)] = stream
        self.fetch(list(pending.values()), self.first_page(hops_left))

    def run(self) -> list[list[str]]:
        for length in range(1, self.max_hops + 1):
            if self.full():
                break
            self.walk(self.source, length, frozenset({self.source}), [])
        return self.found


def find_paths(
    source: str,
    target: str,
    max_hops: int,
    limit: int,
    next_events: NextEvents,
    predecessors: Predecessors,
) -> list[list[str]]:
    """Paths from source to target of at most ``max_hops`` events (at least one hop),
    visiting no state twice, ordered by length then ids, cut like ``found[:limit]``."""
    found = _Search(source, target, max_hops, limit, next_events, predecessors).run()
    return found[:limit]
