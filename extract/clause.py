"""Reading one clause of the dependency parse: its subjects, objects, negation, modality and speaker.

The rule families (:mod:`newskg.extract.triples`, :mod:`newskg.extract.frames`)
share what is here: the per-document :class:`Context`, the :class:`RawTriple`
record they yield, and the helpers that find a verb's subjects (also taken over
from the verb it completes), its objects (conjoined ones expanded, removal
nouns turning the stance), whether it is negated, its modality and who reports it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from spacy.tokens import Doc, Token

from .actors import slugify
from .constants import ACT_JUDGEMENTS, ADVERB_PARTICLES, ANSWERS, DENYING_VERBS, NEUTER_OBJECTS, QUESTION_MARKS, CONDITIONS, REACTIONS, OFFICE_PREDICATES, DIRECTED_PREPOSITIONS, MANNER_PREPOSITIONS, OPEN_PREPOSITIONS, PLACEHOLDERS, RELATIVE_PRONOUNS, STOP_LEMMAS
from .lexicon import Lexicon, load_lexicon
from .lists import list_members
from .mentions import load_people
from .state import DocState, TokenTable

__all__ = [
    "RawTriple", "Context", "Object", "SUBJECT_DEPS", "OBJECT_DEPS", "OPEN_PREPOSITIONS", "FLIP",
    "conjuncts", "phrase_span", "span_text", "topic_key", "own_subjects", "subject_tokens", "governing_verb",
    "has_to", "wished_by", "named_by", "is_negated", "modality_of", "lexicon_phrase", "objects_of", "object_records", "trim",
    "member_end",
    "other_speaker", "other_speakers", "char_span", "clause_span", "claim_owner", "without_clause",
]

SUBJECT_DEPS = ("nsubj", "nsubjpass")
OBJECT_DEPS = ("dobj", "obj")
_CLAUSE_DEPS = ("ccomp", "xcomp")
_INHERIT_DEPS = ("xcomp", "advcl", "conj", "acl", "pcomp")
_SKIP_LEFT = {"DET", "PUNCT", "CCONJ"}
FLIP = {"support": "oppose", "oppose": "support", "none": "none"}


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


class Context:
    """What the patterns share for one document."""

    def __init__(self, doc: Doc, lexicon: Lexicon):
        self.doc = doc
        self.lex = lexicon
        self.state = DocState(doc)
        self.table = TokenTable(doc)
        self.verb_heads = {phrase[0] for phrase in lexicon.verbs}
        self._speakers: dict[int, list[str]] = {}
        self._according: list[Token] | None = None
        self._offices: set[tuple[str, str]] | None = None

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

    def speaks_for(self, speaker: str, subject: str) -> bool:
        """Whether the person ``speaker`` holds an office of ``subject`` (or ``subject`` one of the speaker's)."""
        if self._offices is None:
            self._offices = {(person, actor) for person, predicate, _r, actor, _i in self.state.affiliations
                             if predicate in OFFICE_PREDICATES}
        if (speaker, subject) in self._offices or (subject, speaker) in self._offices:
            return True
        # "'We will never accept this,' Lavrov said": the office the list of well-known people gives him
        return (speaker, subject) in _listed_offices()


@lru_cache(maxsize=1)
def _listed_offices() -> frozenset[tuple[str, str]]:
    """(person, actor) for every office the list of well-known people gives."""
    return frozenset((p.key, p.affiliation) for p in load_people() if p.affiliation and p.predicate in OFFICE_PREDICATES)


# -- phrases ----------------------------------------------------------------------------------


def conjuncts(token: Token) -> list[Token]:
    """The token and the words conjoined to it ("China and Russia" -> China, Russia)."""
    return [token, *(t for t in token.conjuncts if t.i > token.i)]


def phrase_span(token: Token, *, stop_at_conj: bool = True) -> tuple[int, int]:
    """The token range of a token's phrase, cut before conjoined words and trailing clauses."""
    start, end = token.left_edge.i, token.right_edge.i + 1
    if stop_at_conj:
        for child in token.rights:
            if child.dep_ in ("cc", "conj") or (child.dep_ == "punct" and child.text in ",;–—-"):
                end = min(end, child.left_edge.i)
            if child.dep_ in ("relcl", "advcl", "acl") and child.tag_ == "VBG":
                end = min(end, child.left_edge.i)
        # "a resolution on the dam which called on X": a relative clause on a word inside the phrase is its own
        for clause in token.doc[token.i + 1:end]:
            if clause.dep_ == "relcl" and clause.head.dep_ == "pobj" and clause.head != token and \
                    any(c.lower_ in RELATIVE_PRONOUNS and c.i < clause.i for c in clause.children):
                end = min(end, clause.left_edge.i)
        for child in token.lefts:
            if child.dep_ in ("cc", "conj") and child.i < token.i:
                start = max(start, child.right_edge.i + 1)
    doc = token.doc
    while start < end - 1 and (doc[start].pos_ in _SKIP_LEFT or doc[start].is_punct):
        start += 1
    while end - 1 > start and (doc[end - 1].is_punct or doc[end - 1].pos_ == "CCONJ"):
        end -= 1
    return start, end


def span_text(doc: Doc, span: tuple[int, int]) -> str:
    return doc[span[0] : span[1]].text.strip()


def topic_key(text: str, lemmas: list[str]) -> str:
    """A key for an issue from its content lemmas ("its nuclear programs" -> "nuclear-program")."""
    words = [w for w in lemmas if w and w not in STOP_LEMMAS]
    return slugify(" ".join(words) or text)


# -- subjects ---------------------------------------------------------------------------------


def own_subjects(verb: Token) -> list[Token]:
    """Subjects of a verb, also where the parser hung them on its auxiliary; of two subjects side by side
    ("Azerbaijan's ally Turkey blamed ..."), the name."""
    found = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if len(found) > 1 and found[0].pos_ == "NOUN" and found[1].pos_ == "PROPN" and found[1].i == found[0].i + 1:
        found = found[1:]
    if not found:
        for aux in verb.children:
            if aux.dep_ in ("aux", "auxpass") and aux.i < verb.i:
                found.extend(c for c in aux.children if c.dep_ in SUBJECT_DEPS)
    return found


def _agents(verb: Token) -> list[Token]:
    return [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]


def subject_tokens(verb: Token, depth: int = 0) -> tuple[list[Token], list[Token]]:
    """The subject words of a verb, and the chain of verbs it took them over from.

    A verb without its own subject takes the one of the verb it is conjoined to,
    or of the verb it completes ("agreed to permit", "..., rejecting X").
    """
    if verb.tag_ == "VBN" and _agents(verb):
        agents = [member for agent in _agents(verb) for member in conjuncts(agent)]
        state = DocState(verb.doc)
        if not any(state.actor_keys(a.i) for a in agents):
            # "was supported by 120 votes, including France and Belgium": the actors the agent names
            named = [m for a in agents for c in a.children if c.dep_ == "prep" and c.lower_ == "including"
                     for g in c.children if g.dep_ == "pobj" for m in conjuncts(g) if state.actor_keys(m.i)]
            agents = named or agents
        return agents, []
    own = own_subjects(verb)
    if own:
        subject = own[0]
        if subject.dep_ == "nsubjpass":
            return [], []
        if verb.dep_ == "relcl" and subject.lower_ in RELATIVE_PRONOUNS:
            # "the African Union, which had opposed X": the noun the clause is about
            return _antecedent(verb.head), []
        state = DocState(verb.doc)
        members = list_members(subject, state)
        if not any(state.actor_keys(m.i) for m in members):
            # "seven members abstained, including Guatemala, Mexico and Honduras": the members it names
            # ("abstained from voting, including X": hung on the verb's own phrase)
            inner = [c for p in verb.children if p.dep_ == "prep" for g in p.children if g.dep_ == "pobj"
                     for c in g.children]
            named = [g for c in [*verb.children, *inner] if c.dep_ == "prep" and c.lower_ == "including"
                     and c.i > subject.i for g in c.children if g.dep_ == "pobj" and state.actor_keys(g.i)]
            if named:
                return conjuncts(named[0]), []
        # "The G20, including Russia, will deplore X": the members named are subjects as well as the body
        included = [m for c in subject.children if c.dep_ == "prep" and c.lower_ == "including" and c.i > subject.i
                    and subject.doc[c.i - 1].text == "," for g in c.children if g.dep_ == "pobj"
                    for m in conjuncts(g) if state.actor_keys(m.i)]
        if included and any(state.actors.kind(k) == "IntergovernmentalOrganization"
                            for m in members for k in state.actor_keys(m.i)):
            return members + included, []
        return members, []
    if verb.tag_ == "VBG":
        # "in return for Washington halting its exercises", "with Russia blocking the text": the gerund's own doer
        for child in verb.lefts:
            if child.dep_ != "prep":
                continue
            for prep in child.subtree:
                if prep.dep_ == "prep" and prep.lower_ in ("for", "with", "without"):
                    names = [g for g in prep.children if g.dep_ == "pobj" and g.pos_ == "PROPN"
                             and g.right_edge.i == verb.i - 1]
                    if names and prep.head.lower_ in CONDITIONS:
                        return [], []  # "in return for X halting Y": a condition asked for, not an act
                    if names:
                        return conjuncts(names[0]), []
    if verb.tag_ in ("VBD", "VBZ", "VBP") and verb.dep_ in ("ROOT", "conj", "ccomp"):
        # "On Monday Saudi Arabia, Bahrain and Egypt severed ties": the names the parser hung on the date
        for child in verb.lefts:
            if child.dep_ == "prep":
                names = [g for g in child.children if g.dep_ == "pobj" and g.pos_ == "PROPN"]
                if names and names[0].ent_type_ in ("DATE", "GPE", "ORG", "NORP"):
                    return conjuncts(names[0]), []
                # "Among ASEAN members, Indonesia, Malaysia and Singapore voted in favour"
                listed = [a for g in child.children if g.dep_ == "pobj" for a in g.children
                          if a.dep_ == "appos" and a.pos_ == "PROPN" and a.i < verb.i]
                if listed:
                    return conjuncts(listed[0]), []
    if verb.dep_ in ("relcl", "acl") and has_to(verb) and verb.head.dep_ in ("attr", "acomp"):
        # "Washington was the first to recognise X": the subject of the copula
        return _copula_subjects(verb.head), []
    if depth > 4 or verb.dep_ not in _INHERIT_DEPS or verb.head is verb:
        return [], []
    if verb.dep_ == "conj" and verb.tag_ == "VB" and verb.head.tag_ in ("VBD", "VBZ") and \
            not any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return [], []  # "vindicated years of effort to help a land achieve its dream": a bare verb is no conjunct of a past one
    if verb.dep_ == "conj" and verb.tag_ == "VBG" and verb.head.tag_ in ("VBD", "VBZ", "VBP") and not any(
            c.dep_ in ("aux", "auxpass") for c in verb.children):
        # "saying Yerevan was an obstacle and vowing to continue X": a participle is no conjunct of a finite
        # verb; it goes with the participle over that verb ("saying"), whose doer it shares
        over = next((a for a in verb.head.ancestors if a.tag_ == "VBG"), None)
        if over is None:
            return [], []
        subjects, chain = subject_tokens(over, depth + 1)
        return subjects, [over, *chain]
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and _against(verb.head) and any(
            c.dep_ in ("dobj", "obj") and c.right_edge.i == verb.i - 1 and c.lemma_.lower() in load_lexicon().document_nouns
            for c in verb.head.children):
        return [], []  # "vetoed a draft deploring X", parsed as the veto's manner: the draft deplores X
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.lemma_.lower() in load_lexicon().document_nouns:
        # "issued a statement condemning X", "voted for a resolution calling for Y": the text speaks for them
        governor = _verb_over(verb.head)
        if governor is not None and _against(governor):
            return [], []  # "vetoed a draft deploring its invasion": the text speaks against them, not for them
        if governor is not None:
            subjects, chain = subject_tokens(governor, depth + 1)
            return subjects, [governor, *chain]
    lex = load_lexicon()
    if verb.dep_ == "acl" and has_to(verb) and verb.head.lemma_.lower() in lex.stance_nouns and not (
            verb.head.lemma_.lower() in lex.committing and verb.head.dep_ in ("dobj", "obj")
            and verb.head.head.lemma_.lower() in lex.light_verbs):
        # "calls from X to extend Y": a wish, not an act (nominal_stance_triples reads it); but "expressed
        # readiness to host the talks" commits the subject to hosting them
        return [], []
    if verb.dep_ == "advcl" and has_to(verb) and wished_by(verb) is not None:
        return [], []  # the same, with the infinitive parsed as the purpose of the verb
    if verb.dep_ == "acl" and has_to(verb) and verb.head.pos_ in ("NOUN", "PROPN"):
        holders = _holders(verb.head)
        if holders:
            # "Russia's decision to withdraw", "the decision by 27 countries to expel X": they do it
            return holders, []
        if any(c.dep_ == "prep" and c.lower_ == "of" and c.i == verb.head.i + 1 for c in verb.head.children):
            return [], []  # "welcomed the decision of the council to lift X": the council's act, not the subject's
        # "using the authority to impose X": who uses the authority imposes X.
        governor = governing_verb(verb.head)
        if governor is None:
            return [], []
        subjects, chain = subject_tokens(governor, depth + 1)
        return subjects, [governor, *chain]
    if verb.dep_ in ("xcomp", "advcl", "acl", "pcomp") and not (verb.tag_ in ("VBG", "VB") or has_to(verb)):
        return [], []
    if (verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.lower_ in MANNER_PREPOSITIONS
            and verb.head.head.pos_ in ("VERB", "AUX")):
        # "joined X in condemning Y", "responded by imposing Y": the doer of the verb the phrase is on.
        governor = verb.head.head
        subjects, chain = subject_tokens(governor, depth + 1)
        if governor.lemma_.lower() in load_lexicon().accompanying and verb.head.lower_ == "in":
            # "A joined B in condemning Y": B condemned Y too
            joined = [c for c in governor.children if c.dep_ == "dobj" and c.pos_ == "PROPN"]
            if joined:
                subjects = [*subjects, *conjuncts(joined[0])]
        return subjects, [governor, *chain]
    if verb.dep_ == "xcomp" and any(c.dep_ in OBJECT_DEPS for c in verb.head.children):
        if verb.head.lemma_.lower() in load_lexicon().causatives and has_to(verb):
            # "the move prompted China to ban imports": China bans them
            return [m for c in verb.head.children if c.dep_ in OBJECT_DEPS for m in conjuncts(c)][:4], []
        # "urge X to do Y": the doer is X, not the one who urges.
        return [], []
    if (verb.dep_ == "xcomp" or (verb.dep_ == "advcl" and has_to(verb))) and any(
            c.dep_ == "prep" and c.lower_ in ("on", "upon") and c.i < verb.i
            and (verb.head.lemma_.lower(), c.lower_) in load_lexicon().verbs  # not "appeared on Twitter to side with X"
            and not any(g.ent_type_ in ("DATE", "TIME") for g in c.children) for c in verb.head.children):
        # "called on X to do Y": the doer is X as well
        return [], []
    if verb.dep_ == "pcomp":
        return [], []
    if verb.dep_ == "xcomp" and verb.head.pos_ == "ADJ" and verb.head.dep_ == "acomp":
        # "Manila was ready to talk to Beijing": the doer is the subject of the copula
        subjects, chain = subject_tokens(verb.head.head, depth + 1)
        return subjects, [verb.head.head, *chain]
    if verb.dep_ == "conj" and verb.tag_ != "VBN":
        # "Moscow was disappointed by X and accused Y": an active verb shares the passive's subject
        passive = [c for c in own_subjects(verb.head) if c.dep_ == "nsubjpass"]
        if passive:
            return list_members(passive[0], DocState(verb.doc)), [verb.head]
    if verb.dep_ == "conj" and verb.tag_ in ("VBD", "VBZ") and verb.head.tag_ == "VB" and has_to(verb.head) and \
            verb.head.dep_ in ("xcomp", "advcl") and verb.head.head.tag_ == verb.tag_:
        # "urged X to stop Y and called for Z": a finite verb is no conjunct of an infinitive; it goes with
        # the verb of the same tense the infinitive depends on (whose doer it shares, not its words)
        return subject_tokens(verb.head.head, depth + 1)
    if verb.dep_ == "conj" and _misplaced_speech_act(verb):
        # "Biden said the ceasefire offered X and thanked Y": the speaker thanked, not the ceasefire
        subjects, chain = subject_tokens(verb.head.head, depth + 1)
        return subjects, [verb.head.head, *chain]
    subjects, chain = subject_tokens(verb.head, depth + 1)
    return subjects, [verb.head, *chain]


def _misplaced_speech_act(verb: Token) -> bool:
    """Whether a verb of address conjoined to a reported clause belongs to the speaker: the verb is in the
    speaker's tense, and the reported clause's subject is a thing, not an actor, or its verb has a modal the
    finite verb cannot share."""
    clause = verb.head
    if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in load_lexicon().speech or verb.tag_ != clause.head.tag_:
        return False
    if verb.lemma_.lower() not in load_lexicon().address:
        return False
    own = own_subjects(clause)
    if clause.tag_ == "VB" and any(c.dep_ == "aux" and c.tag_ == "MD" for c in clause.children):
        return True  # "said Madrid would keep supporting X and urged Y": a past verb shares no "would"
    return bool(own) and own[0].pos_ == "NOUN" and not DocState(verb.doc).actor_keys(own[0].i)


def wished_by(infinitive: Token) -> Token | None:
    """The stance noun an infinitive completes when the parser hung it on the verb instead: in
    "rejected calls from X to extend Y", "calls" (the verb's object, right before); a plural stance noun right
    before the infinitive ("international calls to withdraw it")."""
    for child in infinitive.head.children:
        if child.dep_ in OBJECT_DEPS and child.i < infinitive.i and child.lemma_.lower() in load_lexicon().stance_nouns:
            if child.right_edge.i + 1 >= infinitive.left_edge.i:
                return child
    # "sent the ship back in defiance of international calls to withdraw it": the stance noun right before "to",
    # wherever the parser hung it
    before = infinitive.doc[infinitive.left_edge.i - 1] if infinitive.left_edge.i > 0 else None
    if before is not None and before.pos_ == "NOUN" and before.tag_ == "NNS" and \
            before.lemma_.lower() in load_lexicon().stance_nouns and before.head.i != infinitive.i:
        return before
    return None


def _antecedent(noun: Token) -> list[Token]:
    """What a relative clause's noun stands for; "A and B were among the states that abstained": A and B."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "among" and noun.head.head.lemma_ == "be":
        return _copula_subjects(noun.head)
    if noun.dep_ == "attr":
        return _copula_subjects(noun)
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.dep_ == "attr" \
            and noun.head.head.lower_ == "one":
        return _copula_subjects(noun.head.head)  # "Malaysia was one of the 8 countries that abstained": Malaysia
    if noun.dep_ == "nsubj" and noun.pos_ == "NOUN" and noun.head.lemma_ in ("be", "include"):
        # "The countries that signed the letter were A, B and C", "Nations that voted against it included A and
        # B": the names the copula gives
        named = [c for c in noun.head.children if c.dep_ in ("attr", "dobj") and c.pos_ == "PROPN" and c.i > noun.i]
        if named:
            return conjuncts(named[0])
    text = _text_described(noun)
    if text is not None:
        return [text]
    if noun.dep_ == "conj" and noun.pos_ == "NOUN" and any(c.lower_ == "other" for c in noun.children):
        # "the United States, Ireland and other council nations that gave strong backing to X": all of them
        first = noun
        while first.dep_ == "conj" and first.head is not first:
            first = first.head
        return conjuncts(first)
    return conjuncts(noun)


def _text_described(noun: Token) -> Token | None:
    """The document a relative clause is about when the parser hung it on what the document is about: in "a
    resolution on the dam which called on X", the resolution (a noun naming no actor, after "on"/"about"/"over"
    a document noun governs)."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in ("on", "about", "over", "regarding"):
        return None
    text = prep.head
    if text.lemma_.lower() not in load_lexicon().document_nouns or DocState(noun.doc).actor_keys(noun.i):
        return None
    return text


