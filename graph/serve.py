"""A read-only SPARQL 1.1 Protocol endpoint on 127.0.0.1 over a newskg store.

One listening socket, the filter's, and nothing else: every query is answered
by a short-lived worker process (``python -m newskg.graph.serve --worker``)
that opens the store read-only with pyoxigraph, runs one query and writes the
serialized results to its stdout pipe; the filter copies them to the client
in bounded chunks. Workers open no socket and hold none of the filter's.

What the filter refuses, each in one ``text/plain`` line:

* **Host** other than ``127.0.0.1``, ``localhost`` or ``[::1]`` with the
  endpoint's port (DNS rebinding): 421. The port is required.
* **Cross-site requests**: an ``Origin`` that is not ``http://`` + the Host,
  or ``Sec-Fetch-Site: cross-site``/``same-site``: 403. A POST of a type a
  page can send without a CORS preflight (form-urlencoded, multipart,
  ``text/plain``, none) must carry a same-origin ``Origin`` or
  ``Sec-Fetch-Site: same-origin``/``none`` (browsers send them; scripts
  should POST ``application/sparql-query``, which a page cannot send to
  another origin without a preflight, and no preflight is ever approved).
* **Writes**: updates, ``update=``, Graph Store writes: 403. **Fetches**:
  :func:`newskg.graph.query.check` on every query (``SERVICE``, ``LOAD``,
  ``FROM`` outside the store) and ``default-graph-uri``/``named-graph-uri``
  outside the store: 403.
* **Bad requests**: request lines that are not ``METHOD PATH HTTP/1.1``
  (HTTP/0.9 included): 400; HTTP/1.0: 505; a POST body without a valid
  ``Content-Length``, or chunked: 400; over :data:`MAX_BODY` bytes: 413 from
  the header alone. Reading a request stops after :data:`SOCKET_TIMEOUT`
  seconds of silence.
* **Load**: beyond :data:`MAX_QUERIES` queries at once: 503 with
  ``Retry-After``; beyond :data:`MAX_CONNECTIONS` connections: 503.

A query has ``timeout`` seconds: past it before the answer has begun, 504; past
it mid-stream, the connection is cut without the final chunk, so a client sees
a truncated response, never a complete one. Answers up to :data:`HOLD_BACK`
bytes go out with a ``Content-Length``, larger ones stream (chunked). A worker
that dies answers 502 and the next query gets a fresh one. Queries see the
union of the store's graphs as the default graph and newskg's prefixes, as
with ``newskg query``, and no base IRI. ``GET /store`` streams the N-Quads of
the store (its time limit counts from the last bytes the worker wrote, so a
large store is not cut while it flows); ``GET /`` is a small query form.

Start it from Python (``newskg serve`` does the same and waits for Ctrl-C):

>>> with Endpoint("path/to/store", port=0) as endpoint:  # doctest: +SKIP
...     print(endpoint.query_url)
http://127.0.0.1:40123/query
"""

from __future__ import annotations

import ctypes
import json
import os
import re
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from newskg.extract.errors import NewskgError
from newskg.graph.query import ALLOWED_GRAPH_BASE, PREFIXES, QueryError, _syntax_error, check
from newskg.graph.store import StoreError, StoreMissingError, missing_store_message, open_read_only

__all__ = ["Endpoint", "ServeError", "oxigraph_binary", "free_port", "MAX_BODY", "MAX_QUERIES", "MAX_CONNECTIONS",
           "SOCKET_TIMEOUT", "HOLD_BACK"]

#: The largest request body read, in bytes; a larger Content-Length is refused (413) before reading.
MAX_BODY = 1_000_000
#: Queries (and /store reads) answered at once; more get 503 with Retry-After.
MAX_QUERIES = 4
#: Connections handled at once; more are answered 503 and closed.
MAX_CONNECTIONS = 64
#: Connections the kernel queues before they are accepted.
REQUEST_QUEUE = 64
#: Seconds a connection may stay silent (or not read) before it is dropped.
SOCKET_TIMEOUT = 10.0
#: Seconds a whole request body may take to arrive.
BODY_SECONDS = 30.0
#: Bytes of an answer held before it is sent: an answer that ends within them gets its real status.
HOLD_BACK = 64 * 1024
#: Bytes copied from a worker to the client at a time.
CHUNK = 64 * 1024
#: Workers started ahead of need, so a query does not wait for Python to start.
SPARE_WORKERS = MAX_QUERIES
#: Seconds a request waits for a worker to be ready.
WORKER_WAIT = 20.0
#: Workers tried for one request when the one taken died before it started.
HAND_OVER_ATTEMPTS = 3
#: Seconds to wait for a worker to answer the check made at start.
START_SECONDS = 30.0
#: Seconds a refused body is read and discarded, so the client can read the refusal.
DRAIN_SECONDS = 2.0
#: Seconds between checks of ``wait()`` that the endpoint and its store are still there.
WAIT_POLL = 0.5
RETRY_AFTER = "1"
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
QUERY_PATHS = ("/query", "/sparql")
WRITE_METHODS = ("PUT", "POST", "DELETE", "PATCH")

