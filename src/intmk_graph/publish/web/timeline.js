"use strict";
// Conferences left to right, one row per programme or law, each resolution a mark;
// lines join a demand made again to the earlier one. Selecting a topic keeps its row
// and the repeats that reach it.
header();
const SHAPES = {conference: "box", topic: "box"};
const REPEAT = {color: "#e15759", highlight: "#b3262c", hover: "#b3262c"};
const {network, nodes, edges} = makeNetwork(
  DATA.nodes.map((n) => {
    const heading = n.kind === "conference" || n.kind === "topic";
    const color = heading ? "#ffffff" : DATA.colors[n.kind];
    const baseColor = {background: color, border: heading ? "#9aa5b1" : color};
    return {id: n.id, label: n.label, x: n.x, y: n.y, shape: SHAPES[n.kind] || "dot", size: 9,
            color: baseColor, baseColor, title: tip(n.tip),
            font: heading ? {size: 13, color: "#1f2933"} : {size: 10, color: "#1f2933", vadjust: -4},
            fixed: true};
  }),
  DATA.edges.map((e, i) => ({id: i, from: e.from, to: e.to, width: 2, dashes: e.how === "similar",
                             color: REPEAT, baseColor: REPEAT,
                             smooth: {type: "curvedCW", roundness: 0.25}, title: tip(e.tip)})),
  {interaction: {hover: true, tooltipDelay: 80, dragNodes: false}},
);
const status = el("p", {class: "status", id: "status"});
const byTopic = new Map(DATA.topics.map((t) => [t.id, t]));

function summary() {
  return `${DATA.conferences.length} conference(s), ${DATA.topics.length} row(s), ` +
         `${new Set(DATA.nodes.filter((n) => n.resolution).map((n) => n.resolution)).size} resolution(s), ` +
         `${DATA.edges.length} demand(s) made again`;
}

function selectTopic(id) {
  const topic = byTopic.get(id);
  for (const button of document.querySelectorAll("button[data-topic]")) {
    button.setAttribute("aria-pressed", String(topic !== undefined && button.dataset.topic === id));
  }
  if (!topic) {
    highlight(nodes, edges, null);
    status.textContent = summary();
    return [];
  }
  const keep = new Set([`topic:${id}`, ...DATA.nodes.filter((n) => n.kind === "conference").map((n) => n.id)]);
  for (const n of DATA.nodes) if (n.topic === id) keep.add(n.id);
  for (const e of DATA.edges) if (keep.has(e.from) || keep.has(e.to)) { keep.add(e.from); keep.add(e.to); }
  highlight(nodes, edges, keep);
  const years = new Set(DATA.nodes.filter((n) => n.topic === id).map((n) => n.tip[1]));
  status.textContent = `${topic.label}: ${topic.resolutions.length} resolution(s) at ${years.size} conference(s)`;
  return topic.resolutions;
}

const panel = document.getElementById("panel");
panel.appendChild(el("h2", {text: "Topics"}));
for (const topic of DATA.topics) {
  panel.appendChild(el("button", {type: "button", "data-topic": topic.id, "aria-pressed": "false",
                                  onclick: () => selectTopic(topic.id)},
    el("span", {class: "swatch", style: `background:${DATA.colors[topic.kind]}`}),
    el("span", {text: topic.label}), el("span", {class: "count", text: String(topic.resolutions.length)})));
}
panel.appendChild(el("button", {type: "button", onclick: () => selectTopic(null)}, el("span", {text: "show all"})));
panel.appendChild(status);
panel.appendChild(el("h2", {text: "Legend"}));
for (const [kind, text] of [["programme", "about a programme"], ["law", "cites a law"], ["none", "neither"]]) {
  panel.appendChild(el("div", {}, el("span", {class: "swatch", style: `background:${DATA.colors[kind]}`}),
                       el("span", {text})));
}
panel.appendChild(el("div", {text: "red line: a demand made again (solid: says so; dashed: similar words)"}));
status.textContent = summary();

// Start with the conferences filling the width, at the top rows (the busiest topics);
// scroll or drag for the rest.
function fitWidth() {
  const xs = DATA.nodes.map((n) => n.x), ys = DATA.nodes.map((n) => n.y);
  const minX = Math.min(...xs) - 150, maxX = Math.max(...xs) + 60, minY = Math.min(...ys) - 30;
  const box = document.getElementById("network").getBoundingClientRect();
  const scale = Math.min(1.5, box.width / (maxX - minX));
  network.moveTo({position: {x: (minX + maxX) / 2, y: minY + box.height / 2 / scale}, scale, animation: false});
}
fitWidth();
network.on("click", (params) => {
  const id = params.nodes[0];
  if (id && id.startsWith("topic:")) selectTopic(id.slice(6));
  else if (id && byTopic.has((DATA.nodes.find((n) => n.id === id) || {}).topic)) {
    selectTopic(DATA.nodes.find((n) => n.id === id).topic);
  } else if (id === undefined) selectTopic(null);
});
window.intmk.selectTopic = selectTopic;
