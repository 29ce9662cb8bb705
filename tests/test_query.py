"""Safe SPARQL: bound values, no outside fetches, time limits, the saved analyst queries and their commands."""

from __future__ import annotations

import doctest
import json
import subprocess
import sys
import time
import urllib.request
from collections import Counter, defaultdict
from pathlib import Path

import pyoxigraph as ox
import pytest
import typer
from canary import Canary, attacks
from store_samples import ACTORS, article_quads, doc_id, label_of, records, topic_label
from typer.testing import CliRunner

import newskg.graph.query as query_module
import newskg.graph.store.evaluation as evaluation
from newskg.graph import alignment, network, timeline
from newskg.extract.errors import AmbiguousNameError
from newskg.graph.cli_store import register, saved_query
from newskg.graph.identity import store_candidates
from newskg.graph.query import ALLOWED_GRAPH_BASE, MAX_NESTING, MAX_QUERY_CHARS, QueryError, check
from newskg.graph.rdf import graph_iri
from newskg.graph.store import LOCK_NAME, Store, StoreMissingError

ARTICLES = 12
INJECTIONS = ['"', "\\", "}", "> } INSERT DATA {", "\n", '" } ; DROP ALL ; #', "') || true || ('"]


def _fill(store: Store, count: int = ARTICLES) -> Store:
    for i in range(count):
        store.add_article(doc_id(i), article_quads(i))
    return store


@pytest.fixture
def store():
    with Store.open(None) as opened:
        yield _fill(opened)


@pytest.fixture(scope="module")
def disk_store(tmp_path_factory):
    location = tmp_path_factory.mktemp("query") / "store"
    with Store.open(location) as opened:
        _fill(opened)
    return location


def _all_records():
    return [r for i in range(ARTICLES) for r in records(i)]


# -- the guard --------------------------------------------------------------------
MIN_SPELLINGS = 40
DEEP = 20_000
NOT_ALLOWED = "is not allowed: newskg queries only its own store"
#: Paths of spellings that pyoxigraph on its own reads as SERVICE or LOAD, though the word check used to
#: let them through.
GLUED = ["/glued-silent", "/glued-prefixed", "/glued-silent-prefixed", "/glued-mixed-case", "/x.nt",
         "/glued-load-silent", "/insert-where"]


def test_the_attack_table_has_forty_spellings_each_with_its_own_path():
    table = attacks("http://127.0.0.1:9")
    assert len(table) >= MIN_SPELLINGS
    assert len(set(table)) == len(table)


@pytest.mark.parametrize("attack", attacks("http://127.0.0.1:9"))
def test_guard_refuses_every_way_to_fetch(attack):
    with pytest.raises(QueryError, match=NOT_ALLOWED) as caught:
        check(attack)
    assert "\n" not in str(caught.value)


@pytest.fixture
def fresh_guard():
    """Forget the answers of :func:`check` before and after the test, for tests that change its parts."""
    query_module._check_cached.cache_clear()
    yield
    query_module._check_cached.cache_clear()


@pytest.mark.parametrize("attack", attacks("http://127.0.0.1:9"))
def test_the_parsed_guard_alone_refuses_every_way_to_fetch(attack, monkeypatch, fresh_guard):
    """Without the word check, the parse tree still gives every attack away (or rdflib cannot parse it)."""
    monkeypatch.setattr(query_module, "_check_words", lambda text, prefixes: None)
    with pytest.raises(QueryError, match=f"{NOT_ALLOWED}|malformed SPARQL"):
        check(attack)


def test_guard_message_for_service_is_exact():
    with pytest.raises(QueryError) as caught:
        check("SELECT * { SERVICE <http://example.org/> { ?s ?p ?o } }")
    assert str(caught.value) == "SERVICE is not allowed: newskg queries only its own store"


