"""List fields in RDF: member triples always, an rdf:List only where they lose the list;
structured values ordered by position; removals a killed write can finish."""

from __future__ import annotations

import pytest
from pyoxigraph import Literal, NamedNode, Quad, Store

from armsgraph.core.dataset import Dataset
from armsgraph.core.errors import StoreError
from armsgraph.ontology.iris import IriScheme
from armsgraph.ontology.rdf_build import dataset_to_quads
from armsgraph.ontology.rdf_merge import Merger, owned_by, removal_order
from armsgraph.ontology.rdf_reader import Node
from armsgraph.ontology.rdf_writer import GraphWriter, Object, part, quads_of
from armsgraph.ontology.terms import AGT, RDF_FIRST

IRIS = IriScheme("https://w3id.org/armsgraph/")
OWNER = IRIS.entity("shp-0123456789abcdef0123")
GRAPH = IRIS.derived_graph


def _written(items: list[Object]) -> tuple[Store, list[Quad]]:
    quads = list(quads_of(GraphWriter(IRIS, GRAPH).members(OWNER, AGT.port, AGT.portList, items)))
    store = Store()
    store.extend(quads)
    return store, quads


@pytest.mark.parametrize(
    ("items", "cells"),
    [
        ([Literal("Rajin")], 0),
        ([Literal("Dunai"), Literal("Rajin")], 0),  # sorted, no duplicates: the set says it
        ([Literal("Rajin"), Literal("Dunai")], 2),  # out of order
        ([Literal("Rajin"), Literal("Rajin")], 2),  # a duplicate
        ([Literal("Rajin", language="en"), Literal("Rajin", language="ko")], 0),
        ([Literal("Rajin", language="ko"), Literal("Rajin", language="en")], 2),
        ([IRIS.entity("clm-b"), IRIS.entity("clm-a")], 2),
        ([IRIS.entity("clm-a"), IRIS.entity("clm-b"), IRIS.entity("clm-c")], 0),
    ],
)
def test_a_list_reads_back_in_order_with_its_duplicates(items: list[Object], cells: int) -> None:
    store, quads = _written(items)
    assert [q.object for q in quads if q.predicate == AGT.port] == items
    assert sum(q.predicate == RDF_FIRST for q in quads) == cells
    assert Node(store, IRIS, OWNER).members(AGT.port, AGT.portList) == items


def test_structured_values_are_read_in_the_order_of_their_positions() -> None:
    # twelve item lines: #item/10 sorts before #item/2 as text, not as a position
    nodes = [part(part(OWNER, "statement"), f"item/{i}") for i in range(12)]
    store = Store()
    store.extend(Quad(OWNER, AGT.item, node, GRAPH) for node in reversed(nodes))
    read = Node(store, IRIS, OWNER).indexed(AGT.item, AGT.itemList)
    assert [n.subject for n in read] == nodes


def test_a_store_written_with_item_lists_is_read_from_them() -> None:
    # earlier versions wrote the item lines' rdf:List; its order wins over the positions
    nodes = [part(OWNER, "item/0"), part(OWNER, "item/1")]
    store = Store()
    writer = GraphWriter(IRIS, GRAPH)
    store.extend(quads_of(writer.members(OWNER, AGT.item, AGT.itemList, list(reversed(nodes)))))
    read = Node(store, IRIS, OWNER).indexed(AGT.item, AGT.itemList)
    assert [n.subject for n in read] == list(reversed(nodes))


def test_a_member_without_a_position_is_an_error() -> None:
    store = Store()
    store.add(Quad(OWNER, AGT.item, NamedNode(OWNER.value + "#item/first"), GRAPH))
    with pytest.raises(StoreError, match="not a structured value with a position"):
        Node(store, IRIS, OWNER).indexed(AGT.item, AGT.itemList)


def test_a_removal_cut_short_leaves_every_remaining_quad_reachable(rich: Dataset) -> None:
    """Removing a description in ``removal_order`` and stopping anywhere leaves nothing
    the walk from the resource misses (a killed write's roll-forward removes the rest)."""
    store = Store()
    store.extend(dataset_to_quads(rich))
    merger = Merger(store, IRIS, None)
    roots = [IRIS.entity(i) for i in [*list(rich.claims)[:20], *list(rich.events)[:20]]]
    roots += [IRIS.entity(p) for p in rich.provisions]  # scopes, in-force periods, exceptions
    for root in roots:
        owned = [q for q in merger.description(root) if owned_by(root, q)]
        order = removal_order(owned)
        assert sorted(map(str, order)) == sorted(map(str, owned))
        for cut in range(len(order)):
            remaining = Store()
            remaining.extend(order[cut:])
            reached = Merger(remaining, IRIS, None).description(root)
            assert set(order[cut:]) <= reached, (root, cut)
