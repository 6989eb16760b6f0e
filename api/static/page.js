// The investigator's page: network, evidence, path, conflicts, timeline and breach views.
// Everything comes from this server's API; the only library is the vendored Cytoscape.js.
"use strict";

const $ = sel => document.querySelector(sel);
const esc = s => String(s ?? "").replace(/[&<>"']/g, c => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c]));
const state = {labels: {}, names: {}, evidence: null, pair: null, paths: null, cy: null};

async function api(path, params = {}) {
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== "" && v != null));
  const res = await fetch(`${path}?${query}`);
  const body = await res.json();
  if (!res.ok) throw new Error(body.detail || body.title || res.statusText);
  return body;
}

const label = (vocabulary, value) => (state.labels[vocabulary] || {})[value] || value;
const stateName = (answer, id) => (answer.states[id] || {}).name || state.names[id] || id;
const form = () => new FormData($("#ask"));
function filters() {
  const f = form();
  return {since: f.get("since"), until: f.get("until"), category: f.get("category"), kind: f.get("kind"), min_reliability: f.get("min_reliability"), min_credibility: f.get("min_credibility")};
}

// --- dates at the precision the source gave ------------------------------------------------

function bounds(partial) {  // "2023" -> [2023-01-01, 2023-12-31]; "2023-09" -> the month
  if (!partial) return [null, null];
  const [y, m, d] = partial.split("-").map(Number);
  if (d) return [new Date(Date.UTC(y, m - 1, d)), new Date(Date.UTC(y, m - 1, d))];
  if (m) return [new Date(Date.UTC(y, m - 1, 1)), new Date(Date.UTC(y, m, 0))];
  return [new Date(Date.UTC(y, 0, 1)), new Date(Date.UTC(y, 11, 31))];
}
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
function partialText(p) {
  const [y, m, d] = p.split("-");
  return d ? `${Number(d)} ${MONTHS[m - 1]} ${y}` : m ? `${MONTHS[m - 1]} ${y}` : y;
}
function periodText(p) {
  if (!p) return "date not given";
  if (p.text) return p.text;
  if (p.start && p.end) return p.start === p.end ? partialText(p.start) : `${partialText(p.start)} to ${partialText(p.end)}`;
  return p.start ? `since ${partialText(p.start)}` : `until ${partialText(p.end)}`;
}

// --- what moved -------------------------------------------------------------------------------

function amount(q) {
  if (!q) return "";
  if (q.text) return q.text;
  const n = v => Number(v).toLocaleString("en");
  if (q.qualifier === "between") return `between ${n(q.low)} and ${n(q.high)} ${q.unit}`;
  return `${q.qualifier === "exactly" ? "" : q.qualifier + " "}${n(q.value)} ${q.unit}`;
}
function what(h) {
  if (h.items.length) return h.items.map(i => `${esc(i.name)}${i.quantity_text ? ` (${esc(amount(i.quantity))})` : ""}`).join("; ");
  if (h.personnel) return `${esc(label("PersonnelKind", h.personnel))}${h.personnel_quantity ? ` (${esc(amount(h.personnel_quantity))})` : ""}`;
  return `${esc(label("AssistanceKind", h.assistance))}: ${esc(h.subject)}`;
}
function figure(h) {
  const q = h.items.find(i => i.quantity)?.quantity || h.personnel_quantity;
  return q ? amount(q) : "no figure given";
}

// --- evidence -------------------------------------------------------------------------------

