"""The interactive view: one self-contained, offline HTML page of the actor network.

pyvis lays out the nodes, edges and vis-network options; the page itself is
written here, with vis-network and the page script inlined, so that it makes no
network request and shows untrusted article text only as text:

* the graph travels as JSON in ``<script type="application/json">`` with
  ``<``, ``>``, ``&``, U+2028 and U+2029 escaped, read back with ``JSON.parse``;
* every label, tooltip, menu entry and evidence sentence is built with
  ``createElement`` and ``textContent`` (tooltips are DOM elements);
* a Content-Security-Policy allows only the page's own two scripts (by hash),
  inline styles and ``data:`` images.

>>> import tempfile, os, networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("c", label="China", kind="State"); G.add_node("t", label="THAAD", kind="Issue")
>>> _ = G.add_edge("c", "t", "opposes", predicate="opposes", label="opposes", stance="oppose", weight=1,
...                evidence=[{"sentence": "China opposes THAAD.", "title": "T", "date": "2017-08-07",
...                           "source": "a.txt", "article": "https://w3id.org/newskg/id/article/d"}])
>>> info = write_html(G, os.path.join(tempfile.mkdtemp(), "graph.html"))
>>> info.nodes_shown, info.nodes_total, info.truncated
(2, 2, False)
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from newskg.graph.network import KIND_COLORS, STANCE_COLORS, weighted_degree
from newskg.graph.output import write_atomically

__all__ = ["DEFAULT_MAX_NODES", "ViewInfo", "render_html", "select_nodes", "write_html"]

#: Largest number of nodes drawn by default. Measured with ``benchmarks/view_bench.py``
#: (5,000-node network, headless Chromium, 2 cores): cut to 1,000 nodes the page is
#: interactive after about 4 s with ~100 layout iterations and redraws in ~40 ms;
#: uncut, it is ready after about 7 s (the layout budget runs out) but gets ~10
#: layout iterations and every pan or hover redraw takes ~380 ms.
DEFAULT_MAX_NODES = 1000

#: The page stops laying out after this long (then physics is off and it is usable).
LAYOUT_BUDGET_MS = 3000

KIND_NAMES = {
    "State": "state",
    "IntergovernmentalOrganization": "intergovernmental organisation",
    "Organization": "organisation",
    "Person": "person",
    "Issue": "issue",
    "Document": "document",
    "Other": "other",
}

CSP = (
    "default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data:; "
    "font-src 'none'; connect-src 'none'; base-uri 'none'; form-action 'none'"
)

PAGE = """<!DOCTYPE html>
<html lang="en" data-state="loading">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{title}</title>
<style>{css}</style>
</head>
<body>
<header>
<h1 id="heading"></h1><span id="summary"></span>
<div id="filters">
<label>predicate <select id="f-predicate"><option value="">all</option></select></label>
<span>stance
<label><input type="checkbox" name="stance" value="support" checked>support</label>
<label><input type="checkbox" name="stance" value="oppose" checked>oppose</label>
<label><input type="checkbox" name="stance" value="none" checked>neutral</label></span>
<label>actor <select id="f-actor"><option value="">all</option></select></label>
<label>article <select id="f-article"><option value="">all</option></select></label>
<label>from <input type="date" id="f-from"></label>
<label>to <input type="date" id="f-to"></label>
<label>find <input type="search" id="f-search" list="node-names" placeholder="node name"></label>
<datalist id="node-names"></datalist>
<button type="button" id="f-reset">reset</button>
<span id="filter-status"></span>
</div>
<div id="legend"></div>
</header>
<main>
<div id="network"><div id="status"></div></div>
<aside id="panel"><p class="hint">Hover over or click an edge to read its evidence; click a node to list its relations.</p></aside>
</main>
<script type="application/json" id="newskg-data">{data}</script>
<script>{vis}</script>
<script>{app}</script>
</body>
</html>
"""


@dataclass(frozen=True)
class ViewInfo:
    """What :func:`write_html` wrote."""

    path: Path
    nodes_shown: int
    nodes_total: int
    edges_shown: int
    edges_total: int
    max_nodes: int

    @property
    def truncated(self) -> bool:
        """True when nodes were left out because of ``max_nodes``."""
        return self.nodes_shown < self.nodes_total


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    return resources.files("newskg.graph").joinpath("assets", name).read_text(encoding="utf-8")


def _script_safe(text: str) -> str:
    """Make script text safe inside a ``<script>`` element (no ``</script``, no ``<!--``)."""
    return re.sub(r"</(script)", r"<\\/\1", text, flags=re.IGNORECASE).replace("<!--", "<\\!--")


def json_for_script(value: Any) -> str:
    r"""JSON that can sit inside ``<script type="application/json">`` whatever the strings hold.

    >>> json_for_script({"a": "</script><b>&\u2028"})
    '{"a": "\\u003c/script\\u003e\\u003cb\\u003e\\u0026\\u2028"}'
    """
    text = json.dumps(value, ensure_ascii=False)
    for char in ("<", ">", "&", "\u2028", "\u2029"):
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


def _sha256(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def select_nodes(G: nx.MultiDiGraph, max_nodes: int) -> list[Any]:
    """The ``max_nodes`` most central nodes: by weighted degree, then degree, then label.

    >>> G = nx.MultiDiGraph(); _ = G.add_edge("a", "b", "x", weight=3); _ = G.add_edge("c", "b", "x", weight=1)
    >>> select_nodes(G, 2)
    ['b', 'a']
    """
    strength = weighted_degree(G)
    degree = dict(G.degree())
    ranked = sorted(G.nodes, key=lambda n: (-strength[n], -degree[n], str(G.nodes[n].get("label", n)), str(n)))
    return ranked[:max_nodes]


def _options(n_nodes: int, n_edges: int) -> dict[str, Any]:
    """vis-network options from pyvis, tuned for the size of the graph."""
    from pyvis.network import Network

    net = Network(directed=True)
    net.barnes_hut(gravity=-6000, central_gravity=0.35, spring_length=140, spring_strength=0.03,
                   damping=0.15, overlap=0)
    net.toggle_stabilization(True)
    large = n_nodes > 300
    net.toggle_hide_edges_on_drag(large)
    options = json.loads(net.options.to_json())
    options.pop("configure", None)
    # Fewer iterations on large graphs: the barnesHut step is O(n log n) per iteration.
    iterations = 1000 if n_nodes <= 200 else max(150, int(200_000 / max(n_nodes, 1)))
    options["physics"]["stabilization"] = {"enabled": True, "iterations": iterations,
                                           "updateInterval": 25 if n_nodes <= 300 else 5, "fit": True}
    options["physics"]["minVelocity"] = 0.75
    options["physics"]["barnesHut"]["theta"] = 0.5 if n_nodes <= 300 else 0.9
    # Actors with the same neighbours (two states that always act together) must not sit on each other.
    options["physics"]["barnesHut"]["avoidOverlap"] = 0.6 if n_nodes <= 300 else 0
    options["physics"]["adaptiveTimestep"] = n_nodes <= 300
    options["edges"] = {
        "smooth": False if large else {"enabled": True, "type": "continuous", "roundness": 0.3},
        "color": {"inherit": False},
        "font": {"size": 10, "color": "#555", "strokeWidth": 3, "align": "middle"},
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
        "selectionWidth": 2,
    }
    options["nodes"] = {
        "shape": "dot",
        "scaling": {"min": 8, "max": 40, "label": {"enabled": True, "min": 11, "max": 22,
                                                           "drawThreshold": 3 if n_nodes <= 150 else 6}},
        "font": {"size": 13, "color": "#222", "strokeWidth": 3},
        "borderWidth": 1,
    }
    options["interaction"].update({"hover": True, "tooltipDelay": 120, "navigationButtons": False,
                                   "keyboard": False, "multiselect": False, "hideEdgesOnZoom": large})
    options["layout"] = {"improvedLayout": n_nodes <= 150, "randomSeed": 7}
    return options


def _legend(kinds: set[str]) -> dict[str, str]:
    """Legend entries for the kinds on the page (both kinds of organisation share one colour)."""
    if "IntergovernmentalOrganization" in kinds:
        kinds = (kinds - {"IntergovernmentalOrganization"}) | {"Organization"}
    return {k: v for k, v in KIND_NAMES.items() if k in kinds}


def _payload(G: nx.MultiDiGraph, *, title: str, max_nodes: int) -> dict[str, Any]:
    """The JSON the page script reads: nodes, edges, evidence, options and counts."""
    from pyvis.network import Network

    keep = select_nodes(G, max_nodes) if G.number_of_nodes() > max_nodes else list(G.nodes)
    H = G.subgraph(keep)
    strength = weighted_degree(H)
    index = {n: i for i, n in enumerate(keep)}
    net = Network(directed=True)
    blocs: dict[int, str] = {}
    for n in keep:
        attrs = H.nodes[n]
        kind = attrs.get("kind", "Other") if attrs.get("kind") in KIND_COLORS else "Other"
        color: Any = KIND_COLORS[kind]
        bloc = {}
        if attrs.get("bloc"):  # set by alignment.annotate_blocs: the fill says the kind, the ring the bloc
            bloc = {"bloc": int(attrs["bloc"]), "borderWidth": 4}
            color = {"background": KIND_COLORS[kind], "border": attrs["bloc_color"],
                     "highlight": {"background": KIND_COLORS[kind], "border": attrs["bloc_color"]}}
            blocs[int(attrs["bloc"])] = attrs["bloc_color"]
        net.add_node(index[n], label=str(attrs.get("label") or n), color=color,
                     value=max(1, strength[n]), kind=kind, iri=str(n), strength=strength[n], **bloc)
    parallel: Counter[tuple[int, int]] = Counter()
    for u, v, key, attrs in H.edges(keys=True, data=True):
        a, b = index[u], index[v]
        pair = (min(a, b), max(a, b))
        rank = parallel[pair]
        parallel[pair] += 1
        weight = int(attrs.get("weight", 1) or 1)
        stance = attrs.get("stance", "none") if attrs.get("stance") in STANCE_COLORS else "none"
        predicate = str(attrs.get("predicate", key))
        extra = {}
        if rank or a == b:  # fan out parallel edges so that each can be hovered
            extra["smooth"] = {"enabled": True, "type": "curvedCW" if rank % 2 else "curvedCCW",
                               "roundness": 0.15 * (1 + rank // 2)}
        net.add_edge(a, b, id=len(net.edges), color=STANCE_COLORS[stance],
                     width=round(1 + 1.5 * math.log2(weight), 2), predicate=predicate,
                     label=str(attrs.get("label") or predicate), stance=stance, weight=weight,
                     evidence=[{**{k: str(ev.get(k) or "") for k in ("sentence", "title", "date", "source", "article")},
                                **({"said_by": str(ev["said_by"])} if ev.get("said_by") else {})}
                               for ev in attrs.get("evidence", [])], **extra)
    nodes, edges = net.get_network_data()[:2]
    return {
        "title": title,
        "shown": len(keep),
        "total": G.number_of_nodes(),
        "edgesShown": len(edges),
        "edgesTotal": G.number_of_edges(),
        "limit": max_nodes,
        "layoutBudgetMs": LAYOUT_BUDGET_MS,
        "edgeLabels": len(edges) <= 150,
        "kindColors": {k: KIND_COLORS[k] for k in KIND_NAMES},
        "kindNames": KIND_NAMES,
        "legend": _legend({n["kind"] for n in nodes}),
        "blocs": {str(number): blocs[number] for number in sorted(blocs)},
        "stanceColors": STANCE_COLORS,
        "nodes": nodes,
        "edges": edges,
        "options": _options(len(keep), len(edges)),
    }


def render_html(G: nx.MultiDiGraph, *, title: str = "newskg", max_nodes: int = DEFAULT_MAX_NODES) -> tuple[str, dict]:
    """The page as a string, and the payload it embeds (see :func:`write_html`)."""
    if max_nodes < 1:
        raise ValueError(f"max_nodes must be at least 1, got {max_nodes}")
    payload = _payload(G, title=str(title), max_nodes=max_nodes)
    vis = _script_safe(_asset("vis-network.min.js"))
    app = _script_safe(_asset("view.js"))
    page = PAGE.format(
        csp=html.escape(CSP.format(hashes=f"{_sha256(vis)} {_sha256(app)}"), quote=True),
        title=html.escape(str(title)),
        css=_asset("view.css").replace("</", "<\\/"),
        data=json_for_script(payload),
        vis=vis,
        app=app,
    )
    return page, payload


def write_html(
    G: nx.MultiDiGraph,
    path: str | Path,
    *,
    title: str = "newskg",
    max_nodes: int = DEFAULT_MAX_NODES,
) -> ViewInfo:
    """Write ``G`` as one self-contained, offline HTML page and say what it shows.

    Nodes are coloured by kind, edges by stance (support green, oppose red,
    neutral grey) and widened by weight. Hovering or clicking an edge lists its
    evidence sentences with article title, date and source (and "said by" the office holder of an edge rolled up
    by ``build_network(..., offices=...)``); the page filters by
    predicate, stance, actor, article and date, and finds a node by name.
    Above ``max_nodes`` only the most central nodes (weighted degree) are kept
    and the page says "showing N of M nodes". The page is written atomically
    (:func:`newskg.graph.output.write_atomically`).
    """
    page, payload = render_html(G, title=title, max_nodes=max_nodes)
    path = write_atomically(path, page.encode("utf-8"))
    return ViewInfo(
        path=path,
        nodes_shown=payload["shown"],
        nodes_total=payload["total"],
        edges_shown=payload["edgesShown"],
        edges_total=payload["edgesTotal"],
        max_nodes=max_nodes,
    )
