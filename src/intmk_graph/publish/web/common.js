"use strict";
// Shared by every page. Document text only ever reaches the page through
// textContent or vis-network's plain-text labels - never as HTML.
const DATA = JSON.parse(document.getElementById("intmk-data").textContent);
const PALE = "#e4e7eb";

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) node.appendChild(child);
  return node;
}

function tip(lines) {
  const box = el("div", {class: "tip"});
  for (const line of lines) box.appendChild(el("div", {text: line}));
  return box;
}

function header() {
  document.getElementById("title").textContent = DATA.title;
  document.getElementById("subtitle").textContent = DATA.subtitle;
  document.getElementById("footer").textContent = DATA.footer;
}

function makeNetwork(nodes, edges, options) {
  const container = document.getElementById("network");
  const nodeSet = new vis.DataSet(nodes);
  const edgeSet = new vis.DataSet(edges);
  const base = {
    physics: false,  // positions are computed in Python: the page draws at once
    layout: {improvedLayout: false},
    interaction: {hover: true, tooltipDelay: 80, hideEdgesOnDrag: nodes.length > 1000},
    edges: {smooth: false, color: {color: "#9aa5b1", highlight: "#1f6fb2", hover: "#1f6fb2"}},
    nodes: {font: {size: 13, face: "system-ui, sans-serif"}},
  };
  const network = new vis.Network(container, {nodes: nodeSet, edges: edgeSet}, Object.assign(base, options || {}));
  network.once("afterDrawing", () => {
    window.intmkReadyAt = performance.now();
    document.body.dataset.ready = "1";
  });
  window.intmk = {network, nodes: nodeSet, edges: edgeSet};
  return window.intmk;
}

// Grey out everything but ``keep`` (a Set of node ids); null restores all colours.
function highlight(nodeSet, edgeSet, keep) {
  nodeSet.update(nodeSet.get().map((n) => ({
    id: n.id,
    color: keep === null || keep.has(n.id) ? n.baseColor : PALE,
    font: {color: keep === null || keep.has(n.id) ? "#1f2933" : "#c0c6cc"},
  })));
  edgeSet.update(edgeSet.get().map((e) => ({
    id: e.id,
    color: keep === null || (keep.has(e.from) && keep.has(e.to)) ? (e.baseColor || null) : {color: PALE, opacity: 0.4},
  })));
}
