"""The HTML page of the actor network: self-contained, escaped, cut to size; and ``newskg view``."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser

import networkx as nx
import pytest
import typer
from network_samples import dataset_to_oxigraph, envoy_dataset, sample_dataset
from typer.testing import CliRunner

from newskg.graph.network import STANCE_COLORS, build_network
from newskg.graph.view import json_for_script, render_html, select_nodes, write_html
from newskg.ontology.ns import ID

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

PAYLOADS = [
    "<script>document.title='pwned'</script>",
    "<img src=x onerror=\"document.title='pwned'\">",
    "\"><svg onload=document.title='pwned'>",
    "</option></select><script>document.title='pwned'</script>",
    "see href <a href=\"javascript:document.title='pwned'\">x</a>",
    "AT&T \"Q\" <b>",
    "line\u2028separator\u2029end <!-- </script",
]


class Tags(HTMLParser):
    """Collect start tags and the text of each <script>."""

    def __init__(self):
        super().__init__()
        self.tags, self.scripts, self._in = [], [], None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in = dict(attrs)
            self.scripts.append([dict(attrs), ""])

    def handle_endtag(self, tag):
        if tag == "script":
            self._in = None

    def handle_data(self, data):
        if self._in is not None:
            self.scripts[-1][1] += data


def parse(page: str) -> Tags:
    tags = Tags()
    tags.feed(page)
    return tags


def embedded(page: str) -> dict:
    tags = parse(page)
    (block,) = [text for attrs, text in tags.scripts if attrs.get("type") == "application/json"]
    return json.loads(block)


def payload_graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for i, text in enumerate(PAYLOADS):
        G.add_node(f"https://w3id.org/newskg/id/actor/p{i}", label=text, kind="Person")
    for i, text in enumerate(PAYLOADS):
        G.add_edge(f"https://w3id.org/newskg/id/actor/p{i}", f"https://w3id.org/newskg/id/actor/p{(i + 1) % len(PAYLOADS)}",
                   "criticizes", predicate="criticizes", label="criticizes", stance="oppose", weight=1,
                   evidence=[{"sentence": text, "title": text, "date": "2020-01-01", "source": text, "article": text}])
    return G


@pytest.fixture(scope="module")
def sample():
    return build_network(sample_dataset())


def test_page_is_one_file_that_loads_nothing(sample, tmp_path):
    info = write_html(sample, tmp_path / "g.html")
    page = info.path.read_text(encoding="utf-8")
    tags = parse(page)
    names = {tag for tag, _ in tags.tags}
    assert not names & {"link", "img", "iframe", "object", "embed", "a", "base", "form"}
    for tag, attrs in tags.tags:
        assert not set(attrs) & {"src", "href", "srcset", "action", "style"}, (tag, attrs)
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
    assert len(tags.scripts) == 3  # data, vis-network, the page script
    assert "vis.Network" in tags.scripts[2][1] and "DataSet" in tags.scripts[1][1]
    assert "sourceMappingURL" not in page and "cdnjs" not in page and "bootstrap" not in page


def test_content_security_policy_allows_only_the_page_scripts(sample):
    page, _ = render_html(sample)
    tags = parse(page)
    (csp,) = [a["content"] for t, a in tags.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert "default-src 'none'" in csp and "img-src data:" in csp and "style-src 'unsafe-inline'" in csp
    assert "unsafe-eval" not in csp and "script-src 'unsafe-inline'" not in csp
    for attrs, text in tags.scripts:
        digest = "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"
        assert (digest in csp) == (attrs.get("type") != "application/json")


def test_payload_carries_nodes_edges_and_evidence(sample):
    _, payload = render_html(sample, title="Demo")
    data = embedded(render_html(sample, title="Demo")[0])
    assert data == json.loads(json.dumps(payload))
    assert (data["shown"], data["total"], data["edgesShown"], data["edgesTotal"]) == (18, 18, 21, 21)
    nodes = {n["iri"]: n for n in data["nodes"]}
    china = nodes[str(ID["actor/china"])]
    assert china["label"] == "China" and china["kind"] == "State" and china["color"] == data["kindColors"]["State"]
    thaad = nodes[str(ID["topic/thaad"])]
    (edge,) = [e for e in data["edges"] if e["from"] == china["id"] and e["to"] == thaad["id"]]
    assert edge["color"] == STANCE_COLORS["oppose"] and edge["weight"] == 2 and edge["width"] > 1
    assert [e["date"] for e in edge["evidence"]] == ["2017-08-07", "2017-09-05"]
    single = [e for e in data["edges"] if e["weight"] == 1]
    assert all(e["width"] == 1 for e in single)
    assert data["options"]["physics"]["stabilization"]["enabled"] is True


def test_untrusted_text_never_appears_as_markup(tmp_path):
    title = "<script>document.title='pwned'</script>"
    page, _ = render_html(payload_graph(), title=title)
    tags = parse(page)
    block = [text for attrs, text in tags.scripts if attrs.get("type") == "application/json"][0]
    assert not re.search(r"[<>&\u2028\u2029]", block)
    for text in PAYLOADS:
        assert text not in page
    outside = page.replace(block, "")
    assert outside.count("pwned") == 1  # only in the escaped <title>
    assert len(tags.scripts) == 3
    assert "<title>&lt;script&gt;document.title=&#x27;pwned&#x27;&lt;/script&gt;</title>" in page
    data = json.loads(block)
    assert data["title"] == title
    assert sorted(n["label"] for n in data["nodes"]) == sorted(PAYLOADS)  # intact, only escaped
    assert {e["evidence"][0]["sentence"] for e in data["edges"]} == set(PAYLOADS)


def test_json_for_script_round_trips_any_text():
    text = "".join(PAYLOADS) + "\u0000\ud7ff\U0001f600"
    assert json.loads(json_for_script({"t": text}))["t"] == text


def test_large_graphs_keep_the_most_central_nodes(tmp_path):
    G = nx.MultiDiGraph()
    for hub in range(5):
        for leaf in range(10):
            G.add_edge(f"hub{hub}", f"leaf{hub}-{leaf}", "meetsWith", weight=hub + 1, stance="none",
                       predicate="meetsWith", label="meets with", evidence=[])
    info = write_html(G, tmp_path / "g.html", max_nodes=8)
    assert (info.nodes_shown, info.nodes_total, info.truncated) == (8, 55, True)
    data = embedded(info.path.read_text())
    kept = {n["iri"] for n in data["nodes"]}
    assert {"hub4", "hub3", "hub2", "hub1", "hub0"} <= kept
    index = {n["id"]: n["iri"] for n in data["nodes"]}
    assert all(index[e["from"]] in kept and index[e["to"]] in kept for e in data["edges"])
    assert data["limit"] == 8 and data["edgesShown"] == info.edges_shown == 3
    assert select_nodes(G, 2) == ["hub4", "hub3"]


def test_parallel_edges_are_fanned_out(sample):
    data = embedded(render_html(sample)[0])
    by_pair = {}
    for e in data["edges"]:
        by_pair.setdefault(frozenset((e["from"], e["to"])), []).append(e)
    pairs = [edges for edges in by_pair.values() if len(edges) > 1]
    assert pairs
    for edges in pairs:
        shapes = [json.dumps(e.get("smooth"), sort_keys=True) for e in edges]
        assert len(set(shapes)) == len(shapes)


def test_max_nodes_must_be_positive(sample):
    with pytest.raises(ValueError, match="at least 1"):
        render_html(sample, max_nodes=0)


# -- newskg view ----------------------------------------------------------------


@pytest.fixture()
def app():
    from newskg.graph.cli_view import register

    app = typer.Typer()
    app.callback()(lambda: None)
    register(app)
    return app


@pytest.fixture()
def store_dir(tmp_path):
    from newskg.graph.store import Store

    path = tmp_path / "store"
    with Store.open(path) as store:
        store.oxigraph.extend(dataset_to_oxigraph(sample_dataset()))
    return path


def test_view_command_writes_page_and_exports(app, store_dir, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(app, [
        "view", "--store", str(store_dir), "-o", str(out / "graph.html"), "--max-nodes", "5",
        "--gexf", str(out / "g.gexf"), "--graphml", str(out / "g.graphml"), "--png", str(out / "g.png"),
    ])
    assert result.exit_code == 0, result.output
    assert "5 of 18 nodes" in result.output
    assert embedded((out / "graph.html").read_text())["shown"] == 5
    assert nx.read_gexf(out / "g.gexf").number_of_edges() == 21
    assert nx.read_graphml(out / "g.graphml").number_of_nodes() == 18
    assert (out / "g.png").read_bytes()[:4] == b"\x89PNG"


def test_view_command_uses_the_common_defaults():
    from newskg.graph import cli, cli_view

    from newskg.graph.view import DEFAULT_MAX_NODES

    assert cli_view.DEFAULT_STORE == cli.DEFAULT_STORE
    assert cli_view.MAX_NODES == DEFAULT_MAX_NODES


def test_view_command_says_what_to_do_with_an_empty_or_missing_store(app, tmp_path):
    from newskg.extract.errors import NewskgError
    from newskg.graph.store import Store

    with Store.open(tmp_path / "empty"):
        pass
    result = CliRunner().invoke(app, ["view", "--store", str(tmp_path / "empty"), "-o", str(tmp_path / "g.html")])
    assert isinstance(result.exception, NewskgError) and "newskg build" in str(result.exception)
    result = CliRunner().invoke(app, ["view", "--store", str(tmp_path / "nowhere"), "-o", str(tmp_path / "g.html")])
    assert isinstance(result.exception, NewskgError)
    assert not (tmp_path / "g.html").exists()
    result = CliRunner().invoke(app, ["view", "--store", str(tmp_path / "empty"), "-o", str(tmp_path / "g.txt")])
    assert isinstance(result.exception, NewskgError) and ".html" in str(result.exception)


def test_view_as_state_draws_an_envoys_stance_from_the_state(app, tmp_path):
    from newskg.graph.store import Store

    with Store.open(tmp_path / "store") as store:
        store.oxigraph.extend(dataset_to_oxigraph(envoy_dataset()))
    liu, china, thaad = (str(ID[k]) for k in ("actor/liu-jieyi", "actor/china", "topic/thaad"))

    def page(*options):
        out = tmp_path / f"graph{len(options)}.html"
        result = CliRunner().invoke(app, ["view", "--store", str(tmp_path / "store"), "-o", str(out), *options])
        assert result.exit_code == 0, result.output
        data = embedded(out.read_text(encoding="utf-8"))
        iri = {n["id"]: n["iri"] for n in data["nodes"]}
        return data, {(iri[e["from"]], iri[e["to"]], e["predicate"]): e for e in data["edges"]}

    data, edges = page()
    assert data["title"] == "newskg" and (liu, thaad, "opposes") in edges
    assert edges[(china, thaad, "opposes")]["weight"] == 1
    assert not any("said_by" in ev for e in edges.values() for ev in e["evidence"])

    data, rolled = page("--as-state")
    assert data["title"] == "newskg (office holders counted for their state)"
    assert (liu, thaad, "opposes") not in rolled
    edge = rolled[(china, thaad, "opposes")]
    assert edge["weight"] == 2 and edge["stance"] == "oppose"
    assert [ev["said_by"] for ev in edge["evidence"] if "said_by" in ev] == ["Liu Jieyi"]
    assert rolled[(liu, china, "envoyOf")]["evidence"] == edges[(liu, china, "envoyOf")]["evidence"]
    assert '"said by " + ev.said_by' in parse(render_html(nx.MultiDiGraph())[0]).scripts[2][1]  # as textContent