function sourceLink(answer, id) {
  const s = answer.sources[id];
  if (!s) return esc(id);
  const title = s.url ? `<a href="${esc(s.url)}" rel="noreferrer">${esc(s.title)}</a>` : esc(s.title);
  return `${title} <span class="muted">(${esc(s.publisher)}, ${esc(s.date)}, ${esc(label("SourceKind", s.kind))})</span>`;
}
function chain(answer, id) {  // article -> report
  const parts = [];
  let s = answer.sources[id];
  for (let i = 0; s && s.reports_on && i < 10; i++) {
    parts.push(`reports on ${sourceLink(answer, s.reports_on)}`);
    s = answer.sources[s.reports_on];
  }
  return parts.length ? `<div class="chain">&#8627; ${parts.join(" &#8627; ")}</div>` : "";
}
function grade(c) {  // Admiralty code, e.g. "B2", with its words and basis on hover
  if (!c.reliability && !c.credibility) return "";
  const words = [c.reliability && label("Reliability", c.reliability), c.credibility && label("Credibility", c.credibility)].filter(Boolean).join("; ");
  const code = c.reliability && c.credibility ? `${c.reliability}${c.credibility}` : c.reliability ? `reliability ${c.reliability}` : `credibility ${c.credibility}`;
  return ` &middot; <abbr class="grade" title="${esc(`${words}. ${c.grade_basis}`)}">graded ${esc(code)}</abbr>`;
}
function claim(answer, id) {
  const c = answer.claims[id];
  return `<div class="claim" data-claim="${esc(id)}"><q>${esc(c.quote)}</q>
    <div class="muted">${esc(c.asserted_by)} &middot; ${esc(label("Confidence", c.confidence))}${grade(c)} &middot;
    ${esc(label("QuoteKind", c.quote_kind))}${c.locator ? ` &middot; ${esc(c.locator)}` : ""} &middot; reported ${esc(partialText(c.reported))}
    &middot; <a href="/claims/${esc(id)}">provenance</a></div>
    <div class="source">Source: ${sourceLink(answer, c.source)}</div>${chain(answer, c.source)}</div>`;
}
function breach(answer, id) {
  const b = answer.breaches[id];
  const provision = b.resolution ? `${esc(b.resolution)} ${esc(b.provision || "")}` : "UN Security Council resolutions (no paragraph named)";
  return `<div class="breach ${esc(b.basis)}" data-breach="${esc(id)}"><strong>Breach of ${provision}</strong>
    <span class="muted">${esc(label("BreachBasis", b.basis))}${b.paragraph_status === "unverified" ? "; paragraph number not verified" : ""} &middot; <span class="authorities">${corroboration(b)}</span></span>
    <div>${esc(b.explanation)}</div></div>`;
}
// How many independent authorities state a transfer or a breach (outlets repeating one
// report count once: core.grading.independent_authorities), and which names.
// An inferred breach is the reasoner's: the authorities are those of the claims it rests on.
function corroboration(x, by = x.basis === "inferred" ? "on claims by" : "stated by") {
  const n = x.independent_authorities, names = x.authorities.map(esc).join(", ");
  const repeats = x.authorities.length > n ? ` (${x.authorities.length} names, some repeating one report: ${names})` : `: ${names}`;
  return n > 1 ? `${by} ${n} independent authorities${repeats}` : `${by} ${n === 1 && x.authorities.length > 1 ? `one independent authority${repeats}` : `${esc(x.authorities[0] || "one source")} only`}`;
}
function transfer(answer, h) {
  return `<div class="transfer" data-event="${esc(h.event_id)}">
    <h3><span class="kind">${esc(label("EventKind", h.kind))}</span>${esc(stateName(answer, h.supplier))} &rarr; ${esc(stateName(answer, h.recipient))}: ${what(h)}</h3>
    <div class="muted">${esc(periodText(h.period))}${h.transport.length ? " &middot; " + h.transport.map(t => esc(label("TransportMode", t))).join(", ") : ""}
    ${h.items.length ? " &middot; " + [...new Set(h.items.map(i => i.category_label))].map(esc).join("; ") : ""} &middot; ${corroboration(h)}</div>
    ${h.breaches.map(b => breach(answer, b)).join("")}
    ${h.claims.map(c => claim(answer, c)).join("")}</div>`;
}

