"""Building a store streams: memory stays bounded because inputs are read only as far as needed.

The benchmark (``benchmarks/run.py``) measures speed and peak memory on
10,000 articles; these tests check the property that keeps memory bounded,
on a scale that runs in seconds.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from newskg.extract.read import article_from_text, read_articles
from newskg.graph.ingest import ingest
from newskg.graph.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

ARTICLES = 24
BATCH = 2

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


class Source:
    """An input generator that records how many articles were taken when each result arrives and each write starts."""

    def __init__(self, count: int) -> None:
        self.count = count
        self.taken = 0
        self.taken_at_result: list[int] = []
        self.triples = 0
        self.writes: list[tuple[int, int, int]] = []  # (articles taken, articles in the write, their quads)
        self.results_at_write: list[int] = []

    def __iter__(self):
        for i in range(self.count):
            self.taken += 1
            yield article_from_text(f"Country {i} said China opposes the plan number {i}.", f"a{i}.txt")

    def extracted(self, article, triples: int) -> None:
        self.triples += triples
        self.taken_at_result.append(self.taken)

    def watch(self, store: Store, monkeypatch) -> None:
        add_articles = store.add_articles

        def spy(items, **options):
            items = list(items)
            quads = sum(data.count(b"\n") for _doc_id, data in items)
            self.writes.append((self.taken, len(items), quads))
            self.results_at_write.append(len(self.taken_at_result))
            return add_articles(items, **options)

        monkeypatch.setattr(store, "add_articles", spy)


@pytest.mark.parametrize("n_process", [1, 2])
def test_ingest_consumes_its_input_lazily(nlp, n_process, monkeypatch, tmp_path):
    source = Source(ARTICLES)
    with Store.open(tmp_path / "store") as store:
        source.watch(store, monkeypatch)
        report = ingest(iter(source), store, nlp=nlp, batch_size=BATCH, n_process=n_process,
                        on_extracted=source.extracted, write_quads=1)
        assert len(store.articles()) == ARTICLES
    assert len(report.added) == ARTICLES and report.triples == source.triples >= ARTICLES
    # The first result arrives when a few batches have been read, not the whole input.
    ahead = (2 * n_process + 2) * BATCH
    assert source.taken_at_result[0] <= ahead < ARTICLES
    # And reading stays a bounded distance ahead of extraction and of writing all the way through.
    assert all(taken - done <= ahead for done, taken in enumerate(source.taken_at_result, start=1))
    assert [count for _taken, count, _quads in source.writes] == [1] * ARTICLES
    assert all(taken - done <= ahead for done, (taken, _count, _quads) in enumerate(source.writes, start=1))


def test_writes_wait_for_a_batch_of_quads_and_the_rest_is_written_at_the_end(nlp, tmp_path, monkeypatch):
    source = Source(ARTICLES)
    with Store.open(tmp_path / "store") as store:
        source.watch(store, monkeypatch)
        report = ingest(iter(source), store, nlp=nlp, batch_size=BATCH, on_extracted=source.extracted,
                        write_quads=100)
        assert len(store.articles()) == ARTICLES and store.incomplete() == []
    # Every result is reported as it arrives, before its batch is written.
    assert len(source.taken_at_result) == ARTICLES
    # Articles reach the store in groups of just over 100 quads, the last group when the input ends.
    largest = max(report.quads // ARTICLES * 2, 1)  # no generated article has twice the mean
    assert sum(count for _taken, count, _quads in source.writes) == ARTICLES
    assert sum(quads for _taken, _count, quads in source.writes) == report.quads
    assert len(source.writes) >= 2
    assert all(100 <= quads < 100 + largest for _taken, _count, quads in source.writes[:-1])
    assert 0 < source.writes[-1][2] < 100 + largest
    assert source.writes[-1][0] == ARTICLES


def test_with_workers_writing_starts_when_the_input_runs_out_not_after_the_last_result(nlp, tmp_path, monkeypatch):
    source = Source(ARTICLES)
    with Store.open(tmp_path / "store") as store:
        source.watch(store, monkeypatch)
        report = ingest(iter(source), store, nlp=nlp, batch_size=BATCH, n_process=2, on_extracted=source.extracted,
                        write_quads=10**9)  # never reached: every write here is one the draining asks for
        assert len(store.articles()) == ARTICLES == len(report.added)
    # Once all input is taken, each batch's results are written as they come, the first while workers still run.
    assert all(taken == ARTICLES for taken, _count, _quads in source.writes)
    assert len(source.writes) >= 2
    assert source.results_at_write[0] < ARTICLES
    assert source.results_at_write[-1] == ARTICLES
    assert sum(count for _taken, count, _quads in source.writes) == ARTICLES


def test_read_articles_reads_one_file_at_a_time(tmp_path, monkeypatch):
    from newskg.extract import read

    for i in range(5):
        (tmp_path / f"{i}.txt").write_text(f"Story {i}: talks resumed on Monday in city {i}.", encoding="utf-8")
    opened = []
    original = read.read_article
    monkeypatch.setattr(read, "read_article", lambda path, **kw: opened.append(path) or original(path, **kw))
    articles = read_articles(tmp_path)
    first = next(articles)
    assert first.source.endswith("0.txt") and len(opened) == 1


def test_generated_corpus_varies_as_a_feed_does(tmp_path):
    from corpus import describe_sources, write_corpus

    sources = describe_sources()
    assert sources["development set"] >= 25 and sources["sample articles"] >= 2
    write_corpus(tmp_path, sum(sources.values()))
    articles = list(read_articles(tmp_path))
    titles = {a.title.rsplit(" (", 1)[0] for a in articles}
    words = sorted(len(a.text.split()) for a in articles)
    assert len(titles) >= 20  # every source once, not the two samples over and over
    assert words[-1] > 1.5 * words[0]  # lengths vary


def test_generated_corpus_has_distinct_readable_articles(tmp_path):
    from corpus import write_corpus

    assert write_corpus(tmp_path, 6, seed=3) == 6
    articles = list(read_articles(tmp_path))
    assert len(articles) == 6 and len({a.doc_id for a in articles}) == 6
    assert all(len(a.text.split()) > 200 and a.title and a.date for a in articles)
    # Same seed, same corpus: the benchmark is repeatable.
    again = tmp_path / "again"
    write_corpus(again, 6, seed=3)
    assert [p.read_bytes() for p in sorted(again.glob("*.txt"))] == [
        p.read_bytes() for p in sorted(tmp_path.glob("*.txt"))
    ]
