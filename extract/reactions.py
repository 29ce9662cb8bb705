"""Stances told as what something met with: "the attack drew condemnation from the EU".

- :func:`drawn_reaction_triples` -- "X drew condemnation from Y", "X has attracted criticism from Y and Z",
  "X won praise from Y", "X faced criticism by Y", "X did Z, inviting criticism from Y": Y takes the stance of
  the noun toward X.

The verbs that bring a reaction upon their subject are data (``data/eliciting.txt``); the nouns and their
stances are the stance nouns of ``data/stance_nouns.tsv``. The rule shares
:class:`~newskg.extract.clause.Context` and yields :class:`~newskg.extract.clause.RawTriple` records like the
patterns of :mod:`newskg.extract.triples`.

Examples
--------
>>> from newskg.extract.parse import load_nlp
>>> from newskg.extract.pipeline import extract
>>> from newskg.extract.read import article_from_text
>>> text = "The raid drew condemnation from Jordan and Egypt."
>>> sorted((t.subject.label, t.polarity, t.object.label) for t in extract(article_from_text(text, "a.txt"), load_nlp()))
[('Egypt', 'oppose', 'raid'), ('Jordan', 'oppose', 'raid')]
"""

from __future__ import annotations

from typing import Iterator

from spacy.tokens import Token

from .clause import (Context, RawTriple, char_span, conjuncts, object_records, own_subjects, subject_tokens,
                     without_clause)
from .constants import CALLING_PREDICATES, RELATIVE_PRONOUNS

__all__ = ["drawn_reaction_triples", "reactors_of"]

#: Confidence of a stance read from what a thing met with.
REACTION_CONFIDENCE = 0.7
#: Prepositions that name who reacts: "condemnation from X", "criticism by X".
_FROM = ("from", "by")


def reactors_of(verb: Token, noun: Token) -> list[Token]:
    """Whom a reaction noun comes from: "from X" on the noun, or on the verb right after it ("won praise from
    Kenya"); else "of X" on the noun ("won the support of Kenya")."""
    preps = [p for p in noun.children if p.dep_ == "prep" and p.lower_ in _FROM]
    preps += [p for p in verb.children if p.dep_ == "prep" and p.lower_ in _FROM and p.i > noun.i]
    found = [m for p in preps for g in p.children if g.dep_ == "pobj" for m in conjuncts(g)]
    return found or [m for p in noun.children if p.dep_ == "prep" and p.lower_ == "of"
                     for g in p.children if g.dep_ == "pobj" for m in conjuncts(g)]


def drawn_reaction_triples(ctx: Context) -> Iterator[RawTriple]:
    """``X drew condemnation from Y``: each actor after "from"/"by" takes the stance noun's stance toward the
    verb's subject (a thing or an actor)."""
    lex = ctx.lex
    for verb in ctx.tokens(ctx.lemmas(lex.eliciting)):
        if verb.pos_ != "VERB":
            continue
        subjects = own_subjects(verb)
        if not subjects and verb.tag_ == "VBG":
            # "Seoul scrapped the pact, inviting criticism from Tokyo": the participle's doer met with it
            subjects = subject_tokens(verb)[0][:1]
        if not subjects or subjects[0].dep_ == "nsubjpass":
            continue
        if subjects[0].lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
            subjects = [verb.head]  # "a move that received support from X": the move
        # "met with opposition from X": the reaction as the object of "with"
        met = [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "with" and c.i == verb.i + 1
               for g in c.children if g.dep_ == "pobj"]
        for noun in [*(c for c in verb.children if c.dep_ in ("dobj", "obj")), *met]:
            stance = lex.stance_nouns.get(noun.lemma_.lower())
            if stance is None:
                continue
            predicate = stance[0]
            polarity = lex.stance(predicate)
            if predicate in CALLING_PREDICATES and not any(
                    p.dep_ == "prep" and p.lower_ in stance[1] for p in noun.children):
                continue  # "received a call from X": a telephone call; "calls for restraint from X" are calls
            keys = [k for m in reactors_of(verb, noun) for k in ctx.actors(m) if ctx.is_actor(k)]
            for thing in conjuncts(subjects[0]):
                things = without_clause(thing, verb) if thing == verb.head and verb.dep_ == "relcl" \
                    else object_records(thing, ctx)
                for obj in things:
                    for key in dict.fromkeys(keys):
                        if key == obj.key:
                            continue
                        yield RawTriple(
                            subject=key,
                            predicate=predicate,
                            relation=f"{noun.lemma_.lower()} of",
                            object_key=obj.key,
                            object_text=obj.text,
                            polarity=polarity,
                            sentence=ctx.sentence(verb),
                            confidence=REACTION_CONFIDENCE,
                            pattern="drawn_reaction",
                            subject_text=ctx.state.actors.get(key)["label"],
                            object_span=char_span(ctx.doc, obj.span),
                        )
