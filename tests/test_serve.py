"""`newskg serve`: a read-only SPARQL endpoint on loopback that never fetches from elsewhere and that a web page,
a hostile client or a runaway query cannot abuse (issue 16, items 2-6 and 15)."""

from __future__ import annotations

import doctest
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from canary import Canary, attacks
from serve_util import (children, command_line, kill_workers, listening_inodes, raw, rss_mb, socket_inodes,
                        worker_pids)
from store_samples import article_quads, doc_id

from newskg.graph import serve
from newskg.graph.serve import MAX_BODY, MAX_QUERIES, Endpoint, ServeError, free_port
from newskg.graph.store import Store, StoreError, StoreMissingError

FORM = "application/x-www-form-urlencoded"
SPARQL = "application/sparql-query"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
UNION_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
#: Never finishes on the test store (over 10^10 rows), and sends nothing until it does.
ENDLESS_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
#: Streams rows for ever.
ENDLESS_ROWS = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
#: A few tens of MB of JSON.
BIG_ROWS = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } LIMIT 60000"
ONE_LINE_SECONDS = 3.0


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


@pytest.fixture(scope="module")
def hasty(location):
    """An endpoint whose queries have one second."""
    with Endpoint(location, port=0, timeout=1) as running:
        yield running


def _origin(endpoint: Endpoint) -> str:
    return f"http://127.0.0.1:{endpoint.port}"


