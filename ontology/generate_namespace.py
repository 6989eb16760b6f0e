"""Writes ``namespace.py`` from ``armsgraph.ttl``: the vocabulary is typed once, in the .ttl.

Every class and property the ontology declares in its own namespace becomes a term of the
closed rdflib namespace ``AG`` and of ``AGT`` (the same terms as pyoxigraph ``NamedNode``s),
with its English label as a comment. The approach is rdflib's
``tools/defined_namespace_creator.py``; this one also writes ``AGT``, groups the terms by
kind and is deterministic, so that CI can compare the committed file with a fresh rendering.

    python -m armsgraph.ontology.generate_namespace          # rewrite namespace.py
    python -m armsgraph.ontology.generate_namespace --check  # exit 1 if it is stale
"""

from __future__ import annotations

import argparse
import keyword
import sys
from pathlib import Path

import rdflib
from rdflib import OWL, RDF, RDFS

HERE = Path(__file__).resolve().parent
ONTOLOGY_FILE = HERE / "armsgraph.ttl"
NAMESPACE_FILE = HERE / "namespace.py"

LINE_LENGTH = 100  # ruff's, in pyproject.toml
KINDS = (
    (OWL.Class, "classes"),
    (OWL.ObjectProperty, "object properties"),
    (OWL.DatatypeProperty, "datatype properties"),
)

HEADER = '''"""The armsgraph vocabulary as closed namespaces: a misspelt term is an error.

Generated from ``armsgraph.ttl`` by ``python -m armsgraph.ontology.generate_namespace``: do
not edit; declare a term in the .ttl and run it. ``make test`` fails when this file is stale.
"""

from __future__ import annotations

from pyoxigraph import NamedNode
from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

VOCAB = "{vocab}"
ONTOLOGY = "{ontology}"
'''


def _english(graph: rdflib.Graph, term: rdflib.URIRef) -> str:
    for label in graph.objects(term, RDFS.label):
        if isinstance(label, rdflib.Literal) and label.language == "en":
            return " ".join(str(label).split())
    raise ValueError(f"{ONTOLOGY_FILE.name}: {term} has no English rdfs:label")


def terms(graph: rdflib.Graph, vocab: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """(kind, [(name, label)]) for each kind of term, names sorted."""
    groups = []
    for kind, title in KINDS:
        found = []
        for term in graph.subjects(RDF.type, kind):
            if not isinstance(term, rdflib.URIRef) or not str(term).startswith(vocab):
                continue
            name = str(term)[len(vocab) :]
            if not name.isidentifier() or keyword.iskeyword(name):
                raise ValueError(f"{ONTOLOGY_FILE.name}: {term} is not a Python identifier")
            found.append((name, _english(graph, term)))
        groups.append((title, sorted(found)))
    return groups


def _fit(code: str, comment: str) -> str:
    """The line with its comment, or without it where both exceed the line length."""
    return code + comment if len(code + comment) <= LINE_LENGTH else code


def render(ontology_file: Path = ONTOLOGY_FILE) -> str:
    graph = rdflib.Graph().parse(ontology_file)
    ontologies = [o for o in graph.subjects(RDF.type, OWL.Ontology) if isinstance(o, rdflib.URIRef)]
    if len(ontologies) != 1:
        raise ValueError(f"{ontology_file.name}: expected one owl:Ontology, found {ontologies}")
    ontology = str(ontologies[0])
    vocab = ontology + "#"
    groups = terms(graph, vocab)
    lines = [HEADER.format(vocab=vocab, ontology=ontology), ""]
    lines += [
        "class AG(DefinedNamespace):",
        f'    """Terms of ``{vocab}`` (rdflib ``URIRef``)."""',
        "",
        "    _NS = Namespace(VOCAB)",
        "    _fail = True",
    ]
    for title, found in groups:
        lines += ["", f"    # {title}"]
        lines += [_fit(f"    {name}: URIRef", f"  # {label}") for name, label in found]
    lines += [
        "",
        "",
        "class AGT:",
        '    """The same terms as pyoxigraph ``NamedNode``s (what the builder and readers use)."""',
    ]
    for title, found in groups:
        lines += ["", f"    # {title}"]
        lines += [f'    {name} = NamedNode(VOCAB + "{name}")' for name, _ in found]
    return "\n".join(lines) + "\n"


def stale(namespace_file: Path = NAMESPACE_FILE) -> bool:
    return not namespace_file.exists() or namespace_file.read_text("utf-8") != render()


def write_or_check(target: Path, text: str, module: str, argv: list[str] | None) -> int:
    """The command line of a generator of ``target`` (also used by ``generate_shapes``):
    write ``text`` there, or with ``--check`` exit 1 if the committed file differs."""
    parser = argparse.ArgumentParser(prog=f"python -m {module}")
    parser.add_argument("--check", action="store_true", help=f"exit 1 if {target.name} is stale")
    if parser.parse_args(argv).check:
        if not target.exists() or target.read_text("utf-8") != text:
            print(f"stale: {target.name}; run `python -m {module}` and commit", file=sys.stderr)
            return 1
        print(f"{target.name} up to date")
        return 0
    target.write_text(text, "utf-8")
    print(f"wrote {target}")
    return 0


def main(argv: list[str] | None = None) -> int:
    return write_or_check(NAMESPACE_FILE, render(), __spec__.name, argv)


if __name__ == "__main__":
    sys.exit(main())
