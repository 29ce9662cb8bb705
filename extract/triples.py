"""Subject-predicate-object triples from the dependency parse.

One small generator per pattern, each yielding :class:`RawTriple` records:

- :func:`verb_triples` -- a lexicon verb with its subjects and objects: active
  and passive clauses, phrasal verbs ("call for", "go along with"), conjoined
  subjects and objects expanded, subjects shared by conjoined verbs and taken
  over by infinitives and participles ("agreed to permit", "rejecting ..."),
  wishes with a clause ("want X withdrawn" -> oppose X), nominal removal
  ("demand removal of X" -> oppose X), negation and modality;
- :func:`copular_triples` -- "X is Y's ally", "X is united for Y";
- :func:`event_triples` -- an actor's event noun ("the DPRK's missile test");
- :func:`reciprocal_triples` -- "X and Y spoke" -> X meets with Y;
- :func:`affiliation_triples` -- titles found by the mention finder;
- :func:`evaluation_triples` -- a speaker's judgement ("X would be catastrophic, Y warned").

Subjects must be actors (a mention, or an anaphor resolved to one); objects
are actors or free phrases (issues). Reported speech keeps the speaker.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, fields
from typing import Iterator

from spacy.language import Language
from spacy.tokens import Doc, Token

from .actors import slugify
from .lexicon import Lexicon, load_lexicon
from .state import DocState, TokenTable

__all__ = ["RawTriple", "TripleExtractor", "extract_raw_triples"]

_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_OBJECT_DEPS = ("dobj", "obj")
_CLAUSE_DEPS = ("ccomp", "xcomp")
_INHERIT_DEPS = ("xcomp", "advcl", "conj", "acl", "pcomp")
_SKIP_LEFT = {"DET", "PUNCT", "CCONJ"}
_STOP_LEMMAS = {"be", "have", "do", "the", "a", "an", "its", "their", "his", "her", "this", "these", "that", "those", "such"}
_FLIP = {"support": "oppose", "oppose": "support", "none": "none"}


@dataclass
class RawTriple:
    """A triple as found in the parse: token positions, actor keys and text."""

    subject: str  # actor key
    predicate: str
    relation: str
    object_key: str | None  # actor key when the object is an actor
    object_text: str
    polarity: str
    sentence: tuple[int, int]  # character offsets of the sentence in the parsed text
    negated: bool = False
    modality: str | None = None
    speaker: str | None = None
    confidence: float = 0.9
    pattern: str = "svo"
    subject_text: str = ""
    object_span: tuple[int, int] | None = None  # character offsets of the object phrase
    extra: dict = field(default_factory=dict)


class _Context:
    """What the patterns share for one document."""

    def __init__(self, doc: Doc, lexicon: Lexicon):
        self.doc = doc
        self.lex = lexicon
        self.state = DocState(doc)
        self.table = TokenTable(doc)
        self.verb_heads = {phrase[0] for phrase in lexicon.verbs}
        self._speakers: dict[int, list[str]] = {}
        self._according: list[Token] | None = None

    def sentence(self, token: Token) -> tuple[int, int]:
        """Character offsets of the token's sentence."""
        sent = self.table.sentence(token.i)
        return sent.start_char, sent.end_char

    def tokens(self, indexes) -> Iterator[Token]:
        """The tokens at these indexes, in text order."""
        doc = self.doc
        for i in sorted(indexes):
            yield doc[i]

    def speaker(self, verb: Token) -> list[str]:
        """The actor reporting the verb's clause (see :func:`_speaker`), found once per verb."""
        found = self._speakers.get(verb.i)
        if found is None:
            found = self._speakers[verb.i] = _speaker(verb, self)
        return found

    def according(self) -> list[Token]:
        """The Doc's words "according" (any case)."""
        if self._according is None:
            self._according = [self.doc[i] for i in self.table.where("lower_", ("according",))]
        return self._according

    def lemmas(self, words) -> list[int]:
        """Tokens whose lower-case lemma is one of ``words``."""
        return self.table.where("lemma_", words, lower=True)

    def actors(self, token: Token) -> list[str]:
        return self.state.actor_keys(token.i)

    def is_actor(self, key: str) -> bool:
        return self.state.actors.kind(key) not in ("", "Issue")


