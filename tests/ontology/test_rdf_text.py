"""Descriptions written as N-Quads text (``GraphWriter``) are exactly the quads the builder's
terms make as ``Quad`` objects: for the bundled data, the benchmark's synthetic data, and
strings that need escaping; and a load through the bulk loader's text stores them all."""

from __future__ import annotations

import dataclasses

import pytest
from pyoxigraph import Literal, NamedNode, Quad, Store

from armsgraph.core.dataset import Dataset
from armsgraph.ontology.iris import IriScheme
from armsgraph.ontology.rdf_build import sections
from armsgraph.ontology.rdf_store import RdfStore
from armsgraph.ontology.rdf_writer import GraphWriter, Line, Object, quads_of
from armsgraph.ontology.terms import AGT, SKOS_NOTE, XSD_DATE, XSD_DECIMAL
from bench.synth import SynthConfig, chunks

IRIS = IriScheme()
GRAPH = IRIS.derived_graph
SUBJECT = IRIS.entity("clm-0123456789abcdef0123")

# What needs escaping in N-Triples, and what must pass through as it is.
HOSTILE = [
    'a "quoted" word',
    "back\\slash and \\n as text",
    "line\nbreak, carriage\rreturn, tab\tend",
    "".join(map(chr, range(0x20))) + "\x7f",  # every control character
    "ünïcödé Пхеньян 평양 北朝鮮 \u2028 \u2029 \ufeff 🚀",
    "\x00nul first",
    "trailing backslash \\",
    '"',
    "",
    " ",
    "<not an IRI> _:b0 . # not a comment",
]


class ObjectWriter(GraphWriter):
    """The writer as it was: each quad a pyoxigraph ``Quad`` of the same terms."""

    def add(self, s: NamedNode, p: NamedNode, o: Object) -> Line:
        return Quad(s, p, o, self.name)  # type: ignore[return-value]


def _as_objects(dataset: Dataset) -> set[Quad]:
    return {
        quad  # type: ignore[misc]
        for part in sections(dataset, IRIS, ObjectWriter)
        for quad in part.lines()
    }


def _as_text(dataset: Dataset) -> set[Quad]:
    return {quad for part in sections(dataset, IRIS) for quad in quads_of(part.lines())}


def _hostile(dataset: Dataset) -> Dataset:
    """The data set, its claims' quotes, notes and locators the strings of ``HOSTILE``."""
    claims = dict(dataset.claims)
    texts = iter(HOSTILE * 3)
    for ident, claim in list(claims.items()):
        update = {name: next(texts) for name in ("quote", "note", "locator")}
        claims[ident] = claim.model_copy(update=update)
    return dataclasses.replace(dataset, claims=claims)


@pytest.fixture(scope="module")
def synthetic() -> Dataset:
    return next(chunks(SynthConfig(claims=600, seed=11, chunk_claims=600)))


@pytest.mark.parametrize("which", ["real", "rich", "synthetic", "hostile"])
def test_the_text_is_the_quads_of_the_objects(
    which: str, real_dataset: Dataset, rich: Dataset, synthetic: Dataset
) -> None:
    dataset = {"real": real_dataset, "rich": rich, "synthetic": synthetic}.get(which)
    dataset = _hostile(rich) if dataset is None else dataset
    expected = _as_objects(dataset)
    assert len(expected) > 500
    assert _as_text(dataset) == expected
    if which == "hostile":
        held = (AGT.quote, SKOS_NOTE, AGT.locator)
        assert set(HOSTILE) <= {q.object.value for q in expected if q.predicate in held}


@pytest.mark.parametrize("which", ["real", "hostile"])
def test_a_load_stores_exactly_the_quads_of_the_objects(
    which: str, real_dataset: Dataset, rich: Dataset
) -> None:
    dataset = real_dataset if which == "real" else _hostile(rich)
    store = RdfStore(None)
    store.load(dataset)
    # the objects as the bulk loader took them before (it stores decimals canonical: 100.0
    # as 100, whichever way they come)
    expected = Store()
    expected.bulk_extend(_as_objects(dataset))
    assert set(store.db) == set(expected)


@pytest.mark.parametrize(
    "term",
    [
        *(Literal(text) for text in HOSTILE),
        *(Literal(text, language="en-GB") for text in HOSTILE),
        *(Literal(text, datatype=XSD_DATE) for text in HOSTILE),
        Literal("12.50", datatype=XSD_DECIMAL),
        NamedNode("https://example.org/a?b=c&d=%20#frag/0"),
        NamedNode("https://example.org/ünïcödé/평양"),
    ],
)
def test_a_line_parses_back_to_its_quad(term: Object) -> None:
    line = GraphWriter(IRIS, GRAPH).add(SUBJECT, AGT.quote, term)
    assert line.endswith(" .\n") and line.count("\n") == 1
    assert list(quads_of([line])) == [Quad(SUBJECT, AGT.quote, term, GRAPH)]


def test_every_code_point_survives_the_text() -> None:
    writer = GraphWriter(IRIS, GRAPH)
    points = [c for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    texts = ["".join(map(chr, points[i : i + 4096])) for i in range(0, len(points), 4096)]
    lines = [writer.add(SUBJECT, AGT.quote, Literal(text)) for text in texts]
    assert [q.object for q in quads_of(lines)] == [Literal(text) for text in texts]


def test_a_subject_is_written_as_itself_after_another() -> None:
    """The writer keeps the last subject's text: a new subject object gets its own."""
    writer = GraphWriter(IRIS, GRAPH)
    other = IRIS.entity("clm-ffffffffffffffffffff")
    lines = [writer.add(s, AGT.quote, Literal("x")) for s in (SUBJECT, other, SUBJECT)]
    assert [q.subject for q in quads_of(lines)] == [SUBJECT, other, SUBJECT]
