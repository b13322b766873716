"use strict";
// Laws (left), their cited sections (middle) and the resolutions citing them (right).
// Selecting a law highlights its sections and the resolutions that cite it.
header();
const KIND = {law: {shape: "box", color: "#1f6fb2"}, section: {shape: "ellipse", color: "#7cb7e3"},
              resolution: {shape: "dot", color: "#f0a202"}};
const {network, nodes, edges} = makeNetwork(
  DATA.nodes.map((n) => {
    const k = KIND[n.kind];
    const baseColor = {background: k.color, border: k.color};
    return {id: n.id, label: n.label, x: n.x, y: n.y, shape: k.shape, size: 10, color: baseColor, baseColor,
            font: {color: n.kind === "law" ? "#ffffff" : "#1f2933"}, title: tip(n.tip)};
  }),
  DATA.edges.map((e, i) => ({id: i, from: e.from, to: e.to, width: e.weight, arrows: e.relation === "cites" ? "to" : ""})),
);
const status = el("p", {class: "status", id: "status"});
const byLaw = new Map(DATA.laws.map((l) => [l.id, l]));

function selectLaw(id) {
  const law = byLaw.get(id);
  if (!law) {
    highlight(nodes, edges, null);
    status.textContent = "";
    return [];
  }
  const keep = new Set([id, ...law.sections, ...law.resolutions]);
  highlight(nodes, edges, keep);
  for (const button of document.querySelectorAll("button[data-law]")) {
    button.setAttribute("aria-pressed", String(button.dataset.law === id));
  }
  status.textContent = `${law.label}: cited in ${law.resolutions.length} resolution(s)`;
  return law.resolutions;
}

const panel = document.getElementById("panel");
panel.appendChild(el("h2", {text: "Laws"}));
for (const law of DATA.laws) {
  const button = el("button", {type: "button", "data-law": law.id, "aria-pressed": "false",
                               onclick: () => selectLaw(law.id)},
    el("span", {text: law.label}), el("span", {class: "count", text: String(law.citations)}));
  panel.appendChild(button);
}
panel.appendChild(el("button", {type: "button", onclick: () => selectLaw(null)}, el("span", {text: "show all"})));
panel.appendChild(status);
network.on("click", (params) => {
  const id = params.nodes[0];
  if (byLaw.has(id)) selectLaw(id);
  else if (id === undefined) selectLaw(null);
});
window.intmk.selectLaw = selectLaw;
