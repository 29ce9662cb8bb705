"""Canonical topics: merge the surface variants of an issue and file them under a topic family.

An issue phrase ("counterproductive tougher sanctions", "THAAD missile system
installations") keeps its own node; its *canonical topic* is what the phrase
is about once wording that does not change the subject matter is dropped:

1. an acronym in the phrase that names no actor ("THAAD ...") is the topic,
   and so is a phrase that holds all content words of an acronym's expansion
   defined in the same text ("Terminal High Altitude Area Defense (THAAD)",
   "the THAAD -- the US anti-missile defense elements");
2. otherwise the head noun's lemma with its *key modifiers*: noun compounds
   and relational adjectives ("nuclear", "ballistic", "military": adjectives
   formed with -al, -ic, -ar, -ary), never evaluative or degree words
   ("tougher", "new", "counterproductive"), numbers, possessors, actors or
   prepositional phrases;
3. a clause ("X withdrawn", "denuclearizing the peninsula") is its verb's
   lemma with the canonical topic of its argument, so that wanting THAAD
   withdrawn is not read as a position on THAAD itself.

A canonical topic belongs to the first *family* of ``data/topics.tsv``
(sanctions, missile defence, nuclear programmes, talks, war, ...) whose
trigger lemmas it holds.

>>> from newskg.extract.parse import load_nlp  # doctest: +SKIP
>>> doc = load_nlp()("Russia opposes tougher sanctions.")  # doctest: +SKIP
>>> [(t.key, t.label) for t in canonical_topics(doc, (16, 32))]  # doctest: +SKIP
[('sanction', 'sanction'), ('sanctions-and-embargoes', 'sanctions and embargoes')]

Without a parse, :func:`family_of` files lemmas under a family:

>>> family_of(["nuclear", "ballistic", "missile", "program"]).key
'nuclear-and-missile-programmes'
>>> family_of(["sanction"]).label
'sanctions and embargoes'
>>> family_of(["weather"]) is None
True
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from .actors import slugify
from .lexicon import read_table, read_words
from .records import Actor
from .state import DocState, TokenTable

__all__ = [
    "Family",
    "TopicContext",
    "acronym_expansions",
    "canonical_topics",
    "family_of",
    "is_relational_adjective",
    "load_families",
    "topic_context",
]

_RELATIONAL_SUFFIXES = ("al", "ic", "ar", "ary", "ian", "ist")
_KEY_DEPS = {"compound", "amod", "nmod", "conj"}
_ARG_DEPS = ("dobj", "obj", "nsubjpass", "nsubj", "attr", "pobj")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]{1,9}$")
_USER_DATA = "newskg.acronyms"
_ACTOR_DATA = "newskg.actor_tokens"
_QUANTITY_ENTS = ("MONEY", "CARDINAL", "QUANTITY", "PERCENT")


@dataclass(frozen=True)
class Family:
    """A broad issue of ``data/topics.tsv`` and the lemma sets that file a topic under it."""

    key: str
    label: str
    triggers: tuple[frozenset[str], ...]

    def actor(self) -> Actor:
        """The family as an issue record."""
        return Actor(key=self.key, label=self.label, kind="Issue", names=(self.label,))


@dataclass(frozen=True)
class TopicContext:
    """What every topic of one Doc reads: the tokens inside actor mentions, the acronyms the text
    defines, where the word "of" stands (in text order) and, when at hand, the Doc's text."""

    actors: set[int]
    expansions: dict[str, frozenset[str]]
    ofs: tuple[int, ...] = ()
    text: str | None = None


def topic_context(doc: Doc, table: TokenTable | None = None) -> TopicContext:
    """The per-Doc context of :func:`canonical_topics`, to compute once when a Doc has many issue phrases.

    ``table`` is the Doc's :class:`~newskg.extract.state.TokenTable`, when the caller has one; the
    text it builds then gives the phrases' surface forms.
    """
    text = table.text() if table is not None else None
    table = table or TokenTable(doc)
    ofs = tuple(table.where("lower_", ("of",)))
    return TopicContext(_actor_tokens(doc, table), acronym_expansions(doc, table=table), ofs, text)


