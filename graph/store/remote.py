"""A newskg store on a SPARQL server: reads by the SPARQL 1.1 Protocol, writes by the Graph Store Protocol.

``Store.open("http://127.0.0.1:7878")`` returns a :class:`RemoteStore` (the backend of
``http://`` and ``https://`` addresses). The address is the server's root; the endpoints are ``/query``, ``/update`` and
``/store`` (Oxigraph's layout). Each article is written with one ``PUT`` of
its named graph (completion marker included), which the server applies
atomically, so a re-run replaces a half-sent article and keeps a whole one.

Values are bound with a ``VALUES`` block opening the WHERE group, whose terms are written by
pyoxigraph's N-Triples serializer (escaped), since the protocol has no other
way to pass them; the same guard as the embedded store refuses SERVICE,
LOAD and outside graphs before anything is sent. A reader refuses a store holding a graph of an
article without its completion marker, as it refuses such an embedded store.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Mapping
from typing import Any

import pyoxigraph as ox

from newskg.graph.query import PREFIXES, QueryError, QueryResult, check, inline_values
from newskg.graph.store.base import (
    ID_BASE,
    Store,
    StoreError,
    _article_batch,
    graph_iri,
    incomplete_message,
    marker_quad,
)

__all__ = ["RemoteStore"]

_RESULTS_JSON = "application/sparql-results+json"


class RemoteStore(Store):
    """A store behind a SPARQL 1.1 Protocol and Graph Store Protocol server."""

    url: str

    @classmethod
    def connect(cls, url: str, *, read_only: bool = False, timeout: float = 30.0) -> "RemoteStore":
        """Open the store at ``url`` and check that it answers; a reader refuses incomplete articles."""
        store = cls()
        base = url.rstrip("/")
        for suffix in ("/query", "/sparql", "/store", "/update"):
            if base.endswith(suffix):
                base = base[: -len(suffix)]
        store.url = base
        store.location = base
        store.read_only = read_only
        store.timeout = timeout
        store._ask("ASK {}", timeout=min(timeout, 10.0))
        if read_only:
            leftovers = store.incomplete()
            if leftovers:
                raise StoreError(incomplete_message(base, len(leftovers)))
        return store

    # -- HTTP -----------------------------------------------------------------------
    def _request(self, method: str, endpoint: str, *, data: bytes | None = None,
                 headers: Mapping[str, str] | None = None, timeout: float | None = None) -> bytes:
        request = urllib.request.Request(
            f"{self.url}/{endpoint}", data=data, method=method, headers=dict(headers or {})
        )
        wait = self.timeout if timeout is None else timeout
        try:
            with urllib.request.urlopen(request, timeout=wait) as response:  # noqa: S310 - http(s) only
                return response.read()
        except urllib.error.HTTPError as error:
            body = error.read().decode("utf-8", "replace").strip()
            first = body.splitlines()[0] if body else error.reason
            if error.code == 400 and endpoint in ("query", "update"):
                raise QueryError(f"the store at {self.url} refused the query: {first}") from None
            raise StoreError(f"the store at {self.url} answered {error.code}: {first}") from None
        except TimeoutError:
            raise QueryError(f"query timed out after {wait:g} s; narrow it or raise --timeout") from None
        except urllib.error.URLError as error:
            if isinstance(error.reason, TimeoutError):
                raise QueryError(f"query timed out after {wait:g} s; narrow it or raise --timeout") from None
            raise StoreError(
                f"cannot reach the store at {self.url}: {error.reason}; start the server or check the address"
            ) from None
        except OSError as error:
            raise StoreError(f"cannot reach the store at {self.url}: {error}; check the address") from None

    def _post_query(self, sparql: str, *, timeout: float | None = None) -> bytes:
        prologue = "".join(f"PREFIX {name}: <{iri}> " for name, iri in PREFIXES.items())
        # the query as the body (not a form): endpoints that refuse cross-site forms, such as `newskg serve`, take it
        body = (prologue + sparql).encode("utf-8")
        return self._request(
            "POST",
            "query",
            data=body,
            headers={"Content-Type": "application/sparql-query",
                     "Accept": f"{_RESULTS_JSON}, application/n-triples;q=0.9"},
            timeout=timeout,
        )

    def _ask(self, sparql: str, *, timeout: float | None = None) -> bool:
        return bool(json.loads(self._post_query(sparql, timeout=timeout)).get("boolean"))

    # -- the Store API ------------------------------------------------------------------
    def close(self) -> None:
        self._closed = True

    def _require(self, write: bool = False) -> Any:
        if write and self.read_only:
            raise StoreError(f"the store at {self.url} is open read-only; open it without read_only to write")
        return None

    def has_article(self, doc_id: str) -> bool:
        marker = marker_quad(doc_id)
        return self._ask(f"ASK {{ GRAPH {marker.graph_name} {{ {marker.subject} {marker.predicate} {marker.object} }} }}")

    def add_article(self, doc_id: str, quads: Iterable[ox.Quad]) -> bool:
        self._require(write=True)
        if self.has_article(doc_id):
            return False
        batch = _article_batch(doc_id, quads)
        body = ox.serialize([quad.triple for quad in batch], format=ox.RdfFormat.N_TRIPLES)
        graph = urllib.parse.quote(graph_iri(doc_id).value, safe="")
        self._request("PUT", f"store?graph={graph}", data=body,
                      headers={"Content-Type": "application/n-triples"})
        return True

    def add_to_articles(self, quads: Iterable[ox.Quad]) -> None:
        """Add quads to the graphs of articles already on the server: one ``POST`` (a merge) per graph."""
        self._require(write=True)
        prefix = graph_iri("x").value[:-1]
        by_graph: dict[str, list[ox.Triple]] = {}
        for quad in quads:
            graph = quad.graph_name
            if not (isinstance(graph, ox.NamedNode) and graph.value.startswith(prefix)):
                raise ValueError(f"{graph} is not the graph of an article")
            by_graph.setdefault(graph.value, []).append(quad.triple)
        for graph, triples in by_graph.items():
            if not self.has_article(graph[len(prefix):]):
                raise ValueError(f"<{graph}> is not the graph of an article in the store")
            body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
            self._request("POST", f"store?graph={urllib.parse.quote(graph, safe='')}", data=body,
                          headers={"Content-Type": "application/n-triples"})

    def incomplete(self) -> list[str]:
        """Ids of the article graphs on the server without their completion marker (a write another client
        cut short): readers refuse them; writing the article again replaces its graph."""
        prefix = f"{ID_BASE}graph/"
        rows = self.query(
            "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), ?prefix)) "
            "FILTER NOT EXISTS { GRAPH ?g { ?g a prov:Bundle } } }",
            bindings={"prefix": ox.Literal(prefix)},
        ).rows
        return sorted(row["g"][len(prefix):] for row in rows)

    def article_quad_count(self, doc_id: str) -> int:
        rows = self.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {graph_iri(doc_id)} {{ ?s ?p ?o }} }}").rows
        return int(rows[0]["n"])

    def articles(self) -> list[str]:
        prefix = graph_iri("x").value[:-1]
        rows = self.query("SELECT ?g WHERE { GRAPH ?g { ?g a prov:Bundle } }").rows
        return sorted(row["g"][len(prefix):] for row in rows if row["g"].startswith(prefix))

    def query(self, sparql: str, *, bindings: Mapping[str, Any] | None = None,
              timeout: float | None = None) -> QueryResult:
        if check(sparql) == "update":
            raise QueryError("this is a SPARQL update; `newskg query` only reads unless you pass --update")
        sparql = inline_values(sparql, bindings or {})
        data = self._post_query(sparql, timeout=timeout)
        text = data.lstrip()
        if text.startswith(b"{"):
            return QueryResult.from_json(data)
        return QueryResult(triples=[q.triple for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)])

    def update(self, sparql: str, *, bindings: Mapping[str, Any] | None = None) -> None:
        check(sparql)
        self._require(write=True)
        if bindings:
            raise QueryError("values cannot be bound in updates; write them as a SELECT first")
        prologue = "".join(f"PREFIX {name}: <{iri}> " for name, iri in PREFIXES.items())
        body = urllib.parse.urlencode({"update": prologue + sparql}).encode()
        self._request("POST", "update", data=body, headers={"Content-Type": "application/x-www-form-urlencoded"})

    def dump_nquads(self) -> bytes:
        return self._request("GET", "store", headers={"Accept": "application/n-quads"})

    def __len__(self) -> int:
        rows = self.query(
            "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
        ).rows
        return int(rows[0]["n"])

    def __repr__(self) -> str:
        return f"<RemoteStore {self.url}{' read-only' if self.read_only else ''}>"

