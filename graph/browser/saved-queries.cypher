// armsgraph: saved queries for Neo4j Browser.
// Each block below is one favourite: its first line (a // comment) is its name and it
// ends with a semicolon. Paste a block into the editor and star it, or drag this file
// onto the Favorites pane. The graph shape is documented in graph/neo4j_store.py.
// States are ISO 3166-1 alpha-3 ids: 'PRK' is the DPRK, 'RUS' is Russia.

// DPRK -> Russia: what flowed, which provisions it breached, with sources and quotes
MATCH (supplier:State {id: 'PRK'})-[:SENT]->(e:Transfer)-[:TO]->(recipient:State {id: 'RUS'})
MATCH (c:Claim)-[:SUPPORTS]->(e)
OPTIONAL MATCH (c)-[:CITES]->(s:Source)
OPTIONAL MATCH (e)-[item:CARRIED]->(w:WeaponSystem)
OPTIONAL MATCH (b:Breach)-[:CONCERNS]->(e)
OPTIONAL MATCH (b)-[:BREACHES]->(p:Provision)
RETURN e AS event,
       e.kind AS kind,
       e.caption AS what,
       collect(DISTINCT w.name + coalesce(' (' + item.text + ')', '')) AS items,
       collect(DISTINCT p.id) AS provisions_breached,
       collect(DISTINCT {source: s.title, url: s.url, locator: c.locator,
                         quote: c.quote, confidence: c.confidence}) AS sources,
       collect(DISTINCT s) AS source_nodes,
       collect(DISTINCT p) AS provision_nodes
ORDER BY e.period_earliest, e.id;

// Russia -> DPRK: the reverse direction, with sources and quotes
MATCH (supplier:State {id: 'RUS'})-[:SENT]->(e:Transfer)-[:TO]->(recipient:State {id: 'PRK'})
MATCH (c:Claim)-[:SUPPORTS]->(e)
OPTIONAL MATCH (c)-[:CITES]->(s:Source)
OPTIONAL MATCH (e)-[:CARRIED|CONCERNS]->(w:WeaponSystem)
OPTIONAL MATCH (b:Breach)-[:CONCERNS]->(e)
OPTIONAL MATCH (b)-[:BREACHES]->(p:Provision)
RETURN e AS event,
       e.kind AS kind,
       e.caption AS what,
       collect(DISTINCT w.name) AS weapon_systems,
       collect(DISTINCT p.id) AS provisions_breached,
       collect(DISTINCT {source: s.title, url: s.url, locator: c.locator,
                         quote: c.quote, confidence: c.confidence}) AS sources
ORDER BY e.period_earliest, e.id;

// All claims behind one shipment (the best-attested one; put an id in to choose)
MATCH (e:Shipment)
WITH e ORDER BY COUNT { (:Claim)-[:SUPPORTS]->(e) } DESC, e.id LIMIT 1
// WITH e WHERE e.id = 'shp-...'   <- or pick one by id instead of the two lines above
MATCH path = (s:Source)<-[:CITES]-(c:Claim)-[:SUPPORTS]->(e)
RETURN path, e.caption AS shipment, c.quote AS quote, c.locator AS locator,
       c.confidence AS confidence, s.title AS source, s.url AS url
ORDER BY c.reported, c.id;

// Conflicting claims about the same flow: same flow, different quantities
MATCH (e:Transfer) WHERE e.flow IS NOT NULL
OPTIONAL MATCH (e)-[q:CARRIED]->(w:WeaponSystem)
WITH e, q, w ORDER BY q.position
WITH e, collect([w.id, q.qualifier, q.value, q.low, q.high, q.unit])
        + [[e.quantity_qualifier, e.quantity_value, e.quantity_low, e.quantity_high,
            e.quantity_unit]] AS amounts
WITH e.flow AS flow, collect(DISTINCT amounts) AS versions, collect(e) AS events
WHERE size(versions) > 1
UNWIND events AS e
MATCH (c:Claim)-[:SUPPORTS]->(e)
OPTIONAL MATCH (c)-[:CITES]->(s:Source)
OPTIONAL MATCH (e)-[q:CARRIED]->(w:WeaponSystem)
WITH flow, e, c, s,
     collect(w.name + ': ' + coalesce(q.text,
                                      q.qualifier + ' ' + toString(q.value) + ' ' + q.unit,
                                      'between ' + toString(q.low) + ' and '
                                        + toString(q.high) + ' ' + q.unit,
                                      'no figure')) AS items
RETURN flow, e.id AS event, e.kind AS kind, items,
       coalesce(e.quantity_text,
                e.quantity_qualifier + ' ' + toString(e.quantity_value) + ' '
                  + e.quantity_unit) AS personnel,
       c.quote AS quote, c.asserted_by AS asserted_by, c.confidence AS confidence,
       s.title AS source
ORDER BY flow, event, source;

// Who supplied whom: the SUPPLIED_TO view (one edge per pair, lists its events)
MATCH view = (:State)-[r:SUPPLIED_TO]->(:State)
RETURN view ORDER BY r.count DESC;

// Breaches and what they rest on: provision, states, events, claims, sources
MATCH (b:Breach)-[:RESTS_ON]->(c:Claim)-[:CITES]->(s:Source)
OPTIONAL MATCH (b)-[:BREACHES]->(p:Provision)-[:OF_RESOLUTION]->(r:Resolution)
OPTIONAL MATCH (b)-[:BY]->(st:State)
RETURN b.basis AS basis, b.rule AS rule, r.symbol AS resolution, p.paragraph AS paragraph,
       collect(DISTINCT st.name) AS states, b.explanation AS explanation,
       collect(DISTINCT s.title) AS sources, collect(DISTINCT c.quote) AS quotes
ORDER BY resolution, paragraph, basis;

// Chains of up to three transfers ending in the DPRK (no state visited twice)
MATCH chain = (src:State)
      ((:State)-[:SENT]->(:Transfer)-[:TO]->(hop:State)){1,3}
      (:State {id: 'PRK'})
WHERE NOT src IN hop
  AND all(i IN range(0, size(hop) - 2) WHERE NOT hop[i] IN hop[i + 1..])
RETURN chain LIMIT 50;

// Find a state or weapon system by any of its names (full-text)
CALL db.index.fulltext.queryNodes('names', 'korea~') YIELD node, score
RETURN labels(node) AS kind, node.id AS id, node.name AS name, coalesce(node.aliases, []) AS aliases, score
ORDER BY score DESC LIMIT 10;
