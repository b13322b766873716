"use strict";
// The whole knowledge graph: a legend of node types that filters, a search box, and the
// neighbourhood of a clicked node highlighted.
header();
const colours = new Map(DATA.kinds.map((k) => [k.kind, k.color]));
const {network, nodes, edges} = makeNetwork(
  DATA.nodes.map((n) => {
    const c = colours.get(n.kind);
    const baseColor = {background: c, border: c};
    return {id: n.id, label: n.label, name: n.name, find: n.find, kind: n.kind, x: n.x, y: n.y, shape: "dot", size: n.size,
            color: baseColor, baseColor, title: tip(n.tip)};
  }),
  DATA.edges.map((e, i) => ({id: i, from: e.from, to: e.to, title: e.label})),
  {nodes: {font: {size: 11}}},
);
const status = el("p", {class: "status", id: "status"});
const hiddenKinds = new Set();

function applyFilter() {
  nodes.update(nodes.get().map((n) => ({id: n.id, hidden: hiddenKinds.has(n.kind)})));
  const shown = nodes.get({filter: (n) => !n.hidden}).length;
  status.textContent = `${shown} of ${DATA.nodes.length} nodes shown`;
  return shown;
}

function neighbourhood(id) {
  if (id === null || id === undefined) {
    highlight(nodes, edges, null);
    return [];
  }
  const keep = new Set([id, ...network.getConnectedNodes(id)]);
  highlight(nodes, edges, keep);
  const node = nodes.get(id);
  status.textContent = `${node.name}: ${keep.size - 1} neighbour(s)`;
  return [...keep];
}

function search(text) {
  const q = text.trim().toLowerCase();
  if (!q) {
    network.unselectAll();
    status.textContent = "";
    return [];
  }
  const found = nodes.get({filter: (n) => !n.hidden && n.find.includes(q)}).map((n) => n.id);
  network.selectNodes(found.slice(0, 200));
  if (found.length) network.focus(found[0], {scale: 1.2, animation: false});
  status.textContent = `${found.length} match(es) for “${text.trim()}”`;
  return found;
}

const panel = document.getElementById("panel");
panel.appendChild(el("h2", {text: "Search"}));
panel.appendChild(el("input", {type: "search", id: "search", placeholder: "name or abbreviation, e.g. AufenthG, MBE, 6.5",
                               oninput: (ev) => search(ev.target.value)}));
panel.appendChild(status);
panel.appendChild(el("h2", {text: "Node types"}));
for (const k of DATA.kinds) {
  const input = el("input", {type: "checkbox", id: `kind-${k.kind}`, "data-kind": k.kind, onchange: (ev) => {
    if (ev.target.checked) hiddenKinds.delete(k.kind); else hiddenKinds.add(k.kind);
    applyFilter();
  }});
  input.checked = true;
  panel.appendChild(el("label", {for: `kind-${k.kind}`}, input,
    el("span", {class: "swatch", style: `background:${k.color}`}), el("span", {text: k.kind}),
    el("span", {class: "count", text: String(k.count)})));
}
network.on("click", (params) => neighbourhood(params.nodes[0]));
Object.assign(window.intmk, {search, neighbourhood, applyFilter});
