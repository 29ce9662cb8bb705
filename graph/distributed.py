"""Extraction spread over worker processes or a Dask cluster; the caller alone writes the store.

Workers parse, extract and turn each article into quads, and send back the
quads as N-Triples bytes (small, and loaded into the store without becoming
Python objects again) with the number of triples. Only the process that owns
the store writes to it, in batches (:class:`newskg.graph.ingest.ArticleWriter`),
so every article is complete or absent whatever happens to a worker. A bounded
number of batches is in flight at any time, so memory does not grow with the
size of the corpus.

Local worker processes (what ``newskg build -j 2`` uses):

>>> from newskg.extract.read import article_from_text  # doctest: +SKIP
>>> article = article_from_text("China opposes the plan.", "a.txt")  # doctest: +SKIP
>>> [(n, q.count(b"\\n")) for a, n, q in extract_in_processes([article], n_process=2)]  # doctest: +SKIP
[(1, 25)]

A Dask cluster (``newskg build --dask tcp://scheduler:8786`` or ``--dask local``):

>>> from newskg.graph.store import Store  # doctest: +SKIP
>>> with dask_client("local") as client, Store.open("kg") as store:  # doctest: +SKIP
...     report = ingest_dask(["articles/"], store, client=client)
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from newskg.extract.errors import InputError, NewskgError
from newskg.extract.records import Article
from spacy.language import Language

__all__ = [
    "LOCAL",
    "Extracted",
    "dask_client",
    "extract_batch",
    "extract_in_processes",
    "ingest_dask",
]

#: ``--dask local``: a cluster of two worker processes on 127.0.0.1.
LOCAL = "local"

_NLP: Language | None = None  # the pipeline a forked worker inherits from its parent
_NLP_LOCK = threading.Lock()  # threaded Dask workers share one pipeline; one batch at a time


@dataclass
class Extracted:
    """What a worker sends back for one input: the article (when the worker read it), its quads and triple count.

    ``error`` is set instead when the input could not be read.
    """

    source: str
    doc_id: str = ""
    article: Article | None = None
    triples: int = 0  # how many triples were extracted
    gaps: int = 0  # how many sentences named an actor but gave no triple
    ntriples: bytes = b""  # the article's quads without their graph, which is the article's
    error: NewskgError | None = None


def _pipeline() -> Language:
    if _NLP is not None:
        return _NLP
    from newskg.extract.parse import load_nlp

    return load_nlp()


def extract_batch(
    items: list[Article | str],
    *,
    batch_size: int = 16,
    max_bytes: int = 20_000_000,
    keep_article: bool = True,
) -> list[Extracted]:
    """Extract a batch in this process: each item is an :class:`Article` or a file path to read here.

    This is the function workers run. The spaCy pipeline is loaded once per
    process (:func:`newskg.extract.parse.load_nlp` is cached) or inherited
    from the parent when the worker was forked.
    """
    from newskg.extract.pipeline import extract_all
    from newskg.extract.read import read_article

    from .rdf import article_ntriples

    results: list[Extracted] = []
    articles: list[Article] = []
    slots: list[int] = []
    for item in items:
        if isinstance(item, Article):
            article = item
        else:
            try:
                article = read_article(item, max_bytes=max_bytes)
            except NewskgError as error:
                results.append(Extracted(source=str(item), error=error))
                continue
        slots.append(len(results))
        results.append(Extracted(source=article.source, doc_id=article.doc_id,
                                 article=article if keep_article else None))
        articles.append(article)
    with _NLP_LOCK:
        found = list(extract_all(articles, nlp=_pipeline(), batch_size=batch_size, n_process=1))
    for slot, (article, triples, gaps) in zip(slots, found):
        results[slot].triples = len(triples)
        results[slot].gaps = len(gaps)
        results[slot].ntriples = article_ntriples(article, triples)
    return results


def _batches(items: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _context():
    """Fork where available (as spaCy's own ``n_process`` does): workers start at once with the model."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def extract_in_processes(
    articles: Iterable[Article],
    *,
    n_process: int = 2,
    batch_size: int = 16,
    nlp: Language | None = None,
    on_draining: Callable[[], None] | None = None,
) -> Iterator[tuple[Article, int, bytes, int]]:
    """Yield ``(article, triple_count, ntriples, gap_count)`` for each article, in input order, extracted by
    worker processes (gaps: sentences that named an actor but gave no triple).

    ``ntriples`` holds the article's quads as N-Triples (the graph is the
    article's): :meth:`newskg.graph.store.Store.add_articles` loads them as
    they are.

    Articles are sent in batches of ``batch_size``; at most ``2 * n_process``
    batches are in flight, so the input is consumed lazily. ``nlp`` (default:
    :func:`newskg.extract.parse.load_nlp`) is the pipeline forked workers use.
    Once the input has run out, ``on_draining()`` is called after each batch's
    results, while workers finish the last batches: a writer that writes then
    uses the cores the workers free instead of writing after them.
    """
    global _NLP
    size = max(1, batch_size)
    context = _context()
    previous, _NLP = _NLP, (nlp if context.get_start_method() == "fork" else None)
    try:
        with ProcessPoolExecutor(max_workers=n_process, mp_context=context) as pool:
            pending: deque = deque()
            for batch in _batches(articles, size):
                pending.append((batch, pool.submit(extract_batch, batch, batch_size=size, keep_article=False)))
                while len(pending) >= 2 * n_process:
                    yield from _finished(*pending.popleft())
            while pending:
                yield from _finished(*pending.popleft())
                if on_draining is not None:
                    on_draining()
    finally:
        _NLP = previous


