"""The RDF mapping of flat fields, as data: one row per model field.

A flat field holds a literal, a list of literals, or links to resources with an id. Its row
says which predicate carries it, how a value becomes an RDF term (``Kind``), whether it is
required and, for a list, which ``...List`` property keeps order and duplicates.
``write_fields`` (used by ``rdf_build``) and ``read_fields`` (used by ``rdf_hydrate``) are
the only code that turns rows into quads and back, so adding a flat field is: the model,
its term in ``armsgraph.ttl``, one row here. Structured values (a provision's scope, item
lines, quantities, periods, agents, a claim's statement) are fragments or nodes of their
own, written and read by code in ``rdf_build`` and ``rdf_hydrate``, which call these two
functions for each node's flat fields.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from pyoxigraph import Literal, NamedNode

from armsgraph.core import model as m
from armsgraph.core.errors import StoreError
from armsgraph.ontology.iris import IriScheme
from armsgraph.ontology.rdf_reader import Node, Term, literal, named
from armsgraph.ontology.rdf_reader import number as read_number
from armsgraph.ontology.rdf_writer import GraphWriter, Lines, Object, date, number, partial_date
from armsgraph.ontology.terms import (
    AGT,
    DCT_DATE,
    DCT_DESCRIPTION,
    DCT_LANGUAGE,
    DCT_TITLE,
    PROV_WAS_DERIVED_FROM,
    RDF_JSON,
    RDFS_LABEL,
    SKOS_ALT_LABEL,
    SKOS_EXACT_MATCH,
    SKOS_NOTE,
    WIKIDATA,
    XSD_ANYURI,
    XSD_BOOLEAN,
    XSD_INTEGER,
)

# --- kinds: how one value becomes a term and back -----------------------------------------------


def _json_literal(value: dict[str, Any], _: IriScheme) -> Literal | None:
    if not value:  # an empty mapping is the model's default: nothing to say
        return None
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return Literal(text, datatype=RDF_JSON)


def _by_language(pairs: list[Any]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for language, text in pairs:
        grouped.setdefault(language, []).append(text)
    return grouped


@dataclass(frozen=True)
class Kind:
    """A value's RDF form. ``to_term`` may return None for "nothing to write"; a list field
    is ``split`` into values before and ``join``-ed after (a list by default)."""

    name: str
    to_term: Callable[[Any, IriScheme], Object | None]
    from_term: Callable[[Term, IriScheme], Any]
    shape: str  # the SHACL constraint every value meets (Turtle, prefixes of shapes.ttl)
    split: Callable[[Any], Iterable[Any]] = list
    join: Callable[[list[Any]], Any] = list


def _text(term: Term) -> str:
    return literal(term).value


# Enumerations are their values, plain strings (``str`` of a StrEnum member is its value).
STRING = Kind(
    "string", lambda v, _: Literal(str(v)), lambda t, _: _text(t), "sh:datatype xsd:string"
)
PARTIAL_DATE = Kind(
    "partial date", lambda v, _: partial_date(v), lambda t, _: _text(t), "sh:node agsh:PartialDate"
)
INTEGER = Kind(
    "integer",
    lambda v, _: Literal(str(v), datatype=XSD_INTEGER),
    lambda t, _: int(_text(t)),
    "sh:datatype xsd:integer",
)
DATE = Kind(
    "date",
    lambda v, _: date(v),
    lambda t, _: dt.date.fromisoformat(_text(t)),
    "sh:datatype xsd:date",
)
NUMBER = Kind(
    "number", lambda v, _: number(v), lambda t, _: read_number(literal(t)), "sh:node agsh:Number"
)
BOOLEAN = Kind(
    "boolean",
    lambda v, _: Literal("true" if v else "false", datatype=XSD_BOOLEAN),
    lambda t, _: _text(t) in ("true", "1"),
    "sh:datatype xsd:boolean",
)
URL = Kind(
    "URL",
    lambda v, _: Literal(v, datatype=XSD_ANYURI),
    lambda t, _: _text(t),
    "sh:datatype xsd:anyURI",
)
JSON = Kind("JSON", _json_literal, lambda t, _: json.loads(_text(t)), "sh:datatype rdf:JSON")
# A flag written only when set: absent reads back as the model's default, False, so a flag
# added to a class changes none of the quads written before it existed.
FLAG = Kind(
    "flag",
    lambda v, _: Literal("true", datatype=XSD_BOOLEAN) if v else None,
    lambda t, _: _text(t) in ("true", "1"),
    "sh:datatype xsd:boolean",
)


def _cells_literal(cells: list[m.RegisterCell], _: IriScheme) -> Literal:
    pairs = [[c.header, c.value] for c in cells]
    return Literal(json.dumps(pairs, ensure_ascii=False, separators=(",", ":")), datatype=RDF_JSON)


# A record's raw cells as one JSON array of [header, value] pairs: a row's cells are read
# back as a whole, and one literal costs one quad where a node per cell would cost ~5.
CELLS = Kind(
    "register cells",
    _cells_literal,
    lambda t, _: [{"header": h, "value": v} for h, v in json.loads(_text(t))],
    "sh:datatype rdf:JSON",
)
ENTITY = Kind(
    "entity",
    lambda v, iris: iris.entity(v),
    lambda t, iris: iris.ident(named(t)),
    "sh:nodeKind sh:IRI",
)
WIKIDATA_ITEM = Kind(
    "Wikidata item",
    lambda v, _: NamedNode(WIKIDATA + v),
    lambda t, _: named(t).value.removeprefix(WIKIDATA),
    "sh:nodeKind sh:IRI",
)
# names by language ({"en": ["North Korea"]}), as language-tagged literals
NAMES_BY_LANGUAGE = Kind(
    "names by language",
    lambda v, _: Literal(v[1], language=v[0]),
    lambda t, _: (literal(t).language or "", _text(t)),
    "sh:datatype rdf:langString",
    split=lambda names: [(lang, n) for lang, ns in names.items() for n in ns],
    join=_by_language,
)


# --- rows ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    """One flat field: model field ``name`` -> ``predicate`` (a list field also has
    ``list_predicate``, the rdf:List that keeps order and duplicates)."""

    name: str
    predicate: NamedNode
    kind: Kind = STRING
    required: bool = False
    list_predicate: NamedNode | None = None

    @property
    def many(self) -> bool:
        return self.list_predicate is not None


def one(name: str, predicate: NamedNode, kind: Kind = STRING, *, required: bool = False) -> Field:
    return Field(name, predicate, kind, required)


def need(name: str, predicate: NamedNode, kind: Kind = STRING) -> Field:
    return Field(name, predicate, kind, required=True)


def many(
    name: str,
    predicate: NamedNode,
    list_predicate: NamedNode,
    kind: Kind = STRING,
    *,
    required: bool = False,
) -> Field:
    return Field(name, predicate, kind, required, list_predicate)


_WIKIDATA = one("wikidata", SKOS_EXACT_MATCH, WIKIDATA_ITEM)
_SOURCES = many("sources", AGT.citation, AGT.citationList)
_CITED = many("sources", AGT.citation, AGT.citationList, required=True)
_NOTE = one("note", SKOS_NOTE)
_TRANSFER = (
    need("supplier", AGT.supplier, ENTITY),
    need("recipient", AGT.recipient, ENTITY),
    one("flow", AGT.flow),
)

# Each model class -> its flat fields. The other fields of a class are written by code:
# ``tests/ontology/test_rdf_mapping.py`` lists them and checks the rows against the model.
FIELDS: dict[type[m.Model], tuple[Field, ...]] = {
    m.Actor: (  # the kind is the class (rdf_build, rdf_hydrate)
        need("name", RDFS_LABEL),
        one("iso2", AGT.iso2),
        one("numeric", AGT.numeric),
        _WIKIDATA,
        one("capital", AGT.capital),
        one("un_member_since", AGT.unMemberSince, INTEGER),
        one("based_in", AGT.basedIn, ENTITY),
        one("only_as", AGT.onlyAs),
        one("valid_from", AGT.validFrom, PARTIAL_DATE),
        one("valid_until", AGT.validUntil, PARTIAL_DATE),
        one("validity_basis", AGT.validityBasis),
        many("aliases", SKOS_ALT_LABEL, AGT.aliasList, NAMES_BY_LANGUAGE),
        _SOURCES,
    ),
    m.WeaponSystem: (
        need("name", RDFS_LABEL),
        need("category", AGT.category),
        one("category_basis", AGT.categoryBasis),
        many("aliases", SKOS_ALT_LABEL, AGT.aliasList),
        _WIKIDATA,
        one("description", DCT_DESCRIPTION),
        _SOURCES,
    ),
    m.Resolution: (
        need("symbol", AGT.symbol),
        need("adopted", AGT.adopted, PARTIAL_DATE),
        need("adopted_status", AGT.adoptedStatus),
        one("chapter_vii", AGT.chapterVII, BOOLEAN),
        one("vote", AGT.vote),
        need("summary", AGT.summary),
        _WIKIDATA,
        _CITED,
    ),
    m.Provision: (
        need("resolution", AGT.resolution, ENTITY),
        need("paragraph", AGT.paragraph),
        need("paragraph_status", AGT.paragraphStatus),
        need("summary", AGT.summary),
        _CITED,
        _NOTE,
    ),
    m.ProvisionScope: (
        many("targets", AGT.target, AGT.targetList, ENTITY, required=True),
        need("reach", AGT.reach),
        many("directions", AGT.direction, AGT.directionList, required=True),
        many("event_kinds", AGT.eventKind, AGT.eventKindList, required=True),
        many("categories", AGT.category, AGT.categoryList),
        many("assistance_kinds", AGT.assistanceKind, AGT.assistanceKindList),
        many("personnel_kinds", AGT.personnel, AGT.personnelList),
        many("unchecked_conditions", AGT.uncheckedCondition, AGT.uncheckedConditionList),
        many("obligated", AGT.obligated, AGT.obligatedList, required=True),
    ),
    m.InForce: (
        need("start", AGT.start, PARTIAL_DATE),
        one("end", AGT.end, PARTIAL_DATE),
        one("started_by", AGT.startedBy),
        one("ended_by", AGT.endedBy),
        need("status", AGT.verificationStatus),
        _SOURCES,
        _NOTE,
    ),
    m.ScopeException: (
        many("categories", AGT.category, AGT.categoryList),
        many("parties", AGT.party, AGT.partyList, ENTITY),
        one("since", AGT.since, PARTIAL_DATE),
        one("until", AGT.until, DATE),
        one("closed_by", AGT.closedBy, ENTITY),
        _NOTE,
    ),
    m.Cap: (
        need("limit", AGT.limit, NUMBER),
        need("unit", AGT.unit),
        need("window", AGT.window),
        need("aggregate", AGT.aggregate),
    ),
    m.Source: (
        need("title", DCT_TITLE),
        need("date", DCT_DATE, PARTIAL_DATE),
        need("kind", AGT.sourceKind),
        one("url", AGT.url, URL),
        one("document", AGT.document),
        need("language", DCT_LANGUAGE),
        one("reports_on", AGT.reportsOn, ENTITY),
        _NOTE,
    ),
    m.Claim: (
        one("key", AGT.key),
        need("source", PROV_WAS_DERIVED_FROM, ENTITY),
        one("locator", AGT.locator),
        need("quote", AGT.quote),
        need("quote_kind", AGT.quoteKind),
        need("confidence", AGT.confidence),
        one("grade_basis", AGT.gradeBasis),
        one("reliability", AGT.reliability),
        one("credibility", AGT.credibility, INTEGER),
        need("reported", AGT.reported, PARTIAL_DATE),
        _NOTE,
    ),
    m.BreachStatement: (
        many("states", AGT.state, AGT.stateList, ENTITY, required=True),
        many("resolutions", AGT.resolution, AGT.resolutionList, ENTITY),
        many("provisions", AGT.provision, AGT.provisionList, ENTITY),
        many("flows", AGT.flow, AGT.flowList),
    ),
    m.ShipmentStatement: (
        *_TRANSFER,
        many("transport", AGT.transport, AGT.transportList),
        many("ports", AGT.port, AGT.portList),
        many("vessels", AGT.vessel, AGT.vesselList),
    ),
    m.DeploymentStatement: (
        *_TRANSFER,
        need("personnel", AGT.personnel),
        one("role", AGT.role),
    ),
    m.AssistanceStatement: (
        *_TRANSFER,
        need("assistance", AGT.assistanceKind),
        need("subject", AGT.subject),
        one("related_weapon", AGT.relatedWeapon, ENTITY),
        one("related_category", AGT.relatedCategory),
    ),
    m.ItemLine: (
        need("weapon", AGT.weapon, ENTITY),
        one("description", DCT_DESCRIPTION),
    ),
    m.Quantity: (
        one("value", AGT.value, NUMBER),
        one("low", AGT.low, NUMBER),
        one("high", AGT.high, NUMBER),
        need("qualifier", AGT.qualifier),
        need("unit", AGT.unit),
        one("text", AGT.text),
        one("uncertain", AGT.uncertain, FLAG),
    ),
    m.RegisterRecord: (  # ordered, delivered and deliveries are nodes (rdf_build)
        need("register_name", AGT.register),
        need("file", AGT.file),
        need("line", AGT.line, INTEGER),
        need("cells", AGT.cells, CELLS),
        one("status", AGT.supplyStatus),
        one("order_year", AGT.orderYear, INTEGER),
        one("order_year_uncertain", AGT.orderYearUncertain, FLAG),
        one("tiv_per_unit", AGT.tivPerUnit, NUMBER),
        one("tiv_total_order", AGT.tivTotalOrder, NUMBER),
        one("tiv_delivered", AGT.tivDelivered, NUMBER),
        one("comments", AGT.comments),
    ),
    m.Delivery: (
        need("year", AGT.year, INTEGER),
        one("number", AGT.number, NUMBER),
        one("uncertain", AGT.uncertain, FLAG),
    ),
    m.Period: (
        one("start", AGT.start, PARTIAL_DATE),
        one("end", AGT.end, PARTIAL_DATE),
        one("text", AGT.text),
    ),
    m.TransferEvent: (many("claims", AGT.supportedBy, AGT.supportedByList, ENTITY, required=True),),
    m.Breach: (
        need("basis", AGT.basis),
        many("states", AGT.state, AGT.stateList, ENTITY, required=True),
        one("provision", AGT.provision, ENTITY),
        one("resolution", AGT.resolution, ENTITY),
        many("events", AGT.event, AGT.eventList, ENTITY),
        many("claims", AGT.restsOn, AGT.restsOnList, ENTITY, required=True),
        need("explanation", AGT.explanation),
        one("matched", AGT.matched, JSON),
    ),
}


# The classes of the nodes that carry each model class's fields (an event carries the fields
# of its statement), which the generated SHACL shapes target.
NODE_TYPES: dict[type[m.Model], tuple[NamedNode, ...]] = {
    m.Actor: (AGT.Actor,),  # instances are of its subclasses, one per ActorKind
    m.WeaponSystem: (AGT.WeaponSystem,),
    m.Resolution: (AGT.Resolution,),
    m.Provision: (AGT.Provision,),
    m.ProvisionScope: (AGT.ProvisionScope,),
    m.InForce: (AGT.InForcePeriod,),
    m.ScopeException: (AGT.ScopeException,),
    m.Cap: (AGT.Cap,),
    m.Source: (AGT.Source,),
    m.Claim: (AGT.Claim,),
    m.BreachStatement: (AGT.BreachStatement,),
    m.ShipmentStatement: (AGT.ShipmentStatement, AGT.Shipment),
    m.DeploymentStatement: (AGT.DeploymentStatement, AGT.Deployment),
    m.AssistanceStatement: (AGT.AssistanceStatement, AGT.Assistance),
    m.ItemLine: (AGT.ItemLine,),
    m.Quantity: (AGT.Quantity,),
    m.Period: (AGT.Period,),
    m.RegisterRecord: (AGT.RegisterRecord,),
    m.Delivery: (AGT.Delivery,),
    m.TransferEvent: (AGT.Transfer,),
    m.Breach: (AGT.Breach,),
}


# --- the two directions --------------------------------------------------------------------


def write_fields(g: GraphWriter, s: NamedNode, obj: m.Model) -> Lines:
    """The quads of ``obj``'s flat fields about ``s`` (absent values are left out; a list is
    a triple per member, plus its rdf:List when it is not its sorted set)."""
    for f in FIELDS[type(obj)]:
        value = getattr(obj, f.name)
        if value is None:
            continue
        if f.list_predicate is None:
            term = f.kind.to_term(value, g.iris)
            if term is not None:
                yield g.add(s, f.predicate, term)
            continue
        terms = [f.kind.to_term(v, g.iris) for v in f.kind.split(value)]
        yield from g.members(s, f.predicate, f.list_predicate, [t for t in terms if t is not None])


def read_fields(n: Node, cls: type[m.Model]) -> dict[str, Any]:
    """``cls``'s flat fields as ``n`` has them: absent optional ones left out (the model's
    default applies), a list in its order (``Node.members``); a missing required value is an
    error."""
    data: dict[str, Any] = {}
    for f in FIELDS[cls]:
        if f.list_predicate is not None:
            values = [f.kind.from_term(t, n.iris) for t in n.members(f.predicate, f.list_predicate)]
            data[f.name] = f.kind.join(values)
            continue
        term = n.one(f.predicate)
        if term is not None:
            data[f.name] = f.kind.from_term(term, n.iris)
        elif f.required:
            field = f"{cls.__name__}.{f.name}"
            raise StoreError(f"{n.subject.value} has no {f.predicate.value} ({field})")
    return data