_FORM = "application/x-www-form-urlencoded"
_SPARQL_QUERY = "application/sparql-query"
_SPARQL_UPDATE = "application/sparql-update"
_BROWSER_SAFE_SITES = ("same-origin", "none")
_REQUEST_LINE = re.compile(r"[A-Z]{1,16} \S{1,65536} HTTP/\d\.\d")
_CONTENT_LENGTH = re.compile(r"\d{1,12}")
_SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cache-Control": "no-store",
}
_PAGE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>newskg SPARQL endpoint</title></head>
<body>
<h1>newskg SPARQL endpoint (read-only)</h1>
<form method="post" action="/query">
<p><label for="query">SPARQL query</label></p>
<p><textarea id="query" name="query" rows="14" cols="90">SELECT ?actor ?label WHERE {
  ?actor a nkg:State ; rdfs:label ?label .
} LIMIT 20</textarea></p>
<p><button type="submit">Run</button></p>
</form>
<p>Answers are SPARQL JSON. The prefixes rdf, rdfs, xsd, owl, skos, dcterms, prov, nkg, id, actor and topic are
predefined; patterns outside <code>GRAPH</code> match every graph of the store.
From a script: <code>POST /query</code> with <code>Content-Type: application/sparql-query</code>, or
<code>GET /query?query=...</code>. <code>GET /store</code> gives the whole store as N-Quads.</p>
</body>
</html>
""".encode("utf-8")

#: What a worker writes once it has started, before it reads its request.
_READY = b"+"
# exit statuses of a worker
_WORKER_BAD_QUERY = 2
_WORKER_FAILED = 3


class ServeError(NewskgError):
    """The endpoint cannot be started, or stopped serving."""

    exit_code = 10


class _Refused(Exception):
    """A request answered with one line: ``status`` and ``message``."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


class _TimedOut(Exception):
    """A worker has not answered by its deadline."""


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


def _wait_for_port(port: int, process: subprocess.Popen, log, seconds: float = 20.0) -> None:
    """Wait until a server started as ``process`` accepts connections on ``port`` (used by the tests)."""
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


def _log(message: str) -> None:
    """Write to stderr only when ``NEWSKG_SERVE_LOG`` is set."""
    if os.environ.get("NEWSKG_SERVE_LOG"):
        sys.stderr.write(message.rstrip("\n") + "\n")


