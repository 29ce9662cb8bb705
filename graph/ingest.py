"""Build a store from articles: read, extract, turn into RDF and write, one article at a time.

Articles already in the store (same cleaned text, whatever the file name) are
skipped, so running a build again changes nothing. Each article is written in
one transaction: a crash leaves every article either complete or absent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from spacy.language import Language

from newskg.extract.errors import InputError
from newskg.extract.pipeline import extract_many
from newskg.extract.records import Article, Triple

from .rdf import article_quads, graph_iri
from .store import Store

__all__ = ["IngestReport", "ingest", "add_vocabulary", "VOCABULARY_PREFIX"]

VOCABULARY_PREFIX = "vocabulary-"

#: Articles between flushes of an on-disk store: its write buffers otherwise grow with every
#: article (about 0.75 MB each), so memory would grow with the corpus.
FLUSH_EVERY = 100


def add_vocabulary(store: Store) -> bool:
    """Put the newskg ontology into the store, once per version, in the graph ``id/graph/vocabulary-{hash}``.

    With it, ``?p rdfs:subPropertyOf* nkg:opposes`` finds every stance predicate in a query.
    Returns whether it was added now.
    """
    import hashlib

    import pyoxigraph as ox
    from rdflib import Graph
    from rdflib.compare import to_canonical_graph

    from newskg.ontology.resources import ontology_path

    data = ontology_path().read_bytes()
    name = VOCABULARY_PREFIX + hashlib.sha256(data).hexdigest()[:12]
    if store.has_article(name):
        return False
    # The store names everything with IRIs: the ontology's blank nodes (OWL lists) get stable ones.
    canonical = to_canonical_graph(Graph().parse(data=data, format="turtle"))
    skolem = canonical.skolemize(authority="https://w3id.org", basepath=f"/newskg/id/{name}/")
    graph = graph_iri(name)
    triples = ox.parse(skolem.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return store.add_article(name, [ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples])


@dataclass
class IngestReport:
    """What a build did."""

    added: list[str] = field(default_factory=list)  # sources of articles written
    skipped: list[str] = field(default_factory=list)  # already in the store
    failed: list[tuple[str, InputError]] = field(default_factory=list)
    triples: int = 0
    quads: int = 0
    words: int = 0


def _fresh(
    items: Iterable[Article | tuple[str, InputError]],
    store: Store,
    report: IngestReport,
    seen: set[str],
) -> Iterator[Article]:
    for item in items:
        if isinstance(item, tuple):
            report.failed.append(item)
            continue
        if item.doc_id in seen or store.has_article(item.doc_id):
            report.skipped.append(item.source)
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
    on_article: Callable[[Article, list[Triple]], None] | None = None,
) -> IngestReport:
    """Extract and store every new article; inputs that failed to read are reported, not fatal."""
    report = IngestReport()
    articles = _fresh(items, store, report, set())
    if n_process > 1:  # workers extract and make the quads; only this process writes the store
        from .distributed import extract_in_processes

        results = extract_in_processes(articles, n_process=n_process, batch_size=batch_size, nlp=nlp)
    else:
        results = ((a, t, article_quads(a, t)) for a, t in extract_many(articles, nlp=nlp, batch_size=batch_size))
    for article, triples, quads in results:
        store.add_article(article.doc_id, quads)
        report.added.append(article.source)
        if len(report.added) % FLUSH_EVERY == 0:
            store.flush()
        report.triples += len(triples)
        report.quads += len(quads)
        report.words += len(article.text.split())
        if on_article is not None:
            on_article(article, triples)
    return report
