"""Terms as pyoxigraph ``NamedNode``s, built once: the ag: vocabulary (``AGT``, generated
into ``namespace.py``) and the external terms the builder and readers use."""

from __future__ import annotations

from pyoxigraph import NamedNode

from armsgraph.ontology.namespace import AGT as AGT  # re-exported: one place for every term
from armsgraph.ontology.namespace import VOCAB

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
PROV = "http://www.w3.org/ns/prov#"
DCTERMS = "http://purl.org/dc/terms/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
WIKIDATA = "http://www.wikidata.org/entity/"

RDF_TYPE = NamedNode(RDF + "type")
RDF_FIRST = NamedNode(RDF + "first")
RDF_REST = NamedNode(RDF + "rest")
RDF_NIL = NamedNode(RDF + "nil")
RDF_JSON = NamedNode(RDF + "JSON")
RDFS_LABEL = NamedNode(RDFS + "label")
XSD_STRING = NamedNode(XSD + "string")
XSD_INTEGER = NamedNode(XSD + "integer")
XSD_DECIMAL = NamedNode(XSD + "decimal")
XSD_BOOLEAN = NamedNode(XSD + "boolean")
XSD_DATE = NamedNode(XSD + "date")
XSD_GYEAR = NamedNode(XSD + "gYear")
XSD_GYEARMONTH = NamedNode(XSD + "gYearMonth")
XSD_ANYURI = NamedNode(XSD + "anyURI")
PROV_AGENT = NamedNode(PROV + "Agent")
PROV_SOFTWARE_AGENT = NamedNode(PROV + "SoftwareAgent")
PROV_WAS_DERIVED_FROM = NamedNode(PROV + "wasDerivedFrom")
PROV_WAS_ATTRIBUTED_TO = NamedNode(PROV + "wasAttributedTo")
PROV_WAS_GENERATED_BY = NamedNode(PROV + "wasGeneratedBy")
PROV_WAS_ASSOCIATED_WITH = NamedNode(PROV + "wasAssociatedWith")
PROV_USED = NamedNode(PROV + "used")
DCT_IDENTIFIER = NamedNode(DCTERMS + "identifier")
DCT_TITLE = NamedNode(DCTERMS + "title")
DCT_PUBLISHER = NamedNode(DCTERMS + "publisher")
DCT_DATE = NamedNode(DCTERMS + "date")
DCT_LANGUAGE = NamedNode(DCTERMS + "language")
DCT_DESCRIPTION = NamedNode(DCTERMS + "description")
SKOS_ALT_LABEL = NamedNode(SKOS + "altLabel")
SKOS_EXACT_MATCH = NamedNode(SKOS + "exactMatch")
SKOS_NOTE = NamedNode(SKOS + "note")

# Prefixes used when serialising Turtle and TriG.
PREFIXES = {
    "ag": VOCAB,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "prov": PROV,
    "dcterms": DCTERMS,
    "skos": SKOS,
    "wd": WIKIDATA,
}

# ActorKind value -> the class of actors of that kind.
ACTOR_CLASSES = {
    "state": AGT.State,
    "historical_state": AGT.HistoricalState,
    "non_state_armed_group": AGT.ArmedGroup,
    "international_organisation": AGT.InternationalOrganisation,
    "unknown": AGT.UnknownActor,
}