# -- the worker side ----------------------------------------------------------------------
def _die_with_parent(parent: int) -> bool:
    """Ask Linux to kill this process when the thread that started it ends; False if that is already gone."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    return os.getppid() == parent


def _media_types(accept: str) -> list[str]:
    """The media types of an ``Accept`` header, most wanted first (q=0 dropped).

    >>> _media_types("text/html, text/csv;q=0.9, application/xml;q=0")
    ['text/html', 'text/csv']
    """
    ranked = []
    for position, part in enumerate(accept.split(",")):
        name, _, params = part.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if name and quality > 0:
            ranked.append((-quality, position, name.strip().lower()))
    return [name for _, _, name in sorted(ranked)]


def _choose(accept: str, parse: Callable[[str], Any], default: Any) -> Any:
    """The first format of ``accept`` that ``parse`` (``from_media_type``) knows, else ``default``."""
    for media_type in _media_types(accept):
        try:
            found = parse(media_type)
        except ValueError:
            found = None
        if found is not None:
            return found
    return default


def _query_options(request: dict[str, Any]) -> dict[str, Any]:
    options: dict[str, Any] = {"prefixes": PREFIXES, "base_iri": None}
    if request.get("default_graphs"):
        options["default_graph"] = [ox.NamedNode(iri) for iri in request["default_graphs"]]
    else:
        options["use_default_graph_as_union"] = True
    if request.get("named_graphs"):
        options["named_graphs"] = [ox.NamedNode(iri) for iri in request["named_graphs"]]
    return options


def _answer_query(store: ox.Store, request: dict[str, Any], out) -> None:
    """Run the query and write ``content type\\n`` then the serialized answer to ``out``."""
    try:
        answer = store.query(request["sparql"], **_query_options(request))
    except SyntaxError as error:
        raise _syntax_error(error) from None
    except (RuntimeError, ValueError) as error:
        raise QueryError(f"the query failed: {' '.join(str(error).split())}; fix the query and try again") from None
    accept = request.get("accept", "")
    if isinstance(answer, ox.QueryTriples):
        fmt = _choose(accept, ox.RdfFormat.from_media_type, ox.RdfFormat.N_TRIPLES)
    else:
        fmt = _choose(accept, ox.QueryResultsFormat.from_media_type, ox.QueryResultsFormat.JSON)
    out.write(fmt.media_type.encode("ascii") + b"\n")
    try:
        answer.serialize(out, format=fmt)
    except (RuntimeError, ValueError) as error:
        raise QueryError(f"the query failed: {' '.join(str(error).split())}; fix the query and try again") from None


def _answer(request: dict[str, Any], out) -> None:
    store, snapshot = open_read_only(Path(request["location"]))
    try:
        if request["kind"] == "store":
            out.write(ox.RdfFormat.N_QUADS.media_type.encode("ascii") + b"\n")
            store.dump(out, format=ox.RdfFormat.N_QUADS)
        elif request["kind"] == "ping":
            out.write(b"text/plain\nready\n")
        else:
            _answer_query(store, request, out)
        out.flush()
    finally:
        del store
        if snapshot is not None:
            snapshot.remove()


def _worker_main(parent: int) -> int:
    """One request: a JSON object on stdin; the answer on stdout, or one line on stderr and exit 2 or 3."""
    if not _die_with_parent(parent):
        return _WORKER_FAILED
    sys.stdout.buffer.write(_READY)
    sys.stdout.buffer.flush()
    request = json.loads(sys.stdin.buffer.read() or b"{}")
    if not request:
        return 0  # the endpoint closed before using this worker
    out = sys.stdout.buffer
    try:
        _answer(request, out)
    except QueryError as error:
        print(str(error), file=sys.stderr)
        return _WORKER_BAD_QUERY
    except StoreError as error:
        print(str(error), file=sys.stderr)
        return _WORKER_FAILED
    except OSError as error:
        print(f"the store could not be read or the answer written: {error}", file=sys.stderr)
        return _WORKER_FAILED
    return 0


# -- the filter side: workers ---------------------------------------------------------------
class _Worker:
    """A worker process: the request goes to its stdin, the answer comes from its stdout."""

    def __init__(self) -> None:
        self.errors = tempfile.TemporaryFile()
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "newskg.graph.serve", "--worker", str(os.getpid())],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.errors, close_fds=True,
            )
        except BaseException:
            self.errors.close()
            raise
        assert self.process.stdout is not None
        self._out = self.process.stdout.fileno()
        self._buffer = b""

    def _readable(self, seconds: float) -> bool:
        poller = select.poll()
        poller.register(self._out, select.POLLIN)
        return bool(poller.poll(max(0, int(seconds * 1000))))

    def alive(self) -> bool:
        return self.process.poll() is None

    def started(self) -> bool:
        """True when the worker has said it is ready (without waiting)."""
        return self._readable(0)

    def wait_ready(self, deadline: float) -> bool:
        """Wait for the worker to say it is ready; False if it died or did not by ``deadline``."""
        try:
            return self.read(deadline) == _READY
        except (_TimedOut, OSError):
            return False

    def send(self, request: dict[str, Any]) -> None:
        """Hand the request over (raises OSError when the worker is gone)."""
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(request).encode("utf-8"))
        self.process.stdin.close()

    def read(self, deadline: float) -> bytes:
        """Up to :data:`CHUNK` bytes of the answer, ``b""`` at its end; :class:`_TimedOut` past ``deadline``."""
        if self._buffer:
            data, self._buffer = self._buffer, b""
            return data
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not self._readable(remaining):
            raise _TimedOut
        return os.read(self._out, CHUNK)

    def read_line(self, deadline: float, limit: int = 200) -> bytes | None:
        """The first line of the answer (its content type), None if the worker ended before it."""
        line = b""
        while b"\n" not in line:
            data = self.read(deadline)
            if not data or len(line) > limit:
                return None
            line += data
        line, _, self._buffer = line.partition(b"\n")
        return line

    def outcome(self) -> tuple[int, str]:
        """The exit status (negative: killed by that signal) and the last line the worker wrote on stderr."""
        try:
            code = self.process.wait(timeout=SOCKET_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.kill()
            code = self.process.returncode
        self.errors.seek(0)
        lines = self.errors.read()[-4000:].decode("utf-8", "replace").strip().splitlines()
        return code, (lines[-1] if lines else "")

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()

    def discard(self) -> None:
        self.kill()
        for stream in (self.process.stdin, self.process.stdout, self.errors):
            if stream is not None and not stream.closed:
                try:
                    stream.close()
                except OSError:
                    pass


class _Pool:
    """Workers started ahead of need by one long-lived thread (a worker dies with the thread that started it)."""

    def __init__(self, spares: int = SPARE_WORKERS) -> None:
        self._spares = spares
        self._ready: list[_Worker] = []
        self._busy: set[_Worker] = set()
        self._changed = threading.Condition()
        self._closed = False
        self.problem = ""
        self._thread = threading.Thread(target=self._keep, name="newskg-serve-workers", daemon=True)
        self._thread.start()

    def alive(self) -> bool:
        return self._thread.is_alive()

    def _keep(self) -> None:
        while True:
            with self._changed:
                self._changed.wait_for(lambda: self._closed or len(self._ready) < self._spares)
                if self._closed:
                    return
            try:
                worker = _Worker()
            except OSError as error:
                self.problem = f"cannot start a query worker: {error.strerror or error}"
                _log(self.problem)
                time.sleep(1.0)
                continue
            with self._changed:
                if self._closed:
                    worker.discard()
                    return
                self.problem = ""
                self._ready.append(worker)
                self._changed.notify_all()

    def take(self, seconds: float = WORKER_WAIT) -> _Worker:
        """A fresh worker, marked busy until :meth:`give_back`."""
        deadline = time.monotonic() + seconds
        with self._changed:
            while True:
                for dead in [w for w in self._ready if not w.alive()]:
                    self._ready.remove(dead)
                    dead.discard()
                if self._closed:
                    raise _Refused(503, "the endpoint is stopping; start newskg serve again")
                if self._ready:
                    worker = next((w for w in self._ready if w.started()), self._ready[0])
                    self._ready.remove(worker)
                    self._busy.add(worker)
                    self._changed.notify_all()
                    return worker
                self._changed.notify_all()
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    reason = self.problem or "no query worker started in time"
                    raise _Refused(503, f"{reason}; try again shortly", {"Retry-After": RETRY_AFTER})
                self._changed.wait(min(remaining, 0.5))

    def hand_over(self, request: dict[str, Any], seconds: float = WORKER_WAIT) -> _Worker:
        """A started worker that took ``request``; one that died or never started is replaced (a few times)."""
        deadline = time.monotonic() + seconds
        problem = "none was ready in time"
        for _ in range(HAND_OVER_ATTEMPTS):
            worker = self.take(max(0.0, deadline - time.monotonic()))
            if worker.wait_ready(deadline):
                try:
                    worker.send(request)
                    return worker
                except OSError:
                    pass
            if not worker.alive():
                problem = worker.outcome()[1] or f"exit {worker.process.returncode}"
            self.give_back(worker)
            if time.monotonic() >= deadline:
                break
        raise _Refused(503, f"no query worker could start ({problem}); try again shortly",
                       {"Retry-After": RETRY_AFTER})

    def give_back(self, worker: _Worker) -> None:
        worker.discard()
        with self._changed:
            self._busy.discard(worker)

    def close(self) -> None:
        """End every worker: spares now; busy ones are killed, and their requests' threads discard them."""
        with self._changed:
            self._closed = True
            spares, busy = list(self._ready), list(self._busy)
            self._ready.clear()
            self._changed.notify_all()
        for worker in spares:
            worker.discard()
        for worker in busy:
            worker.kill()
        self._thread.join(timeout=5)


