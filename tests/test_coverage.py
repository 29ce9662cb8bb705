"""The coverage report: sentences that name an actor but gave no statement, counted by ``build`` and listed
by ``explain``, so that a user sees what the extractor missed."""

from __future__ import annotations

import pytest

from conftest import SEEDS
from newskg.extract.pipeline import extract_all
from newskg.extract.read import article_from_text, read_article
from newskg.graph.cli import main

pytestmark = pytest.mark.model

TEXT = ("Russia vetoed the draft on Tuesday.\n\nChina is a large country with many provinces.\n\n"
        "Officials met in Geneva.")


def test_gaps_are_the_sentences_naming_an_actor_without_a_statement(nlp):
    article = article_from_text(TEXT, "t.txt", fmt="text")
    (found,) = list(extract_all([article], nlp=nlp))
    assert [t.subject.key for t in found.triples] == ["russia"]
    assert [g.sentence for g in found.gaps] == ["China is a large country with many provinces."]
    (gap,) = found.gaps
    assert article.raw[gap.start:gap.end] == gap.sentence  # offsets point into the file


def test_gaps_on_a_sample_point_into_the_file(nlp):
    article = read_article(SEEDS / "000_a2ed5babcf17c71c.txt")
    (found,) = list(extract_all([article], nlp=nlp))
    assert found.gaps and found.triples
    for gap in found.gaps:
        assert " ".join(article.raw[gap.start:gap.end].split()).strip("*") in gap.sentence or \
            gap.sentence[:20] in " ".join(article.raw[gap.start:gap.end].split())


def test_build_reports_gaps_and_undated_articles_and_explain_lists_them(tmp_path, capfd):
    path = tmp_path / "note.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert main(["build", str(path), "--store", str(tmp_path / "store")]) == 0
    captured = capfd.readouterr()
    out = captured.out + captured.err
    assert "1 sentence(s) named an actor but gave no statement" in out
    assert "1 article(s) have no date (note.txt)" in out
    assert main(["explain", str(path)]) == 0
    captured = capfd.readouterr()
    out = captured.out + captured.err
    assert "1 sentence(s) named an actor but gave no statement" in out
    assert "China is a large country with many provinces." in out
    assert "China/nsubj->1:PROPN" in out  # the parse, word by word