def _copula_subjects(complement: Token) -> list[Token]:
    """The subjects of the copula a complement hangs on."""
    copula = complement.head
    while copula.dep_ == "prep" and copula.head is not copula:
        copula = copula.head
    found = [c for c in copula.children if c.dep_ == "nsubj"]
    if not found and copula.dep_ == "conj" and copula.tag_ in ("VBD", "VBZ") and copula.head.tag_ in ("VB", "VBN") \
            and copula.head.dep_ == "ccomp":
        # "requested the text be put to a vote and was the only one to oppose it": joined to the wished clause
        # by the parser, the copula is the wisher's
        found = [c for c in copula.head.head.children if c.dep_ == "nsubj"]
    return conjuncts(found[0]) if found else []


def _holders(noun: Token) -> list[Token]:
    """Who a noun of intent or decision belongs to: its possessor, the object of its "by" or "of", or an actor
    modifying it."""
    for child in noun.children:
        if child.dep_ == "poss" and child.pos_ != "PRON":
            return conjuncts(child)
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "by":
            found = [g for g in child.children if g.dep_ == "pobj"]
            if found:
                return conjuncts(found[0])
    state = DocState(noun.doc)
    for child in noun.children:
        # "the decision of Algeria to break off relations": an actor after "of"
        if child.dep_ == "prep" and child.lower_ == "of" and child.i == noun.i + 1:
            found = [g for g in child.children if g.dep_ == "pobj" and any(
                state.actors.kind(k) not in ("Person", "Document", "Issue", "") for k in state.head_keys(g.i))]
            if found:
                return conjuncts(found[0])
    for child in noun.children:
        # "the US decision to recognise X", "the American decision to leave": an actor named as a modifier
        if child.dep_ in ("compound", "amod", "nmod") and child.i < noun.i and any(
                state.actors.kind(k) not in ("Person", "Document", "Issue", "") for k in state.head_keys(child.i)):
            return conjuncts(child)
    return []