HARMLESS = [
    'SELECT * WHERE { ?s ?p "SERVICE <http://example.org/> { }" }',
    "SELECT * WHERE { ?s ?p '''LOAD <http://example.org/>\nFROM <http://example.org/>''' }",
    "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://example.org/> in a comment",
    "SELECT * WHERE { ?s ?p ?o } # SERVICESILENT<http://example.org/> LOADSILENT<x> FROMNAMED<y>",
    'SELECT * WHERE { ?s ?p "SERVICESILENT<http://example.org/> {} LOADex:x" }',
    "SELECT * WHERE { ?s <http://example.org/service> ?o }",
    "SELECT * WHERE { ?s <http://example.org/SERVICE> <http://example.org/LOAD> }",
    "SELECT ?service ?load ?from WHERE { ?service ?load ?from }",
    "SELECT ?serviceDate ?loadedAt ?fromDate ?usingX WHERE { ?serviceDate ?loadedAt ?fromDate . BIND(1 AS ?usingX) }",
    "PREFIX ex: <http://example.org/> SELECT * WHERE { ?s ex:service ex:load }",
    "PREFIX ex: <http://example.org/> SELECT * WHERE { ?s ex:SERVICE ex:LOADSILENT ; ex:FROM ex:USING }",
    "SELECT ?s WHERE { GRAPH ?g { ?s nkg:loadedAt ?when ; nkg:serviceDate ?d } }",
    'SELECT * WHERE { ?s ?p "caf\\u00e9 SERVIC\\u0045" }',
    "SELECT * FROM <https://w3id.org/newskg/id/graph/abc> WHERE { ?s ?p ?o }",
    "SELECT * FROM NAMED <https://w3id.org/newskg/id/graph/abc> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "SELECT * FROM id:graph FROM NAMED actor:x WHERE { ?s ?p ?o }",
    "BASE <https://w3id.org/newskg/id/> SELECT * FROM <graph/abc> FROM<graph/def> WHERE { ?s ?p ?o }",
    "SELECT * WHERE { FILTER(?a<?b) ?a ?b ?c }",
    "SELECT * WHERE " + "{" * MAX_NESTING + " ?s ?p ?o " + "}" * MAX_NESTING,
    "SELECT * WHERE { FILTER(" + "(" * (MAX_NESTING - 2) + "1" + ")" * (MAX_NESTING - 2) + ") }",
    "SELECT * WHERE { ?s ?p " + '"{{{{((((" , ' * 500 + "1 }",
]


@pytest.mark.parametrize("harmless", HARMLESS)
def test_guard_lets_ordinary_queries_through(harmless):
    assert check(harmless) == "query"


@pytest.mark.parametrize(
    "harmless",
    [
        "PREFIX ex: <http://example.org/> INSERT DATA { ex:a ex:loadedAt 'SERVICE <x>' }",
        "DELETE { ?s ?p ?o } USING <https://w3id.org/newskg/id/graph/a> WHERE { ?s ?p ?o }",
        "WITH <https://w3id.org/newskg/id/graph/a> INSERT { ?s nkg:serviceDate 1 } "
        "USING NAMED <https://w3id.org/newskg/id/graph/b> WHERE { GRAPH ?g { ?s ?p ?o } }",
        "INSERT DATA { <urn:a> <urn:b> 1 } ; CLEAR SILENT GRAPH <https://w3id.org/newskg/id/graph/x>",
    ],
)
def test_guard_lets_ordinary_updates_through(harmless):
    assert check(harmless) == "update"


def test_guard_tells_updates_from_queries():
    assert check("PREFIX x: <http://example.org/> INSERT DATA { x:a x:b x:c }") == "update"
    assert check("BASE <http://example.org/> DELETE WHERE { ?s ?p ?o }") == "update"
    assert check("ASK { ?s ?p ?o }") == "query"


def test_guard_resolves_extra_prefixes():
    query = "SELECT * FROM mine:graph WHERE { ?s ?p ?o }"
    assert check(query, extra_prefixes={"mine": ALLOWED_GRAPH_BASE}) == "query"
    with pytest.raises(QueryError, match=NOT_ALLOWED):
        check(query, extra_prefixes={"mine": "http://example.org/"})
    with pytest.raises(QueryError, match=NOT_ALLOWED):
        check(query)


