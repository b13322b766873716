"use strict";
// The query page: YASGUI against this server's /sparql, one tab per saved query. Nothing
// is fetched from elsewhere: no endpoint catalogue, no prefix or vocabulary look-ups
// (the page's Content-Security-Policy would refuse them anyway).
const CONFIG = JSON.parse(document.getElementById("intmk-queries").textContent);
const endpoint = new URL(CONFIG.endpoint, window.location.href).href;
Yasgui.Yasqe.defaults.autocompleters = ["prefixes", "variables"];  // built in; "class" and "property" ask LOV
const yasgui = new Yasgui(document.getElementById("yasgui"), {
  requestConfig: {endpoint, method: "POST"},
  copyEndpointOnNewTab: false,
  endpointCatalogueOptions: {getData: () => [{endpoint}]},
  persistenceId: null,  // a fresh set of tabs on every visit
  populateFromUrl: false,
});
const blank = yasgui.getTab();
let firstId = null;
for (const tab of CONFIG.tabs) {
  const added = yasgui.addTab(false, {name: tab.name, yasqe: {value: tab.query}});  // its header says what it is
  firstId = firstId || added.getId();
}
if (firstId) {
  yasgui.selectTabId(firstId);
  if (blank) blank.close();
}
window.intmk = {yasgui};
document.body.dataset.ready = "1";
