"""Rule families for constructions beyond one verb and its object, each a small generator.

- :func:`second_object_triples` -- "thanked X for Y": a stance toward Y as well;
- :func:`prepositional_stance_triples` -- "voted in favour of X", "spoke in defence of X";
- :func:`nominal_stance_triples` -- "X's support for Y", and a reported reason
  ("A cut ties over B's support for C": A's accusation of B, never B's stance as a fact);
- :func:`judgement_triples` -- "called the vote illegitimate", "described X as a provocation";
- :func:`vote_list_triples` -- "Voting against were A, B and C", "Abstaining were D and E";
- :func:`warning_triples` -- "warned that the intervention could drag the West into a war";
- :func:`obligation_triples` -- "said the Council should respect X": the speaker calls for what should be done;
- :func:`wrongdoing_triples` -- "X said Beijing had overreacted": X accuses whoever it says did wrong;
- :func:`membership_triples` -- "Among ASEAN members, A and B voted for, while C abstained": members of ASEAN;
- :func:`vote_object` -- what a vote or veto with no object of its own was on ("China abstained").

They share :class:`~newskg.extract.clause.Context` and yield
:class:`~newskg.extract.clause.RawTriple` records like the patterns of
:mod:`newskg.extract.triples`.
"""

from __future__ import annotations

from dataclasses import replace

from typing import Iterator

from spacy.tokens import Token

from .clause import (
    FLIP, Context, Object, RawTriple, char_span, clause_span, conjuncts, has_to, is_negated, modality_of,
    member_end, object_records, other_speaker, phrase_span, span_text, subject_tokens, trim, wished_by,
)
from .constants import CLAIM_PREPOSITIONS, DISPLAY_NOUNS, STANCE_PHRASES

__all__ = ["second_object_triples", "prepositional_stance_triples", "manner_stance_triples", "nominal_stance_triples", "judgement_triples",
           "vote_list_triples", "warning_triples", "obligation_triples", "wrongdoing_triples", "wrongdoing_words", "membership_triples", "vote_object", "subject_keys", "judgement_of", "judged_objects", "VOTE_PREDICATES", "JUDGEMENT_VALENCE"]

#: Predicates of votes: with no object of their own ("China abstained"), they are on the text put to the vote.
VOTE_PREDICATES = frozenset({"votesFor", "votesAgainst", "abstains", "vetoes"})
#: The form a verb of voting takes in the vote phrases of ``vote_phrases.tsv`` ("those who voted against" reads as
#: "voting against").
_VOTING_FORMS = {"vote": "voting", "abstain": "abstaining"}
#: How many sentences back the text a vote is on may be named.
_VOTE_LOOKBACK = 3
#: How strong a complement's valence in the general polarity lexicon must be to judge ("illegitimate": -2.1).
JUDGEMENT_VALENCE = 1.7


def subject_keys(ctx: Context, verb: Token) -> list[tuple[Token, str, bool]]:
    """(subject token, actor key, resolved by coreference) for the actors doing ``verb``."""
    subjects, _chain = subject_tokens(verb)
    found = []
    for subject in subjects:
        for key in ctx.actors(subject):
            if ctx.is_actor(key):
                found.append((subject, key, not ctx.state.head_keys(subject.i)))
    return found


def _triple(ctx: Context, verb: Token, subject: Token, key: str, obj: Object, predicate: str, relation: str,
            polarity: str, pattern: str, confidence: float) -> RawTriple:
    negated = is_negated(verb)
    if negated:
        polarity = FLIP[polarity]
        relation = f"not {relation}"
    return RawTriple(
        subject=key,
        predicate=predicate,
        relation=relation,
        object_key=obj.key,
        object_text=obj.text,
        polarity=polarity,
        sentence=ctx.sentence(verb),
        negated=negated,
        modality=modality_of(verb, [], ctx.lex),
        speaker=other_speaker(ctx.speaker(verb), key, ctx),
        confidence=confidence,
        pattern=pattern,
        subject_text=subject.text,
        object_span=char_span(ctx.doc, obj.span),
    )


def _prep_objects(ctx: Context, prep: Token) -> list[Object]:
    found = []
    for head in (c for c in prep.children if c.dep_ in ("pobj", "pcomp")):
        for member in conjuncts(head):
            found.extend(object_records(member, ctx))
    return found