@lru_cache(maxsize=4096)
def _words(phrase: str) -> frozenset[str]:
    return frozenset(w for w in re.split(r"[\s\-/]+", phrase.lower()) if w)


@lru_cache(maxsize=1)
def load_families() -> tuple[Family, ...]:
    """The families of ``data/topics.tsv`` in file order."""
    families = []
    for row in read_table("topics.tsv", header=True):
        if len(row) < 3:
            continue
        triggers = tuple(dict.fromkeys(_words(t) for t in row[2].split(";") if t.strip()))
        families.append(Family(key=row[0], label=row[1], triggers=triggers))
    return tuple(families)


def family_of(lemmas, head: str | None = None) -> Family | None:
    """The family of a topic with these content lemmas (``head`` is its head lemma, default the last).

    A family whose matching trigger contains the head wins over one that
    matches modifiers only; among equals the file order decides.
    """
    words = {w for lemma in lemmas for w in _words(lemma)}
    if not words:
        return None
    head = head if head is not None else list(lemmas)[-1].lower()
    fallback = None
    for family in load_families():
        for trigger in family.triggers:
            if trigger <= words:
                if head in trigger:
                    return family
                fallback = fallback or family
    return fallback


def is_relational_adjective(token: Token) -> bool:
    """Adjectives that classify rather than judge: "nuclear", "ballistic", "military", "regional".

    Comparatives and superlatives ("tougher", "toughest") never are.
    """
    if token.tag_ in ("JJR", "JJS") or token.pos_ != "ADJ":
        return False
    return token.lemma_.lower().endswith(_RELATIONAL_SUFFIXES)


def _actor_tokens(doc: Doc, table: TokenTable | None = None) -> set[int]:
    """Token indexes inside actor mentions (and nationality adjectives), computed once per Doc."""
    cached = doc.user_data.get(_ACTOR_DATA)
    if cached is not None:
        return set(cached)
    state = DocState(doc)
    found: set[int] = set()
    for index, span in state.data.get("spans", {}).items():
        found.update(range(span[0], span[1]))
        found.add(int(index))
    found.update(int(i) for i in state.data.get("heads", {}))
    found.update((table or TokenTable(doc)).where("ent_type_", ("NORP", "GPE")))
    doc.user_data[_ACTOR_DATA] = sorted(found)
    return found


def _is_acronym(token: Token, actors: set[int]) -> bool:
    return bool(_ACRONYM.match(token.text)) and token.i not in actors and token.ent_type_ not in ("GPE", "NORP", "DATE")


def _content(tokens, actors: set[int]) -> list[Token]:
    return [t for t in tokens if t.is_alpha and not t.is_stop and t.i not in actors and t.pos_ in ("NOUN", "PROPN", "ADJ", "VERB")]


def acronym_expansions(doc: Doc, *, table: TokenTable | None = None) -> dict[str, frozenset[str]]:
    """Acronyms the text defines, with the content lemmas of their expansion.

    Two forms are read: "Long Name (ACR)" / "ACR (Long Name)", where the
    initials of the capitalised words spell the acronym, and an apposition
    after a dash, "the ACR -- the long name". Computed once per Doc.
    """
    cached = doc.user_data.get(_USER_DATA)
    if cached is not None:
        return {k: frozenset(v) for k, v in cached.items()}
    table = table or TokenTable(doc)
    actors = _actor_tokens(doc, table)
    found: dict[str, frozenset[str]] = {}
    chunks: dict[int, int] = {}  # start -> end of the noun chunks, read once and only if a dash needs them
    for i in table.matching("orth_", _ACRONYM):
        token = doc[i]
        if not _is_acronym(token, actors):
            continue
        expansion = _parenthesised(token) or _dashed(token, chunks)
        if expansion:
            lemmas = frozenset(t.lemma_.lower() for t in _content(expansion, actors) if not _ACRONYM.match(t.text))
            if lemmas:
                found.setdefault(token.text, lemmas)
    doc.user_data[_USER_DATA] = {k: sorted(v) for k, v in found.items()}
    return found


