"""`newskg serve`: a read-only SPARQL endpoint on loopback that never fetches from elsewhere."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request

import pytest
from canary import Canary, attacks
from store_samples import article_quads, doc_id

from newskg.graph.serve import Endpoint, ServeError, free_port
from newskg.graph.store import Store, StoreMissingError


@pytest.fixture(scope="module")
def location(tmp_path_factory):
    path = tmp_path_factory.mktemp("serve") / "store"
    with Store.open(path) as store:
        for i in range(4):
            store.add_article(doc_id(i), article_quads(i))
    return path


@pytest.fixture(scope="module")
def endpoint(location):
    with Endpoint(location, port=0, timeout=10) as running:
        yield running


def _send(url: str, *, data: bytes | None = None, content_type: str | None = None, method: str | None = None):
    headers = {"Accept": "application/sparql-results+json"}
    if content_type:
        headers["Content-Type"] = content_type
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def _form(**fields: str) -> bytes:
    return urllib.parse.urlencode(fields).encode()


COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def _count(endpoint: Endpoint) -> int:
    status, body = _send(endpoint.query_url + "?" + urllib.parse.urlencode({"query": COUNT}))
    assert status == 200, body
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


def test_select_answers_by_get_and_post(endpoint):
    expected = sum(len(article_quads(i)) + 1 for i in range(4))
    assert _count(endpoint) == expected
    status, body = _send(endpoint.query_url, data=_form(query=COUNT), content_type="application/x-www-form-urlencoded")
    assert status == 200 and int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) == expected
    status, body = _send(endpoint.query_url, data=COUNT.encode(), content_type="application/sparql-query")
    assert status == 200 and int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) == expected
    assert endpoint.url.startswith("http://127.0.0.1:")


def test_updates_and_graph_writes_are_refused(endpoint):
    before = _count(endpoint)
    insert = "INSERT DATA { GRAPH <https://w3id.org/newskg/id/graph/x> { <urn:a> <urn:b> <urn:c> } }"
    answers = [
        _send(endpoint.url + "/update", data=_form(update=insert), content_type="application/x-www-form-urlencoded"),
        _send(endpoint.query_url, data=_form(update=insert), content_type="application/x-www-form-urlencoded"),
        _send(endpoint.query_url, data=_form(query=insert), content_type="application/x-www-form-urlencoded"),
        _send(endpoint.query_url, data=insert.encode(), content_type="application/sparql-update"),
        _send(endpoint.url + "/store?default", data=b"<urn:a> <urn:b> <urn:c> .",
              content_type="application/n-triples", method="PUT"),
        _send(endpoint.url + "/store?default", data=b"<urn:a> <urn:b> <urn:c> .",
              content_type="application/n-triples", method="POST"),
        _send(endpoint.url + "/store?default", method="DELETE"),
    ]
    assert [status for status, _ in answers] == [403] * len(answers)
    assert _count(endpoint) == before


def test_service_load_and_outside_graphs_never_reach_the_canary(endpoint):
    with Canary() as canary:
        for attack in attacks(canary.url):
            status, body = _send(endpoint.query_url, data=_form(query=attack),
                                 content_type="application/x-www-form-urlencoded")
            assert status == 403, (attack, body)
            status, _ = _send(endpoint.query_url + "?" + urllib.parse.urlencode({"query": attack}))
            assert status == 403
        status, body = _send(endpoint.query_url + "?" + urllib.parse.urlencode(
            {"query": "SELECT * WHERE { ?s ?p ?o }", "default-graph-uri": canary.url + "/dataset"}))
        assert status == 403
        assert canary.requests == []
        urllib.request.urlopen(canary.url + "/control").read()
        assert canary.requests == [("GET", "/control")]


def test_store_can_be_read_through_the_graph_store_protocol(endpoint):
    request = urllib.request.Request(endpoint.url + "/store", headers={"Accept": "application/n-quads"})
    with urllib.request.urlopen(request, timeout=20) as response:
        lines = response.read().decode().splitlines()
    assert len(lines) == _count(endpoint)


def test_missing_store_and_busy_port_are_clear_errors(location, endpoint, tmp_path):
    with pytest.raises(StoreMissingError, match="no store at"):
        Endpoint(tmp_path / "none", port=0).start()
    with pytest.raises(ServeError, match="choose another --port"):
        Endpoint(location, port=endpoint.port).start()


def test_serve_command_runs_until_stopped(tmp_path):
    location = tmp_path / "own-store"
    with Store.open(location) as store:
        store.add_article(doc_id(0), article_quads(0))
    port = free_port()
    code = (
        "import typer, sys\n"
        "from newskg.graph.cli_store import register\n"
        "app = typer.Typer()\n"
        "app.callback()(lambda: None)\n"
        "register(app)\n"
        "app(args=sys.argv[1:])\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", code, "serve", "--store", str(location), "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=dict(os.environ),
    )
    try:
        announced = child.stderr.readline()
        assert b"read-only" in announced and f"127.0.0.1:{port}".encode() in announced
        status, body = _send(f"http://127.0.0.1:{port}/query?" + urllib.parse.urlencode({"query": "ASK {}"}))
        assert status == 200 and json.loads(body)["boolean"] is True
    finally:
        child.terminate()
        child.wait(timeout=20)
    with pytest.raises(urllib.error.URLError):  # the guard and the server behind it are gone
        _send(f"http://127.0.0.1:{port}/query?" + urllib.parse.urlencode({"query": "ASK {}"}))
    leftover = subprocess.run(["pgrep", "-f", f"serve-read-only --location {location} "], capture_output=True)
    assert leftover.stdout.strip() == b"", "the oxigraph server outlived the command"