# -- phrases ----------------------------------------------------------------------------------


def _conjuncts(token: Token) -> list[Token]:
    """The token and the words conjoined to it ("China and Russia" -> China, Russia)."""
    return [token, *(t for t in token.conjuncts if t.i > token.i)]


def _phrase(token: Token, *, stop_at_conj: bool = True) -> tuple[int, int]:
    """The token range of a token's phrase, cut before conjoined words and trailing clauses."""
    start, end = token.left_edge.i, token.right_edge.i + 1
    if stop_at_conj:
        for child in token.rights:
            if child.dep_ in ("cc", "conj") or (child.dep_ == "punct" and child.text in ",;–—-"):
                end = min(end, child.left_edge.i)
            if child.dep_ in ("relcl", "advcl", "acl") and child.tag_ == "VBG":
                end = min(end, child.left_edge.i)
        for child in token.lefts:
            if child.dep_ in ("cc", "conj") and child.i < token.i:
                start = max(start, child.right_edge.i + 1)
    doc = token.doc
    while start < end - 1 and (doc[start].pos_ in _SKIP_LEFT or doc[start].is_punct):
        start += 1
    while end - 1 > start and (doc[end - 1].is_punct or doc[end - 1].pos_ == "CCONJ"):
        end -= 1
    return start, end


def _text(doc: Doc, span: tuple[int, int]) -> str:
    return doc[span[0] : span[1]].text.strip()


def topic_key(text: str, lemmas: list[str]) -> str:
    """A key for an issue from its content lemmas ("its nuclear programs" -> "nuclear-program")."""
    words = [w for w in lemmas if w and w not in _STOP_LEMMAS]
    return slugify(" ".join(words) or text)


# -- subjects ---------------------------------------------------------------------------------


def _own_subjects(verb: Token) -> list[Token]:
    """Subjects of a verb, also where the parser hung them on its auxiliary."""
    found = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS]
    if not found:
        for aux in verb.children:
            if aux.dep_ in ("aux", "auxpass") and aux.i < verb.i:
                found.extend(c for c in aux.children if c.dep_ in _SUBJECT_DEPS)
    return found


def _agents(verb: Token) -> list[Token]:
    return [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]


def _subject_tokens(verb: Token, depth: int = 0) -> tuple[list[Token], list[Token]]:
    """The subject words of a verb, and the chain of verbs it took them over from.

    A verb without its own subject takes the one of the verb it is conjoined to,
    or of the verb it completes ("agreed to permit", "..., rejecting X").
    """
    if verb.tag_ == "VBN" and _agents(verb):
        return _agents(verb), []
    own = _own_subjects(verb)
    if own:
        subject = own[0]
        if subject.dep_ == "nsubjpass":
            return [], []
        return _conjuncts(subject), []
    if depth > 4 or verb.dep_ not in _INHERIT_DEPS or verb.head is verb:
        return [], []
    if verb.dep_ == "acl" and _has_to(verb) and verb.head.pos_ in ("NOUN", "PROPN"):
        # "using the authority to impose X": who uses the authority imposes X.
        governor = _governing_verb(verb.head)
        if governor is None:
            return [], []
        subjects, chain = _subject_tokens(governor, depth + 1)
        return subjects, [governor, *chain]
    if verb.dep_ in ("xcomp", "advcl", "acl", "pcomp") and not (verb.tag_ in ("VBG", "VB") or _has_to(verb)):
        return [], []
    if verb.dep_ == "xcomp" and any(c.dep_ in _OBJECT_DEPS for c in verb.head.children):
        # "urge X to do Y": the doer is X, not the one who urges.
        return [], []
    subjects, chain = _subject_tokens(verb.head, depth + 1)
    return subjects, [verb.head, *chain]


def _governing_verb(noun: Token) -> Token | None:
    """The verb a noun is the object of, through appositions and compounds."""
    token = noun
    for _ in range(3):
        if token.dep_ in ("appos", "compound", "conj"):
            token = token.head
            continue
        if token.dep_ in ("dobj", "obj") and token.head.pos_ == "VERB":
            return token.head
        return None
    return None