def _verb_over(noun: Token) -> Token | None:
    """The verb a noun is the object of, directly or through a preposition ("voted for a resolution")."""
    direct = governing_verb(noun)
    if direct is not None:
        return direct
    if noun.dep_ == "pobj" and noun.head.dep_ in ("prep", "agent") and noun.head.head.pos_ == "VERB":
        return noun.head.head
    return None


def governing_verb(noun: Token) -> Token | None:
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


def has_to(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


# -- negation and modality --------------------------------------------------------------------


def is_negated(verb: Token) -> bool:
    for child in verb.children:
        if child.dep_ == "neg":
            return True
        if child.lower_ == "longer" and any(g.lower_ == "no" for g in child.children):
            return True
        if child.dep_ in ("aux", "auxpass") and any(g.dep_ == "neg" for g in child.children):
            return True
    # "will not threaten or use force": a verb joined by "or" with no auxiliary or subject of its own shares it
    if verb.dep_ == "conj" and verb.head is not verb and verb.head.pos_ in ("VERB", "AUX") and \
            any(c.dep_ == "cc" and c.lower_ in ("or", "nor") for c in verb.head.children) and \
            not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in verb.children):
        return is_negated(verb.head)
    return False


def modality_of(verb: Token, chain: list[Token], lex: Lexicon) -> str | None:
    for child in verb.children:
        if child.dep_ == "aux" and child.tag_ == "MD":
            mode = lex.modals.get(child.lemma_.lower()) or lex.modals.get(child.lower_)
            if mode and mode != "future":
                return mode
    # "should comply with the ruling and stop the offensive": a verb joined to one with a modal, with no
    # auxiliary or subject of its own, shares the modal
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") and verb.tag_ in ("VB", verb.head.tag_) and \
            not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in verb.children):
        head = verb.head
        while head.dep_ == "conj" and head.head is not head and not any(c.dep_ in ("aux", "nsubj") for c in head.children):
            head = head.head  # "must reaffirm X, withdraw Y and pay Z": up the whole list to the modal
        for child in head.children:
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