def second_object_triples(ctx: Context) -> Iterator[RawTriple]:
    """``X thanked Y for Z``: X supports Z too (the verb table gives the stance toward Y)."""
    table = ctx.lex.second_objects
    for verb in ctx.tokens(ctx.lemmas(table)):
        if verb.pos_ != "VERB":
            continue
        preps, predicate = table[verb.lemma_.lower()]
        holders = [verb, *(c for c in verb.children if c.dep_ in ("dobj", "obj"))]
        for prep in (c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in preps):
            for subject, key, resolved in subject_keys(ctx, verb):
                for obj in _prep_objects(ctx, prep):
                    if obj.key != key:
                        yield _triple(ctx, verb, subject, key, obj, predicate, f"{verb.lemma_.lower()} for",
                                      ctx.lex.stance(predicate), "second_object", 0.7 if resolved else 0.8)


def prepositional_stance_triples(ctx: Context) -> Iterator[RawTriple]:
    """``X voted in favour of Y``, ``X spoke in defence of Y``: a stance phrase on a clause whose subject acts."""
    for noun in ctx.tokens(ctx.table.where("lower_", STANCE_PHRASES)):
        first = noun.head
        inner, polarity = STANCE_PHRASES[noun.lower_]
        shown = first.head if noun.dep_ == "pobj" and first.lower_ == "of" else None
        if shown is not None and shown.lemma_.lower() in DISPLAY_NOUNS and shown.dep_ == "pobj" and \
                shown.head.lower_ in ("in", "as") and shown.head.dep_ == "prep":
            # "sent warships in a show of support for Greece", "as a sign of solidarity with Ukraine"
            first = shown.head
            noun_preps = ctx.lex.stance_nouns.get(noun.lower_)
            inner = "|".join(noun_preps[1]) if noun_preps else inner
        elif noun.dep_ != "pobj" or first.lower_ != "in" or first.dep_ != "prep":
            continue
        verb = first.head
        if verb.dep_ in ("dobj", "obj") and verb.pos_ == "NOUN" and verb.head.pos_ == "VERB":
            verb = verb.head  # "imposed duties in retaliation for X": the stance of the act
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        predicate = "supports" if polarity == "support" else "opposes"
        preps = [c for c in noun.children if c.dep_ == "prep" and c.lower_ in inner.split("|")]
        if not preps and noun.i + 1 < len(noun.doc) and noun.doc[noun.i + 1].lower_ in inner.split("|") \
                and noun.doc[noun.i + 1].dep_ == "prep":
            preps = [noun.doc[noun.i + 1]]  # "recalled its ambassador in protest at X": "at X" hung on the verb
        relation = f"{verb.lemma_.lower()} in {noun.lower_} {preps[0].lower_ if preps else inner.split('|')[0]}"
        vote = ctx.lex.verbs.get((verb.lemma_.lower(), "for" if polarity == "support" else "against"))
        if preps:
            objects = [obj for prep in preps for obj in _prep_objects(ctx, prep)]
            if vote in VOTE_PREDICATES:
                predicate = vote  # "voted in favour of X" is a vote for X
        elif ctx.lex.verbs.get((verb.lemma_.lower(), "for")) in VOTE_PREDICATES:
            objects = vote_object(ctx, verb)  # "voted in favour": of the text put to the vote
            relation = f"{verb.lemma_.lower()} in {noun.lower_}"
            predicate = ctx.lex.verbs[(verb.lemma_.lower(), "for")] if polarity == "support" else predicate
        else:
            continue
        for subject, key, resolved in subject_keys(ctx, verb):
            for obj in objects:
                if obj.key != key:
                    yield _triple(ctx, verb, subject, key, obj, predicate, relation, polarity,
                                  "stance_phrase", 0.7 if resolved else 0.8)


def manner_stance_triples(ctx: Context) -> Iterator[RawTriple]:
    """``X noted with concern the rise in attacks``, ``is following the crisis with alarm``: a stance noun alone
    after "with" on the verb says how the subject takes the verb's object."""
    lex = ctx.lex
    for noun in ctx.tokens(ctx.lemmas(set(lex.stance_nouns))):
        prep, verb = noun.head, noun.head.head
        if noun.dep_ != "pobj" or prep.lower_ != "with" or prep.dep_ != "prep" or verb.pos_ != "VERB" or any(
                c.dep_ in ("det", "poss", "prep", "acl", "relcl") for c in noun.children):
            continue
        predicate = lex.stance_nouns[noun.lemma_.lower()][0]
        polarity = lex.stance(predicate)
        if polarity == "none":
            continue
        objects = [o for c in verb.children if c.dep_ in ("dobj", "obj") and c.i != noun.i for o in object_records(c, ctx)]
        for subject, key, resolved in subject_keys(ctx, verb):
            for obj in objects:
                if obj.key != key:
                    yield _triple(ctx, verb, subject, key, obj, predicate, f"{verb.lemma_.lower()} with {noun.lower_}",
                                  polarity, "stance_phrase", 0.6 if resolved else 0.7)


