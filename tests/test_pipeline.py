"""The whole extraction pipeline on the real (pinned) model, measured against gold standards."""

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from conftest import FIXTURES, SEEDS
from newskg.extract.evaluate import _same_document, _Words, evaluate, load_gold
from newskg.extract.pipeline import extract, extract_many
from newskg.extract.read import article_from_text, read_article
from newskg.extract.records import Actor

pytestmark = pytest.mark.model

# The bundled copy of the dev gold standard (the seeds' 68 triples).
SEED_GOLD = FIXTURES / "seeds.gold.jsonl"
OWN_GOLD = FIXTURES / "articles.gold.jsonl"


def _report(gold_path: Path, folder: Path, nlp):
    gold = load_gold(gold_path)
    articles = {name: read_article(folder / name) for name in sorted({g.doc for g in gold})}
    return evaluate(gold, articles, lambda items: extract_many(items, nlp=nlp), nlp)


def test_seed_scores_stay_at_the_level_reached(nlp):
    # Every clause with an actor subject gives a statement now: the samples' gold, which records the
    # stances and actions of a short verb list, counts the other acts as false positives (README, Extraction
    # quality). The sample gold gives a quote's "we" to the envoy who speaks; the annotation conventions, and
    # newskg, give it to the state the envoy represents: one statement counts as a miss and a false positive.
    report = _report(SEED_GOLD, SEEDS, nlp)
    overall = report.scores()
    assert overall["f1"] >= 0.90, overall
    assert overall["precision"] >= 0.85, overall
    assert report.scores(polarity="stance")["f1"] >= 0.90
    assert report.scores(difficulty="easy")["f1"] >= 0.95
    assert report.scores(difficulty="coref")["f1"] >= 0.80
    assert report.scores(difficulty="coref")["recall"] >= 0.90


def test_articles_on_other_conflicts(nlp):
    report = _report(OWN_GOLD, FIXTURES / "articles", nlp)
    overall = report.scores()
    assert overall["f1"] >= 0.95, overall
    assert overall["precision"] >= 0.95, overall


NEWS_GOLD = FIXTURES / "news.gold.jsonl"


def test_development_set_of_news_articles(nlp):
    # 25 articles on 25 disputes (1,172 gold triples, written before the extractor ran on them): the level
    # reached, kept; the README gives the first scores and the aim (F1 0.80, precision 0.85, stance F1 0.75).
    report = _report(NEWS_GOLD, FIXTURES / "news", nlp)
    overall = report.scores()
    assert overall["f1"] >= 0.75, overall
    assert overall["precision"] >= 0.83, overall
    assert report.scores(polarity="stance")["f1"] >= 0.72
    assert report.scores(difficulty="easy")["recall"] >= 0.60


def _facts(path: Path, nlp) -> set[tuple[str, str, str]]:
    return {(t.subject.label, t.polarity, t.object.label) for t in extract(read_article(path), nlp)}


def test_seed_headline_facts(nlp):
    first = _facts(SEEDS / "000_a2ed5babcf17c71c.txt", nlp)
    second = _facts(SEEDS / "002_1dcb7e5e9c1bc258.txt", nlp)
    assert ("China", "oppose", "its nuclear and ballistic missile programs") in first
    assert ("Russia", "oppose", "its nuclear and ballistic missile programs") in first
    urged = {(s, o.split()[0]) for s, p, o in second if p == "support"}
    assert ("Russia", "diplomacy") in urged
    assert ("China", "diplomacy") in urged


def test_triples_carry_evidence_with_offsets_into_the_file(nlp):
    path = SEEDS / "002_1dcb7e5e9c1bc258.txt"
    raw = path.read_text(encoding="utf-8")
    for triple in extract(read_article(path), nlp):
        assert 0 <= triple.start < triple.end <= len(raw)
        # The evidence is the sentence as cleaned: markup may differ, the words do not.
        first_word = triple.sentence.split()[0].strip('*"(')
        assert first_word in raw[triple.start : triple.end], (triple.sentence, raw[triple.start : triple.end])


def test_no_triple_from_byline_or_footer(nlp):
    for path in sorted(SEEDS.glob("*.txt")):
        for triple in extract(read_article(path), nlp):
            assert "Lendman" not in triple.sentence
            assert "Global Research" not in triple.sentence


def test_gold_copy_matches_its_format():
    rows = [json.loads(line) for line in SEED_GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(rows) == 68
    assert {row["polarity"] for row in rows} == {"support", "oppose", "none"}


def test_development_set_is_whole():
    rows = [json.loads(line) for line in NEWS_GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = {row["doc"] for row in rows}
    assert len(rows) >= 600 and len(docs) >= 25
    assert docs == {p.name for p in (FIXTURES / "news").iterdir()}
    for row in rows:  # every evidence is a piece of its article, as the gold format says
        assert row["evidence"] in (FIXTURES / "news" / row["doc"]).read_text(encoding="utf-8"), row["id"]


def test_parallel_parse_gives_the_same_triples(nlp):
    articles = [read_article(p) for p in sorted(SEEDS.glob("*.txt"))]
    one = [(a.doc_id, [t for t in ts]) for a, ts in extract_many(articles, nlp=nlp, n_process=1)]
    two = [(a.doc_id, [t for t in ts]) for a, ts in extract_many(articles, nlp=nlp, n_process=2)]
    assert one == two


def test_a_text_without_a_number_matches_the_gold_s_description_of_it(nlp):
    words = _Words(nlp)

    def predicted(label: str, kind: str = "Document"):
        return SimpleNamespace(subject=Actor("x", label, kind))

    assert _same_document("UN Security Council resolution on Houthi attacks", predicted("UN Security Council resolution"),
                          words)
    assert _same_document("Russian draft resolution on Gaza", predicted("Russian draft"), words)
    # a label that says more than the description, or names another drafter, is another text
    assert not _same_document("Russian draft resolution on Gaza", predicted("United States draft resolution"), words)
    assert not _same_document("UN Security Council resolution", predicted("UN Security Council resolution on Mali"),
                              words)
    # numbered texts and other actors keep their canonical names
    assert not _same_document("UN Security Council Resolution 2371", predicted("UN Security Council resolution"), words)
    assert not _same_document("UN Security Council resolution", predicted("UN Security Council", "IntergovernmentalOrganization"),
                              words)


def test_the_headline_is_a_sentence_of_its_own_with_its_place_in_the_raw_text(nlp):
    raw = ("Japan Condemns Missile Launch By North Korea\n\n"
           "TOKYO, May 3 (Reuters) - The government said on Monday that it would protest to Pyongyang.\n")
    article = article_from_text(raw, "launch.txt", fmt="text")
    assert article.title == "Japan Condemns Missile Launch By North Korea" and "Condemns" not in article.text
    found = extract(article, nlp)
    headline = [t for t in found if t.subject.key == "japan" and t.polarity == "oppose"]
    assert headline and raw[headline[0].start:headline[0].end] == article.title, found
    # the body is parsed apart: "the government" finds no antecedent in the headline's names
    assert not [t for t in found if t.subject.key == "north-korea"], found