def _initials_match(words: list[Token], acronym: str) -> bool:
    initials = "".join(t.text[0] for t in words if t.text[:1].isupper())
    return initials.upper() == acronym or initials.upper().endswith(acronym)


def _parenthesised(token: Token) -> list[Token] | None:
    doc = token.doc
    # "Long Name (ACR)": the capitalised words right before the bracket.
    if token.i >= 2 and doc[token.i - 1].text == "(" and token.i + 1 < len(doc) and doc[token.i + 1].text == ")":
        words: list[Token] = []
        j = token.i - 2
        while j >= 0 and (doc[j].text[:1].isupper() or doc[j].lower_ in ("of", "and", "for", "-")) and len(words) < 12:
            words.insert(0, doc[j])
            j -= 1
        while words and not words[0].text[:1].isupper():
            words.pop(0)
        capitals = [t for t in words if t.text[:1].isupper()]
        if capitals and _initials_match(capitals[-len(token.text):], token.text):
            return capitals[-len(token.text):]
    # "ACR (Long Name)".
    if token.i + 2 < len(doc) and doc[token.i + 1].text == "(":
        words = []
        for t in doc[token.i + 2 : token.i + 14]:
            if t.text == ")":
                capitals = [w for w in words if w.text[:1].isupper()]
                return capitals if capitals and _initials_match(capitals, token.text) else None
            words.append(t)
    return None


def _dashed(token: Token, chunks: dict[int, int]) -> list[Token] | None:
    """``ACR -- the long name``: the noun chunk right after a dash (``chunks``: filled on first use)."""
    doc = token.doc
    nxt = token.i + 1
    if nxt >= len(doc) or doc[nxt].text not in ("–", "—", "--", "-") or not doc[nxt].whitespace_:
        return None
    if not chunks:
        iterator = doc.noun_chunks_iterator
        spans = ((c.start, c.end) for c in doc.noun_chunks) if iterator is None else (
            (start, end) for start, end, _label in iterator(doc))
        for start, end in spans:
            chunks.setdefault(start, end)
        chunks.setdefault(-1, -1)  # read: a Doc without noun chunks is not read again
    end = chunks.get(nxt + 1)
    return list(doc[nxt + 1 : end]) if end is not None else None


def _phrase(doc: Doc, span: tuple[int, int] | list[int] | None) -> Span | None:
    if not span:
        return None
    return doc.char_span(span[0], span[1], alignment_mode="expand")


def _head(piece: Span) -> Token:
    root = piece.root
    if root.pos_ in ("NOUN", "PROPN", "VERB"):
        return root
    nouns = [t for t in piece if t.pos_ in ("NOUN", "PROPN")]
    return nouns[-1] if nouns else root


def _modifiers(head: Token, piece: Span, actors: set[int]) -> list[Token]:
    """Key modifiers left of the head inside the phrase, in text order."""
    keep: list[Token] = []

    def visit(token: Token) -> None:
        for child in token.lefts:
            if child.i < piece.start or child.i in actors or child.dep_ in ("poss", "det", "nummod", "predet"):
                continue
            if child.dep_ not in _KEY_DEPS and not (child.pos_ == "ADJ" and child.dep_ == "amod"):
                continue
            hyphened = child.i + 1 < len(child.doc) and child.doc[child.i + 1].text == "-" and not child.whitespace_
            if child.pos_ in ("NOUN", "PROPN") or is_relational_adjective(child) or hyphened:
                keep.append(child)
                visit(child)
            elif child.pos_ == "ADJ":
                visit(child)  # "nuclear and ballistic": keep relational conjuncts of a dropped word

    visit(head)
    for token in list(keep):
        for conj in token.rights:
            if conj.dep_ == "conj" and conj.i < head.i and conj.i not in actors and (
                conj.pos_ in ("NOUN", "PROPN") or is_relational_adjective(conj)
            ):
                keep.append(conj)
    return sorted(set(keep), key=lambda t: t.i)


