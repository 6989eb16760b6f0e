"""The vocabulary: closed namespace, .ttl and builder agree; every term is documented."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Any

import pytest
import rdflib
from rdflib import OWL, RDF, RDFS
from rdflib.collection import Collection

from armsgraph.core import model
from armsgraph.core.dataset import Dataset
from armsgraph.ontology import generate_namespace, generate_shapes
from armsgraph.ontology.namespace import AG, VOCAB
from armsgraph.ontology.rdf_build import dataset_to_quads
from armsgraph.ontology.rdf_mapping import FIELDS
from armsgraph.ontology.shacl import ONTOLOGY_FILE, SHAPES_FILE
from armsgraph.ontology.terms import AGT

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY_FILE)


@pytest.fixture(scope="module")
def shapes() -> rdflib.Graph:
    return rdflib.Graph().parse(SHAPES_FILE)


def declared(ontology: rdflib.Graph) -> set[str]:
    return {
        str(s)[len(VOCAB) :]
        for kind in KINDS
        for s in ontology.subjects(RDF.type, kind)
        if str(s).startswith(VOCAB)
    }


def test_closed_namespace_rejects_a_misspelt_term() -> None:
    assert str(AG.Claim) == VOCAB + "Claim"
    with pytest.raises(AttributeError):
        _ = AG.Claimm
    with pytest.raises(AttributeError):
        _ = AG["supplyer"]


def test_namespace_and_ttl_declare_the_same_terms(ontology: rdflib.Graph) -> None:
    in_namespace = set(AG.__annotations__)
    assert in_namespace == declared(ontology)
    assert {n for n in vars(AGT) if not n.startswith("_")} == in_namespace


def test_every_term_has_a_label_a_definition_and_a_home(ontology: rdflib.Graph) -> None:
    undocumented = []
    for name in AG.__annotations__:
        term = AG[name]
        labels = [
            o for o in ontology.objects(term, RDFS.label) if getattr(o, "language", None) == "en"
        ]
        comments = [
            o for o in ontology.objects(term, RDFS.comment) if getattr(o, "language", None) == "en"
        ]
        homes = list(ontology.objects(term, RDFS.isDefinedBy))
        if len(labels) != 1 or len(comments) != 1 or len(homes) != 1 or len(str(comments[0])) < 15:
            undocumented.append(name)
    assert undocumented == []


def test_alignment_with_prov(ontology: rdflib.Graph) -> None:
    prov = rdflib.Namespace("http://www.w3.org/ns/prov#")
    assert (AG.Claim, RDFS.subClassOf, prov.Entity) in ontology
    assert (AG.Source, RDFS.subClassOf, prov.Entity) in ontology
    assert (AG.Inference, RDFS.subClassOf, prov.Activity) in ontology
    assert (AG.supportedBy, RDFS.subPropertyOf, prov.wasDerivedFrom) in ontology
    assert (AG.restsOn, RDFS.subPropertyOf, prov.wasDerivedFrom) in ontology


def test_the_builder_uses_every_term_and_only_declared_ones(
    rich: Dataset, ontology: rdflib.Graph
) -> None:
    used = set()
    for quad in dataset_to_quads(rich):
        for term in (quad.predicate, quad.object):
            if term.__class__.__name__ == "NamedNode" and term.value.startswith(VOCAB):
                used.add(term.value[len(VOCAB) :])
    superclasses = {
        str(o)[len(VOCAB) :]
        for o in ontology.objects(None, RDFS.subClassOf)
        if str(o).startswith(VOCAB)
    }
    # A flat list's ...List property appears only for a list out of sorted order
    # (test_rdf_build checks that); deprecated terms are for stores written earlier.
    list_properties = {
        f.list_predicate.value[len(VOCAB) :]
        for fields in FIELDS.values()
        for f in fields
        if f.list_predicate is not None
    }
    deprecated = {
        str(s)[len(VOCAB) :] for s in ontology.subjects(OWL.deprecated, rdflib.Literal(True))
    }
    assert used <= set(AG.__annotations__)
    assert not used & deprecated
    # Only superclasses may go unused (ag:Period is one, of ag:InForcePeriod, and is used).
    assert set(AG.__annotations__) - used <= superclasses | list_properties | deprecated


def test_shapes_use_only_declared_terms(shapes: rdflib.Graph) -> None:
    mentioned = {
        str(t)[len(VOCAB) :]
        for triple in shapes
        for t in triple
        if isinstance(t, rdflib.URIRef) and str(t).startswith(VOCAB)
    }
    assert mentioned <= set(AG.__annotations__)


# The allowed values in shapes.ttl are the values of the model's enumerations.
ENUM_PATHS: dict[str, type[StrEnum]] = {
    "confidence": model.Confidence,
    "reliability": model.Reliability,
    "quoteKind": model.QuoteKind,
    "supplyStatus": model.SupplyStatus,
    "sourceKind": model.SourceKind,
    "category": model.Category,
    "relatedCategory": model.Category,
    "transport": model.TransportMode,
    "personnel": model.PersonnelKind,
    "assistanceKind": model.AssistanceKind,
    "eventKind": model.EventKind,
    "qualifier": model.Qualifier,
    "adoptedStatus": model.VerificationStatus,
    "paragraphStatus": model.VerificationStatus,
    "direction": model.Direction,
    "obligated": model.Role,
    "basis": model.BreachBasis,
}


def _allowed(shapes: rdflib.Graph, shape: rdflib.term.Node) -> list[str] | None:
    for lst in shapes.objects(shape, SH["in"]):
        return [str(v) for v in Collection(shapes, lst)]  # type: ignore[arg-type]
    for node in shapes.objects(shape, SH.node):
        return _allowed(shapes, node)
    return None


@pytest.mark.parametrize("path", sorted(ENUM_PATHS))
def test_allowed_values_match_the_model(shapes: rdflib.Graph, path: str) -> None:
    property_shapes = list(shapes.subjects(SH.path, AG[path]))
    found = [v for v in (_allowed(shapes, s) for s in property_shapes) if v is not None]
    assert found, f"no sh:in for ag:{path}"
    for values in found:
        assert values == [e.value for e in ENUM_PATHS[path]]


def test_namespace_module_is_generated_from_the_ttl() -> None:
    assert not generate_namespace.stale(), "run python -m armsgraph.ontology.generate_namespace"


def test_the_field_shapes_are_generated_from_the_mapping_table() -> None:
    assert not generate_shapes.stale(), "run python -m armsgraph.ontology.generate_shapes"


def test_generated_namespace_holds_every_declared_term(tmp_path: Path) -> None:
    ttl = tmp_path / "tiny.ttl"
    ttl.write_text(
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "<https://example.org/o> a owl:Ontology .\n"
        '<https://example.org/o#Thing> a owl:Class ; rdfs:label "Thing"@en .\n'
        '<https://example.org/o#size> a owl:DatatypeProperty ; rdfs:label "size"@en .\n'
        '<https://example.org/other#x> a owl:Class ; rdfs:label "not ours"@en .\n'
    )
    module: dict[str, Any] = {}
    exec(compile(generate_namespace.render(ttl), "tiny", "exec"), module)
    assert module["VOCAB"] == "https://example.org/o#"
    assert str(module["AG"].size) == "https://example.org/o#size"
    assert module["AGT"].Thing.value == "https://example.org/o#Thing"
    with pytest.raises(AttributeError):
        _ = module["AG"].x
    ttl.write_text(ttl.read_text() + "<https://example.org/o#bare> a owl:Class .\n")
    with pytest.raises(ValueError, match="no English rdfs:label"):
        generate_namespace.render(ttl)


def test_the_category_schemes_and_their_crosswalk(ontology: rdflib.Graph) -> None:
    skos = rdflib.Namespace("http://www.w3.org/2004/02/skos/core#")
    agc = rdflib.Namespace("https://w3id.org/armsgraph/category/")
    ours = {
        str(n)
        for c in ontology.subjects(skos.inScheme, agc.armsgraph)
        for n in ontology.objects(c, skos.notation)
    }
    assert ours == {c.value for c in model.Category}  # one concept per category id
    sipri = set(ontology.subjects(skos.inScheme, agc.sipri))
    assert len(sipri) == 12  # SIPRI's weapon categories, "other" included
    concepts = set(ontology.subjects(RDF.type, skos.Concept))
    mappings = ("broadMatch", "narrowMatch", "closeMatch", "relatedMatch", "exactMatch")
    links = [(s, o) for m in mappings for s, o in ontology.subject_objects(skos[m])]
    assert links and all(s in concepts and o in concepts for s, o in links)
    # every UN Register category I-VII maps to a SIPRI category
    for category in model.UN_REGISTER_CATEGORIES:
        targets = {o for m in mappings for o in ontology.objects(agc[category.value], skos[m])}
        assert targets & sipri, category