const EVIDENCE_LIMIT = 50;
async function showPair(supplier, recipient) {
  performance.mark("edge-clicked");
  const panel = $("#evidence");
  panel.innerHTML = `<p class="muted">Loading the evidence&hellip;</p>`;
  try {
    const answer = await api("/transfers", {supplier, recipient, ...filters(), limit: EVIDENCE_LIMIT});
    const edge = state.cy && state.cy.getElementById(`${supplier}->${recipient}`);
    const total = edge && edge.nonempty() ? edge.data("events") : answer.count;
    const title = `${esc(stateName(answer, supplier))} &rarr; ${esc(stateName(answer, recipient))}`;
    panel.innerHTML = `<h2>Evidence: ${title}</h2><p class="muted">${answer.count < total ? `The first ${answer.count} of ${Number(total).toLocaleString("en")} transfers` : `${answer.count} transfer(s)`}; each with its breaches and the claims behind it.</p>`
      + answer.transfers.map(h => transfer(answer, h)).join("");
    state.evidence = answer; state.pair = [supplier, recipient];
    performance.mark("evidence-shown");
    renderConflicts(); renderTimeline();
  } catch (err) { panel.innerHTML = `<p class="error">${esc(err.message)}</p>`; }
}

// --- network ----------------------------------------------------------------------------------

const COLOURS = {inferred: "#c62828", asserted: "#ef6c00", none: "#8a94a6"};
async function drawNetwork() {
  const answer = await api("/network", {...filters(), limit: 150});
  Object.values(answer.states).forEach(s => { state.names[s.id] = s.name; });
  const max = Math.max(1, ...answer.flows.map(f => f.events));
  const elements = Object.values(answer.states).map(s => ({data: {id: s.id, label: s.name}}))
    .concat(answer.flows.map(f => ({data: {
      id: `${f.supplier}->${f.recipient}`, source: f.supplier, target: f.recipient, events: f.events,
      width: 1.5 + 7 * Math.log1p(f.events) / Math.log1p(max), label: String(f.events),
      colour: COLOURS[f.inferred ? "inferred" : f.asserted ? "asserted" : "none"]}})));
  if (state.cy) state.cy.destroy();
  state.cy = cytoscape({
    container: $("#cy"), elements, wheelSensitivity: 0.3, maxZoom: 1.5,
    layout: Object.keys(answer.states).length <= 6 ? {name: "circle", radius: 170, startAngle: Math.PI, fit: false} : elements.length < 120 ? {name: "cose", animate: false, randomize: false, nodeRepulsion: 9000, idealEdgeLength: 140, padding: 40} : {name: "concentric", concentric: n => n.degree(), levelWidth: () => 2, padding: 20},
    style: [
      {selector: "node", style: {"label": "data(label)", "text-wrap": "wrap", "text-max-width": 130, "font-size": 13, "background-color": "#2d3a52", "color": "#1d2430", "text-valign": "bottom", "text-margin-y": 4, "width": 16, "height": 16}},
      {selector: "edge", style: {"width": "data(width)", "line-color": "data(colour)", "target-arrow-color": "data(colour)", "target-arrow-shape": "triangle", "curve-style": "bezier", "label": "data(label)", "font-size": 12, "text-background-color": "#fff", "text-background-opacity": 0.85, "text-background-padding": 2}},
      {selector: "edge:selected", style: {"overlay-color": "#2458c6", "overlay-opacity": 0.25}},
      {selector: ".dim", style: {"opacity": 0.2}},
      {selector: "edge.onpath", style: {"line-style": "solid", "overlay-color": "#2458c6", "overlay-opacity": 0.18, "overlay-padding": 4}},
    ],
  });
  if (state.cy.nodes().length <= 6) { state.cy.zoom(1.1); state.cy.center(); }
  state.cy.on("tap", "edge", ev => showPair(ev.target.source().id(), ev.target.target().id()));
  $("#network-note").innerHTML = `${answer.flows.length} of ${answer.total_pairs} supplier&rarr;recipient pair(s), busiest first`
    + (answer.more ? ` <strong>and ${answer.more.toLocaleString("en")} more</strong> (narrow the filters to see them)` : "")
    + `. ${edgeList(answer)}`;
  document.querySelectorAll("#edge-list button").forEach(b => b.addEventListener("click", () => showPair(b.dataset.s, b.dataset.r)));
  if (state.paths) highlightPaths(state.paths);
  performance.mark("network-drawn");
  document.body.dataset.ready = "network";
}
function edgeList(answer) {
  const top = answer.flows.slice(0, 8).map(f => `<button type="button" data-s="${esc(f.supplier)}" data-r="${esc(f.recipient)}">${esc(answer.states[f.supplier]?.name || f.supplier)} &rarr; ${esc(answer.states[f.recipient]?.name || f.recipient)} (${f.events})</button>`);
  return `<span id="edge-list">Busiest: ${top.join(" ")}</span>`;
}