def _speaker(verb: Token, ctx: Context) -> list[str]:
    """The actor reporting a clause: ``X said (that) ...``, ``according to X``, or a quote's speaker."""
    token = verb
    for _ in range(6):
        if token.dep_ in ("ccomp", "parataxis") and token.head is not token:
            head = token.head
            if head.lemma_.lower() in ctx.lex.speech and head.pos_ in ("VERB", "AUX"):
                # "X cited Y and said ...": a speech verb joined to another shares its subject
                subjects = own_subjects(head) or (subject_tokens(head)[0][:1] if head.dep_ == "conj" else [])
                if subjects:
                    # "The DRC, the UN and Western countries have said ...": every one of them says it
                    keys = list(dict.fromkeys(k for member in list_members(subjects[0], ctx.state)
                                             for k in ctx.actors(member)))
                    if keys:
                        return keys
            token = head
        elif token.dep_ == "conj" and token.head is not token and token.head.dep_ in ("ccomp", "parataxis", "conj", "advcl"):
            token = token.head  # "said Russia should comply and stop ...": the second verb is reported too
        elif token.dep_ == "xcomp" and token.head is not token and token.head.pos_ in ("VERB", "AUX"):
            token = token.head  # "said Japan should stop visiting the shrine": the infinitive is reported with its verb
        elif token.dep_ == "advcl" and token.tag_ == "VBG" and token.head is not token and \
                token.head.dep_ in ("ccomp", "parataxis", "advcl", "conj") and not own_subjects(token):
            # "said the US is suppressing firms, undermining exchanges, distorting markets": so are the participles
            token = token.head
        else:
            break
    owner = claim_owner(verb, ctx.lex)
    if owner:
        return owner
    according = _according_to(verb, ctx)
    if according:
        return according
    for start, end, keys in ctx.state.data.get("quotes", []):
        if start <= verb.i < end and keys:
            return keys
    return []


