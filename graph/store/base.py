"""The store's contract: an abstract :class:`Store` of articles, each in its own named graph, and the
backends behind it, chosen by the address they are opened at.

Every article's quads live in its own named graph ``id/graph/{doc_id}`` (see ``ontology/README.md``),
written together with a completion marker, so an article is either fully present or absent. A backend
registers the address schemes it opens (:func:`register_backend`): the embedded Oxigraph store
(:mod:`newskg.graph.store.embedded`) opens ``None`` (in memory) and directories, the remote one
(:mod:`newskg.graph.store.remote`) ``http(s)://`` addresses. No backend subclasses another.

>>> from pyoxigraph import Literal, NamedNode, Quad
>>> graph = NamedNode("https://w3id.org/newskg/id/graph/d1")
>>> actor = NamedNode("https://w3id.org/newskg/id/actor/china")
>>> label = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
>>> with Store.open(None) as store:
...     store.add_article("d1", [Quad(actor, label, Literal("China"), graph)])
...     store.add_article("d1", [Quad(actor, label, Literal("China"), graph)])
...     store.has_article("d1"), len(store)
...     store.query("SELECT ?l WHERE { GRAPH ?g { ?a rdfs:label ?l } }").rows
True
False
(True, 2)
[{'l': 'China'}]
"""

from __future__ import annotations

import errno
import importlib
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from newskg.extract.errors import NewskgError

__all__ = ["Store", "StoreError", "StoreLockedError", "StoreMissingError", "graph_iri", "marker_quad",
           "register_backend", "backend_for", "is_disk_full", "missing_store_message", "ID_BASE", "RDF_TYPE",
           "PROV_BUNDLE"]

ID_BASE = "https://w3id.org/newskg/id/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
PROV_BUNDLE = ox.NamedNode("http://www.w3.org/ns/prov#Bundle")
_DISK_FULL = {errno.ENOSPC, errno.EFBIG, errno.EDQUOT}
_DISK_FULL_WORDS = ("no space left", "file too large", "disk quota", "nospace")


class StoreError(NewskgError):
    """The store cannot be opened, read or written."""

    exit_code = 6


class StoreMissingError(StoreError):
    """No store exists where one is to be read."""


class StoreLockedError(StoreError):
    """Another newskg process is writing the store."""

    exit_code = 7


def graph_iri(doc_id: str) -> ox.NamedNode:
    """The named graph of an article.

    >>> graph_iri("abc").value
    'https://w3id.org/newskg/id/graph/abc'
    """
    if not doc_id or any(c in doc_id for c in '<>"{}|^`\\ \t\n\r/?#'):
        raise ValueError(f"doc_id {doc_id!r} cannot be part of an IRI; use the hash of the cleaned text")
    return ox.NamedNode(f"{ID_BASE}graph/{doc_id}")


def marker_quad(doc_id: str) -> ox.Quad:
    """The quad that marks an article as completely written: ``<g> a prov:Bundle`` inside graph ``g``.

    It is written in the same transaction as the article's quads, so its
    presence means the whole article is there.
    """
    graph = graph_iri(doc_id)
    return ox.Quad(graph, RDF_TYPE, PROV_BUNDLE, graph)


def is_disk_full(error: BaseException) -> bool:
    """Whether an error from the storage layer means the disk (or the file size limit) is full."""
    if isinstance(error, OSError) and error.errno in _DISK_FULL:
        return True
    text = str(error).lower()
    return any(word in text for word in _DISK_FULL_WORDS)


def missing_store_message(location: Path | str) -> str:
    return f"no store at {location}; build one with `newskg build ARTICLES --store {location}`"



#: The backends by the scheme of the address they open ("" for a directory or memory): the module and class
#: that implement each, loaded when an address of the scheme is first opened (as rdflib's plugins are).
_BACKENDS: dict[str, tuple[str, str]] = {}


def register_backend(schemes: Iterable[str], module: str, name: str) -> None:
    """Make the class ``name`` of ``module`` the backend :meth:`Store.open` uses for addresses of these schemes
    ("" for paths and memory)."""
    for scheme in schemes:
        _BACKENDS[scheme] = (module, name)


def backend_for(location: str | Path | None) -> type["Store"]:
    """The backend that opens ``location``: by its scheme ("http" in ``http://host``), else the local one."""
    scheme = ""
    if isinstance(location, str) and "://" in location:
        scheme = location.split("://", 1)[0].lower()
    if scheme not in _BACKENDS:
        known = ", ".join(f"{s}://" for s in sorted(_BACKENDS) if s)
        raise StoreError(f"no store backend opens {location}; give a directory or an address starting {known}")
    module, name = _BACKENDS[scheme]
    backend = getattr(importlib.import_module(module), name)
    if not (isinstance(backend, type) and issubclass(backend, Store)):
        raise TypeError(f"{module}.{name} is no newskg Store backend")
    return backend


register_backend(("",), "newskg.graph.store.embedded", "EmbeddedStore")
register_backend(("http", "https"), "newskg.graph.store.remote", "RemoteStore")