// --- path -------------------------------------------------------------------------------------

async function ask(ev) {
  ev && ev.preventDefault();
  const f = form(), view = $("#view-path");
  delete view.dataset.answer;
  try {
    const answer = await api("/paths", {from: f.get("from"), to: f.get("to"), max_hops: f.get("max_hops"), since: f.get("since"), until: f.get("until"), category: f.get("category"), min_reliability: f.get("min_reliability"), min_credibility: f.get("min_credibility")});
    state.paths = answer;
    highlightPaths(answer);
    const order = {shipment: 0, assistance: 1, deployment: 2};
    const paths = [...answer.paths].sort((a, b) => a.hops.length - b.hops.length || order[a.hops[0].kind] - order[b.hops[0].kind]);
    view.innerHTML = `<h2>${answer.count} path(s) from ${esc(stateName(answer, answer.from))} to ${esc(stateName(answer, answer.to))}</h2>
      <p class="muted">Hop by hop; click a hop for its evidence. The network view highlights the hops.</p>`
      + paths.map((p, i) => `<div class="path"><strong>Path ${i + 1}</strong> (${p.hops.length} hop${p.hops.length > 1 ? "s" : ""})<ol>`
        + p.hops.map(h => `<li class="hop" data-event="${esc(h.event_id)}">${esc(stateName(answer, h.supplier))} &rarr; ${esc(stateName(answer, h.recipient))}: ${what(h)} <span class="muted">${esc(periodText(h.period))} &middot; ${h.breaches.length} breach(es) &middot; ${h.claims.length} claim(s)</span></li>`).join("")
        + `</ol></div>`).join("");
    view.querySelectorAll(".hop").forEach(li => li.addEventListener("click", () => {
      const hop = answer.paths.flatMap(p => p.hops).find(h => h.event_id === li.dataset.event);
      $("#evidence").innerHTML = `<h2>Evidence: one hop</h2>` + transfer(answer, hop);
    }));
    view.dataset.answer = `${answer.from}->${answer.to}`;
  } catch (err) { view.innerHTML = `<p class="error">${esc(err.message)}</p>`; view.dataset.answer = "error"; show("path"); }
}
function highlightPaths(answer) {
  const cy = state.cy;
  if (!cy) return;
  cy.elements().removeClass("onpath dim");
  const pairs = new Set(answer.paths.flatMap(p => p.hops.map(h => `${h.supplier}->${h.recipient}`)));
  pairs.forEach(id => {
    const [s, r] = id.split("->");
    [s, r].forEach(n => { if (cy.getElementById(n).empty()) cy.add({data: {id: n, label: stateName(answer, n)}}); });
    if (cy.getElementById(id).empty()) cy.add({data: {id, source: s, target: r, width: 3, label: "", colour: COLOURS.none}});
  });
  if (!pairs.size) return;
  cy.elements().addClass("dim");
  pairs.forEach(id => { const e = cy.getElementById(id); e.removeClass("dim").addClass("onpath"); e.connectedNodes().removeClass("dim"); });
}

// --- conflicts: the competing figures of one flow, side by side --------------------------------

