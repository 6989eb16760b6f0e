"""Writes the generated part of ``shapes.ttl`` from the mapping table (``rdf_mapping``).

For every model class in the table, a node shape ``agsh:<Class>Fields`` targets the classes
of its nodes and holds one property shape per flat field: ``sh:minCount 1`` when the field is
required, ``sh:maxCount 1`` when it is single (a list: on its ``...List`` property, which is
optional because a list that is its sorted set has none), and the constraint of its kind of
value (datatype, node kind). The hand-written shapes above the
marker keep what the table does not say: patterns, allowed values, classes of linked
resources, and constraints over several properties. A new flat field is validated without a
hand-written line.

    python -m armsgraph.ontology.generate_shapes          # rewrite the generated part
    python -m armsgraph.ontology.generate_shapes --check  # exit 1 if it is stale
"""

from __future__ import annotations

import sys
from pathlib import Path

from pyoxigraph import NamedNode

from armsgraph.ontology.generate_namespace import write_or_check
from armsgraph.ontology.rdf_mapping import FIELDS, NODE_TYPES, Field
from armsgraph.ontology.terms import PREFIXES

SHAPES_FILE = Path(__file__).resolve().parent / "shapes.ttl"
MARKER = (
    "# --- generated from ontology/rdf_mapping.py by "
    "python -m armsgraph.ontology.generate_shapes: do not edit below this line ---"
)


def curie(term: NamedNode) -> str:
    for prefix, iri in PREFIXES.items():
        if term.value.startswith(iri):
            return f"{prefix}:{term.value[len(iri) :]}"
    return f"<{term.value}>"


def _property_shapes(f: Field) -> list[str]:
    required = " ; sh:minCount 1" if f.required else ""
    if f.list_predicate is None:
        return [f"sh:path {curie(f.predicate)}{required} ; sh:maxCount 1 ; {f.kind.shape}"]
    return [
        f"sh:path {curie(f.predicate)}{required} ; {f.kind.shape}",
        f"sh:path {curie(f.list_predicate)} ; sh:maxCount 1 ; sh:nodeKind sh:IRI",
    ]


def render_generated() -> str:
    blocks = []
    for cls, fields in FIELDS.items():
        lines = [
            f"agsh:{cls.__name__}Fields",
            "    a sh:NodeShape ;",
            f'    rdfs:comment "The flat fields of the model\'s {cls.__name__}." ;',
            "    sh:targetClass " + ", ".join(curie(t) for t in NODE_TYPES[cls]) + " ;",
        ]
        shapes = [shape for f in fields for shape in _property_shapes(f)]
        lines += [f"    sh:property [ {shape} ] ;" for shape in shapes]
        lines[-1] = lines[-1].removesuffix(" ;") + " ."
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def render(current: str) -> str:
    """``current`` with everything below the marker replaced by the generated shapes."""
    hand_written = current.split(MARKER, 1)[0].rstrip("\n")
    return f"{hand_written}\n\n{MARKER}\n\n{render_generated()}"


def stale(shapes_file: Path = SHAPES_FILE) -> bool:
    current = shapes_file.read_text("utf-8")
    return current != render(current)


def main(argv: list[str] | None = None) -> int:
    text = render(SHAPES_FILE.read_text("utf-8"))
    return write_or_check(SHAPES_FILE, text, __spec__.name, argv)


if __name__ == "__main__":
    sys.exit(main())
