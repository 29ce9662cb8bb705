/* newskg interactive view.
 *
 * Every string shown here comes from news articles and is untrusted: it is read
 * with JSON.parse and put on the page only through textContent, option.value and
 * option.text, never as HTML.
 */
(function () {
  "use strict";
  var timing = window.newskgTiming = { start: performance.now() };
  var data = JSON.parse(document.getElementById("newskg-data").textContent);
  var root = document.documentElement;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
  function cut(text, max) { text = String(text || ""); return text.length > max ? text.slice(0, max - 1) + "\u2026" : text; }
  function option(value, text) { var o = document.createElement("option"); o.value = String(value); o.text = String(text); return o; }

  /* --- header ---------------------------------------------------------- */
  document.getElementById("heading").textContent = data.title;
  var summary = document.getElementById("summary");
  summary.textContent = "showing " + data.shown + " of " + data.total + " nodes, " +
    data.edgesShown + " of " + data.edgesTotal + " edges";
  if (data.shown < data.total) {
    summary.className = "cut";
    summary.textContent += " (the " + data.shown + " most connected actors; the limit is " + data.limit +
      " nodes: use newskg view --max-nodes to change it)";
  }
  var legend = document.getElementById("legend");
  Object.keys(data.legend).forEach(function (kind) {
    var item = el("span");
    var sw = el("span", "swatch"); sw.style.background = data.kindColors[kind];
    item.appendChild(sw); item.appendChild(document.createTextNode(data.legend[kind]));
    legend.appendChild(item);
  });
  Object.keys(data.blocs || {}).forEach(function (number) {
    var item = el("span");
    var sw = el("span", "swatch ring"); sw.style.borderColor = data.blocs[number];
    item.appendChild(sw); item.appendChild(document.createTextNode("bloc " + number));
    legend.appendChild(item);
  });
  Object.keys(data.stanceColors).forEach(function (stance) {
    var item = el("span");
    var sw = el("span", "line"); sw.style.background = data.stanceColors[stance];
    item.appendChild(sw); item.appendChild(document.createTextNode(stance === "none" ? "neutral / action" : stance));
    legend.appendChild(item);
  });

  /* --- data ------------------------------------------------------------ */
  var nodeInfo = {}, edgeInfo = {}, articles = {}, predicates = {};
  var nodeItems = data.nodes.map(function (n) {
    nodeInfo[n.id] = n;
    var tip = el("div");
    tip.appendChild(el("div", "tip-head", n.label));
    tip.appendChild(el("div", null, (data.kindNames[n.kind] || n.kind) + " \u00b7 " + plural(n.strength, "statement")));
    return { id: n.id, label: n.label, color: n.color, value: n.value, shape: n.shape || "dot", title: tip };
  });
  var edgeItems = data.edges.map(function (e) {
    edgeInfo[e.id] = e;
    predicates[e.predicate] = e.label;
    e.evidence.forEach(function (ev) {
      if (ev.article && !articles[ev.article]) articles[ev.article] = ev.title || ev.source || ev.article;
    });
    var tip = el("div");
    tip.appendChild(el("div", "tip-head", nodeInfo[e.from].label + " " + e.label + " " + nodeInfo[e.to].label));
    tip.appendChild(el("div", "stance-" + e.stance, e.stance + " \u00b7 " + plural(e.weight, "statement")));
    if (e.evidence.length && e.evidence[0].sentence) tip.appendChild(el("div", "tip-quote", "\u201c" + cut(e.evidence[0].sentence, 220) + "\u201d"));
    var item = { id: e.id, from: e.from, to: e.to, color: e.color, width: e.width, arrows: e.arrows, title: tip };
    if (e.smooth) item.smooth = e.smooth;
    if (data.edgeLabels) item.label = e.label;
    return item;
  });
  var nodesData = new vis.DataSet(nodeItems);
  var edgesData = new vis.DataSet(edgeItems);

  /* --- filters ----------------------------------------------------------- */
  var f = {
    predicate: document.getElementById("f-predicate"),
    actor: document.getElementById("f-actor"),
    article: document.getElementById("f-article"),
    from: document.getElementById("f-from"),
    to: document.getElementById("f-to"),
    search: document.getElementById("f-search"),
    stances: Array.prototype.slice.call(document.querySelectorAll("input[name=stance]"))
  };
  Object.keys(predicates).sort().forEach(function (p) { f.predicate.appendChild(option(p, predicates[p])); });
  data.nodes.slice().sort(function (a, b) { return a.label.localeCompare(b.label); }).forEach(function (n) {
    f.actor.appendChild(option(n.id, cut(n.label, 60)));
  });
  Object.keys(articles).sort(function (a, b) { return articles[a].localeCompare(articles[b]); }).forEach(function (a) {
    f.article.appendChild(option(a, cut(articles[a], 70)));
  });
  var names = document.getElementById("node-names");
  data.nodes.forEach(function (n) { names.appendChild(option(n.label, n.label)); });

  var state = {};
  function readFilters() {
    state.predicate = f.predicate.value;
    state.actor = f.actor.value === "" ? null : Number(f.actor.value);
    state.article = f.article.value;
    state.from = f.from.value;
    state.to = f.to.value;
    state.stances = {};
    f.stances.forEach(function (box) { state.stances[box.value] = box.checked; });
    state.active = !!(state.predicate || state.actor !== null || state.article || state.from || state.to ||
      f.stances.some(function (box) { return !box.checked; }));
  }
  function evidenceMatches(ev) {
    if (state.article && ev.article !== state.article) return false;
    if (state.from && !(ev.date && ev.date.slice(0, 10) >= state.from)) return false;
    if (state.to && !(ev.date && ev.date.slice(0, 10) <= state.to)) return false;
    return true;
  }
  function edgeVisible(item) {
    var e = edgeInfo[item.id];
    if (state.predicate && e.predicate !== state.predicate) return false;
    if (!state.stances[e.stance]) return false;
    if (state.actor !== null && e.from !== state.actor && e.to !== state.actor) return false;
    if (state.article || state.from || state.to) return e.evidence.some(evidenceMatches);
    return true;
  }
  var visibleNodes = null;
  function nodeVisible(item) { return visibleNodes === null || visibleNodes[item.id] === true; }
  readFilters();
  var edgesView = new vis.DataView(edgesData, { filter: edgeVisible });
  var nodesView = new vis.DataView(nodesData, { filter: nodeVisible });
  var filterStatus = document.getElementById("filter-status");

  function applyFilters() {
    readFilters();
    if (state.active) {
      visibleNodes = {};
      if (state.actor !== null) visibleNodes[state.actor] = true;
      edgesData.get({ filter: edgeVisible }).forEach(function (item) {
        visibleNodes[item.from] = true; visibleNodes[item.to] = true;
      });
    } else {
      visibleNodes = null;
    }
    edgesView.refresh();
    nodesView.refresh();
    filterStatus.textContent = state.active ?
      "filtered: " + plural(nodesView.length, "node") + ", " + plural(edgesView.length, "edge") : "";
  }
  [f.predicate, f.actor, f.article, f.from, f.to].concat(f.stances).forEach(function (input) {
    input.addEventListener("change", applyFilters);
  });
  document.getElementById("f-reset").addEventListener("click", function () {
    f.predicate.value = ""; f.actor.value = ""; f.article.value = ""; f.from.value = ""; f.to.value = ""; f.search.value = "";
    f.stances.forEach(function (box) { box.checked = true; });
    applyFilters();
  });

  /* --- network ----------------------------------------------------------- */
  var container = document.getElementById("network");
  var status = document.getElementById("status");
  var network = new vis.Network(container, { nodes: nodesView, edges: edgesView }, data.options);
  window.newskgNetwork = network;
  timing.network = performance.now();

  var iterationsDone = 0;
  function ready() {
    timing.iterations = iterationsDone;
    timing.stabilized = performance.now();
    network.setOptions({ physics: false });
    status.textContent = "";
    root.setAttribute("data-state", "ready");
  }
  if (!data.nodes.length) {
    status.textContent = "no statements to show";
    root.setAttribute("data-state", "ready");
  } else {
    status.textContent = "laying out " + plural(data.nodes.length, "node") + "\u2026";
    // Large graphs stop laying out after a time budget so the page stays usable.
    network.on("stabilizationProgress", function (p) {
      iterationsDone = p.iterations;
      status.textContent = "laying out\u2026 " + Math.round(100 * p.iterations / p.total) + "%";
      if (performance.now() - timing.network > data.layoutBudgetMs) network.stopSimulation();
    });
    network.once("stabilizationIterationsDone", ready);
  }

  /* --- evidence panel ---------------------------------------------------- */
  var panel = document.getElementById("panel");
  function showEdge(id) {
    var e = edgeInfo[id];
    if (!e) return;
    clear(panel);
    panel.appendChild(el("h2", null, nodeInfo[e.from].label + " \u2192 " + e.label + " \u2192 " + nodeInfo[e.to].label));
    panel.appendChild(el("p", "meta stance-" + e.stance, e.stance + " \u00b7 " + plural(e.weight, "statement") + " \u00b7 predicate " + e.predicate));
    var list = el("ol");
    e.evidence.forEach(function (ev) {
      if (!evidenceMatches(ev)) return;
      var li = el("li");
      li.appendChild(el("blockquote", null, ev.sentence || "(no sentence recorded)"));
      if (ev.said_by) li.appendChild(el("div", "src", "said by " + ev.said_by));
      var src = [ev.title, ev.date, ev.source].filter(function (x) { return x; }).join(" \u00b7 ");
      li.appendChild(el("div", "src", src || ev.article || "unknown article"));
      if (ev.article) li.appendChild(el("div", "src", ev.article));
      list.appendChild(li);
    });
    panel.appendChild(list);
    root.setAttribute("data-panel", "edge");
  }
  function showNode(id) {
    var n = nodeInfo[id];
    if (!n) return;
    clear(panel);
    panel.appendChild(el("h2", null, n.label));
    panel.appendChild(el("p", "meta", (data.kindNames[n.kind] || n.kind) + " \u00b7 " + plural(n.strength, "statement") + " \u00b7 " + n.iri));
    var list = el("ol");
    network.getConnectedEdges(id).forEach(function (edgeId) {
      var e = edgeInfo[edgeId];
      var li = el("li");
      var button = el("button", "link stance-" + e.stance,
        nodeInfo[e.from].label + " " + e.label + " " + nodeInfo[e.to].label + " (" + e.weight + ")");
      button.type = "button";
      button.addEventListener("click", function () { network.selectEdges([edgeId]); showEdge(edgeId); });
      li.appendChild(button);
      list.appendChild(li);
    });
    panel.appendChild(list);
    root.setAttribute("data-panel", "node");
  }
  network.on("click", function (params) {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
  });
  network.on("hoverEdge", function (params) { showEdge(params.edge); });
  window.newskgShow = { edge: showEdge, node: showNode };

  /* --- search ------------------------------------------------------------ */
  function search() {
    var q = f.search.value.trim().toLowerCase();
    if (!q) return;
    var hits = data.nodes.filter(function (n) { return nodesView.get(n.id) && n.label.toLowerCase() === q; });
    if (!hits.length) hits = data.nodes.filter(function (n) { return nodesView.get(n.id) && n.label.toLowerCase().indexOf(q) >= 0; });
    if (!hits.length) { filterStatus.textContent = "no visible node matches \u201c" + cut(f.search.value, 40) + "\u201d"; return; }
    network.selectNodes([hits[0].id]);
    network.focus(hits[0].id, { scale: 1.2, animation: false });
    showNode(hits[0].id);
  }
  f.search.addEventListener("change", search);
  f.search.addEventListener("keydown", function (event) { if (event.key === "Enter") search(); });
})();
