"""Records -> RDF: the model of ontology/README.md, compared as graphs, never as text."""

import re

import pyoxigraph as ox
import pytest
from conftest import SEEDS
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from newskg.extract.clean import strip_controls
from newskg.extract.records import Actor, Article, OffsetMap, Triple
from newskg.graph.rdf import EXTRACTOR, actor_iri, article_ntriples, article_quads, graph_iri, statement_iri
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
        (china, NKG.nameKey, Literal("china")),  # the names folded, so that a lookup by name is an index hit
        (china, NKG.nameKey, Literal("beijing")),
        (china, NKG.iso3166Alpha2, Literal("CN")),
        (china, NKG.iso3166Alpha3, Literal("CHN")),
        (plan, RDF.type, NKG.Issue),
        (plan, RDFS.label, Literal("the plan")),  # its own key: no nkg:nameKey
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


def test_reported_claim_is_described_but_not_asserted():
    speaker = Actor("qatar", "Qatar", "State", ("Qatar",))
    claim = _triple(speaker=speaker, sentence="Qatar said Beijing opposes the plan.", start=0, end=36)
    graph = _graph(article_quads(ARTICLE, [claim]))
    assert (ID["actor/china"], NKG.opposes, ID["topic/plan"]) not in graph
    statement = URIRef(statement_iri(claim).value)
    assert (statement, NKG.assertedBy, ID["actor/qatar"]) in graph
    assert (statement, RDF.predicate, NKG.opposes) in graph
    # the same statement with no one else reporting it is a fact
    assert (ID["actor/china"], NKG.opposes, ID["topic/plan"]) in _graph(article_quads(ARTICLE, [_triple()]))


def test_a_target_is_an_actor_of_the_statement_with_its_label():
    korea = Actor("north-korea", "North Korea", "State", ("Pyongyang",))
    aimed = _triple(object=Actor("test", "the missile test", "Issue", ()), object_text="Pyongyang's missile test",
                    targets=(korea,))
    graph = _graph(article_quads(ARTICLE, [aimed]))
    statement = URIRef(statement_iri(aimed).value)
    assert (statement, NKG.target, ID["actor/north-korea"]) in graph
    assert (ID["actor/north-korea"], RDFS.label, Literal("North Korea")) in graph
    assert (ID["actor/north-korea"], RDF.type, NKG.State) in graph
    # no target, no term
    assert not list(_graph(article_quads(ARTICLE, [_triple()])).triples((None, NKG.target, None)))


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


def test_a_repeated_triple_adds_no_quads():
    assert article_quads(ARTICLE, [_triple(), _triple()]) == article_quads(ARTICLE, [_triple()])


def test_triples_sharing_a_statement_node_give_each_quad_once():
    first, second = _triple(), _triple(confidence=0.5, pattern="other")
    assert statement_iri(first) == statement_iri(second)
    quads = article_quads(ARTICLE, [first, second])
    assert len(quads) == len(set(quads))
    assert set(quads) == set(article_quads(ARTICLE, [first])) | set(article_quads(ARTICLE, [second]))


def test_only_short_ascii_slugs_are_kept_as_keys():
    def key(value):
        return actor_iri(Actor(value, "x", "State")).value.rsplit("/", 1)[1]
    assert key("a-b_c.1") == "a-b_c.1"
    assert key("x" * 200) == "x" * 200
    for odd in ("x" * 201, "café", "a b", "", "a\n", "\udc80"):
        assert key(odd).startswith("h") and len(key(odd)) == 21


def test_lone_surrogates_in_text_are_replaced():
    quads = article_quads(ARTICLE, [_triple(sentence="Beijing \udc80 opposes the plan.")])
    assert any(q.object.value == "Beijing ? opposes the plan." for q in quads if isinstance(q.object, ox.Literal))


CONTROLS = "".join(map(chr, range(0x20))) + "\x7f"
HOSTILE = [
    'say "no"', "back\\slash\\", "two\nlines\r\n", "tab\there", CONTROLS, "end .\n<x> <y> <z> .\n",
    "emoji \U0001F600 and \U0001D518", "lone \ud800 and \udfff surrogates", "\u202eRTL override\u202c",
    "next\x85line\u2028and\u2029", "x" * 10_000, '\\"', "",
]