class Store(ABC):
    """An RDF store of articles, each in its own named graph: what every backend provides.

    Open one with :meth:`Store.open`; use it as a context manager so that it is flushed and released.
    """

    location: Path | str | None
    read_only: bool
    timeout: float

    def __init__(self) -> None:  # use Store.open
        self.location = None
        self.read_only = False
        self.timeout = 30.0
        self._closed = False

    @classmethod
    def open(cls, location: str | Path | None, *, read_only: bool = False, timeout: float = 30.0) -> "Store":
        """Open a store: ``None`` in memory, a directory on disk, or an ``http(s)://`` remote store.

        Writers of an on-disk store take ``<dir>/newskg.lock``; a second writer gets
        :class:`StoreLockedError`. Readers (``read_only=True``) take no lock and need the store to exist;
        they refuse a store that holds incomplete articles.
        """
        return backend_for(location).connect(location, read_only=read_only, timeout=timeout)

    @classmethod
    @abstractmethod
    def connect(cls, location: Any, *, read_only: bool = False, timeout: float = 30.0) -> "Store":
        """Open the backend's store at ``location`` (see :meth:`open`)."""

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def flush(self) -> None:
        """Write buffers out (a backend without buffers has nothing to do)."""

    @abstractmethod
    def close(self) -> None:
        """Flush and release the store; safe to call twice."""

    # -- articles ---------------------------------------------------------------
    @abstractmethod
    def has_article(self, doc_id: str) -> bool:
        """Whether the article ``doc_id`` is completely in the store."""

    @abstractmethod
    def add_article(self, doc_id: str, quads: Iterable[ox.Quad]) -> bool:
        """Write all quads of one article at once; ``False`` if it was already there.

        Every quad must be in the article's named graph ``id/graph/{doc_id}``.
        """

    def add_articles(self, articles: Iterable[tuple[str, Iterable[ox.Quad] | bytes]], *,
                     lenient: bool = False) -> list[str]:
        """Write several articles, each ``(doc_id, quads)`` (quads or N-Triples bytes in the article's graph);
        returns the ids written (not those already there). One article at a time, unless a backend does better."""
        return [doc_id for doc_id, data in articles if self.add_article(doc_id, _as_quads(doc_id, data))]

    @abstractmethod
    def add_to_articles(self, quads: Iterable[ox.Quad]) -> None:
        """Add quads to the graphs of articles already in the store (every quad in the graph of a complete one)."""

    def incomplete(self) -> list[str]:
        """Ids of articles whose quads are there without their completion marker (none by default)."""
        return []

    @abstractmethod
    def article_quad_count(self, doc_id: str) -> int:
        """The number of quads in the article's named graph (the completion marker included)."""

    @abstractmethod
    def articles(self) -> list[str]:
        """The ids of the complete articles in the store, sorted."""

    # -- reading ----------------------------------------------------------------
    @abstractmethod
    def query(self, sparql: str, *, bindings: Mapping[str, Any] | None = None, timeout: float | None = None):
        """Run a read-only SPARQL query with values bound to variables (never pasted into the text).

        Returns a :class:`newskg.graph.query.QueryResult`. SERVICE, LOAD and FROM/USING outside the store
        are refused with ``QueryError``.
        """

    @abstractmethod
    def update(self, sparql: str, *, bindings: Mapping[str, Any] | None = None) -> None:
        """Run a SPARQL update (checked like a query: no LOAD, SERVICE or outside graphs)."""

    @abstractmethod
    def dump_nquads(self) -> bytes:
        """Every quad as N-Quads bytes."""

    @abstractmethod
    def __len__(self) -> int:
        """The number of quads."""


def incomplete_message(location: Path | str, count: int) -> str:
    return (f"the store at {location} holds {count} incomplete article(s) left by an interrupted build; run the "
            f"build again on it (`newskg build ARTICLES --store {location}` removes them first)")


def _as_quads(doc_id: str, data: Iterable[ox.Quad] | bytes) -> Iterable[ox.Quad]:
    if not isinstance(data, bytes):
        return data
    graph = graph_iri(doc_id)
    return [ox.Quad(t.subject, t.predicate, t.object, graph) for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)]


def _ntriples_to_nquads(doc_id: str, data: bytes) -> bytes:
    """N-Triples (one triple per line, as Oxigraph writes them) as N-Quads in the article's graph."""
    if b"_:" in data:  # perhaps a blank node: check properly, and say which triple
        _article_batch(doc_id, _as_quads(doc_id, data))
    if data and not data.endswith(b"\n"):
        data += b"\n"
    # a literal's line breaks are escaped in N-Triples, so " .\n" only ends a line
    return data.replace(b" .\n", f" <{graph_iri(doc_id).value}> .\n".encode())


def _article_batch(doc_id: str, quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    graph = graph_iri(doc_id)
    batch = list(quads)
    for quad in batch:
        if quad.graph_name != graph:
            raise ValueError(
                f"quad {quad} is not in the article's named graph <{graph.value}>; build it with newskg.graph.rdf"
            )
        if isinstance(quad.subject, ox.BlankNode) or isinstance(quad.object, ox.BlankNode):
            raise ValueError(f"quad {quad} uses a blank node; newskg names every resource with an IRI")
    batch.append(marker_quad(doc_id))
    return batch