def test_every_query_newskg_sends_passes_the_guard():
    sent = [saved_query(path.stem) for path in sorted(Path(query_module.__file__).parent.glob("queries/*.rq"))]
    sent += [alignment.BLOCS_QUERY, network.QUERY, timeline.POSITIONS_QUERY, timeline.NAMES_QUERY]
    sent += [
        f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {graph_iri('doc-1')} {{ ?s ?p ?o }} }}",
        "SELECT ?g WHERE { GRAPH ?g { ?g a prov:Bundle } }",
        "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }",
    ]
    assert len(sent) >= 11
    assert [check(query) for query in sent] == ["query"] * len(sent)


@pytest.mark.parametrize("text", ["SELECT * WHERE { ?s ?p ?o . FILTER(?o = ) }", "SELECT * WHERE { ?s }",
                                  "NONSENSE", "INSERT DATA { <urn:a> }", ""])
def test_a_text_rdflib_cannot_parse_is_refused_in_one_line(text):
    with pytest.raises(QueryError, match="malformed SPARQL|is empty") as caught:
        check(text)
    message = str(caught.value)
    assert "\n" not in message
    assert message.endswith("fix the query and try again") or message.endswith("write a SPARQL query or update")


def test_an_escape_that_is_no_character_is_refused():
    with pytest.raises(QueryError, match=r"\\UFFFFFFFF is not a character"):
        check('SELECT * WHERE { ?s ?p "\\UFFFFFFFF" }')


def test_nothing_reaches_the_canary_from_the_embedded_store(store):
    with Canary() as canary:
        # the canary works: pyoxigraph on its own does fetch SERVICE
        with pytest.raises((OSError, RuntimeError)):
            list(ox.Store().query(f"SELECT * {{ SERVICE <{canary.url}/control> {{ ?s ?p ?o }} }}"))
        assert canary.requests == [("POST", "/control")]
        canary.requests.clear()
        before = len(store)
        for attack in attacks(canary.url):
            with pytest.raises(QueryError):
                store.query(attack)
            with pytest.raises(QueryError):
                store.update(attack)
            with pytest.raises(QueryError):
                evaluation.run_query(store, attack, timeout=5)
            with pytest.raises(QueryError):
                evaluation.run_update(store, attack)
        assert canary.requests == []
        assert len(store) == before


def test_nothing_reaches_the_canary_from_a_disk_store_queried_in_a_worker(disk_store):
    with Canary() as canary, Store.open(disk_store, read_only=True) as store:
        for attack in attacks(canary.url):
            with pytest.raises(QueryError):
                store.query(attack, timeout=20)
        assert store.query("ASK { GRAPH ?g { ?s ?p ?o } }", timeout=20).boolean is True
        assert canary.requests == []


def test_the_glued_spellings_do_fetch_on_a_bare_engine():
    """The control: pyoxigraph on its own reads the glued spellings as SERVICE and LOAD, and fetches."""
    with Canary() as canary:
        for attack in attacks(canary.url):
            bare = ox.Store()
            bare.add(ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.NamedNode("urn:o")))
            try:
                answer = bare.query(attack)
                if not isinstance(answer, ox.QueryBoolean):
                    list(answer)
            except SyntaxError:
                try:
                    bare.update(attack)
                except (SyntaxError, OSError, RuntimeError):
                    pass
            except (OSError, RuntimeError):
                pass
        fetched = {path for _, path in canary.requests}
    assert set(GLUED) <= fetched
    assert len(fetched) >= 20


def test_harmless_words_in_a_query_run_on_the_store(store):
    rows = store.query('SELECT ?serviceDate WHERE { GRAPH ?g { ?a rdfs:label ?serviceDate } '
                       'FILTER(?serviceDate != "SERVICE <http://example.org/>") } # LOAD <x>').rows
    assert rows
    store.update("INSERT DATA { GRAPH <https://w3id.org/newskg/id/graph/extra> "
                 "{ <https://w3id.org/newskg/id/actor/x> nkg:loadedAt 'LOADSILENT<x>' } }")
    assert store.query("ASK { GRAPH ?g { ?x nkg:loadedAt 'LOADSILENT<x>' } }").boolean is True


