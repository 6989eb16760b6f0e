"""The armsgraph vocabulary as closed namespaces: a misspelt term is an error.

Generated from ``armsgraph.ttl`` by ``python -m armsgraph.ontology.generate_namespace``: do
not edit; declare a term in the .ttl and run it. ``make test`` fails when this file is stale.
"""

from __future__ import annotations

from pyoxigraph import NamedNode
from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

VOCAB = "https://w3id.org/armsgraph/ontology#"
ONTOLOGY = "https://w3id.org/armsgraph/ontology"


class AG(DefinedNamespace):
    """Terms of ``https://w3id.org/armsgraph/ontology#`` (rdflib ``URIRef``)."""

    _NS = Namespace(VOCAB)
    _fail = True

    # classes
    Actor: URIRef  # Actor
    ArmedGroup: URIRef  # Non-state armed group
    Assistance: URIRef  # Assistance
    AssistanceStatement: URIRef  # Assistance statement
    Breach: URIRef  # Breach
    BreachStatement: URIRef  # Breach statement
    Cap: URIRef  # Cap
    Claim: URIRef  # Claim
    Delivery: URIRef  # delivery
    Deployment: URIRef  # Deployment
    DeploymentStatement: URIRef  # Deployment statement
    HistoricalState: URIRef  # Historical state
    InForcePeriod: URIRef  # In-force period
    Inference: URIRef  # Inference
    InternationalOrganisation: URIRef  # International organisation
    ItemLine: URIRef  # Item line
    Period: URIRef  # Period
    Provision: URIRef  # Provision
    ProvisionScope: URIRef  # Provision scope
    Quantity: URIRef  # Quantity
    RegisterRecord: URIRef  # register record
    Resolution: URIRef  # Resolution
    ScopeException: URIRef  # Scope exception
    Shipment: URIRef  # Shipment
    ShipmentStatement: URIRef  # Shipment statement
    Source: URIRef  # Source
    State: URIRef  # State
    Statement: URIRef  # Statement
    Transfer: URIRef  # Transfer
    UnknownActor: URIRef  # Unknown actor
    WeaponSystem: URIRef  # Weapon system

    # object properties
    aliasList: URIRef  # alias list
    assistanceKindList: URIRef  # assistance kind list
    basedIn: URIRef  # based in
    cap: URIRef  # cap
    categoryList: URIRef  # category list
    citationList: URIRef  # citation list
    closedBy: URIRef  # closed by
    delivered: URIRef  # delivered
    delivery: URIRef  # delivery
    deliveryList: URIRef  # delivery list
    directionList: URIRef  # direction list
    event: URIRef  # event
    eventKindList: URIRef  # event kind list
    eventList: URIRef  # event list
    exception: URIRef  # exception
    exceptionList: URIRef  # exception list
    flowList: URIRef  # flow list
    inForce: URIRef  # in force
    inForceList: URIRef  # in-force list
    item: URIRef  # item
    itemList: URIRef  # item list
    obligatedList: URIRef  # obligated list
    ordered: URIRef  # ordered
    party: URIRef  # party
    partyList: URIRef  # party list
    period: URIRef  # period
    personnelList: URIRef  # personnel list
    portList: URIRef  # port list
    provision: URIRef  # provision
    provisionList: URIRef  # provision list
    quantity: URIRef  # quantity
    recipient: URIRef  # recipient
    record: URIRef  # record
    relatedWeapon: URIRef  # related weapon system
    reportsOn: URIRef  # reports on
    resolution: URIRef  # resolution
    resolutionList: URIRef  # resolution list
    restsOn: URIRef  # rests on
    restsOnList: URIRef  # rests on list
    scope: URIRef  # scope
    state: URIRef  # state
    stateList: URIRef  # state list
    statement: URIRef  # statement
    supplier: URIRef  # supplier
    supportedBy: URIRef  # supported by
    supportedByList: URIRef  # supported by list
    target: URIRef  # target
    targetList: URIRef  # target list
    transportList: URIRef  # transport mode list
    uncheckedConditionList: URIRef  # unchecked condition list
    vesselList: URIRef  # vessel list
    weapon: URIRef  # weapon system

    # datatype properties
    adopted: URIRef  # adopted
    adoptedStatus: URIRef  # adoption date status
    aggregate: URIRef  # aggregate
    assistanceKind: URIRef  # assistance kind
    basis: URIRef  # basis
    capital: URIRef  # capital
    category: URIRef  # category
    categoryBasis: URIRef  # category basis
    cells: URIRef  # cells
    chapterVII: URIRef  # under Chapter VII
    citation: URIRef  # citation
    comments: URIRef  # comments
    confidence: URIRef  # confidence
    credibility: URIRef  # information credibility
    direction: URIRef  # direction
    document: URIRef  # local document
    earliest: URIRef  # earliest day
    effectiveFrom: URIRef  # effective from
    effectiveUntil: URIRef  # effective until
    end: URIRef  # end
    endedBy: URIRef  # ended by
    eventKind: URIRef  # event kind
    explanation: URIRef  # explanation
    file: URIRef  # file
    flow: URIRef  # flow
    gradeBasis: URIRef  # grade basis
    high: URIRef  # high
    iso2: URIRef  # ISO alpha-2 code
    key: URIRef  # key
    latest: URIRef  # latest day
    limit: URIRef  # limit
    line: URIRef  # line
    locator: URIRef  # locator
    low: URIRef  # low
    matched: URIRef  # matched
    number: URIRef  # number
    numeric: URIRef  # ISO numeric code
    obligated: URIRef  # obligated
    onlyAs: URIRef  # only as
    orderYear: URIRef  # order year
    orderYearUncertain: URIRef  # order year uncertain
    paragraph: URIRef  # paragraph
    paragraphStatus: URIRef  # paragraph status
    personnel: URIRef  # personnel
    port: URIRef  # port
    qualifier: URIRef  # qualifier
    quote: URIRef  # quote
    quoteKind: URIRef  # quote kind
    reach: URIRef  # reach
    register: URIRef  # register
    relatedCategory: URIRef  # related category
    reliability: URIRef  # source reliability
    reported: URIRef  # reported
    role: URIRef  # role
    rule: URIRef  # rule
    since: URIRef  # since
    sourceKind: URIRef  # source kind
    start: URIRef  # start
    startedBy: URIRef  # started by
    subject: URIRef  # subject
    summary: URIRef  # summary
    supplyStatus: URIRef  # supply status
    symbol: URIRef  # symbol
    text: URIRef  # text
    tivDelivered: URIRef  # TIV delivered
    tivPerUnit: URIRef  # TIV per unit
    tivTotalOrder: URIRef  # TIV of the total order
    transport: URIRef  # transport mode
    unMemberSince: URIRef  # UN member since
    uncertain: URIRef  # uncertain
    uncheckedCondition: URIRef  # unchecked condition
    unit: URIRef  # unit
    until: URIRef  # until
    url: URIRef  # URL
    validFrom: URIRef  # valid from
    validUntil: URIRef  # valid until
    validityBasis: URIRef  # validity basis
    value: URIRef  # value
    verificationStatus: URIRef  # verification status
    vessel: URIRef  # vessel
    vote: URIRef  # vote
    window: URIRef  # window
    year: URIRef  # year