def nominal_stance_triples(ctx: Context) -> Iterator[RawTriple]:
    """A stance noun with its holder: ``X's support for Y`` -> X supports Y.

    Given as the reason for another actor's act ("A cut ties over B's support for C"), the
    noun is that actor's claim: A accuses B, and B's stance is not stated as a fact.
    """
    nouns = ctx.lex.stance_nouns
    for noun in ctx.tokens(ctx.lemmas(nouns)):
        if noun.pos_ != "NOUN":
            continue
        holders = [c for c in noun.children if c.dep_ == "poss" and ctx.actors(c)] or [
            g for c in noun.children if c.dep_ == "prep" and c.lower_ in ("from", "by")
            for g in c.children if g.dep_ == "pobj" and ctx.actors(g)]
        if not holders:
            continue
        predicate, preps = nouns[noun.lemma_.lower()]
        targets = [c for c in noun.children if (c.dep_ == "prep" and c.lower_ in preps) or (c.dep_ == "acl" and has_to(c))]
        targets += [c for c in noun.head.children if c.dep_ == "advcl" and has_to(c)
                    and getattr(wished_by(c), "i", None) == noun.i]
        if not targets:
            continue
        holder = holders[0]
        holder_keys = [k for member in conjuncts(holder) for k in ctx.actors(member) if ctx.is_actor(k)]
        claimant = _claimant(ctx, noun)
        if claimant is not None:
            verb, claimants = claimant
            for subject, key, _resolved in claimants:
                for target in holder_keys:
                    if target != key:
                        label = ctx.state.actors.get(target)["label"]
                        obj = Object(target, label, phrase_span(holder))
                        yield _triple(ctx, verb, subject, key, obj, "accuses", f"accuse over {noun.lower_}", "oppose",
                                      "claim", 0.6)
            continue
        target = targets[0]
        if target.dep_ in ("acl", "advcl"):  # "calls from X to extend the deadline": extending the deadline
            span = clause_span(target)
            objects = [Object(None, span_text(ctx.doc, span), span)]
        else:
            objects = _prep_objects(ctx, target)
        for key in holder_keys:
            for obj in objects:
                if obj.key == key:
                    continue
                yield RawTriple(
                    subject=key,
                    predicate=predicate,
                    relation=f"{noun.lemma_.lower()} {target.lower_ if target.dep_ == 'prep' else 'to'}",
                    object_key=obj.key,
                    object_text=obj.text,
                    polarity=FLIP[ctx.lex.stance(predicate)] if obj.polarity_flip else ctx.lex.stance(predicate),
                    sentence=ctx.sentence(noun),
                    speaker=other_speaker(ctx.speaker(noun.head), key, ctx),
                    confidence=0.6,
                    pattern="nominal_stance",
                    subject_text=holder.text,
                    object_span=char_span(ctx.doc, obj.span),
                )


