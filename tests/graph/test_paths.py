"""The hop-ordered walk and the pruning both stores use."""

from armsgraph.graph.paths import candidate_pairs, ordered_paths

PAIRS = {("A", "B"), ("B", "C"), ("C", "D"), ("A", "D"), ("D", "E"), ("X", "D"), ("B", "X")}


def test_candidate_pairs_keep_only_what_can_lie_on_a_short_path() -> None:
    assert candidate_pairs(PAIRS, "A", "D", 1) == {("A", "D")}
    assert candidate_pairs(PAIRS, "A", "D", 2) == {("A", "D")}
    assert candidate_pairs(PAIRS, "A", "D", 3) == {
        ("A", "D"),
        ("A", "B"),
        ("B", "C"),
        ("C", "D"),
        ("B", "X"),
        ("X", "D"),
    }
    assert candidate_pairs(PAIRS, "E", "A", 4) == set()


def test_ordered_paths_by_length_then_ids_and_no_revisits() -> None:
    edges = [
        ("A", "e3", "D"),
        ("A", "e1", "B"),
        ("B", "e2", "D"),
        ("B", "e0", "A"),
        ("A", "e4", "B"),
    ]
    assert ordered_paths(edges, "A", "D", 3, 100) == [["e3"], ["e1", "e2"], ["e4", "e2"]]
    assert ordered_paths(edges, "A", "D", 3, 2) == [["e3"], ["e1", "e2"]]
    assert ordered_paths(edges, "A", "D", 1, 100) == [["e3"]]