def test_the_module_examples_hold():
    assert doctest.testmod(query_module).failed == 0


# -- caps before parsing ----------------------------------------------------------------
DEEP_TEXTS = {
    "braces": "SELECT * WHERE " + "{" * DEEP + " ?s ?p ?o " + "}" * DEEP,
    "parentheses": "SELECT * WHERE { FILTER(" + "(" * DEEP + "1" + ")" * DEEP + ") }",
    "brackets": "SELECT * WHERE { ?s ?p " + "[ ?p " * DEEP + "1" + " ]" * DEEP + " }",
    "update": "INSERT { ?s ?p ?o } WHERE " + "{" * DEEP + " ?s ?p ?o " + "}" * DEEP,
}
DEEP_MESSAGE = (
    f"the query nests brackets more than {MAX_NESTING} deep; flatten it (fewer nested groups, "
    "parentheses or blank-node brackets) and try again"
)


@pytest.fixture
def no_parser(monkeypatch, fresh_guard):
    """Fail the test if rdflib's parser is reached."""

    def refuse(*args, **kwargs):
        raise AssertionError("the parser ran")

    monkeypatch.setattr(query_module, "_parse", refuse)


@pytest.mark.parametrize("kind", DEEP_TEXTS)
def test_deep_nesting_is_refused_before_any_parser(kind, store, no_parser):
    text = DEEP_TEXTS[kind]
    for run in (check, store.query, store.update, lambda t: evaluation.run_query(store, t, timeout=5),
                lambda t: evaluation.run_update(store, t)):
        with pytest.raises(QueryError) as caught:
            run(text)
        assert str(caught.value) == DEEP_MESSAGE


def test_one_level_past_the_cap_is_refused_and_the_cap_itself_is_not():
    at_cap = "SELECT * WHERE " + "{" * MAX_NESTING + " ?s ?p ?o " + "}" * MAX_NESTING
    assert check(at_cap) == "query"
    with pytest.raises(QueryError, match=f"more than {MAX_NESTING} deep"):
        check(at_cap.replace("WHERE ", "WHERE {") + "}")


def test_brackets_in_strings_iris_and_comments_do_not_count():
    text = ("SELECT * WHERE { ?s <http://example.org/(((([[[[> ?o # " + "{" * 100
            + "\n FILTER(?o != '" + "(" * 100 + "') }")
    assert check(text) == "query"


def test_an_oversized_text_is_refused_before_any_parser(store, no_parser):
    text = "SELECT * WHERE { ?s ?p ?o } #" + "x" * MAX_QUERY_CHARS
    started = time.monotonic()
    for run in (check, store.query, store.update):
        with pytest.raises(QueryError) as caught:
            run(text)
        assert str(caught.value) == (
            f"the query is {len(text):,} characters, over the limit of {MAX_QUERY_CHARS:,}; "
            "shorten it or split it into several queries"
        )
    assert time.monotonic() - started < 5


LINEAR_SECONDS = 20  # word by word, such a text took time growing with the square of its length


def test_a_long_run_of_dotted_words_is_refused_in_linear_time():
    text = "SELECT * WHERE { ?s ?p ?o } " + "a." * 200_000
    started = time.monotonic()
    with pytest.raises(QueryError, match="malformed SPARQL"):
        check(text)
    assert time.monotonic() - started < LINEAR_SECONDS


def test_dotted_words_are_read_one_by_one():
    with pytest.raises(QueryError, match=NOT_ALLOWED):
        check("PREFIX ex: <http://example.org/> SELECT * WHERE { ?s a.SERVICE ex:x { ?s ?p ?o } }")


