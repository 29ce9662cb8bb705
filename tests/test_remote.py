"""A remote store: a real Oxigraph server on loopback, written through the Graph Store Protocol."""

from __future__ import annotations

import subprocess
import tempfile
import urllib.parse
from pathlib import Path

import pyoxigraph as ox
import pytest
from canary import Canary, attacks
from conftest import FIXTURES
from store_samples import ID, article_quads, doc_id

from newskg.extract.errors import AmbiguousNameError
from newskg.graph.cli_store import saved_query
from newskg.graph.export import export_store
from newskg.graph.identity import store_candidates
from newskg.graph.names import index_names
from newskg.graph.query import QueryError
from newskg.graph.store.remote import RemoteStore
from newskg.graph.serve import _wait_for_port, free_port, oxigraph_binary
from newskg.graph.store import Store, StoreError

ARTICLES = 8
INJECTIONS = ['"', "\\", "}", "> } INSERT DATA {", "\n"]


def _serve(location):
    port = free_port()
    log = tempfile.TemporaryFile()
    process = subprocess.Popen(
        [oxigraph_binary(), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    try:
        _wait_for_port(port, process, log)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    yield from _serve(tmp_path_factory.mktemp("remote") / "store")


@pytest.fixture()
def empty_server(tmp_path):
    yield from _serve(tmp_path / "store")


@pytest.fixture(scope="module")
def filled(server):
    store = Store.open(server)
    for i in range(ARTICLES):
        assert store.add_article(doc_id(i), article_quads(i)) is True
    local = Store.open(None)
    for i in range(ARTICLES):
        local.add_article(doc_id(i), article_quads(i))
    return store, local


def test_open_gives_a_remote_store(server):
    store = Store.open(server + "/query")
    assert isinstance(store, RemoteStore) and store.url == server


def test_articles_are_written_whole_and_once(filled):
    remote, local = filled
    assert remote.has_article(doc_id(0)) and not remote.has_article(doc_id(999))
    before = len(remote)
    assert before == len(local) == sum(len(article_quads(i)) + 1 for i in range(ARTICLES))
    assert remote.add_article(doc_id(0), article_quads(0)) is False
    assert len(remote) == before
    assert remote.article_quad_count(doc_id(3)) == len(article_quads(3)) + 1
    assert remote.articles() == local.articles()


def test_the_dataset_equals_the_embedded_one(filled):
    remote, local = filled
    assert sorted(remote.dump_nquads().decode().splitlines()) == sorted(local.dump_nquads().decode().splitlines())


@pytest.mark.parametrize(
    "name, bindings",
    [
        ("positions", {"actor": ox.NamedNode(ID + "actor/alpha")}),
        ("positions", {"actor": ox.NamedNode(ID + "actor/odd")}),
        ("who", {"polarity": "oppose", "match": ox.NamedNode(ID + "topic/sanction")}),
        ("actors", {}),
        ("compare", {"actorA": ox.NamedNode(ID + "actor/delta"), "actorB": ox.NamedNode(ID + "actor/gamma-council")}),
    ],
)
def test_saved_queries_answer_as_on_the_embedded_store(filled, name, bindings):
    remote, local = filled
    expected = local.query(saved_query(name), bindings=bindings).rows
    assert expected
    assert remote.query(saved_query(name), bindings=bindings, timeout=20).rows == expected


@pytest.mark.parametrize("value", INJECTIONS)
def test_injected_names_match_nothing_and_change_nothing(filled, value):
    remote, _ = filled
    before = len(remote)
    for kind in ("actor", "topic"):
        try:
            assert store_candidates(remote, value, kind=kind) == ""
        except AmbiguousNameError as error:  # part of a longer name: listed to choose from, never taken
            assert error.choices and all(" ".join(value.casefold().split()) in c.label.casefold()
                                         for c in error.choices)
    assert len(remote) == before


def test_nothing_reaches_the_canary_through_a_remote_store(filled):
    remote, _ = filled
    before = len(remote)
    with Canary() as canary:
        for attack in attacks(canary.url):
            with pytest.raises(QueryError):
                remote.query(attack)
            with pytest.raises(QueryError):
                remote.update(attack)
        assert canary.requests == []
    assert len(remote) == before


def test_read_only_remote_store_refuses_writes(server):
    reader = Store.open(server, read_only=True)
    with pytest.raises(StoreError, match="read-only"):
        reader.add_article(doc_id(50), article_quads(50))
    assert not reader.has_article(doc_id(50))


def test_malformed_query_is_reported_by_the_server_in_one_line(filled):
    remote, _ = filled
    with pytest.raises(QueryError) as caught:
        remote.query("SELECT * WHERE { ?s }")
    assert "\n" not in str(caught.value)


def test_unreachable_server_is_a_one_line_error():
    port = free_port()
    with pytest.raises(StoreError) as caught:
        Store.open(f"http://127.0.0.1:{port}")
    assert str(caught.value).startswith(f"cannot reach the store at http://127.0.0.1:{port}:")
    assert str(caught.value).endswith("start the server or check the address")


def test_export_from_a_remote_store(filled, tmp_path):
    remote, local = filled
    export_store(remote, tmp_path / "remote.nq", "nquads")
    export_store(local, tmp_path / "local.nq", "nquads")
    read = lambda p: sorted(Path(p).read_text().splitlines())  # noqa: E731
    assert read(tmp_path / "remote.nq") == read(tmp_path / "local.nq")


def test_an_article_written_without_name_keys_gets_them_on_the_server(filled):
    remote, local = filled
    nkg_name_key = "https://w3id.org/newskg/ontology#nameKey"
    quads = article_quads(20)
    keys = {(q.subject.value, q.object.value) for q in quads if q.predicate.value == nkg_name_key}
    for store in (remote, local):  # as a newskg without the index wrote it; both stay equal for the export test
        assert store.add_article(doc_id(20), [q for q in quads if q.predicate.value != nkg_name_key])
    graph = f"<https://w3id.org/newskg/id/graph/{doc_id(20)}>"
    written = f"SELECT ?x ?key WHERE {{ GRAPH {graph} {{ ?x nkg:nameKey ?key }} }}"
    assert remote.query(written).rows == []
    assert index_names(remote) == index_names(local) == len(keys) > 0
    assert {(row["x"], row["key"]) for row in remote.query(written).rows} == keys
    assert index_names(remote) == 0


def test_build_writes_into_a_live_server_and_the_commands_read_it(empty_server, tmp_path, capsys):
    from newskg.graph.cli import main

    folder = tmp_path / "articles"
    folder.mkdir()
    for name in ("inf_treaty.txt", "syria.txt"):
        (folder / name).write_text((FIXTURES / "articles" / name).read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["build", str(folder), "--store", empty_server]) == 0
    assert "2 article(s) added" in capsys.readouterr().err
    store = Store.open(empty_server, read_only=True)
    assert isinstance(store, RemoteStore) and len([a for a in store.articles() if not a.startswith("vocabulary-")]) == 2
    # a second build finds both there
    assert main(["build", str(folder), "--store", empty_server]) == 0
    assert "0 article(s) added, 2 already in the store" in capsys.readouterr().err
    assert main(["actors", "--store", empty_server]) == 0
    assert "United States" in capsys.readouterr().out


def test_readers_refuse_a_remote_store_with_an_incomplete_article(empty_server):
    writer = Store.open(empty_server)
    assert writer.add_article(doc_id(0), article_quads(0))
    # a graph of an article without its completion marker, as a write another client cut short leaves it
    partial = [q for q in article_quads(1)]
    body = ox.serialize([q.triple for q in partial], format=ox.RdfFormat.N_TRIPLES)
    graph = urllib.parse.quote(partial[0].graph_name.value, safe="")
    writer._request("PUT", f"store?graph={graph}", data=body, headers={"Content-Type": "application/n-triples"})
    assert writer.incomplete() == [doc_id(1)]
    with pytest.raises(StoreError, match="1 incomplete article"):
        Store.open(empty_server, read_only=True)
    # writing the article again replaces its graph; then it reads
    assert writer.add_article(doc_id(1), article_quads(1))
    assert Store.open(empty_server, read_only=True).incomplete() == []
