"""SHACL validation of the RDF model (ontology/shapes.ttl, graph/validate.py, `newskg validate`)."""

from __future__ import annotations

import doctest

import pyoxigraph
import pytest
import typer
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD
from typer.testing import CliRunner

import newskg.graph.validate as validate_module
from newskg.extract.errors import InputError
from newskg.graph.cli_ontology import load_file, load_store, register
from newskg.graph.store import StoreMissingError
from newskg.graph.validate import validate
from newskg.ontology.ns import ID, NKG

DOC = "d41d8cd98f"
ARTICLE = ID[f"article/{DOC}"]
GRAPH = ID[f"graph/{DOC}"]
STATEMENT = ID["statement/5f1e"]
CHINA = ID["actor/china"]
ISSUE = ID["topic/nuclear-ballistic-missile-program"]


def article_graph(graph: Graph) -> Graph:
    """One article's named graph as README.md describes it."""
    add = graph.add
    add((ARTICLE, RDF.type, NKG.Article))
    add((ARTICLE, DCTERMS.title, Literal("Sanctions vote")))
    add((ARTICLE, DCTERMS.date, Literal("2017-08-07", datatype=XSD.date)))
    add((ARTICLE, DCTERMS.source, Literal("examples/articles/000.txt")))
    add((ARTICLE, DCTERMS.identifier, Literal(DOC)))
    add((CHINA, RDF.type, NKG.State))
    add((CHINA, RDFS.label, Literal("China")))
    add((CHINA, SKOS.altLabel, Literal("Beijing")))
    add((CHINA, NKG.iso3166Alpha2, Literal("CN")))
    add((CHINA, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q148")))
    add((ISSUE, RDF.type, NKG.Issue))
    add((ISSUE, RDFS.label, Literal("nuclear and ballistic missile programs")))
    add((CHINA, NKG.opposes, ISSUE))
    add((STATEMENT, RDF.type, NKG.Statement))
    add((STATEMENT, RDF.type, RDF.Statement))
    add((STATEMENT, RDF.subject, CHINA))
    add((STATEMENT, RDF.predicate, NKG.opposes))
    add((STATEMENT, RDF.object, ISSUE))
    add((STATEMENT, NKG.stance, NKG.Oppose))
    add((STATEMENT, NKG.polarity, Literal("oppose")))
    add((STATEMENT, NKG.relation, Literal("oppose")))
    add((STATEMENT, NKG.evidence, Literal("Beijing opposes its nuclear and ballistic missile programs.")))
    add((STATEMENT, NKG.startOffset, Literal(1234)))
    add((STATEMENT, NKG.endOffset, Literal(1302)))
    add((STATEMENT, NKG.negated, Literal(False)))
    add((STATEMENT, NKG.confidence, Literal(0.9)))  # a Python float: xsd:double
    add((STATEMENT, NKG.extractor, Literal("newskg 0.1.0")))
    add((STATEMENT, PROV.wasDerivedFrom, ARTICLE))
    return graph


def valid_dataset() -> Dataset:
    dataset = Dataset()
    article_graph(dataset.graph(GRAPH))
    return dataset


def test_module_docstrings_run():
    assert doctest.testmod(validate_module).failed == 0


def test_valid_dataset_conforms():
    report = validate(valid_dataset())
    assert report.conforms, report.text
    assert report.results == []
    assert report.text == "conforms: no problem found"


def test_valid_plain_graph_conforms_without_inference():
    report = validate(article_graph(Graph()), inference="none")
    assert report.conforms, report.text


def test_statement_without_evidence_is_named():
    dataset = valid_dataset()
    dataset.remove((STATEMENT, NKG.evidence, None, GRAPH))
    report = validate(dataset)
    assert not report.conforms
    assert len(report.results) == 1
    result = report.results[0]
    assert (result.focus, result.path) == ("id:statement/5f1e", "nkg:evidence")
    assert "evidence" in result.message
    assert "id:statement/5f1e nkg:evidence:" in report.text


def test_entity_without_label_is_named():
    dataset = valid_dataset()
    dataset.remove((ISSUE, RDFS.label, None, GRAPH))
    report = validate(dataset)
    assert not report.conforms
    assert [(r.focus, r.path) for r in report.results] == [("id:topic/nuclear-ballistic-missile-program", "rdfs:label")]
    assert "label" in report.results[0].message


@pytest.mark.parametrize("inference", ["rdfs", "none"])
def test_subclass_instances_are_checked(inference):
    graph = article_graph(Graph())
    person = ID["actor/liu-jieyi"]
    graph.add((person, RDF.type, NKG.Person))
    graph.add((STATEMENT, NKG.assertedBy, person))
    report = validate(graph, inference=inference)
    assert [(r.focus, r.path) for r in report.results] == [("id:actor/liu-jieyi", "rdfs:label")]


def test_rdfs_inference_types_a_node_through_a_range():
    graph = article_graph(Graph())
    graph.add((STATEMENT, NKG.assertedBy, ID["actor/unlabelled"]))  # typed nkg:Actor only by the range
    assert validate(graph, inference="none").conforms
    assert [r.focus for r in validate(graph).results] == ["id:actor/unlabelled"]


@pytest.mark.parametrize(
    ("triple_to_set", "path"),
    [
        ((NKG.confidence, Literal(1.5)), "nkg:confidence"),
        ((NKG.confidence, Literal("high")), "nkg:confidence"),
        ((NKG.polarity, Literal("maybe")), "nkg:polarity"),
        ((NKG.startOffset, Literal(2000)), "nkg:startOffset"),  # after the end offset
        ((NKG.startOffset, Literal("12")), "nkg:startOffset"),
        ((NKG.evidence, Literal("")), "nkg:evidence"),
        ((PROV.wasDerivedFrom, ID["article/unknown"]), "prov:wasDerivedFrom"),
        ((NKG.stance, NKG.Support), None),  # a second stance is fine only if it replaces the first
    ],
)
def test_statement_constraints(triple_to_set, path):
    graph = article_graph(Graph())
    graph.set((STATEMENT, *triple_to_set))
    report = validate(graph)
    if path is None:
        assert report.conforms, report.text
    else:
        assert not report.conforms
        assert {r.path for r in report.results} == {path}
        assert all(r.focus == "id:statement/5f1e" for r in report.results)


@pytest.mark.parametrize("prop", [RDF.subject, RDF.predicate, RDF.object, NKG.extractor, NKG.polarity])
def test_statement_needs_exactly_one(prop):
    missing = article_graph(Graph())
    missing.remove((STATEMENT, prop, None))
    extra = article_graph(Graph())
    extra.add((STATEMENT, prop, Literal("none") if prop in (NKG.extractor, NKG.polarity) else NKG.supports))
    for data in (missing, extra):
        report = validate(data)
        assert not report.conforms
        assert {r.path for r in report.results} >= {validate_module.short(prop)}


def test_article_needs_source_and_identifier():
    graph = article_graph(Graph())
    graph.remove((ARTICLE, DCTERMS.source, None))
    graph.remove((ARTICLE, DCTERMS.identifier, None))
    report = validate(graph)
    assert sorted((r.focus, r.path) for r in report.results) == [
        (f"id:article/{DOC}", "dcterms:identifier"),
        (f"id:article/{DOC}", "dcterms:source"),
    ]


def test_inference_option_is_checked():
    with pytest.raises(ValueError, match="inference must be one of"):
        validate(Graph(), inference="owl")


# ----------------------------------------------------------------- command line


@pytest.fixture()
def cli():
    app = typer.Typer()

    @app.callback()
    def _root() -> None:
        """newskg"""

    register(app)
    runner = CliRunner()
    return lambda *args: runner.invoke(app, list(args))


def test_cli_validates_a_file(cli, tmp_path):
    good = tmp_path / "good.trig"
    valid_dataset().serialize(good, format="trig")
    result = cli("validate", str(good))
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output

    broken = valid_dataset()
    broken.remove((STATEMENT, NKG.evidence, None, GRAPH))
    bad = tmp_path / "bad.ttl"
    to_turtle = Graph()
    for s, p, o, _ in broken.quads((None, None, None, None)):
        to_turtle.add((s, p, o))
    to_turtle.serialize(bad, format="turtle")
    result = cli("validate", str(bad))
    assert result.exit_code == 1
    assert "1 problem:" in result.output
    assert "id:statement/5f1e nkg:evidence" in result.output


def test_cli_validates_a_store(cli, tmp_path):
    store_dir = tmp_path / "store"
    store = pyoxigraph.Store(str(store_dir))
    store.load(valid_dataset().serialize(format="nquads").encode("utf-8"), format=pyoxigraph.RdfFormat.N_QUADS)
    store.flush()
    del store
    assert len(load_store(store_dir)) > 0
    result = cli("validate", "--store", str(store_dir))
    assert result.exit_code == 0, result.output


def test_cli_reports_unusable_input(cli, tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_file(tmp_path / "missing.ttl")
    odd = tmp_path / "data.xyz"
    odd.write_text("x")
    with pytest.raises(InputError, match="unknown RDF format"):
        load_file(odd)
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .")
    with pytest.raises(InputError, match="cannot be read as turtle"):
        load_file(broken)
    with pytest.raises(StoreMissingError, match="no store at"):  # as every command that reads a store says
        load_store(tmp_path / "nowhere")
    result = cli("validate", "--inference", "owl", str(broken))
    assert result.exit_code != 0
    assert isinstance(result.exception, InputError)
