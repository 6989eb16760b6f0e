"""The vocabulary as pyoxigraph terms, built once (what the builder and readers use).

``AGT.<term>`` is ``NamedNode(AG.<term>)``; both are closed, and a test checks that
they list the same terms.
"""

from __future__ import annotations

from pyoxigraph import NamedNode

from armsgraph.ontology.namespace import AG, VOCAB

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


class AGT:
    """pyoxigraph terms of the ag: vocabulary."""

    State = NamedNode(AG.State)
    WeaponSystem = NamedNode(AG.WeaponSystem)
    Resolution = NamedNode(AG.Resolution)
    Provision = NamedNode(AG.Provision)
    ProvisionScope = NamedNode(AG.ProvisionScope)
    ScopeException = NamedNode(AG.ScopeException)
    Cap = NamedNode(AG.Cap)
    Source = NamedNode(AG.Source)
    Claim = NamedNode(AG.Claim)
    Statement = NamedNode(AG.Statement)
    ShipmentStatement = NamedNode(AG.ShipmentStatement)
    DeploymentStatement = NamedNode(AG.DeploymentStatement)
    AssistanceStatement = NamedNode(AG.AssistanceStatement)
    BreachStatement = NamedNode(AG.BreachStatement)
    Transfer = NamedNode(AG.Transfer)
    Shipment = NamedNode(AG.Shipment)
    Deployment = NamedNode(AG.Deployment)
    Assistance = NamedNode(AG.Assistance)
    ItemLine = NamedNode(AG.ItemLine)
    Quantity = NamedNode(AG.Quantity)
    Period = NamedNode(AG.Period)
    Breach = NamedNode(AG.Breach)
    Inference = NamedNode(AG.Inference)
    iso2 = NamedNode(AG.iso2)
    numeric = NamedNode(AG.numeric)
    capital = NamedNode(AG.capital)
    aliasList = NamedNode(AG.aliasList)
    citation = NamedNode(AG.citation)
    citationList = NamedNode(AG.citationList)
    category = NamedNode(AG.category)
    categoryList = NamedNode(AG.categoryList)
    categoryBasis = NamedNode(AG.categoryBasis)
    symbol = NamedNode(AG.symbol)
    adopted = NamedNode(AG.adopted)
    adoptedStatus = NamedNode(AG.adoptedStatus)
    chapterVII = NamedNode(AG.chapterVII)
    vote = NamedNode(AG.vote)
    summary = NamedNode(AG.summary)
    resolution = NamedNode(AG.resolution)
    resolutionList = NamedNode(AG.resolutionList)
    paragraph = NamedNode(AG.paragraph)
    paragraphStatus = NamedNode(AG.paragraphStatus)
    scope = NamedNode(AG.scope)
    target = NamedNode(AG.target)
    direction = NamedNode(AG.direction)
    directionList = NamedNode(AG.directionList)
    eventKind = NamedNode(AG.eventKind)
    eventKindList = NamedNode(AG.eventKindList)
    assistanceKind = NamedNode(AG.assistanceKind)
    assistanceKindList = NamedNode(AG.assistanceKindList)
    personnel = NamedNode(AG.personnel)
    personnelList = NamedNode(AG.personnelList)
    effectiveFrom = NamedNode(AG.effectiveFrom)
    effectiveUntil = NamedNode(AG.effectiveUntil)
    exception = NamedNode(AG.exception)
    exceptionList = NamedNode(AG.exceptionList)
    until = NamedNode(AG.until)
    closedBy = NamedNode(AG.closedBy)
    cap = NamedNode(AG.cap)
    limit = NamedNode(AG.limit)
    unit = NamedNode(AG.unit)
    window = NamedNode(AG.window)
    aggregate = NamedNode(AG.aggregate)
    obligated = NamedNode(AG.obligated)
    obligatedList = NamedNode(AG.obligatedList)
    sourceKind = NamedNode(AG.sourceKind)
    url = NamedNode(AG.url)
    document = NamedNode(AG.document)
    reportsOn = NamedNode(AG.reportsOn)
    key = NamedNode(AG.key)
    locator = NamedNode(AG.locator)
    quote = NamedNode(AG.quote)
    quoteKind = NamedNode(AG.quoteKind)
    confidence = NamedNode(AG.confidence)
    reported = NamedNode(AG.reported)
    statement = NamedNode(AG.statement)
    supplier = NamedNode(AG.supplier)
    recipient = NamedNode(AG.recipient)
    item = NamedNode(AG.item)
    itemList = NamedNode(AG.itemList)
    weapon = NamedNode(AG.weapon)
    quantity = NamedNode(AG.quantity)
    period = NamedNode(AG.period)
    transport = NamedNode(AG.transport)
    transportList = NamedNode(AG.transportList)
    port = NamedNode(AG.port)
    portList = NamedNode(AG.portList)
    vessel = NamedNode(AG.vessel)
    vesselList = NamedNode(AG.vesselList)
    flow = NamedNode(AG.flow)
    flowList = NamedNode(AG.flowList)
    role = NamedNode(AG.role)
    subject = NamedNode(AG.subject)
    relatedWeapon = NamedNode(AG.relatedWeapon)
    relatedCategory = NamedNode(AG.relatedCategory)
    supportedBy = NamedNode(AG.supportedBy)
    supportedByList = NamedNode(AG.supportedByList)
    value = NamedNode(AG.value)
    low = NamedNode(AG.low)
    high = NamedNode(AG.high)
    qualifier = NamedNode(AG.qualifier)
    text = NamedNode(AG.text)
    start = NamedNode(AG.start)
    end = NamedNode(AG.end)
    earliest = NamedNode(AG.earliest)
    latest = NamedNode(AG.latest)
    state = NamedNode(AG.state)
    stateList = NamedNode(AG.stateList)
    provision = NamedNode(AG.provision)
    provisionList = NamedNode(AG.provisionList)
    event = NamedNode(AG.event)
    eventList = NamedNode(AG.eventList)
    restsOn = NamedNode(AG.restsOn)
    restsOnList = NamedNode(AG.restsOnList)
    basis = NamedNode(AG.basis)
    explanation = NamedNode(AG.explanation)
    matched = NamedNode(AG.matched)
    rule = NamedNode(AG.rule)
