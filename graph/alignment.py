"""Alignment: a signed actor-actor network from shared stances, and the blocs it falls into.

Two actors *agree* on a canonical topic when they take the same stance on
it and *disagree* when they take opposite ones. With ``mode="latest"`` (the
default) each actor's stance on a topic is the one of its latest statements,
so an actor that changed its mind is compared by where it stands now;
``mode="all"`` compares every stance ever taken. An edge's ``agree`` and
``disagree`` count topics; ``weight`` is their difference and ``sign`` its sign.

Blocs are Louvain communities (``networkx.community.louvain_communities``,
fixed seed) of the *positive part*: actors joined by edges whose agreements
outnumber disagreements, weighted by the difference. Disagreement only keeps
actors apart; it never pulls them together. Actors with no positive edge are
blocs of their own. :func:`frustration` lists the negative edges inside a bloc.

>>> from newskg.graph.timeline import Position
>>> def p(actor, stance, topic):
...     return Position(f"{actor}{stance}{topic}", actor, actor.upper(), stance, stance, topic, topic, topic, topic,
...                     "...", "d1", date="2017-09-05")
>>> G = signed_network([p("cn", "oppose", "sanction"), p("ru", "oppose", "sanction"), p("us", "support", "sanction")])
>>> G.edges["cn", "ru"]["sign"], G.edges["cn", "us"]["sign"], G.edges["cn", "us"]["disagree"]
(1, -1, 1)
>>> [sorted(b) for b in blocs(G)]
[['cn', 'ru'], ['us']]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

import networkx as nx
from newskg.graph.network import PREFIXES, query_rows
from newskg.graph.timeline import Position

__all__ = [
    "ANALYSIS_GRAPH",
    "BLOCS_QUERY",
    "annotate_blocs",
    "bloc_of",
    "bloc_quads",
    "blocs",
    "draw_blocs",
    "frustration",
    "load_parts",
    "related_pairs",
    "save_blocs",
    "signed_network",
]

ID = "https://w3id.org/newskg/id/"
NKG = "https://w3id.org/newskg/ontology#"
#: The named graph that holds computed analysis (blocs), apart from the article graphs.
ANALYSIS_GRAPH = ID + "graph/analysis"
_OPPOSITE = {"support": "oppose", "oppose": "support"}

#: The blocs saved by :func:`save_blocs`, as SPARQL over the store.
BLOCS_QUERY = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX nkg: <https://w3id.org/newskg/ontology#>
SELECT ?bloc ?blocLabel ?actor (SAMPLE(?name) AS ?actorLabel) WHERE {
  GRAPH <https://w3id.org/newskg/id/graph/analysis> { ?bloc a nkg:Bloc ; rdfs:label ?blocLabel ; nkg:member ?actor }
  OPTIONAL { GRAPH ?g { ?actor rdfs:label ?name } }
} GROUP BY ?bloc ?blocLabel ?actor ORDER BY ?blocLabel ?actorLabel
"""


#: Each organ or body and the organisation it is part of (``nkg:partOf``, from ontology/data/parts.tsv).
PARTS_QUERY = PREFIXES + """SELECT DISTINCT ?part ?whole WHERE { GRAPH ?g { ?part nkg:partOf ?whole } }"""


def load_parts(source: Any) -> dict[str, set[str]]:
    """Each actor of the store that is part of another, with the organisations it is part of."""
    parts: dict[str, set[str]] = defaultdict(set)
    for row in query_rows(source, PARTS_QUERY):
        parts[row["part"]].add(row["whole"])
    return dict(parts)


def related_pairs(parts: dict[str, set[str]]) -> set[frozenset[str]]:
    """Every pair of an actor and one of its wholes, near or far (an organ of an organ of the UN is in the UN).

    >>> sorted(sorted(p) for p in related_pairs({"sc": {"un"}, "sc-committee": {"sc"}}))
    [['sc', 'sc-committee'], ['sc', 'un'], ['sc-committee', 'un']]
    """
    pairs: set[frozenset[str]] = set()
    for part in parts:
        seen, todo = set(), list(parts[part])
        while todo:
            whole = todo.pop()
            if whole in seen or whole == part:
                continue
            seen.add(whole)
            pairs.add(frozenset((part, whole)))
            todo.extend(parts.get(whole, ()))
    return pairs


def _stances(positions: Iterable[Position], mode: str) -> dict[str, dict[str, set[str]]]:
    """topic -> actor -> the stances compared."""
    if mode not in ("latest", "all"):
        raise ValueError(f"mode must be 'latest' or 'all', got {mode!r}")
    items: dict[tuple[str, str], list[Position]] = defaultdict(list)
    for p in positions:
        items[(p.topic, p.actor)].append(p)
    table: dict[str, dict[str, set[str]]] = defaultdict(dict)
    for (topic, actor), ps in items.items():
        if mode == "latest":
            newest = max(p.when for p in ps)
            ps = [p for p in ps if p.when == newest]
        table[topic][actor] = {p.stance for p in ps}
    return table


