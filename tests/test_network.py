"""The actor network built from statement nodes, and its GEXF/GraphML/PNG exports."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from network_samples import (
    ARTICLES,
    add_article,
    add_entity,
    add_statement,
    dataset_to_oxigraph,
    envoy_dataset,
    sample_dataset,
)
from rdflib import Dataset, Literal
from rdflib.namespace import RDF

from newskg.extract.errors import InputError
from newskg.graph.network import build_network, draw_overview, query_rows, to_gexf, to_graphml
from newskg.graph.timeline import load_offices
from newskg.ontology.ns import ID, NKG

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

CHINA, RUSSIA, THAAD = (str(ID[k]) for k in ("actor/china", "actor/russia", "topic/thaad"))


@pytest.fixture(scope="module")
def sample():
    return build_network(sample_dataset())


def _edges(G):
    return sorted((u, v, k, json.dumps(d, sort_keys=True)) for u, v, k, d in G.edges(keys=True, data=True))


def test_nodes_have_labels_and_kinds(sample):
    assert sample.number_of_nodes() == 18
    assert sample.nodes[CHINA] == {"label": "China", "kind": "State"}
    assert sample.nodes[str(ID["actor/un-security-council"])]["kind"] == "IntergovernmentalOrganization"
    assert sample.nodes[str(ID["actor/liu-jieyi"])]["kind"] == "Person"
    assert sample.nodes[str(ID["document/resolution-2371"])]["kind"] == "Document"
    assert sample.nodes[str(ID["document/joint-statement"])]["kind"] == "Document"
    assert sample.nodes[THAAD] == {"label": "THAAD", "kind": "Issue"}


def test_statements_about_one_relation_add_up_with_their_evidence(sample):
    edge = sample.edges[CHINA, THAAD, "demandsRemovalOf"]
    assert edge["predicate"] == "demandsRemovalOf"
    assert edge["label"] == "demands removal of"
    assert edge["stance"] == "oppose"
    assert edge["weight"] == 2
    assert [(e["title"], e["date"], e["source"]) for e in edge["evidence"]] == [
        ARTICLES["a1"], ARTICLES["a2"]]  # sorted by date
    assert edge["evidence"][0]["sentence"] == "They want provocative US THAAD missile systems in South Korea withdrawn."
    assert edge["evidence"][1]["article"] == str(ID["article/a2"])


def test_edges_are_keyed_by_predicate_with_stance(sample):
    assert sample.number_of_edges() == 21
    china_sanction = sample.get_edge_data(CHINA, str(ID["topic/sanction"]))
    assert set(china_sanction) == {"supports", "opposes"}
    assert china_sanction["supports"]["stance"] == "support"
    assert china_sanction["opposes"]["stance"] == "oppose"
    adopts = sample.edges[str(ID["actor/un-security-council"]), str(ID["document/resolution-2371"]), "adopts"]
    assert adopts["stance"] == "none"  # neutral actions have no stance


def test_pyoxigraph_store_and_rdflib_dataset_give_the_same_network(sample):
    G = build_network(dataset_to_oxigraph(sample_dataset()))
    assert dict(G.nodes(data=True)) == dict(sample.nodes(data=True))
    assert _edges(G) == _edges(sample)


def test_newskg_store_is_read_through_its_oxigraph():
    from newskg.graph.store import Store

    with Store.open(None) as store:
        store.oxigraph.extend(dataset_to_oxigraph(sample_dataset()))
        G = build_network(store)
    assert G.number_of_edges() == 21


def _one_article(*statements, entities=True):
    ds = Dataset()
    g = add_article(ds, "d", "T", "2020-01-02", "t.txt")
    for subject, predicate, obj, kwargs in statements:
        if entities:
            add_entity(g, ID[subject], NKG.State, subject.split("/")[-1].title())
            add_entity(g, ID[obj], NKG.Issue, obj.split("/")[-1])
        add_statement(g, "d", ID[subject], NKG[predicate], ID[obj], **kwargs)
    return ds, g


def test_negated_statements_are_left_out_unless_asked_for():
    ds, _ = _one_article(
        ("actor/a", "supports", "topic/x", {"polarity": "support", "sentence": "A backs X."}),
        ("actor/a", "opposes", "topic/x", {"polarity": "oppose", "sentence": "A does not oppose X.", "negated": True}),
    )
    G = build_network(ds)
    assert list(G.edges(keys=True)) == [(str(ID["actor/a"]), str(ID["topic/x"]), "supports")]
    G = build_network(ds, include_negated=True)
    negated = G.edges[str(ID["actor/a"]), str(ID["topic/x"]), "opposes:negated"]
    assert negated["negated"] is True and negated["stance"] == "none" and negated["label"] == "not opposes"


def test_stance_falls_back_to_the_stance_term_and_labels_to_the_text():
    ds, g = _one_article(("actor/b", "rejects", "topic/y", {"polarity": "oppose", "sentence": "B rejects Y."}),
                         entities=False)
    for st in list(g.subjects(RDF.type, NKG.Statement)):
        g.remove((st, NKG.polarity, None))
        g.add((st, NKG.subjectText, Literal("Bee")))
    G = build_network(ds)
    edge = G.edges[str(ID["actor/b"]), str(ID["topic/y"]), "rejects"]
    assert edge["stance"] == "oppose"  # from nkg:stance nkg:Oppose
    assert G.nodes[str(ID["actor/b"])] == {"label": "Bee", "kind": "Organization"}  # untyped actor
    assert G.nodes[str(ID["topic/y"])] == {"label": "y", "kind": "Issue"}


LIU, DIPLOMACY, NEBENZYA = (str(ID[k]) for k in ("actor/liu-jieyi", "topic/diplomacy", "actor/vasily-nebenzya"))


def test_without_offices_an_envoys_stance_stays_with_the_envoy():
    G = build_network(envoy_dataset())
    assert G.has_edge(LIU, THAAD, "opposes") and G.edges[CHINA, THAAD, "opposes"]["weight"] == 1
    assert all("said_by" not in e for _, _, d in G.edges(data=True) for e in d["evidence"])


def test_with_offices_an_envoys_stance_moves_to_the_state_and_names_the_envoy():
    ds = envoy_dataset()
    plain, G = build_network(ds), build_network(ds, offices=load_offices(ds))
    assert not G.has_edge(LIU, THAAD)
    edge = G.edges[CHINA, THAAD, "opposes"]
    assert (edge["stance"], edge["weight"]) == ("oppose", 2)
    assert sorted((e["sentence"], e.get("said_by", "")) for e in edge["evidence"]) == [
        ("China opposes THAAD.", ""),
        ("China's UN envoy Liu Jieyi said Beijing opposes the THAAD deployment.", "Liu Jieyi"),
    ]
    # the affiliation and the action are unchanged, and a2 gives Liu no office: his stance there stays his
    for key, u, v in (("envoyOf", LIU, CHINA), ("meetsWith", LIU, NEBENZYA), ("supports", LIU, DIPLOMACY)):
        assert G.edges[u, v, key] == plain.edges[u, v, key]
    assert G.nodes[LIU] == {"label": "Liu Jieyi", "kind": "Person"}
    assert build_network(dataset_to_oxigraph(ds), offices=load_offices(ds)).edges[CHINA, THAAD, "opposes"] == edge


def test_an_empty_dataset_gives_an_empty_network():
    G = build_network(Dataset())
    assert G.number_of_nodes() == 0 and G.number_of_edges() == 0


def test_query_rows_refuses_other_objects():
    with pytest.raises(InputError, match="pyoxigraph.Store"):
        list(query_rows(object(), "SELECT * WHERE { ?s ?p ?o }"))


def test_gexf_and_graphml_read_back_with_evidence(sample, tmp_path):
    for writer, reader, name in ((to_gexf, nx.read_gexf, "g.gexf"), (to_graphml, nx.read_graphml, "g.graphml")):
        path = writer(sample, tmp_path / "sub" / name)
        back = reader(path)
        assert back.number_of_nodes() == sample.number_of_nodes()
        assert back.number_of_edges() == sample.number_of_edges()
        assert back.nodes[CHINA]["label"] == "China" and back.nodes[CHINA]["kind"] == "State"
        data = [d for u, v, d in back.edges(data=True) if (u, v) == (CHINA, THAAD)][0]
        assert data["stance"] == "oppose" and int(data["weight"]) == 2
        assert json.loads(data["evidence"]) == sample.edges[CHINA, THAAD, "demandsRemovalOf"]["evidence"]


def test_draw_overview_writes_png_and_svg(sample, tmp_path):
    png = draw_overview(sample, tmp_path / "g.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 20_000
    svg = draw_overview(sample, tmp_path / "g.svg", labels=3)
    text = svg.read_text()
    assert "<svg" in text and "China" in text and "18 of 18 nodes" in text
    with pytest.raises(InputError, match=".png or .svg"):
        draw_overview(sample, tmp_path / "g.jpg")


def test_draw_overview_cuts_large_graphs(tmp_path):
    G = nx.MultiDiGraph()
    for i in range(40):
        G.add_node(f"n{i}", label=f"N{i}", kind="State")
        G.add_edge("n0", f"n{i}", "meetsWith", weight=1, stance="none")
    svg = draw_overview(G, tmp_path / "g.svg", max_nodes=10).read_text()
    assert "10 of 40 nodes" in svg