def _parsed(data: bytes) -> set[ox.Triple]:
    return {quad.triple for quad in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)}


def _rdflib(data: bytes) -> set:
    return set(Graph().parse(data=data, format="nt"))


def _check_ntriples(article: Article, triples: list[Triple]) -> bytes:
    """The N-Triples of an article hold the triples of its quads, one a line, for pyoxigraph and rdflib alike."""
    quads = article_quads(article, triples)
    data = article_ntriples(article, triples)
    assert _parsed(data) == {quad.triple for quad in quads}
    expected = ox.serialize([quad.triple for quad in quads], format=ox.RdfFormat.N_TRIPLES)
    assert _rdflib(data) == _rdflib(expected)
    lines = data.decode("utf-8").split("\n")
    assert lines.pop() == "" and len(lines) == len(quads) and all(line.endswith(" .") for line in lines)
    assert not re.search(rb"[\x00-\x09\x0b-\x1f\x7f]", data), "control characters are escaped"
    # a line ends at " .\n" and nowhere else, so the article's graph can be added to every line
    graph = graph_iri(article.doc_id).value
    nquads = data.replace(b" .\n", f" <{graph}> .\n".encode())
    assert list(ox.parse(nquads, format=ox.RdfFormat.N_QUADS)) == quads
    return data


@pytest.mark.model
def test_ntriples_of_the_sample_articles_hold_their_quads(nlp):
    from newskg.extract.pipeline import extract_many
    from newskg.extract.read import read_articles

    results = list(extract_many(read_articles(SEEDS), nlp=nlp))
    assert results and all(triples for _, triples in results)
    for article, triples in results:
        _check_ntriples(article, list(triples))


def test_ntriples_of_the_test_triples_hold_their_quads():
    negated = _triple(predicate="adopts", relation="not adopt", polarity="none", negated=True, start=26, end=58)
    dated = _triple(event_date="2017-09-01", event_precision="day", modality="will", speaker=PLAN,
                    topics=(Actor("sanction", "sanction", "Issue", ("sanctions",), (("wikidata", "Q1"),)),))
    _check_ntriples(ARTICLE, [_triple(), _triple(), negated, dated, _triple(confidence=0.5, pattern="other")])
    _check_ntriples(Article("d2", "b.txt", TEXT, TEXT, OffsetMap.identity(len(TEXT))), [])


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_round_trips_through_ntriples(text):
    odd = Actor(text, text or "x", "Organization", (text, text + "!"), (("iso_alpha2", text), ("wikidata", text)))
    article = Article(text, text, TEXT, TEXT, OffsetMap.identity(len(TEXT)), title=text, author=text, date=text)
    triple = _triple(doc_id=text, subject=odd, sentence=text, subject_text=text, object_text=text, pattern=text,
                     modality=text, relation=text, event_date=text, event_precision=text)
    data = _check_ntriples(article, [triple])
    stored = strip_controls(text).encode("utf-8", "replace").decode("utf-8")  # tab and line feed stay
    parsed = _parsed(data)
    assert {t.object for t in parsed if t.subject == actor_iri(odd) and t.predicate.value == str(RDFS.label)} == {
        ox.Literal(stored or "x")
    }
    assert {t.object for t in parsed if t.predicate.value == str(NKG.evidence)} == {ox.Literal(stored)}
    for t in parsed:
        for term in (t.subject, t.predicate, t.object):
            if isinstance(term, ox.NamedNode):
                assert not re.search('[\x00-\x20<>"{}|^`\\\\\x7f]', term.value), term


def test_a_wikidata_id_that_is_no_slug_is_left_out():
    def same_as(code):
        actor = Actor("x", "x", "State", (), (("wikidata", code),))
        data = article_ntriples(ARTICLE, [_triple(subject=actor)])
        return {t.object.value for t in _parsed(data) if t.predicate.value.endswith("#sameAs")}
    assert same_as("Q148") == {"http://www.wikidata.org/entity/Q148"}
    assert same_as("Q148 x") == same_as("Q<1>") == set()
