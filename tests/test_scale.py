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
    """An input generator that records how many articles were taken when each one is written."""

    def __init__(self, count: int) -> None:
        self.count = count
        self.taken = 0
        self.taken_at_write: list[int] = []

    def __iter__(self):
        for i in range(self.count):
            self.taken += 1
            yield article_from_text(f"Country {i} said China opposes the plan number {i}.", f"a{i}.txt")

    def written(self, article, triples) -> None:
        self.taken_at_write.append(self.taken)


@pytest.mark.parametrize("n_process", [1, 2])
def test_ingest_consumes_its_input_lazily(nlp, n_process):
    source = Source(ARTICLES)
    with Store.open(None) as store:
        report = ingest(iter(source), store, nlp=nlp, batch_size=BATCH, n_process=n_process,
                        on_article=source.written, write_quads=1)
        assert len(store.articles()) == ARTICLES
    assert len(report.added) == ARTICLES
    # The first article is written when a few batches have been read, not the whole input.
    ahead = (2 * n_process + 2) * BATCH
    assert source.taken_at_write[0] <= ahead < ARTICLES
    # And reading stays a bounded distance ahead of writing all the way through.
    assert all(taken - written <= ahead for written, taken in enumerate(source.taken_at_write, start=1))


def test_writes_wait_for_a_batch_of_quads_and_the_rest_is_written_at_the_end(nlp, tmp_path):
    source = Source(ARTICLES)
    with Store.open(tmp_path / "store") as store:
        report = ingest(iter(source), store, nlp=nlp, batch_size=BATCH, on_article=source.written, write_quads=100)
        per_article = report.quads / ARTICLES
        assert len(store.articles()) == ARTICLES and store.incomplete() == []
    # Articles reach the store in groups of just over 100 quads, the last group when the input ends.
    groups = sorted(set(source.taken_at_write))
    quads = ARTICLES * per_article
    assert quads / (100 + per_article) <= len(groups) <= quads / 100 + 1
    assert groups[-1] == ARTICLES
    assert all(later - earlier <= 100 / per_article + 1 + BATCH for earlier, later in zip(groups, groups[1:]))


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