def test_a_parser_out_of_stack_is_a_refusal(monkeypatch, fresh_guard):
    def recurse(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(query_module, "_parse", recurse)
    with pytest.raises(QueryError, match="nests too deeply for the SPARQL parser; flatten it"):
        check("SELECT * WHERE { ?s ?p ?o }")


def _newskg(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    script = Path(sys.executable).with_name("newskg")
    return subprocess.run([str(script), *args], input=stdin, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("update", [True, False])
def test_deep_nesting_from_the_command_line_is_exit_8_in_one_line(tmp_path, update):
    location = tmp_path / "store"
    with Store.open(location) as opened:
        _fill(opened, 2)
        before = len(opened)
    deep = tmp_path / "deep.rq"
    deep.write_text(DEEP_TEXTS["update" if update else "braces"])
    result = _newskg("query", *(["--update"] if update else []), "--store", str(location), f"@{deep}")
    assert result.returncode == 8, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert f"more than {MAX_NESTING} deep" in result.stderr
    assert "Traceback" not in result.stderr
    lock = location / LOCK_NAME
    assert not lock.exists() or lock.read_text() == ""
    with Store.open(location) as reopened:  # the write lock is free
        assert len(reopened) == before


def test_attacks_from_the_command_line_are_exit_8_and_fetch_nothing(disk_store):
    with Canary() as canary:
        chosen = [a for a in attacks(canary.url) if "glued" in a or "\\u" in a]
        for attack in chosen[::3]:
            result = _newskg("query", "--update", "--store", str(disk_store), "-", stdin=attack)
            assert result.returncode == 8, (attack, result.stderr)
            assert len(result.stderr.strip().splitlines()) == 1
            assert "Traceback" not in result.stderr
        assert canary.requests == []


def test_a_query_worker_killed_by_a_signal_is_a_one_line_error(disk_store, monkeypatch):
    real_popen = subprocess.Popen

    def crashing(args, **kwargs):
        return real_popen([sys.executable, "-c", "import os, signal; os.kill(os.getpid(), signal.SIGSEGV)"],
                          **kwargs)

    monkeypatch.setattr(evaluation.subprocess, "Popen", crashing)
    with Store.open(disk_store, read_only=True) as store:
        with pytest.raises(QueryError) as caught:
            store.query("SELECT * WHERE { ?s ?p ?o }", timeout=20)
    assert str(caught.value).startswith("the query process died (signal 11)")
    assert "\n" not in str(caught.value)


# -- bound values -------------------------------------------------------------------
@pytest.mark.parametrize("name", INJECTIONS)
def test_injected_names_match_nothing_and_change_nothing(store, name):
    before = len(store)
    for kind in ("actor", "topic"):
        _nothing_or_containing(store, name, kind)
    nowhere = ox.NamedNode("https://w3id.org/newskg/id/topic/nowhere")
    for query, bindings in [
        ("positions", {"actor": nowhere}),
        ("who", {"polarity": "support", "match": nowhere}),
        ("compare", {"actorA": nowhere, "actorB": _iri(store, "alphaland")}),
    ]:
        assert store.query(saved_query(query), bindings=bindings).rows == []
    assert len(store) == before


def _nothing_or_containing(store, name: str, kind: str) -> None:
    """An injected name names no node; at most it is listed as part of a longer name to choose from."""
    try:
        assert store_candidates(store, name, kind=kind) == ""
    except AmbiguousNameError as error:
        assert error.choices and all(" ".join(name.casefold().split()) in c.label.casefold() for c in error.choices)


def _iri(store, name: str, kind: str = "actor") -> ox.NamedNode:
    return ox.NamedNode(store_candidates(store, name, kind=kind))


@pytest.mark.parametrize("name", ['O"Neil \\ } > League', "odd\nline"])
def test_names_with_quotes_braces_and_newlines_find_their_actor(store, name):
    rows = store.query(saved_query("positions"), bindings={"actor": _iri(store, name.upper())}).rows
    assert rows and {row["actor"] for row in rows} == {"https://w3id.org/newskg/id/actor/odd"}
    expected = Counter((t, p) for a, t, p, _ in _all_records() if a == "odd")
    assert {(r["topic"].rsplit("/", 1)[1], r["polarity"]): r["statements"] for r in rows} == expected


def test_binding_values_of_every_kind(store):
    query = "SELECT * WHERE { GRAPH ?g { ?st nkg:startOffset ?start ; nkg:negated ?neg ; rdf:subject ?actor } }"
    rows = store.query(query, bindings={
        "start": 100, "neg": False, "actor": ox.NamedNode("https://w3id.org/newskg/id/actor/alpha"),
    }).rows
    expected = sum(1 for i in range(ARTICLES) for j, r in enumerate(records(i)) if j == 1 and r[0] == "alpha")
    assert len(rows) == expected > 0
    assert {row["start"] for row in rows} == {100}


def test_a_variable_bound_but_not_selected_still_filters(store):
    actor = ox.NamedNode("https://w3id.org/newskg/id/actor/alpha")
    query = "SELECT ?st WHERE { GRAPH ?g { ?st rdf:subject ?actor } }"
    bound = {row["st"] for row in store.query(query, bindings={"actor": actor}).rows}
    selected = {row["st"] for row in store.query("SELECT ?st ?actor WHERE { GRAPH ?g { ?st rdf:subject ?actor } }",
                                                 bindings={"actor": actor}).rows}
    assert bound and bound == selected
    # a value that matches nothing gives nothing, and a quote in it stays inside its literal
    assert store.query("SELECT ?st WHERE { ?st rdfs:label ?name }", bindings={"name": 'x" } DROP ALL {'}).rows == []


# -- the saved queries against plain Python ---------------------------------------------------
def test_positions_counts_statements_per_topic_and_stance(store):
    rows = store.query(saved_query("positions"), bindings={"actor": _iri(store, "alpha city")}).rows
    expected = Counter((t, p) for a, t, p, _ in _all_records() if a == "alpha")
    assert {(r["topic"].rsplit("/", 1)[1], r["polarity"]): r["statements"] for r in rows} == expected
    assert all(r["actorLabel"] == "Alphaland" for r in rows)
    assert all(r["evidence"].startswith("In article ") for r in rows)


def test_who_matches_one_topic_by_name_or_id_never_by_substring(store):
    with pytest.raises(AmbiguousNameError, match="contain it") as raised:
        store_candidates(store, "wall", kind="topic")
    assert [c.id for c in raised.value.choices] == ["topic/border-wall"]
    assert _iri(store, "topic/border-wall", "topic") == _iri(store, "Border Wall Construction", "topic")
    rows = store.query(saved_query("who"), bindings={"polarity": "oppose",
                                                     "match": _iri(store, "border wall construction", "topic")}).rows
    expected = Counter(a for a, t, p, _ in _all_records() if t == "border-wall" and p == "oppose")
    assert {r["actor"].rsplit("/", 1)[1]: r["statements"] for r in rows} == expected
    assert {r["topicLabel"] for r in rows} == {topic_label("border-wall")}


def test_actors_counts_statements(store):
    rows = store.query(saved_query("actors")).rows
    totals = defaultdict(Counter)
    for a, _, p, _ in _all_records():
        totals[a]["statements"] += 1
        totals[a][p] += 1
    assert {r["actor"].rsplit("/", 1)[1]: (r["statements"], r["supports"], r["opposes"]) for r in rows} == {
        a: (c["statements"], c["support"], c["oppose"]) for a, c in totals.items()
    }
    assert {r["label"] for r in rows} == {label_of(a) for a in totals}


def test_compare_finds_agreement_and_disagreement(store):
    rows = store.query(saved_query("compare"), bindings={"actorA": _iri(store, "alphaland"),
                                                         "actorB": _iri(store, "betastan")}).rows
    stances = defaultdict(lambda: defaultdict(Counter))
    for a, t, p, _ in _all_records():
        stances[t][a][p] += 1
    expected = {}
    for topic, by_actor in stances.items():
        for pa, na in by_actor.get("alpha", {}).items():
            for pb, nb in by_actor.get("beta", {}).items():
                expected[(topic, pa, pb)] = ("agree" if pa == pb else "disagree", na, nb)
    got = {(r["topic"].rsplit("/", 1)[1], r["polarityA"], r["polarityB"]):
           (r["relation"], r["statementsA"], r["statementsB"]) for r in rows}
    assert got == expected
    assert {"agree", "disagree"} <= {v[0] for v in got.values()}


# -- errors and limits ------------------------------------------------------------------
def test_malformed_sparql_is_one_line_with_its_position(store):
    with pytest.raises(QueryError) as caught:
        store.query("SELECT * WHERE {\n  ?s ?p ?o . FILTER(?o = ) }")
    message = str(caught.value)
    assert message.startswith("malformed SPARQL at line 2, column ")
    assert "\n" not in message


def test_updates_are_refused_by_query_and_allowed_by_update(store):
    before = len(store)
    with pytest.raises(QueryError, match="--update"):
        store.query("INSERT DATA { <https://w3id.org/newskg/id/actor/x> rdfs:label 'x' }")
    assert len(store) == before
    store.update("INSERT DATA { <https://w3id.org/newskg/id/actor/x> rdfs:label 'x' }")
    assert len(store) == before + 1


SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
SLOW_STREAMING = "SELECT * WHERE { GRAPH ?g1 { ?a ?b ?c } GRAPH ?g2 { ?d ?e ?f } GRAPH ?g3 { ?x ?y ?z } }"


def test_a_blocking_query_on_disk_stops_at_the_timeout(disk_store):
    with Store.open(disk_store, read_only=True) as store:
        with pytest.raises(QueryError) as caught:
            store.query(SLOW.replace("WHERE {", "WHERE { GRAPH ?g {").replace("}", "} }", 1), timeout=1)
        assert str(caught.value) == "query timed out after 1 s; narrow it or raise --timeout"
        assert store.query("ASK { GRAPH ?g { ?s ?p ?o } }", timeout=5).boolean is True


def test_a_streaming_query_in_memory_stops_at_the_timeout(store):
    with pytest.raises(QueryError, match="timed out after 0.5 s"):
        store.query(SLOW_STREAMING, timeout=0.5)


def test_disk_query_in_a_worker_binds_values_like_the_embedded_one(disk_store, store):
    with Store.open(disk_store, read_only=True) as on_disk:
        bindings = {"actor": ox.NamedNode(store_candidates(on_disk, 'o"neil \\ } > league', kind="actor"))}
        assert on_disk.query(saved_query("positions"), bindings=bindings, timeout=20).rows == store.query(
            saved_query("positions"), bindings=bindings
        ).rows
        with pytest.raises(QueryError, match="malformed SPARQL at line 1"):
            on_disk.query("SELECT * WHERE { ?s }", timeout=20)


# -- the commands --------------------------------------------------------------------------
def _cli(*args: str):
    app = typer.Typer()
    app.callback()(lambda: None)
    register(app)
    return CliRunner().invoke(app, list(args))


def test_positions_command_prints_csv_and_json(disk_store):
    result = _cli("positions", "--actor", "ALPHALAND", "--store", str(disk_store), "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    expected = Counter((topic_label(t), p) for a, t, p, _ in _all_records() if a == "alpha")
    assert {(r["topic"], r["stance"]): r["statements"] for r in rows} == expected
    csv_out = _cli("positions", "--actor", "alphaland", "--store", str(disk_store), "--format", "csv")
    assert csv_out.stdout.splitlines()[0] == "actor,stance,topic,statements,articles,evidence,topic_iri"
    assert len(csv_out.stdout.splitlines()) == len(expected) + 1


def test_table_output_and_other_commands(disk_store):
    table = _cli("actors", "--store", str(disk_store))
    assert table.exit_code == 0, table.output
    assert all(label_of(a) in table.stdout for a, *_ in ACTORS[:4])
    part = _cli("who", "--supports", "PEACE", "--store", str(disk_store), "--format", "json")
    assert isinstance(part.exception, AmbiguousNameError) and part.exception.exit_code == 2
    assert [c.id for c in part.exception.choices] == ["topic/peace-talks"]
    who = _cli("who", "--supports", "PEACE TALKS", "--store", str(disk_store), "--format", "json")
    expected = Counter(a for a, t, p, _ in _all_records() if t == "peace-talks" and p == "support")
    assert {r["actor_iri"].rsplit("/", 1)[1]: r["statements"] for r in json.loads(who.stdout)} == expected
    compare = _cli("compare", "Alphaland", "Beta Town", "--store", str(disk_store), "--format", "json")
    assert {r["relation"] for r in json.loads(compare.stdout)} == {"agree", "disagree"}
    both = _cli("who", "--supports", "x", "--opposes", "y", "--store", str(disk_store))
    assert both.exit_code != 0 and "exactly one" in str(both.exception)


def test_query_command_reads_files_binds_values_and_refuses_updates(disk_store, tmp_path):
    saved = tmp_path / "q.rq"
    saved.write_text("SELECT ?who ?label WHERE { GRAPH ?g { ?a rdfs:label ?label } FILTER(?a = ?who) }")
    result = _cli("query", f"@{saved}", "--store", str(disk_store), "--format", "json",
                  "--bind", "who=<https://w3id.org/newskg/id/actor/beta>")
    assert result.exit_code == 0, result.output
    assert {r["label"] for r in json.loads(result.stdout)} == {"Betastan"}
    refused = _cli("query", "INSERT DATA { <https://w3id.org/newskg/id/a> rdfs:label 'x' }",
                   "--store", str(disk_store))
    assert isinstance(refused.exception, QueryError) and "--update" in str(refused.exception)
    with Store.open(disk_store, read_only=True) as store:
        assert len(store) == sum(len(article_quads(i)) + 1 for i in range(ARTICLES))


def test_query_command_with_update_changes_the_store(tmp_path):
    location = tmp_path / "store"
    with Store.open(location) as opened:
        _fill(opened, 2)
        before = len(opened)
    result = _cli("query", "--update", "--store", str(location),
                  "INSERT DATA { GRAPH <https://w3id.org/newskg/id/graph/extra> { "
                  "<https://w3id.org/newskg/id/actor/x> rdfs:label 'x' } }")
    assert result.exit_code == 0, result.output
    with Store.open(location, read_only=True) as opened:
        assert len(opened) == before + 1


def test_missing_store_is_a_one_line_error(tmp_path):
    result = _cli("actors", "--store", str(tmp_path / "none"))
    assert isinstance(result.exception, StoreMissingError)
    assert str(result.exception) == (
        f"no store at {tmp_path / 'none'}; build one with `newskg build ARTICLES --store {tmp_path / 'none'}`"
    )


def test_canary_sees_nothing_from_the_query_command(disk_store):
    with Canary() as canary:
        for attack in attacks(canary.url):
            result = _cli("query", attack, "--store", str(disk_store), "--update")
            assert isinstance(result.exception, QueryError), attack
        urllib.request.urlopen(canary.url + "/control").read()
        assert canary.requests == [("GET", "/control")]


def test_compare_from_positions_agrees_with_the_saved_query(store):
    from newskg.graph.cli_store import _compared

    a, b = _iri(store, "alphaland"), _iri(store, "betastan")
    saved = store.query(saved_query("compare"), bindings={"actorA": a, "actorB": b}).rows
    positions, _ = timeline.load_positions(store)
    keys = ("topic", "polarityA", "polarityB", "relation", "statementsA", "statementsB")
    assert saved and [{k: r[k] for k in keys} for r in _compared(positions, a.value, b.value)] == [
        {k: r[k] for k in keys} for r in saved]


def test_a_variable_bound_but_not_selected_filters_in_the_query_worker_too(disk_store):
    actor = ox.NamedNode("https://w3id.org/newskg/id/actor/alpha")
    with Store.open(disk_store, read_only=True) as opened:
        rows = opened.query("SELECT ?st WHERE { GRAPH ?g { ?st rdf:subject ?actor } }", bindings={"actor": actor},
                            timeout=30).rows
    expected = sum(1 for r in _all_records() if r[0] == "alpha")
    assert len(rows) == expected > 0
