"""All SPARQL the RdfStore runs, in one place.

Queries are constants; parameters are bound with a ``VALUES`` row whose terms pyoxigraph
serialises (``str(term)`` is N-Triples syntax, escaped), never by pasting input into text.
An absent parameter is ``UNDEF``, which the filters read as "no constraint"; filters on
parameters sit outside ``GRAPH`` blocks, where the ``VALUES`` row is in scope.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from pyoxigraph import Literal, NamedNode

from armsgraph.ontology.terms import PREFIXES

_PREFIXES = "".join(
    f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items() if p in ("ag", "dcterms", "xsd")
)


# Our own graph IRIs go into the text as constants, not through VALUES: Oxigraph plans
# ``GRAPH <iri>`` with its indexes but scans every graph for ``GRAPH ?var`` (400x slower on
# 40k claims). They are pyoxigraph terms, serialised and escaped by ``str(term)``.
GRAPH_PARAMS = ("derived", "reference")


def values(params: Mapping[str, NamedNode | Literal | None]) -> str:
    """``VALUES (?a ?b) { (<x> UNDEF) }`` for one row of parameters."""
    names = " ".join(f"?{name}" for name in params)
    row = " ".join("UNDEF" if term is None else str(term) for term in params.values())
    return f"VALUES ({names}) {{ ({row}) }}"


def limit(n: int) -> str:
    return f"LIMIT {int(n)}"


# Transfer events passing the kind/supplier/recipient/category/date filters of
# core.query.event_matches (period overlap with open unknown bounds; a category matches
# only a shipment carrying an item of that category).
# Parameters: derived, reference, type, supplier, recipient, category, since, until.
# Unordered (the path search needs no order); ``render(..., order_by="?id")`` sorts.
EVENTS = (
    _PREFIXES
    + """
SELECT ?id ?supplier ?recipient WHERE {
  %(values)s
  GRAPH ?derived {
    ?e ag:supplier ?supplier ; ag:recipient ?recipient ; dcterms:identifier ?id .
    OPTIONAL { ?e ag:period/ag:earliest ?start }
    OPTIONAL { ?e ag:period/ag:latest ?end }
  }
  FILTER(!BOUND(?type) || EXISTS { GRAPH ?derived { ?e a ?type } })
  FILTER(!BOUND(?since) || !BOUND(?end) || ?end >= ?since)
  FILTER(!BOUND(?until) || !BOUND(?start) || ?start <= ?until)
  FILTER(!BOUND(?category) || EXISTS {
    GRAPH ?derived { ?e a ag:Shipment ; ag:item/ag:weapon ?weapon }
    GRAPH ?reference { ?weapon ag:category ?category }
  })
}
"""
)

# Breaches passing core.query.find_breaches filters.
# Parameters: derived, resolution, provision, state, basis, event.
BREACHES = (
    _PREFIXES
    + """
SELECT ?id WHERE {
  %(values)s
  GRAPH ?derived { ?b a ag:Breach ; dcterms:identifier ?id ; ag:basis ?basis }
  FILTER(!BOUND(?resolution) || EXISTS { GRAPH ?derived { ?b ag:resolution ?resolution } })
  FILTER(!BOUND(?provision) || EXISTS { GRAPH ?derived { ?b ag:provision ?provision } })
  FILTER(!BOUND(?state) || EXISTS { GRAPH ?derived { ?b ag:state ?state } })
  FILTER(!BOUND(?event) || EXISTS { GRAPH ?derived { ?b ag:event ?event } })
}
ORDER BY ?id
"""
)

# BREACHES of one event, matched from the event (the API asks this for every hop of every
# path; the FILTER above tests every breach). Same parameters, ?event bound.
BREACHES_OF_EVENT = BREACHES.replace(
    "GRAPH ?derived { ?b a ag:Breach ;", "GRAPH ?derived { ?b ag:event ?event ; a ag:Breach ;", 1
)

# How many resources of each class, in any graph. Parameters: none.
COUNTS = (
    _PREFIXES
    + """
SELECT ?type (COUNT(DISTINCT ?s) AS ?n) WHERE {
  VALUES ?type {
    ag:Source ag:Claim ag:State ag:HistoricalState ag:ArmedGroup ag:InternationalOrganisation
    ag:UnknownActor ag:WeaponSystem ag:Resolution ag:Provision
    ag:Shipment ag:Deployment ag:Assistance ag:Breach
  }
  GRAPH ?g { ?s a ?type }
}
GROUP BY ?type
"""
)

# The ids of every resource of one class. Parameters: type.
IDS = (
    _PREFIXES
    + """
SELECT DISTINCT ?id WHERE {
  %(values)s
  GRAPH ?g { ?s a ?type ; dcterms:identifier ?id }
}
ORDER BY ?id
"""
)


def render(
    query: str,
    params: Mapping[str, NamedNode | Literal | None],
    n: int | None = None,
    order_by: str | None = None,
) -> str:
    text = query
    rest = dict(params)
    for name in GRAPH_PARAMS:
        graph = rest.pop(name, None)
        if graph is not None:
            text = re.sub(rf"\?{name}\b", str(graph), text)
    text = text.replace("%(values)s", values(rest) if rest else "")
    if order_by is not None:
        text += f"ORDER BY {order_by}\n"
    return text if n is None else f"{text}{limit(n)}\n"


# The path index's rows, read back from the RDF when the index must be rebuilt
# (``rdf_paths``). Parameters: derived, reference (as constants).
PATH_INDEX_EVENTS = (
    _PREFIXES
    + """
SELECT ?id ?supplier ?recipient ?type ?start ?end WHERE {
  VALUES ?type { ag:Shipment ag:Deployment ag:Assistance }
  GRAPH ?derived {
    ?e a ?type ; ag:supplier ?supplier ; ag:recipient ?recipient ; dcterms:identifier ?id .
    OPTIONAL { ?e ag:period/ag:earliest ?start }
    OPTIONAL { ?e ag:period/ag:latest ?end }
  }
}
"""
)
PATH_INDEX_CARRIED = (
    _PREFIXES
    + """
SELECT DISTINCT ?id ?weapon WHERE {
  GRAPH ?derived { ?e a ag:Shipment ; dcterms:identifier ?id ; ag:item/ag:weapon ?weapon }
}
"""
)
PATH_INDEX_WEAPONS = (
    _PREFIXES
    + """
SELECT ?weapon ?category WHERE {
  GRAPH ?reference { ?weapon a ag:WeaponSystem ; ag:category ?category }
}
"""
)
PATH_INDEX_BREACHES = (
    _PREFIXES
    + """
SELECT ?breach ?event ?basis WHERE {
  GRAPH ?derived {
    ?b a ag:Breach ; dcterms:identifier ?breach ; ag:basis ?basis ; ag:event ?e .
    ?e dcterms:identifier ?event .
  }
}
"""
)
