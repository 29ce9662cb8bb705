"""Measure the extractor against a gold standard (JSON Lines, one triple a line).

A predicted triple matches a gold triple (or one of its ``alternatives``) when
it comes from the same article, its subject is the same actor after
canonicalisation (a text without a number, which has no canonical name, when
the predicted label says nothing the gold's description does not: "UN Security
Council resolution" is "UN Security Council resolution on Houthi attacks"), its
polarity is equal, and the two objects share at least
one content word (lemmas, stop words left out, actor names canonicalised, so
that "Pyongyang's economy" shares "north korea" with "North Korea's economy").
Each gold triple is matched at most once, best overlap first.

Scores: precision, recall and F1 overall, for stances (support and oppose
together), per polarity and per difficulty.
A false positive counts against the difficulty its pattern implies: plain
clauses against ``easy``, clauses whose subject was resolved by coreference
against ``coref``, the rest against ``implicit``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable

from spacy.language import Language

from newskg.ontology.gazetteer import load_gazetteer, normalize_name

from .actors import without_honorifics
from .constants import OFFICE_PREDICATES
from .errors import InputError
from .lexicon import load_lexicon
from .records import Actor, Article, Triple
from .state import DocState

__all__ = ["GoldTriple", "Report", "load_gold", "evaluate", "score"]

DIFFICULTIES = ("easy", "coref", "implicit")
POLARITIES = ("support", "oppose", "none")
STANCES = ("support", "oppose")


@dataclass(frozen=True)
class GoldTriple:
    id: str
    doc: str
    evidence: str
    subject: str
    relation: str
    polarity: str
    object: str
    difficulty: str
    alternatives: tuple[tuple[str, str, str], ...] = ()  # (relation, polarity, object)


@dataclass
class Match:
    gold: GoldTriple
    predicted: Triple
    doc: str


@dataclass
class Report:
    """The outcome of an evaluation."""

    matches: list[Match] = field(default_factory=list)
    misses: list[GoldTriple] = field(default_factory=list)
    false_positives: list[tuple[str, Triple]] = field(default_factory=list)
    seconds: float = 0.0

    def counts(self, *, polarity: str | None = None, difficulty: str | None = None) -> tuple[int, int, int]:
        """(true positives, predicted, gold) within a slice; ``polarity="stance"`` is support and oppose together."""

        wanted = STANCES if polarity == "stance" else (polarity,)

        def keep_gold(gold: GoldTriple) -> bool:
            return (polarity is None or gold.polarity in wanted) and (difficulty is None or gold.difficulty == difficulty)

        def keep_fp(triple: Triple) -> bool:
            return (polarity is None or triple.polarity in wanted) and (
                difficulty is None or difficulty_of(triple) == difficulty
            )

        tp = sum(1 for m in self.matches if keep_gold(m.gold))
        gold = tp + sum(1 for g in self.misses if keep_gold(g))
        predicted = tp + sum(1 for _doc, t in self.false_positives if keep_fp(t))
        return tp, predicted, gold

    def scores(self, **slice_) -> dict[str, float]:
        tp, predicted, gold = self.counts(**slice_)
        return score(tp, predicted, gold)

    def as_dict(self) -> dict:
        return {
            "overall": self.scores(),
            "stance": self.scores(polarity="stance"),
            "polarity": {p: self.scores(polarity=p) for p in POLARITIES},
            "difficulty": {d: self.scores(difficulty=d) for d in DIFFICULTIES},
            "misses": [g.__dict__ | {"alternatives": [list(a) for a in g.alternatives]} for g in self.misses],
            "false_positives": [
                {
                    "doc": doc,
                    "subject": t.subject.label,
                    "relation": t.relation,
                    "polarity": t.polarity,
                    "object": t.object.label,
                    "pattern": t.pattern,
                    "sentence": t.sentence,
                }
                for doc, t in self.false_positives
            ],
            "seconds": round(self.seconds, 3),
        }


def score(tp: int, predicted: int, gold: int) -> dict[str, float]:
    """Precision, recall and F1 from counts.

    >>> score(8, 10, 16)
    {'precision': 0.8, 'recall': 0.5, 'f1': 0.615, 'tp': 8, 'predicted': 10, 'gold': 16}
    """
    precision = tp / predicted if predicted else 0.0
    recall = tp / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
        "tp": tp,
        "predicted": predicted,
        "gold": gold,
    }


def difficulty_of(triple: Triple) -> str:
    """The difficulty a predicted triple's pattern implies."""
    if triple.pattern in ("svo", "title", "reciprocal", "copular_stance", "copular_affiliation", "wish_clause", "object_clause"):
        return "easy"
    if triple.pattern.endswith("coref"):
        return "coref"
    return "implicit"




def _rolled_up(triples: list[Triple]) -> list[Triple]:
    """The triples with each office holder's statements restated with the actor they speak for as the subject."""
    offices: dict[str, Actor] = {}
    for triple in triples:
        if triple.predicate in OFFICE_PREDICATES and triple.subject.kind == "Person":
            offices.setdefault(triple.subject.key, triple.object)
    return [replace(t, subject=offices[t.subject.key], pattern=t.pattern + "+as_state")
            if t.subject.key in offices and t.predicate not in OFFICE_PREDICATES else t for t in triples]


