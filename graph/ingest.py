"""Build a store from articles: read, extract, turn into RDF and write, one article at a time.

Articles already in the store (same cleaned text, whatever the file name) are
skipped, so running a build again changes nothing. Articles are written in
batches of about :data:`WRITE_QUADS` quads (:meth:`Store.add_articles`): a
crash leaves every article either complete or absent.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

import pyoxigraph as ox
from rdflib import Graph
from rdflib.compare import to_canonical_graph
from spacy.language import Language

from newskg.extract.errors import InputError
from newskg.extract.pipeline import extract_all
from newskg.extract.records import Article
from newskg.ontology.resources import ontology_path

from .rdf import article_ntriples, graph_iri
from .store import Store

__all__ = ["ArticleWriter", "IngestReport", "ingest", "add_vocabulary", "vocabulary_name", "vocabulary_quads",
           "VOCABULARY_PREFIX", "WRITE_QUADS"]

VOCABULARY_PREFIX = "vocabulary-"

#: Articles between flushes of an on-disk store: a flush puts the written markers in the store's
#: files, after which the record of pending articles (``newskg.pending``) starts again empty.
FLUSH_EVERY = 100
#: Quads gathered before they are written: the bulk loader's cost per quad falls as batches grow to about this size.
WRITE_QUADS = 100_000


@lru_cache(maxsize=1)
def vocabulary_name() -> str:
    """The id of the newskg ontology's graph in a store: ``vocabulary-{hash}``, one per version."""
    return VOCABULARY_PREFIX + hashlib.sha256(ontology_path().read_bytes()).hexdigest()[:12]