def _claimant(ctx: Context, noun: Token) -> tuple[Token, list[tuple[Token, str, bool]]] | None:
    """The verb and actors for whom a stance noun is the reason of their act ("cut ties over ...")."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in CLAIM_PREPOSITIONS:
        return None
    verb = prep.head
    while verb.dep_ in ("dobj", "pobj", "prep") and verb.head is not verb:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    keys = subject_keys(ctx, verb)
    return (verb, keys) if keys else None


def vote_object(ctx: Context, verb: Token) -> list[Object]:
    """The text a vote is on when the clause does not name it: the nearest document named (or referred
    to) before, else the nearest noun phrase a vote can be on ("the draft") in the last few sentences."""
    doc = ctx.doc
    table = ctx.table
    first = table.sentence(verb.i).start
    for _ in range(_VOTE_LOOKBACK):
        if first == 0:
            break
        first = table.sentence(first - 1).start
    best: Object | None = None
    later: Object | None = None
    sent = table.sentence(verb.i)
    # the nearest document before, else one named later in the same sentence ("by 128 votes to 9, the
    # Assembly adopted resolution X")
    for i in [*range(verb.i - 1, -1, -1), *range(verb.i + 1, sent.end)]:
        token = doc[i]
        keys = ctx.state.head_keys(i) or ctx.state.data["refs"].get(str(i), [])
        if keys and ctx.state.actors.kind(keys[0]) == "Document":
            span = ctx.state.span_of(i) or (i, i + 1)
            return [Object(keys[0], ctx.state.actors.get(keys[0])["label"], span, pattern="vote_context")]
        if token.pos_ == "NOUN" and token.lemma_.lower() in ctx.lex.vote_texts and (
                (best is None and first <= i < verb.i) or (later is None and i > verb.i)):
            span = phrase_span(token)
            found = Object(None, span_text(doc, span), span, pattern="vote_context")
            if i < verb.i:
                best = found
            else:
                later = found
    # the nearest document named before, else the nearest text a vote can be on in the last few sentences,
    # else one named later in the sentence
    chosen = best or later
    return [chosen] if chosen is not None else []


def judgement_of(token: Token, ctx: Context) -> str | None:
    """``support`` or ``oppose`` when a word (or an adjective on it) judges what it describes, else None:
    the evaluative word list first, then the general polarity lexicon."""
    lex = ctx.lex
    words = [token, *(c for c in token.children if c.dep_ in ("amod", "advmod", "acomp", "conj"))]
    # "a house of lies", "an act of sabotage": the noun of an "of" phrase judges for a head that does not
    words += [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    for word in words:
        first = word.i
        while first > 0 and not token.doc[first - 1].whitespace_:
            first -= 1
        spelled = token.doc[first:word.i + 1].text.lower()  # "one-sided", parsed as three tokens
        found = lex.evaluative.get(word.lemma_.lower()) or lex.evaluative.get(word.lower_) or lex.evaluative.get(spelled)
        if found:
            return found
    # a stance noun tells whose side is taken ("what he called Moroccan support for the group"), not how good it is
    valued = [w for w in words if w.lemma_.lower() not in lex.stance_nouns]
    best = max((lex.valence.get(w.lower_, lex.valence.get(w.lemma_.lower(), 0.0)) for w in valued), key=abs, default=0.0)
    if abs(best) >= JUDGEMENT_VALENCE:
        return "support" if best > 0 else "oppose"
    return None


def judgement_triples(ctx: Context) -> Iterator[RawTriple]:
    """``X called the vote illegitimate``, ``described Y as a provocation``: X opposes (or supports) what it judges.

    A verb that takes a side by itself ("denounced Y as meddling") already gives its stance; the
    judgement adds one only where the verb does not.
    """
    lex = ctx.lex
    for verb in ctx.tokens(ctx.lemmas(lex.judging)):
        if verb.pos_ != "VERB" or lex.stance(lex.verbs.get((verb.lemma_.lower(),), "")) != "none":
            continue
        objects = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
        # "hold Moscow responsible": the small clause parsed as an adjective clause with its own subject
        predicates = [c for c in verb.children if c.dep_ == "oprd" or (c.dep_ == "ccomp" and c.pos_ == "ADJ") or (
            # "considers the decision a major disappointment": a noun small clause with its own subject
            c.dep_ == "ccomp" and c.pos_ == "NOUN" and any(g.dep_ == "nsubj" and g.i < c.i for g in c.children))]
        if not objects and len(predicates) > 1:
            objects = predicates[:1]  # "called [Washington's recognition] [illegal]", both parsed as predicates
        if not objects and len(predicates) == 1:
            # "called the text biased", parsed as a small clause: its subject is what is judged
            objects = [c for c in predicates[0].children if c.dep_ == "nsubj" and c.i < predicates[0].i][:1]
        if not objects:
            continue
        complement = _complement(verb, objects[0])
        if complement is None:
            continue
        polarity = judgement_of(complement, ctx)
        if polarity is None:
            continue
        predicate = "criticizes" if polarity == "oppose" else "supports"
        clauses = {t.i for c in complement.children if c.dep_ in ("relcl", "acl", "appos", "advcl") for t in c.subtree}
        words = " ".join(t.text for t in complement.subtree if not t.is_punct and t.dep_ != "det"
                         and t.i not in clauses
                         and not (objects[0].i <= t.i <= objects[0].right_edge.i and objects[0] in complement.subtree))
        relation = f"{verb.lemma_.lower()} {words}"[:80]
        # "what she called Maduro's illegitimate regime": the complement is what is judged
        judged_phrase = complement if objects[0].lower_ == "what" else objects[0]
        # where the judgement opens: "the decision [as a stab in the back]", "the resolution [politicized]"
        opening = complement.head.i if complement.head.dep_ == "prep" and complement.head.lower_ in ("as", "to") \
            else complement.left_edge.i
        for subject, key, resolved in subject_keys(ctx, verb):
            for obj in judged_objects(judged_phrase, ctx):
                obj = _before(obj, opening, ctx)
                if obj.key != key:
                    yield _triple(ctx, verb, subject, key, obj, predicate, relation, polarity, "judgement",
                                  0.6 if resolved else 0.7)


def judged_objects(phrase: Token, ctx: Context) -> list[Object]:
    """What a judgement is of: the objects of the phrase, but the whole phrase where it names a removal
    ("called Russia's suspension of the treaty a mistake" judges the suspension, not the treaty)."""
    objects = object_records(phrase, ctx)
    if any(obj.polarity_flip for obj in objects):
        span = phrase_span(phrase)
        return [Object(None, span_text(ctx.doc, span), span)]
    return objects


def warning_triples(ctx: Context) -> Iterator[RawTriple]:
    """``X warned that the intervention could drag the West into a war``: X warns against the intervention
    (a verb the table reads as "warn against" whose clause says what something would do)."""
    lex = ctx.lex
    warning = {phrase[0] for phrase, p in lex.verbs.items() if p == "warnsAgainst"}
    for verb in ctx.tokens(ctx.lemmas(warning | lex.speech)):
        warns = lex.verbs.get((verb.lemma_.lower(), "against")) == "warnsAgainst"
        if verb.pos_ != "VERB" or not (warns or verb.lemma_.lower() in lex.speech):
            continue
        for clause in (c for c in verb.children if c.dep_ == "ccomp"):
            if not any(c.dep_ == "aux" and c.tag_ == "MD" for c in clause.children) and not (
                    warns and any(_bad(g, lex) for c in clause.children if c.dep_ in ("dobj", "obj") for g in c.subtree)):
                # "warned that X could/would/might ...": what X may bring about; without a modal, only what is
                # bad already ("warned that the text set a dangerous precedent")
                continue
            subjects = [c for c in clause.children if c.dep_ == "nsubj" and c.pos_ == "NOUN" and not ctx.actors(c)]
            # "warned that using its exports to threaten its neighbours will undermine its standing": a clause
            subjects += [c for c in clause.children if c.dep_ == "csubj" and c.tag_ == "VBG"]
            if not warns:
                # "said the decision could trigger a new wave of tension": a warning in other words, when what
                # may come of the thing is bad
                outcomes = [g for c in clause.children if c.dep_ == "prep" and c.lower_ in ("to", "in", "into")
                            for g in c.children if g.dep_ == "pobj"]
                outcomes += [c for c in clause.children if c.dep_ in ("dobj", "obj")]
                lemma = clause.lemma_.lower()
                harms = lemma in lex.harming and not is_negated(clause) or lemma in lex.remedying and is_negated(clause)
                if not harms and (lemma not in lex.causing or not any(_bad(g, lex) for o in outcomes for g in o.subtree)):
                    continue
                for subject, key, resolved in subject_keys(ctx, verb):
                    for thing in subjects:
                        for obj in _things(thing, ctx):
                            yield _triple(ctx, verb, subject, key, obj, "warnsAgainst",
                                          f"say {thing.lower_} could {clause.lemma_.lower()}", "oppose", "warning", 0.5)
                continue
            if subjects and clause.lemma_.lower() in lex.causing:
                # "warned that the tensions could lead to miscalculation": against what may come of them
                outcomes = [g for c in clause.children if c.dep_ == "prep" and c.lower_ in ("to", "in", "into")
                            for g in c.children if g.dep_ == "pobj"]
                outcomes += [c for c in clause.children if c.dep_ in ("dobj", "obj")]  # "could trigger a war"
                subjects = [o for o in outcomes if not ctx.actors(o)][:1] or subjects
            for subject, key, resolved in subject_keys(ctx, verb):
                for thing in subjects:
                    for obj in _things(thing, ctx):
                        yield _triple(ctx, verb, subject, key, obj, "warnsAgainst", f"warn that {thing.lower_}",
                                      "oppose", "warning", 0.6 if resolved else 0.7)


def _things(thing: Token, ctx: Context) -> list[Object]:
    """What a warning is about: the objects of a noun, or the whole of a clause ("using its exports to ...")."""
    if thing.dep_ == "csubj":
        span = clause_span(thing)
        return [Object(None, span_text(ctx.doc, span), span)]
    return object_records(thing, ctx)


#: How bad a word must be in the general polarity lexicon to make what a thing may bring about a danger ("tension").
OUTCOME_VALENCE = -1.0


def _bad(token: Token, lex) -> bool:
    """Whether a word names something bad: the evaluative list, else the general polarity lexicon."""
    found = lex.evaluative.get(token.lemma_.lower()) or lex.evaluative.get(token.lower_)
    if found:
        return found == "oppose"
    return min(lex.valence.get(token.lower_, 0.0), lex.valence.get(token.lemma_.lower(), 0.0)) <= OUTCOME_VALENCE


def obligation_triples(ctx: Context) -> Iterator[RawTriple]:
    """``X said the Council should respect Y``, ``"The blockades must come down," X said``: X calls for what it
    says should be done (against it, where it says it should not)."""
    lex = ctx.lex
    for verb in ctx.tokens(ctx.lemmas(lex.speech)):
        if verb.pos_ != "VERB":
            continue
        for clause in (c for c in verb.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")):
            if not any(c.dep_ == "aux" and lex.modals.get(c.lower_) == "obligation" for c in clause.children):
                continue
            # "must reaffirm X, withdraw Y and pay Z": one thing called for per verb of the list
            listed = _verb_list(clause)
            doer = [c for c in clause.children if c.dep_ == "nsubj"]
            parts = []
            for part in listed:
                nested = [c for c in part.children if c in listed]
                first = clause.left_edge.i if part is clause else part.left_edge.i
                last = min((t.i for c in nested for t in c.subtree), default=part.right_edge.i + 1)
                parts.append((part, first, last))
            for part, first, last in parts:
                span = trim(ctx.doc, first, member_end(ctx.doc, first, last))
                # what is called for, in the subjunctive: "the Council respect X", "the West interfere"
                dropped = {c.i for c in (*clause.children, *part.children)
                           if (c.dep_ == "aux" and c.tag_ == "MD") or c.dep_ == "neg"}
                words = "".join(t.text_with_ws for t in ctx.doc[span[0]:span[1]] if t.i not in dropped).strip()
                if part is not clause and doer:
                    words = f"{doer[0].text} {words}"  # "Russia withdraw its troops"
                obj = Object(None, words, span, pattern="obligation")
                against = is_negated(clause)
                predicate, polarity = ("opposes", "oppose") if against else ("callsFor", "support")
                relation = f"say {'should not' if against else 'should'} {part.lemma_.lower()}"
                for subject, key, resolved in subject_keys(ctx, verb):
                    yield _triple(ctx, verb, subject, key, obj, predicate, relation, polarity, "obligation",
                                  0.5 if resolved else 0.6)


def _verb_list(verb: Token) -> list[Token]:
    """A verb and the verbs of its form joined to it with no subject or auxiliary of their own, in text order
    ("should respect X and end Y"; not "should respect X and voiced Z", the speaker's own act)."""
    found = [verb]
    for child in verb.children:
        if child.dep_ == "conj" and child.pos_ == "VERB" and child.tag_ == verb.tag_ and not any(
                c.dep_ in ("nsubj", "nsubjpass", "aux") for c in child.children):
            found.extend(_verb_list(child))
    return sorted(found, key=lambda t: t.i)


def wrongdoing_words(clause: Token, lex) -> str | None:
    """The words of a wrongdoing verb phrase the clause's verb heads ("overreact", "break promise"), or of a
    verb of doing harm ("harming the interests of X", harming.txt), else None."""
    lemma = clause.lemma_.lower()
    if (lemma,) in lex.wrongdoing or lemma in lex.harming:
        return lemma
    for child in clause.children:
        if child.dep_ in ("dobj", "obj") and (lemma, child.lemma_.lower()) in lex.wrongdoing:
            return f"{lemma} {child.lemma_.lower()}"
    return None


def wrongdoing_triples(ctx: Context) -> Iterator[RawTriple]:
    """``X said Beijing had overreacted``, ``said the trip had violated the principle``: told by someone else,
    wrongdoing is the speaker's accusation of the one it names (criticism, where it names a thing), never a fact.

    The clause must be reported by a speech verb whose subject is an actor other than the one accused or one
    who speaks for it; a negated clause ("said Russia had not violated it") defends, and gives nothing here.
    """
    lex = ctx.lex
    for clause in ctx.tokens(ctx.lemmas({phrase[0] for phrase in lex.wrongdoing} | lex.harming)):
        if clause.pos_ != "VERB" or is_negated(clause):
            continue
        # "said the US is suppressing firms, undermining exchanges and harming interests": the participles
        # joined to the clause reported are reported too, of its subject
        reported = clause
        for _ in range(4):
            if reported.dep_ in ("conj", "advcl") and reported.head.pos_ in ("VERB", "AUX") and \
                    reported.head is not reported and not any(c.dep_ in ("nsubj", "nsubjpass") for c in reported.children):
                reported = reported.head
            else:
                break
        if reported.dep_ in ("ccomp", "parataxis") and reported.head.lemma_.lower() in lex.speech:
            speech = reported.head
            speakers = subject_keys(ctx, speech)
        elif clause.dep_ == "ROOT" and not subject_keys(ctx, clause):
            # '"The move undermines relations. ...," a spokesman said': a sentence of a longer quotation
            speech = clause
            speakers = [(clause, key, False) for key in ctx.speaker(clause) if ctx.is_actor(key)]
        else:
            continue
        words = wrongdoing_words(clause, lex)
        if words is None:
            continue
        targets = [m for c in reported.children if c.dep_ in ("nsubj", "nsubjpass") for m in conjuncts(c)]
        for subject, key, resolved in speakers:
            for target in targets:
                accused = [k for k in ctx.actors(target) if ctx.is_actor(k)]
                if accused:
                    objects = [Object(k, ctx.state.actors.get(k)["label"], phrase_span(target)) for k in accused]
                    predicate = "accuses"
                elif target.pos_ in ("NOUN", "PROPN"):
                    objects, predicate = object_records(target, ctx), "criticizes"
                else:
                    continue  # an unresolved pronoun: no one to accuse
                for obj in objects:
                    if obj.key == key or (obj.key and ctx.speaks_for(key, obj.key)):
                        continue
                    yield _triple(ctx, speech, subject, key, obj, predicate, f"say {words}", "oppose",
                                  "wrongdoing", 0.5 if resolved else 0.6)


def membership_triples(ctx: Context) -> Iterator[RawTriple]:
    """``Among ASEAN members, Indonesia and Malaysia voted in favour, while Cambodia abstained``: the actors the
    sentence then lists, as subjects of its clauses, are members of the organisation (a title word of the
    ``memberOf`` or ``allyOf`` kind: "members", "allies")."""
    titles = ctx.lex.titles
    for prep in ctx.tokens(ctx.table.where("lower_", ("among",))):
        if prep.dep_ != "prep" or prep.head.pos_ not in ("VERB", "AUX"):
            continue
        for group in (c for c in prep.children if c.dep_ == "pobj"):
            title = titles.get((group.lemma_.lower(),))
            if title is None or title[0] not in ("memberOf", "allyOf"):
                continue
            owners = [k for c in group.children if c.dep_ in ("compound", "poss") for k in ctx.actors(c)
                      if ctx.state.actors.kind(k) not in ("Person", "Document", "Issue", "")]
            if len(owners) != 1:
                continue
            verb = prep.head
            clauses = [verb, *(c for c in verb.children if c.dep_ in ("advcl", "conj") and c.pos_ in ("VERB", "AUX"))]
            members = [m for m in conjuncts(group) if m.i != group.i]
            members += [s for clause in clauses for s in subject_tokens(clause)[0]]
            seen = set()
            for member in members:
                for key in ctx.actors(member):
                    if key in seen or key == owners[0] or ctx.state.actors.kind(key) != "State":
                        continue
                    seen.add(key)
                    yield RawTriple(subject=key, predicate=title[0], relation=title[1], object_key=owners[0],
                                    object_text=ctx.state.actors.get(owners[0])["label"], polarity="none",
                                    sentence=ctx.sentence(prep), confidence=0.7, pattern="membership",
                                    subject_text=member.text)


def _before(obj: Object, end: int, ctx: Context) -> Object:
    """The object phrase cut before the judgement the parser put inside it ("the resolution [as politicized]")."""
    if not obj.span[0] < end < obj.span[1]:
        return obj
    span = trim(ctx.doc, obj.span[0], end)
    if obj.key is not None and ctx.is_actor(obj.key):
        return replace(obj, text=span_text(ctx.doc, span), span=span)  # "held the army [responsible]": the army
    # an issue: what it is, the reader makes of the words that are left
    return Object(None, span_text(ctx.doc, span), span, obj.polarity_flip, obj.relation_suffix, obj.pattern)


def _complement(verb: Token, obj: Token) -> Token | None:
    """What a verb of judging says its object is: "X illegitimate", "X a threat", "X as a provocation"."""
    for child in verb.children:
        if child.i > obj.i and (child.dep_ == "oprd" or (
                child.dep_ in ("acomp", "xcomp", "ccomp", "attr") and child.pos_ in ("ADJ", "NOUN"))):
            return child
        if child.i > obj.i and child.dep_ in ("dobj", "obj") and child.pos_ == "NOUN" and obj.dep_ in ("dobj", "obj"):
            return child  # "branded the move a provocation", parsed as two objects
        if child.i > obj.i and child.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ == "as" for g in child.children):
            return child  # "described the deal as one-sided", parsed as a clause
    for owner in (verb, obj):
        for child in owner.children:
            if child.dep_ == "prep" and child.lower_ in ("as", "to") and child.i > obj.i:
                # "declared the referendum as legally invalid": the adjective hung on "as"
                inner = [g for g in child.children if g.dep_ in ("pobj", "pcomp")
                         or (child.lower_ == "as" and g.pos_ == "ADJ" and g.dep_ in ("amod", "acomp"))]
                if inner:
                    return inner[0]
    for child in obj.children:
        # "described the resolution as politicized": the parser hangs the "as" word on the object
        if child.dep_ in ("amod", "acl") and child.i > obj.i and any(
                g.dep_ == "mark" and g.lower_ == "as" for g in child.children):
            return child
        # "held the army responsible for the violence": an adjective after its noun is what the verb says it is
        if child.dep_ == "amod" and child.pos_ == "ADJ" and child.i > obj.i:
            return child
        # "called the decision shortsighted": a bare participle after the object, parsed as describing it
        if child.dep_ == "acl" and child.tag_ == "VBN" and child.i == obj.i + 1 and not list(child.children):
            return child
    return None


