"""The page in a real headless Chromium: it draws, fetches nothing, shows evidence, filters, and runs no injected code.

Needs ``/usr/bin/chromium`` (``bash .ci/install-chromium``). Skipped without it,
except in CI (``CI=true``) where a missing browser fails the run.
"""

from __future__ import annotations

import json
import os

import networkx as nx
import pytest
from network_samples import ENTITIES, STATEMENTS, envoy_dataset, sample_dataset

from newskg.graph.network import build_network
from newskg.graph.timeline import load_offices
from newskg.graph.view import write_html

pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore::DeprecationWarning")]

XSS = [
    "<script>document.title='pwned'</script>",
    "<img src=x onerror=\"document.title='pwned'\">",
    "\"><svg onload=document.title='pwned'>",
    "</option></select><script>document.title='pwned'</script>",
    "href: <a href=\"javascript:document.title='pwned'\">click</a>",
    "AT&T \"Q\" <b>",
]
PAGE_TITLE = 'Actors & "positions" <i>'

# Points on the screen of every edge and node, read from vis-network.
POINTS_JS = """(function () {
  var n = window.newskgNetwork, r = document.querySelector('#network canvas').getBoundingClientRect();
  function dom(p) { var d = n.canvasToDOM(p); return [d.x + r.left, d.y + r.top]; }
  var edges = n.body.data.edges.getIds().map(function (id) {
    return [id].concat(dom(n.body.edges[id].edgeType.getPoint(0.5))); });
  var pos = n.getPositions();
  var nodes = Object.keys(pos).map(function (id) { return [Number(id)].concat(dom(pos[id])); });
  return {edges: edges, nodes: nodes};
})()"""

ON_ATTRIBUTES_JS = """Array.prototype.filter.call(document.querySelectorAll('*'), function (e) {
  return Array.prototype.some.call(e.attributes, function (a) { return /^on/i.test(a.name); });
}).map(function (e) { return e.outerHTML.slice(0, 80); })"""

# Share of sampled canvas pixels that are not background.
INK_JS = """(function () {
  var c = document.querySelector('#network canvas'), ctx = c.getContext('2d');
  var d = ctx.getImageData(0, 0, c.width, c.height).data, ink = 0, n = 0;
  for (var i = 0; i < d.length; i += 4 * 7) { n++; if (d[i + 3] > 0 && (d[i] < 230 || d[i + 1] < 230 || d[i + 2] < 230)) ink++; }
  return ink / n;
})()"""


@pytest.fixture(scope="module")
def browser():
    try:
        from browser_util import Browser, find_chromium
    except ImportError as error:  # websocket-client missing
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests need websocket-client: {error}")
        pytest.skip(f"websocket-client is not installed: {error}")
    if find_chromium() is None:
        if os.environ.get("CI") == "true":
            pytest.fail("headless Chromium is missing in CI: run `bash .ci/install-chromium` in .ci/run")
        pytest.skip("no Chromium (install it with `bash .ci/install-chromium`)")
    with Browser(timeout=60) as b:
        yield b


def open_page(browser, path):
    from browser_util import READY

    browser.open(path)
    browser.wait_for(READY, timeout=60)
    browser.pump(0.2)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("view") / "demo.html"
    write_html(build_network(sample_dataset()), path, title="newskg demo")
    return path


def xss_graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    iri = [f"https://w3id.org/newskg/id/actor/x{i}" for i in range(len(XSS))]
    for i, text in enumerate(XSS):
        G.add_node(iri[i], label=text, kind=["State", "Person", "Issue"][i % 3])
    for i, text in enumerate(XSS):
        j = (i + 2) % len(XSS)
        G.add_edge(iri[i], iri[j], "condemns", predicate="condemns", label="condemns", stance="oppose", weight=2,
                   evidence=[{"sentence": text, "title": XSS[j], "date": "2021-03-0%d" % (i + 1), "source": text,
                              "article": f"https://w3id.org/newskg/id/article/{text}"}])
    return G


def test_demo_page_draws_offline(browser, demo):
    start = len(browser.events)
    open_page(browser, demo)
    assert browser.evaluate("document.title") == "newskg demo"
    assert browser.evaluate("document.getElementById('summary').textContent").startswith(
        "showing 18 of 18 nodes, 21 of 21 edges")
    assert browser.evaluate("document.querySelectorAll('#network canvas').length") == 1
    assert browser.evaluate(INK_JS) > 0.005  # nodes and edges are drawn
    assert browser.evaluate("window.newskgNetwork.physics.physicsEnabled") is False  # physics off once stable
    assert browser.evaluate("window.__cspViolations") == []
    assert browser.console_errors() == []
    seen = [e["params"]["request"]["url"] for e in browser.events[start:] if e["method"] == "Network.requestWillBeSent"]
    assert seen and seen[0].startswith("file://")
    assert browser.outbound_requests() == []


