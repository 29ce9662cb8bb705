"""Stances told in the passive by whoever reports them.

- :func:`reported_passive_triples` -- "NATO said Russia's war is condemned in the strongest terms",
  '"The annexation is rejected," the minister said': with no agent of its own, the one who reports a passive
  stance takes it;
- :func:`hyphenated_agent_triples` -- "the Ukraine-sponsored resolution", "the Rwanda-backed group": the actor
  joined to a participle by a hyphen does what the participle says to the noun.

The rule shares :class:`~newskg.extract.clause.Context` and yields
:class:`~newskg.extract.clause.RawTriple` records like the patterns of :mod:`newskg.extract.triples`.

Examples
--------
>>> from newskg.extract.parse import load_nlp
>>> from newskg.extract.pipeline import extract
>>> from newskg.extract.read import article_from_text
>>> text = "NATO said Russia's war on Ukraine is condemned in the strongest terms."
>>> [(t.subject.label, t.polarity, t.object.label) for t in extract(article_from_text(text, "a.txt"), load_nlp())
...  if t.relation.startswith("passive")]
[('NATO', 'oppose', "Russia's war on Ukraine")]
"""

from __future__ import annotations

from typing import Iterator

from .clause import Context, Object, RawTriple, char_span, is_negated, modality_of, object_records, span_text

__all__ = ["reported_passive_triples", "hyphenated_agent_triples"]

#: Confidence of a stance read from a passive clause: the reporter is taken for the one who takes it.
PASSIVE_CONFIDENCE = 0.6


def reported_passive_triples(ctx: Context) -> Iterator[RawTriple]:
    """A passive stance verb with no agent ("is condemned", "are rejected"), reported by a speaker (a speech
    verb over it or the quotation it stands in): the speaker's stance toward the passive subject.

    A verb with a complement of its own ("is urged not to ...") says more than a stance and gives nothing here.
    """
    lex = ctx.lex
    for verb in ctx.tokens(ctx.table.where("tag_", ("VBN",))):
        predicate = lex.verbs.get((verb.lemma_.lower(),))
        if predicate is None or lex.stance(predicate) == "none":
            continue
        children = list(verb.children)
        passive = [c for c in children if c.dep_ == "nsubjpass"]
        if not passive or any(c.dep_ in ("agent", "xcomp", "ccomp") for c in children):
            continue
        speakers = [k for k in ctx.speaker(verb) if ctx.is_actor(k)]
        if not speakers:
            continue
        polarity = lex.stance(predicate)
        negated = is_negated(verb)
        if negated:
            polarity = "oppose" if polarity == "support" else "support"
        for obj in object_records(passive[0], ctx):
            for key in speakers:
                if key == obj.key:
                    continue
                yield RawTriple(
                    subject=key,
                    predicate=predicate,
                    relation=("not " if negated else "") + f"passive {verb.lemma_.lower()}",
                    object_key=obj.key,
                    object_text=obj.text,
                    polarity=polarity,
                    sentence=ctx.sentence(verb),
                    negated=negated,
                    modality=modality_of(verb, [], lex),
                    confidence=PASSIVE_CONFIDENCE,
                    pattern="reported_passive",
                    subject_text=ctx.state.actors.get(key)["label"],
                    object_span=char_span(ctx.doc, obj.span),
                )


#: Confidence of an act read from an actor joined to a participle ("the US-drafted text").
HYPHENATED_CONFIDENCE = 0.7


def hyphenated_agent_triples(ctx: Context) -> Iterator[RawTriple]:
    """``the Ukraine-sponsored resolution``, ``a US-drafted text``, ``the Rwanda-backed armed group``: a participle
    of the verb table modifying a noun, with an actor joined to it by a hyphen, is that actor's act on the noun
    (not where the actor and participle name a group actor of their own, "the Saudi-led coalition")."""
    lex = ctx.lex
    doc = ctx.doc
    for verb in ctx.tokens(ctx.table.where("tag_", ("VBN",))):
        if verb.dep_ != "amod" or verb.i < 2 or doc[verb.i - 1].text != "-" or doc[verb.i - 1].whitespace_:
            continue
        predicate = lex.verbs.get((verb.lemma_.lower(),))
        agent = doc[verb.i - 2]
        if predicate is None or agent.whitespace_ or agent.head.i != verb.i or agent.dep_ not in ("npadvmod", "compound"):
            continue
        keys = [k for k in ctx.actors(agent) if ctx.is_actor(k)]
        noun = verb.head
        named = ctx.state.span_of(noun.i)
        if not keys or noun.pos_ not in ("NOUN", "PROPN") or (named and named[0] <= agent.i < named[1]):
            continue
        for obj in object_records(noun, ctx):
            if obj.key is None and obj.span[0] <= verb.i < obj.span[1] - 1:
                # "the Ukraine-sponsored resolution": the resolution, without the words that say who did it
                start = verb.i + 1
                while start < obj.span[1] - 1 and doc[start].is_punct:
                    start += 1  # 'the "Rwanda-backed" group': not the closing quote
                span = (start, obj.span[1])
                obj = Object(None, span_text(doc, span), span)
            for key in keys:
                if key == obj.key:
                    continue
                yield RawTriple(
                    subject=key,
                    predicate=predicate,
                    relation=verb.lemma_.lower(),
                    object_key=obj.key,
                    object_text=obj.text,
                    polarity=lex.stance(predicate),
                    sentence=ctx.sentence(verb),
                    confidence=HYPHENATED_CONFIDENCE,
                    pattern="hyphenated_agent",
                    subject_text=agent.text,
                    object_span=char_span(doc, obj.span),
                )