# -- the filter side: HTTP ------------------------------------------------------------------
def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def _content_type(headers) -> str:
    return (headers.get("Content-Type") or "").split(";")[0].strip().lower()


class _Filter(BaseHTTPRequestHandler):
    """Checks each request, then has a worker answer the allowed ones and streams the answer."""

    server_version = "newskg"
    sys_version = ""
    protocol_version = "HTTP/1.1"
    default_request_version = "HTTP/1.1"  # so that refusals of malformed request lines have a status line
    timeout = SOCKET_TIMEOUT
    server: "_Server"

    # -- plumbing ---------------------------------------------------------------------------
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        if os.environ.get("NEWSKG_SERVE_LOG"):
            super().log_message(format, *args)

    def handle(self) -> None:
        self._began = False
        try:
            super().handle()
        except (OSError, TimeoutError):
            self.close_connection = True  # the client went away or stalled
        except Exception:  # noqa: BLE001 - never a traceback to the client: one line, logged on request
            _log(traceback.format_exc())
            self.close_connection = True
            if not self._began:
                try:
                    self._reply(500, "the endpoint failed on this request; try again (NEWSKG_SERVE_LOG=1 logs why)")
                except OSError:
                    pass

    def parse_request(self) -> bool:
        line = str(self.raw_requestline, "iso-8859-1").rstrip("\r\n")
        if not _REQUEST_LINE.fullmatch(line):
            self.requestline, self.command, self.request_version = line[:200], None, "HTTP/1.1"
            self._refuse(400, "malformed request line: send `METHOD /path HTTP/1.1` and headers")
            return False
        if not super().parse_request():
            return False
        self.close_connection = True  # one request per connection: nothing idles on a thread
        if self.request_version != "HTTP/1.1":
            self._refuse(505, "send HTTP/1.1 requests: answers are streamed in chunks")
            return False
        return True

    def version_string(self) -> str:
        return self.server_version

    def handle_expect_100(self) -> bool:
        """Refuse an oversized body before the client sends it (curl asks first for large bodies)."""
        length = (self.headers.get("Content-Length") or "").strip()
        if _CONTENT_LENGTH.fullmatch(length) and int(length) > MAX_BODY:
            self._refuse(413, f"the request body is {length} bytes, over the {MAX_BODY}-byte limit; "
                              "send a shorter query")
            return False
        return super().handle_expect_100()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        self._refuse(code, message or HTTPStatus(code).phrase)

    def _refuse(self, status: int, text: str, headers: dict[str, str] | None = None) -> None:
        """Answer with one line, then drop what the client still sends, so that it can read the answer."""
        self.close_connection = True
        self._reply(status, text, headers)
        self._discard_input()

    def _security_headers(self) -> None:
        for name, value in _SECURITY_HEADERS.items():
            self.send_header(name, value)
        self.send_header("Connection", "close")

    def _reply(self, status: int, text: str, headers: dict[str, str] | None = None) -> None:
        """Answer with one line of text."""
        self._send_whole(status, "text/plain; charset=utf-8", (" ".join(text.split()) + "\n").encode("utf-8"),
                         headers)

    def _send_whole(self, status: int, content_type: str, body: bytes, headers: dict[str, str] | None = None) -> None:
        self._began = True
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self._security_headers()
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    # -- checks -----------------------------------------------------------------------------
    def _check_host(self) -> str:
        """The Host the request was sent to, if it names this endpoint; else :class:`_Refused` (421)."""
        hosts = self.headers.get_all("Host") or []
        allowed = self.server.allowed_hosts
        if len(hosts) != 1 or hosts[0].strip().lower() not in allowed:
            shown = hosts[0].strip()[:100] if hosts else "none"
            raise _Refused(421, f"Host {shown} is not this endpoint: send Host {sorted(allowed)[0]} "
                                "(127.0.0.1, localhost or [::1] with the port)")
        return hosts[0].strip().lower()

    def _check_site(self, host: str) -> bool:
        """Refuse cross-site requests (403); True when the browser says the request is same-origin."""
        origins = self.headers.get_all("Origin") or []
        site = (self.headers.get("Sec-Fetch-Site") or "").strip().lower()
        if len(origins) > 1 or (origins and origins[0].strip().lower() != f"http://{host}"):
            raise _Refused(403, f"requests from another origin are refused (Origin {origins[0].strip()[:100]}); "
                                "use the page at / or a script without Origin")
        if site and site not in _BROWSER_SAFE_SITES:
            raise _Refused(403, f"requests from another site are refused (Sec-Fetch-Site {site[:40]}); "
                                "use the page at / or a script")
        return bool(origins) or site in _BROWSER_SAFE_SITES

    def _check_post_origin(self, same_origin: bool) -> None:
        """A POST that any page could send without a preflight must prove it comes from this origin."""
        if _content_type(self.headers) not in (_SPARQL_QUERY, _SPARQL_UPDATE) and not same_origin:
            raise _Refused(403, "a form POST needs a same-origin Origin header (browsers send it); "
                                "from a script POST Content-Type: application/sparql-query or use GET")

    def _body(self) -> bytes:
        """The request body, checked from its Content-Length before anything is read."""
        if self.headers.get("Transfer-Encoding"):
            raise _Refused(400, "chunked request bodies are not accepted; send a Content-Length")
        lengths = self.headers.get_all("Content-Length") or []
        if not lengths:
            raise _Refused(400, "a POST needs a Content-Length header; send the body with its length")
        if len(lengths) != 1 or not _CONTENT_LENGTH.fullmatch(lengths[0].strip()):
            raise _Refused(400, f"bad Content-Length {lengths[0].strip()[:40]!r}; send the body's length in bytes")
        length = int(lengths[0])
        if length > MAX_BODY:
            raise _Refused(413, f"the request body is {length} bytes, over the {MAX_BODY}-byte limit; "
                                "send a shorter query")
        return self._read_exactly(length)

    def _read_exactly(self, length: int) -> bytes:
        deadline = time.monotonic() + BODY_SECONDS
        parts, got = [], 0
        while got < length:
            if time.monotonic() > deadline:
                raise _Refused(408, f"the request body took over {BODY_SECONDS:g} s to arrive; send it faster")
            data = self.rfile.read1(min(CHUNK, length - got))
            if not data:
                raise _Refused(400, f"the request body ended after {got} of {length} bytes; send all of it")
            parts.append(data)
            got += len(data)
        return b"".join(parts)

    def _discard_input(self) -> None:
        """Read and drop what the client still sends for a short while, so it can read the refusal."""
        try:
            self.connection.shutdown(socket.SHUT_WR)
            self.connection.settimeout(0.5)
            until = time.monotonic() + DRAIN_SECONDS
            while time.monotonic() < until and self.connection.recv(CHUNK):
                pass
        except OSError:
            pass

    # -- methods ----------------------------------------------------------------------------
    def _dispatch(self) -> None:
        try:
            self._route()
        except _Refused as refusal:
            self._refuse(refusal.status, refusal.message, refusal.headers)

    do_GET = do_POST = do_HEAD = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _dispatch  # noqa: N815

    def _route(self) -> None:
        host = self._check_host()
        same_origin = self._check_site(host)
        parts = urlsplit(self.path)
        method = self.command
        if parts.path in QUERY_PATHS and method in ("GET", "POST"):
            fields = parse_qs(parts.query, keep_blank_values=True)
            if method == "POST":
                self._check_post_origin(same_origin)
                self._post_fields(fields)
            self._run_query(fields)
        elif parts.path == "/store" and method == "GET":
            if parts.query:
                raise _Refused(400, "GET /store takes no parameters; query one graph with GRAPH at /query")
            self._run_worker({"kind": "store"}, per_read=True)
        elif parts.path == "/" and method == "GET" and not parts.query:
            self._send_whole(200, "text/html; charset=utf-8", _PAGE)
        elif method in WRITE_METHODS or parts.path == "/update":
            raise _Refused(403, "this endpoint is read-only: updates and graph writes are refused")
        elif parts.path in (*QUERY_PATHS, "/store", "/"):
            raise _Refused(405, "use GET or POST /query, GET /store or GET /", {"Allow": "GET, POST"})
        else:
            raise _Refused(404, "not found: use /query for SPARQL, /store for the N-Quads, / for the query page")

    def _post_fields(self, fields: dict[str, list[str]]) -> None:
        kind = _content_type(self.headers)
        if kind == _SPARQL_UPDATE:
            raise _Refused(403, "this endpoint is read-only: updates and graph writes are refused")
        if kind not in (_FORM, _SPARQL_QUERY):
            raise _Refused(415, "send the query as application/sparql-query or a form")
        text = self._body().decode("utf-8", "replace")
        if kind == _FORM:
            for key, values in parse_qs(text, keep_blank_values=True).items():
                fields.setdefault(key, []).extend(values)
        else:
            fields["query"] = [text]

    def _run_query(self, fields: dict[str, list[str]]) -> None:
        if "update" in fields:
            raise _Refused(403, "this endpoint is read-only: updates and graph writes are refused")
        queries = fields.get("query", [])
        if len(queries) != 1:
            raise _Refused(400, "send exactly one `query` parameter")
        for name in ("default-graph-uri", "named-graph-uri"):
            for iri in fields.get(name, []):
                if not iri.startswith(ALLOWED_GRAPH_BASE):
                    raise _Refused(403, f"{name} {iri[:200]} is not allowed: newskg queries only its own store")
        try:
            if check(queries[0]) == "update":
                raise _Refused(403, "this endpoint is read-only: updates and graph writes are refused")
        except QueryError as error:
            # text that does not parse is the client's mistake (400); a query that reads elsewhere is refused (403)
            malformed = str(error).startswith(("malformed SPARQL", "the query is empty"))
            raise _Refused(400 if malformed else 403, str(error)) from None
        self._run_worker({
            "kind": "query",
            "sparql": queries[0],
            "default_graphs": fields.get("default-graph-uri", []),
            "named_graphs": fields.get("named-graph-uri", []),
            "accept": self.headers.get("Accept", "")[:1000],
        }, per_read=False)

    # -- answering --------------------------------------------------------------------------
    def _run_worker(self, request: dict[str, Any], *, per_read: bool) -> None:
        """Have a worker answer; ``per_read``: the time limit counts from the last bytes (``/store``)."""
        if not self.server.queries.acquire(blocking=False):
            raise _Refused(503, f"{MAX_QUERIES} queries are running; try again in a moment",
                           {"Retry-After": RETRY_AFTER})
        request["location"] = str(self.server.location)
        try:
            worker = self.server.pool.hand_over(request)
            try:
                self._stream(worker, per_read)
            finally:
                self.server.pool.give_back(worker)
        finally:
            self.server.queries.release()

    def _stream(self, worker: _Worker, per_read: bool) -> None:
        limit = self.server.query_timeout
        deadline = time.monotonic() + limit
        try:
            content_type = worker.read_line(deadline)
            held, ended = self._hold(worker, deadline) if content_type is not None else (b"", True)
        except _TimedOut:
            worker.kill()
            raise _Refused(504, f"the query ran past the {limit:g} s time limit; narrow it "
                                "or start newskg serve with a longer --timeout") from None
        except OSError:
            content_type, held, ended = None, b"", True
        if ended:
            self._finish_whole(worker, content_type, held)
            return
        self._began = True
        self.send_response(200)
        self.send_header("Content-Type", content_type.decode("ascii", "replace"))
        self.send_header("Transfer-Encoding", "chunked")
        self._security_headers()
        self.end_headers()
        self._chunk(held)
        self._copy(worker, deadline, limit if per_read else 0.0)

    def _hold(self, worker: _Worker, deadline: float) -> tuple[bytes, bool]:
        """Read up to :data:`HOLD_BACK` bytes; True when the answer ended within them."""
        held = bytearray()
        while len(held) < HOLD_BACK:
            data = worker.read(deadline)
            if not data:
                return bytes(held), True
            held += data
        return bytes(held), False

    def _finish_whole(self, worker: _Worker, content_type: bytes | None, body: bytes) -> None:
        """The worker has ended: send its whole answer, or say in one line why there is none."""
        code, message = worker.outcome()
        if code == 0 and content_type is not None:
            self._send_whole(200, content_type.decode("ascii", "replace"), body)
        elif code == _WORKER_BAD_QUERY:
            raise _Refused(400, message or "the query failed; fix it and try again")
        elif code < 0:
            raise _Refused(502, f"the query process died ({_signal_name(-code)}) on this query; simplify it "
                                "(the endpoint still serves)")
        else:
            raise _Refused(500, message or f"the query process failed (exit {code}); try again")

    def _copy(self, worker: _Worker, deadline: float, per_read: float) -> None:
        """Copy the rest of the answer; cut the connection (no final chunk) on a timeout or a failed worker."""
        while True:
            if per_read:
                deadline = time.monotonic() + per_read
            try:
                data = worker.read(deadline)
            except _TimedOut:
                _log("query past its time limit mid-answer: connection cut")
                worker.kill()
                self.close_connection = True
                return
            if not data:
                break
            self._chunk(data)
        code, message = worker.outcome()
        if code != 0:
            _log(f"query failed mid-answer (exit {code}: {message}): connection cut")
            return
        self.wfile.write(b"0\r\n\r\n")

    def _chunk(self, data: bytes) -> None:
        if data:
            self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))