def signed_network(positions: Sequence[Position], *, mode: str = "latest",
                   apart: set[frozenset[str]] = frozenset()) -> nx.Graph:
    """The signed alignment network of the actors that take stances.

    Nodes are actor IRIs with ``label``; an edge holds ``agree`` and
    ``disagree`` (numbers of topics), ``weight`` (agree - disagree), ``sign``
    (+1, -1 or 0) and the topic labels in ``agree_on`` and ``disagree_on``.
    Pairs in ``apart`` (an organ and its organisation, see :func:`related_pairs`)
    get no edge: an organ agreeing with its own organisation is no alignment.
    """
    positions = list(positions)
    labels = {p.actor: p.actor_label for p in positions}
    topic_labels = {p.topic: p.topic_label for p in positions}
    G = nx.Graph()
    for actor in sorted(labels):
        G.add_node(actor, label=labels[actor])
    for topic, stances in sorted(_stances(positions, mode).items()):
        actors = sorted(stances)
        for i, a in enumerate(actors):
            for b in actors[i + 1:]:
                if frozenset((a, b)) in apart:
                    continue
                same = len(stances[a] & stances[b])
                opposite = sum(1 for s in stances[a] if _OPPOSITE[s] in stances[b])
                if not same and not opposite:
                    continue
                if not G.has_edge(a, b):
                    G.add_edge(a, b, agree=0, disagree=0, agree_on=[], disagree_on=[])
                data = G.edges[a, b]
                if same:
                    data["agree"] += same
                    data["agree_on"].append(topic_labels[topic])
                if opposite:
                    data["disagree"] += opposite
                    data["disagree_on"].append(topic_labels[topic])
    for _, _, data in G.edges(data=True):
        data["weight"] = data["agree"] - data["disagree"]
        data["sign"] = (data["weight"] > 0) - (data["weight"] < 0)
    return G


def blocs(G: nx.Graph, *, seed: int = 7, resolution: float = 1.0) -> list[set[str]]:
    """Blocs of a signed network: Louvain communities of its positive part, largest first.

    Every node is in exactly one bloc; nodes with no positive edge are alone.
    """
    positive = nx.Graph()
    positive.add_nodes_from(G.nodes)
    positive.add_weighted_edges_from((u, v, d["weight"]) for u, v, d in G.edges(data=True) if d.get("weight", 0) > 0)
    if positive.number_of_edges():
        found = nx.community.louvain_communities(positive, weight="weight", resolution=resolution, seed=seed)
    else:
        found = [{n} for n in positive.nodes]
    label = lambda n: str(G.nodes[n].get("label", n))
    return sorted((set(b) for b in found), key=lambda b: (-len(b), sorted(label(n) for n in b)))


def bloc_of(groups: Sequence[set[str]]) -> dict[str, int]:
    """Node -> bloc number (1 for the largest bloc), for colouring a view.

    >>> bloc_of([{"a", "b"}, {"c"}])
    {'a': 1, 'b': 1, 'c': 2}
    """
    return {node: i for i, group in enumerate(groups, 1) for node in sorted(group)}


def frustration(G: nx.Graph, groups: Sequence[set[str]]) -> list[tuple[str, str, dict[str, Any]]]:
    """Negative edges inside a bloc: where the partition does not fit the signs."""
    number = bloc_of(groups)
    return [(u, v, d) for u, v, d in G.edges(data=True) if d["sign"] < 0 and number.get(u) == number.get(v)]