def _finished(batch: list[Article], future) -> Iterator[tuple[Article, int, bytes, int]]:
    for article, result in zip(batch, future.result()):
        yield article, result.triples, result.ntriples, result.gaps


# ---------------------------------------------------------------- Dask


@contextlib.contextmanager
def dask_client(address: str, *, n_workers: int = 2, processes: bool = True):
    """A ``dask.distributed`` client: ``"local"`` starts a cluster on 127.0.0.1, else ``tcp://host:port``."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as error:  # pragma: no cover - dask is an optional dependency
        raise NewskgError("--dask needs dask.distributed; install it with `pip install 'newskg[dask]'`") from error
    if address == LOCAL:
        with LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=processes, protocol="tcp://",
                          host="127.0.0.1", dashboard_address=None) as cluster, Client(cluster) as client:
            yield client
        return
    try:
        client = Client(address, timeout="20s")
    except (OSError, TimeoutError) as error:
        raise NewskgError(
            f"cannot reach the Dask scheduler at {address}: {error}; start one with `dask scheduler` "
            "or use --dask local"
        ) from error
    with client:
        yield client


def _paths(inputs: Iterable[str], report) -> Iterator[str]:
    """The article files the inputs name (folders and globs expanded, each file once)."""
    from newskg.extract.read import expand_inputs

    seen: set[str] = set()
    for item in inputs:
        try:
            found = expand_inputs(item)
        except InputError as error:
            report.failed.append((str(item), error))
            continue
        for path, source in found:
            key = os.path.realpath(path)
            if key not in seen:
                seen.add(key)
                yield source


def ingest_dask(
    inputs: Iterable[str],
    store,
    *,
    client,
    batch_size: int = 16,
    max_bytes: int = 20_000_000,
    in_flight: int | None = None,
    on_extracted: Callable[[Article, int], None] | None = None,
    on_input: Callable[[str], None] | None = None,
    write_quads: int | None = None,
    vocabulary: bool = False,
):
    """Read, extract and make quads on the cluster; write each article here as its batch completes.

    Articles already in the store (or twice in the inputs) are skipped when
    their result arrives. At most ``in_flight`` batches (default: twice the
    cluster's threads) are submitted at a time. ``on_input`` is called for
    inputs that are skipped or fail, ``on_extracted(article, triple_count)`` for each new article.
    Articles are written once about ``write_quads`` quads have gathered
    (default :data:`newskg.graph.ingest.WRITE_QUADS`); ``vocabulary`` as for
    :class:`newskg.graph.ingest.ArticleWriter`.
    """
    from distributed import as_completed

    from .ingest import WRITE_QUADS, ArticleWriter, IngestReport

    report = IngestReport()
    limit = in_flight or max(2, 2 * sum(client.nthreads().values()))
    batches = _batches(_paths(inputs, report), max(1, batch_size))
    seen: set[str] = set()

    def submit(batch: list[str]):
        return client.submit(extract_batch, batch, batch_size=batch_size, max_bytes=max_bytes, pure=False)

    running = as_completed([submit(batch) for batch in itertools.islice(batches, limit)])
    with ArticleWriter(store, report, on_extracted=on_extracted, batch_quads=write_quads or WRITE_QUADS,
                       vocabulary=vocabulary) as writer:
        for future in running:
            results = future.result()
            future.release()
            submitted = False
            for batch in itertools.islice(batches, 1):  # keep the cluster busy while this batch is written
                running.add(submit(batch))
                submitted = True
            for result in results:
                _write(result, writer, seen, on_input)
            if not submitted:  # the input has run out: write now, while the cluster finishes the rest
                writer.write()
    return report


def _write(result: Extracted, writer, seen: set[str], on_input) -> None:
    report = writer.report
    if result.error is not None:
        report.failed.append((result.source, result.error))
        if on_input is not None:
            on_input(result.source)
        return
    if result.doc_id in seen or writer.store.has_article(result.doc_id):
        (report.duplicates if result.doc_id in seen else report.skipped).append(result.source)
        if on_input is not None:
            on_input(result.source)
        return
    seen.add(result.doc_id)
    writer.add(result.doc_id, result.source, result.triples, result.ntriples, result.article, gaps=result.gaps)
