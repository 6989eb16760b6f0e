"""The package's layers, computed from its imports (every import, lazy ones included).

core/ holds what both stores share and imports no other package; graph/ (Neo4j) and
ontology/ (RDF) are twins over core/ that never import each other; the packages import
one another without a cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("core", "loaders", "graph", "ontology", "api")


def imported_modules(path: Path) -> set[str]:
    """Dotted names of the armsgraph modules ``path`` imports, anywhere in the file."""
    package = ["armsgraph", *path.relative_to(ROOT).with_suffix("").parts[:-1]]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: from the file's own package upwards
                base = package[: len(package) - node.level + 1]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return {name for name in found if name.startswith("armsgraph.")}


def package_imports() -> dict[str, set[str]]:
    """Package -> the other packages its modules import."""
    edges: dict[str, set[str]] = {name: set() for name in PACKAGES}
    for name in PACKAGES:
        for path in (ROOT / name).rglob("*.py"):
            for module in imported_modules(path):
                target = module.split(".")[1]
                if target in PACKAGES and target != name:
                    edges[name].add(target)
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    found: list[list[str]] = []

    def walk(node: str, trail: list[str]) -> None:
        for nxt in sorted(edges[node]):
            if nxt in trail:
                found.append([*trail[trail.index(nxt) :], nxt])
            else:
                walk(nxt, [*trail, nxt])

    for start in sorted(edges):
        walk(start, [start])
    return found


def test_the_import_graph_is_read_from_every_module() -> None:
    modules = imported_modules(ROOT / "api" / "stores.py")
    assert "armsgraph.core.settings" in modules
    assert {"armsgraph.graph.neo4j_store", "armsgraph.ontology.rdf_store"} <= modules  # lazy
    assert package_imports()["api"] >= {"core", "loaders", "graph", "ontology"}


def test_core_imports_no_other_package() -> None:
    assert package_imports()["core"] == set()


def test_the_two_stores_never_import_each_other() -> None:
    edges = package_imports()
    assert "ontology" not in edges["graph"]
    assert "graph" not in edges["ontology"]
    assert edges["graph"] <= {"core"} and edges["ontology"] <= {"core"}


def test_no_import_cycle_between_packages() -> None:
    assert cycles(package_imports()) == []


def test_a_cycle_would_be_found() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [
        ["a", "b", "c", "a"],
        ["b", "c", "a", "b"],
        ["c", "a", "b", "c"],
    ]