def _word(token: Token) -> str:
    return token.text if token.pos_ == "PROPN" or _ACRONYM.match(token.text) else token.lemma_.lower()


def _argument(verb: Token, piece: Span) -> Token | None:
    for dep in _ARG_DEPS:
        for child in verb.children:
            if child.dep_ == dep and piece.start <= child.i < piece.end and child.pos_ in ("NOUN", "PROPN"):
                return child
        for child in verb.children:  # "call for X": the object of the verb's preposition
            if child.dep_ == "prep":
                for grand in child.children:
                    if grand.dep_ == dep and piece.start <= grand.i < piece.end and grand.pos_ in ("NOUN", "PROPN"):
                        return grand
    return None


def _acronym_in(tokens, actors: set[int], expansions: dict[str, frozenset[str]]) -> str | None:
    for token in tokens:
        if _is_acronym(token, actors):
            return token.text
    lemmas = {t.lemma_.lower() for t in tokens}
    for acronym, expansion in sorted(expansions.items()):
        if expansion <= lemmas:
            return acronym
    return None


def _quantity(token: Token) -> bool:
    return token.like_num or token.ent_type_ in _QUANTITY_ENTS


def _of_object(head: Token, piece: Span, context: TopicContext) -> Token | None:
    """The first "of" complement in the head's phrase that is neither an actor nor a quantity."""
    start, end = piece.start, piece.end
    first = bisect_left(context.ofs, start)
    if first == len(context.ofs) or context.ofs[first] >= end:
        return None  # no "of" in the phrase
    actors = context.actors
    for token in head.subtree:
        if not (start <= token.i < end) or token.lower_ != "of" or token.dep_ != "prep":
            continue
        # the head's own "of", or one the parser hung on a place name inside the phrase
        if token.head == head or (token.head.i in actors and token.head.head.head == head):
            for pobj in token.children:
                if pobj.dep_ == "pobj" and pobj.i < end and pobj.i not in actors:
                    if _quantity(pobj):
                        return _of_object(pobj, piece, context) or None
                    return pobj
    return None


@lru_cache(maxsize=1)
def _open_heads() -> frozenset[str]:
    return read_words("topic_open_heads.txt")


def _complement(head: Token, piece: Span, context: TopicContext, depth: int) -> tuple[list[str], list[str]] | None:
    """What an open head (``data/topic_open_heads.txt``) is about inside its phrase: the object of a preposition
    after it ("resolution on the arms embargo") or the clause that modifies it ("action condemning the annexation",
    "ways to reduce tensions"), as (key words, lemmas)."""
    start, end = piece.start, piece.end
    for child in head.rights:
        if not start <= child.i < end:
            continue
        if child.dep_ == "prep" and child.lower_ != "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.i < end and pobj.i not in context.actors and not _quantity(pobj):
                    words, lemmas, _ = _noun_topic(pobj, piece, context, depth + 1)
                    return words, lemmas
        if child.dep_ in ("acl", "relcl") and child.pos_ == "VERB":
            argument = _argument(child, piece)
            words, lemmas = ([], []) if argument is None else _noun_topic(argument, piece, context, depth + 1)[:2]
            return [child.lemma_.lower(), *words], [child.lemma_.lower(), *lemmas]
    return None