function renderConflicts() {
  const answer = state.evidence, view = $("#view-conflicts");
  if (!answer) { view.innerHTML = `<p class="muted">Select an edge first.</p>`; return; }
  const flows = {};
  answer.transfers.forEach(h => { if (h.flow) (flows[h.flow] = flows[h.flow] || []).push(h); });
  const rows = Object.entries(flows).map(([flow, hops]) => {
    const claims = hops.flatMap(h => h.claims.map(c => ({h, c: answer.claims[c]})))
      .sort((a, b) => a.c.reported.localeCompare(b.c.reported));
    const figures = new Set(hops.map(figure));
    return {flow, hops, claims, figures};
  }).sort((a, b) => b.figures.size - a.figures.size || b.claims.length - a.claims.length);
  view.innerHTML = `<h2>Conflicting figures: ${esc(stateName(answer, state.pair[0]))} &rarr; ${esc(stateName(answer, state.pair[1]))}</h2>
    <p class="muted">For each real-world flow, every figure a source gave, who said it and when. Figures are never merged.</p>`
    + rows.map(({flow, hops, claims, figures}) => `<section class="flow" data-flow="${esc(flow)}">
      <h3>${what({...hops[0], items: hops[0].items.map(i => ({...i, quantity_text: null}))})} <span class="muted">(${figures.size} different figure(s), ${claims.length} claim(s))</span></h3>
      <table><thead><tr><th>Figure</th><th>Who said it</th><th>When</th><th>Period</th><th>Source</th></tr></thead><tbody>`
      + claims.map(({h, c}) => `<tr><td class="figure">${esc(figure(h))}</td><td>${esc(c.asserted_by)}<div class="muted">${esc(label("Confidence", c.confidence))}</div></td>
          <td>${esc(partialText(c.reported))}</td><td>${esc(periodText(h.period))}</td><td>${sourceLink(answer, c.source)}</td></tr>`).join("")
      + `</tbody></table></section>`).join("");
}

// --- timeline: a year is a bar over the year, not a day ----------------------------------------

function renderTimeline() {
  const answer = state.evidence, view = $("#view-timeline");
  if (!answer) { view.innerHTML = `<p class="muted">Select an edge first.</p>`; return; }
  const rows = answer.transfers.map(h => {
    const reported = h.claims.map(c => answer.claims[c].reported).sort();
    const [start] = bounds(h.period?.start), [, end] = bounds(h.period?.end);
    const last = bounds(reported[reported.length - 1])[1];
    return {h, start, end: end || (start ? last : null), open: !!start && !h.period?.end, openStart: !start && !!end, undated: !start && !end, last};
  });
  const dates = rows.flatMap(r => [r.start, r.end, r.last]).filter(Boolean).map(d => d.getTime());
  const lo = new Date(Math.min(...dates)), hi = new Date(Math.max(...dates));
  const y0 = lo.getUTCFullYear(), y1 = hi.getUTCFullYear() + 1;
  rows.forEach(r => { if (r.openStart) r.start = new Date(Date.UTC(y0, 0, 1)); });
  const W = 900, left = 300, rowH = 22, x = d => left + (W - left - 10) * (d - Date.UTC(y0, 0, 1)) / (Date.UTC(y1, 0, 1) - Date.UTC(y0, 0, 1));
  const years = Array.from({length: y1 - y0 + 1}, (_, i) => y0 + i);
  const bars = rows.map((r, i) => {
    const y = 30 + i * rowH, text = `${label("EventKind", r.h.kind)}: ${what(r.h).replace(/<[^>]+>/g, "").replace(/&amp;/g, "&").replace(/&#39;/g, "'")}`;
    const cls = `bar${r.h.breaches.length ? " breach" : ""}`;
    const shape = r.undated
      ? `<circle cx="${x(r.last)}" cy="${y + 7}" r="5" class="${cls}"><title>date not given; reported by ${esc(r.last.toISOString().slice(0, 10))}</title></circle>`
      : `<rect x="${x(r.start)}" y="${y}" width="${Math.max(3, x(r.end) - x(r.start))}" height="14" class="${cls}" opacity="${r.open || r.openStart ? 0.5 : 1}"><title>${esc(periodText(r.h.period))}</title></rect>`;
    return `<text x="4" y="${y + 11}">${esc(text.length > 52 ? text.slice(0, 51) + "…" : text)}<title>${esc(text)}</title></text>${shape}`;
  }).join("");
  const axis = years.map(yr => `<line x1="${x(Date.UTC(yr, 0, 1))}" x2="${x(Date.UTC(yr, 0, 1))}" y1="18" y2="${30 + rows.length * rowH}" stroke="#dde1e8"/><text x="${x(Date.UTC(yr, 0, 1)) + 3}" y="14">${yr}</text>`).join("");
  view.innerHTML = `<h2>Timeline: ${esc(stateName(answer, state.pair[0]))} &rarr; ${esc(stateName(answer, state.pair[1]))}</h2>
    <p class="muted">Each bar spans the period at the precision the source gave (a year spans the year). Faded bars have an open end (ongoing: drawn to the latest report) or an unknown start; dots are undated transfers, at the date they were reported by. Red: a breach concerns it.</p>
    <div class="timeline"><svg viewBox="0 0 ${W} ${40 + rows.length * rowH}" role="img" aria-label="Timeline of transfers">${axis}${bars}</svg></div>`;
}

