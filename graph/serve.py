"""A read-only SPARQL 1.1 Protocol endpoint on 127.0.0.1 over a newskg store.

The Oxigraph server shipped by the ``oxigraph`` package answers the queries
(``oxigraph serve-read-only``, on a private loopback port). The server
itself would follow ``SERVICE`` and ``LOAD`` to any URL, so every request
goes first through a small guard in front of it that applies
:func:`newskg.graph.query.check` and refuses updates, then forwards the
query. Only ``GET``/``POST /query`` (also ``/sparql``), ``GET /store`` and
the query page at ``/`` are passed on.

Start it from Python (``newskg serve`` does the same and waits for Ctrl-C):

>>> with Endpoint("path/to/store", port=0) as endpoint:  # doctest: +SKIP
...     print(endpoint.query_url)
http://127.0.0.1:40123/query
"""

from __future__ import annotations

import http.client
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

from newskg.extract.errors import NewskgError
from newskg.graph.query import ALLOWED_GRAPH_BASE, QueryError, check
from newskg.graph.store import StoreMissingError, missing_store_message

__all__ = ["Endpoint", "ServeError", "oxigraph_binary", "free_port"]

_FORM = "application/x-www-form-urlencoded"


class ServeError(NewskgError):
    """The endpoint cannot be started."""

    exit_code = 10


def oxigraph_binary() -> str:
    """The ``oxigraph`` server program: next to the running Python first, then on ``PATH``."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("oxigraph")
    if found:
        return found
    raise ServeError("the oxigraph server program is not installed; run `pip install oxigraph` and try again")


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    """Ask Linux to stop the server when the process that started it dies (even by SIGKILL)."""
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _wait_for_port(port: int, process: subprocess.Popen, log, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            err = log.read().decode("utf-8", "replace").strip()
            last = err.splitlines()[-1] if err else f"exit {process.returncode}"
            raise ServeError(f"the oxigraph server stopped at start: {last}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise ServeError(f"the oxigraph server did not answer on port {port} within {seconds:g} s")


class _Guard(BaseHTTPRequestHandler):
    """Checks each request and forwards the allowed ones to the Oxigraph server."""

    server_version = "newskg"
    backend_port: int = 0
    backend_timeout: float = 60.0

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        if os.environ.get("NEWSKG_SERVE_LOG"):
            super().log_message(format, *args)

    # -- answers --------------------------------------------------------------------------
    def _reply(self, status: int, text: str) -> None:
        body = (text + "\n").encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _refuse_write(self) -> None:
        self._reply(403, "this endpoint is read-only: updates and graph writes are refused")

    def _forward(self, method: str, path: str, body: bytes | None, headers: dict[str, str]) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", self.backend_port, timeout=self.backend_timeout)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            payload = response.read()
        except OSError as error:
            self._reply(502, f"the SPARQL server did not answer: {error}")
            return
        finally:
            connection.close()
        self.send_response(response.status)
        for name in ("Content-Type", "Content-Disposition", "Vary"):
            if response.getheader(name):
                self.send_header(name, response.getheader(name))
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if method != "HEAD":
            self.wfile.write(payload)

    def _run_query(self, fields: dict[str, list[str]]) -> None:
        if "update" in fields:
            self._refuse_write()
            return
        queries = fields.get("query", [])
        if len(queries) != 1:
            self._reply(400, "send exactly one `query` parameter")
            return
        for name in ("default-graph-uri", "named-graph-uri"):
            for iri in fields.get(name, []):
                if not iri.startswith(ALLOWED_GRAPH_BASE):
                    self._reply(403, f"{name} {iri} is not allowed: newskg queries only its own store")
                    return
        try:
            if check(queries[0]) == "update":
                self._refuse_write()
                return
        except QueryError as error:
            self._reply(403, str(error))
            return
        forwarded = {k: v for k, v in fields.items() if k in ("query", "default-graph-uri", "named-graph-uri")}
        headers = {"Content-Type": _FORM, "Accept": self.headers.get("Accept", "application/sparql-results+json")}
        self._forward("POST", "/query", urlencode(forwarded, doseq=True).encode(), headers)

    # -- methods --------------------------------------------------------------------------
    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        parts = urlsplit(self.path)
        if parts.path in ("/query", "/sparql"):
            self._run_query(parse_qs(parts.query, keep_blank_values=True))
        elif parts.path == "/store":
            self._forward("GET", self.path, None, {"Accept": self.headers.get("Accept", "application/n-quads")})
        elif parts.path == "/" and not parts.query:
            self._forward("GET", "/", None, {"Accept": self.headers.get("Accept", "text/html")})
        else:
            self._reply(404, "not found: use /query for SPARQL")

    def do_HEAD(self) -> None:  # noqa: N802
        self._reply(405, "use GET or POST /query")

    def do_POST(self) -> None:  # noqa: N802
        parts = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if parts.path not in ("/query", "/sparql"):
            self._refuse_write()
            return
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        fields = parse_qs(parts.query, keep_blank_values=True)
        if kind == _FORM:
            for key, values in parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True).items():
                fields.setdefault(key, []).extend(values)
        elif kind == "application/sparql-query":
            fields["query"] = [body.decode("utf-8", "replace")]
        elif kind == "application/sparql-update":
            self._refuse_write()
            return
        else:
            self._reply(415, "send the query as application/sparql-query or a form")
            return
        self._run_query(fields)

    def _no_write(self) -> None:
        self._refuse_write()

    do_PUT = do_DELETE = do_PATCH = _no_write  # noqa: N815


class Endpoint:
    """The guarded read-only endpoint: Oxigraph on a private port behind the guard on ``port``."""

    def __init__(self, location: str | Path, *, port: int = 7878, timeout: float = 30.0,
                 host: str = "127.0.0.1") -> None:
        self.location = Path(location)
        self.port = port
        self.timeout = timeout
        self.host = host
        self._process: subprocess.Popen | None = None
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._log = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def query_url(self) -> str:
        return f"{self.url}/query"

    def start(self) -> "Endpoint":
        if not (self.location / "CURRENT").is_file():
            raise StoreMissingError(missing_store_message(self.location))
        binary = oxigraph_binary()
        handler = type("Guard", (_Guard,), {"backend_timeout": self.timeout + 10})
        try:
            self._server = ThreadingHTTPServer((self.host, self.port), handler)
        except OSError as error:
            raise ServeError(f"cannot listen on {self.host}:{self.port}: {error.strerror}; choose another --port") from None
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        backend = free_port()
        handler.backend_port = backend
        command = [binary, "serve-read-only", "--location", str(self.location), "--bind", f"127.0.0.1:{backend}",
                   "--timeout-s", str(max(1, round(self.timeout)))]
        self._log = tempfile.TemporaryFile()
        self._process = subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=self._log,
            preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,
        )
        try:
            _wait_for_port(backend, self._process, self._log)
        except BaseException:
            self.close()
            raise
        self._thread = threading.Thread(target=self._server.serve_forever, name="newskg-serve", daemon=True)
        self._thread.start()
        return self

    def wait(self) -> None:
        """Block until the Oxigraph server stops or Ctrl-C."""
        assert self._process is not None
        self._process.wait()

    def close(self) -> None:
        if self._server is not None:
            if self._thread is not None:
                self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._process is not None:
            if self._process.poll() is None:
                self._process.terminate()
                try:
                    self._process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self._process.kill()
                    self._process.wait()
            self._process = None
        if self._log is not None:
            self._log.close()
            self._log = None

    def __enter__(self) -> "Endpoint":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()