def load_gold(path: str | Path) -> list[GoldTriple]:
    """Read a gold file; one-line errors name the line that is wrong."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"gold file {path} not found; pass the path of a .jsonl gold standard")
    gold = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            alternatives = tuple(
                (alt.get("relation", row["relation"]), alt.get("polarity", row["polarity"]), alt.get("object", row["object"]))
                for alt in row.get("alternatives", [])
            )
            gold.append(
                GoldTriple(
                    id=row["id"],
                    doc=row["doc"],
                    evidence=row.get("evidence", ""),
                    subject=row["subject"],
                    relation=row["relation"],
                    polarity=row["polarity"],
                    object=row["object"],
                    difficulty=row.get("difficulty", "easy"),
                    alternatives=alternatives,
                )
            )
        except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as error:
            raise InputError(f"{path}:{number}: not a gold triple ({error}); see the gold format in the docs") from error
    return gold


class _Words:
    """Content words of short phrases, with actor names replaced by canonical labels."""

    def __init__(self, nlp: Language):
        self.nlp = nlp
        self.cache: dict[str, frozenset[str]] = {}

    def __call__(self, text: str) -> frozenset[str]:
        if text not in self.cache:
            doc = self.nlp(text)
            state = DocState(doc)
            words: set[str] = set()
            covered: set[int] = set()
            for i, keys in state.data["heads"].items():
                span = state.span_of(int(i)) or (int(i), int(i) + 1)
                covered.update(range(span[0], span[1]))
                for key in keys:
                    record = state.actors.get(key)
                    if record:
                        words.update(record["label"].lower().split())
            for token in doc:
                if token.i in covered or token.is_stop or token.is_punct or not token.text.strip():
                    continue
                # Both the lemma and the word: a lone "ruling" may be lemmatised as the verb "rule".
                for form in {token.lemma_.lower(), token.lower_}:
                    words.add(form)
                    words.update(part for part in form.split("-") if len(part) > 2)
            self.cache[text] = frozenset(w for w in words if w.strip("'\"()"))
        return self.cache[text]


def _untitled(name: str) -> str:
    """A name without a one-word title before it: "King Salman" -> "Salman"."""
    words = name.split()
    titles = {key[0] for key in load_lexicon().titles if len(key) == 1}
    while len(words) > 1 and words[0].lower() in titles:
        words = words[1:]
    return " ".join(words)


def _same_subject(gold: str, triple: Triple) -> bool:
    names = {normalize_name(triple.subject.label), *(normalize_name(n) for n in triple.subject.names)}
    if triple.subject.kind == "Person":
        # "Sheikh Tamim bin Hamad" is "Tamim bin Hamad": words of address are no part of a name
        names |= {normalize_name(without_honorifics(n)) for n in (triple.subject.label, *triple.subject.names)}
        if normalize_name(without_honorifics(gold)) in names or normalize_name(_untitled(gold)) in names:
            return True
    if normalize_name(gold) in names:
        entry = load_gazetteer().lookup(gold)
        return entry is None or entry.key == triple.subject.key or triple.subject.kind == "Person"
    entry = load_gazetteer().lookup(gold)
    return entry is not None and entry.key == triple.subject.key


def _same_document(gold: str, triple: Triple, words: _Words) -> bool:
    """A text without a number has no canonical name: the gold's description of it ("UN Security Council
    resolution on Houthi attacks") matches a predicted document whose label says nothing the description
    does not ("UN Security Council resolution"), with the same kind of text ("resolution", "draft")."""
    if triple.subject.kind != "Document" or any(c.isdigit() for c in gold + triple.subject.label):
        return False
    gw, pw = words(gold), words(triple.subject.label)
    return bool(pw & gw & load_lexicon().document_heads) and pw <= gw


def evaluate(
    gold: list[GoldTriple],
    articles: dict[str, Article],
    extract: Callable[[Iterable[Article]], Iterable[tuple[Article, list[Triple]]]],
    nlp: Language,
    *,
    as_state: bool = False,
) -> Report:
    """Run the extractor on the gold's articles and match its triples to the gold.

    ``as_state`` counts a person's statements for the state or organisation the article makes them speak
    for (their office: leader, minister, envoy, spokesperson), for gold coded at the level of states
    (CAMEO event data codes "the Gambian government", not its president).
    """
    import time

    report = Report()
    words = _Words(nlp)
    names = {article.doc_id: name for name, article in articles.items()}
    started = time.perf_counter()
    predicted_by_doc = {names[article.doc_id]: triples for article, triples in extract(articles.values())}
    report.seconds = time.perf_counter() - started
    for doc in sorted(articles):
        predicted = predicted_by_doc.get(doc, [])
        if as_state:
            predicted = _rolled_up(predicted)
        golds = [g for g in gold if g.doc == doc]
        pairs = []
        for gi, g in enumerate(golds):
            readings = [(g.relation, g.polarity, g.object), *g.alternatives]
            for pi, triple in enumerate(predicted):
                if not (_same_subject(g.subject, triple) or _same_document(g.subject, triple, words)):
                    continue
                best = 0.0
                for _relation, polarity, obj in readings:
                    if polarity != triple.polarity:
                        continue
                    gw, pw = words(obj), words(triple.object.label)
                    shared = len(gw & pw)
                    if shared:
                        best = max(best, shared / max(len(gw | pw), 1))
                if best:
                    pairs.append((best, gi, pi))
        used_g, used_p = set(), set()
        for _score, gi, pi in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
            if gi in used_g or pi in used_p:
                continue
            used_g.add(gi)
            used_p.add(pi)
            report.matches.append(Match(golds[gi], predicted[pi], doc))
        report.misses.extend(g for gi, g in enumerate(golds) if gi not in used_g)
        report.false_positives.extend((doc, t) for pi, t in enumerate(predicted) if pi not in used_p)
    return report