def _noun_topic(head: Token, piece: Span, context: TopicContext, depth: int = 0) -> tuple[list[str], list[str], str]:
    """(key words, lemmas for the family, head lemma) of a noun phrase."""
    actors, expansions = context.actors, context.expansions
    if _quantity(head) and depth < 3:  # "billions of dollars of weapons": what is counted
        inner = _of_object(head, piece, context)
        if inner is not None:
            return _noun_topic(inner, piece, context, depth + 1)
    of_object = _of_object(head, piece, context) if depth < 3 else None
    if of_object is not None and of_object.i != head.i:
        # "the sale of weapons", "the scaling up of X": an event noun and what it is about.
        words, lemmas, _ = _noun_topic(of_object, piece, context, depth + 1)
        modifiers = _modifiers(head, piece, actors)
        return ([*words, *(_word(t) for t in modifiers), _word(head)],
                [*lemmas, *(t.lemma_.lower() for t in modifiers), head.lemma_.lower()], head.lemma_.lower())
    if depth < 3 and head.lemma_.lower() in _open_heads():
        about = _complement(head, piece, context, depth)
        if about is not None and about[0]:
            # "resolution on the arms embargo" and "resolution on territorial integrity" are two topics
            modifiers = _modifiers(head, piece, actors)
            return ([*(_word(t) for t in modifiers), _word(head), *about[0]],
                    [*(t.lemma_.lower() for t in modifiers), head.lemma_.lower(), *about[1]], head.lemma_.lower())
    start, end = piece.start, piece.end
    subtree = [t for t in head.subtree if start <= t.i < end]
    left = [t for t in subtree if t.i <= head.i]
    acronym = _acronym_in(left, actors, expansions) or (
        _acronym_in([head], actors, expansions) if head.pos_ == "PROPN" else None
    )
    if acronym:
        lemmas = [acronym.lower(), *sorted(expansions.get(acronym, ()))]
        return [acronym], lemmas, acronym.lower()
    words = [*_modifiers(head, piece, actors), head]
    return [_word(t) for t in words], [t.lemma_.lower() for t in words], head.lemma_.lower()


def canonical_topics(
    doc: Doc,
    span: tuple[int, int] | list[int] | None,
    *,
    issue: Actor | None = None,
    context: TopicContext | None = None,
) -> tuple[Actor, ...]:
    """The canonical topic of the issue phrase at character ``span``, then its family (narrow to broad).

    Returns ``()`` when the phrase cannot be read. When ``issue`` is given and
    the canonical topic has the issue's key, the issue's surface form becomes
    one of the topic's names. ``context`` is the Doc's :func:`topic_context`,
    built here when not given.
    """
    piece = _phrase(doc, span)
    if piece is None or not len(piece):
        return ()
    context = context or topic_context(doc)
    actors = context.actors
    head = _head(piece)
    if head.pos_ == "VERB":
        argument = _argument(head, piece)
        if argument is not None:
            words, lemmas, _ = _noun_topic(argument, piece, context)
        else:
            modifiers = _modifiers(head, piece, actors)
            words, lemmas = [_word(t) for t in modifiers], [t.lemma_.lower() for t in modifiers]
        # a clause reads verb first: "withdraw THAAD", "denuclearize peninsula"
        words = [head.lemma_.lower(), *words]
        lemmas = [head.lemma_.lower(), *lemmas]
        family = family_of(lemmas, head.lemma_.lower())
    else:
        words, lemmas, head_lemma = _noun_topic(head, piece, context)
        family = family_of(lemmas, head_lemma)
    key = slugify(" ".join(words))
    label = " ".join(words)
    surface = " ".join((piece.text if context.text is None else context.text[piece.start_char : piece.end_char]).split())
    names = tuple(dict.fromkeys([label, surface, *((issue.label,) if issue is not None else ())]))
    topic = Actor(key=key, label=label, kind="Issue", names=names)
    chain = [topic]
    if family is not None and family.key != key:
        chain.append(family.actor())
    return tuple(chain)
