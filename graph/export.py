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
...     export_store(store, out, "ntriples")
>>> sorted(out.getvalue().decode().splitlines())[0]
'<https://w3id.org/newskg/id/actor/china> <http://www.w3.org/2000/01/rdf-schema#label> "China" .'
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from .output import ExportError, output_target, write_atomically

__all__ = ["FORMATS", "ExportError", "export_store", "export_articles", "article_file_name", "context_path"]

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
    """Write the store to ``destination`` (a path, written atomically, or a binary file object).

    A path that is not a regular file (``/dev/null``, a pipe) is refused before anything is read; a
    symbolic link's target is replaced (see :mod:`newskg.graph.output`).
    """
    fmt = fmt.lower().replace("-", "")
    if isinstance(destination, (str, Path)):
        output_target(destination)
        write_atomically(destination, _serialize(store, fmt))
    else:
        destination.write(_serialize(store, fmt))


# ---------------------------------------------------------------- one file per article

_NOT_WORD = re.compile(r"[\W_]+")
_DEVICE_NAMES = frozenset(
    ["con", "prn", "aux", "nul", "conin$", "conout$"] + [f"{d}{i}" for d in ("com", "lpt") for i in "123456789"]
)
SLUG_BYTES = 80
_DOC_ID = re.compile(r"[0-9A-Za-z]{1,64}")
_ID = "https://w3id.org/newskg/id/"
_TITLE = ox.NamedNode("http://purl.org/dc/terms/title")
_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_BUNDLE = ox.NamedNode("http://www.w3.org/ns/prov#Bundle")


def article_file_name(title: str | None, doc_id: str, suffix: str) -> str:
    """A file name for one article: a slug of its title, then its doc id, then ``suffix``.

    The slug keeps letters and digits of any script, lowercased, joined by
    ``-``, and at most 80 bytes of UTF-8; it never holds a path separator, a
    dot or a device name, so the file lands where it is written. An empty
    title leaves the doc id alone.

    >>> article_file_name("Talks Resume in Geneva!", "a1b2c3", ".ttl")
    'talks-resume-in-geneva-a1b2c3.ttl'
    >>> article_file_name("../../etc/passwd", "a1b2c3", ".ttl")
    'etc-passwd-a1b2c3.ttl'
    >>> article_file_name("CON", "a1b2c3", ".ttl"), article_file_name(None, "a1b2c3", ".ttl")
    ('con-a1b2c3.ttl', 'a1b2c3.ttl')
    """
    if not _DOC_ID.fullmatch(doc_id or ""):
        raise ExportError(f"doc id {doc_id!r} cannot name a file; export the store as one file with -o")
    if not re.fullmatch(r"\.[a-z]{1,8}", suffix):
        raise ValueError(f"suffix must be a dot and a few letters, got {suffix!r}")
    slug = _NOT_WORD.sub("-", unicodedata.normalize("NFKC", title or "").lower()).strip("-")
    data = slug.encode("utf-8")[:SLUG_BYTES]
    slug = data.decode("utf-8", errors="ignore").rstrip("-")
    stem = f"{slug}-{doc_id}" if slug else doc_id
    if stem.lower() in _DEVICE_NAMES:  # only a doc id could be one, and none is: a guard all the same
        stem = f"article-{stem}"
    return stem + suffix


def _article_graphs(data: bytes) -> list[tuple[str, str | None, list[ox.Quad]]]:
    """``(doc id, title, quads)`` of every complete article in N-Quads ``data``, sorted by doc id."""
    dataset = ox.Dataset(ox.parse(data, format=ox.RdfFormat.N_QUADS))
    prefix = f"{_ID}graph/"
    found = []
    for marker in dataset.quads_for_predicate(_TYPE):
        graph = marker.graph_name
        if marker.subject != graph or marker.object != _BUNDLE or not graph.value.startswith(prefix):
            continue
        doc_id = graph.value[len(prefix):]
        article = ox.NamedNode(f"{_ID}article/{doc_id}")
        if not any(q.graph_name == graph for q in dataset.quads_for_subject(article)):
            continue  # a graph of the store's own (the shared vocabulary), not an article's
        quads = sorted(dataset.quads_for_graph_name(graph), key=str)
        titles = sorted(q.object.value for q in dataset.quads_for_subject(article)
                        if q.graph_name == graph and q.predicate == _TITLE)
        found.append((doc_id, titles[0] if titles else None, quads))
    return sorted(found, key=lambda item: item[0])


def _serialize_quads(quads: list[ox.Quad], fmt: str) -> bytes:
    if fmt == "jsonld":
        return _jsonld(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
    if fmt in ("nquads", "trig"):
        return ox.serialize(quads, format=FORMATS[fmt], **({"prefixes": _PREFIXES} if fmt == "trig" else {}))
    triples = sorted({q.triple for q in quads}, key=str)
    if fmt == "ntriples":
        return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=_PREFIXES)


def export_articles(store: Any, directory: Path | str, fmt: str) -> list[Path]:
    """Write each article of the store to its own file in ``directory``; returns the paths, by doc id.

    File names come from :func:`article_file_name`, so a title such as
    ``../../x`` still writes inside ``directory``. Turtle and N-Triples
    files hold the article's graph as plain triples; N-Quads, TriG and
    JSON-LD keep its named graph.
    """
    fmt = fmt.lower().replace("-", "")
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    root = Path(directory)
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ExportError(f"cannot create the folder {root}: {error.strerror or error}; choose another --per-article") from error
    inside = root.resolve()
    written = []
    for doc_id, title, quads in _article_graphs(_nquads(store)):
        path = root / article_file_name(title, doc_id, SUFFIXES[fmt])
        if path.resolve().parent != inside:  # cannot happen with the names above; never write outside
            raise ExportError(f"the file name {path.name!r} would leave {root}; report this as a bug")
        write_atomically(path, _serialize_quads(quads, fmt), instead="choose another --per-article")
        written.append(path)
    return written