// --- breaches by resolution and provision ----------------------------------------------------

async function renderBreaches() {
  const view = $("#view-breaches");
  const answer = await api("/breaches", {limit: 1000, min_reliability: form().get("min_reliability"), min_credibility: form().get("min_credibility")});
  const groups = {};
  answer.breaches.forEach(b => {
    const key = b.resolution ? `${b.resolution} ${b.provision || ""}` : "Asserted by sources, no paragraph named";
    (groups[key] = groups[key] || []).push(b);
  });
  const keys = Object.keys(groups).sort();
  view.innerHTML = `<h2>Breaches by resolution and provision</h2><p class="muted">${answer.count} breach record(s)${answer.count === 1000 ? " (the first 1,000)" : ""} under ${keys.length} provision(s); open one for the transfers behind it.</p>
    <table><thead><tr><th>Provision</th><th>Breaches</th><th>Transfers</th><th>States</th></tr></thead><tbody>`
    + keys.map(k => {
      const bs = groups[k], events = new Set(bs.flatMap(b => b.events)), states = new Set(bs.flatMap(b => b.states));
      return `<tr><td><details><summary>${esc(k)}</summary>${bs.map(b => `<div class="breach ${esc(b.basis)}"><span class="muted">${esc(label("BreachBasis", b.basis))}; ${b.claims.length} claim(s); <span class="authorities">${corroboration(b)}</span></span><div>${esc(b.explanation)}</div></div>`).join("")}</details></td>
        <td>${bs.length}</td><td>${events.size}</td><td>${[...states].map(s => esc(state.names[s] || s)).join(", ")}</td></tr>`;
    }).join("") + `</tbody></table>`;
}

// --- wiring ------------------------------------------------------------------------------------

function show(view) {
  document.querySelectorAll("#views button").forEach(b => b.setAttribute("aria-selected", String(b.dataset.view === view)));
  document.querySelectorAll(".view").forEach(v => { v.hidden = v.id !== `view-${view}`; });
  if (view === "network" && state.cy) state.cy.resize();
  if (view === "conflicts") renderConflicts();
  if (view === "timeline") renderTimeline();
  if (view === "breaches") renderBreaches().catch(err => { $("#view-breaches").innerHTML = `<p class="error">${esc(err.message)}</p>`; });
}

async function start() {
  state.labels = await api("/labels");
  const f = $("#ask");
  Object.entries(state.labels.Category).forEach(([v, l]) => f.category.add(new Option(l, v)));
  Object.entries(state.labels.EventKind).forEach(([v, l]) => f.kind.add(new Option(l, v)));
  Object.entries(state.labels.Reliability).forEach(([v, l]) => f.min_reliability.add(new Option(`${l} or better`, v)));
  Object.entries(state.labels.Credibility).forEach(([v, l]) => f.min_credibility.add(new Option(`${l} or better`, v)));
  document.querySelectorAll("#views button").forEach(b => b.addEventListener("click", () => show(b.dataset.view)));
  f.addEventListener("submit", ask);
  $("#swap").addEventListener("click", () => { [f.from.value, f.to.value] = [f.to.value, f.from.value]; ask(); });
  ["since", "until", "category", "kind", "min_reliability", "min_credibility"].forEach(n => f[n].addEventListener("change", () => drawNetwork().catch(err => { $("#network-note").innerHTML = `<span class="error">${esc(err.message)}</span>`; })));
  await drawNetwork();
  api("/states").then(s => { $("#state-names").innerHTML = s.states.map(x => `<option value="${esc(x.name)}">`).join(""); s.states.forEach(x => { state.names[x.id] = x.name; }); });
}
start().catch(err => { $("#network-note").innerHTML = `<span class="error">${esc(err.message)}</span>`; });
