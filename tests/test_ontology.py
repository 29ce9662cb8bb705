"""The vocabulary: newskg.ttl, ns.py and predicates.tsv agree; the predicate table; the JSON-LD context."""

from __future__ import annotations

import doctest
import json

import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD

import newskg.ontology.build as build
import newskg.ontology.predicates as predicates
import newskg.ontology.resources as ontology_resources
from newskg.ontology.ns import ID, NKG
from newskg.ontology.predicates import load_predicates, parse_predicates, stance_of
from newskg.ontology.resources import load_context, ontology_path

CAMEO = build.CAMEO


@pytest.fixture(scope="module")
def ttl() -> Graph:
    return Graph().parse(ontology_path(), format="turtle")


def _terms_in_ttl(graph: Graph) -> set[str]:
    base = str(NKG._NS)
    return {str(s)[len(base) :] for s in graph.subjects(RDF.type, None) if isinstance(s, URIRef) and str(s).startswith(base)}


def test_module_docstrings_run():
    for module in (predicates, build, ontology_resources):
        assert doctest.testmod(module).failed == 0, module.__name__


def test_ttl_defines_exactly_the_ns_terms(ttl):
    assert _terms_in_ttl(ttl) == set(NKG.__annotations__)


def test_every_term_has_label_and_comment(ttl):
    for term in NKG.__annotations__:
        iri = NKG[term]
        assert ttl.value(iri, RDFS.label) is not None, term
        assert ttl.value(iri, RDFS.comment) is not None, term


def test_ttl_block_is_generated_from_the_tsv():
    text = ontology_path().read_text(encoding="utf-8")
    assert build.rebuild(text, load_predicates()) == text


def test_readme_table_is_generated_from_the_tsv():
    readme = ontology_path().with_name("README.md").read_text(encoding="utf-8")
    assert readme.startswith("# The newskg RDF model")
    assert build.rebuild_readme(readme, load_predicates()) == readme
    for name, record in load_predicates().items():
        assert f"| `nkg:{name}` | {record.label} |" in readme


def test_rebuild_needs_the_markers():
    with pytest.raises(ValueError, match="BEGIN generated"):
        build.rebuild("nkg:x a owl:Class .\n", load_predicates())


def test_every_predicate_is_declared_as_in_the_tsv(ttl):
    table = load_predicates()
    assert set(table) <= set(NKG.__annotations__)
    for name, record in table.items():
        iri = NKG[name]
        assert (iri, RDF.type, OWL.ObjectProperty) in ttl, name
        assert str(ttl.value(iri, RDFS.label)) == record.label
        assert str(ttl.value(iri, RDFS.comment)) == record.comment
        parents = set(ttl.objects(iri, RDFS.subPropertyOf))
        assert parents == ({NKG[record.parent]} if record.parent else set()), name
        matches = set(ttl.objects(iri, SKOS.closeMatch))
        assert matches == ({URIRef(CAMEO + record.cameo)} if record.cameo else set()), name


def test_ttl_hierarchy_gives_the_same_stance_as_the_table(ttl):
    for name in load_predicates():
        ancestors = set(ttl.transitive_objects(NKG[name], RDFS.subPropertyOf))
        expected = "support" if NKG.supports in ancestors else "oppose" if NKG.opposes in ancestors else "none"
        assert stance_of(name) == expected, name
        assert len({NKG.supports, NKG.opposes, NKG.action, NKG.affiliation} & ancestors) == 1, name


def test_classes_reuse_standard_vocabularies(ttl):
    subclass = lambda a, b: b in set(ttl.transitive_objects(a, RDFS.subClassOf))  # noqa: E731
    for cls in (NKG.State, NKG.IntergovernmentalOrganization, NKG.Organization, NKG.Person):
        assert subclass(cls, NKG.Actor)
    for cls in (NKG.Resolution, NKG.Treaty, NKG.StatementDocument):
        assert subclass(cls, NKG.Document)
    assert subclass(NKG.Article, SDO.NewsArticle) and subclass(NKG.Article, PROV.Entity)
    assert subclass(NKG.Statement, RDF.Statement) and subclass(NKG.Statement, PROV.Entity)
    assert subclass(NKG.Person, PROV.Agent)
    stances = set(ttl.subjects(RDF.type, NKG.Stance))
    assert stances == {NKG.Support, NKG.Oppose, NKG.Neutral}


def test_predicate_table_reader():
    table = load_predicates()
    assert table["warnsAgainst"] == predicates.Predicate(
        "warnsAgainst", "opposes", "warns against", "13", "The subject warns against the object."
    )
    assert table["supports"].parent == "" and table["envoyOf"].cameo == ""
    assert {stance_of(n) for n in table} == {"support", "oppose", "none"}
    assert [n for n in table if stance_of(n) == "support"][:2] == ["supports", "urges"]
    with pytest.raises(TypeError):
        table["x"] = None  # read-only


