"""Records -> RDF: the model of ontology/README.md, compared as graphs, never as text."""

import pyoxigraph as ox
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from newskg.extract.records import Actor, Article, OffsetMap, Triple
from newskg.graph.rdf import EXTRACTOR, article_quads, statement_iri
from newskg.ontology.ns import NKG

ID = Namespace("https://w3id.org/newskg/id/")
TEXT = "Beijing opposes the plan. Beijing will not adopt the plan."
ARTICLE = Article("d1", "news/a.txt", TEXT, TEXT, OffsetMap.identity(len(TEXT)), title="A title", author="A. Writer", date="2017-08-07")
CHINA = Actor("china", "China", "State", ("Beijing",), (("iso_alpha2", "CN"), ("iso_alpha3", "CHN")))
PLAN = Actor("plan", "the plan", "Issue", ("the plan",))


def _triple(**changes) -> Triple:
    values = dict(
        doc_id="d1", subject=CHINA, predicate="opposes", relation="oppose", object=PLAN, object_text="the plan",
        polarity="oppose", sentence="Beijing opposes the plan.", start=0, end=25, confidence=0.9, pattern="svo",
        subject_text="Beijing",
    )
    values.update(changes)
    return Triple(**values)


def _graph(quads) -> Graph:
    graph = Graph()
    for quad in quads:
        graph.parse(data=ox.serialize([ox.Triple(quad.subject, quad.predicate, quad.object)], format=ox.RdfFormat.N_TRIPLES), format="nt")
    return graph


def test_one_triple_gives_exactly_the_documented_graph():
    triple = _triple()
    statement = URIRef(statement_iri(triple).value)
    china, plan, article = ID["actor/china"], ID["topic/plan"], ID["article/d1"]
    expected = Graph()
    for s, p, o in [
        (article, RDF.type, NKG.Article),
        (article, DCTERMS.identifier, Literal("d1")),
        (article, DCTERMS.source, Literal("news/a.txt")),
        (article, DCTERMS.title, Literal("A title")),
        (article, DCTERMS.creator, Literal("A. Writer")),
        (article, DCTERMS.date, Literal("2017-08-07", datatype=XSD.date)),
        (china, RDF.type, NKG.State),
        (china, RDFS.label, Literal("China")),
        (china, SKOS.altLabel, Literal("Beijing")),
        (china, NKG.iso3166Alpha2, Literal("CN")),
        (china, NKG.iso3166Alpha3, Literal("CHN")),
        (plan, RDF.type, NKG.Issue),
        (plan, RDFS.label, Literal("the plan")),
        (china, NKG.opposes, plan),
        (statement, RDF.type, NKG.Statement),
        (statement, RDF.type, RDF.Statement),
        (statement, RDF.subject, china),
        (statement, RDF.predicate, NKG.opposes),
        (statement, RDF.object, plan),
        (statement, NKG.stance, NKG.Oppose),
        (statement, NKG.polarity, Literal("oppose")),
        (statement, NKG.relation, Literal("oppose")),
        (statement, NKG.evidence, Literal("Beijing opposes the plan.")),
        (statement, NKG.startOffset, Literal(0)),
        (statement, NKG.endOffset, Literal(25)),
        (statement, NKG.negated, Literal(False)),
        (statement, NKG.confidence, Literal("0.90", datatype=XSD.decimal)),
        (statement, NKG.extractor, Literal(EXTRACTOR)),
        (statement, NKG.pattern, Literal("svo")),
        (statement, NKG.subjectText, Literal("Beijing")),
        (statement, NKG.objectText, Literal("the plan")),
        (statement, PROV.wasDerivedFrom, article),
        (statement, NKG.topic, plan),
        (statement, DCTERMS.date, Literal("2017-08-07", datatype=XSD.date)),
    ]:
        expected.add((s, p, o))
    assert isomorphic(_graph(article_quads(ARTICLE, [triple])), expected)


def test_all_quads_are_in_the_article_graph_and_stable():
    first = article_quads(ARTICLE, [_triple()])
    again = article_quads(ARTICLE, [_triple()])
    assert {q.graph_name.value for q in first} == {str(ID["graph/d1"])}
    assert sorted(map(str, first)) == sorted(map(str, again))


def test_negated_action_is_described_but_not_asserted():
    negated = _triple(predicate="adopts", relation="not adopt", polarity="none", negated=True,
                      sentence="Beijing will not adopt the plan.", start=26, end=58)
    graph = _graph(article_quads(ARTICLE, [negated]))
    assert (ID["actor/china"], NKG.adopts, ID["topic/plan"]) not in graph
    statement = URIRef(statement_iri(negated).value)
    assert (statement, NKG.negated, Literal(True)) in graph
    assert (statement, RDF.predicate, NKG.adopts) in graph


def test_export_reparses_in_rdflib_and_pyoxigraph():
    quads = article_quads(ARTICLE, [_triple(), _triple(object=Actor("x", 'AT&T "Q" <b>', "Issue", ()))])
    trig = ox.serialize(quads, format=ox.RdfFormat.TRIG)
    dataset = Dataset()
    dataset.parse(data=trig, format="trig")
    assert len(dataset) == len(quads)
    assert len(list(ox.parse(trig, format=ox.RdfFormat.TRIG))) == len(quads)


def test_hostile_keys_still_make_valid_iris():
    odd = Actor('a "b" > c\u202e' + "x" * 10_000, "odd", "Organization", ())
    quads = article_quads(ARTICLE, [_triple(subject=odd)])
    nquads = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    assert len(list(ox.parse(nquads, format=ox.RdfFormat.N_QUADS))) == len(quads)
    assert all(len(q.subject.value) < 200 for q in quads if isinstance(q.subject, ox.NamedNode))