class AGT:
    """The same terms as pyoxigraph ``NamedNode``s (what the builder and readers use)."""

    # classes
    Actor = NamedNode(VOCAB + "Actor")
    ArmedGroup = NamedNode(VOCAB + "ArmedGroup")
    Assistance = NamedNode(VOCAB + "Assistance")
    AssistanceStatement = NamedNode(VOCAB + "AssistanceStatement")
    Breach = NamedNode(VOCAB + "Breach")
    BreachStatement = NamedNode(VOCAB + "BreachStatement")
    Cap = NamedNode(VOCAB + "Cap")
    Claim = NamedNode(VOCAB + "Claim")
    Delivery = NamedNode(VOCAB + "Delivery")
    Deployment = NamedNode(VOCAB + "Deployment")
    DeploymentStatement = NamedNode(VOCAB + "DeploymentStatement")
    HistoricalState = NamedNode(VOCAB + "HistoricalState")
    InForcePeriod = NamedNode(VOCAB + "InForcePeriod")
    Inference = NamedNode(VOCAB + "Inference")
    InternationalOrganisation = NamedNode(VOCAB + "InternationalOrganisation")
    ItemLine = NamedNode(VOCAB + "ItemLine")
    Period = NamedNode(VOCAB + "Period")
    Provision = NamedNode(VOCAB + "Provision")
    ProvisionScope = NamedNode(VOCAB + "ProvisionScope")
    Quantity = NamedNode(VOCAB + "Quantity")
    RegisterRecord = NamedNode(VOCAB + "RegisterRecord")
    Resolution = NamedNode(VOCAB + "Resolution")
    ScopeException = NamedNode(VOCAB + "ScopeException")
    Shipment = NamedNode(VOCAB + "Shipment")
    ShipmentStatement = NamedNode(VOCAB + "ShipmentStatement")
    Source = NamedNode(VOCAB + "Source")
    State = NamedNode(VOCAB + "State")
    Statement = NamedNode(VOCAB + "Statement")
    Transfer = NamedNode(VOCAB + "Transfer")
    UnknownActor = NamedNode(VOCAB + "UnknownActor")
    WeaponSystem = NamedNode(VOCAB + "WeaponSystem")

    # object properties
    aliasList = NamedNode(VOCAB + "aliasList")
    assistanceKindList = NamedNode(VOCAB + "assistanceKindList")
    basedIn = NamedNode(VOCAB + "basedIn")
    cap = NamedNode(VOCAB + "cap")
    categoryList = NamedNode(VOCAB + "categoryList")
    citationList = NamedNode(VOCAB + "citationList")
    closedBy = NamedNode(VOCAB + "closedBy")
    delivered = NamedNode(VOCAB + "delivered")
    delivery = NamedNode(VOCAB + "delivery")
    deliveryList = NamedNode(VOCAB + "deliveryList")
    directionList = NamedNode(VOCAB + "directionList")
    event = NamedNode(VOCAB + "event")
    eventKindList = NamedNode(VOCAB + "eventKindList")
    eventList = NamedNode(VOCAB + "eventList")
    exception = NamedNode(VOCAB + "exception")
    exceptionList = NamedNode(VOCAB + "exceptionList")
    flowList = NamedNode(VOCAB + "flowList")
    inForce = NamedNode(VOCAB + "inForce")
    inForceList = NamedNode(VOCAB + "inForceList")
    item = NamedNode(VOCAB + "item")
    itemList = NamedNode(VOCAB + "itemList")
    obligatedList = NamedNode(VOCAB + "obligatedList")
    ordered = NamedNode(VOCAB + "ordered")
    party = NamedNode(VOCAB + "party")
    partyList = NamedNode(VOCAB + "partyList")
    period = NamedNode(VOCAB + "period")
    personnelList = NamedNode(VOCAB + "personnelList")
    portList = NamedNode(VOCAB + "portList")
    provision = NamedNode(VOCAB + "provision")
    provisionList = NamedNode(VOCAB + "provisionList")
    quantity = NamedNode(VOCAB + "quantity")
    recipient = NamedNode(VOCAB + "recipient")
    record = NamedNode(VOCAB + "record")
    relatedWeapon = NamedNode(VOCAB + "relatedWeapon")
    reportsOn = NamedNode(VOCAB + "reportsOn")
    resolution = NamedNode(VOCAB + "resolution")
    resolutionList = NamedNode(VOCAB + "resolutionList")
    restsOn = NamedNode(VOCAB + "restsOn")
    restsOnList = NamedNode(VOCAB + "restsOnList")
    scope = NamedNode(VOCAB + "scope")
    state = NamedNode(VOCAB + "state")
    stateList = NamedNode(VOCAB + "stateList")
    statement = NamedNode(VOCAB + "statement")
    supplier = NamedNode(VOCAB + "supplier")
    supportedBy = NamedNode(VOCAB + "supportedBy")
    supportedByList = NamedNode(VOCAB + "supportedByList")
    target = NamedNode(VOCAB + "target")
    targetList = NamedNode(VOCAB + "targetList")
    transportList = NamedNode(VOCAB + "transportList")
    uncheckedConditionList = NamedNode(VOCAB + "uncheckedConditionList")
    vesselList = NamedNode(VOCAB + "vesselList")
    weapon = NamedNode(VOCAB + "weapon")

    # datatype properties
    adopted = NamedNode(VOCAB + "adopted")
    adoptedStatus = NamedNode(VOCAB + "adoptedStatus")
    aggregate = NamedNode(VOCAB + "aggregate")
    assistanceKind = NamedNode(VOCAB + "assistanceKind")
    basis = NamedNode(VOCAB + "basis")
    capital = NamedNode(VOCAB + "capital")
    category = NamedNode(VOCAB + "category")
    categoryBasis = NamedNode(VOCAB + "categoryBasis")
    cells = NamedNode(VOCAB + "cells")
    chapterVII = NamedNode(VOCAB + "chapterVII")
    citation = NamedNode(VOCAB + "citation")
    comments = NamedNode(VOCAB + "comments")
    confidence = NamedNode(VOCAB + "confidence")
    credibility = NamedNode(VOCAB + "credibility")
    direction = NamedNode(VOCAB + "direction")
    document = NamedNode(VOCAB + "document")
    earliest = NamedNode(VOCAB + "earliest")
    effectiveFrom = NamedNode(VOCAB + "effectiveFrom")
    effectiveUntil = NamedNode(VOCAB + "effectiveUntil")
    end = NamedNode(VOCAB + "end")
    endedBy = NamedNode(VOCAB + "endedBy")
    eventKind = NamedNode(VOCAB + "eventKind")
    explanation = NamedNode(VOCAB + "explanation")
    file = NamedNode(VOCAB + "file")
    flow = NamedNode(VOCAB + "flow")
    gradeBasis = NamedNode(VOCAB + "gradeBasis")
    high = NamedNode(VOCAB + "high")
    iso2 = NamedNode(VOCAB + "iso2")
    key = NamedNode(VOCAB + "key")
    latest = NamedNode(VOCAB + "latest")
    limit = NamedNode(VOCAB + "limit")
    line = NamedNode(VOCAB + "line")
    locator = NamedNode(VOCAB + "locator")
    low = NamedNode(VOCAB + "low")
    matched = NamedNode(VOCAB + "matched")
    number = NamedNode(VOCAB + "number")
    numeric = NamedNode(VOCAB + "numeric")
    obligated = NamedNode(VOCAB + "obligated")
    onlyAs = NamedNode(VOCAB + "onlyAs")
    orderYear = NamedNode(VOCAB + "orderYear")
    orderYearUncertain = NamedNode(VOCAB + "orderYearUncertain")
    paragraph = NamedNode(VOCAB + "paragraph")
    paragraphStatus = NamedNode(VOCAB + "paragraphStatus")
    personnel = NamedNode(VOCAB + "personnel")
    port = NamedNode(VOCAB + "port")
    qualifier = NamedNode(VOCAB + "qualifier")
    quote = NamedNode(VOCAB + "quote")
    quoteKind = NamedNode(VOCAB + "quoteKind")
    reach = NamedNode(VOCAB + "reach")
    register = NamedNode(VOCAB + "register")
    relatedCategory = NamedNode(VOCAB + "relatedCategory")
    reliability = NamedNode(VOCAB + "reliability")
    reported = NamedNode(VOCAB + "reported")
    role = NamedNode(VOCAB + "role")
    rule = NamedNode(VOCAB + "rule")
    since = NamedNode(VOCAB + "since")
    sourceKind = NamedNode(VOCAB + "sourceKind")
    start = NamedNode(VOCAB + "start")
    startedBy = NamedNode(VOCAB + "startedBy")
    subject = NamedNode(VOCAB + "subject")
    summary = NamedNode(VOCAB + "summary")
    supplyStatus = NamedNode(VOCAB + "supplyStatus")
    symbol = NamedNode(VOCAB + "symbol")
    text = NamedNode(VOCAB + "text")
    tivDelivered = NamedNode(VOCAB + "tivDelivered")
    tivPerUnit = NamedNode(VOCAB + "tivPerUnit")
    tivTotalOrder = NamedNode(VOCAB + "tivTotalOrder")
    transport = NamedNode(VOCAB + "transport")
    unMemberSince = NamedNode(VOCAB + "unMemberSince")
    uncertain = NamedNode(VOCAB + "uncertain")
    uncheckedCondition = NamedNode(VOCAB + "uncheckedCondition")
    unit = NamedNode(VOCAB + "unit")
    until = NamedNode(VOCAB + "until")
    url = NamedNode(VOCAB + "url")
    validFrom = NamedNode(VOCAB + "validFrom")
    validUntil = NamedNode(VOCAB + "validUntil")
    validityBasis = NamedNode(VOCAB + "validityBasis")
    value = NamedNode(VOCAB + "value")
    verificationStatus = NamedNode(VOCAB + "verificationStatus")
    vessel = NamedNode(VOCAB + "vessel")
    vote = NamedNode(VOCAB + "vote")
    window = NamedNode(VOCAB + "window")
    year = NamedNode(VOCAB + "year")
