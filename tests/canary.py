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


def attacks(url: str) -> list[str]:
    """Queries and updates that would make a SPARQL engine fetch from ``url``."""
    return [
        f"SELECT * WHERE {{ SERVICE <{url}/service> {{ ?s ?p ?o }} }}",
        f"select * where {{ service silent <{url}/silent> {{ ?s ?p ?o }} }}",
        f"PREFIX ev: <{url}/> SELECT * WHERE {{ SeRvIcE ev:prefixed {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o . SERVICE<{url}/tight>{{?s ?p ?o}} }}",
        f"SELECT * FROM <{url}/from> WHERE {{ ?s ?p ?o }}",
        f"SELECT * FROM NAMED <{url}/named> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        f"BASE <{url}/> SELECT * FROM <relative> WHERE {{ ?s ?p ?o }}",
        "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
        f"LOAD <{url}/load>",
        f"LOAD SILENT <{url}/load> INTO GRAPH <https://w3id.org/newskg/id/graph/x>",
        f"INSERT {{ ?s ?p ?o }} USING <{url}/using> WHERE {{ ?s ?p ?o }}",
        f"# comment\nSELECT * WHERE {{ ?s ?p \"x\" SERVICE <{url}/after-string> {{ ?s ?p ?o }} }}",
    ]