@lru_cache(maxsize=1)
def vocabulary_quads() -> tuple[ox.Quad, ...]:
    """The quads of the ontology in its graph; its blank nodes (OWL lists) get stable IRIs."""
    name = vocabulary_name()
    canonical = to_canonical_graph(Graph().parse(data=ontology_path().read_bytes(), format="turtle"))
    skolem = canonical.skolemize(authority="https://w3id.org", basepath=f"/newskg/id/{name}/")
    graph = graph_iri(name)
    triples = ox.parse(skolem.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return tuple(ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples)


def add_vocabulary(store: Store) -> bool:
    """Put the newskg ontology into the store, in its own graph, unless it is there; returns whether it was added.

    With it, ``?p rdfs:subPropertyOf* nkg:opposes`` finds every stance predicate in a query. A build
    writes it with its first batch of articles (``vocabulary`` of :class:`ArticleWriter`), so that it
    is committed with their markers, and calls this at the end for a store that lacks it.
    """
    if store.has_article(vocabulary_name()):
        return False
    return store.add_article(vocabulary_name(), vocabulary_quads())


@dataclass
class IngestReport:
    """What a build did."""

    added: list[str] = field(default_factory=list)  # sources of articles written
    skipped: list[str] = field(default_factory=list)  # already in the store
    duplicates: list[str] = field(default_factory=list)  # the same text as an earlier input of this run
    failed: list[tuple[str, InputError]] = field(default_factory=list)
    triples: int = 0
    quads: int = 0
    words: int = 0
    gaps: int = 0  # sentences that named an actor but gave no triple (``newskg explain FILE`` lists them)
    undated: list[str] = field(default_factory=list)  # sources of added articles without a date


class ArticleWriter:
    """Writes extracted articles to a store in batches and counts them in a report.

    :meth:`add` takes an article's quads (or its N-Triples bytes from
    :func:`newskg.graph.rdf.article_ntriples`); every :data:`WRITE_QUADS` quads the batch is
    written with :meth:`Store.add_articles`. ``on_extracted`` is called with
    each article and its number of triples as it is queued, so that progress
    shows between writes. With ``vocabulary`` (as ``newskg build`` does), the
    first batch carries the ontology's graph when the store lacks it, so that it
    is committed with their markers. Use it as a context manager: leaving the
    block writes what is left (unless an error is leaving it).
    """

    def __init__(
        self,
        store: Store,
        report: IngestReport,
        *,
        on_extracted: Callable[[Article, int], None] | None = None,
        batch_quads: int = WRITE_QUADS,
        vocabulary: bool = False,
    ) -> None:
        self.store, self.report, self.on_extracted = store, report, on_extracted
        self.batch_quads = batch_quads
        self._pending: list[tuple[str, str, int, list[ox.Quad] | bytes, int, Article | None, int]] = []
        self._size = 0
        self._vocabulary = vocabulary  # still to go with the next batch, unless the store has it

    def add(self, doc_id: str, source: str, triples: int, data: list[ox.Quad] | bytes,
            article: Article | None = None, *, gaps: int = 0) -> None:
        """Queue one article, its number of triples and of coverage gaps; ``article`` (when known) counts its
        words and tells whether it has a date."""
        count = data.count(b"\n") if isinstance(data, bytes) else len(data)
        self._pending.append((doc_id, source, triples, data, count, article, gaps))
        self._size += count
        if article is not None and self.on_extracted is not None:
            self.on_extracted(article, triples)
        if self._size >= self.batch_quads:
            self.write()

    def write(self) -> None:
        """Write the queued articles now (with ``vocabulary``, the first batch with the ontology if missing)."""
        if not self._pending:
            return
        pending, self._pending, self._size = self._pending, [], 0
        batch: list[tuple[str, list[ox.Quad] | bytes | tuple[ox.Quad, ...]]] = [
            (doc_id, data) for doc_id, _s, _t, data, _c, _a, _g in pending]
        if self._vocabulary:
            self._vocabulary = False
            if not self.store.has_article(vocabulary_name()):  # in the batch's pending record, load and markers
                batch.insert(0, (vocabulary_name(), vocabulary_quads()))
        # the bytes come from newskg.graph.rdf.article_ntriples, whose IRIs need no second check
        written = set(self.store.add_articles(batch, lenient=True))
        report = self.report
        before = len(report.added)
        for doc_id, source, triples, _data, count, article, gaps in pending:
            if doc_id not in written:
                report.skipped.append(source)
                continue
            report.added.append(source)
            report.triples += triples
            report.quads += count
            report.gaps += gaps
            if article is not None:
                report.words += len(article.text.split())
                if article.date is None:
                    report.undated.append(source)
        if len(report.added) // FLUSH_EVERY > before // FLUSH_EVERY:
            self.store.flush()

    def __enter__(self) -> ArticleWriter:
        return self

    def __exit__(self, kind, *_exc) -> None:
        if kind is None:
            self.write()


def _fresh(
    items: Iterable[Article | tuple[str, InputError]],
    store: Store,
    report: IngestReport,
    seen: set[str],
    on_skipped: Callable[[str], None] | None = None,
) -> Iterator[Article]:
    for item in items:
        if isinstance(item, tuple):
            report.failed.append(item)
            continue
        if item.doc_id in seen or store.has_article(item.doc_id):
            (report.duplicates if item.doc_id in seen else report.skipped).append(item.source)
            if on_skipped is not None:
                on_skipped(item.source)
            continue
        seen.add(item.doc_id)
        yield item


def ingest(
    items: Iterable[Article | tuple[str, InputError]],
    store: Store,
    *,
    nlp: Language | None = None,
    batch_size: int = 16,
    n_process: int = 1,
    on_extracted: Callable[[Article, int], None] | None = None,
    on_skipped: Callable[[str], None] | None = None,
    write_quads: int = WRITE_QUADS,
    vocabulary: bool = False,
) -> IngestReport:
    """Extract and store every new article; inputs that failed to read are reported, not fatal.

    Articles are written once about ``write_quads`` quads have gathered (see
    :class:`ArticleWriter`, also for ``vocabulary``); ``on_extracted(article, triple_count)``
    is called for each new article as its extraction ends, ``on_skipped(source)`` for each input already
    in the store or repeating an earlier input of the run.
    """
    report = IngestReport()
    articles = _fresh(items, store, report, set(), on_skipped)
    results: Iterable[tuple[Article, int, bytes, int]]
    with ArticleWriter(store, report, on_extracted=on_extracted, batch_quads=write_quads,
                       vocabulary=vocabulary) as writer:
        if n_process > 1:  # workers extract and make the quads; only this process writes the store
            from .distributed import extract_in_processes

            results = extract_in_processes(articles, n_process=n_process, batch_size=batch_size, nlp=nlp,
                                           on_draining=writer.write)
        else:
            results = ((a, len(t), article_ntriples(a, t), len(g))
                       for a, t, g in extract_all(articles, nlp=nlp, batch_size=batch_size))
        for article, triples, data, gaps in results:
            writer.add(article.doc_id, article.source, triples, data, article, gaps=gaps)
    return report
