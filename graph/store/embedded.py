"""The embedded store: Oxigraph in memory or on disk, the backend of ``None`` and of directories.

An article's quads and its completion marker are written in one transaction, so an article is either
fully present or absent, even when the process is killed half-way. :meth:`EmbeddedStore.add_articles`
writes many articles faster with Oxigraph's bulk loader and then their markers in one transaction. The
ids of a bulk write are first recorded in ``<dir>/newskg.pending`` (until the next flush), so the quads of
a write cut short are known: the next writer removes them, and readers refuse such a store rather than
answer from half an article.

A directory path opens (and creates) a store on disk that one process at a time may write;
``read_only=True`` opens it for reading alongside others.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from newskg.extract.errors import NewskgError
from newskg.graph.store.base import (
    ID_BASE,
    PROV_BUNDLE,
    RDF_TYPE,
    Store,
    StoreError,
    StoreMissingError,
    _article_batch,
    _as_quads,
    _ntriples_to_nquads,
    graph_iri,
    incomplete_message,
    is_disk_full,
    marker_quad,
    missing_store_message,
)
from newskg.graph.store.evaluation import run_query, run_update
from newskg.graph.store.files import (LOCK_NAME, DirLock, Snapshot, clear_pending, locked_error, open_read_only,
                                      read_pending, record_pending, sweep_snapshots, writer_running)

__all__ = ["EmbeddedStore"]

class EmbeddedStore(Store):
    """An Oxigraph store in memory or in a directory (see the module's text).

    Open it with :meth:`Store.open`; use it as a context manager so the
    lock is released and buffers are flushed.
    """

    oxigraph: ox.Store | None
    location: Path | str | None
    read_only: bool
    timeout: float

    def __init__(self) -> None:  # use Store.open
        super().__init__()
        self.oxigraph = None
        self._lock: DirLock | None = None
        self._snapshot: Snapshot | None = None

    # -- opening and closing -------------------------------------------------
    @classmethod
    def connect(cls, location: str | Path | None, *, read_only: bool = False,
                timeout: float = 30.0) -> "EmbeddedStore":
        """Open the store in memory (``None``) or in the directory ``location`` (see :meth:`Store.open`)."""
        store = cls()
        store.read_only = read_only
        store.timeout = timeout
        if location is None:
            store.oxigraph = ox.Store()
            return store
        path = Path(location)
        store.location = path
        if read_only:
            if not (path / "CURRENT").is_file():
                raise StoreMissingError(missing_store_message(path))
            store.oxigraph, store._snapshot = open_read_only(path)
            # a running build (read through a snapshot) removed the leftovers when it opened the store
            if store._snapshot is None and not writer_running(path):
                leftovers = store.incomplete()
                if leftovers:
                    store.close()
                    raise StoreError(incomplete_message(path, len(leftovers)))
            return store
        if path.exists() and not path.is_dir():
            raise StoreError(f"{path} is a file, not a store directory; choose another --store")
        if path.is_dir() and not (path / "CURRENT").is_file() and any(
            entry.name != LOCK_NAME for entry in path.iterdir()
        ):
            if writer_running(path):  # another build is creating the store right now
                raise locked_error(path)
            raise StoreError(f"{path} holds other files and no store; choose a new or empty directory for --store")
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(f"cannot create the store directory {path}: {error}; choose another --store") from error
        store._lock = DirLock(path)
        try:
            store.oxigraph = ox.Store(str(path))
        except OSError as error:
            store._lock.release()
            if is_disk_full(error):
                raise StoreError(f"disk full while writing {path}: free space or choose another --store") from error
            raise StoreError(f"cannot open the store at {path}: {error}; check the directory") from error
        sweep_snapshots(path)
        store._remove_incomplete()
        return store

    def flush(self) -> None:
        """Write an on-disk store's buffers to its files (in-memory, read-only and remote stores have none).

        A long build calls it now and then: the buffers otherwise grow with every article.
        """
        if self.oxigraph is not None and not self.read_only and self.location is not None:
            try:
                self.oxigraph.flush()
                clear_pending(Path(self.location))  # the markers are on disk now
            except OSError as error:
                raise self._write_error(error) from error

    def close(self) -> None:
        """Flush the store to disk and release the lock; safe to call twice."""
        if self._closed:
            return
        self._closed = True
        try:
            try:
                self.flush()
            except StoreError as error:
                if not is_disk_full(error.__cause__):
                    raise
        finally:
            self.oxigraph = None
            if self._snapshot is not None:
                self._snapshot.remove()
                self._snapshot = None
            if self._lock is not None:
                self._lock.release()
                self._lock = None

    def _require(self, write: bool = False) -> ox.Store:
        if self.oxigraph is None:
            raise StoreError("the store is closed; open it again with Store.open")
        if write and self.read_only:
            raise StoreError(f"the store at {self.location} is open read-only; open it without read_only to write")
        return self.oxigraph

    # -- articles ---------------------------------------------------------------
    def has_article(self, doc_id: str) -> bool:
        """Whether the article ``doc_id`` is completely in the store."""
        return marker_quad(doc_id) in self._require()

    def add_article(self, doc_id: str, quads: Iterable[ox.Quad]) -> bool:
        """Write all quads of one article in one transaction; ``False`` if it was already there.

        Every quad must be in the article's named graph ``id/graph/{doc_id}``.
        """
        store = self._require(write=True)
        if self.has_article(doc_id):
            return False
        batch = _article_batch(doc_id, quads)
        try:
            store.extend(batch)
        except OSError as error:
            raise self._write_error(error) from error
        return True

    def add_articles(self, articles: Iterable[tuple[str, Iterable[ox.Quad] | bytes]], *,
                     lenient: bool = False) -> list[str]:
        """Write several articles, each ``(doc_id, quads)``; returns the ids written (not those already there).

        An article's quads may also come as N-Triples bytes (one triple a line,
        as Oxigraph writes them): they go into the article's graph. On disk the
        batch goes through Oxigraph's bulk loader, about twice as fast as one
        transaction per article, and then its completion markers are written
        in one transaction: until then the articles count as absent. Their ids
        are recorded in ``newskg.pending`` before the bulk load (see
        :meth:`incomplete`). ``lenient`` skips the check of the IRIs in such
        bytes: for those :func:`newskg.graph.rdf.article_ntriples` makes, whose
        IRIs are safe by construction (about 20 % off the bulk load).
        """
        store = self._require(write=True)
        batch = [(doc_id, data) for doc_id, data in articles if not self.has_article(doc_id)]
        if self.location is None or len({doc_id for doc_id, _ in batch}) < len(batch):
            return [doc_id for doc_id, data in batch if self.add_article(doc_id, _as_quads(doc_id, data))]
        blobs = [_ntriples_to_nquads(doc_id, data) for doc_id, data in batch if isinstance(data, bytes)]
        lists = [quad for doc_id, data in batch if not isinstance(data, bytes)
                 for quad in _article_batch(doc_id, data)[:-1]]
        try:
            record_pending(Path(self.location), [doc_id for doc_id, _ in batch])
            if blobs:
                store.bulk_load(b"".join(blobs), format=ox.RdfFormat.N_QUADS, lenient=lenient)
            if lists:
                store.bulk_extend(lists)
            store.extend([marker_quad(doc_id) for doc_id, _ in batch])
        except OSError as error:
            raise self._write_error(error) from error
        return [doc_id for doc_id, _ in batch]

    def add_to_articles(self, quads: Iterable[ox.Quad]) -> None:
        """Add quads to the graphs of articles already in the store, in one transaction.

        For what is derived from the articles' own quads, such as the name keys an older store lacks
        (:func:`newskg.graph.names.index_names`). Every quad must be in the graph of a complete article.
        """
        store = self._require(write=True)
        batch = list(quads)
        prefix = f"{ID_BASE}graph/"
        for graph in {quad.graph_name for quad in batch}:
            if not (isinstance(graph, ox.NamedNode) and graph.value.startswith(prefix)
                    and self.has_article(graph.value[len(prefix):])):
                raise ValueError(f"{graph} is not the graph of an article in the store")
        try:
            store.extend(batch)
        except OSError as error:
            raise self._write_error(error) from error

    def incomplete(self) -> list[str]:
        """Ids of articles a bulk write was cut short on: recorded as pending, yet without their marker.

        Opening the store for writing removes their quads; reading refuses while they are there.
        """
        if self.location is None:
            return []
        try:
            return [doc_id for doc_id in read_pending(Path(self.location)) if not self.has_article(doc_id)]
        except (OSError, RuntimeError) as error:
            raise StoreError(f"cannot read the store at {self.location}: {error}; try again in a moment") from error

    def _remove_incomplete(self) -> None:
        store = self._require(write=True)
        if not read_pending(Path(self.location)):
            return
        try:
            for doc_id in self.incomplete():
                store.remove_graph(graph_iri(doc_id))
            store.flush()
            clear_pending(Path(self.location))
        except OSError as error:
            raise self._write_error(error) from error

    def article_quad_count(self, doc_id: str) -> int:
        """The number of quads in the article's named graph (the completion marker included)."""
        return sum(1 for _ in self._require().quads_for_pattern(None, None, None, graph_iri(doc_id)))

    def articles(self) -> list[str]:
        """The ids of the complete articles in the store, sorted."""
        prefix = f"{ID_BASE}graph/"
        return sorted(
            quad.subject.value[len(prefix):]
            for quad in self._require().quads_for_pattern(None, RDF_TYPE, PROV_BUNDLE, None)
            if quad.subject == quad.graph_name and quad.subject.value.startswith(prefix)
        )

    def _write_error(self, error: OSError) -> NewskgError:
        where = self.location if self.location is not None else "the in-memory store"
        if is_disk_full(error):
            return StoreError(f"disk full while writing {where}: free space or choose another --store")
        return StoreError(f"cannot write to {where}: {error}; check the store directory")

    # -- reading ----------------------------------------------------------------
    def query(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, Any] | None = None,
        timeout: float | None = None,
    ):
        """Run a read-only SPARQL query with values bound to variables (never pasted into the text).

        Returns a :class:`newskg.graph.query.QueryResult`. SERVICE, LOAD and
        FROM/USING outside the store are refused with ``QueryError``.
        """
        return run_query(self, sparql, bindings=bindings, timeout=timeout)

    def update(self, sparql: str, *, bindings: Mapping[str, Any] | None = None) -> None:
        """Run a SPARQL update (checked like a query: no LOAD, SERVICE or outside graphs)."""
        run_update(self, sparql, bindings=bindings)

    def dump_nquads(self) -> bytes:
        """Every quad as N-Quads bytes (the order is the store's)."""
        return self._require().dump(format=ox.RdfFormat.N_QUADS)

    def __len__(self) -> int:
        return len(self._require())

    def __repr__(self) -> str:
        mode = "read-only" if self.read_only else "read-write"
        return f"<Store {self.location or 'in memory'} {mode}>"
