"use strict";
// Co-sponsorship among the Länder: size = resolutions sponsored, edge width = resolutions
// sponsored together, colour = community; a red border marks Länder with protocol notes.
header();
const {network, nodes, edges} = makeNetwork([], []);
const panel = document.getElementById("panel");
const status = el("p", {class: "status", id: "status"});
const legend = el("div", {id: "legend"});

// What is shown: a conference (or all years) and a kind of decision.
const shown = {conference: "all", decision: "all"};

function render(decision = shown.decision, conference = shown.conference) {
  shown.decision = decision;
  shown.conference = conference;
  const name = decision;
  const view = DATA.views[`${conference}/${decision}`];
  nodes.clear();
  edges.clear();
  nodes.add(view.nodes.map((n) => {
    const color = DATA.palette[n.community % DATA.palette.length];
    const baseColor = {background: color, border: n.notes ? "#c81e1e" : color,
                       highlight: {background: color, border: "#1f2933"}};
    return {
      id: n.id, label: n.code, x: n.x, y: n.y, shape: "dot", size: 8 + 2.2 * n.sponsored,
      borderWidth: n.notes ? 4 : 1, color: baseColor, baseColor,
      title: tip([n.id, `${n.sponsored} resolutions sponsored, ${n.alone} alone`,
                  n.notes ? `${n.notes} protocol note(s)` : "no protocol notes",
                  `community ${n.community + 1}`]),
    };
  }));
  edges.add(view.edges.map((e) => ({
    id: `${e.from}|${e.to}`, from: e.from, to: e.to, width: 0.5 + 0.7 * e.weight, value: e.weight,
    title: tip([`${e.from} – ${e.to}: ${e.weight} resolution(s) together`, ...e.resolutions]),
  })));
  status.textContent = `${view.nodes.length} Länder, ${view.edges.length} pairs, ${view.resolutions} resolutions`;
  legend.replaceChildren(...view.communities.map((members, i) => el("div", {},
    el("span", {class: "swatch", style: `background:${DATA.palette[i % DATA.palette.length]}`}),
    el("span", {text: `community ${i + 1}: ${members.join(", ")}`}))));
  document.body.dataset.view = name;
  document.body.dataset.conference = conference;
  network.fit({animation: false});
}

if (DATA.conferences.length > 1) {  // several conferences in the graph: choose one, or all years
  panel.appendChild(el("h2", {text: "Conference"}));
  const select = el("select", {id: "conference", onchange: () => render(shown.decision, select.value)},
    ...DATA.conferences.map((c) => el("option", {value: c.id, text: c.label})));
  panel.appendChild(select);
}

panel.appendChild(el("h2", {text: "Decisions"}));
for (const [name, label] of [["all", "all resolutions"], ["unanimous", "unanimous"], ["majority", "by majority"]]) {
  const input = el("input", {type: "radio", name: "view", value: name, id: `view-${name}`, onchange: () => render(name, shown.conference)});
  if (name === "all") input.checked = true;
  panel.appendChild(el("label", {for: `view-${name}`}, input, el("span", {text: ` ${label}`})));
}
panel.appendChild(status);
panel.appendChild(el("h2", {text: "Communities"}));
panel.appendChild(legend);
panel.appendChild(el("h2", {text: "Dissent"}));
panel.appendChild(el("p", {text: DATA.dissent.length
  ? `Red border: protocol notes by ${DATA.dissent.join(", ")}.` : "No protocol notes."}));
render("all", "all");
window.intmk.render = render;
