"""The README's main job on the sample articles, through the command line, as a user runs it."""

import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph

from conftest import SEEDS
from newskg.graph.cli import main
from newskg.graph.cli_core import _count_inputs

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """A store built from examples/articles with `newskg build`, and the folder it lives in."""
    folder = tmp_path_factory.mktemp("demo")
    assert main(["build", str(SEEDS), "--store", str(folder / "store")]) == 0
    return folder


def _rows(capsys, *args) -> list[dict]:
    capsys.readouterr()
    assert main(["query", *args, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


STATEMENTS = """
SELECT ?subject ?predicate ?object ?evidence WHERE { GRAPH ?g {
  ?st a nkg:Statement ; rdf:subject/rdfs:label ?subject ; rdf:predicate ?predicate ;
      nkg:objectText ?object ; nkg:evidence ?evidence } }
"""


def test_query_lists_triples_with_their_evidence(demo, capsys):
    rows = _rows(capsys, STATEMENTS, "--store", str(demo / "store"))
    found = {(r["subject"], r["predicate"].rsplit("#", 1)[-1], r["object"]) for r in rows}
    assert ("China", "opposes", "its nuclear and ballistic missile programs") in found
    assert ("Russia", "opposes", "its nuclear and ballistic missile programs") in found
    urged = {(s, o.split()[0]) for s, p, o in found if p == "urges"}
    assert {("Russia", "diplomacy"), ("China", "diplomacy")} <= urged
    assert all(r["evidence"] for r in rows)


def test_sub_property_paths_find_every_stance(demo, capsys):
    store = ["--store", str(demo / "store")]
    by_path = _rows(capsys, """
        SELECT ?top (COUNT(*) AS ?n) WHERE {
          GRAPH ?g { ?st a nkg:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o }
          ?s ?p ?o . ?p rdfs:subPropertyOf* ?top . VALUES ?top { nkg:supports nkg:opposes } } GROUP BY ?top""", *store)
    # a claim someone else reports (nkg:assertedBy) is described by its statement, never asserted
    by_polarity = _rows(capsys, """
        SELECT ?polarity (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?st a nkg:Statement ; nkg:polarity ?polarity
          FILTER NOT EXISTS { ?st nkg:assertedBy ?speaker } } }
        GROUP BY ?polarity""", *store)
    claims = _rows(capsys, """
        SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?st nkg:assertedBy ?speaker ; rdf:subject ?s ;
          rdf:predicate ?p ; rdf:object ?o FILTER NOT EXISTS { ?s ?p ?o } } }""", *store)
    paths = {r["top"].rsplit("#", 1)[-1]: int(r["n"]) for r in by_path}
    polarity = {r["polarity"]: int(r["n"]) for r in by_polarity}
    assert paths == {"supports": polarity["support"], "opposes": polarity["oppose"]}
    assert paths["supports"] > 20 and paths["opposes"] > 10
    assert int(claims[0]["n"]) > 0


def test_demo_graph_conforms_to_the_shapes(demo):
    assert main(["validate", "--store", str(demo / "store")]) == 0


def test_turtle_export_reparses_in_rdflib_and_pyoxigraph(demo):
    target = demo / "graph.ttl"
    assert main(["export", "--store", str(demo / "store"), "--format", "turtle", "-o", str(target)]) == 0
    graph = Graph().parse(target, format="turtle")
    triples = list(ox.parse(path=str(target), format=ox.RdfFormat.TURTLE))
    assert len(graph) == len(set(triples)) > 1000


def test_trig_export_keeps_one_graph_per_article(demo):
    target = demo / "graph.trig"
    assert main(["export", "--store", str(demo / "store"), "--format", "trig", "-o", str(target)]) == 0
    dataset = Dataset()
    dataset.parse(target, format="trig")
    graphs = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert sum("/id/graph/" in g and "vocabulary" not in g for g in graphs) == 2


def test_building_again_changes_nothing(demo, tmp_path):
    store = demo / "store"
    before = _dump(store)
    copy = tmp_path / "renamed.txt"
    copy.write_bytes((SEEDS / "000_a2ed5babcf17c71c.txt").read_bytes())
    assert main(["build", str(SEEDS), str(copy), "--store", str(store)]) == 0
    assert _dump(store) == before


def _dump(store) -> list[str]:
    with_store = ox.Store.read_only(str(store))
    return sorted(str(q) for q in with_store)


def test_view_writes_an_offline_page(demo):
    page = demo / "graph.html"
    assert main(["view", "--store", str(demo / "store"), "-o", str(page)]) == 0
    html = page.read_text(encoding="utf-8")
    assert "Content-Security-Policy" in html and "https://" not in html.split("<script", 1)[0].replace(
        "https://w3id.org", "")


def test_the_readme_query_of_who_opposes_whom_runs_on_the_samples(demo, capsys):
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    block = readme.split("**Targets.**", 1)[1]
    query = re.search(r"```sparql\n(.*?)```", block, re.S).group(1)
    rows = _rows(capsys, query, "--store", str(demo / "store"))
    pairs = {(r["who"].rsplit("/", 1)[-1], r["whom"].rsplit("/", 1)[-1]) for r in rows}
    assert pairs and all(who != whom for who, whom in pairs)
    assert ("china", "united-states") in pairs or ("russia", "united-states") in pairs, pairs


def _readme_table(marker: str) -> list[dict]:
    """The first markdown table after ``marker`` in the README, as rows (a ``...`` row ends it)."""
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    lines = readme.split(marker, 1)[1].splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("|"))
    table = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        table.append([cell.strip() for cell in line.strip("|").split("|")])
    header, rows = table[0], [row for row in table[2:] if row[0] != "..."]
    return [dict(zip(header, row)) for row in rows]


def _csv(capsys, *args) -> list[dict]:
    import csv
    import io

    capsys.readouterr()
    assert main([*args, "--format", "csv"]) == 0
    return list(csv.DictReader(io.StringIO(capsys.readouterr().out)))


@pytest.mark.parametrize("marker, command", [
    ("`newskg actors` counts each actor's statements by kind", ["actors"]),
    ("`newskg who --opposes thaad`\n", ["who", "--opposes", "thaad"]),
    ("`newskg compare China \"United States\"`\n", ["compare", "China", "United States"]),
])
def test_the_readme_analyst_examples_print_what_the_readme_shows(demo, capsys, marker, command):
    shown = _readme_table(marker)
    printed = _csv(capsys, *command, "--store", str(demo / "store"))
    assert shown and len(printed) >= len(shown)
    for want, got in zip(shown, printed):
        for column, value in want.items():
            if value.endswith(", ..."):  # evidence shortened in the README
                assert got[column].startswith(value[:-len(", ...")]), (column, got[column])
            else:
                assert got[column] == value, (column, want, got)


def test_the_readme_example_of_an_ambiguous_topic_prints_what_the_readme_shows(demo, capsys):
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    block = re.search(r"\$ newskg who --supports resolution --store out/store\n(.*?)```", readme, re.S).group(1)
    capsys.readouterr()
    assert main(["who", "--supports", "resolution", "--store", str(demo / "store")]) == 2
    assert capsys.readouterr().err.strip().splitlines() == block.strip().splitlines()


def test_export_per_article_writes_one_file_per_article_of_a_built_store(demo, tmp_path):
    # a built store also holds its vocabulary graph, which is no article and names no file
    folder = tmp_path / "articles"
    assert main(["export", "--store", str(demo / "store"), "--per-article", str(folder), "--format", "turtle"]) == 0
    files = sorted(folder.iterdir())
    assert len(files) == len(list(SEEDS.glob("*.txt")))
    for path in files:
        graph = Graph().parse(path, format="turtle")
        titles = [str(o) for o in graph.objects(None, Graph().namespace_manager.expand_curie("dcterms:title"))]
        assert len(titles) == 1 and path.name.startswith(titles[0].lower().split()[0])


def test_an_input_repeating_another_is_counted_apart_from_the_store_s_articles(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    seed = sorted(SEEDS.glob("*.txt"))[0]
    for name in ("a.txt", "b.txt"):
        (folder / name).write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    capsys.readouterr()
    assert main(["build", str(folder), "--store", str(tmp_path / "store")]) == 0
    assert "1 article(s) added, 0 already in the store, 1 repeating another input, 0 failed" in capsys.readouterr().err
    assert main(["build", str(folder), "--store", str(tmp_path / "store")]) == 0
    assert "0 article(s) added, 2 already in the store, 0 failed" in capsys.readouterr().err  # both are in it now


def test_the_progress_bar_knows_how_many_files_it_will_read(tmp_path):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "b.md").write_text("x", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("x", encoding="utf-8")
    assert _count_inputs([str(tmp_path), str(tmp_path / "a.txt"), str(tmp_path / "missing.txt")]) == 4


def test_a_timeline_chart_of_undated_statements_is_refused_in_one_line(tmp_path, capsys):
    article = tmp_path / "undated.txt"
    article.write_text("Chile condemned the coup in Mali and called for elections.\n", encoding="utf-8")
    assert main(["build", str(article), "--store", str(tmp_path / "store")]) == 0
    capsys.readouterr()
    png = tmp_path / "chile.png"
    code = main(["timeline", "--actor", "Chile", "--store", str(tmp_path / "store"), "--png", str(png)])
    err = capsys.readouterr().err
    assert code == 3 and not png.exists()
    assert "has a date" in err and "Date:" in err