def _edge_point(browser, subject, obj):
    points = browser.evaluate(POINTS_JS)
    labels = browser.evaluate("""(function(){var n=window.newskgNetwork, out={};
      n.body.data.edges.getIds().forEach(function(id){var e=n.body.edges[id];
        out[id]=[e.from.options.label, e.to.options.label];}); return out;})()""")
    (_, x, y), = [p for p in points["edges"] if labels[str(p[0])] == [subject, obj]]
    return x, y


def test_hovering_an_edge_shows_its_evidence(browser, demo):
    open_page(browser, demo)
    x, y = _edge_point(browser, "China", "THAAD")
    browser.mouse("mouseMoved", x, y)
    browser.pump(0.6)
    panel = browser.evaluate("document.getElementById('panel').innerText")
    assert panel.startswith("China \u2192 demands removal of \u2192 THAAD")
    assert "They want provocative US THAAD missile systems in South Korea withdrawn." in panel
    assert "Why China and Russia Agreed to Tough New Sanctions on North Korea \u00b7 2017-08-07" in panel
    assert "examples/articles/002_1dcb7e5e9c1bc258.txt" in panel
    tooltip = browser.evaluate("(function(){var t=document.querySelector('div.vis-tooltip');"
                               "return t && getComputedStyle(t).visibility === 'visible' ? t.textContent : null})()")
    assert tooltip and tooltip.startswith("China demands removal of THAAD")


def test_clicking_a_rolled_up_edge_names_who_said_it(browser, tmp_path):
    ds = envoy_dataset()
    path = tmp_path / "as-state.html"
    write_html(build_network(ds, offices=load_offices(ds)), path, title="as state")
    open_page(browser, path)
    browser.click(*_edge_point(browser, "China", "THAAD"))
    browser.pump(0.4)
    assert browser.evaluate("document.querySelector('#panel h2').textContent") == "China \u2192 opposes \u2192 THAAD"
    items = browser.evaluate("""Array.prototype.map.call(document.querySelectorAll('#panel li'), function (li) {
      return [li.querySelector('blockquote').textContent].concat(
        Array.prototype.map.call(li.querySelectorAll('div.src'), function (d) { return d.textContent; })); })""")
    said = sorted((item[0], [line for line in item[1:] if line.startswith("said by")]) for item in items)
    assert said == [("China opposes THAAD.", []),
                    ("China's UN envoy Liu Jieyi said Beijing opposes the THAAD deployment.", ["said by Liu Jieyi"])]
    assert browser.console_errors() == []


def test_clicking_a_node_lists_its_relations(browser, demo):
    open_page(browser, demo)
    points = browser.evaluate(POINTS_JS)
    labels = browser.evaluate("(function(){var o={};window.newskgNetwork.body.data.nodes.forEach("
                              "function(n){o[n.id]=n.label});return o})()")
    (_, x, y), = [p for p in points["nodes"] if labels[str(p[0])] == "UN Security Council"]
    browser.click(x, y)
    browser.pump(0.3)
    panel = browser.evaluate("document.getElementById('panel').innerText")
    assert panel.startswith("UN Security Council")
    assert "UN Security Council imposes sanctions" in panel and "UN Security Council adopts Resolution 2371" in panel


def expected_edges(article=None, polarity=None):
    """``subject|object`` labels of the sample's edges with a statement from ``article`` / of ``polarity``."""
    return sorted({f"{ENTITIES[s][1]}|{ENTITIES[o][1]}|{p}" for a, s, p, o, pol, _ in STATEMENTS
                   if article in (None, a) and polarity in (None, pol)})


def _pairs(edges):
    return sorted(e.rsplit("|", 1)[0] for e in edges)


def _filter(browser, **values):
    script = ["document.getElementById('f-reset').click();"]
    for key, value in values.items():
        if key == "stance":
            script.append("document.querySelectorAll('input[name=stance]').forEach(function(b){"
                          f"b.checked = {json.dumps(value)}.indexOf(b.value) >= 0;"
                          "b.dispatchEvent(new Event('change'))});")
        else:
            script.append(f"var el = document.getElementById('f-{key}');"
                          f"el.value = {json.dumps(value)}; el.dispatchEvent(new Event('change'));")
    browser.evaluate("".join(script))
    return browser.evaluate("""(function(){var n=window.newskgNetwork, d=n.body.data;
      return {nodes: d.nodes.map(function(x){return x.label}).sort(),
              edges: d.edges.getIds().map(function(id){var e=n.body.edges[id];
                return e.from.options.label + '|' + e.to.options.label;}).sort()};})()""")