class _Server(ThreadingHTTPServer):
    """The listening socket: a thread per connection, at most :data:`MAX_CONNECTIONS` of them."""

    daemon_threads = True
    request_queue_size = REQUEST_QUEUE

    def __init__(self, address: tuple[str, int], endpoint: "Endpoint") -> None:
        super().__init__(address, _Filter)
        self.location = endpoint.location
        self.query_timeout = endpoint.timeout
        self.queries = threading.BoundedSemaphore(MAX_QUERIES)
        self.connections = threading.BoundedSemaphore(MAX_CONNECTIONS)
        self.pool: _Pool | None = None
        port = self.server_address[1]
        names = {*LOOPBACK_NAMES, f"[{endpoint.host}]" if ":" in endpoint.host else endpoint.host.lower()}
        self.allowed_hosts = {f"{name}:{port}" for name in names}

    def process_request(self, request, client_address) -> None:
        if not self.connections.acquire(blocking=False):
            self._turn_away(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.connections.release()
            raise

    def process_request_thread(self, request, client_address) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.connections.release()

    def _turn_away(self, request: socket.socket) -> None:
        body = f"{MAX_CONNECTIONS} connections are open; try again in a moment\n".encode()
        head = (f"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
                f"Content-Length: {len(body)}\r\nRetry-After: {RETRY_AFTER}\r\nConnection: close\r\n\r\n")
        try:
            request.settimeout(1.0)
            request.sendall(head.encode() + body)
        except OSError:
            pass
        self.shutdown_request(request)

    def handle_error(self, request, client_address) -> None:
        _log(traceback.format_exc())


class Endpoint:
    """The read-only endpoint: the filter on ``host:port``, answering through worker processes."""

    def __init__(self, location: str | Path, *, port: int = 7878, timeout: float = 30.0,
                 host: str = "127.0.0.1") -> None:
        self.location = Path(location)
        self.port = port
        self.timeout = timeout
        self.host = host
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._stopped = threading.Event()
        self._fatal = ""

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def query_url(self) -> str:
        return f"{self.url}/query"

    def start(self) -> "Endpoint":
        """Listen, check that a worker can read the store, then serve in a background thread."""
        if not (self.location / "CURRENT").is_file():
            raise StoreMissingError(missing_store_message(self.location))
        try:
            self._server = _Server((self.host, self.port), self)
        except OSError as error:
            raise ServeError(f"cannot listen on {self.host}:{self.port}: {error.strerror}; "
                             "choose another --port") from None
        self.port = self._server.server_address[1]
        self._server.pool = _Pool()
        try:
            self._check_worker()
        except BaseException:
            self.close()
            raise
        self._stopped.clear()
        self._thread = threading.Thread(target=self._serve, name="newskg-serve", daemon=True)
        self._thread.start()
        return self

    def _check_worker(self) -> None:
        """A worker opens the store and answers, or :class:`ServeError` says why not."""
        assert self._server is not None and self._server.pool is not None
        pool = self._server.pool
        try:
            worker = pool.hand_over({"kind": "ping", "location": str(self.location)}, START_SECONDS)
        except _Refused as refusal:
            raise ServeError(f"the query workers did not start: {refusal.message}") from None
        try:
            worker.read_line(time.monotonic() + START_SECONDS)
            code, message = worker.outcome()
        except (OSError, _TimedOut):
            code, message = -1, "no answer"
        finally:
            pool.give_back(worker)
        if code != 0:
            raise ServeError(f"the query worker cannot read the store: {message or f'exit {code}'}; "
                             "check the store and try again")

    def _serve(self) -> None:
        assert self._server is not None
        try:
            self._server.serve_forever()
        except BaseException as error:  # noqa: BLE001 - reported by wait()
            self._fatal = f"the endpoint stopped serving ({type(error).__name__}: {error}); start newskg serve again"
        finally:
            self._stopped.set()

    def _problem(self) -> str:
        """Why the endpoint can no longer answer, or ``""``."""
        if self._fatal:
            return self._fatal
        if self._server is not None and self._server.pool is not None and not self._server.pool.alive():
            return "the endpoint can no longer start query workers; start newskg serve again"
        if not (self.location / "CURRENT").is_file():
            return f"the store at {self.location} is gone; build it again with `newskg build` and restart newskg serve"
        return ""

    def wait(self) -> None:
        """Block until :meth:`close` (from another thread), Ctrl-C, or a fatal problem (:class:`ServeError`)."""
        while not self._stopped.wait(WAIT_POLL):
            problem = self._problem()
            if problem:
                raise ServeError(problem)
        if self._fatal:
            raise ServeError(self._fatal)

    def close(self) -> None:
        """Stop listening and end every worker."""
        if self._server is not None:
            if self._thread is not None:
                self._server.shutdown()
                self._thread.join(timeout=10)
                self._thread = None
            self._server.server_close()
            if self._server.pool is not None:
                self._server.pool.close()
            self._server = None
        self._stopped.set()

    def __enter__(self) -> "Endpoint":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()


if __name__ == "__main__":  # pragma: no cover - run as a query worker
    if len(sys.argv) == 3 and sys.argv[1] == "--worker":
        status = _worker_main(int(sys.argv[2]))
        sys.stderr.flush()
        os._exit(status)  # what was to be written is written; the endpoint waits for this status
    sys.exit("usage: python -m newskg.graph.serve --worker PARENT_PID (started by newskg serve)")
