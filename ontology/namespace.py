"""The armsgraph vocabulary as a closed namespace: a misspelt term is an error.

Generated once from ``armsgraph.ttl`` and kept in step with it by
``tests/ontology/test_vocabulary.py``; add a term to both files or to neither.
"""

from __future__ import annotations

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

VOCAB = "https://w3id.org/armsgraph/ontology#"
ONTOLOGY = "https://w3id.org/armsgraph/ontology"


class AG(DefinedNamespace):
    """Terms of ``https://w3id.org/armsgraph/ontology#``."""

    _NS = Namespace(VOCAB)
    _fail = True

    # classes
    State: URIRef
    WeaponSystem: URIRef
    Resolution: URIRef
    Provision: URIRef
    ProvisionScope: URIRef
    ScopeException: URIRef
    Cap: URIRef
    Source: URIRef
    Claim: URIRef
    Statement: URIRef
    ShipmentStatement: URIRef
    DeploymentStatement: URIRef
    AssistanceStatement: URIRef
    BreachStatement: URIRef
    Transfer: URIRef
    Shipment: URIRef
    Deployment: URIRef
    Assistance: URIRef
    ItemLine: URIRef
    Quantity: URIRef
    Period: URIRef
    Breach: URIRef
    Inference: URIRef

    # properties: reference data
    iso2: URIRef
    numeric: URIRef
    capital: URIRef
    aliasList: URIRef
    citation: URIRef
    citationList: URIRef
    category: URIRef
    categoryList: URIRef
    categoryBasis: URIRef
    symbol: URIRef
    adopted: URIRef
    adoptedStatus: URIRef
    chapterVII: URIRef
    vote: URIRef
    summary: URIRef
    resolution: URIRef
    resolutionList: URIRef
    paragraph: URIRef
    paragraphStatus: URIRef
    scope: URIRef
    target: URIRef
    direction: URIRef
    directionList: URIRef
    eventKind: URIRef
    eventKindList: URIRef
    assistanceKind: URIRef
    assistanceKindList: URIRef
    personnel: URIRef
    personnelList: URIRef
    effectiveFrom: URIRef
    effectiveUntil: URIRef
    exception: URIRef
    exceptionList: URIRef
    until: URIRef
    closedBy: URIRef
    cap: URIRef
    limit: URIRef
    unit: URIRef
    window: URIRef
    aggregate: URIRef
    obligated: URIRef
    obligatedList: URIRef

    # properties: sources and claims
    sourceKind: URIRef
    url: URIRef
    document: URIRef
    reportsOn: URIRef
    key: URIRef
    locator: URIRef
    quote: URIRef
    quoteKind: URIRef
    confidence: URIRef
    reported: URIRef
    statement: URIRef

    # properties: statements and transfers
    supplier: URIRef
    recipient: URIRef
    item: URIRef
    itemList: URIRef
    weapon: URIRef
    quantity: URIRef
    period: URIRef
    transport: URIRef
    transportList: URIRef
    port: URIRef
    portList: URIRef
    vessel: URIRef
    vesselList: URIRef
    flow: URIRef
    flowList: URIRef
    role: URIRef
    subject: URIRef
    relatedWeapon: URIRef
    relatedCategory: URIRef
    supportedBy: URIRef
    supportedByList: URIRef

    # properties: quantities and periods
    value: URIRef
    low: URIRef
    high: URIRef
    qualifier: URIRef
    text: URIRef
    start: URIRef
    end: URIRef
    earliest: URIRef
    latest: URIRef

    # properties: breaches
    state: URIRef
    stateList: URIRef
    provision: URIRef
    provisionList: URIRef
    event: URIRef
    eventList: URIRef
    restsOn: URIRef
    restsOnList: URIRef
    basis: URIRef
    explanation: URIRef
    matched: URIRef
    rule: URIRef