def _send(url: str, *, data: bytes | None = None, content_type: str | None = None, method: str | None = None,
          headers: dict[str, str] | None = None, timeout: float = 20):
    sent = {"Accept": "application/sparql-results+json", **(headers or {})}
    if content_type:
        sent["Content-Type"] = content_type
    request = urllib.request.Request(url, data=data, headers=sent, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def _form_post(endpoint: Endpoint, path: str = "/query", **fields: str):
    """A form POST as the page at / sends it (with its Origin)."""
    return _send(endpoint.url + path, data=_form(**fields), content_type=FORM,
                 headers={"Origin": _origin(endpoint)})


def _get(endpoint: Endpoint, query: str, **headers: str):
    return _send(endpoint.query_url + "?" + urllib.parse.urlencode({"query": query}), headers=headers)


def _form(**fields: str) -> bytes:
    return urllib.parse.urlencode(fields).encode()


def _number(body: bytes) -> int:
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


def _count(endpoint: Endpoint, query: str = COUNT) -> int:
    status, body = _get(endpoint, query)
    assert status == 200, body
    return _number(body)


def _assert_alive(endpoint: Endpoint) -> None:
    status, body = _get(endpoint, "ASK {}")
    assert status == 200 and json.loads(body)["boolean"] is True, body


def _one_line(body: bytes) -> str:
    text = body.decode("utf-8")
    assert text.endswith("\n") and text.count("\n") == 1 and "Traceback" not in text, text
    return text.strip()


# -- what it answers ------------------------------------------------------------------------
def test_select_answers_by_get_and_post(endpoint):
    expected = sum(len(article_quads(i)) + 1 for i in range(4))
    assert _count(endpoint) == expected
    status, body = _form_post(endpoint, query=COUNT)
    assert status == 200 and _number(body) == expected
    status, body = _send(endpoint.query_url, data=COUNT.encode(), content_type=SPARQL)  # as curl sends it
    assert status == 200 and _number(body) == expected
    assert endpoint.url.startswith("http://127.0.0.1:")


def test_default_graph_is_the_union_as_with_newskg_query(endpoint, location):
    with Store.open(location, read_only=True) as store:
        expected = store.query(UNION_COUNT).rows[0]["n"]
    assert expected > 0
    assert _count(endpoint, UNION_COUNT) == expected
    status, body = _get(endpoint, "SELECT ?l WHERE { actor:alpha rdfs:label ?l }")  # newskg's prefixes
    assert status == 200 and json.loads(body)["results"]["bindings"][0]["l"]["value"] == "Alphaland"


def test_results_come_in_the_format_asked_for(endpoint):
    request = urllib.request.Request(endpoint.query_url + "?" + urllib.parse.urlencode({"query": COUNT}),
                                     headers={"Accept": "text/csv"})
    with urllib.request.urlopen(request, timeout=20) as response:
        assert response.headers["Content-Type"].startswith("text/csv")
        assert response.read().decode().splitlines()[0] == "n"
    construct = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3"
    request = urllib.request.Request(endpoint.query_url + "?" + urllib.parse.urlencode({"query": construct}))
    with urllib.request.urlopen(request, timeout=20) as response:
        assert response.headers["Content-Type"].startswith("application/n-triples")
        assert len(response.read().decode().splitlines()) == 3


def test_malformed_sparql_is_one_line_with_its_position(endpoint):
    status, body = _get(endpoint, "SELECT WHERE {")
    assert status == 400 and "line 1" in _one_line(body)


def test_updates_and_graph_writes_are_refused(endpoint):
    before = _count(endpoint)
    insert = "INSERT DATA { GRAPH <https://w3id.org/newskg/id/graph/x> { <urn:a> <urn:b> <urn:c> } }"
    answers = [
        _form_post(endpoint, "/update", update=insert),
        _form_post(endpoint, update=insert),
        _form_post(endpoint, query=insert),
        _send(endpoint.query_url, data=insert.encode(), content_type="application/sparql-update"),
        _send(endpoint.query_url + "?" + urllib.parse.urlencode({"update": insert})),
        _send(endpoint.url + "/store?default", data=b"<urn:a> <urn:b> <urn:c> .",
              content_type="application/n-triples", method="PUT"),
        _send(endpoint.url + "/store?default", data=b"<urn:a> <urn:b> <urn:c> .",
              content_type="application/n-triples", method="POST", headers={"Origin": _origin(endpoint)}),
        _send(endpoint.url + "/store?default", method="DELETE"),
    ]
    assert [status for status, _ in answers] == [403] * len(answers)
    assert all("read-only" in _one_line(body) for _, body in answers)
    assert _count(endpoint) == before


def test_service_load_and_outside_graphs_never_reach_the_canary(endpoint):
    with Canary() as canary:
        for attack in attacks(canary.url):
            status, body = _form_post(endpoint, query=attack)
            assert status == 403, (attack, body)
            status, _ = _get(endpoint, attack)
            assert status == 403
            status, _ = _send(endpoint.query_url, data=attack.encode(), content_type=SPARQL)
            assert status == 403
        for name in ("default-graph-uri", "named-graph-uri"):
            status, body = _send(endpoint.query_url + "?" + urllib.parse.urlencode(
                {"query": "SELECT * WHERE { ?s ?p ?o }", name: canary.url + "/dataset"}))
            assert status == 403
        assert canary.requests == []
        urllib.request.urlopen(canary.url + "/control").read()
        assert canary.requests == [("GET", "/control")]


def test_store_can_be_read_through_the_graph_store_protocol(endpoint):
    request = urllib.request.Request(endpoint.url + "/store", headers={"Accept": "application/n-quads"})
    with urllib.request.urlopen(request, timeout=20) as response:
        assert response.headers["Content-Type"].startswith("application/n-quads")
        lines = response.read().decode().splitlines()
    assert len(lines) == _count(endpoint)


def test_query_page_is_a_plain_form_with_a_strict_policy(endpoint):
    with urllib.request.urlopen(endpoint.url + "/", timeout=20) as response:
        page = response.read().decode()
        policy = response.headers["Content-Security-Policy"]
        assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'none'" in policy and "form-action 'self'" in policy
    assert '<form method="post" action="/query">' in page and "<script" not in page and "http" not in page


def test_missing_store_and_busy_port_are_clear_errors(location, endpoint, tmp_path):
    with pytest.raises(StoreMissingError, match="no store at"):
        Endpoint(tmp_path / "none", port=0).start()
    with pytest.raises(ServeError, match="choose another --port"):
        Endpoint(location, port=endpoint.port).start()


# -- nothing but the filter -----------------------------------------------------------------
def test_nothing_listens_but_the_filter_and_no_port_leaks(endpoint):
    status, body = _get(endpoint, 'SELECT ?i (STR(?i) AS ?s) WHERE { BIND(IRI("x") AS ?i) }')
    assert status == 200 and b"127.0.0.1" not in body and b"http" not in body
    workers = worker_pids()
    assert workers, "spare workers are ready"
    listening = listening_inodes()
    for pid in children():
        assert not (socket_inodes(pid) & listening.keys()), f"child {pid} {command_line(pid)} listens"
        assert not command_line(pid)[0].endswith("oxigraph"), "an oxigraph server runs"
    own = {listening[inode] for inode in socket_inodes() & listening.keys()}
    assert endpoint.port in own


# -- hostile requests -----------------------------------------------------------------------
def _head(method: str, path: str, port: int, *lines: str, host: str | None = None) -> bytes:
    header = [f"{method} {path} HTTP/1.1", f"Host: {host or f'127.0.0.1:{port}'}", *lines, "Connection: close"]
    return ("\r\n".join(header) + "\r\n\r\n").encode("latin-1")


def _form_request(port: int, *lines: str, host: str | None = None) -> bytes:
    body = _form(query="ASK {}").decode()
    return _head("POST", "/query", port, f"Content-Type: {FORM}", f"Content-Length: {len(body)}", *lines,
                 host=host) + body.encode()


ASK = "/query?" + urllib.parse.urlencode({"query": "ASK {}"})

# name, request for a port, the statuses it may get
HOSTILE = [
    ("cross-origin form POST", lambda p: _form_request(p, "Origin: http://evil.example"), {403}),
    ("cross-origin form POST, other port", lambda p: _form_request(p, f"Origin: http://127.0.0.1:{p + 1}"), {403}),
    ("null-origin form POST", lambda p: _form_request(p, "Origin: null"), {403}),
    ("form POST with neither Origin nor Sec-Fetch-Site", lambda p: _form_request(p), {403}),
    ("form POST, Sec-Fetch-Site cross-site", lambda p: _form_request(p, "Sec-Fetch-Site: cross-site"), {403}),
    ("text/plain POST (fetch no-cors)", lambda p: _head("POST", "/query", p, "Content-Type: text/plain",
                                                       "Content-Length: 6", "Origin: http://evil.example")
     + b"ASK {}", {403}),
    ("GET, Sec-Fetch-Site cross-site", lambda p: _head("GET", ASK, p, "Sec-Fetch-Site: cross-site"), {403}),
    ("GET, Sec-Fetch-Site same-site", lambda p: _head("GET", ASK, p, "Sec-Fetch-Site: same-site"), {403}),
    ("GET, cross-origin Origin", lambda p: _head("GET", ASK, p, "Origin: http://evil.example"), {403}),
    ("Host attacker.example (DNS rebinding)", lambda p: _head("GET", "/store", p, host=f"attacker.example:{p}"),
     {421}),
    ("Host with another port", lambda p: _head("GET", ASK, p, host=f"127.0.0.1:{p + 1}"), {421}),
    ("Host without its port", lambda p: _head("GET", ASK, p, host="127.0.0.1"), {421}),
    ("no Host", lambda p: f"GET {ASK} HTTP/1.1\r\nConnection: close\r\n\r\n".encode(), {421}),
    ("two Hosts", lambda p: _head("GET", ASK, p, "Host: attacker.example"), {421}),
    ("Content-Length -1", lambda p: _head("POST", "/query", p, f"Content-Type: {SPARQL}", "Content-Length: -1"),
     {400}),
    ("Content-Length abc", lambda p: _head("POST", "/query", p, f"Content-Type: {SPARQL}", "Content-Length: abc"),
     {400}),
    ("POST without Content-Length", lambda p: _head("POST", "/query", p, f"Content-Type: {SPARQL}"), {400}),
    ("two Content-Lengths", lambda p: _head("POST", "/query", p, f"Content-Type: {SPARQL}", "Content-Length: 6",
                                            "Content-Length: 60") + b"ASK {}", {400}),
    ("chunked body", lambda p: _head("POST", "/query", p, f"Content-Type: {SPARQL}", "Transfer-Encoding: chunked")
     + b"6\r\nASK {}\r\n0\r\n\r\n", {400}),
    ("body over the cap, header only", lambda p: _head("POST", "/query", p, f"Content-Type: {SPARQL}",
                                                       "Content-Length: 30000000"), {413}),
    ("HTTP/0.9 request line", lambda p: b"GET /query\r\n", {400}),
    ("garbage request line", lambda p: b"\x16\x03\x01\x02\x00 hello there\r\n\r\n", {400}),
    ("request line of one word", lambda p: b"GARBAGE\r\n\r\n", {400}),
    ("HTTP/1.0", lambda p: f"GET {ASK} HTTP/1.0\r\nHost: 127.0.0.1:{p}\r\n\r\n".encode(), {505}),
    ("HTTP/2.0", lambda p: f"GET {ASK} HTTP/2.0\r\nHost: 127.0.0.1:{p}\r\n\r\n".encode(), {400, 505}),
    ("unknown method", lambda p: _head("BREW", ASK, p), {501}),
    ("CORS preflight", lambda p: _head("OPTIONS", "/query", p, "Origin: http://evil.example",
                                       "Access-Control-Request-Method: POST"), {403}),
    ("path outside the endpoint", lambda p: _head("GET", "/../../etc/passwd", p), {404}),
]

# name, request for a port: what browsers and scripts send, answered 200
FRIENDLY = [
    ("same-origin form POST", lambda p: _form_request(p, f"Origin: http://127.0.0.1:{p}")),
    ("same-origin form POST via localhost", lambda p: _form_request(p, f"Origin: http://localhost:{p}",
                                                                    host=f"localhost:{p}")),
    ("form POST, Sec-Fetch-Site same-origin", lambda p: _form_request(p, "Sec-Fetch-Site: same-origin")),
    ("GET typed in the address bar", lambda p: _head("GET", ASK, p, "Sec-Fetch-Site: none")),
    ("GET as curl sends it", lambda p: _head("GET", ASK, p)),
    ("sparql-query POST as curl sends it", lambda p: _head("POST", "/query", p, f"Content-Type: {SPARQL}",
                                                          "Content-Length: 6") + b"ASK {}"),
    ("Host [::1]", lambda p: _head("GET", ASK, p, host=f"[::1]:{p}")),
]


@pytest.mark.parametrize(("request_for", "statuses"), [c[1:] for c in HOSTILE], ids=[c[0] for c in HOSTILE])
def test_hostile_request_is_refused_in_one_line_fast(endpoint, request_for, statuses):
    answer = raw(endpoint.port, request_for(endpoint.port), timeout=ONE_LINE_SECONDS + 2)
    assert answer.status in statuses, answer.raw[:300]
    assert answer.seconds < ONE_LINE_SECONDS
    _one_line(answer.body)
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert "access-control-allow-origin" not in answer.headers
    _assert_alive(endpoint)


@pytest.mark.parametrize("request_for", [c[1] for c in FRIENDLY], ids=[c[0] for c in FRIENDLY])
def test_browser_and_script_requests_are_answered(endpoint, request_for):
    answer = raw(endpoint.port, request_for(endpoint.port))
    assert answer.status == 200, answer.raw[:300]
    assert json.loads(answer.body)["boolean"] is True
    assert "default-src 'none'" in answer.headers["content-security-policy"]


def test_hostile_requests_by_urllib(endpoint):
    origin = {"Origin": "http://evil.example"}
    assert _send(endpoint.query_url, data=_form(query="ASK {}"), content_type=FORM, headers=origin)[0] == 403
    assert _send(endpoint.query_url, data=_form(query="ASK {}"), content_type=FORM)[0] == 403
    assert _get(endpoint, "ASK {}", **{"Sec-Fetch-Site": "cross-site"})[0] == 403
    assert _send(endpoint.url + "/store", headers={"Host": f"attacker.example:{endpoint.port}"})[0] == 421
    assert _send(endpoint.url + "/store", headers={"Host": f"localhost:{endpoint.port + 1}"})[0] == 421
    status, body = _form_post(endpoint, query="ASK {}")
    assert status == 200 and json.loads(body)["boolean"] is True


def test_newskg_reads_the_endpoint_as_a_remote_store_while_forms_without_origin_are_refused(endpoint):
    """`newskg query --store http://...` sends the query as the body, which no page can send cross-site."""
    assert Store.open(endpoint.url, read_only=True).query("ASK {}").boolean is True
    status, body = _send(endpoint.query_url, data=_form(query="ASK {}"), content_type=FORM)
    assert status == 403 and "sparql-query" in body.decode()


def test_a_30_mb_body_is_refused_without_being_kept(endpoint):
    before = rss_mb()
    body = b"x" * 30_000_000
    answer = raw(endpoint.port, _head("POST", "/query", endpoint.port, f"Content-Type: {FORM}",
                                      f"Origin: {_origin(endpoint)}", f"Content-Length: {len(body)}"),
                 then=body, timeout=10)
    assert answer.status == 413 and str(MAX_BODY) in _one_line(answer.body)
    status, text = _send(endpoint.query_url, data=body, content_type=SPARQL)
    assert status == 413, text
    del body
    assert rss_mb() - before < 100
    _assert_alive(endpoint)


def test_a_silent_client_is_dropped(location, monkeypatch):
    monkeypatch.setattr(serve._Filter, "timeout", 1.0)
    with Endpoint(location, port=0, timeout=5) as quick:
        start = time.monotonic()
        answer = raw(quick.port, f"GET {ASK} HTTP/1.1\r\nHost: 127.0.0.1:{quick.port}\r\n".encode(), timeout=10)
        assert time.monotonic() - start < 5 and answer.status == 0  # closed, headers never finished
        answer = raw(quick.port, _head("POST", "/query", quick.port, f"Content-Type: {SPARQL}",
                                       "Content-Length: 100") + b"ASK", timeout=10)
        assert time.monotonic() - start < 8 and answer.status in (0, 400, 408)


def test_connections_beyond_the_cap_are_turned_away(location, monkeypatch):
    monkeypatch.setattr(serve._Filter, "timeout", 3.0)
    with Endpoint(location, port=0, timeout=5) as capped:
        idle = [socket.create_connection(("127.0.0.1", capped.port), timeout=5)
                for _ in range(serve.MAX_CONNECTIONS)]
        try:
            time.sleep(0.5)
            answer = raw(capped.port, _head("GET", ASK, capped.port), timeout=5)
            assert answer.status == 503 and answer.headers["retry-after"] and answer.seconds < 2
        finally:
            for sock in idle:
                sock.close()
        time.sleep(0.5)
        _assert_alive(capped)


def test_unexpected_failure_is_a_500_line(endpoint, monkeypatch):
    def broken(_query: str) -> str:
        raise RuntimeError("boom")

    monkeypatch.setattr(serve, "check", broken)
    status, body = _get(endpoint, "ASK {}")
    assert status == 500 and "boom" not in _one_line(body)
    monkeypatch.undo()
    _assert_alive(endpoint)


# -- queries that misbehave -----------------------------------------------------------------
def test_deep_nesting_is_an_error_line_and_the_endpoint_goes_on(endpoint):
    deep = "SELECT * WHERE " + "{" * 20_000 + "}" * 20_000
    status, body = _send(endpoint.query_url, data=deep.encode(), content_type=SPARQL)
    assert status == 403  # refused by the query check before any worker parses it
    assert "64" in _one_line(body)
    _assert_alive(endpoint)


def test_a_killed_worker_is_a_5xx_and_the_next_query_works(endpoint, location):
    outcome = {}

    def slow() -> None:
        outcome["answer"] = _get(endpoint, ENDLESS_COUNT)

    asking = threading.Thread(target=slow)
    asking.start()
    for _ in range(50):
        time.sleep(0.1)
        if kill_workers(reading=location):  # the one answering has the store open
            break
    else:
        pytest.fail("no worker had the store open")
    asking.join(timeout=20)
    status, body = outcome["answer"]
    assert status == 502 and "SIGKILL" in _one_line(body)
    _assert_alive(endpoint)
    assert _count(endpoint) > 0


def test_a_query_past_its_time_is_a_504(hasty):
    start = time.monotonic()
    status, body = _get(hasty, ENDLESS_COUNT)
    assert status == 504 and "time limit" in _one_line(body)
    assert time.monotonic() - start < 5
    _assert_alive(hasty)


def test_a_stream_past_its_time_is_cut_never_complete(hasty):
    start = time.monotonic()
    answer = raw(hasty.port, _head("GET", "/query?" + urllib.parse.urlencode({"query": ENDLESS_ROWS}), hasty.port),
                 timeout=15, limit=2_000_000_000)
    assert answer.status == 200 and answer.chunked  # it streamed: rows came before the query could finish
    assert len(answer.body) > serve.HOLD_BACK
    assert not answer.complete, "a cut-off answer must not end with the final chunk"
    assert time.monotonic() - start < 15
    with pytest.raises(Exception) as caught:  # urllib sees a truncated answer too
        with urllib.request.urlopen(hasty.query_url + "?" + urllib.parse.urlencode({"query": ENDLESS_ROWS}),
                                    timeout=15) as response:
            while response.read(1 << 20):
                pass
    assert "IncompleteRead" in type(caught.value).__name__ or isinstance(caught.value, OSError)
    _assert_alive(hasty)


def test_too_many_queries_at_once_get_503_with_retry_after(hasty):
    def ask(_: int):
        request = urllib.request.Request(hasty.query_url + "?" + urllib.parse.urlencode({"query": ENDLESS_COUNT}))
        try:
            with urllib.request.urlopen(request, timeout=20) as response:
                return response.status, None
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get("Retry-After")

    with ThreadPoolExecutor(max_workers=10) as pool:
        answers = list(pool.map(ask, range(10)))
    busy = [retry for status, retry in answers if status == 503]
    assert len(busy) >= 10 - MAX_QUERIES and all(busy), answers
    assert {status for status, _ in answers} <= {503, 504}
    _assert_alive(hasty)


def test_large_answers_stream_in_bounded_memory(endpoint):
    def fetch(_: int) -> tuple[int, bool]:
        request = urllib.request.Request(endpoint.query_url + "?" + urllib.parse.urlencode({"query": BIG_ROWS}))
        size = 0
        with urllib.request.urlopen(request, timeout=60) as response:
            chunked = response.headers.get("Transfer-Encoding") == "chunked"
            while piece := response.read(1 << 16):
                size += len(piece)
        return size, chunked

    before = rss_mb()
    with ThreadPoolExecutor(max_workers=MAX_QUERIES) as pool:
        answers = list(pool.map(fetch, range(MAX_QUERIES)))
    assert all(chunked and size > 20_000_000 for size, chunked in answers), answers
    assert rss_mb() - before < 100  # the filter holds at most a few chunks per answer


# -- the command ----------------------------------------------------------------------------
SERVE = "import sys\nfrom newskg.graph.cli import main\nsys.exit(main(sys.argv[1:]))\n"


def _serve(location, port: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", SERVE, "serve", "--store", str(location), "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=dict(os.environ),
    )


def test_serve_command_runs_until_stopped(tmp_path):
    location = tmp_path / "own-store"
    with Store.open(location) as store:
        store.add_article(doc_id(0), article_quads(0))
    port = free_port()
    child = _serve(location, port)
    try:
        announced = child.stderr.readline()
        assert b"read-only" in announced and f"127.0.0.1:{port}".encode() in announced
        status, body = _send(f"http://127.0.0.1:{port}/query?" + urllib.parse.urlencode({"query": "ASK {}"}))
        assert status == 200 and json.loads(body)["boolean"] is True
        workers = children(child.pid)
        assert workers and all("--worker" in command_line(pid) for pid in workers)
        listening = listening_inodes()
        assert {listening[i] for i in socket_inodes(child.pid) & listening.keys()} == {port}  # the filter's alone
        assert not any(socket_inodes(pid) & listening.keys() for pid in workers)
    finally:
        child.terminate()
        child.wait(timeout=20)
    assert child.returncode == 0
    with pytest.raises(urllib.error.URLError):  # the endpoint is gone
        _send(f"http://127.0.0.1:{port}/query?" + urllib.parse.urlencode({"query": "ASK {}"}))
    time.sleep(0.5)
    assert not [pid for pid in workers if command_line(pid)], "a worker outlived the command"


def test_serve_command_exits_10_in_one_line_when_the_store_goes(tmp_path, location):
    copy = tmp_path / "doomed"
    shutil.copytree(location, copy)
    port = free_port()
    child = _serve(copy, port)
    try:
        assert b"read-only" in child.stderr.readline()
        shutil.rmtree(copy)
        child.wait(timeout=20)
        rest = child.stderr.read().decode()
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == ServeError.exit_code
    lines = [line for line in rest.splitlines() if line.strip()]
    assert len(lines) == 1 and "is gone" in lines[0] and "Traceback" not in rest
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()


def test_examples_in_docstrings():
    assert doctest.testmod(serve).failed == 0
