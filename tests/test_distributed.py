"""Extraction on worker processes and on a Dask cluster builds the same graph as one process."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import SEEDS
from newskg.extract.read import read_articles
from newskg.graph.ingest import ingest
from newskg.graph.store import Store

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The sample articles, one of them twice under another name, and a file that is no article."""
    folder = tmp_path_factory.mktemp("corpus")
    samples = sorted(SEEDS.glob("*.txt"))
    for path in samples:
        shutil.copy(path, folder / path.name)
    shutil.copy(samples[0], folder / "zz_copy_of_first.txt")
    (folder / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    return folder


@pytest.fixture(scope="module")
def expected(corpus, nlp) -> set[str]:
    """N-Quads of the single-process build (newskg uses no blank nodes, so lines compare as sets)."""
    with Store.open(None) as store:
        report = ingest(read_articles(corpus, on_error=lambda error: None), store, nlp=nlp)
        # the copy repeats an input of the same run: a duplicate, not an article already in the store
        assert len(report.added) == 2 and report.skipped == [] and report.duplicates == [str(corpus / "zz_copy_of_first.txt")]
        return set(store.dump_nquads().decode("utf-8").splitlines())


def test_worker_processes_build_the_same_graph(corpus, expected, nlp):
    with Store.open(None) as store:
        report = ingest(read_articles(corpus, on_error=lambda error: None), store, nlp=nlp, batch_size=1, n_process=2)
        assert set(store.dump_nquads().decode("utf-8").splitlines()) == expected
    assert [Path(s).name for s in report.added] == sorted(p.name for p in SEEDS.glob("*.txt"))
    assert report.quads == len(expected) - 2  # the two completion markers are the store's own


def test_dask_cluster_builds_the_same_graph(corpus, expected, nlp):
    from newskg.graph.distributed import dask_client, ingest_dask

    seen = []
    with dask_client("local", n_workers=2, processes=False) as client, Store.open(None) as store:
        report = ingest_dask([str(corpus)], store, client=client, batch_size=1, in_flight=2,
                             on_extracted=lambda article, triples: seen.append((article.doc_id, triples)))
        assert set(store.dump_nquads().decode("utf-8").splitlines()) == expected
        assert sorted(doc_id for doc_id, _n in seen) == store.articles()
    assert len(report.added) == 2 and report.skipped == [] and len(report.duplicates) == 1
    assert [Path(source).name for source, _error in report.failed] == ["broken.txt"]
    assert "binary" in str(report.failed[0][1])
    assert report.triples == sum(n for _doc, n in seen) > 0
    assert report.words == sum(len(a.text.split()) for a in read_articles(sorted(SEEDS.glob("*.txt"))))


def test_dask_build_skips_articles_already_in_the_store(corpus, nlp, tmp_path):
    from newskg.graph.distributed import dask_client, ingest_dask

    with Store.open(tmp_path / "store") as store:
        ingest(read_articles(sorted(SEEDS.glob("*.txt"))), store, nlp=nlp)
        before = store.dump_nquads()
        with dask_client("local", n_workers=1, processes=False) as client:
            report = ingest_dask([str(corpus)], store, client=client, batch_size=2)
        # the two samples are in the store; their copy repeats one of them in the run
        assert report.added == [] and len(report.skipped) + len(report.duplicates) == 3
        assert store.dump_nquads() == before


def test_missing_input_is_reported_not_fatal(nlp, tmp_path):
    from newskg.graph.distributed import dask_client, ingest_dask

    with dask_client("local", n_workers=1, processes=False) as client, Store.open(None) as store:
        report = ingest_dask([str(tmp_path / "nowhere.txt")], store, client=client)
    assert report.added == [] and len(report.failed) == 1
    assert "no such file" in str(report.failed[0][1])