def bloc_quads(G: nx.Graph, groups: Sequence[set[str]], *, mode: str = "latest") -> list:
    """The blocs as RDF quads in :data:`ANALYSIS_GRAPH`: ``id/bloc/{n} a nkg:Bloc ; nkg:member <actor>``."""
    import pyoxigraph as ox

    graph = ox.NamedNode(ANALYSIS_GRAPH)
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    comment = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#comment")
    generated = ox.NamedNode("http://www.w3.org/ns/prov#generatedAtTime")
    stamp = ox.Literal(datetime.now(UTC).replace(microsecond=0).isoformat(),
                       datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#dateTime"))
    quads = []
    for number, group in enumerate(groups, 1):
        node = ox.NamedNode(f"{ID}bloc/{number}")
        names = sorted(str(G.nodes[n].get("label", n)) for n in group)
        quads += [
            ox.Quad(node, rdf_type, ox.NamedNode(NKG + "Bloc"), graph),
            ox.Quad(node, label, ox.Literal(f"bloc {number}: " + ", ".join(names[:4]) + (" ..." if len(names) > 4 else "")), graph),
            ox.Quad(node, comment, ox.Literal(f"Louvain community of the positive alignment network (stances: {mode})"), graph),
            ox.Quad(node, generated, stamp, graph),
        ]
        quads += [ox.Quad(node, ox.NamedNode(NKG + "member"), ox.NamedNode(member), graph) for member in sorted(group)]
    return quads


def save_blocs(store: Any, quads: Sequence) -> None:
    """Replace the analysis graph of a writable newskg ``Store`` (or ``pyoxigraph.Store``) with ``quads``."""
    import pyoxigraph as ox

    oxi = getattr(store, "oxigraph", None) or store
    if not isinstance(oxi, ox.Store):
        from newskg.graph.store import StoreError

        raise StoreError("blocs can be saved to a local store only; run `newskg blocs --save` on the store directory")
    graph = ox.NamedNode(ANALYSIS_GRAPH)
    if oxi.contains_named_graph(graph):
        oxi.remove_graph(graph)
    oxi.extend(quads)


#: Colours of the first blocs (then repeated); actors alone in their bloc are grey.
BLOC_COLORS = ("#4e79a7", "#e15759", "#59a14f", "#f28e2b", "#b07aa1", "#76b7b2", "#edc948", "#ff9da7")
_ALONE = "#bab0ac"


def annotate_blocs(network: nx.MultiDiGraph, groups: Sequence[set[str]]) -> nx.MultiDiGraph:
    """Mark the actors of a network (:func:`newskg.graph.network.build_network`) with their bloc.

    Sets the node attributes ``bloc`` (number) and ``bloc_color`` on actors in
    a bloc of two or more; the interactive view rings them in the bloc's colour
    and lists the blocs in its legend. Returns the same graph.
    """
    number = bloc_of(groups)
    sizes = {i: len(g) for i, g in enumerate(groups, 1)}
    for node, data in network.nodes(data=True):
        if node in number and sizes[number[node]] > 1:
            data["bloc"] = number[node]
            data["bloc_color"] = BLOC_COLORS[(number[node] - 1) % len(BLOC_COLORS)]
    return network


def _bloc_layout(G: nx.Graph, groups: Sequence[set[str]]) -> dict[str, tuple[float, float]]:
    """Blocs on a circle, each bloc's members on a small circle around its centre, lone actors in a row below."""
    import math

    pos: dict[str, tuple[float, float]] = {}
    shared = [sorted(g, key=lambda n: str(G.nodes[n].get("label", n))) for g in groups if len(g) > 1]
    alone = sorted((n for g in groups if len(g) == 1 for n in g), key=lambda n: str(G.nodes[n].get("label", n)))
    for i, members in enumerate(shared):
        angle = math.pi + 2 * math.pi * i / max(1, len(shared))
        cx, cy = (math.cos(angle), 0.6 * math.sin(angle)) if len(shared) > 1 else (0.0, 0.0)
        radius = 0.12 + 0.05 * len(members)
        for j, node in enumerate(members):
            a = 2 * math.pi * j / len(members) + math.pi / 4
            pos[node] = (cx + radius * math.cos(a), cy + radius * math.sin(a))
    for j, node in enumerate(alone):
        pos[node] = (-1.2 + 2.4 * (j + 0.5) / len(alone), -1.1)
    return pos


def draw_blocs(G: nx.Graph, groups: Sequence[set[str]], path, *, title: str = "alignment blocs"):
    """Draw the signed network: actors coloured by bloc, agreement edges solid green, disagreement dashed red.

    Edge width grows with the number of topics; returns the path written (PNG or SVG).
    """
    import matplotlib

    matplotlib.use("Agg")
    from pathlib import Path

    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    number = bloc_of(groups)
    sizes = {i: len(g) for i, g in enumerate(groups, 1)}
    colour = {n: BLOC_COLORS[(number[n] - 1) % len(BLOC_COLORS)] if sizes[number[n]] > 1 else _ALONE for n in G}
    pos = _bloc_layout(G, groups)
    fig, ax = plt.subplots(figsize=(10, 7), dpi=110)
    ax.set_axis_off()
    for sign, style, tint in ((1, "solid", "#2ca02c"), (-1, "dashed", "#d62728"), (0, "dotted", "#8c8c8c")):
        edges = [(u, v) for u, v, d in G.edges(data=True) if d["sign"] == sign]
        widths = [0.8 + 0.6 * abs(G.edges[u, v]["weight"]) for u, v in edges]
        nx.draw_networkx_edges(G, pos, edgelist=edges, style=style, edge_color=tint, width=widths, alpha=0.7, ax=ax)
    nx.draw_networkx_nodes(G, pos, node_color=[colour[n] for n in G], node_size=700, edgecolors="white", ax=ax)
    nx.draw_networkx_labels(G, pos, labels={n: G.nodes[n].get("label", n) for n in G}, font_size=9, ax=ax)
    handles = [Line2D([], [], marker="o", linestyle="", color=BLOC_COLORS[(i - 1) % len(BLOC_COLORS)],
                      label=f"bloc {i}") for i in sizes if sizes[i] > 1]
    handles += [Line2D([], [], marker="o", linestyle="", color=_ALONE, label="no bloc"),
                Line2D([], [], color="#2ca02c", label="agree (more topics)"),
                Line2D([], [], color="#d62728", linestyle="dashed", label="disagree")]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False)
    ax.set_title(title, fontsize=11)
    ax.margins(0.12)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return path
