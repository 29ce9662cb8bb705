"""A loopback HTTP server that records every request it gets, to prove that nothing fetched from it."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Canary:
    """``with Canary() as canary: ...; canary.requests`` lists ``(method, path)`` of every request."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, str]] = []
        seen = self.requests

        class Handler(BaseHTTPRequestHandler):
            def _any(self) -> None:
                seen.append((self.command, self.path))
                body = b"<http://example.org/s> <http://example.org/p> <http://example.org/o> .\n"
                self.send_response(200)
                self.send_header("Content-Type", "application/n-triples")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = do_PUT = do_HEAD = _any

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "Canary":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


STORE_GRAPH = "https://w3id.org/newskg/id/graph/x"
"""A graph of the store, for the parts of an attack that must name one."""


def attacks(url: str) -> list[str]:
    """Queries and updates that would make a SPARQL engine fetch from ``url``: one spelling a line.

    Each names its own path under ``url``, so that a request on the canary
    says which spelling got through.
    """
    net = url.split(":", 1)[1]  # //127.0.0.1:PORT, a network-path reference
    any_ = "{ ?s ?p ?o }"
    one = f"<{STORE_GRAPH}> <{STORE_GRAPH}> 1"
    long_string = "'''it's \"fine\"'''"
    return [
        # SERVICE, plain and glued to what follows
        f"SELECT * WHERE {{ SERVICE <{url}/service> {any_} }}",
        f"select * where {{ service silent <{url}/silent> {any_} }}",
        f"PREFIX ev: <{url}/> SELECT * WHERE {{ SeRvIcE ev:prefixed {any_} }}",
        f"SELECT * WHERE {{ ?s ?p ?o . SERVICE<{url}/tight>{{?s ?p ?o}} }}",
        f"SELECT * WHERE {{ SERVICESILENT<{url}/glued-silent> {{?s ?p ?o}} }}",
        f"PREFIX ex: <{url}/> SELECT * WHERE {{ SERVICEex:glued-prefixed {{?s ?p ?o}} }}",
        f"PREFIX ex: <{url}/> SELECT * WHERE {{ SERVICESILENTex:glued-silent-prefixed {{?s ?p ?o}} }}",
        f"SELECT * WHERE {{ sErViCeSiLeNt<{url}/glued-mixed-case> {any_} }}",
        # \u escapes, which SPARQL expands in the whole text before parsing
        f"SELECT * WHERE {{ SERVIC\\u0045 <{url}/escaped-last> {any_} }}",
        f"SELECT * WHERE {{ \\u0053ERVICE <{url}/escaped-first> {any_} }}",
        f"SELECT * WHERE {{ \\U00000053ERVICE <{url}/escaped-long> {any_} }}",
        f"PREFIX ex: <{url}/> SELECT * WHERE {{ SERVICE\\u0020ex:escaped-space {any_} }}",
        f'SELECT * WHERE {{ ?s ?p "\\u0022" . SERVICE <{url}/escaped-quote> {any_} ?x ?y "\\u0022" }}',
        # comments, strings, BASE, variables
        f"SELECT * WHERE {{ SERVICE # a comment\n <{url}/commented> {any_} }}",
        f'# comment\nSELECT * WHERE {{ ?s ?p "x" SERVICE <{url}/after-string> {any_} }}',
        f"SELECT * WHERE {{ ?s ?p {long_string} . SERVICE <{url}/after-long-string> {any_} }}",
        f"BASE <{url}/> SELECT * WHERE {{ SERVICE <base-relative> {any_} }}",
        f"SELECT * WHERE {{ VALUES ?endpoint {{ <{url}/variable> }} SERVICE ?endpoint {any_} }}",
        f"SELECT * WHERE {{ BIND(<{url}/bound-variable> AS ?e) SERVICE SILENT ?e {any_} }}",
        # SERVICE deeper in the query
        f"SELECT * WHERE {{ OPTIONAL {{ SERVICE <{url}/optional> {any_} }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o MINUS {{ SERVICE <{url}/minus> {any_} }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o FILTER EXISTS {{ SERVICE <{url}/filter-exists> {any_} }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o FILTER NOT EXISTS {{ SERVICE <{url}/not-exists> {any_} }} }}",
        f"SELECT * WHERE {{ {{ ?s ?p ?o }} UNION {{ SERVICE <{url}/union> {any_} }} }}",
        f"SELECT * WHERE {{ GRAPH ?g {{ SERVICE <{url}/graph> {any_} }} }}",
        f"SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE <{url}/subselect> {any_} }} }} }}",
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}/construct> {any_} }}",
        f"ASK {{ SERVICE SILENT <{url}/ask> {any_} }}",
        f"DESCRIBE ?s WHERE {{ SERVICE <{url}/describe> {any_} }}",
        # FROM and FROM NAMED outside the store
        f"SELECT * FROM <{url}/from> WHERE {any_}",
        f"SELECT * FROM NAMED <{url}/named> WHERE {{ GRAPH ?g {any_} }}",
        f"BASE <{url}/> SELECT * FROM <relative> WHERE {any_}",
        "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
        f"SELECT * FROM<{url}/glued-from> WHERE {any_}",
        f"SELECT * FROMNAMED<{url}/glued-from-named> WHERE {any_}",
        f"PREFIX ex: <{url}/> SELECT * FROMex:glued-from-prefixed WHERE {any_}",
        f"SELECT * fRoM nAmEd <{url}/mixed-case> WHERE {any_}",
        f"SELECT * FROM <{STORE_GRAPH}> FROM <{url}/second-from> WHERE {any_}",
        f"SELECT * FROM # a comment\n <{url}/commented-from> WHERE {any_}",
        f"SELECT * FR\\u004FM <{url}/escaped-from> WHERE {any_}",
        f"BASE <https://w3id.org/newskg/id/> SELECT * FROM <{net}/network-path> WHERE {any_}",
        f"BASE <https://w3id.org/newskg/id/> PREFIX up: <../../../> SELECT * FROM up:dot-segments WHERE {any_}",
        f"SELECT * WHERE {{ {{ SELECT * FROM <{url}/subquery-from> WHERE {any_} }} }}",
        f"CONSTRUCT {{ ?s ?p ?o }} FROM <{url}/construct-from> WHERE {any_}",
        f"ASK FROM NAMED <{url}/ask-from-named> {{ GRAPH ?g {any_} }}",
        # LOAD, also glued, escaped, GRAPH-less and after `;`
        f"LOAD <{url}/load>",
        f"LOAD SILENT <{url}/load-silent> INTO GRAPH <{STORE_GRAPH}>",
        f"LOAD<{url}/glued-load>",
        f"PREFIX ex: <{url}/> LOADex:x.nt INTO GRAPH <{STORE_GRAPH}>",
        f"LOADSILENT<{url}/glued-load-silent>",
        f"LOA\\u0044 <{url}/escaped-load>",
        f"# comment\nLOAD # between\n <{url}/commented-load>",
        f"BASE <{url}/> LOAD <base-relative-load>",
        f"INSERT DATA {{ {one} }} ; LOAD <{url}/after-semicolon>",
        f"PREFIX ex: <{url}/> CLEAR SILENT GRAPH <{STORE_GRAPH}> ; LOAD SILENT ex:carried-prefix",
        f"DELETE WHERE {{ ?s ?p ?o }} ; LOAD SILENT <{url}/after-delete-where> ; CLEAR DEFAULT",
        # SERVICE and USING in updates
        f"INSERT {{ ?s ?p ?o }} WHERE {{ SERVICESILENT<{url}/insert-where> {{?s ?p ?o}} }}",
        f"DELETE {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}/delete-where> {any_} }}",
        f"INSERT DATA {{ {one} }} ; INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}/second-operation> {any_} }}",
        f"INSERT {{ ?s ?p ?o }} USING <{url}/using> WHERE {any_}",
        f"INSERT {{ ?s ?p ?o }} USING NAMED <{url}/using-named> WHERE {{ GRAPH ?g {any_} }}",
        f"DELETE {{ ?s ?p ?o }} USINGNAMED<{url}/glued-using-named> WHERE {any_}",
        f"PREFIX ex: <{url}/> INSERT {{ ?s ?p ?o }} USINGex:glued-using WHERE {any_}",
        f"BASE <{url}/> DELETE {{ ?s ?p ?o }} USING <relative-using> WHERE {any_}",
        f"WITH <{STORE_GRAPH}> DELETE {{ ?s ?p ?o }} USING <{url}/with-using> WHERE {any_}",
        f"INSERT DATA {{ {one} }} ; DELETE {{ ?s ?p ?o }} USING <{url}/second-using> WHERE {any_}",
    ]
