"""Write a store out as Turtle, N-Triples, N-Quads, TriG or JSON-LD.

N-Quads and TriG keep each article's named graph; Turtle and N-Triples
hold one graph, so they get the union of all graphs (each triple once).
JSON-LD is written by rdflib with ``ontology/context.jsonld`` as its
context when that file exists.

>>> import io, pyoxigraph as ox
>>> from newskg.graph.store import Store
>>> g = ox.NamedNode("https://w3id.org/newskg/id/graph/d1")
>>> a = ox.NamedNode("https://w3id.org/newskg/id/actor/china")
>>> label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
>>> with Store.open(None) as store:
...     _ = store.add_article("d1", [ox.Quad(a, label, ox.Literal("China"), g)])
...     out = io.BytesIO()
...     store.export(out, "ntriples")
>>> sorted(out.getvalue().decode().splitlines())[0]
'<https://w3id.org/newskg/id/actor/china> <http://www.w3.org/2000/01/rdf-schema#label> "China" .'
"""

from __future__ import annotations

import io
import json
import os
import tempfile
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from newskg.extract.errors import NewskgError

__all__ = ["FORMATS", "ExportError", "export_store", "context_path"]

FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": None,
}
SUFFIXES = {"turtle": ".ttl", "ntriples": ".nt", "nquads": ".nq", "trig": ".trig", "jsonld": ".jsonld"}
_PREFIXES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "nkg": "https://w3id.org/newskg/ontology#",
    "actor": "https://w3id.org/newskg/id/actor/",
    "topic": "https://w3id.org/newskg/id/topic/",
    "statement": "https://w3id.org/newskg/id/statement/",
    "article": "https://w3id.org/newskg/id/article/",
    "graph": "https://w3id.org/newskg/id/graph/",
}


class ExportError(NewskgError):
    """The store cannot be written in the asked format or place."""

    exit_code = 9


def context_path() -> Path | None:
    """The JSON-LD context shipped with the ontology, or ``None`` when it is not there."""
    path = Path(__file__).resolve().parent.parent / "ontology" / "context.jsonld"
    if path.is_file():
        return path
    try:
        from importlib.resources import files

        candidate = files("newskg.ontology") / "context.jsonld"
        if candidate.is_file():
            return Path(str(candidate))
    except (ModuleNotFoundError, TypeError, OSError):
        pass
    return None


def _nquads(store: Any) -> bytes:
    return store.dump_nquads()


def _serialize(store: Any, fmt: str) -> bytes:
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    data = _nquads(store)
    if fmt == "nquads":
        return data
    if fmt == "jsonld":
        return _jsonld(data)
    dataset = ox.Dataset(ox.parse(data, format=ox.RdfFormat.N_QUADS))
    if fmt == "trig":
        return ox.serialize(sorted(dataset, key=str), format=ox.RdfFormat.TRIG, prefixes=_PREFIXES)
    triples = sorted({quad.triple for quad in dataset}, key=str)
    if fmt == "ntriples":
        return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=_PREFIXES)


def _jsonld(nquads: bytes) -> bytes:
    from rdflib import Dataset

    dataset = Dataset()
    dataset.parse(data=nquads.decode("utf-8"), format="nquads")
    context_file = context_path()
    context: Any = None
    if context_file is not None:
        try:
            loaded = json.loads(context_file.read_text(encoding="utf-8"))
            context = loaded.get("@context", loaded)
        except (OSError, ValueError):
            context = None
    if context is not None:
        text = dataset.serialize(format="json-ld", context=context, auto_compact=True)
    else:
        text = dataset.serialize(format="json-ld")
    return text.encode("utf-8") if isinstance(text, str) else text


def export_store(store: Any, destination: Path | str | IO[bytes], fmt: str) -> None:
    """Write the store to ``destination`` (a path, written atomically, or a binary file object)."""
    fmt = fmt.lower().replace("-", "")
    data = _serialize(store, fmt)
    if isinstance(destination, (str, Path)):
        path = Path(destination)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, path)
        except OSError as error:
            raise ExportError(f"cannot write {path}: {error}; choose another -o") from error
    else:
        destination.write(data)