def vote_list_triples(ctx: Context) -> Iterator[RawTriple]:
    """``Voting against were A, B and C``, ``5 against (A, B, C)``: each listed actor voted so on the text
    put to the vote."""
    phrases = ctx.lex.vote_phrases
    doc = ctx.doc
    lists = []
    for copula in ctx.tokens(ctx.table.where("lower_", ("were", "was", "included"))):
        sent = ctx.table.sentence(copula.i)
        words = [t for t in doc[sent.start:copula.i] if not t.is_punct and not t.is_space]
        before = " ".join(t.lower_ for t in words)
        predicate = phrases.get(before) if copula.lower_ != "included" else None
        if predicate is None:
            # "The five countries to vote against it were ...", "Among those abstaining were ...": the subject
            # ends in a vote phrase that opens with the verb of voting
            said = [_VOTING_FORMS.get(t.lemma_.lower(), t.lower_) for t in words]
            predicate = next((phrases[phrase] for k in range(len(said)) if said[k] in _VOTING_FORMS.values()
                              for phrase in (" ".join(said[k:]),) if phrase in phrases), None)
        if predicate is not None:
            lists.append((copula, predicate, copula.i + 1, sent.end))
    for noun in ctx.tokens(ctx.table.where("lower_", tuple(w for w, p in phrases.items() if " " not in w and p == "abstains"))):
        # "adopted by 13 votes, with abstentions from China and Russia"
        for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("from", "by")):
            lists += [(noun, "abstains", g.left_edge.i, g.right_edge.i + 1) for g in prep.children if g.dep_ == "pobj"]
    for bracket in ctx.tokens(ctx.table.where("orth_", ("(",))):
        words = [t.lower_ for t in doc[max(bracket.i - 2, 0):bracket.i]]
        predicate = phrases.get(" ".join(words)) or (phrases.get(words[-1]) if words else None)
        closing = next((t.i for t in doc[bracket.i:min(bracket.i + 80, len(doc))] if t.text == ")"), None)
        if predicate is not None and closing is not None:
            lists.append((bracket, predicate, bracket.i + 1, closing))
    for colon in ctx.tokens(ctx.table.where("orth_", (":",))):
        # "seven countries joined them in voting against: A, B and C"
        words = [t.lower_ for t in doc[max(colon.i - 2, 0):colon.i]]
        predicate = phrases.get(" ".join(words)) or (phrases.get(words[-1]) if words else None)
        if predicate is not None:
            sent = ctx.table.sentence(colon.i)
            end = next((t.i for t in doc[colon.i + 1:sent.end] if t.text in (";", ":")), sent.end)
            lists.append((colon, predicate, colon.i + 1, end))
    for anchor, predicate, start, end in lists:
        objects = vote_object(ctx, anchor)
        if not objects:
            continue
        seen = set()
        copula = anchor
        for token in doc[start:end]:
            for key in ctx.state.head_keys(token.i):
                if key in seen or not ctx.is_actor(key) or ctx.state.actors.kind(key) in ("Person", "Document"):
                    continue
                seen.add(key)
                yield RawTriple(
                    subject=key,
                    predicate=predicate,
                    relation=ctx.lex.predicate_label(predicate),
                    object_key=objects[0].key,
                    object_text=objects[0].text,
                    polarity=ctx.lex.stance(predicate),
                    sentence=ctx.sentence(copula),
                    confidence=0.7,
                    pattern="vote_list",
                    subject_text=token.text,
                    object_span=char_span(ctx.doc, objects[0].span),
                )
