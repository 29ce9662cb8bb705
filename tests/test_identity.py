"""Names resolved to one node by identity; counts of statements by kind; one fact stated twice is one statement.

Small stores are built by hand from records (no spaCy), as ``test_untrusted_text.py`` does.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from newskg.extract.errors import AmbiguousNameError, InputError
from newskg.extract.records import Actor, Article, OffsetMap, Triple
from newskg.graph.cli import main
from newskg.graph.cli_store import saved_query
from newskg.graph.identity import choose, store_candidates
from newskg.graph.ingest import add_vocabulary, vocabulary_name
from newskg.graph.names import indexed
from newskg.graph.rdf import article_quads
from newskg.graph.store import PENDING_NAME, Store, StoreMissingError
from newskg.graph.timeline import corroboration, load_positions, select, shifts

ID = "https://w3id.org/newskg/id/"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "articles"
RUSSIA = Actor("russia", "Russia", "State", ("Russia", "Moscow"))
UKRAINE = Actor("ukraine", "Ukraine", "State", ("Ukraine",))
ASSEMBLY = Actor("un-general-assembly", "UN General Assembly", "IntergovernmentalOrganization", ("General Assembly",))
MERKEL = Actor("angela-merkel", "Angela Merkel", "Person", ("Merkel",))
GERMANY = Actor("germany", "Germany", "State", ("Germany",))
# two different documents that a careless reduction would both call "resolution"
EMBARGO = Actor("resolution-1970", "Resolution 1970", "Issue", ("resolution on the Libya arms embargo",))
INTEGRITY = Actor("resolution-68-262", "Resolution 68/262", "Issue",
                  ("resolution on the territorial integrity of Ukraine",))
CONDEMNING = Actor("resolution-condemn-russia", "resolution condemning Russia", "Issue",
                   ("resolution condemning Russia",))


def _article(doc_id: str, date: str, facts: list[tuple]) -> tuple[Article, list[Triple]]:
    """An article stating ``facts``: (subject, predicate, relation, object, polarity, sentence), one sentence each;
    a sentence given twice stands twice in the text (as a quoted post repeats it)."""
    text = " ".join(f[-1] for f in facts)
    article = Article(doc_id, f"news/{doc_id}.txt", text, text, OffsetMap.identity(len(text)), title=doc_id,
                      date=date)
    triples, start = [], 0
    for subject, predicate, relation, obj, polarity, sentence in facts:
        triples.append(Triple(doc_id, subject, predicate, relation, obj, obj.label, polarity, sentence, start,
                              start + len(sentence)))
        start += len(sentence) + 1
    return article, triples


ARTICLES = [
    _article("a1", "2011-02-26", [
        (RUSSIA, "supports", "support", EMBARGO, "support", "Russia supported the resolution on the Libya arms embargo."),
        (ASSEMBLY, "supports", "support", CONDEMNING, "support", "The General Assembly backed a resolution condemning Russia."),
        (UKRAINE, "supports", "support", RUSSIA, "support", "Ukraine supported Russia on trade."),
    ]),
    _article("a2", "2014-03-27", [
        (RUSSIA, "opposes", "oppose", INTEGRITY, "oppose", "Russia opposed the resolution on territorial integrity."),
        (MERKEL, "leaderOf", "chancellor of", GERMANY, "none", "Merkel, the chancellor of Germany, spoke."),
        (MERKEL, "leaderOf", "chancellor of", GERMANY, "none", "Merkel, the chancellor of Germany, spoke."),
        (MERKEL, "visits", "visit", UKRAINE, "none", "Merkel visited Ukraine."),
    ]),
]


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    location = tmp_path_factory.mktemp("identity") / "store"
    with Store.open(location) as store:
        for article, triples in ARTICLES:
            store.add_article(article.doc_id, article_quads(article, triples))
        add_vocabulary(store)
    return location


@pytest.fixture()
def store(store_path):
    with Store.open(store_path, read_only=True) as opened:
        yield opened


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# -- choose: names by identity ------------------------------------------------------------
NAMES = {ID + "topic/sanction": {"sanction", "sanctions"}, ID + "topic/resolution-1970": {"Resolution 1970"},
         ID + "topic/resolution-2371": {"Resolution 2371"}, ID + "actor/georgia": {"Georgia"},
         ID + "actor/georgia-us-state": {"Georgia"}}


def test_a_whole_name_in_any_case_or_an_id_names_one_node():
    assert choose("  SANCTIONS ", NAMES, what="topic") == ID + "topic/sanction"
    assert choose("topic/resolution-2371", NAMES, what="topic") == ID + "topic/resolution-2371"
    assert choose("resolution-1970", NAMES, what="topic") == ID + "topic/resolution-1970"
    assert choose(ID + "topic/sanction", NAMES, what="topic") == ID + "topic/sanction"
    assert choose("weather", NAMES, what="topic") == ""


def test_a_shared_name_is_listed_to_choose_from_never_merged():
    with pytest.raises(AmbiguousNameError, match="2 actors are named 'georgia'") as raised:
        choose("georgia", NAMES, what="actor", option="--actor")
    assert [c.id for c in raised.value.choices] == ["actor/georgia", "actor/georgia-us-state"]
    assert raised.value.exit_code == 2 and "--actor" in str(raised.value)


def test_part_of_a_name_is_never_taken_for_it():
    with pytest.raises(AmbiguousNameError, match="no topic is named 'resolution', 2 contain it") as raised:
        choose("resolution", NAMES, what="topic")
    assert {c.id for c in raised.value.choices} == {"topic/resolution-1970", "topic/resolution-2371"}
    with pytest.raises(AmbiguousNameError):  # even one candidate that only contains the text is asked about
        choose("sanc", NAMES, what="topic")


# -- the commands on a small store ---------------------------------------------------------
def test_who_supports_russia_lists_only_statements_whose_object_is_russia(store_path, capsys):
    code, out, err = _run(capsys, "who", "--supports", "russia", "--store", str(store_path), "--format", "json")
    assert code == 0, err
    rows = json.loads(out)
    assert [(r["actor"], r["topic"]) for r in rows] == [("Ukraine", "Russia")]


def test_who_with_a_partial_topic_lists_the_topics_and_exits_2(store_path, capsys):
    code, out, err = _run(capsys, "who", "--supports", "resolution", "--store", str(store_path))
    assert code == 2 and out == ""
    lines = err.strip().splitlines()
    assert lines[-1].startswith("error: no topic is named 'resolution'") and "--supports" in lines[-1]
    assert sorted(line.split()[0] for line in lines[:-1]) == [
        "topic/resolution-1970", "topic/resolution-68-262", "topic/resolution-condemn-russia"]


def test_two_resolutions_stay_apart_in_shifts_and_corroboration(store):
    positions, names = load_positions(store)
    russia = select(positions, names, actor="Moscow")
    assert {p.topic for p in russia} == {ID + "topic/resolution-1970", ID + "topic/resolution-68-262"}
    assert shifts(russia) == []
    assert all(not row.contradiction for row in corroboration(russia))
    with pytest.raises(AmbiguousNameError):
        select(positions, names, actor="Russia", topic="resolution")
    assert [p.stance for p in select(positions, names, actor="russia", topic="Resolution 68/262")] == ["oppose"]


def test_actors_counts_stances_actions_and_affiliations_apart(store):
    rows = {r["actor"][len(ID):]: r for r in store.query(saved_query("actors")).rows}
    got = {a: (r["statements"], r["supports"], r["opposes"], r["actions"], r["affiliations"]) for a, r in rows.items()}
    assert got == {
        "actor/russia": (2, 1, 1, 0, 0),
        "actor/angela-merkel": (2, 0, 0, 1, 1),  # "chancellor of" said twice in one article is one statement
        "actor/un-general-assembly": (1, 1, 0, 0, 0),
        "actor/ukraine": (1, 1, 0, 0, 0),
    }


def test_positions_of_an_actor_without_stances_says_what_there_is(store_path, capsys):
    code, out, err = _run(capsys, "positions", "--actor", "merkel", "--store", str(store_path))
    assert code == InputError.exit_code and out == ""
    assert err.startswith("error: 'merkel' takes no stance in the store, only 1 action (visit), 1 affiliation "
                          "(chancellor of)")


def test_compare_and_positions_resolve_names_to_one_actor(store_path, capsys):
    code, _, err = _run(capsys, "compare", "Russia", "Moscow", "--store", str(store_path))
    assert code == 0 and "are one actor (actor/russia)" in err
    code, out, err = _run(capsys, "positions", "--actor", "actor/russia", "--store", str(store_path),
                          "--format", "csv")
    assert code == 0, err
    assert sorted(line.split(",")[1:3] for line in out.splitlines()[1:]) == [
        ["oppose", "Resolution 68/262"], ["support", "Resolution 1970"]]


# -- one fact stated twice in one article ---------------------------------------------------
def _graph(quads) -> Graph:
    graph = Graph()
    graph.parse(data=ox.serialize([ox.Triple(q.subject, q.predicate, q.object) for q in quads],
                                  format=ox.RdfFormat.N_TRIPLES), format="nt")
    return graph


def test_a_fact_repeated_in_one_article_is_stored_once():
    article, triples = ARTICLES[1]
    once = [t for i, t in enumerate(triples) if i != 2]
    assert triples[1].start != triples[2].start  # the repeat stands elsewhere in the text
    assert isomorphic(_graph(article_quads(article, triples)), _graph(article_quads(article, once)))
    other = Triple(**{**triples[2].__dict__, "sentence": "Merkel, Germany's chancellor, spoke."})
    assert not isomorphic(_graph(article_quads(article, [*once, other])), _graph(article_quads(article, once)))


# -- organs of the United Nations ----------------------------------------------------------
UN = Actor("united-nations", "United Nations", "IntergovernmentalOrganization", ("UN",))
COUNCIL = Actor("un-security-council", "UN Security Council", "IntergovernmentalOrganization", ("Security Council",))
TRUCE = Actor("truce", "truce", "Issue", ("truce",))


def test_the_un_organs_are_distinct_actors_part_of_the_united_nations():
    from newskg.ontology.gazetteer import load_gazetteer, load_parts

    parts, gazetteer = load_parts(), load_gazetteer()
    organs = ("un-general-assembly", "un-security-council", "un-secretariat", "un-human-rights-council", "icj")
    assert {key: parts.get(key) for key in organs} == dict.fromkeys(organs, "united-nations")
    assert len({gazetteer.get(key).key for key in (*organs, "united-nations")}) == len(organs) + 1
    assert gazetteer.lookup("Security Council").key == "un-security-council"


def test_an_organ_is_written_part_of_its_organisation():
    article, triples = _article("u1", "2017-08-05", [
        (COUNCIL, "supports", "support", TRUCE, "support", "The Security Council backed a truce.")])
    nkg = "https://w3id.org/newskg/ontology#"
    links = {(q.subject.value, q.object.value) for q in article_quads(article, triples)
             if q.predicate.value == nkg + "partOf"}
    assert links == {(ID + "actor/un-security-council", ID + "actor/united-nations")}
    labels = {q.object.value for q in article_quads(article, triples)
              if q.subject.value == ID + "actor/united-nations" and q.predicate.value.endswith("#label")}
    assert labels == {"United Nations"}  # the organisation is named, so the graph still conforms


def test_blocs_never_pair_an_organ_with_its_organisation(tmp_path, capsys):
    from newskg.graph.alignment import blocs, load_parts, related_pairs, signed_network

    article, triples = _article("u2", "2017-08-05", [
        (COUNCIL, "supports", "support", TRUCE, "support", "The Security Council backed a truce."),
        (UN, "supports", "support", TRUCE, "support", "The United Nations backed the truce."),
        (RUSSIA, "supports", "support", TRUCE, "support", "Russia backed the truce too."),
    ])
    with Store.open(tmp_path / "store") as store:
        store.add_article(article.doc_id, article_quads(article, triples))
        positions, _ = load_positions(store)
        apart = related_pairs(load_parts(store))
    assert apart == {frozenset((ID + "actor/un-security-council", ID + "actor/united-nations"))}
    G = signed_network(positions, apart=apart)
    assert not G.has_edge(ID + "actor/un-security-council", ID + "actor/united-nations")
    assert G.has_edge(ID + "actor/russia", ID + "actor/united-nations")
    assert signed_network(positions).has_edge(ID + "actor/un-security-council", ID + "actor/united-nations")
    assert blocs(G)  # every actor is still in a bloc
    code, out, err = _run(capsys, "blocs", "--store", str(tmp_path / "store"), "--format", "json")
    assert code == 0, err
    rows = {r["actor"]: r for r in json.loads(out)}
    assert "United Nations" not in rows["UN Security Council"]["agrees_with"].split(", ")
    assert rows["Russia"]["agrees_with"] == "UN Security Council, United Nations"


# -- office holders counted for the state they speak for ------------------------------------
CHINA = Actor("china", "China", "State", ("China", "Beijing"))
LIU = Actor("liu-jieyi", "Liu Jieyi", "Person", ("Liu Jieyi",))


def test_as_state_moves_an_envoys_stance_to_the_state_and_marks_it(tmp_path, capsys):
    first = _article("e1", "2017-08-07", [
        (LIU, "envoyOf", "envoy of", CHINA, "none", "Liu Jieyi, China's envoy to the UN, spoke."),
        (LIU, "supports", "support", TRUCE, "support", "Liu Jieyi supported a truce."),
    ])
    second = _article("e2", "2017-09-05", [
        (CHINA, "opposes", "oppose", TRUCE, "oppose", "China opposed the truce."),
        (LIU, "opposes", "oppose", TRUCE, "oppose", "Liu Jieyi opposed it as well."),  # no office in this article
    ])
    location = tmp_path / "store"
    with Store.open(location) as store:
        for article, triples in (first, second):
            store.add_article(article.doc_id, article_quads(article, triples))
        plain, _ = load_positions(store)
        rolled, _ = load_positions(store, as_state_of_office=True)
    assert sorted((p.article[len(ID + "article/"):], p.actor_label, p.stance) for p in plain) == [
        ("e1", "Liu Jieyi", "support"), ("e2", "China", "oppose"), ("e2", "Liu Jieyi", "oppose")]
    assert sorted((p.article[len(ID + "article/"):], p.actor_label, p.stance, p.said_by) for p in rolled) == [
        ("e1", "China", "support", "Liu Jieyi"), ("e2", "China", "oppose", ""), ("e2", "Liu Jieyi", "oppose", "")]
    assert [s.actor_label for s in shifts(plain)] == ["Liu Jieyi"]  # without roll-up, China never changed its mind
    assert [(s.actor_label, s.before.said_by) for s in shifts(rolled)] == [("China", "Liu Jieyi")]
    code, out, err = _run(capsys, "shifts", "--store", str(location), "--format", "json")
    assert code == 0 and [r["actor"] for r in json.loads(out)] == ["Liu Jieyi"] and "said_by_before" not in out
    code, out, err = _run(capsys, "shifts", "--as-state", "--store", str(location), "--format", "json")
    assert code == 0, err
    assert [(r["actor"], r["from"], r["to"], r["said_by_before"]) for r in json.loads(out)] == [
        ("China", "support", "oppose", "Liu Jieyi")]
    code, out, _ = _run(capsys, "timeline", "--actor", "china", "--as-state", "--store", str(location))
    assert code == 0 and "office holders counted for their state" in out


def test_who_and_positions_as_state_count_the_envoy_for_the_state(tmp_path, capsys):
    article, triples = _article("e3", "2017-08-07", [
        (LIU, "envoyOf", "envoy of", CHINA, "none", "Liu Jieyi, China's envoy to the UN, spoke."),
        (LIU, "supports", "support", TRUCE, "support", "Liu Jieyi supported a truce."),
    ])
    location = str(tmp_path / "store")
    with Store.open(location) as store:
        store.add_article(article.doc_id, article_quads(article, triples))
    code, out, err = _run(capsys, "who", "--supports", "truce", "--store", location, "--format", "json")
    assert code == 0, err
    assert [(r["actor"], r["statements"]) for r in json.loads(out)] == [("Liu Jieyi", 1)]
    code, out, err = _run(capsys, "who", "--supports", "truce", "--as-state", "--store", location, "--format", "json")
    assert code == 0, err
    assert [(r["actor"], r["said_by"], r["statements"]) for r in json.loads(out)] == [("China", "Liu Jieyi", 1)]
    code, out, err = _run(capsys, "positions", "--actor", "china", "--as-state", "--store", location, "--format",
                          "csv")
    assert code == 0, err
    assert out.splitlines()[1].split(",")[:4] == ["China", "support", "truce", "1"]
    code, out, err = _run(capsys, "positions", "--actor", "china", "--store", location)
    assert code == InputError.exit_code and "no actor named 'china'" in err  # China states nothing itself
    code, _, err = _run(capsys, "positions", "--actor", "Liu Jieyi", "--as-state", "--store", location)
    assert code == InputError.exit_code and "leave out --as-state" in err


# -- the name index ---------------------------------------------------------------------------
NKG = "https://w3id.org/newskg/ontology#"


def _keys(store: Store, doc_id: str | None = None) -> set[tuple[str, str]]:
    graph = None if doc_id is None else ox.NamedNode(f"{ID}graph/{doc_id}")
    return {(q.subject.value[len(ID):], q.object.value)
            for q in store.oxigraph.quads_for_pattern(None, ox.NamedNode(NKG + "nameKey"), None, graph)}


def _without_keys(location) -> None:
    """The store as newskg wrote it before it kept name keys."""
    raw = ox.Store(str(location))
    raw.remove_graph(ox.NamedNode(f"{ID}graph/{vocabulary_name()}"))
    for quad in list(raw.quads_for_pattern(None, ox.NamedNode(NKG + "nameKey"), None, None)):
        raw.remove(quad)
    raw.flush()
    del raw


class _Counting:
    """A store that records the texts of the queries it is asked."""

    def __init__(self, store: Store) -> None:
        self.store, self.texts = store, []
        self.location = store.location

    def query(self, sparql: str, **options):
        self.texts.append(sparql)
        return self.store.query(sparql, **options)


def test_each_article_keys_the_names_that_are_not_their_own_key(store):
    assert indexed(store)
    assert _keys(store, "a1") == {
        ("actor/russia", "russia"), ("actor/russia", "moscow"), ("actor/ukraine", "ukraine"),
        ("actor/un-general-assembly", "un general assembly"), ("actor/un-general-assembly", "general assembly"),
        ("actor/united-nations", "united nations"),  # the organisation the Assembly is part of is named too
        ("topic/resolution-1970", "resolution 1970"), ("topic/resolution-1970", "resolution on the libya arms embargo"),
        ("topic/resolution-condemn-russia", "resolution condemning russia")}
    article, triples = _article("t1", "2017-08-05", [
        (RUSSIA, "supports", "support", TRUCE, "support", "Russia backed a truce.")])
    assert ("topic/truce", "truce") not in _written_keys(article, triples)  # a name that is its own key has none


def test_a_name_in_any_case_and_spacing_is_one_index_lookup(store):
    counting = _Counting(store)
    assert store_candidates(counting, "  MOSCOW ", kind="actor") == ID + "actor/russia"
    assert store_candidates(counting, "general   ASSEMBLY", kind="actor") == ID + "actor/un-general-assembly"
    assert store_candidates(counting, "Resolution 68/262", kind="topic") == ID + "topic/resolution-68-262"
    assert store_candidates(counting, "RUSSIA", kind="topic") == ID + "actor/russia"  # an actor as a topic
    assert not any("LCASE" in text for text in counting.texts)  # no label is read and lower-cased
    with pytest.raises(AmbiguousNameError, match="no topic is named 'Resolution', 3 contain it"):
        store_candidates(store, "Resolution", kind="topic", option="--supports")


def test_an_article_removed_unfinished_takes_its_name_keys_along(tmp_path):
    location = tmp_path / "store"
    with Store.open(location) as writer:
        writer.add_article("a1", article_quads(*ARTICLES[0]))
    # a build killed between the bulk load of a2 and its marker: its quads are there, recorded as pending
    (location / PENDING_NAME).write_text("a2\n")
    raw = ox.Store(str(location))
    raw.bulk_extend(article_quads(*ARTICLES[1]))
    raw.flush()
    assert ("actor/angela-merkel", "merkel") in {(q.subject.value[len(ID):], q.object.value) for q in
                                                 raw.quads_for_pattern(None, ox.NamedNode(NKG + "nameKey"), None,
                                                                       ox.NamedNode(ID + "graph/a2"))}
    del raw
    with Store.open(location) as writer:  # the next writer removes the unfinished article
        assert writer.articles() == ["a1"]
        assert _keys(writer, "a2") == set() and _keys(writer) == _keys(writer, "a1")
        assert store_candidates(writer, "Merkel", kind="actor") == ""
        assert store_candidates(writer, "Moscow", kind="actor") == ID + "actor/russia"


def test_a_store_without_name_keys_still_answers_and_says_how_to_index_it(tmp_path, capsys):
    location = tmp_path / "store"
    with Store.open(location) as writer:
        for article, triples in ARTICLES:
            writer.add_article(article.doc_id, article_quads(article, triples))
        add_vocabulary(writer)
    _without_keys(location)
    hints: list[str] = []
    with Store.open(location, read_only=True) as old:
        assert not indexed(old)
        assert store_candidates(old, "MOSCOW", kind="actor", hint=hints.append) == ID + "actor/russia"
        with pytest.raises(AmbiguousNameError, match="3 contain it"):
            store_candidates(old, "resolution", kind="topic", hint=hints.append)
        assert store_candidates(old, "actor/russia", kind="actor", hint=hints.append) == ID + "actor/russia"
    assert len(hints) == 2 and f"`newskg index --store {location}`" in hints[0]  # not for an id
    code, out, err = _run(capsys, "compare", "Russia", "Ukraine", "--store", str(location), "--format", "json")
    assert code == 0 and err.count("has no name index") == 1  # one hint for the two names
    code, _, err = _run(capsys, "index", "--store", str(location))
    assert code == 0 and f"added {sum(len(_written_keys(*a)) for a in ARTICLES)} name key(s)" in err
    with Store.open(location, read_only=True) as new:
        assert indexed(new)
        assert all(_keys(new, article.doc_id) == _written_keys(article, triples) for article, triples in ARTICLES)
        assert store_candidates(new, "MOSCOW", kind="actor", hint=hints.append) == ID + "actor/russia"
    assert len(hints) == 2
    code, _, err = _run(capsys, "index", "--store", str(location))
    assert code == 0 and "no name key was missing" in err
    code, out, err = _run(capsys, "who", "--supports", "resolution 1970", "--store", str(location), "--format", "json")
    assert code == 0 and "name index" not in err and [r["actor"] for r in json.loads(out)] == ["Russia"]


def _written_keys(article: Article, triples: list[Triple]) -> set[tuple[str, str]]:
    return {(q.subject.value[len(ID):], q.object.value) for q in article_quads(article, triples)
            if q.predicate.value == NKG + "nameKey"}


def test_index_needs_a_store(tmp_path, capsys):
    code, _, err = _run(capsys, "index", "--store", str(tmp_path / "none"))
    assert code == StoreMissingError.exit_code and "no store at" in err
    assert not (tmp_path / "none").exists()


@pytest.mark.model
def test_a_build_on_a_store_without_name_keys_indexes_the_older_articles_first(tmp_path, capsys, nlp):
    location = tmp_path / "store"
    with Store.open(location) as writer:
        for article, triples in ARTICLES:
            writer.add_article(article.doc_id, article_quads(article, triples))
    _without_keys(location)
    code, _, err = _run(capsys, "build", str(FIXTURES / "syria.txt"), "--store", str(location))
    assert code == 0, err
    assert "the store had no name index" in err
    with Store.open(location, read_only=True) as store:
        assert all(_keys(store, article.doc_id) == _written_keys(article, triples) for article, triples in ARTICLES)
        assert len(store.articles()) == len(ARTICLES) + 2  # the new article and the vocabulary