def test_predicate_table_errors():
    header = "# predicate\tparent\tlabel\tcameo\tcomment\n"
    with pytest.raises(ValueError, match="listed twice"):
        parse_predicates(header + "a\t-\ta\t-\tx\na\t-\ta\t-\tx\n")
    with pytest.raises(ValueError, match="not a predicate"):
        parse_predicates(header + "a\tnowhere\ta\t-\tx\n")
    cyclic = parse_predicates(header + "a\tb\ta\t-\tx\nb\ta\tb\t-\tx\n")
    with pytest.raises(ValueError, match="cycle"):
        stance_of("a", cyclic)
    with pytest.raises(KeyError, match="unknown predicate 'likes'"):
        stance_of("likes")


def test_stance_of_a_custom_table():
    header = "# predicate\tparent\tlabel\tcameo\tcomment\n"
    table = parse_predicates(header + "supports\t-\tsupports\t05\tx\nbacks\tsupports\tbacks\t-\tx\nlauds\tbacks\tlauds\t-\tx\n")
    assert stance_of("lauds", table) == "support"
    assert predicates.group_of("lauds", table) == "stance"


# ------------------------------------------------------------------ JSON-LD context


def _sample_graph() -> Dataset:
    dataset = Dataset()
    graph = dataset.graph(ID["graph/abc"])
    statement, article, china = ID["statement/1"], ID["article/abc"], ID["actor/china"]
    graph.add((article, RDF.type, NKG.Article))
    graph.add((article, DCTERMS.date, Literal("2017-08-07", datatype=XSD.date)))
    graph.add((article, DCTERMS.title, Literal("Vote", lang="en")))
    graph.add((china, RDF.type, NKG.State))
    graph.add((china, RDFS.label, Literal("China")))
    graph.add((china, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q148")))
    graph.add((statement, RDF.type, NKG.Statement))
    graph.add((statement, RDF.subject, china))
    graph.add((statement, RDF.predicate, NKG.opposes))
    graph.add((statement, RDF.object, ID["topic/sanction"]))
    graph.add((statement, NKG.stance, NKG.Oppose))
    graph.add((statement, NKG.startOffset, Literal(12)))
    graph.add((statement, NKG.endOffset, Literal(80)))
    graph.add((statement, NKG.confidence, Literal("0.9", datatype=XSD.decimal)))
    graph.add((statement, NKG.negated, Literal(False)))
    graph.add((statement, NKG.evidence, Literal('He said "no".')))
    graph.add((statement, PROV.wasDerivedFrom, article))
    graph.add((BNode(), RDFS.comment, Literal("a blank node")))
    other = dataset.graph(ID["graph/def"])
    other.add((statement, NKG.confidence, Literal(0.5)))  # xsd:double, not the context's xsd:decimal
    return dataset


def test_context_round_trips_isomorphic():
    dataset = _sample_graph()
    text = dataset.serialize(format="json-ld", context=load_context()["@context"])
    document = json.loads(text)
    assert "@context" in document
    nodes = [node for named in document["@graph"] for node in named["@graph"]]
    statement = next(node for node in nodes if node["@id"].endswith("statement/1") and "evidence" in node)
    assert statement["startOffset"] == "12" and statement["negated"] == "false"  # typed terms were used
    assert statement["wasDerivedFrom"].endswith("article/abc")
    back = Dataset().parse(data=text, format="json-ld")
    for name in (ID["graph/abc"], ID["graph/def"]):
        assert isomorphic(dataset.graph(name), back.graph(name)), name


def test_context_declares_the_project_prefixes():
    context = load_context()["@context"]
    for prefix, namespace in (
        ("nkg", str(NKG._NS)),
        ("dcterms", str(DCTERMS)),
        ("prov", str(PROV)),
        ("skos", str(SKOS)),
        ("rdfs", str(RDFS)),
        ("owl", str(OWL)),
        ("schema", str(SDO)),
        ("xsd", str(XSD)),
        ("cameo", CAMEO),
    ):
        assert context[prefix] == namespace, prefix
    assert context["startOffset"] == {"@id": "nkg:startOffset", "@type": "xsd:integer"}
    assert context["date"]["@type"] == "xsd:date"
    assert context["confidence"]["@type"] == "xsd:decimal"
    ttl_prefixes = dict(Graph().parse(ontology_path()).namespaces())
    assert str(ttl_prefixes["schema"]) == context["schema"]
