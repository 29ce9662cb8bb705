"""Where newskg keeps its RDF: the store of articles and its backends (see :mod:`newskg.graph.store.base`).

``Store.open(None)`` and ``Store.open("out/store")`` give an embedded Oxigraph store
(:mod:`newskg.graph.store.embedded`); ``Store.open("http://host:7878")`` a store on a SPARQL 1.1 server
(:mod:`newskg.graph.store.remote`, loaded when such an address is first opened).
"""

from newskg.graph.store.base import (ID_BASE, PROV_BUNDLE, RDF_TYPE, Store, StoreError, StoreLockedError,
                                     StoreMissingError, backend_for, graph_iri, is_disk_full, marker_quad,
                                     missing_store_message, register_backend)
from newskg.graph.store.embedded import EmbeddedStore
from newskg.graph.store.files import LOCK_NAME, PENDING_NAME, READERS_NAME, Snapshot, open_read_only

__all__ = [
    "Store", "EmbeddedStore", "StoreError", "StoreLockedError", "StoreMissingError", "graph_iri",
    "marker_quad", "register_backend", "backend_for", "is_disk_full", "missing_store_message", "open_read_only",
    "Snapshot", "PENDING_NAME", "LOCK_NAME", "READERS_NAME", "ID_BASE", "RDF_TYPE", "PROV_BUNDLE",
]