def claim_owner(verb: Token, lex: Lexicon) -> list[str]:
    """Whose claim a clause is: ``Rwanda's allegations that ...``, ``claims by X that ...``, ``X repeated claims
    that ...`` (the claim nouns of ``data/claim_nouns.txt``); empty when the clause is no claim or has no owner."""
    token = verb
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    noun = token.head
    if token.dep_ not in ("acl", "ccomp") or noun.pos_ != "NOUN" or noun.lemma_.lower() not in lex.claim_nouns:
        return []
    state = DocState(verb.doc)
    owners = [c for c in noun.children if c.dep_ == "poss"]
    owners += [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "by" for g in c.children if g.dep_ == "pobj"]
    if noun.dep_ in ("dobj", "obj") and noun.head.pos_ == "VERB":
        owners += own_subjects(noun.head)  # "X repeated (its) claims that ...": X, when "its" is not resolved
    for owner in owners:
        keys = [k for k in state.actor_keys(owner.i) if state.actors.kind(k) not in ("Document", "Issue", "")]
        if keys:
            return keys
    return []


def _according_to(verb: Token, ctx: Context) -> list[str]:
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


def lexicon_phrase(verb: Token, lex: Lexicon) -> tuple[tuple[str, ...], Token | None] | None:
    """The longest lexicon phrase this verb starts, and the preposition that carries the object."""
    lemma = verb.lemma_.lower()
    particles = [c for c in verb.children if c.dep_ == "prt" or (c.tag_ == "RP" and c.i == verb.i + 1)
                 or (c.dep_ == "intj" and c.lower_ in ANSWERS)  # "said no to X"
                 or (c.dep_ == "advmod" and c.i == verb.i + 1 and c.lower_ in ADVERB_PARTICLES)]  # "hit back at"
    # "agreed steep cuts on Wednesday": a preposition whose object is a date or time carries no object
    preps = [c for c in verb.children if c.dep_ in ("prep", "dative") and c.i > verb.i
             and not any(g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in c.children)]
    if lemma in lex.judging:
        # "called the decision a mistake for the US": the judgement's phrase, no "call for"
        judged = [c.i for c in verb.children if c.dep_ in ("oprd", "attr")]
        preps = [p for p in preps if not any(i < p.i for i in judged)]
    if verb.tag_ != "VBN" and not any(c.dep_ == "auxpass" for c in verb.children):
        # "stands firmly by X" parsed as a passive agent: an active verb has no agent, "by" is its preposition
        preps += [c for c in verb.children if c.dep_ == "agent" and c.i > verb.i]
    options: list[tuple[tuple[str, ...], Token | None]] = []
    for prt in particles:
        for prep in preps:
            options.append(((lemma, prt.lower_, prep.lower_), prep))
        # "called on Jammeh": a particle parsed with an object of its own carries it like a preposition
        carries = prt if any(g.dep_ == "pobj" for g in prt.children) else None
        options.append(((lemma, prt.lower_), carries))
    for prep in preps:
        options.append(((lemma, prep.lower_), prep))
        # "pulled the United States out of the accord": the particle parsed as a preposition with one inside
        for inner in (c for c in prep.children if c.dep_ == "prep"):
            options.insert(0, ((lemma, prep.lower_, inner.lower_), inner))
    # "took aim at X", "took issue with X": a verb, its bare object noun and the preposition after it
    for noun in [c for c in verb.children if c.dep_ in OBJECT_DEPS][:1]:
        if not any(c.dep_ in ("det", "poss", "amod", "compound") for c in noun.children):
            for prep in [*preps, *(c for c in noun.children if c.dep_ == "prep")]:
                if prep.i > noun.i:
                    options.insert(0, ((lemma, noun.lower_, prep.lower_), prep))
    # "keep the deal alive": the verb with the adjective its object is left in
    for complement in (c for c in verb.children if c.dep_ == "oprd" and c.pos_ == "ADJ"):
        options.insert(0, ((lemma, complement.lower_), None))
    options.append(((lemma,), None))
    for key, prep in options:
        if key in lex.verbs:
            return key, prep
    return None


