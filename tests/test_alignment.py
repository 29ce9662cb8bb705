"""The signed alignment network and its blocs, on a hand-built set of positions."""

import pyoxigraph as ox
import pytest
from newskg.graph.alignment import (
    ANALYSIS_GRAPH,
    BLOCS_QUERY,
    annotate_blocs,
    bloc_of,
    bloc_quads,
    blocs,
    draw_blocs,
    frustration,
    save_blocs,
    signed_network,
)
from newskg.graph.timeline import Position


def _p(actor, stance, topic, date="2020-01-01"):
    return Position(statement=f"{actor}{stance}{topic}{date}", actor=actor, actor_label=actor.upper(), stance=stance,
                    relation=stance, object=topic, object_label=topic, topic=topic, topic_label=topic, evidence="...",
                    article=f"d{date}", date=date)


# Two camps: a, b, c against sanctions and for talks; x, y for sanctions; z alone on another topic.
POSITIONS = [
    _p("a", "oppose", "sanction"), _p("b", "oppose", "sanction"), _p("c", "oppose", "sanction"),
    _p("x", "support", "sanction"), _p("y", "support", "sanction"),
    _p("a", "support", "talks"), _p("b", "support", "talks"), _p("x", "support", "talks"),
    _p("x", "oppose", "war"), _p("y", "oppose", "war"),
    _p("z", "support", "tariff"),
]


def test_signed_edges_count_topics():
    G = signed_network(POSITIONS)
    assert (G.edges["a", "b"]["agree"], G.edges["a", "b"]["disagree"], G.edges["a", "b"]["sign"]) == (2, 0, 1)
    assert sorted(G.edges["a", "b"]["agree_on"]) == ["sanction", "talks"]
    # a and x disagree on sanctions but agree on talks: the edge nets out to zero
    assert (G.edges["a", "x"]["agree"], G.edges["a", "x"]["disagree"], G.edges["a", "x"]["weight"]) == (1, 1, 0)
    assert (G.edges["c", "y"]["weight"], G.edges["c", "y"]["sign"]) == (-1, -1)
    assert (G.edges["x", "y"]["weight"]) == 2
    assert not G.has_edge("z", "a") and "z" in G


def test_blocs_follow_the_positive_part():
    G = signed_network(POSITIONS)
    groups = blocs(G)
    assert [sorted(g) for g in groups] == [["a", "b", "c"], ["x", "y"], ["z"]]
    assert bloc_of(groups) == {"a": 1, "b": 1, "c": 1, "x": 2, "y": 2, "z": 3}
    assert frustration(G, groups) == []


def test_latest_stance_replaces_an_old_one():
    later = [*POSITIONS, _p("c", "support", "sanction", date="2021-01-01")]
    G = signed_network(later)  # c changed sides on sanctions
    assert G.edges["c", "x"]["sign"] == 1 and G.edges["c", "a"]["sign"] == -1
    everything = signed_network(later, mode="all")
    assert (everything.edges["c", "a"]["agree"], everything.edges["c", "a"]["disagree"]) == (1, 1)
    with pytest.raises(ValueError):
        signed_network(POSITIONS, mode="sometimes")


def test_frustration_lists_disagreement_inside_a_bloc():
    G = signed_network(POSITIONS)
    assert [(u, v) for u, v, _ in frustration(G, [{"a", "b", "c", "x", "y"}, {"z"}]) if {u, v} == {"c", "y"}]


def test_blocs_as_rdf_in_the_analysis_graph():
    iri = "https://w3id.org/newskg/id/actor/"
    G = signed_network([Position(**{**p.__dict__, "actor": iri + p.actor}) for p in POSITIONS])
    store = ox.Store()
    save_blocs(store, bloc_quads(G, blocs(G)))
    save_blocs(store, bloc_quads(G, blocs(G)))  # saving again replaces, never adds
    rows = [(s["blocLabel"].value.split(":")[0], s["actor"].value.rsplit("/", 1)[-1]) for s in store.query(BLOCS_QUERY)]
    assert sorted(rows) == [("bloc 1", "a"), ("bloc 1", "b"), ("bloc 1", "c"), ("bloc 2", "x"), ("bloc 2", "y"),
                            ("bloc 3", "z")]
    assert {q.graph_name.value for q in store.quads_for_pattern(None, None, None, None)} == {ANALYSIS_GRAPH}


def test_view_network_nodes_get_their_bloc(tmp_path):
    import networkx as nx

    network = nx.MultiDiGraph()
    network.add_node("a", label="A", kind="State")
    network.add_node("z", label="Z", kind="State")
    network.add_node("t", label="talks", kind="Issue")
    G = signed_network(POSITIONS)
    annotate_blocs(network, blocs(G))
    assert network.nodes["a"]["bloc"] == 1 and network.nodes["a"]["label"] == "A"
    assert "bloc" not in network.nodes["z"] and "bloc" not in network.nodes["t"]  # alone, or not an actor
    assert draw_blocs(G, blocs(G), tmp_path / "blocs.png").stat().st_size > 1000


def test_module_examples_run():
    import doctest

    from newskg.graph import alignment, timeline

    assert doctest.testmod(alignment).failed == 0
    assert doctest.testmod(timeline).failed == 0


def test_view_colours_actors_by_bloc():
    import networkx as nx
    from newskg.graph.alignment import BLOC_COLORS
    from newskg.graph.view import render_html

    network = nx.MultiDiGraph()
    for node, label in (("a", "A"), ("b", "B"), ("z", "Z")):
        network.add_node(node, label=label, kind="State")
    network.add_edge("a", "b", "supports", predicate="supports", label="supports", stance="support", weight=1,
                     evidence=[])
    _, payload = render_html(annotate_blocs(network, blocs(signed_network(POSITIONS))))
    nodes = {n["iri"]: n for n in payload["nodes"]}
    assert (nodes["a"]["bloc"], nodes["a"]["color"]["border"], nodes["a"]["label"]) == (1, BLOC_COLORS[0], "A")
    assert payload["blocs"] == {"1": BLOC_COLORS[0]}
    assert "bloc" not in nodes["z"]