def test_filters_by_predicate_stance_actor_article_and_date(browser, demo):
    open_page(browser, demo)
    shown = _filter(browser, predicate="demandsRemovalOf")
    assert shown == {"nodes": ["China", "Russia", "THAAD"], "edges": ["China|THAAD", "Russia|THAAD"]}
    shown = _filter(browser, stance=["support"])
    assert shown["edges"] == _pairs(expected_edges(polarity="support"))
    assert "China|sanctions" in shown["edges"] and "China|THAAD" not in shown["edges"]
    shown = _filter(browser, actor=browser.evaluate(
        "Array.prototype.filter.call(document.getElementById('f-actor').options,"
        "function(o){return o.text==='Vasily Nebenzya'})[0].value"))
    assert shown["edges"] == ["Vasily Nebenzya|North Korea", "Vasily Nebenzya|Russia"]
    shown = _filter(browser, article="https://w3id.org/newskg/id/article/a1")
    assert shown["edges"] == _pairs(expected_edges("a1")) and "Donald Trump|South Korea" not in shown["edges"]
    by_date = _filter(browser, **{"from": "2017-09-01"})
    assert by_date["edges"] == _pairs(expected_edges("a2")) and "China|THAAD" in by_date["edges"]
    assert _filter(browser, **{"from": "2017-08-01", "to": "2017-08-31"})["edges"] == _pairs(expected_edges("a1"))
    assert _filter(browser, **{"to": "2017-08-06"}) == {"nodes": [], "edges": []}
    status = browser.evaluate("document.getElementById('filter-status').textContent")
    assert status.startswith("filtered:")
    everything = _filter(browser)
    assert len(everything["nodes"]) == 18 and len(everything["edges"]) == 21


def test_search_box_finds_a_node(browser, demo):
    open_page(browser, demo)
    browser.evaluate("var s=document.getElementById('f-search'); s.value='thaad'; s.dispatchEvent(new Event('change'))")
    browser.pump(0.2)
    assert browser.evaluate("window.newskgNetwork.getSelectedNodes().map(function(id){"
                            "return window.newskgNetwork.body.nodes[id].options.label})") == ["THAAD"]
    assert browser.evaluate("document.getElementById('panel').querySelector('h2').textContent") == "THAAD"


def test_a_cut_page_says_how_much_it_shows(browser, tmp_path):
    G = nx.MultiDiGraph()
    for i in range(1, 60):
        G.add_edge("hub", f"n{i}", "meetsWith", predicate="meetsWith", label="meets with", stance="none",
                   weight=1, evidence=[])
    path = write_html(G, tmp_path / "cut.html", max_nodes=10).path
    open_page(browser, path)
    summary = browser.evaluate("document.getElementById('summary').textContent")
    assert summary.startswith("showing 10 of 60 nodes")
    assert "--max-nodes" in summary


def test_injected_markup_never_runs(browser, tmp_path):
    path = write_html(xss_graph(), tmp_path / "xss.html", title=PAGE_TITLE).path
    open_page(browser, path)
    assert browser.evaluate("document.title") == PAGE_TITLE
    assert browser.evaluate("document.getElementById('heading').textContent") == PAGE_TITLE
    points = browser.evaluate(POINTS_JS)
    tooltips = []
    for _, x, y in points["edges"]:
        browser.mouse("mouseMoved", x, y)
        browser.pump(0.35)
        tooltips.append(browser.evaluate("(document.querySelector('div.vis-tooltip') || {}).textContent || ''"))
        browser.click(x, y)
    for _, x, y in points["nodes"]:
        browser.mouse("mouseMoved", x, y)
        browser.pump(0.3)
        tooltips.append(browser.evaluate("(document.querySelector('div.vis-tooltip') || {}).textContent || ''"))
        browser.click(x, y)
    browser.pump(0.2)
    # Every panel, menu entry and search, driven from script as well.
    browser.evaluate("""(function(){
      var n = window.newskgNetwork;
      n.body.data.edges.getIds().forEach(function(id){ window.newskgShow.edge(id); });
      n.body.data.nodes.getIds().forEach(function(id){ window.newskgShow.node(id); });
      ['f-actor', 'f-article', 'f-predicate'].forEach(function(name){
        var sel = document.getElementById(name);
        Array.prototype.forEach.call(sel.options, function(o){ sel.value = o.value; sel.dispatchEvent(new Event('change')); });
      });
      var s = document.getElementById('f-search');
      n.body.data.nodes.forEach(function(x){ s.value = x.label; s.dispatchEvent(new Event('change')); });
      document.querySelectorAll('#panel button').forEach(function(b){ b.click(); });
    })()""")
    browser.pump(0.5)
    assert browser.evaluate("document.title") == PAGE_TITLE
    assert browser.evaluate(ON_ATTRIBUTES_JS) == []
    assert browser.evaluate("document.querySelectorAll('script').length") == 3
    assert browser.evaluate("document.querySelectorAll('img, svg, a, iframe, object, embed, b').length") == 0
    assert browser.evaluate("window.__cspViolations") == []  # nothing even tried to run
    assert browser.outbound_requests() == []
    # The untrusted text is all there, as text.
    options = browser.evaluate("Array.prototype.map.call(document.querySelectorAll('#f-actor option'),"
                               "function(o){return o.text})")
    assert sorted(options[1:]) == sorted(XSS)
    assert any(t.startswith('AT&T "Q" <b>') for t in tooltips)
    assert not any("&amp;" in t or "&lt;" in t for t in tooltips)
    assert any(t.startswith("<script>document.title='pwned'</script> condemns") for t in tooltips)
    browser.evaluate("window.newskgShow.edge(0)")
    panel = browser.evaluate("document.getElementById('panel').innerText")
    assert XSS[0] in panel and XSS[2] in panel