def _object_heads(verb: Token, prep: Token | None) -> list[Token]:
    if prep is not None:
        if any(c.text == ":" and c.i == prep.i + 1 for c in prep.children):
            return []  # "voted against: A, B and C": the colon lists who, not what
        return [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
    objects = [c for c in verb.children if c.dep_ in OBJECT_DEPS and not _reporting_frame(c)]
    if not objects:
        # A passive clause: what was acted on is the grammatical subject.
        objects = [c for c in verb.children if c.dep_ == "nsubjpass"]
    if not objects and verb.tag_ == "VBN" and _agents(verb):
        objects = [c for c in verb.children if c.dep_ == "nsubj"]  # a passive parsed with a plain subject
        if not objects and verb.dep_ == "acl":
            objects = [verb.head]  # "the text, drafted by X and Y": what the participle describes
        if not objects and verb.dep_ == "conj":
            # "It was tabled by X and co-sponsored by Y": the passives share what was acted on
            objects = [c for c in verb.head.children if c.dep_ in ("nsubjpass", "nsubj")]
    return objects


def _against(verb: Token) -> bool:
    """Whether a verb takes a side against its object ("vetoed", "rejected", "voted against"), or is negated."""
    lex = load_lexicon()
    found = lexicon_phrase(verb, lex)
    return (found is not None and lex.stance(lex.verbs[found[0]]) == "oppose") or is_negated(verb)


def _reporting_frame(noun: Token) -> bool:
    """``..., the Kremlin press service reported``: a reporter parsed as a second object, set off by a comma."""
    doc = noun.doc
    start = noun.left_edge.i
    if start == 0 or doc[start - 1].text != ",":
        return False
    if start >= 2 and doc[start - 2].i == noun.head.i and noun.head.i < noun.i:
        # "abstained, its representative warning that ...": nothing is the object of a verb across a comma
        # right after it; the phrase set off is a clause of its own
        return True
    return any(c.dep_ in ("acl", "relcl") and c.i > noun.i and c.lemma_.lower() in load_lexicon().speech
               for c in noun.children)


@dataclass
class Object:
    key: str | None
    text: str
    span: tuple[int, int]
    polarity_flip: bool = False
    relation_suffix: str = ""
    pattern: str = ""
    clause_negated: bool = False  # "urged X not to do Y": the wished clause is negated


def objects_of(verb: Token, prep: Token | None, ctx: Context, *, heads=None) -> list[Object]:
    """What a stance or action verb is about, one record per conjoined object.

    ``heads`` are the object words where the caller found them; otherwise they are the verb's
    object, the object of ``prep``, or a clause the verb governs. A lone object is followed by
    the verb's directed phrase ("fired missiles at X", "supply arms to X"), so that its target is kept.
    """
    doc = ctx.doc
    found: list[Object] = []
    if heads is None:
        heads = _object_heads(verb, prep)
    # "a move that Mogadishu has condemned": the relative pronoun stands for the noun the clause is about
    heads = [verb.head if head.tag_ in ("WDT", "WP") and head.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl"
             and verb.head.pos_ in ("NOUN", "PROPN") else head for head in heads]
    heads = [named_by(head, ctx) for head in heads]
    if not heads and prep is None:
        named = [named_by(c, ctx) for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i]
        heads = [h for h in named if h.dep_ == "oprd"]  # "denounced what it calls a coup attempt"
        # "condemned what they said was a coup": what the free relative says the thing is
        heads = heads or [a for c in named for cop in c.children if cop.dep_ == "ccomp" and cop.lemma_ == "be"
                          and any(g.tag_ == "WP" and g.i < c.i for g in (*c.children, *cop.children))
                          for a in cop.children if a.dep_ == "attr" and a.pos_ == "NOUN"]
        if not heads:
            return _clause_objects(verb, ctx)
    for head in heads:
        if head.i == verb.head.i and verb.dep_ == "relcl":
            found += without_clause(head, verb)  # the noun without the clause that says it was condemned
            continue
        whole = _bare_coordination(head, ctx)
        if whole is not None:
            found.append(Object(None, span_text(doc, whole), whole))
            continue
        for member in conjuncts(head):
            found.extend(object_records(member, ctx))
    # "urge X to do Y": the object is X doing Y.
    xcomps = [c for c in verb.children if c.dep_ == "xcomp"]
    if found and xcomps and len(heads) == 1 and not found[0].polarity_flip:
        start = found[0].span[0]
        end = xcomps[0].right_edge.i + 1
        # "urged X to stop Y and called for Z": the finite verb joined to the infinitive is no part of it
        finite = [c for c in xcomps[0].children if c.dep_ == "conj" and c.tag_ in ("VBD", "VBZ") and c.tag_ == verb.tag_]
        if finite:
            end = min(t.i for t in finite[0].subtree)
        # "urged the US to correct its practices and stop the suppression": one thing urged per verb, each with
        # the one urged ("the US to stop the suppression")
        joined, stack = [], [xcomps[0]]
        while stack:
            for c in stack.pop().children:
                if c.dep_ == "conj" and c.tag_ == "VB" and c.i < end and not any(
                        g.dep_ in ("nsubj", "nsubjpass") for g in c.children):
                    joined.append(c)
                    stack.append(c)
        joined.sort(key=lambda t: t.i)
        first_end = member_end(doc, start, min((t.i for c in joined for t in c.subtree), default=end))
        found = [Object(None, span_text(doc, (start, first_end)), (start, first_end), pattern="object_clause",
                        clause_negated=is_negated(xcomps[0]))]
        to = next((c.i for c in xcomps[0].children if c.dep_ == "aux" and c.lower_ == "to"), xcomps[0].i - 1)
        urged = span_text(doc, (start, to + 1)).strip()  # "the US to"
        for other in joined:
            last = member_end(doc, other.i, min([t.i for c in other.children if c.dep_ == "conj" and c in joined
                                                 for t in c.subtree] or [other.right_edge.i + 1]))
            text = f"{urged} {span_text(doc, (other.i, last))}"
            found.append(Object(None, text, (other.i, last), pattern="object_clause", clause_negated=is_negated(other)))
    elif len(found) == 1 and found[0].key is None and prep is None:
        found[0] = _with_target(verb, found[0], doc)
    return found


def _bare_coordination(head: Token, ctx: Context) -> tuple[int, int] | None:
    """``war and chaos on the peninsula``, ``coercion and isolation of Qatar``: bare nouns that share what
    follows the last are one thing, kept whole; None for phrases of their own ("a ceasefire and the
    resumption of talks") and for actors."""
    members = conjuncts(head)
    if len(members) < 2 or any(m.pos_ != "NOUN" or ctx.actors(m) or m.lemma_.lower() in ctx.lex.removal
                               for m in members):
        return None
    last = members[-1]
    for member in members[:-1]:
        for child in member.children:
            shared = member is head and ((child.dep_ == "prep" and child.i > last.i) or child.dep_ == "det")
            if child.dep_ not in ("cc", "conj", "punct") and not shared:
                return None
    if any(c.dep_ not in ("prep", "cc", "punct") for c in last.children):
        return None
    start = head.left_edge.i
    while start < head.i and ctx.doc[start].pos_ in _SKIP_LEFT:
        start += 1
    return trim(ctx.doc, start, max(head.right_edge.i, last.right_edge.i) + 1)


def named_by(head: Token, ctx: Context) -> Token:
    """``what X called Y`` stands for Y: "pressure on what she called Maduro's regime" is on the regime."""
    clause = head if head.pos_ in ("VERB", "AUX") else (head.head if head.lower_ == "what" else None)
    if clause is None or clause.lemma_.lower() not in ctx.lex.judging:
        return head
    if not any(c.lower_ == "what" and c.dep_ in ("dobj", "obj") for c in clause.children):
        return head
    complements = [c for c in clause.children if c.dep_ in ("oprd", "attr", "xcomp")]
    return complements[0] if complements else head


def without_clause(noun: Token, clause: Token) -> list[Object]:
    """The phrase of a noun cut before a clause on it, and without its article ("the plan, which drew criticism
    from X" -> "plan"): none when nothing is left."""
    start = noun.left_edge.i + (noun.left_edge.dep_ == "det" and noun.left_edge.i < noun.i)
    span = trim(noun.doc, start, clause.left_edge.i)
    return [Object(None, span_text(noun.doc, span), span)] if span[1] > span[0] else []


def _with_target(verb: Token, obj: Object, doc: Doc) -> Object:
    """The object phrase with a directed phrase of the verb right after it: "missiles at X"."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in DIRECTED_PREPOSITIONS and child.i == obj.span[1]:
            pobjs = [g for g in child.children if g.dep_ == "pobj"]
            if pobjs:
                # "supply to Europe, which was declined by X": the phrase without what it says of its object
                span = trim(doc, obj.span[0], phrase_span(pobjs[0])[1] if len(pobjs) == 1 and not pobjs[0].conjuncts
                            else child.right_edge.i + 1)
                return Object(obj.key, span_text(doc, span), span, obj.polarity_flip, obj.relation_suffix, obj.pattern)
    return obj


def object_records(member: Token, ctx: Context) -> list[Object]:
    doc = ctx.doc
    lemma = member.lemma_.lower()
    # "demand removal of X": the one who demands opposes X ("welcomed the end of X" welcomes the end, a fact).
    governor = member.head if member.dep_ in ("dobj", "obj") else (
        member.head.head if member.dep_ == "pobj" and member.head.dep_ == "prep" else None)
    reacting = governor is not None and governor.pos_ == "VERB" and (
        (member.dep_ in ("dobj", "obj") and ctx.lex.verbs.get((governor.lemma_.lower(),)) in REACTIONS)
        or ctx.lex.verbs.get((governor.lemma_.lower(),)) in ACT_JUDGEMENTS)
    if lemma in ctx.lex.removal and member.pos_ == "NOUN" and not reacting:
        for child in member.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "to"):
                inner = [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
                if inner and {inner[0].lemma_.lower(), inner[0].lower_} & ctx.lex.ended_events:
                    break  # "an immediate end to hostilities": the end of violence, wished as such
                records = []
                for target in inner[:1]:
                    for part in conjuncts(target):
                        for record in object_records(part, ctx):
                            record.polarity_flip = not record.polarity_flip
                            record.relation_suffix = f"{member.text.lower()} {child.lower_}"
                            record.pattern = "nominal_removal"
                            records.append(record)
                if records:
                    return records
    keys = [k for k in ctx.actors(member) if ctx.is_actor(k)]
    span = phrase_span(member)
    if member.lower_ == "ones" and not keys:
        antecedent = _ones_antecedent(member)
        if antecedent is not None:
            span = antecedent
    if member.pos_ == "PRON" and not keys:
        antecedent = ctx.state.data.get("antecedents", {}).get(str(member.i))
        if antecedent:
            span = tuple(antecedent)
        elif member.lower_ in NEUTER_OBJECTS and member.dep_ in ("dobj", "obj"):
            # "rejected it": kept for now; the triples module gives it the thing told just before, or drops it
            return [Object(None, member.lower_, span)]
        elif member.lower_ in ("it", "them", "this", "that", "which", "what"):
            return []
    if keys and ctx.state.span_of(member.i) and len(keys) == 1:
        return [Object(keys[0], span_text(doc, span), span)]
    if keys and (member.pos_ == "PRON" or not ctx.state.head_keys(member.i)):
        # a pronoun or a description ("the text", "the alliance") resolved to actors named before
        return [Object(k, ctx.state.actors.get(k)["label"], span) for k in keys]
    return [Object(None, span_text(doc, span), span)]


def _ones_antecedent(token: Token) -> tuple[int, int] | None:
    """``existing ones``: the nearest plural noun before, with its compounds ("missile installations")."""
    doc = token.doc
    first = doc[token.sent.start].sent.start
    previous = doc[max(first - 1, 0)].sent.start if first > 0 else 0
    for i in range(token.i - 1, previous - 1, -1):
        noun = doc[i]
        if noun.tag_ == "NNS" and noun.pos_ == "NOUN" and noun.lower_ not in PLACEHOLDERS:
            start = noun.i
            while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head.i >= start:
                start -= 1
            return start, noun.i + 1
    return None


def _clause_objects(verb: Token, ctx: Context) -> list[Object]:
    """A wish with a clause: "want X withdrawn" (oppose X), "want tensions defused" (support); a reaction to
    what a clause tells: "regretted that the resolution was one-sided"."""
    if verb.lemma_.lower() not in ctx.lex.complements and verb.lemma_.lower() not in ctx.lex.factive:
        return []
    doc = ctx.doc
    # "wants to see the sanctions lifted": the clause of the verb of seeing is the one wished
    seen = [g for c in verb.children if c.dep_ == "xcomp" and c.lemma_.lower() == "see" for g in c.children]
    for clause in [*(c for c in verb.children if not (c.dep_ == "xcomp" and c.lemma_.lower() == "see")), *seen]:
        if clause.dep_ not in _CLAUSE_DEPS or clause.i < verb.i:
            continue
        if any(c.dep_ == "mark" and c.lower_ in QUESTION_MARKS for c in clause.children) or \
                any(c.tag_ in ("WDT", "WP", "WRB") and c.i < clause.i for c in clause.children):
            return []  # "asked whether the sanctions would work": a question, not a wish
        subjects = [c for c in clause.children if c.dep_ in SUBJECT_DEPS]
        # "want X withdrawn": the parser may tag the participle as a past tense; after a wish it is not one.
        if clause.lemma_.lower() in ctx.lex.removal and clause.tag_ in ("VBN", "VBD") and subjects:
            records = []
            for member in conjuncts(subjects[0]):
                for record in object_records(member, ctx):
                    record.polarity_flip = True
                    record.relation_suffix = clause.text.lower()
                    record.pattern = "wish_removal"
                    records.append(record)
            return records
        # "denied arming the rebels": the act denied, a clause without a subject of its own
        if subjects or clause.dep_ == "ccomp" or (clause.tag_ == "VBG" and verb.lemma_.lower() in DENYING_VERBS):
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
                # "requested the text be put to a vote and was the only one to oppose it": a past verb joined to
                # a wished clause with no subject of its own is the wisher's next act, not wished
                if child.dep_ == "conj" and child.tag_ in ("VBD", "VBZ") and clause.tag_ in ("VB", "VBN") and \
                        not any(c.dep_ in SUBJECT_DEPS for c in child.children):
                    cc = [c for c in clause.children if c.dep_ == "cc" and c.i < child.i]
                    end = min(end, cc[-1].i if cc else child.i)
            span = trim(doc, start, end)
            return [Object(None, span_text(doc, span), span, pattern="wish_clause")]
    return []


def member_end(doc: Doc, start: int, end: int) -> int:
    """The end of one member of a list that runs from ``start`` to where the next begins (``end``), without the
    "and" or comma joining them ("reaffirm X, | withdraw Y and | pay Z")."""
    while end > start + 1 and (doc[end - 1].dep_ == "cc" or doc[end - 1].is_punct):
        end -= 1
    return end


def trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """A phrase without the punctuation at its ends, a leading "that", and a closing "on Wednesday" (a
    preposition with a date or time, which says when, not what)."""
    while start < end - 1 and (doc[start].is_punct or doc[start].lower_ in ("that",)):
        start += 1
    while end - 1 > start and doc[end - 1].is_punct:
        end -= 1
    last = doc[end - 1]
    if end - start > 2 and last.ent_type_ in ("DATE", "TIME"):
        prep = last
        while prep.dep_ != "prep" and prep.head is not prep and prep.i > start:
            prep = prep.head
        if prep.dep_ == "prep" and start < prep.i < end and prep.right_edge.i == end - 1 and \
                all(t.ent_type_ in ("DATE", "TIME") for t in doc[prep.i + 1:end] if not t.is_punct and t.dep_ != "det"):
            end = prep.i
            while end - 1 > start and doc[end - 1].is_punct:
                end -= 1
    return start, end


def other_speakers(speaker: list[str], subject: str, ctx: Context) -> list[str]:
    """Those who report a clause about ``subject`` that are someone else than the subject or one who speaks
    for it (its envoy, minister, spokesperson, leader): the clause is their claim."""
    if subject in speaker:
        return []  # "A and B announced they would cut ties": each says it of itself
    return [k for k in speaker if not ctx.speaks_for(k, subject)]


def other_speaker(speaker: list[str], subject: str, ctx: Context) -> str | None:
    """The first of :func:`other_speakers`, or None."""
    others = other_speakers(speaker, subject, ctx)
    return others[0] if others else None


def char_span(doc: Doc, span: tuple[int, int] | None) -> tuple[int, int] | None:
    if span is None or span[1] <= span[0]:
        return None
    return doc[span[0]].idx, doc[span[1] - 1].idx + len(doc[span[1] - 1].text)


def clause_span(token: Token) -> tuple[int, int]:
    return trim(token.doc, token.left_edge.i, token.right_edge.i + 1)