def _has_to(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


# -- negation and modality --------------------------------------------------------------------


def _negated(verb: Token) -> bool:
    for child in verb.children:
        if child.dep_ == "neg":
            return True
        if child.lower_ == "longer" and any(g.lower_ == "no" for g in child.children):
            return True
        if child.dep_ in ("aux", "auxpass") and any(g.dep_ == "neg" for g in child.children):
            return True
    return False


def _modality(verb: Token, chain: list[Token], lex: Lexicon) -> str | None:
    for child in verb.children:
        if child.dep_ == "aux" and child.tag_ == "MD":
            mode = lex.modals.get(child.lemma_.lower()) or lex.modals.get(child.lower_)
            if mode and mode != "future":
                return mode
    for governor in chain:
        mode = lex.modals.get(governor.lemma_.lower())
        if mode and mode != "future":
            return mode
        for child in governor.children:
            if child.dep_ == "aux" and child.tag_ == "MD":
                mode = lex.modals.get(child.lemma_.lower())
                if mode and mode != "future":
                    return mode
    return None


# -- reported speech --------------------------------------------------------------------------


def _speaker(verb: Token, ctx: _Context) -> list[str]:
    """The actor reporting a clause: ``X said (that) ...``, ``according to X``, or a quote's speaker."""
    token = verb
    for _ in range(4):
        if token.dep_ in ("ccomp", "parataxis") and token.head is not token:
            head = token.head
            if head.lemma_.lower() in ctx.lex.speech:
                subjects = _own_subjects(head)
                if subjects:
                    keys = ctx.actors(subjects[0])
                    if keys:
                        return keys
            token = head
        else:
            break
    according = _according_to(verb, ctx)
    if according:
        return according
    for start, end, keys in ctx.state.data.get("quotes", []):
        if start <= verb.i < end and keys:
            return keys
    return []


def _according_to(verb: Token, ctx: _Context) -> list[str]:
    """``according to X`` in the verb's clause (under a main verb, anywhere in its sentence): X."""
    words = ctx.according()
    if not words:
        return []
    if verb.dep_ == "ROOT":
        # what the loop below reads descends from the verb
        if not any(word.i == verb.i or verb.is_ancestor(word) for word in words):
            return []
        candidates = verb.subtree
    else:
        root = ctx.table.sentence(verb.i).root
        if not any(word.head.i == root.i and word.i != root.i for word in words):
            return []
        candidates = root.children
    for child in candidates:
        if child.lower_ == "according" and child.dep_ == "prep":
            for grand in child.subtree:
                if grand.dep_ == "pobj" and ctx.actors(grand):
                    return ctx.actors(grand)
    return []


# -- objects ----------------------------------------------------------------------------------


def _phrasal(verb: Token, lex: Lexicon) -> tuple[tuple[str, ...], Token | None] | None:
    """The longest lexicon phrase this verb starts, and the preposition that carries the object."""
    lemma = verb.lemma_.lower()
    particles = [c for c in verb.children if c.dep_ == "prt" or (c.tag_ == "RP" and c.i == verb.i + 1)]
    preps = [c for c in verb.children if c.dep_ in ("prep", "dative") and c.i > verb.i]
    options: list[tuple[tuple[str, ...], Token | None]] = []
    for prt in particles:
        for prep in preps:
            options.append(((lemma, prt.lower_, prep.lower_), prep))
        options.append(((lemma, prt.lower_), None))
    for prep in preps:
        options.append(((lemma, prep.lower_), prep))
    options.append(((lemma,), None))
    for key, prep in options:
        if key in lex.verbs:
            return key, prep
    return None


def _object_heads(verb: Token, prep: Token | None) -> list[Token]:
    if prep is not None:
        return [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
    objects = [c for c in verb.children if c.dep_ in _OBJECT_DEPS]
    if not objects:
        # A passive clause: what was acted on is the grammatical subject.
        objects = [c for c in verb.children if c.dep_ == "nsubjpass"]
    return objects


@dataclass
class _Object:
    key: str | None
    text: str
    span: tuple[int, int]
    polarity_flip: bool = False
    relation_suffix: str = ""
    pattern: str = ""


def _objects(verb: Token, prep: Token | None, ctx: _Context) -> list[_Object]:
    """What a stance or action verb is about, one record per conjoined object."""
    doc = ctx.doc
    found: list[_Object] = []
    heads = _object_heads(verb, prep)
    if not heads and prep is None:
        return _clause_objects(verb, ctx)
    for head in heads:
        for member in _conjuncts(head):
            found.extend(_object_records(member, ctx))
    # "urge X to do Y": the object is X doing Y.
    xcomps = [c for c in verb.children if c.dep_ == "xcomp"]
    if found and xcomps and len(heads) == 1 and not found[0].polarity_flip:
        start = found[0].span[0]
        end = xcomps[0].right_edge.i + 1
        found = [_Object(None, _text(doc, (start, end)), (start, end), pattern="object_clause")]
    return found


def _object_records(member: Token, ctx: _Context) -> list[_Object]:
    doc = ctx.doc
    lemma = member.lemma_.lower()
    # "demand removal of X": the one who demands opposes X.
    if lemma in ctx.lex.removal and member.pos_ == "NOUN":
        for child in member.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                inner = [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
                records = []
                for target in inner[:1]:
                    for part in _conjuncts(target):
                        for record in _object_records(part, ctx):
                            record.polarity_flip = not record.polarity_flip
                            record.relation_suffix = f"{member.text.lower()} of"
                            record.pattern = "nominal_removal"
                            records.append(record)
                if records:
                    return records
    keys = [k for k in ctx.actors(member) if ctx.is_actor(k)]
    span = _phrase(member)
    if member.lower_ == "ones" and not keys:
        antecedent = _ones_antecedent(member)
        if antecedent is not None:
            span = antecedent
    if member.pos_ == "PRON" and not keys:
        antecedent = ctx.state.data.get("antecedents", {}).get(str(member.i))
        if antecedent:
            span = tuple(antecedent)
        elif member.lower_ in ("it", "them", "this", "that", "which", "what"):
            return []
    if keys and ctx.state.span_of(member.i) and len(keys) == 1:
        return [_Object(keys[0], _text(doc, span), span)]
    if keys and member.pos_ == "PRON":
        return [_Object(k, ctx.state.actors.get(k)["label"], span) for k in keys]
    return [_Object(None, _text(doc, span), span)]


_PLACEHOLDERS = {"ones", "others", "those", "these", "them"}


def _ones_antecedent(token: Token) -> tuple[int, int] | None:
    """``existing ones``: the nearest plural noun before, with its compounds ("missile installations")."""
    doc = token.doc
    first = doc[token.sent.start].sent.start
    previous = doc[max(first - 1, 0)].sent.start if first > 0 else 0
    for i in range(token.i - 1, previous - 1, -1):
        noun = doc[i]
        if noun.tag_ == "NNS" and noun.pos_ == "NOUN" and noun.lower_ not in _PLACEHOLDERS:
            start = noun.i
            while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head.i >= start:
                start -= 1
            return start, noun.i + 1
    return None


def _clause_objects(verb: Token, ctx: _Context) -> list[_Object]:
    """A wish with a clause: "want X withdrawn" (oppose X), "want tensions defused" (support)."""
    if verb.lemma_.lower() not in ctx.lex.complements:
        return []
    doc = ctx.doc
    for clause in verb.children:
        if clause.dep_ not in _CLAUSE_DEPS or clause.i < verb.i:
            continue
        subjects = [c for c in clause.children if c.dep_ in _SUBJECT_DEPS]
        # "want X withdrawn": the parser may tag the participle as a past tense; after a wish it is not one.
        if clause.lemma_.lower() in ctx.lex.removal and clause.tag_ in ("VBN", "VBD") and subjects:
            records = []
            for member in _conjuncts(subjects[0]):
                for record in _object_records(member, ctx):
                    record.polarity_flip = True
                    record.relation_suffix = clause.text.lower()
                    record.pattern = "wish_removal"
                    records.append(record)
            return records
        if subjects or clause.dep_ == "ccomp":
            start = clause.left_edge.i
            end = clause.right_edge.i + 1
            for token in doc[clause.i : end]:
                if token.text in ("–", "—", ";", ":", "--") or (token.text == "-" and token.whitespace_):
                    end = token.i
                    break
            for child in clause.rights:
                # ", undermining X": a participle clause after a comma comments on the wish, it is not wished.
                if child.dep_ in ("advcl", "conj") and child.tag_ == "VBG" and child.i > 0 and doc[child.i - 1].text == ",":
                    end = min(end, child.i - 1)
            span = _trim(doc, start, end)
            return [_Object(None, _text(doc, span), span, pattern="wish_clause")]
    return []


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while start < end - 1 and (doc[start].is_punct or doc[start].lower_ in ("that",)):
        start += 1
    while end - 1 > start and doc[end - 1].is_punct:
        end -= 1
    return start, end


# -- patterns ---------------------------------------------------------------------------------


def verb_triples(ctx: _Context) -> Iterator[RawTriple]:
    """Triples from lexicon verbs, with everything a clause can add to them."""
    lex = ctx.lex
    # only a word whose lemma starts a lexicon phrase can carry one (see _phrasal)
    for verb in ctx.tokens(ctx.lemmas(ctx.verb_heads)):
        if verb.pos_ not in ("VERB", "AUX") and not (verb.pos_ == "ADJ" and verb.tag_ == "VBN"):
            # the parser sometimes tags a verb of a headline-like clause as a modifier
            if not (verb.dep_ == "amod" and verb.tag_ in ("VBD", "VBN") and _phrasal(verb, lex)):
                continue
        found = _phrasal(verb, lex)
        if found is None:
            continue
        phrase, prep = found
        predicate = lex.verbs[phrase]
        subjects, chain = _subject_tokens(verb)
        objects = _objects(verb, prep, ctx)
        if not objects:
            continue
        issuer_token = None
        if not subjects and not any(c.dep_ == "nsubjpass" for c in verb.children):
            issuer_token = _issuer_of(objects, ctx)
        if not subjects and issuer_token is None:
            continue
        negated = _negated(verb)
        governors = [g for g in chain if g.dep_ != "conj" and g.lemma_.lower() in ctx.verb_heads]
        base = lex.stance(predicate)
        relation_words = [*(_governor_words(g, lex) for g in reversed(governors)), " ".join(phrase)]
        flip_by_governor = sum(1 for g in governors if lex.stance(lex.verbs.get((g.lemma_.lower(),), "")) == "oppose") % 2 == 1
        modality = _modality(verb, chain, lex)
        speaker = ctx.speaker(verb)
        for subject in subjects or [issuer_token]:
            if subject is issuer_token:
                subject_keys = [ctx.state.data["issuers"][objects[0].key]]
                resolved = True
            else:
                subject_keys = [k for k in ctx.actors(subject) if ctx.is_actor(k)]
                resolved = bool(subject_keys) and not ctx.state.head_keys(subject.i)
            for key in subject_keys:
                for obj in objects:
                    if obj.key == key:
                        continue
                    polarity = base
                    if obj.polarity_flip:
                        polarity = "oppose" if base in ("support", "none") else "support"
                    if flip_by_governor:
                        polarity = _FLIP[polarity]
                    if negated:
                        polarity = _FLIP[polarity]
                    relation = " ".join(relation_words)
                    if obj.relation_suffix:
                        relation = f"{relation} {obj.relation_suffix}"
                    if negated:
                        relation = f"not {relation}"
                    confidence = 0.9 if not resolved else 0.75
                    if chain:
                        confidence -= 0.1
                    yield RawTriple(
                        subject=key,
                        predicate=predicate,
                        relation=relation,
                        object_key=obj.key,
                        object_text=obj.text,
                        polarity=polarity,
                        sentence=ctx.sentence(verb),
                        negated=negated,
                        modality=modality,
                        speaker=_other_speaker(speaker, key),
                        confidence=round(confidence, 2),
                        pattern=obj.pattern or ("issuer" if subject is issuer_token else "svo_coref" if resolved else "svo"),
                        subject_text=subject.text,
                        object_span=_char_span(ctx.doc, obj.span),
                    )


def _issuer_of(objects: list[_Object], ctx: _Context) -> Token | None:
    """A resolution acted on with no subject named ("passed SC Res. 2371"): its issuing body acts."""
    issuers = ctx.state.data.get("issuers", {})
    if len(objects) == 1 and objects[0].key and issuers.get(objects[0].key):
        return ctx.doc[objects[0].span[0]]
    return None


def _governor_words(governor: Token, lex: Lexicon) -> str:
    prep = [c.lower_ for c in governor.children if c.dep_ in ("prep", "prt") and (governor.lemma_.lower(), c.lower_) in lex.verbs]
    words = [governor.lemma_.lower(), *prep[:1]]
    if not prep and any(c.dep_ == "aux" and c.lower_ == "to" for c in governor.head.children if c.head is governor):
        words.append("to")
    return " ".join(words) if prep else f"{governor.lemma_.lower()} to"


def copular_triples(ctx: _Context) -> Iterator[RawTriple]:
    """``X is Y's ally`` (affiliation) and ``X is united for Y`` (stance)."""
    table = ctx.table
    copulas = ("be", "remain", "stand", "become")
    # the tokens either branch below can use
    candidates = {*table.where("lemma_", copulas), *table.where("tag_", ("VBN",)),
                  *table.where("pos_", ("ADJ",))}
    for verb in ctx.tokens(candidates):
        if verb.lemma_ in copulas:
            subjects = [c for c in verb.children if c.dep_ == "nsubj"]
            if not subjects:
                continue
            for child in verb.children:
                if child.dep_ == "attr" and child.pos_ in ("NOUN", "PROPN"):
                    yield from _affiliation_attr(ctx, verb, subjects[0], child)
                elif child.dep_ == "prep":
                    yield from _stance_phrase(ctx, verb, subjects[0], None, child)
                elif child.dep_ == "acomp":
                    for prep in (c for c in child.children if c.dep_ == "prep"):
                        yield from _stance_phrase(ctx, verb, subjects[0], child, prep)
        elif verb.tag_ == "VBN" or verb.pos_ == "ADJ":
            # "X are united for Y" parsed as a passive: the participle carries the preposition.
            subjects = _own_subjects(verb)
            if subjects:
                for prep in (c for c in verb.children if c.dep_ == "prep"):
                    yield from _stance_phrase(ctx, verb, subjects[0], verb, prep)


def _affiliation_attr(ctx: _Context, verb: Token, subject: Token, noun: Token) -> Iterator[RawTriple]:
    title = ctx.lex.titles.get((noun.lemma_.lower(),))
    if title is None:
        return
    owners = [c for c in noun.children if c.dep_ in ("poss", "compound", "nmod")]
    owners += [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    for owner in owners:
        for target in [k for k in ctx.actors(owner) if ctx.is_actor(k)]:
            label = ctx.state.actors.get(target)["label"]
            yield from _for_subjects(ctx, subject, verb, title[0], title[1], target, label, None, "copular_affiliation")


def _stance_phrase(ctx: _Context, verb: Token, subject: Token, adjective: Token | None, prep: Token) -> Iterator[RawTriple]:
    lex = ctx.lex
    if adjective is None:
        entry = lex.adjectives.get((prep.lower_,))
    else:
        entry = lex.adjectives.get((adjective.lower_, prep.lower_)) or lex.adjectives.get((adjective.lemma_.lower(), prep.lower_))
    if entry is None:
        return
    for target in [g for g in prep.children if g.dep_ in ("pobj", "pcomp")]:
        for member in _conjuncts(target):
            for obj in _object_records(member, ctx):
                yield from _for_subjects(ctx, subject, verb, entry[0], entry[1], obj.key, obj.text, obj.span, "copular_stance")


def _for_subjects(ctx, subject, verb, predicate, relation, object_key, object_text, object_span, pattern):
    negated = _negated(verb)
    polarity = ctx.lex.stance(predicate)
    if negated:
        polarity = _FLIP[polarity]
    for member in _conjuncts(subject):
        for key in [k for k in ctx.actors(member) if ctx.is_actor(k)]:
            if key == object_key:
                continue
            yield RawTriple(
                subject=key,
                predicate=predicate,
                relation=("not " if negated else "") + relation,
                object_key=object_key,
                object_text=object_text,
                polarity=polarity,
                sentence=ctx.sentence(verb),
                negated=negated,
                speaker=_other_speaker(ctx.speaker(verb), key),
                confidence=0.8,
                pattern=pattern,
                subject_text=member.text,
                object_span=_char_span(ctx.doc, object_span) if object_span else None,
            )


def event_triples(ctx: _Context) -> Iterator[RawTriple]:
    """An actor's event noun: ``the DPRK's ballistic missile test`` -> North Korea tests ballistic missile."""
    doc = ctx.doc
    for noun in ctx.tokens(ctx.lemmas(ctx.lex.events)):
        if noun.pos_ != "NOUN":
            continue
        predicate, relation = ctx.lex.events[noun.lemma_.lower()]
        owners = [c for c in noun.children if c.dep_ == "poss" and ctx.actors(c)]
        if not owners:
            continue
        modifiers = [c for c in noun.lefts if c.dep_ in ("compound", "amod") and not ctx.actors(c)]
        if modifiers:
            span = (min(m.left_edge.i for m in modifiers), noun.i)
        else:
            targets = [g for c in noun.children if c.dep_ == "prep" and c.lower_ in ("for", "of", "on", "against", "to") for g in c.children if g.dep_ == "pobj"]
            if not targets:
                continue
            span = _phrase(targets[0])
        text = _text(doc, span)
        for key in [k for k in ctx.actors(owners[0]) if ctx.is_actor(k)]:
            yield RawTriple(
                subject=key,
                predicate=predicate,
                relation=relation,
                object_key=None,
                object_text=text,
                polarity=ctx.lex.stance(predicate),
                sentence=ctx.sentence(noun),
                confidence=0.7,
                pattern="event_noun",
                subject_text=owners[0].text,
                object_span=_char_span(doc, span),
            )


def reciprocal_triples(ctx: _Context) -> Iterator[RawTriple]:
    """``X and Y met`` (no object): X meets with Y."""
    with_verbs = {phrase[0] for phrase in ctx.lex.verbs if phrase[1:] == ("with",)}
    for verb in ctx.tokens(ctx.lemmas(with_verbs)):
        if verb.pos_ != "VERB":
            continue
        predicate = ctx.lex.verbs.get((verb.lemma_.lower(), "with"))
        if predicate is None or any(c.dep_ in _OBJECT_DEPS for c in verb.children):
            continue
        if any(c.dep_ == "prep" and c.lower_ == "with" for c in verb.children):
            continue
        subjects = _own_subjects(verb)
        if not subjects:
            continue
        members = _conjuncts(subjects[0])
        keys = [(m, k) for m in members for k in ctx.actors(m) if ctx.is_actor(k)]
        if len(keys) < 2:
            continue
        (first_token, first), others = keys[0], keys[1:]
        for token, other in others:
            if other == first:
                continue
            yield RawTriple(
                subject=first,
                predicate=predicate,
                relation=f"{verb.lemma_.lower()} with",
                object_key=other,
                object_text=token.text if not ctx.state.span_of(token.i) else _text(ctx.doc, ctx.state.span_of(token.i)),
                polarity=ctx.lex.stance(predicate),
                sentence=ctx.sentence(verb),
                negated=_negated(verb),
                confidence=0.8,
                pattern="reciprocal",
                subject_text=first_token.text,
            )


def affiliation_triples(ctx: _Context) -> Iterator[RawTriple]:
    """Titles beside a name: ``China's UN envoy Liu Jieyi`` -> Liu Jieyi envoy of China."""
    seen = set()
    for person, predicate, relation, actor, i in ctx.state.affiliations:
        token = ctx.doc[i]
        sentence = ctx.sentence(token)
        if (person, predicate, actor, sentence) in seen:
            continue
        seen.add((person, predicate, actor, sentence))
        yield RawTriple(
            subject=person,
            predicate=predicate,
            relation=relation,
            object_key=actor,
            object_text=ctx.state.actors.get(actor)["label"],
            polarity="none",
            sentence=sentence,
            confidence=0.9,
            pattern="title",
            subject_text=token.text,
        )


def evaluation_triples(ctx: _Context) -> Iterator[RawTriple]:
    """A speaker's judgement in a copular clause.

    ``"Attacking X would be catastrophic," Y warned`` -> Y opposes attacking X;
    ``"Another destabilizing factor is X"`` (quoted from Y) -> Y opposes X.
    Without a speaker the judgement is the author's and gives no triple.
    """
    lex = ctx.lex
    for verb in ctx.tokens(ctx.table.where("lemma_", ("be", "remain", "become"))):
        speaker = ctx.speaker(verb)
        if not speaker:
            continue
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
        complements = [c for c in verb.children if c.dep_ in ("acomp", "attr")]
        if not subjects or not complements:
            continue
        subject, complement = subjects[0], complements[0]
        judged = _judgement(complement, lex)
        target = subject
        if judged is None:
            judged = _judgement(subject, lex)
            target = complement
        if judged is None or target.pos_ == "PRON":
            continue
        predicate = "criticizes" if judged == "oppose" else "supports"
        for obj in _object_records(target, ctx) if target.dep_ != "csubj" else [_Object(None, _text(ctx.doc, _clause_span(target)), _clause_span(target))]:
            for key in speaker:
                if key == obj.key:
                    continue
                yield RawTriple(
                    subject=key,
                    predicate=predicate,
                    relation="judge " + ("harmful" if judged == "oppose" else "helpful"),
                    object_key=obj.key,
                    object_text=obj.text,
                    polarity=judged,
                    sentence=ctx.sentence(verb),
                    negated=_negated(verb),
                    modality=_modality(verb, [], lex),
                    confidence=0.6,
                    pattern="evaluation",
                    subject_text=ctx.state.actors.get(key)["label"],
                    object_span=_char_span(ctx.doc, obj.span),
                )


def _judgement(token: Token, lex: Lexicon) -> str | None:
    found = lex.evaluative.get(token.lemma_.lower()) or lex.evaluative.get(token.lower_)
    if found is None:
        for child in token.children:
            if child.dep_ == "amod":
                found = lex.evaluative.get(child.lemma_.lower()) or lex.evaluative.get(child.lower_)
                if found:
                    break
    return found


def _clause_span(token: Token) -> tuple[int, int]:
    return _trim(token.doc, token.left_edge.i, token.right_edge.i + 1)


PATTERNS = (verb_triples, copular_triples, event_triples, reciprocal_triples, affiliation_triples, evaluation_triples)


def _other_speaker(speaker: list[str], subject: str) -> str | None:
    others = [k for k in speaker if k != subject]
    return others[0] if others else None


def _char_span(doc: Doc, span: tuple[int, int] | None) -> tuple[int, int] | None:
    if span is None or span[1] <= span[0]:
        return None
    return doc[span[0]].idx, doc[span[1] - 1].idx + len(doc[span[1] - 1].text)


def extract_raw_triples(doc: Doc, lexicon: Lexicon | None = None) -> list[RawTriple]:
    """Run every pattern over a parsed Doc whose mentions and coreference are done."""
    ctx = _Context(doc, lexicon or load_lexicon())
    found: list[RawTriple] = []
    keys = set()
    for pattern in PATTERNS:
        for triple in pattern(ctx):
            key = (triple.subject, triple.predicate, triple.object_key, triple.object_text, triple.sentence, triple.polarity)
            if key not in keys:
                keys.add(key)
                found.append(triple)
    return found


class TripleExtractor:
    """The ``newskg_triples`` pipeline component: writes the triples into the Doc's state."""

    def __init__(self, nlp: Language, name: str, *, lexicon: Lexicon | None = None):
        self.name = name
        self.lexicon = lexicon or load_lexicon()

    def __call__(self, doc: Doc) -> Doc:
        state = DocState(doc)
        state.data["triples"] = [_plain(t) for t in extract_raw_triples(doc, self.lexicon)]
        return doc


_FIELDS = tuple(f.name for f in fields(RawTriple))


def _plain(triple: RawTriple) -> dict:
    """The triple as plain data (``dataclasses.asdict``, without its deep copy of strings and numbers)."""
    record = {name: getattr(triple, name) for name in _FIELDS}
    record["extra"] = copy.deepcopy(triple.extra) if triple.extra else {}
    record["sentence"] = list(triple.sentence)
    record["object_span"] = list(triple.object_span) if triple.object_span else None
    return record


@Language.factory("newskg_triples")
def make_triple_extractor(nlp: Language, name: str) -> TripleExtractor:
    """Extract subject-predicate-object triples (see :mod:`newskg.extract.triples`)."""
    return TripleExtractor(nlp, name)
