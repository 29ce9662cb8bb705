"""Build spaCy Docs by hand (words, heads, deps, tags, entities) for extraction tests.

A row is ``word head dep pos tag lemma ent``; ``head`` is the index of the
head token (the token's own index for the root); ``ent`` is an IOB tag such
as ``B-GPE`` or ``O``. Hand-built parses keep the rule tests independent of
what a trained model happens to predict.
"""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

_NLP = None


def blank_pipeline():
    """A blank English pipeline with the newskg components (no trained model)."""
    global _NLP
    if _NLP is None:
        import newskg.extract.parse  # noqa: F401  (registers the components)

        nlp = spacy.blank("en")
        for name in ("newskg_repair", "newskg_mentions", "newskg_coref", "newskg_triples"):
            nlp.add_pipe(name)
        _NLP = nlp
    return _NLP


def make_doc(rows: str) -> Doc:
    """A Doc from one row per token: ``word head dep pos tag lemma ent``."""
    nlp = blank_pipeline()
    words, heads, deps, pos, tags, lemmas, ents = [], [], [], [], [], [], []
    for line in rows.strip().splitlines():
        word, head, dep, p, tag, lemma, ent = line.split()
        words.append(word.replace("_", " ") if word != "_" else word)
        heads.append(int(head))
        deps.append(dep)
        pos.append(p)
        tags.append(tag)
        lemmas.append(lemma)
        ents.append(ent)
    # no space before closing punctuation, nor around a hyphen ("Ukraine-sponsored")
    spaces = [not (i + 1 < len(words) and words[i + 1] in {".", ",", "'s", "n't", ":", ";", "-"} or words[i] == "-")
              for i in range(len(words))]
    return Doc(nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas, ents=ents)


def run(doc: Doc) -> Doc:
    """Run the newskg components over a hand-built Doc."""
    nlp = blank_pipeline()
    for _name, component in nlp.pipeline:
        doc = component(doc)
    return doc


def triples(rows: str) -> list[dict]:
    """The raw triples the components find in a hand-built Doc."""
    return run(make_doc(rows)).user_data["newskg"]["triples"]


def summary(rows: str) -> set[tuple]:
    """``(subject, predicate, polarity, object)`` of each triple, objects as actor key or text."""
    return {(t["subject"], t["predicate"], t["polarity"], t["object_key"] or t["object_text"]) for t in triples(rows)}
